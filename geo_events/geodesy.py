"""Great-circle distances on a sphere: one place for the formula the resolver, the events
extractor, the importers and the evaluation all use.

Coordinates are WGS84 degrees; distances are km on a sphere of :data:`EARTH_RADIUS_KM` (the IUGG
mean radius), good to about 0.5% anywhere.
"""

from __future__ import annotations

import math
from typing import Any

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


#: km per degree of latitude (and of longitude at the equator) on the sphere, as rounded for
#: the local planes of :func:`local_distance_km`.
KM_PER_DEGREE = 111.195


def local_distance_km(geometry: Any, lat: float, lon: float, window_km: float) -> float:
    """Distance in km from (lat, lon) (WGS84 degrees) to ``geometry`` (a shapely geometry in
    degrees: a river line, a polygon), or inf when farther than ``window_km``.

    Only the part of the geometry inside a box of +/- ``window_km`` around the point is
    considered (clipping keeps this cheap for huge polygons); it is projected to a local
    equirectangular plane centred on the point, so a distance is the same east-west as
    north-south (a degree of longitude is some 74 km at 48 degrees N, one of latitude 111 km);
    good to a fraction of a percent within some 100 km.
    """
    import shapely

    dlat = window_km / KM_PER_DEGREE
    k = max(math.cos(math.radians(lat)), 0.01)
    dlon = min(dlat / k, 180.0)
    part = shapely.clip_by_rect(geometry, lon - dlon, lat - dlat, lon + dlon, lat + dlat)
    if part.is_empty:
        return math.inf
    origin = np.array([lon, lat])
    scale = np.array([k * KM_PER_DEGREE, KM_PER_DEGREE])
    local = shapely.transform(part, lambda c: (c - origin) * scale)
    return float(shapely.distance(local, shapely.Point(0.0, 0.0)))
