""""X near Y" without a comma is a near locator (place14, #13/#14).

"seized the village of Stanove near Trostianets" read Stanove as Stanovo of Zakarpattia (the
gazetteer's only settlement of a like name), 870 km from Trostianets: the near locator needed
a comma (", near Y"). Now "near" and "outside" (with a closeness word: "just outside") right
after the name locate it too (``near`` of ``locator_patterns``, :func:`near_locator`); other
relative words ("from", "in", bearings) still need the comma ("attacked Kharkiv from
Belgorod" says where the attack came from, not where Kharkiv is).

Real spaCy pipeline, gazetteer and codifier; the sentences are ours.
"""

from __future__ import annotations

import pytest

from geo_events.geodesy import haversine_km

pytestmark = pytest.mark.usefixtures("nlp")

TROSTIANETS = (50.48, 34.96)  # Sumy oblast
IZIUM = (49.21, 37.26)


def _changes(text: str) -> dict:
    from geo_events.events import extract_events

    return {e.place.name: e.place for e in extract_events(
        text, published="2022-03-10", profile="russia-ukraine") if e.is_control_change}


def test_a_village_near_a_town_without_a_comma_is_near_the_town():
    places = _changes("Russian armour seized Stanove near Trostianets on 5 March.")
    [place] = places.values()
    assert place.admin1_code == "UA.21"  # Sumy oblast, not Zakarpattia
    assert haversine_km(place.latitude, place.longitude, *TROSTIANETS) < 30.0


def test_just_outside_without_a_comma():
    places = _changes("Russian armour seized the village of Dovhenke just outside Izium on 5 "
                      "March.")
    [place] = places.values()
    assert haversine_km(place.latitude, place.longitude, *IZIUM) < 40.0


def test_from_without_a_comma_is_no_locator():
    from geo_events.geoparse.locators import locator_patterns

    text = "Russian troops attacked Kharkiv from Belgorod."
    end = text.index("Kharkiv") + len("Kharkiv")
    assert locator_patterns()["near"].match(text, end) is None
    text = "Russian troops attacked Kharkiv near Chuhuiv."
    end = text.index("Kharkiv") + len("Kharkiv")
    assert locator_patterns()["near"].match(text, end) is not None
