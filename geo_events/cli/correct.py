"""``geo-events correct``: reject, change or add events in a store; list the corrections."""

from __future__ import annotations

import argparse
import json
import sys

from geo_events.cli.timeline import _clean
from geo_events.errors import InputError
from geo_events.store import EventStore

EPILOG = """\
one event:
  geo-events correct --store S EVENT_ID --reject --note "the village is in another oblast"
  geo-events correct --store S EVENT_ID --set gain=UA --set place=gn:712926 --note "..."
  geo-events correct --store S EVENT_ID --restore --note "rejected by mistake"
  geo-events correct --store S EVENT_ID --accept --note "checked against the video"
an event made by hand (no EVENT_ID; place, kind and date required; prints its new id):
  geo-events correct --store S --add --set place=gn:704204 --set kind=capture \\
      --set gain=UA --set loss=RU --set date=2022-10-01 --set source="ISW 2022-10-01" \\
      --note "missing from the articles"
a filled-in review file (geo-events export --store S --format review -o review.csv):
  geo-events correct --store S --from review.csv
the corrections made so far:
  geo-events correct --store S --list [--json]

settings (--set KEY=VALUE, repeatable):
  place=ID     a gazetteer place id (gn:712926, adm1:UA.14) or one already in the store
  gain=SIDE    side ids of the event's conflict profile (UA, RU, SAF, RSF ...); none clears
  loss=SIDE
  gain_actor=TEXT  a gaining party outside the profile
  kind=KIND    capture, recapture, withdrawal, transfer, held, contested, advance, ...
  status=S     reported, claimed, denied, disputed, assessed, unverified
  date=D       YYYY-MM-DD, YYYY-MM, or YYYY-MM-DD..YYYY-MM-DD
  with --add also: source=TEXT, sentence=TEXT (evidence; default the note),
  profile=NAME, confidence=0..1 (default 1)

review decisions (the decision column): accept | reject | restore |
  set KEY=VALUE; KEY=VALUE | add KEY=VALUE; ... (on a row with an empty event_id)

Corrections are stored in the store's "corrections" layer with the note and the UTC time;
the events themselves are never edited. Every output (map, timeline, export) applies them, and
a rerun of the same corpus keeps them. Event ids are in the review export, `map` popups and
`timeline --json`.

exit status: 0 done, 1 some rows of --from failed (listed by line; the others were applied),
2 unusable arguments (unknown event id, bad setting, missing store).
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "correct", help="reject, change or add events in a store (also from a review CSV)",
        description="Correct the events of a store before publishing: reject one, change its "
                    "place, sides, kind, status or date, or add one by hand.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--store", required=True, metavar="PATH", help="event store (GeoPackage)")
    p.add_argument("event_id", nargs="?", metavar="EVENT_ID", help="id of the event to correct")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--reject", action="store_true", help="leave the event out of every output")
    what.add_argument("--restore", action="store_true", help="undo a rejection")
    what.add_argument("--accept", action="store_true",
                      help="record that the event was checked and is right")
    what.add_argument("--add", action="store_true",
                      help="add an event made by hand (fields with --set)")
    what.add_argument("--from", dest="from_file", metavar="CSV",
                      help="apply the decisions of a filled-in review CSV")
    what.add_argument("--list", action="store_true", help="list the corrections made so far")
    p.add_argument("--set", dest="settings", action="append", default=[], metavar="KEY=VALUE",
                   help="a field to change (repeatable; see below)")
    p.add_argument("--note", default="", help="why (kept with the correction)")
    p.add_argument("--json", action="store_true", help="with --list: one JSON object a line")
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    if args.list:
        _no_extra(args, "--list")
        with EventStore(args.store, create=False) as store:
            return _list(store, args.json)
    if args.from_file:
        _no_extra(args, "--from")
        with EventStore(args.store, create=False) as store:
            return _from_file(store, args.from_file)
    if args.add:
        if args.event_id:
            raise InputError("--add makes a new event: give no EVENT_ID")
    elif not args.event_id:
        raise InputError("give an EVENT_ID (or --add, --from CSV, --list)")
    elif not (args.reject or args.restore or args.accept or args.settings):
        raise InputError(f"say what to do with {args.event_id}: --reject, --restore, --accept "
                         "or --set KEY=VALUE")
    if not args.note.strip():
        raise InputError("give a --note saying why (it is kept with the correction)")
    with EventStore(args.store, create=False) as store:
        c = store.correct(args.event_id, reject=args.reject, restore=args.restore,
                          accept=args.accept, add=args.add, settings=args.settings,
                          note=args.note.strip())
    print(f"{c.event_id}: {c.summary()} ({c.corrected_at})")
    return 0


def _no_extra(args: argparse.Namespace, option: str) -> None:
    if args.event_id or args.settings or args.note:
        raise InputError(f"{option} takes no EVENT_ID, --set or --note")


def _from_file(store: EventStore, path: str) -> int:
    from geo_events.review import read_review

    result = read_review(store, path)
    for line, reason in result.failures:
        print(f"geo-events correct: {path}:{line}: {reason}", file=sys.stderr)
    store.add_corrections(c for _, c in result.corrections)
    print(f"applied {len(result.corrections)} correction(s) from {path}; "
          f"{len(result.failures)} row(s) failed; {result.skipped} row(s) without a decision")
    return 1 if result.failures else 0


def _list(store: EventStore, as_json: bool) -> int:
    events = store.current_events()
    corrections = store.corrections()
    if not corrections and not as_json:
        print(f"no corrections in {store.path}")
    for c in corrections:
        e = events.get(c.event_id)
        if as_json:
            print(json.dumps({**c.to_dict(), "place_name": e.place.name if e else None,
                              "kind": e.kind if e else None}, ensure_ascii=False, default=str))
            continue
        what = f"{e.kind} at {_clean(e.place.name, 80)}" if e else "(event not in the store)"
        note = f"  # {_clean(c.note)}" if c.note else ""
        print(f"{c.corrected_at}  {c.event_id}  {_clean(c.summary())}  [{what}]{note}")
    return 0
