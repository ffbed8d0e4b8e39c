"""Boundary files the user brings (admin-2 units, raions, custom region sets).

Any OGR-readable polygon layer works: GeoPackage, GeoJSON, Shapefile, FlatGeobuf, and
GeoParquet. :func:`load_boundary_file` checks what users commonly get wrong and says so:

* no CRS -> :class:`BoundaryFileError` (we do not guess: a projected file read as degrees lands
  in the wrong place silently); any other CRS is reprojected to EPSG:4326;
* invalid polygons (self-intersections, bow-ties) are repaired with ``make_valid`` and counted in
  ``frame.attrs["repaired"]``;
* the name column is the one given, or the first of the usual candidates (``name``, ``NAME``,
  ``shapeName`` for geoBoundaries, ``NAME_2`` for GADM, ...), else an error listing the columns.
"""

from __future__ import annotations

import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import shapely

from geo_events.errors import BoundaryFileError

#: Name columns tried in order when none is given (exact match first, then case-insensitive).
NAME_CANDIDATES = (
    "name", "NAME", "Name", "shapeName", "name_en", "NAME_EN", "NAME_3", "NAME_2", "NAME_1",
    "ADM3_EN", "ADM2_EN", "ADM1_EN", "admin_name", "label",
)

#: Columns holding stable unit codes (geoBoundaries, OCHA p-codes, GADM), used for place ids when
#: their values are unique.
CODE_CANDIDATES = ("shapeID", "ADM3_PCODE", "ADM2_PCODE", "ADM1_PCODE", "GID_3", "GID_2", "GID_1")

LEVELS = ("admin1", "admin2", "admin3", "region")

_PARQUET_SUFFIXES = {".parquet", ".geoparquet"}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "boundaries"


def _read(path: Path, layer: str | None) -> gpd.GeoDataFrame:
    if path.suffix.lower() in _PARQUET_SUFFIXES:
        try:
            return gpd.read_parquet(path)
        except Exception as exc:  # pyarrow/geopandas raise many types for a bad file
            raise BoundaryFileError(f"{path}: not a readable GeoParquet file ({exc})") from exc
    try:
        if layer is None:
            layers = pyogrio.list_layers(path)
            polygonal = [name for name, gtype in layers
                         if gtype and "polygon" in str(gtype).lower()]
            if polygonal:
                layer = polygonal[0]
            elif len(layers):
                layer = layers[0][0]
        return gpd.read_file(path, layer=layer, engine="pyogrio")
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        reason = str(exc).splitlines()[0]
        raise BoundaryFileError(
            f"{path}: not a vector file GDAL/OGR can read ({reason}); give a GeoPackage, "
            "GeoJSON, Shapefile or GeoParquet file"
        ) from exc


def _find_name_column(frame: gpd.GeoDataFrame, path: Path, name_column: str | None) -> str:
    columns = [c for c in frame.columns if c != frame.geometry.name]
    if name_column is not None:
        if name_column not in frame.columns:
            raise BoundaryFileError(
                f"{path}: no column {name_column!r}; columns available: {', '.join(columns)}"
            )
        return name_column
    for candidate in NAME_CANDIDATES:
        if candidate in frame.columns:
            return candidate
    lowered = {c.lower(): c for c in columns}
    for candidate in NAME_CANDIDATES:
        if candidate.lower() in lowered:
            return lowered[candidate.lower()]
    raise BoundaryFileError(
        f"{path}: cannot tell which column holds the unit names; pass name_column= one of: "
        f"{', '.join(columns) or '(the file has no attribute columns)'}"
    )


def load_boundary_file(
    path: str | Path,
    name_column: str | None = None,
    level: str = "admin2",
    layer: str | None = None,
    set_name: str | None = None,
    code_column: str | None = None,
) -> gpd.GeoDataFrame:
    """Read a user boundary file as a GeoDataFrame in EPSG:4326.

    Columns: ``place_id`` (``adm2:<set>:<code>`` for level ``admin2``, ``<level>:<set>:<code>``
    otherwise; ``code`` comes from ``code_column``, else from a unique well-known code column
    (``shapeID``, ``ADM2_PCODE``, ``GID_2``...), else it is the row number), ``name`` (from
    ``name_column``), ``level``, ``geometry`` (MultiPolygon), then the file's own columns
    (a column called like one of ours is kept with a ``src_`` prefix). ``set_name`` defaults to
    the file name stem. ``frame.attrs`` records ``source``, ``source_crs``, ``name_column`` and
    ``repaired`` (how many invalid geometries were fixed).

    Raises :class:`BoundaryFileError` naming the file and the reason when the file is not a
    vector layer, has no CRS, holds no polygons, or has no usable name column.
    """
    path = Path(path).expanduser()
    if level not in LEVELS:
        raise BoundaryFileError(f"{path}: level {level!r} is not one of {', '.join(LEVELS)}")
    if not path.exists():
        raise BoundaryFileError(f"{path}: no such file")
    frame = _read(path, layer)
    if not isinstance(frame, gpd.GeoDataFrame) or frame.geometry.name not in frame.columns:
        raise BoundaryFileError(f"{path}: the layer has no geometry column")
    frame = frame[frame.geometry.notna() & ~frame.geometry.is_empty]
    if frame.empty:
        raise BoundaryFileError(f"{path}: the layer holds no features with a geometry")
    if frame.crs is None:
        raise BoundaryFileError(
            f"{path}: has no CRS (coordinate reference system), so its coordinates cannot be "
            "placed; set it, e.g. `ogr2ogr -a_srs EPSG:4326 fixed.gpkg "
            f"{path.name}` if they are longitude/latitude degrees"
        )
    source_crs = frame.crs.to_string()
    if frame.crs.to_epsg() != 4326:
        frame = frame.to_crs(4326)
    kinds = set(frame.geom_type)
    if not kinds & {"Polygon", "MultiPolygon"}:
        raise BoundaryFileError(
            f"{path}: holds {', '.join(sorted(kinds))} geometries; boundaries must be polygons"
        )
    geoms = frame.geometry.values
    invalid = ~shapely.is_valid(np.asarray(geoms))
    repaired = int(invalid.sum())
    if repaired:
        fixed = np.asarray(geoms).copy()
        fixed[invalid] = shapely.make_valid(fixed[invalid])
        geoms = fixed
    polygons = np.array([_polygonal(g) for g in np.asarray(geoms)], dtype=object)
    keep = ~shapely.is_empty(polygons)
    name_col = _find_name_column(frame, path, name_column)

    codes = _codes(frame, path, code_column)
    set_id = _slug(set_name or path.stem)
    prefix = "adm2" if level == "admin2" else level
    attrs = frame.drop(columns=[frame.geometry.name])
    attrs = attrs.rename(columns={c: f"src_{c}" for c in attrs.columns
                                  if c in {"place_id", "name", "level", "geometry"}})
    src_name_col = f"src_{name_col}" if name_col in {"place_id", "name", "level"} else name_col
    out = gpd.GeoDataFrame(
        {
            "place_id": [f"{prefix}:{set_id}:{c}" for c in codes],
            "name": attrs[src_name_col].astype("string").to_numpy(),
            "level": level,
            **{c: attrs[c].to_numpy() for c in attrs.columns},
        },
        geometry=polygons,
        crs=4326,
    )[keep].reset_index(drop=True)
    out.attrs.update(source=str(path), source_crs=source_crs, name_column=name_col,
                     repaired=repaired)
    return out


def _codes(frame: gpd.GeoDataFrame, path: Path, code_column: str | None) -> list[str]:
    if code_column is not None:
        if code_column not in frame.columns:
            columns = [c for c in frame.columns if c != frame.geometry.name]
            raise BoundaryFileError(
                f"{path}: no column {code_column!r}; columns available: {', '.join(columns)}")
        values = frame[code_column].astype(str)
        if not values.is_unique:
            raise BoundaryFileError(f"{path}: column {code_column!r} has repeated values; "
                                    "unit codes must be unique")
        return list(values)
    for candidate in CODE_CANDIDATES:
        if candidate in frame.columns and frame[candidate].notna().all() \
                and frame[candidate].is_unique:
            return list(frame[candidate].astype(str))
    return [str(i) for i in range(len(frame))]


def _polygonal(geom):
    """The polygon parts of a geometry as a MultiPolygon (make_valid may return collections)."""
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    polys = [q for p in parts for q in shapely.get_parts(p)]
    return shapely.MultiPolygon(polys) if polys else shapely.MultiPolygon()
