"""``geo-events events FILE... [--published DATE] [--profile NAME] [--language CODE] [--json]
[--explain]`` and ``geo-events events --jsonl`` (one JSON document per stdin line)."""

from __future__ import annotations

import argparse
import json
import re
import sys

from geo_events.cli._common import dump_json, parse_date
from geo_events.cli._inputs import InputReporter, read_inputs
from geo_events.errors import GeoEventsError, InputError

EPILOG = """\
inputs: the same as `geo-events run`: folders, .txt (front matter or NAME.json sidecar with
published/source), .html, .jsonl, .csv; a wire dateline ("KYIV, Sept 10 (Reuters) -") dates a
document that nothing else dates, and the command says so; undated documents are warned about.
--jsonl reads {"id", "text", "published"?, "source"?} per stdin line and writes one line per
document: {"id": ..., "events": [Event, ...]}; a bad line gets {"id": ..., "error": "..."} and
the run goes on. --profile takes a shipped profile name, a profile .json path, "auto" (detect
it from each text; the default) or "none" (no sides: events carry the actor text).
--language CODE reads the texts with the spaCy pipeline and language pack of that language
(default: the profile's "language", else English); a language without a pack is an error
(exit 2) naming the files to add (docs/languages.md).
--explain prints under each event the rules that made it and set its status (its
"provenance"), then the candidates that made no event with the rule that dropped each (JSON:
a "dropped" list beside "events").

exit status: 0 all inputs processed, 1 some inputs failed (reported), 2 bad arguments.
"""

_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f]+")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "events", help="extract control changes, claims and attacks from articles",
        description="Extract events (who gained, lost, claimed or attacked which place, when, "
                    "how sure) from text files, or with --jsonl from JSON lines on stdin. "
                    "With several files, a village name several villages of an oblast bear is "
                    "settled by the other files' events of the same days (--jsonl streams one "
                    "document at a time and does not).",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("files", nargs="*", metavar="INPUT",
                   help="article files or folders (.txt, .html, .jsonl, .csv)")
    p.add_argument("--jsonl", action="store_true", help="read JSON lines from stdin")
    p.add_argument("--json", action="store_true", help="JSON output for FILE arguments")
    p.add_argument("--published", metavar="YYYY-MM-DD",
                   help="publication date of every input document, overriding their own "
                        "(anchors 'on Saturday')")
    p.add_argument("--source", help="source name recorded on the events of FILE arguments")
    p.add_argument("--profile", default="auto",
                   help="conflict profile: name, .json path, 'auto' (default) or 'none'")
    p.add_argument("--language", metavar="CODE",
                   help="language of the texts (a language pack: 'en'); default: the "
                        "profile's, else English")
    p.add_argument("--explain", action="store_true",
                   help="show the rules behind each event and the dropped candidates")
    p.set_defaults(func=run)


def _profile_arg(value: str | None):
    from geo_events.events.profiles import load_profile

    if value in (None, "", "auto"):
        return None
    if value == "none":
        return "none"
    return load_profile(value)  # fail early (exit 2) on an unknown profile


def run(args: argparse.Namespace) -> int:
    from geo_events.language import language_pack

    profile = _profile_arg(args.profile)
    if args.language:
        language_pack(args.language)  # fail early (exit 2) on a language without a pack
    if args.jsonl:
        if args.files:
            raise InputError("--jsonl reads stdin; do not also give FILE arguments")
        return _run_jsonl(profile, args.explain, args.language)
    if not args.files:
        raise InputError("give one or more article files or folders, or --jsonl to read JSON "
                         "lines on stdin")
    return _run_files(args, profile)


def _clean(text: str | None, limit: int = 160) -> str:
    """A terminal-safe single line (article text must not move the cursor)."""
    s = _CONTROL_CHARS.sub(" ", text or "").strip()
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _run_files(args: argparse.Namespace, profile) -> int:
    from geo_events.events import extract_events, settle_namesakes

    published = parse_date(args.published, "--published")
    read = read_inputs(args.files, "events", published=published)
    results = []
    per_doc: list[tuple[str, list]] = []
    dropped: dict[str, list] = {}
    for doc in _progress(read.documents, "geo-events events"):
        a = doc.article
        kw = dict(published=a.published, source=args.source or a.source or doc.origin,
                  profile=profile, article_id=a.id or doc.origin, language=args.language)
        if args.explain:
            result = extract_events(a.text, **kw, explain=True)
            dropped[doc.origin] = result.dropped
            per_doc.append((doc.origin, result.events))
        else:
            per_doc.append((doc.origin, extract_events(a.text, **kw)))
    # namesake villages decided by the other documents' events of the same days
    settled = iter(settle_namesakes([e for _o, events in per_doc for e in events]))
    for origin, events in per_doc:
        events = [next(settled) for _ in events]
        if args.json:
            record = {"id": origin, "events": [e.to_dict() for e in events]}
            if args.explain:
                record["dropped"] = [d.to_dict() for d in dropped[origin]]
            results.append(record)
            continue
        print(f"# {_clean(origin)}: {len(events)} event(s)")
        for e in events:
            when = (f"{e.date_from}..{e.date_to}" if e.date_from != e.date_to
                    else str(e.date_from))
            side = e.gain or e.gain_actor or "-"
            print(f"{e.kind:<16} {_clean(e.place.name, 40):<24} gain={side:<8} "
                  f"loss={e.loss or '-':<6} {when} ({e.date_precision}) {e.status} "
                  f"{e.confidence:.2f}  {e.place.id}")
            print(f"    \"{_clean(e.sentence)}\"")
            if args.explain:
                print(f"    because: {_clean(', '.join(e.provenance), 300)}")
        if args.explain:
            _print_dropped(dropped[origin])
    if args.json:
        dump_json(results[0] if len(results) == 1 else results)
    return 1 if read.failed else 0


def _progress(items, desc: str):
    from geo_events.progress import progress

    return progress(items, desc=desc, unit="doc")


def _print_dropped(dropped: list) -> None:
    """The candidates that made no event, each with the rule that dropped it (those with no
    place in their slot are only counted; ``--json`` lists them all)."""
    placeless = sum(1 for d in dropped if d.rule == "veto.no_place")
    print(f"# dropped candidates: {len(dropped)}"
          + (f" ({placeless} with no place in their slot, not listed)" if placeless else ""))
    for d in dropped:
        if d.rule == "veto.no_place":
            continue
        places = ", ".join(d.places) or "-"
        print(f"  {d.kind:<16} {_clean(d.trigger, 20):<12} {_clean(places, 40):<24} "
              f"dropped by {d.rule}")
        print(f"    \"{_clean(d.sentence)}\"")


def _run_jsonl(profile, explain: bool = False, language: str | None = None) -> int:
    from geo_events.cli._inputs import jsonl_stdin
    from geo_events.events import extract_events
    from geo_events.readers import ReadFailure

    failed = 0
    out = sys.stdout
    report = InputReporter("events")
    for ident, item in jsonl_stdin():
        line = item.origin.rsplit(":", 1)[-1]
        record: dict
        if isinstance(item, ReadFailure):
            if report.failure(item):
                failed += 1
                record = {"id": ident, "error": f"line {line}: {item.reason}"}
            else:  # an empty text: warned, no events
                record = {"id": ident, "events": []}
        else:
            report.document(item)
            a = item.article
            try:
                kw = dict(published=a.published, source=a.source, profile=profile,
                          article_id=str(ident), language=language)
                if explain:
                    result = extract_events(a.text, **kw, explain=True)
                    record = {"id": ident, "events": [e.to_dict() for e in result.events],
                              "dropped": [d.to_dict() for d in result.dropped]}
                else:
                    events = extract_events(a.text, **kw)
                    record = {"id": ident, "events": [e.to_dict() for e in events]}
            except GeoEventsError as exc:
                failed += 1
                record = {"id": ident, "error": f"line {line}: {exc}"}
                print(f"geo-events events: {record['error']}", file=sys.stderr)
        out.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
        out.flush()
    report.finish()
    return 1 if failed else 0
