"""Entering a place after the other side's withdrawal is a recapture (issue 13, class 12); an
announced or ordered withdrawal is under way, not done (:func:`announced_change`).

"Ukrainian soldiers entered the centre of X a day after Moscow announced its retreat": entering
alone is an advance; entering where the other side has just withdrawn takes the place back. The
words are rules ``reentry`` of ``lang/en/events_places.json``
(:mod:`geo_events.events.place_rules`): an entry verb heading the trigger, and a clause or
phrase introduced by "after" whose words name a withdrawal (a noun such as "retreat", or a
verb such as "withdrew") from no other place than the one entered. A rule with
``conjunctions`` reads the withdrawal in the clause the entry is conjoined to instead ("Russian
troops withdrew from X and Ukrainian troops entered the city"): the entry has a subject of its
own, not a pronoun nor the withdrawing one, and enters the place left or an anaphor ("the
city") that refers back to it.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from spacy.tokens import Token

from geo_events.events.lexicon import Trigger
from geo_events.events.place_rules import place_rules
from geo_events.events.syntax import _lemma, _pack, _phrase_text, stranded_subject


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
                   for t in c.subtree if t.pos_ in pos["proper_noun"]
                   and t.ent_type_ not in pack.ents["blocking"]}  # not "on 10 September"
        clauses = [(list(c.subtree), False) for c in _after_clauses(tok, rule["after_words"])]
        clauses += [(words, True) for words in
                    _conjoined_withdrawal(tok, rule.get("conjunctions", ()))]
        for words, conjoined in clauses:
            # the places left: "withdrew *from* Y"; "left Y", "abandoned Y" before the entry
            left = {g.lower_ for p in words if (p.dep_ in deps["prepositional"]
                                                and p.lower_ in rule["left_prepositions"])
                    or (conjoined and p.head == words[0] and p.dep_ in deps["direct_object"])
                    for g in p.subtree if g.pos_ in pos["proper_noun"] and g in words}
            if left - entered and (entered or not conjoined):
                # "entered X after troops withdrew from Y": Y was left, not X ("withdrew from
                # Y and troops entered the city": the city is Y, the latest place named)
                continue
            if any((t.pos_ in pos["common_noun"] and (t.lower_ in nouns or _lemma(t) in nouns))
                   or (t.pos_ in pos["verb_or_auxiliary"] and _lemma(t) in verbs)
                   for t in words):
                return replace(trig, kind=rule["kind"]), str(rule["id"])
    return trig, None


def _conjoined_withdrawal(tok: Token, conjunctions: Collection[str]) -> list[list[Token]]:
    """The words of the clause the entry verb ``tok`` is conjoined to by one of
    ``conjunctions`` (its verb, first, then its objects and prepositional phrases without
    ``tok``'s own subject), when ``tok`` follows it with a subject of its own that is neither
    a pronoun nor the other clause's subject ("Russian troops withdrew from X and Ukrainian
    troops entered the city"; the subject also when the parser hung it on X,
    :func:`stranded_subject`); else none ("withdrew from X and entered Y": one party moving
    on)."""
    pack = _pack(tok)
    deps = pack.deps
    first = tok.head
    if not conjunctions or tok.dep_ not in deps["conjunct"] or first.i >= tok.i:
        return []
    stranded = stranded_subject(tok)
    own = [c for c in tok.children if c.dep_ in deps["active_subject"]] \
        or ([stranded] if stranded is not None else [])
    if not own or own[0].pos_ in pack.pos["pronoun"]:
        return []
    theirs = [c for c in first.children if c.dep_ in deps["active_subject"]]
    if theirs and _phrase_text(theirs[0]).lower() == _phrase_text(own[0]).lower():
        return []
    if not any(t.dep_ in deps["coordinator"] and t.lower_ in conjunctions
               for t in tok.doc[first.i + 1:tok.i]):
        return []
    subject = set(own[0].subtree)
    kept = deps["prepositional"] | deps["direct_object"]
    return [[first, *(t for c in first.children if c.dep_ in kept
                      for t in c.subtree if t not in subject)]]


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
