"""GeoDataFrame view of mentions.

Columns: ``text, start, end, score, role, place_id, name, level, geonameid, country_code,
admin1_code, admin1_name, population, latitude, longitude, geometry`` (points, EPSG:4326; for
admin units and regions the point is a representative point -- use
``geo_events.boundaries.geometry_for(place_id)`` for the polygon).
"""

from __future__ import annotations

from collections.abc import Iterable

import geopandas as gpd
from shapely.geometry import Point

from geo_events.model import Mention

COLUMNS = ["text", "start", "end", "score", "role", "place_id", "name", "level", "geonameid",
           "country_code", "admin1_code", "admin1_name", "population", "latitude", "longitude"]


def mentions_to_geodataframe(mentions: Iterable[Mention]) -> gpd.GeoDataFrame:
    """One row per mention, columns as in the module docstring."""
    rows = []
    for m in mentions:
        p = m.place
        rows.append({"text": m.surface, "start": m.start, "end": m.end, "score": m.score,
                     "role": m.role, "place_id": p.id, "name": p.name, "level": p.level,
                     "geonameid": p.geonameid, "country_code": p.country_code,
                     "admin1_code": p.admin1_code, "admin1_name": p.admin1_name,
                     "population": p.population, "latitude": p.latitude,
                     "longitude": p.longitude})
    geoms = [Point(r["longitude"], r["latitude"]) for r in rows]
    return gpd.GeoDataFrame(rows, columns=COLUMNS, geometry=geoms, crs="EPSG:4326")
