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


@pytest.mark.integration
@pytest.mark.parametrize("text, place, gain", [
    ("Russian units have pressed west ever since capturing Marinka in December.", "Mar", "RU"),
    ("Ukraine has kept up pressure on the left bank since liberating Kherson in November 2022.",
     "Khe", "UA"),
])
def test_the_gerund_takes_the_main_subject(control_changes, text, place, gain):
    changes = control_changes(PUBLISHED, text)
    assert [(e.place.name[:3], e.gain) for e in changes] == [(place, gain)]


@pytest.mark.integration
def test_an_undated_since_gerund_names_no_side(control_changes):
    changes = control_changes(PUBLISHED, "Police detained dozens of activists in Nova Kakhovka "
                              "since taking control of the town.")
    assert changes == []
