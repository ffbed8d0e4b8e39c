"""Geoparsing throughput: ``geo-events geoparse --jsonl`` against plain spaCy ``nlp.pipe``.

Usage (from the repository root)::

    python benchmarks/bench_geoparse_speed.py [--rounds 2] [--limit 200] [--skip-parallel]

Texts: the 200 GeoWebNews articles from ../shared/benchmarks/geoparsing (read in place; the
benchmark writes them to a temporary JSON-lines file outside the repository).

A: the whole command ``python -m geo_events geoparse --jsonl < FILE`` (process start, pipeline load,
   geoparsing, JSON output), as a user runs it.
B: a whole ``python`` process that loads the same spaCy model the geoparser builds on (all
   its components) and runs ``nlp.pipe`` over the same texts: the cost of the statistical
   pipeline alone.

After one untimed warm-up of each (a changed gazetteer source rebuilds its cache once), runs are
interleaved (A B A B ...) so that load from other users of the machine hits both alike; the
median (and best) wall-clock time of each gives docs/s and the ratio B-time / A-time (the share of
plain spaCy speed geo_events keeps; the goal is >= 0.7). Then the same command with
``--n-process 2`` against ``--n-process 1`` gives the parallel speed-up (2 cores).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from geo_events.evaluation.corpora import load_corpus  # noqa: E402

PLAIN_SPACY = """
import importlib.util, json, sys, spacy
from geo_events.geoparse.pipeline import DEFAULT_MODELS
name = next(m for m in DEFAULT_MODELS if importlib.util.find_spec(m))
nlp = spacy.load(name)  # the same components the geoparser builds on
texts = [json.loads(line)["text"] for line in sys.stdin]
n = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=32))
print(n, file=sys.stderr)
"""


def _cli_available() -> bool:
    return (REPO / "geo_events" / "cli" / "geoparse.py").is_file()


def _timed(cmd: list[str], stdin: Path) -> float:
    """Wall-clock seconds of one whole run of ``cmd`` reading ``stdin``."""
    with stdin.open("rb") as fh:
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, cwd=REPO, stdin=fh, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True, env=_env())
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n"
                         f"{proc.stderr[-2000:]}")
    return elapsed


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rounds", type=int, default=3, help="A/B rounds (default 3)")
    p.add_argument("--limit", type=int, default=200, help="number of GWN articles (default 200)")
    p.add_argument("--skip-parallel", action="store_true", help="skip the --n-process 2 run")
    args = p.parse_args(argv)
    if not _cli_available():
        print("bench_geoparse_speed: the `geo-events geoparse` command does not exist yet "
              "(geo_events/cli/geoparse.py); nothing to measure", file=sys.stderr)
        return 2
    texts = [d.text for d in load_corpus("GWN")][: args.limit]
    n_chars = sum(map(len, texts))
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "gwn.jsonl"
        with data.open("w", encoding="utf-8") as fh:
            for i, t in enumerate(texts):
                fh.write(json.dumps({"id": str(i), "text": t}) + "\n")
        cli = [sys.executable, "-m", "geo_events", "geoparse", "--jsonl"]
        plain = [sys.executable, "-c", PLAIN_SPACY]
        stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        print(f"# {len(texts)} GeoWebNews articles, {n_chars:,} characters; "
              f"{args.rounds} interleaved rounds; {stamp}")
        # Warm-up (untimed): builds the gazetteer cache if the sources changed, fills OS caches.
        warm = Path(tmp) / "warm.jsonl"
        warm.write_text(json.dumps({"id": "w", "text": texts[0]}) + "\n", encoding="utf-8")
        _timed(cli, warm)
        _timed(plain, warm)
        a_times, b_times = [], []
        for r in range(args.rounds):
            a_times.append(_timed(cli, data))
            b_times.append(_timed(plain, data))
            print(f"round {r + 1}: geo-events geoparse {a_times[-1]:.1f} s, "
                  f"plain nlp.pipe {b_times[-1]:.1f} s")
        a, b = statistics.median(a_times), statistics.median(b_times)
        print(f"geo-events geoparse --jsonl : {len(texts) / a:7.1f} docs/s (median {a:.1f} s, "
              f"best {min(a_times):.1f} s)")
        print(f"plain spaCy nlp.pipe        : {len(texts) / b:7.1f} docs/s (median {b:.1f} s, "
              f"best {min(b_times):.1f} s)")
        print(f"ratio geo_events / plain    : {b / a:.2f}x median, "
              f"{min(b_times) / min(a_times):.2f}x best (goal >= 0.7x)")
        if not args.skip_parallel:
            one, two = [], []
            for _ in range(args.rounds):
                one.append(_timed([*cli, "--n-process", "1"], data))
                two.append(_timed([*cli, "--n-process", "2"], data))
            t1, t2 = statistics.median(one), statistics.median(two)
            print(f"--n-process 1 : {len(texts) / t1:7.1f} docs/s (median {t1:.1f} s)")
            print(f"--n-process 2 : {len(texts) / t2:7.1f} docs/s (median {t2:.1f} s)")
            print(f"parallel speed-up on 2 processes: {t1 / t2:.2f}x median, "
                  f"{min(one) / min(two):.2f}x best (machine load: {os.getloadavg()[0]:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
