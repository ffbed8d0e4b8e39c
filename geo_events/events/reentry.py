"""Entering a place after the other side's withdrawal is a recapture (issue 13, class 12); an
announced or ordered withdrawal is under way, not done (:func:`announced_change`).

"Ukrainian soldiers entered the centre of X a day after Moscow announced its retreat": entering
alone is an advance; entering where the other side has just withdrawn takes the place back. The
words are rules ``reentry`` of ``lang/en/events_places.json``
(:mod:`geo_events.events.place_rules`): an entry verb heading the trigger, and a clause or
phrase introduced by "after" whose words name a withdrawal (a noun such as "retreat", or a
verb such as "withdrew") from no other place than the one entered.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from geo_events.events.lexicon import Trigger
from geo_events.events.place_rules import place_rules
from geo_events.events.syntax import _lemma, _pack


def reentry_trigger(tok: Token, trig: Trigger) -> tuple[Trigger, str | None]:
    """(``trig`` with the rule's kind, the rule's id) when ``tok`` enters a place after a
    withdrawal (see the module docstring), else (``trig``, None)."""
    if trig.kind != "advance":
        return trig, None
    pack = _pack(tok)
    deps, pos = pack.deps, pack.pos
    for rule in place_rules().reentry:
        if _lemma(tok) not in rule["entry_verbs"]:
            continue
        nouns, verbs = set(rule["withdrawal_nouns"]), set(rule["withdrawal_verbs"])
        entered = {t.lower_ for c in tok.children if c.dep_ in deps["entered_place"]
                   for t in c.subtree if t.pos_ in pos["proper_noun"]}
        for clause in _after_clauses(tok, rule["after_words"]):
            left = {g.lower_ for p in clause.subtree if p.dep_ in deps["prepositional"]
                    and p.lower_ in rule["left_prepositions"] for g in p.subtree
                    if g.pos_ in pos["proper_noun"]}
            if left - entered:
                continue  # "entered X after troops withdrew from Y": Y was left, not X
            if any((t.pos_ in pos["common_noun"] and (t.lower_ in nouns or _lemma(t) in nouns))
                   or (t.pos_ in pos["verb_or_auxiliary"] and _lemma(t) in verbs)
                   for t in clause.subtree):
                return replace(trig, kind=rule["kind"]), str(rule["id"])
    return trig, None


def _after_clauses(tok: Token, after: list[str]) -> list[Token]:
    """Heads of "after ..." (the words ``after``) attached to ``tok``: an adverbial clause
    marked "after", or the object of the preposition "after" (also under a time noun: "a day
    after ...")."""
    deps = _pack(tok).deps
    out = []
    for c in tok.subtree:
        if c.dep_ in deps["adverbial_clause"] and any(
                m.dep_ in deps["marker"] and m.lower_ in after for m in c.children):
            out.append(c)
        elif c.dep_ in deps["prepositional"] and c.lower_ in after:
            out.extend(g for g in c.children if g.dep_ in deps["preposition_complement"])
    return out


def announced_change(tok: Token, kind: str) -> str | None:
    """The id of the ``announced`` rule whose verb governs the trigger ``tok`` of a change of
    ``kind`` ("Russia announced the withdrawal of its troops from X", "ordered troops to
    withdraw from X", "ordered that the troops withdraw from X", "the withdrawal from X was
    announced": the change is under way, done only when reported done), else None. A finite
    clause reports the change itself ("Kyiv announced that it had lost control of X")."""
    pack = _pack(tok)
    if tok.dep_ in pack.deps["finite_complement"] and tok.tag_ not in pack.tags["base_verb"]:
        return None  # "announced that it had lost X": a report of a change, done
    for rule in place_rules().announced:
        if kind in rule["kinds"] and tok.dep_ in pack.deps["announced_change"] \
                and _lemma(tok.head) in rule["heads"]:
            return str(rule["id"])
    return None
