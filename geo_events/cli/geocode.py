"""``geo-events geocode NAME [--country CC] [--level LEVEL] [--limit N] [--json]``."""

from __future__ import annotations

import argparse

from geo_events.cli._common import dump_json
from geo_events.model import LEVELS


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("geocode", help="list gazetteer candidates for a place name, best first",
                       description="List the embedded gazetteer's candidates for NAME, best "
                       "first (offline). An unknown name is said so on stderr (exit 1).")
    p.add_argument("name", help="place name, e.g. Lyman or 'Luhansk region'")
    p.add_argument("--country", help="ISO 3166-1 alpha-2 filter, e.g. UA")
    p.add_argument("--level", choices=LEVELS, help="only places of this level")
    p.add_argument("--limit", type=int, default=10, help="at most this many (default 10)")
    p.add_argument("--json", action="store_true", help='print {"candidates": [Place, ...]}')
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from geo_events.errors import InputError
    from geo_events.gazetteer import get_gazetteer

    if args.limit < 1:
        raise InputError(f"--limit must be at least 1, got {args.limit}")
    if args.country and (len(args.country) != 2 or not args.country.isalpha()):
        raise InputError(f"--country must be an ISO alpha-2 code such as UA, got {args.country!r}")
    cands = get_gazetteer().search(args.name, country=args.country, level=args.level,
                                   limit=args.limit)
    if args.json:
        dump_json({"query": args.name, "candidates": [c.to_dict() for c in cands]})
    else:
        for c in cands:
            p = c.place
            where = ", ".join(x for x in (p.admin1_name, p.country_name) if x and x != p.name)
            ident = p.geonameid if p.geonameid is not None else p.id
            print(f"{c.score:.3f}  {p.name:<28} {p.level:<15} {where:<36} "
                  f"{p.latitude:9.4f} {p.longitude:10.4f}  pop {p.population:>10,}  {ident}")
    if not cands:
        import sys

        where = "".join(f" {k} {v}" for k, v in (("in", args.country), ("of level", args.level))
                        if v)
        print(f"geo-events geocode: no place named {args.name!r}{where} in the embedded "
              "gazetteer; check the spelling, or add a country's full GeoNames list with "
              "`geo-events gazetteer --add-country CC`", file=sys.stderr)
        return 1
    return 0
