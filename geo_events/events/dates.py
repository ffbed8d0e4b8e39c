"""Date expressions in news text, resolved against the article's publication date.

Pure functions, no spaCy: :func:`find_dates` scans a text for date expressions and resolves each
to a :class:`DateRange` ``(date_from, date_to, precision)``; :func:`resolve_date` resolves one
expression; :func:`default_range` is the range given to an event whose sentence has no date.

The expressions are data: a date grammar (:mod:`geo_events.events.date_grammar`) is the file
the language pack names (``date_grammar``; English: ``geo_events/data/lang/en/dates.json``)
with the language's number, part, cue, day and unit words and the expressions' patterns, each
naming the mechanism here that resolves it (``reads``: ``day_month``, ``ago``, ...); month and
weekday names come from the pack itself.

Conventions:

* ranges are inclusive: ``date_from <= date_to``;
* ``precision`` names the granularity of the expression: ``day`` ("on Saturday", "3 October",
  "yesterday"), ``week`` ("over the weekend", "last week", "early this week"), ``month``
  ("in May", "late September", "last month"), ``year`` ("in 2014"). A range that spans a stretch of
  time ("since September 21") gets the precision of its width (<= 1 day: day, <= 7: week,
  <= 31: month, else year);
* relative expressions ("on Saturday", "last week", "yesterday") look *back* from the publication
  date: "on Saturday" in a text published on a Monday is the Saturday two days before; in a text
  published on a Saturday it is that day. A day and month without a year ("3 October", "on July
  3", "in May") is the latest such date not after the publication date (news reports what has
  happened); with no publication date it is not resolved;
* explicit years keep their own date, however old: "Russia seized Crimea in 2014" is 2014;
* :func:`default_range`: an event reported without any date expression happened on the day of
  publication or the day before (news is written the day after the fact as often as the same
  day): ``published - 1 day .. published``, precision ``day``.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

from geo_events.errors import InputError
from geo_events.events.date_grammar import DateGrammar, _norm, date_grammar, read_date_grammar

__all__ = ["DateGrammar", "DateMention", "DateRange", "date_grammar", "default_range",
           "find_dates", "leftmost_longest", "parse_iso_date", "read_date_grammar",
           "resolve_date"]

S = TypeVar("S")
R = TypeVar("R")

PRECISIONS = ("day", "week", "month", "year")


@dataclass(frozen=True, slots=True)
class DateRange:
    """An inclusive range of days and the precision of the expression it came from."""

    date_from: date
    date_to: date
    precision: str

    def __post_init__(self) -> None:
        if self.date_to < self.date_from:
            raise InputError(f"date range {self.date_from}..{self.date_to} ends before it starts")
        if self.precision not in PRECISIONS:
            raise InputError(f"date precision {self.precision!r} is not one of {PRECISIONS}")

    @property
    def days(self) -> int:
        """Number of days in the range (1 for a single day)."""
        return (self.date_to - self.date_from).days + 1

    def contains(self, day: date) -> bool:
        return self.date_from <= day <= self.date_to


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression found in a text: character span (end exclusive), surface and range."""

    start: int
    end: int
    text: str
    range: DateRange
    #: the id of the narrative rule that chose the reading, when one did
    #: (:mod:`geo_events.events.narrative_dates`); several joined by "," where several did
    rule: str | None = None

    @property
    def rule_ids(self) -> tuple[str, ...]:
        """The ids of the narrative rules that chose the reading (:attr:`rule`, split)."""
        return tuple(self.rule.split(",")) if self.rule else ()


def _month_days(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _precision_of_width(days: int) -> str:
    if days <= 1:
        return "day"
    if days <= 7:
        return "week"
    if days <= 31:
        return "month"
    return "year"


def _day(d: date) -> DateRange:
    return DateRange(d, d, "day")


def _month_range(year: int, month: int, part: str | None) -> DateRange:
    """The month, or its part (``early``: days 1-10, ``mid``: 11-20, ``late``: 21-end)."""
    last = _month_days(year, month)
    if part == "early":
        return DateRange(date(year, month, 1), date(year, month, 10), "month")
    if part == "mid":
        return DateRange(date(year, month, 11), date(year, month, 20), "month")
    if part == "late":
        return DateRange(date(year, month, 21), date(year, month, last), "month")
    return DateRange(date(year, month, 1), date(year, month, last), "month")


def _year_range(year: int, part: str | None) -> DateRange:
    """The year, or its part (``early``: January-April, ``mid``: May-August, ``late``:
    September-December)."""
    if part == "early":
        return DateRange(date(year, 1, 1), date(year, 4, 30), "year")
    if part == "mid":
        return DateRange(date(year, 5, 1), date(year, 8, 31), "year")
    if part == "late":
        return DateRange(date(year, 9, 1), date(year, 12, 31), "year")
    return DateRange(date(year, 1, 1), date(year, 12, 31), "year")


def _week_start(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _recent_weekday(weekday: int, published: date, strictly_before: bool) -> date:
    back = (published.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    return published - timedelta(days=back)


# --- handlers: (grammar, match, published) -> DateRange | None ------------------------------

Handler = Callable[[DateGrammar, re.Match[str], "date | None"], "DateRange | None"]


def _group(m: re.Match[str], name: str) -> str | None:
    """The text of the optional group ``name`` (None when the pattern has no such group or it
    did not take part)."""
    return m[name] if name in m.re.groupindex else None


def _h_iso(g: DateGrammar, m: re.Match[str], published: date | None) -> DateRange | None:
    d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return _day(d) if d else None


def _h_day_month_year(g: DateGrammar, m: re.Match[str],
                      published: date | None) -> DateRange | None:
    year, month = int(m["year"]), g.months[m["month"].lower()]
    day = g.day(m["day"], year, month)
    return _day(date(year, month, day)) if day else None


def _h_day_month(g: DateGrammar, m: re.Match[str], published: date | None) -> DateRange | None:
    """The latest such day not after ``published`` (Feb 29 and "the last day of" aware)."""
    if published is None:
        return None
    month = g.months[m["month"].lower()]
    for year in range(published.year, published.year - 5, -1):
        day = g.day(m["day"], year, month)
        if day is not None and date(year, month, day) <= published:
            return _day(date(year, month, day))
    return None


def _h_month_year(g: DateGrammar, m: re.Match[str], published: date | None) -> DateRange | None:
    return _month_range(int(m["year"]), g.months[m["month"].lower()],
                        g.part(_group(m, "part")))


def _h_month(g: DateGrammar, m: re.Match[str], published: date | None) -> DateRange | None:
    if published is None:
        return None
    month, part = g.months[m["month"].lower()], g.part(_group(m, "part"))
    year = published.year if month <= published.month else published.year - 1
    rng = _month_range(year, month, part)
    if rng.date_from > published:  # "in late October" written on 2 October: last year's
        rng = _month_range(year - 1, month, part)
    if rng.date_to > published >= rng.date_from:  # "in May" written in May: up to publication
        return DateRange(rng.date_from, published, rng.precision)
    return rng


def _h_year(g: DateGrammar, m: re.Match[str], published: date | None) -> DateRange | None:
    return _year_range(int(m["year"]), g.part(_group(m, "part")))


def _h_weekday(g: DateGrammar, m: re.Match[str], published: date | None) -> DateRange | None:
    if published is None:
        return None
    strictly = g.is_previous(_group(m, "rel"))
    return _day(_recent_weekday(g.weekdays[m["weekday"].lower()], published, strictly))


def _h_day_word(g: DateGrammar, m: re.Match[str], published: date | None) -> DateRange | None:
    if published is None:
        return None
    word = _norm(m["word"])
    if word in g.night_words:
        # "last night", "overnight": the night before publication straddles two days.
        return DateRange(published - timedelta(days=1), published, "day")
    back = g.day_words.get(word)
    return None if back is None else _day(published - timedelta(days=back))


def _h_weekend(g: DateGrammar, m: re.Match[str], published: date | None) -> DateRange | None:
    if published is None:
        return None
    last = g.is_previous(_group(m, "rel"))
    if published.weekday() >= 5 and not last:  # published on Saturday or Sunday
        sat = published - timedelta(days=published.weekday() - 5)
        return DateRange(sat, published, "week")
    sat = _recent_weekday(5, published, strictly_before=True)
    if last and published.weekday() >= 5:
        sat -= timedelta(days=7)
    return DateRange(sat, sat + timedelta(days=1), "week")


def _h_period(g: DateGrammar, m: re.Match[str], published: date | None) -> DateRange | None:
    if published is None:
        return None
    last, unit = g.is_previous(m["rel"]), g.unit(m["unit"])
    if unit == "week":
        monday = _week_start(published)
        if last:
            return DateRange(monday - timedelta(days=7), monday - timedelta(days=1), "week")
        return DateRange(monday, published, "week")
    if unit == "month":
        if last:
            last_end = published.replace(day=1) - timedelta(days=1)
            return DateRange(last_end.replace(day=1), last_end, "month")
        return DateRange(published.replace(day=1), published, "month")
    if unit != "year":
        return None
    if last:
        return _year_range(published.year - 1, None)
    return DateRange(date(published.year, 1, 1), published, "year")


def _h_ago(g: DateGrammar, m: re.Match[str], published: date | None) -> DateRange | None:
    if published is None:
        return None
    n, unit = g.number(m["num"]), g.unit(m["unit"])
    if unit == "day":
        return _day(published - timedelta(days=n))
    if unit == "week":
        start = published - timedelta(days=7 * n)
        return DateRange(start - timedelta(days=3), start + timedelta(days=3), "week")
    if unit == "month":
        month_index = published.year * 12 + published.month - 1 - n
        return _month_range(month_index // 12, month_index % 12 + 1, None)
    if unit == "year":
        return _year_range(published.year - n, None)
    return None


#: Days a unit of a "past N units" expression stands for.
_RECENT_DAYS = {"day": 1, "week": 7, "month": 30}


def _h_recent(g: DateGrammar, m: re.Match[str], published: date | None) -> DateRange | None:
    unit = _RECENT_DAYS.get(g.unit(m["unit"]) or "")
    if published is None or unit is None:
        return None
    num = _group(m, "num")
    days = unit * (g.number(num) if num else 3)
    start = published - timedelta(days=days)
    return DateRange(start, published, _precision_of_width(days + 1))


_HANDLERS: dict[str, Handler] = {
    "iso": _h_iso, "day_month_year": _h_day_month_year, "day_month": _h_day_month,
    "month_year": _h_month_year, "month": _h_month, "year": _h_year, "day_word": _h_day_word,
    "weekend": _h_weekend, "weekday": _h_weekday, "period": _h_period, "ago": _h_ago,
    "recent": _h_recent}


#: A blank line: a date expression never spans one ("April\n\n1 April" is a heading, then a
#: date; not "April 1").
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")


def leftmost_longest(found: Iterable[tuple[int, int, S]],
                     read: Callable[[int, int, S], tuple[int, R] | None]) -> list[R]:
    """Non-overlapping matches of a text, leftmost first and of those the longest: each
    candidate ``(start, end, item)`` in that order (candidates of one span in their given
    order) that starts at or after the end of the last one kept is passed to ``read``, which
    returns ``(the end it keeps, result)`` (an end trimmed of trailing punctuation blocks
    less), or None to skip the candidate (a skipped candidate blocks nothing). The results,
    in text order."""
    out: list[R] = []
    last_end = -1
    for start, end, item in sorted(found, key=lambda f: (f[0], -(f[1] - f[0]))):
        if start < last_end:
            continue
        kept = read(start, end, item)
        if kept is not None:
            last_end, result = kept
            out.append(result)
    return out


def find_dates(text: str, published: date | None = None,
               grammar: DateGrammar | None = None) -> list[DateMention]:
    """All resolvable date expressions in ``text``, in text order, non-overlapping.

    Where expressions overlap the longest wins ("3 October 2022" over "3 October"); none spans
    a blank line. An expression
    preceded by "since" becomes the range from that date to ``published`` ("since September 21").
    Expressions that need the publication date are skipped when ``published`` is None.
    ``grammar``: the expressions of a language (:func:`date_grammar`; None: English).
    """
    grammar = grammar or date_grammar()
    found: list[tuple[int, int, DateRange]] = []
    for _rid, pattern, reads in grammar.expressions:
        handler = _HANDLERS[reads]
        for m in pattern.finditer(text):
            if _PARAGRAPH_BREAK.search(m.group()):
                continue  # "April" (a heading) + "1 April": no expression spans a blank line
            rng = handler(grammar, m, published)
            if rng is not None:
                # a cue word ("in May") is context, not part of the expression
                start = m.start("core") if "core" in pattern.groupindex else m.start()
                found.append((start, m.end(), rng))

    def read(start: int, end: int, rng: DateRange) -> tuple[int, DateMention]:
        while end > start and not text[end - 1].isalnum():  # trailing "." of "Sept."
            end -= 1
        rng = _apply_since(grammar, text, start, rng, published)
        return end, DateMention(start, end, text[start:end], rng)

    return leftmost_longest(found, read)


def _apply_since(grammar: DateGrammar, text: str, start: int, rng: DateRange,
                 published: date | None) -> DateRange:
    if published is None or not grammar.since(text, start):
        return rng
    if published < rng.date_from:
        return rng
    days = (published - rng.date_from).days + 1
    return DateRange(rng.date_from, published, _precision_of_width(days))


def resolve_date(expression: str, published: date | None = None,
                 grammar: DateGrammar | None = None) -> DateRange | None:
    """Resolve one date expression ("on Saturday", "in May", "2022-10-01") or return None.

    The whole expression need not be a date: the first date expression in it is used.
    """
    found = find_dates(expression, published, grammar)
    return found[0].range if found else None


def default_range(published: date) -> DateRange:
    """Range of an event reported without a date: the publication day or the day before."""
    return DateRange(published - timedelta(days=1), published, "day")


def parse_iso_date(value: str | date | None) -> date | None:
    """``YYYY-MM-DD`` (or a date, or None) to a date; raises InputError naming the value."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError as exc:
        raise InputError(f"date {value!r} is not an ISO date; write it as YYYY-MM-DD") from exc
