"""An annexation named by a noun in a sentence without a date expression ("the seizure and
annexation of the peninsula was only the start") is a past event named, on no known date: it
takes neither the paragraph's nor the publication's date (rule ``date.named_change_undated``),
as a control change named by a noun already did not. A statement dated by its sentence, or a
noun with a date of its own, keeps its date. Sentences are ours, on the real pipeline and
gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

from geo_events.events.extract import NAMED_CHANGE_UNDATED_RULE

PUBLISHED = date(2022, 9, 14)


def _claims(explained, text: str) -> list:
    return [e for e in explained(PUBLISHED, text).events if e.kind == "annexation_claim"]


@pytest.mark.integration
def test_a_named_annexation_takes_no_publication_date(explained):
    claims = _claims(explained, "For the envoy, the annexation of Crimea was a warning the "
                     "West ignored.")
    assert [(e.place.name, e.date_from) for e in claims] == [("Crimea", None)]
    assert NAMED_CHANGE_UNDATED_RULE in claims[0].provenance


@pytest.mark.integration
def test_nor_the_date_of_the_sentence_before(explained):
    claims = _claims(explained, "The envoy spoke in Vienna on 12 September. The annexation "
                     "of Crimea, he said, had emboldened Moscow.")
    assert [(e.place.name, e.date_from) for e in claims] == [("Crimea", None)]


@pytest.mark.integration
def test_a_named_annexation_with_its_own_date_keeps_it(explained):
    claims = _claims(explained, "Sanctions followed the annexation of Crimea in March 2014.")
    assert [(e.place.name, e.date_from, e.date_to) for e in claims] == [
        ("Crimea", date(2014, 3, 1), date(2014, 3, 31))]


@pytest.mark.integration
def test_an_annexation_told_by_a_verb_keeps_the_sentence_date(explained):
    claims = _claims(explained, "Russia annexed Crimea, the envoy said on Tuesday.")
    assert [(e.place.name, e.date_from) for e in claims] == [("Crimea", date(2022, 9, 13))]
