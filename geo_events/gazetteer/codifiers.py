"""National settlement codifiers, one plug-in per country: the villages a gazetteer lacks.

GeoNames cities500 (the embedded gazetteer) lacks most villages. A country's official codifier
may list every settlement with its admin-1 unit and community but without coordinates; a
plug-in places each one at its own point where it knows one, else at its community (see
:mod:`geo_events.gazetteer.katottg`, Ukraine's KATOTTG). The geoparser asks
:func:`codifier_for` with a place's country code and never branches on a country itself: a
country without a plug-in simply has no codifier.

A plug-in implements :class:`Codifier`; :func:`register` adds one for a country code (ISO
3166-1 alpha-2, upper case). Ukraine's is registered here, for ``"UA"``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol

from geo_events.gazetteer import katottg
from geo_events.gazetteer.foreign_spellings import respelled


class CodifiedSettlement(Protocol):
    """A settlement of a codifier: its name, code, admin-1 unit (GeoNames style ``CC.XX``) and
    its point (degrees WGS84): its own where the plug-in knows one, else its community's; None
    when the codifier cannot place it."""

    @property
    def name(self) -> str: ...
    @property
    def code(self) -> str: ...
    @property
    def admin1_code(self) -> str: ...
    @property
    def latitude(self) -> float | None: ...
    @property
    def longitude(self) -> float | None: ...
    @property
    def radius_km(self) -> float | None:
        """How far (km) the settlement may lie from its point when the point is its own; None
        for a community's point."""
        ...
    @property
    def respelled_by(self) -> str | None:
        """The ids of the respelling rules by which :meth:`Codifier.namesakes` found it (joined
        by ","), None when the name as written did."""
        ...


class Codifier(Protocol):
    """A country's settlement codifier (``gazetteer`` is the gazetteer whose places anchor the
    community points)."""

    #: Settlements of one name whose community points lie further apart than this (km) are
    #: different places: the name alone does not say which.
    ambiguous_km: float

    def available(self) -> bool:
        """True when the codifier's data is installed (without it nothing can be said of a
        province's settlements, not even that it has none of a name)."""
        ...

    def namesakes(self, name: str, admin1_code: str, gazetteer,
                  community: str | None = None, raion: str | None = None
                  ) -> list[CodifiedSettlement]:
        """The placed settlements called ``name`` in ``admin1_code``, one per group of
        communities within :attr:`ambiguous_km`; ``community`` and ``raion``: the community
        and the district the text names, each of which keeps only its settlements when it
        holds any."""
        ...

    def anywhere(self, name: str, gazetteer, across_units: bool = True
                 ) -> list[CodifiedSettlement]:
        """:meth:`namesakes` over the whole country (``across_units=False``: grouped within
        each admin-1 unit only, every unit's namesakes kept)."""
        ...

    def named(self, name: str, admin1_code: str, gazetteer) -> bool:
        """True when the codifier lists a settlement of ``name`` (in any spelling it knows) in
        ``admin1_code``, placed or not."""
        ...

    def ref(self, settlement: CodifiedSettlement) -> str:
        """The ``located_by`` reference of a settlement (``katottg:<code>``)."""
        ...


class KatottgCodifier:
    """Ukraine's codifier KATOTTG (:mod:`geo_events.gazetteer.katottg`)."""

    ambiguous_km = katottg.AMBIGUOUS_KM

    def available(self) -> bool:
        return katottg.codifier_path() is not None

    def namesakes(self, name: str, admin1_code: str, gazetteer,
                  community: str | None = None, raion: str | None = None
                  ) -> list[CodifiedSettlement]:
        for spelling, rules in _spellings(name):
            found = katottg.namesakes(spelling, admin1_code, gazetteer, community=community,
                                      raion=raion)
            if found:
                # a respelling names its rules on what it found ("Awdijwka": de-w, ...)
                return [replace(v, respelled_by=",".join(rules)) for v in found] if rules \
                    else list(found)
        return []

    def anywhere(self, name: str, gazetteer, across_units: bool = True
                 ) -> list[CodifiedSettlement]:
        # never respelled: over the whole country a respelling finds villages for English
        # words ("World War I" -> a "Vari"); within the unit a text names, it finds the one meant
        return list(katottg.anywhere(name, gazetteer, across_units=across_units))

    def named(self, name: str, admin1_code: str, gazetteer) -> bool:
        return any(katottg.named(spelling, admin1_code, gazetteer)
                   or katottg.named_loosely(spelling, admin1_code, gazetteer)
                   for spelling, _rules in _spellings(name))

    def ref(self, settlement: CodifiedSettlement) -> str:
        return f"katottg:{settlement.code}"


def _spellings(name: str) -> list[tuple[str, tuple[str, ...]]]:
    """``name``, then its respelling from a German or Polish transliteration when it has one
    (:func:`~geo_events.gazetteer.foreign_spellings.respelled`: "Awdijwka" -> "avdijvka"),
    each with the ids of the respelling rules that wrote it (none for the name), for the
    codifier to look up in that order, within an admin-1 unit (the one the text names) only."""
    other = respelled(name)
    return [(name, ())] if other is None else [(name, ()), other]


_REGISTRY: dict[str, Codifier] = {}


def register(country_code: str, codifier: Codifier) -> None:
    """Make ``codifier`` the codifier of ``country_code`` (replacing any before it)."""
    _REGISTRY[country_code.upper()] = codifier


def codifier_for(country_code: str | None) -> Codifier | None:
    """The codifier registered for ``country_code``, or None (no code, or no plug-in)."""
    return _REGISTRY.get(country_code) if country_code else None


def codified_countries() -> frozenset[str]:
    """The country codes that have a codifier."""
    return frozenset(_REGISTRY)


register("UA", KatottgCodifier())
