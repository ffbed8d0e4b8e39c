"""A since-date past a part of the period ("since the first week of March 2022") runs to
publication like "since March 2022" (the date grammar's ``since`` ``before`` expression), so a
holding told with it is ``date.held_since``. Real pipeline; sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest
from event_fixtures import events_of

from geo_events.events.dates import find_dates

PUBLISHED = date(2023, 1, 20)


@pytest.mark.parametrize("text, start", [
    ("They have stayed there since the first week of March 2022.", date(2022, 3, 1)),
    ("It has been shut since the very first days of April 2022.", date(2022, 4, 1)),
    ("The road has been closed since the second half of May 2022.", date(2022, 5, 1)),
])
def test_a_since_date_past_a_part_of_the_period_runs_to_publication(text, start):
    (found,) = find_dates(text, PUBLISHED)
    assert (found.range.date_from, found.range.date_to) == (start, PUBLISHED)


@pytest.mark.parametrize("text", [
    "They arrived in the first week of March 2022.",
    "Since then, the first week of March 2022 has been remembered.",
])
def test_a_part_of_a_period_without_since_stays_the_period(text):
    (found,) = find_dates(text, PUBLISHED)
    assert found.range.date_to < PUBLISHED


@pytest.mark.integration
@pytest.mark.parametrize("text", [
    "Snihurivka has been under Russian control since the first week of March 2022.",
    "Russian forces have occupied Snihurivka since the first week of March 2022.",
])
def test_a_holding_since_the_first_week_of_a_month_lasts_to_publication(text):
    (ev,) = events_of((text, PUBLISHED.isoformat()))
    assert (ev.kind, ev.gain, ev.place.id) == ("held", "RU", "gn:693379")
    assert (ev.date_from, ev.date_to) == (date(2022, 3, 1), PUBLISHED)
    assert "date.held_since" in ev.provenance
