"""Namesakes settled by where the text is: the cluster of its paragraph's or its document's
settlements.

"Russian forces stormed Pisky" in an article whose villages all lie around Donetsk means the
Pisky by Donetsk, not the larger Pisky of Poltava oblast that the gazetteer ranks first; read
as the Poltava one, a battle of the Donbas paints a false front 400 km behind it. When nothing
locates a village and the sentences around it name no settlement near any of its namesakes
(:func:`geo_events.geoparse.fit.fit_to_locator` tries those first), the places of its paragraph,
then of its whole document, decide: if they cluster (most of them within some distance of their
centre) and the village lies far from that centre with no settlement of the text beside it,
it moves to the namesake clearly nearest them: another place of the gazetteer, or the
country's codifier's village at its community (Ukraine's KATOTTG,
:mod:`geo_events.gazetteer.codifiers`); with several namesakes there and none clearly the
nearest, it is known by its name and country only (no event is placed at the far reading).

The distances and shares are data with ids: ``geo_events/data/namesake_context_rules.json``
(schema-checked by :func:`read_context_rules`); a place moved by a rule carries its id in
``location.settled_by``. Entry point: :func:`fit_to_context`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from geo_events.config import DATA_DIR
from geo_events.data_schema import Schema, load_rule_file
from geo_events.errors import DataFileError
from geo_events.gazetteer.codifiers import codifier_for
from geo_events.geodesy import distances_km, haversine_km, nearest_km
from geo_events.geoparse.locators import near_locator, plain
from geo_events.geoparse.namesakes import clearly_nearest
from geo_events.geoparse.recognize import cues
from geo_events.geoparse.unresolved import (
    COMMUNITY_RADIUS_KM,
    COMMUNITY_SLACK_KM,
    codified_anywhere,
    unresolved_place,
)
from geo_events.model import Location, Mention, Place, unresolved_place_id

if TYPE_CHECKING:
    from geo_events.geoparse.doc_places import DocPlaces

#: The shipped rules.
DEFAULT_CONTEXT_RULES = DATA_DIR / "namesake_context_rules.json"

#: Scopes a rule may name: a mention of the same name with a locator (``located_name``), a
#: settlement the text calls near what it just named (``nearby``,
#: :func:`geo_events.geoparse.fit.fit_to_nearby`), the settlements of the sentences around the
#: name (``sentences``, :func:`geo_events.geoparse.fit._fit_to_text`), the name's paragraph
#: (text between line breaks) or its document (the last two: clusters).
SCOPES = ("located_name", "nearby", "sentences", "paragraph", "document")
CLUSTER_SCOPES = ("paragraph", "document")

_NUMBER: tuple[type, ...] = (int, float)
#: The fields of a cluster rule (distances in km, a share, a population).
_CLUSTER_FIELDS: dict[str, type | tuple[type, ...]] = {
    "min_places": int, "cluster_km": _NUMBER, "cluster_share": _NUMBER, "far_km": _NUMBER,
    "near_km": _NUMBER, "support_km": _NUMBER, "max_population": int}
_SCHEMA = Schema(keys={"version": int},
                 required={"rules": {"id": str, "scope": str, "doc": str}},
                 optional={"rules": _CLUSTER_FIELDS})


@dataclass(frozen=True)
class ContextRule:
    """One rule of ``namesake_context_rules.json`` (distances in km, see its ``doc``); the
    numbers are those of a cluster scope (0 for ``located_name``)."""

    id: str
    scope: str
    min_places: int = 0
    cluster_km: float = 0.0
    cluster_share: float = 0.0
    far_km: float = 0.0
    near_km: float = 0.0
    support_km: float = 0.0
    max_population: int = 0


def context_rules_from_dict(data: Any, source: str) -> tuple[ContextRule, ...]:
    """The checked rules of a parsed rule file (``source`` names it in errors)."""
    rules = []
    for n, r in enumerate(data["rules"]):
        at = f"{source}: rules[{n}]"
        if r["scope"] not in SCOPES:
            raise DataFileError(f"{at}: unknown scope {r['scope']!r}; use one of "
                                f"{', '.join(SCOPES)}")
        numbers = {k: v for k, v in r.items() if k in _CLUSTER_FIELDS}
        if r["scope"] in CLUSTER_SCOPES:
            missing = sorted(set(_CLUSTER_FIELDS) - set(numbers))
            if missing:
                raise DataFileError(f"{at}: a {r['scope']} rule lacks the field {missing[0]!r}")
        elif numbers:
            raise DataFileError(f"{at}: a {r['scope']} rule takes no field "
                                f"{sorted(numbers)[0]!r}")
        if numbers and not 0 < numbers["cluster_share"] <= 1:
            raise DataFileError(f"{at}: 'cluster_share' must be a number in 0..1")
        for key, value in numbers.items():
            if value < 0:
                raise DataFileError(f"{at}: {key!r} must be a number >= 0")
        rules.append(ContextRule(id=r["id"], scope=r["scope"], **numbers))
    return tuple(rules)


@cache
def _read(path: Path) -> tuple[ContextRule, ...]:
    return context_rules_from_dict(load_rule_file(path, _SCHEMA), str(path))


def read_context_rules(path: str | Path | None = None) -> tuple[ContextRule, ...]:
    """The rules of the shipped file (``path`` None) or of a file of its schema, in order;
    :class:`~geo_events.errors.DataFileError` naming the file and the key when it is wrong."""
    return _read(Path(path).resolve() if path else DEFAULT_CONTEXT_RULES)


def fit_to_context(m: Mention, index: DocPlaces,
                   rules: tuple[ContextRule, ...] | None = None) -> Mention:
    """``m`` (a village nothing locates), or its namesake nearest the cluster of the text's
    settlements (see the module docstring); ``m`` unchanged when no rule applies or the first
    rule whose scope clusters keeps it."""
    p = m.place
    if p.level != "populated_place" or m.start == m.end or index.gazetteer is None \
            or (p.is_unresolved and p.approximate != "community"):
        return m
    for rule in read_context_rules() if rules is None else rules:
        if rule.scope not in CLUSTER_SCOPES or p.population >= rule.max_population:
            continue
        lats, lons = _scope_points(m, index, rule.scope)
        if len(lats) < rule.min_places:
            continue
        clat, clon = float(np.median(lats)), float(np.median(lons))
        spread = distances_km(clat, clon, lats, lons)
        if float(np.mean(spread <= rule.cluster_km)) < rule.cluster_share:
            continue  # the scope's places do not cluster: a wider scope may
        if haversine_km(p.latitude, p.longitude, clat, clon) <= rule.far_km \
                or nearest_km(p.latitude, p.longitude, lats, lons) <= rule.support_km:
            return m  # where the text is, or beside another of its places
        return _moved(m, index, rule, clat, clon, lats, lons)
    return m


def located_in_document(m: Mention, index: DocPlaces,
                        fit: Callable[[Mention, DocPlaces], Mention | None],
                        rules: tuple[ContextRule, ...] | None = None) -> Mention:
    """``m`` (a settlement nothing locates) at the place the document's mentions of its name
    that have a locator are fitted to (by ``fit``, :func:`~geo_events.geoparse.fit.fit_to_locator`)
    when they agree on one ("Makarivka, Donetsk Oblast" earlier: the bare "Makarivka" later is
    that village), under the ``located_name`` rule of the file (none: ``m`` unchanged)."""
    rule = next((r for r in (read_context_rules() if rules is None else rules)
                 if r.scope == "located_name"), None)
    p = m.place
    if rule is None or p.level != "populated_place" or m.start == m.end:
        return m
    key = plain(m.surface)
    if key not in index.located_names:
        index.located_names[key] = _located_reading(key, index, fit)
    place = index.located_names[key]
    if place is None or place.id == p.id:
        return m
    return settled_at(m, place, rule.id)


def located_unresolved(name: str, start: int, end: int, index: DocPlaces,
                       rules: tuple[ContextRule, ...] | None = None) -> Mention | None:
    """A name the gazetteer lacks, named at ``start``..``end`` without a locator, at the place
    its mentions with a locator elsewhere in the document give it, when they all agree on one
    (``located_name`` rule of the file; None: none, or they disagree, or no such rule).

    "The village of Dovhenke, 20 kilometers south of Izium" in an article's first sentence:
    a bare "Dovhenke" paragraphs later is that village, not a name the country has several
    villages of (:func:`~geo_events.geoparse.unresolved.anywhere_in_codified_country`). Only
    names no geoparser mention carries (those settle by :func:`located_in_document`); the
    other mentions are found in the text by the name's exact spelling."""
    from geo_events.geoparse.recover import list_locator

    rule = next((r for r in (read_context_rules() if rules is None else rules)
                 if r.scope == "located_name"), None)
    c = cues()
    if rule is None or not name[:1].isupper() or any(
            name.lower() in c[k] for k in ("admin_type_words", "subunit_type_words",
                                           "settlement_type_words")):
        return None  # a unit's type word alone ("Oblast") names no place
    key = f"unresolved_located:{name}"
    if key not in index.context_cache:
        found: list[Place] = []
        for hit in _occurrences(name, index):
            if any(o.surface != name for o in index.overlapping(hit.start(), hit.end())):
                continue  # part of another name ("Zaporizhzhia Oblast")
            at, fits = list_locator(hit.start(), hit.end(), index)
            if fits is not None:
                m = unresolved_place(name, hit.start(), hit.end(), index, locator_at=at)
            elif (near := near_locator(hit.end(), index)) is not None \
                    and index.gazetteer is not None:
                # "X, north of Y": in Y's unit, where the phrase puts it
                unit = index.gazetteer.get(f"adm1:{near.place.admin1_code}")
                m = None if unit is None else unresolved_place(
                    name, hit.start(), hit.end(), index, unit=unit)
            else:
                continue
            if m is not None and m.place.location is not None \
                    and m.place.location.precision != "admin1":
                found.append(m.place)
        index.context_cache[key] = (0, _one_reading(found))
    place = index.context_cache[key][1]
    if place is None:
        return None
    return settled_at(Mention(surface=name, start=start, end=end, place=place, score=0.3,
                              role="toponym", label="unresolved"), place, rule.id)


def _occurrences(name: str, index: DocPlaces) -> list[re.Match[str]]:
    """The occurrences of ``name`` in the text as a whole word or words (not inside another
    word), in order and not overlapping, as ``re.finditer`` finds them; looked for only where
    the name's first word begins a word of the text (:meth:`DocPlaces.word_starts`), so a long
    text is not scanned again for each name."""
    pattern = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)")
    first = re.match(r"\w+", name)
    if first is None:
        return list(pattern.finditer(index.text))
    out: list[re.Match[str]] = []
    end = 0
    for at in index.word_starts(first.group()):
        if at >= end and (hit := pattern.match(index.text, at)) is not None:
            out.append(hit)
            end = hit.end()
    return out


def _one_reading(found: list[Place]) -> Place | None:
    """The surest (smallest ``radius_km``) of ``found`` when they are one place read at
    nearby points (one id, each within :data:`COMMUNITY_SLACK_KM` of the others: "X, 20 km
    south of Y" and "X, Z Raion" placing the same village at an offset and at its
    community), else None."""
    if not found or len({p.id for p in found}) > 1 or any(
            haversine_km(a.latitude, a.longitude, b.latitude, b.longitude) > COMMUNITY_SLACK_KM
            for a in found for b in found):
        return None
    return min(found, key=lambda p: (p.location.radius_km if p.location is not None
                                     and p.location.radius_km is not None else 0.0))


def _located_reading(key: str, index: DocPlaces,
                     fit: Callable[[Mention, DocPlaces], Mention | None]) -> Place | None:
    """The one place the mentions named ``key`` (:func:`plain`) that have a locator are fitted
    to, None when there are none or they disagree."""
    from geo_events.geoparse.recover import list_locator

    found: dict[str, Place] = {}
    for o in list(index.named(key)):  # fit may add mentions
        if index.is_locator(o) or o.role != "toponym" \
                or o.place.level != "populated_place" \
                or list_locator(o.start, o.end, index)[1] is None:
            continue
        fitted = fit(o, index)
        if fitted is not None:
            found.setdefault(fitted.place.id, fitted.place)
    return next(iter(found.values())) if len(found) == 1 else None


def _moved(m: Mention, index: DocPlaces, rule: ContextRule, clat: float, clon: float,
           lats: np.ndarray, lons: np.ndarray) -> Mention:
    """``m`` at the namesake within ``rule.near_km`` of the centre that is clearly the nearest
    to the scope's places (``lats``/``lons``), else ``m``."""
    options = [o for o in namesake_places(m, index)
               if haversine_km(o.latitude, o.longitude, clat, clon) <= rule.near_km]
    if not options:
        return m
    k = clearly_nearest([(o.latitude, o.longitude) for o in options], lats, lons,
                        km=rule.near_km)
    if k is None:
        if len(options) < 2 or not m.place.country_code:
            return m
        # several namesakes where the text is and none clearly nearest its places: which one,
        # the text does not say, but not the far one; known by its name and country only
        # (no event's place: ``veto.ambiguous_place``)
        from geo_events.geoparse.unresolved import country_place

        unplaced = country_place(m.surface, m.start, m.end, m.place.country_code, index,
                                 namesakes=[(o.latitude, o.longitude, o.id) for o in options])
        if unplaced is None:
            return m
        assert unplaced.place.location is not None
        return replace(unplaced, place=replace(unplaced.place, location=replace(
            unplaced.place.location, settled_by=rule.id)))
    return settled_at(m, options[k], rule.id)


def settled_at(m: Mention, place: Place, rule_id: str) -> Mention:
    """``m`` read as ``place``, which the rule ``rule_id`` chose (``location.settled_by``)."""
    location = Location(settled_by=rule_id) if place.location is None \
        else replace(place.location, settled_by=rule_id)
    return replace(m, place=replace(place, location=location), alternatives=tuple(
        c for c in m.alternatives if c.place.id != place.id))


def namesake_places(m: Mention, index: DocPlaces) -> list[Place]:
    """The other settlements of the name in the text's countries: the gazetteer's, and the
    codifier's villages it lacks (unresolved places at their community)."""
    p, gaz = m.place, index.gazetteer
    countries = {c for c in index.context_countries() if c} \
        or ({p.country_code} if p.country_code else set())
    key = plain(m.surface)
    found: list[Place] = [c.place for c in gaz.search(m.surface, limit=50)
                          if c.place.level == "populated_place" and c.place.id != p.id
                          and c.place.country_code in countries
                          and plain(c.place.name) == key]
    placed = [p, *found]
    for cc in sorted(countries):
        codifier = codifier_for(cc)
        if codifier is None:
            continue
        # every oblast's villages: one across a border from another is an option of its own
        for v in codified_anywhere(cc, m.surface, gaz, across_units=False):
            if v.latitude is None or v.longitude is None or any(
                    o.admin1_code == v.admin1_code
                    and haversine_km(o.latitude, o.longitude, v.latitude, v.longitude)
                    <= codifier.ambiguous_km for o in placed):
                continue  # the village the gazetteer has (or the one read): no other
            unit = gaz.get(f"adm1:{v.admin1_code}")
            if unit is None:
                continue
            found.append(Place(
                id=unresolved_place_id(v.admin1_code, m.surface), name=m.surface,
                level="populated_place", latitude=v.latitude, longitude=v.longitude,
                country_code=unit.country_code, country_name=unit.country_name,
                admin1_code=v.admin1_code, admin1_name=unit.name,
                location=Location(precision="community", located_by=codifier.ref(v),
                                  radius_km=COMMUNITY_RADIUS_KM)))
    return found


def _scope_points(m: Mention, index: DocPlaces, scope: str) -> tuple[np.ndarray, np.ndarray]:
    """(latitudes, longitudes) of the distinct settlements of ``scope`` around ``m`` with
    another name than ``m``'s (the geoparser's readings: gazetteer settlements, and villages
    placed at their community), locators left out. The document's are gathered once per
    state of the index (a long text asks for many names: linear, not quadratic)."""
    text = index.text
    if scope == "paragraph":
        lo = text.rfind("\n", 0, m.start) + 1
        hi = text.find("\n", m.end)
        names, lats, lons = _settlements(index.between(lo, len(text) if hi < 0 else hi), index)
    else:
        cached = index.context_cache.get("document")
        if cached is None or cached[0] != len(index.mentions):
            cached = (len(index.mentions), *_settlements(index.mentions, index))
            index.context_cache["document"] = cached
        _, names, lats, lons = cached
    other = ~np.any(names == plain(m.surface), axis=1) if len(names) else np.zeros(0, bool)
    return lats[other], lons[other]


def _settlements(mentions: list[Mention], index: DocPlaces
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(names, latitudes, longitudes) of the distinct settlements (by place id) of
    ``mentions`` that count as where a text is (see :func:`_scope_points`); ``names`` holds
    rows of (the name as written, the place's name), :func:`plain`."""
    seen: dict[str, tuple[str, str, float, float]] = {}
    for o in mentions:
        q = o.place
        if o.role == "toponym" and q.level == "populated_place" and not index.is_locator(o) \
                and (not q.is_unresolved or q.approximate == "community") \
                and q.id not in seen:
            seen[q.id] = (plain(o.surface), plain(q.name), q.latitude, q.longitude)
    if not seen:
        return np.zeros((0, 2), dtype=object), np.zeros(0), np.zeros(0)
    rows = list(seen.values())
    names = np.array([(a, b) for a, b, _, _ in rows], dtype=object)
    return (names, np.array([r[2] for r in rows], dtype=float),
            np.array([r[3] for r in rows], dtype=float))
