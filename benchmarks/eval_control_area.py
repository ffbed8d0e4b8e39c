"""How well does the estimated control area match DeepStateMap? (evaluation, prints figures)

Settlement control comes from the Wikipedia "control of cities" history
(``../shared/benchmarks/events/wikipedia_control_of_cities_ukraine``, read at run time): every
non-reverted ``initial``/``added``/``status_change`` row becomes an :class:`Event` (Ukraine -> a
``UA`` capture, Russia / Donetsk PR / Luhansk PR -> ``RU``, Contested -> ``contested``; other
values are skipped), dated by the scraper's snapshot time. At each DeepStateMap snapshot date
(``deepstatemap_history_2022_2023``) the control timeline replays these events
(:class:`geo_events.timeline.ControlTimeline`), the map's code estimates the area each side holds
(:func:`geo_events.maps.area.estimate_control_area`, Voronoi cells clipped to Ukraine's de jure
polygon) and compares it with DeepState's ``occupied`` polygons, in a Lambert azimuthal
equal-area projection centred on Ukraine:

* ``occ_hit``  share of DeepState's occupied area that the estimate gives to RU;
* ``rest_hit`` share of the rest of Ukraine that the estimate gives to UA;
* ``agree``    share of Ukraine where both agree (RU on occupied, UA elsewhere);
* ``agree_base`` the same for the trivial baseline "all of Ukraine is UA" (compare with agree);
* ``iou_ru``   intersection over union of the RU estimate and the occupied area.

Usage: ``PYTHONPATH=. python benchmarks/eval_control_area.py``. Exits 0 with a message when the
shared data is absent.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo_events.boundaries import geometry_for  # noqa: E402
from geo_events.maps.area import equal_area_crs, estimate_control_area  # noqa: E402
from geo_events.maps.control import controlled_at  # noqa: E402
from geo_events.model import Event, Place  # noqa: E402
from geo_events.timeline import ControlTimeline  # noqa: E402

SHARED = ROOT.parent / "shared" / "benchmarks" / "events"
WIKI = SHARED / "wikipedia_control_of_cities_ukraine" / \
    "wiki_control_changelog_2022-03-01_2024-08-17.csv"
DEEPSTATE = SHARED / "deepstatemap_history_2022_2023"

_SIDE = {"ukraine": "UA", "russia": "RU", "donetsk pr": "RU", "luhansk pr": "RU", "dpr": "RU",
         "lpr": "RU"}


def wiki_events(path: Path) -> list[Event]:
    """Events from the changelog (normalisation rules in the module docstring)."""
    log = pd.read_csv(path)
    log = log[log["change_kind"].isin(["initial", "added", "status_change"])
              & (log["reverted_within_48h"] == 0)]
    coords = log.dropna(subset=["lat", "lon"]).groupby("name")[["lat", "lon"]].first()
    events = []
    for row in log.itertuples(index=False):
        if row.name not in coords.index:
            continue
        held = str(row.held_by).strip().lower()
        side = _SIDE.get(held)
        kind = "capture" if side else ("contested" if held.startswith("contested") else None)
        if kind is None:
            continue
        lat, lon = coords.loc[row.name, "lat"], coords.loc[row.name, "lon"]
        place = Place(f"wiki:{row.name}", str(row.name), "populated_place", float(lat),
                      float(lon), "UA")
        day = date.fromisoformat(str(row.snapshot_utc)[:10])
        events.append(Event(kind, place, day, day, "day", gain=side, source="Wikipedia",
                            sentence=str(row.more_information)))
    return events


def occupied_area(snapshot: Path) -> shapely.Geometry:
    frame = gpd.read_file(snapshot)
    occ = frame[frame["status"] == "occupied"].geometry.make_valid()
    return shapely.make_valid(shapely.union_all(occ.to_numpy()))


def evaluate() -> pd.DataFrame:
    events = wiki_events(WIKI)
    ukraine = geometry_for("adm0:UA")
    crs = equal_area_crs(ukraine)
    index = pd.read_csv(DEEPSTATE / "index.csv")
    rows = []
    for snap in index.itertuples(index=False):
        day = date.fromisoformat(snap.target_date)
        known = [e for e in events if e.date_from <= day]
        timeline = ControlTimeline.from_events(known)
        held = controlled_at(timeline, {e.place.id: e.place for e in known}.values(), day)
        est = estimate_control_area(held, ukraine)

        def ea(geom: shapely.Geometry) -> shapely.Geometry:
            return shapely.make_valid(gpd.GeoSeries([geom], crs="EPSG:4326").to_crs(crs).iloc[0])

        country = ea(ukraine)
        occ = shapely.intersection(ea(occupied_area(DEEPSTATE / snap.file)), country)
        rest = shapely.difference(country, occ)
        ru = ea(est.loc[est["side"] == "RU", "geometry"].iloc[0]) if (est["side"] == "RU").any() \
            else shapely.Polygon()
        ua = ea(est.loc[est["side"] == "UA", "geometry"].iloc[0]) if (est["side"] == "UA").any() \
            else shapely.Polygon()
        hit_occ = shapely.intersection(ru, occ).area
        hit_rest = shapely.intersection(ua, rest).area
        rows.append({
            "date": snap.target_date,
            "settlements": len(held),
            "occ_km2": occ.area / 1e6,
            "est_ru_km2": ru.area / 1e6,
            "occ_hit": hit_occ / occ.area if occ.area else float("nan"),
            "rest_hit": hit_rest / rest.area,
            "agree": (hit_occ + hit_rest) / country.area,
            "agree_base": rest.area / country.area,
            "iou_ru": hit_occ / shapely.union(ru, occ).area if (ru.area + occ.area) else 1.0,
        })
    return pd.DataFrame(rows)


def main() -> int:
    if not WIKI.is_file() or not (DEEPSTATE / "index.csv").is_file():
        print(f"shared benchmark data not found under {SHARED}; nothing to evaluate")
        return 0
    table = evaluate()
    with pd.option_context("display.width", 120, "display.float_format", "{:.3f}".format):
        print(table.to_string(index=False))
    mean = table[["occ_hit", "rest_hit", "agree", "agree_base", "iou_ru"]].mean()
    print("mean  " + "  ".join(f"{k}={v:.3f}" for k, v in mean.items()))
    print("(estimate: Voronoi cells of Wikipedia-listed settlements with a known holder, "
          "clipped to Ukraine; truth: DeepStateMap occupied polygons; equal-area LAEA)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
