"""The subject of a gerund adjunct is the main clause's: "Moscow has held the initiative since
capturing X" is Russia's capture (lexicon ``gerund_clause_prepositions``: "since", "while",
"when", "through" beside "after", "by", "upon", "on", "before"). Sentences are ours, on the real
pipeline and gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2024, 5, 2)


def _extract(text):
    from geo_events.events import extract_events

    return extract_events(text, published=PUBLISHED, profile="russia-ukraine")


@pytest.mark.integration
@pytest.mark.parametrize("text, place, gain", [
    ("Moscow has held the initiative since capturing the town of Marinka in December.",
     "Mar", "RU"),
    ("Ukraine has kept up pressure on the left bank since liberating Kherson in November 2022.",
     "Khe", "UA"),
])
def test_the_gerund_takes_the_main_subject(nlp, text, place, gain):
    changes = [e for e in _extract(text) if e.is_control_change]
    assert [(e.place.name[:3], e.gain) for e in changes] == [(place, gain)]
