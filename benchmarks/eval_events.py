"""Evaluate event extraction on real analyst text: ACLED Ukraine notes (2022).

Reads ``../shared/benchmarks/events/acled_ukraine`` (never copied into the repository):

* **territory** (164 notes, every territory-change row of the export): a note counts as recovered
  when it yields a control change (status other than ``denied``) within 25 km of ACLED's point,
  gaining the right side (actor1 "Military Forces of Ukraine" -> ``UA``; Russian forces or
  "NAF" (DPR/LPR) -> ``RU``) and dated on ACLED's day (the event's range contains the day;
  "exact day" also requires a one-day range). Published date = ACLED's event date.
* **other** (888 notes of other sub-event types): the share of notes yielding *any* control
  change (false alarms), per sub-event type; with ``--random`` the same on the 1,000 random
  notes of 2018-2024 (another period and phrasing: 2023 shelling and clashes above all).

Optionally (``--wiki``) the Wikipedia "control of cities" changelog: its ``more_information``
sentences of non-reverted status changes as a second test set (a change to "Russia"/"Ukraine"
counts as recovered when an event within 25 km gains that side; the settlement's name is given
as a title line "The settlement of X." since the sentences do not repeat it), and the agreement
of the control timeline built from all ACLED notes with Wikipedia's monthly status.

Usage::

    PYTHONPATH=. python benchmarks/eval_events.py [--profile russia-ukraine|auto] [--limit N]
        [--wiki] [--random] [--show-errors K] [--geonames-dir DIR]

``--geonames-dir DIR`` (or ``GEO_EVENTS_EVAL_GEONAMES_DIR``): a folder of GeoNames country dumps
(``UA.zip`` from https://download.geonames.org/export/dump); the figures are then measured with an
index that includes them (built in a temporary cache, ~30 s).

Prints recall, false-alarm rate, per-kind error counts and documents per second.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo_events.evaluation.corpora import shared_dir  # noqa: E402
from geo_events.evaluation.scoring import haversine_km  # noqa: E402

MAX_KM = 25.0
TERRITORY = "acled_ukr_2022-01-01_2022-04-15_territory.csv"
OTHER = "acled_ukr_2022-02-24_2022-04-15_other_sample.csv"
WIKI = "wiki_control_changelog_2022-03-01_2024-08-17.csv"
RANDOM = "acled_ukr_random1000_2018-2024_schema2024.csv"
TERRITORY_TYPES = ("Government regains territory", "Non-state actor overtakes territory",
                   "Non-violent transfer of territory")


def gold_side(actor1: str) -> str | None:
    """ACLED actor -> profile side (the rule stated in the module docstring)."""
    a = actor1.lower()
    if "ukraine" in a:
        return "UA"
    if "russia" in a or "novorossiya" in a:
        return "RU"
    return None


def control_changes(events):
    return [e for e in events if e.is_control_change and e.status != "denied"]


def _admin1_at(lat: float, lon: float) -> str | None:
    from geo_events.boundaries import reverse

    hit = reverse(lat, lon)  # None off every polygon (at sea)
    return hit.admin1_code if hit is not None else None


def judge(events, lat: float, lon: float, side: str | None, day: date) -> str:
    """'ok', 'ok_range' (right place/side, day inside a wider range) or the first failure."""
    changes = control_changes(events)
    if not changes:
        return "no_control_change"
    near = [e for e in changes if haversine_km(lat, lon, e.place.latitude,
                                                e.place.longitude) <= MAX_KM]
    if not near:
        unit = _admin1_at(lat, lon)
        if any(e.place.is_unresolved and e.place.admin1_code == unit and e.gain == side
               and e.date_from and e.date_from <= day <= e.date_to for e in changes):
            return "admin1_only"  # a name the gazetteer lacks, in the right unit
        return "wrong_place"
    sided = [e for e in near if e.gain == side]
    if not sided:
        return "wrong_side"
    if any(e.date_from == day == e.date_to for e in sided):
        return "ok"
    if any(e.date_from and e.date_from <= day <= e.date_to for e in sided):
        return "ok_range"
    return "wrong_date"


def run_territory(folder: Path, profile, limit: int | None, show: int) -> dict:
    from geo_events.events import extract_events, settle_namesakes

    df = pd.read_csv(folder / TERRITORY)
    if limit:
        df = df.head(limit)
    outcomes: Counter = Counter()
    by_kind: dict[str, Counter] = {}
    shown = 0
    verdicts = []
    per_row = [extract_events(row.notes, published=date.fromisoformat(row.event_date_iso),
                              profile=profile) for row in df.itertuples()]
    # namesake villages decided by the other notes of those days (the corpus, not the gold)
    settled = iter(settle_namesakes([e for events in per_row for e in events]))
    per_row = [[next(settled) for _ in events] for events in per_row]
    for row, events in zip(df.itertuples(), per_row, strict=True):
        day = date.fromisoformat(row.event_date_iso)
        verdict = judge(events, row.latitude, row.longitude, gold_side(row.actor1), day)
        outcomes[verdict] += 1
        verdicts.append(verdict)
        by_kind.setdefault(row.sub_event_type, Counter())[verdict] += 1
        if verdict not in ("ok", "ok_range") and shown < show:
            shown += 1
            print(f"  [{verdict}] {row.location} ({gold_side(row.actor1)}): {row.notes[:200]}")
            for e in events:
                print(f"      -> {e.kind} {e.place.name} gain={e.gain} {e.status} "
                      f"{e.date_from}..{e.date_to}")
    n = len(df)
    recovered = outcomes["ok"] + outcomes["ok_range"]
    # gazetteer ceiling: ACLED's location name has a gazetteer place within MAX_KM (the gold
    # name is used only to measure this ceiling, never by the extraction)
    from geo_events.gazetteer import get_gazetteer

    gaz = get_gazetteer()
    in_gaz = df.apply(lambda r: any(
        haversine_km(r.latitude, r.longitude, c.place.latitude, c.place.longitude) <= MAX_KM
        for c in gaz.search(str(r.location).split(" - ")[0], limit=None)), axis=1)
    ceiling_ok = sum(1 for v, ok in zip(verdicts, in_gaz, strict=True)
                     if ok and v in ("ok", "ok_range"))
    print(f"gazetteer ceiling: {int(in_gaz.sum())}/{n} notes name a place the gazetteer has "
          f"within {MAX_KM:.0f} km; recall among them: {ceiling_ok}/{int(in_gaz.sum())} = "
          f"{ceiling_ok / max(int(in_gaz.sum()), 1):.1%}")
    # ... and with Ukraine's codifier: a village of that name in the gold point's oblast whose
    # community point lies within MAX_KM (namesakes far apart count here, though never placed)
    from geo_events.gazetteer import katottg

    def in_codifier(r) -> bool:
        unit = _admin1_at(r.latitude, r.longitude)
        name = str(r.location).split(" - ")[0]
        return unit is not None and any(
            v.latitude is not None
            and haversine_km(r.latitude, r.longitude, v.latitude, v.longitude) <= MAX_KM
            for v in katottg.named(name, unit, gaz) + katottg.named_loosely(name, unit, gaz))

    placeable = in_gaz | df.apply(in_codifier, axis=1)
    both_ok = sum(1 for v, ok in zip(verdicts, placeable, strict=True)
                  if ok and v in ("ok", "ok_range"))
    print(f"with the codifier: {int(placeable.sum())}/{n} notes name a place the gazetteer or "
          f"a codifier community puts within {MAX_KM:.0f} km; recall among them: "
          f"{both_ok}/{int(placeable.sum())} = {both_ok / max(int(placeable.sum()), 1):.1%}")
    print(f"\nterritory notes: {n}; recovered (place<= {MAX_KM:.0f} km, side, day in range): "
          f"{recovered}/{n} = {recovered / n:.1%}; exact one-day date: {outcomes['ok'] / n:.1%}")
    print("  outcome counts:", dict(outcomes))
    for kind, c in sorted(by_kind.items()):
        tot = sum(c.values())
        ok = c["ok"] + c["ok_range"]
        errs = {k: v for k, v in c.items() if k not in ("ok", "ok_range")}
        print(f"  {kind:38s} {ok:3d}/{tot:3d} = {ok / tot:6.1%}  errors: {errs}")
    return {"n": n, "recall": recovered / n,
            "ceiling_recall": ceiling_ok / max(int(in_gaz.sum()), 1)}


def run_other(folder: Path, profile, limit: int | None, show: int, filename: str = OTHER,
              label: str = "other notes") -> dict:
    """False alarms: the share of notes of non-territory sub-event types yielding any control
    change (``filename``'s territory rows, if any, are left out)."""
    from geo_events.events import extract_events

    df = pd.read_csv(folder / filename)
    df = df[~df.sub_event_type.isin(TERRITORY_TYPES)]
    if "event_date_iso" not in df.columns:  # "14/08/2020 00:00:00" in the 2024 schema
        df = df.assign(event_date_iso=pd.to_datetime(df.event_date, dayfirst=True)
                       .dt.strftime("%Y-%m-%d"))
    if limit:
        df = df.head(limit)
    alarms: Counter = Counter()
    totals: Counter = Counter()
    shown = 0
    for row in df.itertuples():
        day = date.fromisoformat(row.event_date_iso)
        events = extract_events(row.notes, published=day, profile=profile)
        totals[row.sub_event_type] += 1
        changes = control_changes(events)
        if changes:
            alarms[row.sub_event_type] += 1
            if shown < show:
                shown += 1
                print(f"  [false alarm] {row.sub_event_type}: {row.notes[:200]}")
                for e in changes:
                    print(f"      -> {e.kind} {e.place.name} gain={e.gain} trigger={e.trigger}")
    n = len(df)
    k = sum(alarms.values())
    print(f"\n{label}: {n}; with any control change: {k}/{n} = {k / n:.1%}")
    for kind in sorted(totals, key=lambda x: -totals[x]):
        print(f"  {kind:38s} {alarms[kind]:3d}/{totals[kind]:3d}")
    return {"n": n, "false_alarm_rate": k / n}


def run_random_territory(folder: Path, profile) -> None:
    """The territory rows of the random 2018-2024 sample, judged as the main set's."""
    from geo_events.events import extract_events

    df = pd.read_csv(folder / RANDOM)
    df = df[df.sub_event_type.isin(TERRITORY_TYPES)]
    ok = 0
    for row in df.itertuples():
        day = pd.to_datetime(row.event_date, dayfirst=True).date()
        events = extract_events(row.notes, published=day, profile=profile)
        verdict = judge(events, row.latitude, row.longitude, gold_side(row.actor1), day)
        ok += verdict in ("ok", "ok_range")
        stray = [e.place.name for e in control_changes(events)
                 if haversine_km(row.latitude, row.longitude, e.place.latitude,
                                 e.place.longitude) > MAX_KM]
        print(f"  {row.location}: {verdict}" + (f"; other changes: {stray}" if stray else ""))
    print(f"territory rows of the random sample: {ok}/{len(df)} recovered")


def run_wiki(folder: Path, profile, limit: int | None) -> dict:
    from geo_events.events import extract_events

    df = pd.read_csv(folder / WIKI)
    df["lat"] = pd.to_numeric(df["lat"], errors="coerce")
    df["lon"] = pd.to_numeric(df["lon"], errors="coerce")
    df = df[(df.change_kind == "status_change") & (df.reverted_within_48h == 0)
            & df.held_by.isin(["Russia", "Ukraine"]) & df.more_information.notna()
            & df.lat.notna() & df.lon.notna()]
    if limit:
        df = df.head(limit)
    hits = 0
    for row in df.itertuples():
        published = date.fromisoformat(row.snapshot_utc[:10])
        # the sentence is about the table row's settlement: give its name as a title line
        text = f"The settlement of {row.name}.\n{row.more_information}"
        events = extract_events(text, published=published, profile=profile)
        side = "RU" if row.held_by == "Russia" else "UA"
        if any(e.gain == side and haversine_km(row.lat, row.lon, e.place.latitude,
                                               e.place.longitude) <= MAX_KM
               for e in control_changes(events)):
            hits += 1
    n = len(df)
    print(f"\nwikipedia 'more information' sentences of non-reverted changes: {n}; a control "
          f"change to the new holder within {MAX_KM:.0f} km: {hits}/{n} = {hits / max(n, 1):.1%}")
    return {"n": n, "recall": hits / max(n, 1)}


def run_timeline_agreement(base: Path, profile, limit: int | None) -> dict:
    """Timeline from all ACLED notes vs Wikipedia's monthly status (first version of a month).

    For every settlement whose timeline status on the day before a Wikipedia snapshot is a side
    (RU/UA), the Wikipedia row within 10 km is looked up; "Russia", "Donetsk PR", "Luhansk PR"
    count as RU and "Ukraine" as UA; other values (contested, unknown) are left out.
    """
    from geo_events.events import extract_events
    from geo_events.timeline import ControlTimeline

    folder = base / "acled_ukraine"
    notes = pd.concat([pd.read_csv(folder / TERRITORY), pd.read_csv(folder / OTHER)])
    if limit:
        notes = notes.head(limit)
    events = []
    for row in notes.itertuples():
        events += extract_events(row.notes, published=date.fromisoformat(row.event_date_iso),
                                 profile=profile)
    timeline = ControlTimeline.from_events(events)
    wiki = pd.read_csv(base / "wikipedia_control_of_cities_ukraine"
                       / "wiki_control_monthly_status_2022-03_2024-08.csv")
    wiki["lat"] = pd.to_numeric(wiki["lat"], errors="coerce")
    wiki["lon"] = pd.to_numeric(wiki["lon"], errors="coerce")
    side = {"Russia": "RU", "Donetsk PR": "RU", "Luhansk PR": "RU", "Ukraine": "UA"}
    agree = total = 0
    for month in ("2022-04", "2022-05"):
        snap = wiki[wiki.month == month]
        day = date.fromisoformat(str(snap.snapshot_utc.iloc[0])[:10])
        for place in timeline.places():
            if place.level != "populated_place" or place.is_unresolved:
                continue  # a name located only to its oblast has no point to compare
            st = timeline.status_at(place.id, day).status
            if st not in ("RU", "UA"):
                continue
            near = snap[[haversine_km(place.latitude, place.longitude, la, lo) <= 10.0
                         for la, lo in zip(snap.lat, snap.lon, strict=True)]]
            held = [side[h] for h in near.held_by if h in side]
            if not held:
                continue
            total += 1
            agree += held[0] == st
    print(f"\ntimeline (all ACLED notes) vs Wikipedia monthly status (Apr + May 2022 snapshots):"
          f" {agree}/{total} settlements agree = {agree / max(total, 1):.1%} "
          f"({len(timeline)} places in the timeline)")
    return {"n": total, "agreement": agree / max(total, 1)}


def use_country_dumps(folder: Path) -> None:
    """Point the gazetteer at a temporary cache holding the GeoNames dumps in ``folder``
    (``<CC>.zip`` / ``<CC>.txt``); the index is built with them on first use (~30 s)."""
    import atexit
    import shutil
    import tempfile

    tmp = tempfile.mkdtemp(prefix="geo_events_eval_")
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    os.environ["GEO_EVENTS_CACHE"] = tmp
    from geo_events.gazetteer.country_dumps import add_country

    files = sorted(p for p in folder.iterdir()
                   if p.suffix.lower() in (".zip", ".txt") and len(p.stem) == 2)
    if not files:
        raise SystemExit(f"--geonames-dir {folder}: no <CC>.zip or <CC>.txt GeoNames dumps")
    for path in files:
        dump = add_country(path.stem, path)
        print(f"GeoNames dump {dump.country}: {dump.places:,} places from {path}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--profile", default="russia-ukraine",
                    help="conflict profile name, or 'auto' to detect it per note")
    ap.add_argument("--limit", type=int, default=None, help="first N rows of each file")
    ap.add_argument("--show-errors", type=int, default=0, help="print up to K failures")
    ap.add_argument("--wiki", action="store_true",
                    help="also the Wikipedia sentences and the timeline agreement")
    ap.add_argument("--random", action="store_true",
                    help="also the false alarms on 1,000 random ACLED Ukraine notes of "
                    "2018-2024 (mostly 2023 shelling and clashes; territory rows left out)")
    ap.add_argument("--geonames-dir", default=os.environ.get("GEO_EVENTS_EVAL_GEONAMES_DIR"),
                    help="folder of GeoNames country dumps (UA.zip, ...): evaluate with an "
                    "index that includes them, built in a temporary cache")
    args = ap.parse_args(argv)
    if args.geonames_dir:
        use_country_dumps(Path(args.geonames_dir))
    base = shared_dir() / "benchmarks" / "events"
    folder = base / "acled_ukraine"
    if not folder.is_dir():
        print(f"evaluation data not available: {folder} does not exist")
        return 0
    profile = None if args.profile == "auto" else args.profile
    from geo_events.geoparse import get_nlp

    get_nlp()  # load once, outside the timing (pipeline, gazetteer, lemmatizer)
    from geo_events.events import extract_events

    extract_events("Russian forces captured Lyman on Saturday.", published=date(2022, 10, 3))
    t0 = time.perf_counter()
    terr = run_territory(folder, profile, args.limit, args.show_errors)
    other = run_other(folder, profile, args.limit, args.show_errors)
    dt = time.perf_counter() - t0
    docs = terr["n"] + other["n"]
    # baseline in the same run: geoparsing alone (event extraction adds the rest)
    from geo_events.geoparse import parse

    texts = [*pd.read_csv(folder / TERRITORY).notes, *pd.read_csv(folder / OTHER).notes]
    texts = texts[: docs]
    t1 = time.perf_counter()
    for text in texts:
        parse(text)
    parse_s = time.perf_counter() - t1
    print(f"\n{docs} notes in {dt:.1f} s = {docs / dt:.1f} notes/s; geoparsing alone "
          f"{parse_s:.1f} s; extraction time / geoparsing time = {dt / parse_s:.2f}")
    print(f"targets: recall >= 85% -> {terr['recall']:.1%} "
          f"({'met' if terr['recall'] >= 0.85 else 'NOT met'}); false alarms <= 5% -> "
          f"{other['false_alarm_rate']:.1%} "
          f"({'met' if other['false_alarm_rate'] <= 0.05 else 'NOT met'})")
    if args.wiki:
        run_wiki(base / "wikipedia_control_of_cities_ukraine", profile, args.limit)
        run_timeline_agreement(base, profile, args.limit)
    if args.random:
        run_other(folder, profile, args.limit, args.show_errors, RANDOM,
                  "random 2018-2024 notes, territory rows left out")
        run_random_territory(folder, profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
