"""Date expressions in news text, resolved against the article's publication date.

Pure functions, no spaCy: :func:`find_dates` scans a text for date expressions and resolves each
to a :class:`DateRange` ``(date_from, date_to, precision)``; :func:`resolve_date` resolves one
expression; :func:`default_range` is the range given to an event whose sentence has no date.

The expressions are data: a date grammar (:class:`DateGrammar`, :func:`date_grammar`) is the
file the language pack names (``date_grammar``; English: ``geo_events/data/lang/en/dates.json``)
with the language's number, part, cue, day and unit words and the expressions' patterns, each
naming the mechanism here that resolves it (``reads``: ``day_month``, ``ago``, ...); month and
weekday names come from the pack itself. An unknown key, mechanism, placeholder or missing
group is a DataFileError naming the file and the key.

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
from pathlib import Path
from typing import Any

from geo_events.data_schema import Schema, check_keys, load_rule_file
from geo_events.errors import DataFileError, InputError
from geo_events.language import DEFAULT_LANGUAGE, LanguagePack, language_pack

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


#: The mechanisms an expression of a date grammar may name (``reads``) and the named groups
#: each needs in its pattern (see ``geo_events/data/lang/en/dates.json``).
READS: dict[str, frozenset[str]] = {
    "iso": frozenset({"y", "m", "d"}), "day_month_year": frozenset({"day", "month", "year"}),
    "day_month": frozenset({"day", "month"}), "month_year": frozenset({"month", "year"}),
    "month": frozenset({"month"}), "year": frozenset({"year"}), "day_word": frozenset({"word"}),
    "weekend": frozenset(), "weekday": frozenset({"weekday"}),
    "period": frozenset({"rel", "unit"}), "ago": frozenset({"num", "unit"}),
    "recent": frozenset({"unit"})}
#: What a word of ``parts`` and of ``units`` may stand for.
PARTS = ("early", "mid", "late")
UNITS = ("day", "week", "month", "year")

_GRAMMAR_SCHEMA = Schema(
    keys={"numbers": dict, "ordinal_suffixes": list, "parts": dict, "cues": list,
          "day_words": dict, "night_words": list, "units": dict, "previous": list,
          "since": dict},
    required={"expressions": {"id": str, "pattern": str, "reads": str}})
_SINCE_KEYS = frozenset({"before", "at"})
#: How many characters before an expression the ``since`` ``before`` expression is read in.
SINCE_WINDOW = 12


@dataclass(frozen=True, eq=False)
class DateGrammar:
    """The date expressions of one language (a checked date-grammar file, named by the
    language pack's ``date_grammar``): its word maps and compiled ``expressions`` (rule id,
    pattern, the mechanism resolving a match)."""

    path: Path
    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    parts: dict[str, str]
    day_words: dict[str, int]
    night_words: frozenset[str]
    units: dict[str, str]
    previous: frozenset[str]
    since_before: re.Pattern[str]
    since_at: re.Pattern[str]
    #: the expansion of ``{num}`` (group ``num``: digits or a number word)
    num_re: str
    expressions: tuple[tuple[str, re.Pattern[str], Handler], ...] = ()

    def number(self, text: str) -> int:
        """The number digits or a number word ("two", "a few") of ``numbers`` stand for."""
        text = _norm(text)
        return int(text) if text.isdigit() else self.numbers[text]

    def part(self, text: str | None) -> str | None:
        """``early``, ``mid`` or ``late`` for a part word ("the end of": late), else None."""
        return self.parts.get(_norm(text or ""))

    def unit(self, text: str) -> str | None:
        """``day``, ``week``, ``month`` or ``year`` for a unit word ("weeks": week)."""
        return self.units.get(_norm(text))

    def is_previous(self, rel: str | None) -> bool:
        """Whether a relative word means the one before ("last Saturday", "last week")."""
        return _norm(rel or "") in self.previous

    def after_since(self, text: str, start: int) -> bool:
        """Whether the expression at ``start`` of ``text`` follows a ``since`` expression
        ("since the 21st")."""
        return bool(self.since_before.search(text[max(0, start - SINCE_WINDOW):start]))

    def since(self, text: str, start: int) -> bool:
        """Whether the expression at ``start`` of ``text`` starts a range up to publication:
        it starts with, or follows, a ``since`` expression ("since September 21")."""
        return bool(self.since_at.match(text, start)) or self.after_since(text, start)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).lower()


def _alternation(words: Iterable[str]) -> str:
    """A regular-expression alternation of ``words``, longest first, a space standing for any
    white space."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+")
                    for w in sorted(words, key=lambda w: (-len(w), w)))


def _fail(path: Path, what: str) -> DataFileError:
    return DataFileError(f"{path}: {what}")


def _word_map(data: dict[str, Any], key: str, path: Path,
              ok: Callable[[Any], bool], kind: str) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict) or not value:
        raise _fail(path, f"{key!r} must be a non-empty object of words")
    for word, v in value.items():
        if isinstance(v, bool) or not ok(v):
            raise _fail(path, f"{key!r}: {word!r} must map to {kind}, not {v!r}")
    return {_norm(w): v for w, v in value.items()}


def _word_list(data: dict[str, Any], key: str, path: Path) -> frozenset[str]:
    value = data.get(key)
    if not isinstance(value, list) or not value or not all(
            isinstance(w, str) and w for w in value):
        raise _fail(path, f"{key!r} must be a non-empty list of words")
    return frozenset(_norm(w) for w in value)


def _compile(path: Path, where: str, pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, re.I)
    except re.error as exc:
        raise _fail(path, f"{where}: bad pattern ({exc})") from exc


def read_date_grammar(path: Path, pack: LanguagePack) -> DateGrammar:
    """Read and check the date grammar ``path`` of the language pack ``pack`` (month and
    weekday names come from the pack); DataFileError naming the file and the key."""
    data = load_rule_file(path, _GRAMMAR_SCHEMA)
    missing = sorted(k for k in (*_GRAMMAR_SCHEMA.keys, "expressions") if k not in data)
    if missing:
        raise _fail(path, f"lacks the key {missing[0]!r}")
    numbers = _word_map(data, "numbers", path, lambda v: isinstance(v, int) and v > 0,
                        "a whole number > 0")
    parts = _word_map(data, "parts", path, lambda v: v in PARTS, " or ".join(PARTS))
    day_words = _word_map(data, "day_words", path, lambda v: isinstance(v, int) and v >= 0,
                          "the days before publication (a whole number >= 0)")
    units = _word_map(data, "units", path, lambda v: v in UNITS, " or ".join(UNITS))
    night_words = _word_list(data, "night_words", path)
    since = data["since"]
    check_keys(since, _SINCE_KEYS, f"{path}: 'since'")
    if set(since) != _SINCE_KEYS or not all(isinstance(v, str) for v in since.values()):
        raise _fail(path, "'since' must give the expressions 'before' and 'at'")
    num_re = rf"(?P<num>\d{{1,2}}|{_alternation(numbers)})"
    slots = {
        "month": rf"(?P<month>(?-i:{pack.month_alternation()}))",
        "weekday": rf"(?P<weekday>(?-i:{pack.weekday_alternation()}))",
        "day": rf"(?P<day>[0-3]?\d)(?:{_alternation(_word_list(data, 'ordinal_suffixes', path))})?",
        "year": r"(?P<year>(?:19|20)\d\d)",
        "part": rf"(?P<part>{_alternation(parts)})",
        "num": num_re,
        "cue": rf"(?:{_alternation(_word_list(data, 'cues', path))})",
        "day_word": rf"(?P<word>{_alternation([*day_words, *night_words])})",
    }
    expressions = []
    for i, rule in enumerate(data["expressions"]):
        where = f"expressions[{i}] {rule['id']!r}"
        if rule["reads"] not in READS:
            raise _fail(path, f"{where}: reads {rule['reads']!r} is unknown; use one of "
                              f"{', '.join(READS)}")
        text = rule["pattern"]
        for name, expansion in slots.items():
            text = text.replace("{" + name + "}", expansion)
        unknown = re.search(r"\{([A-Za-z_]\w*)\}", text)
        if unknown:
            raise _fail(path, f"{where}: unknown placeholder {unknown.group()!r}; use one of "
                              f"{', '.join('{' + n + '}' for n in slots)}")
        pattern = _compile(path, where, text)
        lacking = sorted(READS[rule["reads"]] - set(pattern.groupindex))
        if lacking:
            raise _fail(path, f"{where}: the pattern lacks the group {lacking[0]!r} that "
                              f"reads {rule['reads']!r} needs")
        expressions.append((rule["id"], pattern, _HANDLERS[rule["reads"]]))
    return DateGrammar(
        path=path, months=dict(pack.months),
        weekdays={name: i for i, name in enumerate(pack.weekdays)}, numbers=numbers,
        parts=parts, day_words=day_words, night_words=night_words, units=units,
        previous=_word_list(data, "previous", path),
        since_before=_compile(path, "since 'before'", since["before"]),
        since_at=_compile(path, "since 'at'", since["at"]),
        num_re=num_re, expressions=tuple(expressions))


_GRAMMARS: dict[Path, DateGrammar] = {}


def date_grammar(pack: LanguagePack | str | None = None) -> DateGrammar:
    """The date grammar of a language pack (or of the pack of a language; None: English),
    loaded once per pack file. DataFileError naming the pack and its ``date_grammar`` key when
    the file it names does not exist."""
    if not isinstance(pack, LanguagePack):
        pack = language_pack(pack or DEFAULT_LANGUAGE)
    grammar = _GRAMMARS.get(pack.path)
    if grammar is None:
        if not pack.date_grammar.is_file():
            raise DataFileError(f"{pack.path}: 'date_grammar' names {pack.date_grammar}, "
                                "which does not exist")
        grammar = _GRAMMARS[pack.path] = read_date_grammar(pack.date_grammar, pack)
    return grammar


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
    d = _safe_date(int(m["year"]), g.months[m["month"].lower()], int(m["day"]))
    return _day(d) if d else None


def _h_day_month(g: DateGrammar, m: re.Match[str], published: date | None) -> DateRange | None:
    if published is None:
        return None
    month, day = g.months[m["month"].lower()], int(m["day"])
    if _safe_date(2000, month, day) is None:  # 2000 is a leap year: accepts Feb 29
        return None
    d = _latest_not_after(month, day, published)
    return _day(d) if d else None


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
    for _rid, pattern, handler in grammar.expressions:
        for m in pattern.finditer(text):
            if _PARAGRAPH_BREAK.search(m.group()):
                continue  # "April" (a heading) + "1 April": no expression spans a blank line
            rng = handler(grammar, m, published)
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
        rng = _apply_since(grammar, text, start, rng, published)
        result.append(DateMention(start, end, text[start:end], rng))
        last_end = end
    return result


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
