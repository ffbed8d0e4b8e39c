"""Polygons for maps, from the embedded boundary set (:mod:`geo_events.boundaries`).

Maps stay usable without polygons (markers only) when the boundary files are not built yet;
that absence is reported by :func:`boundaries_available`, never silently hidden from tests.
Geometries are simplified for the page (:data:`SIMPLIFY_DEG`), which keeps a country's admin-1
layer to a few hundred kB of GeoJSON.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import geopandas as gpd
import shapely
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from geo_events.errors import DataFileError, InputError

#: Douglas-Peucker tolerance for drawn polygons, degrees (~1 km at 50°N).
SIMPLIFY_DEG = 0.01


def boundaries_available() -> bool:
    """True when the embedded admin-0/admin-1 files can be read."""
    try:
        from geo_events.boundaries import load_admin0, load_admin1

        load_admin0()
        load_admin1()
    except (ImportError, DataFileError):
        return False
    return True


def area_geometry(place_id: str) -> BaseGeometry | None:
    """Polygon of an admin unit / region place id, or None when it has none."""
    try:
        from geo_events.boundaries import geometry_for

        return geometry_for(place_id)
    except (ImportError, DataFileError, InputError):
        return None


def country_geometry(country_code: str) -> BaseGeometry | None:
    """De jure country polygon (Crimea is part of UA), or None."""
    return area_geometry(f"adm0:{country_code}")


def admin1_frame(country_codes: Iterable[str]) -> gpd.GeoDataFrame | None:
    """Admin-1 polygons of the given countries (columns of ``load_admin1``), or None."""
    try:
        from geo_events.boundaries import load_admin1

        frame = load_admin1()
    except (ImportError, DataFileError):
        return None
    return frame[frame["country_code"].isin(set(country_codes))]


def countries_in_view(bounds: tuple[float, float, float, float]) -> gpd.GeoDataFrame | None:
    """Countries (``load_admin0`` rows) intersecting ``(west, south, east, north)`` degrees."""
    try:
        from geo_events.boundaries import load_admin0

        frame = load_admin0()
    except (ImportError, DataFileError):
        return None
    return frame[frame.intersects(shapely.box(*bounds))]


def to_geojson_geometry(geom: BaseGeometry, tolerance: float = SIMPLIFY_DEG) -> dict[str, Any]:
    """GeoJSON geometry dict of ``geom`` simplified (topology kept) and rounded to 4 decimals."""
    simple = geom.simplify(tolerance, preserve_topology=True) if tolerance else geom
    simple = shapely.set_precision(simple, 1e-4)
    return mapping(simple)


def feature_collection(frame: gpd.GeoDataFrame, properties: Iterable[str] = (),
                       tolerance: float = SIMPLIFY_DEG) -> dict[str, Any]:
    """A GeoJSON FeatureCollection dict of ``frame`` with the named (JSON-safe) properties."""
    props = list(properties)
    features = []
    for row in frame.itertuples(index=False):
        geom = row.geometry
        if geom is None or geom.is_empty:
            continue
        features.append({
            "type": "Feature",
            "geometry": to_geojson_geometry(geom, tolerance),
            "properties": {p: getattr(row, p) for p in props},
        })
    return {"type": "FeatureCollection", "features": features}


def base_layer(countries: Sequence[str], bounds: list[list[float]] | None) -> dict[str, Any]:
    """GeoJSON base map: neighbouring countries in view, and admin-1 units of ``countries``.

    Offline pages have no tiles, so this is what the reader sees as land and borders.
    ``bounds`` is ``[[south, west], [north, east]]`` (degrees) or None.
    """
    features: list[dict[str, Any]] = []
    if bounds is not None:
        (s, w), (n, e) = bounds
        around = countries_in_view((w - 10, s - 5, e + 10, n + 5))
        if around is not None:
            around = around[~around["iso_a2"].isin(set(countries))]
            features += feature_collection(around[["geometry"]], (),
                                                     tolerance=0.05)["features"]
    frame = admin1_frame(countries)
    if frame is not None and not frame.empty:
        features += feature_collection(frame[["geometry"]])["features"]
    return {"type": "FeatureCollection", "features": features}
