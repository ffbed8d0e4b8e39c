"""Great-circle distances on a sphere: one place for the formula the resolver, the events
extractor, the importers and the evaluation all use.

Coordinates are WGS84 degrees; distances are km on a sphere of :data:`EARTH_RADIUS_KM` (the IUGG
mean radius), good to about 0.5% anywhere.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two WGS84 points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def distances_km(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Distances in km from one point to each of many (``lats``/``lons``: degrees), vectorised
    (the formula of :func:`haversine_km`)."""
    p1, l1 = math.radians(lat), math.radians(lon)
    p2, l2 = np.radians(lats), np.radians(lons)
    a = np.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * np.cos(p2) * np.sin((l2 - l1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(a, 1.0)))


def nearest_km(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> float:
    """Distance in km from one point to the nearest of many (``lats``/``lons``: degrees, at
    least one point), vectorised."""
    return float(distances_km(lat, lon, lats, lons).min())


def offset_point(lat: float, lon: float, km: float, bearing: float) -> tuple[float, float]:
    """The point ``km`` from (``lat``, ``lon``) along the initial ``bearing`` (degrees
    clockwise from north), on the sphere: (latitude, longitude) in WGS84 degrees. "10 km north
    of X" is ``offset_point(x_lat, x_lon, 10, 0.0)`` (compass words and their bearings are data:
    :func:`geo_events.geoparse.locators.bearings`)."""
    d = km / EARTH_RADIUS_KM
    p1, l1, b = math.radians(lat), math.radians(lon), math.radians(bearing)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1),
                         math.cos(d) - math.sin(p1) * math.sin(p2))
    return math.degrees(p2), (math.degrees(l2) + 540.0) % 360.0 - 180.0


def bearing_deg(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The initial bearing (degrees clockwise from north, 0 <= b < 360) of the great circle
    from the first point to the second (WGS84 degrees): the inverse of :func:`offset_point`
    ("Y lies 45 km east of X": ``bearing_deg(x, y)`` is about 90)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    x = math.sin(dl) * math.cos(p2)
    y = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return (math.degrees(math.atan2(x, y)) + 360.0) % 360.0


def bearing_difference(a: float, b: float) -> float:
    """The smaller angle (degrees, 0..180) between two bearings."""
    d = abs(a - b) % 360.0
    return min(d, 360.0 - d)


#: Longest step (degrees) of a line :func:`line_distance_km` lays out (about 5 km).
LINE_STEP_DEG = 0.05


def line_distance_km(lat: float, lon: float, coords: Sequence[Sequence[float]]) -> float:
    """Distance in km from a point (WGS84 degrees) to a polyline (``coords``: (longitude,
    latitude) vertices, as shapely writes them, the line straight in degrees between them), on
    the sphere: the line, in steps of :data:`LINE_STEP_DEG`, is laid out in the azimuthal
    equidistant projection centred on the point (each step's true distance and bearing from
    it), where the nearest point of each step is found in the plane; good to a fraction of a
    percent. Unlike a distance in degrees, the same east-west as north-south (a degree of
    longitude is some 74 km at 48 degrees N, one of latitude 111 km)."""
    pts = np.asarray(coords, dtype=float)
    if pts.ndim != 2 or len(pts) == 0:
        return math.inf
    if len(pts) > 1:  # the line as drawn (straight in degrees), in steps of LINE_STEP_DEG
        steps = np.maximum(1, np.ceil(np.abs(np.diff(pts, axis=0)).max(axis=1)
                                      / LINE_STEP_DEG)).astype(int)
        pts = np.vstack([np.linspace(a, b, n, endpoint=False)
                         for a, b, n in zip(pts[:-1], pts[1:], steps, strict=True)]
                        + [pts[-1:]])
    dist = distances_km(lat, lon, pts[:, 1], pts[:, 0])
    p1 = math.radians(lat)
    p2, dl = np.radians(pts[:, 1]), np.radians(pts[:, 0] - lon)
    bearing = np.arctan2(np.sin(dl) * np.cos(p2),
                         math.cos(p1) * np.sin(p2) - math.sin(p1) * np.cos(p2) * np.cos(dl))
    xy = np.column_stack((dist * np.sin(bearing), dist * np.cos(bearing)))
    if len(xy) == 1:
        return float(dist[0])
    a, b = xy[:-1], xy[1:]
    ab = b - a
    length2 = (ab ** 2).sum(axis=1)
    t = np.clip(np.divide(-(a * ab).sum(axis=1), length2, out=np.zeros_like(length2),
                          where=length2 > 0), 0.0, 1.0)
    nearest = a + ab * t[:, None]
    return float(np.sqrt((nearest ** 2).sum(axis=1)).min())
