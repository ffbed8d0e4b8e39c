"""The slots of a trigger found in a dependency parse: place, actor, loser.

A trigger is a verb or noun heading a lexicon phrase (:mod:`geo_events.events.lexicon`),
found by its compiled dependency patterns (:mod:`geo_events.events.patterns`); its slots are
the tokens heading the place argument (object, subject, or the object of the phrase's
preposition, its ``prep:<p>`` slot; passive voice, relative clauses and participles handled)
and the actor. The
dependency labels come from the language pack (:mod:`geo_events.language`, ``deps``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from spacy.tokens import Token

from geo_events.events.lexicon import Lexicon, Trigger
from geo_events.events.patterns import DocTriggers
from geo_events.events.syntax import (
    DATE_PHRASE_SUBJECT_RULE,
    _is_nominal,
    _is_verbal,
    _lemma,
    _of_objects,
    _pack,
    _phrase_tokens,
    date_phrase_subject,
    stranded_subject,
)
from geo_events.geoparse.locators import direction_words
from geo_events.geoparse.recognize import name_before_time_noun
from geo_events.model import CONTROL_KINDS

#: Rule id of a name the parser conjoined to the trigger verb, read as one more place
#: (:func:`verb_conjoined_names`).
VERB_CONJOINED_RULE = "place.verb_conjoined_name"
#: Rule id of the subject of a reporting verb read as the place of the change it reports
#: (:func:`raised_subject`).
RAISED_SUBJECT_RULE = "place.raised_subject"
#: Rule id of a name the parser hung inside the date phrase of the name before it in a gapped
#: dated list, read as one more place (:func:`date_phrase_names`).
DATE_PHRASE_ITEM_RULE = "place.date_phrase_item"
#: Rule id of the subject of a declared state read as the place ("Ukraine declared X
#: liberated", :func:`declared_subject`).
DECLARED_STATE_RULE = "place.declared_state"
#: Rule id of a relative clause's place read as the name under the noun the parser hung the
#: clause on ("residents of X, which Russia occupied": X; :func:`relative_antecedent`).
RELATIVE_ANTECEDENT_RULE = "place.relative_antecedent"
#: Rule id of the agent of a passive report read as the reporter, not the trigger's actor
#: ("X was declared liberated by the ministry", :func:`report_agent`).
REPORT_AGENT_RULE = "factuality.report_agent"
#: Rule id of the noun of an absolute clause read as the place of its participle ("..., with
#: the towns of X and Y reported as liberated on 4 October", :func:`absolute_subject`).
ABSOLUTE_CLAUSE_RULE = "place.absolute_clause"


class Found(NamedTuple):
    """The tokens heading a slot of a trigger (:func:`_place_roots`, :func:`_actor_heads`) and
    the ids of the repair rules that found them (``place.raised_subject``,
    ``actor.date_phrase_subject``, ...), for the provenance of the events they make: each
    repair runs once and names itself."""
    tokens: list[Token]
    rules: tuple[str, ...] = ()


def _is_passive(tok: Token, lexicon: Lexicon) -> bool:
    """A passive verb ("X was captured", "the town captured by Russia", "X remains contested");
    a participle with an active subject of its own is none: a complement clause the parser
    hangs on a noun as a modifier ("denied reports that Russian forces had seized X": X is the
    object)."""
    pack = _pack(tok)
    if any(c.dep_ in pack.deps["passive"] for c in tok.children):
        return True
    if _bare_complement(tok) and raised_subject(tok, lexicon) and _passive_report(tok.head):
        return True  # "X was reported (as) captured": the participle of a passive report
    if absolute_subject(tok, lexicon):
        return True  # "..., with X (reported as) liberated": an absolute clause's participle
    return tok.tag_ in pack.tags["participle"] and (
        tok.dep_ in pack.deps["participle_modifier"]
        or tok.dep_ in pack.deps["adjectival_complement"]  # "X remains contested"
        or any(c.dep_ in pack.deps["agent"] for c in tok.children)) \
        and not any(c.dep_ in pack.deps["active_nominal_subject"] for c in tok.children)


def _passive_report(verb: Token) -> bool:
    """A passive verb ("X was *reported* captured"), or a past participle modifying a noun
    with no subject of its own ("X, *reported* liberated on 9 May, ...": the noun is what
    is reported)."""
    pack = _pack(verb)
    deps = pack.deps
    if any(c.dep_ in deps["passive"] for c in verb.children):
        return True
    return verb.dep_ in deps["participle_modifier"] and verb.head.i != verb.i \
        and (verb.tag_ in pack.tags["participle"] or verb.tag_ in pack.tags["past"]) \
        and _is_nominal(verb.head) and not any(c.dep_ in deps["subject"] for c in verb.children)


def _bare_complement(tok: Token) -> bool:
    """A past participle with no auxiliary, object or subject of its own, as complement of a
    verb ("were reported *liberated*", "was reported as *recaptured*", where the tagger may
    read a past tense): passive ("were reported to have *captured* X" is active)."""
    pack = _pack(tok)
    deps = pack.deps
    own = deps["any_auxiliary"] | deps["direct_object"] | deps["subject"]
    # "was declared *liberated*": a participle the tagger read as an adjective
    verb_form = tok.tag_ in pack.tags["participle"] or tok.tag_ in pack.tags["past"] or (
        tok.pos_ in pack.pos["small_clause_head"] and _is_verbal(tok))
    return verb_form and not any(c.dep_ in own for c in tok.children)


def _place_roots(tok: Token, trig: Trigger, parts: Sequence[Token], found: DocTriggers,
                 lexicon: Lexicon) -> Found:
    """Tokens heading the place argument(s) of the trigger: the ``place`` slot of its
    compiled patterns (:meth:`DocTriggers.slot`), the object of its preposition (its
    ``prep:<p>`` slot, :meth:`DocTriggers.prep_slot`), and the repairs below for what a parser
    gets wrong; with the places an accompanying preposition on the trigger adds ("regained
    control of X, *along with* the rest of Y Oblast": :func:`_accompanying`), and the ids of
    the repair rules that found them."""
    passive = _is_passive(tok, lexicon)
    roots, rules = _slot_roots(tok, trig, parts, found, lexicon, passive)
    if trig.place != "subject" and not (trig.place == "object" and passive):
        roots += [r for r in _accompanying(tok, lexicon) if r not in roots]
        if roots and trig.kind in CONTROL_KINDS:
            conjoined = verb_conjoined_names(tok)
            roots += [r for r in conjoined if r not in roots]
            if conjoined:  # "liberated X on 9 May and Y on 10 May"
                rules += (VERB_CONJOINED_RULE,)
            gapped = date_phrase_names(tok, roots)
            roots += [r for r in gapped if r not in roots]
            if gapped:  # "captured X in April, Y in May"
                rules += (DATE_PHRASE_ITEM_RULE,)
    return Found(roots, rules)


def verb_conjoined_names(tok: Token) -> list[Token]:
    """Names the parser conjoined to the trigger verb itself, after its place, with no verb,
    argument or phrase of their own and no date or number after them in the sentence but
    their own date: more items of its place slot (rule ``place.verb_conjoined_name``):
    "withdrew from X, as well as *Y* and other settlements", "retook X and, days later, *Y*",
    "took X on 2 May and then *Y* on 9 May" (the date right after Y is Y's own, rule
    ``date.list_item`` of the extraction)."""
    pack = _pack(tok)
    deps = pack.deps
    if not _is_verbal(tok):
        return []
    # a gapped clause of its own ("attacks X with rockets, and Y with gas prices") has words
    # besides the names: an object, a verb, a phrase; only a date phrase right after the name
    # is its own ("captured X in March and then Y in May")
    own = deps["subject"] | deps["direct_object"] | deps["any_auxiliary"] \
        | deps["prepositional"]
    blocking = pack.ents["blocking"]
    out = []
    for c in tok.children:
        if not (c.dep_ in deps["conjunct"] and c.i > tok.i and c.pos_ in pack.pos["proper_noun"]
                and c.ent_type_ not in blocking):
            continue
        # "and Y and Z on 12 May": the date after the group's last name is the group's own
        dated = set().union(*(own_date_phrase(g) for g in c.subtree if g is c or (
            g.dep_ in deps["conjunct"] and g.pos_ in pack.pos["proper_noun"])))
        # "took X in May, Y in June, Z in July": the dates of the names after it are theirs
        later = _own_dates_after(c)
        if not any(g.dep_ in own or _is_verbal(g) for g in c.subtree
                   if g is not c and g.i not in dated) \
                and not any(t.ent_type_ in blocking for t in tok.doc[c.i + 1:tok.sent.end]
                            if t.i not in dated and t.i not in later):
            out.append(c)
    return out


def _own_dates_after(name: Token) -> set[int]:
    """The token indices of the own date phrases (:func:`own_date_phrase`) of the proper
    names after ``name`` in its sentence: the dates of a dated list's later items."""
    pos = _pack(name).pos["proper_noun"]
    return set().union(*(own_date_phrase(t) for t in name.doc[name.i + 1:name.sent.end]
                         if t.pos_ in pos))


def date_phrase_names(tok: Token, roots: Sequence[Token]) -> list[Token]:
    """Names of a gapped dated list that the parser hung inside the date phrase before them
    (rule ``place.date_phrase_item``): "captured X in April, *Y* in May" (Y an apposition of
    "April"), "liberated X on 10 September, Y on 1 October and *Z* on 11 November" (Z a
    conjunct of "October"). A proper name that is a list item (``list_item`` dependency) of a
    word of a date phrase hanging on the trigger ``tok`` or on a name already read (``roots``,
    or one found here), followed by its own date phrase (:func:`own_date_phrase`, which rule
    ``date.list_item`` of the extraction gives it) and by nothing of its own but that, with no
    date or number after it in the sentence but its own date's: one more item of the place
    slot. In text order, each item may carry the next ("X in April, Y in May, Z in June")."""
    pack = _pack(tok)
    deps = pack.deps
    time = pack.ents["time"]
    blocking = pack.ents["blocking"]
    own = deps["subject"] | deps["direct_object"] | deps["any_auxiliary"] \
        | deps["prepositional"]
    read = {tok.i, *(r.i for r in roots)}
    out: list[Token] = []
    for c in tok.sent:
        if c.i <= tok.i or c.dep_ not in deps["list_item"] \
                or c.pos_ not in pack.pos["proper_noun"] or c.ent_type_ in blocking \
                or c.head.ent_type_ not in time:
            continue
        prep = c.head  # up the date phrase to the preposition that opens it
        while prep.ent_type_ in time and prep.head is not prep:
            prep = prep.head
        if prep.dep_ not in deps["prepositional"] or prep.head.i not in read:
            continue
        dated = own_date_phrase(c)
        later = _own_dates_after(c)
        # nothing of its own before its date, no verb after it ("Y in May, killing ..."),
        # and no date or number in the rest of the sentence but the next items' own dates
        if not dated or any(g.dep_ in own for g in c.subtree
                            if g is not c and g.i not in dated and g.i < max(dated)) \
                or any(_is_verbal(g) for g in c.subtree) \
                or any(t.ent_type_ in blocking for t in tok.doc[c.i + 1:tok.sent.end]
                       if t.i not in dated and t.i not in later):
            continue
        out.append(c)
        read.add(c.i)
    return out


def preposition_after(name: Token) -> Token | None:
    """The preposition right after the name ending at token ``name`` with a word after it in
    its sentence ("Y *on* 10 September", "X *in* May"), else None: where the date right after a
    name begins. Its date is read from the parse here (:func:`own_date_phrase`) and from the
    date reader's mentions in the extraction (``extract._own_date_after``)."""
    if name.i + 2 > name.sent.end - 1:
        return None
    prep = name.doc[name.i + 1]
    return prep if prep.dep_ in _pack(name).deps["prepositional"] else None


def own_date_phrase(name: Token) -> set[int]:
    """The token indices of the date phrase right after ``name`` that is its own: a
    preposition on the name or on a word above it (the verb, :func:`preposition_after`),
    followed by nothing but the words of a date or time ("Y *on 10 September*", "Y *in
    May*"); empty if there is none."""
    pack = _pack(name)
    prep = preposition_after(name)
    if prep is None or not (prep.head == name or prep.head in name.ancestors):
        return set()
    words = [t for t in prep.subtree if t is not prep]
    if not words or words[0].i != prep.i + 1 \
            or any(t.ent_type_ not in pack.ents["time"] for t in words):
        return set()
    return {t.i for t in prep.subtree}


def _accompanying(tok: Token, lexicon: Lexicon) -> list[Token]:
    """The objects of an accompanying preposition hanging on the trigger (lexicon
    ``accompaniment_prepositions``: "along with", "together with"): "Ukrainian forces
    regained control of X on 11 April, *along with* the rest of Y Oblast" retakes Y too. Only
    place mentions among them fill the slot ("withdrew from X along with their equipment")."""
    deps = _pack(tok).deps
    out: list[Token] = []
    for phrase in sorted(lexicon.words.get("accompaniment_prepositions", ())):
        words = phrase.split()
        heads = [c for c in tok.children if c.lower_ == words[0]
                 and c.dep_ in deps["prepositional"]]
        for w in words[1:]:
            heads = [c for h in heads for c in h.children if c.lower_ == w]
        out += [c for h in heads for c in h.children if c.dep_ in deps["prepositional_object"]]
    return out


def _slot_roots(tok: Token, trig: Trigger, parts: Sequence[Token], found: DocTriggers,
                lexicon: Lexicon, passive: bool) -> Found:
    """The place slot's tokens (:func:`_place_roots`; ``passive``: :func:`_is_passive` of
    ``tok``) and the ids of the repair rules that found them."""
    deps = _pack(tok).deps
    if trig.place == "prep":
        roots: list[Token] = []
        for p in found.prep_slot(tok, trig.prep or "", parts):
            # "not just from X, but also from Y": the preposition repeated in a conjunct
            same = [c for c in p.children if c.dep_ in deps["conjunct"] and c.lower_ == p.lower_]
            for q in (p, *same):
                roots.extend(c for c in q.children if c.dep_ in deps["preposition_object"])
            if not any(c.dep_ in deps["prepositional_object"] for c in p.children):
                if p.dep_ in deps["particle"]:  # "took over X": a particle, the verb's object
                    roots.extend(c for c in p.head.children if c.dep_ in deps["direct_object"])
                else:  # a misattached object: the next noun
                    roots.extend(c for c in p.rights if _is_nominal(c))
        return Found(roots)
    if trig.place == "subject" or (trig.place == "object" and passive):
        if absolute := absolute_subject(tok, lexicon):  # "..., with X reported liberated"
            return Found(absolute, (ABSOLUTE_CLAUSE_RULE,))
        subj = found.slot(tok, "place:subject")
        if not subj and tok.dep_ in deps["modifier_clause"] and trig.pos == "verb":
            subj = [tok.head]  # "the town captured by ..." / "the recaptured town"
        if not subj and tok.dep_ in deps["conjunct"]:
            subj = [c for c in tok.head.children if c.dep_ in deps["subject"]]
        if not subj:  # "X was reported captured", "X was declared fully liberated"
            subj = raised_subject(tok, lexicon)
            if subj:
                return Found(subj, (RAISED_SUBJECT_RULE,))
        if not subj:  # an unknown name before the verb is often mis-tagged ("X fell to ...")
            subj = [c for c in tok.lefts if c.dep_ in deps["misparsed_subject"]]
        if not subj and passive:
            # "X remains contested": a participle complement of a linking verb, or a passive
            # auxiliary the parser hung the subject on
            links = [tok.head] if tok.dep_ in deps["adjectival_complement"] else []
            links += [c for c in tok.children if c.dep_ in deps["passive"]]
            subj = [c for v in links for c in v.children
                    if c.dep_ in deps["nominal_subject"] and c.i < tok.i]
        if not subj and passive and tok.i == tok.sent.start:
            subj = [tok]  # "Captured by Russia on 3 March.": a caption about the place above
        return Found(subj)
    if trig.place == "poss":
        return Found(found.slot(tok, "place:poss"))
    if tok.dep_ in deps["relative_clause"] and trig.pos == "verb" and any(
            c.dep_ in deps["direct_object"] and c.i < tok.i
            and c.lower_ in _pack(tok).function_words["relative_pronoun"]
            for c in tok.children):
        # "Kherson, which Russian troops took in March": the relative pronoun stands for the
        # noun the clause describes (not "March" or "the first weeks" after the verb)
        noun = relative_antecedent(tok)
        return Found([noun], (RELATIVE_ANTECEDENT_RULE,) if noun.i != tok.head.i else ())
    objs = [c for c in found.slot(tok, "place:object") if c.i > tok.i and c not in parts]
    if not objs and (declared := declared_subject(tok, lexicon)):
        return Found(declared, (DECLARED_STATE_RULE,))  # "Ukraine declared X liberated"
    if not objs and trig.pos == "verb":
        # "forces retook Mala Shestirnya": an unknown name after an active verb parsed as its
        # subject; a subject does not follow its verb in a statement
        objs = [c for c in tok.children if c.dep_ in deps["nominal_subject"] and c.i > tok.i
                and any(s.dep_ in deps["active_nominal_subject"] and s.i < tok.i
                        for s in tok.children)]
    for p in parts[1:]:  # "took over X": X hangs on the particle
        if p.dep_ in deps["particle_attachment"] and p.head.i == tok.i:
            objs += [c for c in p.children if c.dep_ in deps["particle_object"]]
    if not objs and trig.pos == "verb":
        # "declared X free of Y": X is the subject of the phrase's own word, a small clause
        # under the verb, not its object
        objs = [c for p in parts[1:] if p.head.i == tok.i
                for c in p.children if c.dep_ in deps["nominal_subject"] and c.i > tok.i]
    if trig.pos == "verb" and (last := max(parts, key=lambda t: t.i)).i + 1 < len(tok.doc) \
            and (name := name_before_time_noun(tok.doc, last.i + 1)) is not None:
        # "entered Bakhmut days later", "entered Kherson hours after": the parser hung the
        # name on the time noun (its object then "later" or "hours"): the name is the object
        objs = [name, *(o for o in objs if not o.left_edge.i <= name.i <= o.right_edge.i)]
    if trig.pos == "noun":
        objs += _of_objects(tok)
    if not objs and tok.dep_ in deps["relative_clause"]:
        objs = [tok.head]
    return Found(objs)


def raised_subject(tok: Token, lexicon: Lexicon) -> list[Token]:
    """The subject of the verb of the lexicon's ``raised_subject_heads`` whose complement
    ``tok`` is, when it stands for the complement's own subject (rule
    ``place.raised_subject``): "X was reported (as) captured", "X was confirmed to have been
    liberated", "X is believed to have fallen", "X appears to have fallen". The complement is
    an infinitive or participle (``controlled_complement``) or an adverbial clause opened by
    a word of ``raised_complement_marks`` ("as"); the head is passive, or has no object of its
    own ("seems", "appears"): in "Russia declared X liberated" or "Ukraine claimed to have
    retaken X" its subject is no place of the change."""
    pack = _pack(tok)
    deps = pack.deps
    head = tok.head
    if head.i == tok.i or not _is_verbal(head) or not lexicon.has("raised_subject_heads",
                                                                   _lemma(head)):
        return []
    passive = _passive_report(head)
    if not (tok.dep_ in deps["controlled_complement"] or (
            tok.dep_ in deps["adverbial_clause"]
            and any(c.dep_ in deps["marker"] and lexicon.has("raised_complement_marks", c.lower_)
                    for c in tok.children))
            or (passive and tok.dep_ in deps["object_predicate"])  # "was declared liberated"
            # "X was reported recaptured by ...", the participle read as an adverbial clause
            or (passive and tok.dep_ in deps["adverbial_clause"] and tok.i == head.i + 1
                and _bare_complement(tok)
                and not any(c.dep_ in deps["marker"] for c in tok.children))):
        return []
    if not passive and any(c.dep_ in deps["argument"] for c in head.children):
        return []
    if passive and not any(c.dep_ in deps["passive"] for c in head.children):
        return [head.head] if head.head.i < head.i else []  # "X, reported liberated, ..."
    subjects = deps["passive_subject"] if passive else deps["active_nominal_subject"]
    return [c for c in head.children if c.dep_ in subjects and c.i < tok.i]


def absolute_subject(tok: Token, lexicon: Lexicon) -> list[Token]:
    """The noun of an absolute clause whose participle is ``tok`` or the report verb ``tok``
    complements (rule ``place.absolute_clause``): "..., with the towns of X, Y and Z
    reported as liberated on 4 October", "..., with X recaptured by Ukrainian forces". The
    clause opens with a word of the lexicon's ``absolute_clause_marks`` ("with") right before
    the noun phrase, which ends right before the participle (adverbs of the participle
    between them aside); the participle (or past form the tagger read) and the trigger have
    no auxiliary or object of their own ("with Ukrainian forces reported to have captured
    X": X is the trigger's object), the participle no subject after it. The parser hangs
    the noun anywhere (the object of "with", the subject of the participle or of its report
    verb, under another word), so the words' order decides, not the arcs."""
    pack = _pack(tok)
    deps = pack.deps
    verb, head = tok, tok.head
    if head.i != tok.i and head.i < tok.i and head.dep_ in deps["prepositional"] \
            and lexicon.has("raised_complement_marks", head.lower_):
        head = head.head  # "reported as liberated", "as" read as a preposition
    if head.i != tok.i and head.i < tok.i and _is_verbal(head) \
            and lexicon.has("raised_subject_heads", _lemma(head)):
        verb = head  # "with X reported (as) liberated": the report verb is the participle
    if (verb is not tok and not _bare_complement(tok)) \
            or not (verb.tag_ in pack.tags["participle"] or verb.tag_ in pack.tags["past"]
                    or _bare_complement(tok)) \
            or any(c.dep_ in deps["any_auxiliary"] or c.dep_ in deps["direct_object"]
                   or (c.dep_ in deps["subject"] and c.i > verb.i) for c in verb.children):
        return []
    doc = verb.doc
    end = verb.i - 1
    while end >= 0 and doc[end].head.i == verb.i and doc[end].dep_ in deps["adverbial_modifier"]:
        end -= 1  # "with X *officially* declared liberated"
    sent_start = verb.sent.start
    nouns = sorted((t for t in doc[sent_start:end + 1]
                    if t.right_edge.i == end and _is_nominal(t) and t.left_edge.i > sent_start),
                   key=lambda t: t.left_edge.i)
    for noun in nouns:
        if lexicon.has("absolute_clause_marks", doc[noun.left_edge.i - 1].lower_):
            return [noun]
    return []


def agent_objects(verb: Token) -> list[Token]:
    """The objects of the agent phrases ("by" phrases) of the passive ``verb``: "X was seized
    *by Russian forces*" -> [forces]."""
    deps = _pack(verb).deps
    return [o for a in verb.children if a.dep_ in deps["agent"]
            for o in a.children if o.dep_ in deps["prepositional_object"]]


def report_agent(verb: Token, below: Token, lexicon: Lexicon) -> list[Token]:
    """The party a passive report names by its agent, who reports (rule
    ``factuality.report_agent``): "X was declared liberated *by the ministry*", "X was
    reported recaptured by the General Staff". ``verb`` is a passive verb of the lexicon's
    ``raised_subject_heads``, ``below`` the clause it reports. The agent hangs on the verb, or,
    as the parser mostly hangs it, on the participle ``below`` when its phrase names no armed
    party (lexicon ``armed_nouns``): "X was reported captured by Russian forces" names the
    capturer. Empty for an active report or one without an agent."""
    deps = _pack(verb).deps
    if not lexicon.has("raised_subject_heads", _lemma(verb)) \
            or not any(c.dep_ in deps["passive"] for c in verb.children):
        return []
    if own := agent_objects(verb):
        return own
    if below.head.i != verb.i:
        return []
    return [o for o in agent_objects(below) if not any(
        lexicon.has_token("armed_nouns", t)
        for t in _phrase_tokens(o))]


def declared_subject(tok: Token, lexicon: Lexicon) -> list[Token]:
    """The place a declaration states the trigger of: "Ukraine declared *X* liberated", which
    the parser reads as a clause with X its subject (rule ``place.declared_state``). ``tok``
    is a bare past form (no auxiliary, object or later subject of its own) in the clausal
    complement of a verb of the lexicon's ``declaration_heads``; its subject before it is the
    place, and the declaring party is the trigger's reporter, not its actor."""
    pack = _pack(tok)
    deps = pack.deps
    head = tok.head
    if head.i == tok.i or tok.dep_ not in deps["complement"] or not _is_verbal(head) \
            or not lexicon.has("declaration_heads", _lemma(head)) \
            or not (tok.tag_ in pack.tags["participle"] or tok.tag_ in pack.tags["past"]) \
            or any(c.dep_ in deps["any_auxiliary"] or c.dep_ in deps["direct_object"]
                   or c.dep_ in deps["marker"] for c in tok.children):
        return []
    return [c for c in tok.children if c.dep_ in deps["active_nominal_subject"] and c.i < tok.i]


def relative_antecedent(clause: Token) -> Token:
    """The noun a relative clause describes: its head, or, when the parser hung the clause on
    the common noun a name completes ("residents of X, which Russia has occupied since
    March": on "residents"; "the mayor of X, which Russian troops have held"), the proper name
    under that noun right before the comma that opens the clause (rule
    ``place.relative_antecedent``)."""
    head = clause.head
    pack = _pack(clause)
    propn = pack.pos["proper_noun"]
    left = clause.left_edge
    if head.pos_ in propn or left.i < 2 or clause.doc[left.i - 1].text != ",":
        return head
    name = clause.doc[left.i - 2]
    if name.pos_ in propn and name.i > head.i and head in name.ancestors \
            and name.dep_ in pack.deps["prepositional_object"]:
        return name
    return head


def _without_complementizer(subjects: list[Token]) -> list[Token]:
    """The subjects of a verb without a relative pronoun that a subject after it follows:
    "claims made by Russian bloggers that Ukrainians took X" parsed as a relative clause of
    "bloggers" with both "that" and "Ukrainians" its subjects: "that" opens a complement
    clause, and Ukrainians took X, not the bloggers."""
    if len(subjects) < 2:
        return subjects
    relative = _pack(subjects[0]).function_words["relative_pronoun"]
    return [s for s in subjects if not (s.lower_ in relative and any(
        o.i > s.i and o.lower_ not in relative for o in subjects))]


def _actor_heads(tok: Token, trig: Trigger, parts: Sequence[Token], found: DocTriggers,
                 lexicon: Lexicon) -> Found:
    """Tokens heading the acting party: the ``actor`` slot of the compiled patterns (the
    subject, or the passive's agent), the object of the phrase's preposition, an owner of a
    noun trigger, and the repairs below (conjoined verbs, participles); with the ids of the
    repair rules that found them (``actor.of_mover``, ``actor.date_phrase_subject``)."""
    spec = trig.actor
    if spec == "none" or (trig.place == "object" and declared_subject(tok, lexicon)):
        return Found([])  # "Ukraine declared X liberated": X is the place, the declarer reports
    pack = _pack(tok)
    deps = pack.deps
    if spec.startswith("prep:"):
        prep = spec.split(":", 1)[1]
        return Found([c for p in found.prep_slot(tok, prep, parts) for c in p.children
                      if c.dep_ in deps["prepositional_object"]])
    if spec == "object":
        return Found([c for c in tok.children if c.dep_ in deps["object_actor"]])
    if spec == "poss":
        return _noun_owner(tok, trig, lexicon)
    prefix = hyphenated_agent(tok)
    if prefix is not None:  # "Russian-annexed Crimea": the party before the hyphen did it
        return Found([prefix], (HYPHENATED_AGENT_RULE,))
    if _is_passive(tok, lexicon):
        agents = found.slot(tok, "actor:agent")
        # (not the trigger's own agent: "X was declared free of Y by Z" is Z's declaration)
        reporters = report_agent(tok.head, tok, lexicon) \
            if agents and tok.head.i != tok.i else []
        if reporters and all(a in reporters for a in agents):
            # "X was declared liberated by the ministry": the agent reports the change
            return Found([], (REPORT_AGENT_RULE,))
        if agents:
            return Found(agents)
        shared = conjoined_agent(tok, trig, found)
        if shared:  # "X was seized and annexed by Moscow"
            return Found(shared, (CONJOINED_AGENT_RULE,))
        if trig.ended_only:
            # "no Russian troops (were) *left* in X": the troops are (not) there
            return Found([tok.head] if tok.dep_ in deps["adjectival_clause"]
                         else [c for c in tok.children if c.dep_ in deps["passive_subject"]])
        # "the Russian flag was raised over X": the flag's nation is the one who raised it
        flag = lexicon.word_list("flag_nouns")
        return Found([m for c in tok.children if c.dep_ in deps["passive_subject"]
                      and _lemma(c) in flag for m in c.children if m.dep_ in deps["noun_modifier"]])
    if trig.pos == "noun":
        return _noun_owner(tok, trig, lexicon)
    subj = _without_complementizer(found.slot(tok, "actor:subject"))
    rules: tuple[str, ...] = ()
    dated = date_phrase_subject(tok) if not subj else None
    if dated is not None:
        # "On 12 April Ukrainian troops retook X": the subject parsed into the date phrase
        subj = [dated]
        rules = _date_phrase_rule(dated)
    stranded = stranded_subject(tok) if not subj else None
    if stranded is not None:
        # "Russian troops withdrew from X and Ukrainian troops entered the city": the party
        # the parser hung on the clause before is this verb's own subject, not shared
        subj = _party_subject([stranded], lexicon)
    node = tok
    # conjoined verbs share the subject ("entered X and seized Y"); so do factive xcomps;
    # a passive verb's subject does what its complement says ("troops were forced to
    # abandon X", "Russia is said to have taken X")
    while not subj and node.dep_ in deps["subject_sharing"] and node.head.i != node.i:
        controlled = node.dep_ in deps["controlled_complement"]
        node = node.head
        # "Ukrainian troops forced Russian units to withdraw from X": the object does it
        objs = [c for c in node.children if c.dep_ in deps["direct_object"]] \
            if controlled else []
        subj = objs or [c for c in node.children if c.dep_ in deps["active_subject"]
                        or (controlled and c.dep_ in deps["passive_subject"])]
        if not subj:  # "On 12 April Ukrainian troops crossed the river and retook X"
            dated = date_phrase_subject(node)
            subj = [dated] if dated is not None else []
            rules = _date_phrase_rule(dated) if dated is not None else ()
    gerund = pack.tags["gerund"]
    if not subj and tok.dep_ in deps["adjectival_clause"] and tok.tag_ in gerund:
        subj = [tok.head]  # "forces advancing on X"
    if not subj and tok.dep_ in deps["adverbial_clause"] and (tok.tag_ in gerund or any(
            c.dep_ in deps["auxiliary"] and c.tag_ in gerund for c in tok.children)):
        # a perfect participle too: "troops reached X, *having seized* Y on the way"
        # "Russia completed the pullout, abandoning the city": the main clause's subject
        subj = [c for c in tok.head.children if c.dep_ in deps["active_nominal_subject"]]
        if not subj:  # shared: "troops attacked the plant and took it, seizing the town"
            subj = _party_subject(_clause_subject(tok.head), lexicon)
    first = tok  # "before mounting an assault and *retaking* X": the first gerund's place
    while first.dep_ in deps["conjunct"] and first.tag_ in gerund and first.head.i < first.i \
            and first.head.tag_ in gerund:
        first = first.head
    governor = first.head.head
    if governor.dep_ in deps["direct_object"] and not _is_verbal(governor):
        governor = governor.head  # "claimed a victory by seizing X": on the verb's object
    if not subj and tok.tag_ in gerund and first.dep_ in deps["preposition_complement"] \
            and first.head.dep_ in deps["prepositional"] and _is_verbal(governor) \
            and lexicon is not None and (
                lexicon.has("gerund_clause_prepositions", first.head.lower_)
                or (lexicon.has("dated_gerund_clause_prepositions", first.head.lower_)
                    and any(t.ent_type_ in pack.ents["time"] for t in tok.subtree))):
        # "after recapturing X, troops went on", "took the town by storming X": the subject
        # of the clause the preposition belongs to, when it names a party; "since capturing X
        # in February" too, with a date of its own (without one, "since taking X" is only the
        # state the main clause's event falls in, background on no date)
        subj = _party_subject(_clause_subject(governor), lexicon)
    frame = in_process_frame(tok, lexicon) if not subj and lexicon is not None else None
    if frame is not None:
        # "Russian forces are in the process of leaving X", "forces in the midst of pulling
        # out of X": who is in the process, the subject of the clause the frame's phrase
        # hangs on or the noun it describes, when it names a party
        holder = frame.head.head if frame.head.dep_ in deps["prepositional"] else frame.head
        subj = _party_subject(_clause_subject(holder) if _is_verbal(holder) else [holder],
                              lexicon)
    return Found(subj, rules)


def _date_phrase_rule(dated: Token) -> tuple[str, ...]:
    """``actor.date_phrase_subject`` for a subject :func:`date_phrase_subject` found, unless
    the parser labelled it a subject after all (nothing repaired)."""
    return () if dated.dep_ in _pack(dated).deps["subject"] else (DATE_PHRASE_SUBJECT_RULE,)


def _noun_owner(tok: Token, trig: Trigger, lexicon: Lexicon) -> Found:
    """Who a noun trigger (or a ``poss`` actor) belongs to: its owners, else the party its "of"
    object names (rule ``actor.of_mover`` for a noun trigger), else the subject of the verb it
    is the object of, else an owner word the parser did not hang on it."""
    owners = _owners(tok)
    if owners:
        return Found(owners)
    mover = _of_mover(tok, trig, lexicon)
    if mover:  # "the withdrawal of Russian troops from X"
        return Found(mover, (OF_MOVER_RULE,) if trig.pos == "noun" else ())
    return Found(_governing_subject(tok, lexicon) or _gerund_owner(tok, lexicon))


def in_process_frame(tok: Token, lexicon: Lexicon | None) -> Token | None:
    """The noun of a process in course whose "of" phrase holds the gerund ``tok`` ("in the
    *process* of leaving X", "in the *midst* of withdrawing from X"; lexicon
    ``in_process_nouns``), else None."""
    pack = _pack(tok)
    if lexicon is None or tok.tag_ not in pack.tags["gerund"] \
            or tok.dep_ not in pack.deps["preposition_complement"]:
        return None
    frame = tok.head.head
    if frame.i == tok.head.i or not lexicon.has("in_process_nouns", _lemma(frame)):
        return None
    return frame


def _party_subject(subj: list[Token], lexicon: Lexicon | None) -> list[Token]:
    """``subj`` when it may name a party to a conflict (a pronoun, an armed noun, a state or
    people: "Ukrainian forces", "Russia", "they"), else none: a subject found across clauses
    is a guess, taken only for a party ("the poodle won the title after capturing the Best in
    Show award" takes nothing)."""
    if not subj or lexicon is None:
        return []
    pack = _pack(subj[0])
    words = lexicon.word_list("armed_nouns")
    return subj if any(t.pos_ in pack.pos["pronoun"] or t.lower_ in words or _lemma(t) in words
                       or t.ent_type_ in pack.ents["state_or_people"]
                       for t in _phrase_tokens(subj[0])) else []


def _clause_subject(verb: Token) -> list[Token]:
    """The active subject of ``verb``, or of the verb it shares its subject with (conjoined
    verbs, "continued to advance")."""
    deps = _pack(verb).deps
    node = verb
    subj = [c for c in node.children if c.dep_ in deps["active_nominal_subject"]]
    while not subj and node.dep_ in deps["subject_sharing"] and node.head.i != node.i:
        node = node.head
        subj = [c for c in node.children if c.dep_ in deps["active_nominal_subject"]]
    return subj


def _governing_subject(noun: Token, lexicon: Lexicon | None) -> list[Token]:
    """"Russian forces completed the capture of X", "Russia claimed the capture of X": the
    subject of the verb whose object an ownerless noun trigger is; none for a denial ("Ukraine
    denied the capture of X": Ukraine did not take it)."""
    verb = noun.head
    deps = _pack(noun).deps
    if noun.dep_ not in deps["direct_object"] or not _is_verbal(verb):
        return []
    verbs = lexicon.maps.get("reporting_verbs", {}) if lexicon is not None else {}
    if verbs.get(_lemma(verb)) in ("denied", "disputed"):
        return []
    return [c for c in verb.children if c.dep_ in deps["active_nominal_subject"]]


def _gerund_owner(tok: Token, lexicon: Lexicon | None) -> list[Token]:
    """The owner word right before a gerund heading a noun trigger that the parser did not
    hang on it ("killed in *Russian* shelling in X": "Russian" parsed as the object of "in";
    "*Ukrainian* shelling in X wounded four": the gerund a clause of "Ukrainian"): an owner
    entity (pack ``ents.owner``) just before it, across armed nouns ("Russian artillery
    shelling in X"). None for a noun tagged as one (its owners are parsed)."""
    pack = _pack(tok)
    if lexicon is None or tok.tag_ not in pack.tags["gerund"]:
        return []
    j = tok.i - 1
    while j > tok.sent.start and lexicon.has("armed_nouns", tok.doc[j].lower_):
        j -= 1
    before = tok.doc[j]
    return [before] if j >= tok.sent.start and before.ent_type_ in pack.ents["owner"] else []


def _of_mover(noun: Token, trig: Trigger, lexicon: Lexicon | None) -> list[Token]:
    """The party that moves in a noun trigger whose place is not its "of" object: the
    object of its "of" when it names a party ("the withdrawal *of Russian troops* from X",
    "the retreat of the army across the river"; not "the withdrawal of equipment"), else
    none. Rule ``actor.of_mover`` in the event's provenance."""
    genitive = _pack(noun).function_words["genitive"]
    if trig.prep in genitive or any(w in genitive for w in trig.required):
        return []  # "the capture of X": the "of" object is the place
    return _party_subject(_of_objects(noun)[:1], lexicon)


#: Rule id of a noun trigger's mover read from its "of" object (:func:`_of_mover`).
OF_MOVER_RULE = "actor.of_mover"
#: Rule id of a passive participle sharing the agent of the participle conjoined with it
#: ("X was seized and annexed by Moscow": :func:`conjoined_agent`).
CONJOINED_AGENT_RULE = "actor.conjoined_agent"


#: Rule id of the party before the hyphen of an attributive participle trigger ("Russian-annexed
#: Crimea": :func:`hyphenated_agent`).
HYPHENATED_AGENT_RULE = "actor.hyphenated_agent"


def hyphenated_agent(tok: Token) -> Token | None:
    """The party token of an attributive participle joined to it by a hyphen ("*Moscow*-annexed
    Crimea", "the *Russian*-captured town"), else None (as :func:`_hyphen_held` reads a
    holder)."""
    if tok.tag_ not in _pack(tok).tags["participle"]:
        return None
    return _hyphen_party(tok, tight=True)


def _hyphen_party(tok: Token, tight: bool = False) -> Token | None:
    """The token joined by a hyphen (or an en dash) before the attributive word ``tok`` and
    governed by it ("*Russian*-occupied", "*Moscow*-installed"), else None; ``tight``: only
    with no space on either side of the hyphen. One reading for :func:`hyphenated_agent`,
    :func:`_hyphen_held` and :func:`installed_official`, which each test the word itself."""
    if tok.dep_ not in _pack(tok).deps["adjectival_modifier"] or tok.i < 2:
        return None
    doc = tok.doc
    party, hyphen = doc[tok.i - 2], doc[tok.i - 1]
    if hyphen.text not in ("-", "–") or party.head.i != tok.i \
            or (tight and (hyphen.whitespace_ or party.whitespace_)):
        return None
    return party


#: Kinds whose actor gains the place: a participle of one of them shares the agent of a
#: participle of another ("seized and annexed by Moscow"), never with a change back
#: ("captured and later liberated by Ukrainian troops": the liberator did not capture it).
_GAINING_KINDS = frozenset({"capture", "annexation_claim", "held", "advance"})


def conjoined_agent(tok: Token, trig: Trigger, found: DocTriggers) -> list[Token]:
    """The agent ("by" phrase) of the participle conjoined with the passive participle ``tok``
    that has none of its own: the later one ("was *seized* and annexed by Moscow") or the
    one it is a conjunct of ("was annexed by Russia and *occupied*"), when both are triggers
    of the same kind or of kinds whose actor gains the place; none where the two participles
    have subjects of their own."""
    pack = _pack(tok)
    deps, participle = pack.deps, pack.tags["participle"]
    if tok.tag_ not in participle:
        return []
    others = [c for c in tok.children if c.dep_ in deps["conjunct"] and c.tag_ in participle]
    if tok.dep_ in deps["conjunct"] and tok.head.tag_ in participle:
        others.append(tok.head)
    for other in others:
        if any(c.dep_ in deps["subject"] for c in (tok, other) for c in c.children
               if c.dep_ not in deps["passive_subject"]):
            continue
        kinds = {t.kind for t, _ in found.candidates(other)}
        if trig.kind not in kinds and not (
                trig.kind in _GAINING_KINDS and kinds and kinds <= _GAINING_KINDS):
            continue
        agents = agent_objects(other)
        if agents:
            return agents
    return []


def _owners(noun: Token) -> list[Token]:
    """Who a noun trigger belongs to: "Russia's withdrawal", "its withdrawal", "the Russian
    withdrawal", "the capture of X by M23"."""
    pack = _pack(noun)
    deps = pack.deps
    heads = [c for c in noun.children if c.dep_ in deps["possessor"]]
    heads += [c for c in noun.children if c.dep_ in deps["attributive"] and c.i < noun.i
              and (c.ent_type_ in pack.ents["owner"] or c.pos_ in pack.pos["proper_noun"])]
    heads += [g for p in noun.children if p.dep_ in deps["prepositional"]
              and _lemma(p) in pack.function_words["agent_preposition"]
              for g in p.children if g.dep_ in deps["prepositional_object"]]
    return heads


def _control_state_events(tok: Token, lexicon: Lexicon):
    """'under X control' / 'in Russian hands': (kind, place roots, gainer heads) or None."""
    cs = lexicon.control_states
    pack = _pack(tok)
    deps = pack.deps
    if _lemma(tok) not in cs.get("nouns", ()) or tok.dep_ not in deps["prepositional_object"]:
        return None
    prep = tok.head
    if prep.lower_ not in cs.get("prepositions", ()):
        return None
    if tok.lower_ in cs.get("holder_nouns", ()) \
            and prep.lower_ not in cs.get("holder_modifier_prepositions", ()):
        return _in_control_of(tok, prep, cs)  # "in control of X"; "returned to X control"
    # "under full control of the Ukrainian authorities": the of-object is the holder, the
    # modifiers only say how much; "under Russian control": the modifier is the holder
    gainers = _of_objects(tok) or [c for c in tok.children if c.dep_ in deps["noun_modifier"]]
    if not gainers:
        return None
    governor = prep.head
    verbs = cs.get("verbs", {})
    again = set(cs.get("again_words", ()))
    back = False
    while governor.pos_ in pack.pos["adverb"] and governor.head.i != governor.i:
        back = back or governor.lower_ in again  # "were back under ...": "under" hangs on "back"
        governor = governor.head
    if _is_verbal(governor) or governor.pos_ in pack.pos["auxiliary"]:
        kind = verbs.get(_lemma(governor))
        if kind is None:
            return None
        if back or any(c.lower_ in again for c in governor.children) or any(
                c.lower_ in again for c in prep.children):
            kind = "recapture" if kind in ("held", "capture") else kind
        obj_first = _lemma(governor) in cs.get("object_first_verbs", ())
        labels = deps["direct_object"] if obj_first else deps["nominal_subject"]
        roots = [c for c in governor.children if c.dep_ in labels]
        if not roots and not obj_first:
            # "Bakhmut came under Russian control" with the name tagged as an adverb (a place
            # only when the geoparser placed it there)
            roots = [c for c in governor.children if c.dep_ in deps["adverbial_name"]
                     and c.i == governor.i - 1 and c.is_title]
        return kind, roots, gainers, governor
    if _is_nominal(governor):
        return "held", [governor], gainers, prep
    return None


def _in_control_of(tok: Token, prep: Token, cs: dict):
    """"Russian troops are (now) in full control of Mariupol": the subject holds the place."""
    places = _of_objects(tok)
    governor = prep.head
    if prep.lower_ not in cs.get("holder_subject_prepositions", ()) or not places \
            or cs.get("verbs", {}).get(_lemma(governor)) != "held":
        return None
    holders = [c for c in governor.children
               if c.dep_ in _pack(tok).deps["active_nominal_subject"]]
    return ("held", places, holders, governor) if holders else None


def _hyphen_held(tok: Token, lexicon: Lexicon) -> tuple[Token, Token] | None:
    """"Russian-occupied Melitopol": (the party token, the place token), else None.

    A status report, not an event: the participle describes who holds the place.
    """
    if not lexicon.has("held_participles", tok.lower_):
        return None
    party = _hyphen_party(tok)
    return None if party is None else (party, tok.head)


def installed_official(tok: Token, lexicon: Lexicon) -> tuple[Token, list[Token]] | None:
    """"the Moscow-installed mayor of X", "Russian-appointed officials in X": (the party
    token, the place tokens after the official noun), else None. An official a party installed
    (lexicon ``installed_participles`` after a hyphen) to govern or run a place (lexicon
    ``installed_official_nouns``, the place after a preposition of
    ``installed_official_prepositions``) says the party holds it. Which parties such a
    participle may name is the caller's test (the profile's occupier only)."""
    deps = _pack(tok).deps
    if not lexicon.has("installed_participles", tok.lower_):
        return None
    party, official = _hyphen_party(tok), tok.head
    if party is None or not lexicon.has("installed_official_nouns", official.lower_):
        return None
    places = [g for p in official.children if p.dep_ in deps["prepositional"]
              and lexicon.has("installed_official_prepositions", _lemma(p))
              for g in p.children if g.dep_ in deps["prepositional_object"]]
    return (party, places) if places else None


def located_in_held(place_tok: Token, lexicon: Lexicon) -> Token | None:
    """The place a held area locates: "Sloviansk, a town *in* Ukrainian-controlled Donetsk",
    "Kramatorsk, the regional capital *of* Ukrainian-held Donetsk", "X, a town in the north of
    Ukrainian-controlled Donetsk" (a compass part of the held place; the held place is the
    object of a containing preposition, lexicon ``containing_prepositions``, under a place
    noun, ``place_head_nouns``, in apposition to a name): that name's token, else None. A
    settlement said to lie in a side's part of an area is held by that side."""
    pack = _pack(place_tok)
    deps = pack.deps
    prep = place_tok.head
    if place_tok.dep_ not in deps["prepositional_object"] or prep.i == place_tok.i:
        return None
    side = prep.head
    if _lemma(prep) in pack.function_words["genitive"] and side.lower_ in direction_words() \
            and side.dep_ in deps["prepositional_object"] and side.head.i != side.i:
        prep = side.head  # "a town in the north of Ukrainian-controlled Donetsk": a part of it
    if not lexicon.has("containing_prepositions", prep.lower_):
        return None
    noun = prep.head
    if noun.dep_ not in deps["apposition"] or not lexicon.has("place_head_nouns", noun.lower_):
        return None
    return noun.head


def own_holder_conjuncts(place_tok: Token, lexicon: Lexicon) -> frozenset[int]:
    """The conjuncts under a hyphenated holder's place that name a holder of their own ("the
    Ukrainian-held town A and the *Russian-held* city of B"): each takes its own holder, so
    they are not in the first one's slot; a conjunct without one shares it ("the
    Russian-held towns of A and B")."""
    conj = _pack(place_tok).deps["conjunct"]
    return frozenset(t.i for t in place_tok.subtree if t.i != place_tok.i and t.dep_ in conj
                     and any(_hyphen_held(c, lexicon) is not None for c in t.children))


def misread_attributive(tok: Token, lexicon: Lexicon) -> Token | None:
    """The noun a holder participle (``held_participles``: "occupied") modifies where the
    parser read it as a verb: "a road connecting *occupied* X", "the ferry linking *occupied*
    X" (a finite or past-participle verb right after a gerund or a preposition that has no
    subject but that word, no auxiliary, no agent and is no conjunct, with its object right
    after it). Such a participle is an attribute, a state ("occupied X"), never a change the
    clause tells (rule ``held.misread_attributive``); None when ``tok`` is a verb of its own
    ("Russian troops occupied X", "after they occupied X", "entered and occupied X")."""
    pack = _pack(tok)
    deps, tags = pack.deps, pack.tags
    if not lexicon.has("held_participles", tok.lower_) or tok.i == 0 \
            or not (tok.tag_ in tags["finite"] or tok.tag_ in tags["participle"]) \
            or tok.dep_ in deps["conjunct"] or tok.dep_ in deps["adjectival_modifier"]:
        return None
    prev = tok.doc[tok.i - 1]
    if not (prev.tag_ in tags["gerund"] or prev.dep_ in deps["prepositional"]):
        return None
    for c in tok.children:
        if (c.dep_ in deps["subject"] and c.i != prev.i) or c.dep_ in deps["auxiliary"] \
                or c.dep_ in deps["passive"] or c.dep_ in deps["agent"]:
            return None
    return next((c for c in tok.children if c.dep_ in deps["direct_object"]
                 and c.left_edge.i == tok.i + 1), None)


class MisreadChange(NamedTuple):
    """A change participle the parser read as an adjective (:func:`misread_change`): the
    trigger it heads as a verb, the roots of its place list and the heads of its subject."""

    trig: Trigger
    roots: list[Token]
    subject: list[Token]


def misread_change(tok: Token, lexicon: Lexicon) -> MisreadChange | None:
    """A change participle (the past form of a verb heading a plain trigger of a kind of the
    lexicon's ``misread_participle_kinds``: "liberated", "recaptured") right after a
    coordinator, which the parser did not read as a verb though it is the second verb of
    its clause: an adjective conjoined with a verb, with its own direct object right after it
    ("troops advanced north and *liberated* X": "liberated" JJ conj), or the adjective of the
    first of a list of names conjoined with a verb ("troops pushed towards Y and *liberated*
    A, B and C": "liberated" amod of A, A conj of "pushed"). Such a participle tells the
    change of the list, done by the subject of the verb it is conjoined with (rule
    ``trigger.misread_participle``); None otherwise (a verb the parser read as one, "the
    liberated city of X", "advanced on the liberated town")."""
    pack = _pack(tok)
    deps = pack.deps
    if tok.i == 0 or _is_verbal(tok) or lexicon.has("held_participles", tok.lower_) \
            or tok.doc[tok.i - 1].dep_ not in deps["coordinator"]:
        return None
    lemma = _lemma(tok)
    if lemma == tok.lower_:
        return None
    kinds = lexicon.word_list("misread_participle_kinds")
    trig = next((t for t in lexicon.triggers_for(lemma, "verb")
                 if t.kind in kinds and not t.required and t.prep is None
                 and t.place == "object" and t.actor == "subject"), None)
    if trig is None:
        return None
    if tok.dep_ in deps["conjunct"]:
        verb = tok.head
        roots = [c for c in tok.children if c.dep_ in deps["direct_object"]
                 and c.left_edge.i == tok.i + 1]
    elif tok.dep_ in deps["adjectival_modifier"] and tok.head.left_edge.i == tok.i \
            and tok.head.dep_ in deps["conjunct"] and tok.head.tag_ in pack.tags["proper_noun"]:
        verb = tok.head.head
        roots = [tok.head]
    else:
        return None
    if not roots or verb.i >= tok.i or not _is_verbal(verb):
        return None
    node = verb
    while True:  # conjoined verbs share the subject ("crossed X, advanced and liberated Y")
        subject = [c for c in node.children if c.dep_ in deps["active_nominal_subject"]]
        if subject or node.dep_ not in deps["conjunct"] or node.head.i == node.i:
            break
        node = node.head
    return MisreadChange(trig, roots, subject) if subject else None


def fire_origin(tok: Token, lexicon: Lexicon) -> tuple[list[Token], Token] | None:
    """The shooter and the place of a fire or an assault told from a place: ``tok`` a
    preposition of the lexicon's ``fire_origin_prepositions`` ("from") on a head of
    ``fire_origin_heads`` (a verb or a noun: "shelled Y *from* X", "launched an offensive
    *from* X", "attacks *from* X"; also on the object of such a verb, where the parser hangs
    it: "shelled Y *from* X"), or a preposition of ``fire_base_prepositions`` ("in") on the
    shooter's own phrase (the subject of such a verb, or of a participle of
    ``fire_base_participles`` on it: "Russian forces *in* X shelled Y", "troops stationed *in*
    X"): the heads naming the shooter (the verb's active subject or passive agent; a noun's
    own modifiers, "Russian attacks from X", else the subject of the verb it is the object of)
    and the place's token; None otherwise. Fire from a place presupposes the shooter holds it
    (trigger.held.fire_origin; the place must be a settlement and the shooter a side: the
    caller's test)."""
    pack = _pack(tok)
    deps = pack.deps
    if tok.dep_ not in deps["prepositional"] or tok.head.i == tok.i:
        return None
    objs = [c for c in tok.children if c.dep_ in deps["prepositional_object"]]
    if not objs:
        return None
    head = tok.head
    if lexicon.has("fire_origin_prepositions", tok.lower_):
        if not lexicon.has("fire_origin_heads", _lemma(head)) \
                and head.dep_ in deps["direct_object"] \
                and lexicon.has("fire_origin_heads", _lemma(head.head)) and _is_verbal(head.head):
            head = head.head  # "shelled Y from X" with "from X" hung on Y
        if not lexicon.has("fire_origin_heads", _lemma(head)):
            return None
        shooters = _shooters(head)
        return (shooters, objs[0]) if shooters else None
    if not lexicon.has("fire_base_prepositions", tok.lower_):
        return None
    if lexicon.has("fire_base_participles", head.lower_) \
            and head.dep_ in deps["adjectival_clause"]:
        return ([head.head], objs[0]) if lexicon.has("armed_nouns", head.head.lower_) \
            else None  # "Russian troops stationed in X"
    verb = head.head
    if lexicon.has("armed_nouns", head.lower_) and head.dep_ in deps["active_nominal_subject"] \
            and _is_verbal(verb) and lexicon.has("fire_origin_heads", _lemma(verb)):
        return [head], objs[0]  # "Russian artillery in X shelled Y"
    return None


def _shooters(head: Token) -> list[Token]:
    """The heads naming who fires or assaults by ``head`` (see :func:`fire_origin`)."""
    deps = _pack(head).deps
    if _is_verbal(head):
        subj = [c for c in head.children if c.dep_ in deps["active_nominal_subject"]]
        return subj or agent_objects(head)
    own = [c for c in head.children if c.dep_ in deps["adjectival_modifier"]
           or c.dep_ in deps["possessor"] or c.dep_ in deps["compound"]]
    if own:
        return own
    verb = head.head
    if head.dep_ in deps["direct_object"] and _is_verbal(verb):
        return [c for c in verb.children if c.dep_ in deps["active_nominal_subject"]]
    return []


def side_presence(tok: Token, lexicon: Lexicon, found: DocTriggers
                  ) -> tuple[list[Token], list[Token]] | None:
    """A side's civil service or garrison working in a place: (the tokens naming the side, the
    tokens heading the place phrases), else None. Two forms (rule
    ``trigger.held.side_presence``):

    * a service of a side (lexicon ``side_presence_nouns``: "the Ukrainian police", "the
      Ukrainian military administration") with the place after a preposition on the noun
      ("the Ukrainian military administration in X") or on the verb it is the subject of,
      directly or through the verb's object ("the Ukrainian police guard the checkpoint on
      the edge of X", "Ukrainian firefighters put out a blaze in X");
    * a side's stronghold (``side_stronghold_nouns``: "the Ukrainian military hub of X", "X,
      a Ukrainian stronghold"), which "the Ukrainian city of X" (a city in Ukraine) is not.

    The side is an adjective or compound on the noun (which words name a side is the
    caller's test, by the profile). Prepositions of ``side_presence_excluded_prepositions``
    ("near X", "from X", "towards X") say where the service is not, and "of X" names its
    jurisdiction, not where it works ("the Ukrainian military administration of X" works in
    exile while X is occupied); only a verb of ``side_presence_verbs`` works on the ground
    ("guard", "patrol", "put out"): an act about a place from afar is none ("opened an
    investigation into the killings in X"), a verb of the lexicon's ``reporting_verbs``
    reports ("Ukrainian police said ..."), and a verb that is a trigger of its own is read by
    it ("Ukrainian police held two suspects in X": no holding of X).
    A mayor or a governor alone is no evidence (exiled officials of occupied towns are quoted
    every day): they are not ``side_presence_nouns``."""
    pack = _pack(tok)
    deps = pack.deps
    if not _is_nominal(tok):
        return None
    party = [c for c in tok.children if c.dep_ in deps["attributive"] and c.i < tok.i]
    if not party:
        return None
    if lexicon.has("side_stronghold_nouns", tok.lower_):
        # "the Ukrainian military hub of X", "X, a Ukrainian stronghold"
        places = _of_objects(tok) + ([tok.head] if tok.dep_ in deps["apposition"] else [])
        return (party, places) if places else None
    heads: list[Token] = []
    if lexicon.has("side_presence_nouns", tok.lower_):
        heads.append(tok)
        verb = tok.head
        if tok.dep_ in deps["active_nominal_subject"] and _is_verbal(verb) \
                and lexicon.has("side_presence_verbs", _lemma(verb)) \
                and not lexicon.maps.get("reporting_verbs", {}).get(_lemma(verb)) \
                and not any(True for _ in found.candidates(verb)):
            heads.append(verb)
            heads += [o for o in verb.children if o.dep_ in deps["direct_object"]]
    if not heads:
        return None
    places = [g for h in heads for p in h.children if p.dep_ in deps["prepositional"]
              and not lexicon.has("side_presence_excluded_prepositions", _lemma(p))
              for g in p.children if g.dep_ in deps["prepositional_object"]]
    for g in list(places):  # "on the edge of the town of X": the place the part is of
        below = _of_objects(g)
        while below and len(places) < 8:
            places += below
            below = [o for b in below for o in _of_objects(b)]
    return (party, places) if places else None
