"""How far is a Ukrainian village from the centre of its territorial community? (evaluation)

geo_events places a village that GeoNames cities500 lacks, but that Ukraine's codifier KATOTTG
lists in the oblast the text names, at its territorial community (the median of the community's
centre and of its settlements the gazetteer has; :mod:`geo_events.gazetteer.katottg`). This
measures that error on the villages both sources have: every codifier village (not itself a
community centre) whose name is unique in its oblast in the codifier and matches exactly one
cities500 place of that oblast; the distance (km) from its community point, computed without
the village itself, to the GeoNames point. Then the same for the village's own point (the
GeoNames postal-code point of its name near that community point,
:mod:`geo_events.gazetteer.village_points`), where there is one: how many get one, and how far it
lies from the cities500 point (a wrong namesake shows as a large distance). Embedded data only
(nothing from ``../shared``).

Usage: ``python benchmarks/eval_katottg_placement.py``
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from geo_events.gazetteer import (
    get_gazetteer,
    katottg,
    village_points,
)
from geo_events.geodesy import haversine_km


def main() -> int:
    gaz = get_gazetteer()
    t0 = time.perf_counter()
    villages = katottg.villages(gaz)
    built = time.perf_counter() - t0
    placed = [v for v in villages if v.latitude is not None]
    distances, own = [], []
    for v in placed:
        if v.centre == v.name or len(katottg.named(v.name, v.admin1_code, gaz)) != 1:
            continue
        hits = [c.place for c in gaz.search(v.name, limit=30)
                if c.place.level == "populated_place" and c.place.admin1_code == v.admin1_code]
        point = katottg.community_point(v, gaz)  # leave the village itself out
        if len(hits) == 1 and point is not None:
            distances.append(haversine_km(point[0], point[1], hits[0].latitude,
                                          hits[0].longitude))
            mine = village_points.nearby(v.name_uk, v.admin1_code, point[0], point[1],
                                         katottg.OWN_POINT_KM)
            if mine is not None:
                own.append(haversine_km(mine[0], mine[1], hits[0].latitude, hits[0].longitude))
    d = np.array(distances)
    print(f"codifier villages: {len(villages):,}; placed (community centre in the gazetteer, "
          f"or own point): {len(placed):,} ({len(placed) / len(villages):.1%}); table built or "
          f"read from its cache in {built:.1f} s")
    print(f"villages in both sources (unique name in their oblast, not a centre): {len(d):,}")
    print(f"distance from the community point: median {np.median(d):.1f} km, "
          f"90th percentile {np.percentile(d, 90):.1f} km, within 25 km {np.mean(d <= 25):.1%}, "
          f"within 30 km {np.mean(d <= 30):.1%}, "
          f"max {d.max():.0f} km")
    o = np.array(own)
    at_own = sum(v.radius_km is not None for v in villages)
    print(f"placed at their own point (village_points): {at_own:,} of {len(villages):,} "
          f"villages ({at_own / len(villages):.1%})")
    if len(o):
        print(f"of the villages in both sources, {len(o):,} ({len(o) / len(d):.1%}) get an own "
              f"point: distance from the cities500 point median {np.median(o):.2f} km, 90th "
              f"percentile {np.percentile(o, 90):.1f} km, within 2 km {np.mean(o <= 2):.1%}, "
              f"beyond 10 km {np.mean(o > 10):.1%}, max {o.max():.0f} km")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
