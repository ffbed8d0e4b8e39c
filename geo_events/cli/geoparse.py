"""``geo-events geoparse FILE... [--json]`` and ``geo-events geoparse --jsonl`` (stdin)."""

from __future__ import annotations

import argparse
import json
import sys

from geo_events.cli._common import dump_json, parse_date
from geo_events.cli._inputs import InputReporter, read_inputs


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "geoparse", help="find and resolve the places in articles",
        description="Find and resolve every place in the given article files or folders (the "
        "same inputs as `geo-events run`: .txt with front matter or sidecar, .html, .jsonl, "
        ".csv), or with --jsonl in "
        'one JSON document per stdin line ({"id", "text", "published"?}), writing one line per '
        'document: {"id": ..., "places": [Mention, ...]} (or {"id": ..., "error": ...}). '
        "Exit status: 0 all inputs processed, 1 some failed (reported), 2 bad arguments.")
    p.add_argument("files", nargs="*", metavar="INPUT",
                   help="article files or folders (.txt, .html, .jsonl, .csv)")
    p.add_argument("--published", metavar="YYYY-MM-DD",
                   help="publication date of every input document, overriding their own")
    p.add_argument("--jsonl", action="store_true", help="read JSON lines from stdin")
    p.add_argument("--json", action="store_true", help="JSON output for FILE arguments")
    p.add_argument("--n-process", type=int, default=1,
                   help="worker processes for --jsonl (default 1)")
    p.add_argument("--batch-size", type=int, default=16, help="documents per batch")
    p.add_argument("--model", help="spaCy pipeline name or path (default en_core_web_sm)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from geo_events.errors import InputError

    if args.jsonl:
        if args.files:
            raise InputError("--jsonl reads stdin; do not also give FILE arguments")
        return _run_jsonl(args)
    if not args.files:
        raise InputError("give one or more article files or folders, or --jsonl to read JSON "
                         "lines on stdin")
    return _run_files(args)


def _run_files(args: argparse.Namespace) -> int:
    from geo_events.geoparse import geoparse, get_nlp
    from geo_events.progress import progress

    read = read_inputs(args.files, "geoparse",
                       published=parse_date(args.published, "--published"))
    nlp = get_nlp(args.model) if read.documents else None
    results = []
    for doc in progress(read.documents, desc="geo-events geoparse"):
        mentions = geoparse(doc.article.text, doc.article.published, nlp=nlp)
        if args.json:
            results.append({"id": doc.origin, "places": [m.to_dict() for m in mentions]})
        else:
            print(f"# {doc.origin}")
            for m in mentions:
                p = m.place
                print(f"{m.start:>6}-{m.end:<6} {m.surface!r:<28} {m.role:<9} -> {p.name} "
                      f"({p.level}, {p.admin1_name or '-'}, {p.country_code or '-'}) "
                      f"{p.id} score {m.score:.2f}")
    if args.json:
        dump_json(results[0] if len(results) == 1 else results)
    return 1 if read.failed else 0


def _run_jsonl(args: argparse.Namespace) -> int:
    from geo_events.cli._inputs import jsonl_stdin
    from geo_events.geoparse import geoparse_many
    from geo_events.readers import Document, ReadFailure

    report = InputReporter("geoparse")
    records = list(jsonl_stdin())
    good = [item for _, item in records if isinstance(item, Document)]
    for doc in good:
        report.document(doc)
    results = iter(geoparse_many([d.article.text for d in good], n_process=args.n_process,
                                 batch_size=args.batch_size, model=args.model))
    failed = 0
    out = sys.stdout
    for ident, item in records:
        record: dict
        if isinstance(item, ReadFailure):
            line = item.origin.rsplit(":", 1)[-1]
            if report.failure(item):
                failed += 1
                record = {"id": ident, "error": f"line {line}: {item.reason}"}
            else:  # an empty text: warned, no places
                record = {"id": ident, "places": []}
        else:
            record = {"id": ident, "places": [m.to_dict() for m in next(results)]}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    out.flush()
    report.finish()
    return 1 if failed else 0
