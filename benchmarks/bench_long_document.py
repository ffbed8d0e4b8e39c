"""One long document (default 2 MB, past spaCy's ``max_length``): geoparsing and event
extraction time and peak memory against plain spaCy on the same text, in the same run.

Usage (from the repository root)::

    python benchmarks/bench_long_document.py [--mb 2.0]

The text is the GeoWebNews articles of ../shared/benchmarks/geoparsing joined (read in place,
repeated until the size is reached), or the flagship report repeated when the corpus is absent.
Each measurement runs in a fresh process so peak RSS (``ru_maxrss``) belongs to it alone:

* plain: the geoparser's own spaCy model, ``nlp.pipe`` over the same 100k-character chunks;
* geoparse: :func:`geo_events.geoparse.geoparse` on the whole text;
* events: :func:`geo_events.events.extract_events` on the whole text.

Prints seconds, MB of peak RSS and the ratios to plain spaCy (time, memory).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

CHILD = r"""
import json, resource, sys, time
from datetime import date
mode, path = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
import importlib.util
import spacy
from geo_events.geoparse.pipeline import DEFAULT_MODELS, get_nlp, split_chunks
if mode == "plain":  # the same model the geoparser builds on, without our components
    nlp = spacy.load(next(m for m in DEFAULT_MODELS if importlib.util.find_spec(m)))
else:
    nlp = get_nlp()
nlp("warm up")
t0 = time.perf_counter()
if mode == "plain":
    for _doc in nlp.pipe((piece for _, piece in split_chunks(text)), batch_size=2):
        pass
elif mode == "geoparse":
    from geo_events.geoparse import geoparse
    n = len(geoparse(text))
else:
    from geo_events.events import extract_events
    n = len(extract_events(text, published=date(2022, 10, 3)))
seconds = time.perf_counter() - t0
print(json.dumps({"seconds": seconds,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _text(size: int) -> str:
    from geo_events.errors import DataFileError
    from geo_events.evaluation.corpora import load_corpus

    try:
        docs = [d.text for d in load_corpus("GWN")]
    except (DataFileError, OSError) as exc:  # no shared corpus here: fall back, say so
        print(f"GeoWebNews not available ({exc}); using the flagship report", file=sys.stderr)
        docs = [(REPO / "examples" / "flagship.txt").read_text(encoding="utf-8")]
    parts, n = [], 0
    while n < size:
        for d in docs:
            parts.append(d)
            n += len(d) + 2
            if n >= size:
                break
    return "\n\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=2.0, help="document size in MB of characters")
    args = ap.parse_args(argv)
    text = _text(int(args.mb * 1_000_000))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long.txt"
        path.write_text(text, encoding="utf-8")
        results = {}
        for mode in ("plain", "geoparse", "events"):
            out = subprocess.run([sys.executable, "-c", CHILD, mode, str(path)], check=True,
                                 capture_output=True, text=True, cwd=REPO)
            results[mode] = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"document: {len(text):,} characters")
    base = results["plain"]
    for mode, r in results.items():
        print(f"  {mode:9s} {r['seconds']:7.1f} s  {r['rss_mb']:7.0f} MB peak   "
              f"x{r['seconds'] / base['seconds']:.2f} time, x{r['rss_mb'] / base['rss_mb']:.2f} "
              f"memory of plain spaCy")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
