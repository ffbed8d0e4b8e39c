"""Who a source is: the phrase naming a reporting party, with a person's title carried over
from an earlier mention of the same name.

A report's source decides its status (a party's report is ``claimed``, an analyst's
``assessed``) and which side conceded a loss. Long-form text names an official once with
a title ("Luhansk governor Serhiy Haidai said ...", "Serhiy Haidai, the governor of Luhansk
Oblast, said ...") and afterwards by the name alone ("Haidai stated that ..."): the bare name
stands for the titled person (rule ``named_sources`` of ``events_places_en.json``). The
nearest earlier mention of the same name that carries a title (a common noun in its noun
phrase, its apposition, or the phrase it is in apposition to) supplies the words the status
and the side are read from.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable

from spacy.tokens import Doc, Token

from geo_events.events.lexicon import Lexicon
from geo_events.events.place_rules import place_rules
from geo_events.events.syntax import _pack, _phrase_tokens, line_start

#: ``doc.user_data`` key of the per-document index of proper-noun tokens by text.
_INDEX_KEY = "geo_events.events.sources.names"


def _names(doc: Doc) -> dict[str, list[int]]:
    """Proper-noun tokens of ``doc`` by text, in order (built once per document)."""
    index = doc.user_data.get(_INDEX_KEY)
    if index is None:
        proper = _pack(doc[0]).pos["proper_noun"] if len(doc) else frozenset()
        index = {}
        for t in doc:
            if t.pos_ in proper:
                index.setdefault(t.text, []).append(t.i)
        doc.user_data[_INDEX_KEY] = index
    return index


def _titled_phrase(tok: Token) -> list[Token]:
    """The noun phrase of a name with the phrases in apposition to it: "Luhansk governor
    Serhiy Haidai", "Serhiy Haidai, the governor of Luhansk Oblast", "the chairman of the
    regional administration, Serhiy Haidai"."""
    deps = _pack(tok).deps
    toks = list(_phrase_tokens(tok))
    for c in tok.children:
        if c.dep_ in deps["apposition"]:
            toks.extend(c.subtree)
    if tok.dep_ in deps["apposition"]:
        toks.extend(_phrase_tokens(tok.head))
    return sorted(set(toks), key=lambda t: t.i)


def source_tokens(head: Token, says_who: Callable[[list[Token]], bool], lexicon: Lexicon
                  ) -> tuple[list[Token], str | None]:
    """The tokens naming the source whose phrase ``head`` heads, and the id of the
    ``named_sources`` rule when they come from an earlier mention (else None).

    A name whose own phrase does not say who the source is (``says_who`` is false for it:
    "Haidai", "Serhiy Haidai") takes the phrase of the nearest earlier mention of the same
    last name for which ``says_who`` holds ("Luhansk Oblast Governor Serhiy Haidai"), within
    the document (or the paragraph, for a rule of ``reach`` ``paragraph``). Only a speaker is
    looked up: the subject of an active reporting verb or the object of "according to".
    A pronoun reporting ("He said", rule ``pronoun_sources``) stands for the nearest person
    named as a subject before it, read as a name. ``lexicon``: the document's (its
    ``party_nouns`` are titles, not given names)."""
    own = _titled_phrase(head)
    pack = _pack(head)
    rules = place_rules().named_sources
    deps = pack.deps
    if head.dep_ in deps["active_nominal_subject"] and not says_who(own):
        for rule in place_rules().pronoun_sources:
            if head.lower_ in rule["pronouns"]:
                others = frozenset().union(*(words for p, words in rule["gender_words"].items()
                                             if p != head.lower_))
                named = _subject_before(head, rule["sentences_back"], others)
                if named is None:
                    break
                toks, _ = source_tokens(named, says_who, lexicon)
                if says_who(toks):
                    return toks, rule["id"]
                break
    if not rules or head.pos_ not in pack.pos["proper_noun"] or says_who(own) \
            or head.dep_ not in deps["active_nominal_subject"] | deps["prepositional_object"]:
        return own, None  # a passive subject is what was reported, not who reported it
    for rule in rules:
        first = line_start(head) if rule["reach"] == "paragraph" else 0
        given = _given_names(head, lexicon) if rule.get("given_names") else None
        for tok in _earlier_mentions(head, first):
            if given is not None:
                other = _given_names(tok, lexicon)
                if not given and other:
                    given = other  # a bare surname: the person last named in full
                elif other and other != given:
                    continue  # "Oleksiy Haidai" is not "Serhiy Haidai"
            phrase = _titled_phrase(tok)
            if says_who(phrase):
                return phrase, rule["id"]
    return own, None


def _earlier_mentions(head: Token, first: int) -> list[Token]:
    """The earlier mentions of ``head``'s name as a person (not as a modifier: "the Haidai
    administration"), nearest first, from character ``first`` on."""
    positions = _names(head.doc).get(head.text, [])
    compound = _pack(head).deps["compound"]
    return [head.doc[i] for i in reversed(positions[:bisect_left(positions, head.i)])
            if head.doc[i].idx >= first and head.doc[i].dep_ not in compound]


def _given_names(tok: Token, lexicon: Lexicon) -> tuple[str, ...]:
    """The given name written right before the surname ``tok`` ("Serhiy" of "Governor
    Serhiy Haidai"): a proper noun compounded to it, not a title (a word of the lexicon's
    ``party_nouns``: "Governor Haidai"); () for a surname alone."""
    pack = _pack(tok)
    if tok.i == 0:
        return ()
    prev = tok.doc[tok.i - 1]
    if prev.head.i != tok.i or prev.dep_ not in pack.deps["compound"] \
            or prev.pos_ not in pack.pos["proper_noun"] \
            or lexicon.has("party_nouns", prev.lower_):
        return ()
    return (prev.lower_,)


def _subject_before(pronoun: Token, sentences_back: int,
                    not_words: frozenset[str] = frozenset()) -> Token | None:
    """The nearest proper noun that is a subject before ``pronoun``: in its sentence or up
    to ``sentences_back`` sentences before it, not across a paragraph (a line break). A
    person whose phrase, or an earlier mention of the name's phrase, has a word of
    ``not_words`` (the other pronouns' gender words: "spokeswoman" for "he") is passed
    over."""
    doc = pronoun.doc
    pack = _pack(pronoun)
    first = pronoun.sent.start
    for _ in range(sentences_back):
        if first == 0:
            break
        first = doc[first - 1].sent.start
    line = line_start(pronoun, floor=doc[first].idx)
    for tok in reversed(doc[first:pronoun.i]):
        if tok.idx < line:
            break
        if tok.pos_ in pack.pos["proper_noun"] and tok.dep_ in pack.deps["active_nominal_subject"]:
            if not_words and any(t.lower_ in not_words for m in (tok, *_earlier_mentions(tok, 0))
                                 for t in _titled_phrase(m)):
                continue  # "Spokeswoman Olha Stefanishyna said ... He added": not her
            return tok
    return None


def phrase_text(toks: list[Token]) -> str:
    """The text from the first to the last of ``toks`` (one phrase), without edge commas."""
    return toks[0].doc[toks[0].i: toks[-1].i + 1].text.strip(" ,")
