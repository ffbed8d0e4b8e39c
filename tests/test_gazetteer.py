"""The embedded gazetteer: names, aliases, ranking, cache behaviour (real data)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from geo_events.gazetteer import normalize_name
from geo_events.gazetteer.aliases import adjective_stem, derive_admin_names, split_type

pytestmark = pytest.mark.integration


def test_normalize_name_variants():
    assert normalize_name("L'viv") == "lviv"
    assert normalize_name("Zaporizhzhya Oblast'") == "zaporizhzhya oblast"
    assert normalize_name("Ivano-Frankivsk") == "ivano frankivsk"
    assert normalize_name("the Donbas") == "donbas"
    assert normalize_name("Łyman") == "lyman"
    assert normalize_name("   ") == ""


def test_alias_derivation_is_systematic():
    assert split_type("luhanska oblast") == ("luhanska", "oblast")
    assert split_type("khabarovskiy kray") == ("khabarovskiy", "kray")
    assert adjective_stem("khersonska") == "kherson"
    names = derive_admin_names(["Luhans'k", "Luhans'ka Oblast'"],
                               [("Luhansk", ["Luhansk", "Lugansk", "Луганськ"])])
    assert {"luhansk region", "lugansk region", "luhanska oblast", "luhansk oblast"} <= names.typed
    assert "lugansk" in names.bare and names.display == "Luhansk"
    # no namesake city: only the NE names are used, never invented ones
    lone = derive_admin_names(["Gezira", "Al Jazirah State"], [("Wad Madani", ["Wad Madani"])])
    assert "gezira state" in lone.typed and "wad madani region" not in lone.typed


@pytest.mark.parametrize("query,expected", [
    ("Luhansk region", "adm1:UA.14"), ("Luhansk Oblast", "adm1:UA.14"),
    ("Lugansk region", "adm1:UA.14"), ("Luhanska oblast", "adm1:UA.14"),
    ("Khabarovsk region", "adm1:RU.30"), ("Khabarovsk Krai", "adm1:RU.30"),
    ("Kursk region", "adm1:RU.41"), ("Zaporizhzhia Oblast", "adm1:UA.26"),
    ("Zaporizhzhya Oblast", "adm1:UA.26"), ("Donetsk region", "adm1:UA.05"),
    ("Kherson region", "adm1:UA.08"), ("Gezira state", "adm1:SD.38"),
    ("Shan State", "adm1:MM.11"),
    # a capital with a small unit of its own: "X region" is the region around it, named after
    # the capital in English and adjectivally in the source ("Moskovskaya", "Leningradskaya")
    ("Kyiv region", "adm1:UA.13"), ("Moscow region", "adm1:RU.47"),
    ("Moscow Oblast", "adm1:RU.47"), ("Leningrad region", "adm1:RU.42"),
    ("Moscow city", "adm1:RU.48"),
    # ... but a region is no city unit because a neighbour's stem ("presov") begins one of the
    # capital's foreign names ("Pressburg")
    ("Bratislava region", "adm1:SK.02"),
])
def test_admin1_aliases_rank_first(gazetteer, query, expected):
    assert gazetteer.search(query)[0].place.id == expected


@pytest.mark.parametrize("query,region", [
    ("Donbas", "region:donbas"), ("Donbass", "region:donbas"), ("Crimea", "region:crimea"),
    ("Darfur", "region:darfur"), ("Transnistria", "region:transnistria"),
    ("Nagorno-Karabakh", "region:nagorno-karabakh"), ("Gaza Strip", "region:gaza-strip"),
    ("West Bank", "region:west-bank"), ("Kurdistan Region", "region:kurdistan-region"),
])
def test_named_regions(gazetteer, query, region):
    ids = [c.place.id for c in gazetteer.search(query)]
    assert region in ids[:2]


def test_lyman_candidates(gazetteer):
    cands = gazetteer.search("Lyman", limit=None)
    assert cands[0].place.geonameid == 704204
    assert cands[0].place.admin1_code == "UA.05"
    got = {(c.place.country_code, c.place.admin1_name) for c in cands}
    for where in [("UA", "Kharkiv"), ("UA", "Odesa"), ("US", "Wyoming"), ("US", "Mississippi"),
                  ("US", "South Carolina")]:
        assert where in got, where


def test_admin2_units_by_full_name_only(gazetteer):
    from geo_events.boundaries import reverse

    counties = [c.place for c in gazetteer.search("Henry County", limit=None)
                if c.place.level == "admin2"]
    # One Henry County per state that has a town of 1,000+ in it, each placed in its own state.
    assert len({p.admin1_code for p in counties}) >= 8
    for p in counties:
        assert p.id.startswith(f"adm2:{p.admin1_code}.")
        assert reverse(p.latitude, p.longitude).admin1_code == p.admin1_code, p
    # A bare name stays the town: no admin-2 unit answers to "Henry".
    assert not any(c.place.level == "admin2" for c in gazetteer.search("Henry", limit=None))


def test_countries_and_demonyms(gazetteer):
    assert gazetteer.search("Ukraine")[0].place.id == "adm0:UA"
    assert gazetteer.search("UK")[0].place.id == "adm0:GB"
    # demonyms reach countries only when asked for
    assert not any(c.place.level == "country" for c in gazetteer.search("British"))
    assert gazetteer.search("British", include_demonyms=True)[0].place.id == "adm0:GB"


def test_unknown_name_is_empty_not_an_error(gazetteer):
    assert gazetteer.search("Qwzxv Nowhereville") == []
    assert gazetteer.lookup("") == []


def test_get_by_id(gazetteer):
    assert gazetteer.get("704204").name == "Lyman"
    assert gazetteer.get("adm1:UA.14").level == "admin1"
    assert gazetteer.get("gn:0") is None


def test_cli_geocode_json():
    out = subprocess.run([sys.executable, "-m", "geo_events", "geocode", "Luhansk region",
                          "--json"], capture_output=True, text=True, check=True)
    data = json.loads(out.stdout)
    assert data["candidates"][0]["admin1_code"] == "UA.14"
    assert data["candidates"][0]["level"] == "admin1"


def test_cli_geocode_bad_arguments_one_line():
    out = subprocess.run([sys.executable, "-m", "geo_events", "geocode", "Lyman", "--country",
                          "Ukraine"], capture_output=True, text=True)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1
    assert "'Ukraine'" in out.stderr


def test_corrupt_cache_says_how_to_rebuild(tmp_path):
    from geo_events.errors import GazetteerError
    from geo_events.gazetteer import Gazetteer

    (tmp_path / "meta.json").write_text("{}")
    (tmp_path / "places.parquet").write_bytes(b"not parquet")
    with pytest.raises(GazetteerError, match="rebuild"):
        Gazetteer(tmp_path)


def test_cli_gazetteer_info():
    out = subprocess.run([sys.executable, "-m", "geo_events", "gazetteer", "--json"],
                         capture_output=True, text=True, check=True)
    info = json.loads(out.stdout)
    assert info["places"] > 230_000 and info["names"] > 1_000_000
    assert any("GeoNames" in s for s in info["sources"])
