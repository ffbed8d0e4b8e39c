"""Date expressions resolved against the publication date (pure functions, no spaCy)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo_events.errors import InputError
from geo_events.events.dates import (
    DateRange,
    default_range,
    find_dates,
    parse_iso_date,
    resolve_date,
)

MONDAY = date(2022, 10, 3)  # the flagship's publication date


def r(expr: str, published: date | None = MONDAY) -> tuple[str, str, str] | None:
    rng = resolve_date(expr, published)
    return None if rng is None else (rng.date_from.isoformat(), rng.date_to.isoformat(),
                                     rng.precision)


@pytest.mark.parametrize("expr, expected", [
    ("on Saturday", ("2022-10-01", "2022-10-01", "day")),
    ("on Monday", ("2022-10-03", "2022-10-03", "day")),  # the day of publication
    ("last Monday", ("2022-09-26", "2022-09-26", "day")),
    ("on Friday night", ("2022-09-30", "2022-09-30", "day")),
    ("over the weekend", ("2022-10-01", "2022-10-02", "week")),
    ("last week", ("2022-09-26", "2022-10-02", "week")),
    ("earlier this week", ("2022-10-03", "2022-10-03", "week")),
    ("last month", ("2022-09-01", "2022-09-30", "month")),
    ("since September 21", ("2022-09-21", "2022-10-03", "month")),
    ("in May", ("2022-05-01", "2022-05-31", "month")),
    ("in late September", ("2022-09-21", "2022-09-30", "month")),
    ("in late October", ("2021-10-21", "2021-10-31", "month")),  # not yet: a year back
    ("on July 3", ("2022-07-03", "2022-07-03", "day")),
    ("3 October", ("2022-10-03", "2022-10-03", "day")),
    ("on 5 October", ("2021-10-05", "2021-10-05", "day")),  # after publication: a year back
    ("in 2014", ("2014-01-01", "2014-12-31", "year")),
    ("mid-2014", ("2014-05-01", "2014-08-31", "year")),
    ("yesterday", ("2022-10-02", "2022-10-02", "day")),
    ("today", ("2022-10-03", "2022-10-03", "day")),
    ("overnight", ("2022-10-02", "2022-10-03", "day")),
    ("two days ago", ("2022-10-01", "2022-10-01", "day")),
    ("2022-09-30", ("2022-09-30", "2022-09-30", "day")),
    ("On 13 March 2022,", ("2022-03-13", "2022-03-13", "day")),
    ("Sept. 30, 2022", ("2022-09-30", "2022-09-30", "day")),
    ("March 2022", ("2022-03-01", "2022-03-31", "month")),
    ("in the past three days", ("2022-09-30", "2022-10-03", "week")),
])
def test_expressions(expr, expected):
    assert r(expr) == expected


def test_weekend_published_on_a_sunday_is_that_weekend():
    assert r("over the weekend", date(2022, 10, 2)) == ("2022-10-01", "2022-10-02", "week")


def test_historical_references_keep_their_own_date():
    found = find_dates("Russia seized Crimea in 2014 and withdrew on Saturday.", MONDAY)
    assert [(m.text, m.range.date_from.year) for m in found] == [("2014", 2014),
                                                                  ("on Saturday", 2022)]


@pytest.mark.parametrize("text", ["Russia may capture the town.", "Troops march on.",
                                  "about 2000 soldiers", "no date here"])
def test_words_that_are_not_dates(text):
    assert find_dates(text, MONDAY) == []


def test_relative_dates_need_a_publication_date():
    assert r("on Saturday", None) is None
    assert r("3 October", None) is None
    assert r("3 October 2022", None) == ("2022-10-03", "2022-10-03", "day")


def test_offsets_point_at_the_expression():
    text = "Ukrainian forces entered the city on July 3, officials said."
    (m,) = find_dates(text, MONDAY)
    assert text[m.start:m.end] == m.text == "July 3"


def test_default_range_is_publication_day_or_day_before():
    assert default_range(MONDAY) == DateRange(date(2022, 10, 2), MONDAY, "day")


def test_bad_inputs_raise_input_error():
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        parse_iso_date("3rd of Oct")
    with pytest.raises(InputError):
        DateRange(MONDAY, date(2022, 1, 1), "day")


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
       st.sampled_from(["on Saturday", "last week", "in May", "3 October", "yesterday",
                        "over the weekend", "since September 21", "last month", "in 2014",
                        "two weeks ago", "on Friday night", "in late October",
                        "in mid-May"]))
def test_ranges_are_ordered_and_never_after_publication(published, expr):
    rng = resolve_date(expr, published)
    assert rng is not None
    assert rng.date_from <= rng.date_to
    if expr != "in 2014":
        assert rng.date_to <= published


def test_leftmost_longest_keeps_what_its_reader_accepts():
    from geo_events.events.dates import leftmost_longest

    spans = [(5, 9, "b"), (0, 4, "a"), (0, 7, "A"), (6, 12, "c"), (10, 14, "d")]
    # leftmost first, the longest of a start; overlapping later ones are left out
    assert leftmost_longest(spans, lambda s, e, x: (e, x)) == ["A", "d"]
    # a skipped candidate blocks nothing; the end the reader keeps is what blocks
    assert leftmost_longest(spans, lambda s, e, x: None if x == "A" else (e, x)) == \
        ["a", "b", "d"]
    assert leftmost_longest(spans, lambda s, e, x: (s + 1, x)) == ["A", "b", "c", "d"]
