"""Corpus runs end to end with the real pipeline: bad inputs, reruns, SIGKILL, executors.

The corpus is built at test time in a temporary folder from real articles of the shared
GeoWebNews and LGL corpora (``../shared/benchmarks/geoparsing``; skipped when absent), spread over
every input format and salted with bad files. Small on purpose (a few dozen documents).
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from geo_events.cli import main as cli_main
from geo_events.evaluation.corpora import geoparsing_dir, load_corpus
from geo_events.exports import CONTROL_FORMATS, FORMATS, export_events
from geo_events.readers import DEFAULT_MAX_CHARS
from geo_events.runner import run_corpus
from geo_events.store import EventStore

REPO = Path(__file__).resolve().parents[1]
ACLED_TERRITORY = (REPO.parent / "shared" / "benchmarks" / "events" / "acled_ukraine"
                   / "acled_ukr_2022-01-01_2022-04-15_territory.csv")
N_PER_CORPUS = 8
N_NOTES = 10
#: Documents that are read and stored: GWN + LGL articles, one undated, ACLED notes.
N_GOOD = 2 * N_PER_CORPUS + 1 + N_NOTES

pytestmark = [pytest.mark.integration, pytest.mark.evaluation]

try:  # the extractor is the per-document work of a real run
    from geo_events.events import extract_events  # noqa: F401
    HAVE_EXTRACTOR = True
except ImportError:
    HAVE_EXTRACTOR = False

if not HAVE_EXTRACTOR:
    pytest.skip("geo_events.events.extract_events is not available", allow_module_level=True)
if not (geoparsing_dir() / "GeoWebNews").is_dir() or not ACLED_TERRITORY.is_file():
    pytest.skip(f"shared benchmarks not found in {REPO.parent / 'shared'}",
                allow_module_level=True)


#: Generic words of armed-conflict reporting: articles using them come first, so that the
#: comparisons below compare events and not only empty lists.
_CONFLICT_WORDS = re.compile(r"\b(captured|seized|recaptured|took control|withdrew|shelled|"
                             r"shelling|air ?strikes?|liberated|troops|fighting)\b", re.I)


def _texts() -> list[str]:
    """N_PER_CORPUS articles of GeoWebNews and of LGL, conflict reporting first."""
    out = []
    for name in ("GWN", "LGL"):
        docs = load_corpus(name)
        docs = sorted(docs, key=lambda d: not _CONFLICT_WORDS.search(d.text))  # stable
        out += [d.text for d in docs[:N_PER_CORPUS]]
    return out


def _acled_notes() -> list[dict[str, str]]:
    """Every 10th territory-change row's notes (real reporting text with control changes)."""
    with ACLED_TERRITORY.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))[::10][:N_NOTES]
    return [{"text": r["notes"], "published": r["event_date_iso"], "source": "ACLED notes"}
            for r in rows]


def build_corpus(folder: Path) -> dict[str, str]:
    """Write the salted corpus; return {bad file (or file:line) name: expected reason word}.

    GeoWebNews/LGL news articles rarely report control changes, so the corpus also holds the
    notes of real ACLED territory rows, for events to compare between runs.
    """
    texts = _texts()
    folder.mkdir(parents=True)
    good = folder / "good"
    good.mkdir()
    n = len(texts)
    for i, text in enumerate(texts[: n // 2]):
        (good / f"a{i:02d}.txt").write_text(f"---\npublished: 2018-03-{1 + i % 28:02d}\n"
                                            f"source: corpus\n---\n{text}")
    with (good / "batch.jsonl").open("w") as fh:
        for i, text in enumerate(texts[n // 2: 3 * n // 4]):
            fh.write(json.dumps({"text": text, "published": f"2018-04-{1 + i:02d}"}) + "\n")
        fh.write('{"text": "unterminated\n')  # malformed line
    with (good / "batch.csv").open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["text", "published", "source"])
        for text in texts[3 * n // 4: -2]:
            w.writerow([text, "2018-05-01", "csv"])
    (good / "page.html").write_text(
        '<html><head><meta property="article:published_time" content="2018-05-02">'
        "<script>alert(1)</script></head><body><nav>Menu</nav><article><p>"
        + texts[-2].replace("&", "&amp;").replace("<", "&lt;") + "</p></article></body></html>")
    with (good / "notes.jsonl").open("w") as fh:
        fh.writelines(json.dumps(note) + "\n" for note in _acled_notes())
    (good / "undated.txt").write_text(texts[-1])  # no date: processed, counted in the summary
    latin = "".join(c for c in texts[0] if ord(c) < 128) + " Café, Zürich."
    (folder / "latin1.txt").write_bytes(f"---\npublished: 2018-06-01\n---\n{latin}"
                                        .encode("latin-1"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    big = "\n\n".join(texts)
    size = DEFAULT_MAX_CHARS + 1_000  # past the default limit: reported, not processed
    (folder / "huge.txt").write_text((big * (size // len(big) + 1))[:size])
    return {"empty.txt": "empty", "binary.txt": "binary", "huge.txt": "too long",
            "batch.jsonl:": "malformed"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    folder = tmp_path_factory.mktemp("corpus") / "in"
    return folder, build_corpus(folder)


@pytest.fixture(scope="module")
def clean(corpus, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, set[str]]:
    store = tmp_path_factory.mktemp("clean") / "events.gpkg"
    summary = run_corpus([corpus[0]], store, progress=False)
    with EventStore(store) as s:
        assert summary.stored == s.count_articles() == N_GOOD
        assert s.count_events() > 0, "no events: the comparisons below would prove nothing"
        return store, s.event_ids()


def test_cli_run_reports_bad_inputs_and_reruns_add_nothing(corpus, tmp_path: Path, capsys) -> None:
    folder, bad = corpus
    store = tmp_path / "cli.gpkg"
    status = cli_main(["run", str(folder), "--store", str(store), "--quiet"])
    out, err = capsys.readouterr()
    assert status == 1
    for name, word in bad.items():
        line = next((ln for ln in err.splitlines() if f"/{name}" in ln), None)
        assert line is not None and word in line, (name, err)
    assert "latin1.txt" not in err and "decoded as cp1252" in out
    assert "without a published date: 1 " in out, out
    with EventStore(store) as s:
        n_events, n_articles = s.count_events(), s.count_articles()
        failed = {f.origin.rsplit("/", 1)[-1] for f in s.failures()}
        assert "binary.txt" in failed and "empty.txt" not in failed  # empty: skipped, warned
    assert "warning:" in next(ln for ln in err.splitlines() if "/empty.txt" in ln)
    assert "empty, skipped:      1" in out
    assert n_articles == N_GOOD and n_events > 0
    status = cli_main(["run", str(folder), "--store", str(store), "--quiet"])
    out, _ = capsys.readouterr()
    assert f"skipped (already stored): {n_articles}" in out and "events added:        0" in out
    with EventStore(store) as s:
        assert s.count_events() == n_events


def _stored_articles(path: Path) -> int:
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            return db.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            db.close()
    except sqlite3.Error:
        return 0


def test_sigkill_then_rerun_gives_the_clean_events(corpus, clean, tmp_path: Path) -> None:
    folder, _ = corpus
    store = tmp_path / "killed.gpkg"
    cmd = [sys.executable, "-m", "geo_events", "run", str(folder), "--store", str(store),
           "--quiet"]
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    deadline = time.monotonic() + 240
    while _stored_articles(store) < 4 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert proc.poll() is None, "the run finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    killed_at = _stored_articles(store)
    assert 4 <= killed_at < N_GOOD
    summary = run_corpus([folder], store, progress=False)
    assert summary.skipped == killed_at
    with EventStore(store) as s:
        assert s.event_ids() == clean[1]


def test_process_and_dask_executors_match_local(corpus, clean, tmp_path: Path) -> None:
    folder, _ = corpus
    for executor in ("local", "dask"):
        store = tmp_path / f"{executor}.gpkg"
        summary = run_corpus([folder], store, executor=executor, workers=2, progress=False)
        assert summary.stored == N_GOOD, summary.failed
        with EventStore(store) as s:
            assert s.event_ids() == clean[1], executor


@pytest.mark.skipif(not shutil.which("ogrinfo"), reason="ogrinfo (gdal-bin) not installed")
def test_run_store_and_exports_open_in_gdal(clean, tmp_path: Path) -> None:
    store, ids = clean
    out = subprocess.run(["ogrinfo", "-ro", "-so", str(store), "events"], capture_output=True,
                         text=True, check=True).stdout
    assert f"Feature Count: {len(ids)}" in out
    for fmt in FORMATS:
        if fmt in CONTROL_FORMATS:  # the control picture: one row per place or side
            path = tmp_path / f"{fmt}.gpkg"
            assert export_events(store, path, fmt) > 0
            subprocess.run(["ogrinfo", "-ro", "-so", str(path)], check=True,
                           capture_output=True)
            continue
        path = tmp_path / (f"events.{fmt}.csv" if fmt in ("acled-csv", "review")
                           else f"events.{fmt}")
        n = export_events(store, path, fmt)
        if fmt == "acled-csv":  # one row per change, denied events left out (docs/exports.md)
            back = pd.read_csv(path, dtype=str, keep_default_na=False)
            listed = [i for t in back["tags"] for i in t.rsplit("events=", 1)[1].split(",")]
            assert n == len(back) <= len(ids) and len(listed) == len(set(listed))
            with EventStore(store) as s:
                counted = {e.id for e in s.events() if e.status != "denied"}
            assert set(listed) == counted and "status=denied" not in " ".join(back["tags"])
            continue
        assert n == len(ids)
        back = (gpd.read_parquet(path) if fmt == "parquet" else
                pd.read_csv(path, dtype=str, encoding="utf-8-sig") if fmt == "review" else
                gpd.read_file(path))
        assert set(back["event_id"]) == ids
    subprocess.run(["ogrinfo", "-ro", "-so", str(tmp_path / "events.gpkg"), "events"], check=True,
                   capture_output=True)
