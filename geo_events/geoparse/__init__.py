"""Geoparsing: find every place in a text and resolve it to the gazetteer.

* :func:`geoparse` -- text -> list of :class:`~geo_events.model.Mention`;
* :func:`parse` -- the same, keeping the spaCy Doc (for event extraction);
* :func:`geoparse_many` -- many texts, optionally in parallel processes;
* :func:`mentions_to_geodataframe` -- a GeoDataFrame view;
* :class:`DocPlaces` -- a geoparsed document's places and the place resolution that needs its
  parse (locators, names the geoparser missed, namesakes fitted to a locator, places the
  gazetteer lacks), built once per document by event extraction (with :class:`PlaceHints`);
* spaCy components ``geo_events_toponyms`` and ``geo_events_resolver`` (entry points).

The package is callable as :func:`geoparse` itself: ``from geo_events import geoparse`` gives
this package (Python binds a package's subpackage as its attribute once it is imported, so the
name cannot stay a plain function), and ``geoparse(text)`` returns the mentions, while
``import geo_events.geoparse as gp`` and ``from geo_events.geoparse import parse`` keep working.
"""

import sys
import types

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


class _CallableModule(types.ModuleType):
    """This package's module type: calling it is calling :func:`geoparse`."""

    def __call__(self, text, published=None, nlp=None):
        """``geoparse(text, published=None, nlp=None)``: the resolved place mentions of
        ``text`` in document order (see :func:`geo_events.geoparse.pipeline.geoparse`)."""
        return geoparse(text, published, nlp)


sys.modules[__name__].__class__ = _CallableModule

__all__ = ["DocPlaces", "ParsedText", "PlaceHints", "base_model", "geoparse", "geoparse_many",
           "get_nlp", "load_pipeline", "mentions_to_geodataframe", "parse", "split_chunks"]
