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

from collections.abc import Sequence
from functools import cache

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


def area_place(kind: str, name: str, unit: Place, part: str, river: str | None = None) -> Place:
    """An area place (see the module docstring): ``kind`` ``part`` (``part`` a compass part) or
    ``bank`` (``part`` ``right`` / ``left``, of ``river``) of ``unit``."""
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
                 location=Location(precision=kind, located_by=unit.id, part=part, river=river))


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


def river_bank(tok: Token, context: Sequence[Mention], gazetteer) -> Mention | None:
    """The bank a withdrawal trigger ``tok`` leaves: "retreated across the Dnipro" (the near
    bank of the rule's far bank), "withdrew from the right bank of the Dnieper" (that bank);
    the unit is the admin-1 unit of the latest place of ``context`` (places named before, most
    recent last) in the profile's country, else None."""
    deps = _pack(tok).deps
    for rule in place_rules().banks:
        names = set(rule["names"])
        crossing = set(rule["crossing_words"])
        for prep in (c for c in tok.subtree if c.dep_ in deps["prepositional"]):
            objs = [g for g in prep.children if g.dep_ in deps["prepositional_object"]]
            objs += [c for o in objs for c in o.subtree if c.dep_ in deps["conjunct"]]
            for obj in objs:
                bank = _bank_named(obj, names, rule["bank_words"], rule["bank_nouns"])
                if bank is not None and prep.lower_ in rule["leaving_prepositions"]:
                    side = bank  # "from the right bank of the Dnieper"
                elif prep.lower_ in crossing and _names_river(obj, names):
                    far = rule["default_far_bank"]
                    side = "left" if far == "right" else "right"
                else:
                    continue
                unit = _context_unit([m for m in context if not _names_river_text(
                    m.surface, names)], gazetteer)
                if unit is None:
                    return None
                place = area_place("bank", f"{side} bank of the {rule['river'].title()}",
                                   unit, side, rule["river"])
                return Mention(surface=obj.text, start=obj.idx, end=obj.idx + len(obj),
                               place=place, score=0.5, role="toponym", label="river-bank")
    return None


def _names_river(tok: Token, names: set[str]) -> bool:
    skip = _pack(tok).deps["article_or_punct"]
    words = " ".join(t.lower_ for t in tok.subtree if t.dep_ not in skip)
    return any(words == n or words.startswith(n + " ") for n in names)


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


def _context_unit(context: Sequence[Mention], gazetteer) -> Place | None:
    for m in reversed(context):
        p = m.place
        if p.country_code and p.admin1_code and m.role == "toponym" and gazetteer is not None \
                and p.level in ("admin1", "populated_place"):
            unit = p if p.level == "admin1" else gazetteer.get(f"adm1:{p.admin1_code}")
            if unit is not None:
                return unit
    return None
