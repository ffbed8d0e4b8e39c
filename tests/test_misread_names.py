"""A settlement's name the tagger misreads, and a locator inside an entity the recogniser ran
over (own sentences, real pipeline)."""

from __future__ import annotations

from tests.event_fixtures import events_on


def _changes(text: str, day: str = "2022-09-12"):
    return [e for e in events_on(text, day) if e.kind in ("capture", "recapture", "withdrawal")]


def test_a_name_tagged_as_an_adjective_complement_is_recovered_with_its_locator():
    # "Shevchenkove" (adjective-like ending) parsed as an adjective complement of the verb,
    # and "Shevchenkove in Kharkiv Oblast" taken as one title by the recogniser
    (ev,) = _changes("Ukrainian troops recaptured Shevchenkove in Kharkiv Oblast.")
    assert ev.place.name == "Shevchenkove" and ev.place.admin1_name == "Kharkiv"
    assert (ev.gain, ev.loss) == ("UA", "RU")


def test_the_locator_inside_a_misread_entity_still_places_the_village():
    (ev,) = _changes("Ukrainian troops recaptured the town of Shevchenkove in Kharkiv Oblast.")
    assert ev.place.admin1_name == "Kharkiv" and not ev.place.is_unresolved


def test_a_name_of_many_namesakes_without_context_is_no_dot():
    assert _changes("Ukrainian troops recaptured Shevchenkove.") == []


def test_a_nationality_adjective_complement_is_no_place():
    evs = events_on("The town remained Ukrainian after the battle, and the city became "
                    "Russian.", "2022-09-12")
    assert all(e.place is None or e.place.level == "country" for e in evs)
    assert _changes("The town remained Ukrainian after the battle.") == []
