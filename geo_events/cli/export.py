"""``geo-events export``: write the stored events (as corrected) as GeoJSON, GeoPackage,
GeoParquet, CSV, ACLED-style CSV or a review CSV."""

from __future__ import annotations

import argparse

from geo_events.cli._common import (
    add_control_options,
    baseline_option,
    check_output_path,
    control_rules_option,
    iso_date,
)
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
  status     the control picture on --as-of (default today): one point per place with side,
             state (held/claimed/contested), confidence, since, last evidence, evidence ids;
             .geojson or .gpkg
  control-area
             the estimated control areas on --as-of: one polygon per side plus unknown and
             contested, with the date and the method; .geojson or .gpkg

Every format applies the store's corrections (`geo-events correct`): rejected events are left
out, changed events come changed. Columns: docs/exports.md.

--as-of DATE keeps events dated on or before DATE (event date, else the article's published
date; undated events are left out); for status and control-area it is the day shown.
status and control-area use the profile (--profile, else the events' own) and its starting
state unless --no-start; --baseline FILE adds your polygons (side, date) that reporting updates;
--control-rules FILE weighs the evidence by your rules file (docs/control.md).

exit status: 0 written, 2 unusable arguments, store or output path (a missing folder, a
folder given as the file).
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "export", help="export stored events (geojson, gpkg, parquet, csv, acled-csv, review) "
                       "or the control picture on a day (status, control-area)",
        description="Write the events of an event store to a file.", epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--store", required=True, metavar="PATH", help="event store (GeoPackage)")
    p.add_argument("--format", required=True, choices=FORMATS, help="output format")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="file to write")
    p.add_argument("--profile", metavar="NAME",
                   help="conflict profile (ACLED export: of events stored without one; status "
                        "and control-area: sides and starting state)")
    p.add_argument("--as-of", type=iso_date, metavar="YYYY-MM-DD",
                   help="only events dated on or before this day")
    add_control_options(p)
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    check_output_path(args.output, f"events.{args.format.split('-')[-1]}")
    rules = control_rules_option(args)  # a bad rules file fails before any work
    n = export_events(args.store, args.output, args.format, as_of=args.as_of,
                      profile=args.profile, start=not args.no_start,
                      baseline=baseline_option(args), rules=rules)
    print(f"wrote {n} rows to {args.output} ({args.format})")
    return 0
