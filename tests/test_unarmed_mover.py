"""A verb that needs an armed party ("reach", "enter", "leave", "return to") with a mover that
is none: a civilian, an official, a vehicle ("a convoy of evacuees", "the ambassador", "a
cargo train"; lexicon ``unarmed_mover_nouns``: the head noun, a noun compounded with it
or the "of" object of its head) makes no event (rule ``veto.unarmed_mover``), whatever side an
adjective gives it. Sentences are ours, on the real pipeline and gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2022, 6, 10)


@pytest.mark.integration
@pytest.mark.parametrize("text", [
    "The Italian ambassador returned to Kharkiv on Monday to reopen the consulate.",
    "A Ukrainian convoy of evacuees from Orikhiv reached Dnipro late on Tuesday.",
    "A Russian cargo train reached Dzhankoi on Sunday.",
])
def test_an_unarmed_mover_changes_no_hands(explained, text):
    result = explained(PUBLISHED, text)
    assert [e for e in result.events if e.kind in ("advance", "recapture", "withdrawal")] == []
    # a mover no side names ("the Italian ambassador") is no armed party at all (a named
    # organisation or people arms a mover only as the head of its phrase, news17); one a side
    # adjective names ("a Russian cargo train") is no armed party by its noun
    assert {d.rule for d in result.dropped} & {"veto.unarmed_mover", "veto.no_armed_party"}


@pytest.mark.integration
@pytest.mark.parametrize("text, place, gain", [
    ("Russian troops reached the outskirts of Sievierodonetsk on Tuesday.", "Siv", "RU"),
    ("A column of Ukrainian tanks entered Kherson on 11 November 2022.", "Khe", "UA"),
])
def test_an_armed_mover_stays(explained, text, place, gain):
    events = [e for e in explained(PUBLISHED, text).events if e.kind in ("advance", "recapture")]
    assert [(e.place.name[:3], e.gain) for e in events][:1] == [(place, gain)]
