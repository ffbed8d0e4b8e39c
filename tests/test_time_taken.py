""""It took <someone> <a stretch of time> to ..." is time taken, no territory: a "take" whose
subject is the expletive "it" (lexicon ``expletive_subjects``) and whose object is a noun of
time (``duration_nouns``) makes no event (rule ``veto.time_taken``), whatever party the
narrative named before. Sentences are ours, on the real pipeline and gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2023, 5, 2)


@pytest.mark.integration
@pytest.mark.parametrize("text", [
    "Ukrainian troops are short of shells. It took Poland and Germany eight months to agree "
    "on a joint order.",
    "Russian forces keep attacking. It took Moldova several weeks to restore its power grid.",
])
def test_time_taken_is_no_capture(explained, text):
    result = explained(PUBLISHED, text)
    assert [e for e in result.events if e.is_control_change] == []
    assert "veto.time_taken" in {d.rule for d in result.dropped}


@pytest.mark.integration
def test_a_party_taking_a_place_stays(explained):
    changes = [e for e in explained(PUBLISHED, "Russian forces took Soledar in January "
                                    "2023.").events if e.is_control_change]
    assert [(e.place.name[:3], e.gain) for e in changes] == [("Sol", "RU")]
