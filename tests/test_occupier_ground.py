"""The occupier's ground in news reporting (#14; sentences written for these tests, real spaCy
pipeline, gazetteer and boundaries):

- a holder adjective naming the occupier on a settlement noun presupposes the holding whatever
  the clause around it intends or may do ("the convoy was due to pass through *the
  Russian-held town of X*", "Kyiv wants to retake *the occupied city of X*"; rule
  ``factuality.holder_presupposed``);
  a negation or a condition still rules it; a holder on a bare name (an oblast's namesake
  city) and the defender's holding under the occupier's intention (a front-line town under
  assault) are left to the clause;
- fire or an assault by one side from a settlement presupposes the shooter holds it
  ("Russian forces shelled Y from X", "Russian artillery in X shelled Y", "launched an
  offensive from X", "troops stationed in X": extraction rule ``trigger.held.fire_origin``),
  which the evidence rule ``fired-from-held-by-shooter`` makes a presumption of the
  shooter's holding (the mechanism of ``shelled-held-by-other``, the other direction);
- a party's report naming the other side the holder of a place ("the governor said ... the
  Russian-held city of X") concedes it: a report, no claim (``factuality.holder_conceded``);
- "X, a key area seized by Russia": an area noun in apposition stands for X
  (lexicon ``apposed_area_nouns``, rule ``place.apposition_names``).
"""

from __future__ import annotations

from datetime import date

import pytest
from event_fixtures import PROFILE, events_on, rule_ids

from geo_events.events import extract_events
from geo_events.timeline import ControlTimeline

DAY = "2022-06-01"


def explained(text: str, day: str = DAY):
    return extract_events(text, published=date.fromisoformat(day), profile=PROFILE,
                          explain=True)


def held(evs) -> list[tuple[str, str, str | None]]:
    """(place name, place level, gain) of the held events."""
    return [(e.place.name, e.place.level, e.gain) for e in evs if e.kind == "held"]


# -- the occupier named holder on a settlement noun: the holding is presupposed ------------------
@pytest.mark.parametrize(("text", "name", "side"), [
    ("The evacuation convoy was due to pass through the Russian-held town of Polohy on "
     "Thursday.", "Polohy", "RU"),
    ("The buses will travel through the Russian-controlled city of Tokmak, officials said.",
     "Tokmak", "RU"),
    ("Kyiv wants to retake the occupied town of Vasylivka before the winter.", "Vasylivka",
     "RU"),
])
def test_a_holder_on_a_settlement_noun_holds_under_an_intention_or_a_modal(text, name, side):
    out = explained(text)
    (ev,) = [e for e in out.events if e.kind == "held"]
    assert (ev.place.name, ev.place.level, ev.gain) == (name, "populated_place", side)
    assert "factuality.holder_presupposed" in ev.provenance
    # the intended change itself is still no event
    assert not [e for e in out.events if e.kind in ("capture", "recapture")]


def test_a_holder_on_a_noun_of_areas_stays_with_the_clause():
    # which part of an area is meant is the clause's to say: no holding read from the noun
    for text in ("This is not about the occupied territories but about the rest of the country.",
                 "The occupied regions of Donbas will return to Ukraine one day, he said."):
        assert held(explained(text).events) == [], text


@pytest.mark.parametrize(("text", "rule"), [
    # a negation or a condition still rules the noun phrase
    ("The convoy will not pass through the Russian-held town of Polohy.",
     "factuality.negation"),
    ("If the Russian-held town of Polohy falls, the road to the coast opens.",
     "factuality.conditional"),
    # a holder on a bare name is left to the clause
    ("The convoy will travel through Russian-held Polohy.", "factuality.modal"),
    # the defender's holding under the occupier's intention: a front-line town under assault
    ("Moscow aims to capture the Ukrainian-held town of Orikhiv this summer.",
     "factuality.infinitive"),
])
def test_a_negated_conditional_or_bare_name_holder_stays_dropped(text, rule):
    out = explained(text)
    assert held(out.events) == []
    assert rule in {d.rule for d in out.dropped if d.kind == "held"}


def test_a_plain_report_of_a_holder_adjective_is_unchanged():
    out = explained("The convoy passed through the Russian-held town of Polohy on Thursday.")
    (ev,) = [e for e in out.events if e.kind == "held"]
    assert ev.place.name == "Polohy" and ev.gain == "RU"
    assert "factuality.holder_presupposed" not in ev.provenance


# -- a party naming the other side the holder concedes it: a report, no claim -------------------
@pytest.mark.parametrize(("text", "status", "conceded"), [
    ("The Ukrainian deputy prime minister said the buses would go through the Russian-held "
     "city of Tokmak.", "reported", True),
    ("The regional governor said Russian troops had massed in occupied Melitopol.",
     "reported", True),
    # the last town a side holds: the state a change ends, not conceded
    ("Moscow said its troops had taken Kupiansk, the last Ukrainian-controlled town in the "
     "district.", "claimed", False),
    # the holder's own side naming it in a description: a descriptor the report presupposes,
    # a report too (factuality.holder_described, tests/test_described_holdings_in_reports.py)
    ("Russia's defence ministry said the buses would go through the Russian-held city of "
     "Tokmak.", "reported", False),
])
def test_a_holder_named_by_the_other_side_is_reported(text, status, conceded):
    (ev,) = [e for e in events_on(text, DAY) if e.kind == "held"]
    assert ev.status == status
    assert ("factuality.holder_conceded" in ev.provenance) is conceded


# -- fire from a place: the shooter holds it -----------------------------------------------------
@pytest.mark.parametrize(("text", "origin", "side"), [
    ("Russian forces shelled Orikhiv from Tokmak overnight.", "Tokmak", "RU"),
    ("Russian artillery in Vasylivka shelled Stepnohirsk on Sunday.", "Vasylivka", "RU"),
    ("Russian forces fired rockets at Nikopol from Enerhodar on Monday.", "Enerhodar", "RU"),
    ("Moscow's troops launched an offensive from Polohy on Monday.", "Polohy", "RU"),
    ("Russian troops advanced from Polohy towards Huliaipole on Monday.", "Polohy", "RU"),
    ("Russian troops stationed in Melitopol were moved to the front.", "Melitopol", "RU"),
    ("Ukrainian gunners fired at Russian positions from Orikhiv on Tuesday.", "Orikhiv", "UA"),
])
def test_fire_from_a_settlement_holds_it_for_the_shooter(text, origin, side):
    evs = events_on(text, DAY)
    (ev,) = [e for e in evs if e.provenance and e.provenance[0] == "trigger.held.fire_origin"]
    assert (ev.kind, ev.place.name, ev.place.level, ev.gain) == (
        "held", origin, "populated_place", side)


def test_fire_from_a_settlement_is_a_presumption_of_the_shooter():
    evs = events_on("Russian forces shelled Orikhiv from Tokmak on 3 May.", DAY)
    tl = ControlTimeline.from_events(evs, profile=PROFILE)
    tokmak = next(e.place.id for e in evs if e.place.name == "Tokmak")
    orikhiv = next(e.place.id for e in evs if e.place.name == "Orikhiv")
    assert tl.status_at(tokmak, "2022-05-02").state == "unknown"
    st = tl.status_at(tokmak, "2022-05-10")
    assert (st.state, st.side, st.since) == ("held", "RU", date(2022, 5, 3))
    assert rule_ids(tl.history(tokmak)[0]) == {"fired-from-held-by-shooter"}
    # the target is presumed the other side's, as before
    assert tl.status_at(orikhiv, "2022-05-10").side == "UA"
    assert rule_ids(tl.history(orikhiv)[0]) == {"shelled-held-by-other"}


def test_a_presumption_from_fire_never_changes_a_reported_status():
    evs = events_on("Ukrainian forces recaptured Vasylivka on 20 May.", DAY, "r") \
        + events_on("Russian forces shelled Stepnohirsk from Vasylivka on 28 May.", DAY, "s")
    tl = ControlTimeline.from_events(evs, profile=PROFILE)
    vas = next(e.place.id for e in evs if e.place.name == "Vasylivka")
    assert tl.status_at(vas, "2022-06-10").side == "UA"


@pytest.mark.parametrize("text", [
    # a plan to attack from a place
    "Russian forces plan to launch an assault from Tokmak next week.",
    # shelling OF the place: the existing presumption of the other side, nothing from it
    "Russian forces shelled Tokmak overnight.",
    # no side named
    "Orikhiv was shelled from Tokmak on Monday.",
    # from an oblast, not a settlement
    "Russian forces shelled Kharkiv from Belgorod region overnight.",
    # from a part of a town only: its outskirts
    "Russian forces attacked from the outskirts of Avdiivka on Monday.",
    # a town near an occupied one: the fire is at it, not from it
    "Russian forces shelled villages near Tokmak on Monday.",
    # a claim that troops would attack from there: a modal
    "The governor said Russian troops could attack from Vasylivka.",
])
def test_no_holding_from_fire_that_is_not_from_a_held_settlement(text):
    evs = events_on(text, DAY)
    assert [e for e in evs if "trigger.held.fire_origin" in e.provenance] == []
    assert [e for e in evs if e.kind == "held" and e.gain == "RU"] == []


# -- "X, a key area seized by Russia": the area noun in apposition stands for X -----------------
def test_an_area_noun_in_apposition_names_the_place_taken():
    evs = events_on("The ministry urged citizens in Melitopol, a key area seized by Russia, to "
                    "report where the soldiers sleep.", DAY)
    (ev,) = [e for e in evs if e.place.name == "Melitopol"]
    assert ev.kind in ("capture", "held") and ev.gain == "RU"
    assert "place.apposition_names" in ev.provenance


def test_an_area_noun_in_apposition_under_a_plan_takes_nothing():
    evs = events_on("Residents of Melitopol, an area Russia plans to seize, are leaving.", DAY)
    assert [e for e in evs if e.kind in ("capture", "held")] == []
