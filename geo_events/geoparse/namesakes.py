"""Namesake villages settled by the rest of a corpus.

"Ukrainian forces retook Lukashivka, Chernihiv" names one of two villages of that name in the
Chernihiv oblast, in communities 45 km apart; a one-line report says nothing more. A corpus of
reports does: the other places taken or fought over in the same days lie near one of them.
:func:`settle_namesakes` takes, for each event whose place kept several namesakes
(``place.location.namesakes``, set by the extraction from Ukraine's codifier, see
:mod:`geo_events.gazetteer.katottg`), the namesake that is clearly the nearest to the corpus's
other events of the closest days (:func:`clearly_nearest`; the days within
:data:`WINDOWS_DAYS` of the event, the narrowest window that has any placed event); otherwise the
event stays placed by its oblast only.

A village the gazetteer placed (a GeoNames settlement of 500 or more people) may carry the
codifier's other villages of its name too: it moves to one of them only when no report of those
days lies within :data:`CORPUS_CONTEXT_KM` of it and that namesake is clearly the nearest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from geo_events.geodesy import nearest_km
from geo_events.model import Event, Location, Place, unresolved_place_id

#: Windows (days before and after the event's date range) tried in turn: a namesake is judged
#: by the reports closest in time, the narrowest window that holds any placed event.
WINDOWS_DAYS = (1, 3, 7)

#: The nearest namesake is taken only when another report of those days (or, in one text, another
#: place of the text) lies within this distance (km) of it ...
CORPUS_CONTEXT_KM = 40.0

#: ... and every other namesake is beyond that distance or this many times as far.
CLEAR_MARGIN = 1.5


def settle_namesakes(events: Sequence[Event],
                     windows_days: Sequence[int] = WINDOWS_DAYS) -> list[Event]:
    """The events, in order, with namesake villages settled where the corpus tells which (see
    the module docstring). Events without namesakes are returned unchanged."""
    # the context: events placed at a point of their own, not those still in question
    placed: list[Event] = []
    spans: list[tuple[int, int]] = []  # (first, last) day ordinals of each placed event
    for e in events:
        if e.date_from is not None and e.date_to is not None and _placed(e) \
                and not e.place.namesakes:
            placed.append(e)
            spans.append((e.date_from.toordinal(), e.date_to.toordinal()))
    starts = np.array([d[0] for d in spans], dtype=np.int64)
    ends = np.array([d[1] for d in spans], dtype=np.int64)
    lats = np.array([e.place.latitude for e in placed], dtype=float)
    lons = np.array([e.place.longitude for e in placed], dtype=float)
    out = []
    for e in events:
        options = list(e.place.namesakes)
        if not options or e.date_from is None or e.date_to is None:
            out.append(e)
            continue
        placed_by_gazetteer = not e.place.is_unresolved
        if placed_by_gazetteer:  # its own point is the first option
            options = [(e.place.latitude, e.place.longitude, e.place.id), *options]
        k = None
        for days in windows_days:
            same_days = (starts - days <= e.date_to.toordinal()) \
                & (e.date_from.toordinal() <= ends + days)
            if not same_days.any():
                continue
            if placed_by_gazetteer and nearest_km(e.place.latitude, e.place.longitude,
                                                  lats[same_days], lons[same_days]) \
                    <= CORPUS_CONTEXT_KM:
                break  # the gazetteer's village is where those days' fighting was
            k = clearly_nearest([(o[0], o[1]) for o in options], lats[same_days],
                                lons[same_days])
            break
        if k is None or (placed_by_gazetteer and k == 0):
            out.append(e)
            continue
        out.append(replace(e, place=move_to_namesake(e.place, options[k], "corpus")))
    return out


def move_to_namesake(place: Place, option: tuple[float, float, str], settled_by: str) -> Place:
    """``place`` at the namesake ``option`` (latitude, longitude, located_by): a codifier
    village, so a gazetteer place becomes an unplaced settlement of its unit.
    ``location.settled_by`` says what decided: ``"corpus"`` or ``"text"``."""
    lat, lon, located_by = option
    location = Location(precision="community", located_by=located_by, settled_by=settled_by)
    if place.is_unresolved:
        return replace(place, latitude=lat, longitude=lon, location=location)
    # no longer the gazetteer's row: its record stays, without the index's bookkeeping
    raw = {k: v for k, v in place.raw.items() if k not in ("row", "source")}
    # a gazetteer place gets namesakes only with its unit (geoparse.fit._with_namesakes)
    assert place.admin1_code is not None
    return replace(place, id=unresolved_place_id(place.admin1_code, place.name), latitude=lat,
                   longitude=lon, population=0, geonameid=None, feature_code=None, raw=raw,
                   location=location)


def clearly_nearest(options: Sequence[tuple[float, float]], lats: np.ndarray,
                    lons: np.ndarray, km: float = CORPUS_CONTEXT_KM,
                    margin: float = CLEAR_MARGIN) -> int | None:
    """Index of the option (latitude, longitude, degrees) nearest to the points
    (``lats``/``lons``) when it lies within ``km`` of one of them and every other option is
    beyond ``km`` or ``margin`` times as far; else None (no point, none near, or no clear
    winner). Used for a corpus's events here and for a text's other places by the extraction."""
    if not len(lats) or not options:
        return None
    dist = [nearest_km(lat, lon, lats, lons) for lat, lon in options]
    order = sorted(range(len(options)), key=dist.__getitem__)
    best = dist[order[0]]
    if best > km:
        return None
    if len(order) > 1:
        second = dist[order[1]]
        if second <= km and (second < margin * best or second == best):
            return None  # no clear winner (two at the same distance: none, not the first)
    return order[0]


def _placed(e: Event) -> bool:
    """A settlement with a point of its own (or its community's), not an oblast's label."""
    p = e.place
    return p.level == "populated_place" and (not p.is_unresolved or p.approximate is not None)
