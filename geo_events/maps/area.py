"""Estimated control area: which side holds the ground between settlements (an estimate).

Method: every settlement with a known controller claims the ground nearer to it than to any
other settlement (Voronoi cells, computed in a Lambert azimuthal equal-area projection centred on
the region so distances and areas are not distorted by latitude), cells are clipped to the
region (a country polygon) and dissolved by side. This is *not* a front line: it is only as good
as the density of reported settlements, and it says nothing where no settlement is reported.
Maps label it "estimate".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS
from shapely.geometry.base import BaseGeometry

from geo_events.errors import InputError
from geo_events.maps.estimate_rules import read_estimate_rules

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


# -- evidence-weighted estimate (issue 14) -----------------------------------------------------

#: States of the rows of :func:`estimate_areas` (the same words as the status exports).
HELD, CLAIMED, CONTESTED, UNKNOWN = "held", "claimed", "contested", "unknown"
#: Origins of the estimate's vertices: a settlement's status, or a known polygon's outline.
REPORT, KNOWN = "report", "known"
#: Origin of the vertices a side's own country's border gives (:func:`_border_vertices`).
BORDER = "border"
#: Pseudo-side of the generators that stop a side's rear at a place fought over
#: (:func:`_rear_cells`).
FOUGHT = "~fought"

#: Place levels of ``statuses`` rows that are areas, not points: left out of the estimate.
AREA_LEVELS = frozenset({"country", "admin1", "admin2", "region"})

#: A known polygon with at most this share of its area inside the region lies outside it (a
#: side's own country): only its border with the region counts (:func:`_border_vertices`).
OUTSIDE_SHARE = 0.05

#: ``extent`` of a statuses row for an area unit held only in part ("Russian-held X Oblast":
#: :data:`geo_events.timeline.PART`): read as a partial area, never as the whole unit.
PART_EXTENT = "part"

#: A part holding loses at least this share of its unit's area to newer whole areas of other
#: sides before what is left counts as the part it names (:func:`_area_statuses`).
CUT_SHARE = 0.1

#: Columns of the result of :func:`estimate_areas`.
ESTIMATE_COLUMNS = ("side", "state", "date", "method", "last_evidence", "area_km2", "geometry")


#: The shipped parameter values (``geo_events/data/estimate_rules.json``).
_RULES = read_estimate_rules()


@dataclass(frozen=True)
class EstimateParams:
    """Parameters of :func:`estimate_areas` (distances in km, ages in days). Their defaults
    are the values of ``geo_events/data/estimate_rules.json`` (each documented there too;
    :mod:`geo_events.maps.estimate_rules` checks the file).

    ``radius_km``: ground within this distance of a settlement reported held on the day of the
    estimate goes to its holder (unless nearer to a settlement of another side); the radius is
    halved every ``half_life_days`` of age of the settlement's last evidence, and never drops
    below ``min_radius_km``. ``max_edge_km``: a Delaunay triangle whose three corners are held
    by the same side and whose longest edge is at most this long is that side's ground (the
    hinterland behind a reported line). ``contested_radius_km`` / ``claimed_radius_km``: rings
    around contested settlements / settlements only claimed (both decay like ``radius_km``).
    ``fresh_days``: where the rings of two sides' evidence no older than this overlap, the
    ground is contested. ``outline_step_km``: known polygons' outlines join the front line and
    the triangles as vertices this far apart (0: not at all). ``mixed_triangles``: a
    triangle with corners of two sides is filled too, split at the front line.
    ``edge_decay`` (default on): a triangle's longest edge may be ``max_edge_km`` times the
    decay factor of its oldest reported corner (evidence loses reach as it ages).
    ``region_tolerance_km``: settlements this close outside the region (a port on an
    estuary the country polygon leaves out) still count.
    ``local_radius_km``: on top of a *complete* known layer (a baseline map), a settlement
    whose status after the layer's date contradicts it turns the ground within this distance
    of it (and nearer to it than to any other settlement with a status) to its side; nothing
    else moves (default ``radius_km``'s 20 km: the reach a held settlement has in the
    estimate from text alone). ``local_reach_km``: such a change counts only within this
    distance of its side's ground (changes are applied in date order, so an advance reported
    village by village carries; a lone "change" far behind the other side's lines is most
    likely a misread or misplaced report; 0: no limit). ``local_claims`` /
    ``local_contested``: there, settlements only claimed / fought over (evidence no older than
    ``fresh_days``) after the layer's date also take claimed / contested rings out of the
    picture (off by default: neither moves control, and the layer's holder keeps the ground;
    the settlements still show their state).
    ``max_place_radius_km``: a row whose ``radius_km`` (how far the settlement may lie from its
    point: a village placed near a town, in its community or at a unit's label point) exceeds
    this is left out; the point is not where the settlement is, and a 20 km ring around it would
    give the town's ground to the village's holder. Rows without the column are exact points.
    ``area_supersede`` / ``area_over_older`` / ``area_fill`` (text-only estimate, all on by
    default): a held status of an area (an oblast, a raion, a part of one, a river bank) that
    no newer settlement held by another side inside it contradicts supersedes the older
    settlement evidence of other sides inside it (it neither rings nor corners triangles) /
    takes for its side the area's ground that other sides' older evidence reaches into from
    outside (triangles, rings), but not their known polygons nor the ground of their newer
    evidence / gives its side the area's ground nothing else claims (see
    :func:`_area_statuses`). ``area_newer_cut`` (on): a newer held area of another side is
    cut out of an older area (with the settlements in it) before the older one is judged
    ("the right bank liberated" out of "Kherson Oblast occupied"). ``area_partial`` (on): an
    area that newer settlements of another side inside it contradict is partial; while those
    settlements are at most ``area_partial_share`` of the held settlements inside it with
    evidence newer than the area's, it counts for the rules above but only on its side of the
    front line (its side's Voronoi cells), and supersedes nothing. ``rear_depth_km`` (text-only
    estimate; 0: off): a side's known polygons in the region, as far as newer evidence leaves
    them, are its rear; the ground nothing else claims within this distance of them and in
    its side's Voronoi cells is its ground (a side's own country outside the region is no rear
    here). ``area_front`` (text-only estimate, on): the outlines of held areas that count as a
    whole (not partial) join the front line as vertices of their side, like known polygons'
    outlines: a held area is evidence of where the front runs (the Dnipro between "the right
    bank liberated" and the occupied rest of the oblast), not only of the ground no settlement
    claims. ``triangle_own_report`` (on): a side's share of a triangle needs a corner that is a
    settlement reported held by that side or a vertex of its known ground in the region (a
    known polygon's outline); its own country's border shapes the front line but claims no
    ground by itself (a strip along a border the other side's settlements face is not the
    border country's for want of settlements of its own). ``rear_contested_days`` (0: off):
    the rear (``rear_depth_km``) stops at settlements contested with evidence no older than
    this many days (rule rear-stops-at-fighting, :func:`_rear_cells`), within
    ``rear_contested_km`` of the place (0: no limit), and only at places within
    ``rear_contested_front_km`` of the front line the settlements imply (rule
    fighting-at-the-front, :func:`_near_front`; 0: anywhere): fighting reported deep inside one
    side's ground (a siege its advance passed, fighting recalled months later) is no front.
    ``rear_units`` (text-only estimate, on; rule rear-in-reported-units, :func:`_units_of_side`):
    the rear reaches only into the admin-1 units where the side has evidence on the day (a
    settlement it holds or claims, one fought over, a held area of it) or which its known
    ground lies in or borders: a unit reporting never places the side in stays unknown.
    ``river_banks`` (on; rule river-bounds-reports, :func:`_banks`; on top of a complete
    layer, a change's ground lies only on its settlement's banks): a
    major river of ``geo_events/data/rivers.json`` bounds what a settlement's report says: the
    front line is drawn bank by bank from the vertices on each bank, a ring or a triangle
    gives a side ground only on the banks its settlement / a corner of the side lies on, and
    an area across the river is judged bank by bank (a town retaken on the right bank says
    nothing of an oblast status's left bank). A vertex within ``river_both_banks_km`` of a
    river's line is on both banks.
    ``triangle_units`` (text-only estimate, on; rule triangle-in-reported-units,
    :func:`_triangle_units`): a side's share of a mixed Delaunay triangle none of whose corners
    is a settlement it is reported to hold (only its known outline or its own country's border)
    reaches only into the admin-1 units ``rear_units`` opens to the side, or which its own
    country borders: ground of a unit reporting never places the side in is not its ground
    because the other side's towns reported far away leave it nearer the side's old outline.
    """

    radius_km: float = _RULES["radius_km"]
    half_life_days: float = _RULES["half_life_days"]
    min_radius_km: float = _RULES["min_radius_km"]
    max_edge_km: float = _RULES["max_edge_km"]
    contested_radius_km: float = _RULES["contested_radius_km"]
    claimed_radius_km: float = _RULES["claimed_radius_km"]
    fresh_days: int = _RULES["fresh_days"]
    outline_step_km: float = _RULES["outline_step_km"]
    mixed_triangles: bool = _RULES["mixed_triangles"]
    region_tolerance_km: float = _RULES["region_tolerance_km"]
    edge_decay: bool = _RULES["edge_decay"]
    local_radius_km: float = _RULES["local_radius_km"]
    local_reach_km: float = _RULES["local_reach_km"]
    local_claims: bool = _RULES["local_claims"]
    local_contested: bool = _RULES["local_contested"]
    max_place_radius_km: float = _RULES["max_place_radius_km"]
    area_supersede: bool = _RULES["area_supersede"]
    area_fill: bool = _RULES["area_fill"]
    area_over_older: bool = _RULES["area_over_older"]
    area_partial: bool = _RULES["area_partial"]
    area_partial_share: float = _RULES["area_partial_share"]
    area_newer_cut: bool = _RULES["area_newer_cut"]
    rear_depth_km: float = _RULES["rear_depth_km"]
    area_front: bool = _RULES["area_front"]
    triangle_own_report: bool = _RULES["triangle_own_report"]
    rear_contested_days: int = _RULES["rear_contested_days"]
    rear_contested_km: float = _RULES["rear_contested_km"]
    rear_contested_front_km: float = _RULES["rear_contested_front_km"]
    rear_units: bool = _RULES["rear_units"]
    river_banks: bool = _RULES["river_banks"]
    river_both_banks_km: float = _RULES["river_both_banks_km"]
    triangle_units: bool = _RULES["triangle_units"]

    @classmethod
    def from_file(cls, path: str | Path) -> EstimateParams:
        """The parameters of an estimate rules file of the shipped file's schema
        (:mod:`geo_events.maps.estimate_rules`); DataFileError naming the file and the
        parameter when it is wrong."""
        return cls(**read_estimate_rules(path))

    def radius_m(self, base_km: float, age_days: np.ndarray) -> np.ndarray:
        """Decayed radius in metres for evidence ``age_days`` old (array)."""
        age = np.asarray(age_days, dtype=float)
        r = base_km * np.power(0.5, np.clip(age, 0, None) / self.half_life_days)
        return np.maximum(r, min(self.min_radius_km, base_km)) * 1000.0

    def describe(self) -> str:
        """The method in one line (the ``method`` column of the estimate)."""
        return (f"evidence: {self.radius_km:g} km around held settlements halved every "
                f"{self.half_life_days:g} days of evidence age, split at the Voronoi front "
                f"line, Delaunay triangles <= {self.max_edge_km:g} km"
                + (" (shrinking with evidence age)" if self.edge_decay else "")
                + (" filled and split at the front line" if self.mixed_triangles
                   else " of one side filled")
                + ", known polygons kept unless newer evidence contradicts them, a side's own "
                "country's border its rear"
                + (", held areas no newer settlement contradicts superseding older settlement "
                   "evidence in them" if self.area_supersede else "")
                + (", outranking ground drawn from older evidence" if self.area_over_older
                   else "")
                + (", filling their unclaimed ground" if self.area_fill else "")
                + (", a newer held area cut out of an older one of another side"
                   if self.area_newer_cut else "")
                + (f", partial areas (other sides' share of the newer settlements in them at "
                   f"most {self.area_partial_share:g}) only on their side of the front line"
                   if self.area_partial else "")
                + (f", a side's known ground its rear: unclaimed ground within "
                   f"{self.rear_depth_km:g} km of it on its side of the front line"
                   + (f" up to places fought over in the last {self.rear_contested_days} days"
                      + (f" within {self.rear_contested_front_km:g} km of the front line"
                         if self.rear_contested_front_km > 0 else "")
                      if self.rear_contested_days > 0 else "")
                   + (" in the admin-1 units reporting places it in or bordering its known "
                      "ground" if self.rear_units else "")
                   if self.rear_depth_km > 0 else "")
                + (", held areas' outlines on the front line" if self.area_front else "")
                + (", a major river bounding what a settlement says (front line, rings, "
                   "triangles and areas drawn bank by bank)" if self.river_banks else "")
                + (", a side's share of a triangle only with a settlement of its own as a corner"
                   if self.triangle_own_report else "")
                + (", its share of a triangle of its known outline alone only in the admin-1 "
                   "units reporting places it in or bordering its known ground or its country"
                   if self.triangle_units else ""))


DEFAULT_ESTIMATE = EstimateParams()


def estimate_areas(statuses: gpd.GeoDataFrame, region: BaseGeometry, *,
                   known: gpd.GeoDataFrame | None = None, day: date | str,
                   params: EstimateParams = DEFAULT_ESTIMATE) -> gpd.GeoDataFrame:
    """Who holds the ground of ``region`` on ``day``, as far as the evidence goes.

    ``statuses``: settlement points (WGS84 if no CRS) with columns ``side`` and ``state``
    (``held``/``claimed``/``contested``/``unknown``; without ``state``, a row with a side is
    held), optionally ``claimant`` (the side claiming, for ``claimed``; else ``side``) and
    ``last_evidence`` (date of the newest evidence; else ``since``; else ``day``). Rows
    farther than ``params.region_tolerance_km`` outside ``region`` or with evidence after
    ``day`` are ignored. ``region``: WGS84 polygon
    (the conflict's country). ``known``: optional polygons (any CRS, WGS84 if unset) with
    columns ``side`` and ``date`` (a profile's start state, a user's baseline layer); those
    dated after ``day`` are ignored. An optional boolean column ``complete`` marks a layer
    that shows all of a side's ground on its date (e.g. a baseline map): that side's reports
    no newer than the layer and outside its polygons are then superseded.
    Method and limits: ``docs/control_estimate.md``.

    Returns a WGS84 GeoDataFrame with columns :data:`ESTIMATE_COLUMNS`: one ``held`` row per
    side with ground, one ``claimed`` row per claimant with ground, then one ``contested`` and
    one ``unknown`` row (``side`` None; possibly empty geometry). The rows do not overlap and
    together cover ``region``. ``date`` is ``day`` (ISO), ``last_evidence`` the newest
    evidence behind the row (ISO, None for ``unknown``), ``area_km2`` equal-area km².
    """
    parsed_day = _as_date(day, "day")
    if parsed_day is None:
        raise InputError("estimate_areas: day is required (a date or YYYY-MM-DD)")
    day = parsed_day
    crs = equal_area_crs(region)
    region_ea = shapely.make_valid(gpd.GeoSeries([region], crs=WGS84).to_crs(crs).iloc[0])
    ev = _evidence(statuses, region_ea, crs, day, params)
    known_rows = _known_rows(known, crs, region_ea, day)
    base_day = _complete_day(known, day)
    if base_day is not None:
        return _update_complete(ev, known_rows, base_day, region_ea, crs, day, params)
    banks = _banks(region_ea, crs, params)
    areas = (_area_statuses(statuses, ev, crs, region_ea, day, params, banks)
             if params.area_supersede or params.area_fill else [])
    if params.area_supersede:
        ev = _supersede_by_areas(ev, areas, params)
    ev = _drop_superseded(ev, known, crs, region_ea, day)
    # known polygons' outlines join the settlements as vertices of the front line and of the
    # same-side triangles (they carry no ring of their own)
    held = pd.concat([ev[ev["state"] == HELD], _outline_vertices(known_rows, crs, params),
                      _border_vertices(known, crs, region_ea, day, params)], ignore_index=True)
    held = gpd.GeoDataFrame(held, geometry="geometry", crs=crs)
    xy = [(round(g.x), round(g.y)) for g in held.geometry]
    held = held.assign(_xy=xy).drop_duplicates("_xy").drop(columns="_xy")  # reports first
    reports = held[held["origin"] == REPORT]
    sides = sorted(set(held["side"]))
    # so do the outlines of held areas counting as a whole, of the front line only
    # (area_front: the front runs there; the triangles stay those of the evidence, the area's
    # own ground comes from the area rules below)
    area_rows = [(a.date, a.side, a.geometry) for a in areas if not a.partial] \
        if params.area_front else []
    front = held
    if area_rows:
        front = gpd.GeoDataFrame(pd.concat([held, _outline_vertices(area_rows, crs, params)],
                                           ignore_index=True), geometry="geometry", crs=crs)
        xy = [(round(g.x), round(g.y)) for g in front.geometry]
        front = front.assign(_xy=xy).drop_duplicates("_xy").drop(columns="_xy")
    cells = _front_cells(front, region_ea, banks)
    for s in set(cells) - set(sides):  # a side known only from its areas
        sides.append(s)
    sides = sorted(sides)
    # rule triangle-in-reported-units: where a side's triangles may reach on its known
    # outline alone
    reach = _triangle_units(held, known_rows, ev, areas, region_ea, crs, sides, params) \
        if params.triangle_units else {}
    # ground each side's evidence supports, split at the front line
    support = {s: shapely.intersection(_support(held, s, params, banks=banks,
                                                units=reach.get(s)), cells[s])
               for s in sides}
    last = {s: reports.loc[reports["side"] == s, "last"].max() for s in sides
            if (reports["side"] == s).any()}
    # known polygons, kept where no newer evidence of another side contradicts them
    kept, known_last = _known_kept(known_rows, held, cells, params, banks)
    for s in set(kept) - set(sides):
        sides.append(s)
    sides = sorted(sides)
    empty = shapely.Polygon()
    # a partial area (contradicted by newer settlements of another side inside it, or a part
    # holding) keeps only the ground on its side of the front line the settlements imply
    areas = [a._replace(geometry=_polygonal(shapely.intersection(
        a.geometry, cells.get(a.side, shapely.Polygon())))) if a.partial else a for a in areas]
    area: dict[str, BaseGeometry] = {}
    for s in sides:
        others_known = shapely.union_all([g for k, g in kept.items() if k != s] or [empty])
        own = shapely.difference(support.get(s, empty), others_known)
        area[s] = shapely.union(own, kept.get(s, empty))
        if s in known_last:
            last[s] = max(filter(None, (last.get(s), known_last[s])))
    contested = shapely.intersection(_contested(ev, sides, region_ea, day, params), region_ea)
    if params.area_over_older and areas:
        # a held area outranks ground drawn from other sides' older evidence (their triangles
        # and rings reaching into it), not their known polygons nor their newer evidence's
        # ground (rings and triangles, as for known polygons)
        for d, s, geom, _ in areas:
            others = [g for k, g in kept.items() if k != s]
            others += [shapely.intersection(_support(held, o, params, newer_than=d,
                                                     banks=banks, units=reach.get(o)),
                                            cells[o])
                       for o in cells if o != s and ((reports["side"] == o)
                                                     & (reports["last"] > d)).any()]
            claim = shapely.difference(geom, shapely.union_all(others or [empty]))
            for k in list(area):
                if k != s:
                    area[k] = shapely.difference(area[k], claim)
            area[s] = shapely.union(area.get(s, empty), claim)
            if s not in sides:
                sides = sorted([*sides, s])
    if params.area_fill and areas:
        taken = shapely.union_all([contested, *area.values()])
        for d, s, geom, _ in areas:
            add = shapely.difference(geom, taken)
            if not add.is_empty:
                area[s] = shapely.union(area.get(s, empty), add)
                taken = shapely.union(taken, add)
                last[s] = max(filter(None, (last.get(s), d)))
                if s not in sides:
                    sides = sorted([*sides, s])
    if params.rear_depth_km > 0:
        # a side's known ground in the region (start state, area events) is its rear: the
        # unknown ground near it on its side of the front line is its ground, up to the
        # places fought over (rear_contested_days)
        taken = shapely.union_all([contested, *area.values()])
        rear_cells = _rear_cells(front, ev, cells, region_ea, crs, params, banks)
        units = _region_units(region_ea, crs) if params.rear_units else None
        for s, geom in sorted(kept.items()):
            if s not in rear_cells or geom.is_empty:
                continue
            near = shapely.buffer(geom, params.rear_depth_km * 1000.0)
            if units is not None:
                near = shapely.intersection(near, _units_of_side(units, ev, areas, geom, s,
                                                                 params))
            add = _polygonal(shapely.difference(
                shapely.intersection(shapely.intersection(near, rear_cells[s]), region_ea),
                taken))
            if not add.is_empty:
                area[s] = shapely.union(area.get(s, empty), add)
                taken = shapely.union(taken, add)
    return _assemble(ev, sides, area, last, contested, region_ea, crs, day, params,
                     params.describe())


def _assemble(ev: gpd.GeoDataFrame, sides: list[str], area: dict[str, BaseGeometry],
              last: dict[str, Any], contested: BaseGeometry, region_ea: BaseGeometry, crs: CRS,
              day: date, params: EstimateParams, method: str) -> gpd.GeoDataFrame:
    """The rows of :func:`estimate_areas` from each side's ground, the contested ground and
    the claimed settlements of ``ev`` (claimed rings and contested ground are taken out of the
    held ground; the rest of the region is unknown)."""
    empty = shapely.Polygon()
    claimed: dict[str, BaseGeometry] = {}
    taken = contested
    for c in sorted(set(ev.loc[ev["state"] == CLAIMED, "side"])):
        pts = ev[(ev["state"] == CLAIMED) & (ev["side"] == c)]
        rings = shapely.union_all(shapely.buffer(
            pts.geometry.to_numpy(), params.radius_m(params.claimed_radius_km, pts["age"])))
        ring = shapely.difference(shapely.intersection(rings, region_ea),
                                  shapely.union(taken, area.get(c, empty)))
        claimed[c] = ring
        taken = shapely.union(taken, ring)
        last[f"claimed:{c}"] = pts["last"].max()
    rows: list[tuple[Any, ...]] = []
    covered = [taken]
    # the region's ground, with the settlements' tolerance (a port on an estuary the
    # simplified polygon leaves out keeps its ground): a bay or a side's own country that a
    # cell or a known polygon reaches past it is not the region's
    ground = shapely.buffer(region_ea, params.region_tolerance_km * 1000.0)
    for s in sides:
        geom = _polygonal(shapely.intersection(shapely.difference(area[s], taken), ground))
        if not geom.is_empty:
            rows.append((s, HELD, day.isoformat(), method, _iso(last.get(s)), geom))
            covered.append(geom)
    for c, geom in claimed.items():
        geom = _polygonal(geom)
        if not geom.is_empty:
            rows.append((c, CLAIMED, day.isoformat(), method, _iso(last[f"claimed:{c}"]), geom))
    cont = ev[ev["state"] == CONTESTED]
    rows.append((None, CONTESTED, day.isoformat(), method,
                 _iso(cont["last"].max()) if len(cont) else None,
                 _polygonal(shapely.intersection(contested, ground))))
    unknown = _polygonal(shapely.difference(region_ea, shapely.union_all(covered)))
    rows.append((None, UNKNOWN, day.isoformat(), method, None, unknown))
    frame = gpd.GeoDataFrame(
        [(*r[:5], shapely.area(r[5]) / 1e6, r[5]) for r in rows],
        columns=list(ESTIMATE_COLUMNS), geometry="geometry", crs=crs)
    frame = frame.to_crs(WGS84)
    # reprojection can leave slivers self-touching: keep every row a valid (multi)polygon
    frame["geometry"] = [_polygonal(g) for g in frame.geometry]
    return frame.reset_index(drop=True)


def _complete_day(known: gpd.GeoDataFrame | None, day: date) -> date | None:
    """The newest date on or before ``day`` of the *complete* rows of ``known`` (a baseline map
    that shows every side's ground on its date), or None."""
    if known is None or len(known) == 0 or "complete" not in known or "date" not in known:
        return None
    flags = known["complete"].fillna(False).astype(bool).to_numpy()
    days = [d for d, f in zip((_as_date(v, "known polygon date") for v in known["date"]),
                              flags, strict=True) if f and d is not None and d <= day]
    return max(days) if days else None


def _update_complete(ev: gpd.GeoDataFrame, rows: list[tuple[date, str, BaseGeometry]],
                     base_day: date, region_ea: BaseGeometry, crs: CRS, day: date,
                     params: EstimateParams) -> gpd.GeoDataFrame:
    """The estimate on top of a complete known layer dated ``base_day``: that picture (older
    known polygons where it says nothing, newer ones such as area events over it), changed only
    around settlements whose status after ``base_day`` contradicts it (see
    :attr:`EstimateParams.local_radius_km`). Evidence no newer than ``base_day`` is superseded
    by the layer: it neither contradicts it nor rings, claims or contests ground. With
    ``params.river_banks`` (rule river-bounds-reports), a change's ground stops at a major
    river: it lies only on the banks its settlement is on."""
    empty = shapely.Polygon()
    picture: dict[str, BaseGeometry] = {}
    dates: dict[str, date] = {}
    for d, side, geom in rows:  # oldest first: a newer polygon wins where they overlap
        for other in list(picture):
            if other != side:
                picture[other] = shapely.difference(picture[other], geom)
        picture[side] = shapely.union(picture.get(side, empty), geom)
        if d != date.min:
            dates[side] = max(d, dates.get(side, d))
    for side in picture:
        shapely.prepare(picture[side])
    newer = ev[ev["last"] > base_day]
    held = ev[ev["state"] == HELD]
    banks = _banks(region_ea, crs, params)
    cells = (_voronoi_cells(held.geometry, region_ea) if len(held) > 1
             else np.array([shapely.envelope(region_ea).buffer(1.0)] * len(held), dtype=object))
    last: dict[str, Any] = dict(dates)
    todo: list[tuple[date, str, BaseGeometry, bool, BaseGeometry]] = []
    for (_, row), cell in zip(held.iterrows(), cells, strict=True):
        side, when, pt = row["side"], row["last"], row.geometry
        # the picture's side at the point (the nearest within region_tolerance_km: a port the
        # simplified polygons leave just outside is still on its side's ground)
        near = [(shapely.distance(g, pt), s) for s, g in picture.items()]
        near = [d for d in near if d[0] <= params.region_tolerance_km * 1000.0]
        owner = min(near)[1] if near else None
        if owner == side:
            if when > base_day:
                last[side] = max(when, last.get(side, when))  # newer evidence for the picture
            continue  # the report agrees with the picture: nothing moves
        if owner is not None and when <= base_day:
            continue  # older than the picture, which supersedes it
        radius = float(params.radius_m(params.local_radius_km, np.array([row["age"]]))[0])
        patch = shapely.intersection(shapely.intersection(cell, pt.buffer(radius)), region_ea)
        if banks is not None:  # a town retaken on one bank says nothing across the river
            patch = _by_bank(np.array([patch], dtype=object), banks.of(np.array([pt])), banks)
        todo.append((when, side, pt, owner is None, patch))
    todo.sort(key=lambda t: t[0])
    area = dict(picture)
    reach = params.local_reach_km * 1000.0
    while todo:  # a change far behind the other side's lines needs a nearer one first
        rest: list[tuple[date, str, BaseGeometry, bool, BaseGeometry]] = []
        for when, side, pt, free, patch in todo:
            own = area.get(side, empty)
            if reach > 0 and not free and not own.is_empty and not shapely.dwithin(own, pt,
                                                                                  reach):
                rest.append((when, side, pt, free, patch))
                continue
            for other in area:
                if other != side:
                    area[other] = shapely.difference(area[other], patch)
            area[side] = shapely.union(area.get(side, empty), patch)
            last[side] = max(when, last.get(side, when))
        if len(rest) == len(todo):
            break
        todo = rest
    # fighting is transient: only contested evidence no older than fresh_days marks ground
    cont = newer[(newer["state"] == CONTESTED) & (newer["age"] <= params.fresh_days)]
    if not params.local_contested:
        cont = cont.iloc[:0]
    contested = empty
    if len(cont):
        contested = shapely.intersection(shapely.union_all(shapely.buffer(
            cont.geometry.to_numpy(), params.radius_m(params.contested_radius_km, cont["age"]))),
            region_ea)
    kept = pd.concat([cont, newer[newer["state"] == CLAIMED].iloc[
        :None if params.local_claims else 0]])
    method = (f"known picture of {base_day.isoformat()} updated by reporting after it: "
              f"{params.local_radius_km:g} km around each settlement whose status contradicts "
              f"it (halved every {params.half_life_days:g} days of evidence age, within "
              f"{params.local_reach_km:g} km of its side's ground), split at the Voronoi line "
              "between settlements")
    return _assemble(kept, sorted(area), area, last, contested, region_ea, crs, day, params,
                     method)


def _as_date(value: Any, what: str) -> date | None:
    """``value`` (date, datetime, ISO text, pandas timestamp or missing) as a date."""
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise InputError(f"estimate_areas: {what} {value!r} is not a date; use YYYY-MM-DD") \
            from exc


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _evidence(statuses: gpd.GeoDataFrame, region_ea: BaseGeometry, crs: CRS, day: date,
              params: EstimateParams) -> gpd.GeoDataFrame:
    """Settlement evidence in the equal-area CRS: columns side, state, last (date), age (days),
    geometry; one row per location (the newest evidence wins)."""
    cols = ["side", "state", "last", "age", "origin"]
    if statuses is None or len(statuses) == 0:
        return gpd.GeoDataFrame({c: [] for c in cols}, geometry=[], crs=crs)
    pts = statuses if statuses.crs else statuses.set_crs(WGS84)
    pts = pts.to_crs(WGS84)
    pts = pts[pts.geometry.notna() & ~pts.geometry.is_empty]
    pts = pts[pts.geometry.geom_type == "Point"]
    if "level" in pts:  # an oblast, a region, a part of one: areas, not point evidence (their
        pts = pts[~pts["level"].isin(AREA_LEVELS)]  # moves reach the estimate as area events)
    if "radius_km" in pts:  # a village known only near a town, in its community, in its unit
        pts = pts[~(pd.to_numeric(pts["radius_km"], errors="coerce").fillna(0.0)
                    > params.max_place_radius_km)]
    # a settlement on a coast or an estuary may lie just off the simplified country polygon
    near = shapely.dwithin(region_ea, pts.to_crs(crs).geometry.to_numpy(),
                           params.region_tolerance_km * 1000.0)
    pts = pts[near]
    state = pts["state"] if "state" in pts else pd.Series(HELD, index=pts.index)
    side = pts["side"] if "side" in pts else pd.Series(None, index=pts.index, dtype=object)
    if "claimant" in pts:
        side = side.where(state != CLAIMED, pts["claimant"])
    last_col = next((c for c in ("last_evidence", "since") if c in pts), None)
    lasts = [(_as_date(v, last_col) if last_col else None) or day
             for v in (pts[last_col] if last_col else [None] * len(pts))]
    frame = gpd.GeoDataFrame({"side": side.to_numpy(), "state": state.to_numpy(),
                              "last": lasts}, geometry=pts.geometry.to_numpy(), crs=WGS84)
    keep = frame["state"].isin([HELD, CLAIMED, CONTESTED]) & (frame["last"] <= day)
    keep &= frame["side"].notna() | (frame["state"] == CONTESTED)
    frame = frame[keep].to_crs(crs)
    frame["age"] = [(day - d).days for d in frame["last"]]
    frame["origin"] = REPORT
    # co-located settlements would give empty Voronoi cells: the newest evidence wins
    xy = [(round(g.x), round(g.y)) for g in frame.geometry]
    frame = frame.assign(_xy=xy).sort_values("age", kind="stable").drop_duplicates("_xy")
    return frame.drop(columns="_xy")[[*cols, "geometry"]]


class AreaStatus(NamedTuple):
    """A held status of an area for the estimate (:func:`_area_statuses`): its date, side,
    equal-area polygon within the region, and whether newer settlement evidence of another
    side inside it shows it is partial."""

    date: date
    side: str
    geometry: BaseGeometry
    partial: bool = False


def _area_statuses(statuses: gpd.GeoDataFrame, ev: gpd.GeoDataFrame, crs: CRS,
                   region_ea: BaseGeometry, day: date, params: EstimateParams,
                   banks: Banks | None = None) -> list[AreaStatus]:
    """Held statuses of areas (an oblast, a raion, a part of one, a river bank: rows of
    ``statuses`` whose ``level`` is in :data:`AREA_LEVELS` but ``country``, with an area
    ``place_id`` :func:`geo_events.areas.area_geometry` can draw), oldest first, each with its
    equal-area polygon within the region.

    With ``params.area_newer_cut``, the areas of newer statuses of other sides are first cut
    out of each one, with the settlements in them. An area status counts as a whole when no
    settlement inside what remains is held by another side with evidence newer than the
    area's (fighting inside does not contradict it). One contradicted so is partial ("Russian-
    held Donetsk Oblast"): it says nothing of the area as a whole, and counts (``partial``
    true; with ``params.area_partial``) only while the contradicting settlements are at most
    ``params.area_partial_share`` of the held settlements inside it with evidence newer than
    the area's. A part holding (``extent`` :data:`PART_EXTENT`: "Ukrainian-held X Oblast")
    is partial from the start and cuts nothing out of other areas; once newer whole areas of
    other sides have cut at least :data:`CUT_SHARE` of it, what is left is the part it named
    and counts as a whole area. A settlement within ``params.region_tolerance_km`` of an
    area's (simplified) polygon is in it. With ``banks`` (rule river-bounds-reports), an area
    across a river is judged bank by bank: a settlement on one bank says nothing of the area's
    ground on the other (pieces of at most :data:`OUTSIDE_SHARE` of the area are left out)."""
    from geo_events.areas import area_geometry

    if statuses is None or len(statuses) == 0 or not {"level", "place_id"} <= set(statuses):
        return []
    rows = statuses[statuses["level"].isin(AREA_LEVELS - {"country"})]
    if "state" in rows:
        rows = rows[rows["state"] == HELD]
    rows = rows[rows["side"].notna()] if "side" in rows else rows.iloc[:0]
    last_col = next((c for c in ("last_evidence", "since") if c in rows), None)
    # a part holding ("Russian-held X Oblast") says a side holds part of the unit
    parts = (rows["extent"] == PART_EXTENT).to_numpy() if "extent" in rows \
        else np.zeros(len(rows), dtype=bool)
    found: list[tuple[date, str, BaseGeometry, bool]] = []
    for pid, side, when, part in zip(rows["place_id"], rows["side"],
                                     rows[last_col] if last_col else [None] * len(rows), parts,
                                     strict=True):
        d = _as_date(when, "area status date") or day
        geom = area_geometry(str(pid)) if d <= day else None
        if geom is None:
            continue
        geom = gpd.GeoSeries([geom], crs=WGS84).to_crs(crs).iloc[0]
        geom = _polygonal(shapely.intersection(shapely.make_valid(geom), region_ea))
        if not geom.is_empty:
            found.append((d, str(side), geom, bool(part)))
    out = []
    pts = ev.geometry.to_numpy()
    held = (ev["state"] == HELD).to_numpy()
    tol = params.region_tolerance_km * 1000.0
    on = banks.of(pts) if banks is not None else np.ones((len(pts), 1), dtype=bool)
    for d, side, geom, part in found:
        if part and not params.area_partial:
            continue
        # a newer area status of another side takes its ground out of this one ("the right
        # bank liberated" out of "Kherson Oblast occupied"), and its settlements with it; a
        # part holding takes out nothing (which part it is, the text does not say)
        later = [g for dd, s, g, p in found if s != side and dd > d and not p] \
            if params.area_newer_cut else []
        cut = shapely.union_all(later) if later else None
        if cut is not None:
            rest = _polygonal(shapely.difference(geom, cut))
            if rest.is_empty:
                continue
            # a part holding the other side's newer whole area cut: what is left of the unit
            # is the part the side was said to hold ("the occupation of Kherson Oblast", then
            # "the right bank liberated": the left bank)
            part = part and rest.area > geom.area * (1.0 - CUT_SHARE)
            geom = rest
        pieces = [(geom, np.ones(len(pts), dtype=bool))]
        if banks is not None:  # a settlement on one bank of a river says nothing of the other
            pieces = [(p, on[:, i]) for i, b in enumerate(banks.geoms)
                      for p in [_polygonal(shapely.intersection(geom, b))]
                      if p.area > OUTSIDE_SHARE * geom.area] or pieces
        for piece, on_piece in pieces:
            inside = shapely.dwithin(piece, pts, tol) & on_piece
            if cut is not None:
                inside &= ~shapely.dwithin(cut, pts, tol)
            newer = inside & held & (ev["last"] > d).to_numpy()
            against = newer & (ev["side"] != side).to_numpy()
            if not against.any() and not part:
                out.append(AreaStatus(d, side, piece))
            elif params.area_partial and against.sum() <= params.area_partial_share * newer.sum():
                # newer evidence inside says otherwise: a partial area, its side's ground only
                out.append(AreaStatus(d, side, piece, partial=True))
    out.sort(key=lambda r: r.date)
    return out


def _supersede_by_areas(ev: gpd.GeoDataFrame, areas: list[AreaStatus],
                        params: EstimateParams) -> gpd.GeoDataFrame:
    """Without the settlement evidence a newer held area status (:func:`_area_statuses`)
    supersedes: held, claimed or contested settlements inside the area, of another side or
    contested, whose evidence is older than the area's ("Ukraine regained all of Sumy Oblast"
    after villages in it were reported taken)."""
    if ev.empty or not areas:
        return ev
    drop = np.zeros(len(ev), dtype=bool)
    pts = ev.geometry.to_numpy()
    for d, side, geom, partial in areas:
        if partial:
            continue  # a partial area says nothing of the settlements inside it
        against = ((ev["side"] != side) | (ev["state"] == CONTESTED)).to_numpy()
        inside = shapely.dwithin(geom, pts, params.region_tolerance_km * 1000.0)
        drop |= inside & against & (ev["last"] < d).to_numpy()
    return ev[~drop]


class Banks(NamedTuple):
    """The banks of the major rivers crossing the region (rule river-bounds-reports,
    :func:`_banks`): equal-area polygons that tile the region, and how close to a river's line
    a vertex is on both banks (m)."""

    geoms: np.ndarray
    both_m: float

    def of(self, points: np.ndarray) -> np.ndarray:
        """Which banks each of ``points`` is on (bool, points x banks): the bank it lies on
        (the nearest one for a point just off the region's coast), and every bank within
        ``both_m`` of that (a city on a river's line is on both banks)."""
        if len(points) == 0:
            return np.zeros((0, len(self.geoms)), dtype=bool)
        dist = np.stack([shapely.distance(g, points) for g in self.geoms], axis=1)
        return dist <= dist.min(axis=1, keepdims=True) + self.both_m


def _banks(region_ea: BaseGeometry, crs: CRS, params: EstimateParams) -> Banks | None:
    """Rule river-bounds-reports (``params.river_banks``): the region cut by the lines of the
    rivers of ``geo_events/data/rivers.json``, its pieces grouped by the bank of every river
    they lie on (a piece of the estuary's shore belongs with its bank); None when the rule is
    off or no river cuts the region."""
    if not params.river_banks:
        return None
    geoms = _banks_cached(shapely.to_wkb(region_ea), crs.to_wkt())
    return Banks(geoms, params.river_both_banks_km * 1000.0) if len(geoms) > 1 else None


@lru_cache(maxsize=8)
def _banks_cached(region_wkb: bytes, crs_wkt: str) -> np.ndarray:
    from shapely.ops import split

    from geo_events.areas import front_rivers, on_right_bank

    region_ea = shapely.from_wkb(region_wkb)
    crs = CRS.from_wkt(crs_wkt)
    lines = [gpd.GeoSeries([line], crs=WGS84).to_crs(crs).iloc[0]
             for line in front_rivers().values()]
    lines = [line for line in lines if shapely.intersects(line, region_ea)]
    if not lines:
        return np.array([region_ea], dtype=object)
    pieces = split(_polygonal(region_ea), shapely.union_all(lines)).geoms
    groups: dict[tuple[bool, ...], list[BaseGeometry]] = {}
    for piece in pieces:
        if piece.is_empty or piece.geom_type not in ("Polygon", "MultiPolygon"):
            continue
        pt = piece.representative_point()
        groups.setdefault(tuple(on_right_bank(line, pt) for line in lines), []).append(piece)
    return np.array([shapely.union_all(g) for _, g in sorted(groups.items())], dtype=object)


def _by_bank(geoms: np.ndarray, on: np.ndarray, banks: Banks) -> BaseGeometry:
    """The union of ``geoms`` (rings, triangles), each without the banks it is not on (row of
    ``on``, :meth:`Banks.of`): ground across a river from a settlement is not its ground."""
    parts = []
    for pattern in {tuple(row) for row in on}:
        mask = (on == np.array(pattern)).all(axis=1)
        piece = shapely.union_all(geoms[mask])
        off = [g for g, keep in zip(banks.geoms, pattern, strict=True) if not keep]
        parts.append(shapely.difference(piece, shapely.union_all(off)) if off else piece)
    return shapely.union_all(parts) if parts else shapely.Polygon()


def _front_cells(held: gpd.GeoDataFrame, region_ea: BaseGeometry,
                 banks: Banks | None = None) -> dict[str, BaseGeometry]:
    """Each side's share of the plane: the union of the Voronoi cells of its settlements.
    With ``banks`` (rule river-bounds-reports), the cells on each bank of a river are those of
    the vertices on that bank (a bank with none keeps the cells of all); off the region, the
    cells of all."""
    if held.empty:
        return {}
    if banks is not None:
        whole = _front_cells(held, region_ea)
        on = banks.of(held.geometry.to_numpy())
        out = {s: shapely.difference(g, shapely.union_all(banks.geoms))
               for s, g in whole.items()}
        for i, bank in enumerate(banks.geoms):
            mine = _front_cells(held[on[:, i]], bank) if on[:, i].any() else whole
            for s, g in mine.items():
                out[s] = shapely.union(out.get(s, shapely.Polygon()),
                                       shapely.intersection(g, bank))
        return out
    sides = held["side"].to_numpy()
    if len(set(sides)) == 1:
        return {sides[0]: shapely.envelope(region_ea).buffer(1.0)}
    cells = _voronoi_cells(held.geometry, region_ea)
    return {s: shapely.coverage_union_all(cells[sides == s]) for s in sorted(set(sides))}


def _rear_cells(front: gpd.GeoDataFrame, ev: gpd.GeoDataFrame, cells: dict[str, BaseGeometry],
                region_ea: BaseGeometry, crs: CRS, params: EstimateParams,
                banks: Banks | None = None) -> dict[str, BaseGeometry]:
    """Each side's share of the plane for the rear rule: its front-line cells
    (:func:`_front_cells` of ``front``), cut at the places fought over (rule
    ``rear_contested_days``): a settlement contested with evidence no older than that many
    days is on the front line, so no side's rear reaches past it. Each such place gets a
    blocking generator mirrored across it from the nearest vertex of ``front`` (a held
    settlement or a known outline), which puts the cell boundary through the place itself,
    at right angles to the line from that vertex: the rear reaches up to the fighting, not
    beyond it (an unweighted Voronoi split would stop it halfway). With
    ``params.rear_contested_km``, the cut reaches only that far from the place: elsewhere the
    cells are those of the front line. With ``params.rear_contested_front_km``, only places
    within that distance of the front line the settlements imply cut (:func:`_near_front`)."""
    if params.rear_contested_days <= 0 or front.empty:
        return cells
    cont = ev[(ev["state"] == CONTESTED) & (ev["age"] <= params.rear_contested_days)]
    if params.rear_contested_front_km > 0 and len(cont):
        cont = cont[_near_front(cont.geometry.to_numpy(), cells,
                                params.rear_contested_front_km * 1000.0)]
    if cont.empty:
        return cells
    fxy = shapely.get_coordinates(front.geometry.to_numpy())
    cxy = shapely.get_coordinates(cont.geometry.to_numpy())
    nearest = np.argmin(((cxy[:, None, :] - fxy[None, :, :]) ** 2).sum(axis=2), axis=1)
    mirror = gpd.GeoDataFrame({"side": [FOUGHT] * len(cxy)},
                              geometry=shapely.points(2 * cxy - fxy[nearest]), crs=crs)
    gens = gpd.GeoDataFrame(pd.concat([front[["side", "geometry"]], mirror], ignore_index=True),
                            geometry="geometry", crs=crs)
    xy = [(round(g.x), round(g.y)) for g in gens.geometry]
    gens = gens.assign(_xy=xy).drop_duplicates("_xy").drop(columns="_xy")
    out = _front_cells(gens, region_ea, banks)
    out.pop(FOUGHT, None)
    if params.rear_contested_km > 0:  # the cut reaches only this far from the fighting
        reach = shapely.union_all(shapely.buffer(cont.geometry.to_numpy(),
                                                 params.rear_contested_km * 1000.0))
        out = {s: shapely.union(out.get(s, shapely.Polygon()), shapely.difference(g, reach))
               for s, g in cells.items()}
    return out


def _near_front(points: np.ndarray, cells: dict[str, BaseGeometry],
                reach_m: float) -> np.ndarray:
    """Which of ``points`` (equal-area) lie within ``reach_m`` of the front line the
    settlements imply (rule fighting-at-the-front): of the boundary between the cell of the
    side they lie in (:func:`_front_cells`) and the cells of the other sides. A place fought
    over farther than that inside one side's cells (a city besieged behind that side's
    advance, fighting recalled months after it ended, shelling read as fighting) has no ground
    of another side reported beyond it, and is no front a rear stops at. With the cells of one
    side only, no place is near a front."""
    out = np.zeros(len(points), dtype=bool)
    if len(cells) < 2 or len(points) == 0:
        return out
    for side, cell in cells.items():
        others = shapely.union_all([g for s, g in cells.items() if s != side])
        out |= shapely.covers(cell, points) & shapely.dwithin(others, points, reach_m)
    return out


def _support(held: gpd.GeoDataFrame, side: str, params: EstimateParams,
             newer_than: date | None = None, banks: Banks | None = None,
             units: BaseGeometry | None = None) -> BaseGeometry:
    """Ground side ``side``'s held settlements support: decayed rings and same-side triangles
    (only evidence newer than ``newer_than`` when given); with ``banks`` (rule
    river-bounds-reports), a ring only on its settlement's bank(s) of a river, a triangle's
    ground only on the banks a corner of the side lies on; with ``units`` (rule
    triangle-in-reported-units), the side's share of a triangle with no settlement of its own
    as a corner only inside them."""
    own = held[held["side"] == side]
    if newer_than is not None:
        own = own[own["last"] > newer_than]
    if own.empty:
        return shapely.Polygon()
    own = own[own["origin"] == REPORT]
    rings = shapely.buffer(own.geometry.to_numpy(), params.radius_m(params.radius_km, own["age"]))
    parts = [shapely.union_all(rings) if len(rings) else shapely.Polygon()]
    if banks is not None and len(rings):
        parts = [_by_bank(rings, banks.of(own.geometry.to_numpy()), banks)]
    if newer_than is None:
        parts.append(_same_side_triangles(held, side, params, banks, units))
    else:
        subset = held[(held["last"] > newer_than) | (held["side"] != side)]
        parts.append(_same_side_triangles(subset, side, params, banks, units))
    return shapely.union_all(parts)


def _same_side_triangles(held: gpd.GeoDataFrame, side: str, params: EstimateParams,
                         banks: Banks | None = None,
                         units: BaseGeometry | None = None) -> BaseGeometry:
    """Union of the Delaunay triangles of ``held`` whose corners are all (with
    ``params.mixed_triangles``: any of them) held by ``side`` and whose longest edge is at most
    ``params.max_edge_km``, scaled (with ``params.edge_decay``) by the decay factor of its
    oldest reported corner (known polygons' outline vertices do not decay). At least one
    corner must be a reported settlement. With ``units`` (rule triangle-in-reported-units,
    :func:`_triangle_units`), a triangle of both sides none of whose corners is a settlement
    ``side`` is reported to hold gives it ground only inside ``units``."""
    if len(held) < 3 or (held["side"] == side).sum() < (1 if params.mixed_triangles else 3):
        return shapely.Polygon()
    xy = shapely.get_coordinates(held.geometry.to_numpy())
    age = held["age"].to_numpy(dtype=float)
    factor = np.where(held["origin"].to_numpy() != REPORT, 1.0,
                      np.power(0.5, np.clip(age, 0, None) / params.half_life_days))
    if not params.edge_decay:
        factor = np.ones_like(factor)
    reported = held["origin"].to_numpy() == REPORT
    ground = held["origin"].to_numpy() != BORDER  # a report, or ground known in the region
    owner = {(round(x), round(y)): (s, f, r, g)
             for (x, y), s, f, r, g in zip(xy, held["side"], factor, reported, ground,
                                           strict=True)}
    on_bank = {}
    if banks is not None:  # the banks of the side's corners (its own, as above)
        mine = held["side"].to_numpy() == side
        if params.triangle_own_report:
            mine &= ground
        on_bank = {(round(x), round(y)): row for (x, y), row
                   in zip(xy[mine], banks.of(held.geometry.to_numpy()[mine]), strict=True)}
    tris = shapely.get_parts(shapely.delaunay_triangles(shapely.MultiPoint(xy)))
    if len(tris) == 0:
        return shapely.Polygon()
    rings = shapely.get_exterior_ring(tris)
    corners = shapely.get_coordinates(rings).reshape(len(tris), 4, 2)[:, :3]
    edges = np.linalg.norm(corners - np.roll(corners, 1, axis=1), axis=2).max(axis=1)
    test = any if params.mixed_triangles else all
    none = (None, 0.0, False, False)
    keys = [[owner.get((round(x), round(y)), none) for x, y in c] for c in corners]
    # a triangle of known outline vertices alone is no evidence: one corner must be a report
    # (with triangle_own_report, a corner of this side must be its report or its known ground
    # in the region, not its own country's border)
    if params.triangle_own_report:
        same = np.array([test(k[0] == side for k in ks) and any(k[2] for k in ks)
                         and any(k[3] and k[0] == side for k in ks) for ks in keys])
    else:
        same = np.array([test(k[0] == side for k in ks) and any(k[2] for k in ks)
                         for ks in keys])
    limit = np.array([min(k[1] for k in ks) for ks in keys]) * params.max_edge_km * 1000.0
    pick = same & (edges <= limit)
    if units is not None:
        # a triangle of the side's known outline alone (no settlement of its own as a
        # corner) gives it ground only in the units reporting places it in
        bare = pick & np.array([not any(k[2] and k[0] == side for k in ks) for ks in keys])
        if bare.any():
            tris = tris.copy()
            tris[bare] = shapely.intersection(tris[bare], units)
    chosen = tris[pick]
    if banks is not None and len(chosen):
        none_on = np.zeros(len(banks.geoms), dtype=bool)
        on = np.array([np.logical_or.reduce([on_bank.get((round(x), round(y)), none_on)
                                             for x, y in c]) for c in corners[pick]])
        return _by_bank(chosen, on, banks)
    return shapely.union_all(chosen) if len(chosen) else shapely.Polygon()


def _known_rows(known: gpd.GeoDataFrame | None, crs: CRS, region_ea: BaseGeometry,
                day: date) -> list[tuple[date, str, BaseGeometry]]:
    """Known polygons as (date, side, equal-area polygon within the region), oldest first;
    those dated after ``day`` left out (undated ones count as oldest)."""
    if known is None or len(known) == 0:
        return []
    if "side" not in known:
        raise InputError("known polygons need a 'side' column (and a 'date')")
    frame = known if known.crs else known.set_crs(WGS84)
    frame = frame.to_crs(crs)
    rows = []
    dates = frame["date"] if "date" in frame else [None] * len(frame)
    for side, when, geom in zip(frame["side"], dates, frame.geometry, strict=True):
        d = _as_date(when, "known polygon date")
        if side is None or geom is None or geom.is_empty or (d is not None and d > day):
            continue
        whole = _polygonal(shapely.make_valid(geom))
        geom = shapely.intersection(whole, region_ea)
        if geom.is_empty or geom.area <= OUTSIDE_SHARE * whole.area:
            continue  # outside the region (a sliver of a neighbour): _border_vertices
        rows.append((d or date.min, str(side), geom))
    rows.sort(key=lambda r: r[0])
    return rows


def _drop_superseded(ev: gpd.GeoDataFrame, known: gpd.GeoDataFrame | None, crs: CRS,
                     region_ea: BaseGeometry, day: date) -> gpd.GeoDataFrame:
    """Without the evidence a *complete* known layer supersedes: a side's held reports no newer
    than the layer's date, outside that side's polygons of the layer (the layer says the side
    did not hold them on its date)."""
    if known is None or len(known) == 0 or "complete" not in known or ev.empty:
        return ev
    full = known[known["complete"].fillna(False).astype(bool)]
    full = _known_rows(full, crs, region_ea, day)
    drop = np.zeros(len(ev), dtype=bool)
    for d, side in sorted({(d, s) for d, s, _ in full}):
        geom = shapely.union_all([g for dd, s, g in full if dd == d and s == side])
        shapely.prepare(geom)
        inside = shapely.covers(geom, ev.geometry.to_numpy())
        drop |= ((ev["side"] == side) & (ev["state"] == HELD)
                 & (ev["last"] <= d)).to_numpy() & ~inside
    return ev[~drop]


def _outline_vertices(rows: list[tuple[date, str, BaseGeometry]], crs: CRS,
                      params: EstimateParams) -> gpd.GeoDataFrame:
    """Points every ``params.outline_step_km`` along the outline of each known polygon, held by
    its side since its date (origin ``known``)."""
    out = []
    step = params.outline_step_km * 1000.0
    for d, side, geom in rows:
        if step <= 0:
            break
        for ring in shapely.get_parts(shapely.boundary(geom)):
            n = max(int(ring.length // step), 1)
            for k in range(n):
                out.append((side, HELD, d, 0, KNOWN, ring.interpolate(k * step)))
    return gpd.GeoDataFrame(out, columns=["side", "state", "last", "age", "origin", "geometry"],
                            geometry="geometry", crs=crs)


def _border_vertices(known: gpd.GeoDataFrame | None, crs: CRS, region_ea: BaseGeometry,
                     day: date, params: EstimateParams) -> gpd.GeoDataFrame:
    """Known polygons (dated on or before ``day``) lying outside the region, such as a side's
    own country: points every ``params.outline_step_km`` along their outline where it runs
    within ``params.region_tolerance_km`` of the region (a shared border), held by their side
    (origin :data:`BORDER`): the rear a side's reported settlements connect to."""
    cols = ["side", "state", "last", "age", "origin", "geometry"]
    out: list[tuple[Any, ...]] = []
    step = params.outline_step_km * 1000.0
    if known is None or len(known) == 0 or "side" not in known or step <= 0:
        return gpd.GeoDataFrame(out, columns=cols, geometry="geometry", crs=crs)
    frame = (known if known.crs else known.set_crs(WGS84)).to_crs(crs)
    dates = frame["date"] if "date" in frame else [None] * len(frame)
    near = shapely.buffer(region_ea, params.region_tolerance_km * 1000.0)
    for side, when, geom in zip(frame["side"], dates, frame.geometry, strict=True):
        d = _as_date(when, "known polygon date")
        if side is None or geom is None or geom.is_empty or (d is not None and d > day):
            continue
        geom = _polygonal(shapely.make_valid(geom))
        inside = shapely.intersection(geom, region_ea).area
        if geom.is_empty or inside > OUTSIDE_SHARE * geom.area:
            continue  # a polygon of the region itself: _outline_vertices
        border = shapely.intersection(shapely.boundary(geom), near)
        for line in shapely.get_parts(shapely.line_merge(border) if border.geom_type
                                      == "MultiLineString" else border):
            if line.geom_type != "LineString" or line.is_empty or line.length <= 0:
                continue
            n = max(int(line.length // step), 1)
            for k in range(n + 1):
                pt = line.interpolate(min(k * step, line.length))
                if not pt.is_empty:
                    out.append((str(side), HELD, d or date.min, 0, BORDER, pt))
    return gpd.GeoDataFrame(out, columns=cols, geometry="geometry", crs=crs)


def _known_kept(rows: list[tuple[date, str, BaseGeometry]], held: gpd.GeoDataFrame,
                cells: dict[str, BaseGeometry], params: EstimateParams,
                banks: Banks | None = None) -> tuple[dict[str, BaseGeometry], dict[str, date]]:
    """Known polygons by side (newer known polygons over older ones), minus the ground where
    another side's evidence newer than the polygon's date says otherwise; and their dates."""
    kept: dict[str, BaseGeometry] = {}
    dates: dict[str, date] = {}
    empty = shapely.Polygon()
    reports = held[held["origin"] == REPORT]
    for i, (d, side, geom) in enumerate(rows):
        later = [g for dd, s, g in rows[i + 1:] if s != side and dd >= d]
        if later:
            geom = shapely.difference(geom, shapely.union_all(later))
        newer = reports[reports["last"] > d]
        contra = [shapely.intersection(_support(held, s, params, newer_than=d, banks=banks),
                                       cells[s])
                  for s in cells if s != side and (newer["side"] == s).any()]
        if contra:
            geom = shapely.difference(geom, shapely.union_all(contra))
        kept[side] = shapely.union(kept.get(side, empty), geom)
        if d != date.min:
            dates[side] = max(d, dates.get(side, d))
    return kept, dates


def _region_units(region_ea: BaseGeometry, crs: CRS) -> np.ndarray:
    """The admin-1 units of the region (equal-area polygons; those with more than
    :data:`OUTSIDE_SHARE` of their area in it), for rule ``rear_units``; computed once per
    region and CRS (an estimate runs once per day of a timeline)."""
    return _region_units_cached(shapely.to_wkb(region_ea), crs.to_wkt())


@lru_cache(maxsize=8)
def _region_units_cached(region_wkb: bytes, crs_wkt: str) -> np.ndarray:
    from geo_events.boundaries import load_admin1

    region_ea = shapely.from_wkb(region_wkb)
    crs = CRS.from_wkt(crs_wkt)
    adm = load_admin1()
    adm = adm[adm.geometry.notna()].to_crs(crs)
    geoms = adm.geometry.to_numpy()
    cand = geoms[shapely.intersects(geoms, region_ea)]
    share = shapely.area(shapely.intersection(cand, region_ea)) / np.maximum(
        shapely.area(cand), 1.0)
    return cand[share > OUTSIDE_SHARE]


def _units_of_side(units: np.ndarray, ev: gpd.GeoDataFrame, areas: list[AreaStatus],
                   known: BaseGeometry, side: str, params: EstimateParams) -> BaseGeometry:
    """Rule rear-in-reported-units: the admin-1 units (``units``) where ``side`` has evidence
    on the day (a settlement it holds or claims or one fought over, within
    ``params.region_tolerance_km``; a held area status of it over more than
    :data:`OUTSIDE_SHARE` of the unit) or which its known ground ``known`` lies in or borders
    (within the tolerance). A side's rear (``rear_depth_km``) reaches only into these: ground
    of a unit reporting never places the side in, away from its known ground, is not its
    ground for want of evidence of another side there (it stays unknown)."""
    mine = ev[(ev["side"] == side) | (ev["state"] == CONTESTED)]
    pts = mine.geometry.to_numpy()
    tol = params.region_tolerance_km * 1000.0
    keep = np.zeros(len(units), dtype=bool)
    area = shapely.area(units)
    geoms = [a.geometry for a in areas if a.side == side]
    for i, unit in enumerate(units):
        if len(pts) and shapely.dwithin(unit, pts, tol).any():
            keep[i] = True
            continue
        keep[i] = any(shapely.intersection(unit, g).area > OUTSIDE_SHARE * area[i]
                      for g in geoms if not g.is_empty)
        keep[i] |= not known.is_empty and shapely.dwithin(unit, known, tol)
    return shapely.union_all(units[keep]) if keep.any() else shapely.Polygon()


def _triangle_units(held: gpd.GeoDataFrame, known_rows: list[tuple[date, str, BaseGeometry]],
                    ev: gpd.GeoDataFrame, areas: list[AreaStatus], region_ea: BaseGeometry,
                    crs: CRS, sides: list[str], params: EstimateParams
                    ) -> dict[str, BaseGeometry]:
    """Rule triangle-in-reported-units: for each side, the admin-1 units its share of a
    triangle with no settlement of its own as a corner may reach (:func:`_same_side_triangles`):
    those of rule rear-in-reported-units (:func:`_units_of_side`: the side has evidence there on
    the day, or its known ground in the region lies in or borders them), and those its own
    country borders (its border vertices, :func:`_border_vertices`, the corners such a
    triangle may have besides its known outline)."""
    units = _region_units(region_ea, crs)
    out = {}
    for s in sides:
        ground = [g for _, side, g in known_rows if side == s]
        border = held[(held["origin"] == BORDER) & (held["side"] == s)].geometry.to_numpy()
        if len(border):
            ground.append(shapely.multipoints(border))
        known = shapely.union_all(ground) if ground else shapely.Polygon()
        out[s] = _units_of_side(units, ev, areas, known, s, params)
    return out


def _contested(ev: gpd.GeoDataFrame, sides: list[str], region_ea: BaseGeometry, day: date,
               params: EstimateParams) -> BaseGeometry:
    """Rings of contested settlements, and where fresh rings of two sides overlap."""
    parts = []
    cont = ev[ev["state"] == CONTESTED]
    if len(cont):
        parts.append(shapely.union_all(shapely.buffer(
            cont.geometry.to_numpy(), params.radius_m(params.contested_radius_km, cont["age"]))))
    fresh = ev[(ev["state"] == HELD) & (ev["age"] <= params.fresh_days)]
    rings = {}
    for s in sides:
        pts = fresh[fresh["side"] == s]
        if len(pts):
            rings[s] = shapely.union_all(shapely.buffer(
                pts.geometry.to_numpy(), params.radius_m(params.radius_km, pts["age"])))
    names = sorted(rings)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            parts.append(shapely.intersection(rings[a], rings[b]))
    return shapely.union_all(parts) if parts else shapely.Polygon()


def _polygonal(geom: BaseGeometry) -> BaseGeometry:
    """The polygons of ``geom`` (points and lines of a collection dropped)."""
    if geom is None or geom.is_empty:
        return shapely.Polygon()
    geom = shapely.make_valid(geom)
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()
