"""The defender's ground in news reporting (#14): language that presupposes a side holds a
settlement without reporting a change (real spaCy pipeline, gazetteer and boundaries;
sentences written for these tests).

- a change or holding one side is said not to have made ("X, which the Russian army never
  reached", "X has never been occupied by Russian forces", "the cities Moscow does not hold")
  presumes the other side holds the settlement (extraction ``trigger.held.negated_change``,
  control rule ``negated-change-held-by-other``); not when the negated side says so itself,
  nor for "did not take X until May";
- a side's civil service working in a settlement ("the Ukrainian police guard the checkpoint on
  the edge of X", "the Ukrainian military administration in X") presumes that side holds it
  (``trigger.held.side_presence``, ``side-presence-held``), as does a side's stronghold ("the
  Ukrainian military hub of X"); a mayor alone is no evidence, "the Ukrainian city of X" is a
  city in Ukraine, and soldiers in a town under assault leave it contested.

Both are presumptions (effect ``presume``): they set a status only where there is none and
never change one, and only of settlements (not of an oblast).
"""

from __future__ import annotations

import pytest
from event_fixtures import PROFILE, events_on, rule_ids

from geo_events.events import extract_events
from geo_events.timeline import ControlTimeline

NEGATED = "trigger.held.negated_change"
PRESENCE = "trigger.held.side_presence"


def held(text: str, day: str = "2022-06-01", article: str = "a"):
    return [e for e in events_on(text, day, article) if e.kind == "held"]


def holdings(text: str, day: str = "2022-06-01") -> list[tuple[str, str | None, str]]:
    return [(e.place.name, e.gain, e.provenance[0]) for e in held(text, day)]


# -- negated change ------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "places"), [
    ("Pokrovsk and Dobropillia, which the Russian army never reached, took in thousands of "
     "people.", {"Pokrovsk", "Dobropillia"}),
    ("Pavlohrad has never been occupied by Russian forces.", {"Pavlohrad"}),
    ("Russian troops did not reach Orikhiv in the spring.", {"Orikhiv"}),
    ("Russia still does not hold Kostiantynivka, the largest town left in the area.",
     {"Kostyantynivka"}),
])
def test_a_change_the_occupier_did_not_make_presumes_the_defender_holds(text, places):
    got = holdings(text)
    assert {p for p, _, _ in got} == places, got
    assert all(side == "UA" and rule == NEGATED for _, side, rule in got), got
    (ev, *_) = held(text)
    assert ev.loss == "RU"


def test_the_negated_side_may_be_either():
    # "Ukraine has not recaptured X": Russia holds it
    assert holdings("Ukraine has not recaptured Tokmak.") == [("Tokmak", "RU", NEGATED)]


@pytest.mark.parametrize("text", [
    # the occupier's own word: a denial by the party, not the other side's holding
    "The Russian defence ministry said its troops had never entered Bucha.",
    "Russian officials insisted that Russian troops never reached Kupiansk.",
    # taken after all
    "Russian forces did not take Lyman until late May.",
    # no side named
    "The troops never reached Orikhiv.",
])
def test_no_holding_from_a_negation_that_does_not_presuppose_it(text):
    assert [e for e in held(text) if NEGATED in e.provenance] == []


def test_an_oblast_never_reached_is_no_holding_of_the_oblast():
    out = extract_events("Russian forces never reached Dnipropetrovsk Oblast.",
                         published="2022-06-01", profile=PROFILE, explain=True)
    assert [e for e in out.events if e.kind == "held"] == []
    assert "veto.presumed_not_settlement" in {d.rule for d in out.dropped}


def test_a_negated_change_presumes_and_never_changes_a_status():
    never = held("Pokrovsk, which the Russian army never reached, took in thousands of "
                 "people.", "2022-06-01", "n")
    (ev,) = never
    tl = ControlTimeline.from_events(never, profile=PROFILE)
    st = tl.status_at(ev.place.id, "2022-06-05")
    assert (st.state, st.side) == ("held", "UA")
    assert rule_ids(tl.history(ev.place.id)[0]) == {"negated-change-held-by-other"}
    # a capture reported for the town stands against it
    capture = events_on("Russian forces captured Pokrovsk on 30 May.", "2022-05-31", "c")
    tl = ControlTimeline.from_events(capture + never, profile=PROFILE)
    assert tl.status_at(ev.place.id, "2022-06-05").side == "RU"
    # the starting state too: "never reached" Donetsk city does not make it Ukrainian
    start = held("Donetsk city, which the Ukrainian army never reached, was quiet.")
    assert [e.gain for e in start] == ["RU"]
    tl = ControlTimeline.from_events(start, profile=PROFILE)
    assert tl.status_at(start[0].place.id, "2022-06-05").side == "RU"


# -- a side's services and garrison --------------------------------------------------------
@pytest.mark.parametrize(("text", "place"), [
    ("The Ukrainian police guard the last checkpoint on the edge of the town of Druzhkivka.",
     "Druzhkivka"),
    ("The Ukrainian military administration in Huliaipole announced a curfew.", "Hulyaypole"),
    ("Ukrainian firefighters put out a blaze in Nikopol on Monday.", "Nikopol"),
    ("Ukrainian police detained two looters in Kupiansk.", "Kupyansk"),
    ("Troops began advancing towards the strategic Ukrainian military hub of Kramatorsk.",
     "Kramatorsk"),
    ("Kramatorsk, a Ukrainian stronghold in the east, was shelled overnight.", "Kramatorsk"),
])
def test_a_side_s_service_in_a_town_presumes_it_holds_the_town(text, place):
    assert holdings(text) == [(place, "UA", PRESENCE)]
    (ev,) = held(text)
    tl = ControlTimeline.from_events([ev], profile=PROFILE)
    st = tl.status_at(ev.place.id, "2022-06-05")
    assert (st.state, st.side) == ("held", "UA")
    assert rule_ids(tl.history(ev.place.id)[0]) == {"side-presence-held"}


@pytest.mark.parametrize("text", [
    # a mayor alone: exiled mayors of occupied towns are quoted every day
    "The mayor of Melitopol said the situation in the city was dire.",
    "Ukrainian mayor of Melitopol Ivan Fedorov said residents were leaving.",
    # the police report, they do not work there
    "Ukrainian police said Russian troops had shelled Nikopol.",
    # where the service is not
    "Ukrainian police set up a checkpoint near Tokmak.",
    # "of X" names the jurisdiction (an administration in exile while X is occupied)
    "Ivan Fedorov, head of the Ukrainian military administration of Melitopol, said Russian "
    "forces had detained two teachers.",
    "The Ukrainian police of Kherson Oblast patrolled the embankment.",
    # an act about a place from afar is no presence
    "The Ukrainian police of Kherson Oblast opened an investigation into the killings in "
    "Oleshky.",
    "Ukrainian police documented the destruction in Oleshky.",
    # no side named
    "The police guard the last checkpoint on the edge of the town of Druzhkivka.",
    # a city in Ukraine, or a hub of no side, is no holding
    "The Ukrainian city of Pokrovsk was quiet on Sunday.",
    "Kramatorsk is a major transport hub.",
])
def test_no_presence_without_a_side_s_service_in_the_town(text):
    assert [e for e in held(text) if PRESENCE in e.provenance] == []


def test_soldiers_in_a_town_under_assault_leave_it_contested():
    text = ("Ukrainian soldiers stationed in Marinka fought off Russian assaults on Monday, "
            "and heavy fighting continued in Marinka.")
    evs = events_on(text, "2022-06-01")
    assert {e.kind for e in evs} >= {"held", "contested"}
    pid = next(e.place.id for e in evs if e.kind == "held")
    tl = ControlTimeline.from_events(evs, profile=PROFILE)
    assert tl.status_at(pid, "2022-06-03").state == "contested"


def test_a_negated_change_is_read_like_any_report():
    # an intention not to enter is no holding, nor is a condition
    assert [e for e in held("The Russians agreed with the town's council not to enter "
                            "Slavutych.") if NEGATED in e.provenance] == []
    assert [e for e in held("Moscow may bomb Kharkiv if it decides that it cannot seize "
                            "the city.") if NEGATED in e.provenance] == []
    # who says so still sets the status: a side's official claims it
    (ev,) = [e for e in held("A Ukrainian military spokesman said on 4 March that Russian "
                             "forces had not taken control of Bakhmut.")
             if NEGATED in e.provenance]
    assert (ev.place.name, ev.gain, ev.status) == ("Bakhmut", "UA", "claimed")
    assert any(r.startswith("factuality.reporting:say") for r in ev.provenance)
