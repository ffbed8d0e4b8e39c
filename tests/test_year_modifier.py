"""A year that modifies the noun naming a change ("Moscow's 2014 seizure of X", "the 2022
capture of X") dates that change (rule ``date.year_modifier``): not a date of an earlier
sentence of the paragraph, not the publication. Sentences are ours, on the real pipeline and
gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

from geo_events.events.extract import YEAR_MODIFIER_RULE

PUBLISHED = date(2024, 3, 12)


def _dated(explained, text: str, kind: str) -> list[tuple[str, date | None, date | None]]:
    events = [e for e in explained(PUBLISHED, text).events if e.kind == kind]
    return [(e.place.name, e.date_from, e.date_to) for e in events]


@pytest.mark.integration
def test_the_year_before_the_noun_dates_the_change(explained):
    text = ("The businessman bought the shipyard in 1998. Moscow's 2014 occupation of "
            "Crimea cost him the yard.")
    events = [e for e in explained(PUBLISHED, text).events if e.kind == "held"]
    assert [(e.place.name, e.date_from, e.date_to) for e in events] == [
        ("Crimea", date(2014, 1, 1), date(2014, 12, 31))]
    assert YEAR_MODIFIER_RULE in events[0].provenance


@pytest.mark.integration
def test_an_annexation_named_with_its_year(explained):
    assert _dated(explained, "Russia's 2014 annexation of Crimea was condemned at the UN.",
                  "annexation_claim") == [("Crimea", date(2014, 1, 1), date(2014, 12, 31))]


@pytest.mark.integration
def test_a_date_of_that_year_stays_more_precise(explained):
    text = "The 2022 capture of Kherson by Russian troops on 2 March 2022 shocked Kyiv."
    assert _dated(explained, text, "capture") == [
        ("Kherson", date(2022, 3, 2), date(2022, 3, 2))]


@pytest.mark.integration
def test_a_year_of_another_noun_dates_no_change(control_changes):
    events = control_changes(PUBLISHED, "Since its 2022 invasion, Russia has captured "
                             "Avdiivka, the general said on Monday.")
    assert [e.date_from.year for e in events if e.date_from] == [2024]
