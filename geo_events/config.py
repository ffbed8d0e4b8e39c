"""Settings in one place: where data and caches live.

* ``GEO_EVENTS_CACHE`` (environment) overrides the cache folder, default
  ``~/.cache/geo_events`` (or ``$XDG_CACHE_HOME/geo_events``).
* ``GEO_EVENTS_BOUNDARIES`` overrides the folder of the embedded boundary files.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"


def cache_dir() -> Path:
    """Folder for derived, rebuildable files (gazetteer index, downloads). Created on demand."""
    env = os.environ.get("GEO_EVENTS_CACHE")
    if env:
        path = Path(env).expanduser()
    else:
        base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
        path = Path(base) / "geo_events"
    path.mkdir(parents=True, exist_ok=True)
    return path


def boundaries_dir() -> Path:
    """Folder holding the embedded Natural Earth derived files.

    In a wheel they are installed as ``geo_events/_boundaries``; in a source checkout (editable
    install) they are the repository's top-level ``boundaries/`` folder.
    """
    env = os.environ.get("GEO_EVENTS_BOUNDARIES")
    if env:
        return Path(env).expanduser()
    installed = PACKAGE_DIR / "_boundaries"
    if installed.is_dir():
        return installed
    return PACKAGE_DIR.parent / "boundaries"


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file, read in 1 MiB blocks (downloads are checked and recorded by it)."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
