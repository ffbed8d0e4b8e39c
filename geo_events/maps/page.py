"""The map page: a folium ``Map`` that carries geo_events data as JSON plus our page code.

Why a folium Map: it is what users of the field know, it displays inline in Jupyter
(``_repr_html_``) and saves with ``.save(path)``. Why the data travels as one JSON block instead
of folium ``Popup``/``Tooltip`` objects: folium renders popup text as HTML, so an article could
inject script; here every user string is serialised by :func:`~geo_events.maps.escape.script_json`
and placed in the DOM with ``textContent`` by ``static/geo_events_map.js`` (the one escaping path).
It is also much smaller: one GeoJSON-like block instead of a JS object per marker.

Every page inlines Leaflet, its plugins and their CSS images (from installed PyPI packages, see
:mod:`geo_events.maps.assets`), so it is one self-contained file that renders with no network; the
base map is drawn from the embedded country and admin polygons. Online tiles are optional
(``tiles="OpenStreetMap"``, CLI ``--tiles``); when they fail to load, the page fills the embedded
base map in again.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import folium
from branca.element import Figure
from folium.elements import MacroElement
from folium.template import Template

from geo_events.errors import InputError
from geo_events.maps.assets import inline_bundle, static_source
from geo_events.maps.escape import html_text, inline_script_source, script_json

#: Shown on every map (GeoNames requires attribution; Natural Earth asks for credit).
ATTRIBUTION = "Places: GeoNames (CC BY 4.0) · Boundaries: Made with Natural Earth"

#: The page builders of ``static/geo_events_map.js`` a map can call.
PAGE_KINDS = ("control", "places")


class _PageCode(MacroElement):
    """Library code and style, inlined as ``<script>``/``<style>`` elements."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        {%- for css in this.css_inline %}
            <style>{{ css }}</style>
        {%- endfor %}
        {%- for js in this.js_inline %}
            <script>{{ js }}</script>
        {%- endfor %}
        {% endmacro %}
        """
    )

    def __init__(self, bundles: Iterable[str]) -> None:
        super().__init__()
        self._name = "GeoEventsPageCode"
        self.css_inline: list[str] = []
        self.js_inline: list[str] = []
        for name in bundles:
            js, css = inline_bundle(name)
            self.js_inline.extend(inline_script_source(s) for s in js)
            self.css_inline.extend(c.replace("</style", "<\\/style") for c in css)
        self.css_inline.append(static_source("geo_events_map.css"))
        self.js_inline.append(inline_script_source(static_source("geo_events_map.js")))


class _PageData(MacroElement):
    """The map's data as a JSON ``<script>`` block, and the call that draws it."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
            <script type="application/json" id="{{ this.data_id }}">{{ this.json }}</script>
        {% endmacro %}
        {% macro script(this, kwargs) %}
            window.geoEventsMaps[{{ this._parent.get_name()|tojson }}] =
                GeoEventsMap.{{ this.kind }}({{ this._parent.get_name() }},
                                             GeoEventsMap.readData({{ this.data_id|tojson }}));
        {% endmacro %}
        """
    )

    def __init__(self, kind: str, data: dict[str, Any]) -> None:
        super().__init__()
        if kind not in PAGE_KINDS:
            raise ValueError(f"unknown page kind {kind!r}; expected one of {PAGE_KINDS}")
        self._name = "GeoEventsPageData"
        self.kind = kind
        self.json = script_json(data)
        self.data_id = f"{self.get_name()}_data"


class GeoEventsMap(folium.Map):
    """A folium Map showing geo_events data; ``save(path)`` writes the HTML page.

    ``kind`` selects the page builder (``control`` or ``places``); ``data`` is its JSON document
    (built by :mod:`geo_events.maps.control` / :mod:`geo_events.maps.places`). Every asset is
    inlined (:class:`~geo_events.errors.AssetError` when a library package is missing).
    ``tiles``: a folium tile layer name or URL drawn under the data when the network allows
    (default None: the embedded base map only); ``offline=True`` forces no tiles whatever
    ``tiles`` says (kept for callers of earlier versions, where it also meant "inline").
    ``page_data`` keeps the document for inspection.
    """

    def __init__(
        self,
        kind: str,
        data: dict[str, Any],
        *,
        offline: bool | None = None,
        bundles: Iterable[str] = ("leaflet",),
        tiles: str | None = None,
        title: str = "geo_events map",
        **map_kwargs: Any,
    ) -> None:
        tiles_used = None if offline else tiles
        data = {**data, "tiles": tiles_used is not None, "attribution": ATTRIBUTION,
                "title": title}
        if tiles_used and "{z}" in tiles_used:
            map_kwargs.setdefault("attr", f"Map tiles: {html_text(tiles_used.split('/')[2])}"
                                  if "://" in tiles_used else "Map tiles")
        try:
            super().__init__(tiles=tiles_used, location=data.get("center"), zoom_start=5,
                             **map_kwargs)
        except ValueError as exc:  # folium/xyzservices: unknown tile provider name
            raise InputError(f"unknown tiles {tiles_used!r}: give a tile provider name such as "
                             "OpenStreetMap or a URL with {z}/{x}/{y}") from exc
        # folium's defaults pull jQuery, Bootstrap and Font Awesome from CDNs: not needed here.
        self.default_js = []
        self.default_css = []
        self.offline = tiles_used is None
        self.page_data = data
        self.add_child(_PageCode(bundles))
        self.add_child(_PageData(kind, data))
        root = self.get_root()
        assert isinstance(root, Figure)  # folium.Map puts itself in a Figure
        root.title = html_text(title)
