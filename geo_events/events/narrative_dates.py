"""Dates in narratives: the year of the story, relative days, and section headings.

:func:`~geo_events.events.dates.find_dates` resolves every expression against the publication
date, which is right for news and wrong for a narrative written later (an encyclopedia article of
2023 about a battle of 2022). :func:`narrative_dates` corrects that, in text order:

* **the narrative's year**: a day and month without a year ("25 February", "in March") takes the
  year of the nearest explicit date before it ("24 February 2022"; the nearest after it when none
  precedes), the one nearest that date when the month is close to a turn of the year ("30
  December 2022 ... 2 January" is 2023); never a day after publication;
* **relative dates** (rules of ``lang/en/narrative_dates.json``: "two days later", "the following
  day", "later that day", "four months later") count from the narrative's last date before them
  (any precise date expression, itself corrected); with none before them they are not dates;
* **dates of the war itself** (rules ``conflict_dates``: "in the first weeks of the war",
  "at the start of the invasion", "early in the war") count from the start date of the
  conflict profile in use (:func:`conflict_dates`), so a retold change ("X, which Russia
  seized in the first weeks of the war") keeps the time it is told at, not the publication's;
* **headings** (:func:`heading_spans`: a short line with no closing punctuation, such as
  "28 February", "March" or "Aftermath") are not sentences; a heading that is a date dates its
  section (:func:`section_dates`), another heading ends the section.

Ranges are inclusive; precisions as in :mod:`geo_events.events.dates`.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from geo_events.events.dates import (
    DateGrammar,
    DateMention,
    DateRange,
    _precision_of_width,
    date_grammar,
    find_dates,
    leftmost_longest,
)
from geo_events.events.rules_data import Schema, load_rule_file
from geo_events.language import active_language, language_pack

#: The English rules (a language's are its pack's ``files.narrative_dates``).
NARRATIVE_RULES = language_pack("en").files["narrative_dates"]

_SCHEMA = Schema(
    keys={"heading": dict, "era_switch": dict, "after_clause": dict, "conflict_nouns": list,
          "conflict_notes": str, "retrospective": dict, "paragraph_year": dict,
          "conflict_recall": dict, "forward_year": dict},
    required={"relative_dates": {"id": str, "pattern": str, "unit": str, "offset": int},
              "conflict_dates": {"id": str, "pattern": str, "from_days": int, "to_days": int}},
    optional={"relative_dates": {"counted": bool},
              "conflict_dates": {"note": str, "example": str}},
)

_UNITS = ("day", "week", "month")

#: A year written in a date expression.
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
#: The end of a sentence between two date expressions (a full stop, "!" or "?", then a space).
_SENTENCE_BREAK = re.compile(r"[.!?]\s")
#: A month name of a date grammar (capitalised, as :mod:`~geo_events.events.dates` requires),
#: by the grammar's file.
_MONTHS: dict[Path, re.Pattern[str]] = {}


def _month_regex(grammar: DateGrammar) -> re.Pattern[str]:
    regex = _MONTHS.get(grammar.path)
    if regex is None:
        names = sorted(grammar.months, key=lambda w: (-len(w), w))
        regex = _MONTHS[grammar.path] = re.compile(
            rf"\b(?:{'|'.join(re.escape(w.capitalize()) for w in names)})\b")
    return regex

#: A yearless date this many days or more away from the narrative's date is read in the year
#: next to it when that puts it within :data:`TURN_OF_YEAR_DAYS` ("30 December 2022 ... 2
#: January" is 2 January 2023).
FAR_DAYS = 180
TURN_OF_YEAR_DAYS = 60


@dataclass(frozen=True)
class RelativeRule:
    """One relative date expression: ``offset`` units (``counted``: times the number the
    expression writes) from the narrative's last date."""

    id: str
    pattern: re.Pattern[str]
    unit: str
    offset: int
    counted: bool = False


@dataclass(frozen=True)
class AfterClause:
    """Rule ``after_clause``: a date in a phrase or clause that a word of ``markers`` opens
    ("After the fall of X on 22 May, ...", "Starting on 13 August, ...") dates what the
    sentence tells as *from* that date on, not on it: ``days`` days from it, and no later than
    the narrative's next date."""

    id: str
    markers: frozenset[str]
    days: int


@dataclass(frozen=True)
class Retrospective:
    """Rule ``retrospective``: a text whose dates mostly lie well before its publication
    retells the past; there a change told in the historical present with no date of its own
    happened in the narrative's time (:func:`is_retrospective`, :func:`narrative_time`)."""

    id: str
    min_dates: int
    old_share: float
    old_days: int
    max_days: int


@dataclass(frozen=True)
class ConflictRule:
    """One date of the war itself ("in the first weeks of the war"): days ``from_days`` ..
    ``to_days`` after the conflict's start date."""

    id: str
    pattern: re.Pattern[str]
    from_days: int
    to_days: int


@dataclass(frozen=True)
class ConflictRecall:
    """Rule ``conflict_recall``: an explicit date written on the war itself ("the invasion
    of Ukraine in February 2022") recalls the war's start; a yearless date in another
    paragraph that could take its year only from it is no evidence of a retelling
    (:func:`is_retrospective`). ``before``: matches the text right before such a date (it
    ends where the date starts)."""

    id: str
    before: re.Pattern[str]

    def recalls(self, text: str, m: DateMention) -> bool:
        """Whether the date expression ``m`` of ``text`` is written on the war itself."""
        return self.before.search(text[max(0, m.start - _RECALL_REACH):m.start]) is not None


#: How many characters before a date :meth:`ConflictRecall.recalls` looks at.
_RECALL_REACH = 120


@dataclass(frozen=True)
class NarrativeRules:
    relative: tuple[RelativeRule, ...]
    heading_max_words: int
    sentence_end: str
    #: the date expressions the rules' ``{num}`` and the narrative's dates are read with
    grammar: DateGrammar = field(default_factory=date_grammar, compare=False, repr=False)
    #: the ``era_switch`` rule: its id and the fewest years between the explicit dates around
    #: a yearless one for it to apply (None: no such rule)
    era_switch: tuple[str, int] | None = None
    #: the ``after_clause`` rule (None: no such rule)
    after_clause: AfterClause | None = None
    #: the ``conflict_dates`` rules (dates of the war itself, from the profile's start)
    conflict: tuple[ConflictRule, ...] = ()
    #: the ``retrospective`` rule (None: no such rule)
    retrospective: Retrospective | None = None
    #: the id of the ``paragraph_year`` rule (None: no such rule)
    paragraph_year: str | None = None
    #: the ``conflict_recall`` rule (None: no such rule)
    conflict_recall: ConflictRecall | None = None
    #: the id of the ``forward_year`` rule (None: no such rule)
    forward_year: str | None = None


def load_narrative_rules(path: Path | None = None, grammar: DateGrammar | None = None,
                         lang: str | None = None) -> NarrativeRules:
    """The checked rules of ``path`` (see :mod:`geo_events.events.rules_data`); ``{num}`` in a
    pattern is a number of ``grammar``. By default both are those of the language pack of
    ``lang`` (None: the :func:`~geo_events.language.active_language`)."""
    if path is None or grammar is None:
        pack = language_pack(lang or active_language())
        path = path or pack.files["narrative_dates"]
        grammar = grammar or date_grammar(pack)
    return _load_narrative_rules(path, grammar)


@cache
def _load_narrative_rules(path: Path, grammar: DateGrammar) -> NarrativeRules:
    from geo_events.errors import DataFileError

    data = load_rule_file(path, _SCHEMA)
    rules = []
    for r in data.get("relative_dates", []):
        if r["unit"] not in _UNITS:
            raise DataFileError(f"{path}: relative_dates {r['id']!r}: unit must be one of "
                                f"{', '.join(_UNITS)}")
        try:
            pattern = re.compile(r["pattern"].replace("{num}", grammar.num_re), re.I)
        except re.error as exc:
            raise DataFileError(f"{path}: relative_dates {r['id']!r}: bad pattern ({exc})") \
                from exc
        rules.append(RelativeRule(r["id"], pattern, r["unit"], r["offset"],
                                  r.get("counted", False)))
    heading = data.get("heading", {})
    era = data.get("era_switch")
    era_switch = None
    if era is not None:
        if not isinstance(era.get("id"), str) or not isinstance(era.get("min_years"), int) \
                or set(era) - {"id", "min_years", "note", "example"}:
            raise DataFileError(f"{path}: era_switch: needs an 'id' (text) and 'min_years' "
                                "(a whole number), and may have 'note' and 'example'")
        era_switch = (era["id"], era["min_years"])
    after = data.get("after_clause")
    after_clause = None
    if after is not None:
        if not isinstance(after.get("id"), str) or not isinstance(after.get("days"), int) \
                or isinstance(after.get("days"), bool) or after["days"] < 0 \
                or not isinstance(after.get("markers"), list) \
                or not all(isinstance(w, str) and w for w in after["markers"]) \
                or set(after) - {"id", "markers", "days", "note", "example"}:
            raise DataFileError(f"{path}: after_clause: needs an 'id' (text), 'markers' (a list "
                                "of words) and 'days' (a whole number >= 0), and may have "
                                "'note' and 'example'")
        after_clause = AfterClause(after["id"], frozenset(w.lower() for w in after["markers"]),
                                   after["days"])
    nouns = data.get("conflict_nouns", [])
    if not all(isinstance(w, str) and w for w in nouns):
        raise DataFileError(f"{path}: conflict_nouns must be a list of phrases")
    conflict_re = "(?:" + "|".join(
        r"\s+".join(re.escape(w) for w in n.split())
        for n in sorted(nouns, key=lambda n: (-len(n), n))) + ")"
    conflict = []
    for r in data.get("conflict_dates", []):
        if "{conflict}" in r["pattern"] and not nouns:
            raise DataFileError(f"{path}: conflict_dates {r['id']!r}: {{conflict}} needs "
                                "conflict_nouns")
        if not 0 <= r["from_days"] <= r["to_days"]:
            raise DataFileError(f"{path}: conflict_dates {r['id']!r}: needs 0 <= from_days "
                                "<= to_days")
        try:
            # a year right after the phrase names another war ("the first months of the
            # war in 2014")
            pattern = re.compile(r["pattern"].replace("{conflict}", conflict_re)
                                 + r"\b(?!\s+(?:in|of)\s+(?:19|20)\d\d)", re.I)
        except re.error as exc:
            raise DataFileError(f"{path}: conflict_dates {r['id']!r}: bad pattern ({exc})") \
                from exc
        conflict.append(ConflictRule(r["id"], pattern, r["from_days"], r["to_days"]))
    retro = data.get("retrospective")
    retrospective = None
    if retro is not None:
        ints = ("min_dates", "old_days", "max_days")
        if not isinstance(retro.get("id"), str) \
                or not all(isinstance(retro.get(k), int) and not isinstance(retro.get(k), bool)
                           and retro[k] >= 0 for k in ints) \
                or not isinstance(retro.get("old_share"), (int, float)) \
                or not 0 < retro["old_share"] <= 1 \
                or set(retro) - {"id", *ints, "old_share", "note", "example"}:
            raise DataFileError(f"{path}: retrospective: needs an 'id' (text), 'min_dates', "
                                "'old_days' and 'max_days' (whole numbers >= 0) and "
                                "'old_share' (a share in (0, 1]), and may have 'note' and "
                                "'example'")
        retrospective = Retrospective(retro["id"], retro["min_dates"], float(retro["old_share"]),
                                      retro["old_days"], retro["max_days"])
    paragraph_year = _id_only_rule(data, "paragraph_year", path)
    forward_year = _id_only_rule(data, "forward_year", path)
    rec = data.get("conflict_recall")
    recall = None
    if rec is not None:
        if not isinstance(rec.get("id"), str) or not rec["id"] \
                or not isinstance(rec.get("nouns", []), list) \
                or not all(isinstance(w, str) and w for w in rec.get("nouns", [])) \
                or set(rec) - {"id", "nouns", "note", "example"}:
            raise DataFileError(f"{path}: conflict_recall: needs an 'id' (text), and may have "
                                "'nouns' (a list of phrases), 'note' and 'example'")
        words = sorted({*nouns, *rec.get("nouns", [])}, key=lambda n: (-len(n), n))
        if words:
            noun_re = "|".join(r"\s+".join(re.escape(w) for w in n.split()) for n in words)
            # the noun, at most a capitalised name it is of, on, against or in, then the
            # preposition that opens the date (which starts where the text ends)
            recall = ConflictRecall(rec["id"], re.compile(
                rf"\b(?i:{noun_re})(?:\s+(?i:of|on|against|in)\s+(?:the\s+)?"
                r"[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)?\s*,?\s+(?i:in|on|of)\s+$"))
    return NarrativeRules(tuple(rules), int(heading.get("max_words", 8)),
                          str(heading.get("sentence_end", ".!?:;")), grammar, era_switch,
                          after_clause, tuple(conflict), retrospective, paragraph_year,
                          recall, forward_year)


def _id_only_rule(data: dict, key: str, path: Path) -> str | None:
    """The id of the block ``key`` of a narrative-dates file that is a rule with nothing but
    an id ("paragraph_year", "forward_year"; may have 'note' and 'example'), None without the
    block; a block without a text id or with other keys is a DataFileError naming the file."""
    from geo_events.errors import DataFileError

    block = data.get(key)
    if block is None:
        return None
    if not isinstance(block.get("id"), str) or not block["id"] \
            or set(block) - {"id", "note", "example"}:
        raise DataFileError(f"{path}: {key}: needs an 'id' (text), and may have 'note' and "
                            "'example'")
    return block["id"]


def _shift(d: date, unit: str, n: int) -> date:
    if unit == "day":
        return d + timedelta(days=n)
    if unit == "week":
        return d + timedelta(days=7 * n)
    month_index = d.year * 12 + d.month - 1 + n
    year, month = divmod(month_index, 12)
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def _relative_range(rule: RelativeRule, match: re.Match[str], anchor: date,
                    grammar: DateGrammar) -> DateRange:
    n = rule.offset * (grammar.number(match["num"]) if rule.counted else 1)
    day = _shift(anchor, rule.unit, n)
    if rule.unit == "day":
        return DateRange(day, day, "day")
    if rule.unit == "week":
        return DateRange(day - timedelta(days=3), day + timedelta(days=3), "week")
    return DateRange(day.replace(day=1), day.replace(
        day=calendar.monthrange(day.year, day.month)[1]), "month")


def _explicit_year(m: DateMention) -> bool:
    return bool(_YEAR.search(m.text)) and m.range.precision in ("day", "month")


def _yearless(m: DateMention, text: str, grammar: DateGrammar) -> bool:
    """A day and month, or a month, written without a year (and not "since ...")."""
    return (m.range.precision in ("day", "month") and not _YEAR.search(m.text)
            and bool(_month_regex(grammar).search(m.text))
            and not grammar.after_since(text, m.start))


def _in_year(m: DateMention, year: int, grammar: DateGrammar) -> DateRange | None:
    found = find_dates(f"{m.text} {year}", None, grammar)
    return found[0].range if found and found[0].range.precision != "year" else None


def _year_of_sentence(m: DateMention, found: Sequence[DateMention], text: str) -> int | None:
    """The year a year-only expression earlier in ``m``'s sentence writes ("the 2014 unrest
    ... in April"), the latest one; None without one. A year alone dates only its sentence:
    it is no anchor for the narrative after it (a 2022 story recalls "the 2014 battle")."""
    for d in reversed(found):
        if d.end > m.start:
            continue
        between = text[d.end:m.start]
        if "\n" in between or _SENTENCE_BREAK.search(between):
            return None
        y = _YEAR.search(d.text)
        if y is None:
            continue  # another yearless date ("in March and April")
        if d.range.precision == "year" and d.range.date_from.year == d.range.date_to.year:
            return int(y.group())
        return None  # a full date is nearer: the narrative's anchor (below)
    return None


def _narrative_year(m: DateMention, anchor: date, published: date | None,
                    grammar: DateGrammar) -> DateRange | None:
    """``m`` read in the narrative's year (see the module docstring), or None."""
    own = _in_year(m, anchor.year, grammar)
    if own is None:
        return None
    gap = (own.date_from - anchor).days
    for step, far in ((1, gap <= -FAR_DAYS), (-1, gap >= FAR_DAYS)):
        if far and (other := _in_year(m, anchor.year + step, grammar)) is not None \
                and abs((other.date_from - anchor).days) <= TURN_OF_YEAR_DAYS:
            own = other
    if published is not None and own.date_from > published:
        return None
    return own


def _later_era(m: DateMention, own: DateRange, anchor: DateMention, following: DateMention,
               text: str, published: date | None, grammar: DateGrammar,
               min_years: int) -> DateRange | None:
    """``m`` in the year of the explicit date ``following`` it, when the narrative has moved
    on to that later era (rule ``era_switch``): ``anchor``, the explicit date before ``m``,
    is in an earlier paragraph or section and at least ``min_years`` years before
    ``following``; read in ``anchor``'s year (``own``), ``m`` would run the narrative back
    before ``anchor``, read in ``following``'s year it falls in order before it ("... until
    July 2014. [new paragraph] Starting on 17 May, shelling ... in October 2022": 17 May
    2022). Only the first yearless date after ``anchor`` may switch (the caller's check): once
    one was read in ``anchor``'s year, the narrative goes on in that era, flashbacks
    included. Else None."""
    if following.range.date_from.year - anchor.range.date_from.year < min_years \
            or "\n" not in text[anchor.end:m.start] \
            or own.date_from >= anchor.range.date_from:
        return None
    later = _in_year(m, following.range.date_from.year, grammar)
    if later is None or later.date_from > following.range.date_from \
            or (published is not None and later.date_from > published):
        return None
    return later


def _news_reading(m: DateMention, rng: DateRange, anchor: DateMention, since: date | None,
                  following: DateMention | None, text: str) -> bool:
    """Rule ``paragraph_year``: whether news reads the yearless ``m`` against publication
    (``m.range``) rather than in the narrative's year (``rng``, from the explicit date
    ``anchor``, or from ``since`` when the narrative moved on to a later era): ``anchor`` is
    in another paragraph, and the narrative's reading does not keep the text in order where
    publication's would break it (``since`` <= ``rng`` <= the next explicit date
    ``following`` < publication's reading: "... until July 2014. / Starting on 17 May, ...
    in October 2022" is 17 May 2022 in news too)."""
    between = text[anchor.end:m.start] if anchor.start < m.start else text[m.end:anchor.start]
    if "\n" not in between:
        return False
    return not (following is not None and (since is None or since <= rng.date_from)
                and rng.date_from <= following.range.date_from < m.range.date_from)


def conflict_dates(text: str, conflict_start: date, published: date | None = None,
                   rules: NarrativeRules | None = None) -> list[DateMention]:
    """The dates of the war itself in ``text`` (rules ``conflict_dates``: "in the first weeks
    of the war", "at the start of the invasion"), read from ``conflict_start`` (the conflict
    profile's start date), in text order, non-overlapping; none in a text published before
    the date they name, and none after "since" ("held since the first days of the war" is
    a period up to now, no time a change happened at). Each mention's ``text`` is the
    expression, its range inclusive."""
    rules = rules or load_narrative_rules()
    found: list[tuple[int, int, ConflictRule]] = []
    for rule in rules.conflict:
        found += [(m.start(), m.end(), rule) for m in rule.pattern.finditer(text)]

    def read(start: int, end: int, rule: ConflictRule) -> tuple[int, DateMention] | None:
        first = conflict_start + timedelta(days=rule.from_days)
        last = conflict_start + timedelta(days=rule.to_days)
        if rules.grammar.since(text, start):
            return None  # "since the first days of the war": a period up to now dates no change
        if published is not None:
            if first > published:
                return None
            last = min(last, published)
        rng = DateRange(first, last, _precision_of_width((last - first).days + 1))
        return end, DateMention(start, end, text[start:end], rng, rule.id)

    return leftmost_longest(found, read)


def narrative_dates(text: str, published: date | None = None,
                    rules: NarrativeRules | None = None,
                    conflict_start: date | None = None,
                    news: bool = False) -> list[DateMention]:
    """The date expressions of ``text`` (:func:`~geo_events.events.dates.find_dates`) read as
    a narrative (see the module docstring), in text order, non-overlapping; with
    ``conflict_start`` (the conflict profile's start date) also the dates of the war itself
    (:func:`conflict_dates`) where no other expression is. ``news``: the text is no retelling
    of the past (see :func:`is_retrospective`): under rule ``paragraph_year`` a yearless date
    takes the year of an explicit date only within its paragraph, else publication's (the
    mention then names the rule)."""
    rules = rules or load_narrative_rules()
    out = _narrative_dates(text, published, rules, news)
    if conflict_start is None or not rules.conflict:
        return out
    return _with_conflict(out, conflict_dates(text, conflict_start, published, rules))


def text_dates(text: str, published: date | None = None,
               rules: NarrativeRules | None = None,
               conflict_start: date | None = None) -> tuple[list[DateMention], bool]:
    """The dates of ``text`` as extraction reads them, and whether the text retells the past:
    :func:`narrative_dates`, then :func:`is_retrospective` on them, and when it does not (news)
    the dates again with ``news=True``. The expressions are found once (the two readings
    differ only in the years they give). Where the text is news only because rule
    ``conflict_recall`` left its recalled years uncounted (a retelling without it), a date
    read against publication names that rule too (``"yearless-news-paragraph,conflict-recall"``:
    both decided its year)."""
    rules = rules or load_narrative_rules()
    prepared = _prepare(text, published, rules)
    extra = (conflict_dates(text, conflict_start, published, rules)
             if conflict_start is not None and rules.conflict else [])
    dates = _with_conflict(_read(text, published, rules, prepared), extra)
    retrospective = is_retrospective(dates, published, rules, text)
    if not retrospective:  # news: a year written in one paragraph dates no other
        recall = rules.conflict_recall
        recalled = recall is not None and is_retrospective(dates, published, rules)
        dates = _with_conflict(_read(text, published, rules, prepared, news=True), extra)
        if recalled and recall is not None:
            dates = [replace(d, rule=f"{d.rule},{recall.id}")
                     if d.rule is not None and d.rule == rules.paragraph_year else d
                     for d in dates]
    return dates, retrospective


def _with_conflict(out: list[DateMention], extra: list[DateMention]) -> list[DateMention]:
    """``out`` with the dates of the war itself where no other expression is."""
    extra = [d for d in extra if not any(o.start < d.end and d.start < o.end for o in out)]
    return sorted([*out, *extra], key=lambda d: d.start) if extra else out


@dataclass(frozen=True)
class _Prepared:
    """A text's date expressions and relative dates, before any is read in a year."""

    found: list[DateMention]
    items: list[DateMention | tuple[int, int, RelativeRule, re.Match[str]]]
    explicit: list[DateMention]
    starts: list[int]


def _narrative_dates(text: str, published: date | None,
                     rules: NarrativeRules, news: bool = False) -> list[DateMention]:
    return _read(text, published, rules, _prepare(text, published, rules), news)


def _prepare(text: str, published: date | None, rules: NarrativeRules) -> _Prepared:
    grammar = rules.grammar
    found = find_dates(text, published, grammar)
    relative: list[tuple[int, int, tuple[RelativeRule, re.Match[str]]]] = []
    found_starts = [d.start for d in found]
    for rule in rules.relative:
        for mt in rule.pattern.finditer(text):
            k = bisect_right(found_starts, mt.start()) - 1  # found: in order, non-overlapping
            near = found[max(k, 0):k + 2]
            if not any(d.start < mt.end() and mt.start() < d.end for d in near):
                relative.append((mt.start(), mt.end(), (rule, mt)))
    explicit = [d for d in found if _explicit_year(d)]
    starts = [d.start for d in explicit]
    items: list[DateMention | tuple[int, int, RelativeRule, re.Match[str]]] = [*found]
    items += leftmost_longest(relative, lambda start, end, r: (end, (start, end, *r)))
    items.sort(key=lambda x: x.start if isinstance(x, DateMention) else x[0])
    return _Prepared(found, items, explicit, starts)


def _read(text: str, published: date | None, rules: NarrativeRules, prepared: _Prepared,
          news: bool = False) -> list[DateMention]:
    grammar = rules.grammar
    found, items, explicit, starts = (prepared.found, prepared.items, prepared.explicit,
                                      prepared.starts)
    out: list[DateMention] = []
    last_day: date | None = None
    era: tuple[int, date] | None = None  # (from which offset, the date) of an era switch
    continued = -1  # the explicit anchor a yearless date has already been read in
    for item in items:
        if isinstance(item, DateMention):
            m = item
            year = _year_of_sentence(m, found, text) if _yearless(m, text, grammar) \
                else None
            if year is not None:
                # "during the 2014 unrest, in April": the sentence's own year
                rng = _in_year(m, year, grammar)
                if rng is not None and (published is None or rng.date_from <= published):
                    m = DateMention(m.start, m.end, m.text, rng)
            elif _yearless(m, text, grammar) and explicit:
                k = bisect_right(starts, m.start) - 1
                anchor = explicit[k] if k >= 0 else explicit[0]
                anchor_day = anchor.range.date_from
                if era is not None and era[0] > anchor.start:
                    anchor_day = era[1]  # the later era the narrative moved on to
                rng = _narrative_year(m, anchor_day, published, grammar)
                switched = None
                if rng is not None and k >= 0 and anchor_day == anchor.range.date_from \
                        and k + 1 < len(explicit) and rules.era_switch is not None \
                        and continued != anchor.start:
                    later = _later_era(m, rng, anchor, explicit[k + 1], text, published,
                                       grammar, rules.era_switch[1])
                    if later is not None:
                        rng = later
                        switched = (m.start, later.date_from)
                if rng is not None and rng != m.range and news and k < 0 \
                        and rules.forward_year is not None \
                        and _forward_only(m, anchor, found, text):
                    # news: a year written in a later sentence sets none for this one
                    m = DateMention(m.start, m.end, m.text, m.range, rules.forward_year)
                    rng = None
                elif rng is not None and rng != m.range and news \
                        and rules.paragraph_year is not None \
                        and _news_reading(m, rng, anchor, anchor_day if k >= 0 else None,
                                          explicit[k + 1] if 0 <= k < len(explicit) - 1
                                          else (anchor if k < 0 else None), text):
                    # news: a year written in another paragraph sets none for this one
                    m = DateMention(m.start, m.end, m.text, m.range, rules.paragraph_year)
                    rng = None
                elif switched is not None:
                    era = switched
                if rng is not None:
                    m = DateMention(m.start, m.end, m.text, rng)
                    if era is None or era[0] < anchor.start:
                        continued = anchor.start  # the narrative goes on in the anchor's era
            out.append(m)
            if m.range.precision in ("day", "week"):
                last_day = m.range.date_from
        else:
            start, end, rule, mt = item
            if last_day is None:
                continue
            rng = _relative_range(rule, mt, last_day, grammar)
            if published is not None and rng.date_from > published:
                continue
            out.append(DateMention(start, end, text[start:end], rng))
            last_day = rng.date_from
    return out


def narrative_points(dates: Sequence[DateMention]) -> list[DateMention]:
    """The dates of ``dates`` that set the narrative's time (a day, a week or a month), in
    the order given."""
    return [d for d in dates if d.range.precision in ("day", "week", "month")]


def is_retrospective(dates: Sequence[DateMention], published: date | None,
                     rules: NarrativeRules | None = None, text: str | None = None) -> bool:
    """Whether a text with the date expressions ``dates`` (as :func:`narrative_dates` reads
    them) retells the past (rule ``retrospective``): at least ``min_dates`` days, weeks or
    months, ``old_share`` of them ending more than ``old_days`` days before ``published``.
    With the ``text`` and rule ``conflict_recall``, a day or month without a year whose
    narrative year could come only from a date written on the war itself in another
    paragraph is not counted (:func:`_recalled_years`)."""
    rules = rules or load_narrative_rules()
    retro = rules.retrospective
    if retro is None or published is None:
        return False
    points = narrative_points(dates)
    if text is not None and rules.conflict_recall is not None:
        recalled = _recalled_years(points, text, rules)
        points = [d for d in points if d.start not in recalled]
    if text is not None and rules.forward_year is not None:
        points = _without_forward_years(points, dates, text, rules)
    if len(points) < max(retro.min_dates, 1):
        return False
    limit = published - timedelta(days=retro.old_days)
    old = sum(d.range.date_to < limit for d in points)
    return old >= retro.old_share * len(points)


def _forward_only(m: DateMention, anchor: DateMention, found: Sequence[DateMention],
                  text: str) -> bool:
    """Rule ``forward_year``: whether the yearless ``m``, which no explicit date precedes,
    could take its narrative year only from the explicit date ``anchor`` of a later sentence
    or paragraph: no year alone is written before it either ("the 2022 battle ... On 24
    February": the text has told its year)."""
    between = text[m.end:anchor.start]
    if "\n" not in between and _SENTENCE_BREAK.search(between) is None:
        return False
    return not any(d.end <= m.start and d.range.precision == "year" and _YEAR.search(d.text)
                   for d in found)


def _without_forward_years(points: Sequence[DateMention], dates: Sequence[DateMention],
                           text: str, rules: NarrativeRules) -> list[DateMention]:
    """``points`` without the days and months written without a year that could take their
    narrative year only from an explicit date of a later sentence (rule ``forward_year``,
    :func:`_forward_only`): only that year could make them old."""
    explicit = [d for d in points if _explicit_year(d)]
    if not explicit:
        return list(points)
    first = explicit[0]
    return [d for d in points if not (d.start < first.start and _yearless(d, text, rules.grammar)
                                      and _forward_only(d, first, dates, text))]


def _recalled_years(points: Sequence[DateMention], text: str,
                    rules: NarrativeRules) -> set[int]:
    """Start offsets of the yearless dates of ``points`` whose narrative year would come from
    a date written on the war itself (rule ``conflict_recall``) in another paragraph: the
    nearest explicit date before them (the first after them when none precedes), as
    :func:`narrative_dates` anchors them."""
    recall = rules.conflict_recall
    explicit = [d for d in points if _explicit_year(d)]
    if recall is None or not explicit:
        return set()
    starts = [d.start for d in explicit]
    out = set()
    for d in points:
        if not _yearless(d, text, rules.grammar):
            continue
        k = bisect_right(starts, d.start) - 1
        anchor = explicit[max(k, 0)]
        between = text[anchor.end:d.start] if k >= 0 else text[d.end:anchor.start]
        if "\n" in between and recall.recalls(text, anchor):
            out.add(d.start)
    return out


def narrative_time(points: Sequence[DateMention], char: int, published: date | None,
                   rules: NarrativeRules | None = None,
                   starts: Sequence[int] | None = None) -> DateRange | None:
    """The narrative's time at offset ``char`` of a retrospective text (rule
    ``retrospective``): from the start of the last day, week or month written before ``char``
    to the start of the next later one after it, at most ``max_days`` days, never after
    ``published``; None with no date before ``char``. ``points``: the text's
    :func:`narrative_points` in text order (``starts``: their start offsets, when known)."""
    rules = rules or load_narrative_rules()
    retro = rules.retrospective
    if retro is None:
        return None
    starts = starts if starts is not None else [d.start for d in points]
    k = bisect_right(starts, char) - 1
    if k < 0:
        return None
    first = points[k].range.date_from
    last = first + timedelta(days=retro.max_days)
    nxt = next((d.range.date_from for d in points[k + 1:] if d.range.date_from > first), None)
    if nxt is not None:
        last = min(last, nxt)
    if published is not None:
        if first > published:
            return None
        last = min(last, published)
    return DateRange(first, last, _precision_of_width((last - first).days + 1))


def heading_spans(text: str, rules: NarrativeRules | None = None) -> list[tuple[int, int]]:
    """Character spans (end exclusive) of the heading lines of ``text``: a line of at most
    ``max_words`` words that does not end like a sentence, on its own between line breaks
    ("#### 25 February", "Aftermath"), not the first line of the text (a title)."""
    rules = rules or load_narrative_rules()
    out = []
    for mt in re.finditer(r"(?m)^[^\S\n]*(\S[^\n]*?)[^\S\n]*$", text):
        line = mt.group(1)
        if mt.start() == 0 or mt.end() >= len(text.rstrip()):
            continue
        if len(line.split()) > rules.heading_max_words or line[-1] in rules.sentence_end:
            continue
        if not (line[0].isupper() or line[0].isdigit() or line[0] == "#"):
            continue
        out.append((mt.start(1), mt.end(1)))
    return out


def section_dates(text: str, dates: Sequence[DateMention],
                  rules: NarrativeRules | None = None) -> list[tuple[int, DateRange | None]]:
    """For each heading of ``text`` (:func:`heading_spans`), in order, (where its section
    starts, the date the heading is or None): "28 February" (as read by ``dates``) or a month
    alone ("March", in the year of the date before it) dates its section."""
    out: list[tuple[int, DateRange | None]] = []
    last: date | None = None
    k = 0
    for start, end in heading_spans(text, rules):
        while k < len(dates) and dates[k].start < start:
            if dates[k].range.precision != "year":
                last = dates[k].range.date_from
            k += 1
        words = text[start:end].lstrip("#").strip()
        inside: list[DateMention] = []
        while k + len(inside) < len(dates) and dates[k + len(inside)].start < end:
            inside.append(dates[k + len(inside)])
        rng: DateRange | None = None
        if len(inside) == 1 and len(inside[0].text) >= len(words) - 1:
            rng = inside[0].range
        elif last is not None and _month_regex(grammar := rules.grammar if rules
                                               else date_grammar()).fullmatch(words):
            found = find_dates(f"{words} {last.year}", None, grammar)
            rng = found[0].range if found else None
        out.append((end, rng))
        if rng is not None:
            last = rng.date_from
    return out


def section_date(starts: Sequence[int], sections: Sequence[tuple[int, DateRange | None]],
                 char: int) -> DateRange | None:
    """The date of the section holding offset ``char`` (see :func:`section_dates`; ``starts``
    are the sections' start offsets, in order)."""
    k = bisect_right(starts, char) - 1
    return sections[k][1] if k >= 0 else None
