"""Geoparsing: find every place in a text and resolve it to the gazetteer.

* :func:`geoparse` -- text -> list of :class:`~geo_events.model.Mention`;
* :func:`parse` -- the same, keeping the spaCy Doc (for event extraction);
* :func:`geoparse_many` -- many texts, optionally in parallel processes;
* :func:`mentions_to_geodataframe` -- a GeoDataFrame view;
* spaCy components ``geo_events_toponyms`` and ``geo_events_resolver`` (entry points).
"""

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

__all__ = ["ParsedText", "base_model", "geoparse", "geoparse_many", "get_nlp", "load_pipeline",
           "mentions_to_geodataframe", "parse", "split_chunks"]
