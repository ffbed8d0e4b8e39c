"""Area units named after their towns, and bare names a locator places elsewhere in the text
(issue 13, Wikipedia narratives: classes 6 and 8).

* ``unit-noun`` (``unit_nouns`` of ``lang/en/events_places.json``): "much of Kupiansk
  District", "the Borova district", "Verbivka, Balakliia Raion, Kharkiv Oblast" name (part of)
  a raion, never the town of its name: no change of the town (dropped by the rule's id); the
  whole raion changing hands takes its centre with it (as ACLED places a raion's events); a
  city's district named with "of" or a possessive stays ("the Saltivka district of Kharkiv").
* "X in Beryslav Raion in Kherson Oblast": the oblast is X's locator past the raion, and the
  codifier keeps its villages of that raion (``katottg.namesakes(..., raion=...)``).
* ``namesake-located-in-document`` for names the gazetteer lacks: "the village of Dovhenke,
  20 km south of Izium" early in a text places a bare "Dovhenke" later (Kharkiv oblast has two
  villages of the name; alone, the name says which of neither), so "the village" after "an
  assault from Dovhenke towards A and B" is Dovhenke, not the last village of the list.

Real spaCy pipeline, gazetteer and codifier; the sentences are ours.
"""

from __future__ import annotations

import pytest

from geo_events.geodesy import haversine_km

pytestmark = pytest.mark.usefixtures("nlp")

#: Izium (degrees); the Dovhenke of the texts lies about 20 km south of it.
IZIUM = (49.207, 37.277)


def _explained(text: str):
    from geo_events.events import extract_events

    return extract_events(text, published="2022-12-01", profile="russia-ukraine", explain=True)


def _changes(text: str) -> dict[str, object]:
    events, _ = _explained(text)
    return {e.place.name: e for e in events if e.is_control_change}


def _dropped_by(text: str) -> set[str]:
    _, dropped = _explained(text)
    return {d.rule for d in dropped}


@pytest.mark.parametrize("text", [
    "The counteroffensive in Kharkiv Oblast went on. By 14 September, Ukrainian troops had "
    "retaken most of Izium Raion.",
    "On 2 October, the Russian garrison pulled out of the Borova district.",
    "Ukrainian units recaptured much of Kupiansk District on 5 October.",
])
def test_a_change_in_a_raion_is_no_change_of_its_town(text):
    assert _changes(text) == {}
    assert "unit-noun" in _dropped_by(text)


def test_a_raion_as_a_locator_is_no_second_place():
    found = _changes("On 7 September, Ukrainian brigades liberated Hrushivka, Balakliia Raion, "
                     "Kharkiv Oblast.")
    assert not any("Raion" in name or name.startswith("Balakli") for name in found)


def test_a_whole_raion_changing_hands_takes_its_centre_with_it():
    found = _changes("On 5 October, Ukrainian units recaptured the whole of Kupiansk District.")
    assert "Kupyansk" in found and found["Kupyansk"].gain == "UA"


def test_the_town_itself_still_changes_hands():
    found = _changes("On 2 October, Ukrainian brigades recaptured the town of Borova.")
    assert "Borova" in found and found["Borova"].gain == "UA"


def test_a_citys_district_named_with_of_is_not_dropped_by_the_rule():
    assert "unit-noun" not in _dropped_by(
        "On 3 March, Russian troops occupied the Saltivka district of Kharkiv.")


#: A village Kharkiv oblast has twice, located once near the start, then named bare.
LOCATED = ("The fighting centred on the village of Dovhenke, about 20 kilometers south of "
           "Izium, for most of the spring.\n"
           "Both armies brought up reserves. Artillery fire went on for weeks.\n"
           "On 12 June, Russian forces captured Dovhenke.")


def test_a_bare_name_takes_the_place_its_located_mention_gives_it():
    found = _changes(LOCATED)
    assert "Dovhenke" in found
    place = found["Dovhenke"].place
    assert place.location is not None
    assert place.location.settled_by == "namesake-located-in-document"
    assert haversine_km(place.latitude, place.longitude, *IZIUM) < 30


def test_without_a_located_mention_the_bare_name_makes_no_event():
    assert "Dovhenke" not in _changes(LOCATED.split("\n", 1)[1])


def test_located_mentions_that_disagree_place_nothing():
    text = ("The village of Dovhenke, about 20 kilometers south of Izium, lies in a valley.\n"
            "Another Dovhenke, north of Kupiansk, lies by a forest.\n"
            "On 12 June, Russian forces captured Dovhenke.")
    assert "Dovhenke" not in _changes(text)


def test_the_village_after_an_assault_from_a_located_village_is_that_village():
    text = ("The fighting centred on the village of Dovhenke, about 20 kilometers south of "
            "Izium.\n"
            "By 12 June, Russian units were attacking from Dovhenke towards Mazanivka and "
            "Dolyna, suggesting the village had been captured by Russian forces.")
    found = _changes(text)
    assert "Dovhenke" in found and found["Dovhenke"].gain == "RU"
    assert "Dolyna" not in found and "Mazanivka" not in found


@pytest.mark.parametrize("locator", ["in Beryslav Raion in Kherson Oblast",
                                     "in Beryslav Raion, Kherson Oblast"])
def test_a_raion_between_a_village_and_its_oblast_locates_it_in_both(locator, gazetteer):
    # Andriivka is a name of many villages (Kherson oblast has three, in three raions); read
    # without the oblast, a Crimean namesake won; with the oblast alone, any of the three
    from geo_events.gazetteer import katottg

    found = _changes(f"On 24 July, Ukrainian troops took the village of Andriivka {locator}.")
    assert "Andriivka" in found
    place = found["Andriivka"].place
    assert place.admin1_code == "UA.08"
    [village] = katottg.namesakes("Andriivka", "UA.08", gazetteer, raion="Beryslav")
    assert haversine_km(place.latitude, place.longitude, village.latitude,
                        village.longitude) < 1


def test_the_codifier_keeps_the_villages_of_the_raion_a_text_names(gazetteer):
    from geo_events.gazetteer import katottg

    every = katottg.namesakes("Andriivka", "UA.08", gazetteer)
    assert len(every) > 1
    [beryslav] = katottg.namesakes("Andriivka", "UA.08", gazetteer, raion="Beryslavskyi")
    assert beryslav.raion.startswith("Beryslav")
    # a raion with none of them keeps them all
    assert len(katottg.namesakes("Andriivka", "UA.08", gazetteer, raion="Henichesk")) \
        == len(every)

