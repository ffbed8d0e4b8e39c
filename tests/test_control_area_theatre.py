"""The control areas are the ground of the conflict's theatre (the profile's ``theatre``, else
its ``countries``): with ``russia-ukraine`` the Russian polygon of ``export --format
control-area`` is the ground Russia holds in Ukraine, not Russia itself (whose territory the
profile's starting state gives to Russia), with its method and date; the map's estimate is
drawn from the same regions and the same clipping (real boundaries, docs/control.md)."""

from __future__ import annotations

from datetime import date

import geopandas as gpd
import pytest
import shapely
from maps_fixtures import control_events, control_store

from geo_events.cli import main
from geo_events.events.profiles import load_profile, profile_from_dict
from geo_events.maps._geometry import boundaries_available, country_geometry
from geo_events.maps.area import equal_area_crs
from geo_events.model import Event, Place
from geo_events.timeline import ControlTimeline

pytestmark = pytest.mark.skipif(not boundaries_available(), reason="needs the boundaries")

DAY = "2022-07-20"
#: points of our own choosing: inside Russia far from the front, in Russia near the border,
#: in Kherson Oblast near the city (captured 2022-03-02 in control_events), in Crimea, at sea
MOSCOW, BELGOROD = shapely.Point(37.62, 55.75), shapely.Point(36.59, 50.6)
NEAR_KHERSON, CRIMEA = shapely.Point(32.7, 46.7), shapely.Point(34.1, 44.95)
KARKINIT_BAY = shapely.Point(32.92, 45.88)  # 16 km off the coast, between Kherson and Crimea


def _events() -> list[Event]:
    """control_events plus a report of Russian forces in a Russian city near the border
    (a place of the side's own country: it must not make its country part of the estimate)."""
    belgorod = Place("gn:test-belgorod", "Belgorod", "populated_place", 50.6, 36.59, "RU",
                     country_name="Russia")
    return [*control_events(), Event("held", belgorod, date(2022, 7, 1), date(2022, 7, 1),
                                     "day", gain="RU", status="reported", article_id="a2",
                                     profile="russia-ukraine")]


def _ru_held(frame: gpd.GeoDataFrame) -> shapely.Geometry:
    rows = frame[(frame["side"] == "RU") & (frame["state"] == "held")]
    assert len(rows) == 1
    return rows.geometry.iloc[0]


def test_the_profile_names_its_theatre():
    prof = load_profile("russia-ukraine")
    assert prof.countries == ("UA", "RU") and prof.theatre == ("UA",)
    other = profile_from_dict({"id": "x", "countries": ["UA", "MD"], "sides": [{"id": "A"}]})
    assert other.theatre == ("UA", "MD")  # no theatre given: every country


def test_a_theatre_outside_the_countries_is_an_error_naming_the_key():
    from geo_events.errors import ProfileError

    with pytest.raises(ProfileError, match="'theatre' must be a list of country codes"):
        profile_from_dict({"id": "x", "countries": ["UA"], "theatre": ["RU"],
                           "sides": [{"id": "A"}]})


def test_the_russian_polygon_is_ground_held_in_ukraine_not_russia(tmp_path):
    timeline = ControlTimeline.from_events(_events(), profile="russia-ukraine")
    assert timeline.countries == ["UA", "RU"] and timeline.theatre == ["UA"]
    assert list(timeline.regions()) == ["UA"]
    assert list(timeline.regions(["RU", "UA"])) == ["UA"]
    ru = _ru_held(timeline.areas_at(DAY))
    ukraine = country_geometry("UA")
    assert ru.contains(NEAR_KHERSON) and ru.contains(CRIMEA)
    assert not ru.contains(MOSCOW) and not ru.contains(BELGOROD)
    assert ru.intersection(country_geometry("RU")).area < 1e-3 * ru.area  # a border sliver
    assert not ru.contains(KARKINIT_BAY)  # nor the sea a cell reached beyond the coast
    # all of it within the country, give or take the settlements' tolerance (5 km: a port on
    # an estuary the simplified polygon leaves out keeps its ground)
    crs = equal_area_crs(ukraine)
    ru_ea, ua_ea = gpd.GeoSeries([ru, ukraine], crs="EPSG:4326").to_crs(crs)
    assert ru_ea.difference(ua_ea.buffer(5_100)).area < 1e-4 * ru_ea.area

    store = control_store(tmp_path / "events.gpkg", _events())
    out = tmp_path / "areas.geojson"
    assert main(["export", "--store", str(store), "--format", "control-area", "--as-of", DAY,
                 "--profile", "russia-ukraine", "-o", str(out)]) == 0
    written = gpd.read_file(out)
    assert {"side", "state", "date", "method", "last_evidence", "area_km2"} <= set(written)
    ru_file = _ru_held(written)
    assert not ru_file.contains(MOSCOW) and ru_file.contains(CRIMEA)
    row = written[(written["side"] == "RU") & (written["state"] == "held")].iloc[0]
    assert str(row["date"])[:10] == DAY and row["method"].startswith("evidence")
    # the area is that of the clipped polygon: Crimea and the south, far below Russia's
    assert 20_000 < row["area_km2"] < 300_000


def test_the_map_draws_the_same_clipped_polygons():
    from geo_events.maps.control import control_page_data

    events = _events()
    data = control_page_data(events, profile="russia-ukraine")
    last = data["estimate"][-1]
    features = last["features"]["features"]
    drawn = [shapely.geometry.shape(f["geometry"]) for f in features
             if f["properties"]["side"] == "RU" and f["properties"]["state"] == "held"]
    assert len(drawn) == 1 and not drawn[0].contains(MOSCOW) and drawn[0].contains(CRIMEA)
    assert {f["properties"]["method"] for f in features} and all(
        f["properties"]["date"] == last["date"] for f in features)
    timeline = ControlTimeline.from_events(events, profile="russia-ukraine")
    ru = _ru_held(timeline.areas_at(last["date"]))
    # the same ground as the export's (the page simplifies its geometries a little)
    assert shapely.symmetric_difference(ru, drawn[0]).area < 0.02 * ru.area
