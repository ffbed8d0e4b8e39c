"""False alarms of event extraction on general news: the geoparsing corpora's articles.

GeoWebNews, LGL, TR-News and GeoVirus (1,135 articles, read in place from
``../shared/benchmarks/geoparsing``, never copied into the repository) are news of every kind:
US local news, world news, disease outbreaks, a few about wars. Almost none reports a change
of territorial control, so every control change or annexation claim extracted from them is a
candidate false alarm, and the everyday senses of our trigger verbs ("joined the team", "fell to
18th", "captured by police", "pushed toward Atlanta") show up here first. Profile: detected per
article (as ``geo-events events`` does by default); no published date.

Usage::

    python benchmarks/eval_events_news.py [--corpus GWN LGL TR-News GeoVirus] [--limit N]
        [--show]

Prints the number of articles, events per kind, the articles with any control change or
annexation claim (the false-alarm figure: review them with ``--show``, which prints every
territorial event with its sentence), and articles per second.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo_events.evaluation.corpora import load_corpus  # noqa: E402

#: Kinds printed by --show: territory, not activity.
TERRITORIAL = ("capture", "recapture", "withdrawal", "transfer", "annexation_claim", "advance",
               "contested", "held")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", nargs="+", default=["GWN", "LGL", "TR-News", "GeoVirus"])
    ap.add_argument("--limit", type=int, default=None, help="first N articles of each corpus")
    ap.add_argument("--show", action="store_true", help="print every territorial event")
    args = ap.parse_args(argv)

    from geo_events.events import extract_events

    kinds: Counter = Counter()
    alarms = claims = articles = 0
    t0 = time.perf_counter()
    for name in args.corpus:
        docs = load_corpus(name)[: args.limit] if args.limit else load_corpus(name)
        for doc in docs:
            articles += 1
            events = extract_events(doc.text, published=None)
            kinds.update(e.kind for e in events)
            alarms += any(e.is_control_change for e in events)
            claims += any(e.kind == "annexation_claim" for e in events)
            if args.show:
                for e in events:
                    if e.kind in TERRITORIAL:
                        print(f"{name}\t{e.kind}\t{e.place.name} ({e.place.id})\t"
                              f"gain={e.gain or e.gain_actor}\t{e.status}\t"
                              f"{' '.join(e.sentence.split())[:200]!r}")
    secs = time.perf_counter() - t0
    print(f"{articles} articles of {', '.join(args.corpus)}; events by kind: "
          f"{dict(kinds.most_common())}")
    print(f"articles with any control change: {alarms}/{articles} = {alarms / articles:.1%}; "
          f"with any annexation claim: {claims}/{articles} = {claims / articles:.1%}")
    print(f"{articles / secs:.1f} articles/s ({secs:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
