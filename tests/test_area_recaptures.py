"""Area-level recaptures and withdrawals (#14, the control picture at the end of the Russian
withdrawal from the north in April 2022): a part noun qualifies only the places below it ("the
entirety of A Oblast and much of B Oblast"), a strike leaving places without power is no
withdrawal from them (real spaCy pipeline, gazetteer and boundaries; sentences written for
these tests)."""

from __future__ import annotations

import pytest

from geo_events.timeline import ControlTimeline
from tests.test_control_picture import events_of

PROFILE = "russia-ukraine"


def by_place(evs):
    return {e.place.id: e for e in evs}


# -- a part noun qualifies the places below it, not their conjuncts ------------------------------
@pytest.mark.parametrize("text", [
    "On 5 April 2022 Ukrainian troops liberated nearly the whole of Chernihiv Oblast and part "
    "of Sumy Oblast.",
    "On 5 April 2022 Ukrainian troops liberated Chernihiv Oblast and parts of Sumy Oblast.",
    "On 5 April 2022 the Ukrainian army recaptured almost the entirety of Chernihiv Oblast "
    "and much of Sumy Oblast.",
    "On 5 April 2022 the Ukrainian army recaptured much of Sumy Oblast and the entirety of "
    "Chernihiv Oblast.",
])
def test_the_whole_unit_beside_a_part_is_recaptured(text):
    evs = by_place(events_of((text, "2022-04-06")))
    whole, part = evs["adm1:UA.02"], evs["adm1:UA.21"]
    assert (whole.kind, whole.gain) == ("recapture", "UA"), text
    assert "kind.partial_contested" not in whole.provenance
    assert part.kind == "contested" and "kind.partial_contested" in part.provenance


@pytest.mark.parametrize("text", [
    "Russian forces captured most of Bakhmut and Soledar on 20 May 2023.",
    "On 5 April 2022 Ukrainian troops liberated parts of Sumy Oblast and Chernihiv Oblast.",
    "Russian troops took control of the outskirts of Kharkiv on 25 February 2022.",
])
def test_names_below_or_listed_after_a_part_noun_stay_partial(text):
    evs = events_of((text, "2023-06-01"))
    assert evs and all(e.kind == "contested" and "kind.partial_contested" in e.provenance
                       for e in evs), text


def test_a_part_holding_stays_a_part_beside_a_whole_one():
    evs = by_place(events_of((
        "By 3 July 2022 all of Luhansk Oblast and parts of Donetsk Oblast were under Russian "
        "control.", "2022-07-10")))
    assert "place.partial" not in evs["adm1:UA.14"].provenance
    assert "place.partial" in evs["adm1:UA.05"].provenance


# -- "left X without electricity" ----------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Russian missiles hit substations on Monday, which left Poltava, Sumy and parts of Kharkiv "
    "Oblast without power.",
    "The overnight Russian strikes left Zaporizhzhia and Dnipro without electricity and water.",
    "Russian shelling of the dam left Kherson without any running water for two days.",
])
def test_a_strike_leaving_places_without_supplies_is_no_withdrawal(text):
    evs = events_of((text, "2022-10-11"))
    assert not [e for e in evs if e.kind == "withdrawal"], text


def test_leaving_a_place_without_a_fight_is_a_withdrawal():
    evs = events_of(("Russian troops left Kherson without a fight on 11 November 2022.",
                     "2022-11-12"))
    assert [(e.kind, e.gain, e.place.id) for e in evs] == [("withdrawal", "UA", "gn:706448")]


# -- the timeline: an oblast recaptured beside one recaptured in part ----------------------------
def test_the_oblast_recaptured_beside_a_partial_one_reverts_its_towns():
    evs = events_of(
        ("Russian forces captured Nizhyn on 1 March 2022.", "2022-03-02"),
        ("On 3 April 2022 Ukrainian troops recaptured almost the entirety of Chernihiv Oblast "
         "and much of Sumy Oblast.", "2022-04-04"),
        ("The Pentagon confirmed on 6 April 2022 that Russian forces had left Chernihiv "
         "Oblast.", "2022-04-07"))
    tl = ControlTimeline.from_events(evs, profile=PROFILE)
    assert tl.status_at("gn:699942", "2022-03-15").side == "RU"
    st = tl.status_at("gn:699942", "2022-04-03")
    assert (st.state, st.side) == ("held", "UA")
    assert tl.status_at("adm1:UA.21", "2022-04-05").state != "held"
