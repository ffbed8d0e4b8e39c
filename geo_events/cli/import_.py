"""``geo-events import``: bring ACLED or UCDP GED exports into the event store."""

from __future__ import annotations

import argparse
import sys

from geo_events.imports import FORMATS, import_file

EPILOG = """\
Every row is kept as one event. Rows without usable coordinates are stored without a position
and listed on stderr ("unplaced"); so are rows outside every country polygon and rows with an
unreadable date. Importing the same file again adds nothing.

ACLED: both column layouts (2022 exports with data_id/event_id_no_cnty, 2024 exports with
id/disorder_type/tags). UCDP: GED / Candidate CSV (date_start, date_end, where_prec, ...).

exit status: 0 every row placed, 1 some rows could not be placed or dated (they are kept and
listed), 2 unusable arguments or file.
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "import", help="import ACLED or UCDP GED CSV exports into the event store",
        description="Import existing event data sets as events beside extracted ones.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("files", nargs="+", metavar="FILE", help="CSV export(s) to import")
    p.add_argument("--store", required=True, metavar="PATH", help="event store (GeoPackage)")
    p.add_argument("--format", required=True, choices=FORMATS, help="acled or ucdp")
    p.add_argument("--profile", metavar="NAME",
                   help="conflict profile for side ids (default: from the rows' country)")
    p.add_argument("--no-link", action="store_true",
                   help="do not link populated places to gazetteer ids by name and distance")
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    status = 0
    for path in args.files:
        summary = import_file(args.store, path, args.format, profile=args.profile,
                              link=not args.no_link, progress=True)
        for line in summary.problem_lines():
            print(line, file=sys.stderr)
        print(f"{path}:")
        print("\n".join("  " + line for line in summary.lines()))
        if summary.unplaced or summary.undated:
            status = 1
    return status
