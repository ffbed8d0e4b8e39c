"""Which places a trigger's slot names (slot logic; place resolution is the geoparser's).

* mentions under the slot head: conjunctions ("Bucha, Irpin and Hostomel"), head nouns ("the
  city of Lyman", "the Donetsk region"), relative pronouns; a place that only locates another
  ("Izium, Kharkiv"; "the forest belt 4 km northwest of X") is not taken;
* place resolution through the document's
  :class:`~geo_events.geoparse.doc_places.DocPlaces`: names the geoparser missed
  (:meth:`~geo_events.geoparse.doc_places.DocPlaces.recover`), places re-resolved to fit their
  locator (:meth:`~geo_events.geoparse.doc_places.DocPlaces.fit_to_locator`), names the
  gazetteer lacks (unresolved places; see :mod:`geo_events.geoparse.unresolved`);
* coreference: "the town" / "the village" (and captions such as "Captured by X on <date>.")
  take the latest fitting place of the previous sentences;
* facilities: "seized the power station in Enerhodar" takes the facility, a place of its own
  at the town (:func:`site_of`); the town itself is not taken;
* claim scopes: an annexation claim covers the regions its sentence names
  (:func:`_claim_scope`) and a city named like its region stands for the region
  (:func:`_claimed_unit`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from geo_events.events.actors import _Actor
from geo_events.events.area_units import area_of_part, area_place, river_bank
from geo_events.events.lexicon import Lexicon
from geo_events.events.place_rules import ReferenceRule, place_rules
from geo_events.events.profiles import Profile
from geo_events.events.syntax import _lemma, _norm, _of_objects, _pack
from geo_events.geoparse.doc_places import DocPlaces, PlaceHints
from geo_events.geoparse.locators import direction_words, is_admin_namesake, locator_object
from geo_events.geoparse.recognize import cues, name_on_time_noun, subunit_before
from geo_events.geoparse.recover import conjuncts, direction_names
from geo_events.model import Mention, Place, site_place

COREF_LOOKBACK_SENTENCES = 3


#: Mention roles that never fill a place slot.
_NOT_PLACES = frozenset({"demonym", "metonym"})


@dataclass(frozen=True, slots=True)
class _Slot:
    """Places found in a slot, with flags about how they were found."""

    mentions: tuple[Mention, ...]
    coreferent: bool = False
    #: some place of the slot is meant only in part ("captured parts of X")
    partial: bool = False
    #: what the trigger takes is ground in the slot's places ("seized territory in X"): they
    #: are meant in part (rule ``place.ground_in``)
    ground: bool = False
    #: the facility the slot names ("seized the power plant in X"): its settlement's control
    #: changes go to the facility (:func:`site_of`)
    facility: Token | None = None
    #: the settlement the facility is named after ("Chornobyl" of "the Chornobyl nuclear plant
    #: in Pripyat"): where it is when the settlement named as its place has no point
    named_after: Mention | None = None
    #: the mentions meant only in part: those below a part noun ("much of B" in "the
    #: entirety of A and much of B"), not their conjuncts beside it
    partial_mentions: tuple[Mention, ...] = ()
    #: the id of the reference rule by which an anaphor of the slot took an antecedent
    #: before a list of places ("from A towards B and C, ... the village": A), or by which
    #: a pronoun took the places of the clause its verb is conjoined to ("entered X and
    #: captured it": :data:`CONJOINED_PRONOUN_RULE`)
    reference: str | None = None
    #: the id of the reference rule by which an anaphor of the slot refers to nothing
    unreferred: str | None = None
    #: the mentions named as examples of a place noun of the slot ("recaptured three towns,
    #: including A and B"; rule ``place.listed_examples``)
    examples: tuple[Mention, ...] = ()

    def is_partial(self, m: Mention) -> bool:
        """True when only part of the place of ``m`` is meant ("captured parts of X")."""
        return any(p is m for p in self.partial_mentions)


class _DocIndex(DocPlaces):
    """The places of a document (:class:`~geo_events.geoparse.doc_places.DocPlaces`) with what
    event extraction adds: its lexicon and conflict profile (the profile's countries and actor
    names are the place resolution's hints) and the dated sections of the text."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention], lexicon: Lexicon,
                 profile: Profile | None = None, gazetteer=None) -> None:
        super().__init__(doc, mentions, gazetteer, PlaceHints(
            countries=tuple(profile.countries) if profile is not None else (),
            is_party=(lambda name: bool(profile.side_of(name))) if profile is not None
            else (lambda _name: False),
            place_nouns=lambda word: lexicon.has("place_head_nouns", word)))
        self.lexicon = lexicon
        self.profile = profile
        #: (section start offset, date of its heading or None), set by the extraction
        #: (:func:`geo_events.events.narrative_dates.section_dates`)
        self.sections: list = []
        self.section_starts: list[int] = []
        #: character spans of the text's heading lines, set by the extraction
        #: (:func:`geo_events.events.narrative_dates.heading_spans`): no sentence, no event
        self.headings: list[tuple[int, int]] = []
        #: the days, weeks and months of a text that retells the past (rule
        #: ``retrospective``), and their offsets; empty for other texts
        self.narrative_points: list = []
        self.narrative_starts: list[int] = []
        #: anaphors (token index) whose antecedent a reference rule's ``after_list`` decided
        #: (:func:`_latest_mention`), with the rule's id: those that took a place before the
        #: list, and those that refer to nothing
        self.referred: dict[int, str] = {}
        self.unreferred: dict[int, str] = {}


def _locating_subunit(t: Token) -> bool:
    """``t`` is the type word of a sub-unit between a place and its province ("district" in
    "Dmytrivka, Makariv district, Kyiv"): it locates, it is not part of a place."""
    return subunit_before(t.doc, t.i + 1, cues()["subunit_type_words"]) is not None


def _part_of(t: Token, lex: Lexicon) -> bool:
    """True when ``t`` names part of the place after its "of" (lexicon ``partial_of_nouns``):
    "an area of X Oblast", "areas of X", "swathes of X"; not "the area of X", which means X
    and around it, nor "the X area" (no "of")."""
    if not lex.has("partial_of_nouns", t.lower_) or not _of_objects(t):
        return False
    pack = _pack(t)
    plural = t.tag_ in pack.tags["plural_noun"]
    return plural or not any(c.dep_ in pack.deps["determiner"]
                             and c.lower_ in pack.function_words["article"]
                             for c in t.children)


def _ground_in(t: Token, lex: Lexicon) -> bool:
    """True when ``t`` is a noun of ground (lexicon ``ground_nouns``) with a place in a
    preposition of ``ground_prepositions`` after it: "seized territory *in* X Oblast", "land
    in the X region" mean part of X, not all of it (rule ``place.ground_in``)."""
    if not _bare_ground(t, lex):
        return False
    deps = _pack(t).deps
    return any(c.dep_ in deps["prepositional"] and lex.has("ground_prepositions", _lemma(c))
               for c in t.children)


def ground_object(trigger_tok: Token, lex: Lexicon) -> bool:
    """True when what a trigger takes or holds is ground, not a place by name: its direct
    object is a noun of ground (lexicon ``ground_nouns``: "seized *territory*"), or the "of"
    object of that object ("took control *of territory*"). The places its slot names then are
    only where that ground lies: "took control of territory in the X and Y regions" takes part
    of each (rule ``place.ground_in``)."""
    deps = _pack(trigger_tok).deps
    objects = [c for c in trigger_tok.children if c.dep_ in deps["direct_object"]]
    objects += [g for o in objects for g in _of_objects(o)]
    return any(_bare_ground(o, lex) for o in objects)


def _bare_ground(t: Token, lex: Lexicon) -> bool:
    """``t`` is a noun of ground (lexicon ``ground_nouns``) standing for no place of its own:
    "territory", "some land", "more ground"; not "the territory of X" (X itself), "the
    territory" (a place named before) nor "its territory", "their ground"."""
    if not lex.has("ground_nouns", t.lower_) or _of_objects(t):
        return False
    pack = _pack(t)
    return not any(c.dep_ in pack.deps["possessor"]
                   or (c.dep_ in pack.deps["determiner"]
                       and c.lower_ in pack.function_words["article"]) for c in t.children)


def _expand(root: Token, index: _DocIndex, skip: frozenset[int] = frozenset()
            ) -> tuple[list[Mention], bool, Token | None, list[Mention], list[Mention]]:
    """Place mentions under a slot head: conjunctions, "city of X", "the X region", examples
    of a place noun ("three towns, including X and Y"); whether only part of any of them is
    meant; the facility they hold, if any; the mentions of which only part is meant (those
    below a part noun: "recaptured the entirety of A Oblast and much of B Oblast" means part
    of B only, all of A); the mentions named as examples. ``skip``: conjuncts (token indices)
    not to enter, with everything under them."""
    lex = index.lexicon
    pack = _pack(root)
    deps = pack.deps
    relative = pack.function_words["relative_pronoun"]
    of = pack.function_words["genitive"]
    found: list[Mention] = []
    examples: set[int] = set()  # tokens under an example preposition ("including")
    part_of = False  # a part noun was met ("parts of X")
    partial_found: list[Mention] = []
    facility = None
    # each token with whether it lies below a part noun or a facility (``partial``) and
    # below a part noun (``part``): only the mentions below a part noun are partial, not their
    # conjuncts beside it ("A and parts of B": all of A)
    stack: list[tuple[Token, bool, bool]] = [(root, False, False)]
    seen: set[int] = set()
    while stack:
        t, partial, part = stack.pop()
        beside = (partial, part)  # a conjunct of t stands beside it, not below its part noun
        if t.i in seen:
            continue
        seen.add(t.i)
        if t.lower_ in relative and t.head.dep_ in deps["relative_clause"]:
            stack.append((t.head.head, partial, part))
            continue
        m = index.mention_at(t)
        below: list[Token] = []
        if m is not None:
            if m not in found:
                found.append(m)
            if part and m not in partial_found:
                partial_found.append(m)
            if id(m) in index.qualifiers:
                # "took over Krasnorichenske, Luhansk" parsed with the locator as the head:
                # the located name hangs before it
                below.extend(c for c in t.children if c.i < t.i
                             and c.dep_ in deps["located_name"])
        elif (name := name_on_time_noun(t)) is not None:
            below.append(name)  # "entered Kherson hours after": the name hung on "hours"
        elif names := direction_names(t):
            # "the villages of A and B east of C" with A, B hung on "east": the names are the
            # places, what follows the compass word only locates them (rule
            # ``place.direction_names``)
            below.extend(names)
        elif (ground_in := _ground_in(t, lex)) or lex.has_token("place_head_nouns", t):
            if t.i == root.i and (named := apposed_name(t, index)) is not None:
                below.append(named)  # "X, a port city occupied by Russia": the city is X
            if (lex.has("partial_nouns", t.lower_) or _part_of(t, lex) or ground_in) \
                    and not _locating_subunit(t):
                partial = part = part_of = True  # "parts of X", "an area of X", "land in X"
            # "the Kharkiv region village of Kozacha Lopan": with an "of" object naming the
            # place, the modifiers only locate it
            named_by_of = bool(_of_objects(t)) and not partial
            for c in t.children:
                if c.dep_ in deps["place_head_modifier"] and not (
                        named_by_of and c.i < t.i) and not _unit_of_unnamed(c, t, index):
                    below.append(c)
                elif c.dep_ in deps["prepositional"] and _names_examples(c, lex):
                    # "recaptured three towns, including A and B": the places named
                    # ("most of X Oblast, including the cities of A and B": all of A and B)
                    objs = [g for g in c.children if g.dep_ in deps["prepositional_object"]]
                    stack.extend((g, False, False) for g in objs)
                    examples.update(u.i for g in objs for u in g.subtree)
                elif c.dep_ in deps["prepositional"] and (
                        lex.has("part_prepositions", _lemma(c))
                        or (ground_in and lex.has("ground_prepositions", _lemma(c)))):
                    if (_lemma(c) not in of and not partial) or _after_compass(c):
                        continue  # "the city in the Donetsk region": a locator, not the place
                        # ("the villages of A and B east of C" with "of C" on "villages")
                    below.extend(g for g in c.children if g.dep_ in deps["prepositional_object"])
        elif _is_facility(t, lex):
            # "seized the Nuclear Power Station in Enerhodar": a facility inside a place is
            # only part of it (its places are read as after "part of"), never the place its
            # name comes from; the event is the facility's (see site_of)
            partial = True
            facility = facility or t
            below.extend(_facility_locators(t, index))
        elif t.dep_ in deps["compound"] and lex.has("partial_nouns", t.head.lower_) \
                and not _locating_subunit(t.head):
            partial = part = part_of = True
        stack.extend((c, partial, part) for c in below)
        for c in t.children:
            if c.dep_ in deps["apposition"] and m is not None and (
                    lex.has_token("place_head_nouns", c)):
                continue  # "Wad Madani, the capital of Gezira state": it only describes m
            if c.dep_ in deps["list_item"]:
                cm = index.mention_at(c)
                if m is None and cm is not None and t.pos_ in pack.pos["proper_noun"] \
                        and c.dep_ in deps["apposition"]:
                    # "Milove, Luhansk": the name after the comma locates an unresolved place,
                    # whatever the geoparser made of it (a region, or a namesake town)
                    continue
                if c.i not in skip:
                    # "much of B and the entirety of A": all of A; "parts of B and A": a
                    # bare name listed after the part noun may share it (read as partial)
                    stack.append((c, partial, part) if cm is not None else (c, *beside))
        # multi-token mentions: the root of the span may be a compound child (a facility's
        # name is no place of the slot: _facility_locators says where the facility is); a
        # place modifying a common noun says whose or where from ("Indiana inmates were
        # captured"), not what was taken
        for c in t.children:
            if c.dep_ in deps["compound"] and index.mention_at(c) is not None and m is None \
                    and (facility is None or facility.i != t.i) \
                    and t.pos_ not in pack.pos["common_noun"]:
                stack.append((c, partial, part))
    found.sort(key=lambda mm: mm.start)
    spans = [(t.idx, t.idx + len(t)) for t in (root.doc[i] for i in examples)]
    listed = [m for m in found if any(a <= m.start < b for a, b in spans)]
    return found, part_of, facility, partial_found, listed


def _names_examples(prep: Token, lex: Lexicon) -> bool:
    """A preposition of the lexicon's ``example_prepositions`` ("including", "like", "such
    as": the words before the last hang on it) on a place noun: its objects are places the
    noun stands for."""
    for phrase in lex.word_list("example_prepositions"):
        *first, last = phrase.split()
        if prep.lower_ == last and all(any(c.lower_ == w for c in prep.children)
                                       for w in first):
            return True
    return False


def apposed_name(noun: Token, index: _DocIndex) -> Token | None:
    """The name a settlement noun (or a noun of lexicon ``apposed_area_nouns``: "X, a key area
    seized by Russia") stands in apposition to, when the slot's head is that noun ("X, a port
    city occupied by Russia", "X, a key town seized by Russia"): the noun's head
    when it names a place, else (the parser hung the apposition elsewhere: "residents of X, a
    town seized by ...") the place named right before the comma that opens the apposition;
    None for a noun in no apposition, a part noun, or no such name (rule
    ``place.apposition_names``)."""
    deps = _pack(noun).deps
    lex = index.lexicon
    if noun.dep_ not in deps["apposition"] or not (
            lex.has("settlement_nouns", _lemma(noun)) or lex.has("apposed_area_nouns",
                                                                  _lemma(noun))):
        return None
    if index.mention_at(noun.head) is not None:
        return noun.head
    left = noun.left_edge
    doc = noun.doc
    if left.i >= 2 and doc[left.i - 1].text == "," \
            and index.mention_at(doc[left.i - 2]) is not None:
        return doc[left.i - 2]
    return None


def _unit_of_unnamed(c: Token, head: Token, index: _DocIndex) -> bool:
    """True when ``c``, before a settlement noun, is an area that only says where an unnamed
    settlement is ("a Donbas town", "a Donetsk region village"): the area is not taken."""
    if c.i > head.i or c.dep_ not in _pack(c).deps["unit_modifier"]:
        return False
    rule = place_rules().reference.get(head.lower_) or place_rules().reference.get(_lemma(head))
    if rule is None or rule.refers != "settlement":
        return False
    m = index.mention_at(c)
    if m is None:
        m = next((index.mention_at(g) for g in c.subtree if index.mention_at(g)), None)
    return m is not None and m.place.level in ("admin1", "admin2", "region", "country")


def _is_facility(t: Token, lex: Lexicon) -> bool:
    return lex.has_token("facility_nouns", t)


def _facility_locators(t: Token, index: _DocIndex) -> list[Token]:
    """Where a facility is: the object of "in / near / at / outside" ("the plant in Enerhodar"; on
    the verb when the facility is its object and the parser hangs the place there: "retook the
    palace in Khartoum"), else a place its relative clause names ("the power plant, which is
    based 5 km from Nova Kakhovka"), else the settlement its name comes from ("Vilcha
    checkpoint"), except an admin unit or a city named like one ("the Zaporizhzhia nuclear
    plant" lies 50 km from Zaporizhzhia)."""
    pack = _pack(t)
    deps = pack.deps
    lex = index.lexicon

    def located(head: Token, after: int) -> list[Token]:
        return [g for c in head.children if c.dep_ in deps["prepositional"] and c.i > after
                and lex.has("facility_locator_prepositions", _lemma(c))
                for g in c.children if g.dep_ in deps["prepositional_object"]]

    preps = located(t, t.i)
    if not preps and t.dep_ in deps["direct_object"]:
        # "retook the presidential palace in Khartoum": the parser may hang "in X" on the verb
        preps = [g for g in located(t.head, t.i) if index.mention_at(g) is not None
                 or g.pos_ in pack.pos["proper_noun"]]
    if preps:
        # the first says where the facility is; a later one locates that place ("a hospital
        # in Borodianka near Kyiv": Borodianka, not Kyiv)
        return preps[:1]
    for c in t.children:
        if c.dep_ in deps["describing_clause"]:
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
    pack = _pack(t)
    deps = pack.deps
    if any(c.pos_ in pack.pos["proper_noun"] for c in t.lefts):
        return None
    lex = index.lexicon
    if not any((c.dep_ in deps["determiner"] and lex.has("anaphora_determiners", c.lower_))
               or (c.dep_ in deps["adjectival_modifier"] and lex.has("focus_modifiers", c.lower_))
               for c in t.children):
        return None
    return _latest_mention(index, t, t.idx, wants_area=False, any_level=False)


def _named_after(facility: Token, index: _DocIndex,
                 units: Collection[str | None] = ()) -> Mention | None:
    """The settlement a facility's name comes from ("Vilcha checkpoint", "the Chornobyl
    nuclear plant"), except an admin unit or a city named like one. A name the geoparser did
    not mark (it read "Chornobyl Nuclear Plant" as an organisation) is looked up among the
    gazetteer's settlements of the admin-1 ``units``."""
    pack = _pack(facility)
    name_modifier = pack.deps["name_modifier"]
    found = next((m for c in facility.children if c.i < facility.i
                  and c.dep_ in name_modifier and (m := index.mention_at(c)) is not None
                  and m.role == "toponym" and m.place.level == "populated_place"
                  and not is_admin_namesake(m)), None)
    if found is not None or not units or index.gazetteer is None:
        return found
    words = [w for w in facility.lefts if w.dep_ in name_modifier]
    if not words or words[0].pos_ not in pack.pos["proper_noun"] \
            or index.mention_at(words[0]) is not None:
        return None
    first = words[0]
    for c in index.gazetteer.search(first.text, limit=20):
        if c.place.level == "populated_place" and c.place.admin1_code in units:
            return Mention(surface=first.text, start=first.idx, end=first.idx + len(first),
                           place=c.place, score=round(0.8 * c.score, 4), role="toponym",
                           label="facility-name")
    return None


def _coreferent(root: Token, index: _DocIndex, before: int) -> Mention | None:
    """The place an anaphor ("the town") refers to: the latest fitting earlier mention.

    A sentence-initial passive participle with no subject ("Captured by Russia in May.") is a
    caption about the place named just before it, and is resolved the same way.
    """
    lex = index.lexicon
    pack = _pack(root)
    deps, proper = pack.deps, pack.pos["proper_noun"]
    if any(g.pos_ in proper for g in _of_objects(root)) or any(
            c.dep_ in deps["apposition"] and c.pos_ in proper for c in root.children):
        return None  # "the mining town of Rubaya" names a place, it does not refer back
    caption = root.i == root.sent.start and root.tag_ in pack.tags["participle"]
    # "a week after its liberation": a possessive pronoun in the place slot
    pronoun = root.dep_ in deps["possessor"] and lex.has("anaphora_pronouns", root.lower_)
    if not caption and not pronoun:
        if not lex.has_token("anaphora_nouns", root):
            return None
        if not any(c.dep_ in deps["determiner"] and lex.has("anaphora_determiners", c.lower_)
                   for c in root.children):
            return None
    wants_area = lex.has("area_reference_nouns", _lemma(root))
    # "the territory": a village's ("left the territory") or a region's
    any_level = lex.has("any_level_reference_nouns", _lemma(root))
    rule = None if caption or pronoun else place_rules().reference.get(
        root.lower_, place_rules().reference.get(_lemma(root)))
    if rule is not None and rule.refers == "nothing":
        # "regained control of the area": no place of its own; "the ports" are several
        index.unreferred[root.i] = rule.id
        return None
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
    Y") is never the antecedent. A rule's ``after_list`` other than ``latest``: the items of
    a list of settlements of one kind ("towards B and C") are skipped for the latest
    settlement of their kind before them; without one the anaphor refers to the list's last
    item (``earlier_or_latest``) or to nothing (``earlier_or_nothing``). ``index.referred``
    and ``index.unreferred`` keep the deciding rule's id by the anaphor's token."""
    first_sent = max(0, index.sentence_no(anchor) - COREF_LOOKBACK_SENTENCES)
    limit_char = index.sentences[first_sent].start_char
    candidates = index.between(limit_char, before)
    if unplaced:
        candidates += index.unresolved_between(limit_char, before)
        candidates.sort(key=lambda m: m.start)
    listed: set[int] | None = None  # the tokens of a list the anaphor cannot pick from
    kind = (0, True)  # (population, unresolved) of the list's settlements
    latest: Mention | None = None  # the list's last settlement
    origin_rule: str | None = None  # a movement's origin was passed over (``movement_origins``)
    for m in reversed(candidates):
        if m.start >= before or m.start < limit_char:
            continue
        if m.role != "toponym" or id(m) in index.qualifiers \
                or _names_a_party(m, index, facility_places=rule is not None):
            continue
        level = m.place.level
        if (wants_area or any_level) and level in ("admin1", "admin2", "region"):
            return m
        if not wants_area and level in ("populated_place", "feature"):
            if _only_locates(m, index):
                continue
            if rule is not None and level == "populated_place" \
                    and (origin := _movement_origin(m, index)) is not None:
                origin_rule = origin  # "advanced towards A from B and took the city": A
                continue
            if rule is not None and level == "populated_place" \
                    and not rule.admits(m.place.population, m.place.is_unresolved):
                continue
            if rule is not None and rule.after_list != "latest" and level == "populated_place":
                root = _root_of(m, index)
                if listed is not None and root is not None and root.i in listed:
                    continue  # another item of the list
                items = _same_kind_list(m, index, rule)
                if items:
                    if listed is not None:
                        break  # a second list: which, the text does not say either
                    listed, kind, latest = items, (m.place.population, m.place.is_unresolved), m
                    continue
                if listed is not None:
                    if not rule.same_kind(kind, (m.place.population, m.place.is_unresolved)):
                        continue  # "B and C (villages) ... the village" is no town before
                    index.referred[anchor.i] = rule.id
            if origin_rule is not None:
                index.referred.setdefault(anchor.i, origin_rule)
            return m
    if rule is not None and latest is not None and rule.after_list == "earlier_or_latest":
        return latest
    if rule is not None and latest is not None:
        index.unreferred[anchor.i] = rule.id
    return None


def _movement_origin(m: Mention, index: _DocIndex) -> str | None:
    """The id of the ``movement_origins`` rule by which the settlement mention ``m`` is the
    place a movement starts from while the movement names one goal settlement ("advanced
    towards A *from* B", "attacked A from B"; the parser may hang "from B" on A): no
    antecedent of a later anaphor ("... and liberated the city" is A); else None. A list of
    goals ("from B towards C and D") leaves B a candidate, and so does a movement away from B
    (the rule's ``leaving_verbs``: "withdrew from B towards A": B was left)."""
    root = _root_of(m, index)
    if root is None:
        return None
    pack = _pack(root)
    deps = pack.deps
    prep = root.head
    if root.dep_ not in deps["prepositional_object"] or prep.dep_ not in deps["prepositional"]:
        return None
    for rule in place_rules().movement_origins:
        if prep.lower_ not in rule["origin_prepositions"]:
            continue
        host = prep.head
        goals = rule["goal_prepositions"]
        misparsed = (host.dep_ in deps["prepositional_object"] and host.head.lower_ in goals) \
            or host.dep_ in deps["direct_object"]
        verb = (host.head.head if host.dep_ in deps["prepositional_object"] else host.head) \
            if misparsed else host
        if _lemma(verb) in rule["leaving_verbs"]:
            continue  # "withdrew from B towards A and they entered the city": B was left
        if misparsed:
            targets = [host]  # "towards A from B", "attacked A from B": "from B" under A
        else:
            targets = [g for c in host.children if c.dep_ in deps["prepositional"]
                       and c.lower_ in goals for g in c.children
                       if g.dep_ in deps["prepositional_object"]]
            targets += [c for c in host.children if c.dep_ in deps["direct_object"]]
        places = [t for t in targets if (g := index.mention_at(t)) is not None
                  and g is not m and g.role == "toponym"
                  and g.place.level == "populated_place"]
        if len(places) == 1 and not places[0].conjuncts:
            return str(rule["id"])
    return None


def _root_of(m: Mention, index: _DocIndex) -> Token | None:
    """The syntactic root of the tokens the mention ``m`` covers (None: no tokens align),
    past an article the mention took in at a sentence's start ("The Donetsk militia": the
    name "Donetsk", not "The")."""
    span = index.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return None
    det = _pack(span.root).deps["determiner"]
    if len(span) > 1 and span[0].dep_ in det and span[0].head.i >= span.end:
        return span[1:].root
    return span.root


def _same_kind_list(m: Mention, index: _DocIndex, rule: ReferenceRule) -> set[int]:
    """The tokens (indices) of the list of settlements the settlement mention ``m`` is one
    item of ("towards A and B") when another item is a settlement of ``m``'s kind that
    ``rule`` admits (a name no mention covers is a village the geoparser did not know);
    empty otherwise (no list, or the other items are of another kind: "Kharkiv and A ...
    the village" is A)."""
    root = _root_of(m, index)
    if root is None:
        return set()
    proper = _pack(root).pos["proper_noun"]
    own = (m.place.population, m.place.is_unresolved)
    same = False
    for t in root.conjuncts:
        o = index.mention_at(t)
        if o is None:
            if t.pos_ in proper and not _after_comma_of(t, m, index):
                same = same or rule.same_kind(own, (0, True))
            continue
        if o is m or o.role != "toponym" or o.place.level != "populated_place" \
                or id(o) in index.qualifiers:
            continue  # (a locator is no item: "Bucha, Kyiv, ... the city")
        q = o.place
        same = same or (rule.admits(q.population, q.is_unresolved)
                        and rule.same_kind(own, (q.population, q.is_unresolved)))
    return {root.i, *(t.i for t in root.conjuncts)} if same else set()


def _after_comma_of(t: Token, m: Mention, index: _DocIndex) -> bool:
    """True when the name ``t`` follows the mention ``m`` after a comma alone ("X, Kherson"):
    a locator the geoparser did not mark, not the next item of a list."""
    return t.idx > m.end and index.text[m.end:t.idx].strip() == ","


def whole_unit(m: Mention, index: _DocIndex) -> bool:
    """True when the text quantifies the place as a whole ("all of Luhansk Oblast", "the
    whole of X", "the entire Russian-held X Oblast", "all Luhansk Oblast"; lexicon
    ``whole_unit_words``): a report about an area unit then means all of it, not the part a
    holder adjective or "the occupation of" otherwise names (``place.whole_unit`` in an
    event's provenance; docs/control.md, part holdings)."""
    root = _root_of(m, index)
    if root is None:
        return False
    lex = index.lexicon
    deps = _pack(root).deps
    if any(c.dep_ in deps["quantifier"] and lex.has("whole_unit_words", c.lower_)
           for c in root.children):
        return True  # "the entire Kherson Oblast", "all Luhansk Oblast"
    while root.dep_ in deps["compound"] and root.head.i > root.i \
            and lex.has_token("place_head_nouns", root.head):
        # "all of Luhansk oblast" where the mention is the name alone (not "the entire
        # occupied Kherson region": its quantifier is the held part's)
        root = root.head
    head = root.head
    return root.dep_ in deps["prepositional_object"] \
        and head.lower_ in _pack(root).function_words["genitive"] \
        and lex.has("whole_unit_words", head.head.lower_)  # "all of X", "the whole of X"


def held_unit_namesake(m: Mention, index: _DocIndex, side: str | None) -> Mention | None:
    """The admin-1 unit a holder adjective's bare name means when the name is both the unit's
    and its capital city's ("Ukrainian-controlled Donetsk", "Russian-held Zaporizhzhia"),
    else None (rule ``place.holder_unit_namesake``, docs/control.md).

    The city is meant when a settlement noun (lexicon ``settlement_nouns``) names it: as the
    head of its "of" phrase ("the Russian-held city of X"), as its compound ("X city") or in
    apposition ("Russian-held X, a port city"); a region noun ("X region", "X Oblast")
    already names the unit. A bare name is the city when the profile's starting state gives
    the city to the holder ``side`` ("Ukrainian-held Zaporizhzhia", "Russian-controlled
    Donetsk": :func:`geo_events.control_start.side_at_start`), else the part of the unit that
    side holds, a part holding that supersedes nothing ("Ukrainian-controlled Donetsk",
    "occupied Kherson"): a bare name never turns a regional capital against the known
    picture; a change of the city is reported as one. Without a start state or a side, the
    part of the unit."""
    from geo_events.control_start import side_at_start

    p = m.place
    if p.level != "populated_place" or index.gazetteer is None:
        return None
    tok = _root_of(m, index)
    if tok is None:
        return None
    lex = index.lexicon
    pack = _pack(tok)
    deps = pack.deps
    while tok.dep_ in deps["conjunct"] and tok.head.i != tok.i:
        tok = tok.head  # "the Russian-held cities of A and B": B under A's noun
    head = tok.head
    if tok.dep_ in deps["prepositional_object"] and head.lower_ in pack.function_words["genitive"] \
            and (lex.has("settlement_nouns", _lemma(head.head))
                 or lex.has("settlement_nouns", head.head.lower_)):
        return None  # "the Russian-held city of X"
    if tok.dep_ in deps["compound"] and lex.has("settlement_nouns", _lemma(head)):
        return None  # "Russian-held X city"
    if any(c.dep_ in deps["apposition"] and lex.has("settlement_nouns", _lemma(c))
           for c in tok.children):
        return None  # "Russian-held X, a port city"
    if side is not None and index.profile is not None \
            and side_at_start(index.profile, p) == side:
        return None  # "Ukrainian-held Zaporizhzhia" in 2022: the city
    unit = _claimed_unit(m, index)
    return unit if unit is not m and unit.place.level == "admin1" else None


def _only_locates(m: Mention, index: _DocIndex) -> bool:
    """True when ``m`` is the object of a locator phrase ("4 km west of Y", "10 km from Y")."""
    root = _root_of(m, index)
    return root is not None and locator_object(root)


def _names_a_party(m: Mention, index: _DocIndex, facility_places: bool = False) -> bool:
    """True when the mention only modifies another noun ("Donetsk PR", "Kyiv's forces"): it
    names a party or thing, not a place something happened at. With ``facility_places`` (a
    settlement anaphor of a ``reference`` rule: "the city", "the village"), a settlement's
    name on a facility ("the Kupiansk railway station") names where the facility is: a place
    ("took the X railway station and then captured the city": X), except a city named like
    its admin-1 unit, which names the facility only ("the Zaporizhzhia nuclear plant" lies
    50 km from Zaporizhzhia), as in :func:`_named_after`. An unnamed facility in focus ("the
    plant", "the city hall") does not take it: the named facility before it may be the one
    it refers to, not a place at its name's settlement."""
    root = _root_of(m, index)
    if root is None:
        return False
    modifier = _pack(root).deps["noun_modifier"]
    if root.dep_ not in modifier:
        return False
    head = root.head
    phrase_head = head
    while phrase_head.dep_ in modifier and phrase_head.head.i != phrase_head.i \
            and phrase_head.head.i > phrase_head.i:
        phrase_head = phrase_head.head  # "X railway station": the station
    if facility_places and _is_facility(phrase_head, index.lexicon) \
            and not is_admin_namesake(m):
        return False
    return index.mention_at(head) is None and not index.lexicon.has("place_head_nouns",
                                                                     head.lower_)


def _slot(roots: Iterable[Token], index: _DocIndex, trigger_tok: Token,
          skip: frozenset[int] = frozenset()) -> _Slot:
    """The places of a trigger's slot, from the tokens heading it (see the module docstring).
    ``skip``: conjuncts (token indices) that are not in the slot, with everything under them
    ("the Ukrainian-held town A and the Russian-held city of B": B has its own holder)."""
    mentions: list[Mention] = []
    partial_mentions: list[Mention] = []
    example_mentions: list[Mention] = []
    pronoun_rule: str | None = None
    coref = partial = False
    facility = None
    takes_ground = ground_object(trigger_tok, index.lexicon)
    if takes_ground:
        # "seized territory in X": where the ground lies hangs on the verb (a place, a name
        # or a place noun; not "in March")
        pack = _pack(trigger_tok)
        deps = pack.deps
        roots = [*roots, *(g for c in trigger_tok.children if c.dep_ in deps["prepositional"]
                           and index.lexicon.has("ground_prepositions", _lemma(c))
                           for g in c.children if g.dep_ in deps["prepositional_object"]
                           and g.ent_type_ not in pack.ents["blocking"]
                           and (index.mention_at(g) is not None
                                or g.pos_ in pack.pos["proper_noun"]
                                or index.lexicon.has("place_head_nouns", g.lower_)))]
    for r in roots:
        compass_part = _compass_part(r, index)
        if compass_part is not None:
            mentions.append(compass_part)  # "pulled out of the north of X Oblast"
            continue
        if locator_object(r):
            continue  # "cleared the forest belt 4 km northwest of X": X only locates the target
        found, part, fac, part_found, named = _expand(r, index, skip)
        # an example is a settlement or a site ("the occupied regions, including the
        # Donbas": no region held whole)
        found = [m for m in found if not (any(n is m for n in named)
                                          and m.place.level not in EXAMPLE_LEVELS)]
        example_mentions += named
        partial = partial or part
        facility = facility or fac
        found = [m for m in found if id(m) not in index.qualifiers]  # locators only
        where = _facility_locators(fac, index) if fac is not None else []
        skipped = {t.i for s in skip for t in r.doc[s].subtree}
        listed = [t for t in [*conjuncts(r), *_listed_after_head(r, index)]
                  if t.i not in skipped]
        for t in [r, *listed, *where]:
            # names the geoparser missed, in a list too, or hanging before a locator the
            # parser made the head ("took control over Alpha, Donetsk"), or placing a facility
            at = index.mention_at(t)
            if at is None or id(at) in index.qualifiers:
                rec = index.recover(t)  # registered in the index
                if rec is not None:
                    found.append(rec)
                    if part:  # a name the geoparser missed, in a list below a part noun
                        part_found.append(rec)
        # a mention of part of a name is superseded by the whole name ("Posad Pokrovske")
        found = [m for m in found if not any(o.start <= m.start and m.end <= o.end
                                             and o.end - o.start > m.end - m.start
                                             for o in found)]
        if (after := colon_list(r, index)) and all(
                any(a.start == f.start for a in after) for f in found):
            # "liberated two more settlements by 24 September: A and B, both ..." (the
            # parser hangs the first name on the noun at most)
            found, pronoun_rule = after, COLON_LIST_RULE
        if not found and (before := conjoined_antecedents(r, trigger_tok, index)):
            # "entered X and captured it", "advanced to A and B and recaptured them"
            found, coref, pronoun_rule = before, True, CONJOINED_PRONOUN_RULE
        if not found:
            m = _coreferent(r, index, before=r.idx)
            if m is None and part:  # "took control of most of the city"
                m = next((c for g in _of_objects(r) if (c := _coreferent(g, index, r.idx))),
                         None)
            if m is not None:
                found, coref = [m], True
                if part:  # "took control of most of the city"
                    part_found.append(m)
        for m in found:
            f = index.fit_to_locator(m)
            if f is None or f in mentions:
                continue
            mentions.append(f)
            if any(p is m for p in part_found):
                partial_mentions.append(f)
    facility = facility or _facility_taken(trigger_tok, index.lexicon)
    # a place in the slot is a place whatever the geoparser thought of its role, except a
    # demonym or metonym ("Ukrainian", "the Kremlin")
    keep = tuple(m for m in mentions if m.role not in _NOT_PLACES
                 and id(m) not in index.qualifiers
                 and not (m.place.level in ("admin1", "admin2", "region", "country")
                          and index.locator_after(m.end) is None
                          and index.is_locator(m)))
    unplaced = {m.place.admin1_code for m in keep
                if m.place.is_unresolved and not m.place.approximate}
    ground = bool(keep) and takes_ground
    if ground:  # "took control of territory in the X and Y regions": part of each
        partial, partial_mentions = True, list(keep)
    return _Slot(keep, coreferent=coref, partial=partial, facility=facility, ground=ground,
                 reference=pronoun_rule or next((index.referred[r.i] for r in roots
                                                 if r.i in index.referred), None),
                 unreferred=next((index.unreferred[r.i] for r in roots
                                  if r.i in index.unreferred), None),
                 partial_mentions=tuple(m for m in keep
                                        if any(p is m for p in partial_mentions)),
                 named_after=None if facility is None else _named_after(facility, index,
                                                                        unplaced),
                 examples=tuple(m for m in keep
                                if any(e.start == m.start for e in example_mentions)))


CONJOINED_PRONOUN_RULE = "place.conjoined_pronoun"
#: Rule id of the places listed after a colon for a plural settlement noun ("liberated two
#: more villages: A and B", :func:`colon_list`).
COLON_LIST_RULE = "place.colon_list"


def colon_list(noun: Token, index: _DocIndex) -> list[Mention]:
    """The settlements a plural settlement noun (lexicon ``settlement_nouns``) of the slot
    stands for when its clause ends on a colon and the names follow it (rule
    ``place.colon_list``): "Ukrainian forces liberated two more settlements by 24 September:
    A and B, both between C and D" (the sentence splitter often ends the sentence at the
    colon). Only what the slot's clause says before the colon ends at it (a date, an "in"
    phrase), and only the names the list opens with, joined by commas and conjunctions, count:
    "between C and D" after them only locates them. A noun with a number takes the list only
    when the number is the names' count."""
    pack = _pack(noun)
    lex = index.lexicon
    if noun.tag_ not in pack.tags["plural_noun"] \
            or not lex.has("settlement_nouns", _lemma(noun)):
        return []
    doc = noun.doc
    clause = noun.head
    while clause.head.i != clause.i and clause.dep_ not in pack.deps["main_clause"]:
        clause = clause.head  # the slot's clause, up to its main verb
    inside = {t.i for t in clause.subtree}
    colon = noun.i + 1
    while colon < len(doc) and colon in inside and doc[colon].text != ":":
        colon += 1  # what the clause says after the noun ("by 24 September")
    if colon >= len(doc) or doc[colon].text != ":":
        return []
    names: list[Mention] = []
    items = 0  # names listed, those no gazetteer knows too
    j = after = colon + 1
    while j < len(doc):
        m = index.mention_at(doc[j])
        if m is None and doc[j].pos_ in pack.pos["proper_noun"]:
            m = index.recover(doc[j])  # a name the geoparser missed in the fragment
        span = doc.char_span(m.start, m.end, alignment_mode="expand") if m is not None \
            else None
        if span is not None and m is not None and m.place.level in EXAMPLE_LEVELS:
            names.append(m)
            j = span.end
        elif doc[j].pos_ in pack.pos["proper_noun"] and doc[j].is_title:
            while j < len(doc) and doc[j].pos_ in pack.pos["proper_noun"]:
                j += 1  # a name no gazetteer knows: an item of the list still
        else:
            break
        items += 1
        if j + 1 < len(doc) and doc[j].text == "," \
                and lex.has("containing_prepositions", doc[j + 1].lower_):
            j += 1  # "A, B, in X Oblast, and C": the list goes on after the locator
        if j + 1 < len(doc) and lex.has("containing_prepositions", doc[j].lower_) \
                and (loc := index.mention_at(doc[j + 1])) is not None \
                and loc.place.level not in EXAMPLE_LEVELS \
                and (loc_span := doc.char_span(loc.start, loc.end,
                                               alignment_mode="expand")) is not None:
            j = loc_span.end  # "C in Donetsk Oblast": where the names lie
        after = j
        if j < len(doc) and doc[j].text == ",":
            j += 1
        if j < len(doc) and doc[j].dep_ in pack.deps["coordinator"]:
            j += 1
    if not names or (after < len(doc) and not doc[after].is_punct):
        return []  # "several villages: Kyiv officials said ...": a clause, no list
    counts = [c for c in noun.children if c.dep_ in pack.deps["number_modifier"]]
    if counts:
        word = counts[0].lower_
        count = word if word.isdigit() else lex.word_map("count_words").get(word)
        if count is None or int(count) != items:
            return []
    return names
#: Levels of a place named as an example of a place noun (rule ``place.listed_examples``).
EXAMPLE_LEVELS = frozenset({"populated_place", "feature"})


def conjoined_antecedents(root: Token, trigger_tok: Token, index: _DocIndex) -> list[Mention]:
    """The places a pronoun of the lexicon's ``conjoined_pronouns`` in the slot of a verb
    stands for when the verb is conjoined to an earlier verb whose object or prepositional
    object names them: "Russian forces entered X and captured it", "advanced to A, B and C and
    recaptured them" (rule :data:`CONJOINED_PRONOUN_RULE`). A singular pronoun ("it") takes
    one place only; the earlier verb's subject, and names that only locate, are no
    antecedents."""
    lex = index.lexicon
    pack = _pack(root)
    deps = pack.deps
    number = lex.word_map("conjoined_pronouns").get(root.lower_)
    first = trigger_tok.head
    if number is None or root.pos_ not in pack.pos["pronoun"] \
            or trigger_tok.dep_ not in deps["conjunct"] or first.i >= trigger_tok.i \
            or first.pos_ not in pack.pos["verb_or_auxiliary"]:
        return []
    # an unknown name after the verb may be parsed as an adverb ("entered Berdiansk"): any
    # object label, a toponym only
    heads = [c for c in first.children if c.dep_ in deps["object"] and c.i < trigger_tok.i]
    heads += [g for c in first.children if c.dep_ in deps["prepositional"]
              for g in c.children if g.dep_ in deps["prepositional_object"]]
    found: list[Mention] = []
    for h in heads:
        for t in (h, *conjuncts(h)):
            m = index.mention_at(t)
            if m is not None and m.role == "toponym" and id(m) not in index.qualifiers \
                    and m not in found:
                found.append(m)
    if number == "singular" and len(found) != 1:
        return []
    return found


def _listed_after_head(root: Token, index: _DocIndex) -> list[Token]:
    """The second and later names of "the villages of Alpha and Beta" (the first is the head
    noun's own name, see :func:`name_tokens`)."""
    if not index.lexicon.has("place_head_nouns", root.lower_):
        return []
    firsts = [g for g in _of_objects(root) if not _after_compass(g.head)]
    listed = [c for g in firsts for c in conjuncts(g)]
    # names hung on a compass word (rule ``place.direction_names``): "the villages of A and
    # B east of C" parsed with A and B on "east", or with "east" B's stand-in in the list
    return [t for c in [*firsts, *listed]
            for t in ([n for d in direction_names(c) for n in (d, *conjuncts(d))]
                      or ([c] if c in listed else []))]


def _after_compass(prep: Token) -> bool:
    """True when the preposition follows a compass word that is not its head ("the villages of
    A and B east of C" with "of C" hung on "villages"): it only locates what came before."""
    if prep.i == 0:
        return False
    before = prep.doc[prep.i - 1]
    return before.lower_ in direction_words() and prep.head.i != before.i


def _facility_taken(trigger_tok: Token, lex: Lexicon) -> Token | None:
    """The trigger's object when it is a facility ("seized (control of) the power station
    in X"): the place named beside it is only where the facility is."""
    objs = [c for c in trigger_tok.children if c.dep_ in _pack(trigger_tok).deps["taken_object"]]
    objs += [g for o in list(objs) for g in _of_objects(o)]
    return next((o for o in objs if _is_facility(o, lex)), None)


def _of_another_conjunct(m: Mention, facility: Token) -> bool:
    """True when ``m`` belongs to another item of the list the facility is in ("seized the
    town of Y and the power plant in X": Y is taken itself, not a site)."""
    conj = _pack(facility).deps["conjunct"]
    first = facility
    while first.dep_ in conj and first.head.i != first.i:
        first = first.head
    span = facility.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    for item in [first, *conjuncts(first)]:
        if item.i == facility.i:
            continue
        nested = {t.i for c in item.children if c.dep_ in conj for t in c.subtree}
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
             and w.dep_ not in _pack(facility).deps["name_excluded"]]
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
    """Annexation claims and part holdings are about territories: "Donetsk will join Russia"
    claims the Donetsk region, "Russian-controlled parts of Kherson" are parts of the Kherson
    region, not only of its namesake city ("parts of Bakhmut" stay the town's)."""
    gaz = index.gazetteer
    p = m.place
    if gaz is None or p.level != "populated_place" or not p.admin1_code:
        return m
    unit_name, name = _norm(p.admin1_name or ""), _norm(m.surface)
    # spellings compared on their first five letters ("Zaporizhzhia", "Zaporizhzhya"), as
    # area_units.unit_of does
    if not (unit_name and name and unit_name.startswith(name[:5])):
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


def with_area_units(slot: _Slot, index: _DocIndex, trigger_tok: Token, kind: str,
                    trig_prep: str | None = None) -> _Slot:
    """``slot`` with part-of-unit names read as area places ("western Kherson Oblast") and,
    for a withdrawal, the river bank it leaves ("retreated across the Dnipro"); see
    :mod:`geo_events.events.area_units`."""
    out = []
    partial = []
    for m in slot.mentions:
        span = index.doc.char_span(m.start, m.end, alignment_mode="expand")
        area = area_of_part(m, span.root, index.gazetteer) if span is not None else None
        out.append(area or m)
        if slot.is_partial(m):
            partial.append(out[-1])
    around = _surroundings(trigger_tok, index, kind)
    if around is not None and around.place.location is not None:
        # "retook the entire region around X": the ground, not X
        out = [m for m in out if m.place.id != around.place.location.located_by] + [around]
    sent = trigger_tok.sent
    first = index.sentences[max(0, index.sentence_no(trigger_tok)
                                - COREF_LOOKBACK_SENTENCES)].start_char
    window = index.mentions[bisect_left(index.starts, first):
                            bisect_left(index.starts, sent.end_char)]
    # a locator counts in the trigger's sentence ("the Dnipro in Kherson Oblast"), not before
    in_sentence = [m for m in window if m.start >= sent.start_char]
    earlier = [m for m in window if m.start < sent.start_char and id(m) not in index.qualifiers]
    river = river_bank(
        trigger_tok, kind,
        [*out, *(m for m in in_sentence if m.start > trigger_tok.idx),
         *reversed([m for m in in_sentence if m.start < trigger_tok.idx])],
        earlier[::-1], lambda: [m for m in index.mentions if id(m) not in index.qualifiers],
        index.gazetteer, index.text)
    unreferred = slot.unreferred
    if river is not None:
        # the river itself ("across the Dnipro", "the left bank of the Dnipro") is no place
        # taken, whatever settlement bears its name
        # (nor is a name inside a named bank's phrase: "the west bank" of the Dnipro is no
        # West Bank)
        out = [m for m in out if not (river.name_start <= m.start < river.name_end
                                      or 0 <= river.bank_start <= m.start < river.name_start
                                      or m.place.level == "feature")]
        if river.compass_at >= 0 and river.bank is not None:
            # "all of X Oblast west of the Oskil": the bank of the unit the compass word
            # follows, which only locates it; after anything else ("liberated Y, east of the
            # Oskil", "villages west of the Oskil") the phrase only locates, names no bank
            unit = river.bank.place.location.located_by if river.bank.place.location else None
            before = index.text[:river.compass_at].rstrip()
            if any(m.place.id == unit and m.end == len(before) for m in index.mentions):
                out = [m for m in out if m.place.id != unit]
            elif not _whole_before(index, river.compass_at):
                river = replace(river, bank=None, side=None)
        if river.bank is not None and all(m.place.id != river.bank.place.id for m in out):
            out.append(river.bank)
        elif river.side is not None and river.bank is None:
            unreferred = unreferred or f"{river.rule['id']}.no_unit"
    destination = place_rules().destinations.get(trig_prep) if trig_prep else None
    if destination is not None and kind == "withdrawal":
        # "withdrew to X" names where the party went, not a place it left: only the bank it
        # left ("withdrew to the left bank of the Dnipro") is an event
        kept = [m for m in out if m.label == "river-bank"]
        if len(kept) < len(out):
            unreferred = unreferred or destination
        out = kept
    nouns = place_rules().river_nouns
    rivers = {id(m): rule for m in out if (rule := _river_noun_rule(m, index, nouns))}
    if rivers:
        # "the Oskil river": a settlement of the river's name is not what is meant
        out = [m for m in out if id(m) not in rivers]
        unreferred = unreferred or next(iter(rivers.values()))
    units = {id(m): rule for m in out
             if (rule := _unit_noun_rule(m, index, place_rules().unit_nouns,
                                         partial=slot.is_partial(m)))}
    if units:
        # "Kupiansk Raion", "most of the Borova district": a change in the unit, not in its
        # town
        out = [m for m in out if id(m) not in units]
        unreferred = unreferred or next(iter(units.values()))
    partial = [m for m in partial if m in out]
    return replace(slot, mentions=tuple(out), partial_mentions=tuple(partial),
                   unreferred=unreferred)


#: Kinds of change "the region around X" takes part in as an area (taken, retaken, left).
_SURROUNDING_KINDS = frozenset({"capture", "recapture", "withdrawal"})


def _surroundings(trigger_tok: Token, index: _DocIndex, kind: str) -> Mention | None:
    """The area "the (entire) region around X" names under a change trigger (rules
    ``surroundings``: a singular noun of ``nouns`` with an article, a preposition of
    ``prepositions``, a settlement X), as the area mention ``part:<part>:<X's id>``
    (``location.located_by``: X's id; ``settled_by``: the rule); None otherwise, and for
    other kinds than a change ("fighting in the area around X" is about X)."""
    if kind not in _SURROUNDING_KINDS:
        return None
    pack = _pack(trigger_tok)
    deps = pack.deps
    articles = pack.function_words["article"]
    for rule in place_rules().surroundings:
        for t in trigger_tok.subtree:
            if t.lower_ not in rule["nouns"] or t.tag_ not in pack.tags["singular_noun"] \
                    or not any(c.lower_ in articles for c in t.children):
                continue
            # the preposition under the noun, or right after it with the parser's head
            # elsewhere ("recaptured [the entire region] [around Kyiv]")
            after = [t.doc[t.i + 1]] if t.i + 1 < len(t.doc) else []
            for prep in dict.fromkeys([*t.children, *after]):
                if prep.dep_ not in deps["prepositional"] \
                        or prep.lower_ not in rule["prepositions"]:
                    continue
                for g in prep.children:
                    m = index.mention_at(g) if g.dep_ in deps["prepositional_object"] else None
                    if m is None or m.role != "toponym" \
                            or m.place.level != "populated_place":
                        continue
                    place = area_place("part", f"around {m.place.name}", m.place,
                                       rule["part"], settled_by=rule["id"])
                    return Mention(surface=index.text[t.left_edge.idx:m.end],
                                   start=m.start, end=m.end, place=place, score=m.score,
                                   role="toponym", label="area-part")
    return None


def _compass_part(r: Token, index: _DocIndex) -> Mention | None:
    """The part of a unit a slot head names as a noun: "the north of X Oblast", "the
    south-eastern part of the X region" (a compass word of ``area_parts``, with an article,
    or an ``area_parts`` adjective on a ``partial_nouns`` noun, then "of" and an oblast or
    raion), as the area mention ``part:<part>:<unit id>``; None otherwise. Not a namesake
    city ("the north of Kharkiv" is part of the city), and not without the article ("north
    of X" locates, :func:`~geo_events.geoparse.locators.locator_object`)."""
    pack = _pack(r)
    deps = pack.deps
    parts = place_rules().parts
    articles = pack.function_words["article"]
    if not any(c.dep_ in deps["article_or_punct"] and c.lower_ in articles for c in r.children):
        return None
    if r.lower_ in parts:
        part = parts[r.lower_][0]
    elif index.lexicon.has("partial_nouns", r.lower_) and len(
            found := [parts[w][0] for c in r.children
                      if c.dep_ in deps["adjectival_modifier"]
                      and (w := _hyphenated(c)) in parts]) == 1:
        part = found[0]
    else:
        return None
    of = pack.function_words["genitive"]
    for prep in r.children:
        if prep.dep_ not in deps["prepositional"] or prep.lower_ not in of:
            continue
        for g in prep.children:
            m = index.mention_at(g) if g.dep_ in deps["prepositional_object"] else None
            if m is None or m.role != "toponym" or m.place.level not in ("admin1", "admin2"):
                continue
            place = area_place("part", f"{part} {m.place.name}", m.place, part)
            return Mention(surface=m.surface, start=m.start, end=m.end, place=place,
                           score=m.score, role="toponym", label="area-part")
    return None


def _hyphenated(tok: Token) -> str:
    """``tok`` in lower case, with the word and hyphen before it when the tokenizer split a
    hyphenated compound ("south-eastern")."""
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 2].whitespace_ \
            and not doc[tok.i - 1].whitespace_:
        return f"{doc[tok.i - 2].lower_}-{tok.lower_}"
    return tok.lower_


def _whole_before(index: _DocIndex, at: int) -> bool:
    """True when the noun right before the compass word at character ``at`` is under a
    quantifier of the whole (lexicon ``whole_unit_words``: "almost all of their positions west
    of the Oskil"), up to two "of" phrases up: it names the whole bank, not some places on it
    ("several villages west of the Oskil")."""
    span = index.doc.char_span(at, at + 1, alignment_mode="expand")  # not a walk of the doc
    tok = span[0] if span is not None and len(span) and span[0].idx == at else None
    if tok is None or tok.i == 0:
        return False
    prev = index.doc[tok.i - 1]
    if prev.pos_ not in _pack(prev).pos["common_noun"]:
        return False
    if any(index.lexicon.has("whole_unit_words", c.lower_) for c in prev.children):
        return True  # "the whole territory west of the Oskil"
    t = prev
    for _ in range(4):
        if index.lexicon.has("whole_unit_words", t.lower_):
            return True
        if t.head is t:
            break
        t = t.head
    return False


def _unit_noun_rule(m: Mention, index: _DocIndex, nouns: dict[str, str],
                    partial: bool = False) -> str | None:
    """The id of the ``unit_nouns`` rule when ``m`` names an area unit after its centre, else
    None: a name the gazetteer lacks read with its unit noun (an unresolved "Izium Raion",
    "Verbivka, Balakliia Raion, ..."), or a settlement's name with a unit noun in a slot that
    takes part of the unit (``partial``: "much of Kupiansk District", "the Borova district",
    whose noun reads as a part): part of a raion is no change of its town. A change of a whole
    unit the gazetteer reads as its centre ("seized control over all state structures in the
    Henichesk district") stays at the centre, as ACLED places a raion's events. Not a district
    that a possessive or an "of" gives to a city ("Kharkiv's Saltivka district", "the Obolon
    district of Kyiv")."""
    if m.place.level != "populated_place" or not (partial or m.place.is_unresolved):
        return None
    words = m.surface.split()
    if len(words) > 1 and words[-1].lower() in nouns:
        return nouns[words[-1].lower()]
    root = _root_of(m, index)
    if root is None or root.head.i != root.i + 1:
        return None
    head, pack = root.head, _pack(root)
    rule = nouns.get(head.lower_) if root.dep_ in pack.deps["attributive"] else None
    if rule is None or any(
            c.dep_ in pack.deps["possessor"]
            or (c.dep_ in pack.deps["preposition"] and c.lower_ in cues()["genitive_words"])
            for c in head.children):
        return None
    return rule


def _river_noun_rule(m: Mention, index: _DocIndex, nouns: dict[str, str]) -> str | None:
    """The id of the ``river_nouns`` rule when the name of ``m`` modifies a river noun right
    after it ("the Oskil river", "the Dnipro River": it names the river), else None."""
    root = _root_of(m, index)
    if root is None or m.place.level == "feature":
        return None
    if root.head.i == root.i + 1 and root.dep_ in _pack(root).deps["attributive"]:
        return nouns.get(root.head.lower_)
    return None
