"""A capitalised common word after "the" ("the Peninsula") is no place name, neither for the
recogniser (a NER entity of one word of ``common_capitalised_words`` after an article) nor for
an event argument the geoparser missed (:func:`geo_events.geoparse.recover.recover`): no
village of that name in another country takes the event. A name with it stays ("the Crimean
Peninsula"). Sentences are ours, on the real pipeline and gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2022, 8, 23)


@pytest.mark.integration
def test_the_peninsula_is_no_place(explained):
    events = explained(PUBLISHED, "Tour operators stopped selling trips to the Peninsula. "
                       "Russian troops seized the Peninsula in 2014.").events
    assert [e.place.name for e in events if e.place is not None
            and e.place.country_code not in ("UA", "RU", None)] == []
    assert [e for e in events if e.is_control_change] == []


@pytest.mark.integration
def test_a_named_peninsula_stays(control_changes):
    changes = control_changes(PUBLISHED, "Russian troops seized the Crimean Peninsula in 2014.")
    assert [e.place.name for e in changes] == ["Crimea"]
