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


# -- the places a change names in other words ----------------------------------------------------
def test_places_along_with_the_trigger_share_its_change():
    evs = by_place(events_of((
        "Ukrainian forces regained control of Hlukhiv on 11 April 2022, along with the rest of "
        "Sumy, Chernihiv, and Kyiv oblasts.", "2022-06-01")))
    for pid in ("gn:707758", "adm1:UA.21", "adm1:UA.02", "adm1:UA.13"):
        assert (evs[pid].kind, evs[pid].gain) == ("recapture", "UA"), pid
    evs = events_of(("Russian troops withdrew from Kherson along with their equipment on "
                     "11 November 2022.", "2022-11-12"))
    assert [e.place.id for e in evs] == ["gn:706448"]
    evs = events_of(("Russian forces, along with DPR units, captured Volnovakha on 12 March "
                     "2022.", "2022-03-13"))
    assert [(e.place.id, e.gain) for e in evs] == [("gn:689198", "RU")]


def test_a_repeated_preposition_and_a_plural_type_word_name_every_oblast():
    evs = by_place(events_of((
        "On 2 April 2022 the exhausted Russian columns pulled back not only from Kyiv Oblast "
        "but also from Sumy and Chernihiv Oblasts.", "2022-06-01")))
    assert {pid for pid, e in evs.items() if e.kind == "withdrawal" and e.gain == "UA"} == {
        "adm1:UA.13", "adm1:UA.21", "adm1:UA.02"}


# -- a holder saying it still holds a place ------------------------------------------------------
def test_a_holder_still_holding_its_city_holds_it():
    evs = events_of(("The regional governor said on 26 February 2022 that the city of Kharkiv "
                     "was still under Ukrainian control.", "2022-02-27"))
    assert [(e.kind, e.status) for e in evs] == [("held", "claimed")]
    assert "held.continuing" in evs[0].provenance
    tl = ControlTimeline.from_events(evs, profile=PROFILE)
    st = tl.status_at("gn:706483", "2022-03-10")
    assert (st.state, st.side) == ("held", "UA")
    # (the change that made it held; a holding reported once lapses after held_days)
    held = [ch for ch in tl.history("gn:706483") if ch.state == "held"]
    assert "holder-still-holds" in ",".join(held[-1].rules)
    # without "still" a holder's statement stays a claim
    evs = events_of(("The regional governor said on 26 February 2022 that the city of Kharkiv "
                     "was under Ukrainian control.", "2022-02-27"))
    tl = ControlTimeline.from_events(evs, profile=PROFILE)
    assert tl.status_at("gn:706483", "2022-03-10").state == "claimed"


def test_still_holding_does_not_undo_a_reported_capture_days_later():
    evs = events_of(("Russian forces captured Lysychansk on 3 July 2022.", "2022-07-04"),
                    ("The governor said on 10 July 2022 that Lysychansk was still under "
                     "Ukrainian control.", "2022-07-11"))
    tl = ControlTimeline.from_events(evs, profile=PROFILE)
    st = tl.status_at("Lysychansk", "2022-07-20")
    assert (st.state, st.side) == ("held", "RU")


# -- a battle won --------------------------------------------------------------------------------
def test_the_winner_of_a_battle_holds_its_place():
    evs = events_of(("On 14 May 2022 analysts assessed that Ukraine appeared to have won the "
                     "battle of Kharkiv.", "2022-05-15"))
    held = [e for e in evs if e.place.id == "gn:706483"]
    assert [(e.kind, e.gain) for e in held] == [("held", "UA")]
    assert "held.battle_won" in held[0].provenance
    evs = events_of(("Russia won the battle for Mariupol on 20 May 2022.", "2022-05-21"))
    assert [(e.kind, e.gain, e.place.id) for e in evs] == [("held", "RU", "gn:701822")]
    for text in ("Whoever wins the battle for Sievierodonetsk will pay a heavy price.",
                 "The battle of Bakhmut went on through March 2023."):
        assert all(e.kind != "held" for e in events_of((text, "2023-04-01"))), text
