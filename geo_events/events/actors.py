"""Actor phrases of triggers and the conflict-profile sides they name."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from geo_events.events.factuality import _reporter
from geo_events.events.lexicon import Lexicon, Trigger
from geo_events.events.profiles import Profile
from geo_events.events.syntax import _lemma, _phrase_text, _phrase_tokens
from geo_events.events.triggers import _prep_tokens


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
    pronoun = _POSSESSIVE_PRONOUNS.get(head.lower_, head.lower_)
    if pronoun in lexicon.words.get("actor_pronouns", ()):
        if pronoun == "it" and profile is not None:
            # "Russia completed its withdrawal": a singular party named before, not the
            # plural "troops" of the last event
            named = _singular_party_before(head, profile)
            if named is not None:
                return named
        return (reporting_party(head, profile, lexicon) if profile else None) or last_actor
    text = _phrase_text(head)
    side = profile.side_of(text) if profile else None
    if side is None and profile and any(t.lower_ in ("its", "their", "our")
                                        for t in _phrase_tokens(head)):
        party = reporting_party(head, profile, lexicon)  # "the ministry said its troops had"
        side = party.side if party is not None else None
    armed = side is not None or any(lexicon.has("armed_nouns", t.lower_) or
                                    lexicon.has("armed_nouns", _lemma(t))
                                    for t in _phrase_tokens(head))
    if not armed and any(t.ent_type_ in ("ORG", "NORP") for t in _phrase_tokens(head)):
        armed = True  # a named organisation or group ("M23", "Hayat Tahrir al-Sham")
    return _Actor(text, side, armed)


def reporting_party(tok: Token, profile: Profile, lexicon: Lexicon) -> _Actor | None:
    """The party reporting ``tok``'s clause ("the defence ministry said ...", "according to
    Ukraine's General Staff") when its phrase names a side of ``profile``, else None."""
    reporter = _reporter(tok, lexicon)
    if reporter is None:
        return None
    text = _phrase_text(reporter)
    side = profile.side_of(text)
    return _Actor(text, side, True) if side is not None else None


#: Possessive pronouns and the personal pronoun they stand for.
_POSSESSIVE_PRONOUNS = {"its": "it", "their": "they", "our": "we", "his": "he", "her": "she"}


def _singular_party_before(pronoun: Token, profile: Profile) -> _Actor | None:
    """The nearest singular subject or possessor naming a side before ``pronoun``, in its
    sentence or the one before ("Russia", "the Sudanese army"), or None. Places in other roles
    ("at the plant in Pripyat, Kyiv, during its retreat") are not candidates: "Kyiv" names a
    side only as a speaker."""
    sent = pronoun.sent
    first = sent.start
    if first > 0:
        first = pronoun.doc[first - 1].sent.start
    for tok in reversed(pronoun.doc[first:pronoun.i]):
        if tok.tag_ in ("NNP", "NN") and tok.dep_ in ("nsubj", "nsubjpass", "poss"):
            text = _phrase_text(tok)
            side = profile.side_of(text)
            if side is not None:
                return _Actor(text, side, True)
    return None


def _other_party(tok: Token, trig: Trigger, parts: Sequence[Token], profile: Profile | None,
                 lexicon: Lexicon, state: dict) -> _Actor | None:
    """The party losing a capture ("liberated X from Y", "drove Y out of X")."""
    if trig.loser_object:
        # "drove Russian troops out of X"; passive: "Russian troops were pushed out of X"
        heads = [c for c in tok.children if c.dep_ in ("dobj", "obj")] or [
            c for c in tok.children if c.dep_ == "nsubjpass"]
    elif trig.loser_prep and trig.loser_prep != trig.prep:
        heads = [c for p in _prep_tokens(parts, trig.loser_prep, tok) for c in p.children
                 if c.dep_ == "pobj"]
    else:
        heads = []
    return _actor(heads, profile, lexicon, None) if heads else None
