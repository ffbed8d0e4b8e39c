"""Whether a trigger reports a fact, and how sure the report is.

Negated, modal/future, conditional, intended ("aims to seize") and questioned triggers report
no event. Reporting verbs, "according to", hedge adverbs and "cannot be independently verified"
set the status: ``claimed`` (a party to the conflict says so), ``denied``, ``disputed``,
``assessed``, ``unverified``; the strongest cue wins (:data:`STATUS_RANK`).
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from geo_events.events.lexicon import Lexicon, Trigger
from geo_events.events.profiles import Profile
from geo_events.events.syntax import _chain, _lemma, _phrase_text

#: Status multipliers of the confidence.
STATUS_WEIGHT = {"reported": 1.0, "assessed": 0.8, "claimed": 0.75, "unverified": 0.6,
                 "disputed": 0.5, "denied": 0.15}


#: Which status wins when several cues apply.
STATUS_RANK = {"reported": 0, "assessed": 1, "claimed": 2, "unverified": 3, "disputed": 4,
               "denied": 5}


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
    # a trigger headed by a reporting verb reports itself ("Russia claimed control of X")
    status = lexicon.maps.get("reporting_verbs", {}).get(_lemma(tok), "reported")
    asserted = False  # a report verb below asserted the event (a denial above disputes it)
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
                if s == "denied" and asserted:
                    s = "disputed"  # "Russia says it took X; Ukraine denies it"
                asserted = asserted or s in ("reported", "claimed")
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
    if _denied_elsewhere(tok, chain, lexicon):
        status = _stronger("disputed", status)  # "..., a claim the TPLF denied"
    return status


def _denied_elsewhere(tok: Token, chain: list[Token], lexicon: Lexicon) -> bool:
    """A verb of denial in the trigger's sentence that does not govern the trigger ("X took Y,
    the army said, a claim the rebels denied"; "... though Russia denied this")."""
    verbs = lexicon.maps.get("reporting_verbs", {})
    in_chain = {n.i for n in chain}
    return any(t.i not in in_chain and t.pos_ in ("VERB", "AUX")
               and verbs.get(_lemma(t)) in ("denied", "disputed")
               and not any(c.dep_ == "neg" for c in t.children)
               for t in tok.sent)


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
