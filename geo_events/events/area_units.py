"""Partial and area units of events: "western Kherson Oblast", "across the Dnipro".

An event about part of an admin unit or a river bank is an *area event*: its place is an area
place (level ``region``) with an id of the shared convention (see ``notes/AREAS.md``):

* ``part:<part>:<unit id>``: part of a unit, ``part`` as the rules name it (``west``,
  ``northeast``, ``central``...), ``unit id`` the unit's place id (``adm1:UA.08``);
* ``bank:<right|left>:<river>:<unit id>``: a river's bank within a unit ("the right bank of
  the Dnieper" in Kherson Oblast).

Never a change at the unit's capital city ("withdrawal from western Kherson" is no withdrawal
from the city of Kherson). The point of an area place (for tables and checks) is a
representative point of that part of the unit's polygon (the unit's own point without
boundaries); its ``location`` holds ``located_by`` (the unit id), ``precision`` (``part`` /
``bank``), the part or bank (``part``) and the river. The words are rules of
``lang/en/events_places.json`` (:mod:`geo_events.events.place_rules`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from spacy.tokens import Token

from geo_events.events.place_rules import place_rules
from geo_events.events.syntax import _pack
from geo_events.language import active_language, language_pack
from geo_events.model import Location, Mention, Place

#: Fraction of a unit's bounding box a compass part keeps ("west": the western 50%).
PART_SHARE = 0.5

_CLIPS = {"north": (0, 1 - PART_SHARE, 1, 1), "south": (0, 0, 1, PART_SHARE),
          "east": (1 - PART_SHARE, 0, 1, 1), "west": (0, 0, PART_SHARE, 1),
          "northeast": (1 - PART_SHARE, 1 - PART_SHARE, 1, 1),
          "northwest": (0, 1 - PART_SHARE, PART_SHARE, 1),
          "southeast": (1 - PART_SHARE, 0, 1, PART_SHARE),
          "southwest": (0, 0, PART_SHARE, PART_SHARE), "central": (0.25, 0.25, 0.75, 0.75)}


@cache
def part_point(unit_id: str, part: str) -> tuple[float, float] | None:
    """(latitude, longitude) of a representative point of ``part`` of the unit's polygon (the
    part of its bounding box :data:`_CLIPS` names), or None without boundaries."""
    from geo_events.maps._geometry import area_geometry

    geom = area_geometry(unit_id)
    if geom is None or geom.is_empty:
        return None
    import shapely

    minx, miny, maxx, maxy = geom.bounds
    fx0, fy0, fx1, fy1 = _CLIPS.get(part, (0, 0, 1, 1))
    box = shapely.box(minx + fx0 * (maxx - minx), miny + fy0 * (maxy - miny),
                      minx + fx1 * (maxx - minx), miny + fy1 * (maxy - miny))
    piece = geom.intersection(box)
    point = (piece if not piece.is_empty else geom).representative_point()
    return round(point.y, 5), round(point.x, 5)


def area_place(kind: str, name: str, unit: Place, part: str, river: str | None = None,
               settled_by: str | None = None) -> Place:
    """An area place (see the module docstring): ``kind`` ``part`` (``part`` a compass part) or
    ``bank`` (``part`` ``right`` / ``left``, of ``river``) of ``unit``; ``settled_by``: the
    rule that chose the unit, when one did."""
    rules = place_rules()
    if kind == "bank":
        pid = f"bank:{part}:{river}:{unit.id}"
        parts: dict[str, str] = next(
            (r["bank_parts"] for r in rules.banks if r["river"] == river), {})
        where = part_point(unit.id, parts.get(part, "central"))
    else:
        pid = f"part:{part}:{unit.id}"
        where = part_point(unit.id, part)
    lat, lon = where or (unit.latitude, unit.longitude)
    return Place(id=pid, name=name, level="region", latitude=lat, longitude=lon,
                 country_code=unit.country_code, admin1_code=unit.admin1_code,
                 admin1_name=unit.admin1_name if unit.level != "country" else None,
                 country_name=unit.country_name,
                 location=Location(precision=kind, located_by=unit.id, part=part, river=river,
                                   settled_by=settled_by))


def unit_of(m: Mention, gazetteer) -> Place | None:
    """The admin unit a mention names: itself when it is one, else (a city named like its
    oblast, "Kherson") that oblast; None otherwise."""
    p = m.place
    if p.level in ("admin1", "admin2"):
        return p
    if gazetteer is None or p.level != "populated_place" or not p.admin1_code \
            or not p.admin1_name or not p.admin1_name.lower().startswith(m.surface.lower()[:5]):
        return None
    return gazetteer.get(f"adm1:{p.admin1_code}")


def part_word(tok: Token) -> tuple[str, str] | None:
    """(part, rule id) when a modifier of ``tok`` names part of it ("western" of "western
    Kherson Oblast", also on a compound head), else None."""
    parts = place_rules().parts
    deps = _pack(tok).deps
    for t in (tok, tok.head) if tok.dep_ in deps["compound"] else (tok,):
        for c in t.children:
            if c.dep_ in deps["adjectival_modifier"] and c.lower_ in parts:
                return parts[c.lower_]
    return None


def area_of_part(m: Mention, tok: Token, gazetteer) -> Mention | None:
    """The area mention "western Kherson Oblast" stands for (``tok``: the name's root token),
    or None when no part word modifies it or it names no unit."""
    found = part_word(tok)
    if found is None:
        return None
    unit = unit_of(m, gazetteer)
    if unit is None:
        return None
    part, _rule = found
    place = area_place("part", f"{part} {unit.name}", unit, part)
    return Mention(surface=m.surface, start=m.start, end=m.end, place=place, score=m.score,
                   role="toponym", label="area-part")


@dataclass(frozen=True)
class RiverPhrase:
    """A river a trigger names in a crossing or bank phrase ("retreated across the Dnipro",
    "withdrew to the left bank of the Dnipro"): the ``river_banks`` rule, the bank the party
    leaves (``side``: None when it leaves none, "crossed the Dnipro" for a capture), the
    character span of the river's name (a settlement of that name is the river, never the
    place) and the bank's area mention, when a unit for it was found (else None)."""

    rule: dict[str, Any]
    side: str | None
    name_start: int
    name_end: int
    bank: Mention | None = None
    #: a crossing with no bank named ("retreated across the Oskil"): ``side`` is the rule's
    #: default until a place before the trigger tells which bank the party was on
    crossing: bool = False
    #: a bank named by a compass word after a unit ("all of X Oblast west of the Oskil"):
    #: left by a withdrawal, taken by a capture or recapture; the compass word's character
    #: offset (-1: none), for the caller to check the unit it follows
    compass_at: int = -1
    #: the character offset where a named bank's phrase starts ("the west bank of the X"; -1:
    #: no bank named): a name read inside it ("west bank") is the bank, no place of its own
    bank_start: int = -1


def river_phrase(tok: Token, kind: str) -> RiverPhrase | None:
    """The river phrase of the trigger ``tok`` (see :class:`RiverPhrase`; no unit yet): "from
    the right bank of the X" leaves that bank (``leaving_prepositions``), "to the left bank of
    the X" the other one (``arriving_prepositions``), "across the X" (``crossing_words``) the
    near bank of the rule's ``default_far_bank``; a bank is left only by a withdrawal
    (``kind``); a kind of the rule's ``holding_kinds`` holds the bank its object names ("hold
    the left bank of the X")."""
    pack = _pack(tok)
    deps = pack.deps
    for rule in place_rules().banks:
        names = set(rule["names"])
        crossing = set(rule["crossing_words"])
        arriving = set(rule.get("arriving_prepositions", ()))
        compass = {w: b for w, b in rule["bank_words"].items() if w not in _BANK_SIDES}
        if kind in rule.get("holding_kinds", ()):
            # "Russian forces hold the left bank of the Dnipro", "the left bank of the Dnipro
            # was held by Russian troops": the bank named is the bank held
            for obj in (c for c in tok.children if c.dep_ in deps["direct_object"]
                        or c.dep_ in deps["passive_subject"]):
                held = _bank_named(obj, names, rule["bank_words"], rule["bank_nouns"])
                if held is not None:
                    river = _bank_river(obj, names)
                    return RiverPhrase(rule, held, river.left_edge.idx,
                                       river.idx + len(river), bank_start=obj.left_edge.idx)
        for prep in (c for c in tok.subtree if c.dep_ in deps["prepositional"]):
            objs = [g for g in prep.children if g.dep_ in deps["prepositional_object"]]
            objs += [c for o in objs for c in o.subtree if c.dep_ in deps["conjunct"]]
            for obj in objs:
                bank = _bank_named(obj, names, rule["bank_words"], rule["bank_nouns"])
                if bank is None and prep.head.lower_ in compass and prep.head.i != tok.i \
                        and prep.lower_ in pack.function_words["genitive"] \
                        and _names_river(obj, names) and _river_form(obj) \
                        and kind in _COMPASS_KINDS:
                    # "retook all of X Oblast west of the Oskil": that bank, left or taken
                    return RiverPhrase(rule, compass[prep.head.lower_], obj.left_edge.idx,
                                       obj.idx + len(obj), compass_at=prep.head.idx)
                if bank is not None and prep.lower_ in rule["leaving_prepositions"]:
                    side: str | None = bank  # "from the right bank of the Dnieper"
                    river = _bank_river(obj, names)
                elif bank is not None and prep.lower_ in arriving:
                    side = _other(bank)  # "to the left bank": leaving the right one
                    river = _bank_river(obj, names)
                elif prep.lower_ in crossing and _names_river(obj, names) and (
                        kind == "withdrawal" or _river_form(obj)):
                    # ("drones over Dnipro" is the city; "advanced across the Dnipro" the river)
                    side, river = _other(rule["default_far_bank"]), obj
                else:
                    continue
                if kind != "withdrawal":
                    side = None
                # the name up to its head ("the Dnipro river"), not a locator after it ("the
                # Dnipro in Kherson Oblast")
                return RiverPhrase(rule, side, river.left_edge.idx, river.idx + len(river),
                                   crossing=bank is None,
                                   bank_start=obj.left_edge.idx if bank is not None else -1)
    return None


def river_bank(tok: Token, kind: str, sentence: Sequence[Mention], before: Sequence[Mention],
               document: Callable[[], Sequence[Mention]], gazetteer, text: str
               ) -> RiverPhrase | None:
    """The river phrase of the trigger ``tok`` (:func:`river_phrase`) with the bank it leaves
    as an area mention: the bank in the admin-1 unit (in the profile's country) of the first
    place the river crosses among ``sentence`` (the places of the trigger's sentence, nearest
    first: its slot's, then those after it, then those before it) and then ``before`` (the
    places of the sentences before, most recent first); else, when the rule allows it
    (``context_unit``: ``document``), in the unit the ``document()``'s places name most among
    those the river crosses (none on a tie). The area place's ``location.settled_by`` is the
    rule that chose the unit (``<rule id>.sentence``, ``.context``, ``.document``). ``text``:
    the document's text (``Doc.text`` joins every token on each access)."""
    phrase = river_phrase(tok, kind)
    if phrase is None or phrase.side is None:
        return phrase
    rule, side = phrase.rule, phrase.side
    names = set(rule["names"])

    def bank_on(unit: Place) -> bool:
        """The river crosses the unit: the unit has ground on both banks (always, without
        boundaries to tell; a line ending inside a unit does not cut it)."""
        from geo_events.areas import area_geometry

        return part_point(unit.id, "central") is None or all(
            area_geometry(f"bank:{b}:{rule['river']}:{unit.id}") is not None
            for b in ("right", "left"))

    def units(ms: Sequence[Mention]) -> list[Place]:
        return [u for m in ms if not _names_river_text(m.surface, names)
                and not phrase.name_start <= m.start < phrase.name_end
                and (u := _unit_of_mention(m, gazetteer)) is not None and bank_on(u)]

    found, how = units(sentence), "sentence"
    if not found:
        found, how = units(before), "context"
    if not found and rule.get("context_unit") == "document":
        in_doc = units(document())
        ranked = Counter(u.id for u in in_doc).most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            found, how = [u for u in in_doc if u.id == ranked[0][0]][:1], "document"
    if not found:
        return phrase
    settled_by = f"{rule['id']}.{how}"
    if phrase.crossing:
        # "the village of X, ... they were pushed back over the river": the party left the
        # bank of the settlement named before the trigger, near the river, in the bank's unit
        on = _bank_of_place([m for m in sentence if m.end <= tok.idx], rule["river"],
                            found[0].admin1_code)
        if on is not None:
            side, settled_by = on, f"{rule['id']}.place_bank"
        else:
            # "retreated across the river to Y": the party left the bank Y is not on
            arriving = set(rule.get("arriving_prepositions", ()))
            went = [m for m in sentence if m.start > tok.idx
                    and text[:m.start].rstrip().rsplit(None, 1)[-1:][0].lower() in arriving]
            on = _bank_of_place(went, rule["river"], found[0].admin1_code)
            if on is not None:
                side, settled_by = _other(on), f"{rule['id']}.destination_bank"
    place = area_place("bank", f"{side} bank of the {rule['river'].title()}", found[0], side,
                       rule["river"], settled_by=settled_by)
    bank = Mention(surface=text[phrase.name_start:phrase.name_end],
                   start=phrase.name_start, end=phrase.name_end, place=place, score=0.5,
                   role="toponym", label="river-bank")
    return replace(phrase, bank=bank)


#: How near the river a settlement named before a crossing must be to tell the bank the
#: party left ("X ... retreated across the river"), km.
PLACE_BANK_KM = 25.0


def _bank_of_place(mentions: Sequence[Mention], river: str,
                   admin1_code: str | None) -> str | None:
    """The bank (``right`` / ``left``) of the first settlement of ``mentions`` (nearest the
    trigger first) in the unit ``admin1_code`` within :data:`PLACE_BANK_KM` of the river's
    line, or None (no such settlement, or no line)."""
    import shapely

    from geo_events.areas import on_right_bank, rivers
    from geo_events.geodesy import local_distance_km

    line = rivers().get(river)
    if line is None:
        return None
    for m in mentions:
        p = m.place
        if p.level != "populated_place" or p.latitude is None or p.longitude is None \
                or m.role != "toponym" or (admin1_code and p.admin1_code != admin1_code):
            continue
        if local_distance_km(line, p.latitude, p.longitude, PLACE_BANK_KM) > PLACE_BANK_KM:
            continue
        point = shapely.Point(p.longitude, p.latitude)
        return "right" if on_right_bank(line, point) else "left"
    return None


#: Bank words that are no compass word ("the right bank").
_BANK_SIDES = frozenset({"right", "left"})
#: Kinds of change a compass-named bank takes part in: left by a withdrawal, taken by the
#: gainer of a capture or recapture.
_COMPASS_KINDS = frozenset({"withdrawal", "capture", "recapture"})


def _other(side: str) -> str:
    return "left" if side == "right" else "right"


def _bank_river(tok: Token, names: set[str]) -> Token:
    """The river's name under the bank noun ``tok`` ("the Dnipro" of "the left bank of the
    Dnipro"; :func:`_bank_named` found it)."""
    pack = _pack(tok)
    deps = pack.deps
    return next(g for c in tok.children if c.dep_ in deps["prepositional"]
                and c.lower_ in pack.function_words["genitive"]
                for g in c.children if g.dep_ in deps["prepositional_object"]
                and _names_river(g, names))


def _names_river(tok: Token, names: set[str]) -> bool:
    skip = _pack(tok).deps["article_or_punct"]
    words = " ".join(t.lower_ for t in tok.subtree if t.dep_ not in skip)
    return any(words == n or words.startswith(n + " ") for n in names)


def _river_form(tok: Token) -> bool:
    """True when ``tok`` heads a river's name in the form rivers take: with an article or a
    river noun ("the Dnipro", "Dnipro river"), not as a city's bare name ("over Dnipro")."""
    pack = _pack(tok)
    return any(t.lower_ in pack.function_words["article"] for t in tok.subtree) \
        or tok.lower_ in place_rules().river_nouns


def _names_river_text(text: str, names: set[str]) -> bool:
    articles = language_pack(active_language()).function_words["article"]
    words = " ".join(w for w in text.lower().split() if w not in articles)
    return any(words == n or words.startswith(n + " ") for n in names)


def _bank_named(tok: Token, names: set[str], bank_words: dict[str, str],
                bank_nouns: list[str]) -> str | None:
    """"right" of "the right bank of the Dnieper" when ``tok`` heads that phrase (a noun of
    ``bank_nouns``)."""
    if tok.lemma_.lower() not in bank_nouns:
        return None
    pack = _pack(tok)
    deps = pack.deps
    side = next((bank_words[c.lower_] for c in tok.children
                 if c.dep_ in deps["attributive"] and c.lower_ in bank_words), None)
    river = [g for c in tok.children if c.dep_ in deps["prepositional"]
             and c.lower_ in pack.function_words["genitive"]
             for g in c.children if g.dep_ in deps["prepositional_object"]
             and _names_river(g, names)]
    return side if side is not None and river else None


def _unit_of_mention(m: Mention, gazetteer) -> Place | None:
    """The admin-1 unit of a toponym of a country (itself when it is one), or None."""
    p = m.place
    if not (p.country_code and p.admin1_code and m.role == "toponym" and gazetteer is not None
            and p.level in ("admin1", "populated_place")):
        return None
    return p if p.level == "admin1" else gazetteer.get(f"adm1:{p.admin1_code}")
