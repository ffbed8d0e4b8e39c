"""Optional bigger boundary sets, downloaded only when asked for, hash-checked, cached.

Nothing here runs on import or behind the user's back: :func:`fetch` is the only function that
touches the network. Files go to ``cache_dir()/downloads`` through pooch (download to a temporary
file, verify the SHA-256, then move in place). The base URL of every entry can be overridden with
``base_url=`` or the ``GEO_EVENTS_DOWNLOAD_BASE`` environment variable (a mirror, or a local
server in tests).

Hashes: an entry with a pinned ``sha256`` is always verified. The upstream files below are
"latest" URLs whose content we could not check when this registry was written (no network), so
they ship unpinned: the first download is trusted, its SHA-256 is written next to it
(``<file>.sha256``) and every later use is verified against it. Pass ``sha256=`` to pin one
yourself; a mismatch raises :class:`DownloadError`.
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo_events.config import cache_dir, file_sha256
from geo_events.errors import DownloadError, InputError

if TYPE_CHECKING:
    import geopandas as gpd


@dataclass(frozen=True, slots=True)
class RemoteFile:
    """One downloadable file: ``path`` is relative to ``base_url``; ``sha256`` hex or None."""

    path: str
    base_url: str
    sha256: str | None
    description: str
    licence: str

    def url(self, base_url: str | None = None) -> str:
        base = base_url or os.environ.get("GEO_EVENTS_DOWNLOAD_BASE") or self.base_url
        return base.rstrip("/") + "/" + self.path.lstrip("/")


_NE = "https://naturalearth.s3.amazonaws.com/10m_cultural"
_GB = "https://github.com/wmgeolab/geoBoundaries/raw/main/releaseData/gbOpen"
_NE_LICENCE = "public domain (Made with Natural Earth)"
_GB_LICENCE = "geoBoundaries gbOpen: CC BY 4.0 (cite geoBoundaries, Runfola et al. 2020)"


def _geoboundaries(iso3: str, level: int) -> RemoteFile:
    return RemoteFile(
        path=f"{iso3}/ADM{level}/geoBoundaries-{iso3}-ADM{level}.geojson",
        base_url=_GB,
        sha256=None,
        description=f"geoBoundaries gbOpen {iso3} ADM{level} polygons (GeoJSON)",
        licence=_GB_LICENCE,
    )


#: Known downloads by name. geoBoundaries sets for other countries: ``geoboundaries-<ISO3>-adm<N>``
#: works for any ISO3 code and level (see :func:`registry_entry`).
REGISTRY: dict[str, RemoteFile] = {
    "naturalearth-admin0-10m": RemoteFile(
        "ne_10m_admin_0_countries.zip", _NE, None,
        "Natural Earth 1:10m admin-0 countries, full resolution (zipped Shapefile)", _NE_LICENCE),
    "naturalearth-admin1-10m": RemoteFile(
        "ne_10m_admin_1_states_provinces.zip", _NE, None,
        "Natural Earth 1:10m admin-1 states and provinces, full resolution (zipped Shapefile)",
        _NE_LICENCE),
    **{f"geoboundaries-{iso3.lower()}-adm{lvl}": _geoboundaries(iso3, lvl)
       for iso3 in ("UKR", "RUS", "SDN", "SYR", "COD", "MMR", "ISR", "PSE")
       for lvl in (1, 2)},
}


def registry_entry(name: str) -> RemoteFile:
    """The :class:`RemoteFile` called ``name`` (``geoboundaries-<iso3>-adm<N>`` for any country)."""
    key = name.lower()
    if key in REGISTRY:
        return REGISTRY[key]
    parts = key.split("-")
    if (len(parts) == 3 and parts[0] == "geoboundaries" and len(parts[1]) == 3
            and parts[1].isalpha() and parts[2] in ("adm0", "adm1", "adm2", "adm3")):
        return _geoboundaries(parts[1].upper(), int(parts[2][3]))
    raise InputError(
        f"unknown boundary download {name!r}; known: {', '.join(sorted(REGISTRY))} "
        "or geoboundaries-<ISO3>-adm<0-3>"
    )


def fetch(
    name: str,
    *,
    base_url: str | None = None,
    sha256: str | None = None,
    folder: str | Path | None = None,
    progress: bool = False,
) -> Path:
    """Download the registry file ``name`` (once) and return its local path.

    ``base_url`` replaces the entry's base URL (default: ``GEO_EVENTS_DOWNLOAD_BASE`` or the
    upstream); ``sha256`` pins the expected hash (hex). ``folder`` defaults to
    ``cache_dir()/downloads``. Raises :class:`DownloadError` when the download fails or the content
    does not match the expected hash (the bad file is not kept).
    """
    import pooch

    entry = registry_entry(name)
    target_dir = Path(folder) if folder else cache_dir() / "downloads"
    target_dir.mkdir(parents=True, exist_ok=True)
    fname = f"{name.lower()}-{Path(entry.path).name}"
    pin_file = target_dir / f"{fname}.sha256"
    expected = sha256 or entry.sha256
    if expected is None and pin_file.is_file():
        expected = pin_file.read_text(encoding="ascii").strip()
    url = entry.url(base_url)
    try:
        local = pooch.retrieve(
            url,
            known_hash=f"sha256:{expected.lower()}" if expected else None,
            fname=fname,
            path=target_dir,
            progressbar=progress,
        )
    except ValueError as exc:  # pooch's hash mismatch
        raise DownloadError(
            f"{url}: content does not match the expected SHA-256 {expected} ({exc}); the file "
            "was not kept. Check the URL or mirror, or pin the new hash with sha256= if the "
            "upstream file was deliberately updated"
        ) from exc
    except Exception as exc:  # requests' and OS errors: one clear message
        raise DownloadError(f"cannot download {url}: {exc}") from exc
    path = Path(local)
    if expected is None:
        digest = file_sha256(path)
        pin_file.write_text(digest + "\n", encoding="ascii")
        warnings.warn(
            f"{name}: no pinned SHA-256; trusted this first download ({digest}) and will verify "
            f"against it from now on ({pin_file})",
            stacklevel=2,
        )
    return path


def fetch_boundaries(
    name: str,
    level: str = "admin2",
    name_column: str | None = None,
    code_column: str | None = None,
    **fetch_kwargs: Any,
) -> gpd.GeoDataFrame:
    """:func:`fetch` then :func:`~geo_events.boundaries.user_files.load_boundary_file`.

    Returns the GeoDataFrame of the downloaded set (place ids ``adm2:<name>:<n>`` for admin-2).
    ``fetch_kwargs`` go to :func:`fetch` (``base_url``, ``sha256``, ``folder``, ``progress``).
    """
    from geo_events.boundaries.user_files import load_boundary_file

    path = fetch(name, **fetch_kwargs)
    return load_boundary_file(path, name_column=name_column, level=level, set_name=name,
                              code_column=code_column)
