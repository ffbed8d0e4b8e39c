"""A phrase whose loser slot must name an armed party (lexicon key ``armed_loser``: "clear X
of", "declare X free of"): "cleared X of Russian troops" is a capture from them, "sappers
cleared X of mines" names no party that lost X and makes no event (rule
``veto.unarmed_loser``). Sentences are ours, on the real pipeline and gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2022, 10, 5)


def _extract(text):
    from geo_events.events import extract_events

    return extract_events(text, published=PUBLISHED, profile="russia-ukraine", explain=True)


@pytest.mark.integration
@pytest.mark.parametrize("text", [
    "Sappers cleared Izium of mines on 20 September 2022.",
    "Engineers cleared Kupiansk of mines and unexploded shells on 15 September 2022.",
    "Volunteers cleared Lyman of rubble on 3 October 2022.",
])
def test_a_place_cleared_of_no_party_changes_no_hands(nlp, text):
    result = _extract(text)
    assert [e for e in result.events if e.is_control_change] == []
    assert "veto.unarmed_loser" in {d.rule for d in result.dropped}


@pytest.mark.integration
@pytest.mark.parametrize("text, place", [
    ("Ukrainian forces cleared Izium of Russian troops on 10 September 2022.", "Izy"),
    ("Ukrainian troops cleared Lyman of the occupiers on 1 October 2022.", "Lym"),
    ("Ukraine declared Izium free of Russian troops on 11 September 2022.", "Izy"),
])
def test_a_place_cleared_of_an_armed_party_is_taken_from_it(nlp, text, place):
    changes = [e for e in _extract(text).events if e.is_control_change]
    assert [(e.place.name[:3], e.gain, e.loss) for e in changes] == [(place, "UA", "RU")]
