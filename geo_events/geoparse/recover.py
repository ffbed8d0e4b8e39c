"""Recovery: a slot head the geoparser missed, resolved because the trigger vouches for it.

"Russian forces captured Alpha, Donetsk" where the geoparser did not mark Alpha: the name is
looked up in the gazetteer (populated places and features), constrained by its locator (also
the locator after the last name of its list), else by the conflict's or the text's countries;
a name with a locator the gazetteer has no place for becomes an unresolved place there
(:mod:`geo_events.geoparse.unresolved`).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

from spacy.tokens import Token

from geo_events.geoparse.locators import DIRECTION_WORDS, locator_test
from geo_events.geoparse.unresolved import (
    anywhere_in_codified_country,
    in_the_country,
    unresolved_place,
)
from geo_events.model import Mention

if TYPE_CHECKING:
    from geo_events.geoparse.doc_places import DocPlaces


#: Gazetteer prior (0..1) a recovered place needs when the text gives no country context.
RECOVER_MIN_SCORE = 0.5


def conjuncts(tok: Token) -> list[Token]:
    """Tokens conjoined to ``tok`` ("Bucha, Irpin and Hostomel"), in order."""
    out = []
    for c in tok.children:
        if c.dep_ == "conj":
            out += [c, *conjuncts(c)]
    return out


def name_tokens(root: Token, index: DocPlaces) -> list[Token]:
    """The proper-name tokens a slot head stands for ("Mala Shestirnya", "the village X")."""
    nouns = index.hints.place_nouns
    if root.lower_ in DIRECTION_WORDS:
        # "the villages of A and B north of the city" parsed with B as a modifier of "north"
        names = [c for c in root.children if c.i < root.i and c.pos_ == "PROPN"
                 and c.dep_ in ("compound", "nmod", "amod")]
        return name_tokens(names[-1], index) if names else []
    # a capitalised name the tagger took for another part of speech ("Bakhmut has fallen"
    # with Bakhmut as an adverb): the trigger vouches for it as a name
    if root.text[:1].isupper() and (root.pos_ == "PROPN" or (
            root.pos_ in ("ADV", "ADJ", "NOUN", "X") and root.is_alpha and not root.is_stop
            and root.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"))):
        for c in root.lefts:
            # "X, Region" parsed with X as a modifier of the region: X is the name
            if (c.dep_ in ("nmod", "npadvmod", "compound") and c.pos_ == "PROPN"
                    and c.i + 1 < root.i and root.doc[c.i + 1].text == ","):
                return name_tokens(c, index)
        toks = [c for c in root.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [root]
        toks.sort(key=lambda t: t.i)
        doc = root.doc
        # hyphenated names split by the tokenizer ("Kashpero-Mykolaivka")
        while (toks[0].i >= 2 and doc[toks[0].i - 1].text in ("-", "‐")
               and not doc[toks[0].i - 1].whitespace_ and not doc[toks[0].i - 2].whitespace_
               and doc[toks[0].i - 2].text[:1].isupper()):
            toks[:0] = [doc[toks[0].i - 2], doc[toks[0].i - 1]]
        return toks
    if nouns(root.lower_):
        names = sorted((c for c in root.children if c.i < root.i and c.pos_ == "PROPN"
                        and c.dep_ in ("compound", "amod", "npadvmod")), key=lambda t: t.i)
        if len(names) > 1 and all(b.i == a.i + 1 for a, b in pairwise(names)):
            return names  # "the Posad Pokrovske village": both words are the name
        for c in root.children:
            if c.dep_ in ("compound", "appos", "npadvmod", "amod") and c.pos_ == "PROPN":
                return name_tokens(c, index)
            if c.dep_ == "prep" and c.lower_ == "of":
                for g in c.children:
                    if g.dep_ == "pobj" and (g.pos_ == "PROPN"
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
    if known and not (toks[0].pos_ == "PROPN" and all(m.place.level == "populated_place"
                                                     for m in known.values())):
        return None  # a place with a modifier; only a settlement's name can be a longer name's
        # tail ("the Posad Pokrovske village": the gazetteer knew only "Pokrovske")
    if index.hints.is_party(" ".join(t.text for t in toks)):
        return None
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
    if not cands:
        if fits is not None:
            return unresolved_place(name, start, end, index, locator_at=at)
        return (anywhere_in_codified_country(name, start, end, index)
                or in_the_country(name, start, end, index, root, toks))
    best = cands[0]
    return Mention(surface=name, start=start, end=end, place=best.place,
                   score=round(0.8 * best.score, 4), alternatives=tuple(cands[1:4]),
                   role="toponym", label="event-argument")


def list_end(name: Sequence[Token], index: DocPlaces) -> int | None:
    """End offset of the last name coordinated with ``name`` ("the villages of Alpha and Beta
    in the X region": the locator after Beta places Alpha too), or None without a list."""
    conj = conjuncts(name[-1])
    if not conj:
        return None
    last = name_tokens(conj[-1], index) or [conj[-1]]
    return last[-1].idx + len(last[-1])


def list_locator(start: int, end: int, index: DocPlaces):
    """(where the locator of a name is, its :func:`locator_test` predicate or None): right
    after the name, or after the last name of its list when nothing locates it directly."""
    test = locator_test(end, index)
    if test is not None:
        return end, test
    span = index.doc.char_span(start, end, alignment_mode="expand")
    at = (list_end([span.root], index) if span is not None else None) or end
    return at, (locator_test(at, index) if at != end else None)
