"""The places map: every resolved toponym of plain geoparsing, clustered when many.

One marker per distinct place (not per mention), its popup listing each mention: surface text,
resolver score, article id and sentence. Markers are clustered with Leaflet.markercluster once
there are more than :data:`CLUSTER_THRESHOLD` places.

Page data contract (``GeoEventsMap.page_data``): ``places`` (``{id, name, admin1, country,
lat, lon, rank, mentions: [{surface, score, article, sentence}]}``; ``rank``: see
:mod:`geo_events.maps.labels`), ``labels`` (labels at the opening zoom), ``cluster`` (bool),
``subtitle``, ``base`` (GeoJSON), ``bounds``, ``center``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from geo_events.errors import InputError
from geo_events.maps._geometry import base_layer
from geo_events.maps.labels import LABELS_AT_START, rank_places
from geo_events.maps.page import GeoEventsMap
from geo_events.model import Mention

#: Above this many places the markers are clustered.
CLUSTER_THRESHOLD = 50


def places_map(
    mentions: Sequence[Mention],
    *,
    texts: Mapping[str, str] | None = None,
    offline: bool | None = None,
    title: str | None = None,
    cluster: bool | None = None,
    roles: Sequence[str] = ("toponym",),
    tiles: str | None = None,
) -> GeoEventsMap:
    """Build the places map of ``mentions``.

    ``texts`` maps article id -> article text, so popups can quote each mention's sentence
    (when the mention has sentence offsets). ``roles``: which mention roles to show (demonyms
    such as "Ukrainian troops" are context, not places, by default). ``cluster``: force
    clustering on/off (default: on above :data:`CLUSTER_THRESHOLD` places).
    """
    data = places_page_data(mentions, texts=texts, roles=roles)
    if not data["places"]:
        raise InputError("no resolved place mentions to map; check the input text and language")
    data["cluster"] = (len(data["places"]) > CLUSTER_THRESHOLD) if cluster is None else cluster
    return GeoEventsMap("places", data, offline=offline, tiles=tiles,
                        bundles=("leaflet", "markercluster"),
                        title=title or "Places mentioned")


def places_page_data(mentions: Sequence[Mention], *, texts: Mapping[str, str] | None = None,
                     roles: Sequence[str] = ("toponym",)) -> dict[str, Any]:
    """The JSON document of a places map (contract in the module docstring)."""
    items = mention_items(mentions, texts=texts, roles=roles)
    n = sum(len(i["mentions"]) for i in items)
    countries = sorted({m.place.country_code for m in mentions if m.place.country_code})
    rank_places(items, lambda it: len(it["mentions"]),
                {m.place.id: m.place.population for m in mentions if m.place.population})
    view = _points_view(items)
    return {"places": items, "subtitle": f"{n} mention(s) of {len(items)} place(s)",
            "labels": LABELS_AT_START, "base": base_layer(countries, view["bounds"]), **view}


def mention_items(mentions: Sequence[Mention], *, texts: Mapping[str, str] | None = None,
                  roles: Sequence[str] = ("toponym",),
                  exclude: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
    """One JSON item per distinct place of ``mentions`` (ids in ``exclude`` left out)."""
    by_place: dict[str, dict[str, Any]] = {}
    for m in mentions:
        p = m.place
        if m.role not in roles or p.id in exclude or not (
                math.isfinite(p.latitude) and math.isfinite(p.longitude)):
            continue
        item = by_place.setdefault(p.id, {
            "id": p.id, "name": p.name, "admin1": p.admin1_name or "",
            "country": p.country_name or p.country_code or "",
            "lat": round(p.latitude, 5), "lon": round(p.longitude, 5), "mentions": [],
        })
        item["mentions"].append({
            "surface": m.surface,
            "score": round(m.score, 3),
            "article": m.article_id or "",
            "sentence": _sentence(m, texts),
        })
    return list(by_place.values())


def _sentence(m: Mention, texts: Mapping[str, str] | None) -> str:
    if not texts or m.article_id is None or m.article_id not in texts \
            or m.sentence_start is None:
        return ""
    return texts[m.article_id][m.sentence_start:m.sentence_end].strip()


def _points_view(items: Sequence[dict[str, Any]]) -> dict[str, Any]:
    if not items:
        return {"bounds": None, "center": [0.0, 0.0]}
    lats = [i["lat"] for i in items]
    lons = [i["lon"] for i in items]
    s, n, w, e = min(lats), max(lats), min(lons), max(lons)
    pad = 0.5
    return {"bounds": [[s - pad, w - pad], [n + pad, e + pad]],
            "center": [(s + n) / 2, (w + e) / 2]}
