"""The subject of a gerund adjunct is the main clause's: "Russian units have pressed west since
capturing X in December" is Russia's capture (lexicon ``gerund_clause_prepositions``: "while",
"when", "through" beside "after", "by", "upon", "on", "before"; ``dated_gerund_clause_prepositions``
"since" with a date of the gerund's own: "since taking X" alone is the background the main
clause's event falls in, on no date, and names no side). Sentences are ours, on the real
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
    ("Russian units have pressed west ever since capturing Marinka in December.", "Mar", "RU"),
    ("Ukraine has kept up pressure on the left bank since liberating Kherson in November 2022.",
     "Khe", "UA"),
])
def test_the_gerund_takes_the_main_subject(nlp, text, place, gain):
    changes = [e for e in _extract(text) if e.is_control_change]
    assert [(e.place.name[:3], e.gain) for e in changes] == [(place, gain)]


@pytest.mark.integration
def test_an_undated_since_gerund_names_no_side(nlp):
    changes = [e for e in _extract("Police detained dozens of activists in Nova Kakhovka since "
                                   "taking control of the town.") if e.is_control_change]
    assert changes == []
