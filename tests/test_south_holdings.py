"""How news says who holds the south (issue 14: the news maps miss the occupied south).

Two classes of the news corpora's language of holding, each data plus one mechanism (real spaCy
pipeline, gazetteer and boundaries; every sentence was written for these tests):

- ground taken in a unit is part of the unit (``place.ground_in``, lexicons ``ground_nouns``
  and ``ground_prepositions``): "took control of territory in the X and Y regions", "seized
  land in X Oblast" is a part holding of each unit by the taker from the change's date, not a
  capture of the whole unit (which the text does not say) nor of a namesake city;
- an official the profile's occupier installed over a place holds it for that side
  (``trigger.held.installed_official``, lexicons ``installed_participles``,
  ``installed_official_nouns``, ``installed_official_prepositions``): "the Moscow-installed
  mayor of X" holds X for Russia; the government side's appointees say nothing (Kyiv appoints
  governors of regions it has lost).
"""

from __future__ import annotations

from datetime import date

import pytest
from event_fixtures import PROFILE

from geo_events.events import extract_events
from geo_events.timeline import PART, ControlTimeline


def explained(text: str, day: str = "2022-07-14"):
    return extract_events(text, published=day, profile=PROFILE, explain=True)


def held(evs):
    return [(e.place.id, e.place.level, e.gain) for e in evs if e.kind == "held"]


# -- ground taken in a unit is part of the unit -------------------------------------------------
@pytest.mark.parametrize("text", [
    "In March, Russian troops took control of ground in the Kherson and Zaporizhzhia regions.",
    "In March, Moscow's forces seized land inside the Kherson and Zaporizhzhia provinces.",
])
def test_ground_taken_in_units_is_part_of_each(text):
    out = explained(text)
    hits = [e for e in out.events if e.place.level == "admin1"]
    assert sorted((e.place.id, e.kind, e.gain) for e in hits) == [
        ("adm1:UA.08", "held", "RU"), ("adm1:UA.26", "held", "RU")], out.events
    for e in hits:
        assert {"place.ground_in", "place.partial"} <= set(e.provenance)
        assert e.date_from == date(2022, 3, 1)
    assert not [e for e in out.events if e.kind == "capture"], out.events


def test_ground_in_a_unit_is_a_part_holding_on_the_timeline():
    out = explained("Russian soldiers seized territory in Zaporizhzhia Oblast in early March.")
    hits = [e for e in out.events if e.kind == "held"]
    assert [(e.place.id, e.gain) for e in hits] == [("adm1:UA.26", "RU")], out.events
    tl = ControlTimeline.from_events(hits, profile=PROFILE)
    st = tl.status_at("adm1:UA.26", "2022-04-01")
    assert (st.side, st.extent) == ("RU", PART)


def test_ground_in_a_bare_namesake_is_in_the_oblast_not_its_city():
    out = explained("Russian soldiers seized territory in Kherson in early March.")
    assert held(out.events) == [("adm1:UA.08", "admin1", "RU")], out.events
    assert "place.holder_unit_namesake" in out.events[0].provenance


def test_ground_in_a_settlement_is_a_fight_for_it():
    """Ground taken in a town is part of the town: fought over, as "captured parts of X"."""
    out = explained("Russian troops seized ground in Soledar on Tuesday.")
    hits = [e for e in out.events if e.place.name == "Soledar"]
    assert [(e.kind, e.gain) for e in hits] == [("contested", None)], out.events
    assert "kind.partial_contested" in hits[0].provenance


@pytest.mark.parametrize(("text", "kind", "gain"), [
    # a place taken by name stays a capture of it
    ("Russian troops took control of the town of Vasylivka in early March.", "capture", "RU"),
    # parts by a part noun stay a fight for the unit
    ("Russian troops captured parts of the Zaporizhzhia region in March.", "contested", None),
])
def test_places_taken_by_name_or_by_part_nouns_are_unchanged(text, kind, gain):
    out = explained(text)
    assert [(e.kind, e.gain) for e in out.events] == [(kind, gain)], out.events
    assert "place.ground_in" not in out.events[0].provenance


def test_a_withdrawal_from_ground_in_a_unit_holds_nothing():
    out = explained("Russian units pulled back from territory in the Mykolaiv region in March.")
    assert not held(out.events), out.events


# -- officials the occupier installed ------------------------------------------------------------
@pytest.mark.parametrize(("text", "place", "level"), [
    ("The Moscow-installed mayor of Melitopol announced a curfew on Monday.", "Melitopol",
     "populated_place"),
    ("Kremlin-appointed officials in Enerhodar said the water supply was cut.", "Enerhodar",
     "populated_place"),
    ("The Russian-installed administration of the Zaporizhzhia region said schools would open.",
     "Zaporizhzhya", "admin1"),
])
def test_an_official_the_occupier_installed_holds_the_place(text, place, level):
    out = explained(text)
    hits = [e for e in out.events if e.kind == "held"]
    assert [(e.place.name, e.place.level, e.gain) for e in hits] == [(place, level, "RU")], \
        out.events
    assert "trigger.held.installed_official" in hits[0].provenance


def test_an_installed_governor_of_an_oblast_holds_part_of_it():
    out = explained("The Russia-installed governor of Kherson Oblast fled across the river.")
    hits = [e for e in out.events if e.kind == "held"]
    assert [(e.place.id, e.gain) for e in hits] == [("adm1:UA.08", "RU")], out.events
    tl = ControlTimeline.from_events(hits, profile=PROFILE)
    st = tl.status_at("adm1:UA.08", "2022-07-20")
    assert (st.side, st.extent) == ("RU", PART)


@pytest.mark.parametrize("text", [
    # the government side appoints governors of regions it lost: no holding
    "The Ukrainian-appointed governor of Luhansk said shelling continued.",
    # a place near the official's unnamed town only locates it
    "The Moscow-appointed head of a village outside Nova Kakhovka was wounded.",
    # installed over no place
    "A Russian-installed official was wounded by a car bomb.",
    # installed over a namesake abroad: the occupier of this conflict holds none of it
    "The Moscow-installed mayor of Tokmok in Kyrgyzstan resigned.",
])
def test_other_appointees_hold_nothing(text):
    assert not [h for h in held(explained(text).events) if h[2] is not None], text


@pytest.mark.parametrize(("text", "name", "kind"), [
    # "the territory of X" is X itself
    ("On 2 April, Ukrainian forces regained the territory of Lukashivka, Chernihiv.",
     "Lukashivka", "recapture"),
    # "the territory" refers back to a place named before
    ("On 3 April, Ukrainian forces entered Lukashivka, Chernihiv after Russian troops left "
     "the territory.", "Lukashivka", "recapture"),
])
def test_ground_that_stands_for_a_place_is_that_place(text, name, kind):
    out = explained(text, "2022-04-05")
    hits = [e for e in out.events if e.place.name == name]
    assert kind in [e.kind for e in hits], out.events
    assert not [e for e in hits if "place.ground_in" in e.provenance or e.kind == "contested"]
