"""Which places get a permanent name label: the most reported first, the largest next.

Interactive maps label the :data:`LABELS_AT_START` best-ranked places drawn at the opening zoom
and twice as many per zoom level in (``static/geo_events_map.js``, a label that would overlap a
better-ranked one waits for a closer zoom); print figures (:mod:`geo_events.maps.figure`)
label the best-ranked that fit without overlapping. Each place item of a map's page data gets
``rank`` (0 = label first).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

#: Labels shown at a map's opening zoom (doubling per zoom level in).
LABELS_AT_START = 8


def rank_places(items: Sequence[dict[str, Any]], weight: Callable[[dict[str, Any]], int],
                population: Mapping[str, int] | None = None, start: int = 0) -> None:
    """Set ``item["rank"]`` (``start``, ``start + 1``, ...) on each item, in place.

    Order: ``weight(item)`` (reports or mentions of the place) descending, then the place's
    population (``population``: place id -> inhabitants) descending, then the name.
    """
    pops = population or {}
    order = sorted(items, key=lambda it: (-weight(it), -(pops.get(it["id"]) or 0),
                                          str(it["name"]).casefold(), it["id"]))
    for k, item in enumerate(order):
        item["rank"] = start + k
