"""Language packs: the words, tags and dependency labels the mechanisms use for one language.

One schema-checked JSON file per language, ``geo_events/data/lang/<lang>.json`` (``en``
shipped), selected by the spaCy pipeline's language (``nlp.lang`` / ``doc.lang_``) and loaded
once per process by :func:`language_pack`. It holds:

* ``months`` (name or abbreviation, lower case -> month number) and ``weekdays`` (Monday
  first): the date reader (:mod:`geo_events.events.dates`) and the wire-dateline readers
  (:mod:`geo_events.readers`, :mod:`geo_events.geoparse.components`) build their expressions
  from them;
* ``pos`` and ``tags``: the part-of-speech tags of verbs and nouns (and participles, gerunds);
* ``deps``: named sets of dependency labels (``object``, ``subject``, ``clause``, ...) used by
  the trigger patterns (:mod:`geo_events.events.patterns`), the slot, actor and factuality
  mechanisms and the syntax helpers (every set the code names is listed in
  :data:`DEP_NAMES`; the code reads ``pack.deps["<name>"]``, never a label);
* ``function_words``: named sets of closed-class words (``genitive``: "of", ...) the syntax
  mechanisms read;
* ``ents``: named sets of the pipeline's entity labels (``group``: a named organisation or
  people; ``owner``; ...);
* ``particles``: trigger words the parser often attaches elsewhere ("pulled *out* of");
* ``dateline``: regular-expression pieces of a wire dateline (place, agency, dash);
* ``date_grammar``: the file (relative to the pack's folder: ``en/dates.json``) holding the
  language's date expressions ("last month", "two days ago", "early March": number words,
  part words, relative words and the expressions' patterns), read by
  :func:`geo_events.events.dates.date_grammar`;
* ``names``: the words of party names the conflict profiles read
  (:mod:`geo_events.events.profiles`): ``endings`` (plural and possessive endings a side term
  may carry, "separatists", "Russia's"), ``possessive`` (the ending of the possessive form of a
  country's institution, "Myanmar's military"), ``articles`` (words that start no possessive
  form: "the") and ``abbreviations`` (a phrase of a party name and its abbreviated forms:
  "People's Republic": "PR"); and ``unit_words``, the words naming a unit's kind after its
  name ("Izium Raion"), stripped from the names of the user's boundary units
  (:mod:`geo_events.areas`).

* ``files``: the language's other files, relative to the pack's folder (``en/...``): the event
  ``lexicon`` (:mod:`geo_events.events.lexicon`), the ``place_rules``
  (:mod:`geo_events.events.place_rules`), the ``narrative_dates`` rules
  (:mod:`geo_events.events.narrative_dates`), the ``factuality_rules``
  (:mod:`geo_events.events.context_rules`) and the geoparser's ``geoparse_cues``
  (:mod:`geo_events.geoparse.recognize`); each loader reads the file of the language it is
  given, or of the :func:`active_language`;
* ``models``: the spaCy pipelines of the language, the first installed one is loaded
  (:func:`geo_events.geoparse.load_pipeline`).

**Selection.** The pipeline's language (``nlp.lang``) selects the pack: building a geo_events
pipeline (:func:`geo_events.geoparse.load_pipeline`, ``nlp.add_pipe("geo_events_...")``) for a
language without a pack is a :class:`~geo_events.errors.LanguagePackError` naming the language
and the files to add. While a document is geoparsed or its events are extracted, its language
(``doc.lang_``) is the :func:`active_language` (:func:`using_language`), so every loader reads
that language's files; outside, it is English. :meth:`LanguagePack.lexicon`,
:meth:`LanguagePack.factuality_rules`, ... return one language's loaded rules.

Packs are looked for in the folders of ``$GEO_EVENTS_LANGUAGE_PACKS`` (separated by
``os.pathsep``) and then in :data:`LANG_DIR`. Adding a language: see ``docs/languages.md``. An
unknown key or a missing set or file is a :class:`~geo_events.errors.DataFileError` naming the
file and the key.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo_events.config import DATA_DIR
from geo_events.data_schema import Schema, check_keys, load_rule_file
from geo_events.errors import DataFileError, LanguagePackError

if TYPE_CHECKING:  # the loaders import this module: theirs are imported where used
    from spacy.vocab import Vocab

    from geo_events.events.context_rules import ContextRules
    from geo_events.events.date_grammar import DateGrammar
    from geo_events.events.lexicon import Lexicon
    from geo_events.events.narrative_dates import NarrativeRules
    from geo_events.events.patterns import TriggerMatcher
    from geo_events.events.place_rules import PlaceRules

LANG_DIR = DATA_DIR / "lang"
DEFAULT_LANGUAGE = "en"
#: Environment variable: folders (``os.pathsep``-separated) searched for packs before
#: :data:`LANG_DIR`.
PACKS_ENV = "GEO_EVENTS_LANGUAGE_PACKS"
#: The files of a pack's ``files`` (each required, relative to the pack's folder).
FILE_NAMES = frozenset({"lexicon", "place_rules", "narrative_dates", "factuality_rules",
                        "geoparse_cues"})
#: Files a pack may name in ``files``: ``gazetteer_names``, the words the gazetteer builds the
#: names of administrative units from (read from the English pack: the index is built once).
OPTIONAL_FILE_NAMES = frozenset({"gazetteer_names"})

#: The sets of labels every pack names (``pos``, ``tags``, ``deps``): the mechanisms read them.
POS_NAMES = frozenset({"verb", "noun", "proper_noun", "pronoun", "verb_or_auxiliary",
                       "quantity", "adverb", "auxiliary", "common_noun",
                       # the geoparser: a capitalised word the tagger did not call a name
                       "misread_name",
                       # a verbless complement ("declared X *free* of Y"): no clause of its own
                       "small_clause_head"})
TAG_NAMES = frozenset({"verb", "noun", "participle", "gerund", "infinitive_marker", "finite",
                       "present",
                       "possessive_pronoun", "singular_noun", "wh_word",
                       "base_verb",
                       # a verb or auxiliary in the past tense ("until X *was* taken")
                       "past",
                       # the geoparser: "'s" of "South Korea's", "NNP", "towns"
                       "possessive_ending", "proper_noun", "plural_noun"})
DEP_NAMES = frozenset({
    "object", "direct_object", "subject", "active_subject", "passive", "agent", "clause",
    "conjunct", "preposition", "preposition_carrier", "preposition_object", "possessor",
    "modifier_clause",
    # the syntax of triggers, slots, actors and factuality (names say the role)
    "nominal_subject", "active_nominal_subject", "passive_subject", "negation",
    "negation_modifier", "marker", "auxiliary", "parataxis", "root", "prepositional",
    "prepositional_object", "reported_clause", "intended_clause", "purpose_clause",
    "hedge_modifier", "clause_start", "complement", "argument", "argument_preposition",
    "purpose_preposition", "preposition_complement", "adjectival_modifier", "adjectival_clause",
    "adjectival_complement", "expletive",
    "adverbial_clause", "relative_clause", "participle_modifier", "misparsed_subject",
    "particle_attachment", "particle_object", "object_actor", "noun_modifier", "attributive",
    "subject_sharing", "controlled_complement", "object_predicate", "particle", "adverbial_name",
    "located_name",
    "place_head_modifier",
    "compound", "apposition", "list_item", "unit_modifier", "describing_clause", "description",
    "determiner",
    "name_modifier", "taken_object", "name_excluded", "verb_argument", "phrase_modifier",
    "any_auxiliary", "adverbial_modifier", "background_clause", "main_clause",
    "inception_complement", "entered_place", "finite_complement", "announced_change",
    "article_or_punct", "quantifier",
    # the complement of a copula-like verb ("X is *the aim*", "the aim is *to take* X")
    "predicate_complement",
    # the conjunction joining two conjuncts ("X *and* Y"; a subject the parser hung on a noun
    # of the clause before, :func:`geo_events.events.syntax.stranded_subject`)
    "coordinator",
    # the geoparser (geo_events/geoparse/): a name as the subject of a place verb, the
    # undergoer of a verb ("seized X", "X was taken"), the argument, compound and modifier
    # positions a recovered name takes, the number of "10 km"
    "place_subject", "undergoer", "name_argument", "name_compound", "descriptive_name",
    "named_modifier", "number_modifier"})
#: Named sets of closed-class words (``function_words``).
FUNCTION_WORD_NAMES = frozenset({"genitive", "article", "agent_preposition", "infinitive",
                                 "relative_pronoun", "slot_preposition"})
#: Named sets of the pipeline's entity labels (``ents``).
ENT_NAMES = frozenset({"group", "owner", "not_named_party", "state_or_people", "state",
                       # the geoparser: place entities, a region-like location, peoples
                       # (demonyms), persons, labels that block, embed or only weakly name a
                       # place (geo_events/geoparse/recognize.py)
                       "place", "location", "people", "person", "blocking", "embedding",
                       "doubtful",
                       # a date or time of day, a number: the words of a date phrase a
                       # subject was parsed into (syntax.date_phrase_subject)
                       "time", "number"})
DATELINE_NAMES = frozenset({"place", "agency", "dash"})
#: The keys of ``names`` (the words of party names, :class:`NameWords`).
NAME_KEYS = frozenset({"endings", "stripped_endings", "possessive", "articles",
                       "abbreviations", "unit_words"})

#: The top-level keys of a pack (besides ``provenance``, ``language``, ``notes``) and types.
SCHEMA = Schema(keys={"months": dict, "weekdays": list, "pos": dict, "tags": dict,
                      "deps": dict, "function_words": dict,
                      "ents": dict, "particles": list, "dateline": dict,
                      "date_grammar": str, "names": dict, "files": dict,
                      "models": list})


@dataclass(frozen=True)
class NameWords:
    """The words of party names a conflict profile's terms are matched with
    (:mod:`geo_events.events.profiles`; the pack's ``names``)."""

    #: endings a term may carry in a text ("separatists", "Russia's"; an apostrophe stands for
    #: "'" or "’")
    endings: tuple[str, ...]
    #: endings removed, the first that fits in this order, before a matched term is looked up
    stripped_endings: tuple[str, ...]
    #: the ending of the possessive form of a country's institution ("Myanmar's military")
    possessive: str
    #: words that start no possessive form ("the")
    articles: frozenset[str]
    #: a phrase of a party name -> its abbreviated forms ("People's Republic": "PR")
    abbreviations: dict[str, tuple[str, ...]]
    #: words naming a unit's kind after its name ("Izium Raion", "the Kupiansk district"):
    #: stripped from the names of the user's boundary units, in this order, and read after them
    #: (:mod:`geo_events.areas`)
    unit_words: tuple[str, ...] = ()


@dataclass(frozen=True)
class LanguagePack:
    """The checked content of one language pack (see the module docstring)."""

    lang: str
    path: Path
    months: dict[str, int]
    weekdays: tuple[str, ...]
    pos: dict[str, frozenset[str]]
    tags: dict[str, frozenset[str]]
    deps: dict[str, frozenset[str]]
    function_words: dict[str, frozenset[str]]
    ents: dict[str, frozenset[str]]
    particles: frozenset[str]
    dateline: dict[str, str]
    #: the date-grammar file (:func:`geo_events.events.dates.date_grammar` reads it)
    date_grammar: Path
    names: NameWords
    #: the language's other files by name (:data:`FILE_NAMES`), absolute paths
    files: dict[str, Path] = field(default_factory=dict)
    #: the spaCy pipelines of the language (package names or paths), the first installed wins
    models: tuple[str, ...] = ()

    # -- the language's rules, loaded once per file (the one loader of issue 13) -------------
    def lexicon(self, *extra: str | Path) -> Lexicon:
        """The event lexicon (trigger phrases, word lists), extended by ``extra`` files."""
        from geo_events.events.lexicon import load_lexicon

        return load_lexicon(*extra, lang=self.lang)

    def trigger_matcher(self, vocab: Vocab) -> TriggerMatcher:
        """The lexicon's triggers compiled to dependency patterns for ``vocab``."""
        from geo_events.events.patterns import trigger_matcher

        return trigger_matcher(self.lexicon(), vocab, self.lang)

    def factuality_rules(self, *extra: str | Path) -> ContextRules:
        """The factuality (ConText-style) rules, extended by ``extra`` files."""
        from geo_events.events.context_rules import load_rules

        return load_rules(*extra, lang=self.lang)

    def place_rules(self) -> PlaceRules:
        """The rules of places, reference and actors."""
        from geo_events.events.place_rules import place_rules

        return place_rules(lang=self.lang)

    def narrative_rules(self) -> NarrativeRules:
        """The rules of narrative dates ("two days later", headings)."""
        from geo_events.events.narrative_dates import load_narrative_rules

        return load_narrative_rules(lang=self.lang)

    def dates(self) -> DateGrammar:
        """The date grammar (``date_grammar``)."""
        from geo_events.events.date_grammar import date_grammar

        return date_grammar(self)

    def geoparse_cues(self) -> dict[str, Any]:
        """The geoparser's cue words (``geoparse_cues``)."""
        from geo_events.geoparse.recognize import cues

        return cues(self.lang)

    def month_alternation(self) -> str:
        """A regular-expression alternation of the capitalised month names and abbreviations,
        longest first ("September|...|Sept|Sep")."""
        names = sorted(self.months, key=lambda w: (-len(w), w))
        return "|".join(re.escape(w.capitalize()) for w in names)

    def weekday_alternation(self) -> str:
        """The capitalised weekday names as a regular-expression alternation."""
        return "|".join(re.escape(w.capitalize()) for w in self.weekdays)

    def month_number(self, word: str) -> int:
        """The month a name or abbreviation ("Sept", "sept.", "September") stands for."""
        return self.months[word.lower().rstrip(".")]

    def dateline_regex(self, *, date_required: bool, after_sentence: bool) -> re.Pattern[str]:
        """A wire dateline ("KYIV, Sept 10 (Reuters) -", "MOSCOW/KYIV, Oct 3 -", "GOMA,
        Democratic Republic of Congo, Jan 27, 2023 (AP) —", and without ``date_required``
        "KHARTOUM (AP) — ") at the top of a text or of a paragraph (and, ``after_sentence``,
        after a sentence's end); groups ``place``, ``month``, ``day``, ``year``. The match
        ends after the white space following the dash."""
        d = self.dateline
        start = r"(?:\A|\n\s*\n|(?<=[.!?])\s)" if after_sentence else r"(?:\A|\n\s*\n)"
        when = (rf",\s*(?P<month>{self.month_alternation()})\.?\s+(?P<day>\d{{1,2}})"
                r"(?:,\s*(?P<year>\d{4}))?")
        return re.compile(
            rf"{start}\s*(?P<place>{d['place']}){when if date_required else f'(?:{when})?'}"
            rf"\s*(?:{d['agency']}\s*)?(?:{d['dash']})\s+")


def pack_dirs() -> list[Path]:
    """The folders searched for packs: those of ``$GEO_EVENTS_LANGUAGE_PACKS``, then
    :data:`LANG_DIR`."""
    extra = [Path(p) for p in os.environ.get(PACKS_ENV, "").split(os.pathsep) if p]
    return [*extra, LANG_DIR]


def available_languages() -> list[str]:
    """The languages with a pack in :func:`pack_dirs`."""
    return sorted({p.stem for d in pack_dirs() for p in d.glob("*.json")})


def _words(data: dict[str, Any], key: str, where: Path) -> frozenset[str]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        raise DataFileError(f"{where}: {key!r} must be a list of strings")
    return frozenset(value)


def _label_sets(data: dict[str, Any], key: str, names: frozenset[str],
                where: Path) -> dict[str, frozenset[str]]:
    sets = data.get(key)
    if not isinstance(sets, dict):
        raise DataFileError(f"{where}: {key!r} must be an object of label lists")
    check_keys(sets, names, f"{where}: {key!r}", what="set")
    missing = sorted(names - set(sets))
    if missing:
        raise DataFileError(f"{where}: {key!r} lacks the set {missing[0]!r}")
    return {name: _words(sets, name, where) for name in sets}


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(w, str) and w for w in value)


def _name_words(data: dict[str, Any], where: Path) -> NameWords:
    names = data.get("names")
    if not isinstance(names, dict):
        raise DataFileError(f"{where}: needs a 'names' object ({', '.join(sorted(NAME_KEYS))})")
    check_keys(names, NAME_KEYS, f"{where}: 'names'")
    missing = sorted(NAME_KEYS - set(names))
    if missing:
        raise DataFileError(f"{where}: 'names' lacks the key {missing[0]!r}")
    for key in ("endings", "stripped_endings", "articles", "unit_words"):
        if not _strings(names[key]):
            raise DataFileError(f"{where}: 'names': {key!r} must be a list of strings")
    abbreviations = names["abbreviations"]
    if not isinstance(names["possessive"], str) or not isinstance(abbreviations, dict) \
            or not all(_strings(v) for v in abbreviations.values()):
        raise DataFileError(f"{where}: 'names': 'possessive' must be a string and "
                            "'abbreviations' map phrases to lists of their short forms")
    return NameWords(
        endings=tuple(names["endings"]), stripped_endings=tuple(names["stripped_endings"]),
        possessive=names["possessive"], articles=frozenset(w.lower() for w in names["articles"]),
        abbreviations={k: tuple(v) for k, v in abbreviations.items()},
        unit_words=tuple(names["unit_words"]))


def read_pack(path: Path) -> LanguagePack:
    """Read and check the language pack ``path`` (see the module docstring)."""
    data = load_rule_file(path, SCHEMA)
    if not isinstance(data.get("provenance"), str):
        raise DataFileError(f"{path}: needs a 'provenance' saying who wrote it and from what")
    lang = data.get("language") or path.stem
    months = data.get("months")
    if not isinstance(months, dict) or not months or not all(
            isinstance(k, str) and isinstance(v, int) and 1 <= v <= 12
            for k, v in months.items()):
        raise DataFileError(f"{path}: 'months' must map names to month numbers 1..12")
    weekdays = data.get("weekdays")
    if not isinstance(weekdays, list) or len(weekdays) != 7 or not all(
            isinstance(w, str) for w in weekdays):
        raise DataFileError(f"{path}: 'weekdays' must list the seven day names, Monday first")
    dateline = data.get("dateline")
    if not isinstance(dateline, dict) or set(dateline) != DATELINE_NAMES or not all(
            isinstance(v, str) for v in dateline.values()):
        raise DataFileError(f"{path}: 'dateline' must give the expressions "
                            f"{', '.join(sorted(DATELINE_NAMES))}")
    for name, expr in dateline.items():
        try:
            re.compile(expr)
        except re.error as exc:
            raise DataFileError(f"{path}: dateline {name!r} is no regular expression: "
                                f"{exc}") from exc
    files = data.get("files")
    if not isinstance(files, dict):
        raise DataFileError(f"{path}: needs 'files' naming the language's "
                            f"{', '.join(sorted(FILE_NAMES))} (relative to {path.parent})")
    check_keys(files, FILE_NAMES | OPTIONAL_FILE_NAMES, f"{path}: 'files'", what="file")
    for name in sorted(FILE_NAMES | (OPTIONAL_FILE_NAMES & set(files))):
        value = files.get(name)
        if not isinstance(value, str) or not (path.parent / value).is_file():
            raise DataFileError(f"{path}: 'files': {name!r} must name an existing file "
                                f"relative to {path.parent} (not {value!r})")
    models = data.get("models", [])
    if not _strings(models):
        raise DataFileError(f"{path}: 'models' must list spaCy pipelines (package names)")
    grammar = data.get("date_grammar")
    if not grammar:
        raise DataFileError(f"{path}: needs a 'date_grammar' naming the file of the "
                            "language's date expressions (en.json: \"en/dates.json\")")
    return LanguagePack(
        lang=str(lang), path=path, date_grammar=path.parent / grammar,
        months={k.lower(): v for k, v in months.items()},
        weekdays=tuple(w.lower() for w in weekdays),
        pos=_label_sets(data, "pos", POS_NAMES, path),
        tags=_label_sets(data, "tags", TAG_NAMES, path),
        deps=_label_sets(data, "deps", DEP_NAMES, path),
        function_words=_label_sets(data, "function_words", FUNCTION_WORD_NAMES, path),
        ents=_label_sets(data, "ents", ENT_NAMES, path),
        particles=_words(data, "particles", path), dateline=dict(dateline),
        names=_name_words(data, path),
        files={name: path.parent / value for name, value in files.items()},
        models=tuple(models))


def language_pack(lang: str | None = DEFAULT_LANGUAGE) -> LanguagePack:
    """The pack of the language ``lang`` (an ISO code as spaCy's ``nlp.lang``; None: the
    :func:`active_language`), loaded once.

    Raises :class:`~geo_events.errors.LanguagePackError` naming the language, the packs there
    are and what to add when there is none."""
    lang = lang or _ACTIVE.get()
    pack = _PACKS.get(lang)
    if pack is None:
        pack = _PACKS[lang] = _find_pack(lang, tuple(pack_dirs()))
    return pack


_PACKS: dict[str, LanguagePack] = {}


@cache
def _find_pack(lang: str, dirs: tuple[Path, ...]) -> LanguagePack:
    path = next((d / f"{lang}.json" for d in dirs if (d / f"{lang}.json").is_file()), None)
    if path is None or not re.fullmatch(r"[a-z]{2,3}(?:[_-][A-Za-z]+)?", lang or ""):
        raise LanguagePackError(
            f"no language pack for the language {lang!r} (the packs are "
            f"{', '.join(available_languages()) or 'none'}); add {lang or '<lang>'}.json and "
            f"its files to {LANG_DIR} or to a folder of ${PACKS_ENV} (docs/languages.md), or "
            "use an English pipeline")
    return read_pack(path)


def clear_pack_cache() -> None:
    """Forget the loaded packs (after ``$GEO_EVENTS_LANGUAGE_PACKS`` changed)."""
    _PACKS.clear()
    _find_pack.cache_clear()


#: The language of the document being geoparsed or extracted (:func:`using_language`).
_ACTIVE: ContextVar[str] = ContextVar("geo_events_language", default=DEFAULT_LANGUAGE)


def active_language() -> str:
    """The language the loaders read when given none: the language of the document being
    geoparsed or extracted (set by :func:`using_language`), else English."""
    return _ACTIVE.get()


@contextmanager
def using_language(lang: str | None) -> Iterator[LanguagePack]:
    """Make ``lang`` (a document's ``doc.lang_``; None or "": unchanged) the
    :func:`active_language` inside the block; LanguagePackError when it has no pack."""
    pack = language_pack(lang or _ACTIVE.get())
    token = _ACTIVE.set(pack.lang)
    try:
        yield pack
    finally:
        _ACTIVE.reset(token)
