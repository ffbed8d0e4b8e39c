"""Polygons of the areas reporting names as wholes: units, parts of units, river banks.

Area place ids (shared with the extractor and the estimate, see ``docs/control.md``):

* a unit: ``adm0:CC``, ``adm1:CC.XX``, ``region:<slug>`` (embedded boundaries), a user unit
  registered with :func:`register_units` (``adm2:<set>:<code>``, a raion from the user's
  boundary file), or ``gn:<id>`` of a settlement (the ground within :data:`SETTLEMENT_RADIUS_KM`
  of it, for "north of Kharkiv");
* ``part:<direction>:<unit id>``: a part of a unit by direction (``north``, ``northern``,
  ``north-east``, ``northeastern``, ... ``west``; ``central``): the half (or quadrant) of the
  unit's bounding box on that side of its centre, clipped to the unit; ``part:around:gn:<id>``
  is all the ground around a settlement ("the region around X");
* ``bank:<right|left>:<river>:<unit id>``: the part of a unit on one bank of a river of
  ``geo_events/data/rivers.json`` (``right`` is on the right looking downstream).

:func:`area_geometry` returns a WGS84 (multi)polygon, or None when the id names no area it
can draw (unknown unit, unknown river, a river that does not cross the unit on that side).
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry
from shapely.ops import split

from geo_events.config import DATA_DIR
from geo_events.language import active_language, language_pack
from geo_events.model import Mention, Place

RIVERS_FILE = DATA_DIR / "rivers.json"
#: Radius of the ground "around" a settlement named as an area ("north of Kharkiv"), km.
SETTLEMENT_RADIUS_KM = 40.0
_KM_PER_DEG_LAT = 111.32
#: How far outside a unit's (simplified) polygon a settlement still counts as in it, degrees.
TOLERANCE_DEG = 0.03

#: Direction words -> (x sign, y sign) of the half/quadrant (0: either).
_DIRECTIONS = {
    "north": (0, 1), "south": (0, -1), "east": (1, 0), "west": (-1, 0),
    "northeast": (1, 1), "northwest": (-1, 1), "southeast": (1, -1), "southwest": (-1, -1),
}
_USER_UNITS: dict[str, BaseGeometry] = {}
#: Registered user units as places (for mentions), by place id.
_USER_PLACES: dict[str, Place] = {}


def unit_words() -> tuple[str, ...]:
    """Words naming a unit's kind after its name ("Izium Raion", "the Kupiansk district"): the
    ``names.unit_words`` of the language pack of the
    :func:`~geo_events.language.active_language` (English: ``geo_events/data/lang/en.json``)."""
    return language_pack(active_language()).names.unit_words


def register_units(frame) -> int:
    """Make the polygons of a user boundary frame (``place_id``, ``name``, ``geometry`` in
    EPSG:4326, as :func:`geo_events.boundaries.load_boundary_file` returns) known to
    :func:`area_geometry`, and their names to :func:`user_unit_mentions` (so "withdrew from
    Izium Raion" is an area event over the user's polygon); returns how many were added."""
    n = 0
    names = frame["name"] if "name" in frame else [None] * len(frame)
    for pid, name, geom in zip(frame["place_id"], names, frame.geometry, strict=True):
        if geom is not None and not geom.is_empty:
            _USER_UNITS[str(pid)] = geom
            if name is not None and str(name).strip():
                _USER_PLACES[str(pid)] = _unit_place(str(pid), str(name).strip(), geom)
            n += 1
    area_geometry.cache_clear()
    _unit_pattern_for.cache_clear()
    return n


#: Environment variable naming a boundary file of user units, so that worker processes of a
#: run register the same units as the command that started them (``--areas FILE``).
AREAS_ENV = "GEO_EVENTS_AREAS"
_ENV_LOADED: set[str] = set()


def load_user_units(path: str | Path, name_column: str | None = None, *,
                    export: bool = False) -> int:
    """Read a user boundary file (GeoJSON, GeoPackage...: polygons with a name column;
    :func:`geo_events.boundaries.load_boundary_file`) and :func:`register_units` it; raises
    :class:`~geo_events.errors.BoundaryFileError` naming the file and the fix. ``export``:
    also name the file in :data:`AREAS_ENV` for the worker processes this one starts."""
    import os

    from geo_events.boundaries import load_boundary_file

    n = register_units(load_boundary_file(path, name_column=name_column, level="admin2"))
    if export:
        resolved = str(Path(path).expanduser().resolve())
        os.environ[AREAS_ENV] = resolved
        _ENV_LOADED.add(resolved)
    return n


def _env_units() -> None:
    """Register the units of the file :data:`AREAS_ENV` names, once per process."""
    import os

    path = os.environ.get(AREAS_ENV)
    if path and path not in _ENV_LOADED:
        _ENV_LOADED.add(path)
        load_user_units(path)


def _unit_place(pid: str, name: str, geom: BaseGeometry) -> Place:
    """A user unit as a place (level ``admin2``): its representative point, and the country
    and admin-1 unit of the embedded boundaries it lies in (when they are built)."""
    pt = geom.representative_point()
    cc = a1 = a1_name = None
    try:
        from geo_events.boundaries import load_admin1

        admin1 = load_admin1()
        hit = admin1[admin1.geometry.covers(pt)]
        if len(hit):
            row = hit.iloc[0]
            a1, cc = str(row["admin1_code"]), str(row["country_code"])
            a1_name = str(row["admin1_name"] or row["name"] or "") or None
    except Exception:  # boundaries not built: the unit still works, without its admin-1 unit
        pass
    return Place(id=pid, name=name, level="admin2", latitude=round(pt.y, 5),
                 longitude=round(pt.x, 5), country_code=cc, admin1_code=a1,
                 admin1_name=a1_name, raw={"precision": "user-unit"})


def _norm(text: str) -> str:
    return re.sub(r"[\s\-‐]+", " ", text.casefold()).strip()


def _unit_pattern() -> tuple[re.Pattern[str] | None, dict[str, list[str]]]:
    """One regex over every registered unit name (with or without its kind word after it)
    and the unit ids of each normalised name, for the unit words of the active language."""
    return _unit_pattern_for(unit_words())


@cache
def _unit_pattern_for(words_: tuple[str, ...]
                      ) -> tuple[re.Pattern[str] | None, dict[str, list[str]]]:
    by_name: dict[str, list[str]] = {}
    for pid, place in _USER_PLACES.items():
        base = _norm(place.name)
        for word in words_:  # "Izium Raion" in the file names the unit "izium" too
            if base.endswith(" " + word):
                base = base[: -len(word) - 1]
        by_name.setdefault(base, []).append(pid)
    if not by_name:
        return None, by_name
    names = sorted(by_name, key=len, reverse=True)
    alt = "|".join(r"[\s\-]+".join(map(re.escape, n.split(" "))) for n in names)
    words = "|".join(words_)
    return re.compile(rf"\b(?P<name>{alt})[\s\-]+(?:{words})\b", re.IGNORECASE), by_name


def user_unit_mentions(text: str, mentions: list[Mention], doc: Any = None) -> list[Mention]:
    """``mentions`` with every "<unit name> Raion/district/..." of a registered user unit
    (:func:`register_units`) as a toponym of that unit, replacing the mentions inside it (the
    town "Izium" of "Izium Raion"); unchanged when no unit is registered. A name several
    units share is left alone (ambiguous)."""
    _env_units()
    pattern, by_name = _unit_pattern()
    if pattern is None:
        return mentions
    found = []
    for m in pattern.finditer(text):
        ids = by_name.get(_norm(m.group("name")), [])
        if len(ids) == 1:
            sent = next((sn for sn in (doc.sents if doc is not None else ())
                         if sn.start_char <= m.start() < sn.end_char), None)
            found.append(Mention(surface=m.group(0), start=m.start(), end=m.end(),
                                 place=_USER_PLACES[ids[0]], score=0.9, role="toponym",
                                 label="user-unit",
                                 sentence_start=sent.start_char if sent is not None else None,
                                 sentence_end=sent.end_char if sent is not None else None))
    if not found:
        return mentions
    kept = [m for m in mentions
            if not any(f.start <= m.start and m.end <= f.end for f in found)]
    return sorted([*kept, *found], key=lambda m: (m.start, m.end))


def direction_of(word: str) -> tuple[int, int] | None:
    """``northern``, ``north-east``, ``North Eastern`` -> the (x, y) signs; None if no direction."""
    key = word.lower().replace("-", "").replace(" ", "").replace("_", "")
    for suffix in ("ern", "ward", "wards"):
        if key.endswith(suffix) and key[: -len(suffix)] in _DIRECTIONS:
            key = key[: -len(suffix)]
            break
    if key.endswith("ern"):  # north-eastern -> northeastern -> northeast
        key = key[:-3]
    return _DIRECTIONS.get(key)


@cache
def _river_records() -> tuple[dict, ...]:
    """The river records of ``rivers.json``, read once."""
    return tuple(json.loads(RIVERS_FILE.read_text(encoding="utf-8"))["rivers"])


@cache
def rivers() -> dict[str, shapely.LineString]:
    """River id -> its simplified line (WGS84, upstream to downstream): every river whose
    banks reporting names (``bank:<side>:<river>:<unit>`` areas)."""
    return {r["id"]: shapely.LineString(r["line"]) for r in _river_records()}


@cache
def front_rivers() -> dict[str, shapely.LineString]:
    """The rivers of :func:`rivers` marked ``bounds_front`` in ``rivers.json``: the major
    rivers the area estimate draws the front along (rule river-bounds-reports). A river whose
    banks reporting names but which the front crossed often (the Oskil, the Siverskyi Donets,
    the Inhulets in 2022) is no such bound: drawn bank by bank, it cost the estimate ground
    on every corpus (benchmarks/README.md, area13)."""
    lines = rivers()
    return {r["id"]: lines[r["id"]] for r in _river_records() if r.get("bounds_front", True)}


def paints_whole(place_id: str) -> bool:
    """Whether a confirmed area event over ``place_id`` may paint the whole area as known
    ground for the estimate (:meth:`~geo_events.timeline.ControlTimeline.known_at`): every
    area but the bank of a river that does not bound the front (:func:`front_rivers`), whose
    bank the front crossed and recrossed and whose line is a sketch: such an event moves the
    settlements it contradicts, each traceable to it, and leaves the ground to the estimate
    (Wikipedia development slice: as a known polygon the west bank of the Oskil cost 0.008 of
    area IoU, benchmarks/README.md, area13)."""
    kind, _, rest = place_id.partition(":")
    if kind != "bank":
        return True
    river = rest.partition(":")[2].partition(":")[0]
    return river in front_rivers()


def _unit_geometry(unit_id: str) -> BaseGeometry | None:
    _env_units()
    if unit_id in _USER_UNITS:
        return _USER_UNITS[unit_id]
    kind = unit_id.partition(":")[0]
    if kind in ("adm0", "adm1", "region"):
        from geo_events.maps._geometry import area_geometry as embedded

        return embedded(unit_id)
    if kind == "gn":
        from geo_events.gazetteer.index import get_gazetteer

        place = get_gazetteer().get(unit_id)
        if place is None or place.level != "populated_place":
            return None
        return _disc(place.longitude, place.latitude, SETTLEMENT_RADIUS_KM)
    return None


def _disc(lon: float, lat: float, radius_km: float) -> BaseGeometry:
    """A circle of ``radius_km`` around a point, as an ellipse in degrees (fine at this size)."""
    import math

    dy = radius_km / _KM_PER_DEG_LAT
    dx = dy / max(0.1, math.cos(math.radians(lat)))
    circle = shapely.Point(0, 0).buffer(1.0, 32)
    return shapely.affinity.affine_transform(circle, [dx, 0, 0, dy, lon, lat])


def _part(geom: BaseGeometry, signs: tuple[int, int]) -> BaseGeometry:
    minx, miny, maxx, maxy = geom.bounds
    c = geom.centroid
    x0, x1 = {1: (c.x, maxx), -1: (minx, c.x), 0: (minx, maxx)}[signs[0]]
    y0, y1 = {1: (c.y, maxy), -1: (miny, c.y), 0: (miny, maxy)}[signs[1]]
    return shapely.intersection(geom, shapely.box(x0, y0, x1, y1))


def _central(geom: BaseGeometry) -> BaseGeometry:
    minx, miny, maxx, maxy = geom.bounds
    w, h = (maxx - minx) / 4, (maxy - miny) / 4
    c = geom.centroid
    return shapely.intersection(geom, shapely.box(c.x - w, c.y - h, c.x + w, c.y + h))


def on_right_bank(line: shapely.LineString, point: shapely.Point) -> bool:
    """True when ``point`` lies on the right of ``line`` looking along it (downstream)."""
    d = line.project(point)
    a = line.interpolate(max(0.0, d - 0.01))
    b = line.interpolate(min(line.length, d + 0.01))
    return (b.x - a.x) * (point.y - a.y) - (b.y - a.y) * (point.x - a.x) < 0


def _bank(geom: BaseGeometry, line: shapely.LineString, right: bool) -> BaseGeometry | None:
    """The pieces of ``geom`` on the right (or left) of ``line`` looking along it."""
    pieces = split(shapely.make_valid(geom), line).geoms if geom.intersects(line) else [geom]
    keep = [piece for piece in pieces
            if not piece.is_empty and piece.geom_type in ("Polygon", "MultiPolygon")
            and on_right_bank(line, piece.representative_point()) == right]
    return shapely.union_all(keep) if keep else None


@cache
def area_geometry(place_id: str) -> BaseGeometry | None:
    """The polygon of an area place id (see the module docstring), or None."""
    kind, _, rest = place_id.partition(":")
    if kind == "part":
        word, _, unit = rest.partition(":")
        geom = _unit_geometry(unit)
        if geom is None:
            return None
        if word.lower() == "around":  # "the region around X": all the ground around X
            out = geom
        elif word.lower() in ("central", "centre", "center"):
            out = _central(geom)
        else:
            signs = direction_of(word)
            if signs is None:
                return None
            out = _part(geom, signs)
    elif kind == "bank":
        side, _, rest2 = rest.partition(":")
        river, _, unit = rest2.partition(":")
        geom = _unit_geometry(unit)
        line = rivers().get(river)
        if geom is None or line is None or side not in ("right", "left"):
            return None
        out = _bank(geom, line, side == "right")
    else:
        out = _unit_geometry(place_id)
    if out is None or out.is_empty:
        return None
    return shapely.make_valid(out)


def area_contains(place_id: str, lon: float, lat: float,
                  admin1_code: str | None = None) -> bool:
    """True when the point (a settlement; ``admin1_code`` its unit when known) is in the area.

    Unit membership is by admin-1 code for ``adm1:`` units when the code is given (coarse
    polygons leave riverside towns just outside), else by the polygon within
    :data:`TOLERANCE_DEG`; parts test the point against the unit's box halves and banks test
    the point's side of the river, so a settlement on the river line is not lost to
    simplification.
    """
    kind, _, rest = place_id.partition(":")
    point = shapely.Point(lon, lat)
    if kind == "part":
        unit = rest.partition(":")[2]
        geom = _unit_geometry(unit)
        if geom is None or not _in_unit(unit, geom, point, admin1_code):
            return False
        area = area_geometry(place_id)
        return area is not None and shapely.dwithin(area, point, TOLERANCE_DEG)
    if kind == "bank":
        side, _, rest2 = rest.partition(":")
        river, _, unit = rest2.partition(":")
        geom = _unit_geometry(unit)
        line = rivers().get(river)
        if geom is None or line is None or not _in_unit(unit, geom, point, admin1_code):
            return False
        return on_right_bank(line, point) == (side == "right")
    geom = _unit_geometry(place_id)
    return geom is not None and _in_unit(place_id, geom, point, admin1_code)


def withdrawal_reach_km(place_id: str) -> float:
    """How far (km) beyond its unit a withdrawal from the bank ``place_id``
    (``bank:<side>:<river>:<unit>``) reaches on the same bank: the river's
    ``withdrawal_reach_km`` for that side in ``rivers.json`` (0 for every other area, and for
    rivers and sides without it). A side leaving a bank in one unit left its ground on that
    bank across the unit's border too (rule ``area-bank-reach``): the Dnipro's right bank in
    the south was one bridgehead, in Kherson and Mykolaiv oblasts."""
    kind, _, rest = place_id.partition(":")
    if kind != "bank":
        return 0.0
    side, _, rest2 = rest.partition(":")
    river = rest2.partition(":")[0]
    record = next((r for r in _river_records() if r["id"] == river), {})
    return float(record.get("withdrawal_reach_km", {}).get(side, 0.0))


def in_bank_reach(place_id: str, lon: float, lat: float, admin1_code: str | None = None) -> bool:
    """True when the point (a settlement) lies outside the bank ``place_id``'s unit, on the
    same bank of its river, within :func:`withdrawal_reach_km` of the bank's ground in the unit
    (a true distance, :func:`geo_events.geodesy.local_distance_km` to its polygon)."""
    from geo_events.geodesy import local_distance_km

    reach = withdrawal_reach_km(place_id)
    if reach <= 0:
        return False
    side, _, rest2 = place_id.partition(":")[2].partition(":")
    river, _, unit = rest2.partition(":")
    geom, line, bank = _unit_geometry(unit), rivers().get(river), area_geometry(place_id)
    point = shapely.Point(lon, lat)
    if geom is None or line is None or bank is None or _in_unit(unit, geom, point, admin1_code) \
            or on_right_bank(line, point) != (side == "right"):
        return False
    return local_distance_km(bank, lat, lon, reach) <= reach


def _in_unit(unit_id: str, geom: BaseGeometry, point: shapely.Point,
             admin1_code: str | None) -> bool:
    if unit_id.startswith("adm1:") and admin1_code:
        return unit_id[5:] == admin1_code
    return bool(shapely.dwithin(geom, point, TOLERANCE_DEG))


def is_area_id(place_id: str) -> bool:
    """True for ids this module draws as areas (units, parts, banks; not settlements)."""
    _env_units()
    return place_id.partition(":")[0] in ("adm0", "adm1", "region", "part", "bank") \
        or place_id in _USER_UNITS
