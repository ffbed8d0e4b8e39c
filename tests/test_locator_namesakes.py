"""Namesakes with a locator (issue 13, class 7): a place named with a distance and a bearing
("X, 45 km east of Y"), "near Y" or a part of an oblast ("X in western Luhansk Oblast") is the
place of its name the locator admits, never a bigger namesake elsewhere; when the gazetteer has
none there, it is placed by the locator and marked approximate. Real spaCy pipeline and
gazetteer; the sentences are ours, the village names real Ukrainian namesakes (names several
oblasts share in the embedded gazetteer)."""

from __future__ import annotations

import math

import pytest

from geo_events.geodesy import bearing_deg, bearing_difference, haversine_km, offset_point
from geo_events.geoparse.locators import (
    BEARING_TOLERANCE_DEG,
    DISTANCE_TOLERANCE_KM,
    DISTANCE_TOLERANCE_SHARE,
    NEAR_REACH_KM,
    relative_location,
    relative_miss_km,
)
from geo_events.model import Place


def _town(name: str) -> Place:
    from geo_events.gazetteer import get_gazetteer

    return get_gazetteer().search(name, country="UA", level="populated_place")[0].place


def _event_place(text: str) -> Place:
    from geo_events.events import extract_events

    [event] = [e for e in extract_events(text, published="2024-10-02", profile="russia-ukraine")
               if e.is_control_change]
    return event.place


def _at(y: Place, km: float, bearing: float) -> Place:
    lat, lon = offset_point(y.latitude, y.longitude, km, bearing)
    return Place(id="gn:2", name="X", level="populated_place", latitude=lat, longitude=lon)


def test_bearing_is_the_inverse_of_the_offset():
    for bearing in (0.0, 45.0, 135.0, 270.0, 350.0):
        lat, lon = offset_point(48.0, 37.0, 40.0, bearing)
        assert bearing_deg(48.0, 37.0, lat, lon) == pytest.approx(bearing, abs=0.5)
        assert haversine_km(48.0, 37.0, lat, lon) == pytest.approx(40.0, abs=0.01)
    assert bearing_difference(350.0, 10.0) == 20.0 and bearing_difference(90.0, 270.0) == 180.0


def test_relative_location_tolerances():
    """"45 km east of Y" admits a place 45 km +- (half of it + 5 km) from Y within 45 degrees
    of east (any bearing within 5 km of Y); "near Y" a place within 30 km; the miss is the
    distance (km) from where the phrase puts the name."""
    y = Place(id="gn:1", name="Y", level="populated_place", latitude=47.0, longitude=32.0)
    east = relative_location(y, "45", "km", None, "east")
    reach = DISTANCE_TOLERANCE_SHARE * 45 + DISTANCE_TOLERANCE_KM
    assert relative_miss_km(_at(y, 45, 90), y, east, True) == pytest.approx(0.0, abs=0.01)
    assert relative_miss_km(_at(y, 45, 90 + BEARING_TOLERANCE_DEG - 5), y, east, True) \
        == pytest.approx(2 * 45 * math.sin(math.radians(20)), abs=0.5)  # a 40-degree chord
    assert relative_miss_km(_at(y, 45, 90 + BEARING_TOLERANCE_DEG + 5), y, east, True) is None
    assert relative_miss_km(_at(y, 45 + reach - 1, 90), y, east, True) is not None
    assert relative_miss_km(_at(y, 45 + reach + 1, 90), y, east, True) is None
    assert relative_miss_km(_at(y, 45 - reach - 1, 90), y, east, True) is None
    near = relative_location(y, None, None, None, None)
    assert relative_miss_km(_at(y, NEAR_REACH_KM - 1, 200), y, near, False) \
        == pytest.approx(NEAR_REACH_KM - 1, abs=0.01)
    assert relative_miss_km(_at(y, NEAR_REACH_KM + 1, 200), y, near, False) is None
    north = relative_location(y, None, None, None, "north")  # no distance: only not too far
    assert relative_miss_km(_at(y, 20, 10), y, north, False) is not None
    assert relative_miss_km(_at(y, 20, 180), y, north, False) is None


def _fits(place: Place, town: str, km: float, bearing: float) -> bool:
    y = _town(town)
    loc = relative_location(y, str(km), "km", None, None)
    d = haversine_km(y.latitude, y.longitude, place.latitude, place.longitude)
    return relative_miss_km(place, y, loc, True) is not None and bearing_difference(
        bearing_deg(y.latitude, y.longitude, place.latitude, place.longitude),
        bearing) <= BEARING_TOLERANCE_DEG and d > 0


@pytest.mark.integration
@pytest.mark.parametrize("text, town, km, bearing", [
    ("Russian forces captured Myrne, 35 km north of Kherson, on Tuesday.", "Kherson", 35, 0),
    ("Ukrainian troops retook Sadove, about 45 km southwest of Kherson, on Monday.",
     "Kherson", 45, 225),
    ("Ukrainian troops retook Sadove, some 35 km north of Kherson, on Monday.",
     "Kherson", 35, 0),
    ("Ukrainian troops retook Oleksandrivka, 60 km east of Mykolaiv, on Monday.",
     "Mykolaiv", 60, 90),
    ("Ukrainian troops retook Oleksandrivka, 75 km south of Mykolaiv, on Monday.",
     "Mykolaiv", 75, 180),
    # a parenthesis between the name and its locator
    ("Russian troops took Sadove (known in Soviet times as Leninske) some 45 km south-west "
     "of Kherson on Monday.", "Kherson", 45, 225),
])
def test_the_namesake_where_the_distance_and_bearing_put_it(nlp, text, town, km, bearing):
    """Of the many villages of a name (several oblasts have one), the one the distance and
    bearing admit: never the gazetteer's bigger namesake elsewhere."""
    from geo_events.gazetteer import get_gazetteer

    place = _event_place(text)
    assert not place.is_unresolved and _fits(place, town, km, bearing), place
    others = [c.place for c in get_gazetteer().search(place.name, country="UA", limit=50)
              if c.place.name == place.name and c.place.id != place.id]
    assert len(others) >= 2 and any(o.population > place.population for o in others)


@pytest.mark.integration
def test_the_geoparser_ranks_namesakes_by_the_relative_location(nlp):
    """The geoparser itself (not only event extraction) reads the relative location: two
    sentences with one name, two villages."""
    from geo_events.geoparse import geoparse

    def sadove(text):
        return next(m.place for m in geoparse(text, nlp=nlp) if m.surface == "Sadove")

    south_west = sadove("Ukrainian troops retook Sadove, about 45 km southwest of Kherson.")
    north = sadove("Ukrainian troops retook Sadove, some 35 km north of Kherson.")
    assert south_west.admin1_code != north.admin1_code
    assert _fits(south_west, "Kherson", 45, 225) and _fits(north, "Kherson", 35, 0)


@pytest.mark.integration
@pytest.mark.parametrize("text, town, km, bearing", [
    # the gazetteer's villages of the name lie 120 km and more away, one in the city's oblast
    ("Ukrainian forces liberated Blahodatne, 45 km east of Mykolaiv, on Sunday.",
     "Mykolaiv", 45.0, 90.0),
    ("Ukrainian forces liberated Blahodatne (called Komsomolske until 2016) about 45 km east "
     "of the city of Mykolaiv.", "Mykolaiv", 45.0, 90.0),
    # a town of the name lies 47 km away: not "10 km south"
    ("Russian forces captured Vasylivka, 10 km south of Zaporizhzhia, on Tuesday.",
     "Zaporizhzhia", 10.0, 180.0),
])
def test_no_namesake_there_places_the_name_by_the_locator(nlp, text, town, km, bearing):
    """No place of the name lies where the text puts it: the name is placed by the locator,
    that far along that bearing from the town, approximate (``offset``, located by the town,
    a quarter of the distance as radius), never at a namesake the phrase rules out."""
    place, y = _event_place(text), _town(town)
    loc = place.location
    assert place.is_unresolved and place.approximate == "offset"
    assert (loc.precision, loc.located_by, loc.bearing) == ("offset", y.id, bearing)
    assert loc.distance_km == pytest.approx(km, abs=0.01)
    assert place.radius_km == pytest.approx(max(1.0, km / 4), abs=0.01)
    assert haversine_km(place.latitude, place.longitude, y.latitude, y.longitude) \
        == pytest.approx(km, abs=0.05)


@pytest.mark.integration
def test_near_a_town_is_around_it_never_a_namesake_far_off(nlp):
    """"X, near Y" where the gazetteer's villages of the name lie 50 km and more from Y:
    around Y (``near``, its radius), not at one of them."""
    place, kherson = _event_place("Russian forces captured Shyroke, near Kherson, on Tuesday."), \
        _town("Kherson")
    assert place.is_unresolved and place.location.precision == "near"
    assert place.location.located_by == kherson.id and place.radius_km == 10.0


@pytest.mark.integration
def test_a_part_of_the_oblast_picks_the_village_there(nlp):
    """"X in northern/southern Kherson Oblast": the village of the name in that half of the
    oblast (within :data:`~geo_events.geoparse.locators.PART_MARGIN_DEG`; the gazetteer's,
    or the codifier's at its community), not the same one for both; the geoparser reads the
    part as containment too."""
    from geo_events.geoparse import geoparse
    from geo_events.geoparse.locators import in_part

    code = _town("Kherson").admin1_code  # the oblast of its capital
    places = {}
    for part in ("northern", "southern"):
        text = f"Ukrainian forces retook Myrne in {part} Kherson Oblast on Tuesday."
        place = places[part] = _event_place(text)
        assert place.name == "Myrne" and place.admin1_code == code
        assert in_part(place.latitude, place.longitude, code, part, frozenset({code}))
        [myrne] = [m for m in geoparse(text, nlp=nlp) if m.surface == "Myrne"]
        assert myrne.place.admin1_code == code
    assert places["northern"].latitude > places["southern"].latitude


@pytest.mark.integration
def test_a_town_in_a_city_named_like_its_oblast_is_containment_not_nearness(nlp):
    """"X, a town in Luhansk" names the oblast (its capital's name): X stays the town 90 km
    from the city, not a place "near" the city."""
    place = _event_place("Russian forces captured Kreminna, a town in Luhansk, on Friday.")
    luhansk = _town("Luhansk")
    assert not place.is_unresolved and place.admin1_code == luhansk.admin1_code
    assert haversine_km(place.latitude, place.longitude, luhansk.latitude,
                        luhansk.longitude) > 60


@pytest.mark.integration
@pytest.mark.parametrize("text, name", [
    # towns have extent: 6 km apart, one 54 degrees off "south" of the other's point
    ("Ukrainian troops left Lysychansk, just south of Sievierodonetsk, in early July.",
     "Lysychansk"),
    # a bearing without a number says where, hardly how far (100 km here)
    ("Ukrainian troops retook Kupiansk, east of Kharkiv, on Saturday.", "Kupiansk"),
    # "the northern Chernihiv region" names the region by where it lies, not its north
    ("Russian troops captured Desna in the northern Chernihiv region on Friday.", "Desna"),
])
def test_loose_but_true_locators_keep_the_gazetteer_place(nlp, text, name):
    """A town the phrase describes loosely stays the gazetteer's town (never an approximate
    point at the locator)."""
    from geo_events.gazetteer.normalize import is_own_name

    place = _event_place(text)
    assert not place.is_unresolved and place.location is None and place.population > 0
    assert is_own_name(name, place)


@pytest.mark.integration
def test_the_relative_location_settles_later_bare_mentions(nlp):
    """The geoparser favours the fitting place nearest to where the phrase puts the name (two
    villages of the name fit "some 50 km south of Odesa", one 30 km nearer that point), and a
    later mention of the name without a locator is the same place (one sense per text)."""
    from geo_events.geoparse import geoparse
    from geo_events.geoparse.locators import relative_location, relative_miss_km

    text = ("A missile hit a beach hotel in Serhiivka, some 50 km south of Odesa, on Friday. "
            "Russian troops captured Serhiivka later.")
    first, later = [m.place for m in geoparse(text, nlp=nlp) if m.surface == "Serhiivka"]
    odesa = _town("Odesa")
    loc = relative_location(odesa, "50", "km", None, "south")
    from geo_events.gazetteer import get_gazetteer

    misses = {c.place.id: km for c in get_gazetteer().search("Serhiivka", country="UA", limit=50)
              if c.place.level == "populated_place"
              and (km := relative_miss_km(c.place, odesa, loc, True)) is not None}
    assert len(misses) >= 2 and first.id == min(misses, key=misses.__getitem__)
    assert first.id == later.id
    assert _event_place(text).id == first.id
