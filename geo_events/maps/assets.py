"""Browser assets of the maps: where they come from online, and how they are inlined offline.

Online maps (the default) link Leaflet and its plugins from the same public CDNs folium uses.
``--offline`` maps inline them from ``geo_events/_assets/`` (or ``$GEO_EVENTS_ASSETS``), a folder
filled at install time from the npm registry by ``python scripts/fetch_assets.py`` (versions pinned
in the repository's ``package.json``/``package-lock.json``). Third-party code is never committed.

Layout of the asset folder: ``<npm package>/<file of its dist/ folder>``, e.g.
``leaflet/leaflet.js``, ``leaflet/images/layers.png``.
"""

from __future__ import annotations

import base64
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from geo_events.config import PACKAGE_DIR
from geo_events.errors import AssetError

FETCH_COMMAND = "python scripts/fetch_assets.py  (needs npm; run from the repository root)"


@dataclass(frozen=True)
class Bundle:
    """One browser library: its files in the asset folder and its online URLs."""

    name: str
    js: tuple[str, ...]
    css: tuple[str, ...]
    online_js: tuple[str, ...]
    online_css: tuple[str, ...]


BUNDLES: dict[str, Bundle] = {
    "leaflet": Bundle(
        "leaflet",
        js=("leaflet/leaflet.js",),
        css=("leaflet/leaflet.css",),
        online_js=("https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.js",),
        online_css=("https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.css",),
    ),
    "markercluster": Bundle(
        "markercluster",
        js=("leaflet.markercluster/leaflet.markercluster.js",),
        css=("leaflet.markercluster/MarkerCluster.css",
             "leaflet.markercluster/MarkerCluster.Default.css"),
        online_js=("https://cdn.jsdelivr.net/npm/leaflet.markercluster@1.5.3/dist/"
                   "leaflet.markercluster.js",),
        online_css=(
            "https://cdn.jsdelivr.net/npm/leaflet.markercluster@1.5.3/dist/MarkerCluster.css",
            "https://cdn.jsdelivr.net/npm/leaflet.markercluster@1.5.3/dist/"
            "MarkerCluster.Default.css",
        ),
    ),
}

#: Our own page code and style (part of the package, not third-party).
STATIC_DIR = Path(__file__).resolve().parent / "static"

_CSS_URL = re.compile(r"url\((['\"]?)([^'\")]+)\1\)")
_MIME = {".png": "image/png", ".svg": "image/svg+xml", ".gif": "image/gif"}


def asset_dir() -> Path:
    """The folder holding the fetched third-party assets (it may not exist)."""
    env = os.environ.get("GEO_EVENTS_ASSETS")
    return Path(env).expanduser() if env else PACKAGE_DIR / "_assets"


def _read(relpath: str) -> str:
    path = asset_dir() / relpath
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise AssetError(
            f"offline map asset {path} is missing; fetch the assets with: {FETCH_COMMAND} "
            "(or set GEO_EVENTS_ASSETS to a folder that has them)"
        ) from exc


def _inline_css_urls(css: str, css_path: Path) -> str:
    """Replace relative ``url(...)`` references of a stylesheet by ``data:`` URIs."""

    def repl(match: re.Match[str]) -> str:
        target = match.group(2)
        if target.startswith(("data:", "#")):
            return match.group(0)
        file = (css_path.parent / target).resolve()
        mime = _MIME.get(file.suffix.lower())
        if mime is None or not file.is_file():
            raise AssetError(
                f"stylesheet {css_path} refers to {target}, which is missing; re-fetch the "
                f"assets with: {FETCH_COMMAND}"
            )
        data = base64.b64encode(file.read_bytes()).decode("ascii")
        return f'url("data:{mime};base64,{data}")'

    return _CSS_URL.sub(repl, css)


@cache
def _inline_bundle_cached(name: str, folder: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    bundle = BUNDLES[name]
    js = tuple(_read(p) for p in bundle.js)
    css = tuple(_inline_css_urls(_read(p), Path(folder) / p) for p in bundle.css)
    return js, css


def inline_bundle(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(js sources, css sources)`` of a bundle, CSS images turned into ``data:`` URIs.

    Raises :class:`~geo_events.errors.AssetError` (saying how to fetch) when files are missing.
    """
    if name not in BUNDLES:
        raise AssetError(f"unknown asset bundle {name!r}; known: {sorted(BUNDLES)}")
    return _inline_bundle_cached(name, str(asset_dir()))


def static_source(filename: str) -> str:
    """Text of one of our own page files in ``geo_events/maps/static/``."""
    return (STATIC_DIR / filename).read_text(encoding="utf-8")
