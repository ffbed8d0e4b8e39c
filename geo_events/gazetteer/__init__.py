"""The offline gazetteer: GeoNames places, countries, admin-1 units and named regions.

Public API: :func:`get_gazetteer` (shared, lazily built index), :class:`Gazetteer`,
:func:`normalize_name`, :class:`MatchKind`.
"""

from geo_events.gazetteer.build import MatchKind, build_index
from geo_events.gazetteer.index import Gazetteer, NameHit, get_gazetteer, prior_score
from geo_events.gazetteer.normalize import normalize_name

__all__ = ["Gazetteer", "MatchKind", "NameHit", "build_index", "get_gazetteer",
           "normalize_name", "prior_score"]
