"""A stand-in for :func:`geo_events.maps.area.estimate_areas` until the estimate lands.

Method, in a Lambert azimuthal equal-area projection centred on the region:

1. every held settlement gets its Voronoi cell among the held settlements
   (:func:`estimate_control_area`), cut to :data:`CELL_RADIUS_KM` around it: ground farther
   from every reported settlement stays ``unknown``;
2. the cells of settlements that no known polygon covers are painted first;
3. the known polygons (starting state, baseline, confirmed area events) are painted over them
   in date order (later over earlier);
4. a held settlement whose state began after the newest known polygon under it, for another
   side, repaints its cell within :data:`NEWS_RADIUS_KM` (reporting updates the known picture);
5. contested settlements mark a disc of :data:`NEWS_RADIUS_KM` ``contested``.

Same result columns as the estimate: ``side, state, date, method, geometry`` (EPSG:4326). It
is an estimate, not a front line: only as good as the reported settlements and known polygons.
"""

from __future__ import annotations

from datetime import date

import geopandas as gpd
import numpy as np
import shapely

from geo_events.maps.area import equal_area_crs

WGS84 = "EPSG:4326"
#: How far a held settlement's cell reaches beyond known polygons, km.
CELL_RADIUS_KM = 40.0
#: How far around a settlement a report newer than the known polygon repaints it, km.
NEWS_RADIUS_KM = 20.0
AREA_COLUMNS = ["side", "state", "date", "method", "geometry"]
METHOD = ("stand-in: known polygons (start state, baseline, area events) over Voronoi cells of "
          f"held settlements cut to {CELL_RADIUS_KM:.0f} km; newer reports repaint "
          f"{NEWS_RADIUS_KM:.0f} km")


def _cells(points: np.ndarray, region_ea: shapely.Geometry) -> np.ndarray:
    """Voronoi cell of each point (same order; co-located points share one), clipped to the
    region."""
    keys = [(round(p.x), round(p.y)) for p in points]
    unique = list(dict.fromkeys(keys))
    if len(unique) == 1:
        return np.array([region_ea] * len(points), dtype=object)
    diagram = shapely.voronoi_polygons(shapely.MultiPoint(unique), extend_to=region_ea,
                                       ordered=True)
    cell_of = {k: shapely.intersection(c, region_ea)
               for k, c in zip(unique, diagram.geoms, strict=True)}
    return np.array([cell_of[k] for k in keys], dtype=object)


def standin_areas(statuses: gpd.GeoDataFrame, region: shapely.Geometry, *,
                  known: gpd.GeoDataFrame | None = None, day: date | None = None
                  ) -> gpd.GeoDataFrame:
    """Control areas on ``day`` from ``statuses`` (``ControlTimeline.statuses_at``), the region
    polygon and the ``known`` polygons (``ControlTimeline.known_at``); see the module."""
    crs = equal_area_crs(region)
    region_ea = shapely.make_valid(gpd.GeoSeries([region], crs=WGS84).to_crs(crs).iloc[0])
    painted: dict[str, shapely.Geometry] = {}

    def paint(side: str, geom: shapely.Geometry) -> None:
        if geom.is_empty:
            return
        for s in list(painted):
            if s != side:
                painted[s] = shapely.difference(painted[s], geom)
        painted[side] = shapely.union(painted.get(side, shapely.Polygon()), geom)

    held = statuses[(statuses["state"] == "held") & statuses["side"].notna()] \
        if len(statuses) else statuses
    held = held.to_crs(crs) if len(held) else held
    if len(held):
        pts = held.geometry.to_numpy()
        keep = shapely.contains(region_ea, pts)
        held, pts = held[keep], pts[keep]
    known_ea = known.to_crs(crs) if known is not None and len(known) else None
    newest: list[tuple[str, str] | None] = []  # (side, date) of the newest known polygon under
    for point in (held.geometry if len(held) else ()):
        under = known_ea[known_ea.geometry.contains(point)] if known_ea is not None else None
        if under is None or under.empty:
            newest.append(None)
        else:
            top = under.sort_values("date").iloc[-1]
            newest.append((str(top["side"]), str(top["date"])))
    cells = _cells(held.geometry.to_numpy(), region_ea) if len(held) else np.array([])
    sides = [str(s) for s in held["side"]] if len(held) else []
    for cell, point, side, under in zip(cells, held.geometry if len(held) else (), sides,
                                        newest, strict=True):
        if under is None:
            paint(side, shapely.intersection(cell, point.buffer(CELL_RADIUS_KM * 1000)))
    if known_ea is not None:
        for side, geom in zip(known_ea["side"], known_ea.geometry, strict=True):
            paint(str(side), shapely.intersection(shapely.make_valid(geom), region_ea))
        for row, cell, side, under in zip(held.itertuples(index=False), cells, sides, newest,
                                          strict=True):
            since = row.since.isoformat() if row.since is not None else ""
            if under is not None and under[0] != side and since > under[1]:
                paint(side, shapely.intersection(cell, row.geometry.buffer(NEWS_RADIUS_KM * 1000)))
    rows = [(side, "held", shapely.intersection(geom, region_ea))
            for side, geom in sorted(painted.items())]
    contested = statuses[statuses["state"] == "contested"] if len(statuses) else statuses
    if len(contested):
        disc = shapely.union_all(contested.to_crs(crs).geometry.buffer(NEWS_RADIUS_KM * 1000)
                                 .to_numpy())
        rows.append(("contested", "contested", shapely.intersection(disc, region_ea)))
    rows = [r for r in rows if not r[2].is_empty]
    covered = shapely.union_all([g for _, _, g in rows]) if rows else shapely.Polygon()
    rows.append(("unknown", "unknown", shapely.difference(region_ea, covered)))
    frame = gpd.GeoDataFrame(
        [{"side": s, "state": st, "date": day.isoformat() if day else None, "method": METHOD,
          "geometry": g} for s, st, g in rows], columns=AREA_COLUMNS, geometry="geometry",
        crs=crs)
    return frame.to_crs(WGS84)
