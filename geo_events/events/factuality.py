"""Whether a trigger reports a fact, and how sure the report is.

Two layers decide it, and both say which rule decided (:class:`Verdict`):

* **the clause's syntax** (this module): negated, modal/future, conditional, intended ("aims to
  seize") and questioned triggers report no event; reporting verbs governing the trigger,
  "according to" and hedge adverbs set the status. The word lists are the lexicon's
  (``negation_determiners``, ``modal_auxiliaries``, ``counterfactual_modals``,
  ``conditional_marks``, ``intention_heads``, ``reporting_verbs``, ``hedge_adverbs``,
  ``attribution_heads``...), the dependency labels the language pack's named sets; the rule
  ids are ``factuality.<check>`` (``factuality.negation``, ``factuality.reporting:<lemma>``...).
* **ConText-style rules** (:mod:`geo_events.events.context_rules`, data in
  ``geo_events/data/lang/en/factuality_rules.json``): cues with a direction and a scope (clause,
  sentence, next sentence, paragraph) that deny, dispute or hedge a report ("... cannot be
  independently verified.", "reports that X was retaken are false") or show that it reports no
  event (goals, counterfactuals, everyday senses such as "accession to NATO").

Statuses: ``reported``, ``claimed`` (a party to the conflict says so), ``assessed``,
``unverified``, ``disputed``, ``denied``; the strongest cue wins (:data:`STATUS_RANK`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from geo_events.events.context_rules import (
    CONFIRM_EFFECTS,
    DROP_EFFECTS,
    KIND_EFFECTS,
    Cue,
    DocCues,
)
from geo_events.events.lexicon import Lexicon, Trigger
from geo_events.events.profiles import Profile
from geo_events.events.sources import phrase_text, source_tokens
from geo_events.events.syntax import (
    _chain,
    _is_verbal,
    _lemma,
    _of_objects,
    _pack,
    date_phrase_subject,
)
from geo_events.events.triggers import REPORT_AGENT_RULE, absolute_subject, report_agent

#: Status multipliers of the confidence.
STATUS_WEIGHT = {"reported": 1.0, "assessed": 0.8, "claimed": 0.75, "unverified": 0.6,
                 "disputed": 0.5, "denied": 0.15}


#: Which status wins when several cues apply.
STATUS_RANK = {"reported": 0, "assessed": 1, "claimed": 2, "unverified": 3, "disputed": 4,
               "denied": 5}


def _source_status(phrase_head: Token, profile: Profile | None, lexicon: Lexicon,
                   verb_status: str, fired: list[str] | None = None) -> str:
    """Status of a report by the party named in ``phrase_head``'s phrase (with its
    apposition: "X, the governor of Y"; a bare name read with the title of its earlier
    mention, :func:`~geo_events.events.sources.source_tokens`, whose rule id is appended to
    ``fired``)."""
    if verb_status in ("reported", "assessed"):
        evidence = _evidence_status(phrase_head, profile, lexicon)
        if evidence is not None:
            if fired is not None:
                fired.append(f"factuality.evidence:{evidence[1]}")
            return evidence[0]
    if verb_status != "reported":
        return verb_status
    toks, rule = source_tokens(
        phrase_head, lambda ts: _phrase_status(phrase_text(ts), profile, lexicon) != "reported",
        lexicon)
    text = phrase_text(toks)
    status = _phrase_status(text, profile, lexicon)
    if rule is not None and fired is not None:
        fired.append(rule)
    if status == "assessed" and fired is not None and not _names_assessor(text, lexicon):
        fired.append(THIRD_COUNTRY)  # assessed for naming a third country's authority
    return status


def _evidence_status(head: Token, profile: Profile | None, lexicon: Lexicon
                     ) -> tuple[str, str] | None:
    """(status, rule) of a report whose source is visual evidence (``head`` a word of the
    lexicon's ``evidence_nouns``: "footage", "imagery"), None for any other source or for
    evidence that says nothing of who stands behind it ("footage shows ..."):

    * ``claimed`` (rule ``party``) for evidence a party provides: a party named on the noun
      ("Russian defence ministry footage", "the ministry's video"), as its agent or origin
      ("video released by the General Staff", "footage from the Wagner group"), or as the
      subject of the verb that releases it (lexicon ``evidence_release_verbs``: "the ministry
      released video showing ...");
    * ``assessed`` (rule ``independent``) for evidence checked independently (a word of
      ``evidence_qualifiers`` on the noun or in a participle on it: "geolocated footage",
      "satellite imagery", "images verified by the BBC"), as an analyst's assessment is.

    What the evidence depicts ("footage of Russian troops in X") is not who provides it."""
    if not lexicon.has("evidence_nouns", _lemma(head)):
        return None
    pack = _pack(head)
    deps = pack.deps
    qualifiers = lexicon.word_list("evidence_qualifiers")
    providers: list[list[Token]] = []
    qualified = False
    for c in head.children:
        if c.dep_ in deps["noun_modifier"] and c.i < head.i:
            if c.lower_ in qualifiers or _lemma(c) in qualifiers:
                qualified = True
            else:
                providers.append(list(c.subtree))
        elif c.dep_ in deps["adjectival_clause"] and _is_verbal(c):
            # "images verified by the BBC", "video released by the ministry"
            if (c.lower_ in qualifiers or _lemma(c) in qualifiers) and not any(
                    g.dep_ in deps["negation"] for g in c.children):
                qualified = True
            providers += [list(o.subtree) for a in c.children if a.dep_ in deps["agent"]
                          for o in a.children if o.dep_ in deps["prepositional_object"]]
        elif c.dep_ in deps["prepositional"] and lexicon.has("evidence_origin_prepositions",
                                                              _lemma(c)):
            providers += [list(o.subtree) for o in c.children
                          if o.dep_ in deps["prepositional_object"]]
    if head.dep_ in deps["direct_object"] and _is_verbal(head.head) \
            and lexicon.has("evidence_release_verbs", _lemma(head.head)):
        providers += [list(g.subtree) for g in head.head.children
                      if g.dep_ in deps["active_nominal_subject"]]
    if any(_phrase_status(phrase_text(p), profile, lexicon) == "claimed" for p in providers):
        return "claimed", "party"
    if qualified:
        return "assessed", "independent"
    return None


def _phrase_status(text: str, profile: Profile | None, lexicon: Lexicon) -> str:
    words = set(re.findall(r"[a-z][a-z'-]*", text.lower()))
    if any(lexicon.has("assessor_nouns", w) for w in words):
        return "assessed"
    if profile and profile.side_of(text):
        return "claimed"
    if any(lexicon.has("party_nouns", w) for w in words):
        # "the UK's defence ministry", "US officials": a third country's authority assesses;
        # its armed men do not ("a Georgian military volunteer": may fight for a side)
        return "assessed" if third_country(text, profile) and not any(
            lexicon.has("armed_nouns", w) for w in words) else "claimed"
    return "reported"


def _names_assessor(text: str, lexicon: Lexicon) -> bool:
    """Whether ``text`` has an assessor noun: a phrase :func:`_phrase_status` reads as assessed
    without one is so for naming a third country's authority (rule :data:`THIRD_COUNTRY`)."""
    return any(lexicon.has("assessor_nouns", w)
               for w in re.findall(r"[a-z][a-z'-]*", text.lower()))


#: Rule id of a report by a third country's authority, read as an assessment
#: (:func:`third_country`).
THIRD_COUNTRY = "factuality.third_country_assessor"


def third_country(text: str, profile: Profile | None) -> str | None:
    """The ISO code of a country ``text`` names (a name or demonym of
    ``geo_events/data/countries.tsv``, case as written: "the UK's", "British", "US") that is
    none of the profile's countries nor of its ``aligned`` ones, when the text names no
    side; None otherwise or without
    a profile (who is a third party is the conflict's to say)."""
    if profile is None or profile.side_of(text):
        return None
    return next((cc for cc, pattern in _country_patterns().items()
                 if cc not in profile.countries and cc not in profile.aligned
                 and pattern.search(text)), None)


@cache
def _country_patterns() -> dict[str, re.Pattern[str]]:
    from geo_events.gazetteer.build import _read_country_aliases

    out = {}
    for cc, (names, demonyms) in _read_country_aliases().items():
        forms = [f for f in (*names, *demonyms) if f]
        if forms:
            out[cc] = re.compile(r"(?<![\w.])(?:" + "|".join(
                re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")(?![\w-])")
    return out


def _stronger(a: str, b: str) -> str:
    return a if STATUS_RANK[a] >= STATUS_RANK[b] else b


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the factuality rules made of a trigger: its ``status`` (None: it reports no event)
    and the ids of the rules that set the status or dropped it (``rules``; empty: a plain
    report)."""

    status: str | None
    rules: tuple[str, ...] = ()
    #: a ``background`` rule applies: the event is told as background ("earlier in the war",
    #: "days before the withdrawal"), dated only by a date expression of its own
    background: bool = False
    #: the id of a ``contested`` rule that applies: the change did not last ("briefly
    #: captured X"), the event is kept as kind ``contested``
    contested_by: str | None = None

    @property
    def dropped_by(self) -> str | None:
        """The rule that dropped the trigger (the last one), None when it was kept."""
        return self.rules[-1] if self.status is None and self.rules else None


def factuality(tok: Token, trig: Trigger, profile: Profile | None, lexicon: Lexicon,
               cues: DocCues | None = None, own_negation: bool = False) -> Verdict:
    """The status of the trigger ``tok`` (clause syntax, then the ConText rules ``cues``).
    ``own_negation``: a negation on the trigger itself is not read (the status of what a
    negated change says: "X, which the Russian army never reached", rule
    ``trigger.held.negated_change``); every other check still is."""
    fired: list[str] = []
    status = _factuality(tok, trig, profile, lexicon, fired, own_negation)
    if status is None:
        return Verdict(None, tuple(fired))
    background = False
    contested_by = None
    confirmed: Cue | None = None
    for cue in (cues.covering(tok, trig.kind) if cues is not None else ()):
        effect = cue.rule.effect
        if effect in DROP_EFFECTS:
            return Verdict(None, (*fired, cue.rule.id))
        if effect in CONFIRM_EFFECTS:
            confirmed = confirmed or cue
            continue
        if effect == "background":
            background = True
            fired.append(cue.rule.id)
            continue
        if effect in KIND_EFFECTS:
            contested_by = contested_by or cue.rule.id
            continue
        new = _stronger(effect, status)
        if new != status:
            fired.append(cue.rule.id)
        status = new
    if confirmed is not None and status == "claimed":
        by = _confirming_status(confirmed, tok, profile, lexicon)
        if by != "claimed":  # a party confirming its own side's claim still claims
            status = by
            fired.append(confirmed.rule.id)
    return Verdict(status, tuple(dict.fromkeys(fired)), background, contested_by)


def _confirming_status(cue: Cue, tok: Token, profile: Profile | None, lexicon: Lexicon
                       ) -> str:
    """The status a confirmation gives a claim: that of the phrase of who confirmed it (the
    agent of a passive cue, "confirmed *by the Pentagon*", or the subject of an active one,
    "*the institute* confirmed the capture"): ``claimed`` for a party of the conflict,
    ``assessed`` for an analyst, else (nobody named, or "by 30 March") ``reported``."""
    doc = tok.doc
    deps = _pack(tok).deps
    span = doc[cue.start:min(cue.end + 2, len(doc))]
    for t in span:
        heads = [c for c in t.children if c.dep_ in deps["agent"]] \
            + ([t] if t.dep_ in deps["agent"] else [])
        for agent in heads:
            objs = [c for c in agent.children if c.dep_ in deps["prepositional_object"]]
            if objs:
                return _phrase_status(phrase_text(list(objs[0].subtree)), profile, lexicon)
        subj = [c for c in t.children if c.dep_ in deps["active_nominal_subject"]]
        if subj and _is_confirming_verb(t, cue):
            return _phrase_status(phrase_text(list(subj[0].subtree)), profile, lexicon)
    return "reported"


def _is_confirming_verb(t: Token, cue: Cue) -> bool:
    """``t`` is the verb of the cue (an active "X confirmed the capture")."""
    return cue.start <= t.i < cue.end and t.pos_ in _pack(t).pos["verb"]


def limited_in_time(tok: Token, lexicon: Lexicon) -> bool:
    """True when a past "until" clause limits the trigger ``tok`` ("Russian forces *held* X
    until Ukrainian forces recaptured the city": the holding ended then, before the reported
    events; :func:`_narrated_limit`)."""
    return any(marks and _narrated_limit(c, marks, lexicon)
               for c, marks in until_limits(tok, lexicon))


def until_limits(tok: Token, lexicon: Lexicon) -> list[tuple[Token, list[Token]]]:
    """The children of ``tok`` that limit it in time with a word of
    ``temporal_condition_marks`` ("until", "till"): a preposition of those words, paired with
    no marks ("held X *until* 1 April"), or the verb of an adverbial clause, paired with its
    markers, one of them such a word ("held X until Ukrainian forces *recaptured* it"). One
    walk for :func:`limited_in_time`, :func:`not_until` and ``extract.state_until``."""
    deps = _pack(tok).deps
    limits: list[tuple[Token, list[Token]]] = []
    for c in tok.children:
        if c.dep_ in deps["prepositional"]:
            if lexicon.has("temporal_condition_marks", c.lower_):
                limits.append((c, []))
        elif c.dep_ in deps["adverbial_clause"]:
            marks = [m for m in c.children if m.dep_ in deps["marker"]]
            if any(lexicon.has("temporal_condition_marks", m.lower_) for m in marks):
                limits.append((c, marks))
    return limits


#: Rule id of a negated past change limited by "until" ("did not capture X until 7 May"): no
#: negation, the change happened at the limit (:func:`not_until`).
NOT_UNTIL = "factuality.not_until"


def not_until(tok: Token, lexicon: Lexicon) -> bool:
    """True when the negated trigger ``tok`` is a past fact limited by a word of
    ``temporal_condition_marks`` ("until", "till") before a date or a past clause: "Russian
    forces *did not capture* X until 7 May" (they captured it on 7 May), "Ukrainian troops did
    not enter X until the Russians had left it". The trigger or its auxiliary is in the past
    and no modal rules it ("will not capture X until ...", "would not fall until ...": a
    condition, still no event); an "until" with neither a date nor a past clause ("until
    further notice") leaves the negation."""
    pack = _pack(tok)
    deps, tags = pack.deps, pack.tags
    past = tok.tag_ in tags["past"] or any(
        c.dep_ in deps["any_auxiliary"] and c.tag_ in tags["past"] for c in tok.children)
    if not past or any(c.dep_ in deps["auxiliary"] and lexicon.has("modal_auxiliaries", c.lower_)
                       for c in tok.children):
        return False
    for c, marks in until_limits(tok, lexicon):
        if not marks and any(t.ent_type_ in pack.ents["time"] for t in c.subtree if t.i != c.i):
            return True  # "until 7 May", "until the end of June"
        if marks and _narrated_limit(c, marks, lexicon):
            return True  # "until the Russians had left it"
    return False


def _limit_clause(below: Token, lexicon: Lexicon) -> bool:
    """True when ``below``, a child of a negated verb on the way to the trigger, is one of the
    verb's limits in time (:func:`until_limits`: "did not enter X *until* Ukrainian troops had
    left it", "did not confirm it *until* 25 January, when ...")."""
    return any(c.i == below.i for c, _ in until_limits(below.head, lexicon))


def _cleft(node: Token, lexicon: Lexicon) -> bool:
    """True when ``node`` has a subject of the lexicon's ``cleft_subjects`` ("*It* was not
    until 7 May that Russian forces captured X": the negation and the limit sit on the cleft's
    verb, the change in its clause)."""
    deps = _pack(node).deps
    return any(c.dep_ in deps["subject"] and lexicon.has("cleft_subjects", c.lower_)
               for c in node.children)


def _narrated_limit(clause: Token, marks: list[Token], lexicon: Lexicon) -> bool:
    """True when the marks of ``clause`` are all words that set a limit in time (lexicon
    ``temporal_condition_marks``: "until") and the clause tells a past fact: its verb is in
    the past ("held X until Ukrainian forces *recaptured* the city", "until it *was*
    captured"), and the clause it limits has no modal ("will hold X until they recapture
    it", "would stay until they recaptured it": a condition, no event)."""
    pack = _pack(clause)
    deps, tags = pack.deps, pack.tags
    if not all(lexicon.has("temporal_condition_marks", m.lower_) for m in marks):
        return False
    past = clause.tag_ in tags["past"] or any(
        c.dep_ in deps["any_auxiliary"] and c.tag_ in tags["past"] for c in clause.children)
    governor = clause.head
    modal = any(c.dep_ in deps["auxiliary"] and lexicon.has("modal_auxiliaries", c.lower_)
                for t in (clause, governor) for c in t.children)
    return past and not modal and governor.i != clause.i


def _factuality(tok: Token, trig: Trigger, profile: Profile | None,
                lexicon: Lexicon, fired: list[str] | None = None,
                own_negation: bool = False) -> str | None:
    """Status of the trigger's clause, or None when it reports no event; the ids of the
    checks that decided are appended to ``fired``."""
    fired = [] if fired is None else fired
    pack = _pack(tok)
    deps, tags = pack.deps, pack.tags
    sent_text = tok.sent.text.strip()
    if sent_text.endswith("?"):
        fired.append("factuality.question")
        return None
    if _quoted_phrase(tok):
        fired.append("factuality.quoted_phrase")
        return None
    claim = trig.kind == "annexation_claim"
    # a trigger headed by a reporting verb reports itself ("Russia claimed control of X")
    status = lexicon.maps.get("reporting_verbs", {}).get(_lemma(tok), "reported")
    asserted = False  # a report verb below asserted the event (a denial above disputes it)
    chain = _chain(tok)
    # a description presupposes what it says: past the noun a relative clause, a participle
    # or an apposition describes ("Kherson, which Russia took in the first days of the war"),
    # the intention, purpose or modal of the clause around the noun is not the description's
    # (a negation or a condition still is, see below); who reports it still is. (A holder
    # adjective, "to attack Ukrainian-held X", is left out of the pack's ``description``: on
    # 2026-12-06 it lowered a measured area figure through a holding read at an oblast's
    # namesake city, "a town in Ukrainian-controlled Donetsk".)
    described = presupposed = _presupposed_holder(tok, trig, profile, lexicon)
    for depth, node in enumerate(chain):
        kids = list(node.children)
        governor_is_report = False
        below = chain[depth - 1] if depth > 0 else None
        if below is not None and below.dep_ in deps["description"] \
                and below.tag_ not in tags["gerund"] \
                and not any(c.tag_ in tags["infinitive_marker"] for c in below.children):
            # not an infinitive ("the offensive to retake X": a purpose) nor a present
            # participle ("to expel the troops occupying X": what they do, not what was done)
            described = True
        if depth > 0:
            lemma = _lemma(node)
            report = lexicon.maps.get("reporting_verbs", {}).get(lemma)
            if report and chain[depth - 1].dep_ in deps["reported_clause"]:
                agent = report_agent(node, chain[depth - 1], lexicon)
                if agent:  # "X was declared liberated by the ministry": the ministry's word
                    fired.append(REPORT_AGENT_RULE)
                subj = agent or [c for c in kids if c.dep_ in deps["nominal_subject"]] \
                    or _implicit_reporter(node, lexicon)
                verb_status = report
                if any(c.dep_ in deps["negation"] for c in kids):
                    if not_until(node, lexicon):
                        # "Ukraine did not confirm the loss of X until 25 January": it
                        # confirmed it then
                        fired.append(NOT_UNTIL)
                    else:
                        verb_status = "denied" if report == "reported" else "disputed"
                s = _source_status(subj[0], profile, lexicon, verb_status, fired) if subj \
                    else verb_status
                if s == "denied" and asserted:
                    s = "disputed"  # "Russia says it took X; Ukraine denies it"
                asserted = asserted or s in ("reported", "claimed")
                fired.append(f"factuality.reporting:{lemma}:{s}")
                status = _stronger(s, status)
                governor_is_report = True
            elif (noun_status := lexicon.maps.get("report_nouns", {}).get(lemma)) \
                    and chain[depth - 1].dep_ in deps["adjectival_clause"] \
                    and _complement_clause(chain[depth - 1]) \
                    and not _is_verbal(node) \
                    and not any(c.dep_ in deps["expletive"] for c in node.head.children):
                # "its claims that its forces had taken X", "denied reports that X was
                # retaken": the noun's complement clause tells what the noun reports (a verb
                # above it still rules it: the strongest status wins); a report that only
                # exists ("there were reports that ...") is the context rules' (rule
                # unverified.reports_exist)
                owners = [c for c in kids if c.dep_ in deps["possessor"]]
                s = _source_status(owners[0], profile, lexicon, noun_status, fired) if owners \
                    else noun_status
                fired.append(f"factuality.report_noun:{lemma}:{s}")
                status = _stronger(s, status)
                governor_is_report = True
            elif (lexicon.has("intention_heads", lemma)
                  # a claim's own future is a claim ("X will join Russia"); a plan or an
                  # attempt to make one is none yet ("plans to annex X"), where the verbs
                  # below the head are the claim's own ("efforts to legitimise the annexation
                  # of X" intend another act on a claim made)
                  and (not claim or (lexicon.has("claim_intention_heads", lemma)
                                     and all(n.tag_ in tags["verb"] for n in chain[:depth])))
                  and chain[depth - 1].dep_ in deps["intended_clause"]
                  and not _finite_marked_clause(chain[depth - 1])
                  # "pushed south, with X recaptured": an absolute clause tells what was done
                  and not any(absolute_subject(n, lexicon) for n in chain[:depth])):
                if not described:
                    fired.append(f"factuality.intention:{lemma}")
                    return None
                if presupposed:
                    fired.append(PRESUPPOSED_HOLDER)
        # cues on the node itself
        if depth == 0 or not governor_is_report:
            # a negation or a condition around a description still rules it ("the return of
            # the heights, which X captured in 1967, is not negotiable"); an intention, a
            # modal or a purpose does not (below)
            # "there were *no* Russian troops left in X": the negated noun a presence told only
            # as ended modifies is that ending (extract.no_longer_holding), no negation of it
            ended_noun = depth == 1 and trig.ended_only \
                and chain[0].dep_ in deps["adjectival_clause"]
            if any((c.dep_ in deps["negation"] and not (own_negation and depth == 0)) or (
                    lexicon.has("negation_determiners", c.lower_) and not ended_noun
                    and c.dep_ in deps["negation_modifier"]) for c in kids):
                if (depth == 0 or _cleft(node, lexicon)
                        or _limit_clause(chain[depth - 1], lexicon)) and not_until(node, lexicon):
                    # "Russian forces did not capture X until 7 May": it happened then; "did
                    # not enter X until Ukrainian troops had left it", "did not confirm it until
                    # 25 January, when its troops had retreated": the limit is no negated fact
                    fired.append(NOT_UNTIL)
                else:
                    fired.append("factuality.negation")
                    return None
            marks = [c for c in kids if c.dep_ in deps["marker"]
                     and lexicon.has("conditional_marks", c.lower_)]
            if marks and _narrated_limit(node, marks, lexicon):
                # "Russia held X until Ukrainian forces recaptured the city": a past fact
                fired.append("factuality.narrated_limit")
            elif marks:
                fired.append("factuality.conditional")
                return None
        if (depth == 0 or not governor_is_report) and presupposed and (
                _modal_scope(kids, lexicon, deps)
                or _infinitive_scope(node, kids, lexicon, deps, tags)):
            fired.append(PRESUPPOSED_HOLDER)
        if (depth == 0 or not governor_is_report) and not described:
            modals = [c for c in kids if c.dep_ in deps["auxiliary"]
                      and lexicon.has("modal_auxiliaries", c.lower_)]
            if modals and not claim:
                has_have = any(c.dep_ in deps["auxiliary"]
                               and lexicon.has("perfect_auxiliaries", _lemma(c)) for c in kids)
                if has_have and not lexicon.has("counterfactual_modals", modals[0].lower_):
                    fired.append("factuality.modal_perfect")
                    status = _stronger("assessed", status)
                else:
                    fired.append("factuality.modal")
                    return None
            if not claim and _infinitive_scope(node, kids, lexicon, deps, tags):
                fired.append("factuality.infinitive")
                return None
        for c in kids:
            hedge = lexicon.maps.get("hedge_adverbs", {}).get(c.lower_)
            if hedge and c.dep_ in deps["hedge_modifier"]:
                fired.append(f"factuality.hedge:{c.lower_}")
                status = _stronger(hedge, status)
            if c.dep_ in deps["parataxis"] and lexicon.maps.get("reporting_verbs", {}).get(
                    _lemma(c)):
                subj = [g for g in c.children if g.dep_ in deps["nominal_subject"]]
                verb_status = lexicon.maps["reporting_verbs"][_lemma(c)]
                s = _source_status(subj[0], profile, lexicon, verb_status, fired) if subj \
                    else verb_status
                fired.append(f"factuality.reporting:{_lemma(c)}:{s}")
                status = _stronger(s, status)
            if c.dep_ in deps["prepositional"] and lexicon.has("attribution_heads", _lemma(c)):
                objs = [g for p in c.children for g in p.children
                        if g.dep_ in deps["prepositional_object"]]
                if objs:
                    s = _source_status(objs[0], profile, lexicon, "reported", fired)
                    fired.append(f"factuality.according_to:{s}")
                    status = _stronger(s, status)
        if node.dep_ in deps["root"]:
            break
    if _denied_elsewhere(tok, chain, lexicon):
        fired.append("factuality.denied_elsewhere")
        status = _stronger("disputed", status)  # "..., a claim the TPLF denied"
    return status


#: Rule id of a holder adjective on a place noun read through the modal, intention or purpose of
#: the clause around it (:func:`_presupposed_holder`).
PRESUPPOSED_HOLDER = "factuality.holder_presupposed"


def _presupposed_holder(tok: Token, trig: Trigger, profile: Profile | None,
                        lexicon: Lexicon) -> bool:
    """A holder trigger (lexicon ``holder_triggers``) naming the profile's occupier
    ("Russian-held", a bare "occupied") that is an adjective on a settlement noun (lexicon
    ``settlement_nouns``: "the convoy was set to pass through *the Russian-held city of X*",
    "Kyiv plans to retake *the occupied town of X*"): the noun phrase presupposes the
    holding, whatever the clause around it intends or may do, as a description does (a
    negation or a condition still rules it). Left to the clause: a holder on a bare name ("a
    town in Ukrainian-controlled Donetsk": a name can be an oblast's namesake city), on a
    noun of areas ("the occupied territories", "the occupied regions of X": which part is
    meant is the clause's to say; on 2026-12-07 nouns of any level read a held Kyiv Oblast
    out of "this isn't about the occupied territories", dev slice), and the other side's
    holding under the occupier's intention ("Moscow aims to take the Ukrainian-held town of
    X": a front-line town under assault, often partly taken; reading it held lowered the
    Guardian frozen IoU 0.707 -> 0.677 on 2026-12-07, aggregate only)."""
    if profile is None or not lexicon.has("holder_triggers", trig.id):
        return False
    deps = _pack(tok).deps
    if tok.dep_ not in deps["adjectival_modifier"] or tok.head.i == tok.i \
            or not (lexicon.has("settlement_nouns", tok.head.lower_)
                    or _part_of_named(tok.head, lexicon)):
        return False
    party = [t.text for t in tok.subtree if t.i < tok.i]
    occupier = profile.occupier()
    side = profile.side_of(" ".join(party)) if party \
        else occupier if lexicon.has("occupation_participles", tok.lower_) else None
    return occupier is not None and side == occupier


def _part_of_named(noun: Token, lexicon: Lexicon) -> bool:
    """True for a noun of ``presupposed_part_nouns`` with an "of" object ("the Russian-occupied
    *parts of* the X region", "the occupied *areas of* X"): the holder adjective on it
    presupposes a holding of part of the place named, whatever the clause around it intends or
    may do (the event is a part holding, provenance ``place.partial``)."""
    return lexicon.has("presupposed_part_nouns", noun.lower_) and bool(_of_objects(noun))


def _modal_scope(kids: list[Token], lexicon: Lexicon, deps: dict[str, frozenset[str]]) -> bool:
    return any(c.dep_ in deps["auxiliary"] and lexicon.has("modal_auxiliaries", c.lower_)
               for c in kids)


def _infinitive_scope(node: Token, kids: list[Token], lexicon: Lexicon,
                      deps: dict[str, frozenset[str]], tags: dict[str, frozenset[str]]) -> bool:
    return any(c.dep_ in deps["auxiliary"] and c.tag_ in tags["infinitive_marker"]
               for c in kids) and node.dep_ in deps["purpose_clause"] \
        and not lexicon.has("factive_heads", _lemma(node.head)) \
        and not lexicon.maps.get("reporting_verbs", {}).get(_lemma(node.head))


def _implicit_reporter(verb: Token, lexicon: Lexicon) -> list[Token]:
    """Who reports by a reporting participle with no subject of its own: the noun it modifies
    ("video *showing* that ...": the video), or the subject of the clause a participle clause
    hangs on ("the ministry released a statement, *saying* its troops had taken X"), or of the
    verb releasing what it shows when the parser makes it that verb's object ("the ministry
    released video *showing* ...", lexicon ``evidence_release_verbs``)."""
    pack = _pack(verb)
    deps = pack.deps
    head = verb.head
    if head.i == verb.i or verb.tag_ not in pack.tags["gerund"]:
        return []
    if verb.dep_ in deps["adjectival_clause"] and not _is_verbal(head):
        return [head]
    if verb.dep_ in deps["adverbial_clause"] or (
            verb.dep_ in deps["direct_object"] and _is_verbal(head)
            and lexicon.has("evidence_release_verbs", _lemma(head))):
        return [c for c in head.children if c.dep_ in deps["active_nominal_subject"]]
    return []


def _quoted_phrase(tok: Token) -> bool:
    """A trigger in the bare base form opening a quotation, with no auxiliary ("to", a
    modal) of its own (the words "retake X" chanted, painted, repeated): a slogan or a phrase
    quoted, no event. A quoted past form ("had 'liberated' X") is left alone."""
    if tok.i == tok.sent.start or not tok.doc[tok.i - 1].is_quote:
        return False
    pack = _pack(tok)
    return tok.tag_ in pack.tags["base_verb"] and not any(
        c.dep_ in pack.deps["any_auxiliary"] for c in tok.children)


def _complement_clause(tok: Token) -> bool:
    """A clause under a report noun that says what the noun reports: with a subject of its own
    or a subordinating word ("claims *that* X fell", "reports its troops had left X"); not a
    participle describing the noun ("a similar claim *made* after the bombing of X") nor a
    quoted phrase hung on it ("the words 'retake X'")."""
    deps = _pack(tok).deps
    return any(c.dep_ in deps["nominal_subject"] or c.dep_ in deps["marker"]
               for c in tok.children)


def _finite_marked_clause(tok: Token) -> bool:
    """An adverbial clause with a finite verb a subordinating word opens ("pushed west *after
    the Russians captured X*"), or a participle clause with no marker or auxiliary ("pushed
    along the coast, *seizing X*"): it tells what happened around the head, not what the head
    intends (unlike "pushed to capture X")."""
    pack = _pack(tok)
    if tok.dep_ not in pack.deps["adverbial_clause"]:
        return False
    kids = list(tok.children)
    if tok.tag_ in pack.tags["gerund"]:
        return not any(c.dep_ in pack.deps["marker"] or c.dep_ in pack.deps["any_auxiliary"]
                       for c in kids)
    return tok.tag_ in pack.tags["finite"] and any(c.dep_ in pack.deps["marker"] for c in kids)


def _denied_elsewhere(tok: Token, chain: list[Token], lexicon: Lexicon) -> bool:
    """A verb of denial in the trigger's sentence that does not govern the trigger ("X took Y,
    the army said, a claim the rebels denied"; "... though Russia denied this")."""
    verbs = lexicon.maps.get("reporting_verbs", {})
    pack = _pack(tok)
    in_chain = {n.i for n in chain}
    return any(t.i not in in_chain and t.pos_ in pack.pos["verb_or_auxiliary"]
               and verbs.get(_lemma(t)) in ("denied", "disputed")
               and not any(c.dep_ in pack.deps["negation"] for c in t.children)
               for t in tok.sent)


def _reporter(tok: Token, lexicon: Lexicon) -> Token | None:
    """Head of the phrase naming who reports the trigger's clause ("the ministry said ...")."""
    found = report_of(tok, lexicon)
    return found[0] if found is not None else None


def report_of(tok: Token, lexicon: Lexicon) -> tuple[Token, Token] | None:
    """(the head of the phrase naming who reports the trigger's clause, the reporting verb or
    "according to"), or None."""
    verbs = lexicon.maps.get("reporting_verbs", {})
    deps = _pack(tok).deps
    chain = _chain(tok)
    for depth, node in enumerate(chain):
        if depth > 0 and verbs.get(_lemma(node)):
            subj = report_agent(node, chain[depth - 1], lexicon) \
                or [c for c in node.children if c.dep_ in deps["nominal_subject"]]
            dated = date_phrase_subject(node) if not subj else None
            if dated is not None:  # "On 8 May the regional governor said that ..."
                subj = [dated]
            if subj:
                return subj[0], node
        for c in node.children:
            if c.dep_ in deps["parataxis"] and verbs.get(_lemma(c)):
                subj = [g for g in c.children if g.dep_ in deps["nominal_subject"]]
                if subj:
                    return subj[0], c
            if c.dep_ in deps["prepositional"] and lexicon.has("attribution_heads", _lemma(c)):
                objs = [g for p in c.children for g in p.children
                        if g.dep_ in deps["prepositional_object"]]
                if objs:
                    return objs[0], c
    return None
