"""Maps in a real headless Chromium with no network (marker ``browser``).

The offline page must render from a file:// URL with nothing fetched from the network, draw its
polygons and markers, replay changes when the time control moves, and show hostile article text
as text: opening every popup and tooltip must not run any script from the data.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from browser.chromium import chromium_available, console_errors, external_requests, open_map
from maps_fixtures import PAYLOADS, SIDES, control_events

from geo_events.maps.control import control_map
from geo_events.maps.places import places_map
from geo_events.model import Mention, Place

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "artifacts"

_skip = chromium_available()
if _skip:
    pytestmark = [pytest.mark.browser, pytest.mark.skip(reason=_skip)]


def _state(driver, name: str) -> dict:
    return driver.execute_script(
        """
        const api = window.geoEventsMaps[arguments[0]];
        const fills = Array.from(document.querySelectorAll('path.leaflet-interactive'))
            .map(p => p.getAttribute('fill') + '|' + (p.getAttribute('stroke-dasharray') || ''));
        return {asOf: document.querySelector('.ge-asof').textContent,
                shown: api.markers.filter(m => m.shown).length,
                paths: fills.length, fills: fills.sort().join(',')};
        """, name)


#: JavaScript opening, as a user's pointer would (mouseover, click), every Leaflet layer of the
#: array ``layers`` and returning the text of each popup and tooltip ("NO POPUP" / "NO TOOLTIP").
_OPEN_LAYERS_JS = """
        const texts = [];
        layers.forEach(l => {
            const at = l.getLatLng ? l.getLatLng() : l.getBounds().getCenter();
            l.fire('mouseover', {latlng: at});
            l.fire('click', {latlng: at});
            const pop = l.getPopup() && l.getPopup().getElement();
            const tip = l.getTooltip() && l.getTooltip().getElement();
            texts.push(pop ? pop.textContent : 'NO POPUP', tip ? tip.textContent : 'NO TOOLTIP');
            l.closePopup();
            l.closeTooltip();
        });
        return texts;
"""


def _open_every_popup_and_tooltip(driver, name: str) -> list[str]:
    """Fire Leaflet's mouseover and click on every marker, admin area and context place, as a
    user's pointer would, and return the text each opened popup and tooltip shows."""
    return driver.execute_script(
        """
        const api = window.geoEventsMaps[arguments[0]];
        const layers = (api.markers || []).filter(m => m.shown !== false)
            .map(m => m.marker || m);
        (api.areas || []).forEach(a => layers.push(a.layer));
        (api.mentioned || []).forEach(l => layers.push(l));
        """ + _OPEN_LAYERS_JS, name)


def test_hostile_text_never_runs_and_shows_as_text(driver, tmp_path):
    page = tmp_path / "hostile.html"
    control_map(control_events(hostile=True), sides=SIDES).save(str(page))
    name = open_map(driver, page)
    texts = []
    # every slider position, so every event's popup text is rendered at least once
    n_dates = driver.execute_script("return document.querySelector('.ge-slider-input').max")
    for i in range(int(n_dates) + 1):
        driver.execute_script("window.geoEventsMaps[arguments[0]].setIndex(arguments[1])", name, i)
        texts += _open_every_popup_and_tooltip(driver, name)
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    assert "NO POPUP" not in texts and "NO TOOLTIP" not in texts
    joined = "\n".join(texts)
    assert PAYLOADS[0] in joined  # the <img ...> markup is shown as text
    assert "</script><script>" in joined
    assert "`${window.__pwned=4}`" in joined
    assert driver.execute_script("return document.querySelectorAll('img[src=x], svg[onload]')"
                                 ".length") == 0
    assert external_requests(driver) == []


def _open_with_village(driver, tmp_path: Path, name: str, raw: dict) -> str:
    """Open a control map of the five towns of control_events() and a village the gazetteer
    lacks (an "unresolved:" place in Chernihiv oblast, ``raw`` saying how it was placed)."""
    from datetime import date

    from geo_events.model import Event

    village = Place("unresolved:UA.02:vyshnozarichne", name, "populated_place", 51.3, 31.9,
                    "UA", "UA.02", "Chernihiv", country_name="Ukraine", raw=raw)
    events = [*control_events(), Event("recapture", village, date(2022, 3, 31),
                                       date(2022, 3, 31), "day", gain="UA", loss="RU",
                                       sentence=f"Ukrainian forces retook {name}, Chernihiv.")]
    page = tmp_path / "village.html"
    control_map(events, sides=SIDES).save(str(page))
    return open_map(driver, page)


def test_unplaced_village_is_listed_as_text_not_drawn(driver, tmp_path):
    """A village the gazetteer lacks ("unresolved:" place) is named in the title box, as text,
    and gets no marker at its oblast's centre."""
    name = f"Vyshnozarichne {PAYLOADS[0]} {PAYLOADS[1]}"
    map_name = _open_with_village(driver, tmp_path, name, {})
    listed = driver.execute_script("return document.querySelector('.ge-unlocated').textContent")
    assert name in listed and "Chernihiv" in listed
    tips = driver.execute_script(
        "return window.geoEventsMaps[arguments[0]].markers.map(m => m.item.name)", map_name)
    assert name not in tips and len(tips) == 5  # the five towns of control_events()
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    assert driver.execute_script("return document.querySelectorAll('img[src=x]').length") == 0


def test_village_placed_at_its_community_is_drawn_marked_approximate(driver, tmp_path):
    """A village the gazetteer lacks but Ukraine's codifier places at its community is drawn,
    smaller, its tooltip and popup saying the location is approximate; hostile text in its
    name stays text."""
    name = f"Vyshnozarichne {PAYLOADS[0]}"
    map_name = _open_with_village(driver, tmp_path, name,
                                  {"located_by": "katottg:X", "precision": "community"})
    assert driver.execute_script("return document.querySelector('.ge-unlocated')") is None
    items = driver.execute_script(
        "return window.geoEventsMaps[arguments[0]].markers.map(m => [m.item.name, "
        "m.item.approx || null, m.marker.options.radius])", map_name)
    assert [name, "community", 5] in items and len(items) == 6
    texts = _open_every_popup_and_tooltip(driver, map_name)
    assert any("Approximate location: its territorial community" in t and name in t
               for t in texts)
    assert f"{name} (approximate)" in texts
    assert driver.execute_script("return typeof window.__pwned") == "undefined"


def test_time_control_replays_changes(driver, tmp_path):
    page = tmp_path / "replay.html"
    control_map(control_events(), sides=SIDES).save(str(page))
    name = open_map(driver, page)
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    last = _state(driver, name)
    slider = driver.find_element(By.CSS_SELECTOR, ".ge-slider-input")
    slider.send_keys(Keys.HOME)  # the user drags the control to the first date
    first = _state(driver, name)
    assert first["asOf"] != last["asOf"] and first["asOf"].endswith("2022-03-02")
    assert first["shown"] < last["shown"]
    slider.send_keys(Keys.ARROW_RIGHT)
    second = _state(driver, name)
    assert second["asOf"].endswith("2022-05-27") and second["fills"] != first["fills"]
    driver.find_element(By.CSS_SELECTOR, ".ge-slider-play").click()  # the replay button
    for _ in range(60):
        if _state(driver, name)["asOf"] != second["asOf"]:
            break
        time.sleep(0.1)
    assert _state(driver, name)["asOf"] != second["asOf"]


def _mentions(n: int, hostile: bool) -> tuple[list[Mention], dict[str, str]]:
    """``n`` distinct places on a grid over Ukraine, each mentioned in one hostile sentence."""
    text = " ".join(f"Shelling hit Town{i} {PAYLOADS[i % len(PAYLOADS)] if hostile else ''}."
                    for i in range(n))
    mentions, pos = [], 0
    for i in range(n):
        surface = f"Town{i}"
        start = text.index(surface, pos)
        end_sentence = text.index(".", start) + 1
        name = f"{surface} {PAYLOADS[(i + 1) % len(PAYLOADS)]}" if hostile else surface
        place = Place(f"gn:{800000 + i}", name, "populated_place", 45.5 + (i % 20) * 0.3,
                      23.0 + (i // 20) * 1.5, "UA", "UA.05", "Donetsk", country_name="Ukraine")
        mentions.append(Mention(surface, start, start + len(surface), place, 0.8,
                                article_id="art1", sentence_start=text.rfind("Shelling", 0,
                                                                             start),
                                sentence_end=end_sentence))
        pos = end_sentence
    return mentions, {"art1": text}


def test_places_map_popups_show_hostile_text_as_text(driver, tmp_path):
    mentions, texts = _mentions(12, hostile=True)
    page = tmp_path / "places.html"
    places_map(mentions, texts=texts, cluster=False).save(str(page))
    name = open_map(driver, page)
    texts_shown = _open_every_popup_and_tooltip(driver, name)
    assert len(texts_shown) == 24 and "NO POPUP" not in texts_shown
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    assert any(PAYLOADS[0] in t for t in texts_shown)
    assert external_requests(driver) == []


def test_places_map_clusters_many_places_offline(driver, tmp_path):
    mentions, texts = _mentions(300, hostile=False)
    page = tmp_path / "cluster.html"
    places_map(mentions, texts=texts).save(str(page))
    open_map(driver, page)
    time.sleep(0.3)
    clusters = driver.execute_script("return document.querySelectorAll('.marker-cluster').length")
    singles = driver.execute_script("return document.querySelectorAll('.ge-place-dot').length")
    assert clusters >= 1 and singles < 300
    assert external_requests(driver) == [] and console_errors(driver) == []


@pytest.fixture(scope="module")
def flagship_page(tmp_path_factory) -> Path:
    """The README's main command, run as a user would."""
    try:
        from geo_events.events import extract_events  # noqa: F401
    except ImportError:
        pytest.skip("event extraction (geo_events.events.extract_events) not in this tree yet")
    out = tmp_path_factory.mktemp("flagship") / "flagship_map.html"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-m", "geo_events", "map", str(ROOT / "examples" / "flagship.txt"),
         "--published", "2022-10-03", "-o", str(out)],
        capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return out


def test_flagship_offline_map_renders_without_network(driver, flagship_page):
    html = flagship_page.read_text(encoding="utf-8")
    assert "cdn.jsdelivr" not in html and "tile.openstreetmap" not in html
    name = open_map(driver, flagship_page)
    time.sleep(0.5)
    assert driver.execute_script("return typeof window.L") == "object"
    from geo_events.maps.assets import bundle_version

    assert driver.execute_script("return window.L.version") == bundle_version("leaflet")
    state = _state(driver, name)
    n_areas = driver.execute_script(
        "return window.geoEventsMaps[arguments[0]].areas.length", name)
    assert state["shown"] >= 1 and n_areas >= 2  # Lyman, Lysychansk; the claimed oblasts
    assert state["paths"] >= state["shown"] + n_areas
    base = driver.execute_script("return document.querySelectorAll('path').length")
    assert base > state["paths"]  # non-interactive base map polygons are drawn too
    assert external_requests(driver) == []
    assert console_errors(driver) == []
    ARTIFACTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / "flagship_map.png"))


def test_article_with_hostile_text_end_to_end(driver, tmp_path):
    """A real article through extraction and the CLI: its markup must stay text in the map."""
    pytest.importorskip("geo_events.events", reason="event extraction not in this tree yet")
    import json

    from geo_events.cli import main

    text = ("Ukrainian forces recaptured Lyman on Saturday, a spokesman said. "
            f"{PAYLOADS[0]} {PAYLOADS[1]}\n\n"
            f"Russian troops captured Lysychansk on 3 July, the \"ministry\" said of {PAYLOADS[3]} "
            f"and 'it' {PAYLOADS[2]}.\n\nFighting continued near Bakhmut {PAYLOADS[4]}.")
    source = f"Evil {PAYLOADS[0]} {PAYLOADS[3]} News"
    article = tmp_path / "hostile.jsonl"
    article.write_text(json.dumps({"id": "h1", "published": "2022-10-03", "source": source,
                                   "text": text}) + "\n", encoding="utf-8")
    page = tmp_path / "hostile_article.html"
    assert main(["map", str(article), "--profile", "russia-ukraine",
                 "-o", str(page)]) == 0
    name = open_map(driver, page)
    texts = []
    n_dates = driver.execute_script(
        "const s = document.querySelector('.ge-slider-input'); return s ? +s.max : 0")
    for i in range(n_dates + 1):
        driver.execute_script("window.geoEventsMaps[arguments[0]].setIndex(arguments[1])", name, i)
        texts += _open_every_popup_and_tooltip(driver, name)
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    joined = "\n".join(texts)
    assert source in joined  # the source name, markup and backticks shown literally
    assert external_requests(driver) == []


def test_estimate_states_render_distinctly_with_last_evidence_and_text_escaped(driver, tmp_path):
    """The estimate layer draws held, claimed, contested and unknown ground each its own way
    (solid colour; hatches in the claimant's colour, amber, grey), says the date of the last
    evidence in the legend and popups, and a baseline layer is drawn; hostile side names in
    the estimate and in the baseline stay text."""
    from datetime import date

    import geopandas as gpd
    import shapely

    from geo_events.maps import _geometry
    from geo_events.maps.area import estimate_areas
    from geo_events.maps.control import control_page_data
    from geo_events.maps.page import GeoEventsMap

    if not _geometry.boundaries_available():
        pytest.skip("embedded boundary files are not built")
    hostile = {k: {**v, "name": f"{v['name']} {PAYLOADS[i]}"}
               for i, (k, v) in enumerate(SIDES.items())}
    odd_side = f"Militia {PAYLOADS[2]}"
    baseline = gpd.GeoDataFrame({"side": ["RU", odd_side], "date": ["2022-04-03", "2022-04-03"]},
                                geometry=[shapely.box(33.0, 46.2, 34.5, 47.0),
                                          shapely.box(38.5, 49.5, 39.5, 50.0)], crs="EPSG:4326")
    data = control_page_data(control_events(), sides=hostile, baseline=baseline)
    statuses = gpd.GeoDataFrame(
        {"side": ["RU", "UA", None, "RU"], "state": ["held", "held", "contested", "claimed"],
         "last_evidence": ["2022-10-20", "2022-11-01", "2022-11-05", "2022-11-08"]},
        geometry=gpd.points_from_xy([37.8, 36.2, 38.0, 35.2], [48.0, 50.0, 48.6, 47.5]),
        crs="EPSG:4326")
    est = estimate_areas(statuses, _geometry.country_geometry("UA"), day=date(2022, 11, 11))
    est = est.assign(side=est["side"].fillna(""), last_evidence=est["last_evidence"].fillna(""))
    last = len(data["dates"]) - 1
    data["estimate"] = [{"d": last, "date": data["dates"][last],
                         "features": _geometry.feature_collection(
                             est, ("side", "state", "date", "last_evidence", "method"))}]
    page = tmp_path / "estimate.html"
    GeoEventsMap("control", data, offline=True).save(str(page))
    name = open_map(driver, page)
    driver.execute_script("window.geoEventsMaps[arguments[0]].setIndex(arguments[1])", name, last)
    drawn = driver.execute_script(
        """
        const api = window.geoEventsMaps[arguments[0]];
        const out = {};
        api.estimate.getLayers().forEach(g => g.getLayers().forEach(l => {
            const p = l.getElement ? l.getElement() : l._path;
            const fill = p.getAttribute('fill');
            const m = /^url\\(#(.+)\\)$/.exec(fill);
            out[l.feature.properties.state] = {fill: fill,
                dash: p.getAttribute('stroke-dasharray') || '',
                pattern: m ? document.getElementById(m[1]) instanceof SVGPatternElement : null};
        }));
        return out;
        """, name)
    assert set(drawn) == {"held", "claimed", "contested", "unknown"}
    fills = {s: d["fill"] for s, d in drawn.items()}
    assert len(set(fills.values())) == 4, fills
    assert drawn["held"]["pattern"] is None and not drawn["held"]["dash"]
    for state in ("claimed", "contested", "unknown"):
        assert drawn[state]["pattern"] is True and drawn[state]["dash"], (state, drawn[state])
    legend = driver.execute_script("return document.querySelector('.ge-legend').textContent")
    assert "last evidence 2022-11-08" in legend and "Unknown: no evidence" in legend
    assert "Baseline layer" in legend
    texts = driver.execute_script(
        """
        const api = window.geoEventsMaps[arguments[0]];
        const layers = [];
        api.estimate.getLayers().forEach(g => g.getLayers().forEach(l => layers.push(l)));
        api.baseline.forEach(l => layers.push(l));
        """ + _OPEN_LAYERS_JS, name)
    # 5 estimate rows and 2 baseline polygons, a popup and a tooltip each
    assert "NO POPUP" not in texts and "NO TOOLTIP" not in texts and len(texts) == 14
    joined = "\n".join(texts)
    assert "claimed by " + hostile["RU"]["name"] in joined
    assert "Last evidence: 2022-11-01" in joined and "unknown: no evidence" in joined
    assert odd_side in joined  # a baseline side id as text
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    assert driver.execute_script("return document.querySelectorAll('img[src=x], svg[onload]')"
                                 ".length") == 0
    assert external_requests(driver) == [] and console_errors(driver) == []


def test_map_with_tiles_still_works_when_the_tiles_fail(driver, tmp_path):
    """--tiles with no network: every tile fails, the embedded base map is filled in again."""
    page = tmp_path / "tiles.html"
    control_map(control_events(), sides=SIDES, tiles="OpenStreetMap").save(str(page))
    name = open_map(driver, page)
    for _ in range(100):
        if driver.execute_script("return !!window.geoEventsMaps[arguments[0]].map"
                                 "  .geoEventsTilesFailed", name):
            break
        time.sleep(0.05)
    else:
        raise AssertionError("no tile error seen with the network blocked")
    state = _state(driver, name)
    assert state["shown"] >= 1 and state["paths"] >= state["shown"]
    opaque = driver.execute_script(
        "return Array.from(document.querySelectorAll('path:not(.leaflet-interactive)'))"
        "  .filter(p => p.getAttribute('fill-opacity') === '1').length")
    assert opaque > 0  # the base map is visible again
    assert driver.execute_script("return typeof window.L") == "object"
    console_errors(driver), external_requests(driver)  # drain the failed tile loads' log


def _labels(driver) -> list[str]:
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('.ge-label')).map(e => e.textContent)")


def test_main_places_are_labelled_more_as_you_zoom_in(driver, tmp_path):
    """Permanent labels name the best-ranked places at the opening zoom, more appear zooming
    in; a hostile name is shown as text."""
    mentions, texts = _mentions(40, hostile=True)
    page = tmp_path / "labels.html"
    places_map(mentions, texts=texts, offline=True, cluster=False).save(str(page))
    name = open_map(driver, page)
    time.sleep(0.3)
    first = _labels(driver)
    assert 1 <= len(first) <= 8
    assert any(PAYLOADS[1] in t for t in first + _zoomed_labels(driver, name, 3))
    more = _zoomed_labels(driver, name, 3)
    assert len(more) > len(first)
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    assert driver.execute_script("return document.querySelectorAll('img[src=x], svg[onload]')"
                                 ".length") == 0


def _zoomed_labels(driver, name: str, levels: int) -> list[str]:
    driver.execute_script(
        "const m = window.geoEventsMaps[arguments[0]].map;"
        "m.setZoom(m.getZoom() + arguments[1], {animate: false});", name, levels)
    time.sleep(0.4)
    shown = _labels(driver)
    driver.execute_script(
        "const m = window.geoEventsMaps[arguments[0]].map;"
        "m.setZoom(m.getZoom() - arguments[1], {animate: false});", name, levels)
    time.sleep(0.4)
    return shown


def test_control_map_labels_the_most_reported_places(driver, tmp_path):
    page = tmp_path / "control_labels.html"
    control_map(control_events(hostile=True), sides=SIDES, offline=True).save(str(page))
    name = open_map(driver, page)
    time.sleep(0.3)
    shown = _labels(driver)
    # Lyman and Kherson have two reports each: labelled first; names stay text
    assert any(t.startswith("Lyman ") for t in shown)
    assert any(t.startswith("Kherson ") for t in shown)
    assert any(PAYLOADS[0] in t for t in shown)
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    # at the first date only Kherson is drawn, so only it is labelled
    driver.execute_script("window.geoEventsMaps[arguments[0]].setIndex(0)", name)
    time.sleep(0.4)  # Leaflet fades a removed tooltip out for 200 ms
    assert [t.split(" ")[0] for t in _labels(driver)] == ["Kherson"]
