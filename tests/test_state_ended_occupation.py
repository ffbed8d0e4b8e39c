"""A holding named under a word that ends it is a change, not a holding (#13, rule
``held.state_ended``, lexicon ``state_ending_heads``): "freed from the Russian occupation of
X", "the end of the occupation of X" say the holder lost X. Sentences written for these tests;
real pipeline."""

from __future__ import annotations

from datetime import date

from event_fixtures import PROFILE, events_on

from geo_events.timeline import ControlTimeline

VYSOKOPILLIA = "Vysokopillya"


def control(text: str, day: str = "2022-09-06"):
    return [(e.kind, e.gain, e.loss, e.date_from) for e in events_on(text, day)
            if e.place.name == VYSOKOPILLIA]


def test_freed_from_the_occupation_of_a_place_is_its_recapture():
    evs = events_on("The president thanked the brigade for freeing from the Russian occupation "
                    "of the village of Vysokopillia.", "2022-09-06")
    assert [(e.kind, e.gain, e.loss, e.place.name) for e in evs] == [
        ("recapture", "UA", "RU", VYSOKOPILLIA)]
    assert "held.state_ended" in evs[0].provenance
    assert "trigger.held.occupation_of.noun" in evs[0].provenance


def test_an_occupation_ended_on_a_day_is_dated_by_it():
    assert control("Troops ended the Russian occupation of the town of Vysokopillia on "
                   "Sunday.") == [("recapture", "UA", "RU", date(2022, 9, 4))]


def test_the_end_of_the_occupation_with_no_side_named():
    evs = events_on("Residents celebrated the end of the occupation of Vysokopillia on "
                    "Sunday.", "2022-09-06")
    assert [(e.kind, e.gain, e.loss, e.date_from) for e in evs] == [
        ("recapture", None, None, date(2022, 9, 4))]


def test_a_liberation_named_without_a_date_is_background():
    assert control("After the liberation from the Russian occupation of the town of "
                   "Vysokopillia, residents returned.") == [("recapture", "UA", "RU", None)]


def test_life_under_or_flight_from_an_occupation_is_a_holding():
    for text in ("Residents described life under the Russian occupation of Vysokopillia.",
                 "Residents fled from the Russian occupation of Vysokopillia."):
        assert [k[:3] for k in control(text)] == [("held", "RU", None)], text


def test_a_call_to_end_an_occupation_ends_nothing():
    kinds = [k[0] for k in control("Officials called for an end to the Russian occupation "
                                   "of Vysokopillia.")]
    assert "recapture" not in kinds


def test_a_demand_to_end_an_occupation_ends_nothing():
    # an infinitive ends nothing yet: the occupation it names still holds X
    assert [k[0] for k in control(
        "We reiterate our resolve to maintain pressure on Moscow to end its illegal occupation "
        "of the town of Vysokopillia and to restore Ukrainian control there.")] == ["held"]
    assert "recapture" not in [k[0] for k in control(
        "Ministers urged Russia to end its occupation of the town of Vysokopillia.")]


def test_the_timeline_hands_the_place_back():
    evs = events_on("Residents of Russian-occupied Vysokopillia said on 1 August that food was "
                    "scarce.", "2022-08-02", "a") + events_on(
        "Troops ended the Russian occupation of the town of Vysokopillia on Sunday.",
        "2022-09-06", "b")
    tl = ControlTimeline.from_events(evs, profile=PROFILE)
    place = evs[0].place.id
    assert tl.status_at(place, "2022-08-15").side == "RU"
    assert tl.status_at(place, "2022-09-10").side == "UA"
