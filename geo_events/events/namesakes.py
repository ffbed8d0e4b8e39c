"""Namesake villages settled by the rest of a corpus.

"Ukrainian forces retook Lukashivka, Chernihiv" names one of two villages of that name in the
Chernihiv oblast, in communities 45 km apart; a one-line report says nothing more. A corpus of
reports does: the other places taken or fought over in the same days lie near one of them.
:func:`settle_namesakes` takes, for each event whose place kept several namesakes
(``place.raw["namesakes"]``, set by the extraction from Ukraine's codifier, see
:mod:`geo_events.gazetteer.katottg`), the namesake near the corpus's other events of those days
(within :data:`CORPUS_CONTEXT_KM`, and the only namesake that is); otherwise the event stays
placed by its oblast only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from geo_events.geodesy import nearest_km
from geo_events.model import Event

#: Events this many days apart (or closer) count as the same days' reports.
WINDOW_DAYS = 7

#: A namesake is taken when another event of those days (or, in one text, another place of the
#: text) lies this close (km) to it and to no other namesake.
CORPUS_CONTEXT_KM = 40.0


def settle_namesakes(events: Sequence[Event], window_days: int = WINDOW_DAYS) -> list[Event]:
    """The events, in order, with namesake villages settled where the corpus tells which (see
    the module docstring). Events without namesakes are returned unchanged."""
    placed = [e for e in events if e.date_from is not None and _placed(e)]
    starts = np.array([e.date_from.toordinal() for e in placed], dtype=np.int64)
    ends = np.array([e.date_to.toordinal() for e in placed], dtype=np.int64)
    lats = np.array([e.place.latitude for e in placed], dtype=float)
    lons = np.array([e.place.longitude for e in placed], dtype=float)
    out = []
    for e in events:
        options = e.place.raw.get("namesakes")
        if not options or e.date_from is None:
            out.append(e)
            continue
        same_days = (starts - window_days <= e.date_to.toordinal()) \
            & (e.date_from.toordinal() <= ends + window_days)
        k = only_one_near([(o[0], o[1]) for o in options], lats[same_days], lons[same_days])
        if k is None:
            out.append(e)
            continue
        lat, lon, located_by = options[k]
        raw = {k: v for k, v in e.place.raw.items() if k != "namesakes"}
        raw.update(located_by=located_by, precision="community", settled_by="corpus")
        out.append(replace(e, place=replace(e.place, latitude=lat, longitude=lon, raw=raw)))
    return out


def only_one_near(options: Sequence[tuple[float, float]], lats: np.ndarray, lons: np.ndarray,
                  km: float = CORPUS_CONTEXT_KM) -> int | None:
    """Index of the only option (latitude, longitude) within ``km`` of one of the points
    (``lats``/``lons``, degrees), or None: none is, several are, or there is no point. Used
    for a corpus's events here and for a text's other places by the extraction."""
    if not len(lats):
        return None
    close = [k for k, (lat, lon) in enumerate(options) if nearest_km(lat, lon, lats, lons) <= km]
    return close[0] if len(close) == 1 else None


def _placed(e: Event) -> bool:
    """A settlement with a point of its own (or its community's), not an oblast's label."""
    p = e.place
    if p.level != "populated_place":
        return False
    return not p.is_unresolved or p.raw.get("precision") in ("community", "near")
