"""One reader for every command: ``events``, ``geoparse``, ``map`` and ``run`` read the same inputs
(folders, .txt with front matter or sidecar, .html, .jsonl, .csv) through geo_events.readers and
report them alike (marker ``integration``: the real pipeline, gazetteer and boundaries)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from geo_events.cli import main
from geo_events.readers import dateline_date
from geo_events.runner import run_corpus
from geo_events.store import EventStore

pytestmark = pytest.mark.integration

pytest.importorskip("geo_events.events", reason="event extraction not in this tree")

#: 2022-09-08 was a Thursday; the text alone does not say which Thursday.
THURSDAY = "Ukrainian forces recaptured Balakliia on Thursday, the regional governor said."
TEXT = ("Ukrainian forces recaptured Balakliia on Thursday, the regional governor said.\n\n"
        "Russian troops withdrew from Izium two days later, a Ukrainian commander said.")


def _events(capsys, *args: str) -> tuple[int, list[dict], str]:
    code = main(["events", *args, "--json"])
    out, err = capsys.readouterr()
    data = json.loads(out) if out.strip() else []
    docs = data if isinstance(data, list) else [data]
    return code, [e for d in docs for e in d.get("events", [])], err


def _key(e: dict) -> tuple:
    return (e["kind"], e["place"]["id"], e["gain"], e["loss"], e["date_from"], e["date_to"],
            e["status"])


def test_front_matter_dates_on_thursday(tmp_path, capsys):
    doc = tmp_path / "report.txt"
    doc.write_text(f"---\npublished: 2022-09-08\nsource: Wire\n---\n{THURSDAY}\n")
    code, events, err = _events(capsys, str(doc))
    assert code == 0, err
    ev = next(e for e in events if e["place"]["name"].startswith("Balakl"))
    assert ev["date_from"] == "2022-09-08" and ev["gain"] == "UA"
    assert ev["source"] == "Wire"
    assert "published" not in ev["sentence"]  # the front matter is not text
    assert "warning" not in err


def test_sidecar_dates_the_text_file(tmp_path, capsys):
    doc = tmp_path / "report.txt"
    doc.write_text(THURSDAY)
    (tmp_path / "report.json").write_text(json.dumps({"published": "2022-09-08"}))
    code, events, _ = _events(capsys, str(doc))
    assert code == 0 and events[0]["date_from"] == "2022-09-08"


def _write_formats(folder: Path) -> dict[str, Path]:
    folder.mkdir()
    html = folder / "page.html"
    html.write_text(
        '<html><head><meta property="article:published_time" content="2022-09-12">'
        "<script>var x = 'Kharkiv';</script></head><body><nav>Home | Kyiv | Lyman</nav>"
        f"<article><h1>Counteroffensive</h1><p>{TEXT.replace(chr(10), ' ')}</p></article>"
        "</body></html>")
    jsonl = folder / "docs.jsonl"
    jsonl.write_text(json.dumps({"id": "a", "text": TEXT, "published": "2022-09-12",
                                 "source": "Wire"}) + "\n")
    table = folder / "docs.csv"
    with table.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "text", "published", "source"])
        w.writerow(["c", TEXT, "2022-09-12", "Wire"])
    return {"html": html, "jsonl": jsonl, "csv": table}


@pytest.mark.parametrize("fmt", ["html", "jsonl", "csv"])
def test_events_gives_the_same_events_as_run(fmt, tmp_path, capsys):
    path = _write_formats(tmp_path / "in")[fmt]
    code, events, err = _events(capsys, str(path))
    assert code == 0, err
    assert events, "no events: the comparison would prove nothing"
    store = tmp_path / "events.gpkg"
    summary = run_corpus([path], store, progress=False)
    assert summary.exit_status == 0
    with EventStore(store) as db:
        stored = [e.to_dict() for e in db.events()]
    assert sorted(map(_key, events)) == sorted(map(_key, stored))
    assert {e["date_from"] for e in events} >= {"2022-09-08"}  # Thursday before 12 Sept


def test_dateline_dates_an_undated_document_and_says_so(tmp_path, capsys):
    doc = tmp_path / "wire.txt"
    doc.write_text("Ukraine pushes on in the east\n\nKYIV, Sept 10 (Reuters) - " + THURSDAY
                   + " It was the largest advance since the invasion of February 2022.")
    code, events, err = _events(capsys, str(doc))
    assert code == 0
    assert "dated 2022-09-10 by its dateline" in err and "KYIV, Sept 10" in err
    assert events[0]["date_from"] == "2022-09-08"
    # run says it too
    store = tmp_path / "s.gpkg"
    assert main(["run", str(doc), "--store", str(store), "--quiet"]) == 0
    out, err = capsys.readouterr()
    assert "dated by their dateline: 1" in out and "dated 2022-09-10 by its dateline" in err


def test_dateline_without_any_year_is_not_used():
    assert dateline_date("KYIV, Sept 10 (Reuters) - Troops advanced.") is None
    assert dateline_date("KYIV, Sept 10, 2022 (Reuters) - x")[0] == date(2022, 9, 10)
    assert dateline_date("He said KYIV, Sept 10 - x 2022") is None  # not at a paragraph start


@pytest.mark.parametrize("command", ["events", "geoparse", "map", "run"])
def test_empty_files_are_skipped_with_a_warning_in_every_command(command, tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_text("  \n")
    (folder / "blank.jsonl").write_text(json.dumps({"text": ""}) + "\n")
    (folder / "good.txt").write_text(f"---\npublished: 2022-09-08\n---\n{THURSDAY}\n")
    extra = {"map": ["-o", str(tmp_path / "m.html")],
             "run": ["--store", str(tmp_path / "s.gpkg"), "--quiet"]}.get(command, [])
    code = main([command, str(folder), *extra])
    err = capsys.readouterr().err
    assert code == 0, err
    for name in ("empty.txt", "blank.jsonl:1"):
        line = next(ln for ln in err.splitlines() if name in ln)
        assert line.startswith(f"geo-events {command}: warning:") and "skipped" in line


@pytest.mark.parametrize("command", ["events", "geoparse", "map", "run"])
def test_undated_input_warns_in_every_command(command, tmp_path, capsys):
    doc = tmp_path / "undated.txt"
    doc.write_text(THURSDAY)
    extra = {"map": ["-o", str(tmp_path / "m.html")],
             "run": ["--store", str(tmp_path / "s.gpkg"), "--quiet"]}.get(command, [])
    code = main([command, str(doc), *extra])
    err = capsys.readouterr().err
    assert f"geo-events {command}: warning: {doc} has no published date" in err
    if command == "map":  # nothing dated: no silent "As of undated" map
        assert code == 1 and "none of the" in err and "--published" in err
        assert not (tmp_path / "m.html").exists()
    else:
        assert code == 0


@pytest.mark.parametrize("command", ["events", "geoparse"])
def test_jsonl_errors_are_given_in_full(command, monkeypatch, capsys):
    lines = ['{"id": "x", "text": "Troops took Lyman." "published"}',
             json.dumps({"id": 7, "text": "x", "published": "11/11/22"})]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    assert main([command, "--jsonl"]) == 1
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in rows] == [1, 7]
    assert rows[0]["error"].startswith("line 1: malformed JSON line: Expecting")
    assert "line 1 column 42 (char 41)" in rows[0]["error"]  # where, not cut short
    assert "11/11/22" in rows[1]["error"] and "YYYY-MM-DD" in rows[1]["error"]


def test_every_command_reads_a_folder_of_mixed_formats(tmp_path, capsys):
    folder = tmp_path / "in"
    _write_formats(folder)
    assert main(["geoparse", str(folder), "--json"]) == 0
    ids = [d["id"] for d in json.loads(capsys.readouterr().out)]
    assert [Path(i).name.split(":")[0] for i in ids] == ["docs.csv", "docs.jsonl", "page.html"]
    out = tmp_path / "m.html"
    assert main(["map", str(folder), "-o", str(out)]) == 0
    assert "Balakl" in out.read_text(encoding="utf-8")
