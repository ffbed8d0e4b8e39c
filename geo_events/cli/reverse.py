"""``geo-events reverse LAT LON [--json]``: the country and admin-1 unit at a point.

Exit status 0 when a unit was found, 1 when the point is farther than the snap tolerance from
every admin-1 polygon (open sea; with ``--json`` a Place-shaped object with null codes is still
printed), 2 for malformed coordinates.
"""

from __future__ import annotations

import argparse
import json
import sys

from geo_events.errors import InputError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "reverse",
        help="country and admin-1 unit at a point",
        description="Print the de jure country and the admin-1 unit (GeoNames code) at LAT LON "
                    "(decimal degrees, WGS84). Points just off a generalised coast are snapped "
                    "to the nearest unit within the snap tolerance.",
        epilog="Exit status: 0 found, 1 no country/admin unit near the point (open sea; --json "
               "still prints an object with null codes), 2 malformed coordinates. "
               "Boundaries: Made with Natural Earth; codes: GeoNames (CC BY 4.0).",
    )
    # strings, so "abc" and out-of-range values get our one-line InputError, not argparse's usage
    parser.add_argument("lat", metavar="LAT", help="latitude, decimal degrees (-90..90)")
    parser.add_argument("lon", metavar="LON", help="longitude, decimal degrees (-180..180)")
    parser.add_argument("--json", action="store_true", help="print a Place as JSON")
    parser.set_defaults(func=run)


def _place_dict(hit, lat: float, lon: float) -> dict:
    """A Place dict for the admin-1 unit (or the country when no admin-1 code is linked)."""
    from geo_events.boundaries import admin1_table, load_admin0
    from geo_events.gazetteer import admin1_display_name
    from geo_events.model import Place

    if hit.admin1_code:
        row = admin1_table().loc[hit.admin1_code]
        # falls back to the table's name (as the fallback, when that is empty too)
        a1_name = admin1_display_name(hit.admin1_code, hit.admin1_name or row["name"]) \
            or row["name"]
        place = Place(
            id=f"adm1:{hit.admin1_code}", name=a1_name, level="admin1",
            latitude=float(row["latitude"]), longitude=float(row["longitude"]),
            country_code=hit.country_code, admin1_code=hit.admin1_code,
            admin1_name=a1_name, country_name=hit.country_name,
        )
    elif hit.country_code:
        admin0 = load_admin0()
        row = admin0[admin0["iso_a2"] == hit.country_code].iloc[0]
        point = row.geometry.representative_point()
        place = Place(
            id=f"adm0:{hit.country_code}", name=row["name"], level="country",
            latitude=point.y, longitude=point.x, country_code=hit.country_code,
            geonameid=int(row["geonameid"]) or None, country_name=hit.country_name,
        )
    else:
        return {"id": None, "name": None, "level": None, "latitude": lat, "longitude": lon,
                "country_code": None, "country_name": None, "admin1_code": None,
                "admin1_name": None, "distance_km": None,
                "query": {"latitude": lat, "longitude": lon}}
    d = place.to_dict()
    d["distance_km"] = hit.distance_km
    d["query"] = {"latitude": lat, "longitude": lon}
    return d


def run(args: argparse.Namespace) -> int:
    from geo_events.boundaries import SNAP_TOLERANCE_KM, reverse
    from geo_events.boundaries.reverse import validate_latlon

    try:
        lat, lon = validate_latlon(args.lat, args.lon)
    except InputError as exc:
        print(f"geo-events reverse: error: {exc}", file=sys.stderr)
        return 2
    hit = reverse(lat, lon)
    if args.json:
        print(json.dumps(_place_dict(hit, lat, lon), ensure_ascii=False))
        return 0 if hit.found else 1
    if not hit.found:
        print(f"no country/admin unit at {lat:g}, {lon:g} (none within "
              f"{SNAP_TOLERANCE_KM:g} km)", file=sys.stderr)
        return 1
    where = "" if not hit.distance_km else f" (snapped {hit.distance_km:.1f} km)"
    print(f"country: {hit.country_code} {hit.country_name}")
    if hit.admin1_code or hit.admin1_name:
        print(f"admin1:  {hit.admin1_code or '-'} {hit.admin1_name or ''}{where}")
    return 0
