"""Area events on the banks of more rivers (#13 class 8, #14 area events; area13).

Our own sentences on the real pipeline: the Oskil, the Siverskyi Donets and the Inhulets have
lines (``geo_events/data/rivers.json``) and bank rules (``river_banks`` of
``lang/en/events_places.json``); a crossing leaves the bank of the settlement named before
it; "pushed back across the river" withdraws the party pushed; a compass word after a unit
names that unit's bank ("all of X Oblast west of the Oskil")."""

from __future__ import annotations

from datetime import date

import pytest
from event_fixtures import events_of


def _explained(text: str, published: date = date(2022, 11, 20)):
    from geo_events.events import extract_events

    return extract_events(text, published=published, profile="russia-ukraine", explain=True)


def _banks(text: str):
    return [(e.kind, e.place.id, e.gain, e.loss) for e in _explained(text).events
            if e.is_control_change and e.place.id.startswith("bank:")]


@pytest.mark.integration
def test_the_new_rivers_split_their_units():
    from geo_events.areas import area_contains, area_geometry

    for pid in ("bank:right:oskil:adm1:UA.07", "bank:left:oskil:adm1:UA.07",
                "bank:right:siverskyi-donets:adm1:UA.14", "bank:left:inhulets:adm1:UA.08"):
        assert area_geometry(pid) is not None, pid
    # Kupiansk lies west of the Oskil, Kupiansk-Vuzlovyi east of it; Lysychansk south of the
    # Donets, Sievierodonetsk north of it; Davydiv Brid east of the Inhulets
    assert area_contains("bank:right:oskil:adm1:UA.07", 37.616, 49.710)
    assert area_contains("bank:left:oskil:adm1:UA.07", 37.643, 49.671)
    assert area_contains("bank:right:siverskyi-donets:adm1:UA.14", 38.421, 48.912)
    assert area_contains("bank:left:siverskyi-donets:adm1:UA.14", 38.488, 48.944)
    assert area_contains("bank:left:inhulets:adm1:UA.08", 33.191, 47.239)


@pytest.mark.integration
def test_a_river_line_ending_inside_a_unit_does_not_make_it_a_bank_unit(nlp):
    """The Oskil's line ends a few km inside Donetsk Oblast: the oblast is not split, so a
    retreat across the Oskil told around a Donetsk town takes no bank of the whole oblast."""
    text = "Russian troops in Donetsk Oblast retreated across the Oskil on 1 October."
    assert _banks(text) == []
    assert "bank-oskil.no_unit" in [d.rule for d in _explained(text).dropped]


@pytest.mark.integration
@pytest.mark.parametrize("text, bank, gain", [
    # no longer the village named after the river: the bank the party left
    ("After losing Kupiansk the Russian troops retreated across the Oskil on 11 September.",
     "bank:right:oskil:adm1:UA.07", "UA"),
    ("Russian units fell back to the eastern bank of the Oskil in Kharkiv Oblast on Sunday.",
     "bank:right:oskil:adm1:UA.07", "UA"),
    ("Ukrainian soldiers drove the Russian army back to the left bank of the Donets near "
     "Balakliia on 7 September.", "bank:right:siverskyi-donets:adm1:UA.07", "UA"),
])
def test_retreats_over_more_rivers_are_bank_events(nlp, text, bank, gain):
    assert _banks(text) == [("withdrawal", bank, gain, "RU" if gain == "UA" else "UA")]
    assert not [e for e in _explained(text).events
                if e.is_control_change and e.place.id == "gn:710514"]  # the village Oskil


@pytest.mark.integration
def test_a_crossing_leaves_the_bank_of_the_settlement_named_before_it(nlp):
    """Davydiv Brid lies east of the Inhulets: troops pushed back over the river from there
    left the east (left) bank, whatever the rule's default far bank."""
    text = ("Ukrainian troops held a bridgehead at the village of Davydiv Brid for two weeks, "
            "but on 16 June the Ukrainian forces were pushed back over the Inhulets River.")
    events = [e for e in _explained(text).events
              if e.place.id.startswith("bank:")]
    assert [(e.place.id, e.gain, e.loss) for e in events] == [
        ("bank:left:inhulets:adm1:UA.08", "RU", "UA")]
    assert "bank-inhulets.place_bank" in events[0].provenance
    assert "trigger.withdrawal.push_back_over" in events[0].provenance


@pytest.mark.integration
def test_pushing_back_withdraws_the_party_pushed_in_both_voices(nlp):
    active = _banks("Russian forces pushed the Ukrainian brigade back across the Siverskyi "
                    "Donets near Lysychansk on 20 May.")
    passive = _banks("The Ukrainian brigade was pushed back across the Siverskyi Donets near "
                     "Lysychansk on 20 May.")
    assert [(gain, loss) for *_, gain, loss in active] == [("RU", "UA")]
    assert [(gain, loss) for *_, gain, loss in passive] == [("RU", "UA")]


@pytest.mark.integration
@pytest.mark.parametrize("text, expected", [
    ("By 12 September Ukrainian forces had recaptured all of Kharkiv Oblast west of the "
     "Oskil River.", [("recapture", "bank:right:oskil:adm1:UA.07", "UA", "RU")]),
    ("On 10 November the Russian army withdrew from the part of Kherson Oblast west of the "
     "Dnipro.", [("withdrawal", "bank:right:dnipro:adm1:UA.08", "UA", "RU")]),
    # after a settlement the compass phrase only locates it: no bank
    ("On 24 September Ukrainian forces recaptured Kupiansk, west of the Oskil River.", []),
    ("Russian forces shelled villages east of the Oskil River in Kharkiv Oblast on Monday.",
     []),
])
def test_a_compass_word_after_a_unit_names_its_bank(nlp, text, expected):
    assert _banks(text) == expected
    if expected:  # the unit only locates the bank: no change of the whole oblast
        assert not [e for e in _explained(text).events
                    if e.is_control_change and e.place.id.startswith("adm1:")]


@pytest.mark.integration
def test_a_confirmed_bank_event_moves_the_settlements_it_contradicts(nlp):
    """Two articles recapturing Kharkiv Oblast west of the Oskil move a village captured
    earlier on that bank; a village east of the river stays Russian."""
    from geo_events.timeline import ControlTimeline

    events = events_of(
        ("Russian forces captured Kupiansk on 27 February.", "2022-03-01"),
        ("Russian troops captured Kupiansk-Vuzlovyi on 27 February.", "2022-03-01"),
        ("Ukrainian troops had retaken all of Kharkiv Oblast west of the Oskil River by 12 "
         "September.", "2022-09-14"),
        ("By 12 September Ukrainian forces had recaptured all of Kharkiv Oblast west of the "
         "Oskil River.", "2022-09-15"),
    )
    tl = ControlTimeline.from_events(events, profile="russia-ukraine")
    assert tl.status_at("gn:703656", "2022-09-20").side == "UA"
    assert tl.status_at("gn:703652", "2022-09-20").side == "RU"
    assert any(r.startswith("area-event:bank:right:oskil")
               for r in tl.history("gn:703656")[-1].rules)


def _changes(text: str):
    return [(e.kind, e.place.id, e.gain) for e in _explained(text).events
            if e.is_control_change or e.kind == "contested"]


@pytest.mark.integration
@pytest.mark.parametrize("text, expected", [
    ("The Russian army pulled out of the north of Kharkiv Oblast on 12 September.",
     [("withdrawal", "part:north:adm1:UA.07", "UA")]),
    ("Ukrainian forces recaptured the south-eastern part of Kharkiv Oblast on 20 September.",
     [("recapture", "part:southeast:adm1:UA.07", "UA")]),
    # a namesake city's part is part of the city, not of the oblast: fought over
    ("Russian forces captured the northern part of Bakhmut on 3 March.",
     [("contested", "gn:713174", None)]),
    # without the article "north of X" only locates
    ("Russian troops withdrew from villages north of Kharkiv Oblast on 12 September.", []),
])
def test_a_compass_noun_of_a_unit_is_an_area_part(nlp, text, expected):
    assert _changes(text) == expected


@pytest.mark.integration
def test_a_crossing_to_a_settlement_leaves_the_other_bank(nlp):
    """Lysychansk lies south of the Donets: troops retreating across the river to it left the
    north (left) bank, against the rule's default far bank."""
    events = [e for e in _explained("Ukrainian forces retreated across the Donets to "
                                    "Lysychansk on 24 June.").events
              if e.place.id.startswith("bank:")]
    assert [(e.place.id, e.gain, e.loss) for e in events] == [
        ("bank:left:siverskyi-donets:adm1:UA.14", "RU", "UA")]
    assert "bank-siverskyi-donets.destination_bank" in events[0].provenance


@pytest.mark.integration
@pytest.mark.parametrize("text, expected", [
    ("On 2 April Ukrainian forces retook the whole area around Chernihiv.",
     [("recapture", "part:around:gn:710735", "UA")]),
    ("Russian troops withdrew from the area around Kyiv on 30 March.",
     [("withdrawal", "part:around:gn:703448", "UA")]),
    # villages around X are some of them, and fighting around X is about X
    ("Ukrainian forces recaptured villages around Izium on 9 September.", []),
])
def test_the_region_around_a_settlement_is_an_area(nlp, text, expected):
    assert [c for c in _changes(text) if c[0] != "contested"] == expected
    for e in _explained(text).events:
        if e.place.id.startswith("part:around:"):
            assert "area-around" in e.provenance


@pytest.mark.integration
def test_the_ground_around_a_settlement_holds_the_villages_near_it():
    from geo_events.areas import area_contains

    # Irpin lies some 25 km from Kyiv's centre, Chernihiv some 130 km
    assert area_contains("part:around:gn:703448", 30.25, 50.52)
    assert not area_contains("part:around:gn:703448", 31.29, 51.50)
