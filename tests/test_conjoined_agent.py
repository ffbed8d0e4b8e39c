"""A passive participle with no "by" phrase of its own shares the agent of the participle
conjoined with it when both tell a gain of the place ("X was seized and annexed by Moscow":
rule ``actor.conjoined_agent``), never across a change back ("X was captured and later
liberated by Ukrainian troops": the liberator did not capture it). Sentences are ours, on the
real pipeline and gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2022, 3, 23)


@pytest.mark.integration
def test_annexed_and_occupied_by_share_the_agent(explained):
    captures = [e for e in explained(PUBLISHED, "Historians note that Sevastopol was seized and "
                                     "annexed by Moscow in 2014.").events if e.kind == "capture"]
    assert [(e.place.name, e.gain) for e in captures] == [("Sevastopol", "RU")]
    assert "actor.conjoined_agent" in captures[0].provenance


@pytest.mark.integration
def test_no_agent_across_a_change_back(explained):
    captures = [e for e in explained(PUBLISHED, "Kherson was captured and later liberated by "
                                     "Ukrainian troops.").events if e.kind == "capture"]
    assert [e.gain for e in captures] == [None]
