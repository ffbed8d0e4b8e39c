"""Date grammars: the words and expressions of a language's dates, as data.

A date grammar is the file a language pack names (``date_grammar``; English:
``geo_events/data/lang/en/dates.json``, documented in ``docs/rules.md``): number, part, cue,
day and unit words, the relative words that mean the one before ("last"), the ``since``
expressions, and the ``expressions`` (rules ``{id, pattern, reads}``), each a regular
expression whose placeholders (``{month}``, ``{day}``, ``{num}``, ...) expand to named groups
built from those words and the pack's month and weekday names, and the name of the mechanism
of :mod:`geo_events.events.dates` that resolves its groups against the publication date.
:func:`read_date_grammar` checks a file: an unknown key, a ``reads`` naming no mechanism, an
unknown placeholder or a pattern lacking a group its mechanism reads is a DataFileError naming
the file and the key; :func:`date_grammar` loads a pack's grammar once.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geo_events.data_schema import Schema, check_keys, load_rule_file
from geo_events.errors import DataFileError
from geo_events.language import LanguagePack, active_language, language_pack

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
          "since": dict, "ordinal_days": dict},
    required={"expressions": {"id": str, "pattern": str, "reads": str}})
#: Optional keys of a date grammar (the rest of ``_GRAMMAR_SCHEMA.keys`` are required).
_OPTIONAL_KEYS = frozenset({"ordinal_days"})
_SINCE_KEYS = frozenset({"before", "at"})
#: How many characters before an expression the ``since`` ``before`` expression is read in
#: ("since the first week of " before "March 2022").
SINCE_WINDOW = 48


@dataclass(frozen=True, eq=False)
class DateGrammar:
    """The date expressions of one language (a checked date-grammar file, named by the
    language pack's ``date_grammar``): its word maps and compiled ``expressions``."""

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
    #: (rule id, pattern, the mechanism resolving a match: a name of :data:`READS`)
    expressions: tuple[tuple[str, re.Pattern[str], str], ...] = ()
    #: ordinal words naming a day of a month ("the first day of March": 1; "the last day
    #: of": 31, read as the month's last day), the optional ``ordinal_days``
    ordinal_days: dict[str, int] = field(default_factory=dict)

    def day(self, text: str, year: int, month: int) -> int | None:
        """The day of the month a ``{day}`` or ``{ordinal_day}`` group writes ("3", "3rd",
        "first"; an ordinal word past the month's end, as "last" is, reads as its last day),
        None when that month has no such day."""
        word = _norm(text)
        last = calendar.monthrange(year, month)[1]
        if word in self.ordinal_days:
            return min(self.ordinal_days[word], last)
        n = int(word)
        return n if 1 <= n <= last else None

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
    missing = sorted(k for k in (*_GRAMMAR_SCHEMA.keys, "expressions")
                     if k not in data and k not in _OPTIONAL_KEYS)
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
    ordinal_days: dict[str, int] = {}
    if "ordinal_days" in data:
        ordinal_days = _word_map(data, "ordinal_days", path,
                                 lambda v: isinstance(v, int) and 1 <= v <= 31,
                                 "a day of the month (1-31)")
        slots["ordinal_day"] = rf"(?P<day>{_alternation(ordinal_days)})"
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
        expressions.append((rule["id"], pattern, rule["reads"]))
    return DateGrammar(
        path=path, months=dict(pack.months),
        weekdays={name: i for i, name in enumerate(pack.weekdays)}, numbers=numbers,
        parts=parts, day_words=day_words, night_words=night_words, units=units,
        previous=_word_list(data, "previous", path),
        since_before=_compile(path, "since 'before'", since["before"]),
        since_at=_compile(path, "since 'at'", since["at"]),
        num_re=num_re, expressions=tuple(expressions), ordinal_days=ordinal_days)


_GRAMMARS: dict[Path, DateGrammar] = {}


def date_grammar(pack: LanguagePack | str | None = None) -> DateGrammar:
    """The date grammar of a language pack (or of the pack of a language; None: the
    :func:`~geo_events.language.active_language`), loaded once per pack file. DataFileError
    naming the pack and its ``date_grammar`` key when the file it names does not exist."""
    if not isinstance(pack, LanguagePack):
        pack = language_pack(pack or active_language())
    grammar = _GRAMMARS.get(pack.path)
    if grammar is None:
        if not pack.date_grammar.is_file():
            raise DataFileError(f"{pack.path}: 'date_grammar' names {pack.date_grammar}, "
                                "which does not exist")
        grammar = _GRAMMARS[pack.path] = read_date_grammar(pack.date_grammar, pack)
    return grammar
