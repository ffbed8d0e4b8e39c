"""Throughput of corpus runs: documents per second for 1 and 2 local workers and Dask on 2.

Reads the GeoWebNews + LGL articles from ``../shared/benchmarks/geoparsing`` (never copied: they
are written to a temporary JSONL file for the run and deleted afterwards), runs
:func:`geo_events.runner.run_corpus` with the real pipeline into a fresh store per configuration,
and prints documents/s, events and the speed-up against the 1-worker run of the same invocation.
The time includes each run's start-up (worker processes loading the pipeline, the Dask cluster),
which is what a user waits for; ``--warm`` first runs one document so the parent's own pipeline
is loaded before timing the 1-worker run.

    PYTHONPATH=. python benchmarks/bench_run.py [--limit N] [--warm] [--configs local1,local2,dask2]

The machine's cores are shared: compare ratios within one invocation, not figures across runs.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from geo_events.evaluation.corpora import load_corpus
from geo_events.model import Article
from geo_events.runner import extract_article, run_corpus
from geo_events.store import EventStore

CONFIGS = {"local1": ("local", 1), "local2": ("local", 2), "dask2": ("dask", 2)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=0,
                    help="documents to use (GeoWebNews first, then LGL; default 0 = all 788)")
    ap.add_argument("--configs", default="local1,local2,dask2",
                    help=f"comma-separated subset of {', '.join(CONFIGS)}")
    ap.add_argument("--warm", action="store_true",
                    help="load the pipeline in this process before timing local1")
    ap.add_argument("--startup", type=int, default=4, metavar="K",
                    help="also time each configuration on the first K documents, to split "
                         "start-up time from throughput (0 = skip; default 4)")
    args = ap.parse_args()
    texts = [d.text for d in load_corpus("GWN") + load_corpus("LGL")]
    if args.limit:
        texts = texts[: args.limit]
    chars = sum(map(len, texts))
    print(f"corpus: {len(texts)} documents, {chars / len(texts):,.0f} characters on average; "
          f"{os.cpu_count()} CPUs")
    if args.warm:
        extract_article(Article(text="Fighting continued near Kharkiv on Monday."))
    results: dict[str, tuple[float, int]] = {}
    ids: dict[str, set[str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        src = _write(Path(tmp) / "corpus.jsonl", texts)
        head = _write(Path(tmp) / "head.jsonl", texts[: args.startup]) if args.startup else None
        for name in args.configs.split(","):
            executor, workers = CONFIGS[name]
            store = Path(tmp) / f"{name}.gpkg"
            t0 = time.perf_counter()
            summary = run_corpus([src], store, executor=executor, workers=workers,
                                 progress=False)
            seconds = time.perf_counter() - t0
            steady = ""
            if head is not None:
                t1 = time.perf_counter()
                run_corpus([head], Path(tmp) / f"{name}-head.gpkg", executor=executor,
                           workers=workers, progress=False)
                short = time.perf_counter() - t1
                rate = (len(texts) - args.startup) / max(seconds - short, 1e-9)
                steady = (f"  (first {args.startup} docs {short:.1f} s; "
                          f"after them {rate:.2f} docs/s)")
            with EventStore(store) as s:
                n_events = s.count_events()
                ids[name] = s.event_ids()
            results[name] = (len(texts) / seconds, n_events)
            base = results.get("local1", results[name])[0]
            print(f"{name:7s} {executor:5s} workers={workers}: {seconds:7.1f} s  "
                  f"{results[name][0]:6.2f} docs/s  events={n_events}  "
                  f"failed={len(summary.failed)}  x{results[name][0] / base:.2f} vs local1"
                  + steady)
    same = all(v == next(iter(ids.values())) for v in ids.values())
    print("same event ids in every configuration:", same)
    return 0


def _write(path: Path, texts: list[str]) -> Path:
    with path.open("w") as fh:
        for text in texts:
            fh.write(json.dumps({"text": text, "published": "2018-01-01"}) + "\n")
    return path


if __name__ == "__main__":
    sys.exit(main())
