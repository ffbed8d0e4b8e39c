"""Derive the names a reader uses for admin-1 units, systematically.

Natural Earth gives each admin-1 polygon an English-ish ``name``, a GeoNames-style ``gn_name``
("Luhans'ka Oblast'", "Khabarovskiy Kray") and Yahoo ``woe_name``/``woe_label``. News text says
"the Luhansk region", "Lugansk region", "Luhansk Oblast", "Luhanska oblast", "Khabarovsk Krai".
We get there in three steps, none of them a per-place list:

1. *Bases*: every NE name field with its type word removed ("Luhans'ka Oblast'" -> "Luhans'ka").
2. *Namesake city*: most admin-1 units of the former USSR, Sudan, Iraq, ... are named after their
   capital. When the main name of a GeoNames place of the same admin-1 code is one of the bases
   (or the stem of an adjectival base: "Khersons'ka" starts with "Kherson"), its Latin-script
   alternate names become bases too ("Lugansk", "Zaporozhye", "Zaporizhzhia").
3. *Typed forms*: each base combined with the type words of :data:`GENERATED_TYPES`
   ("<base> region", "<base> oblast", "<base> province", ...), plus the original typed names.

The type words are data: ``gazetteer_names`` of the English language pack
(``geo_events/data/lang/en/gazetteer_names.json``, :func:`gazetteer_names`; the index is built
once, for English text).

The bare bases are returned separately (``bare``) from the typed forms (``typed``): a bare
"Donetsk" is usually the city, so the resolver treats the two differently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from geo_events.data_schema import Schema, load_rule_file
from geo_events.errors import DataFileError
from geo_events.gazetteer.normalize import normalize_name
from geo_events.language import DEFAULT_LANGUAGE, language_pack

_NAMES_SCHEMA = Schema(
    keys={"type_words": list, "generated_types": list, "city_type": str,
          "adjectival_forms": list, "admin2_type_words": list},
    required={"adjectival_forms": {"ending": str, "form": str}})


@dataclass(frozen=True)
class GazetteerNames:
    """The words the gazetteer builds unit names from (a pack's ``gazetteer_names`` file)."""

    #: words that name an administrative type, in the languages our sources transliterate;
    #: multi-word entries first so that "autonomous okrug" is stripped before "okrug"
    type_words: tuple[str, ...]
    #: type words used to generate the typed forms a reader writes after a base name
    generated_types: tuple[str, ...]
    #: the type word of a unit that is a city ("Kiev City")
    city_type: str
    #: (ending of a base, what the typed form adds to it): "luhansk" -> "luhanska oblast"
    adjectival_forms: tuple[tuple[str, str], ...]
    #: last words that make an admin-2 name a name of its own ("Henry County")
    admin2_type_words: frozenset[str]


def gazetteer_names_path() -> Path:
    """The English pack's ``gazetteer_names`` file (part of the index's source key)."""
    pack = language_pack(DEFAULT_LANGUAGE)
    path = pack.files.get("gazetteer_names")
    if path is None:
        raise DataFileError(f"{pack.path}: 'files' needs 'gazetteer_names' (the words the "
                            "gazetteer builds unit names from)")
    return path


@cache
def gazetteer_names() -> GazetteerNames:
    """The checked words of :func:`gazetteer_names_path` (:func:`read_gazetteer_names`)."""
    return read_gazetteer_names(gazetteer_names_path())


def read_gazetteer_names(path: Path) -> GazetteerNames:
    """The checked words of the file ``path``; DataFileError naming the file and the key when
    one is unknown, missing or of the wrong type."""
    data = load_rule_file(path, _NAMES_SCHEMA)
    missing = sorted(set(_NAMES_SCHEMA.keys) - set(data))
    if missing:
        raise DataFileError(f"{path}: lacks the key {missing[0]!r}")
    for key in ("type_words", "generated_types", "admin2_type_words"):
        if not all(isinstance(w, str) and w for w in data[key]):
            raise DataFileError(f"{path}: {key!r} must be a list of words")
    return GazetteerNames(
        type_words=tuple(data["type_words"]), generated_types=tuple(data["generated_types"]),
        city_type=data["city_type"],
        adjectival_forms=tuple((f["ending"], f["form"]) for f in data["adjectival_forms"]),
        admin2_type_words=frozenset(data["admin2_type_words"]))


#: Words that name an administrative type (:attr:`GazetteerNames.type_words`).
TYPE_WORDS: tuple[str, ...] = gazetteer_names().type_words

#: Type words used to generate the typed forms a reader writes after a base name.
GENERATED_TYPES: tuple[str, ...] = gazetteer_names().generated_types

_TYPE_RE = re.compile(
    r"^(?:(?P<pre>" + "|".join(re.escape(normalize_name(w)) for w in TYPE_WORDS) + r") of )?"
    r"(?P<base>.+?)"
    r"(?: (?P<post>" + "|".join(re.escape(normalize_name(w)) for w in TYPE_WORDS) + r"))?$"
)

# Adjectival endings of Ukrainian/Russian-style admin names ("Luhanska", "Khabarovskiy",
# "Kurskaya"): the stem before them is compared with namesake city names.
_ADJECTIVE_END = re.compile(r"(?:s?k(?:a|iy|ij|yi|y|aya|aja|oye|oe)|ts?ka|zka|ska|ska)$")


@dataclass
class AdminNames:
    """Names derived for one admin-1 unit (all normalised keys)."""

    bare: set[str] = field(default_factory=set)
    typed: set[str] = field(default_factory=set)
    #: Display name: the namesake city's GeoNames name when one was found ("Donetsk" rather
    #: than NE's "Donets'k"), else None (use the NE name).
    display: str | None = None
    #: True for units that are a city ("Kiev City", "City of St. Petersburg").
    city_unit: bool = False
    #: True when bases were borrowed from a city unit (their bare forms mean the city).
    borrowed: bool = False
    #: Adjectival stems of the typed names ("moskov" of "Moskovskaya Oblast'").
    stems: set[str] = field(default_factory=set)
    #: The unit's own names: Natural Earth's and its namesake city's primary name (not the
    #: city's alternate names, which may be another language's: "Pressburg").
    own: set[str] = field(default_factory=set)

    def named_after(self, other: AdminNames) -> bool:
        """True when this unit is named like ``other``: a shared name, or an adjectival stem
        that one of ``other``'s own names continues after two letters ("moskov"/"moskva")."""
        if self.bare & other.bare:
            return True
        return any(len(s) >= 5 and b.startswith(s[:-2]) for s in self.stems for b in other.own)


def split_type(name: str) -> tuple[str, str | None]:
    """Split a normalised name into (base, type word or None): "luhanska oblast" -> ("luhanska",
    "oblast"); "city of st petersburg" -> ("st petersburg", "city")."""
    m = _TYPE_RE.match(name)
    if not m:
        return name, None
    base = m.group("base").strip()
    typ = m.group("post") or m.group("pre")
    if not base:
        return name, None
    return base, typ


def adjective_stem(base: str) -> str | None:
    """"luhanska" -> "luhan", "khabarovskiy" -> "khabarov"; None when not adjectival."""
    m = _ADJECTIVE_END.search(base)
    if not m or m.start() < 3:
        return None
    return base[: m.start()]


def derive_admin_names(ne_names: Iterable[str | None],
                       namesake_candidates: Iterable[tuple[str, Iterable[str]]],
                       extra_bases: Iterable[str] = (), city_unit: bool = False
                       ) -> AdminNames:
    """Derive bare and typed names of one admin-1 unit.

    ``ne_names``: the NE name fields (None/empty ignored). ``namesake_candidates``: the GeoNames
    places of the same admin-1 code, most populous first, as ``(primary_name, all_names)``.
    ``extra_bases``: normalised names borrowed from elsewhere (the spellings of a capital whose
    city forms its own unit: Kyiv oblast borrows "Kyiv" from the Kyiv City unit).

    A *city unit* (``city_unit``, or a name typed "city": "Kiev City") gets only "<base> city"
    forms, so "Kyiv region" means the oblast around it.
    """
    out = AdminNames(city_unit=city_unit)
    bases: set[str] = set()
    typed_bases: set[str] = set()  # bases that carried a type word ("Luhans'ka Oblast'")
    for raw in ne_names:
        if not raw or not isinstance(raw, str):
            continue
        for part in raw.split("|"):
            key = normalize_name(part)
            if not key:
                continue
            base, typ = split_type(key)
            bases.add(base)
            if typ:
                out.typed.add(key)
                typed_bases.add(base)
                out.city_unit |= typ == gazetteer_names().city_type
    out.own = set(bases)
    bases |= set(extra_bases)
    out.borrowed = bool(extra_bases)
    stems = {s for b in typed_bases if (s := adjective_stem(b))}
    out.stems = stems
    for rank, (primary, names) in enumerate(namesake_candidates):
        # The city's own (primary) name must be the unit's name or its adjectival stem; only
        # the unit's biggest place may match by an alternate name ("Odessa" for Odesa). A small
        # town that merely has the unit's name among its alternate names is no namesake.
        own = normalize_name(primary)
        keys = {k for n in names if (k := normalize_name(n)) and k.isascii()}
        if own in bases or any(own.startswith(s) and len(s) >= 4 for s in stems) \
                or (rank == 0 and keys & bases):
            bases |= keys
            out.display = primary
            out.own.add(own)
            break
    for base in bases:
        if len(base) < 2:
            continue
        out.bare.add(base)
        for typ in (gazetteer_names().city_type,) if out.city_unit else GENERATED_TYPES:
            out.typed.add(f"{base} {typ}")
        # Ukrainian adjectival form "<base>ska oblast" ("luhanska oblast") for -sk bases.
        for ending, form in gazetteer_names().adjectival_forms:
            if base.endswith(ending):
                out.typed.add(f"{base}{form}")
    return out
