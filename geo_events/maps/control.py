"""The control map: who reportedly controls what, since when, according to whom.

Admin units are shaded by status (control by a side, annexation claimed, contested, unknown),
settlements are circle markers coloured by side (dashed when the report is only a claim), a slider
replays the changes, and a layer shows the *estimated* control area
(:func:`geo_events.maps.area.estimate_areas`: held ground, claimed ground hatched in the
claimant's colour, contested ground hatched amber, ground with no evidence hatched grey, each
with the date of its last evidence). A user's baseline layer is drawn when given. Popups
list, for each place, every event behind its status: date, kind, status, source and evidence
sentence.

Page data contract (``GeoEventsMap.page_data``, read by ``static/geo_events_map.js``):
``dates`` (ISO strings, the slider steps), ``start`` (index shown first), ``sides``
(``{id: {name, color}}``), ``states`` (contested/unknown colours), ``events`` (``{d, date, kind,
status, side, source, sentence}``; ``d`` indexes ``dates``), ``places`` (settlements: ``{id,
name, admin1, lat, lon, series, events}``, plus ``approx`` (``community``, ``near`` or
``offset``) for a village the gazetteer lacks placed at its community, a nearby town or a
distance and bearing from it), ``areas`` (admin
units: the same plus ``geometry``), ``series`` entries ``{d, s, side, confirmed}``,
``mentioned`` (places mentioned without an event, items of
:func:`geo_events.maps.places.mention_items`), ``base`` (GeoJSON of the admin-1 units of the
countries involved), ``estimate`` (``[{d, date, features}]``; feature properties ``side``
("" for contested/unknown), ``state``, ``date``, ``last_evidence`` ("" when none), ``method``),
``baseline`` (GeoJSON with properties ``side`` and ``date``, or null), ``known`` (GeoJSON of the
profile's starting state, properties ``kind``, ``side``, ``date``, ``source``; or null),
``labels`` (how many places are labelled at the opening zoom; each ``places``/``mentioned``
item has ``rank``, see :mod:`geo_events.maps.labels`), ``bounds``, ``center``.
Each ``events`` item also has ``id``: the event id popups show, which ``geo-events correct`` takes.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import shape

from geo_events.control_rules import ControlRules
from geo_events.errors import InputError
from geo_events.events.profiles import Profile, resolve_profile
from geo_events.maps import _geometry
from geo_events.maps.area import equal_area_crs, estimate_areas
from geo_events.maps.labels import LABELS_AT_START, rank_places
from geo_events.maps.page import GeoEventsMap
from geo_events.maps.places import mention_items
from geo_events.maps.sides import CONTESTED_COLOR, UNKNOWN_COLOR, resolve_sides, sides_for_events
from geo_events.model import Event, Mention, Place
from geo_events.timeline import CLAIMED, CONTESTED, UNKNOWN, ControlTimeline

#: Most estimate snapshots computed per map (each is a Voronoi diagram per country).
MAX_ESTIMATE_SNAPSHOTS = 12

_POINT_LEVELS = frozenset({"populated_place", "feature"})

#: Maps a date (None: undated) to its slider step.
DateIndex = Callable[[date | None], int]


def control_map(
    events: Sequence[Event],
    *,
    sides: Mapping[str, Mapping[str, Any]] | None = None,
    profile: str | Profile | None = None,
    as_of: date | None = None,
    offline: bool | None = None,
    title: str | None = None,
    estimate: bool = True,
    tiles: str | None = None,
    mentions: Sequence[Mention] = (),
    texts: Mapping[str, str] | None = None,
    start: bool = True,
    baseline: gpd.GeoDataFrame | None = None,
    rules: ControlRules | None = None,
) -> GeoEventsMap:
    """Build the control map of ``events``.

    ``sides``: ``{side_id: {"name", "color"}}`` (others get palette colours); by default each
    side is named and coloured by its own event's conflict profile (:attr:`Event.profile`),
    ``profile`` (a name, path or :class:`Profile`) first (see
    :func:`geo_events.maps.sides.sides_for_events`); ``profile`` also lets the control timeline
    give a bare withdrawal to the opponent in a two-sided conflict.
    ``as_of``: drop events dated after this day; the map opens at the last change on or before
    it. The page is always one self-contained file (Leaflet inlined); ``tiles`` (e.g.
    ``"OpenStreetMap"``) adds online tiles under the data when the network allows, ``offline=True``
    forbids them. ``estimate``: add the estimated-control-area layer
    (needs boundary polygons and settlements of two sides in a country). ``mentions`` (with
    ``texts``: article id -> text, for their sentences): places the articles mention without any
    event, drawn as small grey dots for context in their own layer. ``start``: use the profile's
    starting state (drawn as its own layer). ``baseline``: known polygons (columns ``side``,
    ``date``; e.g. a user's baseline layer, :func:`geo_events.control_start.load_baseline`)
    drawn as their own layer; the timeline and the estimate take them as ground held unless
    newer evidence contradicts it. ``rules``: the control timeline's rules
    (:func:`geo_events.control_rules.load_control_rules`; None: the shipped ones).
    """
    evs = [e for e in events if as_of is None or (event_date(e) or date.min) <= as_of]
    if not evs:
        raise InputError(
            "no events to map" + (f" on or before {as_of.isoformat()}" if as_of else "")
            + "; check the input files, --published dates and --as-of"
        )
    data = control_page_data(evs, sides=sides, profile=profile, estimate=estimate, start=start,
                             baseline=baseline, rules=rules)
    if mentions:
        # countries as dots at their centroid would mislead: context is about smaller places
        context = [m for m in mentions if m.place.level != "country"]
        data["mentioned"] = mention_items(context, texts=texts,
                                          exclude=frozenset(e.place.id for e in evs))
        # labelled after every place with an event
        rank_places(data["mentioned"], lambda it: len(it["mentions"]),
                    {m.place.id: m.place.population for m in context if m.place.population},
                    start=len(data["places"]))
    shown = title or "Reported territorial control"
    return GeoEventsMap("control", data, offline=offline, tiles=tiles, title=shown)


def control_page_data(events: Sequence[Event], *,
                      sides: Mapping[str, Mapping[str, Any]] | None = None,
                      profile: str | Profile | None = None,
                      estimate: bool = True, start: bool = True,
                      max_estimates: int = MAX_ESTIMATE_SNAPSHOTS,
                      baseline: gpd.GeoDataFrame | None = None,
                      rules: ControlRules | None = None) -> dict[str, Any]:
    """The JSON document of a control map (contract in the module docstring).

    ``max_estimates``: most estimated-area snapshots (the last change always has one).

    Control status comes from :class:`geo_events.timeline.ControlTimeline` (conflicting reports,
    denials, windows: see there); annexation claims and reports without a control change are
    added on top for display (a claim never overrides reported control).
    """
    prof = resolve_profile(profile)
    timeline = ControlTimeline.from_events(events, profile=prof, start=start, baseline=baseline,
                                           rules=rules)
    dates = sorted({d.isoformat() for e in events if (d := event_date(e)) is not None})
    if not dates:
        dates = ["undated"]
    index = {d: i for i, d in enumerate(dates)}

    def d_of(day: date | None) -> int:
        """The slider step of ``day``: its own, else the last before it (a starting state or
        baseline dated before every event is shown from the first step)."""
        if day is None:
            return 0
        key = day.isoformat()
        return index[key] if key in index else max(0, bisect.bisect_right(dates, key) - 1)

    event_rows = [{
        "id": e.id,
        "d": d_of(event_date(e)),
        "date": _date_text(e),
        "kind": e.kind,
        "status": e.status,
        "side": e.gain or e.gain_actor or "",
        "source": e.source or "",
        "sentence": e.sentence,
    } for e in events]
    events_by_place: dict[str, list[int]] = defaultdict(list)
    places: dict[str, Place] = {}
    for i, e in enumerate(events):
        events_by_place[e.place.id].append(i)
        places.setdefault(e.place.id, e.place)
    for idxs in events_by_place.values():
        idxs.sort(key=lambda i: (event_rows[i]["d"], i))

    series = {pid: display_series(timeline, pid, [events[i] for i in idxs])
              for pid, idxs in events_by_place.items()}
    held = {c.side for chs in series.values() for c in chs if c.side}
    if baseline is not None and "side" in baseline:
        held |= {str(s) for s in baseline["side"].dropna()}
    if sides is None:
        resolved = sides_for_events(events, prof, extra=sorted(held))
    else:
        used = {s for e in events for s in (e.gain, e.loss, e.gain_actor) if s}
        resolved = resolve_sides(sides, sorted(used | held))

    point_items, area_items = [], []
    # Settlements the gazetteer lacks known only by their admin-1 unit: a dot at the unit's
    # centre would mislead, so they are listed by name instead of drawn. Those placed at their
    # community or a nearby town are drawn, marked approximate. Neither feeds the area estimate.
    unlocated = sorted({f"{p.name} ({p.admin1_name or p.admin1_code or p.country_name})"
                        for p in places.values() if p.is_unresolved and not p.approximate})
    drawn = {pid: p for pid, p in places.items() if not p.is_unresolved or p.approximate}
    places = {pid: p for pid, p in places.items() if not p.is_unresolved}
    for pid, place in drawn.items():
        item: dict[str, Any] = {
            "id": pid,
            "name": place.name,
            "admin1": _admin_text(place),
            "series": [{"d": d_of(c.date), "s": c.state, "side": c.side,
                        "confirmed": c.confirmed} for c in series[pid]],
            "events": events_by_place[pid],
        }
        if place.approximate:
            item["approx"] = place.approximate
        geom = None if place.level in _POINT_LEVELS else _geometry.area_geometry(pid)
        if geom is not None:
            item["geometry"] = _geometry.to_geojson_geometry(geom)
            area_items.append(item)
        elif place.level != "country":
            item.update(lat=round(place.latitude, 5), lon=round(place.longitude, 5))
            point_items.append(item)

    rank_places(point_items, lambda it: len(it["events"]),
                {pid: p.population for pid, p in drawn.items() if p.population})
    countries = sorted({p.country_code for p in drawn.values() if p.country_code})
    view = _view(point_items, area_items)
    base = _geometry.base_layer(countries, view["bounds"])
    data: dict[str, Any] = {
        "dates": dates,
        "start": len(dates) - 1,
        "sides": {s.id: {"name": s.name, "color": s.color} for s in resolved.values()},
        "states": {"contested": {"color": CONTESTED_COLOR}, "unknown": {"color": UNKNOWN_COLOR}},
        "events": event_rows,
        "places": point_items,
        "areas": area_items,
        "unlocated": unlocated,
        "labels": LABELS_AT_START,
        "base": base,
        "estimate": (_estimate_snapshots(timeline, places, series, dates, d_of, baseline,
                                         max_estimates) if estimate else []),
        "baseline": baseline_features(baseline),
        "known": _start_features(timeline),
    }
    data.update(view)
    return data


@dataclass(frozen=True)
class DisplayState:
    """From ``date`` on the map draws a place as ``state`` (``control``, ``contested``,
    ``claimed`` or ``unknown``) for ``side`` (None for contested/unknown). ``confirmed`` is
    False when every report behind a control change is only ``claimed``/``unverified``/
    ``disputed``."""

    date: date | None
    state: str
    side: str | None
    confirmed: bool


UNCONFIRMED_STATUSES = frozenset({"claimed", "unverified", "disputed"})


def event_date(event: Event) -> date | None:
    """Where an event sits on the slider: start of its range, else its publication date."""
    return event.date_from or event.date_to or event.published


def display_series(timeline: ControlTimeline, place_id: str,
                   events: Sequence[Event]) -> list[DisplayState]:
    """What the map shows for one place over time, in date order.

    Control and contested come from ``timeline``; before the first of them, an annexation claim
    shows the place as ``claimed`` and any other report as ``unknown`` (reported, but nothing
    said about control).
    """
    steps: list[tuple[date | None, int, DisplayState]] = []
    for ch in timeline.history(place_id):
        if ch.status == CONTESTED:
            shown = DisplayState(ch.date, "contested", None, True)
        elif ch.state == CLAIMED:  # a claim of capture pending confirmation: hatched
            shown = DisplayState(ch.date, "claimed", ch.claimant, False)
        elif ch.state == UNKNOWN:  # a claim cancelled by a denial
            shown = DisplayState(ch.date, "unknown", None, True)
        else:
            confirmed = any(e.status not in UNCONFIRMED_STATUSES for e in ch.events)
            shown = DisplayState(ch.date, "control", ch.status, confirmed)
        steps.append((ch.date, 0, shown))
    for e in events:
        d = event_date(e)
        if e.kind == "annexation_claim" and e.status != "denied":
            claimant = e.gain or e.gain_actor or (e.actors[0] if e.actors else None)
            if claimant:
                steps.append((d, 1, DisplayState(d, "claimed", claimant, False)))
                continue
        steps.append((d, 2, DisplayState(d, "unknown", None, True)))
    steps.sort(key=lambda t: (t[0] or date.min, t[1]))
    out: list[DisplayState] = []
    for _, rank, shown in steps:
        current = out[-1] if out else None
        if current is not None and current.state in ("control", "contested") and rank > 0:
            continue  # claims and other reports never override reported control
        if current is not None and current.state == "claimed" and rank == 2:
            continue
        if current is None or (shown.state, shown.side, shown.confirmed) != (
                current.state, current.side, current.confirmed):
            out.append(shown)
    return out


def _date_text(e: Event) -> str:
    d = event_date(e)
    if d is None:
        return ""
    if e.date_from and e.date_to and e.date_to != e.date_from:
        return f"{e.date_from.isoformat()}..{e.date_to.isoformat()}"
    return d.isoformat()


def _admin_text(place: Place) -> str:
    parts = [p for p in (place.admin1_name, place.country_name or place.country_code) if p]
    if place.level == "admin1":
        parts = [p for p in (place.country_name or place.country_code,) if p]
    return ", ".join(parts)


def _estimate_snapshots(timeline: ControlTimeline, places: Mapping[str, Place],
                        series: Mapping[str, list[DisplayState]], dates: Sequence[str],
                        d_of: DateIndex,
                        known: gpd.GeoDataFrame | None = None,
                        limit: int = MAX_ESTIMATE_SNAPSHOTS) -> list[dict[str, Any]]:
    """Estimated control area (:func:`~geo_events.maps.area.estimate_areas`) at up to
    ``limit`` slider steps (the last change's included), per country with evidence or known
    polygons.

    Features carry ``side``, ``state`` (held/claimed/contested/unknown), ``date`` and
    ``last_evidence`` (ISO), and ``method``."""
    # settlements only: a facility's holder (a site) says nothing of the land around it
    points = {pid: p for pid, p in places.items()
              if p.level in _POINT_LEVELS and p.country_code and not p.is_site}
    steps = sorted({d_of(c.date) for pid in points for c in series.get(pid, [])
                    if c.state in ("control", "contested") and c.date is not None})
    if len(steps) > limit:
        stride = len(steps) / max(1, limit - 1)
        steps = sorted({steps[int(k * stride)] for k in range(max(0, limit - 1))}
                       | {steps[-1]})
    by_country: dict[str, list[Place]] = defaultdict(list)
    for p in points.values():
        by_country[str(p.country_code)].append(p)
    # the same ground as ControlTimeline.areas_at: the theatre's countries, not a side's own
    regions = timeline.regions(sorted(by_country))
    snapshots = []
    for step in steps:
        day = date.fromisoformat(dates[step])
        known_day = _known_at(timeline, known, day)
        features = []
        for cc, region in regions.items():
            statuses = settlement_statuses(timeline, by_country[cc], day)
            if statuses.empty and known_day is None:
                continue  # nothing said about this country: no estimate, not a grey country
            area = estimate_areas(statuses, region, known=known_day, day=day)
            area = area.assign(side=area["side"].where(area["side"].notna(), ""),
                               last_evidence=area["last_evidence"].where(
                                   area["last_evidence"].notna(), ""))
            features.extend(_geometry.feature_collection(
                area, ("side", "state", "date", "last_evidence", "method"))["features"])
        if features:
            snapshots.append({"d": step, "date": dates[step],
                              "features": {"type": "FeatureCollection", "features": features}})
    return snapshots


def _start_features(timeline: ControlTimeline) -> dict[str, Any] | None:
    """GeoJSON of the starting state's polygons the timeline used (the baseline has its own
    layer), or None."""
    known = timeline.known
    if known is None or not len(known):
        return None
    start = known[known["kind"] == "start"]
    region = timeline.region() if hasattr(timeline, "region") else None
    if region is not None and len(start):
        # a side's own country (russia-ukraine's "russia" entry: the rear of the estimate)
        # is no news on a map of the conflict's ground: drawn are the entries in its region
        crs = equal_area_crs(region)  # areas in m², not square degrees
        inside = start.geometry.intersection(region).to_crs(crs).area
        start = start[inside > 0.5 * start.geometry.to_crs(crs).area]
    if not len(start):
        return None
    return _geometry.feature_collection(start, ("kind", "side", "date", "source"))


def _known_at(timeline: ControlTimeline, baseline: gpd.GeoDataFrame | None,
              day: date) -> gpd.GeoDataFrame | None:
    """Known polygons for the estimate on ``day``: the timeline's own (``known_at``: a
    profile's start state, its baseline layers, area events) when it has them, and
    ``baseline``."""
    frames = []
    if hasattr(timeline, "known_at"):
        frames.append(timeline.known_at(day))
    if baseline is not None and not hasattr(timeline, "known_at"):  # else already in known_at
        frames.append(baseline if baseline.crs else baseline.set_crs("EPSG:4326"))
    frames = [f.to_crs("EPSG:4326") for f in frames if f is not None and len(f)]
    if not frames:
        return None
    cols = ["side", "date", "complete", "geometry"]
    parts = [f.assign(date=f.get("date", None),
                      complete=f.get("complete", False))[cols]
             for f in frames]
    return gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), geometry="geometry",
                            crs="EPSG:4326")


def baseline_features(baseline: gpd.GeoDataFrame | None) -> dict[str, Any] | None:
    """GeoJSON of a user's baseline layer (polygons with ``side`` and ``date``) for the page."""
    if baseline is None or len(baseline) == 0:
        return None
    frame = baseline if baseline.crs else baseline.set_crs("EPSG:4326")
    frame = frame.to_crs("EPSG:4326")
    frame = frame.assign(side=frame["side"].astype(str),
                         date=[str(d)[:10] if d is not None else "" for d in
                               (frame["date"] if "date" in frame else [None] * len(frame))])
    return _geometry.feature_collection(frame, ("side", "date"))


def controlled_at(timeline: ControlTimeline, places: Iterable[Place],
                  day: date) -> gpd.GeoDataFrame:
    """Settlements held by a side on ``day`` according to ``timeline``.

    Columns: ``place_id``, ``side``, ``country_code``, ``geometry`` (WGS84 points).
    """
    rows = []
    for place in places:
        status = timeline.status_at(place.id, day)
        if status.state == "held":
            rows.append((place.id, status.status, place.country_code,
                         shapely.Point(place.longitude, place.latitude)))
    return gpd.GeoDataFrame(rows, columns=["place_id", "side", "country_code", "geometry"],
                            geometry="geometry", crs="EPSG:4326")


def settlement_statuses(timeline: ControlTimeline, places: Iterable[Place],
                        day: date) -> gpd.GeoDataFrame:
    """Statuses of ``places`` on ``day`` as the estimate reads them (AREAS.md contract).

    Uses ``timeline.statuses_at`` when the timeline has it (evidence-weighted statuses), else
    this stand-in: ``held`` for a side, ``contested``, with ``since`` and ``last_evidence``
    (the newest event behind the status on or before ``day``). Columns ``place_id``, ``name``,
    ``side``, ``state``, ``since``, ``last_evidence``, ``geometry`` (WGS84 points).
    """
    wanted = {p.id: p for p in places}
    if hasattr(timeline, "statuses_at"):
        frame = timeline.statuses_at(day)
        return frame[frame["place_id"].isin(set(wanted))].reset_index(drop=True)
    rows = []
    for place in wanted.values():
        status = timeline.status_at(place.id, day)
        if not status.known:
            continue
        dated = [e.date_from for e in status.events if e.date_from and e.date_from <= day]
        contested = status.status == CONTESTED
        rows.append((place.id, place.name, None if contested else status.status,
                     "contested" if contested else "held", status.since,
                     max(dated) if dated else status.since,
                     shapely.Point(place.longitude, place.latitude)))
    return gpd.GeoDataFrame(rows, columns=["place_id", "name", "side", "state", "since",
                                           "last_evidence", "geometry"],
                            geometry="geometry", crs="EPSG:4326")


def _view(point_items: Sequence[dict[str, Any]],
          area_items: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """``bounds`` ([[s, w], [n, e]]) and ``center`` of what the map shows."""
    lats = [p["lat"] for p in point_items]
    lons = [p["lon"] for p in point_items]
    for a in area_items:
        minx, miny, maxx, maxy = shape(a["geometry"]).bounds
        lats += [miny, maxy]
        lons += [minx, maxx]
    if not lats:
        return {"bounds": None, "center": [0.0, 0.0]}
    s, n, w, e = min(lats), max(lats), min(lons), max(lons)
    pad_lat, pad_lon = max(0.5, (n - s) * 0.05), max(0.5, (e - w) * 0.05)
    return {"bounds": [[s - pad_lat, w - pad_lon], [n + pad_lat, e + pad_lon]],
            "center": [(s + n) / 2, (w + e) / 2]}
