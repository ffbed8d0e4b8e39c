"""Event extraction time against document length: is it linear, like geoparsing?

Usage (from the repository root)::

    nice python benchmarks/bench_extract_scaling.py [--sizes 1000 2000 4000 8000 16000 32000]
        [--profile russia-ukraine] [--code DIR]

One document per size, of about that many sentences: the development slice of the real
reporting corpora (``../shared/benchmarks/reporting``: Wikipedia articles, then Guardian
articles; the frozen slice of ``benchmarks/eval_reporting.py`` is never used) joined with blank
lines and repeated as needed, else GeoWebNews, else the flagship report. Each size runs in a
fresh process (no cache carried over from a smaller size), after the pipeline, the gazetteer and
the codifier are loaded and warmed up, and measures in the same run:

* geoparse: :func:`geo_events.geoparse.parse` of the whole document;
* events: :func:`geo_events.events.events_of_parsed` on that parse (what ``extract_events``,
  the ``events`` / ``map`` / ``run`` commands and the spaCy component run after geoparsing).

Prints, per size: sentences (as the parser splits them), seconds of each, events
milliseconds per sentence (flat when linear) and the ratio (geoparse + events) / geoparse.
``--code DIR`` runs another checkout's code (a whole checkout, e.g. an older commit exported
with ``git archive``) on the same documents, for a before/after comparison; its gazetteer
index must exist already (the benchmark stops rather than build one).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

PUBLISHED = "2023-07-26"

CHILD = r"""
import json, sys, time
from datetime import date
code, path, profile, day = sys.argv[1:5]
sys.path.insert(0, code)
import geo_events
assert geo_events.__file__.startswith(code), geo_events.__file__
from geo_events.events.profiles import load_profile
from geo_events.gazetteer import get_gazetteer
from geo_events.geoparse import get_nlp, parse
try:
    from geo_events.events.api import events_of_parsed
except ImportError:  # code from before the one orchestration path
    from geo_events.events.extract import extract_from_parsed

    def events_of_parsed(parsed, published, source, profile, progress=False):
        return extract_from_parsed(parsed.doc, parsed.mentions, published, source, profile,
                                   gazetteer=get_gazetteer())
from geo_events.gazetteer.cache import index_dir
if not index_dir().exists():  # never build (and replace) a gazetteer index from a benchmark
    sys.exit(f"no gazetteer index for the code in {code} ({index_dir()}); build it first "
             "with `geo-events gazetteer` from that checkout")
text = open(path, encoding="utf-8").read()
published = date.fromisoformat(day)
prof = load_profile(profile)
get_nlp()
get_gazetteer()
warm = parse("Russian forces captured the village of Novoselivka, Donetsk, on 3 May.", published)
events_of_parsed(warm, published, None, prof)  # loads the lexicon and the codifier
t0 = time.perf_counter()
try:
    parsed = parse(text, published, progress=False)
except TypeError:  # code from before the progress bars
    parsed = parse(text, published)
t1 = time.perf_counter()
events = events_of_parsed(parsed, published, "bench", prof, progress=False)
t2 = time.perf_counter()
print(json.dumps({"sentences": sum(1 for _ in parsed.doc.sents), "chars": len(text),
                  "geoparse": t1 - t0, "events": t2 - t1, "n_events": len(events)}))
"""

#: A cheap sentence split, to cut documents near a number of sentences (the parser's own count
#: is printed).
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*")


def _documents() -> list[str]:
    from geo_events.errors import DataFileError

    shared = Path(os.environ.get("GEO_EVENTS_SHARED", REPO.parent / "shared")) / "benchmarks"
    folder = shared / "reporting"
    if folder.is_dir():
        sys.path.insert(0, str(REPO / "benchmarks"))
        from eval_reporting import is_frozen

        docs = []
        for name in ("wikipedia_ukraine_war_articles_2023-07.jsonl", "guardian_2022.jsonl"):
            with open(folder / name, encoding="utf-8") as f:
                for line in f:
                    d = json.loads(line)
                    if not is_frozen(str(d["id"])):
                        docs.append(d["text"])
        return docs
    try:
        from geo_events.evaluation.corpora import load_corpus

        return [d.text for d in load_corpus("GWN")]
    except (DataFileError, OSError) as exc:  # no shared corpus here: fall back, say so
        print(f"no shared corpus ({exc}); using the flagship report", file=sys.stderr)
        return [(REPO / "examples" / "flagship.txt").read_text(encoding="utf-8")]


def document(docs: list[str], sentences: int) -> str:
    """About ``sentences`` sentences of ``docs`` in order (repeated when needed), joined by
    blank lines; the last document is cut at a sentence end."""
    parts: list[str] = []
    n = 0
    while n < sentences:
        for d in docs:
            ends = [m.end() for m in _SENTENCE_END.finditer(d)] + [len(d)]
            if n + len(ends) > sentences:
                parts.append(d[:ends[sentences - n - 1]].rstrip())
                return "\n\n".join(parts)
            parts.append(d)
            n += len(ends)
    return "\n\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 4000, 8000, 16000,
                                                              32000],
                    help="document sizes in sentences")
    ap.add_argument("--profile", default="russia-ukraine", help="conflict profile")
    ap.add_argument("--code", type=Path, default=REPO,
                    help="checkout whose geo_events is measured (default: this one)")
    args = ap.parse_args(argv)
    docs = _documents()
    code = str(args.code.resolve())
    print(f"code: {code}; profile {args.profile}; published {PUBLISHED}")
    print(f"{'sentences':>9} {'chars':>10} {'geoparse s':>10} {'events s':>9} "
          f"{'events ms/sent':>14} {'events':>7} {'(geo+ev)/geo':>12}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            path = Path(tmp) / f"doc_{size}.txt"
            path.write_text(document(docs, size), encoding="utf-8")
            env = {**os.environ, "GEO_EVENTS_NO_PROGRESS": "1"}
            out = subprocess.run([sys.executable, "-c", CHILD, code, str(path), args.profile,
                                  PUBLISHED],
                                 check=True, capture_output=True, text=True, cwd=tmp, env=env)
            r = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"{r['sentences']:>9,} {r['chars']:>10,} {r['geoparse']:>10.1f} "
                  f"{r['events']:>9.1f} {1000 * r['events'] / r['sentences']:>14.2f} "
                  f"{r['n_events']:>7,} {(r['geoparse'] + r['events']) / r['geoparse']:>12.2f}",
                  flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
