"""An annexation claim is a claim made: a plan or an attempt to make one is none yet
("plans to annex X", "an attempt to annex X": lexicon ``claim_intention_heads``; "the planned
annexation of X": rule ``hypothetical.prospective_change``; "trying to annex X": rule
``goal.purpose_phrase``), while "the attempted/illegal annexation of X" names one made (a
claim) and a claim's own future ("X will join Russia forever", said by a party) is a claim.
Sentences are ours, on the real pipeline and gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2022, 7, 20)


def _claims(explained, text):
    return [e for e in explained(PUBLISHED, text).events if e.kind == "annexation_claim"]


@pytest.mark.integration
@pytest.mark.parametrize("text", [
    "Russia is preparing an attempt to annex the Kherson region.",
    "Moscow plans to annex Zaporizhzhia region by autumn.",
    "Putin's planned annexation of Kherson region was condemned.",
    "Russia is trying to annex the Kherson region.",
    "Officials warned that Moscow would attempt to annex the Luhansk region.",
])
def test_a_plan_or_attempt_is_no_claim(explained, text):
    assert _claims(explained, text) == []


@pytest.mark.integration
@pytest.mark.parametrize("text", [
    "The world condemned Russia's attempted annexation of Zaporizhzhia region.",
    "Putin said the Kherson region will join Russia forever.",
    "Russia annexed Crimea in 2014.",
    "Moscow stepped up its efforts to legitimise the annexation of Crimea.",
])
def test_a_claim_made_stays(explained, text):
    assert len(_claims(explained, text)) == 1
