"""The embedded boundary files (``boundaries/*.parquet``): cached loaders and id lookups.

All frames are GeoDataFrames in EPSG:4326 (lon/lat degrees). Columns:

``load_admin0()`` - one row per de jure country
    ``iso_a2`` (ISO 3166-1 alpha-2, ``XK`` for Kosovo), ``iso_a3``, ``name`` (GeoNames English
    name), ``ne_name`` (Natural Earth short name), ``geonameid`` (int, 0 if GeoNames has none),
    ``geometry`` (MultiPolygon).
``load_admin1()`` - one row per Natural Earth admin-1 polygon
    ``admin1_code`` (GeoNames ``CC.XX``, ``None`` when no code could be linked),
    ``admin1_name`` (name of the GeoNames unit: GeoNames' own English name where known, e.g.
    "England", else the NE name, or for a unit made of several NE polygons the names of its
    largest parts joined with ``" / "``), ``admin1_name_source`` (``geonames`` or
    ``natural_earth``), ``country_code`` (de jure ISO2),
    ``name``, ``gn_name``, ``woe_name``, ``woe_label``, ``fips``, ``adm0_a3`` (Natural Earth
    fields kept as published), ``geonames_share`` (0..1: share of the vote weight of the GeoNames
    places inside that went to the chosen code; NaN when the code came from a fallback),
    ``link_method`` (``vote``, ``fips`` or ``nearest``), ``unit_lat``/``unit_lon`` (a point inside
    the whole GeoNames unit: its centroid, or a representative point when the centroid falls
    outside), ``geometry``.
``load_regions()`` - named regions that are not admin units (Donbas, Crimea, Darfur, ...)
    ``region_id`` (slug), ``name``, ``aliases`` (``|``-joined), ``country_code``, ``source`` (how
    the polygon was derived), ``unit_lat``/``unit_lon``, ``geometry``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely

from geo_events.config import boundaries_dir
from geo_events.errors import DataFileError, InputError

ADMIN0_FILE = "admin0.parquet"
ADMIN1_FILE = "admin1.parquet"
REGIONS_FILE = "regions.parquet"

_REBUILD = "rebuild with `apt-get install qgis-common && python boundaries/build.py`"


def _directory() -> str:
    # a string key, so the caches below follow GEO_EVENTS_BOUNDARIES when a test changes it
    return str(boundaries_dir())


def _read(directory: str, filename: str) -> gpd.GeoDataFrame:
    path = Path(directory) / filename
    if not path.is_file():
        raise DataFileError(f"embedded boundary file {path} is missing; {_REBUILD}")
    try:
        return gpd.read_parquet(path)
    except Exception as exc:  # pyarrow raises several unrelated types for damaged files
        raise DataFileError(f"embedded boundary file {path} cannot be read ({exc}); {_REBUILD}") \
            from exc


@lru_cache(maxsize=4)
def _read_admin0(directory: str) -> gpd.GeoDataFrame:
    return _read(directory, ADMIN0_FILE)


@lru_cache(maxsize=4)
def _read_admin1(directory: str) -> gpd.GeoDataFrame:
    return _read(directory, ADMIN1_FILE)


@lru_cache(maxsize=4)
def _read_regions(directory: str) -> gpd.GeoDataFrame:
    return _read(directory, REGIONS_FILE)


def load_admin0() -> gpd.GeoDataFrame:
    """Countries (de jure), one row each; columns in the module docstring. Do not mutate: cached."""
    return _read_admin0(_directory())


def load_admin1() -> gpd.GeoDataFrame:
    """Admin-1 polygons with GeoNames codes; columns in the module docstring. Cached."""
    return _read_admin1(_directory())


def load_regions() -> gpd.GeoDataFrame:
    """Named regions (Donbas, Crimea, Darfur, ...); columns in the module docstring. Cached."""
    return _read_regions(_directory())


@lru_cache(maxsize=4)
def _admin1_table(directory: str) -> pd.DataFrame:
    frame = _read_admin1(directory)
    linked = frame[frame["admin1_code"].notna()]

    def joined(values: pd.Series) -> str | None:
        parts = list(dict.fromkeys(v for v in values if isinstance(v, str) and v))
        return " | ".join(parts) if parts else None

    table = linked.groupby("admin1_code", sort=True).agg(
        country_code=("country_code", "first"),
        name=("admin1_name", "first"),
        ne_names=("name", joined),
        gn_names=("gn_name", joined),
        woe_names=("woe_name", joined),
        fips=("fips", joined),
        latitude=("unit_lat", "first"),
        longitude=("unit_lon", "first"),
        n_polygons=("name", "size"),
    )
    return table


def admin1_table() -> pd.DataFrame:
    """One row per GeoNames admin-1 code (index ``admin1_code``), for the gazetteer.

    Columns: ``country_code``; ``name`` (the unit's name, see ``admin1_name`` above);
    ``ne_names``, ``gn_names``, ``woe_names``, ``fips`` (the Natural Earth values of the unit's
    polygons, distinct, ``" | "``-joined); ``latitude``/``longitude`` (a point inside the unit,
    degrees); ``n_polygons`` (how many Natural Earth polygons make up the unit).
    """
    return _admin1_table(_directory())


@lru_cache(maxsize=1024)
def _geometry_for(directory: str, place_id: str) -> Any:
    kind, _, key = place_id.partition(":")
    if kind == "adm0":
        frame = _read_admin0(directory)
        rows = frame.geometry[frame["iso_a2"] == key.upper()]
    elif kind == "adm1":
        frame = _read_admin1(directory)
        rows = frame.geometry[frame["admin1_code"] == key]
    elif kind == "region":
        frame = _read_regions(directory)
        rows = frame.geometry[frame["region_id"] == key]
    else:
        raise InputError(
            f"place id {place_id!r} has no polygon; expected 'adm0:CC', 'adm1:CC.XX' or "
            "'region:<slug>'"
        )
    if rows.empty:
        raise InputError(f"no embedded polygon for place id {place_id!r}; check the code")
    if len(rows) == 1:
        return rows.iloc[0]
    return shapely.union_all(rows.values)


def geometry_for(place_id: str) -> Any:
    """The (Multi)Polygon of ``adm0:CC``, ``adm1:CC.XX`` or ``region:<slug>`` (EPSG:4326).

    An admin-1 unit made of several Natural Earth polygons comes back as their union.
    Raises :class:`InputError` for an id of another kind or an unknown code.
    """
    return _geometry_for(_directory(), place_id)
