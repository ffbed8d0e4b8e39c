"""Place names a text writes in another language's transliteration, respelled for the codifier.

A report machine-translated from German or Polish keeps the source's spelling of a Ukrainian
place ("Awdijwka", "Tschernihiw", "Czuhujiw"). The gazetteer knows the standard German and
Polish spellings of large places (GeoNames' alternate names), the codifier
(:mod:`geo_events.gazetteer.katottg`) only the national one, so a village, or a spelling off the
standard, was placed at its oblast's label point at best. :func:`respelled` writes such a name
in the national system's letters by the rules of ``geo_events/data/foreign_spellings.json``
(letter groups, leftmost-longest: "tsch" -> "ch", "sz" -> "sh", "w" -> "v", ...), only for a
name holding one of the file's ``markers`` (letter groups the national system never writes), so
an English spelling is never touched; the codifier looks the respelling up as it looks up the
name, within the admin-1 unit the text names only (:class:`geo_events.gazetteer.codifiers.
KatottgCodifier`: over the whole country a respelled English word finds a village, "World War
I" -> "Vari"). The gazetteer's own lookup and the geoparser do not use it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from geo_events.config import DATA_DIR
from geo_events.data_schema import Schema, load_rule_file
from geo_events.gazetteer.normalize import normalize_name

#: The rules file.
FOREIGN_SPELLINGS = DATA_DIR / "foreign_spellings.json"

_SCHEMA = Schema(keys={"markers": list},
                 required={"respellings": {"id": str, "from": str, "to": str}},
                 optional={"respellings": {"example": str}})


@dataclass(frozen=True)
class Respellings:
    """The checked rules: ``markers`` (a name is respelled only with one of them), and the
    letter groups to replace, as one pattern (longest first) and a map to their replacements
    and rule ids."""

    markers: tuple[str, ...]
    pattern: re.Pattern[str] | None
    to: dict[str, tuple[str, str]]


@cache
def load_respellings(path: Path = FOREIGN_SPELLINGS) -> Respellings:
    """The rules of ``path`` (see the module docstring); DataFileError on a bad file."""
    from geo_events.errors import DataFileError

    data = load_rule_file(path, _SCHEMA)
    markers = data.get("markers", [])
    if not all(isinstance(m, str) and m and m == normalize_name(m) for m in markers):
        raise DataFileError(f"{path}: markers must be lower-case letter groups")
    to: dict[str, tuple[str, str]] = {}
    for n, r in enumerate(data.get("respellings", [])):
        if not r["from"] or r["from"] != normalize_name(r["from"]) or r["from"] in to:
            raise DataFileError(f"{path}: respellings[{n}]: 'from' must be a lower-case letter "
                                "group, each once")
        to[r["from"]] = (r["to"], r["id"])
    pattern = re.compile("|".join(re.escape(k) for k in sorted(to, key=lambda k: (-len(k), k)))) \
        if to else None
    return Respellings(tuple(markers), pattern, to)


def respelled(name: str, rules: Respellings | None = None) -> tuple[str, tuple[str, ...]] | None:
    """``name`` (normalised, :func:`~geo_events.gazetteer.normalize.normalize_name`) with every
    letter group of the rules replaced, leftmost-longest, and the ids of the rules used; None
    when the name holds no marker or nothing changes ("Awdijwka" -> "avdijvka")."""
    rules = rules or load_respellings()
    key = normalize_name(name)
    if rules.pattern is None or not any(m in key for m in rules.markers):
        return None
    used: list[str] = []

    def sub(m: re.Match[str]) -> str:
        to, rid = rules.to[m.group()]
        used.append(rid)
        return to

    out = rules.pattern.sub(sub, key)
    return (out, tuple(dict.fromkeys(used))) if out != key else None
