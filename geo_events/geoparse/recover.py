"""Recovery: a slot head the geoparser missed, resolved because the trigger vouches for it.

"Russian forces captured Alpha, Donetsk" where the geoparser did not mark Alpha: the name is
looked up in the gazetteer (populated places and features), constrained by its locator (also
the locator after the last name of its list), else by the conflict's or the text's countries;
a name with a locator the gazetteer has no place for becomes an unresolved place there
(:mod:`geo_events.geoparse.unresolved`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

import numpy as np
from spacy.tokens import Token

from geo_events.gazetteer.codifiers import codifier_for
from geo_events.gazetteer.normalize import is_own_name
from geo_events.geoparse.locators import direction_words, locator_patterns, locator_test
from geo_events.geoparse.namesakes import clearly_nearest
from geo_events.geoparse.recognize import common_word_after_article, cues
from geo_events.geoparse.unresolved import (
    anywhere_in_codified_country,
    candidate_options,
    country_place,
    in_the_country,
    unresolved_place,
)
from geo_events.language import language_pack
from geo_events.model import Mention

if TYPE_CHECKING:
    from geo_events.geoparse.doc_places import DocPlaces


#: Gazetteer prior (0..1) a recovered place needs when the text gives no country context.
RECOVER_MIN_SCORE = 0.5


def conjuncts(tok: Token) -> list[Token]:
    """Tokens conjoined to ``tok`` ("Bucha, Irpin and Hostomel"), in order."""
    out = []
    conj = language_pack(tok.doc.lang_).deps["conjunct"]
    for c in tok.children:
        if c.dep_ in conj:
            out += [c, *conjuncts(c)]
    return out


def direction_names(tok: Token) -> list[Token]:
    """The names the parser hung on a compass word (:func:`direction_words`) before it, in
    order: "the villages of A and B east of C" parsed with A (B conjoined to it) as a modifier
    of "east", or with "east" as A's conjunct and B its modifier. The words after the compass
    word only locate them. Empty for any other token."""
    if tok.lower_ not in direction_words():
        return []
    pack = language_pack(tok.doc.lang_)
    return [c for c in tok.children if c.i < tok.i and c.pos_ in pack.pos["proper_noun"]
            and c.dep_ in pack.deps["unit_modifier"]]


def name_tokens(root: Token, index: DocPlaces) -> list[Token]:
    """The proper-name tokens a slot head stands for ("Mala Shestirnya", "the village X")."""
    nouns = index.hints.place_nouns
    pack = language_pack(root.doc.lang_)
    deps, propn = pack.deps, pack.pos["proper_noun"]
    prep, pobj = deps["prepositional"], deps["prepositional_object"]
    if root.lower_ in direction_words():
        # "the villages of A and B north of the city" parsed with B as a modifier of "north"
        names = direction_names(root)
        return name_tokens(names[-1], index) if names else []
    # a capitalised name the tagger took for another part of speech ("Bakhmut has fallen"
    # with Bakhmut as an adverb): the trigger vouches for it as a name
    # "the Port of X", "the City of X": a capitalised type noun with an "of" object names no
    # place itself (a village called "Port" is not what is meant); the name is X (below)
    type_of = nouns(root.lower_) and any(
        c.dep_ in prep and c.lower_ in cues()["genitive_words"]
        and any(g.dep_ in pobj for g in c.children) for c in root.children)
    if root.text[:1].isupper() and not type_of and (root.pos_ in propn or (
            root.pos_ in pack.pos["misread_name"] and root.is_alpha and not root.is_stop
            and root.dep_ in deps["name_argument"])):
        for c in root.lefts:
            # "X, Region" parsed with X as a modifier of the region: X is the name
            if (c.dep_ in deps["name_compound"] and c.pos_ in propn
                    and c.i + 1 < root.i and root.doc[c.i + 1].text == ","):
                return name_tokens(c, index)
        toks = [c for c in root.lefts if c.dep_ in deps["compound"] and c.pos_ in propn] \
            + [root]
        toks.sort(key=lambda t: t.i)
        doc = root.doc
        # hyphenated names split by the tokenizer ("Kashpero-Mykolaivka")
        while (toks[0].i >= 2 and doc[toks[0].i - 1].text in ("-", "‐")
               and not doc[toks[0].i - 1].whitespace_ and not doc[toks[0].i - 2].whitespace_
               and doc[toks[0].i - 2].text[:1].isupper()):
            toks[:0] = [doc[toks[0].i - 2], doc[toks[0].i - 1]]
        return toks
    if type_of:
        # "the Sea Port of X", "the Kharkiv region village of X": the "of" object is the name,
        # the words before the noun only describe or locate it
        return next((name_tokens(g, index) for c in root.children
                     if c.dep_ in prep and c.lower_ in cues()["genitive_words"]
                     for g in c.children if g.dep_ in pobj
                     and (g.pos_ in propn or nouns(g.lower_))), [])
    if nouns(root.lower_):
        names = sorted((c for c in root.children if c.i < root.i and c.pos_ in propn
                        and c.dep_ in deps["descriptive_name"]), key=lambda t: t.i)
        if len(names) > 1 and all(b.i == a.i + 1 for a, b in pairwise(names)):
            return names  # "the Posad Pokrovske village": both words are the name
        for c in root.children:
            if c.dep_ in deps["named_modifier"] and c.pos_ in propn:
                return name_tokens(c, index)
            if c.dep_ in prep and c.lower_ in cues()["genitive_words"]:
                for g in c.children:
                    if g.dep_ in pobj and (g.pos_ in propn
                                             or nouns(g.lower_)):
                        return name_tokens(g, index)  # "most of Aleppo city"
    return []


def recover(root: Token, index: DocPlaces) -> Mention | None:
    """Resolve an event argument the geoparser did not recognise as a place.

    The trigger ("captured X") is strong evidence that X is a place. Candidates come from the
    gazetteer (populated places and features only) and must lie in the admin-1 unit of a
    locator after the name ("X, Luhansk"), else in the conflict's countries, else in the
    countries of the document's other places. The best-scored candidate is taken.
    """
    gaz = index.gazetteer
    toks = name_tokens(root, index)
    if toks and index.mention_at(root) is not None and index.mention_at(toks[-1]) is not None \
            and toks[-1].i != root.i:
        return index.mention_at(toks[-1])  # "X, Region" parsed as a modifier of the region
    if gaz is None or not toks or all(index.mention_at(t) for t in toks):
        return None
    known = {id(m): m for t in toks if (m := index.mention_at(t)) is not None}
    propn = language_pack(root.doc.lang_).pos["proper_noun"]
    if known and not (toks[0].pos_ in propn and all(m.place.level == "populated_place"
                                                    for m in known.values())):
        return None  # a place with a modifier; only a settlement's name can be a longer name's
        # tail ("the Posad Pokrovske village": the gazetteer knew only "Pokrovske")
    if index.hints.is_party(" ".join(t.text for t in toks)):
        return None
    if len(toks) == 1 and common_word_after_article(toks[0].lower_, toks[0]):
        return None  # "the Peninsula", "the Port": a common word capitalised, as in recognition
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
    name = index.text[start:end]
    cands = [c for c in gaz.search(name, limit=50)
             if c.place.level in ("populated_place", "feature")]
    at, fits = list_locator(start, end, index)
    if fits is not None:
        cands = [c for c in cands if fits(c.place)]
    elif countries := index.context_countries():
        cands = [c for c in cands if c.place.country_code in countries]
    else:  # no context at all: only a prominent place (a city, not a namesake hamlet)
        cands = [c for c in cands if c.score >= RECOVER_MIN_SCORE]
    cands = own_named(name, cands)
    if not cands:
        if fits is not None:
            return unresolved_place(name, start, end, index, locator_at=at)
        from geo_events.geoparse.doc_context import located_unresolved

        return (located_unresolved(name, start, end, index)
                or anywhere_in_codified_country(name, start, end, index)
                or in_the_country(name, start, end, index, root, toks))
    if fits is None and len(cands) > 1:
        chosen = in_context(name, start, end, cands, index)
        if chosen is not None:
            return chosen
        towns = [c for c in cands if c.place.population >= TOWN_POPULATION]
        if len(towns) == 1:
            cands = [towns[0], *(c for c in cands if c is not towns[0])]  # the town it means
        elif len(cands) >= MANY_NAMESAKES and len({c.place.admin1_code for c in cands}) > 1 \
                and len({c.place.country_code for c in cands}) == 1:
            # which of many the text does not say: known by its name and country only
            return country_place(name, start, end, cands[0].place.country_code, index,
                                 namesakes=candidate_options(cands))
    best = cands[0]
    return Mention(surface=name, start=start, end=end, place=best.place,
                   score=round(0.8 * best.score, 4), alternatives=tuple(cands[1:4]),
                   role="toponym", label="event-argument")


def own_named(name: str, cands: list) -> list:
    """The candidates for a settlement's ``name`` that a text can mean by it: when two or more
    places carry the name as their own (namesake villages: dozens of Oleksandrivkas), a place
    the gazetteer knows by that name only as another name (Donetsk, once Oleksandrivka) is no
    reading of it; otherwise all (a renamed town)."""
    own = [c for c in cands if is_own_name(name, c.place)]
    return own if len(own) > 1 else cands


#: A gazetteer settlement this populous or more is what a bare report of the name means.
TOWN_POPULATION = 10_000

#: A name this many places of one country carry as their own, in several admin-1 units, is
#: no settlement the gazetteer's prior can choose: without context it is placed by its country
#: only (:func:`~geo_events.geoparse.unresolved.country_place`).
MANY_NAMESAKES = 3


#: Sentences either side of a name whose places tell which of its namesakes the text means.
CONTEXT_SENTENCES = 3
#: A namesake this close (km) to the places named around it is the one meant (when clearly the
#: nearest, :func:`~geo_events.geoparse.namesakes.clearly_nearest`).
CONTEXT_KM = 60.0


def in_context(name: str, start: int, end: int, cands: list, index: DocPlaces,
               by_unit: bool = True) -> Mention | None:
    """Which of a name's namesakes (``cands``, gazetteer candidates, best first) the places
    named around it (:data:`CONTEXT_SENTENCES` either side; the whole text when none there)
    mean, when nothing locates it (with no settlement named around it, the admin-1 units named
    there: :func:`context_units`): the one clearly nearest to them
    (:func:`~geo_events.geoparse.namesakes.clearly_nearest` within :data:`CONTEXT_KM`); else,
    when most of those places lie in the admin-1 unit of some namesakes, that unit's only
    namesake, or an unresolved place of the name in that unit (the country's codifier may place
    it, else the unit's label point); None when the context does not tell (namesakes within
    one place's reach of each other are not told apart; without ``by_unit``, only the clearly
    nearest)."""
    points = context_points(start, end, index)
    if not points and not by_unit:
        return None
    if points:
        lats, lons = (np.array(c, dtype=float) for c in zip(*[(p.latitude, p.longitude)
                                                              for p in points], strict=True))
        k = clearly_nearest([(c.place.latitude, c.place.longitude) for c in cands], lats, lons,
                            km=CONTEXT_KM)
        if k is not None:
            return _mention(name, start, end, cands[k], cands)
    if not by_unit:
        return None
    units = {c.place.admin1_code for c in cands if c.place.admin1_code}
    if len(units) == 1:
        return None  # every namesake in that unit: the gazetteer's best stands
    codifier = codifier_for(cands[0].place.country_code)
    if codifier is not None and index.gazetteer is not None:
        units |= {v.admin1_code for v in codifier.anywhere(name, index.gazetteer)}
    counts = Counter(p.admin1_code for p in points if p.admin1_code in units)
    if not counts:  # no settlement around it: the provinces named there ("... of Crimea")
        counts = Counter(code for code in context_units(start, end, index) if code in units)
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    code = ranked[0][0]
    inside = [c for c in cands if c.place.admin1_code == code]
    if len(inside) == 1:
        return _mention(name, start, end, inside[0], cands)
    unit = index.gazetteer.get(f"adm1:{code}") if index.gazetteer is not None else None
    return unresolved_place(name, start, end, index, unit=unit) if unit is not None else None


def context_points(start: int, end: int, index: DocPlaces) -> list:
    """Settlements with a point named within :data:`CONTEXT_SENTENCES` sentences of the span
    (else in the whole text), other than the span itself and locators."""
    for lo, hi in _context_windows(start, end, index):
        points = [o.place for o in index.between(lo, hi)
                  if o.role == "toponym" and not (o.start < end and start < o.end)
                  and o.place.level == "populated_place" and not index.is_locator(o)
                  and (not o.place.is_unresolved or o.place.approximate)]
        if points:
            return points
    return []


def _context_windows(start: int, end: int, index: DocPlaces) -> list[tuple[int, int]]:
    """(start, end) character offsets of the :data:`CONTEXT_SENTENCES` sentences either side
    of the span (:func:`context_window`), then of the whole text."""
    window = context_window(start, end, index)
    return [*([window] if window is not None else []), (0, len(index.text))]


def context_window(start: int, end: int, index: DocPlaces) -> tuple[int, int] | None:
    """(start, end) character offsets of the :data:`CONTEXT_SENTENCES` sentences either side
    of the sentence of the span, None when the span is no span of tokens."""
    span = index.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    sno = index.sentence_no(span.root)
    return (index.sentences[max(0, sno - CONTEXT_SENTENCES)].start_char,
            index.sentences[min(len(index.sentences) - 1, sno + CONTEXT_SENTENCES)].end_char)


def context_units(start: int, end: int, index: DocPlaces) -> list[str]:
    """Admin-1 codes of the provinces named within :data:`CONTEXT_SENTENCES` sentences of the
    span (else in the whole text), other than the span itself, one per mention."""
    for lo, hi in _context_windows(start, end, index):
        codes = [o.place.admin1_code for o in index.between(lo, hi)
                 if o.role in ("toponym", "embedded") and not (o.start < end and start < o.end)
                 and o.place.level == "admin1" and o.place.admin1_code]
        if codes:
            return codes
    return []


def _mention(name: str, start: int, end: int, chosen, cands: list) -> Mention:
    return Mention(surface=name, start=start, end=end, place=chosen.place,
                   score=round(0.8 * chosen.score, 4),
                   alternatives=tuple(c for c in cands if c is not chosen)[:3],
                   role="toponym", label="event-argument")


def list_end(name: Sequence[Token], index: DocPlaces) -> int | None:
    """End offset of the last name coordinated with ``name`` ("the villages of Alpha and Beta
    in the X region": the locator after Beta places Alpha too), or None without a list."""
    conj = conjuncts(name[-1])
    if not conj:
        return None
    last = name_tokens(conj[-1], index) or [conj[-1]]
    return last[-1].idx + len(last[-1])


#: Names of a list looked through after a name for the locator that scopes it.
MAX_LIST_NAMES = 30


def list_locator(start: int, end: int, index: DocPlaces):
    """(where the locator of a name is, its :func:`locator_test` predicate or None): right
    after the name, else after the first later name of its list that has one ("A, B, in
    Luhansk Oblast, and C", "A and B in western Luhansk Oblast": the locator after B places
    A too, not C; the list read in the text by the cue file's ``list_next`` pattern), else
    after the last name of its list in the parse."""
    test = locator_test(end, index)
    if test is not None:
        return end, test
    following = locator_patterns()["list_next"]
    at = end
    for _ in range(MAX_LIST_NAMES):
        step = following.match(index.text, at)
        if step is None:
            break
        at = step.end(1)
        test = locator_test(at, index)
        if test is not None:
            return at, test
    span = index.doc.char_span(start, end, alignment_mode="expand")
    at = (list_end([span.root], index) if span is not None else None) or end
    return at, (locator_test(at, index) if at != end else None)
