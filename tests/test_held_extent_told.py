"""Holdings news tells with their extent (#13/#14): "Russia controls nearly all of X Oblast"
(an ``ended_only`` phrase whose places are each quantified as a whole or below a part noun:
rule ``held.extent_told``), "60 percent of X is under Russian control" (shares as part nouns,
lexicon ``partial_nouns``), "residents of the Russian-occupied parts of X may be forced to ..."
(a holder adjective on a part noun with "of" presupposes the part holding whatever the modal
around it says: lexicon ``presupposed_part_nouns``, rule ``factuality.holder_presupposed``).
A whole is an area held whole, a part a part holding (``timeline.PART``: only its side's
ground). Our own sentences, on the real pipeline and gazetteer."""

from __future__ import annotations

import pytest

from geo_events.events import extract_events
from geo_events.timeline import PART, WHOLE, ControlTimeline

pytestmark = pytest.mark.integration

PROFILE = "russia-ukraine"
DONETSK, KHERSON, LUHANSK, ZAPORIZHZHIA = "adm1:UA.05", "adm1:UA.08", "adm1:UA.14", "adm1:UA.26"


def _held(text: str, day: str = "2022-08-10"):
    res = extract_events(text, published=day, profile=PROFILE, explain=True)
    return [e for e in res.events if e.kind == "held"], res.dropped


@pytest.mark.parametrize(("text", "place_id", "extent"), [
    # an extent quantified as the whole: the unit held whole
    ("Moscow now controls almost all of Luhansk oblast, the governor conceded.", LUHANSK, WHOLE),
    ("By August Russian troops controlled the whole of the Luhansk region.", LUHANSK, WHOLE),
    # below a part noun: a part holding
    ("Russian forces still control most of Kherson oblast.", KHERSON, PART),
    ("Russia controls large parts of Donetsk oblast.", DONETSK, PART),
])
def test_control_told_with_its_extent_is_a_holding(text, place_id, extent):
    held, _ = _held(text)
    assert [(e.place.id, e.gain) for e in held] == [(place_id, "RU")], text
    assert "held.extent_told" in held[0].provenance
    tl = ControlTimeline.from_events(held, profile=PROFILE, start=False)
    assert tl.status_at(place_id, "2022-08-20").extent == extent, text


@pytest.mark.parametrize(("text", "place_id"), [
    ("Roughly 80 percent of Luhansk oblast was under Russian control by June.", LUHANSK),
    ("Some 55% of the Donetsk region is now under Russian occupation.", DONETSK),
    ("About 70 per cent of Kherson oblast was held by Russian forces in the summer.", KHERSON),
])
def test_a_share_of_a_unit_is_a_part_holding(text, place_id):
    held, _ = _held(text)
    assert [(e.place.id, e.gain) for e in held] == [(place_id, "RU")], text
    assert "place.partial" in held[0].provenance
    tl = ControlTimeline.from_events(held, profile=PROFILE, start=False)
    assert tl.status_at(place_id, "2022-08-20").extent == PART


@pytest.mark.parametrize(("text", "place_id"), [
    ("Pensioners in the Russian-occupied parts of Zaporizhzhia oblast may lose their "
     "Ukrainian pensions.", ZAPORIZHZHIA),
    ("Farmers in the Russian-held areas of Kherson oblast could be made to sell grain to "
     "Moscow.", KHERSON),
])
def test_a_held_part_under_a_modal_is_presupposed(text, place_id):
    held, _ = _held(text)
    assert [(e.place.id, e.gain) for e in held] == [(place_id, "RU")], text
    assert {"factuality.holder_presupposed", "place.partial"} <= set(held[0].provenance)


@pytest.mark.parametrize(("text", "rule"), [
    # "control" without an extent still tells a holding only when told as ended
    ("Russian forces control Mykolaiv.", "veto.not_ended"),
    # a negated extent says nothing of the other side's holding
    ("Russia does not control all of Zaporizhzhia oblast.", "veto.not_ended"),
    # an aim
    ("Moscow wants to control all of Kharkiv oblast.", None),
    # the modal rules the holding itself, not a description of a place
    ("Russian troops may soon occupy parts of Kharkiv oblast.", None),
])
def test_no_holding_without_a_told_extent(text, rule):
    held, dropped = _held(text)
    assert held == [], text
    if rule is not None:
        assert rule in {d.rule for d in dropped}, text


# -- a river bank held (river_banks rule's ``holding_kinds``) ------------------------------------
@pytest.mark.parametrize(("text", "bank", "side"), [
    ("Russian forces still hold the left bank of the Dnipro river in Kherson oblast.",
     "bank:left:dnipro:adm1:UA.08", "RU"),
    ("Artillery hit Kherson at night. The eastern bank of the Dnieper is held by Russian "
     "troops.", "bank:left:dnipro:adm1:UA.08", "RU"),
    ("Artillery hit Kherson at night. Ukrainian troops hold the right bank of the Dnipro.",
     "bank:right:dnipro:adm1:UA.08", "UA"),
])
def test_a_bank_held_is_the_bank_area(text, bank, side):
    held, _ = _held(text, "2022-12-10")
    assert [(e.place.id, e.gain) for e in held] == [(bank, side)], text


def test_a_bank_held_is_no_namesake_place():
    # "east bank" is also a place name elsewhere: inside a bank phrase it is the bank
    held, _ = _held("Artillery hit Kherson at night. Russian troops hold the east bank of the "
                    "Dnipro.", "2022-12-10")
    assert [e.place.id for e in held] == ["bank:left:dnipro:adm1:UA.08"]
    # with no unit for the bank, no event (no namesake place instead)
    held, _ = _held("Russian troops hold the east bank of the Dnipro.", "2022-12-10")
    assert held == []
