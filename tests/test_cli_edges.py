"""Rough edges of the command line: every bad output path is a one-line error with exit 2 (never a
traceback), an unknown name for ``geocode`` says so with exit 1, progress bars honour
GEO_EVENTS_NO_PROGRESS and show only on a terminal, and a place is found in the store by any of
its spellings."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from maps_fixtures import control_store

from geo_events.cli import main
from geo_events.exports import FORMATS
from geo_events.store import EventStore

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def store(tmp_path) -> Path:
    return control_store(tmp_path / "events.gpkg")


def _acled_file(tmp_path: Path) -> Path:
    path = tmp_path / "acled.csv"
    with path.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1",
                    "country", "admin1", "location", "latitude", "longitude", "notes"])
        w.writerow(["UKR1", "2022-10-01", "Strategic developments",
                    "Non-violent transfer of territory", "Military Forces of Ukraine (2019-)",
                    "Ukraine", "Donetsk", "Lyman", "48.9887", "37.8022",
                    "Ukrainian forces retook Lyman."])
    return path


def _bad_output_cases(tmp_path: Path, store: Path) -> list[list[str]]:
    missing = tmp_path / "no" / "such" / "folder"
    folder = tmp_path / "a_folder"
    folder.mkdir()
    article = tmp_path / "a.txt"
    article.write_text("---\npublished: 2022-10-03\n---\nUkrainian forces retook Lyman.\n")
    acled = _acled_file(tmp_path)
    cases = []
    for bad in (missing / "out.x", folder):
        cases.append(["map", str(store), "-o", str(bad)])
        cases += [["export", "--store", str(store), "--format", f, "-o", str(bad)]
                  for f in FORMATS]
        cases.append(["run", str(article), "--store", str(bad), "--quiet"])
        cases.append(["import", "--store", str(bad), "--format", "acled", str(acled)])
        cases.append(["correct", "--store", str(bad), "--list"])
        cases.append(["timeline", "--store", str(bad), "--place", "Lyman"])
    return cases


def test_every_bad_output_path_is_a_one_line_error(tmp_path, store, capsys):
    for argv in _bad_output_cases(tmp_path, store):
        code = main(argv)  # an uncaught exception here is the traceback a user would see
        err = capsys.readouterr().err.strip()
        assert code == 2, (argv, err)
        lines = [ln for ln in err.splitlines() if ln.strip()]
        assert len(lines) == 1 and lines[0].startswith(f"geo-events {argv[0]}: error:"), \
            (argv, err)
        assert "Traceback" not in err
        bad = next(a for a in argv if "no/such" in a or a.endswith("a_folder"))
        assert Path(bad).name in lines[0] or str(Path(bad).parent) in lines[0], (argv, err)
    assert not (tmp_path / "no").exists()  # nothing was created on the way


def test_bad_output_path_as_a_user_sees_it(tmp_path, store):
    proc = subprocess.run([sys.executable, "-m", "geo_events", "map", str(store), "-o",
                           str(tmp_path / "missing" / "m.html")], capture_output=True, text=True,
                          cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin",
                                         "GEO_EVENTS_NO_PROGRESS": "1"})
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1 and "missing" in proc.stderr


def test_geocode_of_an_unknown_name_says_so(capsys):
    assert main(["geocode", "Xqzzyvillezz"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "no place named 'Xqzzyvillezz'" in err
    assert main(["geocode", "Xqzzyvillezz", "--json"]) == 1
    assert '"candidates": []' in capsys.readouterr().out


@pytest.mark.integration
def test_progress_bar_on_long_commands_unless_disabled(tmp_path, capsys, monkeypatch):
    doc = tmp_path / "a.txt"
    doc.write_text("---\npublished: 2022-10-03\n---\nUkrainian forces retook Lyman.\n")
    monkeypatch.delenv("GEO_EVENTS_NO_PROGRESS", raising=False)
    monkeypatch.setenv("GEO_EVENTS_PROGRESS", "1")  # captured stderr is no terminal
    for command in ("events", "geoparse"):
        assert main([command, str(doc)]) == 0
        captured = capsys.readouterr()
        assert f"geo-events {command}" in captured.err and "doc" in captured.err
        assert "geo-events" not in captured.out.split("\n")[0] or captured.out.startswith("#")
    monkeypatch.setenv("GEO_EVENTS_NO_PROGRESS", "1")
    assert main(["events", str(doc)]) == 0
    assert capsys.readouterr().err == ""


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bars_only_on_a_terminal(monkeypatch):
    """Bars are drawn on a terminal only; GEO_EVENTS_PROGRESS=1 forces them on any stderr and
    GEO_EVENTS_NO_PROGRESS=1 hides them even on a terminal."""
    from geo_events.progress import NoBar, document_bar, progress, progress_enabled

    monkeypatch.delenv("GEO_EVENTS_NO_PROGRESS", raising=False)
    monkeypatch.delenv("GEO_EVENTS_PROGRESS", raising=False)
    log = io.StringIO()  # a log file or a pipe
    monkeypatch.setattr(sys, "stderr", log)
    assert not progress_enabled()
    assert list(progress(range(3), desc="geo-events test")) == [0, 1, 2]
    assert isinstance(document_bar(10**6, "events"), NoBar)
    assert log.getvalue() == ""
    assert progress_enabled(_Terminal())
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert progress_enabled()
    assert list(progress(range(3), desc="geo-events test")) == [0, 1, 2]
    assert "geo-events test" in terminal.getvalue()
    monkeypatch.setenv("GEO_EVENTS_NO_PROGRESS", "1")
    assert not progress_enabled(_Terminal())
    monkeypatch.setenv("GEO_EVENTS_PROGRESS", "1")  # the switch off wins over the force
    assert not progress_enabled()
    monkeypatch.delenv("GEO_EVENTS_NO_PROGRESS")
    monkeypatch.setattr(sys, "stderr", log)
    assert progress_enabled()


@pytest.mark.integration
def test_timeline_finds_a_place_by_the_articles_spelling(tmp_path, capsys):
    pytest.importorskip("geo_events.events", reason="event extraction not in this tree")
    doc = tmp_path / "k.txt"
    doc.write_text("---\npublished: 2022-09-11\n---\n"
                   "Ukrainian forces recaptured Kupiansk on Saturday, the governor said.\n")
    store = tmp_path / "s.gpkg"
    assert main(["run", str(doc), "--store", str(store), "--quiet"]) == 0
    with EventStore(store) as db:
        spellings = db.place_spellings()
    pid, names = next((k, v) for k, v in spellings.items() if "Kupiansk" in v)
    assert len(names) == 2, names  # the gazetteer's name beside the article's
    capsys.readouterr()
    for name in ("Kupiansk", "kupiansk", "Kupyansk", "Куп'янськ"):
        assert main(["timeline", "--store", str(store), "--place", name]) == 0, name
        out = capsys.readouterr().out
        assert pid in out and "written Kupiansk" in out
