"""Real reporting against DeepStateMap: events, settlement statuses and the control area.

Runs the product (``geo-events run --profile russia-ukraine``) over the development corpora of
real reporting (``../shared/benchmarks/reporting``: Wikipedia battle articles, Guardian, NYT
leads, GDELT news; read in place, never copied) and scores what it draws against DeepStateMap's
occupied polygons at 17 dates (``../shared/benchmarks/events/deepstatemap_history_2022_2023``),
following the method of the reporting README:

1. **Event check.** A control change (capture, recapture, withdrawal, transfer) gaining ``RU`` or
   ``UA`` (a withdrawal with only a loser gains the profile's opponent) at a place in Ukraine,
   dated D, is *right* when the first snapshot taken after D, within 30 days of it, agrees:
   inside an occupied polygon means ``RU``, outside means ``UA``. Changes with no snapshot in
   that window are not checked. Reported per event status; the headline figure is the share of
   ``reported`` + ``assessed`` changes that agree.

   **What D is.** An event's date is an interval of whole days (``date_from`` .. ``date_to``:
   one day, "early January", "in June", "the week of ..."); the text says the change happened
   on some day inside it, so the change is known to be done only when the interval is over. D
   is therefore the *end* of the interval (``date_to``), and a snapshot checks the event only
   when it was taken after that day ended (snapshots are taken at a time of day: one taken at
   07:35 UTC on 13 September cannot show a village retaken that day). Before 2026-12-06 the
   check used the *start* (``date_from``, the snapshot of that very day included), which
   checked "captured in June" against the 1 June snapshot; ``--check-from start`` reproduces
   that rule.

   Each check also records how exactly the product located the place (``located``): ``point``
   for a settlement or site of the gazetteer, ``approximate`` for a settlement the gazetteer
   lacks placed at its codifier community's centre, at the town the text names it near, or at
   its admin-1 unit's label point, and for an area unit (region, oblast, river bank) checked at
   its label point. Both are counted in the headline; the split is printed beside it, so a
   check at a point the text never gave is visible, not hidden. A settlement known only by its
   admin-1 unit or its country (at the unit's label point, ``Place.radius_km`` infinite: the
   map never draws it, the area estimate leaves it out) is counted too, as the issue's method
   asks, and split out as ``label point`` (place14, 2026-12-07).
2. **Settlement status.** At each snapshot date inside the corpus's span (first to last dated
   control evidence), every Ukrainian settlement (populated place, not a site) that
   ``ControlTimeline.statuses_at`` (with the profile and its starting state) shows ``held``:
   the share on DeepState's side, against the share of the majority side among the same
   settlements (what "everything is X" would score). Pooled over the snapshots. Those with
   reported evidence are split by how the place is located, as the event check (settlements
   at a unit's label point are counted and split out).
3. **Area.** The estimated Russian-held area at each of those dates
   (``ControlTimeline.areas_at``: the ``RU`` polygon of state ``held``) against DeepState's
   occupied area within Ukraine: intersection over union in a Lambert azimuthal equal-area
   projection, against the persistence baseline (the 2022-04-03 snapshot carried forward).
   ``--baseline`` also gives the timeline that first snapshot as a user baseline layer
   (benchmark only: DeepState data never enters the repository) and reports the IoU of
   reporting-on-top-of-baseline.
4. **Diagnosis** (``--diagnose``, dev slices only): per snapshot and oblast, the false
   Russian-held ground (ours, not DeepState's) with the share the rear of known polygons, the
   held areas or either draws (each switched off in turn), and the missed ground by what the
   text-only estimate has there (unknown ground, the other side's, claimed or contested):
   which part of the miss is ground no evidence reaches and which the estimate's own rules
   draw (ground17, 2026-12-08).

**Slices.** Every document is in the *dev* slice or the *frozen* slice, fixed by its id
(``sha1(id) % 4 == 0`` -> frozen, about a quarter). Rules are written from dev errors only
(``--errors`` writes dev errors only); the frozen slice is scored and reported, never read.

Usage::

    python benchmarks/eval_reporting.py                       # all corpora, both slices
    python benchmarks/eval_reporting.py --corpus wikipedia guardian --rerun
    python benchmarks/eval_reporting.py --corpus wikipedia --errors /tmp/dev_errors.tsv
    python benchmarks/eval_reporting.py --corpus nyt --slice dev --diagnose

Stores are kept in ``--workdir`` (default ``/tmp/geo_events_reporting``) and reused unless
``--rerun``. Exits 0 with a message when the shared data is absent.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import math
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo_events.boundaries import geometry_for, load_admin1  # noqa: E402
from geo_events.events.profiles import resolve_profile  # noqa: E402
from geo_events.maps.area import (  # noqa: E402
    DEFAULT_ESTIMATE,
    HELD,
    equal_area_crs,
    estimate_areas,
    estimate_control_area,
)
from geo_events.maps.control import controlled_at  # noqa: E402
from geo_events.model import CONTROL_KINDS, Event  # noqa: E402
from geo_events.store import EventStore  # noqa: E402
from geo_events.timeline import ControlTimeline  # noqa: E402

SHARED = Path(os.environ.get("GEO_EVENTS_SHARED", ROOT.parent / "shared")) / "benchmarks"
REPORTING = SHARED / "reporting"
DEEPSTATE = SHARED / "events" / "deepstatemap_history_2022_2023"
CORPORA = {
    "wikipedia": "wikipedia_ukraine_war_articles_2023-07.jsonl",
    "guardian": "guardian_2022.jsonl",
    "nyt": "nyt_leads_2022.jsonl",
    "gdelt": "gdelt_news_2022-2024.jsonl",
}
PROFILE = "russia-ukraine"
#: Days after an event within which the first snapshot checks it.
CHECK_DAYS = 30
FROZEN_MODULUS = 4
#: ``--known-admin1`` without values: Crimea and Sevastopol, held by Russia since March 2014.
CRIMEA_2014 = ("RU:2014-03-18:UA.11", "RU:2014-03-18:UA.20")
#: Precision grid (metres, equal-area) of the overlay operations: robust, far below the data's.
GRID_M = 10.0
#: IoU differences within this are "level with persistence" (the 3 decimals printed).
SAME_IOU = 5e-4


def is_frozen(doc_id: str) -> bool:
    """True for documents of the frozen slice (never read while writing rules)."""
    return int(hashlib.sha1(doc_id.encode()).hexdigest(), 16) % FROZEN_MODULUS == 0


@dataclass
class Snapshot:
    day: date
    occupied: shapely.Geometry  # WGS84, prepared
    occupied_ea: shapely.Geometry  # equal-area, clipped to Ukraine


@dataclass
class SliceScore:
    corpus: str
    slice: str
    documents: int
    events: int
    checks: list[dict[str, Any]] = field(default_factory=list)
    settlements: list[dict[str, Any]] = field(default_factory=list)
    areas: list[dict[str, Any]] = field(default_factory=list)


def load_snapshots(crs: Any, ukraine_ea: shapely.Geometry) -> list[Snapshot]:
    index = pd.read_csv(DEEPSTATE / "index.csv")
    out = []
    for row in index.itertuples(index=False):
        frame = gpd.read_file(DEEPSTATE / row.file)
        occ = shapely.make_valid(shapely.union_all(
            frame.loc[frame["status"] == "occupied"].geometry.make_valid().to_numpy()))
        occ_ea = gpd.GeoSeries([occ], crs="EPSG:4326").to_crs(crs).iloc[0]
        occ_ea = shapely.intersection(shapely.make_valid(occ_ea), ukraine_ea)
        shapely.prepare(occ)
        out.append(Snapshot(date.fromisoformat(str(row.snapshot_utc)[:10]), occ, occ_ea))
    return sorted(out, key=lambda s: s.day)


def run_slice(corpus: str, slice_name: str, docs: list[dict[str, Any]], workdir: Path,
              rerun: bool) -> Path:
    """Run the product over one slice into its own store (kept for reuse)."""
    store = workdir / f"{corpus}_{slice_name}.gpkg"
    if store.exists() and not rerun:
        return store
    if store.exists():
        store.unlink()
    src = workdir / f"{corpus}_{slice_name}.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT), GEO_EVENTS_NO_PROGRESS="1")
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "geo_events", "run", str(src), "--store",
                           str(store), "--profile", PROFILE, "--quiet"],
                          env=env, capture_output=True, text=True)
    if proc.returncode not in (0, 1) or not store.exists():
        raise SystemExit(f"geo-events run failed on {src}: {proc.stderr.strip()[-2000:]}")
    print(f"  ran {corpus}/{slice_name}: {len(docs)} documents in "
          f"{time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return store


def gained(e: Event) -> str | None:
    prof = resolve_profile(PROFILE)
    g = e.gain or (prof.opponent(e.loss) if e.loss and prof else None)
    return g if g in ("RU", "UA") else None


def check_snapshot(e: Event, snapshots: list[Snapshot], check_from: str = "end"
                   ) -> Snapshot | None:
    """The snapshot that checks the event ``e`` (None: none in the window).

    ``check_from="end"`` (the method): D is the last day of the event's date interval
    (``date_to``, else ``date_from``) and the first snapshot taken after that day, within
    :data:`CHECK_DAYS` days of it, checks the event. ``"start"``: the rule used before
    2026-12-06, the first snapshot in [``date_from``, ``date_from`` + CHECK_DAYS days]."""
    if e.date_from is None:
        return None
    if check_from == "start":
        return next((s for s in snapshots
                     if e.date_from <= s.day <= e.date_from + timedelta(days=CHECK_DAYS)), None)
    end = e.date_to or e.date_from
    return next((s for s in snapshots
                 if end < s.day <= end + timedelta(days=CHECK_DAYS)), None)


def location_precision(place: Any) -> str:
    """``point`` for a settlement or site of the gazetteer; ``approximate`` for a settlement
    the gazetteer lacks (placed at its community, a nearby town or its admin-1 unit) and for an
    area unit checked at its label point."""
    if place.is_unresolved or place.is_area or place.id.startswith(("part:", "bank:")):
        return "approximate"
    return "point"


LOCATIONS = ("point", "approximate", "label point")  # how a checked place is located


def unlocated(place: Any) -> bool:
    """A settlement known only by its admin-1 unit or its country: its point is the unit's
    label point (``Place.radius_km`` infinite), which says nothing of where it is."""
    return math.isinf(place.radius_km)


def check_events(events: list[Event], snapshots: list[Snapshot], check_from: str = "end"
                 ) -> list[dict[str, Any]]:
    """The checks of the control changes (see the module docstring); a change at an
    :func:`unlocated` settlement is checked at its unit's label point and located
    ``label point``."""
    rows = []
    for e in events:
        if e.kind not in CONTROL_KINDS or e.date_from is None or e.place.country_code != "UA":
            continue
        side = gained(e)
        if side is None or e.place.latitude is None:
            continue
        snap = check_snapshot(e, snapshots, check_from)
        if snap is None:
            continue
        truth = "RU" if snap.occupied.contains(
            shapely.Point(e.place.longitude, e.place.latitude)) else "UA"
        rows.append({"status": e.status, "kind": e.kind, "side": side, "truth": truth,
                     "right": side == truth, "date": e.date_from.isoformat(),
                     "date_to": (e.date_to or e.date_from).isoformat(),
                     "date_precision": e.date_precision,
                     "snapshot": snap.day.isoformat(), "place": e.place.name,
                     "place_id": e.place.id,
                     "located": ("label point" if unlocated(e.place)
                                 else location_precision(e.place)),
                     "place_precision": (e.place.location.precision or "") if e.place.location
                     else "",
                     "trigger": e.trigger or "",
                     "sentence": " ".join(e.sentence.split())[:400], "event_id": e.id})
    return rows


def _timeline(events: list[Event], baseline: gpd.GeoDataFrame | None) -> ControlTimeline:
    return ControlTimeline.from_events(events, profile=PROFILE, baseline=baseline)


def _span(events: list[Event]) -> tuple[date, date] | None:
    days = [e.date_from for e in events
            if e.kind in CONTROL_KINDS and e.date_from is not None and gained(e)]
    return (min(days), max(days)) if days else None


def _ru_area(timeline: ControlTimeline, day: date, ukraine: shapely.Geometry,
             crs: Any, estimate: str, known: gpd.GeoDataFrame | None) -> shapely.Geometry:
    if estimate == "voronoi":  # the map's former estimate, on the places it used
        held = controlled_at(timeline, [p for p in timeline.places()
                                        if p.country_code == "UA" and not p.is_site], day)
        areas = estimate_control_area(held, ukraine) if held["side"].nunique() > 1 else None
    elif known is None:
        areas = timeline.areas_at(day)  # the timeline's known layers (start state, baseline)
    else:  # plus the benchmark's --known-admin1 polygons
        areas = estimate_areas(timeline.statuses_at(day), ukraine,
                               known=_merge_known(timeline.known_at(day), known), day=day)
    if areas is None or len(areas) == 0:
        return shapely.Polygon()
    ru = areas.loc[areas["side"] == "RU"]
    if "state" in ru:
        ru = ru.loc[ru["state"] == HELD]
    if ru.empty:
        return shapely.Polygon()
    geom = shapely.union_all(ru.to_crs(crs).geometry.make_valid().to_numpy())
    return shapely.make_valid(geom)


def score_timeline(score: SliceScore, events: list[Event], snapshots: list[Snapshot],
                   ukraine: shapely.Geometry, ukraine_ea: shapely.Geometry, crs: Any,
                   baseline: gpd.GeoDataFrame | None, estimate: str = "evidence",
                   known: gpd.GeoDataFrame | None = None) -> None:
    span = _span(events)
    if span is None:
        return
    timeline = _timeline(events, baseline)
    persistence = snapshots[0].occupied_ea
    for snap in snapshots:
        if not span[0] <= snap.day <= span[1] + timedelta(days=CHECK_DAYS):
            continue
        statuses = timeline.statuses_at(snap.day)
        held = statuses[(statuses["level"] == "populated_place")
                        & (statuses["country_code"] == "UA") & (statuses["state"] == "held")
                        & statuses["side"].isin(["RU", "UA"])
                        & ~statuses["place_id"].str.startswith("site:")]
        n_unlocated = int(held["radius_km"].astype(float).map(math.isinf).sum())
        n = right = n_ru_truth = 0
        rep = {"n": 0, "right": 0, "ru": 0}  # settlements with reported evidence (not only known)
        by_loc: dict[str, list[int]] = {loc: [0, 0] for loc in LOCATIONS}  # reported: [right, n]
        for side, point, ids, radius in zip(held["side"], held.geometry, held["evidence_ids"],
                                            held["radius_km"], strict=True):
            truth = "RU" if snap.occupied.contains(point) else "UA"
            n += 1
            right += side == truth
            n_ru_truth += truth == "RU"
            if any(not i.startswith(("start:", "baseline:")) for i in ids):
                rep["n"] += 1
                rep["right"] += side == truth
                rep["ru"] += truth == "RU"
                loc = by_loc["label point" if math.isinf(float(radius))
                             else "approximate" if float(radius) > 0 else "point"]
                loc[0] += side == truth
                loc[1] += 1
        score.settlements.append({"date": snap.day.isoformat(), "n": n, "right": right,
                                  "majority": max(n_ru_truth, n - n_ru_truth),
                                  "all_ua": n - n_ru_truth, "reported_n": rep["n"],
                                  "reported_right": rep["right"],
                                  "reported_majority": max(rep["ru"], rep["n"] - rep["ru"]),
                                  "reported_by_location": by_loc, "unlocated": n_unlocated})
        ru = _ru_area(timeline, snap.day, ukraine, crs, estimate, known)
        ru = shapely.intersection(_polygonal(ru), ukraine_ea, grid_size=GRID_M)
        occ = snap.occupied_ea

        def iou(a: shapely.Geometry, b: shapely.Geometry) -> float:
            a, b = _polygonal(a), _polygonal(b)
            union = shapely.union(a, b, grid_size=GRID_M).area
            return shapely.intersection(a, b, grid_size=GRID_M).area / union if union else 1.0

        score.areas.append({"date": snap.day.isoformat(), "iou": iou(ru, occ),
                            "persistence": iou(persistence, occ),
                            "est_ru_km2": ru.area / 1e6, "occ_km2": occ.area / 1e6})


#: ``--diagnose``: estimate rules switched off to attribute the false Russian-held ground (the
#: share that goes with a rule off is the rule's): the rear of known polygons, held areas (whole
#: and partial: their fill and their outranking of older evidence), and both (ground either of
#: them draws alone; what stays rests on settlements: their rings and triangles).
ABLATIONS = {"rear": {"rear_depth_km": 0.0},
             "areas": {"area_fill": False, "area_over_older": False},
             "rear+areas": {"rear_depth_km": 0.0, "area_fill": False, "area_over_older": False}}
#: ``--diagnose``: oblasts with less false and less missed ground than this (km²) are not shown.
DIAGNOSE_MIN_KM2 = 300.0


def _estimate(statuses: gpd.GeoDataFrame, known: gpd.GeoDataFrame | None, day: date,
              ukraine: shapely.Geometry, crs: Any, params: Any) -> gpd.GeoDataFrame:
    return estimate_areas(statuses, ukraine, known=known, day=day, params=params).to_crs(crs)


def _ru_of(areas: gpd.GeoDataFrame, ukraine_ea: shapely.Geometry) -> shapely.Geometry:
    """The Russian-held ground of an estimate (equal-area, within Ukraine)."""
    ru = areas[(areas["side"] == "RU") & (areas["state"] == HELD)]
    geom = _polygonal(shapely.union_all([_polygonal(g) for g in ru.geometry]
                                        or [shapely.Polygon()]))
    return _polygonal(shapely.intersection(geom, ukraine_ea, grid_size=GRID_M))


def diagnose(corpus: str, events: list[Event], snapshots: list[Snapshot],
             ukraine: shapely.Geometry, ukraine_ea: shapely.Geometry, crs: Any
             ) -> dict[str, dict[str, float]]:
    """Print, per snapshot of the corpus's span and per oblast, where the text-only estimate's
    Russian-held ground and DeepState's occupied ground differ (km², equal-area): the false
    ground (ours, not DeepState's) and how much of it goes when the rear, the held areas or
    both are switched off (:data:`ABLATIONS`; the rest rests on settlements: their rings and
    triangles),
    and the missed ground (DeepState's, not ours) by what the estimate has there: unknown
    ground (no evidence reaches it), another side's ground, or claimed / contested ground.
    Dev slices only (``--diagnose`` never looks at the frozen slice). Returns the figures of
    the whole country by snapshot day (ISO)."""
    out: dict[str, dict[str, float]] = {}
    span = _span(events)
    if span is None:
        return out
    timeline = _timeline(events, None)
    adm = load_admin1()
    adm = adm[adm["admin1_code"].str.startswith("UA.")].to_crs(crs)
    names = [str(n) for n in adm.get("name", adm["admin1_code"])]
    units = list(zip(names, adm.geometry, strict=True))
    print(f"\n== Diagnosis: {corpus} dev, text-only estimate against DeepState (km²; false: "
          "ours not DeepState's, of it gone with the rear / the held areas / both off; "
          "missed: DeepState's not ours, by what the estimate has there) ==")
    total: dict[str, float] = {}
    n = 0
    for snap in snapshots:
        if not span[0] <= snap.day <= span[1] + timedelta(days=CHECK_DAYS):
            continue
        n += 1
        statuses, known = timeline.statuses_at(snap.day), timeline.known_at(snap.day)
        occ = _polygonal(snap.occupied_ea)
        base = _estimate(statuses, known, snap.day, ukraine, crs, DEFAULT_ESTIMATE)
        ours = _ru_of(base, ukraine_ea)
        false = _polygonal(shapely.difference(ours, occ, grid_size=GRID_M))
        missed = _polygonal(shapely.difference(occ, ours, grid_size=GRID_M))
        parts: dict[str, shapely.Geometry] = {}
        for name, change in ABLATIONS.items():
            ru = _ru_of(_estimate(statuses, known, snap.day, ukraine, crs,
                                  dataclasses.replace(DEFAULT_ESTIMATE, **change)), ukraine_ea)
            parts[f"false by {name}"] = shapely.difference(false, ru, grid_size=GRID_M)
        parts["false"] = false
        for label, rows in (("missed in unknown", base["state"] == "unknown"),
                            ("missed in UA", (base["state"] == HELD) & (base["side"] != "RU")),
                            ("missed in claimed/contested",
                             base["state"].isin(["claimed", "contested"]))):
            geom = _polygonal(shapely.union_all(
                [_polygonal(g) for g in base.loc[rows].geometry] or [shapely.Polygon()]))
            parts[label] = shapely.intersection(missed, geom, grid_size=GRID_M)
        parts["missed"] = missed
        km2 = {k: g.area / 1e6 for k, g in parts.items()}
        out[snap.day.isoformat()] = km2
        for k, v in km2.items():
            total[k] = total.get(k, 0.0) + v
        print(f"{snap.day}  " + "  ".join(f"{k} {v:,.0f}" for k, v in km2.items()))
        for name, unit in units:
            per = {k: shapely.intersection(g, unit).area / 1e6 for k, g in parts.items()}
            if per["false"] >= DIAGNOSE_MIN_KM2 or per["missed"] >= DIAGNOSE_MIN_KM2:
                print(f"    {name:16.16s} " + "  ".join(f"{k} {v:,.0f}" for k, v in per.items()
                                                      if v >= 1))
    if n:
        print(f"mean over {n} snapshots  " + "  ".join(f"{k} {v / n:,.0f}"
                                                      for k, v in total.items()))
    return out


def _merge_known(*frames: gpd.GeoDataFrame | None) -> gpd.GeoDataFrame | None:
    """Known polygons for the estimate: the admin-1 start state and the baseline layer."""
    parts = [f.assign(complete=f.get("complete", False))[
        ["side", "date", "complete", "geometry"]].to_crs("EPSG:4326")
             for f in frames if f is not None and len(f)]
    if not parts:
        return None
    return gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), geometry="geometry",
                            crs="EPSG:4326")


def known_admin1(codes: list[str]) -> gpd.GeoDataFrame | None:
    """Known polygons from whole admin-1 units held by Russia before the full-scale invasion.

    From the profile's start state when the profile has one (its whole admin-1 units), else
    the units named by ``codes`` (``SIDE:DATE:ADMIN1_CODE``, e.g. ``RU:2014-03-18:UA.11``), a
    benchmark option standing in for a start state (facts: Crimea and Sevastopol held by
    Russia since March 2014).
    """
    prof = resolve_profile(PROFILE)
    start = getattr(prof, "start_state", None)
    units: list[tuple[str, str, str]] = []
    for item in (start or []):
        unit = getattr(item, "admin1", None) or (item.get("admin1") if isinstance(item, dict)
                                                  else None)
        if unit:
            side = getattr(item, "side", None) or item.get("side")
            when = getattr(item, "since", None) or item.get("since") or item.get("date")
            units.append((str(side), str(when), str(unit)))
    if not units:
        for code in codes:
            side, when, unit = code.split(":", 2)
            units.append((side, when, unit))
    if not units:
        return None
    from geo_events.boundaries import load_admin1

    admin1 = load_admin1().set_index("admin1_code")
    rows = [(side, when, admin1.loc[unit, "geometry"]) for side, when, unit in units]
    return gpd.GeoDataFrame(rows, columns=["side", "date", "geometry"], geometry="geometry",
                            crs="EPSG:4326")


def _polygonal(geom: shapely.Geometry) -> shapely.Geometry:
    """The polygons of ``geom`` (a collection's points and lines dropped), valid."""
    geom = shapely.make_valid(geom)
    parts = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts, grid_size=GRID_M) if parts else shapely.Polygon()


def _share(right: int, n: int) -> str:
    return f"{right / n:.2f} ({right}/{n})" if n else "- (0/0)"


def report(scores: list[SliceScore], check_from: str = "end") -> None:
    print("\n== Event check: control changes against the first DeepState snapshot "
          f"within {CHECK_DAYS} days "
          + ("after the end of the event's date interval ==" if check_from == "end"
             else "from the first day of the event's date interval (rule before 2026-12-06) ==")
          )
    print(f"{'corpus':10} {'slice':7} {'docs':>5} {'events':>6}  {'reported+assessed':>18}  "
          "per status")
    for s in scores:
        checks = s.checks
        ra = [c for c in checks if c["status"] in ("reported", "assessed")]
        per = {}
        for st in sorted({c["status"] for c in checks}):
            rows = [c for c in checks if c["status"] == st]
            per[st] = _share(sum(c["right"] for c in rows), len(rows))
        print(f"{s.corpus:10} {s.slice:7} {s.documents:5d} {s.events:6d}  "
              f"{_share(sum(c['right'] for c in ra), len(ra)):>18}  "
              + ", ".join(f"{k} {v}" for k, v in per.items()))
    print("\n   reported+assessed by how the place is located (point: a gazetteer settlement "
          "or site; approximate: community, nearby town or an area unit's label point; "
          "label point: a settlement known only by its admin-1 unit or country):")
    for s in scores:
        ra = [c for c in s.checks if c["status"] in ("reported", "assessed")]
        split = {loc: [c for c in ra if c["located"] == loc] for loc in LOCATIONS}
        print(f"{s.corpus:10} {s.slice:7}  " + ", ".join(
            f"{loc} {_share(sum(c['right'] for c in rows), len(rows))}"
            for loc, rows in split.items()))
    print("\n== Settlement status at snapshot dates in the corpus span (pooled) ==")
    print(f"{'corpus':10} {'slice':7} {'snaps':>5} {'agreement':>18} {'majority side':>18} "
          f"{'all UA':>18}")
    for s in scores:
        n = sum(r["n"] for r in s.settlements)
        print(f"{s.corpus:10} {s.slice:7} {len(s.settlements):5d} "
              f"{_share(sum(r['right'] for r in s.settlements), n):>18} "
              f"{_share(sum(r['majority'] for r in s.settlements), n):>18} "
              f"{_share(sum(r['all_ua'] for r in s.settlements), n):>18}")
    print("\n   of which settlements with reported evidence (not only the starting state or "
          "baseline); by how the place is located (point: a gazetteer settlement; approximate: "
          "a codifier village, an offset or a nearby town; label point: known only by its admin-1 "
          "unit or country); all settlement-snapshots at a unit's label point:")
    for s in scores:
        n = sum(r["reported_n"] for r in s.settlements)
        split = {loc: [sum(r["reported_by_location"][loc][k] for r in s.settlements)
                       for k in (0, 1)] for loc in LOCATIONS}
        print(f"{s.corpus:10} {s.slice:7} {len(s.settlements):5d} "
              f"{_share(sum(r['reported_right'] for r in s.settlements), n):>18} "
              f"{_share(sum(r['reported_majority'] for r in s.settlements), n):>18}   "
              + ", ".join(f"{loc} {_share(*v)}" for loc, v in split.items())
              + f"; label point {sum(r['unlocated'] for r in s.settlements)}")
    print("\n== Russian-held area: IoU with DeepState (equal-area), mean over snapshots ==")
    print(f"{'corpus':10} {'slice':7} {'snaps':>5} {'IoU':>6} {'persistence':>11} "
          f"{'above/below':>11}  per date (IoU/persistence)")
    for s in scores:
        if not s.areas:
            print(f"{s.corpus:10} {s.slice:7} {0:5d}      -           -")
            continue
        iou = sum(a["iou"] for a in s.areas) / len(s.areas)
        per = sum(a["persistence"] for a in s.areas) / len(s.areas)
        dates = " ".join(f"{a['date'][2:]}:{a['iou']:.3f}/{a['persistence']:.3f}"
                         for a in s.areas)
        # dates above / below persistence by more than the 3-decimal rounding shown
        above = sum(a["iou"] > a["persistence"] + SAME_IOU for a in s.areas)
        below = sum(a["iou"] < a["persistence"] - SAME_IOU for a in s.areas)
        print(f"{s.corpus:10} {s.slice:7} {len(s.areas):5d} {iou:6.3f} {per:11.3f} "
              f"{f'{above}/{below}':>11}  {dates}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", nargs="+", choices=sorted(CORPORA), default=list(CORPORA))
    ap.add_argument("--slice", choices=("dev", "frozen", "both"), default="both")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/geo_events_reporting"))
    ap.add_argument("--rerun", action="store_true", help="re-extract (else reuse the stores)")
    ap.add_argument("--errors", type=Path, help="write the dev slice's wrong event checks (TSV)")
    ap.add_argument("--json", type=Path, help="write every figure as JSON")
    ap.add_argument("--check-from", choices=("end", "start"), default="end",
                    help="the event check's day D: the end of the event's date interval "
                         "(default; the first snapshot after it checks it) or its start (the "
                         "rule before 2026-12-06, the snapshot of that day included)")
    ap.add_argument("--baseline", action="store_true",
                    help="give the timeline the 2022-04-03 snapshot as a baseline layer")
    ap.add_argument("--estimate", choices=("voronoi", "evidence"), default="evidence",
                    help="area estimate: the map's old Voronoi split, or the evidence-weighted "
                         "estimate (geo_events.maps.area.estimate_areas; default)")
    ap.add_argument("--known-admin1", nargs="*", metavar="SIDE:DATE:ADMIN1", default=None,
                    help="give the estimate whole admin-1 units as known polygons: the "
                         "profile's start-state units when it has them, else these (benchmark "
                         "option; e.g. RU:2014-03-18:UA.11 RU:2014-03-18:UA.20 for Crimea "
                         "and Sevastopol); with no value: Crimea and Sevastopol")
    ap.add_argument("--diagnose", action="store_true",
                    help="print where the dev slice's text-only Russian-held estimate and "
                         "DeepState differ, per snapshot and oblast, and which estimate rule "
                         "draws the false ground (never for the frozen slice)")
    args = ap.parse_args(argv)
    if not REPORTING.is_dir() or not (DEEPSTATE / "index.csv").is_file():
        print(f"shared benchmark data not found under {SHARED}; nothing to evaluate")
        return 0
    args.workdir.mkdir(parents=True, exist_ok=True)
    ukraine = geometry_for("adm0:UA")
    crs = equal_area_crs(ukraine)
    ukraine_ea = shapely.make_valid(gpd.GeoSeries([ukraine], crs="EPSG:4326").to_crs(crs).iloc[0])
    snapshots = load_snapshots(crs, ukraine_ea)
    baseline = None
    if args.baseline:
        first = pd.read_csv(DEEPSTATE / "index.csv").iloc[0]
        frame = gpd.read_file(DEEPSTATE / first["file"])
        frame = frame.loc[frame["status"] == "occupied", ["geometry"]]
        # a complete layer: ground outside it was not Russian-held on its date
        baseline = frame.assign(side="RU", date=snapshots[0].day.isoformat(), complete=True)
    known = None
    if args.known_admin1 is not None:
        known = known_admin1(args.known_admin1 or list(CRIMEA_2014))
        print("known polygons (admin-1, benchmark option): "
              + ", ".join(f"{r.side} since {r.date}" for r in known.itertuples()))
    slices = ("dev", "frozen") if args.slice == "both" else (args.slice,)
    scores: list[SliceScore] = []
    errors: list[dict[str, Any]] = []
    for corpus in args.corpus:
        docs = [json.loads(line) for line in
                (REPORTING / CORPORA[corpus]).read_text(encoding="utf-8").splitlines() if line]
        for sl in slices:
            part = [d for d in docs if is_frozen(str(d["id"])) == (sl == "frozen")]
            store_path = run_slice(corpus, sl, part, args.workdir, args.rerun)
            with EventStore(store_path, create=False) as store:
                events = store.events()
            score = SliceScore(corpus, sl, len(part), len(events))
            score.checks = check_events(events, snapshots, args.check_from)
            score_timeline(score, events, snapshots, ukraine, ukraine_ea, crs, baseline,
                           args.estimate, known)
            scores.append(score)
            if args.diagnose and sl == "dev":
                diagnose(corpus, events, snapshots, ukraine, ukraine_ea, crs)
            if sl == "dev":
                errors += [dict(c, corpus=corpus) for c in score.checks
                           if not c["right"]]
    report(scores, args.check_from)
    if args.errors:
        pd.DataFrame(errors).to_csv(args.errors, sep="\t", index=False)
        print(f"\n{len(errors)} dev-slice errors -> {args.errors}")
    if args.json:
        args.json.write_text(json.dumps([s.__dict__ for s in scores], indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
