"""A stand-in for :func:`geo_events.maps.area.estimate_areas` until the estimate lands.

Method: the known polygons (starting state, baseline, confirmed area events) are painted in
date order (later over earlier); ground they leave is split by Voronoi cells of the held
settlements when two sides hold some (:func:`estimate_control_area`), else left ``unknown``; a
held settlement whose evidence is newer than the known polygon under it takes its Voronoi cell
within :data:`NEWS_RADIUS_KM`. Contested settlements mark a disc of that radius ``contested``.
Same result columns as the estimate: ``side, state, date, method, geometry`` (EPSG:4326).
"""

from __future__ import annotations

from datetime import date

import geopandas as gpd
import shapely

from geo_events.maps.area import equal_area_crs, estimate_control_area

WGS84 = "EPSG:4326"
#: How far around a newly reported settlement its report repaints a known polygon, km.
NEWS_RADIUS_KM = 12.0
AREA_COLUMNS = ["side", "state", "date", "method", "geometry"]
METHOD = "stand-in: known polygons + Voronoi cells of held settlements"


def standin_areas(statuses: gpd.GeoDataFrame, region: shapely.Geometry, *,
                  known: gpd.GeoDataFrame | None = None, day: date | None = None
                  ) -> gpd.GeoDataFrame:
    crs = equal_area_crs(region)
    region_ea = shapely.make_valid(gpd.GeoSeries([region], crs=WGS84).to_crs(crs).iloc[0])
    held = statuses[(statuses["state"] == "held") & statuses["side"].notna()] \
        if len(statuses) else statuses
    painted: dict[str, shapely.Geometry] = {}

    def paint(side: str, geom: shapely.Geometry) -> None:
        for s in list(painted):
            if s != side:
                painted[s] = shapely.difference(painted[s], geom)
        painted[side] = shapely.union(painted.get(side, shapely.Polygon()), geom)

    if len(held) and held["side"].nunique() > 1:
        vor = estimate_control_area(held, region).to_crs(crs)
        for side, geom in zip(vor["side"], vor.geometry, strict=True):
            paint(str(side), shapely.make_valid(geom))
    known_ea = known.to_crs(crs) if known is not None and len(known) else None
    if known_ea is not None:
        for side, geom in zip(known_ea["side"], known_ea.geometry, strict=True):
            paint(str(side), shapely.intersection(shapely.make_valid(geom), region_ea))
        held_ea = held.to_crs(crs)
        for row in held_ea.itertuples(index=False):
            under = known_ea[known_ea.geometry.contains(row.geometry)]
            if under.empty:
                continue
            newest = under.sort_values("date").iloc[-1]
            since = row.since.isoformat() if row.since is not None else ""
            if newest["side"] != row.side and since > str(newest["date"]):
                paint(str(row.side), row.geometry.buffer(NEWS_RADIUS_KM * 1000))
    contested = statuses[statuses["state"] == "contested"] if len(statuses) else statuses
    rows = []
    for side, geom in sorted(painted.items()):
        geom = shapely.intersection(geom, region_ea)
        if not geom.is_empty:
            rows.append((side, "held", geom))
    if len(contested):
        disc = shapely.union_all(contested.to_crs(crs).geometry.buffer(NEWS_RADIUS_KM * 1000)
                                 .to_numpy())
        rows.append(("contested", "contested", shapely.intersection(disc, region_ea)))
    covered = shapely.union_all([g for _, _, g in rows]) if rows else shapely.Polygon()
    rows.append(("unknown", "unknown", shapely.difference(region_ea, covered)))
    frame = gpd.GeoDataFrame(
        [{"side": s, "state": st, "date": day.isoformat() if day else None, "method": METHOD,
          "geometry": g} for s, st, g in rows], columns=AREA_COLUMNS, geometry="geometry",
        crs=crs)
    return frame.to_crs(WGS84)
