"""Known control before (or beside) the reporting: a profile's starting state and user baselines.

**Starting state.** A profile's ``start`` section (``geo_events/data/profiles/*.json``)::

    "start": {"date": "2022-02-24", "doc": "...", "entries": [
        {"id": "crimea-2014", "side": "RU", "since": "2014-03-18",
         "areas": ["adm1:UA.11"], "polygon": [[lon, lat], ...], "settlements": ["gn:693805"],
         "source": "why this is known (required)"}]}

Each entry says that ``side`` holds its ``areas`` (area place ids, :mod:`geo_events.areas`), its
``polygon`` (WGS84 lon/lat ring, clipped to the conflict's country) and its ``settlements``
(place ids) since ``since``. Every entry names its ``source``: they are facts written down, not
data copied from a map. ``as_of`` (optional) is the day the entry describes.

**Baseline layers.** :func:`load_baseline` reads the user's own polygons (GeoJSON, GeoPackage,
any OGR vector file) with a ``side`` column and a ``date`` column (or one date for the file),
e.g. an export of a map they are licensed to use. Reporting dated after a polygon's date updates
the picture it gives.

Both become *known layers*: GeoDataFrames with columns :data:`KNOWN_COLUMNS` (``kind`` is
``start`` or ``baseline``; ``date`` an ISO string; EPSG:4326).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import geopandas as gpd
import shapely

from geo_events.data_schema import check_keys
from geo_events.errors import DataFileError, InputError, ProfileError, ProfileFileError

KNOWN_COLUMNS = ["id", "kind", "side", "date", "source", "geometry"]
_ENTRY_KEYS = frozenset({"id", "side", "since", "as_of", "areas", "polygon", "polygon_doc",
                         "settlements", "source"})
_SIDE_COLUMNS = ("side", "Side", "SIDE", "controller", "control")
_DATE_COLUMNS = ("date", "Date", "DATE", "as_of", "snapshot")


@dataclass(frozen=True, slots=True)
class StartEntry:
    """One fact of a starting state (see the module docstring)."""

    id: str
    side: str
    since: date
    source: str
    areas: tuple[str, ...] = ()
    polygon: tuple[tuple[float, float], ...] = ()
    settlements: tuple[str, ...] = ()
    as_of: date | None = None

    @property
    def evidence_id(self) -> str:
        return f"start:{self.id}"


@dataclass(frozen=True, slots=True)
class StartState:
    """A profile's starting state: its ``date`` and its entries."""

    date: date
    entries: tuple[StartEntry, ...]
    doc: str = ""


def _day(value: Any, what: str, source: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise ProfileError(f"{source}: {what} {value!r} is not a YYYY-MM-DD date") from exc


def start_state_from_dict(d: Any, side_ids: list[str], source: str = "profile") -> StartState:
    """Parse and check a profile's ``start`` section (raises :class:`ProfileError`)."""
    if not isinstance(d, dict) or not isinstance(d.get("entries"), list):
        raise ProfileError(f"{source}: 'start' needs a 'date' and an 'entries' list")
    entries = []
    for i, e in enumerate(d["entries"]):
        where = f"{source}: start entry {i}"
        if not isinstance(e, dict):
            raise ProfileError(f"{where} must be an object")
        check_keys(e, _ENTRY_KEYS, where, error=ProfileFileError)
        for key in ("id", "side", "since", "source"):
            if not e.get(key):
                raise ProfileError(f"{where} needs {key!r} (every fact names its source)")
        if e["side"] not in side_ids:
            raise ProfileError(f"{where}: side {e['side']!r} is not one of {', '.join(side_ids)}")
        ring = tuple(tuple(map(float, xy)) for xy in e.get("polygon") or ())
        if ring and (len(ring) < 4 or any(len(xy) != 2 for xy in ring)):
            raise ProfileError(f"{where}: 'polygon' must be a closed ring of [lon, lat] pairs")
        if not (ring or e.get("areas") or e.get("settlements")):
            raise ProfileError(f"{where} needs 'areas', 'polygon' or 'settlements'")
        entries.append(StartEntry(
            id=str(e["id"]), side=str(e["side"]), since=_day(e["since"], "since", where),
            source=str(e["source"]), areas=tuple(map(str, e.get("areas") or ())),
            polygon=tuple((x, y) for x, y in ring),
            settlements=tuple(map(str, e.get("settlements") or ())),
            as_of=_day(e["as_of"], "as_of", where) if e.get("as_of") else None))
    return StartState(_day(d.get("date"), "start date", source), tuple(entries),
                      str(d.get("doc", "")))


def entry_geometry(entry: StartEntry) -> shapely.Geometry | None:
    """The union of an entry's areas and polygon (WGS84), or None when it has neither."""
    from geo_events.areas import area_geometry

    parts = [g for a in entry.areas if (g := area_geometry(a)) is not None]
    if entry.polygon:
        parts.append(shapely.make_valid(shapely.Polygon(entry.polygon)))
    return shapely.union_all(parts) if parts else None


_GEOMETRIES: dict[StartEntry, shapely.Geometry | None] = {}


def side_at_start(profile: Any, place: Any) -> str | None:
    """The side holding a place in the profile's starting state: the side of an entry that
    lists the settlement or whose areas or polygon hold its point, else (the start state
    writes down what the government did not hold) the profile's one ``government`` side;
    None without a start state."""
    state = getattr(profile, "start", None)
    if state is None:
        return None
    for e in state.entries:
        if place.id in e.settlements:
            return e.side
    for e in state.entries:
        if e not in _GEOMETRIES:
            _GEOMETRIES[e] = entry_geometry(e)
        geom = _GEOMETRIES[e]
        if geom is not None and place.latitude is not None \
                and shapely.contains_xy(geom, place.longitude, place.latitude):
            return e.side
    government = sorted(profile.government_sides())
    return government[0] if len(government) == 1 else None


def start_layer(state: StartState | None, region: shapely.Geometry | None = None
                ) -> gpd.GeoDataFrame:
    """The starting state's polygons as a known layer (clipped to ``region`` when given)."""
    rows = []
    for e in state.entries if state is not None else ():
        geom = entry_geometry(e)
        if geom is None:
            continue
        if region is not None:
            geom = shapely.intersection(geom, region)
        if not geom.is_empty:
            rows.append({"id": e.evidence_id, "kind": "start", "side": e.side,
                         "date": e.since.isoformat(), "source": e.source, "geometry": geom})
    return known_frame(rows)


def known_frame(rows: list[dict[str, Any]]) -> gpd.GeoDataFrame:
    """A known layer from rows with the :data:`KNOWN_COLUMNS` keys."""
    return gpd.GeoDataFrame(rows, columns=KNOWN_COLUMNS, geometry="geometry", crs="EPSG:4326")


def load_baseline(path: str | Path, default_date: date | None = None) -> gpd.GeoDataFrame:
    """A user baseline layer as a known layer (see the module docstring).

    The file needs polygons, a CRS, a side column (``side``/``controller``/``control``) and a
    date column (``date``/``as_of``/``snapshot``, YYYY-MM-DD) unless ``default_date`` is given.
    Raises :class:`DataFileError` naming the file and what to fix.
    """
    path = Path(path).expanduser()
    if not path.is_file():
        raise DataFileError(f"baseline file {path}: no such file; give a GeoJSON or GeoPackage "
                            "of polygons with 'side' and 'date' columns")
    try:
        frame = gpd.read_file(path)
    except Exception as exc:  # pyogrio raises several types for unreadable files
        raise DataFileError(f"baseline file {path} is not a readable vector layer ({exc}); "
                            "give a GeoJSON or GeoPackage") from exc
    return baseline_frame(frame, str(path), default_date)


def baseline_frame(frame: gpd.GeoDataFrame, source: str = "baseline",
                   default_date: date | None = None) -> gpd.GeoDataFrame:
    """Check and normalise a baseline GeoDataFrame (columns side, date, geometry) into a known
    layer; ``source`` names it in errors and in the layer's ``source`` column."""
    if not len(frame):
        raise InputError(f"baseline {source}: holds no features; give polygons with 'side' and "
                         "'date' columns")
    if frame.crs is None:
        frame = frame.set_crs("EPSG:4326") if _looks_like_degrees(frame) else frame
    if frame.crs is None:
        raise DataFileError(f"baseline {source}: has no CRS; set one (EPSG:4326 for degrees)")
    frame = frame.to_crs("EPSG:4326")
    side_col = next((c for c in _SIDE_COLUMNS if c in frame.columns), None)
    if side_col is None:
        raise DataFileError(f"baseline {source}: no side column; add 'side' (a profile side id "
                            f"such as RU or UA); columns are {', '.join(map(str, frame.columns))}")
    date_col = next((c for c in _DATE_COLUMNS if c in frame.columns), None)
    if date_col is None and default_date is None:
        raise DataFileError(f"baseline {source}: no date column; add 'date' (YYYY-MM-DD, the day "
                            "the polygons show)")
    rows = []
    for i, r in enumerate(frame.itertuples(index=False)):
        geom = r.geometry
        if geom is None or geom.is_empty:
            continue
        geom = _polygonal(shapely.make_valid(geom))
        if geom is None:
            raise DataFileError(f"baseline {source}: feature {i} is a "
                                f"{r.geometry.geom_type}; the baseline needs polygons")
        raw = getattr(r, date_col) if date_col else None
        try:
            day = default_date if raw is None or raw != raw else \
                date.fromisoformat(str(raw)[:10])
        except ValueError as exc:
            raise DataFileError(f"baseline {source}: feature {i} date {raw!r} is not "
                                "YYYY-MM-DD") from exc
        if day is None:
            raise DataFileError(f"baseline {source}: feature {i} has no date")
        rows.append({"id": f"baseline:{i}", "kind": "baseline", "side": str(getattr(r, side_col)),
                     "date": day.isoformat(), "source": source,
                     "geometry": geom})
    if not rows:
        raise InputError(f"baseline {source}: holds no polygons")
    return known_frame(rows)


def _polygonal(geom: shapely.Geometry) -> shapely.Geometry | None:
    """The polygons of ``geom`` (a collection's points and lines dropped), or None."""
    parts = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else None


def _looks_like_degrees(frame: gpd.GeoDataFrame) -> bool:
    minx, miny, maxx, maxy = frame.total_bounds
    return -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90
