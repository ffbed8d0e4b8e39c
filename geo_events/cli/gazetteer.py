"""``geo-events gazetteer [--rebuild] [--json]``: where the gazetteer index is, what it holds."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gazetteer", help="show (or rebuild) the cached gazetteer index",
                       description="Show the cached gazetteer index (folder, places, names, "
                       "sources); --rebuild builds it again from the embedded data.")
    p.add_argument("--rebuild", action="store_true", help="delete and rebuild the index")
    p.add_argument("--json", action="store_true", help="print the index metadata as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from geo_events.cli._common import dump_json
    from geo_events.gazetteer import get_gazetteer

    gaz = get_gazetteer(rebuild=args.rebuild)
    info = {"folder": str(gaz.folder), **gaz.meta}
    if args.json:
        dump_json(info)
    else:
        for k, v in info.items():
            print(f"{k:>14}: {v}")
    return 0
