"""``geo-events timeline``: a place's reported control history from the event store."""

from __future__ import annotations

import argparse
import json
import re
from datetime import date

from geo_events.cli._common import (
    add_control_options,
    baseline_option,
    control_rules_option,
    iso_date,
)
from geo_events.errors import InputError
from geo_events.store import EventStore

EPILOG = """\
The history is built by the control timeline from every event in the store (extracted and
imported), weighed by the rules of geo_events/data/control_rules.json (docs/control.md): each
line is a change of state (held by a side, claimed, contested, unknown) with the reports behind
it. A claim alone shows as "claimed" and moves control only when confirmed; a denial cancels it.
With a profile, its starting state (e.g. Crimea held by RU since 2014) counts unless --no-start;
--baseline FILE adds your own polygons (side, date) that reporting then updates.

--explain prints every piece of evidence with the rule that weighed it, its weight, and the
status on --as-of with its confidence (halved every half_life_days without new evidence).

--place takes a name ("Irpin", case-insensitive, accents ignored) or a place id (gn:701404,
adm1:UA.14, pt:50.5200,30.2500). Every spelling finds the place: the gazetteer's ("Kupyansk"),
the articles' own (stored as place_text: "Kupiansk") and the gazetteer's alternate names.
An ambiguous name lists the matching ids.

exit status: 0 printed, 2 unusable arguments (unknown place, missing store).
"""

_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f]+")
MAX_EVIDENCE = 3


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "timeline", help="print a place's reported control history from the event store",
        description="Print the status history of one place (who reportedly controls it since "
                    "when, according to which reports).",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--store", required=True, metavar="PATH", help="event store (GeoPackage)")
    p.add_argument("--place", required=True, metavar="NAME", help="place name or id")
    p.add_argument("--profile", metavar="NAME",
                   help="conflict profile (a withdrawal gives the place to the opponent)")
    p.add_argument("--as-of", type=iso_date, metavar="YYYY-MM-DD",
                   help="also print the status on this day (default: today)")
    p.add_argument("--min-confidence", type=float, default=0.0, metavar="X",
                   help="ignore events below this confidence (0..1, default 0)")
    p.add_argument("--json", action="store_true", help="print the changes as JSON lines")
    p.add_argument("--explain", action="store_true",
                   help="show every piece of evidence and the rule that weighed it")
    add_control_options(p)
    p.set_defaults(func=main)


def _clean(text: str | None, limit: int = 240) -> str:
    """One terminal-safe line: article text must not move the cursor or recolour the screen."""
    s = _CONTROL_CHARS.sub(" ", text or "").strip()
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _find_place_id(timeline, name: str, spellings: dict[str, set[str]] | None = None) -> str:
    """The place id for ``name``: an id; else a place whose stored name or article spelling
    (``spellings``: id -> names) matches exactly (case-insensitive), else with accents and
    punctuation ignored; else one the gazetteer finds under ``name`` (alternate names,
    transliterations). Raises InputError listing candidates when ambiguous or unknown."""
    from geo_events.gazetteer import normalize_name

    if ":" in name:
        return name
    places = timeline.places()
    known = {p.id for p in places}
    names: dict[str, set[str]] = {p.id: {p.name} for p in places}
    for pid, more in (spellings or {}).items():
        if pid in known:
            names[pid] |= more
    for key_of in (lambda s: s.casefold(), normalize_name):
        key = key_of(name)
        ids = sorted(pid for pid, spelled in names.items()
                     if any(key_of(x) == key for x in spelled))
        if len(ids) == 1:
            return ids[0]
        if ids:
            raise InputError(f"place name {name!r} matches several places ({', '.join(ids)}); "
                             "pass one of these ids to --place")
    ids = _gazetteer_ids(name, known)
    if len(ids) == 1:
        return ids[0]
    if ids:
        raise InputError(f"place name {name!r} matches several places ({', '.join(ids)}); "
                         "pass one of these ids to --place")
    key = normalize_name(name)[:4]
    near = sorted({f"{p.name} ({p.id})" for p in places if normalize_name(p.name)[:4] == key})
    hint = f"; places with similar names: {', '.join(near[:8])}" if near else ""
    raise InputError(f"no control events for a place named {name!r} in the store{hint}")


def _gazetteer_ids(name: str, known: set[str]) -> list[str]:
    """Ids of the store's places that the gazetteer finds under ``name`` (any spelling)."""
    from geo_events.gazetteer import get_gazetteer

    found = get_gazetteer().search(name, limit=50)
    return sorted({c.place.id for c in found} & known)


def main(args: argparse.Namespace) -> int:
    from geo_events.timeline import ControlTimeline

    if not 0.0 <= args.min_confidence <= 1.0:
        raise InputError(f"--min-confidence {args.min_confidence}: give a number in 0..1")
    baseline = baseline_option(args)
    rules = control_rules_option(args)
    with EventStore(args.store, create=False) as store:
        events = store.events()
        spellings = store.place_spellings()
    timeline = ControlTimeline.from_events(events, min_confidence=args.min_confidence,
                                           profile=args.profile, start=not args.no_start,
                                           baseline=baseline, rules=rules)
    place_id = _find_place_id(timeline, args.place, spellings)
    history = timeline.history(place_id)
    if not history:
        raise InputError(f"no control events for place {place_id} in the store")
    place = history[0].place
    day = args.as_of or date.today()
    # an area event's change ("withdrew from Kyiv Oblast" moving the villages in it) has no
    # events of the place itself: its evidence ids are the area's events, shown by their text
    stored = {e.id: e for e in events}
    if args.json:
        for ch in history:
            print(json.dumps({"place_id": place.id, "place_name": place.name,
                              "date": ch.date.isoformat(), "status": ch.status,
                              "previous": ch.previous, "state": ch.state, "side": ch.side,
                              "claimant": ch.claimant, "rules": list(ch.rules),
                              "evidence": [i for _, i, _ in ch.support],
                              "event_ids": [e.id for e in _reports(ch, stored)]},
                             ensure_ascii=False))
        return 0
    where = ", ".join(x for x in (place.admin1_name, place.country_code) if x)
    written = sorted(spellings.get(place.id, set()) - {place.name})
    also = f" (written {', '.join(map(_clean, written))})" if written else ""
    print(f"{_clean(place.name)}{also} ({place.id}{', ' + where if where else ''})")
    for ch in history:
        reports = _reports(ch, stored)
        statuses = ", ".join(sorted({e.status for e in reports}))
        shown = _state_text(ch.state, ch.side, ch.claimant)
        print(f"  {ch.date.isoformat()}  {ch.previous} -> {shown}  "
              f"({len(reports)} report(s){': ' + statuses if statuses else ''}"
              f"{'; rules ' + ', '.join(ch.rules) if args.explain else ''})")
        if args.explain:
            _explain_change(ch, timeline, stored)
            continue
        for e in reports[:MAX_EVIDENCE]:
            print(f"      {e.kind}: \"{_clean(e.sentence)}\"{_meta(e)}{_area_of(e, place)}")
        if len(reports) > MAX_EVIDENCE:
            print(f"      ... and {len(reports) - MAX_EVIDENCE} more")
    now = timeline.status_at(place.id, day)
    since = f" since {now.since.isoformat()}" if now.since else ""
    part = " (a part of the unit: holder-names-part)" if now.extent == "part" else ""
    print(f"  status on {day.isoformat()}: {_state_text(now.state, now.side, now.claimant)}"
          f"{part}{since}" + (f", confidence {now.confidence:.2f} (last evidence "
                        f"{now.last_evidence.isoformat()})" if now.last_evidence else ""))
    if args.explain:
        _explain_rules(timeline)
    return 0


def _state_text(state: str, side: str | None, claimant: str | None) -> str:
    if state == "held":
        return str(side)
    if state == "claimed":
        return f"claimed by {claimant}" + (f" (held by {side})" if side else "")
    return state


def _meta(e) -> str:
    meta = ", ".join(x for x in (_clean(e.source, 60),
                                 e.published.isoformat() if e.published else None) if x)
    return f" [{meta}]" if meta else ""


def _reports(ch, stored: dict) -> tuple:
    """The events behind a change: its own, else (an area event's change of a settlement, a
    known layer) the stored events its evidence ids name, in their order."""
    if ch.events:
        return ch.events
    ids = dict.fromkeys(i for _, i, _ in ch.support)
    return tuple(stored[i] for i in ids if i in stored)


def _area_of(e, place) -> str:
    """" (area event: <area>)" when the event is about another place than ``place``."""
    return f" (area event: {_clean(e.place.name, 60)}, {e.place.id})" \
        if e.place.id != place.id else ""


def _explain_change(ch, timeline, stored: dict | None = None) -> None:
    """Each piece of evidence of a change: date, id, weight, and its sentence or source (an
    area event's sentence from ``stored``, the store's events by id)."""
    by_id = {**(stored or {}), **{e.id: e for e in ch.events}}
    sources = {}
    if timeline.known is not None:
        sources = dict(zip(timeline.known["id"], timeline.known["source"], strict=True))
    for day, eid, weight in ch.support:
        e = by_id.get(eid)
        if e is not None:
            area = _area_of(e, ch.place)
            print(f"      {day.isoformat()} {eid} weight {weight:.2f} {e.kind}/{e.status}: "
                  f"\"{_clean(e.sentence)}\"{_meta(e)}{area}")
        else:
            print(f"      {day.isoformat()} {eid} weight {weight:.2f}: "
                  f"{_clean(sources.get(eid, 'known layer or area event'))}")


def _explain_rules(timeline) -> None:
    from geo_events.control_rules import parameter_docs

    rules = timeline.rules
    print(f"  rules ({rules.path}):")
    for r in rules.rules:
        print(f"    {r.id}: {r.effect}, weight {r.weight:.2f} - {r.doc}")
    for p in rules.part_holding:
        print(f"    {p.id}: part holding - {p.doc}")
    for u in rules.unnamed_change:
        print(f"    {u.id}: unnamed change - {u.doc}")
    docs = parameter_docs(rules)
    for name in ("window_days", "claim_confirm_days", "half_life_days", "area_min_articles",
                 "area_min_report_days", "presume_days", "held_days",
                 "held_recalled_days"):
        print(f"    {name} = {getattr(rules, name)} - {docs.get(name, '')}")
