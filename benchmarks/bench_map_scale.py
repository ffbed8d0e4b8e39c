"""Scale benchmark of the control map: 10,000 events over 2,000 places.

Builds the offline control map (this project's page: one JSON block + our page code) and, in the
same run, the naive folium map of the same data (one ``folium.CircleMarker`` with an HTML
``Popup`` per event, Leaflet inlined the same way so both load with no network), then loads both
in headless Chromium. Prints build time (s), HTML size (MB), load time (s, navigation start until
every marker is drawn) and the ratios naive / ours.

Synthetic data (seeded): random points inside Ukraine's polygon (embedded boundaries), events
with random kinds, sides and days of 2022. Usage::

    PYTHONPATH=. python benchmarks/bench_map_scale.py [--events 10000] [--places 2000]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import folium
import shapely
from branca.element import Element

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from browser.chromium import chromium_available, offline_driver  # noqa: E402

from geo_events.boundaries import geometry_for  # noqa: E402
from geo_events.maps.assets import inline_bundle  # noqa: E402
from geo_events.maps.control import control_map  # noqa: E402
from geo_events.maps.escape import inline_script_source  # noqa: E402
from geo_events.model import Event, Place  # noqa: E402

KINDS = ("capture", "recapture", "withdrawal", "contested", "attack", "attack", "advance")
SENTENCE = ("Forces of {side} reportedly {verb} {name} on {day}, a regional official said, "
            "adding that the situation remained tense and fighting continued nearby.")


def synthetic_events(n_events: int, n_places: int, seed: int = 20221003) -> list[Event]:
    rng = random.Random(seed)
    ukraine = geometry_for("adm0:UA")
    minx, miny, maxx, maxy = ukraine.bounds
    places = []
    while len(places) < n_places:
        x, y = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
        if ukraine.contains(shapely.Point(x, y)):
            i = len(places)
            places.append(Place(f"gn:{900000 + i}", f"Settlement {i}", "populated_place", y, x,
                                "UA", "UA.05", "Donetsk", population=rng.randint(500, 50000),
                                country_name="Ukraine"))
    start = date(2022, 2, 24)
    events = []
    for k in range(n_events):
        place = rng.choice(places)
        kind = rng.choice(KINDS)
        side = rng.choice(("RU", "UA"))
        day = start + timedelta(days=rng.randint(0, 310))
        gain = side if kind in ("capture", "recapture") else None
        loss = side if kind == "withdrawal" else None
        events.append(Event(kind, place, day, day, "day", gain=gain, loss=loss,
                            status=rng.choice(("reported", "reported", "claimed")),
                            sentence=SENTENCE.format(side=side, verb=kind, name=place.name,
                                                     day=day.isoformat()),
                            source=f"Source {k % 37}", article_id=f"a{k // 5}"))
    return events


def naive_map(events: list[Event]) -> folium.Map:
    """What a folium user writes first: a marker with an HTML popup per event."""
    m = folium.Map(location=[48.5, 32], zoom_start=6, tiles=None)
    for e in events:
        html = (f"<b>{e.place.name}</b><br>{e.date_from} {e.kind} {e.status}<br>{e.source}"
                f"<br><i>{e.sentence}</i>")
        folium.CircleMarker([e.place.latitude, e.place.longitude], radius=6,
                            popup=folium.Popup(html, max_width=400)).add_to(m)
    # same offline footing as ours: Leaflet inlined, no CDN
    m.default_js, m.default_css = [], []
    js, css = inline_bundle("leaflet")
    head = "".join(f"<style>{c}</style>" for c in css) + "".join(
        f"<script>{inline_script_source(j)}</script>" for j in js)
    m.get_root().header.add_child(Element(head), name="inline_leaflet")
    return m


def _load_seconds(driver, path: Path, ready_js: str) -> float:
    driver.get(path.resolve().as_uri())
    deadline = time.perf_counter() + 120
    while not driver.execute_script(ready_js):
        if time.perf_counter() > deadline:
            raise RuntimeError(f"{path.name} did not finish drawing in 120 s")
        time.sleep(0.02)
    # navigation start -> next painted frame, measured by the page clock
    return driver.execute_async_script(
        "var done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame("
        "() => done(performance.now())));") / 1000


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--places", type=int, default=2_000)
    args = ap.parse_args(argv)
    events = synthetic_events(args.events, args.places)
    sides = {"RU": {"name": "Russian forces", "color": "#c0392b"},
             "UA": {"name": "Ukrainian forces", "color": "#1f5fbf"}}
    out = Path(tempfile.mkdtemp(prefix="bench_map_"))
    ours_path, naive_path = out / "ours.html", out / "naive.html"

    t0 = time.perf_counter()
    control_map(events, sides=sides, offline=True).save(str(ours_path))
    t_ours = time.perf_counter() - t0
    t0 = time.perf_counter()
    naive_map(events).save(str(naive_path))
    t_naive = time.perf_counter() - t0
    size_ours = ours_path.stat().st_size / 1e6
    size_naive = naive_path.stat().st_size / 1e6

    load_ours = load_naive = float("nan")
    reason = chromium_available()
    if reason is None:
        with offline_driver() as driver:
            # both pages build every layer synchronously in their load script
            ready_ours = ("var m = window.geoEventsMaps && Object.values(window.geoEventsMaps)[0];"
                          "return !!m && m.markers.length > 0;")
            ready_naive = ("return Object.keys(window).filter(k => k.startsWith('circle_marker_'))"
                           f".length >= {args.events};")
            load_ours = _load_seconds(driver, ours_path, ready_ours)
            load_naive = _load_seconds(driver, naive_path, ready_naive)
    else:
        print(f"load times skipped: {reason}")

    print(f"control map, {args.events:,} events over {args.places:,} places")
    print(f"{'':14}{'build s':>9}{'size MB':>9}{'load s':>9}")
    print(f"{'geo_events':14}{t_ours:9.2f}{size_ours:9.2f}{load_ours:9.2f}")
    print(f"{'naive folium':14}{t_naive:9.2f}{size_naive:9.2f}{load_naive:9.2f}")
    print(f"{'naive/ours':14}{t_naive / t_ours:9.2f}{size_naive / size_ours:9.2f}"
          f"{load_naive / load_ours:9.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
