"""Estimated control area: which side holds the ground between settlements (an estimate).

Method: every settlement with a known controller claims the ground nearer to it than to any
other settlement (Voronoi cells, computed in a Lambert azimuthal equal-area projection centred on
the region so distances and areas are not distorted by latitude), cells are clipped to the
region (a country polygon) and dissolved by side. This is *not* a front line: it is only as good
as the density of reported settlements, and it says nothing where no settlement is reported.
Maps label it "estimate".
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely
from pyproj import CRS
from shapely.geometry.base import BaseGeometry

WGS84 = "EPSG:4326"

#: Columns of the result of :func:`estimate_control_area`.
AREA_COLUMNS = ("side", "settlements", "area_km2", "geometry")


def equal_area_crs(region: BaseGeometry) -> CRS:
    """A Lambert azimuthal equal-area CRS centred on ``region`` (WGS84 geometry)."""
    c = region.centroid
    return CRS.from_proj4(f"+proj=laea +lat_0={c.y:.4f} +lon_0={c.x:.4f} +datum=WGS84 +units=m")


def estimate_control_area(settlements: gpd.GeoDataFrame, region: BaseGeometry,
                          side_column: str = "side") -> gpd.GeoDataFrame:
    """Area nearest to each side's settlements within ``region``, one row per side.

    ``settlements``: points (any CRS; WGS84 assumed if unset) with a ``side_column``; rows with a
    missing side or outside ``region`` are ignored. ``region``: a WGS84 (multi)polygon.
    Returns a WGS84 GeoDataFrame with columns :data:`AREA_COLUMNS` (``area_km2`` measured in
    the equal-area projection), sorted by side; empty when no settlement falls in the region.
    """
    pts = settlements if settlements.crs else settlements.set_crs(WGS84)
    pts = pts.to_crs(WGS84)
    pts = pts[pts[side_column].notna() & pts.geometry.notna()]
    pts = pts[pts.geometry.within(region)]
    if pts.empty:
        return gpd.GeoDataFrame({c: [] for c in AREA_COLUMNS[:-1]}, geometry=[], crs=WGS84)
    crs = equal_area_crs(region)
    region_ea = gpd.GeoSeries([region], crs=WGS84).to_crs(crs).iloc[0]
    region_ea = shapely.make_valid(region_ea)
    proj = pts.to_crs(crs)
    # Co-located settlements would give empty cells; keep the first report at each point.
    proj = proj.assign(_xy=proj.geometry.apply(lambda g: (round(g.x), round(g.y))))
    proj = proj.drop_duplicates("_xy")
    cells = _voronoi_cells(proj.geometry, region_ea)
    sides = proj[side_column].to_numpy()
    rows = []
    for side in sorted(set(sides)):
        mask = sides == side
        # Voronoi cells tile the plane without overlap: a coverage union is exact and far
        # cheaper than a general union, and clipping the union once beats clipping every cell.
        merged = shapely.coverage_union_all(cells[mask])
        clipped = shapely.intersection(merged, region_ea)
        if not clipped.is_empty:
            rows.append((side, int(mask.sum()), clipped.area / 1e6, clipped))
    frame = gpd.GeoDataFrame(rows, columns=list(AREA_COLUMNS), geometry="geometry", crs=crs)
    return frame.to_crs(WGS84).reset_index(drop=True)


def _voronoi_cells(points: gpd.GeoSeries, region: BaseGeometry) -> np.ndarray:
    """Voronoi cell of each point (same order, not clipped), covering at least ``region``."""
    if len(points) == 1:
        return np.array([shapely.envelope(region).buffer(1.0)], dtype=object)
    pts = shapely.MultiPoint(list(points.to_numpy()))
    # extend_to makes outer cells cover the whole region, not just the points' hull;
    # ordered=True keeps cells in input order (GEOS >= 3.12).
    diagram = shapely.voronoi_polygons(pts, extend_to=region, ordered=True)
    return np.array(list(diagram.geoms), dtype=object)
