"""Review and correct: corrections kept in the store, applied by every output, surviving reruns;
the review CSV round trip; the ACLED export an analyst can count. Real pipeline and store."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from geo_events.cli import main as cli_main
from geo_events.corrections import Correction, apply_corrections, parse_settings
from geo_events.errors import InputError, ProfileError
from geo_events.exports import FORMATS, export_events
from geo_events.model import Event, Place
from geo_events.runner import run_corpus
from geo_events.store import EventStore
from geo_events.timeline import ControlTimeline

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[1]
FLAGSHIP = REPO / "examples" / "flagship.jsonl"

#: Our own test articles (written for these tests): a recapture reported and a withdrawal
#: denied in Ukraine; a capture reported and one denied in Sudan.
ARTICLES = [
    {"id": "ua-1", "published": "2022-09-12", "source": "Test wire A",
     "text": "Ukrainian forces recaptured Balakliya on Saturday, the regional governor said. "
             "Russia denied that its troops had withdrawn from Izium."},
    {"id": "ua-2", "published": "2022-09-12", "source": "Test wire B",
     "text": "Ukrainian troops recaptured Balakliya on Saturday, a military spokesman said."},
    {"id": "sd-1", "published": "2023-12-19", "source": "Test wire C",
     "text": "The Rapid Support Forces seized Wad Madani on Monday, witnesses said. "
             "The army denied that the RSF had taken El Fasher."},
]


def _corpus(folder: Path) -> Path:
    path = folder / "corpus.jsonl"
    lines = [FLAGSHIP.read_text(encoding="utf-8").strip()]
    lines += [json.dumps(a) for a in ARTICLES]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory, nlp) -> tuple[Path, Path]:
    """(corpus, store) built once by a real run; tests work on copies of the store."""
    folder = tmp_path_factory.mktemp("corpus")
    corpus = _corpus(folder)
    store = folder / "events.gpkg"
    summary = run_corpus([corpus], store, progress=False)
    assert summary.stored == 4 and not summary.failed
    return corpus, store


@pytest.fixture()
def store_path(built, tmp_path) -> Path:
    path = tmp_path / "events.gpkg"
    shutil.copy(built[1], path)
    return path


def _find(store: EventStore, place_name: str, kind: str | None = None) -> list[Event]:
    return [e for e in store.events() if e.place.name == place_name
            and (kind is None or e.kind == kind)]


def _page_data(html: Path) -> dict:
    text = html.read_text(encoding="utf-8")
    blocks = re.findall(r'<script type="application/json" id="[^"]+">(.*?)</script>', text, re.S)
    return json.loads(blocks[0])


def _all_outputs(store_path: Path, tmp_path: Path, capsys) -> dict[str, str]:
    """Text of every output drawn from the store: the map page, each export, the timeline."""
    out: dict[str, str] = {}
    html = tmp_path / "map.html"
    assert cli_main(["map", str(store_path), "-o", str(html), "--no-estimate"]) == 0
    out["map"] = html.read_text(encoding="utf-8")
    for fmt in FORMATS:
        if fmt == "control-area":
            continue  # polygons by side: no place names or event ids to find
        ext = {"geojson": "geojson", "gpkg": "gpkg", "parquet": "parquet",
               "status": "geojson"}.get(fmt, "csv")
        path = tmp_path / f"export-{fmt}.{ext}"
        assert cli_main(["export", "--store", str(store_path), "--format", fmt,
                         "-o", str(path)]) == 0
        if fmt == "gpkg":
            out[fmt] = gpd.read_file(path).to_csv()
        elif fmt == "parquet":
            out[fmt] = gpd.read_parquet(path).to_csv()
        else:
            out[fmt] = path.read_text(encoding="utf-8-sig")
    capsys.readouterr()
    return out


def test_flagship_events_record_their_profile(built) -> None:
    with EventStore(built[1]) as store:
        events = store.events()
    by_place = {e.place.name: e.profile for e in events}
    assert by_place["Lyman"] == "russia-ukraine" and by_place["Wad Medani"] == "sudan"


def test_rejected_event_leaves_every_output_and_stays_rejected_after_a_rerun(
        built, store_path, tmp_path, capsys) -> None:
    with EventStore(store_path) as store:
        balakliya = _find(store, "Balakliya", "recapture")
        assert len(balakliya) == 2
        before = ControlTimeline.from_events(store.events())
        # the gaining side's own officials: a claim, shown as claimed until confirmed
        st = before.status_at("gn:712926", date(2022, 9, 12))
        assert (st.state, st.claimant) == ("claimed", "UA")
        (tmp_path / "before").mkdir()
        shown = _all_outputs(store_path, tmp_path / "before", capsys)
        assert all("Balakliya" in text for text in shown.values())
        for e in balakliya:
            store.correct(e.id, reject=True, note="the governor later retracted")
        assert not _find(store, "Balakliya")
        assert "Balakliya" not in {p.name for p in
                                   ControlTimeline.from_events(store.events()).places()}
        assert store.count_events() == sum(1 for _ in store.iter_events(corrected=False))
    (tmp_path / "after").mkdir()
    shown = _all_outputs(store_path, tmp_path / "after", capsys)
    for what, text in shown.items():
        assert "Balakliya" not in text, what
        assert not any(e.id in text for e in balakliya), what
    assert cli_main(["timeline", "--store", str(store_path), "--place", "Balakliya"]) == 2
    assert "no control events" in capsys.readouterr().err

    # a rerun of the same corpus adds nothing and keeps the corrections
    summary = run_corpus([built[0]], store_path, progress=False)
    assert summary.stored == 0 and summary.skipped == 4
    with EventStore(store_path) as store:
        assert not _find(store, "Balakliya")
        assert [c.action for c in store.corrections()] == ["reject", "reject"]
    # and so does an import into the same store
    from test_imports import _acled_csv, _row

    from geo_events.imports import import_file

    import_file(store_path, _acled_csv(tmp_path / "acled.csv", [_row()]), "acled")
    with EventStore(store_path) as store:
        assert not _find(store, "Balakliya")
        (imported,) = _find(store, "Test place")
        assert imported.profile == "russia-ukraine"  # imports record their profile too
        assert len(store.corrections()) == 2


def test_changed_side_shows_on_the_map_and_in_the_timeline(store_path, tmp_path, capsys) -> None:
    with EventStore(store_path) as store:
        lyman = _find(store, "Lyman")
        assert {e.gain for e in lyman} == {"UA"}
        for e in lyman:
            store.correct(e.id, settings=["gain=RU", "loss=UA"], note="test: sides swapped")
        changed = _find(store, "Lyman")
        assert [e.id for e in changed] == [e.id for e in lyman]  # ids survive a change
        assert {(e.gain, e.loss) for e in changed} == {("RU", "UA")}
        timeline = ControlTimeline.from_events(store.events())
    assert timeline.status_at("gn:704204", date(2022, 10, 3)).status == "RU"
    html = tmp_path / "map.html"
    assert cli_main(["map", str(store_path), "-o", str(html), "--no-estimate"]) == 0
    data = _page_data(html)
    (place,) = [p for p in data["places"] if p["id"] == "gn:704204"]
    assert place["series"][-1]["side"] == "RU"
    # popups show each event's id and its evidence
    rows = [data["events"][i] for i in place["events"]]
    assert {r["id"] for r in rows} == {e.id for e in lyman}
    assert all(r["sentence"] for r in rows)
    assert cli_main(["timeline", "--store", str(store_path), "--place", "Lyman"]) == 0
    assert "unknown -> RU" in capsys.readouterr().out


def test_place_kind_status_date_and_an_event_added_by_hand(store_path, capsys) -> None:
    with EventStore(store_path) as store:
        (advance,) = _find(store, "Lysychansk", "advance")
        store.correct(advance.id, settings={"place": "gn:712926", "kind": "capture",
                                            "status": "reported", "date": "2022-10-01"},
                      note="the village is near Balakliya")
        (moved,) = [e for e in store.events() if e.id == advance.id]
        assert (moved.place.name, moved.kind, moved.status) == ("Balakliya", "capture",
                                                                "reported")
        assert (moved.date_from, moved.date_to, moved.date_precision) == (
            date(2022, 10, 1), date(2022, 10, 1), "day")
        assert moved.is_control_change
    status = cli_main(["correct", "--store", str(store_path), "--add", "--set", "place=gn:707292",
                       "--set", "kind=recapture", "--set", "gain=UA", "--set", "loss=RU",
                       "--set", "date=2022-09-20", "--set", "source=Test desk",
                       "--note", "confirmed on video"])
    assert status == 0
    new_id = capsys.readouterr().out.split(":")[0]
    with EventStore(store_path) as store:
        (added,) = [e for e in store.events() if e.id == new_id]
        assert (added.place.name, added.gain, added.source, added.sentence) == (
            "Izyum", "UA", "Test desk", "confirmed on video")
        assert added.profile == "russia-ukraine" and added.article_id.startswith("manual:")
        timeline = ControlTimeline.from_events(store.events())
        assert timeline.status_at("gn:707292", date(2022, 9, 19)).status == "unknown"
        assert timeline.status_at("gn:707292", date(2022, 9, 21)).status == "UA"
        # an event added by hand is corrected like any other
        store.correct(new_id, reject=True, note="a duplicate")
        assert new_id not in {e.id for e in store.events()}
    assert cli_main(["correct", "--store", str(store_path), "--list"]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert len(listing) == 3
    assert "set place=gn:712926" in listing[0] and "the village is near Balakliya" in listing[0]
    assert listing[1].split()[1] == new_id and "add " in listing[1]
    assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", listing[2])


def test_review_csv_round_trip_reports_bad_rows_by_line(store_path, tmp_path, capsys) -> None:
    review = tmp_path / "review.csv"
    assert cli_main(["export", "--store", str(store_path), "--format", "review",
                     "-o", str(review)]) == 0
    frame = pd.read_csv(review, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    with EventStore(store_path) as store:
        assert sorted(frame["event_id"]) == sorted(e.id for e in store.events())
    assert frame["decision"].eq("").all() and frame["sentence"].ne("").all()
    rows = {name: i for i, name in enumerate(frame["place_name"])}
    reject, change = rows["Wad Medani"], rows["Lyman"]
    changed_id, kherson_id = frame["event_id"][change], frame["event_id"][rows["Kherson"]]
    frame.loc[reject, ["decision", "note"]] = ["reject", "not confirmed"]
    frame.loc[change, "decision"] = "set gain=RU; loss=UA"
    frame.loc[rows["Luhansk"], "decision"] = "approve"          # unknown decision
    frame.loc[rows["Kherson"], "decision"] = "set gain=XX"       # not a side
    frame.loc[rows["Donetsk"], "decision"] = "accept"
    added = pd.DataFrame([{**{c: "" for c in frame.columns},
                           "decision": "add place=gn:712926; kind=capture; gain=UA; loss=RU; "
                                       "date=2022-09-09"}])
    pd.concat([frame, added]).to_csv(review, index=False)
    status = cli_main(["correct", "--store", str(store_path), "--from", str(review)])
    err = capsys.readouterr().err.strip().splitlines()
    assert status == 1
    assert len(err) == 2  # one line per bad row, with its line number (header is line 1)
    assert err[0].startswith(f"geo-events correct: {review}:{rows['Luhansk'] + 2}: ")
    assert "approve" in err[0]
    assert f":{rows['Kherson'] + 2}: " in err[1] and "'XX'" in err[1]
    with EventStore(store_path) as store:
        names = [e.place.name for e in store.events()]
        assert "Wad Medani" not in names
        gains = {e.id: (e.gain, e.loss) for e in store.events()}
        assert gains[changed_id] == ("RU", "UA")
        assert gains[kherson_id] == ("RU", None)  # the bad row changed nothing
        assert any(e.place.name == "Balakliya" and e.source == "added by hand"
                   for e in store.events())
        notes = {c.action: c.note for c in store.corrections()}
        assert notes["reject"] == "not confirmed" and notes["set"].startswith("review.csv line")


def test_bad_corrections_are_one_line_errors(store_path, capsys) -> None:
    with EventStore(store_path) as store:
        some_id = store.events()[0].id
    cases = [
        (["nope", "--reject", "--note", "x"], "no event 'nope'"),
        ([some_id, "--reject"], "--note"),
        ([some_id, "--set", "gain", "--note", "x"], "KEY=VALUE"),
        ([some_id, "--set", "colour=red", "--note", "x"], "cannot set 'colour'"),
        ([some_id, "--set", "place=gn:0", "--note", "x"], "neither in the gazetteer"),
        ([some_id, "--set", "date=10/09/2022", "--note", "x"], "YYYY-MM-DD"),
        (["--add", "--set", "kind=capture", "--note", "x"], "needs place, date"),
        (["--from", "missing.csv"], "cannot read missing.csv"),
    ]
    for argv, message in cases:
        assert cli_main(["correct", "--store", str(store_path), *argv]) == 2, argv
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1 and message in err, (argv, err)
    with EventStore(store_path) as store:
        assert store.corrections() == []


def test_acled_export_of_the_flagship_counts_changes(nlp, tmp_path) -> None:
    store = tmp_path / "flagship.gpkg"
    run_corpus([FLAGSHIP], store, progress=False)
    out = tmp_path / "flagship.acled.csv"
    n = export_events(store, out, "acled-csv")
    acled = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert n == len(acled)
    key = ["location", "event_date", "sub_event_type", "actor1", "actor2"]
    assert not acled.duplicated(key).any()
    with EventStore(store) as s:
        events = s.events()
    changes = [e for e in events if e.is_control_change and e.status != "denied"]
    lyman = acled[acled["location"] == "Lyman"]
    # Lyman's withdrawal is told twice in the article: one row, both reports in its tags
    assert len(lyman) == 1 and len({e.id for e in changes if e.place.name == "Lyman"}) == 2
    assert lyman.iloc[0]["sub_event_type"] == "Non-violent transfer of territory"
    assert (lyman.iloc[0]["actor1"], lyman.iloc[0]["actor2"]) == (
        "Military Forces of Ukraine (2019-)", "Military Forces of Russia (2000-)")
    listed = [i for t in acled["tags"] for i in t.rsplit("events=", 1)[1].split(",")]
    assert sorted(listed) == sorted(e.id for e in events if e.status != "denied")
    assert not acled["tags"].str.contains("status=denied").any()


def test_acled_export_of_a_mixed_store(store_path, tmp_path) -> None:
    out = tmp_path / "mixed.acled.csv"
    export_events(store_path, out, "acled-csv")
    acled = pd.read_csv(out, dtype=str, keep_default_na=False).set_index("location")
    # denied reports (Izium, El Fasher) are no events to count
    assert not {"Izyum", "El Fasher"} & set(acled.index)
    # one change told by two articles is one row with both sources
    balakliya = acled.loc[["Balakliya"]]
    assert len(balakliya) == 1
    assert balakliya.iloc[0]["source"] == "Test wire A; Test wire B"
    assert (balakliya.iloc[0]["sub_event_type"], balakliya.iloc[0]["actor1"]) == (
        "Government regains territory", "Military Forces of Ukraine (2019-)")
    # each event's own profile: the Sudan capture is named with the Sudan profile's actors
    wad = acled.loc["Wad Medani"]
    assert (wad["actor1"], wad["actor2"], wad["sub_event_type"]) == (
        "Rapid Support Forces", "Military Forces of Sudan (2019-)",
        "Non-state actor overtakes territory")
    assert wad["country"] == "Sudan"


def test_apply_corrections_in_python() -> None:
    place = Place(id="gn:1", name="A", level="populated_place", latitude=48.0, longitude=37.0,
                  country_code="UA")
    events = [Event(kind="capture", place=place, date_from=date(2022, 3, i),
                    date_to=date(2022, 3, i), gain="RU", loss="UA", start=i, end=i + 1)
              for i in (1, 2, 3)]
    ids = [e.id for e in events]
    fixes = [Correction(ids[0], "reject", {}, "wrong", "t1"),
             Correction(ids[1], "set", {"gain": "UA", "loss": "RU"}, "swap", "t2"),
             Correction(ids[2], "reject", {}, "oops", "t3"),
             Correction(ids[2], "restore", {}, "was right", "t4"),
             Correction("elsewhere", "reject", {}, "another store's event", "t5")]
    out = apply_corrections(events, fixes)
    assert [e.id for e in out] == ids[1:]
    assert (out[0].gain, out[0].loss) == ("UA", "RU")
    assert parse_settings(["gain = UA", "date=2022-03"]) == {"gain": "UA", "date": "2022-03"}
    with pytest.raises(InputError, match="set twice"):
        parse_settings(["gain=UA", "gain=RU"])


def test_relocated_events_keep_their_corrections(tmp_path) -> None:
    from dataclasses import replace

    from geo_events.model import Article

    art = Article(text="A test document.", published=date(2022, 3, 1))
    place = Place(id="gn:1", name="A", level="populated_place", latitude=48.0, longitude=37.0,
                  country_code="UA")
    event = Event(kind="capture", place=place, date_from=date(2022, 3, 1),
                  date_to=date(2022, 3, 1), gain="RU", loss="UA", article_id=art.content_hash)
    with EventStore(tmp_path / "s.gpkg") as store:
        store.add_document(art, [event])
        store.add_corrections([Correction(event.id, "reject", {}, "wrong", "2022-01-01")])
        moved = replace(event, place=replace(place, id="gn:2", name="B"))
        assert store.relocate([(event.id, moved)]) == 1
        assert [c.event_id for c in store.corrections()] == [moved.id]
        assert store.events() == []


def test_store_of_an_earlier_version_gets_the_new_layer(tmp_path) -> None:
    path = tmp_path / "old.gpkg"
    EventStore(path).close()
    db = sqlite3.connect(path)
    db.execute("DROP TABLE corrections")
    db.execute("DELETE FROM gpkg_contents WHERE table_name = 'corrections'")
    db.execute("ALTER TABLE events DROP COLUMN profile")
    db.commit()
    db.close()
    with EventStore(path) as store:
        assert store.corrections() == [] and store.events() == []
    layers = gpd.list_layers(path)["name"].tolist()
    assert "corrections" in layers


def test_profile_files_are_schema_checked(tmp_path) -> None:
    from geo_events.events.profiles import list_profiles, load_profile

    for name in list_profiles():
        for side in load_profile(name).sides:
            assert side.acled_actor, (name, side.id)
    bad = tmp_path / "typo.json"
    bad.write_text(json.dumps({"id": "t", "sides": [{"id": "A", "acled_name": "X"}]}))
    with pytest.raises(ProfileError, match=r"typo\.json.*'acled_name'"):
        load_profile(bad)
    bad.write_text(json.dumps({"id": "t", "colour": "#000000", "sides": [{"id": "A"}]}))
    with pytest.raises(ProfileError, match="unknown key 'colour'"):
        load_profile(bad)
