"""The event store: a valid GeoPackage, deduplicated, atomic per document, exportable."""

from __future__ import annotations

import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from geo_events.errors import StoreError
from geo_events.exports import (
    CONTROL_FORMATS,
    FORMATS,
    acled_frame,
    events_frame,
    export_events,
)
from geo_events.model import Article, Event, Location, Place
from geo_events.store import EventStore, gpkg_point

REPO = Path(__file__).resolve().parents[1]
OGRINFO = shutil.which("ogrinfo")


def _place(i: int) -> Place:
    return Place(id=f"gn:{1000 + i}", name=f"Town {i}", level="populated_place",
                 latitude=48.0 + i / 10, longitude=37.0 + i / 10, country_code="UA",
                 admin1_code="UA.05", admin1_name="Donetsk", geonameid=1000 + i)


def _doc(i: int, n_events: int = 2) -> tuple[Article, list[Event]]:
    art = Article(text=f"Document number {i}.", published=date(2022, 3, 1 + i % 28), source="W")
    events = [Event(kind="capture" if j % 2 == 0 else "shelling", place=_place(j),
                    date_from=date(2022, 3, 1 + j), date_to=date(2022, 3, 1 + j),
                    date_precision="day", gain="RU" if j % 2 == 0 else None,
                    loss="UA" if j % 2 == 0 else None, actors=("Russian forces",),
                    sentence=f"Sentence {j} of {i}.", start=j * 10, end=j * 10 + 5,
                    article_id=art.content_hash, published=art.published, source="W")
              for j in range(n_events)]
    return art, events


@pytest.fixture()
def store(tmp_path: Path):
    with EventStore(tmp_path / "events.gpkg") as s:
        yield s


def test_round_trip_and_deduplication(store: EventStore) -> None:
    art, events = _doc(1)
    assert store.add_document(art, events, origin="a.txt") == 2
    assert store.add_document(art, events, origin="again.txt") == 0
    assert store.has_article(art.content_hash)
    assert store.events() == events
    assert [e.id for e in store.events()] == [e.id for e in events]
    (row,) = store.articles()
    assert row["origin"] == "a.txt" and row["n_events"] == 2 and row["published"] == "2022-03-02"


def test_document_write_is_atomic(store: EventStore) -> None:
    art, events = _doc(2, n_events=3)
    broken = Event(kind="capture", place=Place(id="x", name="x", level="feature",
                                               latitude="north", longitude=1.0),  # type: ignore[arg-type]
                   date_from=None, date_to=None, article_id=art.content_hash, start=99, end=100)
    with pytest.raises(TypeError):
        store.add_document(art, [*events, broken])
    assert store.count_events() == 0 and store.count_articles() == 0
    assert store.add_document(art, events) == 3  # the rolled-back document can be stored later


def test_as_of_and_unplaced_events(store: EventStore) -> None:
    art, events = _doc(3, n_events=3)
    nowhere = Place(id="unplaced:x", name="X", level="feature", latitude=float("nan"),
                    longitude=float("nan"))
    undated = Event(kind="clash", place=nowhere, date_from=None, date_to=None,
                    article_id=art.content_hash, start=50, end=60)
    store.add_document(art, [*events, undated])
    assert len(store.events(as_of=date(2022, 3, 2))) == 2
    frame = events_frame(store)
    assert len(frame) == 4 and frame.geometry.isna().sum() == 1


def test_events_of_some_days_and_namesakes_awaiting_a_decision(store: EventStore) -> None:
    from dataclasses import replace

    art, events = _doc(4, n_events=3)  # dated 1, 2 and 3 March
    location = Location(namesakes=((48.5, 37.5, "katottg:A"),))
    events[2] = replace(events[2], place=replace(events[2].place, location=location))
    store.add_document(art, events)
    assert store.events_between(date(2022, 3, 2), date(2022, 3, 9)) == events[1:]
    assert store.events_between(date(2022, 2, 1), date(2022, 2, 28)) == []
    assert store.events_with_namesakes() == [events[2]]
    moved = replace(events[2], place=replace(events[2].place, id="unresolved:UA.05:town-2",
                                             latitude=48.5, longitude=37.5, location=None))
    assert store.relocate([(events[2].id, moved)]) == 1
    assert store.events_with_namesakes() == [] and store.events()[2] == moved


def test_store_is_a_geopackage(store: EventStore, tmp_path: Path) -> None:
    for i in range(3):
        store.add_document(*_doc(i))
    store.add_failure("bad.txt", "empty file")
    store.add_failure("docs.jsonl:12", "malformed JSON line")
    store.update_extent()
    db = sqlite3.connect(store.path)
    assert db.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47
    assert db.execute("SELECT data_type FROM gpkg_contents WHERE table_name='events'"
                      ).fetchone() == ("features",)
    blob = db.execute("SELECT geom FROM events LIMIT 1").fetchone()[0]
    assert blob[:2] == b"GP" and blob[3] & 0b1110 == 0b0010  # XY envelope
    db.close()
    frame = gpd.read_file(store.path, layer="events")
    assert len(frame) == 6 and frame.crs.to_epsg() == 4326
    assert frame.geometry.iloc[0].x == pytest.approx(37.0)
    if OGRINFO:
        out = subprocess.run([OGRINFO, "-ro", "-al", "-so", str(store.path)], capture_output=True,
                             text=True, check=True)
        assert "Feature Count: 6" in out.stdout and "Geometry: Point" in out.stdout
        assert "failures" in out.stdout and "ERROR" not in out.stderr
    failures = gpd.read_file(store.path, layer="failures")
    assert list(failures["path"]) == ["bad.txt", "docs.jsonl"]
    assert pd.isna(failures["line"][0]) and failures["line"][1] == 12


def test_gpkg_point_missing_coordinates() -> None:
    assert gpkg_point(float("nan"), 1.0) is None
    assert len(gpkg_point(30.0, 50.0)) == 8 + 32 + 21


def test_not_a_store(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(StoreError, match="other tables"):
        EventStore(other)
    with pytest.raises(StoreError, match="no event store"):
        EventStore(tmp_path / "missing.gpkg", create=False)


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f not in CONTROL_FORMATS])
def test_exports_read_back(store: EventStore, tmp_path: Path, fmt: str) -> None:
    for i in range(4):
        store.add_document(*_doc(i, n_events=3))
    out = tmp_path / (f"export.{fmt}.csv" if fmt in ("acled-csv", "review") else f"export.{fmt}")
    ids = sorted(e.id for e in store.events())
    if fmt == "acled-csv":
        # the same three changes told by four articles: one row each, all reports in the tags
        assert export_events(store, out, fmt) == 3
        back = pd.read_csv(out)
        assert {"event_date", "sub_event_type", "actor1", "latitude", "iso"} <= set(back.columns)
        assert back["iso"].astype(int).eq(804).all()
        listed = [i for tags in back["tags"] for i in tags.rsplit("events=", 1)[1].split(",")]
        assert sorted(listed) == ids
        return
    assert export_events(store, out, fmt) == 12
    if fmt == "review":
        back = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        assert sorted(back["event_id"]) == ids and back["decision"].eq("").all()
        return
    back = gpd.read_parquet(out) if fmt == "parquet" else gpd.read_file(out)
    assert len(back) == 12
    assert sorted(back["event_id"]) == ids
    assert back.geometry.notna().all()
    if fmt == "gpkg" and OGRINFO:
        subprocess.run([OGRINFO, "-ro", "-so", str(out), "events"], check=True,
                       capture_output=True)


def test_acled_frame_columns(store: EventStore) -> None:
    store.add_document(*_doc(5))
    frame = acled_frame(events_frame(store))
    first = frame.iloc[0]
    assert first["event_type"] == "Battles"
    assert first["sub_event_type"] == "Non-state actor overtakes territory"
    assert first["actor1"] == "Military Forces of Russia (2000-)"  # the profile's acled_actor
    assert first["actor2"] == "Military Forces of Ukraine (2019-)" and first["country"] == "Ukraine"
    assert first["geo_precision"] == 1 and first["time_precision"] == 1
    assert pd.notna(first["notes"])
    art, (event, _) = _doc(6)
    ua = Event(**{**{f: getattr(event, f) for f in Event.__dataclass_fields__},
                  "gain": "UA", "loss": "RU", "article_id": art.content_hash})
    store.add_document(art, [ua])
    row = acled_frame(events_frame(store)).iloc[-1]  # a capture by the government's forces
    assert (row["sub_event_type"], row["actor1"]) == ("Government regains territory",
                                                      "Military Forces of Ukraine (2019-)")


def test_acled_rows_count_changes_not_reports(store: EventStore) -> None:
    """One change told as a withdrawal by one article and a recapture by another, on
    overlapping days, is one ACLED row with both sources; a denied report is no row; a
    change on a later week is a row of its own."""
    place = _place(0)

    def event(kind: str, day: int, text: str, status: str = "reported", days: int = 0) -> tuple:
        art = Article(text=text, published=date(2022, 9, 12), source=f"Wire {text[:6]}")
        ev = Event(kind=kind, place=place, date_from=date(2022, 9, day),
                   date_to=date(2022, 9, day + days), date_precision="day", gain="UA",
                   loss="RU", status=status, sentence=text, source=art.source,
                   article_id=art.content_hash, published=art.published,
                   profile="russia-ukraine")
        return art, [ev]

    store.add_document(*event("withdrawal", 10, "Russian troops withdrew.", days=1))
    store.add_document(*event("recapture", 11, "Ukraine retook the town."))
    store.add_document(*event("withdrawal", 11, "Russia denied it withdrew.", "denied"))
    store.add_document(*event("recapture", 25, "Ukraine retook it again."))
    frame = acled_frame(events_frame(store))
    assert list(frame["event_date"]) == ["2022-09-11", "2022-09-25"]
    first = frame.iloc[0]
    assert first["sub_event_type"] == "Government regains territory"
    assert first["event_type"] == "Battles" and first["disorder_type"] == "Political violence"
    assert first["source"] == "Wire Russia; Wire Ukrain"
    assert first["notes"] == "Russian troops withdrew. | Ukraine retook the town."
    assert "denied" not in " ".join(frame["tags"])


_WRITER = textwrap.dedent("""
    import sys
    sys.path.insert(0, {repo!r})
    sys.path.insert(0, {tests!r})
    from test_store import _doc
    from geo_events.store import EventStore
    s = EventStore(sys.argv[1])
    for i in range(100000):
        s.add_document(*_doc(i, n_events=1 + i % 4))
        if i == 20:
            print("ready", flush=True)
""")


def test_sigkill_leaves_whole_documents(tmp_path: Path) -> None:
    """A writer killed with SIGKILL mid-stream leaves every stored document complete."""
    path = tmp_path / "killed.gpkg"
    proc = subprocess.Popen(
        [sys.executable, "-c", _WRITER.format(repo=str(REPO), tests=str(REPO / "tests")),
         str(path)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    time.sleep(0.3)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    with EventStore(path) as s:
        rows = s.articles()
        assert len(rows) > 20
        per_article = pd.Series([e.article_id for e in s.events()]).value_counts()
        for row in rows:
            assert per_article.get(row["id"], 0) == row["n_events"]
        assert per_article.sum() == s.count_events()
