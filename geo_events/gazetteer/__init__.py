"""The offline gazetteer: GeoNames places, countries, admin-1 units and named regions.

Public API: :func:`get_gazetteer` (shared, lazily built index), :class:`Gazetteer`,
:func:`normalize_name`, :class:`MatchKind`.
"""

from geo_events.gazetteer.index import Gazetteer, NameHit, get_gazetteer, prior_score
from geo_events.gazetteer.kinds import MatchKind
from geo_events.gazetteer.normalize import normalize_name

__all__ = ["Gazetteer", "MatchKind", "NameHit", "admin1_display_name", "build_index",
           "get_gazetteer",
           "normalize_name", "prior_score"]


def admin1_display_name(code: str | None, fallback: str | None = None) -> str | None:
    """The one display name of an admin-1 code across the package (the gazetteer's: the
    namesake city's current GeoNames spelling where there is one, "Kyiv" not "Kiev"), else
    ``fallback``."""
    if not code:
        return fallback
    return get_gazetteer().admin1_name(code) or fallback


def build_index(target=None):
    """Build the index (see :func:`geo_events.gazetteer.build.build_index`); imported lazily so
    that a warm start never loads pandas or the 80 MB JSON."""
    from geo_events.gazetteer.build import build_index as _build

    return _build(target)
