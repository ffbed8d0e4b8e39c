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
3. *Typed forms*: each base combined with the type words of :data:`TYPE_WORDS`
   ("<base> region", "<base> oblast", "<base> province", ...), plus the original typed names.

The bare bases are returned separately (``bare``) from the typed forms (``typed``): a bare
"Donetsk" is usually the city, so the resolver treats the two differently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from geo_events.gazetteer.normalize import normalize_name

#: Words that name an administrative type, in the languages our sources transliterate.
#: Multi-word entries first so that "autonomous okrug" is stripped before "okrug".
TYPE_WORDS: tuple[str, ...] = (
    "autonomous okrug", "avtonomnyy okrug", "autonomous oblast", "avtonomnaya oblast",
    "autonomous republic", "autonomous region", "autonomous community", "federal district",
    "special administrative region", "capital district", "capital territory", "union territory",
    "oblast", "oblasti", "oblast'", "region", "province", "provincia", "state", "krai", "kray",
    "governorate", "muhafazah", "muhafazat", "wilayah", "wilaya", "vilayet", "republic",
    "respublika", "okrug", "district", "prefecture", "department", "departement", "county",
    "territory", "municipality", "division", "emirate", "canton", "voivodeship", "raion",
    "rayon", "city", "gouvernorat", "estado", "regiao", "regione", "land", "kraj", "oblys",
    "viloyati", "velayat", "ostan", "el", "ili", "shi", "sheng", "zizhiqu",
)

#: Type words used to generate the typed forms a reader writes after a base name.
GENERATED_TYPES: tuple[str, ...] = (
    "region", "oblast", "province", "state", "krai", "kray", "governorate", "republic",
    "district", "prefecture", "territory", "county", "autonomous okrug",
)

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
                out.city_unit |= typ == "city"
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
        for typ in ("city",) if out.city_unit else GENERATED_TYPES:
            out.typed.add(f"{base} {typ}")
        # Ukrainian adjectival form "<base>ska oblast" ("luhanska oblast") for -sk bases.
        if base.endswith("sk"):
            out.typed.add(f"{base}a oblast")
    return out
