"""Conflict profiles: who the sides of a conflict are, as data files the user can extend.

A profile is a JSON file in ``geo_events/data/profiles/`` (or any path given to
:func:`load_profile`) with fields:

``id``, ``name``, ``provenance`` (who wrote it, from what), ``countries`` (ISO alpha-2 codes of
the countries where the conflict is fought) and ``sides``: a list of objects with ``id`` (the
side id events carry in ``gain``/``loss``, e.g. ``RU``), ``name`` (shown in map legends),
``colour`` (``#rrggbb``, the side's colour on every map; optional: a side without one gets a
free colour of the maps' palette; the shipped profiles take theirs from Paul Tol's
colour-blind-safe schemes, distinct within each profile and from the contested/unknown states,
see :mod:`geo_events.maps.sides`), ``government`` (true for the recognised government's
forces: decides ACLED's "Government regains territory"), ``acled_actor`` (the side's actor
name in ACLED's convention, "Military Forces of Russia (2000-)", used by the ACLED export;
default ``name``), ``aliases`` (names of the party, its units, leaders and metonyms:
"Wagner", "the Kremlin") and ``adjectives`` (demonym and adjective forms: "Ukrainian" as
in "Ukrainian troops"), ``occupier`` (true for the one side a bare "occupied" names with
no holder: "occupied Melitopol", "the occupied port of X" in this conflict's reporting mean
that side holds the place; trigger ``trigger.held.occupied_by_occupier``). Optional
``language``: the language code of the texts the profile is for ("en"); it chooses the
language pack (its party-name words below) and the spaCy pipeline texts are read with when
the profile is given (:func:`geo_events.events.extract_events`, the commands; an explicit
language overrides it); a language without a pack is an error naming the file and the key.
Without it, English. Optional ``theatre``: the countries of ``countries`` whose ground the
conflict contests (ISO codes, e.g. ``["UA"]`` for ``russia-ukraine``, whose other country,
Russia, is a side's own rear): the estimated control areas (``ControlTimeline.areas_at``, the
``control-area`` export, the maps' estimate) cover only these countries, so a side's polygon is
the ground it holds there, not its own country. Without it, every country of ``countries``.
Optional ``aligned``: ISO codes of countries outside ``countries`` that take a side without
fighting under their own flag (a co-belligerent host of a side's forces, e.g. Belarus in
``russia-ukraine``): their authorities' statements are no third country's assessment (rule
``factuality.third_country_assessor`` skips them; they read as a party's claims).
A text read with a profile has its names with namesakes resolved in favour of ``countries``
(:func:`geo_events.events.api.parse_for_profile`). Any other key is an error naming the file
and the key.

Matching rules (:meth:`Profile.side_of`): a term matches on word boundaries, case-insensitively,
with an optional plural/possessive ending ("separatists", "Russia's"); terms written in capitals
only (acronyms: "RSF", "DPR") match case-sensitively so that "IS" is not "is". A term with
"People's Republic" also matches abbreviated ("Donetsk PR", "Luhansk People's Rep."). The
endings, the possessive form and the abbreviations are the ``names`` of the language pack of
the profile's ``language`` (English: ``geo_events/data/lang/en.json``). When
terms of two sides occur in one actor phrase, the one nearest the end of the phrase (the head
noun side in English noun phrases: "pro-Russian Ukrainian separatists") wins.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from geo_events.config import DATA_DIR
from geo_events.data_schema import check_keys
from geo_events.errors import LanguagePackError, ProfileError, ProfileFileError
from geo_events.language import DEFAULT_LANGUAGE, language_pack

PROFILES_DIR = DATA_DIR / "profiles"

_COLOUR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a conflict (see the module docstring for the fields)."""

    id: str
    name: str
    colour: str = ""
    aliases: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    government: bool = False
    acled_actor: str | None = None
    occupier: bool = False

    @property
    def acled_name(self) -> str:
        """The side's ACLED actor name (``acled_actor``, else ``name``)."""
        return self.acled_actor or self.name

    @property
    def terms(self) -> tuple[str, ...]:
        return (self.id, *self.aliases, *self.adjectives)


@dataclass(frozen=True, slots=True)
class SideMatch:
    """A side term found in a text: character span (end exclusive) and the side id."""

    start: int
    end: int
    side: str
    term: str


@dataclass(frozen=True)
class Profile:
    """A conflict profile: sides, countries, provenance and the file it came from."""

    id: str
    name: str
    sides: tuple[Side, ...]
    countries: tuple[str, ...] = ()
    provenance: str = ""
    path: Path | None = None
    #: the language code of the texts the profile is for (None: not stated, English words)
    language: str | None = None
    #: the control at the conflict's start (:class:`geo_events.control_start.StartState`)
    start: Any = field(default=None, repr=False, compare=False)
    #: the countries whose ground the conflict contests (the file's ``theatre``; empty: every
    #: country of :attr:`countries`): where control areas are estimated (:attr:`theatre`)
    theatre_countries: tuple[str, ...] = ()
    #: countries aligned with a side though not among :attr:`countries` (the file's
    #: ``aligned``): never a third country's independent assessment
    aligned: tuple[str, ...] = ()
    _pattern: re.Pattern[str] | None = field(default=None, repr=False, compare=False)
    _term_side: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        terms: dict[str, str] = {}
        for side in self.sides:
            for term in side.terms:
                for form in _written_forms(term, self.words_language):
                    terms.setdefault(_term_key(form), side.id)
        # longest first so "Russian-backed separatists" beats "Russian"
        ordered = sorted(terms, key=len, reverse=True)
        alternatives = [_term_regex(t, self.words_language) for t in ordered]
        pattern = re.compile("|".join(alternatives)) if alternatives else None
        object.__setattr__(self, "_pattern", pattern)
        object.__setattr__(self, "_term_side", terms)

    @property
    def theatre(self) -> tuple[str, ...]:
        """The countries whose ground the conflict contests: the file's ``theatre``, else all
        of :attr:`countries`."""
        return self.theatre_countries or self.countries

    @property
    def words_language(self) -> str:
        """The language whose pack's ``names`` the terms are matched with."""
        return self.language or DEFAULT_LANGUAGE

    @property
    def side_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.sides)

    def side(self, side_id: str) -> Side:
        """The :class:`Side` with this id; raises :class:`ProfileError` naming the known ids."""
        for s in self.sides:
            if s.id == side_id:
                return s
        raise ProfileError(f"profile {self.id!r} has no side {side_id!r}; "
                           f"its sides are {', '.join(self.side_ids)}")

    def opponent(self, side_id: str | None) -> str | None:
        """The other side when the profile has exactly two sides, else None."""
        if side_id is None or len(self.sides) != 2 or side_id not in self.side_ids:
            return None
        return next(s.id for s in self.sides if s.id != side_id)

    def find_sides(self, text: str) -> list[SideMatch]:
        """Every side term in ``text``, in text order."""
        if self._pattern is None:
            return []
        out = []
        for m in self._pattern.finditer(text):
            term = m.group(0)
            side = self._term_side.get(_term_key(_strip_suffix(term, self.words_language)))
            if side is None:
                side = self._term_side.get(_term_key(term))
            if side is not None:
                out.append(SideMatch(m.start(), m.end(), side, term))
        return out

    def side_of(self, actor: str) -> str | None:
        """The side an actor phrase names ("Russian forces" -> ``RU``), or None."""
        matches = self.find_sides(actor)
        if not matches:
            return None
        return max(matches, key=lambda m: m.end).side

    def colours(self) -> dict[str, str]:
        """Side id -> colour (sides without one are left out)."""
        return {s.id: s.colour for s in self.sides if s.colour}

    def occupier(self) -> str | None:
        """The side a bare "occupied" names ("occupied Melitopol"): the one side with
        ``occupier`` true, else None."""
        found = [s.id for s in self.sides if s.occupier]
        return found[0] if len(found) == 1 else None

    def government_sides(self) -> frozenset[str]:
        return frozenset(s.id for s in self.sides if s.government)

    def home_side(self, country_code: str | None) -> str | None:
        """The side the start state gives the whole country ``country_code`` (ISO alpha-2; an
        entry of area ``adm0:<CC>``: Russia's own territory for ``russia-ukraine``), else
        None."""
        if self.start is None or not country_code:
            return None
        unit = f"adm0:{country_code}"
        return next((e.side for e in self.start.entries if unit in e.areas), None)


def _apostrophes(expr: str) -> str:
    """A regular expression with either apostrophe ("'" or "’") where it has "'"."""
    return expr.replace("'", "['’]")


@cache
def _abbreviations(lang: str = DEFAULT_LANGUAGE
                   ) -> tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]:
    """The phrases of party names reporters abbreviate ("Donetsk PR" for the Donetsk People's
    Republic; the language pack's ``names``), each a pattern (its apostrophes optional) and
    the abbreviated forms: each term also matches in its abbreviated forms."""
    return tuple((re.compile(r"\b" + re.escape(phrase).replace("'", "'?") + r"\b", re.I), shorts)
                 for phrase, shorts in language_pack(lang).names.abbreviations.items())


def _written_forms(term: str, lang: str = DEFAULT_LANGUAGE) -> list[str]:
    """A term, its abbreviated forms (see :func:`_abbreviations`) and, for a country's
    institution ("Myanmar military"), its possessive form ("Myanmar's military"), in the
    words of the language pack of ``lang``."""
    names = language_pack(lang).names
    forms = [term]
    for pattern, shorts in _abbreviations(lang):
        if pattern.search(term):
            forms += [pattern.sub(short, term) for short in shorts]
    first, _, rest = term.partition(" ")
    if rest and first[:1].isupper() and not first.endswith(names.possessive) \
            and first.lower() not in names.articles:
        forms.append(f"{first}{names.possessive} {rest}")
    return forms


def _term_key(term: str) -> str:
    return term if _is_acronym(term) else term.casefold().replace("’", "'")


def _is_acronym(term: str) -> bool:
    letters = [c for c in term if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(term) <= 6


def _strip_suffix(term: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """``term`` without the first of the pack's ``stripped_endings`` it ends with."""
    for suffix in language_pack(lang).names.stripped_endings:
        if term.endswith(suffix) and len(term) > len(suffix) + 1:
            return term[: -len(suffix)]
    return term


@cache
def _ending_regex(lang: str = DEFAULT_LANGUAGE) -> str:
    """The optional ending of a term (the pack's ``endings``: "s", "'s", ...)."""
    endings = language_pack(lang).names.endings
    return "(?:" + "|".join(_apostrophes(re.escape(e)) for e in endings) + ")?"


def _term_regex(term: str, lang: str = DEFAULT_LANGUAGE) -> str:
    body = _apostrophes(re.escape(term))
    body = body.replace(r"\ ", r"\s+")
    ending = _ending_regex(lang)
    if _is_acronym(term):
        return rf"(?<![\w-]){body}{ending}(?![\w-])"
    return rf"(?i:(?<![\w-]){body}{ending}(?![\w-]))"


#: Keys a profile file may have, and keys of each of its sides.
PROFILE_KEYS = frozenset({"id", "name", "provenance", "countries", "sides", "start",
                          "language", "theatre", "aligned"})
SIDE_KEYS = frozenset({"id", "name", "colour", "government", "acled_actor", "aliases",
                       "adjectives", "occupier"})


def _side_from_dict(d: dict, source: str) -> Side:
    if not isinstance(d, dict):
        raise ProfileError(f"{source}: each side must be an object, got {d!r}")
    check_keys(d, SIDE_KEYS, f"{source}: side {d.get('id')!r}", error=ProfileFileError)
    try:
        side = Side(
            id=str(d["id"]),
            name=str(d.get("name") or d["id"]),
            colour=str(d.get("colour") or ""),
            aliases=tuple(d.get("aliases") or ()),
            adjectives=tuple(d.get("adjectives") or ()),
            government=bool(d.get("government", False)),
            acled_actor=str(d["acled_actor"]) if d.get("acled_actor") else None,
            occupier=bool(d.get("occupier", False)),
        )
    except (KeyError, TypeError) as exc:
        raise ProfileError(f"{source}: a side needs at least an 'id' ({exc})") from exc
    if side.colour and not _COLOUR_RE.match(side.colour):
        raise ProfileError(f"{source}: side {side.id!r} colour {side.colour!r} is not #rrggbb")
    return side


def profile_from_dict(d: dict, path: Path | None = None) -> Profile:
    """Build and validate a :class:`Profile` from the JSON structure."""
    source = str(path) if path else "profile"
    if isinstance(d, dict):
        # A misspelt key first: "sidez" is named as such, not reported as missing "sides".
        check_keys(d, PROFILE_KEYS, source, error=ProfileFileError)
    if not isinstance(d, dict) or "id" not in d or not d.get("sides"):
        raise ProfileError(f"{source}: a profile needs 'id' and a non-empty 'sides' list")
    sides = tuple(_side_from_dict(s, source) for s in d["sides"])
    ids = [s.id for s in sides]
    if len(set(ids)) != len(ids):
        raise ProfileError(f"{source}: side ids must be unique, got {ids}")
    language = d.get("language")
    if language is not None:
        if not isinstance(language, str) or not language:
            raise ProfileFileError(f"{source}: 'language' must be a language code such as "
                                   f"'en', not {language!r}")
        try:
            language_pack(language)
        except LanguagePackError as exc:
            raise ProfileFileError(f"{source}: 'language': {exc}") from exc
    countries = tuple(c.upper() for c in d.get("countries") or ())
    theatre = d.get("theatre", [])
    if not isinstance(theatre, list) or not all(
            isinstance(c, str) and c.upper() in countries for c in theatre):
        raise ProfileFileError(f"{source}: 'theatre' must be a list of country codes of "
                               f"'countries' ({', '.join(countries) or 'none given'}), "
                               f"not {theatre!r}")
    aligned = d.get("aligned", [])
    if not isinstance(aligned, list) or not all(
            isinstance(c, str) and len(c) == 2 and c.isalpha() for c in aligned):
        raise ProfileFileError(f"{source}: 'aligned' must be a list of ISO alpha-2 country "
                               f"codes such as [\"BY\"], not {aligned!r}")
    start = None
    if d.get("start") is not None:
        from geo_events.control_start import start_state_from_dict

        start = start_state_from_dict(d["start"], ids, source)
    return Profile(id=str(d["id"]), name=str(d.get("name") or d["id"]), sides=sides,
                   countries=countries,
                   provenance=str(d.get("provenance") or ""), path=path, language=language,
                   start=start, theatre_countries=tuple(c.upper() for c in theatre),
                   aligned=tuple(c.upper() for c in aligned))


def list_profiles() -> list[str]:
    """Names of the profiles shipped in ``geo_events/data/profiles``."""
    return sorted(p.stem for p in PROFILES_DIR.glob("*.json"))


@cache
def _load_path(path: Path) -> Profile:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ProfileError(f"profile file {path} is not valid JSON: {exc}") from exc
    return profile_from_dict(data, path)


def load_profile(name_or_path: str | Path) -> Profile:
    """A shipped profile by name ("russia-ukraine") or a profile file by path."""
    candidate = Path(name_or_path)
    if candidate.suffix == ".json" and candidate.is_file():
        return _load_path(candidate.resolve())
    path = PROFILES_DIR / f"{name_or_path}.json"
    if not path.is_file():
        raise ProfileError(f"unknown conflict profile {str(name_or_path)!r}; use one of "
                           f"{', '.join(list_profiles())} or the path of a profile .json file")
    return _load_path(path)


def resolve_profile(profile: str | Path | Profile | None) -> Profile | None:
    """Accept a Profile, a name/path, or None."""
    if profile is None or isinstance(profile, Profile):
        return profile
    return load_profile(profile)


def profile_for(name: str | None, side_ids: Iterable[str | None] = (),
                fallback: Profile | None = None) -> Profile | None:
    """The profile an event was read with: its own (``Event.profile``, by name or path) when it
    loads, else ``fallback``, else the one shipped profile that has every id in ``side_ids``
    (None when no or several fit: a store written before events recorded their profile)."""
    if name:
        try:
            return load_profile(name)
        except ProfileError:
            pass  # a profile file since removed: fall back as for an event without one
    if fallback is not None:
        return fallback
    return profile_with_sides(side_ids)


def profile_with_sides(side_ids: Iterable[str | None]) -> Profile | None:
    """The one shipped profile whose side ids include every id of ``side_ids``, else None."""
    ids = {s for s in side_ids if s}
    if not ids:
        return None
    fits = [p for p in _shipped_profiles() if ids <= set(p.side_ids)]
    return fits[0] if len(fits) == 1 else None


def _shipped_profiles() -> list[Profile]:
    return [load_profile(n) for n in list_profiles()]


def _distinctive(term: str) -> bool:
    """Terms that point to one conflict: proper names and acronyms, not "rebels" or "army"."""
    return term[:1].isupper()


def profiles_named(text: str, candidates: Sequence[Profile] | None = None) -> list[Profile]:
    """The profiles (of ``candidates``, default the shipped ones) a distinctive side term of
    which ``text`` names ("Russian forces": russia-ukraine)."""
    profiles = list(candidates) if candidates is not None else _shipped_profiles()
    return [p for p in profiles if any(_distinctive(m.term) for m in p.find_sides(text))]


def detect_profile(text: str, country_codes: Iterable[str | None] = (),
                   candidates: Sequence[Profile] | None = None,
                   min_score: float = 2.0) -> Profile | None:
    """The profile whose names dominate ``text``, or None when none scores ``min_score``.

    Score = occurrences of the profile's distinctive side terms (capitalised names, acronyms)
    plus one per place whose country is one of the profile's countries (``country_codes``: the
    countries of the places mentioned). Ties go to no profile.
    """
    profiles = list(candidates) if candidates is not None else [load_profile(n)
                                                                for n in list_profiles()]
    codes = [c for c in country_codes if c]
    scores = []
    for prof in profiles:
        hits = sum(1 for m in prof.find_sides(text) if _distinctive(m.term))
        places = sum(1 for c in codes if c in prof.countries)
        scores.append((hits + places, prof))
    scores.sort(key=lambda s: s[0], reverse=True)
    if not scores or scores[0][0] < min_score:
        return None
    if len(scores) > 1 and scores[1][0] == scores[0][0]:
        return None
    return scores[0][1]
