"""An attributive participle trigger joined by a hyphen to a party ("Russian-annexed Crimea")
is that party's act: its actor is the party before the hyphen (rule
``actor.hyphenated_agent``); the participle without one names no side. Sentences are ours, on
the real pipeline and gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2022, 8, 17)


@pytest.mark.integration
def test_the_party_before_the_hyphen_annexed(explained):
    claims = [e for e in explained(PUBLISHED, "Rail traffic resumed across Russian-annexed "
                                   "Crimea on Friday.").events if e.kind == "annexation_claim"]
    assert [(e.place.name, e.gain) for e in claims] == [("Crimea", "RU")]
    assert "actor.hyphenated_agent" in claims[0].provenance


@pytest.mark.integration
def test_a_bare_participle_names_no_side(explained):
    claims = [e for e in explained(PUBLISHED, "Rail traffic resumed across annexed Crimea on "
                                   "Friday.").events if e.kind == "annexation_claim"]
    assert [e.gain for e in claims] in ([], [None])
