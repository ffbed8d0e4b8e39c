"""``geo-events gazetteer [--rebuild] [--json] [--add-country CC [--from PATH]]
[--remove-country CC]``: where the gazetteer index is, what it holds, which GeoNames country dumps
were added (:mod:`geo_events.gazetteer.country_dumps`)."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gazetteer", help="show (or rebuild) the cached gazetteer index",
                       description="Show the cached gazetteer index (folder, places, names, "
                       "sources, added countries); --rebuild builds it again from the embedded "
                       "data. --add-country downloads a GeoNames country dump (every village; "
                       "online, only when asked) and rebuilds the index with it.")
    p.add_argument("--rebuild", action="store_true", help="delete and rebuild the index")
    p.add_argument("--json", action="store_true", help="print the index metadata as JSON")
    p.add_argument("--add-country", metavar="CC",
                   help="add the GeoNames dump of country CC (ISO alpha-2, e.g. UA): populated "
                   "places, islands, power plants, dams, airports; downloaded from "
                   "$GEO_EVENTS_GEONAMES_URL or https://download.geonames.org/export/dump")
    p.add_argument("--from", dest="from_path", metavar="PATH",
                   help="with --add-country: a local CC.zip or CC.txt instead of downloading")
    p.add_argument("--remove-country", metavar="CC", help="remove an added country dump")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from geo_events.cli._common import dump_json
    from geo_events.errors import InputError
    from geo_events.gazetteer import country_dumps, get_gazetteer

    if args.from_path and not args.add_country:
        raise InputError("--from PATH needs --add-country CC (the country of that dump)")
    if args.add_country:
        dump = country_dumps.add_country(args.add_country, args.from_path)
        print(f"added {dump.country}: {dump.places:,} places from {dump.source}",
              file=sys.stderr)
    if args.remove_country:
        dump = country_dumps.remove_country(args.remove_country)
        print(f"removed {dump.country} ({dump.places:,} places)", file=sys.stderr)
    gaz = get_gazetteer(rebuild=args.rebuild)
    info = {"folder": str(gaz.folder), **gaz.meta,
            "countries": [d.to_dict() for d in country_dumps.list_countries()]}
    if args.json:
        dump_json(info)
    else:
        countries = info.pop("countries")
        for k, v in info.items():
            print(f"{k:>14}: {v}")
        added = ", ".join(f"{d['country']} ({d['places']:,} places, added {d['added'][:10]})"
                          for d in countries)
        print(f"{'countries':>14}: {added or 'none (add one with --add-country CC)'}")
    return 0
