"""The evidence-weighted control-area estimate (:func:`geo_events.maps.area.estimate_areas`).

Synthetic settlement statuses (coordinates of real Ukrainian towns, sides and dates of our own)
on the real embedded boundaries of Ukraine.
"""

from __future__ import annotations

from datetime import date

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geo_events.errors import InputError
from geo_events.maps import _geometry
from geo_events.maps.area import (
    CLAIMED,
    CONTESTED,
    DEFAULT_ESTIMATE,
    ESTIMATE_COLUMNS,
    HELD,
    UNKNOWN,
    EstimateParams,
    equal_area_crs,
    estimate_areas,
)

pytestmark = pytest.mark.skipif(not _geometry.boundaries_available(),
                                reason="embedded boundary files are not built")

DAY = date(2023, 6, 1)


@pytest.fixture(scope="module")
def ukraine():
    return _geometry.country_geometry("UA")


def statuses(rows):
    """``rows``: (side, state, last_evidence, lon, lat)."""
    return gpd.GeoDataFrame(
        {"place_id": [f"p{i}" for i in range(len(rows))], "side": [r[0] for r in rows],
         "state": [r[1] for r in rows], "last_evidence": [r[2] for r in rows]},
        geometry=[shapely.Point(r[3], r[4]) for r in rows], crs="EPSG:4326")


def state_at(frame, lon, lat):
    """(side, state) of the row covering the point, or None."""
    pt = shapely.Point(lon, lat)
    hit = frame[frame.geometry.covers(pt)]
    if hit.empty:
        return None
    side = hit.iloc[0]["side"]
    return (None if pd.isna(side) else side, hit.iloc[0]["state"])


def km2(frame, side, state, region):
    rows = frame[(frame["side"] == side) & (frame["state"] == state)]
    return float(rows.to_crs(equal_area_crs(region)).area.sum() / 1e6)


def test_rows_partition_the_region_with_the_documented_columns(ukraine):
    st = statuses([("RU", HELD, "2023-05-20", 37.80, 48.00),
                   ("UA", HELD, "2023-05-01", 36.23, 49.99),
                   (None, CONTESTED, "2023-05-30", 38.00, 48.59),
                   ("RU", CLAIMED, "2023-05-31", 35.20, 47.50)])
    est = estimate_areas(st, ukraine, day=DAY)
    assert tuple(est.columns) == ESTIMATE_COLUMNS and est.crs.to_epsg() == 4326
    assert set(zip(est["side"].fillna("-"), est["state"], strict=True)) == {
        ("RU", HELD), ("UA", HELD), ("RU", CLAIMED), ("-", CONTESTED), ("-", UNKNOWN)}
    assert set(est["date"]) == {"2023-06-01"}
    assert est["method"].iloc[0] == DEFAULT_ESTIMATE.describe()
    ea = est.to_crs(equal_area_crs(ukraine))
    total = gpd.GeoSeries([ukraine], crs="EPSG:4326").to_crs(ea.crs).area.iloc[0]
    assert ea.area.sum() == pytest.approx(total, rel=1e-3)
    assert shapely.union_all(ea.geometry.to_numpy()).area == pytest.approx(total, rel=1e-3)
    # the date of the last evidence of each row
    last = dict(zip(est["state"] + ":" + est["side"].fillna(""), est["last_evidence"],
                    strict=True))
    assert last["held:RU"] == "2023-05-20" and last["contested:"] == "2023-05-30"
    assert pd.isna(last["unknown:"])


def test_ground_far_from_any_evidence_is_unknown_not_painted(ukraine):
    st = statuses([("RU", HELD, "2023-06-01", 37.80, 48.00),
                   ("UA", HELD, "2023-06-01", 30.52, 50.45)])
    est = estimate_areas(st, ukraine, day=DAY)
    assert state_at(est, 37.80, 48.05) == ("RU", HELD)
    assert state_at(est, 30.55, 50.40) == ("UA", HELD)
    assert state_at(est, 34.0, 49.5) == (None, UNKNOWN)  # Poltava region: nothing reported
    # a lone fresh settlement supports a disc of radius_km
    r = DEFAULT_ESTIMATE.radius_km
    assert km2(est, "RU", HELD, ukraine) == pytest.approx(3.1416 * r * r, rel=0.02)


def test_radius_halves_with_each_half_life_of_evidence_age(ukraine):
    fresh = estimate_areas(statuses([("RU", HELD, "2023-06-01", 37.80, 48.00)]), ukraine, day=DAY)
    old = estimate_areas(statuses([("RU", HELD, "2022-06-01", 37.80, 48.00)]), ukraine, day=DAY)
    ratio = km2(old, "RU", HELD, ukraine) / km2(fresh, "RU", HELD, ukraine)
    assert ratio == pytest.approx(0.25, rel=0.03)
    # evidence after the day of the estimate does not count yet
    later = estimate_areas(statuses([("RU", HELD, "2023-07-01", 37.80, 48.00)]), ukraine, day=DAY)
    assert list(later["state"]) == [CONTESTED, UNKNOWN]


def test_the_front_line_between_opposite_settlements_splits_their_rings(ukraine):
    # two settlements ~16 km apart on a meridian: each side keeps its half
    st = statuses([("RU", HELD, "2023-05-01", 37.90, 48.00),
                   ("UA", HELD, "2023-05-01", 37.90, 48.15)])
    est = estimate_areas(st, ukraine, day=DAY)
    assert state_at(est, 37.90, 48.06) == ("RU", HELD)
    assert state_at(est, 37.90, 48.09) == ("UA", HELD)
    assert state_at(est, 37.90, 48.25) == ("UA", HELD)


def test_fresh_evidence_of_both_sides_overlapping_is_contested(ukraine):
    st = statuses([("RU", HELD, "2023-05-30", 37.90, 48.00),
                   ("UA", HELD, "2023-05-28", 37.90, 48.15),
                   (None, CONTESTED, "2023-05-31", 36.00, 47.00)])
    est = estimate_areas(st, ukraine, day=DAY)
    assert state_at(est, 37.90, 48.075) == (None, CONTESTED)
    assert state_at(est, 36.00, 47.01) == (None, CONTESTED)  # a contested settlement's ring
    assert state_at(est, 37.90, 47.90) == ("RU", HELD)


def test_same_side_triangles_fill_the_ground_behind_the_line_up_to_max_edge(ukraine):
    near = [(37.20, 47.10), (38.10, 47.10), (37.65, 47.80)]  # ~70-80 km apart
    far = [(32.00, 47.00), (36.20, 47.00), (34.10, 49.80)]  # ~320 km apart
    st = statuses([("RU", HELD, "2023-05-01", x, y) for x, y in near + far])
    est = estimate_areas(st, ukraine, day=DAY)
    assert state_at(est, 37.65, 47.33) == ("RU", HELD)  # inside the small triangle
    assert state_at(est, 34.10, 47.80) == (None, UNKNOWN)  # inside the large one
    tight = estimate_areas(st, ukraine, day=DAY, params=EstimateParams(max_edge_km=50))
    assert state_at(tight, 37.65, 47.33) == (None, UNKNOWN)


def _crimea_held_since_2014() -> gpd.GeoDataFrame:
    """Known polygons: Crimea held by Russia since March 2014 (a start state)."""
    return gpd.GeoDataFrame({"side": ["RU"], "date": ["2014-03-18"]},
                            geometry=[_geometry.area_geometry("adm1:UA.11")], crs="EPSG:4326")


def test_known_polygons_hold_unless_newer_evidence_contradicts_them(ukraine):
    known = _crimea_held_since_2014()
    # Dzhankoi (45.71N 34.39E): newer Ukrainian evidence cuts a ring out of the known polygon
    st = statuses([("UA", HELD, "2023-05-01", 34.39, 45.71)])
    est = estimate_areas(st, ukraine, known=known, day=DAY)
    assert state_at(est, 34.10, 44.95) == ("RU", HELD)  # Simferopol: the known polygon
    assert state_at(est, 34.39, 45.72) == ("UA", HELD)
    ru = est[(est["side"] == "RU") & (est["state"] == HELD)].iloc[0]
    assert ru["last_evidence"] == "2014-03-18"
    # evidence older than the known polygon does not contradict it
    old = estimate_areas(statuses([("UA", HELD, "2013-05-01", 34.39, 45.71)]), ukraine,
                         known=known, day=DAY)
    assert state_at(old, 34.39, 45.72) == ("RU", HELD)
    # a known polygon dated after the estimate's day is not known yet
    later = estimate_areas(st, ukraine, known=known.assign(date="2024-01-01"), day=DAY)
    assert state_at(later, 34.10, 44.95) == (None, UNKNOWN)


def test_a_claim_alone_is_claimed_ground_not_held(ukraine):
    st = statuses([("UA", HELD, "2023-05-01", 36.23, 49.99),
                   ("RU", CLAIMED, "2023-05-31", 36.23, 50.10)])
    est = estimate_areas(st, ukraine, day=DAY)
    assert state_at(est, 36.23, 50.11) == ("RU", CLAIMED)
    assert "RU" not in set(est.loc[est["state"] == HELD, "side"])


def test_no_evidence_is_all_unknown_and_bad_dates_are_input_errors(ukraine):
    est = estimate_areas(statuses([]), ukraine, day="2023-06-01")
    assert list(est["state"]) == [CONTESTED, UNKNOWN]
    with pytest.raises(InputError, match="not a date"):
        estimate_areas(statuses([("RU", HELD, "June", 37.8, 48.0)]), ukraine, day=DAY)
    with pytest.raises(InputError, match="not a date"):
        estimate_areas(statuses([]), ukraine, day="yesterday")


def test_control_map_estimate_carries_states_last_evidence_and_the_baseline():
    from maps_fixtures import SIDES, control_events

    from geo_events.maps.control import control_page_data

    baseline = gpd.GeoDataFrame({"side": ["RU"], "date": ["2022-04-03"]},
                                geometry=[shapely.box(33.0, 46.2, 34.5, 47.0)], crs="EPSG:4326")
    data = control_page_data(control_events(), sides=SIDES, baseline=baseline)
    assert [f["properties"] for f in data["baseline"]["features"]] == [
        {"side": "RU", "date": "2022-04-03"}]
    last = data["estimate"][-1]
    props = [f["properties"] for f in last["features"]["features"]]
    assert {p["state"] for p in props} >= {HELD, UNKNOWN}
    assert all(set(p) == {"side", "state", "date", "last_evidence", "method"} for p in props)
    ru = [f for f in last["features"]["features"]
          if f["properties"]["side"] == "RU" and f["properties"]["state"] == HELD]
    assert ru and shapely.geometry.shape(ru[0]["geometry"]).covers(shapely.Point(33.7, 46.6))
    ua = next(p for p in props if p["side"] == "UA" and p["state"] == HELD)
    assert ua["last_evidence"] == "2022-11-11"  # Kherson retaken
    before = control_page_data(control_events(), sides=SIDES)
    assert before["baseline"] is None


def _complete_layer(ukraine, box=(37.5, 47.5, 39.5, 49.0), day="2023-01-01"):
    """A complete baseline map of our own: RU holds ``box``, UA the rest of the country."""
    ru = shapely.intersection(shapely.box(*box), ukraine)
    return gpd.GeoDataFrame({"side": ["RU", "UA"], "date": [day, day], "complete": [True, True]},
                            geometry=[ru, shapely.difference(ukraine, ru)], crs="EPSG:4326")


def test_on_a_complete_layers_date_the_estimate_is_the_layer(ukraine):
    known = _complete_layer(ukraine)
    # evidence dated before the layer, against it, changes nothing: the layer is newer
    st = statuses([("UA", HELD, "2022-12-01", 38.0, 48.0), ("RU", HELD, "2022-12-01", 36.0, 49.0),
                   ("UA", CONTESTED, "2022-12-20", 38.5, 48.5)])
    for day in ("2023-01-01", "2023-03-01"):
        est = estimate_areas(st, ukraine, known=known, day=day)
        ru = km2(est, "RU", HELD, ukraine)
        assert ru == pytest.approx(float(known.iloc[:1].to_crs(equal_area_crs(ukraine))
                                         .area.sum() / 1e6), rel=1e-4)
        assert state_at(est, 38.0, 48.0) == ("RU", HELD)
        assert state_at(est, 36.0, 49.0) == ("UA", HELD)
        assert km2(est, None, UNKNOWN, ukraine) < 1.0


def test_newer_reports_against_a_complete_layer_change_it_only_around_them(ukraine):
    known = _complete_layer(ukraine)
    base = estimate_areas(statuses([]), ukraine, known=known, day="2023-02-01")
    # a village retaken inside the RU box, 10 km from its western edge; one Russian-held
    # village agreeing with the layer; one "Ukrainian" village 90 km behind the lines
    st = statuses([("UA", HELD, "2023-01-20", 37.64, 48.2), ("RU", HELD, "2023-01-20", 38.5, 48.2),
                   ("UA", HELD, "2023-01-20", 38.7, 48.6)])
    est = estimate_areas(st, ukraine, known=known, day="2023-02-01")
    assert state_at(est, 37.64, 48.2) == ("UA", HELD)
    assert state_at(est, 38.7, 48.6) == ("RU", HELD)  # beyond local_reach_km: not moved
    lost = km2(base, "RU", HELD, ukraine) - km2(est, "RU", HELD, ukraine)
    r = DEFAULT_ESTIMATE.local_radius_km
    assert 0 < lost <= 3.1416 * r * r * 1.02  # one disc at most: nothing else moves
    assert state_at(est, 38.0, 48.2) == ("RU", HELD)
    # the far village counts once an advance reported nearer reaches it
    chain = statuses([("UA", HELD, f"2023-01-{d:02d}", lon, 48.6)
                      for d, lon in ((5, 37.62), (10, 37.75), (15, 37.9), (16, 38.05), (17, 38.2),
                                     (18, 38.35), (19, 38.5), (20, 38.7))])
    est = estimate_areas(chain, ukraine, known=known, day="2023-02-01")
    assert state_at(est, 38.7, 48.6) == ("UA", HELD)


def test_a_change_on_top_of_a_complete_layer_stops_at_a_major_river(ukraine):
    # rule river-bounds-reports on top of a baseline map: Russia holds a box of our own across
    # the lower Dnipro on the layer's date; a town on the right bank is reported retaken after
    # it. Its ground turns Ukrainian on its own bank only: the left bank across from it stays
    # Russian (without the rule, the town's disc reached over the river)
    known = _complete_layer(ukraine, box=(32.2, 46.3, 33.2, 46.9))
    town = statuses([("UA", HELD, "2023-01-20", 32.62, 46.64)])
    across, behind = (32.75, 46.52), (32.50, 46.70)  # ~15 km either side of the river
    est = estimate_areas(town, ukraine, known=known, day="2023-02-01")
    assert state_at(est, *behind) == ("UA", HELD)
    assert state_at(est, *across) == ("RU", HELD)
    off = estimate_areas(town, ukraine, known=known, day="2023-02-01",
                         params=EstimateParams(river_banks=False))
    assert state_at(off, *across) == ("UA", HELD)
    lost_on = km2(estimate_areas(statuses([]), ukraine, known=known, day="2023-02-01"),
                  "RU", HELD, ukraine) - km2(est, "RU", HELD, ukraine)
    lost_off = km2(estimate_areas(statuses([]), ukraine, known=known, day="2023-02-01"),
                   "RU", HELD, ukraine) - km2(off, "RU", HELD, ukraine)
    assert 0 < lost_on < 0.8 * lost_off


def test_oblasts_and_regions_in_the_statuses_are_not_point_evidence(ukraine):
    st = statuses([("RU", HELD, "2023-06-01", 36.2, 49.5)]).assign(level=["admin1"])
    est = estimate_areas(st, ukraine, day=DAY)
    assert "RU" not in set(est["side"])


def area_status(place_id, side, when, lon, lat):
    """One held status of an area (an oblast) at its label point."""
    return gpd.GeoDataFrame(
        {"place_id": [place_id], "side": [side], "state": [HELD], "last_evidence": [when],
         "level": ["admin1"]}, geometry=[shapely.Point(lon, lat)], crs="EPSG:4326")


def test_a_newer_held_oblast_supersedes_older_settlements_of_the_other_side(ukraine):
    # villages of Sumy Oblast reported taken, then the whole oblast reported regained
    villages = statuses([("RU", HELD, "2023-03-01", 33.20, 51.24),    # Konotop
                         ("RU", HELD, "2023-03-05", 33.49, 50.75)])   # Romny
    oblast = area_status("adm1:UA.21", "UA", "2023-04-10", 34.2, 50.8)
    st = pd.concat([villages, oblast], ignore_index=True)
    est = estimate_areas(st, ukraine, day=DAY)
    assert state_at(est, 33.20, 51.24) == ("UA", HELD)
    assert "RU" not in set(est["side"])
    assert state_at(est, 34.4, 50.5) == ("UA", HELD)  # the oblast's unreported ground too
    assert "held areas no newer settlement contradicts" in est["method"].iloc[0]
    off = EstimateParams(area_supersede=False, area_fill=False)
    assert state_at(estimate_areas(st, ukraine, day=DAY, params=off), 33.20, 51.24) \
        == ("RU", HELD)


def test_an_oblast_status_newer_settlements_contradict_is_partial_and_says_nothing(ukraine):
    # "Russian-held Sumy Oblast" while a town in it is reported Ukrainian later: a part only
    st = pd.concat([area_status("adm1:UA.21", "RU", "2023-04-10", 34.2, 50.8),
                    statuses([("UA", HELD, "2023-05-01", 34.80, 50.91),   # Sumy, newer
                              ("UA", HELD, "2023-03-01", 33.20, 51.24)])],  # Konotop, older
                   ignore_index=True)
    est = estimate_areas(st, ukraine, day=DAY)
    assert "RU" not in set(est["side"])
    assert state_at(est, 33.20, 51.24) == ("UA", HELD)  # not superseded
    # fighting inside does not contradict a held area; it stays contested ground
    st = pd.concat([area_status("adm1:UA.21", "RU", "2023-04-10", 34.2, 50.8),
                    statuses([(None, CONTESTED, "2023-05-20", 34.80, 50.91)])],
                   ignore_index=True)
    est = estimate_areas(st, ukraine, day=DAY)
    assert state_at(est, 33.49, 50.75) == ("RU", HELD)
    assert state_at(est, 34.80, 50.91) == (None, CONTESTED)


def test_a_settlement_on_the_edge_of_an_oblast_counts_as_in_it(ukraine):
    # Kherson lies just off the simplified polygon of its oblast (on the estuary): its newer
    # status still makes the oblast's status partial
    older = pd.concat([area_status("adm1:UA.08", "RU", "2023-04-10", 33.6, 46.7),
                       statuses([("UA", HELD, "2023-05-01", 32.62, 46.64)])],  # Kherson, newer
                      ignore_index=True)
    est = estimate_areas(older, ukraine, day=DAY)
    far = state_at(est, *NORTH_KHERSON)  # the right bank, Kherson's: not Russian
    assert far is None or far[0] != "RU"
    # (rule river-bounds-reports: the left bank, across the Dnipro from Kherson, is judged
    # on its own and stays the oblast status's; without the rule the whole status is out)
    assert state_at(est, 34.3, 46.3) == ("RU", HELD)
    est = estimate_areas(older, ukraine, day=DAY, params=EstimateParams(river_banks=False))
    assert state_at(est, 34.3, 46.3) is None or state_at(est, 34.3, 46.3)[0] != "RU"


def test_a_held_oblast_outranks_triangles_of_older_evidence_reaching_into_it(ukraine):
    # towns around Sumy Oblast (not in it) reported Russian-held, then the oblast reported
    # held by Ukraine: the triangle between them (long edges allowed) no longer paints it
    wide = EstimateParams(max_edge_km=600)
    towns = statuses([("RU", HELD, "2023-03-01", 31.29, 51.49),    # Chernihiv
                      ("RU", HELD, "2023-03-01", 36.23, 49.99),    # Kharkiv
                      ("RU", HELD, "2023-03-01", 34.55, 49.59)])   # Poltava
    oblast = area_status("adm1:UA.21", "UA", "2023-04-10", 34.2, 50.8)
    before = estimate_areas(towns, ukraine, day=DAY, params=wide)
    assert state_at(before, 33.49, 50.75) == ("RU", HELD)  # Romny, inside the triangle
    est = estimate_areas(pd.concat([towns, oblast], ignore_index=True), ukraine, day=DAY,
                         params=wide)
    assert state_at(est, 33.49, 50.75) == ("UA", HELD)
    assert state_at(est, 31.29, 51.49) == ("RU", HELD)  # the towns themselves stay
    assert "outranking ground drawn from older evidence" in est["method"].iloc[0]
    # newer evidence reaching in is not outranked (without area_front) ...
    newer = pd.concat([towns.assign(last_evidence="2023-05-01"), oblast], ignore_index=True)
    no_front = EstimateParams(max_edge_km=600, area_front=False)
    est = estimate_areas(newer, ukraine, day=DAY, params=no_front)
    assert state_at(est, 33.49, 50.75) == ("RU", HELD)
    # ... but with it the oblast's outline is on the front line: newer settlements outside
    # the oblast say nothing of the ground inside it, which stays the oblast status's
    est = estimate_areas(newer, ukraine, day=DAY, params=wide)
    assert state_at(est, 33.49, 50.75) == ("UA", HELD)


def test_places_known_only_roughly_do_not_paint_ground(ukraine):
    """A village placed near a town ("X, 15 km from Kherson": ``radius_km`` 15) or at its
    unit's label point (infinite radius) is not where its point is: the estimate leaves it out
    rather than give the town's ground to the village's holder; an offset village (a few km)
    counts like any settlement."""
    rows = [("RU", HELD, DAY, 37.80, 48.02)]  # our own: Russian-held at Donetsk's point
    frame = statuses(rows)
    for radius, counted in ((15.0, False), (float("inf"), False), (2.0, True), (0.0, True)):
        est = estimate_areas(frame.assign(radius_km=[radius]), ukraine, day=DAY)
        assert (state_at(est, 37.80, 48.02) == ("RU", HELD)) is counted, radius
    assert DEFAULT_ESTIMATE.max_place_radius_km == 5.0


def bank_status(place_id, side, when, lon, lat):
    """One held status of a river bank of a unit, at a point on it."""
    return area_status(place_id, side, when, lon, lat).assign(level=["region"])


# Kherson Oblast (our own statuses): Nova Kakhovka on the left bank of the Dnipro, Davydiv Brid
# and Vysokopillia north of it on the right bank; SOUTH_EAST a point of the oblast's left bank
# towards the Sea of Azov, NORTH a point of its right bank.
NOVA_KAKHOVKA, DAVYDIV_BRID = (33.37, 46.75), (33.21, 47.22)
SOUTH_EAST, NORTH_KHERSON = (34.6, 46.3), (33.6, 47.45)


def test_a_partial_oblast_keeps_its_ground_on_its_side_of_the_front_line(ukraine):
    # "Russian-occupied Kherson Oblast", then one village in it reported Ukrainian and one
    # Russian: the area status is partial; its side keeps the ground nearer its settlements
    st = pd.concat([area_status("adm1:UA.08", "RU", "2023-03-01", 33.6, 46.7),
                    statuses([("RU", HELD, "2023-05-01", *NOVA_KAKHOVKA),
                              ("UA", HELD, "2023-05-01", *DAVYDIV_BRID)])], ignore_index=True)
    est = estimate_areas(st, ukraine, day=DAY)
    assert state_at(est, *SOUTH_EAST) == ("RU", HELD)  # no ring nor triangle reaches it
    far = state_at(est, *NORTH_KHERSON)  # nearer the Ukrainian village: not Russian
    assert far is None or far[0] != "RU"
    assert state_at(est, 35.5, 46.8) == (None, UNKNOWN)  # outside the oblast: not filled
    # (with rule river-bounds-reports, the left bank, where no Ukrainian village is reported,
    # is judged on its own: a whole area there, not a partial one)
    off = EstimateParams(area_partial=False)
    assert state_at(estimate_areas(st, ukraine, day=DAY, params=off), *SOUTH_EAST) \
        == ("RU", HELD)
    off = EstimateParams(area_partial=False, river_banks=False)
    est = estimate_areas(st, ukraine, day=DAY, params=off)
    assert state_at(est, *SOUTH_EAST) == (None, UNKNOWN)
    # a partial area supersedes nothing: an older Ukrainian village in it stays (judged as one
    # piece: with rule river-bounds-reports, the left bank's status is whole and supersedes
    # the village, test_an_area_across_a_river_is_judged_bank_by_bank)
    older = pd.concat([st, statuses([("UA", HELD, "2023-02-01", 34.35, 46.45)])],
                      ignore_index=True)
    one = EstimateParams(river_banks=False)
    assert state_at(estimate_areas(older, ukraine, day=DAY, params=one), 34.35, 46.45) \
        == ("UA", HELD)


def test_a_partial_oblast_mostly_reported_retaken_no_longer_counts(ukraine):
    # three of the four newer villages reported Ukrainian: more than area_partial_share
    st = pd.concat([area_status("adm1:UA.08", "RU", "2023-03-01", 33.6, 46.7),
                    statuses([("RU", HELD, "2023-05-01", *NOVA_KAKHOVKA),
                              ("UA", HELD, "2023-05-01", *DAVYDIV_BRID),
                              ("UA", HELD, "2023-05-02", 33.53, 47.49),    # Vysokopillia
                              ("UA", HELD, "2023-05-03", 32.62, 46.64)])],  # Kherson
                   ignore_index=True)
    # (the three are on the right bank: with rule river-bounds-reports the left bank, where
    # only the Russian-held town is reported, is judged on its own and stays Russian-held)
    assert DEFAULT_ESTIMATE.area_partial_share == 0.5
    assert state_at(estimate_areas(st, ukraine, day=DAY), *SOUTH_EAST) == ("RU", HELD)
    one_bank = EstimateParams(river_banks=False)
    assert state_at(estimate_areas(st, ukraine, day=DAY, params=one_bank), *SOUTH_EAST) \
        == (None, UNKNOWN)
    lax = EstimateParams(area_partial_share=0.75, river_banks=False)
    assert state_at(estimate_areas(st, ukraine, day=DAY, params=lax), *SOUTH_EAST) \
        == ("RU", HELD)


def test_a_newer_bank_of_another_side_is_cut_out_of_an_older_oblast(ukraine):
    # "Kherson Oblast occupied" (March), then "the right bank liberated" (May) with Kherson
    # reported Ukrainian: the left bank stays the oblast status's, as a whole
    st = pd.concat([area_status("adm1:UA.08", "RU", "2023-03-01", 33.6, 46.7),
                    bank_status("bank:right:dnipro:adm1:UA.08", "UA", "2023-05-01", 33.0, 47.0),
                    statuses([("UA", HELD, "2023-05-02", 32.62, 46.64)])],  # Kherson
                   ignore_index=True)
    est = estimate_areas(st, ukraine, day=DAY)
    assert state_at(est, *SOUTH_EAST) == ("RU", HELD)
    assert state_at(est, 34.3, 46.6) == ("RU", HELD)
    assert state_at(est, *NORTH_KHERSON) == ("UA", HELD)  # the right bank
    assert state_at(est, 32.9, 46.8) == ("UA", HELD)
    off = EstimateParams(area_newer_cut=False)  # (the river rule judges the left bank alone)
    assert state_at(estimate_areas(st, ukraine, day=DAY, params=off), *SOUTH_EAST) \
        == ("RU", HELD)
    off = EstimateParams(area_newer_cut=False, river_banks=False)
    est = estimate_areas(st, ukraine, day=DAY, params=off)
    assert state_at(est, *SOUTH_EAST) == (None, UNKNOWN)
    # an older bank status cuts nothing out of a newer oblast status (judged as one piece,
    # without rule river-bounds-reports, which would keep the left bank no town contradicts)
    old_bank = st.assign(last_evidence=["2023-05-01", "2023-03-01", "2023-05-02"])
    est = estimate_areas(old_bank, ukraine, day=DAY, params=EstimateParams(river_banks=False))
    assert state_at(est, *SOUTH_EAST) == (None, UNKNOWN)  # the contradicted oblast is out


def test_a_sides_known_ground_is_its_rear_up_to_rear_depth_km(ukraine):
    # Crimea held by Russia (a start state), a Ukrainian-held town north of it: the ground
    # nothing else claims near Crimea and on its side of the front line is Russian-held
    known = _crimea_held_since_2014()
    st = statuses([("UA", HELD, "2023-05-01", 33.80, 47.00)])
    est = estimate_areas(st, ukraine, known=known, day=DAY)
    assert DEFAULT_ESTIMATE.rear_depth_km == 100.0
    assert state_at(est, 34.50, 46.40) == ("RU", HELD)  # ~30 km north of Crimea
    assert state_at(est, 36.00, 46.90) == (None, UNKNOWN)  # ~145 km: beyond the rear depth
    # nearer the Ukrainian town than Crimea (the front line), out of its ring: not Russian
    assert state_at(est, 34.30, 46.95) == (None, UNKNOWN)
    assert "rear" in est["method"].iloc[0]
    off = estimate_areas(st, ukraine, known=known, day=DAY,
                         params=EstimateParams(rear_depth_km=0))
    assert state_at(off, 34.50, 46.40) == (None, UNKNOWN)
    deep = estimate_areas(st, ukraine, known=known, day=DAY,
                          params=EstimateParams(rear_depth_km=160, rear_units=False))
    assert state_at(deep, 36.00, 46.90) == ("RU", HELD)


def test_a_rear_reaches_only_units_where_reporting_places_its_side(ukraine):
    # rule rear-in-reported-units: Crimea held by Russia, a deep rear (160 km). Kherson Oblast
    # borders Crimea: its ground near Crimea is the rear. Zaporizhzhia Oblast does not, and no
    # report places Russia there: its ground stays unknown, however near; a Russian-held town
    # reported there opens it to the rear
    known = _crimea_held_since_2014()
    assert DEFAULT_ESTIMATE.rear_units
    deep = EstimateParams(rear_depth_km=160)
    kherson_side = (34.50, 46.40)  # Kherson Oblast, ~30 km north of Crimea
    zaporizhzhia_side = (36.00, 46.90)  # Zaporizhzhia Oblast, ~145 km from Crimea
    town = ("UA", HELD, "2023-05-01", 33.80, 47.00)
    est = estimate_areas(statuses([town]), ukraine, known=known, day=DAY, params=deep)
    assert state_at(est, *kherson_side) == ("RU", HELD)
    assert state_at(est, *zaporizhzhia_side) == (None, UNKNOWN)
    assert "reporting places it" in est["method"].iloc[0]
    tokmak = ("RU", HELD, "2023-05-01", 35.71, 47.25)  # ~75 km north of the point
    est = estimate_areas(statuses([town, tokmak]), ukraine, known=known, day=DAY, params=deep)
    assert state_at(est, *zaporizhzhia_side) == ("RU", HELD)
    off = estimate_areas(statuses([town]), ukraine, known=known, day=DAY,
                         params=EstimateParams(rear_depth_km=160, rear_units=False))
    assert state_at(off, *zaporizhzhia_side) == ("RU", HELD)


def test_a_triangle_of_a_known_outline_reaches_only_units_where_reporting_places_its_side(
        ukraine):
    # rule triangle-in-reported-units: an enclave held since 2015 in the east of Donetsk
    # Oblast, Zaporizhzhia and Kramatorsk reported Ukrainian-held. The triangles between the two
    # towns and the enclave's outline give Russia the half nearer the outline; in Donetsk
    # Oblast (where its known ground lies) that stays, in Dnipropetrovsk Oblast, where no
    # report places Russia, it is unknown ground; fighting reported there opens the unit
    enclave = shapely.Polygon([(37.8, 47.3), (38.8, 47.3), (38.8, 48.3), (37.8, 48.3)])
    known = gpd.GeoDataFrame({"side": ["RU"], "date": ["2015-02-20"]}, geometry=[enclave],
                             crs="EPSG:4326")
    towns = [("UA", HELD, "2023-05-20", 35.14, 47.84),   # Zaporizhzhia
             ("UA", HELD, "2023-05-20", 37.56, 48.73)]   # Kramatorsk
    assert DEFAULT_ESTIMATE.triangle_units
    no_rear = EstimateParams(rear_depth_km=0)  # the rear has its own unit rule
    dnipropetrovsk, donetsk = (36.5, 48.1), (36.9, 47.9)
    est = estimate_areas(statuses(towns), ukraine, known=known, day=DAY, params=no_rear)
    assert state_at(est, *dnipropetrovsk) == (None, UNKNOWN)
    assert state_at(est, *donetsk) == ("RU", HELD)
    assert "known outline alone only in the admin-1 units" in est["method"].iloc[0]
    fight = (None, CONTESTED, "2023-05-25", 36.40, 48.35)  # fighting in Dnipropetrovsk Oblast
    est = estimate_areas(statuses([*towns, fight]), ukraine, known=known, day=DAY,
                         params=no_rear)
    assert state_at(est, *dnipropetrovsk) == ("RU", HELD)
    off = estimate_areas(statuses(towns), ukraine, known=known, day=DAY,
                         params=EstimateParams(rear_depth_km=0, triangle_units=False))
    assert state_at(off, *dnipropetrovsk) == ("RU", HELD)


def test_a_sides_own_country_is_no_rear_for_the_depth_rule(ukraine):
    # the neighbour's own territory outside the region gives border vertices, not a rear
    russia = _geometry.country_geometry("RU")
    known = gpd.GeoDataFrame({"side": ["RU"], "date": ["1991-12-26"]}, geometry=[russia],
                             crs="EPSG:4326")
    st = statuses([("UA", HELD, "2023-05-01", 36.23, 49.99)])  # Kharkiv
    est = estimate_areas(st, ukraine, known=known, day=DAY)
    assert state_at(est, 35.00, 51.20) == (None, UNKNOWN)  # ~30 km from the border, Sumy
    off = estimate_areas(st, ukraine, known=known, day=DAY,
                         params=EstimateParams(rear_depth_km=0))
    assert km2(est, "RU", HELD, ukraine) == pytest.approx(km2(off, "RU", HELD, ukraine))


def test_a_held_areas_outline_is_on_the_front_line(ukraine):
    # "Kherson Oblast occupied" (March), "the right bank liberated" (May) and towns of the
    # right bank reported Ukrainian after it: the left bank stays the oblast status's up to
    # the river, where the front runs; a town's ring does not reach across it
    st = pd.concat([area_status("adm1:UA.08", "RU", "2023-03-01", 33.6, 46.7),
                    bank_status("bank:right:dnipro:adm1:UA.08", "UA", "2023-05-01", 33.0, 47.0),
                    statuses([("UA", HELD, "2023-05-02", 32.62, 46.64),    # Kherson
                              ("UA", HELD, "2023-05-02", 33.42, 46.84),    # Beryslav
                              ("UA", HELD, "2023-05-02", 35.14, 47.84)])],  # Zaporizhzhia
                   ignore_index=True)
    across = (33.6, 46.8)  # the left bank, 15 km from Beryslav
    est = estimate_areas(st, ukraine, day=DAY)
    assert DEFAULT_ESTIMATE.area_front
    assert state_at(est, *across) == ("RU", HELD)
    assert state_at(est, 33.42, 46.84) == ("UA", HELD)
    assert "outlines on the front line" in est["method"].iloc[0]
    # without the rule (and without river-bounds-reports, which stops the ring at the river
    # too) Beryslav's ring reaches across
    off = estimate_areas(st, ukraine, day=DAY,
                         params=EstimateParams(area_front=False, river_banks=False))
    assert state_at(off, *across) == ("UA", HELD)


def test_a_border_alone_claims_no_ground_in_a_triangle(ukraine):
    # Russia's own border is a vertex of the front line, but a triangle of it and Ukrainian-
    # held towns gives Russia nothing: it needs a settlement reported Russian-held as a corner
    russia = _geometry.country_geometry("RU")
    known = gpd.GeoDataFrame({"side": ["RU"], "date": ["1991-12-26"]}, geometry=[russia],
                             crs="EPSG:4326")
    towns = statuses([("UA", HELD, "2023-05-01", 36.23, 49.99),    # Kharkiv
                      ("UA", HELD, "2023-05-01", 34.80, 50.91),    # Sumy
                      ("UA", HELD, "2023-05-01", 37.61, 49.71)])   # Kupiansk
    strip = (36.3, 50.25)  # between Kharkiv and the border
    est = estimate_areas(towns, ukraine, known=known, day=DAY)
    assert DEFAULT_ESTIMATE.triangle_own_report
    assert "RU" not in set(est["side"])
    assert state_at(est, *strip) == (None, UNKNOWN)
    off = estimate_areas(towns, ukraine, known=known, day=DAY,
                         params=EstimateParams(triangle_own_report=False))
    assert state_at(off, *strip) == ("RU", HELD)
    # a Russian-held town near the border: its triangles with the border are Russia's again
    near = pd.concat([towns, statuses([("RU", HELD, "2023-05-01", 36.94, 50.29)])],  # Vovchansk
                     ignore_index=True)
    est = estimate_areas(near, ukraine, known=known, day=DAY)
    assert state_at(est, 36.9, 50.2) == ("RU", HELD)
    # the known ground of a side in the region (a start polygon's outline) is a corner of its own
    crimea = _crimea_held_since_2014()
    towns = statuses([("UA", HELD, "2023-05-01", 32.62, 46.64),    # Kherson
                      ("UA", HELD, "2023-05-01", 35.14, 47.84)])   # Zaporizhzhia
    no_rear = EstimateParams(rear_depth_km=0)
    est = estimate_areas(towns, ukraine, known=crimea, day=DAY, params=no_rear)
    assert state_at(est, 34.3, 46.4) == ("RU", HELD)  # north of Crimea, nearer it than the towns


def test_a_sides_rear_stops_at_a_place_fought_over(ukraine):
    # rule rear-stops-at-fighting (rear_contested_days): Crimea held by Russia, fighting
    # reported in a village about 60 km north of it: the rear reaches up to the village, not
    # past it; elsewhere the rear is unchanged (here wherever the fighting is: without the
    # rule fighting-at-the-front, rear_contested_front_km 0; the point to the east lies in
    # Zaporizhzhia Oblast, which no report here places Russia in: rule rear-in-reported-units
    # off)
    known = _crimea_held_since_2014()
    st = statuses([(None, CONTESTED, "2023-05-20", 34.00, 46.70)])
    on = EstimateParams(rear_contested_days=365, rear_contested_front_km=0, rear_units=False)
    est = estimate_areas(st, ukraine, known=known, day=DAY, params=on)
    assert state_at(est, 34.00, 46.45) == ("RU", HELD)  # between Crimea and the fighting
    assert state_at(est, 34.00, 46.70) == (None, CONTESTED)  # the fighting itself
    assert state_at(est, 34.00, 46.95) == (None, UNKNOWN)  # past it: no rear
    assert state_at(est, 35.30, 46.60) == ("RU", HELD)  # away to the east: rear as before
    assert "fought over" in est["method"].iloc[0]
    off = estimate_areas(st, ukraine, known=known, day=DAY,
                         params=EstimateParams(rear_contested_days=0, rear_units=False))
    assert state_at(off, 34.00, 46.95) == ("RU", HELD)
    assert DEFAULT_ESTIMATE.rear_contested_days == 365
    # fighting reported more than rear_contested_days before the day stops nothing
    old = statuses([(None, CONTESTED, "2022-05-01", 34.00, 46.70)])
    est = estimate_areas(old, ukraine, known=known, day=DAY, params=on)
    assert state_at(est, 34.00, 46.95) == ("RU", HELD)
    # rear_contested_km: the cut reaches only that far from the fighting
    near = EstimateParams(rear_contested_days=365, rear_contested_km=20,
                          rear_contested_front_km=0, rear_units=False)
    est = estimate_areas(st, ukraine, known=known, day=DAY, params=near)
    assert state_at(est, 34.00, 46.85) == (None, UNKNOWN)  # ~17 km past it: cut
    assert state_at(est, 34.00, 47.05) == ("RU", HELD)  # ~39 km past it: rear again


def test_fighting_stops_a_rear_only_near_the_front_line(ukraine):
    # rule fighting-at-the-front (rear_contested_front_km, 60 km shipped): the same village
    # fought over 60 km north of Crimea stops the rear when a Ukrainian-held town is reported
    # beyond it (the village lies near the front line the settlements imply) ...
    # (the towns lie across the Dnipro from the village: rule river-bounds-reports off here;
    # with it, each bank's front line is drawn from its own vertices, and with only Russia's
    # on the left bank and only Ukraine's on the right, the river is the front line the rule
    # measures from)
    known = _crimea_held_since_2014()
    assert DEFAULT_ESTIMATE.rear_contested_front_km == 60.0
    fight = (None, CONTESTED, "2023-05-20", 34.00, 46.70)
    town = ("UA", HELD, "2023-05-20", 32.90, 47.20)  # ~100 km north-west of the village
    one = EstimateParams(river_banks=False)
    est = estimate_areas(statuses([fight, town]), ukraine, known=known, day=DAY, params=one)
    assert state_at(est, 34.00, 46.45) == ("RU", HELD)  # between Crimea and the fighting
    assert state_at(est, 34.00, 46.95) == (None, UNKNOWN)  # past it: no rear
    assert "within 60 km of the front line" in est["method"].iloc[0]
    off = estimate_areas(statuses([fight, town]), ukraine, known=known, day=DAY,
                         params=EstimateParams(rear_contested_days=0, river_banks=False))
    assert state_at(off, 34.00, 46.95) == ("RU", HELD)
    # ... but not when no ground of the other side is reported near it (a city besieged
    # behind the advance, fighting recalled months later): the nearest Ukrainian-held
    # settlement is Kyiv, the village lies deep in Russia's cells
    far = ("UA", HELD, "2023-05-20", 30.52, 50.45)
    est = estimate_areas(statuses([fight, far]), ukraine, known=known, day=DAY, params=one)
    assert state_at(est, 34.00, 46.95) == ("RU", HELD)
    # nor with the cells of one side only
    est = estimate_areas(statuses([fight]), ukraine, known=known, day=DAY, params=one)
    assert state_at(est, 34.00, 46.95) == ("RU", HELD)
    # rear_contested_front_km 0: fighting anywhere stops the rear (the rule before)
    anywhere = EstimateParams(rear_contested_front_km=0, river_banks=False)
    est = estimate_areas(statuses([fight, far]), ukraine, known=known, day=DAY,
                         params=anywhere)
    assert state_at(est, 34.00, 46.95) == (None, UNKNOWN)


def test_a_river_bounds_what_a_settlements_report_says(ukraine):
    # rule river-bounds-reports: a town on the right bank of the Dnipro reported Ukrainian-held
    # (our own status, at Kherson's point); Crimea held by Russia. Its ring no longer reaches
    # across the river, and its cell of the front line stops at the river: the left bank
    # across from it is Crimea's rear, not Ukrainian
    from geo_events.maps.area import _banks

    known = _crimea_held_since_2014()
    town = statuses([("UA", HELD, "2023-05-20", 32.62, 46.64)])
    across = (32.75, 46.52)  # the left bank, ~15 km south-east of the town
    behind = (32.45, 46.72)  # the right bank, ~15 km north-west of it
    assert DEFAULT_ESTIMATE.river_banks
    est = estimate_areas(town, ukraine, known=known, day=DAY)
    assert state_at(est, *behind) == ("UA", HELD)
    assert state_at(est, *across) == ("RU", HELD)
    assert "major river" in est["method"].iloc[0]
    off = estimate_areas(town, ukraine, known=known, day=DAY,
                         params=EstimateParams(river_banks=False))
    assert state_at(off, *across) == ("UA", HELD)
    # a settlement on the river's line (a city built across it) is on both banks
    on_line = statuses([("UA", HELD, "2023-05-20", 33.00, 46.70)])  # a vertex of the line
    est = estimate_areas(on_line, ukraine, day=DAY)
    assert state_at(est, 33.00, 46.80) == ("UA", HELD)
    assert state_at(est, 33.00, 46.60) == ("UA", HELD)
    # the banks tile the region: two of them for the one river
    crs = equal_area_crs(ukraine)
    region_ea = gpd.GeoSeries([ukraine], crs="EPSG:4326").to_crs(crs).iloc[0]
    banks = _banks(shapely.make_valid(region_ea), crs, DEFAULT_ESTIMATE)
    assert banks is not None and len(banks.geoms) == 2
    assert sum(g.area for g in banks.geoms) == pytest.approx(region_ea.area, rel=1e-3)
    assert _banks(region_ea, crs, EstimateParams(river_banks=False)) is None


def test_an_area_across_a_river_is_judged_bank_by_bank(ukraine):
    # "Kherson Oblast occupied" (March), then a town on its right bank reported Ukrainian
    # (May): the town says nothing of the left bank, where the status still counts as a whole
    # (superseding an older Ukrainian village there, filling its ground); on the right bank
    # the status is contradicted (one newer settlement of the two sides, more than the share)
    st = pd.concat([area_status("adm1:UA.08", "RU", "2023-03-01", 33.6, 46.7),
                    statuses([("UA", HELD, "2023-05-01", 33.42, 46.84),     # Beryslav
                              ("UA", HELD, "2023-02-01", 34.35, 46.45)])],  # older, left bank
                   ignore_index=True)
    est = estimate_areas(st, ukraine, day=DAY)
    assert state_at(est, *SOUTH_EAST) == ("RU", HELD)
    assert state_at(est, 34.35, 46.45) == ("RU", HELD)  # superseded by the left bank's status
    far = state_at(est, *NORTH_KHERSON)
    assert far is None or far[0] != "RU"
    one = estimate_areas(st, ukraine, day=DAY, params=EstimateParams(river_banks=False))
    assert state_at(one, *SOUTH_EAST) == (None, UNKNOWN)
    assert state_at(one, 34.35, 46.45) == ("UA", HELD)

