"""One orchestration path from text to events: the ``geo_events_events`` spaCy component, the
Python API, ``events`` (files and ``--jsonl``), ``map`` and ``run`` give the same events on the
same text (real spaCy pipeline, gazetteer and boundaries); the per-document indexes that keep
extraction linear answer as the scans they replace; long documents show a progress bar.

The report below was written for these tests.
"""

from __future__ import annotations

import io
import json
import random
import sys
from datetime import date

import pytest

import geo_events.events.component  # noqa: F401  (registers the factory without pip install)
from geo_events.model import Event, Mention, Place

REPORT = (
    "Ukrainian forces recaptured Lyman on 1 October, the defence ministry said. "
    "Russian troops withdrew from the town of Borova two days later.\n\n"
    "On Tuesday Russian forces shelled Kramatorsk and Sloviansk. "
    "Separatist officials claimed that their units had taken Bilohorivka, a village near "
    "Lysychansk; the claim could not be independently verified.\n"
)
PUBLISHED = date(2022, 10, 6)


def _key(e: Event) -> tuple:
    """What an event says, whatever path produced it (ids and the source name differ)."""
    return (e.kind, e.place.id, e.date_from, e.date_to, e.date_precision, e.gain, e.loss,
            e.gain_actor, e.status, e.confidence, e.start, e.end, e.trigger)


def _keys(events) -> list[tuple]:
    return sorted(_key(e) for e in events)


@pytest.fixture(scope="module")
def api_events(nlp) -> list[Event]:
    from geo_events.events import extract_events

    events = extract_events(REPORT, published=PUBLISHED, profile="russia-ukraine")
    assert {e.place.name for e in events if e.is_control_change} >= {"Lyman"}
    return events


@pytest.fixture(scope="module")
def events_nlp(nlp):
    """A pipeline of its own with the events component (the shared one stays as it is)."""
    from geo_events.geoparse import load_pipeline

    pipeline = load_pipeline()
    pipeline.add_pipe("geo_events_events", config={"profile": "russia-ukraine",
                                                   "published": PUBLISHED.isoformat()})
    return pipeline


pytestmark = pytest.mark.integration


def test_component_gives_the_events_of_extract_events(events_nlp, api_events):
    doc = events_nlp(REPORT)
    assert [e.to_dict() for e in doc._.events] == [e.to_dict() for e in api_events]


def test_component_takes_the_documents_own_publication_date(events_nlp, nlp):
    from geo_events.events import extract_events

    text = "Russian forces captured Izium on Saturday."
    doc = events_nlp.make_doc(text)
    doc._.published = "2022-04-04"
    for _name, proc in events_nlp.pipeline:
        doc = proc(doc)
    expected = extract_events(text, published="2022-04-04", profile="russia-ukraine")
    assert [e.to_dict() for e in doc._.events] == [e.to_dict() for e in expected]
    assert expected and expected[0].date_from == date(2022, 4, 2)


def test_component_with_a_detected_profile(nlp):
    import spacy

    from geo_events.events import extract_events
    from geo_events.geoparse import load_pipeline

    pipeline = load_pipeline()
    pipeline.add_pipe("geo_events_events")  # profile "auto", no publication date
    assert spacy.registry.factories.get("geo_events_events")
    assert _keys(pipeline(REPORT)._.events) == _keys(extract_events(REPORT))


def test_component_without_the_geoparser_says_what_to_add():
    import spacy

    from geo_events.errors import InputError

    blank = spacy.blank("en")
    blank.add_pipe("geo_events_events")
    with pytest.raises(InputError, match="geo_events_resolver"):
        blank("Russian forces captured Izium.")


def test_events_command_files_and_jsonl_give_the_api_events(api_events, tmp_path, capsys,
                                                            monkeypatch):
    from geo_events.cli import main as cli_main

    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    assert cli_main(["events", str(path), "--json", "--published", PUBLISHED.isoformat(),
                     "--profile", "russia-ukraine"]) == 0
    out = json.loads(capsys.readouterr().out)
    from_files = [Event.from_dict(d) for d in out["events"]]
    assert _keys(from_files) == _keys(api_events)

    line = json.dumps({"id": "r1", "text": REPORT, "published": PUBLISHED.isoformat()})
    monkeypatch.setattr(sys, "stdin", io.StringIO(line + "\n"))
    assert cli_main(["events", "--jsonl", "--profile", "russia-ukraine"]) == 0
    record = json.loads(capsys.readouterr().out.strip())
    assert _keys(Event.from_dict(d) for d in record["events"]) == _keys(api_events)


def test_map_and_run_give_the_api_events(api_events, tmp_path, capsys):
    from geo_events.cli import main as cli_main
    from geo_events.cli.map import _from_articles
    from geo_events.store import EventStore

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "report.txt").write_text(REPORT, encoding="utf-8")
    events, mentions, _texts, failed = _from_articles([str(folder)], PUBLISHED,
                                                      "russia-ukraine", False)
    assert failed == 0 and mentions
    assert _keys(events) == _keys(api_events)

    store = tmp_path / "events.gpkg"
    assert cli_main(["run", str(folder), "--store", str(store), "--published",
                     PUBLISHED.isoformat(), "--profile", "russia-ukraine", "--quiet"]) == 0
    capsys.readouterr()
    with EventStore(store, create=False) as db:
        stored = db.events()
    assert _keys(stored) == _keys(api_events)


def test_long_document_progress_bar_and_its_switch(nlp, capsys, monkeypatch):
    from geo_events.events import extract_events
    from geo_events.progress import NoBar, document_bar

    monkeypatch.delenv("GEO_EVENTS_NO_PROGRESS", raising=False)
    monkeypatch.setenv("GEO_EVENTS_PROGRESS", "1")  # captured stderr is no terminal
    assert isinstance(document_bar(10, "events"), NoBar)  # a short text: no bar
    assert not isinstance(document_bar(10**6, "events"), NoBar)
    extract_events(REPORT, published=PUBLISHED, profile="russia-ukraine", progress=True)
    err = capsys.readouterr().err
    assert "geoparsing" in err and "events" in err
    monkeypatch.setenv("GEO_EVENTS_NO_PROGRESS", "1")
    assert isinstance(document_bar(10**6, "events", show=True), NoBar)
    extract_events(REPORT, published=PUBLISHED, profile="russia-ukraine", progress=True)
    assert capsys.readouterr().err == ""


def _mention(start: int, end: int) -> Mention:
    place = Place(id=f"gn:{start}", name="X", level="populated_place",
                  latitude=48.0 + start / 1000, longitude=37.0, country_code="UA")
    return Mention(surface="X" * (end - start), start=start, end=end, place=place, score=0.9,
                   role="toponym")


def test_document_index_lookups_answer_as_scans(nlp):
    """Offset-sorted mentions and bisection find what a scan of every mention finds."""
    from spacy.tokens import Doc

    from geo_events.events.lexicon import load_lexicon
    from geo_events.events.places import _DocIndex

    rng = random.Random(13)
    words = ["word"] * 400
    doc = Doc(nlp.vocab, words=words, sent_starts=[i % 20 == 0 for i in range(len(words))])
    n = len(doc.text)
    mentions = []
    for _ in range(60):
        start = rng.randrange(0, n - 30)
        mentions.append(_mention(start, start + rng.randrange(1, 25)))
    index = _DocIndex(doc, mentions[:40], load_lexicon())
    for m in mentions[40:]:  # places recovered during extraction join the index
        index.add(m)
    everything = sorted(mentions, key=lambda m: m.start)  # stable: as the index keeps them
    assert [id(m) for m in index.mentions] == [id(m) for m in everything]
    for _ in range(300):
        a = rng.randrange(0, n)
        b = a + rng.randrange(0, 200)
        assert index.between(a, b) == [m for m in everything if a <= m.start < b]
        assert index.overlapping(a, b) == [m for m in everything if m.start < b and a < m.end]
        assert index.covering(a) == any(m.start <= a < m.end for m in everything)
        lats, _lons = index.points.outside(a, b)
        assert sorted(lats) == sorted(m.place.latitude for m in everything
                                      if not (m.start < b and a < m.end))
    assert index.countries == {"UA"}
