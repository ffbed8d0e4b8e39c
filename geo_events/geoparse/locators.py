"""The locator grammar: what in a text only says where a name is.

* comma locators: in "Izium, Kharkiv" the second name only locates the first, also across a
  sub-unit ("X, Y community, Kharkiv") and with a type word ("Zalyman village, Kharkiv");
* "in" locators: "X in the Kharkiv region", "X in western Luhansk Oblast";
* near locators: "X, south of Izium", "X, a village near Izium", "X (10 km north of Y)" (the
  point is moved by the distance and bearing);
* locator phrases: "the forest belt 4 km northwest of X" (:func:`locator_object`): X only
  locates the target;
* what a relative location admits: the places of a name consistent with "X, 45 km east of Y"
  or "X, near Y" (:func:`relative_fit`, tolerances :data:`DISTANCE_TOLERANCE_SHARE` ...);
* what a locator admits: the admin-1 codes it can mean (:func:`locator_codes`; "Kyiv" after a
  village is Kyiv oblast as well as Kyiv City), as a predicate on places (:func:`locator_test`)
  and as the unit a name the gazetteer lacks is placed in (:func:`locator_unit`).

Every function takes the per-document :class:`~geo_events.geoparse.doc_places.DocPlaces`.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.tokens import Token

from geo_events.geodesy import bearing_deg, bearing_difference, haversine_km, offset_point
from geo_events.geoparse.recognize import cues, cues_path
from geo_events.geoparse.resolve import admin_like
from geo_events.language import active_language, language_pack
from geo_events.model import Location, Mention, Place

if TYPE_CHECKING:
    from geo_events.geoparse.doc_places import DocPlaces


def plain(text: str) -> str:
    """``text`` lower-cased with every run of other characters than a-z, 0-9 as one space."""
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def bearings(lang: str | None = None) -> dict[str, float]:
    """Compass words ("north", "south-east") -> bearing in degrees clockwise from north: the
    cue file's ``bearings`` (data, not code; ``lang``: see :func:`cues`)."""
    return cues(lang)["bearings"]


def distance_units(lang: str | None = None) -> dict[str, float]:
    """Units of distance ("km", "miles") -> km per unit: the cue file's ``distance_units``."""
    return cues(lang)["distance_units"]


#: Lower-case compass words and distance nouns, by cue file.
_WORD_SETS: dict[Path, tuple[frozenset[str], frozenset[str]]] = {}


def _word_sets() -> tuple[frozenset[str], frozenset[str]]:
    path = cues_path()
    sets = _WORD_SETS.get(path)
    if sets is None:
        sets = _WORD_SETS[path] = (frozenset(w.lower() for w in bearings()),
                                   frozenset(w.lower() for w in distance_units()))
    return sets


def direction_words() -> frozenset[str]:
    """The compass words of the active language, lower case, as single tokens."""
    return _word_sets()[0]


def distance_nouns() -> frozenset[str]:
    """The nouns of distance of the active language, lower case ("5 km from X")."""
    return _word_sets()[1]


#: Compass words ("north of the city", "south-east of Y"), as single tokens (English; the
#: active language's: :func:`direction_words`).
DIRECTION_WORDS = frozenset(w.lower() for w in bearings("en"))


def _alternation(words) -> str:
    """A regular-expression alternation of ``words``, longest first, white space flexible."""
    return "|".join(r"\s+".join(re.escape(p) for p in w.split())
                    for w in sorted(words, key=lambda w: (-len(w), w)))


_NAME = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?"


#: Nouns of distance ("5 km from X", "a few miles outside X"; English, the active language's:
#: :func:`distance_nouns`).
DISTANCE_NOUNS = frozenset(w.lower() for w in distance_units("en"))


def _expand(name: str, exprs: dict[str, str], slots: dict[str, str], seen: tuple[str, ...] = ()
            ) -> str:
    """The expression ``name`` of ``exprs`` with its placeholders expanded: ``{<slot>}``
    from ``slots``, ``{<other expression>}`` recursively."""
    from geo_events.errors import DataFileError

    def one(m: re.Match[str]) -> str:
        key = m.group(1)
        if key in slots:
            return slots[key]
        if key in exprs and key not in seen:
            return _expand(key, exprs, slots, (*seen, name))
        raise DataFileError(f"cue file {cues_path()}: locator_patterns {name!r}: unknown "
                            f"placeholder {m.group()!r}; use one of "
                            f"{', '.join('{' + k + '}' for k in (*slots, *exprs))}")
    return re.sub(r"\{([A-Za-z_]\w*)\}", one, exprs[name])


def locator_patterns() -> dict[str, re.Pattern[str]]:
    """Regular expressions of the locator grammar: the cue file's ``locator_patterns``
    (data; their placeholders ``{name}``: a capitalised name of one or two words,
    ``{subunits}``: a sub-unit word of ``subunit_type_words``, ``{hedges}``, ``{units}``,
    ``{closeness}``, ``{bearings}``: the words of ``distance_hedges``, ``distance_units``,
    ``closeness_words`` and ``bearings``, ``{calendar}``: the language pack's month and
    weekday names, and the name of another expression).

    ``gap``: the text between a name and its locator: ", " (or " (": "Svyatohirsk settlement
    (Donetsk region)") with an optional type word before it (``typed``: "Zalyman village, ")
    and an optional sub-unit after it ("Dmytrivka, Borodianska community, Kyiv"); ``before``:
    the gap after a name, at the end of the text before a locator; ``text``: the gap and a
    capitalised name after it; ``subunit``: a sub-unit word between a place and its locator
    ("Makariv district, "); ``subunit_name``: the sub-unit's name in the gap; ``prep``:
    "<name> (township)(,) in (the) <province>"; ``in_unit``: "<town> in the (eastern)
    <province>" (``part``: "eastern", its group ``part`` read by :func:`locator_part`);
    ``list_next``: the next name of a list after a name (", B", " and B", ", and B"), whose
    locator scopes the names before it (:func:`~geo_events.geoparse.recover.list_locator`);
    ``near``: "<name>, south of Y", "<name>, a village 10 km from Y", "<name> (about 8 km east
    of the town of Y)", "<name>, just west of Y", also after a parenthesis ("<name> (formerly
    Z) 45 km east of Y") (see :func:`near_locator`); ``name_before_locator`` and
    ``name_after_type``: a name the gazetteer lacks before a locator ("Rudnytske, Kyiv") and
    after a type word ("the village of X") (:mod:`geo_events.geoparse.unresolved`). Those of
    the active language (the cue file of its pack), compiled once."""
    path = cues_path()
    patterns = _PATTERNS.get(path)
    if patterns is None:
        patterns = _PATTERNS[path] = _compile_locator_patterns()
    return patterns


_PATTERNS: dict[Path, dict[str, re.Pattern[str]]] = {}


def _compile_locator_patterns() -> dict[str, re.Pattern[str]]:
    from geo_events.errors import DataFileError

    c = cues()
    pack = language_pack(active_language())
    slots = {
        "name": _NAME,
        "subunits": "(?i:" + "|".join(re.escape(w) for w in sorted(c["subunit_type_words"]))
                    + ")",
        "hedges": _alternation(c["distance_hedges"]), "units": _alternation(distance_units()),
        "closeness": _alternation(c["closeness_words"]), "bearings": _alternation(bearings()),
        # the pack's month and weekday names: "On 8 April, Kherson ...": no name "April"
        "calendar": "(?i:" + _alternation([*pack.months, *pack.weekdays]) + ")"}
    exprs = c["locator_patterns"]
    out = {}
    for name in exprs:
        try:
            out[name] = re.compile(_expand(name, exprs, slots))
        except re.error as exc:
            raise DataFileError(f"cue file {cues_path()}: locator_patterns {name!r} is no "
                                f"regular expression: {exc}") from exc
    return out


def qualifier_mentions(text: str, mentions: Sequence[Mention]) -> set[int]:
    """ids of mentions that only locate the mention before them ("Izium, Kharkiv region").

    Not in a list: in "Kyiv, Kharkiv and Odesa" every name is a place of its own.
    """
    out: set[int] = set()
    pat = locator_patterns()
    places = []
    for m in mentions:
        if m.role in ("demonym", "metonym"):
            continue
        if pat["subunit"].match(text, m.end) and _after_comma(text, m.start):
            out.add(id(m))  # "Makariv district" between a village and its province
        else:
            places.append(m)
    for a, b, c in zip(places, places[1:], [*places[2:], None], strict=False):
        if pat["in_unit"].fullmatch(text, a.end, b.start) and a.place.level == "populated_place" \
                and b.place.level in ("admin1", "admin2", "region"):
            out.add(id(b))  # "near Bakhmut in the eastern Donetsk region": where Bakhmut is
            continue
        if not pat["gap"].fullmatch(text, a.end, b.start):
            continue
        listed = c is not None and re.fullmatch(r"\s*(?:,|,?\s*and|,?\s*or)\s*",
                                                text[b.end:c.start])
        if not listed and _locates(a, b):
            out.add(id(b))
    ends = {m.end for m in mentions}
    for b in mentions:
        # "Milove, Luhansk" where the village was not recognised: Luhansk still only locates
        before = text[max(0, b.start - 60):b.start]
        if (pat["before"].search(before)
                and not any(b.start - k in ends for k in (1, 2, 3))
                and is_admin_namesake(b)):
            out.add(id(b))
    return out


def _after_comma(text: str, at: int) -> bool:
    """True when the text before offset ``at`` ends with a comma and white space (looked at
    backwards from ``at``: no copy of the text before it)."""
    k = at
    while k > 0 and text[k - 1].isspace():
        k -= 1
    return k > 0 and text[k - 1] == ","


def _locates(a: Mention, b: Mention) -> bool:
    """True when ``b`` (after "a, ") is the country, region or namesake capital holding ``a``."""
    pa, pb = a.place, b.place
    if pa.level == "country":
        return False
    if pb.level == "country":
        return pb.country_code == pa.country_code
    if pb.level in ("admin1", "admin2", "region"):
        return pb.admin1_code in (None, pa.admin1_code) or pb.country_code == pa.country_code
    if pa.admin1_name and plain(pa.admin1_name).startswith(plain(b.surface)):
        return True
    # a regional capital after a village names the region, even when the village was resolved
    # to a namesake abroad (it is re-resolved to fit); two capitals are two places
    return is_admin_namesake(b) and not is_admin_namesake(a)


def is_admin_namesake(m: Mention) -> bool:
    """An admin unit, or a city named like its admin-1 unit ("Chernihiv", "Kherson"): the
    usual locator after a village name."""
    return admin_like(m.place, m.surface)


def locator_object(root: Token) -> bool:
    """True when ``root`` is the object of a locator phrase, not a target: "(about 4 km)
    northwest of X", "10 km from X" (a compass word or a distance heads the preposition)."""
    prep = root.head
    deps = language_pack(root.doc.lang_).deps
    if root.dep_ not in deps["prepositional_object"] or prep.i == root.i \
            or prep.lemma_.lower() not in cues()["locator_prepositions"]:
        return False
    owner = prep.head
    if owner.lower_ in direction_words():
        return True
    return owner.lower_ in distance_nouns() and any(c.dep_ in deps["number_modifier"]
                                                    for c in owner.children)


def locator_after(end_char: int, index: DocPlaces, prep: bool = True) -> Mention | None:
    """The place right after "<name>, " that locates it ("Milove, Luhansk region"), or (with
    ``prep``) after "<name> in (the) " when that place is a province or its namesake capital
    ("Robotyne in the Zaporizhzhia region", "Rubaya in North Kivu province")."""
    pat = locator_patterns()
    gap = pat["gap"].match(index.text, end_char)
    if gap is not None and (m := mention_starting(gap.end(), index)) is not None:
        # only a mention judged a locator (not the next item of a list)
        return m if id(m) in index.qualifiers else None
    after = pat["prep"].match(index.text, end_char) if prep else None
    if after is not None:
        m = mention_starting(after.end(), index)
        # "embedded": the unit inside an entity the recogniser ran over the name and its
        # locator ("Shevchenkove in Kharkiv Oblast" read as one title): still the locator
        if m is not None and m.role in ("toponym", "embedded") and is_admin_namesake(m) \
                and m.place.level != "region":
            return m
    return near_locator(end_char, index) if prep else None


#: Relative locations whose distance the text does not give ("X, north of Y", "X, just south
#: of Y"): the distance is taken from the edge of Y, estimated from its population at this
#: density (people per km², a Ukrainian town's order of magnitude) as a disc ...
TOWN_DENSITY_PER_KM2 = 3000.0
#: ... plus this many km for a bare bearing ("north of Y"; the uncertainty radius too) ...
BEARING_ONLY_KM = 5.0
#: ("just south of Y": the cue file's ``closeness_words`` give the km, 2 for "just").
#: An explicit distance ("8 km east of Y", measured from Y's centre) is uncertain by this share
#: of it, and at least :data:`OFFSET_MIN_RADIUS_KM`.
OFFSET_RADIUS_SHARE = 0.25
OFFSET_MIN_RADIUS_KM = 1.0
#: "X, near Y" (no distance, no bearing): X lies within about this distance of Y (km).
NEAR_RADIUS_KM = 10.0


def town_radius_km(place: Place) -> float:
    """The radius (km) of a disc of the settlement's population at
    :data:`TOWN_DENSITY_PER_KM2` (0 without a population): how far "north of Y" starts."""
    return math.sqrt(place.population / (TOWN_DENSITY_PER_KM2 * math.pi)) \
        if place.population > 0 else 0.0


def relative_location(y: Place, distance: str | None, unit: str | None, close: str | None,
                      direction: str | None) -> Location:
    """Where a relative location puts a place relative to the settlement ``y`` (the words as
    the text has them, None when absent), as a :class:`Location` located by ``y``:

    * a bearing (``direction``): precision ``"offset"``, ``distance_km`` the distance given
      (a unit's km), else the closeness word's km ("just") or :data:`BEARING_ONLY_KM` beyond
      Y's edge (:func:`town_radius_km`); ``radius_km`` a quarter of a given distance (at least
      1 km), else the default distance added;
    * no bearing ("15 km from Y", "near Y"): precision ``"near"``, ``radius_km`` the distance
      given, else :data:`NEAR_RADIUS_KM`: the place is somewhere around Y, not at Y."""
    km = float(distance) * distance_units()[unit.lower()] if distance and unit else None
    bearing = bearings().get(direction.lower()) if direction else None
    if bearing is None:
        return Location(precision="near", located_by=y.id,
                        radius_km=round(km, 3) if km else NEAR_RADIUS_KM, distance_km=km)
    if km:
        radius = max(OFFSET_MIN_RADIUS_KM, OFFSET_RADIUS_SHARE * km)
    else:
        extra = cues()["closeness_words"][close.lower()] if close else BEARING_ONLY_KM
        km, radius = town_radius_km(y) + extra, extra
    return Location(precision="offset", located_by=y.id, radius_km=round(radius, 3),
                    distance_km=round(km, 3), bearing=bearing)


def near_locator(end_char: int, index: DocPlaces) -> Mention | None:
    """The settlement or province in ", south of Bakhmut", ", near Y", ", 10 km from Y" or
    ", a village (south of | near | in) Y" after ``end_char``: the name before lies in or near
    it (the province of a settlement is taken as the name's). For a settlement, the mention's
    place is where the phrase puts the name (:func:`relative_location`): moved by the distance
    along the bearing ("X (10 km north of Y)": about there, not at Y; geodesic on the sphere),
    or Y's point with a radius, with its ``location`` saying how (``located_by`` Y's id)."""
    after = locator_patterns()["near"].match(index.text, end_char)
    if after is None:
        return None
    m = mention_starting(after.end(), index)
    if m is None or m.role != "toponym" or not m.place.admin1_code \
            or m.place.level not in ("populated_place", "admin1", "admin2"):
        return None
    if m.place.level == "populated_place":
        loc = relative_location(m.place, after["distance"], after["unit"], after["close"],
                                after["direction"])
        lat, lon = m.place.latitude, m.place.longitude
        if loc.bearing is not None and loc.distance_km:
            lat, lon = offset_point(lat, lon, loc.distance_km, loc.bearing)
        m = replace(m, place=replace(m.place, latitude=round(lat, 5), longitude=round(lon, 5),
                                     location=loc))
    return replace(m, label=NEAR)


#: ``label`` of a locator found by :func:`near_locator`.
NEAR = "near-locator"

#: Tolerances of a relative location when it chooses among places of a name ("Myrne, 35 km
#: north of Kherson": which Myrne). A place fits a stated distance ``d`` (km from Y's point)
#: when its own distance from Y differs from ``d`` by at most this share of ``d`` ...
DISTANCE_TOLERANCE_SHARE = 0.5
#: ... plus this many km (rounded figures, road distances, a gazetteer point off a village's
#: centre);
DISTANCE_TOLERANCE_KM = 5.0
#: a stated bearing when the bearing from Y to it is within this many degrees of it (an 8-point
#: compass word covers +-22.5 degrees; writers round further: "east" for east-south-east) ...
BEARING_TOLERANCE_DEG = 45.0
#: ... or it lies within this many km of Y's point (a bearing means nothing that close);
BEARING_FREE_KM = 5.0
#: a bearing without a distance ("north of Y") when it lies within this many km beyond the
#: default distance (:func:`relative_location`): such a phrase says where, hardly how far
#: ("Kupiansk, east of Kharkiv": 100 km);
BEARING_ONLY_REACH_KM = 100.0
#: "near Y", "outside Y" (neither distance nor bearing) when it lies within this many km of Y.
NEAR_REACH_KM = 30.0


def relative_fit(end_char: int, index: DocPlaces):
    """For a relative location after ``end_char`` whose Y is a settlement ("X, 45 km east of
    Y", "X (10 km from Y)", "X, north of Y", "X, near Y"): a function of a Place giving how far
    (km) it lies from where the text puts the name (the offset point; Y's point without a
    bearing; with a distance but no bearing, the difference of the distances) when it is
    consistent with the phrase, within the tolerances above (distance: ``DISTANCE_TOLERANCE_
    SHARE * d + DISTANCE_TOLERANCE_KM``; bearing: :data:`BEARING_TOLERANCE_DEG`; "near":
    :data:`NEAR_REACH_KM`), else None. None without such a locator."""
    after = relative_phrase(index.text, end_char)
    if after is None:
        return None
    y = mention_starting(after.end(), index)
    if y is None or y.role != "toponym" or y.place.level != "populated_place":
        return None
    loc = relative_location(y.place, after["distance"], after["unit"], after["close"],
                            after["direction"])
    given = bool(after["distance"] and after["unit"])
    return lambda place: relative_miss_km(place, y.place, loc, given)


def relative_phrase(text: str, end_char: int) -> re.Match[str] | None:
    """The ``near`` expression matched after ``end_char`` when it says where a name lies
    relative to Y: with a distance, a bearing, or "near" / "outside" ("X, a village in Y" is
    containment, not nearness: None); its groups ``distance``, ``unit``, ``close`` and
    ``direction``, its end where Y's name starts."""
    after = locator_patterns()["near"].match(text, end_char)
    if after is None or after["direction"] or (after["distance"] and after["unit"]):
        return after
    return after if re.search(r"\b(?:near|outside)\b", after.group().lower()) else None


def relative_miss_km(place: Place, y: Place, loc: Location, distance_given: bool
                     ) -> float | None:
    """How far (km) ``place`` lies from where the relative location ``loc`` (of
    :func:`relative_location`, from the settlement ``y``; ``distance_given``: the text gave a
    number) puts a name, or None when it is not consistent with it (see :func:`relative_fit`).
    The tolerances widen by the extent of both places (the radii of
    :func:`town_radius_km`, in km, and the angle they span seen from Y): a town reaches
    further than its point."""
    d = haversine_km(y.latitude, y.longitude, place.latitude, place.longitude)
    km = loc.distance_km
    # towns have extent: "Sievierodonetsk, just north of Lysychansk" measures between their
    # edges, so both discs (town_radius_km) widen the distance and the bearing tolerated
    extent = town_radius_km(place) + town_radius_km(y)
    if loc.bearing is not None and km is not None:
        reach = (DISTANCE_TOLERANCE_SHARE * km + DISTANCE_TOLERANCE_KM if distance_given
                 else BEARING_ONLY_REACH_KM) + extent
        if d > km + reach or (distance_given and d < km - reach):
            return None
        slack = math.degrees(math.atan2(extent, d))
        if d > BEARING_FREE_KM and bearing_difference(
                bearing_deg(y.latitude, y.longitude, place.latitude, place.longitude),
                loc.bearing) > BEARING_TOLERANCE_DEG + slack:
            return None
        lat, lon = offset_point(y.latitude, y.longitude, km, loc.bearing)
        return haversine_km(lat, lon, place.latitude, place.longitude)
    if km:  # "15 km from Y"
        miss = abs(d - km)
        reach = DISTANCE_TOLERANCE_SHARE * km + DISTANCE_TOLERANCE_KM + extent
        return miss if miss <= reach else None
    return d if d <= NEAR_REACH_KM + extent else None


def mention_starting(char: int, index: DocPlaces) -> Mention | None:
    k = bisect_left(index.starts, char)
    if k < len(index.mentions) and index.mentions[k].start == char:
        return index.mentions[k]
    return None


def text_locator_places(end_char: int, index: DocPlaces) -> list:
    """The admin-1 units (and their namesake cities) named by ", <Name>" or " in (western)
    <Name>" after ``end_char`` when the geoparser did not mark that name as a place."""
    pat = locator_patterns()
    m = pat["text"].match(index.text, end_char)
    if m is None and (after := pat["prep"].match(index.text, end_char)) is not None:
        m = _NAME_AT.match(index.text, after.end())
    if m is None or index.gazetteer is None:
        return []
    if mention_starting(m.start(1), index) is not None:
        return []  # a recognised place there that is no locator: the next item of a list
    out = []
    for c in index.gazetteer.search(m.group(1), limit=20):
        p = c.place
        if p.level == "admin1" or (p.level == "populated_place" and p.admin1_name
                                   and plain(p.admin1_name).startswith(plain(m.group(1)))):
            out.append(p)
    return out or _truncated_unit(m.group(1), index)


#: A capitalised name at a position (its group 1): the name after " in (western) ".
_NAME_AT = re.compile(f"({_NAME})")


#: A written name this long (letters) or longer may be a province's name cut short.
TRUNCATED_MIN = 5


def _truncated_unit(name: str, index: DocPlaces) -> list:
    """The one admin-1 unit of the conflict's (or the text's) countries whose name begins with
    ``name``, a province's name cut short in a hurried note ("Topolyne, Kherso"); else []."""
    key = plain(name)
    if len(key) < TRUNCATED_MIN or " " in key:
        return []
    units = [code for cc in index.context_countries() if cc
             for code, unit in index.gazetteer.admin1_names(cc).items()
             if plain(unit).startswith(key) and plain(unit) != key]
    return [index.gazetteer.get(f"adm1:{units[0]}")] if len(units) == 1 else []


def locator_codes(locator: Mention | None, index: DocPlaces) -> frozenset[str]:
    """Admin-1 codes a locator can mean: its own, and those of admin-1 units named like it
    ("Kyiv" after a village is Kyiv oblast, not the city's own admin-1 unit). A place without
    an admin-1 unit contributes no code: the set never holds None, and is empty when nothing
    names a unit (then there is no locator test)."""
    if locator is None:
        return frozenset()
    own = locator.place.admin1_code
    codes = {own} if own else set()
    if not is_admin_namesake(locator):
        # "X, south of Bakhmut": the town's own unit; a town named without a near phrase
        # ("X, Bakhmut") locates nothing
        return frozenset(codes) if locator.label == NEAR else frozenset()
    if locator.place.level == "populated_place":
        codes |= {u.admin1_code for u in units_named_like(locator, index) if u.admin1_code}
    return frozenset(codes)


def units_named_like(locator: Mention, index: DocPlaces) -> list[Place]:
    """Admin-1 units named like a city locator, the one around the city first ("Kyiv" after a
    village: Kyiv oblast, then the Kyiv City unit); [] without a gazetteer."""
    if index.gazetteer is None:
        return []
    p = locator.place
    units = [c.place for c in index.gazetteer.search(locator.surface, country=p.country_code,
                                                     level="admin1", limit=5)]
    if len(units) > 1:
        units.sort(key=lambda u: u.admin1_code == p.admin1_code)
    return units


#: A place "X, <city>" may lie in the city's province even when the gazetteer names that
#: province otherwise: accept places this close to a city locator (km).
LOCATOR_CITY_KM = 60.0


def fits_locator(place, locator: Mention, codes: frozenset[str]) -> bool:
    if place.admin1_code in codes:
        return True
    if place.country_code != locator.place.country_code:
        return False
    return haversine_km(place.latitude, place.longitude, locator.place.latitude,
                        locator.place.longitude) <= LOCATOR_CITY_KM


def province_codes(end_char: int, index: DocPlaces) -> frozenset[str]:
    """Admin-1 codes the locator after ``end_char`` can mean, from a located mention or from
    the name written there (empty without one)."""
    codes = locator_codes(locator_after(end_char, index), index)
    return codes or frozenset(p.admin1_code for p in text_locator_places(end_char, index)
                              if p.admin1_code)


def locator_test(end_char: int, index: DocPlaces):
    """A predicate telling whether a place fits the locator after ``end_char`` ("X, Kherson"),
    from a located mention or, failing that, from the name written there; None without one.
    A part of the unit ("X in western Luhansk Oblast") admits only places in that part
    (:func:`in_part`)."""
    locator = locator_after(end_char, index)
    codes = locator_codes(locator, index)
    if codes and locator is not None:  # (codes are empty without a locator)
        part = locator_part(end_char, index) if locator.label != NEAR else None
        if part is not None:
            return lambda place: fits_locator(place, locator, codes) and in_part(
                place.latitude, place.longitude, place.admin1_code, part, codes)
        return lambda place: fits_locator(place, locator, codes)
    if locator is not None:
        return None
    text_places = text_locator_places(end_char, index)
    if not text_places:
        return None
    text_codes = frozenset(p.admin1_code for p in text_places if p.admin1_code)
    pseudo = [Mention(p.name, 0, 0, p, 1.0) for p in text_places]
    part = locator_part(end_char, index)
    if part is not None:  # "X in western Donetsk" with the name unmarked
        return lambda place: any(fits_locator(place, loc, text_codes) for loc in pseudo) \
            and in_part(place.latitude, place.longitude, place.admin1_code, part, text_codes)
    return lambda place: any(fits_locator(place, loc, text_codes) for loc in pseudo)


def locator_part(end_char: int, index: DocPlaces) -> str | None:
    """The part of a unit an "in" locator after ``end_char`` names ("western" of "X in western
    Luhansk Oblast": the ``part`` group of the ``prep`` expression), or None; none after an
    article ("X in the northern Chernihiv region" names the region by where it lies)."""
    after = locator_patterns()["prep"].match(index.text, end_char)
    if after is None or (mention_starting(after.end(), index) is None
                         and not text_locator_places(end_char, index)):
        return None
    part = after.groupdict().get("part")
    if part is not None and re.search(r"\bthe\s+$", index.text[after.start():after.start("part")],
                                      re.IGNORECASE):
        return None  # "in the northern Chernihiv region": the region, in Ukraine's north
    return part


#: A place counts as in a part of a unit ("western Luhansk Oblast": the unit's half west of its
#: centre, :func:`geo_events.areas.area_geometry`) up to this far outside it (degrees, about
#: 11 km): the writer's "western" is no line.
PART_MARGIN_DEG = 0.1


def in_part(lat: float, lon: float, admin1_code: str | None, part: str,
            codes: frozenset[str]) -> bool:
    """True when the point (a place of admin-1 unit ``admin1_code``) lies in the ``part``
    ("western", "north-east", "central") of one of the admin-1 units ``codes``, within
    :data:`PART_MARGIN_DEG`; True when the part cannot be drawn (no boundaries, a word that
    names no part): then only the unit constrains."""
    import shapely

    from geo_events.areas import area_geometry

    if admin1_code is not None and admin1_code not in codes:
        return False
    drawn = False
    for code in sorted(codes):
        area = area_geometry(f"part:{part.lower()}:adm1:{code}")
        if area is None:
            continue
        drawn = True
        if shapely.dwithin(area, shapely.Point(lon, lat), PART_MARGIN_DEG):
            return True
    return not drawn


def locator_unit(end_char: int, locator: Mention | None, index: DocPlaces):
    """The admin-1 unit (a Place) named by ``locator`` (the :func:`locator_after` of
    ``end_char``), or by the name written after ``end_char``; None without one."""
    gaz = index.gazetteer
    if gaz is None:
        return None
    if locator is not None:
        p = locator.place
        if p.level == "admin1":
            return p
        if not is_admin_namesake(locator):
            return gaz.get(f"adm1:{p.admin1_code}") if locator.label == NEAR else None
        units = units_named_like(locator, index)
        return units[0] if units else gaz.get(f"adm1:{p.admin1_code}")
    found = text_locator_places(end_char, index)
    units = [p for p in found if p.level == "admin1"] or [
        u for p in found if (u := gaz.get(f"adm1:{p.admin1_code}")) is not None]
    city_units = {p.admin1_code for p in found if p.level == "populated_place"}
    if len(units) > 1:
        units.sort(key=lambda u: u.admin1_code in city_units)
    return units[0] if units else None


def raion_named(end_char: int, index: DocPlaces) -> str | None:
    """The name of the district written between a place and its province in an "in" locator
    ("Beryslav" of "X in Beryslav Raion in Kherson Oblast": the ``raion`` group of the ``prep``
    expression), or None."""
    found = locator_patterns()["prep"].match(index.text, end_char)
    return found.group("raion") if found is not None and "raion" in found.re.groupindex \
        else None


def subunit_named(end_char: int, index: DocPlaces) -> str | None:
    """The name of the sub-unit written between a place and its province ("Borodianska" of
    "Dmytrivka, Borodianska community, Kyiv"), or None."""
    found = locator_patterns()["subunit_name"].match(index.text, end_char)
    return found.group(1) if found else None
