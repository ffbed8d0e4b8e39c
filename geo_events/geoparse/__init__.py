"""Geoparsing: find every place in a text and resolve it to the gazetteer.

* :func:`geoparse` -- text -> list of :class:`~geo_events.model.Mention`;
* :func:`parse` -- the same, keeping the spaCy Doc (for event extraction);
* :func:`geoparse_many` -- many texts, optionally in parallel processes;
* :func:`mentions_to_geodataframe` -- a GeoDataFrame view;
* :class:`DocPlaces` -- a geoparsed document's places and the place resolution that needs its
  parse (locators, names the geoparser missed, namesakes fitted to a locator, places the
  gazetteer lacks), built once per document by event extraction (with :class:`PlaceHints`);
* spaCy components ``geo_events_toponyms`` and ``geo_events_resolver`` (entry points).
"""

from geo_events.geoparse.doc_places import DocPlaces, PlaceHints
from geo_events.geoparse.frame import mentions_to_geodataframe
from geo_events.geoparse.pipeline import (
    ParsedText,
    base_model,
    geoparse,
    geoparse_many,
    get_nlp,
    load_pipeline,
    parse,
    split_chunks,
)

__all__ = ["DocPlaces", "ParsedText", "PlaceHints", "base_model", "geoparse", "geoparse_many",
           "get_nlp", "load_pipeline", "mentions_to_geodataframe", "parse", "split_chunks"]
