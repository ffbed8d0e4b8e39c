"""Reverse lookup: which country and admin-1 unit is a point in.

Points inside a polygon get ``distance_km == 0``. The embedded polygons are generalised (Natural
Earth 1:10m, simplified further by QGIS), so some coastal towns fall a few km into the sea; a point
outside every polygon is *snapped* to the nearest admin-1 polygon within
:data:`SNAP_TOLERANCE_KM` and ``distance_km`` says how far it was. Beyond that the hit is empty
(all fields ``None``).

Distances are computed in a local equirectangular projection centred on the query point
(``x = dlon * cos(lat)``, ``y = dlat``, 1 degree = 111.195 km): within the tolerance the error
against the geodesic distance is far below 1%. Snapping looks across the antimeridian (a point
at 179.99 E can snap to land at 179.99 W).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import shapely

from geo_events.errors import InputError
from geo_events.geodesy import KM_PER_DEGREE, local_distance_km

#: Snap tolerance in km for points just outside every polygon (see boundaries/README.md for the
#: measurement behind it: the generalised coast is off by up to ~10 km around large coastal cities,
#: while 25 km still keeps points in open sea or across a strait from being given a unit).
SNAP_TOLERANCE_KM = 10.0

#: Mean length of one degree of latitude in km (sphere of radius 6371.0088 km).

#: ``None`` as a 0-d object array, to compare object arrays with it elementwise (``np.equal``)
_NONE = np.array(None, dtype=object)


@dataclass(frozen=True, slots=True)
class AdminHit:
    """The admin units at a point.

    ``country_code`` is ISO 3166-1 alpha-2 (de jure), ``admin1_code`` GeoNames style ``CC.XX``
    (``None`` when the polygon is not linked to a GeoNames code), ``admin1_name`` GeoNames' name
    of the unit where known ("Donetsk", "England"), else the Natural Earth name of the polygon at
    the point, ``distance_km`` 0 when the point
    is inside the polygon, else the distance in km to the polygon it was snapped to. All fields
    are ``None`` when no polygon is within :data:`SNAP_TOLERANCE_KM`.
    """

    country_code: str | None
    country_name: str | None
    admin1_code: str | None
    admin1_name: str | None
    distance_km: float | None

    @property
    def found(self) -> bool:
        """True when the point is in (or was snapped to) a country."""
        return self.country_code is not None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


_EMPTY = AdminHit(None, None, None, None, None)


def validate_latlon(lat: Any, lon: Any) -> tuple[float, float]:
    """Return ``(lat, lon)`` as floats or raise :class:`InputError` naming the bad value."""
    out = []
    for label, value, limit in (("latitude", lat, 90.0), ("longitude", lon, 180.0)):
        try:
            number = float(value)
        except (TypeError, ValueError) as exc:
            raise InputError(
                f"{label} {value!r} is not a number; give decimal degrees, e.g. 48.99 37.81"
            ) from exc
        if not math.isfinite(number) or abs(number) > limit:
            raise InputError(
                f"{label} {value!r} is outside -{limit:g}..{limit:g}; give decimal degrees "
                "(latitude first, then longitude)"
            )
        out.append(number)
    return out[0], out[1]


def _as_arrays(lats: Sequence[float], lons: Sequence[float]) -> tuple[np.ndarray, np.ndarray]:
    try:
        la = np.asarray(lats, dtype="float64").ravel()
        lo = np.asarray(lons, dtype="float64").ravel()
    except (TypeError, ValueError) as exc:
        raise InputError(f"coordinates must be numbers in decimal degrees ({exc})") from exc
    if la.shape != lo.shape:
        raise InputError(f"got {la.size} latitudes but {lo.size} longitudes; give one per point")
    bad = ~(np.isfinite(la) & np.isfinite(lo) & (np.abs(la) <= 90) & (np.abs(lo) <= 180))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        validate_latlon(la[i], lo[i])  # raises with the offending value named
    return la, lo


class PolygonIndex:
    """Point-in-polygon and nearest-polygon queries over a fixed array of polygons.

    ``keys`` (one per polygon, e.g. country codes) let a query restrict each point to polygons
    with the same key. Geometries are prepared once so membership tests are fast.
    """

    def __init__(
        self, geometries: Sequence[Any] | np.ndarray, keys: Sequence[Any] | np.ndarray | None = None
    ):
        self.geometries = np.asarray(geometries, dtype=object)
        shapely.prepare(self.geometries)
        self.keys = None if keys is None else np.asarray(keys, dtype=object)
        self.tree = shapely.STRtree(self.geometries)

    def containing_pairs(
        self, lats: np.ndarray, lons: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """All ``(point index, polygon index)`` pairs where the point is in (or on) the polygon."""
        pts = shapely.points(lons, lats)
        pi, gi = self.tree.query(pts)
        if pi.size:
            inside = shapely.intersects_xy(self.geometries[gi], lons[pi], lats[pi])
            pi, gi = pi[inside], gi[inside]
        return pi, gi

    def locate(
        self,
        lats: np.ndarray,
        lons: np.ndarray,
        keys: Sequence[Any] | np.ndarray | None = None,
        tolerance_km: float = SNAP_TOLERANCE_KM,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Polygon index per point (-1 when none) and distance in km (0 inside, NaN when none).

        With ``keys`` (one per point, ``None`` = any), only polygons whose key equals the point's
        key are considered. Points outside every polygon are snapped to the nearest polygon
        within ``tolerance_km``.
        """
        n = lats.size
        point_keys: np.ndarray | None = None
        if keys is not None:  # NaN / "" (pandas missing values) mean "any", like None
            if self.keys is None:
                raise ValueError("this PolygonIndex was built without keys; cannot filter by key")
            point_keys = np.array([k if isinstance(k, str) and k else None for k in keys],
                                  dtype=object)
        found = np.full(n, -1, dtype="int64")
        dist = np.full(n, np.nan)
        pi, gi = self.containing_pairs(lats, lons)
        if point_keys is not None and self.keys is not None:
            pk = point_keys[pi]
            ok = np.asarray(pk == self.keys[gi], dtype=np.bool_) | np.equal(pk, _NONE)
            pi, gi = pi[ok], gi[ok]
        # several polygons may contain a point where generalised borders overlap: keep the first
        # (lowest index) so results are deterministic
        order = np.lexsort((gi, pi))
        pi, gi = pi[order], gi[order]
        first = np.ones(pi.size, dtype=bool)
        first[1:] = pi[1:] != pi[:-1]
        found[pi[first]] = gi[first]
        dist[pi[first]] = 0.0
        outside = np.flatnonzero(found < 0)
        if outside.size and tolerance_km > 0:
            g, d = self._snap(lats[outside], lons[outside],
                              None if point_keys is None else point_keys[outside], tolerance_km)
            found[outside] = g
            dist[outside] = d
        return found, dist

    def _snap(self, lats, lons, keys, tolerance_km):
        """Nearest polygon within ``tolerance_km`` for each point (index -1 / NaN when none)."""
        dlat = tolerance_km / KM_PER_DEGREE
        coslat = np.maximum(np.cos(np.radians(lats)), 0.01)
        dlon = np.minimum(dlat / coslat, 180.0)
        # near the antimeridian also look at the other side: the point is re-expressed 360
        # degrees away so that its window overlaps polygons stored at the opposite longitude
        shift = np.where(lons + dlon > 180, -360.0, np.where(lons - dlon < -180, 360.0, 0.0))
        wrap = np.flatnonzero(shift != 0)
        q_point = np.concatenate([np.arange(lats.size), wrap])
        q_lon = np.concatenate([lons, lons[wrap] + shift[wrap]])
        q_lat, q_dlon = lats[q_point], dlon[q_point]
        boxes = shapely.box(q_lon - q_dlon, q_lat - dlat, q_lon + q_dlon, q_lat + dlat)
        qi, gi = self.tree.query(boxes)
        best = np.full(lats.size, -1, dtype="int64")
        best_d = np.full(lats.size, np.inf)
        for q, g in zip(qi, gi, strict=True):
            p = q_point[q]
            if keys is not None and keys[p] is not None and keys[p] != self.keys[g]:
                continue
            d = local_distance_km(self.geometries[g], lats[p], q_lon[q], tolerance_km)
            if d < best_d[p] or (d == best_d[p] and g < best[p]):
                best[p], best_d[p] = g, d
        far = best_d > tolerance_km
        best[far] = -1
        best_d[far] = np.nan
        return best, best_d


@dataclass(frozen=True)
class _Lookup:
    """The admin-1 polygons as plain arrays (pandas access per call would dominate the time)."""

    index: PolygonIndex
    codes: np.ndarray  # GeoNames admin-1 code or None
    names: np.ndarray  # NE polygon name
    countries: np.ndarray  # de jure ISO2
    country_names: dict[str, str]


@lru_cache(maxsize=4)
def _lookup(directory: str) -> _Lookup:
    from geo_events.boundaries.embedded import _read_admin0, _read_admin1

    frame = _read_admin1(directory)
    admin0 = _read_admin0(directory)

    def column(values) -> np.ndarray:
        return np.array([v if isinstance(v, str) and v else None for v in values], dtype=object)

    # GeoNames' name of the unit where known ("England"), else the Natural Earth polygon's own
    # name: for a unit made of many NE polygons the local name says more than a composite one
    from_geonames = (frame["admin1_name_source"] == "geonames").to_numpy()
    names = column(np.where(from_geonames, frame["admin1_name"].to_numpy(dtype=object),
                            frame["name"].fillna(frame["admin1_name"]).to_numpy(dtype=object)))
    countries = column(frame["country_code"])
    return _Lookup(
        index=PolygonIndex(frame.geometry.values, countries),
        codes=column(frame["admin1_code"]),
        names=names,
        countries=countries,
        country_names=dict(zip(admin0["iso_a2"], admin0["name"], strict=True)),
    )


def reverse_many(
    lats: Sequence[float],
    lons: Sequence[float],
    country_codes: Sequence[str | None] | None = None,
    tolerance_km: float = SNAP_TOLERANCE_KM,
) -> list[AdminHit]:
    """Vectorised :func:`reverse`: one :class:`AdminHit` per (lat, lon) pair, in order.

    ``country_codes`` (optional, one per point, ``None`` = any) restricts each point to admin-1
    units of that de jure country, as the gazetteer does for a GeoNames place whose country is
    known. Raises :class:`InputError` for the first invalid coordinate.
    """
    from geo_events.boundaries.embedded import _directory

    la, lo = _as_arrays(lats, lons)
    if country_codes is not None and len(country_codes) != la.size:
        raise InputError(
            f"got {len(country_codes)} country codes for {la.size} points; give one per point"
        )
    table = _lookup(_directory())
    found, dist = table.index.locate(la, lo, country_codes, tolerance_km)
    hits = []
    inside: dict[int, AdminHit] = {}  # hits are immutable: share one per polygon for d == 0
    for g, d in zip(found.tolist(), dist.tolist(), strict=True):
        if g < 0:
            hits.append(_EMPTY)
        elif d == 0 and g in inside:
            hits.append(inside[g])
        else:
            cc = table.countries[g]
            hit = AdminHit(cc, table.country_names.get(cc), table.codes[g], table.names[g],
                           round(d, 3))
            if d == 0:
                inside[g] = hit
            hits.append(hit)
    return hits


def reverse(lat: float, lon: float, tolerance_km: float = SNAP_TOLERANCE_KM) -> AdminHit:
    """Country and admin-1 unit at (lat, lon) in decimal degrees (WGS84).

    Raises :class:`InputError` naming the value when a coordinate is not a number or out of range.
    """
    la, lo = validate_latlon(lat, lon)
    return reverse_many([la], [lo], tolerance_km=tolerance_km)[0]


def unit_distance_km(lat: float, lon: float, admin1_code: str,
                     window_km: float = SNAP_TOLERANCE_KM) -> float:
    """Distance in km from (lat, lon) to the admin-1 unit ``admin1_code`` (GeoNames style,
    ``UA.14``; 0 inside it), or inf when it is farther than ``window_km`` or unknown. The
    polygons are generalised, so a place a few km inside a unit's true border may lie a few km
    outside its polygon."""
    from geo_events.boundaries.embedded import _directory

    la, lo = validate_latlon(lat, lon)
    table = _lookup(_directory())
    geoms = [table.index.geometries[g] for g in np.flatnonzero(table.codes == admin1_code)]
    if any(shapely.intersects_xy(g, lo, la) for g in geoms):
        return 0.0
    return min((local_distance_km(g, la, lo, window_km) for g in geoms), default=math.inf)

