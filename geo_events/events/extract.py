"""Event extraction over a parsed text: triggers, arguments, sides, dates and hedges.

:func:`extract_from_parsed` takes the spaCy ``Doc`` (with a dependency parse) and the resolved
place mentions of a text and returns :class:`~geo_events.model.Event` objects;
:func:`extract_events` runs the geoparser first.

How a sentence becomes events:

1. **Triggers** come from the lexicon (:mod:`geo_events.events.lexicon`): a verb or noun whose
   lemma heads a trigger phrase whose other words are its dependents ("took control of"),
   found by the trigger entries compiled to dependency patterns
   (:mod:`geo_events.events.patterns`, one matcher pass over the document).
2. **Places** are the place mentions in the trigger's place slot (object, subject, or the object
   of the phrase's preposition), with passive voice ("was captured by"), conjunctions ("Bucha,
   Irpin and Hostomel"), head nouns ("the city of Lyman", "the Donetsk region"), relative clauses
   and participles ("Lyman, which ... recaptured") handled. A slot holding "the town" / "the
   village" with no place takes the most recent fitting place of the previous sentences
   (simple coreference). "X, Region" qualifiers ("Izium, Kharkiv") are not separate places.
3. **Actors** are the subject (or the "by" agent, or the slot the phrase names), matched to the
   conflict profile's sides. Withdrawals make the actor the loser, and the gain goes to the
   opposing side when the profile has exactly two sides.
4. **Factuality** (:mod:`geo_events.events.factuality`): negated, modal/future, conditional,
   intended ("aims to seize") and questioned triggers give no event, nor do the goals,
   counterfactuals and everyday senses of the ConText rules (``factuality_rules.json``).
   Reporting verbs, "according to", hedge adverbs and the rules' cues ("cannot be independently
   verified" in the sentence or the next one, "reports that ... are false") set the status:
   ``claimed`` (a party to the conflict says so), ``denied``, ``disputed``, ``assessed``,
   ``unverified``. Denied events are kept (status ``denied``) so a user sees the claim and its
   denial; the timeline never lets them move control. Each event lists the ids of the rules
   behind it in ``provenance``; :func:`explain_from_parsed` also lists the dropped candidates.
5. **Dates** come from the date expression attached to the trigger's clause (the most precise
   one), else one attached to a verb coordinated with it, else the nearest one in the sentence,
   else one of the previous sentences of the paragraph (up to :data:`DATE_LOOKBACK_SENTENCES`),
   else the date of the section's heading ("28 February"), else
   :func:`~geo_events.events.dates.default_range` of the publication date. Expressions are read
   as a narrative (:mod:`geo_events.events.narrative_dates`: the story's year, "two days
   later" from the story's last date). A background clause ("the only capital Russia had
   captured") without a date expression gets no date (``date_from`` None, precision
   ``unknown``): the timeline ignores it rather than dating an old capture to the day of
   publication. So does a control
   change named by a noun ("after its liberation", "Mariupol's fall") in a sentence without a
   date expression.

Confidence (0..1) starts at :data:`BASE_CONFIDENCE`, loses points for an unknown side, a
coreferent place and a partial place ("the outskirts of"), and is scaled by the status.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from geo_events.events.actors import (
    _Actor,
    _actor,
    _normalise_actor,
    _other_party,
    conceding_party,
    note_party,
    note_subjects,
    pronoun_antecedent,
    reporting_party,
)
from geo_events.events.context_rules import ContextRules, DocCues, load_rules
from geo_events.events.dates import DateMention, DateRange, _precision_of_width, default_range
from geo_events.events.explain import DroppedCandidate, Explained
from geo_events.events.factuality import (
    STATUS_WEIGHT,
    Verdict,
    factuality,
    limited_in_time,
    report_of,
    until_limits,
)
from geo_events.events.kinds import ACTIVITY_KINDS
from geo_events.events.lexicon import Lexicon, Trigger, load_lexicon
from geo_events.events.narrative_dates import (
    heading_spans,
    load_narrative_rules,
    narrative_points,
    narrative_time,
    section_date,
    section_dates,
    text_dates,
)
from geo_events.events.patterns import NOMINAL_GERUND_RULE, DocTriggers, match_triggers
from geo_events.events.place_rules import place_rules
from geo_events.events.places import (
    COLON_LIST_RULE,
    _claim_scope,
    _claimed_unit,
    _DocIndex,
    _Slot,
    _slot,
    apposed_name,
    at_facility,
    held_unit_namesake,
    site_of,
    whole_unit,
    with_area_units,
)
from geo_events.events.profiles import Profile
from geo_events.events.reentry import announced_change, reentry_trigger
from geo_events.events.sources import phrase_text
from geo_events.events.syntax import (
    _chain,
    _is_verbal,
    _lemma,
    _of_objects,
    _pack,
    ensure_lemmas,
    register_inflections,
)
from geo_events.events.triggers import (
    _actor_heads,
    _control_state_events,
    _hyphen_held,
    _place_roots,
    fire_origin,
    in_process_frame,
    installed_official,
    located_in_held,
    misread_attributive,
    misread_change,
    own_holder_conjuncts,
    preposition_after,
    relative_antecedent,
    side_presence,
)
from geo_events.geoparse.unresolved import ambiguous_place
from geo_events.language import using_language
from geo_events.model import CONTROL_KINDS, Event, Mention, Place

BASE_CONFIDENCE = 0.85


DATE_LOOKBACK_SENTENCES = 3


_NON_PLACE_LEVELS_FOR_CONTROL = frozenset({"country"})
#: Rule id of an event at a region in no country (a continent, a sea, "the Middle East": the
#: gazetteer's macro regions): nobody holds or takes it as a place (:func:`_macro_region`).
MACRO_REGION_VETO = "veto.macro_region"


def _macro_region(place: Place) -> bool:
    """A region of no country ("the Sahel", "the Black Sea", "the North Sea")."""
    return place.level == "region" and not place.country_code


class _Dates(list):
    """The date expressions of a text in text order (:func:`find_dates`), with the ones
    starting between two character offsets found by bisection rather than by a scan of the
    whole text's dates for every sentence."""

    def __init__(self, dates: Iterable[DateMention] = ()) -> None:
        super().__init__(dates)
        self.starts = [d.start for d in self]

    def between(self, from_char: int, to_char: int) -> list[DateMention]:
        """The dates starting in ``from_char`` .. ``to_char`` (exclusive), in text order."""
        return self[bisect_left(self.starts, from_char):bisect_left(self.starts, to_char)]


def _dates_between(dates: Sequence[DateMention], from_char: int, to_char: int
                   ) -> list[DateMention]:
    """The dates of ``dates`` (in text order) starting in ``from_char`` .. ``to_char``."""
    if isinstance(dates, _Dates):
        return dates.between(from_char, to_char)
    return [d for d in dates if from_char <= d.start < to_char]


def _date_for(tok: Token, dates: Sequence[DateMention], index: _DocIndex,
              trigger_tokens: set[int], published: date | None, own_only: bool = False,
              rules: list[str] | None = None) -> DateRange | None:
    """The date of the trigger's clause (see the module docstring), or None; ``own_only``:
    only a date expression attached to the trigger itself.

    A date of the sentence (a day, week or month: a year is wide already) in a phrase or
    clause opened by a marker of the ``after_clause`` rule (``narrative_dates.json``: "After
    the fall of X on 22 May, troops withdrew", "Starting on 13 August, ...") dates the
    trigger from that day on: to ``days`` days after the date's end, cut at the start of the
    text's next later date (the narrative moves on) and at publication, never before the
    date's own end; its id is added to ``rules``."""
    found = _date_mention_for(tok, dates, index, trigger_tokens, published, own_only, rules)
    if isinstance(found, DateMention) and rules is not None:
        rules.extend(found.rule_ids)  # the narrative rules that read the date
    if not isinstance(found, DateMention):
        return found
    after = load_narrative_rules().after_clause
    sent = tok.sent
    if after is None or found.range.precision == "year" \
            or not sent.start_char <= found.start < sent.end_char \
            or not _opened_by(found, tok, index, after.markers):
        return found.range  # a year is wide already
    start = found.range.date_from
    end = found.range.date_to + timedelta(days=after.days)
    later = next((d.range.date_from for d in _dates_between(dates, sent.end_char,
                                                             len(index.text))
                  if d.range.date_from > start), None)
    if later is not None and later < end:
        end = later
    if published is not None and end > published:
        end = published
    end = max(end, found.range.date_to)  # never narrower than the date itself
    if rules is not None:
        rules.append(after.id)
    return DateRange(start, end, _precision_of_width((end - start).days + 1))


def _opened_by(d: DateMention, tok: Token, index: _DocIndex, markers: frozenset[str]
               ) -> bool:
    """Whether a word of ``markers`` opens a phrase or clause holding the date ``d`` below
    where it meets the trigger ``tok``'s clause: on the path from the date up to the first
    word of ``tok``'s chain of heads (or ``tok``), as a preposition or adverbial clause on
    it ("after the fall of X on 22 May", "Starting on 13 August") or as the marker of a verb
    on it ("after troops captured X on 22 May"); not a noun ("the beginning of the siege,
    which lasted until 16 May")."""
    span = index.doc.char_span(d.start, d.end, alignment_mode="expand")
    if span is None:
        return False
    above = {t.i for t in _chain(tok)}
    deps = _pack(tok).deps
    marker_deps = deps["marker"]
    opening = deps["prepositional"] | deps["adverbial_clause"] | marker_deps
    node = span.root
    while node.i not in above:
        if (node.lower_ in markers and node.dep_ in opening) \
                or _has_marker(node, markers, marker_deps):
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _has_marker(tok: Token, markers: frozenset[str], marker_deps: frozenset[str]) -> bool:
    """Whether a child of ``tok`` is a clause marker (``marker_deps``) among ``markers``
    ("after" in "after troops captured X")."""
    return any(c.dep_ in marker_deps and c.lower_ in markers for c in tok.children)


def _date_mention_for(tok: Token, dates: Sequence[DateMention], index: _DocIndex,
                      trigger_tokens: set[int], published: date | None,
                      own_only: bool = False, rules: list[str] | None = None
                      ) -> DateMention | DateRange | None:
    """:func:`_date_for` before the ``after_clause`` rule: the date expression chosen (a
    :class:`DateMention`) or the range of a section heading, of the narrative's time (rule
    ``retrospective`` of ``narrative_dates.json``, its id added to ``rules``) or of the
    publication date."""
    sent = tok.sent
    in_sent = _dates_between(dates, sent.start_char, sent.end_char)
    deps = _pack(tok).deps
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
        if own:  # the most precise ("in early January ... by 16 January": the 16th)
            return min(own, key=lambda d: d.range.days)
        if tok.dep_ in deps["relative_clause"] and any(
                index.lexicon.has("time_relatives", c.lower_) for c in tok.children):
            # "until late June, when Ukrainian forces withdrew": the date the clause describes
            told = [d for d in in_sent if d.start <= tok.head.idx < d.end]
            if told:
                return told[0]
        if own_only:
            return None
        # a verb coordinated with the trigger dates it before a clause above both ("an
        # offensive on 1 May resulted in troops withdrawing from X and crossing on 9 May")
        conj_own = [d for d in in_sent if (a := attach(d)) is not None and a.i in {
            c.i for c in tok.children if c.dep_ in deps["conjunct"] and _is_verbal(c)}]
        if conj_own:
            return conj_own[0]
        above = [d for d in in_sent if (a := attach(d)) is not None and a.i in chain_ids
                 and a.i not in trigger_tokens]
        if above:
            return above[0]
        # a date on a noun of the trigger's own clause dates it, even when that noun is
        # another trigger ("was seized during the 2014 annexation of Crimea")
        subtree = {t.i for t in tok.subtree} - {tok.i}
        after = load_narrative_rules().after_clause
        marker_deps = deps["marker"]

        def after_clause(a: Token) -> bool:
            """"after troops captured X on 22 May, ...": the date of the clause the trigger
            comes after dates it from that day on (see :func:`_date_for`)"""
            return after is not None and a.i in subtree \
                and _has_marker(a, after.markers, marker_deps)

        free = [d for d in in_sent if (a := attach(d)) is None or a.i not in trigger_tokens
                or (a.i in subtree and not _is_verbal(a)) or after_clause(a)]
        if free:
            return min(free, key=lambda d: abs(d.start - tok.idx))
        # a clause under another trigger shares its date: "entered X on Friday and took Y",
        # "returned to X on 11 November after Russia abandoned it"; so does a verb coordinated
        # with it: "entered X and seized most of the city on Saturday"
        conj_ids = {c.i for c in tok.children if c.dep_ in deps["conjunct"]}
        if tok.dep_ in deps["conjunct"]:
            conj_ids.add(tok.head.i)
        shared = [d for d in in_sent if (a := attach(d)) is not None
                  and (a.i in chain_ids or a.i in conj_ids)]
        if shared:
            return shared[0]
    if own_only:
        return None
    # previous sentences of the same paragraph
    sno = index.sentence_no(tok)
    for back in range(1, DATE_LOOKBACK_SENTENCES + 1):
        if sno - back < 0:
            break
        prev = index.sentences[sno - back]
        nxt = index.sentences[sno - back + 1]
        prev_end = prev.start_char + len(prev.text.rstrip())
        if re.search(r"\n\s*\n", index.text[prev_end:nxt.start_char]):
            break  # paragraph break: dates do not carry over
        found = [d for d in _dates_between(dates, prev.start_char, prev.end_char)
                 if not _in_background_clause(d, index)]
        if found:
            return found[0]
    # the date of the section's heading ("28 February" above the paragraph)
    in_section = section_date(index.section_starts, index.sections, tok.sent.start_char)
    if in_section is not None:
        return in_section
    if index.narrative_points and sno > 0 and _historical_present(tok, index.lexicon):
        # a retold past in the historical present: the narrative's time, not publication's
        told_at = narrative_time(index.narrative_points, tok.sent.start_char, published,
                                 starts=index.narrative_starts)
        if told_at is not None:
            if rules is not None:
                retro = load_narrative_rules().retrospective
                rules.append(retro.id if retro is not None else "retrospective")
            return told_at
    return default_range(published) if published else None


def _historical_present(tok: Token, lexicon: Lexicon) -> bool:
    """Whether the verb trigger ``tok`` is told in the simple present ("Russian forces seize
    the port", "make gains, seizing the port", "troops are forced to abandon the city"): the
    finite verb or auxiliary of its clause, or of the clause it completes, is present, with no
    perfect ("have seized") or progressive ("are seizing") auxiliary."""
    pack = _pack(tok)
    deps, tags = pack.deps, pack.tags
    node = tok
    for _ in range(4):
        if not _is_verbal(node):
            return False
        auxes = [c for c in node.children if c.dep_ in deps["any_auxiliary"]]
        if any(lexicon.has("perfect_auxiliaries", _lemma(a)) for a in auxes) or (
                node.tag_ in tags["gerund"]
                and any(lexicon.has("progressive_auxiliaries", _lemma(a)) for a in auxes)):
            return False
        finite = [a for a in auxes if a.tag_ in tags["finite"]]
        if node.tag_ in tags["finite"]:
            finite.append(node)
        if finite:
            return all(f.tag_ in tags["present"] for f in finite)
        completes = deps["subject_sharing"] | deps["adverbial_clause"]
        if node.head.i == node.i or node.dep_ not in completes:
            return False
        node = node.head
    return False


def _in_background_clause(d: DateMention, index: _DocIndex) -> bool:
    """A date inside a relative or adjectival clause ("the war, which began in April")
    describes that noun, not the sentence's events: it does not carry over to the next
    sentence."""
    span = index.doc.char_span(d.start, d.end, alignment_mode="expand")
    if span is None:
        return False
    pack = _pack(span.root)
    deps, wh = pack.deps, pack.tags["wh_word"]
    return any(node.dep_ in deps["describing_clause"] or any(  # "..., which began in April"
        c.dep_ in deps["nominal_subject"] and c.tag_ in wh for c in node.children)  # as advcl
        for node in _chain(span.root))


def _clause_owner(tok: Token, profile: Profile, lexicon) -> _Actor | None:
    """A side named by the noun phrases a relative clause hangs from, nearest first:
    "Ukrainian forces including a battalion Sich formed by Svoboda regained X" parsed with the
    verb in a relative clause of "battalion" (the sided phrase is "Ukrainian forces")."""
    nouns = _pack(tok).pos["noun"]
    for node in tok.ancestors:
        if node.pos_ in nouns:
            actor = _actor([node], profile, lexicon, None)
            if actor is not None and actor.side is not None:
                return actor
    return None


def _is_background(tok: Token, lexicon: Lexicon) -> bool:
    """A relative clause in the past perfect ("the only capital Russia had captured"), a
    relative or adverbial clause with a background adverb ("the settlement that was occupied
    earlier", "after they took the plant earlier"), a clause or gerund a period starts from
    (lexicon ``period_start_marks``: "since Russia took X", "since capturing X"), or a clause
    in the past perfect that no reporting verb governs ("Russian troops had seized Chornobaivka
    in the first days of the war"; not "Russia said it had completed the pullout"), or a
    trigger a past "until" clause limits ("Russia held X until Ukraine retook it": over by
    then), tells what happened before the reported events: it gets no default date."""
    deps = _pack(tok).deps
    pluperfect = any(c.dep_ in deps["any_auxiliary"]
                     and lexicon.has("pluperfect_auxiliaries", c.lower_) for c in tok.children)
    earlier = any(c.dep_ in deps["adverbial_modifier"]
                  and lexicon.has("background_adverbs", c.lower_) for c in tok.children)
    if tok.dep_ in deps["background_clause"] and earlier:
        return True  # "after the Russians captured the plant earlier in the invasion"
    if (tok.dep_ in deps["adverbial_clause"] and any(
            c.dep_ in deps["marker"] and lexicon.has("period_start_marks", c.lower_)
            for c in tok.children)) or (tok.dep_ in deps["preposition_complement"]
                                        and lexicon.has("period_start_marks", tok.head.lower_)):
        return True  # "since Russia took X", "since capturing X": what a period started from
    if limited_in_time(tok, lexicon):
        return True  # "Russia held X until Ukraine retook it in November": over by then
    if tok.dep_ in deps["describing_clause"]:
        return pluperfect
    verbs = lexicon.maps.get("reporting_verbs", {})
    return pluperfect and tok.dep_ in deps["main_clause"] and not any(
        verbs.get(_lemma(node)) for node in _chain(tok)[1:]) and not any(
        c.dep_ in deps["parataxis"] and verbs.get(_lemma(c)) for c in tok.children)


class _StateArgs(NamedTuple):
    """The arguments a match of a control state or a holder carries itself (no phrase slot):
    the place roots, the heads naming the gainer, and conjuncts of a root that are not in the
    slot ("the Ukrainian-held town A and the Russian-held city of B": B has its own holder)."""

    roots: list[Token]
    gainers: list[Token]
    skip: frozenset[int]


class _Match(NamedTuple):
    """A trigger found in a sentence: its token, the trigger entry, the entry's words in the
    text, and (a control state or a holder) the arguments it carries itself, else None (the
    phrase's slots give them)."""

    tok: Token
    trig: Trigger
    parts: list[Token]
    state_args: _StateArgs | None


class _Arguments(NamedTuple):
    """The arguments of a match: the trigger as they leave it (a won battle is a holding),
    the place roots, the heads of the actor phrase (empty for a control state or holder),
    the actor, its role, the conjuncts to leave out of the place slot and the ids of the
    rules that read them."""

    trig: Trigger
    roots: list[Token]
    heads: list[Token]
    actor: _Actor | None
    role: str
    skip: frozenset[int]
    rules: tuple[str, ...]
    #: the other party, when the arguments name it themselves (a negated change's side)
    other: _Actor | None = None


class _Veto(NamedTuple):
    """A candidate that makes no event: the id of the rule that dropped it and the place
    roots it had (shown with ``explain``)."""

    rule: str
    roots: list[Token]


def _record_drop(dropped: list[DroppedCandidate] | None, sent: Span, index: _DocIndex,
                 tok: Token, trig: Trigger, rule: str, roots: list[Token]) -> None:
    """Record a candidate of ``sent`` that made no event (with ``explain``; ``dropped`` None:
    nothing is recorded)."""
    if dropped is None:
        return
    places = tuple(m.surface for m in _slot(roots, index, tok).mentions) if roots else ()
    dropped.append(DroppedCandidate(
        trigger=tok.text, phrase=trig.phrase, kind=trig.kind, rule=rule,
        sentence=sent.text.strip(), start=sent.start_char, end=sent.end_char,
        trigger_start=tok.idx, places=places))


def _token_matches(tok: Token, index: _DocIndex, profile: Profile | None,
                   triggers: DocTriggers) -> list[_Match]:
    """The matches a token starts: a hyphenated holder ("Russian-held X", and the unit a
    place is said to lie in: "X, a town in Ukrainian-controlled Donetsk"), a bare occupation
    participle under a profile naming an occupier ("occupied Melitopol"), the most specific
    trigger phrase whose place slot holds a place, else a control state ("X remained under
    Russian occupation"), else the first phrase (to be dropped for want of a place)."""
    lexicon = index.lexicon
    held = _hyphen_held(tok, lexicon)
    if held is not None:
        party, place_tok = held
        trig = Trigger(phrase=f"{party.text}-{tok.lower_}", kind="held", head=tok.lower_,
                       id=HYPHENATED_HOLDER_TRIGGER, place="subject", actor="none",
                       role="gainer")
        # "the Ukrainian-held town A and the Russian-held city of B": B has its own holder
        matches = [_Match(tok, trig, [tok], _StateArgs(
            [place_tok], [party], own_holder_conjuncts(place_tok, lexicon)))]
        located = located_in_held(place_tok, lexicon)
        if located is not None:  # "Sloviansk, a town in Ukrainian-controlled Donetsk"
            matches.append(_Match(tok, replace(trig, id=LOCATED_IN_HELD_TRIGGER), [tok],
                                  _StateArgs([located], [party], frozenset())))
        return matches
    installed = installed_official(tok, lexicon)
    if installed is not None and profile is not None and profile.occupier() is not None \
            and profile.side_of(installed[0].text) == profile.occupier():
        # "the Moscow-installed mayor of X": the occupier holds X (its part of a unit)
        party, roots = installed
        trig = Trigger(phrase=f"{party.text}-{tok.lower_}", kind="held", head=tok.lower_,
                       id=INSTALLED_TRIGGER, place="subject", actor="none", role="gainer")
        return [_Match(tok, trig, [tok], _StateArgs(roots, [party], frozenset()))]
    presence = side_presence(tok, lexicon, triggers) if profile is not None else None
    if presence is not None and profile is not None \
            and (sided := [p for p in presence[0] if profile.side_of(p.text)]):
        # "the Ukrainian police guard the checkpoint on the edge of X": that side holds X
        return [_presupposed_holding(tok, f"{sided[0].text} {tok.lower_}", PRESENCE_TRIGGER,
                                     presence[1], sided[:1])]
    # "a road connecting occupied X": the participle read as a verb is an attribute still
    noun = tok.head if tok.dep_ in _pack(tok).deps["adjectival_modifier"] \
        else misread_attributive(tok, lexicon)
    if noun is not None and lexicon.has("held_participles", tok.lower_):
        if occupied_by_occupier(tok, profile, lexicon):
            # "occupied Melitopol", "the occupied port of X": the profile's occupier
            trig = Trigger(phrase=tok.lower_, kind="held", head=tok.lower_,
                           id=OCCUPIER_TRIGGER, place="subject", actor="none",
                           role="gainer")
            return [_Match(tok, trig, [tok], _StateArgs(
                [noun], [], own_holder_conjuncts(noun, lexicon)))]
        return []  # "the occupied territories": a state no holder is named for, no event
    misread = misread_change(tok, lexicon)
    if misread is not None:
        # "troops pushed towards Y and liberated A, B and C" with "liberated" read as an
        # adjective: the change of the list, by the subject of the verb it is conjoined with
        return [_Match(tok, misread.trig, [tok], _StateArgs(
            misread.roots, misread.subject, frozenset()))]
    candidates = list(triggers.candidates(tok))
    # a phrase told only as ended ("left in X") takes no token whose holding is not ended
    # ("Russian troops left X in Y Oblast" is read by "leave")
    placed = next(((trig, parts) for trig, parts in candidates
                   if _slot(_place_roots(tok, trig, parts, triggers, lexicon).tokens, index,
                            tok).mentions
                   and (not trig.ended_only or no_longer_holding(tok, trig, lexicon))),
                  None)
    if placed is not None:
        # the most specific phrase whose place slot holds a place ("took control of X"
        # rather than "took control in <date>")
        return [_Match(tok, *placed, None)]
    # no phrase has a place: a control state may ("X remained under Russian
    # *occupation*" is no "occupation of X"); else the first phrase, to be dropped
    cs = _control_state_events(tok, lexicon)
    if cs is None:
        return [_Match(tok, *candidates[0], None)] if candidates else []
    kind, roots, gainers, anchor = cs
    trig = Trigger(phrase=f"{kind} ({tok.lower_})", kind=kind, head=tok.lemma_,
                   id=f"trigger.{kind}.control_state", place="subject", actor="none",
                   role="gainer")
    return [_Match(anchor, trig, [anchor, tok], _StateArgs(roots, gainers, frozenset()))]


def _sentence_matches(sent: Span, index: _DocIndex, profile: Profile | None,
                      triggers: DocTriggers) -> list[_Match]:
    """The matches of a sentence in token order (:func:`_token_matches`, then the fire a
    token tells from a place: :func:`_origin_matches`)."""
    return [m for tok in sent for m in (*_token_matches(tok, index, profile, triggers),
                                        *_origin_matches(tok, index, profile))]


def _origin_matches(tok: Token, index: _DocIndex, profile: Profile | None) -> list[_Match]:
    """A holding the place a side fires or assaults from presupposes ("Russian forces shelled
    Y from X", "Russian artillery in X shelled Y", "launched an offensive from X": the
    shooter holds X; :func:`~geo_events.events.triggers.fire_origin`), under a profile with
    sides: a held match of rule ``trigger.held.fire_origin`` whose gainer is the shooter (the
    evidence rule ``fired-from-held-by-shooter`` makes it a presumption; a shooter naming no
    side and a place that is no settlement are vetoed, ``veto.fire_origin``)."""
    if profile is None:
        return []
    origin = fire_origin(tok, index.lexicon)
    if origin is None:
        return []
    shooters, place_tok = origin
    return [_presupposed_holding(tok, f"{_lemma(tok.head)} {tok.lower_}", FIRE_ORIGIN_TRIGGER,
                                 [place_tok], shooters)]


def _presupposed_holding(tok: Token, phrase: str, rule: str, places: list[Token],
                         holders: list[Token]) -> _Match:
    """A held match of rule ``rule`` at ``tok`` that no trigger of the lexicon makes (a
    side's service in a place, fire from a place): ``holders`` hold ``places``."""
    trig = Trigger(phrase=phrase, kind="held", head=tok.lower_, id=rule, place="subject",
                   actor="none", role="gainer")
    return _Match(tok, trig, [tok], _StateArgs(places, holders, frozenset()))


def _match_arguments(match: _Match, trig: Trigger, index: _DocIndex, profile: Profile | None,
                     state: dict, triggers: DocTriggers) -> _Arguments | _Veto:
    """The place roots and the actor of a match (``trig``: its trigger after the re-entry
    rule). A control state or holder takes its own gainer (the profile's occupier for a bare
    "occupied"); a phrase takes its actor slot, with a won battle making the winner the holder,
    a state as actor counted armed, a relative clause's sided noun phrase, and a party
    reporting a liberation as its liberator. A phrase whose actor must be a state and is not
    ("X joined the team") is vetoed (``veto.not_a_state``)."""
    lexicon = index.lexicon
    tok, _, parts, state_args = match
    if state_args is not None:
        roots, gainer_heads, skip = state_args
        actor = _actor(gainer_heads, profile, lexicon,
                       pronoun_antecedent(state, gainer_heads, profile, lexicon))
        if trig.id == OCCUPIER_TRIGGER and profile is not None \
                and (occupier := profile.occupier()) is not None:
            actor = _Actor(occupier, occupier, True)
        misread = (MISREAD_ATTRIBUTIVE_RULE,) if trig.id == OCCUPIER_TRIGGER \
            and tok.dep_ not in _pack(tok).deps["adjectival_modifier"] else ()
        if trig.kind in lexicon.word_list("misread_participle_kinds") \
                and misread_change(tok, lexicon) is not None:
            misread = (MISREAD_PARTICIPLE_RULE,)
        return _Arguments(trig, roots, [], actor, "gainer", skip,
                          _actor_rules(actor) + misread)
    roots, place_repairs = _place_roots(tok, trig, parts, triggers, lexicon)
    heads, actor_rules = _actor_heads(tok, trig, parts, triggers, lexicon)
    a_state = bool(heads) and _names_a_state(heads[0], index)
    if trig.actor_is_country and not a_state:
        # "X joined Russia" is a claim; "X joined the team / them" is not
        return _Veto("veto.not_a_state", roots)
    winners = _battle_winners(tok, trig, lexicon)
    if winners:
        # "Ukraine appears to have won the battle of X": the winner holds X
        trig, heads = replace(trig, kind="held", role="gainer"), winners
    actor = _actor(heads, profile, lexicon, pronoun_antecedent(state, heads, profile, lexicon))
    if actor is not None and not actor.armed and a_state:
        actor = replace(actor, armed=True)  # "Azerbaijan took X", "X fell to Russia"
    if profile is not None and actor is not None and actor.side is None \
            and tok.dep_ in _pack(tok).deps["relative_clause"]:
        actor = _clause_owner(tok, profile, lexicon) or actor
    if actor is None and trig.kind == "recapture" and profile is not None:
        # "X was liberated, Ukraine's deputy defence minister said": a party reporting a
        # liberation without saying by whom reports its own side's
        actor = reporting_party(tok, profile, lexicon)
    # the repairs that found the party ("the withdrawal of Russian troops from X", "On 12 April
    # Ukrainian troops retook X") and the place ("liberated X on 9 May and Y on 10 May", "X was
    # reported captured", "residents of X, which Russia occupied") name themselves
    # (:class:`~geo_events.events.triggers.Found`)
    rules: tuple[str, ...] = ("held.battle_won",) if winners else actor_rules
    if roots:
        rules += place_repairs
    if trig.pos == "noun" and _is_verbal(tok):
        rules += (NOMINAL_GERUND_RULE,)  # "Russian shelling in X": a gerund as the noun
    return _Arguments(trig, roots, heads, actor, trig.role, frozenset(),
                      rules + _actor_rules(actor))


def _actor_rules(actor: _Actor | None) -> tuple[str, ...]:
    """The id of the reference rule by which the actor's pronoun or bare noun took its party
    ("they" -> the armed subject named before: ``pronoun_parties``), if any."""
    return (actor.rule,) if actor is not None and actor.rule else ()


def _argument_veto(args: _Arguments, slot: _Slot, lexicon: Lexicon) -> _Veto | None:
    """The veto of a candidate by its arguments (None: it makes events): no place in the
    slot, a person as the mover ("she left the besieged city"), no armed party where the
    trigger needs one, an unarmed party after a preposition ("X fell to 18th"), the police
    as the capturer (an arrest)."""
    trig, roots, heads, actor = args.trig, args.roots, args.heads, args.actor
    if trig.id == FIRE_ORIGIN_TRIGGER and (
            actor is None or actor.side is None or not slot.mentions
            or any(m.place.level != "populated_place" or slot.is_partial(m)
                   for m in slot.mentions)):
        # "shelled Y from Belgorod region", "attacked from the outskirts of X", fire by no
        # side: nothing held
        return _Veto("veto.fire_origin", roots)
    if not slot.mentions:
        return _Veto(slot.unreferred or "veto.no_place", [])
    person = place_rules().persons.get(heads[0].lower_) \
        if heads and trig.military_actor else None
    if person is not None:
        # "she left the besieged city": a person, not the narrative's party
        return _Veto(person, roots)
    if trig.military_actor and (actor is None or not actor.armed):
        return _Veto("veto.no_armed_party", roots)
    if trig.actor.startswith("prep:") and actor is not None and not actor.armed \
            and trig.kind in CONTROL_KINDS:
        # "X fell to 18th in population growth": no party took it
        return _Veto("veto.unarmed_party_prep", roots)
    if actor is not None and trig.kind in CONTROL_KINDS and actor.side is None \
            and lexicon.has("law_enforcement_nouns", actor.text.split()[-1]):
        # "a man has been captured by Middletown police": an arrest, not territory
        return _Veto("veto.law_enforcement", roots)
    return None


#: Rule id of a "take" whose subject is the expletive "it" and whose object is a stretch of
#: time ("It took the allies two years to ..."): time taken, no territory (:func:`_mover_veto`).
TIME_TAKEN_VETO = "veto.time_taken"
#: Rule id of a mover that is no armed party: a civilian, an official, a vehicle ("a convoy of
#: evacuees reached X", "the ambassador returned to X", "a Russian cargo train reached X").
UNARMED_MOVER_VETO = "veto.unarmed_mover"


def _mover_veto(tok: Token, args: _Arguments, lexicon: Lexicon) -> _Veto | None:
    """The veto of a trigger that needs an armed party (``military_actor``: "take", "reach",
    "leave", "return to") by its subject: the expletive "it" of "it took <someone> <a stretch
    of time> to ..." (``expletive_subjects`` and ``duration_nouns`` of the lexicon: rule
    :data:`TIME_TAKEN_VETO`), or a head noun, a noun compounded with it or the "of" object of
    its head that names no armed party (``unarmed_mover_nouns``: "the ambassador", "a convoy
    of evacuees", "a cargo train": rule :data:`UNARMED_MOVER_VETO`), whatever side an
    adjective gives it."""
    trig, heads = args.trig, args.heads
    if not trig.military_actor or not heads:
        return None
    head = heads[0]
    deps = _pack(tok).deps
    if lexicon.has("expletive_subjects", head.lower_) and any(
            c.dep_ not in deps["subject"] and lexicon.has("duration_nouns", _lemma(c))
            and c.i > tok.i for c in tok.children):
        return _Veto(TIME_TAKEN_VETO, args.roots)
    words = [head, *(c for c in head.children if c.dep_ in deps["compound"] and c.i < head.i)]
    words += _of_objects(head)
    if any(lexicon.has_token("unarmed_mover_nouns", w) for w in words) \
            and not any(lexicon.has("armed_nouns", w.lower_) for w in words):
        return _Veto(UNARMED_MOVER_VETO, args.roots)
    return None


def _event_date(tok: Token, trig: Trigger, background: bool, sent: Span, index: _DocIndex,
                dates: Sequence[DateMention], trigger_tokens: set[int],
                published: date | None) -> tuple[DateRange | None, list[str]]:
    """The date of a trigger's events and the ids of the date rules that gave it (see the
    module docstring): None for background told on no date of its own and for a control
    change or an annexation named by a noun in a sentence without a date expression (rule
    :data:`NAMED_CHANGE_UNDATED_RULE`, its id the only one returned)."""
    date_rules: list[str] = []
    dr = _date_for(tok, dates, index, trigger_tokens, published, rules=date_rules)
    if (background or _is_background(tok, index.lexicon)) and _date_for(
            tok, dates, index, trigger_tokens, None, own_only=True) is None:
        dr = None  # "the city Russia had captured": earlier, on no known date
    if dr is not None and trig.pos == "noun" and trig.kind in PAST_PERIOD_KINDS \
            and _period_ended(tok, index.lexicon) \
            and ended_holding(tok, trig, index.lexicon) is None:
        # "the end of the siege of X", "the lifting of the siege of Y": a state told as over;
        # a holding whose end is itself the change ("the end of the occupation of X on
        # Sunday": rule held.state_ended, a recapture) keeps the date of its end
        return None, [PERIOD_ENDED_RULE]
    if dr is not None and (
            (trig.pos == "noun" and trig.kind in PAST_PERIOD_KINDS
             and _past_period(tok, index.lexicon)) or _in_past_period(tok, index.lexicon)) \
            and _date_for(tok, dates, index, trigger_tokens, None, own_only=True) is None:
        # "civilians were killed during the occupation of X": a period the past clause happened
        # in, on no date of its own; "during the siege of Y, troops shelled it": so was the
        # clause's own change
        return None, [PAST_PERIOD_RULE]
    if (year := _year_modifier(tok, published)) is not None \
            and (dr is None or not year.date_from <= dr.date_from <= dr.date_to <= year.date_to):
        return year, [YEAR_MODIFIER_RULE]
    if trig.pos == "noun" and trig.kind in NAMED_UNDATED_KINDS and not _dates_between(
            dates, sent.start_char, sent.end_char):
        # "a week after its liberation", "the annexation of X was a turning point": a past
        # event named, on no known date
        return None, [NAMED_CHANGE_UNDATED_RULE] if dr is not None else []
    if dr is None:
        date_rules.clear()
    return dr, date_rules


#: Rule id of a control change or an annexation named by a noun in a sentence without a date
#: expression ("a week after its liberation", "the annexation of X was a turning point"): a
#: past event named, on no known date; neither the paragraph's nor the publication's date is
#: its (:func:`_event_date`).
NAMED_CHANGE_UNDATED_RULE = "date.named_change_undated"
#: The kinds :data:`NAMED_CHANGE_UNDATED_RULE` applies to.
NAMED_UNDATED_KINDS = CONTROL_KINDS | {"annexation_claim"}


#: Rule id of a state named by a noun in a period phrase of a past clause ("civilians were
#: killed during the occupation of X", "throughout the siege of Y, troops shelled ..."; lexicon
#: ``past_period_prepositions``): a period the text tells as past, dated only by a date of its
#: own; neither the sentence's other dates, the paragraph's nor the publication's date is its
#: (:func:`_event_date`, :func:`_past_period`); so is a verb trigger of the past clause such a
#: phrase on a state noun frames ("during the siege of Y, Russians pounded the city":
#: ``period_state_nouns``, :func:`_in_past_period`).
PAST_PERIOD_RULE = "date.past_period"
#: The kinds :data:`PAST_PERIOD_RULE` applies to: states, which a date would put on the map.
PAST_PERIOD_KINDS = frozenset({"held", "contested"})


def _past_period(tok: Token, lexicon: Lexicon) -> bool:
    """Whether the noun ``tok`` is the object of a period preposition (lexicon
    ``past_period_prepositions``: "during", "throughout") whose clause is told in the past:
    its verb, reached through the nouns the phrase hangs on ("the deaths during the
    occupation"), or an auxiliary of it is in the past tense, or a perfect auxiliary governs
    it ("have died during the siege"); not a present ("are starving during the siege")."""
    deps = _pack(tok).deps
    if tok.dep_ not in deps["preposition_complement"] \
            or not lexicon.has("past_period_prepositions", tok.head.lower_):
        return False
    node = tok.head.head
    for _ in range(4):
        if _is_verbal(node) or node.head.i == node.i:
            break
        node = node.head
    return _is_verbal(node) and _told_past(node, lexicon)


def _told_past(verb: Token, lexicon: Lexicon) -> bool:
    """Whether the verb ``verb`` or an auxiliary of it is in the past tense, or a perfect
    auxiliary governs it ("have died")."""
    pack = _pack(verb)
    deps, tags = pack.deps, pack.tags
    auxes = [c for c in verb.children if c.dep_ in deps["any_auxiliary"]]
    return verb.tag_ in tags["past"] or any(a.tag_ in tags["past"] for a in auxes) or any(
        lexicon.has("perfect_auxiliaries", _lemma(a)) for a in auxes)


def _in_past_period(tok: Token, lexicon: Lexicon) -> bool:
    """Whether the verb trigger ``tok`` is told in the past within a period a state noun
    names (a phrase of ``past_period_prepositions`` on it whose object is one of
    ``period_state_nouns``: "during the siege of X, Russians *pounded* the city"): the
    clause happened in that period, not on the sentence's or the publication's day."""
    deps = _pack(tok).deps
    return _is_verbal(tok) and _told_past(tok, lexicon) and any(
        c.dep_ in deps["prepositional"] and lexicon.has("past_period_prepositions", c.lower_)
        and any(o.dep_ in deps["preposition_complement"]
                and lexicon.has("period_state_nouns", _lemma(o)) for o in c.children)
        for c in tok.children)


#: Rule id of a state named by a noun told as over: the object of a noun of its end ("the end
#: of the siege of X", "brought an end to the siege of X", "the lifting of the siege of Y";
#: lexicon ``period_end_nouns``) or the subject of a verb of its end ("the siege of X ended",
#: "was lifted": ``period_end_verbs``). No date puts it on the map, the date of its end least
#: of all (:func:`_event_date`, :func:`_period_ended`).
PERIOD_ENDED_RULE = "date.period_ended"


def _period_ended(tok: Token, lexicon: Lexicon) -> bool:
    """Whether the state noun ``tok`` is told as over: the object of a preposition hanging on
    a noun of ``period_end_nouns`` ("the *end* of the siege", "the *lifting* of the siege") or
    on a verb whose direct object is one ("*brought an end* to the occupation"), or the
    subject of a verb of ``period_end_verbs`` told in the past ("the siege *ended*", "the
    siege *was lifted*"; not "when the battle ends").
    A negated or hoped-for end ("no end to the siege", "has not ended", "hope for an end to")
    the factuality rules drop before (``factuality.negation``, ``factuality.intention``)."""
    deps = _pack(tok).deps
    host = tok.head.head
    if tok.dep_ in deps["preposition_complement"] and host.i != tok.head.i:
        nouns = [c for c in host.children if c.dep_ in deps["direct_object"]] \
            if _is_verbal(host) else [host]
        return any(lexicon.has("period_end_nouns", _lemma(n)) for n in nouns)
    return tok.dep_ in deps["nominal_subject"] and _is_verbal(tok.head) \
        and lexicon.has("period_end_verbs", _lemma(tok.head)) and _told_past(tok.head, lexicon)


#: Rule id of a change named by a noun a year modifies ("Russia's 2014 occupation of X", "the
#: 2022 capture of X"): that year dates it, whatever date its sentence or paragraph has, unless
#: a date of that year dates it more precisely (:func:`_year_modifier`).
YEAR_MODIFIER_RULE = "date.year_modifier"
#: A year as a token of its own (the date grammar's years: 19xx or 20xx).
_YEAR_TOKEN = re.compile(r"(?:19|20)\d\d")


def _year_modifier(tok: Token, published: date | None) -> DateRange | None:
    """The year a trigger noun's own number or noun modifier writes before it (the pack's
    ``number_modifier`` and ``noun_modifier`` deps: "Russia's *2014* occupation of X"), as a
    range up to ``published`` at most; None without one or for a year after publication."""
    deps = _pack(tok).deps
    mods = deps["number_modifier"] | deps["noun_modifier"]
    for c in tok.children:
        if c.i < tok.i and c.dep_ in mods and _YEAR_TOKEN.fullmatch(c.text):
            first, last = date(int(c.text), 1, 1), date(int(c.text), 12, 31)
            if published is not None:
                if first > published:
                    return None
                last = min(last, published)
            return DateRange(first, last, "year")
    return None


#: Rule id of an item of a dated list of places taking the date that directly follows it in
#: its trigger's place slot ("liberated X on 9 September, Y on 10 September and Z on 12
#: September": Y the 10th), not the trigger's own date (:func:`_item_dates`).
ITEM_DATE_RULE = "date.list_item"


def _own_date_after(tok: Token, dates: Sequence[DateMention]
                    ) -> DateMention | None:
    """The date expression (of the date reader's ``dates``) that directly follows the name
    ending at token ``tok``: only one preposition between them ("X *on 10 September*", "Y *in
    May*"; :func:`~geo_events.events.triggers.preposition_after`), in its sentence."""
    prep = preposition_after(tok)
    if prep is None:
        return None
    start = tok.doc[prep.i + 1].idx
    return next((d for d in _dates_between(dates, start, start + 1)), None)


def _item_dates(mentions: Sequence[Mention], sent: Span, index: _DocIndex,
                dates: Sequence[DateMention]) -> dict[int, DateMention]:
    """The own dates of the places of a list in one place slot, by the index of the mention
    in ``mentions`` (rule :data:`ITEM_DATE_RULE`): the date that directly follows a listed
    place belongs to it, each item of "captured X in March and Y in May" its own, and to the
    places joined to it by nothing but a coordinator or a comma ("X on 9 May, and Y and Z on
    12 May": Y the 12th too); the others keep the trigger's date. A single place is a list
    of one ("captured X in March, a month after the battle began in February"); places of
    another sentence (an antecedent) keep the trigger's date."""
    inside = sorted(((k, m) for k, m in enumerate(mentions)
                     if sent.start_char <= m.start and m.end <= sent.end_char),
                    key=lambda km: km[1].start)
    out: dict[int, DateMention] = {}
    deps = _pack(sent.root).deps
    later: tuple[Token, DateMention] | None = None  # the next place's first token and date
    for k, m in reversed(inside):
        span = index.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            later = None
            continue
        own = _own_date_after(span[-1], dates)
        if own is None and later is not None and all(
                t.dep_ in deps["coordinator"] or t.is_punct
                for t in index.doc[span.end:later[0].i]):
            own = later[1]  # "Y and Z on 12 May": the group's date is Y's too
        if own is not None:
            out[k] = own
        later = (span[0], own) if own is not None else None
    return out


#: Rule id of a holding told as lasting since a date up to the text's time ("Russia has held X
#: since 2014", "since Russia's occupation of X in 2014"): its range runs from that date to
#: publication (:func:`_held_since`); the timeline reads it as fresh at its end
#: (``held-since-renewed``).
HELD_SINCE_RULE = "date.held_since"


def _held_since(tok: Token, dr: DateRange, sent: Span, index: _DocIndex,
                dates: Sequence[DateMention], published: date) -> DateRange | None:
    """The range of a holding told as lasting since a date up to publication, or None: its
    date follows the grammar's ``since`` expression ("held X since 2014", "under Russian
    control since March 2014": the date reading already runs it to publication), or the
    holding's own phrase does ("since Russia's occupation of X in 2014": the occupation
    began then and lasts; its range, the year, is run on to publication). A range ending
    after publication is left alone."""
    grammar = load_narrative_rules().grammar
    text = index.text
    if dr.date_to == published and dr.date_from < published and any(
            m.range == dr and grammar.since(text, m.start)
            for m in _dates_between(dates, sent.start_char, sent.end_char)):
        return dr
    if dr.date_to < published and not _is_verbal(tok) \
            and grammar.after_since(text, tok.left_edge.idx):
        return DateRange(dr.date_from, published,
                         _precision_of_width((published - dr.date_from).days + 1))
    return None


class _EventPlace(NamedTuple):
    """The place an event is about (:func:`_event_place`): its mention, the slot (with the
    mention marked partial when it became a unit), ``place.whole_unit`` when the place is a
    whole area unit, and ``place.holder_unit_namesake`` when a holder's namesake city became
    its unit."""

    mention: Mention
    slot: _Slot
    whole_rules: tuple[str, ...]
    unit_rules: tuple[str, ...]


def _event_place(mention: Mention, slot: _Slot, trig: Trigger, actor: _Actor | None,
                 index: _DocIndex) -> _EventPlace:
    """The place an event is about for a mention of its slot: a claim's territory, the part
    of an oblast a holder holds rather than its namesake capital, a part holding's unit, else
    the mention's own place."""
    lexicon = index.lexicon
    unit_rule: tuple[str, ...] = ()
    if trig.kind == "annexation_claim":
        mention = _claimed_unit(mention, index)
    elif slot.facility is None \
            and ((lexicon.has("holder_triggers", trig.id) and not slot.is_partial(mention))
                 or (slot.ground and not mention.place.is_area)) \
            and (unit := held_unit_namesake(
                mention, index, actor.side if actor else None)) is not None:
        # "Ukrainian-controlled Donetsk", "Russian-held Zaporizhzhia": the part of the
        # oblast the side holds, not its namesake capital city; "took control of territory
        # in Kherson": ground lies in the oblast, not in its namesake city (unless a
        # settlement noun names the city)
        slot = replace(slot, partial_mentions=(*slot.partial_mentions, unit))
        mention = unit
        unit_rule = ("place.holder_unit_namesake",)
    elif trig.kind == "held" and slot.is_partial(mention) and slot.facility is None:
        # part holdings are about territories, as claims are: "Russian-controlled
        # parts of Donetsk, Kherson and Zaporizhzhia" are parts of the oblasts
        unit = _claimed_unit(mention, index)
        if unit is not mention:
            slot = replace(slot, partial_mentions=(*slot.partial_mentions, unit))
            mention = unit
    whole: tuple[str, ...] = ("place.whole_unit",) if mention.place.is_area \
        and whole_unit(mention, index) else ()
    if mention.label in ("river-bank", "area-part") and mention.place.location is not None \
            and mention.place.location.settled_by:
        # the rule that chose the bank's unit, or read the area ("the region around X")
        whole += (mention.place.location.settled_by,)
    return _EventPlace(mention, slot, whole, unit_rule)


def _events_for_sentence(sent: Span, index: _DocIndex, dates: Sequence[DateMention],
                         profile: Profile | None, published: date | None, source: str | None,
                         state: dict, cues: DocCues | None = None,
                         dropped: list[DroppedCandidate] | None = None,
                         triggers: DocTriggers | None = None) -> list[Event]:
    """The events of a sentence: its matches (:func:`_sentence_matches`), each checked for
    factuality, given arguments (:func:`_match_arguments`), vetoed (:func:`_argument_veto`),
    dated (:func:`_event_date`) and made into one event a place of its slot
    (:func:`_make_event`). ``state`` carries the parties of the previous sentences;
    ``dropped`` (explain) receives the candidates that made no event."""
    lexicon = index.lexicon
    if triggers is None:
        triggers = match_triggers(sent.doc, lexicon)
    matches = _sentence_matches(sent, index, profile, triggers)
    trigger_tokens = {m.tok.i for m in matches}
    # the tokens of changes and holdings the sentence tells: what a clause asserts of a place
    # (no descriptor, no presumption from fire or presence)
    asserting = {m.tok.i for m in matches if m.trig.kind in CONTROL_KINDS or (
        m.trig.kind == "held" and m.trig.id not in PRESUMED_HOLDER_TRIGGERS
        and not lexicon.has("holder_triggers", m.trig.id))}
    events: list[Event] = []
    for match in matches:
        tok, parts, state_args = match.tok, match.parts, match.state_args
        if _in_heading(tok.idx, index.headings):
            # "Battle of X", "Fall of X and Y" as a section heading or a "See also" line: a
            # topic, not a report (rule veto.heading; its section still takes a heading's date)
            _record_drop(dropped, sent, index, tok, match.trig, HEADING_VETO,
                         _place_roots(tok, match.trig, parts, triggers, lexicon).tokens)
            continue
        trig, reentry = reentry_trigger(tok, match.trig)  # "entered X after the other's retreat"
        verdict = factuality(tok, trig, profile, lexicon, cues)
        status = verdict.status
        negated = status is None and state_args is None and profile is not None \
            and negated_change(tok, trig, verdict, lexicon)
        if negated:
            # what the negated change says, read like any report ("agreed not to enter X":
            # an intention, no holding)
            own = factuality(tok, trig, profile, lexicon, cues, own_negation=True)
            status = own.status
            if status is not None:
                verdict = replace(own, rules=("factuality.negation", *own.rules))
        if status is None:
            if dropped is not None:
                _record_drop(dropped, sent, index, tok, trig, verdict.dropped_by or "factuality",
                             state_args.roots if state_args is not None
                             else _place_roots(tok, trig, parts, triggers, lexicon).tokens)
            continue
        args = _match_arguments(match, trig, index, profile, state, triggers)
        if isinstance(args, _Veto):
            _record_drop(dropped, sent, index, tok, trig, args.rule, args.roots)
            continue
        if negated:
            args = _negated_holder(args, tok, profile, lexicon)
            if isinstance(args, _Veto):
                _record_drop(dropped, sent, index, tok, trig, args.rule, args.roots)
                continue
        trig, roots, heads, actor = args.trig, args.roots, args.heads, args.actor
        extra_rules = args.rules
        ended_by_adverb = not negated \
            and no_longer_holding(tok, trig, lexicon)
        if trig.ended_only and not ended_by_adverb:
            if negated or actor is None or actor.side is None \
                    or not extent_told(roots, index, tok, args.skip):
                # "Russian forces controlled X": this phrase tells a holding only as ended
                _record_drop(dropped, sent, index, tok, trig, NOT_ENDED_VETO, roots)
                continue
            # "Russia controls nearly all of X Oblast", "... controls 60% of X": the extent
            # held, a state
            extra_rules += (EXTENT_TOLD_RULE,)
        if trig.state and state_until(tok, lexicon):
            # "X was free of Russian troops until 1 April": the state before a change
            _record_drop(dropped, sent, index, tok, trig, STATE_UNTIL_VETO, roots)
            continue
        if ended_by_adverb and no_longer_full(parts, trig, lexicon):
            # "no longer had full control of X": part of X may still be held
            _record_drop(dropped, sent, index, tok, trig, NO_LONGER_FULL_VETO, roots)
            continue
        # "no longer held any villages in X Oblast": nothing left in X, all of it
        left_in = none_left_in(tok, roots, lexicon) if ended_by_adverb else None
        # a holding told as ended leaves its place as a withdrawal does: a bank it names is
        # the bank left ("no longer had a foothold on the right bank of the X")
        slot = with_area_units(_slot(left_in or roots, index, tok, args.skip), index, tok,
                               "withdrawal" if ended_by_adverb else trig.kind, trig.prep)
        if left_in is not None:
            slot = replace(slot, partial=False, partial_mentions=())
        if trig.kind == "annexation_claim" and slot.mentions and trig.pos != "noun":
            # a statement ("X and Y will join Russia, while the borders of Z ...") covers the
            # regions its sentence names; a noun ("the annexation of X and the blockade of
            # Y") names its own object only
            slot = _claim_scope(slot, sent, index, actor)
        veto = _argument_veto(args, slot, lexicon) or _mover_veto(tok, args, lexicon)
        if veto is not None:
            _record_drop(dropped, sent, index, tok, trig, veto.rule, veto.roots)
            continue
        note_party(state, actor)
        if state_args is None and heads and actor is not None:
            state.setdefault("actor_heads", set()).add(heads[0].i)
        other, loser_heads = _other_party(tok, trig, parts, profile, lexicon, state, triggers) \
            if not negated else (args.other, [])
        if not negated and other is not None and other.rule:
            extra_rules += _actor_rules(other)  # "they were pushed back": the rule of "they"
        if trig.armed_loser and not negated \
                and _unarmed_loser(tok, trig, loser_heads, roots, index, profile, lexicon):
            # "sappers cleared X of mines": no party lost X
            _record_drop(dropped, sent, index, tok, trig, UNARMED_LOSER_VETO, roots)
            continue
        dr, date_rules = _event_date(tok, trig, verdict.background, sent, index, dates,
                                     trigger_tokens, published)
        role = args.role
        ended = ended_holding(tok, trig, lexicon) if state_args is None else None
        if ended is not None:
            # "freed from the Russian occupation of X", "the end of the occupation of X": the
            # holding ended, its holder lost X, as the ending word itself tells it
            own = factuality(ended, replace(trig, kind="recapture"), profile, lexicon, cues)
            if own.status is not None:
                trig, status, verdict = replace(trig, kind="recapture"), own.status, own
                if actor is not None:  # the holder is the party that lost X
                    other, actor, role = actor, None, "loser"
                extra_rules += (STATE_ENDED_RULE,)
                if not _is_verbal(ended) and not _dates_between(dates, sent.start_char,
                                                                 sent.end_char):
                    # "after the liberation from the occupation of X": a past change named
                    dr, date_rules = None, []
        if ended_by_adverb:
            # "Russian forces no longer occupied X": the holding ended, its holder lost X
            trig = replace(trig, kind="recapture")
            if actor is not None:
                other, actor, role = actor, None, "loser"
            extra_rules += (NO_LONGER_RULE,)
        if state_args is None and any(apposed_name(r, index) is not None for r in roots):
            extra_rules += ("place.apposition_names",)  # "X, a town seized by Russia"
        if dr is not None and described_change(tok, trig, index) and _date_for(
                tok, dates, index, trigger_tokens, None, own_only=True) is None:
            # "X, which Russian forces seized, ...", "X, a town seized by Russia": a change
            # the text only describes, on no date of its own, tells who holds X at the
            # text's time (the date of its sentence or narrative, else publication)
            trig = replace(trig, kind="held")
            extra_rules += ("held.described_change",)
        if dr is not None and published is not None and (
                trig.kind == "held" or (trig.kind == "capture"
                                        and lexicon.has("occupation_participles", tok.lower_))) \
                and (lasting := _held_since(tok, dr, sent, index, dates, published)) \
                is not None:
            # "X, which Russia has occupied since 2014": a state since then, no change
            trig = replace(trig, kind="held")
            dr, extra_rules = lasting, (*extra_rules, HELD_SINCE_RULE)
        after_rule = load_narrative_rules().after_clause
        items = _item_dates(slot.mentions, sent, index, dates) \
            if dr is not None and not slot.coreferent and HELD_SINCE_RULE not in extra_rules \
            and (after_rule is None or after_rule.id not in date_rules) else {}
        for k, mention in enumerate(slot.mentions):
            mdr, mrules = dr, date_rules
            if (item := items.get(k)) is not None and item.range != dr:
                # "X on 9 September, Y on 10 September": the date after Y is Y's own
                mdr, mrules = item.range, [ITEM_DATE_RULE, *item.rule_ids]
            if trig.id in PRESUMED_HOLDER_TRIGGERS \
                    and mention.place.level != "populated_place":
                # a presumption of holding is about settlements (as fire on a place is)
                _record_drop(dropped, sent, index, tok, trig, "veto.presumed_not_settlement",
                             roots)
                continue
            mention, slot, whole, unit_rule = _event_place(mention, slot, trig, actor, index)
            if left_in is not None:
                if not mention.place.is_area:
                    # "no longer held any positions in X (a town)": not a unit left whole
                    _record_drop(dropped, sent, index, tok, trig, "veto.none_left_not_unit",
                                 roots)
                    continue
                whole = (*dict.fromkeys((*whole, "place.whole_unit", NONE_LEFT_RULE)),)
            ev = _make_event(trig, role, mention, actor, other, slot, status, mdr, tok,
                             sent, profile, lexicon, source, published,
                             verdict.rules + ((reentry,) if reentry else ()) + whole
                             + tuple(mrules) + extra_rules + unit_rule,
                             verdict.contested_by,
                             _described_holder(tok, lexicon)
                             and not _asserted_of(tok, asserting))
            if ev is not None and _own_ground_change(ev, profile):
                # "Wagner fighters seized Rostov": the holder's own ground, no change of sides
                _record_drop(dropped, sent, index, tok, trig, OWN_GROUND_VETO, roots)
            elif ev is not None:
                events.append(ev)
            elif dropped is not None:
                dropped.append(DroppedCandidate(
                    trigger=tok.text, phrase=trig.phrase, kind=trig.kind,
                    rule="veto.ambiguous_place" if ambiguous_place(mention.place)
                    else MACRO_REGION_VETO if _macro_region(mention.place)
                    else "veto.country_level" if mention.place.level == "country"
                    else "veto.third_country", sentence=sent.text.strip(),
                    start=sent.start_char, end=sent.end_char, trigger_start=tok.idx,
                    places=(mention.surface,)))
    return events


#: Rule id of a change on a profile country's own ground outside the theatre that no other
#: side makes (:func:`_own_ground_change`).
OWN_GROUND_VETO = "veto.own_ground"


def _own_ground_change(ev: Event, profile: Profile | None) -> bool:
    """True for a change of control on the ground of a profile country outside its theatre
    (:meth:`Profile.theatre`) that the start state gives whole to one side, when no other
    side gains or loses there: a capture or an advance with no gainer or by that side, a
    recapture with no gainer, a withdrawal with no loser or by that side (rule
    :data:`OWN_GROUND_VETO`). The side holds that ground from the start: its own forces
    taking it are a mutiny or a misreading ("Wagner fighters seized Rostov-on-Don"), not a
    change between the sides; another side's incursion ("Ukrainian forces captured X in
    Kursk region"), the holder's retaking of it ("Russian troops recaptured X") and the
    other side's withdrawal are changes and stay."""
    if profile is None or ev.place.country_code is None \
            or ev.place.country_code in profile.theatre:
        return False
    home = profile.home_side(ev.place.country_code)
    if home is None:
        return False
    if ev.kind in ("capture", "advance"):
        return ev.gain is None or ev.gain == home
    if ev.kind == "recapture":
        return ev.gain is None
    if ev.kind == "withdrawal":
        return ev.loss is None or ev.loss == home
    return False


#: "the Ukrainian police guard the checkpoint on the edge of X": a side's service in X
PRESENCE_TRIGGER = "trigger.held.side_presence"
#: "X, which the Russian army never reached": the other side holds X
NEGATED_TRIGGER = "trigger.held.negated_change"
#: triggers whose holdings are presumptions (control rules of effect presume): settlements only
PRESUMED_HOLDER_TRIGGERS = frozenset({PRESENCE_TRIGGER, NEGATED_TRIGGER})


#: a held noun trigger under a word that ends the holding: the holder lost the place
STATE_ENDED_RULE = "held.state_ended"


def ended_holding(tok: Token, trig: Trigger, lexicon: Lexicon) -> Token | None:
    """The word that ends the holding the held noun trigger ``tok`` names, or None: a word of
    the lexicon's ``state_ending_heads`` whose complement ``tok`` is, in a slot the entry
    names (a preposition, or ``object``): "freed from the Russian occupation of X", "the
    end of the occupation of X", "ended the occupation of X" (rule ``held.state_ended``)."""
    if trig.kind != "held" or trig.pos != "noun":
        return None
    deps = _pack(tok).deps
    if tok.dep_ in deps["preposition_complement"] and tok.head.dep_ in deps["preposition"] \
            and tok.head.head.i != tok.head.i:
        slot, head = tok.head.lower_, tok.head.head
    elif tok.dep_ in deps["direct_object"] and tok.head.i != tok.i:
        slot, head = "object", tok.head
    else:
        return None
    heads = lexicon.word_map("state_ending_heads")
    slots = heads.get(_lemma(head)) or heads.get(head.lower_)
    if slots is None or slot not in slots.split():
        return None
    tags = _pack(tok).tags
    if any(c.dep_ in deps["auxiliary"] and c.tag_ in tags["infinitive_marker"]
           for c in head.children):
        return None  # "pressed Russia to end its occupation of X": X is still held
    return head


#: Rule id of a trigger on a heading line (:func:`~geo_events.events.narrative_dates.heading_spans`:
#: "Battle of X" above a section or in a list of articles): no event.
HEADING_VETO = "veto.heading"


def _in_heading(offset: int, headings: Sequence[tuple[int, int]]) -> bool:
    """Whether character ``offset`` lies in one of ``headings`` (sorted, end-exclusive spans)."""
    i = bisect_right(headings, (offset, float("inf"))) - 1
    return i >= 0 and headings[i][0] <= offset < headings[i][1]


#: a holding told as ended by an adverb under a negation ("no longer occupied X")
NO_LONGER_RULE = "held.no_longer"
#: "no longer held any villages in X Oblast": nothing of X left held, all of X lost
NONE_LEFT_RULE = "place.none_left_in"


def no_longer_holding(tok: Token, trig: Trigger, lexicon: Lexicon) -> bool:
    """True for a trigger of ``no_longer_kinds`` (a holding: "occupied", "held", "controlled")
    under an adverb of ``no_longer_adverbs`` that a negation governs ("Russian forces no longer
    occupied X", "no longer held any villages in X Oblast"): the holding ended, its holder
    lost the place (rule ``held.no_longer``: a recapture by the other side, the holder the
    loser); a control state's adverb is on the verb it hangs on ("X was no longer under
    Russian control"). A negation on the trigger itself ("did not hold X any longer") is left to
    :func:`negated_change`; a modal or a denial above it is factuality's ("will no longer
    occupy X")."""
    if not lexicon.has("no_longer_kinds", trig.kind):
        return False
    deps = _pack(tok).deps
    # a control state hangs on its verb by a preposition ("X was no longer *under* Russian
    # control", "no longer in Russian hands"): the adverb is the verb's
    nodes, node = [tok], tok
    phrase = {*deps["preposition_complement"], *deps["preposition"]}
    while node.dep_ in phrase and node.head.i != node.i:
        node = node.head
        nodes.append(node)
    if any(c.dep_ in deps["adverbial_modifier"] and lexicon.has("no_longer_adverbs", c.lower_)
           and any(g.dep_ in deps["negation"] or lexicon.has("negation_determiners", g.lower_)
                   for g in c.children)
           for n in nodes for c in n.children):
        return True
    # "*no* Russian troops remained in X": a presence (ended_only) whose subject is quantified
    # by a negation determiner is the holder's presence ended
    # "there were no Russian troops *left* in X": the participle on such a subject
    subjects = [tok.head] if tok.dep_ in deps["adjectival_clause"] and tok.head.i != tok.i \
        else [c for c in tok.children if c.dep_ in deps["subject"]]
    return trig.ended_only and any(
        any(g.dep_ in deps["determiner"] and lexicon.has("negation_determiners", g.lower_)
            for g in c.children)
        for c in subjects)


#: a phrase whose loser must be armed ("cleared X of Russian troops") naming none ("cleared X
#: of mines"): no event
UNARMED_LOSER_VETO = "veto.unarmed_loser"


def _unarmed_loser(tok: Token, trig: Trigger, loser_heads: Sequence[Token],
                   roots: Sequence[Token], index: _DocIndex, profile: Profile | None,
                   lexicon: Lexicon) -> bool:
    """True when the phrase's loser (``loser_heads``: the heads :func:`_other_party` read, the
    objects of ``trig.loser_prep`` on the trigger; or, as the parser often hangs the
    preposition on the place, its objects there: "cleared [X of mines]") names a party that is
    not armed ("mines", "rubble") and no place ("just south *of* Lyman" is a locator, not the
    loser): rule ``veto.unarmed_loser`` for phrases with ``armed_loser``."""
    deps = _pack(tok).deps
    on_place = [c for r in roots for p in r.children
                if p.dep_ in deps["prepositional"] and p.lower_ == trig.loser_prep
                for c in p.children if c.dep_ in deps["prepositional_object"]]
    heads = [c for c in (*loser_heads, *on_place) if index.mention_at(c) is None]
    loser = _actor(heads, profile, lexicon, None) if heads else None
    return loser is not None and not loser.armed


#: a state a change led to, limited by "until": the state before that change (no event)
STATE_UNTIL_VETO = "veto.state_until"


def state_until(tok: Token, lexicon: Lexicon) -> bool:
    """True when a word of ``temporal_condition_marks`` ("until", "till") limits the state
    trigger ``tok`` as a preposition or as the mark of a clause on it ("X was free of Russian
    troops until 1 April", "... until Russian forces entered it")."""
    return bool(until_limits(tok, lexicon))


#: a trigger of ``ended_only`` ("controlled") whose holding is not told as ended: no event
NOT_ENDED_VETO = "veto.not_ended"
#: an ``ended_only`` phrase whose places are each quantified as a whole ("all of X") or
#: below a part noun ("most of X", "60% of X"): the holding's extent is told, a state
EXTENT_TOLD_RULE = "held.extent_told"


def extent_told(roots: Sequence[Token], index: _DocIndex, tok: Token,
                skip: frozenset[int]) -> bool:
    """True when every place of the slot of an ``ended_only`` trigger ("control") is told
    with its extent: quantified as a whole (:func:`whole_unit`: "nearly all of X Oblast",
    "the whole of X") or below a part noun ("most of X", "parts of X", "60% of X"; lexicon
    ``partial_nouns``, not a facility): "Russia controls nearly all of X" tells how much of X
    is held, a state (rule ``held.extent_told``), where "Russia controls X" stays unread
    (``veto.not_ended``); the holder must name a side ("a businessman controls a third of X's
    shares": no holding)."""
    probe = _slot(roots, index, tok, skip)
    return bool(probe.mentions) and probe.facility is None and not probe.coreferent \
        and all(probe.is_partial(m) or whole_unit(m, index) for m in probe.mentions)


#: "no longer had full control of X": the whole holding ended, not the holding (no event)
NO_LONGER_FULL_VETO = "veto.no_longer_full"


def no_longer_full(parts: Sequence[Token], trig: Trigger, lexicon: Lexicon) -> bool:
    """True when the holding told as ended (:func:`no_longer_holding`) was of the whole: an
    adjective of ``no_longer_full_modifiers`` on a token of the match (``parts``: the trigger,
    a control state's noun) or on a word of its phrase ("no
    longer had *full* control of X", "no longer maintained *complete* control over X", "X was
    no longer under *full* Russian control"): the holder may keep part of X, so no loss of X
    is read (``veto.no_longer_full``)."""
    if not parts:
        return False
    deps = _pack(parts[0]).deps
    words = [*parts, *(c for t in parts for c in t.children if _lemma(c) in trig.required)]
    return any(c.dep_ in deps["adjectival_modifier"]
               and lexicon.has("no_longer_full_modifiers", c.lower_)
               for w in words for c in w.children)


def none_left_in(tok: Token, roots: Sequence[Token], lexicon: Lexicon) -> list[Token] | None:
    """The places where an ended holding left nothing ("no longer occupied *any* towns or
    villages *in X Oblast*", "no longer held any territory within X"): the objects of a
    preposition of ``ground_prepositions`` on an object of the trigger quantified by a word of
    ``none_left_quantifiers`` that is a noun of ground or of ``settlement_nouns``, or on the
    trigger itself (rule ``place.none_left_in``: all of X); None when no such object is
    there."""
    pack = _pack(tok)
    deps = pack.deps
    quantified = [r for r in roots
                  if (lexicon.has("ground_nouns", r.lower_)
                      or lexicon.has("settlement_nouns", _lemma(r)))
                  and any(c.dep_ in deps["determiner"]
                          and lexicon.has("none_left_quantifiers", c.lower_)
                          for c in r.children)]
    if not quantified:
        return None
    places = [g for h in (*quantified, tok) for c in h.children
              if c.dep_ in deps["prepositional"] and lexicon.has("ground_prepositions",
                                                                 _lemma(c))
              for g in c.children if g.dep_ in deps["prepositional_object"]]
    return places or None


def negated_change(tok: Token, trig: Trigger, verdict: Verdict, lexicon: Lexicon) -> bool:
    """True for a change or holding by one side that the trigger's own clause negates ("X,
    which the Russian army never reached", "X has never been occupied by Russian forces",
    "the cities Moscow does not hold"): a kind of ``negated_change_kinds`` dropped by
    ``factuality.negation`` with the negation on the trigger itself (not a negated verb
    above it: "it is not true that ...")."""
    deps = _pack(tok).deps
    if verdict.dropped_by != "factuality.negation" \
            or not lexicon.has("negated_change_kinds", trig.kind) \
            or not any(c.dep_ in deps["negation"] for c in tok.children):
        return False
    # "did not take X until May", "not only reached X": the change happened after all
    return not any(lexicon.has("negated_change_blockers", t.lower_)
                   for c in tok.children for t in (c, *c.children))


def _negated_holder(args: _Arguments, tok: Token, profile: Profile | None, lexicon: Lexicon
                    ) -> _Arguments | _Veto:
    """The arguments of a negated change (:func:`negated_change`) as a holding by the other
    side (rule ``trigger.held.negated_change``): the side the change names is the loser
    (``other``), its opponent in a two-sided profile holds the place. Vetoed when the actor
    names no side (``veto.negated_change_no_side``) or when that side itself says so
    (``veto.negated_change_own_word``: "Moscow said its troops never entered X" is a denial
    by the party, not the other side's holding)."""
    actor = args.actor
    gainer = profile.opponent(actor.side) if profile is not None and actor is not None \
        else None
    if profile is None or actor is None or gainer is None:
        return _Veto("veto.negated_change_no_side", args.roots)
    found = report_of(tok, lexicon)
    if found is not None and profile.side_of(phrase_text(list(found[0].subtree))) == actor.side:
        return _Veto("veto.negated_change_own_word", args.roots)
    trig = replace(args.trig, kind="held", id=NEGATED_TRIGGER, role="gainer",
                   military_actor=False)
    holder = _Actor(profile.side(gainer).name, gainer, True)
    return args._replace(trig=trig, actor=holder, role="gainer", other=actor)


#: Trigger id of a bare "occupied" under a profile naming an occupier (rule data: the
#: profile's side ``occupier``, the lexicon's ``occupation_participles``).
OCCUPIER_TRIGGER = "trigger.held.occupied_by_occupier"
#: Rule id of a holder participle the parser read as a verb ("a road connecting occupied X":
#: :func:`~geo_events.events.triggers.misread_attributive`): a state, as "occupied X" is.
MISREAD_ATTRIBUTIVE_RULE = "held.misread_attributive"
#: Provenance id of a change participle the parser read as an adjective though it is the
#: second verb of its clause ("troops pushed towards Y and *liberated* A, B and C":
#: :func:`~geo_events.events.triggers.misread_change`).
MISREAD_PARTICIPLE_RULE = "trigger.misread_participle"
#: "Russian-held X" and "X, a town in Ukrainian-controlled Y" (:func:`_token_matches`)
HYPHENATED_HOLDER_TRIGGER = "trigger.held.hyphenated_holder"
LOCATED_IN_HELD_TRIGGER = "trigger.held.located_in_held"
#: "the Moscow-installed mayor of X": an official the profile's occupier installed holds X
INSTALLED_TRIGGER = "trigger.held.installed_official"
#: Rule id of a holder trigger (lexicon ``holder_triggers``) a party reports naming the other
#: side the holder: a report, no claim (:func:`_make_event`).
HOLDER_CONCEDED = "factuality.holder_conceded"
#: Rule id of a holder trigger (lexicon ``holder_triggers``) attributive on a noun inside a
#: party's report, whichever side it names: a presupposed descriptor, a report
#: (:func:`_described_holder`, :func:`_make_event`).
HOLDER_DESCRIBED = "factuality.holder_described"
#: Prefixes of the factuality rules that attribute a clause to who reports it.
ATTRIBUTION_RULES = ("factuality.reporting:", "factuality.according_to:",
                     "factuality.report_noun:")
#: Rule id of a holding presupposed by fire from a place (:func:`_origin_matches`).
FIRE_ORIGIN_TRIGGER = "trigger.held.fire_origin"


def occupied_by_occupier(tok: Token, profile: Profile | None, lexicon: Lexicon) -> bool:
    """True for a participle of ``occupation_participles`` modifying a noun with no holder
    named ("occupied Melitopol", "the occupied port of X") when the profile names the side
    such a participle means (its ``occupier``): not after a hyphen ("once-occupied",
    "de-occupied") nor under a background adverb ("the formerly occupied town"), which tell
    a holding that ended."""
    if profile is None or profile.occupier() is None \
            or not lexicon.has("occupation_participles", tok.lower_):
        return False
    if tok.i > 0 and tok.doc[tok.i - 1].text in ("-", "–"):
        return False
    return not any(lexicon.has("background_adverbs", c.lower_) for c in tok.children)


def described_change(tok: Token, trig: Trigger, index: _DocIndex) -> bool:
    """True when the trigger is a change to a gainer (a capture, a recapture, a transfer)
    told in a clause that describes a place ("X, which Russian forces seized", "X, a town
    seized by Russia"; the pack's ``describing_clause`` on a place name or a settlement noun)
    or in an attributive participle on one ("the recaptured settlements"):
    rule ``held.described_change``. Such a change with no date of its own tells who holds the
    place at the text's time, not a change on the day it was published. A clause on any other
    noun ("the clash in which the village was liberated") describes no place."""
    lex = index.lexicon
    pack = _pack(tok)
    # an attributive participle describes too ("the recaptured settlements", "the captured
    # city of X"): the state the place is in, not a change reported on a day
    attributive = tok.dep_ in pack.deps["adjectival_modifier"] \
        and tok.tag_ in pack.tags["participle"]
    if not lex.has("described_change_kinds", trig.kind) or trig.pos == "noun" \
            or not (tok.dep_ in pack.deps["describing_clause"] or attributive) \
            or tok.head.i == tok.i:
        return False
    noun = relative_antecedent(tok)
    return index.mention_at(noun) is not None or lex.has("settlement_nouns", _lemma(noun))


def _battle_winners(tok: Token, trig: Trigger, lexicon: Lexicon) -> list[Token]:
    """The subject heads of the verb winning the battle the noun trigger ``tok`` names
    ("Ukraine appears to have *won* the battle of X", "Russia won the battle for X"; lexicon
    ``battle_won_verbs``): the winner holds X (provenance ``held.battle_won``). Empty when
    ``tok`` is no battle won by a named subject ("regardless of who wins the battle")."""
    if trig.kind != "contested" or trig.pos != "noun":
        return []
    pack = _pack(tok)
    deps, tags = pack.deps, pack.tags
    verb = tok.head
    if tok.dep_ not in deps["direct_object"] or not lexicon.has("battle_won_verbs",
                                                                _lemma(verb)):
        return []
    perfect = any(lexicon.has("perfect_auxiliaries", c.lower_) for c in verb.children)
    if (verb.tag_ not in tags["participle"] and verb.tag_ not in tags["finite"]) or any(
            lexicon.has("modal_auxiliaries", c.lower_)
            or (c.tag_ in tags["infinitive_marker"] and not perfect) for c in verb.children):
        return []  # "is winning the battle", "could win", "to win the battle": not won yet
        # ("appears to have won the battle": won)
    if verb.tag_ in tags["participle"] and any(c.dep_ in deps["passive"] for c in verb.children):
        return []
    node = verb
    while True:  # "Ukraine appears to have won ...": the subject of the verb it completes
        subj = [c for c in node.children if c.dep_ in deps["active_nominal_subject"]]
        if subj or node.dep_ not in deps["subject_sharing"] or node.head.i == node.i:
            break
        node = node.head
    return [s for s in subj if s.lower_ not in ("who", "whoever", "which")]


def _continuing(tok: Token, lexicon: Lexicon) -> bool:
    """True when a holding is told as continuing: the trigger (or the verb a control state
    hangs on) is, or is modified by, a continuation word ("was *still* under Ukrainian
    control", "*remained* in Ukrainian hands", "*continues* to hold X"; lexicon
    ``continuation_words``)."""
    words = [tok, *tok.children]
    if tok.head.i != tok.i:
        words += [tok.head]  # "continues to hold X": the trigger under the continuing verb
    return any(lexicon.has("continuation_words", w.lower_) for w in words)


#: Changes whose gainer holds the ground taken ("seized land in X": part of X held, rule
#: ``place.ground_in``); a withdrawal from ground in X stays a fight for X.
GROUND_TAKEN_KINDS = frozenset({"capture", "recapture", "transfer"})


def _last_held(tok: Token, lexicon: Lexicon) -> bool:
    """A holder adjective on a noun a word of the lexicon's ``last_held_marks`` modifies ("the
    last Ukrainian-controlled city in the region", "the last remaining Russian-held village"):
    the holding is told as the state a change is ending, not conceded."""
    return any(c.dep_ in _pack(tok).deps["adjectival_modifier"]
               and lexicon.has("last_held_marks", c.lower_) for c in tok.head.children)


def _described_holder(tok: Token, lexicon: Lexicon) -> bool:
    """A holder adjective attributive on a noun ("the *Ukrainian-controlled* town of X",
    "*occupied* Melitopol", "the *Russian-installed* mayor of X", "X, a town in
    *Ukrainian-controlled* Donetsk"): a descriptor the clause presupposes, not what it
    asserts; not the last holding a change ends ("the last Ukrainian-controlled city",
    :func:`_last_held`)."""
    return tok.dep_ in _pack(tok).deps["adjectival_modifier"] and tok.head.i != tok.i \
        and not _last_held(tok, lexicon)


def _asserted_of(tok: Token, asserting: set[int]) -> bool:
    """Whether the noun a holder descriptor ``tok`` modifies is what another change or holding
    trigger of the clause asserts ("Moscow said its forces had captured the Ukrainian-held
    town of X", "claimed its troops controlled the occupied town of X"): ``asserting`` (the
    token indices of the sentence's change and holding triggers) holds a word on the way from
    the noun up to the first verb above it, or that verb."""
    node = tok.head
    while True:
        if node.i != tok.i and node.i in asserting:
            return True
        if _is_verbal(node) or node.head.i == node.i:
            return False
        node = node.head


def _make_event(trig: Trigger, role: str, mention: Mention, actor: _Actor | None,
                other: _Actor | None, slot: _Slot, status: str, dr, tok: Token, sent: Span,
                profile: Profile | None, lexicon: Lexicon, source: str | None,
                published: date | None, rules: tuple[str, ...] = (),
                contested_by: str | None = None, described: bool = False) -> Event | None:
    """The event of a trigger at one place of its slot, or None (no place for control, one
    namesake of many, another country's place for the occupier). ``described``: the trigger
    is a holder descriptor no other trigger's assertion is about
    (:func:`_described_holder`, :func:`_asserted_of`)."""
    kind = trig.kind
    place = mention.place
    provenance = [trig.id, *rules]
    if place.level in _NON_PLACE_LEVELS_FOR_CONTROL and kind not in ("annexation_claim",):
        return None
    if _macro_region(place):
        return None  # "gained a foothold in the Sahel", "the Black Sea region": in no country
    if ambiguous_place(place):
        return None  # one of many namesakes, the text does not say which: no point to it
    if trig.id in (OCCUPIER_TRIGGER, INSTALLED_TRIGGER, HYPHENATED_HOLDER_TRIGGER,
                   LOCATED_IN_HELD_TRIGGER) and (
            profile is None or place.country_code not in profile.countries):
        # the occupier of this conflict occupies none of another's places, nor does a side
        # hold one ("the Russian-held town of Mary": no town of that name in a third
        # country)
        return None
    if kind in CONTROL_KINDS and at_facility(mention, slot):
        site = site_of(mention, slot, lexicon)
        if site is not None:
            place = site  # "seized the power plant in X": the plant is taken, not X
            provenance.append("kind.facility_site")
        else:
            kind = "contested"  # ... in X known by its province only: a foothold there
            provenance.append("kind.facility_contested")
    elif slot.ground and slot.is_partial(mention) and place.is_area \
            and kind in GROUND_TAKEN_KINDS and _under_way(tok, lexicon) is None \
            and announced_change(tok, kind) is None and contested_by is None:
        # "took control of territory in the X and Y regions": the taker holds part of each
        # from then on (a part holding), where "captured parts of X" is a fight for X
        kind = "held"
        provenance.extend(("place.ground_in", "place.partial"))
    elif slot.is_partial(mention) and kind in CONTROL_KINDS:
        kind = "contested"  # "captured parts of X": the place is fought over, not taken
        provenance.append("kind.partial_contested")
    elif (slot.is_partial(mention) or trig.part) and kind == "held":
        # "held parts of X", "hold positions in X": a part holding (timeline)
        provenance.append("place.partial")
    if kind == "held" and _continuing(tok, lexicon):
        provenance.append("held.continuing")  # "X was still under Ukrainian control"
    # a site's change is read like any other ("began occupying the city hall": under way)
    if kind in CONTROL_KINDS and (aspect := _under_way(tok, lexicon)) is not None:
        kind = "contested"  # "began withdrawing from X": changing hands, not yet changed
        provenance.extend(("kind.under_way_contested", aspect))
    elif kind in CONTROL_KINDS and (announced := announced_change(tok, kind)) is not None:
        kind = "contested"  # "announced the withdrawal of its troops from X": under way
        provenance.append(announced)
    elif kind in CONTROL_KINDS and contested_by is not None:
        kind = "contested"  # "briefly captured X": the change did not last
        provenance.append(contested_by)
    side = actor.side if actor else None
    other_side = other.side if other else None
    gain = loss = gain_actor = None
    if kind in ("capture", "recapture", "transfer", "held", "advance", "annexation_claim"):
        gain = side
        loss = other_side or (profile.opponent(gain) if profile and kind in CONTROL_KINDS
                              else None)
        if gain is None and other_side and profile and kind in CONTROL_KINDS:
            gain = profile.opponent(other_side)
        if gain is None and actor is not None:
            gain_actor = _normalise_actor(actor.text, lexicon) or None
        if trig.actor_is_country and actor is not None and gain is None:
            gain_actor = _normalise_actor(actor.text, lexicon) or None
        if actor is not None and actor.named and role == "gainer":
            # the named party stays beside its side, as ACLED keeps actor1
            gain_actor = _normalise_actor(actor.text, lexicon) or None
    elif kind == "withdrawal" and trig.loser_object and role == "gainer":
        # "Ukrainian troops drove Russian forces back across the river", passive "were pushed
        # back over the river": the party pushed back withdraws (the trigger's loser); with
        # none named ("Ukrainian forces pushed back over the river": pushed, or pushing?) the
        # change names no side
        loss = other_side
        gain = profile.opponent(loss) if profile and loss else None
    elif kind == "withdrawal":
        loss = side
        gain = other_side or (profile.opponent(loss) if profile else None)
    if gain is None and loss is None and gain_actor is None and profile is not None \
            and kind in ("capture", "withdrawal"):
        # "the governor admitted that X had fallen": a party conceding a change concedes
        # its own side's loss
        conceded = conceding_party(tok, profile, lexicon)
        if conceded is not None:
            loss, gain = conceded, profile.opponent(conceded)
            provenance.append("actors.conceded_loss")
    if status == "claimed" and loss is not None and profile is not None \
            and kind in CONTROL_KINDS:
        reporter = reporting_party(tok, profile, lexicon)
        if reporter is not None and reporter.side == loss:
            status = "reported"  # a party conceding its own loss admits it; it claims nothing
            provenance.append("factuality.concession")
    if status == "claimed" and kind == "held" and gain is not None and profile is not None \
            and lexicon.has("holder_triggers", trig.id) and not _last_held(tok, lexicon):
        reporter = reporting_party(tok, profile, lexicon)
        if reporter is not None and reporter.side == profile.opponent(gain):
            # "the governor said the convoy would pass through the Russian-held city of X": a
            # party naming the other side the holder claims nothing for its own side
            status = "reported"
            provenance.append(HOLDER_CONCEDED)
        elif described and any(
                r.startswith(ATTRIBUTION_RULES) and r.endswith(":claimed") for r in rules):
            # "Ukraine's general staff said Russian troops attacked towards the
            # Ukrainian-controlled town of X": the descriptor is background the report
            # presupposes, not what the party asserts; it reads as it would outside the report
            status = "reported"
            provenance.append(HOLDER_DESCRIBED)
    actors = tuple(a.text for a in (actor, other) if a is not None)
    confidence = BASE_CONFIDENCE
    if kind in CONTROL_KINDS and gain is None and gain_actor is None:
        confidence -= 0.25
    if any(m is mention for m in slot.examples):
        provenance.append("place.listed_examples")  # "three towns, including X"
    if slot.coreferent:
        confidence -= 0.15
        if slot.reference is not None:
            provenance.append(slot.reference)  # the place before a list of places
    elif slot.reference == COLON_LIST_RULE:
        provenance.append(COLON_LIST_RULE)  # "liberated two more villages: A and B"
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
    if place.location is not None:
        # the rules that placed it: the one that chose among its namesakes (``namesake-*``,
        # ``text``, ``near-locator-over-community``, ...; a bank's or an area's rule, named
        # above) and the respellings by which the codifier found it ("Awdijwka": ``de-w``)
        provenance += [r for r in (place.location.settled_by,
                                   *(place.location.respelled_by or "").split(",")) if r]
    return Event(
        kind=kind, place=place, date_from=date_from, date_to=date_to, date_precision=precision,
        gain=gain, loss=loss, gain_actor=gain_actor, actors=actors, status=status,
        confidence=round(confidence, 3), sentence=sent.text.strip(),
        start=sent.start_char, end=sent.end_char, source=source, article_id=None,
        published=published, trigger=tok.text, mention_start=mention.start,
        mention_end=mention.end, provenance=tuple(dict.fromkeys(provenance)),
    )


def _names_a_state(head: Token, index: _DocIndex) -> bool:
    """True when an actor phrase's head names a state: a country the geoparser found there
    ("Azerbaijan", "the Russian Federation"), or a name the tagger labels a geopolitical
    entity."""
    m = index.mention_at(head)
    return (m is not None and m.place.level == "country") \
        or head.ent_type_ in _pack(head).ents["state"]


def _under_way(tok: Token, lexicon: Lexicon) -> str | None:
    """The id of the aspect by which the change of the trigger ``tok`` is under way, not done
    (None: done, or told in no such aspect):

    * ``aspect.progressive``: a trigger in the progressive ("are withdrawing from X", "were
      retreating from X");
    * ``aspect.inception``: a verb of beginning or going on governs it ("began withdrawing from
      X", "started to pull out of X", "began the liberation of X", "the withdrawal from X
      began"; lexicon ``inception_heads``);
    * ``aspect.witnessed``: a gerund seen or reported as it happens ("troops were reported
      leaving X", "were seen pulling out of X", "video showed troops leaving X"; lexicon
      ``witnessed_gerund_heads``), unlike "were reported to have left X" or a flag seen
      being raised ("were filmed raising the flag in X": the control shown);
    * ``aspect.in_process``: a gerund a noun of a process in course governs ("were in the
      process of leaving X", "in the midst of withdrawing from X"; lexicon
      ``in_process_nouns``)."""
    pack = _pack(tok)
    deps = pack.deps
    gerund = tok.tag_ in pack.tags["gerund"]
    if gerund and any(
            c.dep_ in deps["auxiliary"] and lexicon.has("progressive_auxiliaries", _lemma(c))
            for c in tok.children):
        return "aspect.progressive"
    if tok.dep_ in deps["active_nominal_subject"] and tok.pos_ in pack.pos["common_noun"] \
            and _is_verbal(tok.head) and lexicon.has("inception_heads", _lemma(tok.head)):
        return "aspect.inception"  # "the withdrawal from X began on Monday"
    if tok.dep_ in deps["inception_complement"] and _is_verbal(tok.head) \
            and lexicon.has("inception_heads", _lemma(tok.head)):
        return "aspect.inception"
    if not gerund:
        return None
    witness: Token | None = None
    if tok.dep_ in deps["controlled_complement"]:
        witness = tok.head  # "troops were seen leaving X"
    elif tok.dep_ in deps["describing_clause"] and tok.head.dep_ in deps["undergoer"]:
        witness = tok.head.head  # "video showed troops leaving X": the troops' witness
    # ... but a flag seen being raised shows the control itself ("photos depict troops
    # raising the flag in X"; lexicon ``flag_nouns``)
    if witness is not None and witness.i != tok.i and _is_verbal(witness) \
            and lexicon.has("witnessed_gerund_heads", _lemma(witness)) \
            and not any(c.dep_ in deps["direct_object"] and lexicon.has("flag_nouns", _lemma(c))
                        for c in tok.children):
        return "aspect.witnessed"
    if in_process_frame(tok, lexicon) is not None:  # "in the process of leaving X"
        return "aspect.in_process"
    return None


def _dedupe(events: list[Event]) -> list[Event]:
    """One event per (place, kind, sentence): keep the most confident."""
    best: dict[tuple, Event] = {}
    for e in events:
        key = (e.place.id, e.kind, e.start)
        if key not in best or e.confidence > best[key].confidence:
            best[key] = e
    return sorted(best.values(), key=lambda e: (e.start, e.mention_start or 0))


def extract_from_parsed(doc: Doc, mentions: Sequence[Mention], published: date | None = None,
                        source: str | None = None, profile: Profile | None = None,
                        lexicon: Lexicon | None = None,
                        article_id: str | None = None, gazetteer=None,
                        rules: ContextRules | None = None,
                        progress: bool | None = None) -> list[Event]:
    """Events of a parsed text (see the module docstring for the rules).

    ``doc`` must have a dependency parse and sentence boundaries; ``mentions`` are resolved
    places with character offsets into ``doc.text``. ``profile`` names the sides (None: no side
    ids, ``gain_actor`` carries the actor text). With a ``gazetteer``
    (:class:`geo_events.gazetteer.Gazetteer`), event arguments the geoparser missed are resolved
    from it (see :mod:`geo_events.events.places`) and places are re-resolved to fit an
    "X, Region" locator. Events carry ``profile.id`` as :attr:`Event.profile`. ``rules``: the
    factuality rules (default :func:`~geo_events.events.context_rules.load_rules`).

    Time is linear in the length of the text: per-sentence lookups go through indexes built
    once per document (:class:`~geo_events.events.places._DocIndex`, :class:`_Dates`).
    ``progress``: a bar on stderr over the text's characters (None: only for a long text, see
    :func:`geo_events.progress.document_bar`).
    """
    return _extract(doc, mentions, published, source, profile, lexicon, article_id, gazetteer,
                    rules, None, progress)


def explain_from_parsed(doc: Doc, mentions: Sequence[Mention], published: date | None = None,
                        source: str | None = None, profile: Profile | None = None,
                        lexicon: Lexicon | None = None,
                        article_id: str | None = None, gazetteer=None,
                        rules: ContextRules | None = None,
                        progress: bool | None = None) -> Explained:
    """:func:`extract_from_parsed` plus the candidates that made no event, each with the id
    of the rule that dropped it (:class:`~geo_events.events.explain.Explained`)."""
    dropped: list[DroppedCandidate] = []
    events = _extract(doc, mentions, published, source, profile, lexicon, article_id,
                      gazetteer, rules, dropped, progress)
    if article_id is not None:
        dropped = [replace(d, article_id=article_id) for d in dropped]
    return Explained(events, sorted(dropped, key=lambda d: d.trigger_start))


def _extract(doc: Doc, mentions: Sequence[Mention], published: date | None,
             source: str | None, profile: Profile | None, lexicon: Lexicon | None,
             article_id: str | None, gazetteer, rules: ContextRules | None,
             dropped: list[DroppedCandidate] | None,
             progress: bool | None = None) -> list[Event]:
    with using_language(doc.lang_):  # every loader reads the pack of the text's language
        return _extract_in_language(doc, mentions, published, source, profile, lexicon,
                                    article_id, gazetteer, rules, dropped, progress)


def _extract_in_language(doc: Doc, mentions: Sequence[Mention], published: date | None,
                         source: str | None, profile: Profile | None, lexicon: Lexicon | None,
                         article_id: str | None, gazetteer, rules: ContextRules | None,
                         dropped: list[DroppedCandidate] | None,
                         progress: bool | None = None) -> list[Event]:
    from geo_events.progress import document_bar

    lexicon = lexicon or load_lexicon()
    register_inflections(doc.lang_, lexicon.maps.get("inflections", {}))
    ensure_lemmas(doc)
    index = _DocIndex(doc, mentions, lexicon, profile, gazetteer)
    cues = DocCues(doc, rules or load_rules(), index.text)
    start = getattr(profile.start, "date", None) if profile is not None else None
    # news (no retelling of the past): a year written in one paragraph dates no other
    read, retrospective = text_dates(index.text, published, conflict_start=start)
    dates = _Dates(read)
    index.sections = section_dates(index.text, dates)
    index.headings = heading_spans(index.text)
    if retrospective:
        index.narrative_points = narrative_points(dates)
        index.narrative_starts = [d.start for d in index.narrative_points]
    index.section_starts = [start for start, _ in index.sections]
    triggers = match_triggers(doc, lexicon)  # every trigger of the text, in one pass
    state: dict = {}
    events: list[Event] = []
    with document_bar(len(index.text), "events", progress) as bar:
        for sno, sent in enumerate(index.sentences):
            events.extend(_events_for_sentence(sent, index, dates, profile, published, source,
                                               state, cues, dropped, triggers))
            note_subjects(sent, profile, lexicon, state, state.pop("actor_heads", ()))
            bar.update(sent.end_char - (index.sentences[sno - 1].end_char if sno else 0))
    if article_id is not None:
        events = [replace(e, article_id=article_id) for e in events]
    if profile is not None:  # each event says which profile its sides belong to
        events = [replace(e, profile=profile.id) for e in events]
    return _dedupe(events)
