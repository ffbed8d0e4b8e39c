"""National spellings, one plug-in per country: the Latin spellings news writes a country's
places in.

GeoNames often spells a place by an older romanisation than news, ACLED and official codifiers
do ("Vysokopillya" where they write "Vysokopillia"). A country's plug-in turns the alternate
names of one of its places (in the country's own script) into the spellings of its national
romanisation; the gazetteer build (:func:`geo_events.gazetteer.build.build_index`, and the
country dumps a user adds, :mod:`geo_events.gazetteer.country_dumps`) indexes them beside the
place's other alternate names. The build asks :func:`national_spellings` with a place's
country code and never branches on a country itself: a country without a plug-in adds none.

A plug-in is a function from names to spellings (:class:`Spellings`); :func:`register` adds
one for a country code (ISO 3166-1 alpha-2, upper case). Ukraine's (the national system,
:func:`geo_events.gazetteer.katottg.national_spellings`) is registered here, for ``"UA"``, as
its codifier is in :mod:`geo_events.gazetteer.codifiers`. A new plug-in changes the index:
the index's cache key covers this file (:func:`geo_events.gazetteer.cache.source_key`); a
plug-in registered from elsewhere needs ``geo-events gazetteer --rebuild``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from geo_events.gazetteer import katottg


class Spellings(Protocol):
    """A country's national spellings: the spellings to index beside ``names`` (a place's
    alternate names), none for a name not in the country's script."""

    def __call__(self, names: Iterable[str]) -> list[str]: ...


_REGISTRY: dict[str, Spellings] = {}


def register(country_code: str, spellings: Spellings) -> None:
    """Make ``spellings`` the national spellings of ``country_code`` (replacing any before)."""
    _REGISTRY[country_code.upper()] = spellings


def spellings_for(country_code: str | None) -> Spellings | None:
    """The plug-in registered for ``country_code``, or None (no code, or no plug-in)."""
    return _REGISTRY.get(country_code) if country_code else None


def spelled_countries() -> frozenset[str]:
    """The country codes that have national spellings."""
    return frozenset(_REGISTRY)


def national_spellings(country_code: str | None, names: Iterable[str]) -> list[str]:
    """The national spellings of ``names`` (the alternate names of a place of
    ``country_code``) by the country's plug-in; none when it has none."""
    plugin = spellings_for(country_code)
    return plugin(names) if plugin is not None else []


register("UA", katottg.national_spellings)
