"""A holding told as ended (#14 area events): "Russian forces no longer occupied X" is a loss of
X by its holder (rule ``held.no_longer``), and "no longer held any villages in X Oblast" the
loss of the whole unit (``place.none_left_in``), an area event that updates the settlements
inside it (real spaCy pipeline, gazetteer and boundaries; sentences written for these tests)."""

from __future__ import annotations

import pytest
from event_fixtures import PROFILE, events_of

from geo_events.timeline import ControlTimeline


def _changes(evs):
    return [(e.kind, e.gain, e.loss, e.place.id) for e in evs]


# -- the whole unit ------------------------------------------------------------------------------
@pytest.mark.parametrize("text, unit", [
    ("By 12 November 2022, Russian forces no longer occupied any towns or villages in "
     "Mykolaiv Oblast.", "adm1:UA.16"),
    ("Russian troops no longer held any territory in Sumy Oblast on 6 April 2022.",
     "adm1:UA.21"),
    ("On 3 April 2022 the invaders no longer occupied any settlements within Chernihiv "
     "Oblast.", "adm1:UA.02"),
])
def test_nothing_left_held_in_a_unit_is_the_whole_unit_lost(text, unit):
    evs = events_of((text, "2022-11-20"))
    assert _changes(evs) == [("recapture", "UA", "RU", unit)], text
    assert {"held.no_longer", "place.none_left_in", "place.whole_unit"} <= set(
        evs[0].provenance)
    assert "place.partial" not in evs[0].provenance


def test_the_unit_lost_by_two_articles_reverts_its_villages():
    evs = events_of(
        ("Russian forces captured Snihurivka on 18 March 2022.", "2022-03-19"),
        ("By 12 November 2022 Russian forces no longer occupied any villages in Mykolaiv "
         "Oblast.", "2022-11-13"),
        ("Russian troops no longer held any territory in Mykolaiv Oblast on 13 November "
         "2022.", "2022-11-14"))
    tl = ControlTimeline.from_events(evs, profile=PROFILE)
    assert tl.status_at("Snihurivka", "2022-06-01").side == "RU"
    st = tl.status_at("Snihurivka", "2022-11-20")
    assert (st.state, st.side) == ("held", "UA")


# -- a settlement --------------------------------------------------------------------------------
def test_a_settlement_no_longer_occupied_is_recaptured():
    evs = events_of(("Russian forces no longer occupied Kherson by 12 November 2022.",
                     "2022-11-13"))
    assert _changes(evs) == [("recapture", "UA", "RU", "gn:706448")]
    assert "held.no_longer" in evs[0].provenance


@pytest.mark.parametrize("text, place, gain", [
    ("Kherson was no longer under Russian control by 11 November 2022.", "gn:706448", "UA"),
    ("Lyman was no longer held by Russian forces on 1 October 2022.", "gn:704204", "UA"),
    ("Zelensky said on 21 May 2023 that Ukraine no longer held Bakhmut.", "gn:713174", "RU"),
])
def test_a_control_state_or_a_passive_no_longer_holding_is_the_holders_loss(text, place, gain):
    evs = events_of((text, "2023-06-01"))
    assert [(e.kind, e.gain, e.place.id) for e in evs] == [("recapture", gain, place)], text
    assert "held.no_longer" in evs[0].provenance
    assert evs[0].status == "reported"  # (the holder's own word is a concession)


def test_a_holding_still_told_stays_a_holding():
    evs = events_of(("Russian-held Melitopol was no longer safe for collaborators in 2023.",
                     "2023-06-01"))
    assert [(e.kind, e.gain) for e in evs] == [("held", "RU")]
    assert "held.no_longer" not in evs[0].provenance


# -- what stays out ------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Russian forces no longer occupied the bridge.",
    "Russian forces will no longer occupy any villages in Mykolaiv Oblast.",
    "Russian forces might no longer hold any territory in Sumy Oblast by the spring.",
])
def test_no_unit_or_no_fact_is_no_change(text):
    evs = events_of((text, "2022-11-20"))
    assert not [e for e in evs if e.kind in ("recapture", "withdrawal", "capture")
                and e.status in ("reported", "assessed")], text


def test_a_denied_end_of_a_holding_moves_nothing():
    evs = events_of(("Moscow denied on 20 November 2022 that its forces no longer occupied "
                     "any villages in Mykolaiv Oblast.", "2022-11-21"))
    assert all(e.status in ("denied", "disputed") for e in evs), _changes(evs)


def test_a_town_with_nothing_left_in_it_is_not_a_unit_lost():
    evs = events_of(("Russian forces no longer held any buildings in Kherson Oblast.",
                     "2022-11-20"))
    assert not [e for e in evs if e.kind == "recapture"]
    # "any villages near X": no unit named as the place where nothing is left
    evs = events_of(("Russian forces no longer occupied any villages near Kherson.",
                     "2022-11-20"))
    assert not [e for e in evs if e.kind == "recapture"]
