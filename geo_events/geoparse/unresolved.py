"""Unresolved places: settlements a text names that the gazetteer lacks, kept rather than
guessed.

* with a locator ("retook Yahidne, Chernihiv"): an ``unresolved:`` place in the locator's
  admin-1 unit (:func:`unresolved_place`), at its community when the country's codifier knows
  the village (:mod:`geo_events.gazetteer.codifiers`), near the settlement a near locator names
  ("X, south of Bakhmut"), else at the unit's label point; never a guess without a locator;
* names before a comma locator and after "the village of" that the geoparser did not mark
  (:func:`unplaced_names`, :func:`typed_names`), for reference ("the village") to find;
* without any locator, in a text about a country with a codifier: the codifier's one village of
  the name in all the country (:func:`anywhere_in_codified_country`), else, in a text about one
  country, a place known by its name and country only (:func:`in_the_country`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Token

from geo_events.gazetteer.codifiers import CodifiedSettlement, Codifier, codifier_for
from geo_events.geodesy import haversine_km
from geo_events.geoparse.locators import (
    NEAR,
    in_part,
    locator_after,
    locator_part,
    locator_patterns,
    locator_unit,
    near_locator,
    raion_named,
    subunit_named,
)
from geo_events.geoparse.namesakes import clearly_nearest
from geo_events.language import language_pack
from geo_events.model import Location, Mention, Place, unresolved_place_id

if TYPE_CHECKING:
    from geo_events.geoparse.doc_places import DocPlaces


def unresolved_place(name: str, start: int, end: int, index: DocPlaces,
                     locator_at: int | None = None, unit: Place | None = None
                     ) -> Mention | None:
    """A settlement named in an event ("retook Yahidne, Chernihiv") that the gazetteer does not
    have there: a Place with the name, the admin-1 unit of the locator, and that unit's label
    point as coordinates (ACLED geo_precision 3: only the province is known).

    Its ``location`` (:class:`~geo_events.model.Location`), best first:

    * a settlement as locator with a bearing ("X, 8 km east of Bakhmut", "X, just south of Y",
      "X, north of Y"): ``"offset"``, that far along the bearing from it (a default distance
      without a number, :func:`~geo_events.geoparse.locators.relative_location`), located_by
      its id, with ``radius_km``, ``distance_km`` and ``bearing``;
    * a village of a country's codifier (:func:`~geo_events.gazetteer.codifiers.codifier_for`:
      Ukraine's KATOTTG) at its own point where the codifier knows one (GeoNames' postal-code
      data, :mod:`~geo_events.gazetteer.village_points`), else at its community's centre
      (``"community"``, located_by the codifier's reference, ``katottg:<code>``; median 9 km
      off; ``radius_km`` :data:`COMMUNITY_RADIUS_KM` either way: which namesake, and which
      community, is read from names); with a near locator without a bearing ("X, 15 km from
      Kherson"), only a community whose point fits that distance;
    * a settlement as locator without a bearing ("X, near Bakhmut", "X, 15 km from Y"):
      ``"near"``, at that settlement's point with ``radius_km`` the distance (else
      :data:`~geo_events.geoparse.locators.NEAR_RADIUS_KM`): somewhere around it, not at it;
    * else ``"admin1"``, the unit's label point, located_by the unit's id (with the codifier's
      namesakes when it lists several, for a corpus to settle).

    Maps draw the first three as approximate points and list the others by name; the area
    estimate leaves out places less sure than its ``max_place_radius_km``; exports and the
    timeline keep them all, so nothing the text says is lost.
    ``locator_at``: where the locator is looked for when not right after the name (the end of
    the name's list); ``unit``: the admin-1 unit when no locator names it (see
    :func:`anywhere_in_codified_country`).
    """
    at = end if locator_at is None else locator_at
    locator = locator_after(at, index) if unit is None else None
    unit = unit or locator_unit(at, locator, index)
    if unit is None or not unit.admin1_code:
        return None
    if locator is None or locator.label != NEAR:
        # a unit from elsewhere (the codifier's only village of the name) may still have a
        # town of its unit that the text places the name near ("the village of X, 6 km
        # south-west of Y")
        near = near_locator(at, index)
        locator = near if near is not None and near.place.admin1_code == unit.admin1_code \
            else locator
    location = Location(precision="admin1", located_by=unit.id)
    lat, lon = unit.latitude, unit.longitude
    # the point a near locator puts the name at, and how ("offset" or "near")
    y = locator.place if locator is not None and locator.label == NEAR \
        and locator.place.level == "populated_place" else None
    relative = y.location if y is not None else None
    codifier = codifier_for(unit.country_code)
    found = _codified(name, start, end, unit.admin1_code, codifier, index, y, at) \
        if codifier is not None else []
    # the respelling rules by which the codifier found the villages ("Awdijwka"), if any
    respelled = next((r for v in found if (r := getattr(v, "respelled_by", None))), None)
    if y is not None and relative is not None:
        # "X, 8 km east of Bakhmut", "X, near Y": where the text puts it, unless the codifier's
        # village the locator admits has a surer point (:func:`surer_codified_point`)
        v = found[0] if len(found) == 1 else None
        lat, lon, location = y.latitude, y.longitude, relative
        if v is not None and codifier is not None:
            radius = surer_codified_point(v, y, relative)
            if radius is not None:
                assert v.latitude is not None and v.longitude is not None
                lat, lon = v.latitude, v.longitude
                location = Location(precision="community", located_by=codifier.ref(v),
                                    radius_km=radius,
                                    settled_by=None if radius == COMMUNITY_RADIUS_KM
                                    else LOCATOR_CONFIRMS_OWN_POINT, respelled_by=respelled)
            elif relative.precision == "near":
                # "X, just outside of Y" with X's community centre far from Y: the codifier
                # tells which village, the text where it is (around Y)
                location = replace(relative, settled_by=NEAR_OVER_COMMUNITY,
                                   respelled_by=respelled)
    elif codifier is not None and found:
        if len(found) == 1:  # the codifier knows the village: in its community
            v = found[0]
            assert v.latitude is not None and v.longitude is not None  # namesakes are placed
            lat, lon = v.latitude, v.longitude
            # at the village's own point where the codifier knows one, but no surer than a
            # community point: which namesake is meant and the community it is looked for
            # near are still read from names (dev: a wrong one, trusted, cut 13,000 km2 out of
            # the Russian-held estimate)
            location = Location(precision="community", located_by=codifier.ref(v),
                                radius_km=COMMUNITY_RADIUS_KM, respelled_by=respelled)
        else:  # which one the text does not say: kept for a corpus to decide
            location = Location(precision="admin1", located_by=unit.id,
                                namesakes=tuple(option(v, codifier) for v in found),
                                respelled_by=respelled)
    place = Place(id=unresolved_place_id(unit.admin1_code, name), name=name,
                  level="populated_place", latitude=lat, longitude=lon,
                  country_code=unit.country_code, admin1_code=unit.admin1_code,
                  admin1_name=unit.name, country_name=unit.country_name, location=location)
    return Mention(surface=name, start=start, end=end, place=place, score=0.3, role="toponym",
                   label="unresolved")


#: The median distance (km) of a village from the point of its codifier community
#: (``benchmarks/eval_katottg_placement.py``: 8.6 km; 95% within 25 km): ``radius_km`` of a
#: place at its community.
COMMUNITY_RADIUS_KM = 9.0
#: A community point this far (km) beyond the distance a near locator gives ("15 km from Y")
#: still fits it (95% of villages lie within it of their community's point).
COMMUNITY_SLACK_KM = 25.0
#: ``location.settled_by`` of a village the codifier knows that is placed where the text's
#: near locator puts it rather than at its community (:func:`surer_codified_point`).
NEAR_OVER_COMMUNITY = "near-locator-over-community"


#: ``location.settled_by`` of a village the codifier places at its own point (GeoNames' postal
#: data, :mod:`~geo_events.gazetteer.village_points`) where the text's locator admits it: the
#: locator tells which namesake, so the point is as sure as a village's own.
LOCATOR_CONFIRMS_OWN_POINT = "locator-confirms-own-point"


def surer_codified_point(v: CodifiedSettlement, y: Place, relative: Location) -> float | None:
    """The radius (km) of the codifier village ``v``'s point when it places the name better
    than the text's locator does (``y``: where the locator puts the name, ``relative`` its
    location, an offset or near a settlement), else None.

    The measure is the radius, how far the settlement may lie from the point: the locator's
    (an offset: a quarter of its distance, at least 1 km; near a town: the distance given, else
    :data:`~geo_events.geoparse.locators.NEAR_RADIUS_KM`) against the village's (its own point,
    2 km, when the codifier has one: the locator admitting it tells which namesake it is; else
    its community's, :data:`COMMUNITY_RADIUS_KM`). The village's point must agree with the
    locator: within the locator's radius plus a community's of where the locator puts the name
    (an own point is matched to its village by name near the community, so it may lie that far
    from it too; "X, 15 km south of Y" with X's community 40 km off is not that village's
    point). The smaller radius wins, the locator's on a tie."""
    if v.latitude is None or v.longitude is None:
        return None
    radius = v.radius_km if v.radius_km is not None else COMMUNITY_RADIUS_KM
    locator = relative.radius_km if relative.radius_km is not None else math.inf
    if radius >= locator:
        return None
    if haversine_km(v.latitude, v.longitude, y.latitude, y.longitude) \
            > locator + COMMUNITY_RADIUS_KM:
        return None
    return radius


def _codified(name: str, start: int, end: int, admin1_code: str, codifier: Codifier,
              index: DocPlaces, near: Place | None, at: int | None = None) -> list:
    """The codifier's villages of ``name`` (at ``start``..``end``) in the unit ``admin1_code``
    that the text may mean: those of the community it names, of the part of the unit its
    locator at ``at`` (default ``end``) names ("X in western Luhansk Oblast",
    :func:`~geo_events.geoparse.locators.in_part`), the one nearest to the text's other
    places when they are far apart; with a near locator ("X, 15 km from Y": ``near`` is
    Y as :func:`~geo_events.geoparse.locators.near_locator` gives it, its ``location`` the
    radius), only those whose community point fits the distance (within
    :data:`COMMUNITY_SLACK_KM` beyond it)."""
    raion = raion_named(end if at is None else at, index)
    # the raion only when the text names one: a plug-in written before ``raion`` still works
    found = codifier.namesakes(name, admin1_code, index.gazetteer,
                               community=subunit_named(end, index),
                               **({"raion": raion} if raion else {}))
    part = locator_part(end if at is None else at, index)
    if part is not None and len(found) > 1:
        # "X in western Luhansk Oblast": the villages in that part, when any
        found = [v for v in found if v.latitude is not None and v.longitude is not None
                 and in_part(v.latitude, v.longitude, v.admin1_code, part,
                             frozenset({admin1_code}))] or found
    if near is not None:
        reach = ((near.location.radius_km if near.location else None) or 0.0) \
            + COMMUNITY_SLACK_KM
        found = [v for v in found if v.latitude is not None and v.longitude is not None
                 and haversine_km(v.latitude, v.longitude, near.latitude, near.longitude)
                 <= reach]
    if len(found) > 1:  # namesakes far apart: another place of the text may tell which
        found = nearest_to_the_text(found, index, start, end) or found
    return found


def nearest_to_the_text(found: list, index: DocPlaces, start: int, end: int) -> list:
    """The one namesake village near a settlement placed elsewhere in the text ("the villages
    of A and B": B tells where A is; see :func:`~geo_events.geoparse.namesakes.clearly_nearest`),
    else []. The name's own span (``start``..``end``, whatever the geoparser read there) is
    no evidence."""
    # the text's settlements with a point, except locators ("X, Chernihiv" names the oblast)
    lats, lons = index.points.outside(start, end)
    if not len(lats):
        return []
    k = clearly_nearest([(v.latitude, v.longitude) for v in found], lats, lons)
    return [found[k]] if k is not None else []


def unplaced_names(index: DocPlaces, from_char: int, to_char: int) -> list[Mention]:
    """Names the gazetteer lacks that a locator places ("Rudnytske, Kyiv"), between two
    offsets, as unresolved mentions (see :func:`unresolved_place`)."""
    out = []
    text = index.text
    before_locator = locator_patterns()["name_before_locator"]
    for q in index.between(from_char, to_char):
        if id(q) not in index.qualifiers:
            continue
        m = before_locator.search(text, max(from_char, q.start - 60), q.start)
        if m is None or index.covering(m.start(1)):
            continue
        toks = index.doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if toks is None or toks[0].i == toks.sent.start \
                or toks.root.pos_ not in language_pack(index.doc.lang_).pos["proper_noun"]:
            continue  # a sentence-initial capital word is no evidence of a name
        u = unresolved_place(m.group(1), m.start(1), m.end(1), index)
        if u is not None:
            out.append(u)
    return out


def anywhere_in_codified_country(name: str, start: int, end: int, index: DocPlaces
                                 ) -> Mention | None:
    """A name no locator places and the gazetteer lacks, in a text about a country with a
    codifier (the profile's or the text's countries; Ukraine's KATOTTG): the codifier's village
    when all of the country has one village of the name (or several in neighbouring
    communities), placed at its community; else None."""
    gaz = index.gazetteer
    if gaz is None:
        return None
    codified = sorted({c for c in index.context_countries() if c and codifier_for(c)})
    found = [v for cc in codified for v in codified_anywhere(cc, name, gaz)]
    if len(found) != 1:
        return None
    unit = gaz.get(f"adm1:{found[0].admin1_code}")
    return unresolved_place(name, start, end, index, unit=unit) if unit is not None else None


@lru_cache(maxsize=4096)
def codified_anywhere(country_code: str, name: str, gazetteer, across_units: bool = True
                      ) -> tuple[CodifiedSettlement, ...]:
    """The codifier's :meth:`~geo_events.gazetteer.codifiers.Codifier.anywhere` once per
    country, name, gazetteer and grouping (Ukraine's visits every oblast's table: tens of
    milliseconds a call, and a long text asks for the same names again)."""
    codifier = codifier_for(country_code)
    return tuple(codifier.anywhere(name, gazetteer, across_units=across_units)) \
        if codifier is not None else ()


#: spaCy entity labels that make an unknown name a place rather than a person or a group
#: (English; the code reads the pack's ``ents["place"]``).
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def in_the_country(name: str, start: int, end: int, index: DocPlaces, root: Token,
                   toks: Sequence[Token]) -> Mention | None:
    """A settlement named in an event that neither the gazetteer nor a locator places ("the
    army recaptured the town of Kitshanga"), in a text about one country: a Place known by its
    name and country only, at the country's label point (``location.precision == "country"``,
    ``located_by`` the country's id, no admin-1 unit), so that the event is kept in tables and
    exports; maps list it by name and never draw it. The name must read as a place: a
    settlement noun heads it or stands beside it ("the town of X", "X, a town near ...") or
    the tagger labels it a place.
    The country is the only one of the conflict profile's countries the text's places name
    (the profile's only country when they name none), else the only country of the text's
    places; none when that is not one country."""
    gaz = index.gazetteer
    nouns = index.hints.place_nouns
    pack = language_pack(root.doc.lang_)
    typed = (root.i not in {t.i for t in toks} and nouns(root.lower_)) \
        or any(c.dep_ in pack.deps["apposition"] and nouns(c.lower_)
               for t in toks for c in t.children)  # "Paletwa, a town near the border"
    if gaz is None or not (typed or any(t.ent_type_ in pack.ents["place"] for t in toks)):
        return None
    named = {c for c in index.countries if c is not None}
    if index.hints.countries:
        countries = set(index.hints.countries)
        countries = (named & countries) or (countries if len(countries) == 1 else set())
    else:
        countries = named
    if len(countries) != 1:
        return None
    country = next(iter(countries))
    # villages of the name the country's codifier lists (several: which, the text does not say)
    codifier = codifier_for(country)
    villages = [v for v in codified_anywhere(country, name, gaz)
                if v.latitude is not None and v.longitude is not None] \
        if codifier is not None else []
    return country_place(name, start, end, country, index,
                         namesakes=[option(v, codifier) for v in villages]
                         if codifier is not None and len(villages) > 1 else ())


def country_place(name: str, start: int, end: int, country_code: str, index: DocPlaces,
                  namesakes: Sequence[tuple[float, float, str]] = ()) -> Mention | None:
    """A settlement known by its name and country only (see :func:`in_the_country`), at the
    country's label point; None without the country in the gazetteer. ``namesakes``: the
    settlements of the name the text does not choose between (latitude, longitude, id), when
    it is one of many ("Andriivka": a dozen villages), kept in ``location.namesakes``: such a
    place is listed, never an event's place (:func:`ambiguous_place`)."""
    gaz = index.gazetteer
    country = gaz.get(f"adm0:{country_code}") if gaz is not None else None
    if country is None:
        return None
    place = Place(id=unresolved_place_id(country.country_code, name), name=name,
                  level="populated_place", latitude=country.latitude,
                  longitude=country.longitude, country_code=country.country_code,
                  country_name=country.country_name or country.name,
                  location=Location(precision="country", located_by=country.id,
                                    namesakes=tuple(namesakes)))
    return Mention(surface=name, start=start, end=end, place=place, score=0.2, role="toponym",
                   label="unresolved")


def ambiguous_place(place: Place) -> bool:
    """True for a settlement known by its country only because the text names one of its many
    namesakes without saying which (:func:`country_place` with ``namesakes``): no point of it
    can be checked or drawn, so it makes no event (rule ``veto.ambiguous_place``)."""
    return place.precision == "country" and bool(place.namesakes)


def typed_names(index: DocPlaces, from_char: int, to_char: int) -> list[Mention]:
    """Names after "the village of" that the gazetteer lacks, between two offsets, placed by
    :func:`anywhere_in_codified_country` (for a caption or anaphor after them)."""
    out = []
    # "the village of X", "the settlement of X": X is a settlement's name
    for m in locator_patterns()["name_after_type"].finditer(index.text, from_char, to_char):
        if index.overlapping(m.start(1), m.end(1)):
            continue
        u = anywhere_in_codified_country(m.group(1), m.start(1), m.end(1), index)
        if u is not None:
            out.append(u)
    return out


def candidate_options(cands: Sequence) -> list[tuple[float, float, str]]:
    """Gazetteer candidates as namesake options of :func:`country_place`: (latitude,
    longitude, place id)."""
    return [(c.place.latitude, c.place.longitude, c.place.id) for c in cands]


def option(v: CodifiedSettlement, codifier: Codifier) -> tuple[float, float, str]:
    """A codifier village as a namesake option: (latitude, longitude, located_by)."""
    # options come from Codifier.namesakes, which gives villages with a point only
    assert v.latitude is not None and v.longitude is not None
    return v.latitude, v.longitude, codifier.ref(v)
