"""Maps: the control map (status over time with a replay slider) and the places map.

* :func:`control_map` — from :class:`~geo_events.model.Event` objects;
* :func:`places_map` — from :class:`~geo_events.model.Mention` objects;
* :func:`estimate_areas` — the evidence-weighted control-area estimate (held, claimed,
  contested, unknown ground; ``docs/control_estimate.md``);
* :func:`estimate_control_area` — the former Voronoi split (pure geopandas).

Both maps are folium ``Map`` objects (inline display in Jupyter, ``.save(path)``); the saved page
is one self-contained HTML file (Leaflet inlined) that renders with no network; ``tiles=...``
adds optional online tiles. All user text reaches the page
through :mod:`geo_events.maps.escape` only.
"""

from __future__ import annotations

from geo_events.maps.area import estimate_areas, estimate_control_area
from geo_events.maps.control import control_map
from geo_events.maps.page import ATTRIBUTION, GeoEventsMap
from geo_events.maps.places import places_map

__all__ = ["ATTRIBUTION", "GeoEventsMap", "control_map", "estimate_areas", "estimate_control_area",
           "places_map"]
