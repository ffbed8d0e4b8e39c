"""ConText-style factuality rules: a cue, a direction, a scope and an effect, kept as data.

The mechanism follows the ConText algorithm (Harkema et al., 2009) as medspaCy's
``ConTextRule`` frames it: a *cue* ("cannot be independently verified", "Had <subject>") is
found in the text; it modifies the event triggers inside its *scope* that lie in its
*direction*; its *effect* is what it does to them. The rules live in
``geo_events/data/lang/en/factuality_rules.json`` (schema below, checked on load); this module holds
the mechanism once.

Rule fields (unknown keys are a :class:`~geo_events.errors.DataFileError` naming the file, the
rule and the key):

``id``
    unique, cited in :attr:`geo_events.model.Event.provenance` and in the dropped candidates of
    ``extract_events(..., explain=True)``.
``literal`` / ``pattern``
    the cue: a phrase or list of phrases matched case-insensitively on whole words (runs of
    white space match any white space), or one spaCy ``Matcher`` token pattern (``LOWER``,
    ``LEMMA``, ``POS``, ``TAG``, ``DEP``, ``IS_SENT_START``, ``OP`` ...). Exactly one of them.
``direction``
    ``forward`` (triggers after the cue), ``backward`` (before it) or ``bidirectional``.
``scope``
    ``clause`` (the clause of the cue: the subtree of the nearest clause head above it),
    ``sentence``, ``next_sentence`` (the cue's sentence and the neighbouring one in the rule's
    direction: a backward hedge "This cannot be independently verified." reaches the sentence
    before it; never across a paragraph break) or ``paragraph``.
``effect``
    a status (``claimed``, ``assessed``, ``unverified``, ``disputed``, ``denied``: the stronger
    of it and the trigger's own status wins), a reason the trigger reports no event
    (``hypothetical``, ``goal``, ``negated``, ``everyday``), ``background``: the event is
    kept but told as background ("earlier in the war", "four days before the withdrawal"), so
    it gets no date unless a date expression of its own gives one, or ``contested``: a change
    of control that did not last ("*briefly* captured X", "held X *for a few hours*") is kept
    as kind ``contested`` (the place was fought over), not as a change; or ``confirmed``: a
    party's claim that someone else confirmed ("..., which was later confirmed by the
    Pentagon") is no longer only that party's word: ``claimed`` becomes ``assessed`` when
    the confirming agent (the "by" phrase, or the subject of an active verb) is an analyst,
    ``reported`` when it is no party of the conflict or not named, and stays ``claimed``
    when a party confirms it; the other statuses are left as they are.
``relation`` (default ``any``)
    how the cue must stand to the trigger besides the scope: ``any``; ``governs`` (a cue token
    is an ancestor of the trigger in the dependency tree: "the offensive *to capture* X");
    ``argument`` (a cue token is the trigger's object, the object of a preposition on it, or
    the object of "of" under a quantity that is its object: "accession to *NATO*", "withdrew
    most of its *helicopters*"); ``dependent`` (the cue's
    head word is a dependent of the trigger: "*briefly* captured X", "captured X *for a few
    days*"); ``predicate`` (the cue and the trigger are the subject and the complement of
    one verb, either way round: "*Taking* X remains *the priority*", "the *aim* is *to take*
    X"; or the cue is the subject of the trigger itself, a copula read as an auxiliary: "the
    *aim* is *capturing* X").
``applies_to``
    kinds (``capture``...) or families (``control``, ``status``, ``activity``, ``claim``) the
    rule modifies; default all.
``terminated_by``
    words (lower case) that end the scope between the cue and the trigger ("but", "however").
``without_complement``
    ``true``: the cue counts only when it governs no clause of its own ("Kyiv denied the
    claim." disputes the report before it; "Kyiv denied that its troops left X." is a report
    of its own, about X).
``main_clause``
    ``true``: the cue counts only in its sentence's main clause ("This claim was denied." and
    not "..., although these claims were denied", which is about its own sentence's claim).
``max_scope``
    the most tokens between the cue and the trigger (medspaCy's ``max_scope``): "in order to
    capture X" (0), not "a ship trying to evacuate the soldiers was captured".
``note``, ``example``
    documentation: what the rule is for, a sentence of our own it applies to.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Token

from geo_events.data_schema import check_keys, read_json
from geo_events.errors import DataFileError
from geo_events.events.kinds import KINDS
from geo_events.events.syntax import _pack
from geo_events.language import active_language, language_pack

#: The English rules (a language's are its pack's ``files.factuality_rules``).
DEFAULT_RULES = language_pack("en").files["factuality_rules"]

#: Effects that set a status (the stronger status wins, see ``factuality.STATUS_RANK``).
STATUS_EFFECTS = frozenset({"claimed", "assessed", "unverified", "disputed", "denied"})
#: Effects by which a trigger reports no event.
DROP_EFFECTS = frozenset({"hypothetical", "goal", "negated", "everyday"})
#: Effects that keep the event and change how it is dated.
DATE_EFFECTS = frozenset({"background"})
#: Effects that keep the event and change its kind (a change that did not last: contested).
KIND_EFFECTS = frozenset({"contested"})
#: Effects that confirm a party's claim: someone else vouches for it (see
#: :func:`geo_events.events.factuality.factuality`).
CONFIRM_EFFECTS = frozenset({"confirmed"})
DIRECTIONS = ("forward", "backward", "bidirectional")
SCOPES = ("clause", "sentence", "next_sentence", "paragraph")
RELATIONS = ("any", "governs", "argument", "dependent", "predicate")
FAMILIES = frozenset(k.family for k in KINDS.values())

_RULE_KEYS = frozenset({"id", "literal", "pattern", "direction", "scope", "effect", "relation",
                        "applies_to", "terminated_by", "without_complement", "main_clause",
                        "max_scope", "note", "example"})
_FILE_KEYS = frozenset({"provenance", "language", "notes", "rules"})

#: The dependency labels, tags and function words of the mechanisms below are the language
#: pack's named sets (:mod:`geo_events.language`): ``clause_start`` (a clause of its own),
#: ``purpose_clause`` (an infinitive of purpose hangs from its head by), ``complement`` (a
#: cue governing one does not count for ``without_complement``), ``argument``; tags
#: ``finite``; words ``infinitive`` ("to"), ``genitive`` ("of").
#: Token-pattern attributes that need an annotation of the document.
_ANNOTATION = {"POS": "POS", "TAG": "TAG", "LEMMA": "LEMMA", "DEP": "DEP", "MORPH": "MORPH",
               "IS_SENT_START": "SENT_START"}


@dataclass(frozen=True, slots=True)
class ContextRule:
    """One factuality rule (see the module docstring for the fields)."""

    id: str
    effect: str
    direction: str = "bidirectional"
    scope: str = "sentence"
    literal: tuple[str, ...] = ()
    pattern: tuple[dict[str, Any], ...] = ()
    relation: str = "any"
    applies_to: frozenset[str] = frozenset()
    terminated_by: frozenset[str] = frozenset()
    without_complement: bool = False
    main_clause: bool = False
    max_scope: int | None = None
    note: str = ""
    example: str = ""

    def applies(self, kind: str) -> bool:
        """True when the rule modifies triggers of event kind ``kind``."""
        if not self.applies_to:
            return True
        k = KINDS.get(kind)
        return kind in self.applies_to or (k is not None and k.family in self.applies_to)


@dataclass(frozen=True, slots=True)
class Cue:
    """A rule's cue found in a document: tokens ``start`` .. ``end`` (exclusive)."""

    rule: ContextRule
    start: int
    end: int
    sent: int
    para: int


@dataclass(frozen=True)
class ContextRules:
    """A set of rules, with their source files."""

    rules: tuple[ContextRule, ...]
    paths: tuple[Path, ...] = field(default=())

    def by_id(self, rule_id: str) -> ContextRule:
        return next(r for r in self.rules if r.id == rule_id)


def _words(value: Any, where: str, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DataFileError(f"{where}: {key!r} must be a phrase or a list of phrases")
    return tuple(" ".join(v.lower().split()) for v in value)


def _choice(data: dict, key: str, options: Sequence[str], default: str | None,
            where: str) -> str:
    value = data.get(key, default)
    if value not in options:
        raise DataFileError(f"{where}: {key} {value!r} is not one of {', '.join(options)}")
    return str(value)


def _flag(data: dict, key: str, where: str) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise DataFileError(f"{where}: {key!r} must be true or false")
    return value


def _count(data: dict, key: str, where: str) -> int | None:
    value = data.get(key)
    if value is not None and (not isinstance(value, int) or isinstance(value, bool)
                              or value < 0):
        raise DataFileError(f"{where}: {key!r} must be a number of tokens (0 or more)")
    return value


def compile_rule(data: Any, where: str) -> ContextRule:
    """One rule from its JSON object; raises DataFileError naming ``where`` and the key."""
    if not isinstance(data, dict):
        raise DataFileError(f"{where}: a rule must be a JSON object, not {data!r}")
    rid = data.get("id")
    if not isinstance(rid, str) or not rid.strip():
        raise DataFileError(f"{where}: rule {data!r} needs an 'id'")
    where = f"{where}: rule {rid!r}"
    check_keys(data, _RULE_KEYS, where)
    if ("literal" in data) == ("pattern" in data):
        raise DataFileError(f"{where}: give exactly one of 'literal' and 'pattern'")
    pattern: tuple[dict[str, Any], ...] = ()
    if "pattern" in data:
        raw = data["pattern"]
        if not isinstance(raw, list) or not raw or not all(isinstance(p, dict) for p in raw):
            raise DataFileError(f"{where}: 'pattern' must be a non-empty list of token patterns")
        _validate_pattern(raw, where)
        pattern = tuple(raw)
    effects = sorted(STATUS_EFFECTS | DROP_EFFECTS | DATE_EFFECTS | KIND_EFFECTS
                     | CONFIRM_EFFECTS)
    applies = frozenset(_words(data.get("applies_to", []), where, "applies_to")) \
        if data.get("applies_to") else frozenset()
    bad = sorted(applies - set(KINDS) - FAMILIES)
    if bad:
        raise DataFileError(f"{where}: applies_to {bad[0]!r} is no event kind or family; use "
                            f"one of {', '.join(sorted(set(KINDS) | FAMILIES))}")
    return ContextRule(
        id=rid, effect=_choice(data, "effect", effects, None, where),
        direction=_choice(data, "direction", DIRECTIONS, "bidirectional", where),
        scope=_choice(data, "scope", SCOPES, "sentence", where),
        literal=_words(data["literal"], where, "literal") if "literal" in data else (),
        pattern=pattern, relation=_choice(data, "relation", RELATIONS, "any", where),
        applies_to=applies,
        terminated_by=frozenset(_words(data["terminated_by"], where, "terminated_by"))
        if data.get("terminated_by") else frozenset(),
        without_complement=_flag(data, "without_complement", where),
        main_clause=_flag(data, "main_clause", where),
        max_scope=_count(data, "max_scope", where),
        note=str(data.get("note", "")), example=str(data.get("example", "")))


def _validate_pattern(pattern: list[dict[str, Any]], where: str) -> None:
    from spacy.matcher import Matcher
    from spacy.vocab import Vocab

    try:
        Matcher(Vocab(), validate=True).add("check", [pattern])
    except Exception as exc:  # spaCy raises MatchPatternError / ValueError with details
        raise DataFileError(f"{where}: bad token pattern: {' '.join(str(exc).split())}") \
            from exc


def parse_rules(datas: Iterable[tuple[Path, Any]]) -> ContextRules:
    """Rules from parsed JSON documents (checked; ids unique over all of them)."""
    rules: list[ContextRule] = []
    seen: dict[str, Path] = {}
    paths = []
    for path, data in datas:
        paths.append(path)
        if not isinstance(data, dict):
            raise DataFileError(f"factuality rules file {path} must hold a JSON object")
        check_keys(data, _FILE_KEYS, str(path))
        if "provenance" not in data:
            raise DataFileError(f"{path}: needs a 'provenance' field saying who wrote it and "
                                "from what")
        if not isinstance(data.get("rules"), list):
            raise DataFileError(f"{path}: needs a 'rules' list")
        for entry in data["rules"]:
            rule = compile_rule(entry, str(path))
            if rule.id in seen:
                raise DataFileError(f"{path}: rule id {rule.id!r} is used twice "
                                    f"(also in {seen[rule.id]})")
            seen[rule.id] = path
            rules.append(rule)
    return ContextRules(tuple(rules), tuple(paths))


@cache
def _load(paths: tuple[Path, ...]) -> ContextRules:
    return parse_rules((p, read_json(p, "factuality rules")) for p in paths)


def load_rules(*extra: str | Path, lang: str | None = None) -> ContextRules:
    """The factuality rules of the language pack of ``lang`` (None: the
    :func:`~geo_events.language.active_language`), extended by the given rule files
    (cached)."""
    own = language_pack(lang or active_language()).files["factuality_rules"]
    return _load((own, *(Path(p).resolve() for p in extra)))


# -- matching ------------------------------------------------------------------------------------

@cache
def _literal_regex(literals: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for a rule's phrases (longest first; whole words; any white space between
    words; "cannot" also matches "can not")."""
    bodies = [r"\s+".join(re.escape(w) for w in lit.split()).replace("cannot", r"can\s*not")
              for lit in sorted(literals, key=len, reverse=True)]
    return re.compile(rf"(?<![\w-])(?:{'|'.join(bodies)})(?![\w-])", re.IGNORECASE)


class DocCues:
    """The cues of every rule in one document, indexed by sentence (built once, linear in the
    document's length times the number of rules)."""

    def __init__(self, doc: Doc, rules: ContextRules, text: str | None = None) -> None:
        self.doc = doc
        self.rules = rules
        text = doc.text if text is None else text
        sents = list(doc.sents)
        self._sent_of = [0] * len(doc)
        self._para_of_sent = []
        para = 0
        for n, s in enumerate(sents):
            if n > 0:
                prev = sents[n - 1]
                gap = text[prev.start_char + len(prev.text.rstrip()):s.start_char]
                if re.search(r"\n\s*\n", gap):
                    para += 1
            self._para_of_sent.append(para)
            for t in range(s.start, s.end):
                self._sent_of[t] = n
        self.by_sent: dict[int, list[Cue]] = {}
        complement = language_pack(doc.lang_).deps["complement"]
        for rule, start, end in self._find(text):
            root = doc[start:end].root
            if rule.without_complement and any(c.dep_ in complement for c in root.children):
                continue
            if rule.main_clause and not _in_main_clause(root):
                continue
            sno = self._sent_of[start]
            cue = Cue(rule, start, end, sno, self._para_of_sent[sno])
            self.by_sent.setdefault(sno, []).append(cue)
        # paragraph-scope cues by paragraph; the others are looked up in the trigger's sentence
        # and its neighbours only (linear time on a long document without paragraph breaks)
        self.by_para: dict[int, list[Cue]] = {}
        for sno, cues in self.by_sent.items():
            self.by_para.setdefault(self._para_of_sent[sno], []).extend(
                c for c in cues if c.rule.scope == "paragraph")

    def _find(self, text: str):
        doc = self.doc
        # a pattern needing an annotation the document lacks (a parse without tags) cannot
        # match; spaCy's Matcher would raise
        with_pattern = [r for r in self.rules.rules if r.pattern and all(
            doc.has_annotation(_ANNOTATION.get(attr.upper(), attr.upper()))
            for token in r.pattern for attr in token if attr.upper() in _ANNOTATION)]
        if with_pattern:
            from spacy.matcher import Matcher

            matcher = Matcher(doc.vocab)
            for r in with_pattern:
                matcher.add(r.id, [list(r.pattern)])
            for match_id, start, end in matcher(doc):
                yield self.rules.by_id(doc.vocab.strings[match_id]), start, end
        for r in self.rules.rules:
            if not r.literal:
                continue
            for m in _literal_regex(r.literal).finditer(text):
                span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
                if span is not None and len(span):
                    yield r, span.start, span.end

    def sentence_of(self, tok: Token) -> int:
        return self._sent_of[tok.i]

    def candidates(self, tok: Token) -> list[Cue]:
        """Cues that may reach ``tok``: those of its sentence and its neighbours, and the
        paragraph-scope ones of its paragraph."""
        sno = self._sent_of[tok.i]
        para = self._para_of_sent[sno]
        near = [c for n in (sno - 1, sno, sno + 1) for c in self.by_sent.get(n, ())
                if c.para == para and c.rule.scope != "paragraph"]
        return near + self.by_para.get(para, [])

    def covering(self, tok: Token, kind: str) -> list[Cue]:
        """Cues whose scope, direction and relation reach the trigger ``tok`` of ``kind``."""
        return [c for c in self.candidates(tok) if c.rule.applies(kind) and self._reaches(c, tok)]

    def _reaches(self, cue: Cue, tok: Token) -> bool:
        rule = cue.rule
        if cue.start <= tok.i < cue.end:
            return False  # a cue does not modify itself ("claim" is no cue for "claim")
        forward = tok.i >= cue.end
        if rule.direction == "forward" and not forward:
            return False
        if rule.direction == "backward" and forward:
            return False
        tsent = self._sent_of[tok.i]
        if rule.scope == "clause":
            if tsent != cue.sent or not _in_clause(self.doc, cue, tok):
                return False
        elif rule.scope == "sentence":
            if tsent != cue.sent:
                return False
        elif rule.scope == "next_sentence" and abs(tsent - cue.sent) > 1:
            return False
        # paragraph: the candidates are the paragraph's already
        lo, hi = (cue.end, tok.i) if forward else (tok.i + 1, cue.start)
        if rule.max_scope is not None and hi - lo > rule.max_scope:
            return False
        if rule.terminated_by and any(self.doc[i].text.lower() in rule.terminated_by
                                      for i in range(lo, hi)):
            return False
        if rule.relation == "governs":
            return _governs(cue, tok)
        if rule.relation == "argument":
            return any(_is_argument(self.doc[i], tok) for i in range(cue.start, cue.end))
        if rule.relation == "dependent":
            root = self.doc[cue.start:cue.end].root
            return root.head.i == tok.i and root.i != tok.i
        if rule.relation == "predicate":
            return _predicated(self.doc[cue.start:cue.end].root, tok)
        return True


def _predicated(cue_tok: Token, tok: Token) -> bool:
    """The trigger ``tok`` (or the first conjunct it is coordinated with) and the cue token
    are the subject and the complement of one verb ("*Capturing* X has been *the goal*",
    "the *goal* is *to take* X"), or the cue is the subject of the trigger itself ("the *aim*
    is *capturing* X": the copula read as an auxiliary)."""
    deps = _pack(tok).deps
    node = tok
    while node.dep_ in deps["conjunct"] and node.head.i != node.i:
        node = node.head
    if cue_tok.dep_ in deps["subject"] and cue_tok.head.i == node.i \
            and node.tag_ in _pack(tok).tags["gerund"]:
        return True  # "the aim is capturing X" (not "Main objective: capture X", a label)
    verb = node.head
    if verb.i == node.i or cue_tok.head.i != verb.i:
        return False
    complement, subject = deps["predicate_complement"], deps["subject"]
    return (node.dep_ in subject and cue_tok.dep_ in complement) \
        or (cue_tok.dep_ in subject and node.dep_ in complement)


def _governs(cue: Cue, tok: Token) -> bool:
    """A cue token governs ``tok`` as its purpose: ``tok`` is an infinitive under it ("the
    offensive to capture X"), or the object of a preposition on it ("the battle for the
    capture of X", "efforts at encircling X"), possibly through coordination ("to take X and
    hold Y"); not a participle or a finite clause ("the Battle of X, seizing the city", "the
    attack that captured X")."""
    pack = _pack(tok)
    deps, finite, to = pack.deps, pack.tags["finite"], pack.function_words["infinitive"]
    node = tok
    while node.head.i != node.i:
        if node.dep_ in deps["conjunct"]:
            node = node.head
            continue
        if node.dep_ in deps["purpose_clause"] and node.tag_ not in finite and any(
                c.dep_ in deps["auxiliary"] and c.lower_ in to for c in node.children):
            node = node.head  # "to capture X" under its head (a finite verb is a clause)
        elif node.dep_ in deps["preposition_complement"] \
                and node.head.dep_ in deps["purpose_preposition"]:
            node = node.head.head  # "for the capture of X" / "at encircling X" on its head
        else:
            return False
        if cue.start <= node.i < cue.end:
            return True
    return False


def _in_main_clause(tok: Token) -> bool:
    """True when ``tok`` is in the main clause: no clause boundary on its way to the root
    other than coordination of main clauses."""
    deps = _pack(tok).deps
    node = tok
    while node.head.i != node.i:
        if node.dep_ in deps["clause_start"] and node.dep_ not in deps["conjunct"]:
            return False
        if node.dep_ in deps["adjectival_modifier"]:
            return False  # "a highly-disputed referendum": a modifier, no statement
        node = node.head
    return True


def _clause_head(tok: Token) -> Token:
    clause_start = _pack(tok).deps["clause_start"]
    node = tok
    while node.dep_ not in clause_start and node.head.i != node.i:
        node = node.head
    return node


def _in_clause(doc: Doc, cue: Cue, tok: Token) -> bool:
    """True when ``tok`` lies in the clause of the cue (the subtree of its clause head)."""
    head = _clause_head(doc[cue.start:cue.end].root)
    return tok.i == head.i or any(a.i == head.i for a in tok.ancestors)


def _is_argument(cue_tok: Token, trigger: Token) -> bool:
    """The cue token is the trigger's object, or the object of a preposition on it, or the
    object of "of" under a quantity that is the trigger's object ("withdrew most of its
    helicopters"). A later conjunct is not the argument: in "withdrew its troops and jets"
    the troops went too."""
    pack = _pack(trigger)
    deps = pack.deps
    if cue_tok.head.i == trigger.i and cue_tok.dep_ in deps["argument"]:
        return True
    p = cue_tok.head
    if cue_tok.dep_ not in deps["prepositional_object"]:
        return False
    if p.dep_ in deps["argument_preposition"] and p.head.i == trigger.i:
        return True
    quantity = p.head  # "most" / "some" / "part" in "most of its helicopters"
    return p.lower_ in pack.function_words["genitive"] and quantity.dep_ in deps["argument"] \
        and quantity.head.i == trigger.i and quantity.pos_ in pack.pos["quantity"]
