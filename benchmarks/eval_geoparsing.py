"""Score geoparsers on the public geoparsing corpora in ../shared/benchmarks/geoparsing.

Usage (from the repository root)::

    python benchmarks/eval_geoparsing.py --corpus GWN LGL \
        --systems geo_events,spacy_pop,flashgeotext [--limit N] [--n-process 2] \
        [--json out.json] [--errors errors.tsv]

Prints one table per corpus with a row per system: documents, gold toponyms, counted predictions,
precision/recall/F1 (overlap matching), the number of matched toponyms with gold coordinates
(``res``), accuracy@161 km, mean and median error (km), AUC of the log-error curve (lower is better)
and the gazetteer ceiling (share of gold places some gazetteer candidate reaches within 161 km).
Definitions: :mod:`geo_events.evaluation.scoring`; gold toponym policy per corpus:
:mod:`geo_events.evaluation.corpora`.

Which ``geo_events`` mentions count: roles ``toponym``, ``metonym``, ``modifier`` ("Moscow-backed")
and ``embedded`` (a place inside an organisation's name), which these corpora annotate as toponyms;
``demonym`` too on corpora that annotate demonyms as toponyms (LGL, TR-News). ``institution``
("the Kremlin") never counts. WikToR annotates one toponym per article, so its
precision is not computed and, unless ``--limit`` says otherwise, its first
:data:`WIKTOR_DEFAULT_LIMIT` articles are used.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from geo_events.errors import GeoEventsError
from geo_events.evaluation.baselines import SYSTEMS, population_gazetteer
from geo_events.evaluation.corpora import CORPORA, CorpusSpec, read_corpus
from geo_events.evaluation.scoring import (
    ErrorItem,
    Prediction,
    Scores,
    gazetteer_ceiling,
    score_corpus,
)

WIKTOR_DEFAULT_LIMIT = 500
COUNTED_ROLES = frozenset({"toponym", "metonym", "modifier", "embedded"})


def counted_roles(spec: CorpusSpec) -> frozenset[str]:
    """Mention roles that count as toponym predictions on this corpus."""
    return COUNTED_ROLES | {"demonym"} if spec.demonyms_are_toponyms else COUNTED_ROLES


def _fmt(value, digits: int = 3) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def _row(system: str, s: Scores, docs_per_s: float) -> str:
    return (f"{system:<13}{s.docs:>6}{s.gold:>7}{s.predicted:>7} {_fmt(s.precision):>6}"
            f" {_fmt(s.recall):>6} {_fmt(s.f1):>6}{s.resolved:>7} {_fmt(s.accuracy_161):>7}"
            f" {_fmt(s.mean_km, 0):>7} {_fmt(s.median_km, 1):>7} {_fmt(s.auc):>6}"
            f" {_fmt(s.ceiling):>7} {docs_per_s:>7.1f}")


HEADER = (f"{'system':<13}{'docs':>6}{'gold':>7}{'pred':>7} {'P':>6} {'R':>6} {'F1':>6}"
          f"{'res':>7} {'acc161':>7} {'meankm':>7} {'medkm':>7} {'AUC':>6} {'ceiling':>7}"
          f" {'docs/s':>7}")


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", nargs="+", default=["GWN", "LGL"],
                   help=f"corpora to score (default GWN LGL; known: {' '.join(CORPORA)})")
    p.add_argument("--systems", default="geo_events,spacy_pop,flashgeotext",
                   help="comma-separated systems (default: %(default)s)")
    p.add_argument("--limit", type=int, default=None,
                   help="use only the first N documents of each corpus "
                        f"(WikToR defaults to {WIKTOR_DEFAULT_LIMIT})")
    p.add_argument("--n-process", type=int, default=1,
                   help="processes for systems that parallelise (spaCy nlp.pipe style)")
    p.add_argument("--shared", default=None, help="shared folder (default $GEO_EVENTS_SHARED or "
                                                   "<repo>/../shared)")
    p.add_argument("--strict-coordinates", action="store_true",
                   help="score resolution by coordinates only (by default a prediction with the "
                        "gold's GeoNames id counts as 0 km)")
    p.add_argument("--json", dest="json_out", help="write all figures to this JSON file")
    p.add_argument("--errors", help="write false positives / negatives / far resolutions (TSV)")
    p.add_argument("--top", type=int, default=15,
                   help="with --errors, print the N most frequent surfaces per error kind")
    return p.parse_args(argv)


def _make_systems(names: list[str]):
    systems = []
    for name in names:
        if name not in SYSTEMS:
            raise SystemExit(f"unknown system {name!r}; choose from {', '.join(SYSTEMS)}")
        try:
            systems.append(SYSTEMS[name]())
        except ImportError as exc:
            print(f"# skipping {name}: {exc}", file=sys.stderr)
    return systems


def _filter(preds: list[list[Prediction]], roles: frozenset[str]) -> list[list[Prediction]]:
    return [[p for p in doc if p.role in roles] for doc in preds]


def recall_by_kind(docs, errors: list[ErrorItem], top: int = 8) -> dict[str, tuple[float, int]]:
    """Recall per gold type (GWN type, LGL/TR-News feature code) for the ``top`` most frequent
    types: ``{type: (recall, gold count)}``; empty when the corpus has no types."""
    totals = Counter(g.kind for d in docs for g in d.toponyms if g.kind)
    missed = Counter(e.gold.kind for e in errors if e.kind == "fn" and e.gold and e.gold.kind)
    return {k: (1 - missed[k] / n, n) for k, n in totals.most_common(top)}


def _write_errors(path: str, rows: list[tuple[str, str, ErrorItem]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["corpus", "system", "kind", "doc", "start", "end", "surface", "gold_kind",
                    "gold_lat", "gold_lon", "pred_name", "pred_role", "pred_lat", "pred_lon",
                    "km", "context"])
        for corpus, system, e in rows:
            g, p = e.gold, e.predicted
            w.writerow([corpus, system, e.kind, e.doc_id, e.start, e.end, e.surface,
                        g.kind if g else "", g.lat if g else "", g.lon if g else "",
                        p.name if p else "", p.role if p else "",
                        _fmt(p.lat, 4) if p and p.lat is not None else "",
                        _fmt(p.lon, 4) if p and p.lon is not None else "",
                        _fmt(e.km, 0) if e.km is not None else "", e.context])


def _print_top(system: str, corpus: str, errors: list[ErrorItem], top: int) -> None:
    for kind, label in (("fn", "missed (false negatives)"), ("fp", "false positives"),
                        ("far", "resolved > 161 km")):
        items = [e for e in errors if e.kind == kind]
        if not items:
            continue
        if kind == "far":
            counts = Counter(f"{e.surface} -> {e.predicted.name or '?'}" for e in items)
        else:
            counts = Counter(e.surface for e in items)
        common = ", ".join(f"{s} ({n})" for s, n in counts.most_common(top))
        print(f"  {system} on {corpus}: {len(items)} {label}; top: {common}")


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    systems = _make_systems([s.strip() for s in args.systems.split(",") if s.strip()])
    if not systems:
        print("no system could be loaded", file=sys.stderr)
        return 2
    gaz = population_gazetteer()
    print(f"# gazetteer for the baselines and the ceiling: {gaz.name}")
    rule = ("coordinates only" if args.strict_coordinates
            else "same GeoNames id = 0 km, else coordinates")
    print(f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, n_process={args.n_process}, "
          f"resolution: {rule}")
    results: dict[str, dict[str, dict]] = {}
    error_rows: list[tuple[str, str, ErrorItem]] = []
    for name in args.corpus:
        try:
            corpus = read_corpus(name, args.shared)
        except GeoEventsError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        spec = corpus.spec
        limit = args.limit
        if limit is None and spec.name == "WikToR":
            limit = WIKTOR_DEFAULT_LIMIT
        docs = corpus.documents[:limit] if limit else corpus.documents
        print(f"\n== {spec.name}: {spec.description}; {len(docs)} of {len(corpus.documents)} docs"
              f"{' (first N, deterministic sample)' if len(docs) < len(corpus.documents) else ''}"
              f"; spans: {corpus.offsets}")
        if not spec.exhaustive:
            print("   not exhaustive: precision/F1 not computed, only matched predictions count")
        print(HEADER)
        texts = [d.text for d in docs]
        roles = counted_roles(spec)
        results[spec.name] = {}
        for system in systems:
            t0 = time.perf_counter()
            preds = _filter(system.predict_many(texts, n_process=args.n_process), roles)
            elapsed = time.perf_counter() - t0
            errors: list[ErrorItem] = []
            scores = score_corpus(docs, preds, spec.exhaustive, errors, args.strict_coordinates)
            scores.ceiling = gazetteer_ceiling(docs, system.candidate_points,
                                               strict=args.strict_coordinates)
            print(_row(system.name, scores, len(docs) / elapsed if elapsed else 0.0))
            results[spec.name][system.name] = {**scores.to_dict(), "seconds": elapsed,
                                               "roles": sorted(roles)}
            error_rows.extend((spec.name, system.name, e) for e in errors)
            if not args.strict_coordinates:
                # The coordinates-only figures, as most published tables report them.
                strict = score_corpus(docs, preds, spec.exhaustive, strict=True)
                results[spec.name][system.name]["strict_coordinates"] = {
                    "accuracy_161": strict.accuracy_161, "mean_km": strict.mean_km,
                    "median_km": strict.median_km, "auc": strict.auc}
                print(f"{'':13}coordinates only: acc161 {_fmt(strict.accuracy_161)}, "
                      f"mean {_fmt(strict.mean_km, 0)} km, median {_fmt(strict.median_km, 1)} km,"
                      f" AUC {_fmt(strict.auc)}")
            by_kind = recall_by_kind(docs, errors)
            if by_kind:
                results[spec.name][system.name]["recall_by_kind"] = by_kind
                print(f"{'':13}recall by gold type: " + ", ".join(
                    f"{k} {r:.2f} ({n})" for k, (r, n) in by_kind.items()))
    if args.errors:
        _write_errors(args.errors, error_rows)
        print(f"\n# errors written to {args.errors} ({len(error_rows)} rows)")
        for corpus_name in results:
            for system in systems:
                _print_top(system.name, corpus_name,
                           [e for c, s, e in error_rows if c == corpus_name and s == system.name],
                           args.top)
    if args.json_out:
        Path(args.json_out).write_text(json.dumps({"gazetteer": gaz.name, "results": results},
                                                  indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
