"""A withdrawal from a river's bank reaches the same bank across its unit's border (rule
``area-bank-reach``, ``withdrawal_reach_km`` of ``geo_events/data/rivers.json``): the Dnipro's
right bank left in Kherson Oblast is left in the bordering stretch of Mykolaiv Oblast too.
Real pipeline, gazetteer and boundaries; sentences written for these tests."""

from __future__ import annotations

import pytest
from event_fixtures import events_of

from geo_events.timeline import ControlTimeline

SNIHURIVKA = "gn:693379"  # Mykolaiv Oblast, right bank, some 10 km from Kherson Oblast
BASHTANKA = "gn:712775"  # Mykolaiv Oblast, right bank, beyond the reach
KAMIANKA = "gn:707026"  # Kamianka-Dniprovska, Zaporizhzhia Oblast, left bank

WITHDRAWN = (
    ("Russian troops withdrew from the right bank of the Dnipro in Kherson Oblast on 11 "
     "November.", "2022-11-12"),
    ("On 11 November the Russian army completed its withdrawal from the right bank of the "
     "Dnieper in Kherson Oblast.", "2022-11-13"),
)


@pytest.mark.integration
def test_a_bank_left_in_one_unit_is_left_across_the_border():
    events = events_of(("Russian forces captured Snihurivka on 18 March 2022.", "2022-03-19"),
                       *WITHDRAWN)
    assert {e.place.id for e in events if e.kind == "withdrawal"} == {
        "bank:right:dnipro:adm1:UA.08"}
    tl = ControlTimeline.from_events(events, profile="russia-ukraine")
    assert tl.status_at(SNIHURIVKA, "2022-11-01").side == "RU"
    assert tl.status_at(SNIHURIVKA, "2022-11-20").side == "UA"
    assert "area-bank-reach" in tl.history(SNIHURIVKA)[-1].rules[0]


@pytest.mark.integration
def test_a_bank_holding_told_as_ended_reaches_across_the_border_too():
    events = events_of(
        ("Russian forces captured Snihurivka on 18 March 2022.", "2022-03-19"),
        ("By 12 November 2022 Russian forces no longer held any ground on the right bank of "
         "the Dnieper in Kherson Oblast.", "2022-11-13"),
        ("Russian troops no longer had a foothold on the right bank of the Dnipro in Kherson "
         "Oblast on 12 November 2022.", "2022-11-14"))
    assert {e.place.id for e in events if e.kind == "recapture"} == {
        "bank:right:dnipro:adm1:UA.08"}
    tl = ControlTimeline.from_events(events, profile="russia-ukraine")
    assert tl.status_at(SNIHURIVKA, "2022-11-20").side == "UA"


@pytest.mark.integration
def test_the_reach_stops_at_its_distance():
    events = events_of(("Russian forces captured Bashtanka on 10 March 2022.", "2022-03-11"),
                       *WITHDRAWN)
    tl = ControlTimeline.from_events(events, profile="russia-ukraine")
    assert tl.status_at(BASHTANKA, "2022-11-20").side == "RU"


@pytest.mark.integration
def test_only_the_bank_the_river_record_names_reaches():
    """The Dnipro's left bank reaches nothing: leaving it in Kherson Oblast says nothing of
    Zaporizhzhia Oblast's villages on that bank."""
    events = events_of(
        ("Russian forces captured Kamianka-Dniprovska on 1 March 2022.", "2022-03-02"),
        ("Russian troops withdrew from the left bank of the Dnipro in Kherson Oblast on 11 "
         "November.", "2022-11-12"),
        ("On 11 November the Russian army completed its withdrawal from the left bank of the "
         "Dnieper in Kherson Oblast.", "2022-11-13"))
    assert {e.place.id for e in events if e.kind == "withdrawal"} == {
        "bank:left:dnipro:adm1:UA.08"}
    tl = ControlTimeline.from_events(events, profile="russia-ukraine")
    assert tl.status_at(KAMIANKA, "2022-11-20").side == "RU"


@pytest.mark.integration
@pytest.mark.parametrize("text", [
    "Russian forces withdrew from the west bank of the Dnipro in Kherson Oblast on 11 "
    "November 2022.",
    "The Russian army left Kherson on 11 November 2022. By then Russian forces no longer had "
    "a foothold on the west bank of the Dnipro.",
])
def test_a_named_bank_is_no_place_of_its_own_name(text):
    """"the west bank" of the Dnipro is the river's bank, never the West Bank (a region the
    geoparser knows); a foothold told as ended leaves the bank it names."""
    events = [e for e in events_of((text, "2022-11-20")) if e.is_control_change]
    assert "bank:right:dnipro:adm1:UA.08" in {e.place.id for e in events}
    assert all(not e.place.id.startswith("region:") for e in events)
