"""Browser assets of the maps: Leaflet and its plugins, read from installed PyPI packages.

Every map inlines the libraries it uses, so the saved page is one self-contained HTML file that
renders with the network disabled. The files come from two dependencies of geo_events installed
by ``pip install .`` (no npm, no manual step): ``XStatic-Leaflet`` (Leaflet, BSD-2-Clause) and
``XStatic-Leaflet-MarkerCluster`` (Leaflet.markercluster, MIT). Each ships the library's
``dist/`` files in ``xstatic/pkg/<name>/data/``; they are read at map time, never copied into
this repository. CSS images become ``data:`` URIs.
"""

from __future__ import annotations

import base64
import importlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from geo_events.errors import AssetError


@dataclass(frozen=True)
class Bundle:
    """One browser library: the PyPI package shipping it and the files the maps inline.

    ``module`` is the package's import name (its ``BASE_DIR`` is the folder of ``js``/``css``,
    paths relative to it); ``distribution`` is what to ``pip install`` when it is missing.
    ``notice``: a licence comment put before the code when the packaged file carries none.
    """

    name: str
    distribution: str
    module: str
    js: tuple[str, ...]
    css: tuple[str, ...]
    notice: str = ""


BUNDLES: dict[str, Bundle] = {
    "leaflet": Bundle("leaflet", "XStatic-Leaflet", "xstatic.pkg.leaflet",
                      js=("leaflet.js",), css=("leaflet.css",)),
    "markercluster": Bundle("markercluster", "XStatic-Leaflet-MarkerCluster",
                            "xstatic.pkg.leaflet_markercluster",
                            js=("leaflet.markercluster.js",),
                            css=("MarkerCluster.css", "MarkerCluster.Default.css"),
                            notice="/* Leaflet.markercluster, "
                                   "https://github.com/Leaflet/Leaflet.markercluster "
                                   "(c) 2012 David Leaver and contributors, MIT licence */\n"),
}

#: Our own page code and style (part of the package, not third-party).
STATIC_DIR = Path(__file__).resolve().parent / "static"

_CSS_URL = re.compile(r"url\((['\"]?)([^'\")]+)\1\)")
_MIME = {".png": "image/png", ".svg": "image/svg+xml", ".gif": "image/gif"}


def _reinstall_hint(bundle: Bundle) -> str:
    return (f"it comes with geo_events; reinstall it (pip install .) or install the package "
            f"alone: pip install {bundle.distribution}")


def bundle_dir(bundle: Bundle) -> Path:
    """The folder holding ``bundle``'s files in its installed package.

    Raises :class:`~geo_events.errors.AssetError` when the package is not installed.
    """
    try:
        module = importlib.import_module(bundle.module)
    except ImportError as exc:
        raise AssetError(f"map library {bundle.name} ({bundle.distribution}) is not installed; "
                         + _reinstall_hint(bundle)) from exc
    return Path(module.BASE_DIR)


def bundle_version(name: str) -> str:
    """The packaged library's version, e.g. ``"1.9.3"`` for Leaflet."""
    bundle = BUNDLES[name]
    bundle_dir(bundle)  # raises when missing
    return str(importlib.import_module(bundle.module).VERSION)


def _read(bundle: Bundle, folder: Path, relpath: str) -> str:
    path = folder / relpath
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise AssetError(f"map library file {path} is missing; " + _reinstall_hint(bundle)) \
            from exc


def _inline_css_urls(bundle: Bundle, css: str, css_path: Path) -> str:
    """Replace relative ``url(...)`` references of a stylesheet by ``data:`` URIs."""

    def repl(match: re.Match[str]) -> str:
        target = match.group(2)
        if target.startswith(("data:", "#")):
            return match.group(0)
        file = (css_path.parent / target).resolve()
        mime = _MIME.get(file.suffix.lower())
        if mime is None or not file.is_file():
            raise AssetError(f"stylesheet {css_path} refers to {target}, which is missing; "
                             + _reinstall_hint(bundle))
        data = base64.b64encode(file.read_bytes()).decode("ascii")
        return f'url("data:{mime};base64,{data}")'

    return _CSS_URL.sub(repl, css)


@cache
def _inline_bundle_cached(name: str, folder: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    bundle, base = BUNDLES[name], Path(folder)
    js = tuple(bundle.notice + _read(bundle, base, p) for p in bundle.js)
    css = tuple(_inline_css_urls(bundle, _read(bundle, base, p), base / p) for p in bundle.css)
    return js, css


def inline_bundle(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(js sources, css sources)`` of a bundle, CSS images turned into ``data:`` URIs.

    Raises :class:`~geo_events.errors.AssetError` (saying what to install) when the package or
    one of its files is missing.
    """
    if name not in BUNDLES:
        raise AssetError(f"unknown asset bundle {name!r}; known: {sorted(BUNDLES)}")
    return _inline_bundle_cached(name, str(bundle_dir(BUNDLES[name])))


def static_source(filename: str) -> str:
    """Text of one of our own page files in ``geo_events/maps/static/``."""
    return (STATIC_DIR / filename).read_text(encoding="utf-8")
