"""The events spaCy component ``geo_events_events``, registered like the geoparser's
(:mod:`geo_events.geoparse.components`, ``spacy_factories`` entry point): after
``geo_events_resolver`` it sets ``doc._.events`` (a list of :class:`~geo_events.model.Event`)
by :func:`geo_events.events.api.events_of_parsed`, the path :func:`extract_events` and the
commands take, so the same text gives the same events:

>>> from geo_events.geoparse import load_pipeline
>>> nlp = load_pipeline()                        # parser, NER, toponyms, resolver
>>> nlp.add_pipe("geo_events_events", config={"profile": "russia-ukraine"})
>>> doc = nlp("Ukrainian forces recaptured Lyman on 1 October 2022.")
>>> [(e.kind, e.place.name, e.gain) for e in doc._.events]
[('recapture', 'Lyman', 'UA')]

Per document, ``doc._.published`` (a date or ``YYYY-MM-DD``), when set before the component
runs, anchors relative dates ("on Saturday"); else the ``published`` of the config does.
A text longer than spaCy's ``max_length`` must go through :func:`extract_events` (which cuts
it into chunks), not through ``nlp(text)``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from geo_events.errors import InputError

for _name in ("events", "published"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class EventExtractor:
    """Extract a parsed document's events into ``doc._.events``."""

    def __init__(self, nlp: Language, name: str, profile: str, published: str | None,
                 source: str | None) -> None:
        from geo_events.events.dates import parse_iso_date
        from geo_events.events.lexicon import load_lexicon
        from geo_events.events.patterns import trigger_matcher

        # the trigger patterns, compiled once for this pipeline's vocabulary and language (a
        # language without a pack fails here, naming the packs there are)
        trigger_matcher(load_lexicon(lang=nlp.lang or ""), nlp.vocab, nlp.lang or "")
        self.name = name
        self.nlp = nlp  # its resolver resolves the toponyms again with the profile's countries
        self.profile = None if profile in ("", "auto") else profile
        self.published = parse_iso_date(published)
        self.source = source

    def __call__(self, doc: Doc) -> Doc:
        from geo_events.events.api import events_of_parsed
        from geo_events.events.dates import parse_iso_date
        from geo_events.geoparse.pipeline import RESOLVER, ParsedText

        mentions = doc._.geo_mentions
        if mentions is None:
            raise InputError(f"the {self.name!r} component needs the place mentions of "
                             "'geo_events_resolver': add 'geo_events_toponyms' and "
                             "'geo_events_resolver' before it (or use "
                             "geo_events.geoparse.load_pipeline())")
        published = parse_iso_date(doc._.published) or self.published
        # the pipeline's resolver, so that events_of_parsed can resolve the toponyms again with
        # the profile's countries (and doc._.geo_mentions are then those), as extract_events
        # reads the text
        resolver = self.nlp.get_pipe(RESOLVER) if RESOLVER in self.nlp.pipe_names else None
        parsed = ParsedText(text=doc.text, doc=doc, mentions=list(mentions),
                            published=published,
                            profile_countries=getattr(resolver, "profile_countries", None),
                            chunks=[(0, doc)], resolver=resolver)
        doc._.events = events_of_parsed(parsed, published, self.source, self.profile,
                                        progress=False)
        return doc


@Language.factory("geo_events_events", assigns=["doc._.events"],
                  requires=["doc._.geo_mentions"],
                  default_config={"profile": "auto", "published": None, "source": None})
def make_event_extractor(nlp: Language, name: str, profile: str, published: str | None,
                         source: str | None) -> EventExtractor:
    """Create the event extractor. Place it after ``geo_events_resolver``.

    profile: a shipped profile name, a profile ``.json`` path, ``"auto"`` (detected from each
        text; the default) or ``"none"`` (no sides: events carry the actor text).
    published: ``YYYY-MM-DD`` of the texts when ``doc._.published`` is not set (None: events
        carry only the dates the text spells out).
    source: the source name recorded on the events.
    """
    return EventExtractor(nlp, name, profile, published, source)
