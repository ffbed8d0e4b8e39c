"""``geo-events export``: write the stored events (as corrected) as GeoJSON, GeoPackage,
GeoParquet, CSV, ACLED-style CSV or a review CSV."""

from __future__ import annotations

import argparse

from geo_events.cli._common import check_output_path, iso_date
from geo_events.exports import FORMATS, export_events

EPILOG = """\
formats:
  geojson    GeoJSON FeatureCollection (EPSG:4326)
  gpkg       GeoPackage, layer "events"
  parquet    GeoParquet
  csv        CSV with a WKT geometry column plus latitude/longitude
  acled-csv  ACLED's column layout (event_date, event_type, sub_event_type, actor1, actor2,
             admin1, location, latitude, longitude, geo_precision, time_precision, source,
             notes, country, iso, event_id_cnty, ...): one row per place, day and change
             (all its sources joined), ACLED actor names from each event's own conflict
             profile, denied events left out
  review     one row per event with its evidence and an empty "decision" column, to fill in
             and apply with `geo-events correct --store S --from FILE` (accept, reject,
             restore, set KEY=VALUE; KEY=VALUE)

Every format applies the store's corrections (`geo-events correct`): rejected events are left
out, changed events come changed. Columns: docs/exports.md.

--as-of DATE keeps events dated on or before DATE (event date, else the article's published
date; undated events are left out).

exit status: 0 written, 2 unusable arguments, store or output path (a missing folder, a
folder given as the file).
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "export", help="export stored events (geojson, gpkg, parquet, csv, acled-csv, review)",
        description="Write the events of an event store to a file.", epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--store", required=True, metavar="PATH", help="event store (GeoPackage)")
    p.add_argument("--format", required=True, choices=FORMATS, help="output format")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="file to write")
    p.add_argument("--profile", metavar="NAME",
                   help="ACLED export: conflict profile of events stored without one")
    p.add_argument("--as-of", type=iso_date, metavar="YYYY-MM-DD",
                   help="only events dated on or before this day")
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    check_output_path(args.output, f"events.{args.format.split('-')[-1]}")
    n = export_events(args.store, args.output, args.format, as_of=args.as_of,
                      profile=args.profile)
    print(f"wrote {n} rows to {args.output} ({args.format})")
    return 0
