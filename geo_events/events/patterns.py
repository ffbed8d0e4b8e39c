"""Lexicon triggers compiled to spaCy ``DependencyMatcher`` patterns with named nodes.

Each trigger entry of the lexicon (:class:`~geo_events.events.lexicon.Trigger`) becomes a
handful of dependency patterns under its own match key (the trigger's rule id travels with
every match into :attr:`geo_events.model.Event.provenance`). The patterns are derived from the
data, never written by hand:

* the anchor node ``trigger``: the head lemma and its part of speech ("verb" or "noun", see
  :func:`~geo_events.events.syntax._is_verbal`); a noun also by its lower-case form (a noun
  the lemmatizer leaves plural, "gains");
* one node ``word<k>`` per required word ("control" in "take control of"): a descendant of
  the anchor, by lemma or by lower-case form; a particle of the language pack ("back", "out",
  "over", "off") also as the token right after the anchor (the parser often attaches "out" of
  "pulled out of" elsewhere).

Variants are the product of those choices (a few per trigger). One matcher runs once over the
whole document (:class:`TriggerMatcher`), so matching stays linear in its length.

**Preposition slots** (:func:`compile_prep_patterns`): every preposition a trigger entry
names (the phrase's final preposition, as the place slot ``withdraw *from* X`` or as a party
``fall *to* Y``; ``prep:<p>`` actors; ``loser_prep``) becomes patterns under the slot
``prep:<p>`` whose last node ``prep`` is a token with a preposition label (pack
``deps.preposition``) standing for ``<p>`` (its lemma or its lower-case form) within *reach*:
in the anchor's subtree (``trigger``), under the verb a subject noun trigger hangs on
(``governor``: "fighting continued *in* X"), or under a particle right after the anchor that
the parser attached elsewhere (``word:<w>``). Which token it hangs on (its *owner*: the
anchor, a required word, an object of the anchor for a party preposition, "cleared X *of* Y
troops", or that governor; directly or through a carrier, pack
``deps.preposition_carrier``: "pulled out *of* X") is read by the post-step.

**Post-step** (:meth:`DocTriggers.candidates` and :meth:`DocTriggers.prep_slot`, documented
because a dependency pattern cannot say it): a required word must be a *near* descendant
(child or grandchild, not across a clause or a conjunct); among several tokens for one word
the nearest (breadth first) is taken; the lower-case noun anchor is used only when the lemma
heads no noun trigger; an idiom object ("took *place*") vetoes the verb; a phrase's final
preposition must be in its ``prep:<p>`` slot; candidates come most specific first. A
preposition slot keeps the matches that hang on one of the trigger's chosen tokens, directly
or through a carrier (the governor only for a noun or gerund anchor that is its subject), in
the order of those tokens, then of the text (a carrier before what it carries), each token
once, and none more than one token before a verb anchor. The slots of the match (place,
actor, loser) are then read from the named nodes by :mod:`geo_events.events.triggers`
(passive voice, relative clauses, participles and particles as documented there).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import product
from typing import Any, cast

import numpy
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from geo_events.events.lexicon import Lexicon, Trigger
from geo_events.events.syntax import (
    _is_nominal,
    _is_verbal,
    _lemma,
    _near_descendants,
    nominal_gerund,
)
from geo_events.language import LanguagePack, language_pack

ANCHOR = "trigger"
#: The parse attributes copied for matching (:meth:`TriggerMatcher.__call__`); in the copy,
#: ``LEMMA`` holds ``<pos>:<lemma>`` of a possible trigger head and ``NORM`` the lexicon word
#: a token stands for (its lemma, else its lower-case form), so that every node of a pattern
#: is an exact match on a native attribute.
_COPIED: list[int | str] = ["POS", "DEP", "HEAD"]
_PREP_LEMMA, _PREP_FORM, _GOVERNOR = "ENT_KB_ID", "ENT_ID", "ENT_TYPE"
_KEYS: list[int | str] = [*_COPIED, "TAG", "LEMMA", "NORM", _PREP_LEMMA, _PREP_FORM, _GOVERNOR]
#: In the copy, ``TAG`` marks the possible trigger heads and their children, so that a slot
#: node (a dependency label) is tried on those only; ``ENT_KB_ID`` holds the lemma of a token
#: with a preposition label (pack ``deps.preposition``) and ``ENT_ID`` its lower-case form
#: when that differs, ``ENT_TYPE`` marks the parents of the possible heads: so that the
#: ``prep`` and ``governor`` nodes of a preposition slot are exact tests tried on those tokens
#: only (a set test costs a Python call per token and pattern, and every pattern node is a
#: token pattern of its own).
SLOT_MARK = "GEO_EVENTS_SLOT"
MARK = "GEO_EVENTS_MARK"


def _trigger_pos(tok: Token) -> str:
    """"verb", "noun" or "" (the part of speech a trigger head may have)."""
    return "verb" if _is_verbal(tok) else "noun" if _is_nominal(tok) else ""


#: Provenance id of a gerund heading a noun trigger (:func:`trigger_anchor`).
NOMINAL_GERUND_RULE = "trigger.nominal_gerund"


def trigger_anchor(tok: Token, lexicon: Lexicon) -> tuple[str, str]:
    """(part of speech, head) of the triggers ``tok`` may head: ``("verb", lemma)``,
    ``("noun", lemma)`` (a noun the lemmatizer leaves plural, "gains": its lower-case form),
    or ``("", "")``. A gerund the tagger calls a verb but used as a noun (no subject, object
    or auxiliary of its own: :func:`~geo_events.events.syntax.nominal_gerund`) heads the
    noun entries of its form when they are of a kind of the lexicon's ``nominal_gerund_kinds``
    ("Russian shelling *in* X killed two" is the noun "shelling in"; rule
    :data:`NOMINAL_GERUND_RULE`)."""
    pos = _trigger_pos(tok)
    lemma = _lemma(tok)
    if pos == "noun" and not lexicon.triggers_for(lemma, pos):
        return pos, tok.lower_  # a noun the lemmatizer leaves plural ("gains")
    if pos == "verb" and is_nominal_gerund(tok, lexicon):
        return "noun", tok.lower_
    return pos, (lemma if pos else "")


def is_nominal_gerund(tok: Token, lexicon: Lexicon) -> bool:
    """True when ``tok`` is a gerund used as a noun that heads noun entries of its form of a
    kind of the lexicon's ``nominal_gerund_kinds`` (:func:`trigger_anchor`)."""
    kinds = lexicon.word_list("nominal_gerund_kinds")
    return bool(kinds) and any(t.kind in kinds for t in lexicon.triggers_for(tok.lower_, "noun")) \
        and nominal_gerund(tok)


Shape = tuple[str, str, tuple[str, ...]]


def shape_of(trig: Trigger) -> Shape:
    """What the patterns of a trigger depend on: head lemma, part of speech, required words
    (triggers differing only by their preposition share patterns)."""
    return trig.head, trig.pos, trig.required


def compile_patterns(trig: Trigger, pack: LanguagePack) -> list[tuple[str, list[dict[str, Any]]]]:
    """The dependency patterns of one trigger: ``(variant, pattern)`` pairs (see the module
    docstring). ``variant`` names the attachment of each required word: ``desc`` (a
    descendant of the anchor) or ``next`` (a particle right after it)."""
    per_word = []
    for k, word in enumerate(trig.required):
        attrs = {"NORM": word}
        choices = [("desc", {"LEFT_ID": ANCHOR, "REL_OP": ">>", "RIGHT_ID": f"word{k}",
                             "RIGHT_ATTRS": attrs})]
        if word in pack.particles:  # "pulled out of": "out" parsed elsewhere
            choices.append(("next", {"LEFT_ID": ANCHOR, "REL_OP": ".", "RIGHT_ID": f"word{k}",
                                     "RIGHT_ATTRS": attrs}))
        per_word.append(choices)
    anchor = {"RIGHT_ID": ANCHOR, "RIGHT_ATTRS": {"LEMMA": f"{trig.pos}:{trig.head}"}}
    return [("+".join(c[0] for c in combo) or "head", [anchor, *(c[1] for c in combo)])
            for combo in product(*per_word)]


def compile_slot_patterns(trig: Trigger, pack: LanguagePack
                          ) -> list[tuple[str, list[dict[str, Any]]]]:
    """The slot patterns of one trigger where its entry defines them: ``(slot, pattern)``
    pairs whose last node names the slot (``place``, ``actor`` or ``loser``).

    * ``place:object``: a child of the anchor with an object label (its position and the
      trigger's own words are left out by :func:`~geo_events.events.triggers._place_roots`);
    * ``place:subject``: a subject child (a ``subject`` place, or an ``object`` place in the
      passive voice);
    * ``place:poss``: a possessor child;
    * ``actor:subject``: an active subject child; ``actor:agent``: the object of the passive
      ``agent`` ("by ...");
    * ``loser:object`` / ``loser:passive``: the object (passive: the subject) of a trigger
      whose entry says ``loser_object`` ("drove *Russian troops* out of X").

    Slots behind the phrase's preposition (``prep`` places, ``loser_prep``, ``prep:<p>``
    actors) are the preposition slots of :func:`compile_prep_patterns`."""
    deps = pack.deps
    anchor = {"RIGHT_ID": ANCHOR, "RIGHT_ATTRS": {"LEMMA": f"{trig.pos}:{trig.head}"}}

    def child(slot: str, name: str, labels: Iterable[str]) -> list[tuple[str, list[dict]]]:
        # one pattern per label: exact tests only (a set test costs a Python call per token)
        return [(slot, [anchor, {"LEFT_ID": ANCHOR, "REL_OP": ">", "RIGHT_ID": name,
                                 "RIGHT_ATTRS": {"DEP": label, "TAG": SLOT_MARK}}])
                for label in sorted(labels)]

    out: list[tuple[str, list[dict[str, Any]]]] = []
    if trig.place not in ("prep", "subject", "poss"):  # an object (the default)
        out += child("place:object", "place", deps["object"] - deps["prepositional_object"])
    if trig.place != "prep" and trig.place != "poss":  # a subject, or a passive object
        out += child("place:subject", "place", deps["subject"])
    if trig.place == "poss":
        out += child("place:poss", "place", deps["possessor"])
    if trig.loser_object:  # "drove Russian troops out of X", passive "were pushed out of X"
        out += child("loser:object", "loser", deps["direct_object"])
        out += child("loser:passive", "loser", deps["passive_subject"])
    if trig.actor not in ("none", "object", "poss") and not trig.actor.startswith("prep:"):
        out += child("actor:subject", "actor", deps["active_subject"])
        out += [("actor:agent", [*pattern, {"LEFT_ID": "agent", "REL_OP": ">",
                                            "RIGHT_ID": "actor", "RIGHT_ATTRS": {"DEP": label}}])
                for _, pattern in child("actor:agent", "agent", deps["agent"])
                for label in sorted(deps["prepositional_object"])]
    return out


def trigger_prepositions(trig: Trigger) -> tuple[str, ...]:
    """The prepositions a trigger entry names, each a ``prep:<p>`` slot: the phrase's final
    preposition (place or party), a ``prep:<p>`` actor, the loser's preposition."""
    preps = [trig.prep, trig.party_prep, trig.loser_prep,
             trig.actor.split(":", 1)[1] if trig.actor.startswith("prep:") else None]
    return tuple(dict.fromkeys(p for p in preps if p))


def compile_prep_patterns(trig: Trigger, pack: LanguagePack
                          ) -> list[tuple[str, str, list[dict[str, Any]]]]:
    """The preposition slots of one trigger (see the module docstring): ``(preposition,
    reach, pattern)`` triples. The last node of a pattern, ``prep``, is a token with a
    preposition label standing for the preposition (by its lemma, or by its lower-case form
    when that differs); ``reach`` says where it is looked for: ``trigger`` (in the anchor's
    subtree: on the anchor, its words or its objects, directly or through a carrier),
    ``governor`` (under the verb a subject anchor hangs on: node ``owner``) or ``word:<w>``
    (under a particle right after the anchor, parsed elsewhere: node ``owner``)."""
    head_key = f"{trig.pos}:{trig.head}"
    anchor = {"RIGHT_ID": ANCHOR, "RIGHT_ATTRS": {"LEMMA": head_key}}
    reaches: list[tuple[str, list[dict[str, Any]]]] = [("trigger", [anchor])]
    reaches += [("governor", [
        {"RIGHT_ID": ANCHOR, "RIGHT_ATTRS": {"LEMMA": head_key, "DEP": label}},
        {"LEFT_ID": ANCHOR, "REL_OP": "<", "RIGHT_ID": "owner",
         "RIGHT_ATTRS": {_GOVERNOR: MARK}}]) for label in sorted(pack.deps["nominal_subject"])]
    reaches += [(f"word:{word}", [anchor, {"LEFT_ID": ANCHOR, "REL_OP": ".", "RIGHT_ID": "owner",
                                           "RIGHT_ATTRS": {"NORM": word}}])
                for word in trig.required if word in pack.particles]
    out: list[tuple[str, str, list[dict[str, Any]]]] = []
    for prep in trigger_prepositions(trig):
        for reach, nodes in reaches:
            out += [(prep, reach, [*nodes, {"LEFT_ID": nodes[-1]["RIGHT_ID"], "REL_OP": ">>",
                                            "RIGHT_ID": "prep", "RIGHT_ATTRS": {attr: prep}}])
                    for attr in (_PREP_LEMMA, _PREP_FORM)]
    return out


class TriggerMatcher:
    """All triggers of a lexicon as ``DependencyMatcher`` patterns over one vocabulary: one
    match key per trigger shape (:func:`shape_of`; its triggers in lexicon order), one
    matcher per head (``<pos>:<lemma>``), so that a sentence meets only the patterns of the
    heads it holds."""

    def __init__(self, lexicon: Lexicon, vocab: Vocab, lang: str = "en") -> None:
        self.lexicon = lexicon
        self.vocab = vocab
        self.pack = language_pack(lang)
        self.matchers: dict[str, DependencyMatcher] = {}
        self.shapes: dict[int, Shape] = {}
        self.slots: dict[int, str] = {}  # match key -> slot name
        self.slot_names: dict[str, set[str]] = {}  # head -> its slots
        self.prep_keys: dict[int, tuple[str, str]] = {}  # match key -> (preposition, reach)
        self.words = frozenset(w for ts in lexicon.triggers.values() for t in ts
                               for w in t.required)
        self.heads = frozenset(lexicon.triggers)
        for trig in (t for ts in lexicon.triggers.values() for t in ts):
            head = f"{trig.pos}:{trig.head}"
            matcher = self.matchers.get(head)
            if matcher is None:
                matcher = self.matchers[head] = DependencyMatcher(vocab)
            by_slot: dict[str, list[list[dict[str, Any]]]] = {}
            for slot, pattern in compile_slot_patterns(trig, self.pack):
                by_slot.setdefault(slot, []).append(pattern)
            for slot, patterns in by_slot.items():
                key = f"slot:{head}:{slot}"
                if vocab.strings.add(key) not in self.slots:
                    matcher.add(key, patterns)
                    self.slots[vocab.strings[key]] = slot
                    self.slot_names.setdefault(head, set()).add(slot)
            by_reach: dict[tuple[str, str], list[list[dict[str, Any]]]] = {}
            for prep, reach, pattern in compile_prep_patterns(trig, self.pack):
                by_reach.setdefault((prep, reach), []).append(pattern)
            for (prep, reach), patterns in by_reach.items():
                key = f"slot:{head}:prep:{prep}:{reach}"
                if vocab.strings.add(key) not in self.prep_keys:
                    matcher.add(key, patterns)
                    self.prep_keys[vocab.strings[key]] = (prep, reach)
            key = f"trigger_shape:{head}:{' '.join(trig.required)}"
            if vocab.strings.add(key) in self.shapes:
                continue
            matcher.add(key, [p for _, p in compile_patterns(trig, self.pack)])
            self.shapes[vocab.strings[key]] = shape_of(trig)

    def patterns(self) -> dict[str, list[list[dict[str, Any]]]]:
        """Every compiled pattern by match key (for inspection and the docs)."""
        strings = self.vocab.strings
        return {strings[key]: matcher.get(key)[1] for matcher in self.matchers.values()
                for key in [*self.shapes, *self.slots, *self.prep_keys] if key in matcher}

    def _keys(self, tok: Token) -> tuple[str, str]:
        """(``<pos>:<head>`` when ``tok`` may head a trigger, else ""; the lexicon word it
        stands for, else "")."""
        heads, words = self.heads, self.words
        lemma = _lemma(tok)
        lower = tok.lower_
        head_key = ""
        if lemma in heads or lower in heads:
            pos, head = trigger_anchor(tok, self.lexicon)
            if pos:
                head_key = f"{pos}:{head}"
        word = lemma if lemma in words else lower if lower in words else ""
        return head_key, word

    def __call__(self, doc: Doc) -> DocTriggers:
        """The matches of ``doc``, grouped by anchor token.

        For each head the document holds, its matcher runs once, on a copy of the sentences
        holding that head (tags and parse and the keys of :data:`_KEYS`; no user data): time
        linear in the length of the document. (``DependencyMatcher`` tries every pattern at
        every sentence of what it is given, and ``Span.as_doc`` reads the whole document for
        each sentence.)"""
        found: dict[int, dict[Shape, list[dict[str, Token]]]] = {}
        slots: dict[int, dict[str, list[tuple[list[int], Token]]]] = {}
        # anchor -> preposition -> the tokens standing for it within reach
        preps: dict[int, dict[str, set[int]]] = {}
        rows: list[int] = []  # the tokens of the sentences holding a head
        keys: list[tuple[str, str]] = []
        # SLOT_MARK on a possible head and its children (a head, so that every copy has a
        # tag, which the matcher requires), else the tag
        marks: list[str] = []
        prep_lemmas: list[str] = []  # the lemma of a token with a preposition label
        prep_forms: list[str] = []  # its lower-case form when that differs
        governor_marks: list[str] = []
        prep_labels = self.pack.deps["preposition"]
        by_head: dict[str, list[int]] = {}  # head -> positions in ``rows``
        for sent in doc.sents:
            sent_keys = [self._keys(t) for t in sent]
            sent_heads = {h for h, _ in sent_keys if h in self.matchers}
            if not sent_heads:
                continue
            first = len(rows)
            rows.extend(range(sent.start, sent.end))
            keys.extend(sent_keys)
            marks.extend(SLOT_MARK if sent_keys[t.head.i - sent.start][0]
                         or sent_keys[t.i - sent.start][0] else t.tag_ for t in sent)
            governors = {t.head.i for t in sent if sent_keys[t.i - sent.start][0]}
            for t in sent:
                is_prep = t.dep_ in prep_labels
                lemma = _lemma(t) if is_prep else ""
                prep_lemmas.append(lemma)
                prep_forms.append(t.lower_ if is_prep and t.lower_ != lemma else "")
                governor_marks.append(MARK if t.i in governors else "")
            for head in sent_heads:
                by_head.setdefault(head, []).extend(range(first, len(rows)))
        if not rows:
            return DocTriggers(self.lexicon, self.pack, found, {}, {})
        strings = doc.vocab.strings
        values = numpy.zeros((len(rows), len(_KEYS)), dtype="uint64")
        values[:, :len(_COPIED)] = doc.to_array(_COPIED)[rows]  # HEAD is relative: kept
        values[:, len(_COPIED)] = [strings.add(m) for m in marks]
        values[:, len(_COPIED) + 1] = [strings.add(h) for h, _ in keys]
        values[:, len(_COPIED) + 2] = [strings.add(w) for _, w in keys]
        values[:, len(_COPIED) + 3] = [strings.add(w) for w in prep_lemmas]
        values[:, len(_COPIED) + 4] = [strings.add(w) for w in prep_forms]
        values[:, len(_COPIED) + 5] = [strings.add(m) for m in governor_marks]
        texts = [doc[i].text for i in rows]
        for head, at in by_head.items():
            sub = Doc(doc.vocab, words=[texts[j] for j in at])
            sub.from_array(_KEYS, cast(Any, values[at]))
            names = self.slot_names.get(head, set())
            for j in at:  # every possible anchor of the head has its (maybe empty) slots
                if keys[j][0] == head and names:
                    slots[rows[j]] = {name: [] for name in names}
            for key, ids in self.matchers[head](sub):
                if key in self.prep_keys:
                    preps.setdefault(rows[at[ids[0]]], {}).setdefault(
                        self.prep_keys[key][0], set()).add(rows[at[ids[-1]]])
                    continue
                if key in self.slots:
                    slots[rows[at[ids[0]]]][self.slots[key]].append(
                        ([rows[at[i]] for i in ids[1:]], doc[rows[at[ids[-1]]]]))
                    continue
                shape = self.shapes[key]
                nodes = {ANCHOR: doc[rows[at[ids[0]]]]}
                nodes.update({f"word{k}": doc[rows[at[ids[k + 1]]]]
                              for k in range(len(shape[2]))})
                found.setdefault(rows[at[ids[0]]], {}).setdefault(shape, []).append(nodes)
        ordered = {i: {name: [t for _, t in sorted(got, key=lambda g: g[0])]
                       for name, got in by_name.items()} for i, by_name in slots.items()}
        return DocTriggers(self.lexicon, self.pack, found, ordered, preps)


class DocTriggers:
    """The trigger matches of one document, with the post-step of the module docstring."""

    def __init__(self, lexicon: Lexicon, pack: LanguagePack,
                 found: dict[int, dict[Shape, list[dict[str, Token]]]],
                 slots: dict[int, dict[str, list[Token]]],
                 preps: dict[int, dict[str, set[int]]]) -> None:
        self.lexicon = lexicon
        self.pack = pack
        self.found = found
        self.slots = slots
        self.preps = preps

    def prep_slot(self, tok: Token, prep: str, owners: Sequence[Token]) -> list[Token]:
        """The tokens of the slot ``prep:<prep>`` of the trigger headed by ``tok`` that hang on
        one of ``owners`` (the trigger's tokens, anchor first; objects of the anchor for a
        party preposition) or, for a noun or gerund anchor that is a subject, on the verb it
        hangs on: directly, or through a carrier (pack ``deps.preposition_carrier``: "pulled
        out *of* X"). In the order of the owners, then of the text (a carrier's own token
        before what it carries), each once, none more than one token before a verb anchor
        (see the module docstring)."""
        matches = self.preps.get(tok.i, {}).get(prep)
        if not matches:
            return []
        pack = self.pack
        doc = tok.doc
        owners = list(owners)
        if (tok.dep_ in pack.deps["nominal_subject"]
                and (_is_nominal(tok) or tok.tag_ in pack.tags["gerund"])
                and tok.head.i != tok.i):
            owners.append(tok.head)  # "fighting continued in X": "in" hangs on "continued"
        carriers = pack.deps["preposition_carrier"]
        # owner -> (the owner's child it hangs from, it is that child, its position)
        by_owner: dict[int, list[tuple[int, bool, int]]] = {}
        for i in matches:
            child = doc[i]
            if child.head.i == i:
                continue  # a root hangs on nothing
            by_owner.setdefault(child.head.i, []).append((i, False, i))
            if child.head.dep_ in carriers and child.head.head.i != child.head.i:
                by_owner.setdefault(child.head.head.i, []).append((child.head.i, True, i))
        anywhere = tok.pos_ in pack.pos["common_noun"]
        out: list[Token] = []
        seen: set[int] = set()
        for owner in owners:
            for _, _, cand in sorted(by_owner.get(owner.i, ())):
                if cand in seen or (cand < tok.i - 1 and not anywhere):
                    continue
                out.append(doc[cand])
                seen.add(cand)
        return out

    def slot(self, tok: Token, name: str) -> list[Token]:
        """The tokens of the slot ``name`` (``place:object``, ``place:subject``,
        ``place:poss``, ``actor:subject``, ``actor:agent``, ``loser:object``, ``loser:passive``;
        :func:`compile_slot_patterns`)
        of the trigger headed by ``tok``, in text order (by the path from the anchor).

        Raises KeyError when no trigger of ``tok``'s head defines that slot."""
        return self.slots[tok.i][name]

    def candidates(self, tok: Token) -> Iterator[tuple[Trigger, list[Token]]]:
        """Triggers headed by ``tok`` whose words are all present, most specific first, with
        their tokens (anchor first)."""
        matches = self.found.get(tok.i)
        if not matches:
            return
        lexicon = self.lexicon
        pos, head = trigger_anchor(tok, lexicon)
        if not pos:
            return
        candidates = lexicon.triggers_for(head, pos)
        idioms = lexicon.maps.get("idiom_objects", {})
        deps = self.pack.deps
        if pos == "verb" and any(c.dep_ in deps["direct_object"]
                                 and idioms.get(_lemma(c)) == _lemma(tok)
                                 for c in tok.children):
            return  # "a battle took place over the bridge", "took shelter in X": an idiom
        near: list[Token] | None = None
        for trig in candidates:
            bound = matches.get(shape_of(trig))
            if not bound:
                continue
            parts = [tok]
            ok = True
            for k, word in enumerate(trig.required):
                tokens = {nodes[f"word{k}"].i for nodes in bound}
                if near is None:
                    near = _near_descendants(tok)
                found = next((d for d in near if d.i in tokens and d not in parts), None)
                if found is None and word in self.pack.particles and tok.i + 1 in tokens:
                    found = tok.doc[tok.i + 1]  # particle parsed elsewhere ("pulled out of")
                if found is None:
                    ok = False
                    break
                parts.append(found)
            if ok and trig.prep and self.prep_slot(tok, trig.prep, parts) == []:
                ok = False
            if ok and trig.party_prep and self.prep_slot(
                    tok, trig.party_prep,
                    [*parts, *(c for c in tok.children
                               if c.dep_ in deps["direct_object"] | deps["passive_subject"])]
                    ) == []:
                ok = False  # "cleared X of Y troops": "of" may hang on the object
            if ok:
                yield trig, parts


_MATCHERS: dict[tuple[int, int, str], tuple[Lexicon, Vocab, TriggerMatcher]] = {}


def trigger_matcher(lexicon: Lexicon, vocab: Vocab, lang: str = "en") -> TriggerMatcher:
    """The compiled matcher of ``lexicon`` over ``vocab`` (built once per pair)."""
    key = (id(lexicon), id(vocab), lang)
    hit = _MATCHERS.get(key)
    if hit is None or hit[0] is not lexicon or hit[1] is not vocab:
        hit = (lexicon, vocab, TriggerMatcher(lexicon, vocab, lang))
        _MATCHERS[key] = hit
    return hit[2]


def match_triggers(doc: Doc, lexicon: Lexicon) -> DocTriggers:
    """The trigger matches of a parsed ``doc`` (the matcher of its language and vocabulary)."""
    return trigger_matcher(lexicon, doc.vocab, doc.lang_)(doc)
