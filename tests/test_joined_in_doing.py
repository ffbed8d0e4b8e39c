""""X joined Y in doing something" is doing it together, no accession of X to Y (rule
``everyday.joined_in_doing``: a gerund after "in" on the verb); "X joined Russia in
September" stays a claim. Sentences are ours, on the real pipeline and gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2022, 4, 12)


@pytest.mark.integration
def test_joined_in_doing_is_no_claim(explained):
    result = explained(PUBLISHED, "Minsk joined Moscow in condemning the new sanctions.")
    assert [e for e in result.events if e.kind == "annexation_claim"] == []
    assert "everyday.joined_in_doing" in {d.rule for d in result.dropped}


@pytest.mark.integration
def test_joined_in_a_month_stays(explained):
    claims = [e for e in explained(PUBLISHED, "Donetsk joined Russia in September 2022.").events
              if e.kind == "annexation_claim"]
    assert [(e.place.name[:3], e.gain) for e in claims] == [("Don", "RU")]
