"""Unit tests of the maps: escaping path, offline bundling, status replay, area estimate."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date

import geopandas as gpd
import pytest
import shapely
from maps_fixtures import PAYLOADS, SIDES, control_events

from geo_events.errors import AssetError, InputError
from geo_events.maps.area import equal_area_crs, estimate_control_area
from geo_events.maps.control import control_map
from geo_events.maps.escape import inline_script_source, script_json
from geo_events.maps.places import places_map
from geo_events.maps.sides import resolve_sides
from geo_events.model import Mention

_EXTERNAL_TAG = re.compile(r"<(?:script|link|img|iframe)\b[^>]*(?:src|href)\s*=\s*[\"']?\s*"
                           r"(?:https?:)?//", re.IGNORECASE)


def _data_block(html: str) -> str:
    m = re.search(r'<script type="application/json" id="[^"]+">(.*?)</script>', html, re.S)
    assert m, "page has no data block"
    return m.group(1)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_script_json_cannot_end_the_script_element(payload):
    text = script_json({"s": payload})
    for bad in ("</", "<!--", "<script", "\u2028", "\u2029", ">"):
        assert bad not in text
    assert json.loads(text) == {"s": payload}


def test_script_json_refuses_non_json_values():
    with pytest.raises(TypeError):
        script_json({"d": date(2022, 1, 1)})


def test_inline_script_source_neutralises_closing_tags_and_source_maps():
    out = inline_script_source('var a = "</script>";\n//# sourceMappingURL=x.js.map')
    assert "</script" not in out and "sourceMappingURL" not in out


def test_hostile_text_reaches_the_page_only_as_escaped_json():
    m = control_map(control_events(hostile=True), sides=SIDES)
    html = m.get_root().render()
    for payload in PAYLOADS:
        if "<" in payload:
            assert payload not in html
    data = json.loads(_data_block(html))
    names = {p["name"] for p in data["places"]} | {a["name"] for a in data["areas"]}
    assert any(PAYLOADS[0] in n for n in names)
    assert any(PAYLOADS[1] in e["sentence"] for e in data["events"])
    # exactly one data block and our page code: hostile text did not open another element
    assert html.count('type="application/json"') == 1


def test_every_page_is_self_contained_and_inlines_leaflet_from_its_package():
    from geo_events.maps.assets import bundle_version

    html = control_map(control_events(), sides=SIDES).get_root().render()
    assert not _EXTERNAL_TAG.search(html)
    assert "cdn.jsdelivr" not in html and "code.jquery" not in html
    assert "tile.openstreetmap" not in html
    assert f'version="{bundle_version("leaflet")}"' in html  # Leaflet's own code, inlined
    assert "data:image/png;base64," in html  # CSS images inlined


def test_tiles_are_optional_and_the_libraries_stay_inlined():
    html = control_map(control_events(), sides=SIDES, tiles="OpenStreetMap").get_root().render()
    assert "tile.openstreetmap" in html
    assert not _EXTERNAL_TAG.search(html)  # no <script src>/<link href> to a CDN
    assert "fillBaseWhenTilesFail" in html  # the base map comes back when tiles fail
    # offline=True (earlier versions' switch) forbids tiles
    html = control_map(control_events(), sides=SIDES, tiles="OpenStreetMap",
                       offline=True).get_root().render()
    assert "tile.openstreetmap" not in html


def test_unknown_tiles_are_an_input_error():
    with pytest.raises(InputError, match="unknown tiles"):
        control_map(control_events(), sides=SIDES, tiles="no-such-provider")


def test_places_map_inlines_markercluster(tmp_path):
    events = control_events()
    mentions = [Mention(e.place.name, 0, 5, e.place, 0.9, article_id="a") for e in events
                if e.place.level == "populated_place"]
    m = places_map(mentions, cluster=True)
    out = tmp_path / "p.html"
    m.save(str(out))
    html = out.read_text()
    assert "MarkerClusterGroup" in html and not _EXTERNAL_TAG.search(html)
    assert len(m.page_data["places"]) == 5


def test_missing_library_package_raises_asset_error_saying_what_to_install(monkeypatch):
    from geo_events.maps import assets

    monkeypatch.setitem(assets.BUNDLES, "leaflet", replace(
        assets.BUNDLES["leaflet"], module="xstatic.pkg.no_such_leaflet"))
    with pytest.raises(AssetError, match=r"pip install XStatic-Leaflet"):
        control_map(control_events(), sides=SIDES)


def test_series_follow_the_timeline_with_claims_and_reports_on_top():
    data = control_map(control_events(), sides=SIDES, profile="russia-ukraine").page_data
    by_id = {p["id"]: p for p in data["places"] + data["areas"]}

    def states(pid):
        return [(e["s"], e["side"], e["confirmed"]) for e in by_id[pid]["series"]]

    # a bare withdrawal of RU gives the place to the opponent (two-sided profile)
    assert states("gn:702972") == [("control", "RU", True), ("control", "UA", True)]
    assert states("gn:702658") == [("control", "RU", False)]  # only a claimed capture
    assert states("gn:712451") == [("contested", None, True)]
    assert states("gn:703448") == [("unknown", None, True)]  # an attack says nothing of control
    assert states("adm1:UA.05") == [("claimed", "RU", False)]


def test_as_of_drops_later_events_and_no_events_is_an_input_error():
    m = control_map(control_events(), sides=SIDES, as_of=date(2022, 8, 1))
    assert m.page_data["dates"][-1] == "2022-08-01"
    with pytest.raises(InputError, match="no events"):
        control_map(control_events(), as_of=date(2000, 1, 1))


def test_sides_keep_profile_colours_and_give_others_distinct_ones():
    sides = resolve_sides({"RU": {"name": "Russia", "colour": "#c0392b"}}, ["RU", "M23", "X"])
    assert sides["RU"].color == "#c0392b"
    assert len({s.color for s in sides.values()}) == 3


def test_page_shows_attribution_and_displays_in_jupyter():
    m = control_map(control_events(), sides=SIDES)
    assert "GeoNames (CC BY 4.0)" in m.page_data["attribution"]
    assert "Natural Earth" in m.page_data["attribution"]
    assert "<iframe" in m._repr_html_()


def test_estimate_splits_a_region_between_sides_in_equal_area():
    region = shapely.box(30.0, 46.0, 38.0, 51.0)
    pts = gpd.GeoDataFrame({"side": ["A", "A", "B", "B", None]},
                           geometry=gpd.points_from_xy([30.5, 31, 37, 37.5, 34],
                                                       [47, 50, 47, 50, 48]), crs="EPSG:4326")
    est = estimate_control_area(pts, region)
    assert list(est["side"]) == ["A", "B"] and list(est["settlements"]) == [2, 2]
    total = gpd.GeoSeries([region], crs="EPSG:4326").to_crs(equal_area_crs(region)).area[0] / 1e6
    assert est["area_km2"].sum() == pytest.approx(total, rel=1e-3)
    # the split is the perpendicular bisector: west side gets the west half (up to projection)
    assert est.loc[0, "area_km2"] == pytest.approx(total / 2, rel=0.05)


def test_estimate_is_empty_without_settlements_in_region():
    pts = gpd.GeoDataFrame({"side": ["A"]}, geometry=gpd.points_from_xy([0], [0]), crs=4326)
    assert estimate_control_area(pts, shapely.box(30, 46, 38, 51)).empty


def test_places_mentioned_without_event_are_context_only():
    events = control_events()
    kyiv = next(e.place for e in events if e.place.name == "Kyiv")
    other = replace(kyiv, id="gn:1", name="Bucha", latitude=50.54, longitude=30.21)
    country = replace(kyiv, id="adm0:UA", name="Ukraine", level="country")
    mentions = [Mention(p.name, 0, 4, p, 0.9, article_id="a") for p in (kyiv, other, country)]
    data = control_map(events, sides=SIDES, mentions=mentions).page_data
    assert [m["name"] for m in data["mentioned"]] == ["Bucha"]  # Kyiv has an event


def test_a_facility_is_drawn_but_never_feeds_the_area_estimate():
    """A site (a power plant taken in a town) gets its own dot; the estimated control area is
    drawn from settlements only, the same with or without the site."""
    from geo_events.maps.control import control_page_data
    from geo_events.model import Event, site_place

    events = control_events()
    lyman = next(e.place for e in events if e.place.id == "gn:702972")
    plant = site_place(lyman, "power plant", "plant", "locator")
    day = date(2022, 6, 1)
    site_event = Event("capture", plant, day, day, "day", gain="UA", loss="RU",
                       sentence="Ukrainian forces seized the power plant in Lyman.",
                       article_id="a2")
    without = control_page_data(events, profile="russia-ukraine")
    with_site = control_page_data([*events, site_event], profile="russia-ukraine")
    drawn = {p["id"]: p for p in with_site["places"]}
    assert plant.id in drawn and drawn[plant.id]["name"] == "power plant (Lyman)"
    assert without["estimate"], "the fixture should give an estimate"
    last = {s["date"]: s["features"] for s in without["estimate"]}
    for snap in with_site["estimate"]:
        assert snap["features"] == last.get(snap["date"], snap["features"])
    assert {s["date"] for s in with_site["estimate"]} <= {s["date"] for s in without["estimate"]}
