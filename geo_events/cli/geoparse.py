"""``geo-events geoparse FILE... [--json]`` and ``geo-events geoparse --jsonl`` (stdin)."""

from __future__ import annotations

import argparse
import json
import sys

from geo_events.cli._common import dump_json, jsonl_documents, read_text_files


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "geoparse", help="find and resolve the places in articles",
        description="Find and resolve every place in the given text files, or with --jsonl in "
        'one JSON document per stdin line ({"id", "text", "published"?}), writing one line per '
        'document: {"id": ..., "places": [Mention, ...]} (or {"id": ..., "error": ...}). '
        "Exit status: 0 all inputs processed, 1 some failed (reported), 2 bad arguments.")
    p.add_argument("files", nargs="*", help="UTF-8 text files (Latin-1 accepted)")
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
        raise InputError("give one or more text files, or --jsonl to read JSON lines on stdin")
    return _run_files(args)


def _run_files(args: argparse.Namespace) -> int:
    from geo_events.geoparse import geoparse, get_nlp

    nlp = get_nlp(args.model)
    failed = 0
    results = []
    for path, text, error in read_text_files(args.files, "geoparse"):
        if error is not None:
            failed += 1
            results.append({"id": path, "error": error})
            continue
        mentions = geoparse(text, nlp=nlp)
        if args.json:
            results.append({"id": path, "places": [m.to_dict() for m in mentions]})
        else:
            print(f"# {path}")
            for m in mentions:
                p = m.place
                print(f"{m.start:>6}-{m.end:<6} {m.surface!r:<28} {m.role:<9} -> {p.name} "
                      f"({p.level}, {p.admin1_name or '-'}, {p.country_code or '-'}) "
                      f"{p.id} score {m.score:.2f}")
    if args.json:
        dump_json(results[0] if len(results) == 1 else results)
    return 1 if failed else 0


def _run_jsonl(args: argparse.Namespace) -> int:
    from geo_events.geoparse import geoparse_many

    records = list(jsonl_documents(sys.stdin))
    good = [(n, doc) for n, doc, err in records if err is None]
    texts = [doc["text"] for _, doc in good]
    results = iter(geoparse_many(texts, n_process=args.n_process, batch_size=args.batch_size,
                                 model=args.model))
    failed = 0
    out = sys.stdout
    for n, doc, err in records:
        ident = doc.get("id", n) if isinstance(doc, dict) else n
        if err is not None:
            failed += 1
            out.write(json.dumps({"id": ident, "error": err}, ensure_ascii=False) + "\n")
            continue
        mentions = next(results)
        out.write(json.dumps({"id": ident, "places": [m.to_dict() for m in mentions]},
                             ensure_ascii=False) + "\n")
    out.flush()
    return 1 if failed else 0
