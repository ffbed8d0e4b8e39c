"""The conflict profile's countries reach the toponym resolver (own sentences, real pipeline).

A text read with a profile (given, or detected from the text) favours the profile's countries
when a name has namesakes elsewhere: "Tokmak" in a russia-ukraine text is the town in
Zaporizhzhia oblast, not Tokmok in Kyrgyzstan. The shared pipeline is not changed: the
countries go to the resolver per call (spaCy's ``component_cfg``), so the geoparser without a
profile (``geoparse``, the ``geoparse`` command) reads as before, and a foreign city named in a
war text ("talks in Alexandria", "Paris") stays foreign.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest

from geo_events.cli import main
from geo_events.events import events_of_parsed, extract_events
from geo_events.events.api import parse_for_profile
from geo_events.geoparse import geoparse, get_nlp, parse
from geo_events.geoparse.pipeline import RESOLVER

pytestmark = pytest.mark.integration

PROFILE = "russia-ukraine"
SEIZED = "Russian forces seized Tokmak on Tuesday, officials said."
#: a war text whose profile is detected (sides and places named), with foreign cities in it
WAR = ("Russian troops shelled Kharkiv and Zaporizhzhia overnight, Ukrainian officials said. "
       "Russian forces seized Tokmak on Tuesday. Ukrainian and Russian delegates held talks in "
       "Alexandria on Monday, and the French president spoke in Paris.")
#: a text whose profile is detected by the sides it names, with no place of the profile's
#: countries to pull "Tokmak" there as document context
SIDES = ("Russian forces seized Tokmak on Tuesday, the Ukrainian military said. Ukrainian and "
         "Russian delegates held talks in Alexandria on Monday, and the French president spoke "
         "in Paris.")


def _countries(mentions, surface: str) -> set[str]:
    return {m.place.country_code for m in mentions if m.surface == surface}


def test_a_given_profile_puts_the_namesake_in_its_countries():
    (ev,) = extract_events(SEIZED, "2023-06-06", profile=PROFILE)
    assert (ev.kind, ev.place.name, ev.place.country_code) == ("capture", "Tokmak", "UA")
    assert ev.place.admin1_name == "Zaporizhzhya" and ev.gain == "RU"
    # without a profile the prior of the bigger namesake decides (the behaviour before)
    (ev,) = extract_events(SEIZED, "2023-06-06", profile="none")
    assert (ev.place.name, ev.place.country_code, ev.profile) == ("Tokmok", "KG", None)
    # detection: the sentence names one profile's party ("Russian forces") and a place that
    # resolves in its countries, which detects the profile (tests/test_narrative_clauses.py)
    (ev,) = extract_events(SEIZED, "2023-06-06")
    assert (ev.place.name, ev.place.country_code, ev.profile) == ("Tokmak", "UA", PROFILE)


def test_the_geoparser_without_a_profile_is_unchanged():
    assert _countries(geoparse(SEIZED), "Tokmak") == {"KG"}
    parsed = parse(SEIZED)
    assert parsed.profile_countries == frozenset()  # the shared pipeline favours no country
    assert _countries(parsed.mentions, "Tokmak") == {"KG"}


def test_a_foreign_city_in_a_war_text_stays_foreign():
    parsed = parse_for_profile(WAR, None, PROFILE)
    assert parsed.profile_countries == {"UA", "RU"}
    assert _countries(parsed.mentions, "Tokmak") == {"UA"}
    assert _countries(parsed.mentions, "Alexandria") == {"EG"}
    assert _countries(parsed.mentions, "Paris") == {"FR"}
    assert _countries(parsed.mentions, "Kharkiv") == {"UA"}


def test_a_world_city_or_a_country_is_not_outweighed_by_a_namesake():
    # each has a small namesake in the profile's countries; the profile does not lift it over
    # a country or a city of a million elsewhere (resolve.WORLD_CITY)
    text = ("Russian missiles hit Kharkiv again. The UK said it would send more aid; Berlin "
            "pledged tanks, and the bonds trade in New York. Kremlin officials flew to Moscow.")
    parsed = parse_for_profile(text, None, PROFILE)
    assert _countries(parsed.mentions, "UK") == {"GB"}
    assert _countries(parsed.mentions, "Berlin") == {"DE"}
    assert _countries(parsed.mentions, "New York") == {"US"}
    assert _countries(parsed.mentions, "Moscow") == {"RU"}


def test_a_detected_profile_resolves_the_toponyms_again():
    parsed = parse(SIDES)  # no profile known when parsing
    assert _countries(parsed.mentions, "Tokmak") == {"KG"}
    events = events_of_parsed(parsed, "2023-06-06")  # detected: russia-ukraine
    assert {e.profile for e in events} == {PROFILE}
    (seized,) = [e for e in events if e.kind == "capture"]
    assert (seized.place.name, seized.place.country_code) == ("Tokmak", "UA")
    # the parse's own mentions are the ones resolved again (the map draws them)
    assert _countries(parsed.mentions, "Tokmak") == {"UA"}
    assert _countries(parsed.mentions, "Alexandria") == {"EG"}
    assert _countries(parsed.mentions, "Paris") == {"FR"}
    assert parsed.profile_countries == {"UA", "RU"}
    # extract_events with the profile detected reads the same
    (again,) = [e for e in extract_events(SIDES, "2023-06-06") if e.kind == "capture"]
    assert again.place.id == seized.place.id


def test_countries_per_call_leave_the_shared_pipeline_alone():
    nlp = get_nlp()
    resolver = nlp.get_pipe(RESOLVER)
    doc = nlp(SEIZED, component_cfg={RESOLVER: {"profile_countries": ["ua"]}})
    assert _countries(doc._.geo_mentions, "Tokmak") == {"UA"}
    assert resolver.profile_countries == frozenset()
    assert _countries(nlp(SEIZED)._.geo_mentions, "Tokmak") == {"KG"}

    # threads reading with and without the countries at once do not see each other's
    def read(i: int) -> str:
        countries = ("UA", "RU") if i % 2 else None
        (tok,) = [m for m in parse(SEIZED, profile_countries=countries).mentions
                  if m.surface == "Tokmak"]
        return tok.place.country_code
    with ThreadPoolExecutor(4) as pool:
        codes = list(pool.map(read, range(12)))
    assert codes == ["KG", "UA"] * 6


def test_the_commands_read_with_the_profile(tmp_path, capsys):
    doc = tmp_path / "t.txt"
    doc.write_text(f"---\npublished: 2023-06-06\n---\n{SEIZED}\n")

    def places(*args: str) -> list[tuple[str, str]]:
        assert main(["events", str(doc), "--json", *args]) == 0
        record = json.loads(capsys.readouterr().out)
        return [(e["place"]["name"], e["place"]["country_code"]) for e in record["events"]]

    assert places("--profile", PROFILE) == [("Tokmak", "UA")]
    assert places("--profile", "none") == [("Tokmok", "KG")]
    assert places() == [("Tokmak", "UA")]  # detected: one profile's party, a place of it
    assert main(["geoparse", str(doc), "--json"]) == 0  # no profile there: as before
    places = json.loads(capsys.readouterr().out)["places"]
    assert {p["country_code"] for p in places if p["text"] == "Tokmak"} == {"KG"}


def test_map_and_run_read_with_the_profile(tmp_path):
    from geo_events.cli.map import _from_articles
    from geo_events.runner import run_corpus
    from geo_events.store import EventStore

    doc = tmp_path / "t.txt"
    doc.write_text(f"---\npublished: 2023-06-06\n---\n{SEIZED}\n")
    events, mentions, _texts, failed = _from_articles([str(doc)], None, PROFILE, False)
    assert failed == 0 and [e.place.country_code for e in events] == ["UA"]
    assert _countries(mentions, "Tokmak") == {"UA"}
    _e, mentions, _t, _f = _from_articles([str(doc)], None, PROFILE, True)  # places only
    assert _countries(mentions, "Tokmak") == {"UA"}
    for executor in ("local", "dask"):
        store = tmp_path / f"{executor}.gpkg"
        summary = run_corpus([doc], store, profile=PROFILE, executor=executor, workers=1,
                             progress=False)
        assert summary.stored == 1, summary.failed
        with EventStore(store) as s:
            assert [(e.place.name, e.place.country_code) for e in s.events()] \
                == [("Tokmak", "UA")], executor


def test_the_events_component_reads_with_the_profile():
    from geo_events.geoparse import load_pipeline

    pipeline = load_pipeline()  # a pipeline of its own (the shared one stays as it is)
    pipeline.add_pipe("geo_events_events", config={"profile": PROFILE,
                                                   "published": "2023-06-06"})
    doc = pipeline(SEIZED)
    assert [(e.place.name, e.place.country_code) for e in doc._.events] == [("Tokmak", "UA")]
    assert _countries(doc._.geo_mentions, "Tokmak") == {"UA"}  # the doc's mentions too
    assert pipeline.get_pipe(RESOLVER).profile_countries == frozenset()
    assert [e.to_dict() for e in doc._.events] \
        == [e.to_dict() for e in extract_events(SEIZED, "2023-06-06", profile=PROFILE)]


def test_a_long_text_is_resolved_again_chunk_by_chunk(monkeypatch):
    import geo_events.geoparse.pipeline as pipeline

    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 120)  # SIDES in two chunks
    parsed = parse(SIDES)
    assert len(parsed.chunks) == 2
    assert _countries(parsed.mentions, "Tokmak") == {"KG"}
    (seized,) = [e for e in events_of_parsed(parsed, "2023-06-06") if e.kind == "capture"]
    assert seized.place.country_code == "UA"
    assert _countries(parsed.mentions, "Tokmak") == {"UA"}
    assert _countries(parsed.mentions, "Paris") == {"FR"}
    assert all(SIDES[m.start:m.end] == m.surface for m in parsed.mentions)
