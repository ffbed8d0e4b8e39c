"""Date expressions in news text, resolved against the article's publication date.

Pure functions, no spaCy: :func:`find_dates` scans a text for date expressions and resolves each
to a :class:`DateRange` ``(date_from, date_to, precision)``; :func:`resolve_date` resolves one
expression; :func:`default_range` is the range given to an event whose sentence has no date.

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
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from geo_events.errors import InputError
from geo_events.language import language_pack

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


_PACK = language_pack()  # English: the date expressions below are English grammar
_MONTHS = _PACK.months
_WEEKDAYS = {name: i for i, name in enumerate(_PACK.weekdays)}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": 3, "few": 3, "a few": 3}

# Month names must be capitalised ("may" and "march" are also words); abbreviations may end in ".".
_MONTH_RE = rf"(?P<month>(?-i:{_PACK.month_alternation()}))\.?"
_DAY_RE = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR_RE = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY_RE = (rf"(?P<weekday>(?-i:{_PACK.weekday_alternation()}))"
               r"(?:\s+(?:morning|afternoon|evening|night))?")
_PART_RE = (r"(?:(?P<part>early|mid|late|the\s+end\s+of|the\s+start\s+of|"
            r"the\s+beginning\s+of)[\s-]+)")
_NUM_RE = r"(?P<num>\d{1,2}|a\s+few|an?|one|two|three|four|five|six|seven|eight|nine|ten|several)"
# Words that make a bare month or year a date ("in May", "since 2014"), not a verb or a number.
_CUE_RE = r"(?:in|on|since|by|during|until|till|through|from|of|before|after|between|and|to)"


def _month_days(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _latest_not_after(month: int, day: int, published: date) -> date | None:
    """The latest date with this month/day that is not after ``published`` (Feb 29 aware)."""
    for year in (published.year, published.year - 1, published.year - 2, published.year - 3,
                 published.year - 4):
        d = _safe_date(year, month, day)
        if d is not None and d <= published:
            return d
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
    last = _month_days(year, month)
    part = re.sub(r"\s+", " ", part or "").lower()
    if part in ("early", "the start of", "the beginning of"):
        return DateRange(date(year, month, 1), date(year, month, 10), "month")
    if part == "mid":
        return DateRange(date(year, month, 11), date(year, month, 20), "month")
    if part in ("late", "the end of"):
        return DateRange(date(year, month, 21), date(year, month, last), "month")
    return DateRange(date(year, month, 1), date(year, month, last), "month")


def _year_range(year: int, part: str | None) -> DateRange:
    part = re.sub(r"\s+", " ", part or "").lower()
    if part in ("early", "the start of", "the beginning of"):
        return DateRange(date(year, 1, 1), date(year, 4, 30), "year")
    if part == "mid":
        return DateRange(date(year, 5, 1), date(year, 8, 31), "year")
    if part in ("late", "the end of"):
        return DateRange(date(year, 9, 1), date(year, 12, 31), "year")
    return DateRange(date(year, 1, 1), date(year, 12, 31), "year")


def _week_start(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _recent_weekday(weekday: int, published: date, strictly_before: bool) -> date:
    back = (published.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    return published - timedelta(days=back)


# --- handlers: (match, published) -> DateRange | None ------------------------------------------

Handler = Callable[[re.Match[str], "date | None"], "DateRange | None"]


def _h_iso(m: re.Match[str], published: date | None) -> DateRange | None:
    d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return _day(d) if d else None


def _h_day_month_year(m: re.Match[str], published: date | None) -> DateRange | None:
    d = _safe_date(int(m["year"]), _MONTHS[m["month"].lower()], int(m["day"]))
    return _day(d) if d else None


def _h_day_month(m: re.Match[str], published: date | None) -> DateRange | None:
    if published is None:
        return None
    month, day = _MONTHS[m["month"].lower()], int(m["day"])
    if _safe_date(2000, month, day) is None:  # 2000 is a leap year: accepts Feb 29
        return None
    d = _latest_not_after(month, day, published)
    return _day(d) if d else None


def _h_month_year(m: re.Match[str], published: date | None) -> DateRange | None:
    return _month_range(int(m["year"]), _MONTHS[m["month"].lower()], m["part"])


def _h_month(m: re.Match[str], published: date | None) -> DateRange | None:
    if published is None:
        return None
    month = _MONTHS[m["month"].lower()]
    year = published.year if month <= published.month else published.year - 1
    rng = _month_range(year, month, m["part"])
    if rng.date_from > published:  # "in late October" written on 2 October: last year's
        rng = _month_range(year - 1, month, m["part"])
    if rng.date_to > published >= rng.date_from:  # "in May" written in May: up to publication
        return DateRange(rng.date_from, published, rng.precision)
    return rng


def _h_year(m: re.Match[str], published: date | None) -> DateRange | None:
    return _year_range(int(m["year"]), m["part"])


def _h_weekday(m: re.Match[str], published: date | None) -> DateRange | None:
    if published is None:
        return None
    strictly = (m["rel"] or "").lower() == "last"
    return _day(_recent_weekday(_WEEKDAYS[m["weekday"].lower()], published, strictly))


def _h_word_day(m: re.Match[str], published: date | None) -> DateRange | None:
    if published is None:
        return None
    word = re.sub(r"\s+", " ", m["word"].lower())
    if word in ("today", "tonight", "this morning", "this afternoon", "this evening",
                "earlier today", "earlier on"):
        return _day(published)
    if word == "yesterday":
        return _day(published - timedelta(days=1))
    if word == "the day before yesterday":
        return _day(published - timedelta(days=2))
    # "last night", "overnight": the night before publication straddles two days.
    return DateRange(published - timedelta(days=1), published, "day")


def _h_weekend(m: re.Match[str], published: date | None) -> DateRange | None:
    if published is None:
        return None
    rel = (m["rel"] or "").lower()
    if published.weekday() >= 5 and rel != "last":  # published on Saturday or Sunday
        sat = published - timedelta(days=published.weekday() - 5)
        return DateRange(sat, published, "week")
    sat = _recent_weekday(5, published, strictly_before=True)
    if rel == "last" and published.weekday() >= 5:
        sat -= timedelta(days=7)
    return DateRange(sat, sat + timedelta(days=1), "week")


def _h_period(m: re.Match[str], published: date | None) -> DateRange | None:
    if published is None:
        return None
    rel, unit = m["rel"].lower(), m["unit"].lower()
    if unit == "week":
        monday = _week_start(published)
        if rel == "last":
            return DateRange(monday - timedelta(days=7), monday - timedelta(days=1), "week")
        return DateRange(monday, published, "week")
    if unit == "month":
        if rel == "last":
            last_end = published.replace(day=1) - timedelta(days=1)
            return DateRange(last_end.replace(day=1), last_end, "month")
        return DateRange(published.replace(day=1), published, "month")
    if rel == "last":
        return _year_range(published.year - 1, None)
    return DateRange(date(published.year, 1, 1), published, "year")


def _number(text: str) -> int:
    text = re.sub(r"\s+", " ", text.lower())
    return int(text) if text.isdigit() else _NUMBERS[text]


def _h_ago(m: re.Match[str], published: date | None) -> DateRange | None:
    if published is None:
        return None
    n, unit = _number(m["num"]), m["unit"].lower()
    if unit.startswith("day"):
        return _day(published - timedelta(days=n))
    if unit.startswith("week"):
        start = published - timedelta(days=7 * n)
        return DateRange(start - timedelta(days=3), start + timedelta(days=3), "week")
    if unit.startswith("month"):
        month_index = published.year * 12 + published.month - 1 - n
        return _month_range(month_index // 12, month_index % 12 + 1, None)
    return _year_range(published.year - n, None)


def _h_recent(m: re.Match[str], published: date | None) -> DateRange | None:
    if published is None:
        return None
    n = _number(m["num"]) if m["num"] else 3
    days = {"day": 1, "week": 7, "month": 30}[m["unit"].lower().rstrip("s")] * n
    start = published - timedelta(days=days)
    return DateRange(start, published, _precision_of_width(days + 1))


_PATTERNS: list[tuple[re.Pattern[str], Handler]] = [
    (re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"), _h_iso),
    (re.compile(rf"\b{_DAY_RE}\s+(?:of\s+)?{_MONTH_RE},?\s+{_YEAR_RE}\b", re.I), _h_day_month_year),
    (re.compile(rf"\b{_MONTH_RE}\s+{_DAY_RE},?\s+{_YEAR_RE}\b", re.I), _h_day_month_year),
    (re.compile(rf"\b{_DAY_RE}\s+(?:of\s+)?{_MONTH_RE}(?![\w-])", re.I), _h_day_month),
    (re.compile(rf"\b{_MONTH_RE}\s+{_DAY_RE}\b(?![:.,]?\d)", re.I), _h_day_month),
    (re.compile(rf"\b{_PART_RE}?{_MONTH_RE},?\s+{_YEAR_RE}\b", re.I), _h_month_year),
    (re.compile(rf"(?:\b{_CUE_RE}\s+|\b(?=early|mid|late|the))(?P<core>{_PART_RE}?{_MONTH_RE})"
                r"(?![\w-])", re.I), _h_month),
    (re.compile(rf"(?:\b{_CUE_RE}\s+(?:the\s+(?:year\s+)?)?|\b(?=early|mid|late|the))"
                rf"(?P<core>{_PART_RE}?{_YEAR_RE})\b"
                r"(?!\s*(?:km|kilometres|people|troops|soldiers|civilians))", re.I), _h_year),
    (re.compile(r"\b(?P<word>the\s+day\s+before\s+yesterday|yesterday|today|tonight|"
                r"this\s+(?:morning|afternoon|evening)|earlier\s+today|last\s+night|overnight)\b",
                re.I), _h_word_day),
    (re.compile(r"\b(?:(?P<rel>last|this|past)\s+|(?:over|at|on|during)\s+the\s+)weekend\b",
                re.I), _h_weekend),
    (re.compile(rf"\b(?:(?P<rel>last|this|on|early\s+on|late\s+on|since|by)\s+)?{_WEEKDAY_RE}",
                re.I), _h_weekday),
    (re.compile(r"\b(?:earlier\s+)?(?P<rel>last|this)\s+(?P<unit>week|month|year)\b", re.I),
     _h_period),
    (re.compile(rf"\b{_NUM_RE}\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b", re.I), _h_ago),
    (re.compile(rf"\b(?:(?:the\s+)?(?:past|last)\s+{_NUM_RE}?\s*|recent\s+)(?P<unit>days|weeks|"
                r"months|day|week|month)\b(?!\s+ago)", re.I), _h_recent),
]

_SINCE_RE = re.compile(r"\bsince\s+(?:the\s+)?$", re.I)


#: A blank line: a date expression never spans one ("April\n\n1 April" is a heading, then a
#: date; not "April 1").
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")


def find_dates(text: str, published: date | None = None) -> list[DateMention]:
    """All resolvable date expressions in ``text``, in text order, non-overlapping.

    Where expressions overlap the longest wins ("3 October 2022" over "3 October"); none spans
    a blank line. An expression
    preceded by "since" becomes the range from that date to ``published`` ("since September 21").
    Expressions that need the publication date are skipped when ``published`` is None.
    """
    found: list[tuple[int, int, DateRange]] = []
    for pattern, handler in _PATTERNS:
        for m in pattern.finditer(text):
            if _PARAGRAPH_BREAK.search(m.group()):
                continue  # "April" (a heading) + "1 April": no expression spans a blank line
            rng = handler(m, published)
            if rng is not None:
                # a cue word ("in May") is context, not part of the expression
                start = m.start("core") if "core" in pattern.groupindex else m.start()
                found.append((start, m.end(), rng))
    # leftmost-longest, non-overlapping
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    result: list[DateMention] = []
    last_end = -1
    for start, end, rng in found:
        if start < last_end:
            continue
        while end > start and not text[end - 1].isalnum():  # trailing "." of "Sept."
            end -= 1
        rng = _apply_since(text, start, rng, published)
        result.append(DateMention(start, end, text[start:end], rng))
        last_end = end
    return result


def _apply_since(text: str, start: int, rng: DateRange, published: date | None) -> DateRange:
    before = text[max(0, start - 12):start]
    matched = text[start:start + 6].lower().startswith("since")
    if not (matched or _SINCE_RE.search(before)) or published is None:
        return rng
    if published < rng.date_from:
        return rng
    days = (published - rng.date_from).days + 1
    return DateRange(rng.date_from, published, _precision_of_width(days))


def resolve_date(expression: str, published: date | None = None) -> DateRange | None:
    """Resolve one date expression ("on Saturday", "in May", "2022-10-01") or return None.

    The whole expression need not be a date: the first date expression in it is used.
    """
    found = find_dates(expression, published)
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
