"""A change named as the point a stretch of time is counted from ("in 2016, two years after
Russian forces occupied X") happened that long before the sentence's date: it is background,
dated only by a date of its own (rule ``background.time_after_event``), never the sentence's
year; an annexation claim named as a reference point too ("before the annexation of X": rule
``background.before_event``). Sentences are ours, on the real pipeline and gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2023, 6, 3)


@pytest.mark.integration
def test_the_counted_from_change_takes_no_later_date(control_changes):
    events = control_changes(PUBLISHED, "The treaty was signed in 2019, three years after "
                             "rebel-backed Russian troops seized Debaltseve.")
    assert [(e.place.name[:5], e.date_from) for e in events] == [("Debal", None)]
    assert "background.time_after_event" in events[0].provenance


@pytest.mark.integration
def test_its_own_date_stays(control_changes):
    events = control_changes(PUBLISHED, "Three days after Russian troops captured Kherson on "
                             "2 March 2022, the mayor resigned.")
    assert [(e.place.name[:3], e.date_from) for e in events] == [("Khe", date(2022, 3, 2))]


@pytest.mark.integration
def test_a_claim_named_as_a_reference_point_is_undated(explained):
    claims = [e for e in explained(PUBLISHED, "Ferries crossed the strait daily before the "
                                   "annexation of Crimea.").events
              if e.kind == "annexation_claim"]
    assert [(e.place.name, e.date_from) for e in claims] == [("Crimea", None)]
    assert "background.before_event" in claims[0].provenance
