"""A passive participle with no "by" phrase of its own shares the agent of the participle
conjoined with it when both tell a gain of the place ("X was annexed and occupied by Russian
forces": rule ``actor.conjoined_agent``), never across a change back ("X was captured and later
liberated by Ukrainian troops": the liberator did not capture it). Sentences are ours, on the
real pipeline and gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2022, 3, 23)


def _extract(text):
    from geo_events.events import extract_events

    return extract_events(text, published=PUBLISHED, profile="russia-ukraine")


@pytest.mark.integration
def test_annexed_and_occupied_by_share_the_agent(nlp):
    claims = [e for e in _extract("Officials recalled that Crimea was annexed and occupied by "
                                  "Russian forces in 2014.") if e.kind == "annexation_claim"]
    assert [(e.place.name, e.gain) for e in claims] == [("Crimea", "RU")]
    assert "actor.conjoined_agent" in claims[0].provenance


@pytest.mark.integration
def test_no_agent_across_a_change_back(nlp):
    captures = [e for e in _extract("Kherson was captured and later liberated by Ukrainian "
                                    "troops.") if e.kind == "capture"]
    assert [e.gain for e in captures] == [None]
