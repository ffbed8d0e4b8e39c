"""Place names in a German or Polish transliteration, as machine translations keep them
(#13 class 9, ``geo_events/data/foreign_spellings.json``,
:mod:`geo_events.gazetteer.foreign_spellings`): the codifier looks a name it does not know
up again respelled in the national system's letters ("Krasnohoriwka" -> Krasnohorivka), so
the village is placed at its own point or community, not at its oblast's label point. Only a
name with a marker the national system never writes (w, sch, cz, sz) is respelled. Names and
sentences written for these tests; real gazetteer, codifier and pipeline."""

from __future__ import annotations

import pytest
from event_fixtures import events_on

from geo_events.gazetteer.codifiers import codifier_for
from geo_events.gazetteer.foreign_spellings import respelled

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("name, spelling, rules", [
    ("Krasnohoriwka", "krasnohorivka", ("de-pl-w",)),
    ("Tschernihiw", "chernihiv", ("de-tsch", "de-pl-w")),
    ("Szostka", "shostka", ("pl-sz",)),
    ("Czuhujiw", "chuhujiv", ("pl-cz", "de-pl-w")),
    ("Charkiw", "kharkiv", ("de-pl-ch", "de-pl-w")),
    ("Schtschastja", "shchastja", ("de-schtsch",)),
])
def test_a_german_or_polish_spelling_is_respelled(name, spelling, rules):
    assert respelled(name) == (spelling, rules)


@pytest.mark.parametrize("name", ["Chasiv Yar", "Kupjansk", "Ocheretyne", "Marinka"])
def test_a_name_without_a_marker_is_left_as_it_is(name):
    assert respelled(name) is None


@pytest.mark.parametrize("name, unit, found", [
    ("Krasnohoriwka", "UA.05", "Krasnohorivka"),
    ("Berdytschi", "UA.05", "Berdychi"),
    ("Otscheretyne", "UA.05", "Ocheretyne"),
])
def test_the_codifier_finds_the_village_respelled(gazetteer, name, unit, found):
    codifier = codifier_for("UA")
    assert codifier is not None
    assert {v.name for v in codifier.namesakes(name, unit, gazetteer)} == {found}
    assert codifier.named(name, unit, gazetteer)


@pytest.mark.parametrize("name", ["Wagner", "Warschau", "Lwow"])
def test_a_respelling_that_names_no_village_finds_none(gazetteer, name):
    codifier = codifier_for("UA")
    assert codifier is not None
    assert codifier.namesakes(name, "UA.05", gazetteer) == []


def test_no_respelling_over_the_whole_country(gazetteer):
    # "War I" respelled is the loose key of a village "Vari": without a unit the text names,
    # a respelling finds nothing; the name's own spelling still does
    codifier = codifier_for("UA")
    assert codifier is not None
    assert codifier.anywhere("War I", gazetteer) == []
    assert codifier.anywhere("Krasnohoriwka", gazetteer) == []
    assert codifier.anywhere("Krasnohorivka", gazetteer)


def test_a_comparison_with_a_world_war_places_nothing_in_ukraine():
    text = ("The fighting for the town was compared to the trench battles of World War I, "
            "a Ukrainian officer said.")
    assert not [e for e in events_on(text, "2023-03-01")
                if e.place is not None and e.place.id.endswith(":war-i")]


def test_a_captured_village_in_a_german_spelling_is_placed_at_the_village():
    text = ("Russian troops captured the village of Krasnohoriwka in the Donetsk region on "
            "5 May, the general staff said.")
    caps = [e for e in events_on(text, "2024-05-10") if e.kind == "capture"]
    assert len(caps) == 1
    place = caps[0].place
    assert place.location is not None and place.location.precision == "community"
    assert place.location.located_by.startswith("katottg:")
    # Krasnohorivka, west of Donetsk (not the oblast's label point)
    assert abs(place.latitude - 48.006) < 0.05 and abs(place.longitude - 37.51) < 0.05


@pytest.mark.parametrize("name, respelled_by", [
    ("Krasnohoriwka", "de-pl-w"),  # found by the respelling: its rule named
    ("Krasnohorivka", None),  # found as written: no rule
])
def test_the_codifier_names_the_respelling_that_found_a_village(gazetteer, name, respelled_by):
    codifier = codifier_for("UA")
    assert codifier is not None
    found = codifier.namesakes(name, "UA.05", gazetteer)
    assert found and {v.respelled_by for v in found} == {respelled_by}


def test_an_event_at_a_respelled_village_names_the_respelling_rule():
    text = ("On 7 May, Russian forces said they had taken Krasnohoriwka in the Donetsk region, "
            "west of the city.")
    caps = [e for e in events_on(text, "2024-05-12") if e.kind == "capture"]
    assert [e.place.name for e in caps] == ["Krasnohoriwka"]
    assert caps[0].place.location is not None
    assert caps[0].place.location.respelled_by == "de-pl-w"
    assert "de-pl-w" in caps[0].provenance  # the event explains its place
    # a village the codifier knows as written names none
    plain = [e for e in events_on(text.replace("Krasnohoriwka", "Krasnohorivka"), "2024-05-12")
             if e.kind == "capture"]
    assert plain and not any(r.startswith(("de-", "pl-")) for r in plain[0].provenance)
