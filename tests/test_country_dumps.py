"""GeoNames country dumps (:mod:`geo_events.gazetteer.country_dumps`) end to end, offline.

A synthetic ``UA.zip`` (invented places, GeoNames layout) is served from 127.0.0.1; the cache is
a temporary folder; the index is built once for the module (~30 s) with the real builder, and the
real spaCy pipeline geoparses and extracts events against it. The process's shared gazetteer is
restored afterwards so that other test modules see the embedded one.
"""

from __future__ import annotations

import functools
import http.server
import io
import threading
import zipfile

import pytest

from geo_events.errors import DataFileError, DownloadError, InputError
from geo_events.gazetteer import country_dumps, index
from geo_events.gazetteer.country_dumps import (
    add_country,
    keep_feature,
    list_countries,
    reload_gazetteer,
    remove_country,
)

pytestmark = pytest.mark.integration

VILLAGE_ID = 99_000_001  # invented ids, far above any real GeoNames id of a village
ISLAND_ID = 99_000_002
RIVER_ID = 99_000_003
AIRPORT_ID = 99_000_004
LYMAN_ID = 704_204  # in cities500 already: the dump's copy must be skipped


def _row(gid: int, name: str, lat: float, lon: float, fclass: str, fcode: str, admin1: str,
         alternates: str = "", cc: str = "UA", population: int = 0) -> str:
    cols = [str(gid), name, name, alternates, f"{lat}", f"{lon}", fclass, fcode, cc, "",
            admin1, "", "", "", str(population), "", "100", "Europe/Kyiv", "2024-01-01"]
    assert len(cols) == 19
    return "\t".join(cols) + "\n"


def _dump_text() -> str:
    return "".join([
        # UA.02 is Chernihiv oblast; the point lies 20 km south-east of Chernihiv city
        _row(VILLAGE_ID, "Zarichna Testivka", 51.3712, 31.4417, "P", "PPL", "02",
             "Zarichnaya Testovka,Зарічна Тестівка"),
        _row(ISLAND_ID, "Ostriv Testovyi", 45.2551, 30.2041, "T", "ISL", "17"),
        _row(RIVER_ID, "Richka Testivka", 51.30, 31.40, "H", "STM", "02"),
        _row(AIRPORT_ID, "Testove Airport", 50.40, 30.45, "S", "AIRP", "13", "TQX,UKTQ"),
        _row(LYMAN_ID, "Lyman Testovyi", 48.98, 37.80, "P", "PPLA3", "05", population=20000),
    ])


def _zip(text: str, member: str = "UA.txt") -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(member, text)
        z.writestr("readme.txt", "synthetic test dump")
    return buf.getvalue()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """Serve a folder on 127.0.0.1 (a free port); yields (base_url, folder)."""
    www = tmp_path_factory.mktemp("www")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    srv = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(www)))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{srv.server_address[1]}", www
    finally:
        srv.shutdown()
        srv.server_close()


@pytest.fixture(scope="module")
def dumped(nlp, server, tmp_path_factory):
    """UA added by download into a temporary cache, the index built once; yields the gazetteer.

    Requests ``nlp`` first so the session's embedded gazetteer is built in the normal cache
    before the environment is switched, and restores the shared instance afterwards.
    """
    base, www = server
    (www / "UA.zip").write_bytes(_zip(_dump_text()))
    saved = index._INSTANCE
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GEO_EVENTS_CACHE", str(tmp_path_factory.mktemp("cache")))
        mp.setenv("GEO_EVENTS_GEONAMES_URL", base)
        mp.setenv("GEO_EVENTS_NO_PROGRESS", "1")
        try:
            from geo_events.gazetteer.cache import index_dir

            plain = index_dir()
            dump = add_country("ua")
            gaz = reload_gazetteer()
            yield {"gaz": gaz, "dump": dump, "plain_dir": plain, "www": www, "base": base}
        finally:
            with index._LOCK:
                index._INSTANCE = saved


def test_add_country_downloads_filters_and_records(dumped):
    dump = dumped["dump"]
    assert dump.country == "UA" and dump.source == f"{dumped['base']}/UA.zip"
    assert dump.places == 4  # village, island, airport, Lyman; the river is left out
    assert len(dump.sha256) == 64 and dump.path.name == "UA.tsv"
    assert [d.country for d in list_countries()] == ["UA"]
    assert not [p for p in dump.path.parent.iterdir() if p.name.startswith(".")]  # no temp files
    assert dumped["gaz"].folder != dumped["plain_dir"]  # the added dump changed the index key
    assert any("GeoNames UA country dump: 4 places" in s for s in dumped["gaz"].meta["sources"])


def test_gazetteer_finds_the_village_and_keeps_cities500(dumped):
    gaz = dumped["gaz"]
    top = gaz.search("Zarichna Testivka")[0].place
    assert (top.id, top.level, top.admin1_code, top.country_code) == \
        (f"gn:{VILLAGE_ID}", "populated_place", "UA.02", "UA")
    assert gaz.search("Zarichnaya Testovka")[0].place.id == f"gn:{VILLAGE_ID}"
    assert gaz.search("Зарічна Тестівка")[0].place.id == f"gn:{VILLAGE_ID}"
    assert gaz.get(f"gn:{ISLAND_ID}").level == "feature"
    assert gaz.lookup("Richka Testivka") == []
    assert gaz.search("Testove Airport")[0].place.id == f"gn:{AIRPORT_ID}"
    assert f"gn:{AIRPORT_ID}" not in {p.id for p in gaz.lookup("TQX") + gaz.lookup("UKTQ")}
    # a geonameid cities500 has keeps its cities500 row: one Lyman, no invented name
    assert gaz.get(f"gn:{LYMAN_ID}").name == "Lyman"
    assert gaz.lookup("Lyman Testovyi") == []


def test_geoparser_and_events_use_the_village(dumped):
    from geo_events.events import extract_events
    from geo_events.geoparse import geoparse

    text = "Ukrainian forces retook Zarichna Testivka, Chernihiv."
    places = {m.surface: m.place.id for m in geoparse(text) if m.role == "toponym"}
    assert places["Zarichna Testivka"] == f"gn:{VILLAGE_ID}"
    events = extract_events(text, published="2022-04-02", profile="russia-ukraine")
    changes = [e for e in events if e.is_control_change]
    assert [(e.place.id, e.gain) for e in changes] == [(f"gn:{VILLAGE_ID}", "UA")]


def test_bad_downloads_change_nothing(dumped, tmp_path):
    www, base = dumped["www"], dumped["base"]
    before = dumped["dump"].path.read_bytes()
    bad = www / "bad"
    bad.mkdir(exist_ok=True)
    (bad / "UA.zip").write_bytes(b"<html>not found</html>")
    with pytest.raises(DataFileError, match=r"bad/UA\.zip: not a zip archive"):
        add_country("UA", base_url=f"{base}/bad")
    (bad / "UA.zip").write_bytes(_zip(_dump_text().replace("\t", " ", 3)))
    with pytest.raises(DataFileError, match="line 1 has 16 tab-separated columns"):
        add_country("UA", base_url=f"{base}/bad")
    (bad / "UA.zip").write_bytes(_zip(_dump_text(), member="RU.txt"))
    with pytest.raises(DataFileError, match=r"holds RU\.txt, readme\.txt, not UA\.txt"):
        add_country("UA", base_url=f"{base}/bad")
    with pytest.raises(DownloadError, match="HTTP 404"):
        add_country("UA", base_url=f"{base}/missing")
    txt = tmp_path / "UA.txt"
    txt.write_text(_row(1, "Somewhere", 50.0, 30.0, "P", "PPL", "13", cc="MD"), encoding="utf-8")
    with pytest.raises(DataFileError, match="line 1 is a place in 'MD', not UA"):
        add_country("UA", txt)
    # nothing changed: the dump, no temp files, and the index of before still loads as is
    assert dumped["dump"].path.read_bytes() == before
    assert sorted(p.name for p in dumped["dump"].path.parent.iterdir()) == ["UA.tsv"]
    gaz = reload_gazetteer()
    assert gaz.folder == dumped["gaz"].folder
    assert gaz.search("Zarichna Testivka")[0].place.id == f"gn:{VILLAGE_ID}"


def test_bad_codes_and_the_command_line(dumped, capsys):
    from geo_events.cli import main

    for bad in ("UKR", "U1", ""):
        with pytest.raises(InputError, match="not 2 letters"):
            add_country(bad)
    with pytest.raises(InputError, match="unknown country code 'ZZ'"):
        add_country("ZZ")
    assert main(["gazetteer", "--add-country", "ZZ"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "unknown country code 'ZZ'" in err
    assert main(["gazetteer", "--add-country", "UKR"]) == 2
    assert main(["gazetteer"]) == 0
    assert "UA (4 places, added" in capsys.readouterr().out


def test_keep_feature():
    assert keep_feature("P", "PPL") and keep_feature("P", "PPLW") and keep_feature("T", "ISL")
    assert keep_feature("S", "PSN") and keep_feature("S", "DAM")
    assert not keep_feature("P", "PPLH") and not keep_feature("H", "STM")
    assert not keep_feature("A", "ADM2")


def test_remove_country_restores_the_plain_index_key(dumped):
    from geo_events.gazetteer.cache import index_dir

    removed = remove_country("UA")
    assert removed.country == "UA" and not removed.path.exists()
    assert list_countries() == [] and country_dumps.fingerprint() == ""
    assert index_dir() == dumped["plain_dir"]  # next use rebuilds without the dump
    with pytest.raises(InputError, match="no GeoNames dump of 'UA' was added"):
        remove_country("UA")
