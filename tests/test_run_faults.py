"""Fault injection for the corpus runner: the per-document work raises or kills its worker.

The per-document functions here are stand-ins that fail on purpose (the runner takes the work as
a parameter); what is tested is the runner's reporting and the store, not extraction.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from geo_events.errors import InputError
from geo_events.model import Article, Event, Place
from geo_events.runner import run_corpus
from geo_events.store import EventStore

_PLACE = Place(id="gn:1", name="Somewhere", level="populated_place", latitude=1.0, longitude=2.0)


def one_event(article: Article, profile: str | None = None) -> list[Event]:
    """One event per document, at a fixed place (the runner stamps article id and date)."""
    if "RAISE" in article.text:
        raise ValueError("cannot parse this one")
    if "EXIT" in article.text:
        os._exit(3)  # a worker process dying (segfault, OOM kill)
    return [Event(kind="clash", place=_PLACE, date_from=None, date_to=None, start=0, end=4)]


def _corpus(folder: Path, n: int = 8, poison: tuple[str, ...] = ()) -> Path:
    folder.mkdir()
    for i in range(n):
        (folder / f"d{i}.txt").write_text(f"Document {i} text.")
    for word in poison:
        (folder / f"poison_{word}.txt").write_text(f"Document {word} text.")
    return folder


def test_raising_document_is_reported_and_the_rest_stored(tmp_path: Path) -> None:
    src = _corpus(tmp_path / "in", poison=("RAISE",))
    summary = run_corpus([src], tmp_path / "s.gpkg", one_event, progress=False,
                         published=date(2022, 1, 2))
    assert summary.stored == 8 and summary.events_added == 8 and summary.exit_status == 1
    (failure,) = summary.failed
    assert failure.origin.endswith("poison_RAISE.txt")
    assert failure.reason == "ValueError: cannot parse this one"
    with EventStore(tmp_path / "s.gpkg") as s:
        events = s.events()
        assert {e.published for e in events} == {date(2022, 1, 2)}
        assert len({e.article_id for e in events}) == 8
        assert [f.origin for f in s.failures()] == [failure.origin]


def test_dying_worker_blames_only_its_document(tmp_path: Path) -> None:
    src = _corpus(tmp_path / "in", poison=("EXIT",))
    summary = run_corpus([src], tmp_path / "s.gpkg", one_event, workers=2, progress=False)
    assert summary.stored == 8
    (failure,) = summary.failed
    assert failure.origin.endswith("poison_EXIT.txt") and "worker process died" in failure.reason


def test_rerun_adds_nothing(tmp_path: Path) -> None:
    src = _corpus(tmp_path / "in")
    first = run_corpus([src], tmp_path / "s.gpkg", one_event, progress=False)
    again = run_corpus([src], tmp_path / "s.gpkg", one_event, workers=2, progress=False)
    assert (first.stored, again.stored, again.skipped, again.events_added) == (8, 0, 8, 0)


@pytest.mark.parametrize("kw, message", [
    ({"executor": "spark"}, "unknown"), ({"workers": 0}, "workers"),
    ({"scheduler": "tcp://127.0.0.1:1"}, "needs --executor dask"),
])
def test_unusable_arguments(tmp_path: Path, kw: dict, message: str) -> None:
    src = _corpus(tmp_path / "in", n=1)
    with pytest.raises(InputError, match=message):
        run_corpus([src], tmp_path / "s.gpkg", one_event, progress=False, **kw)


def test_missing_inputs(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="none of the inputs exist"):
        run_corpus([tmp_path / "nope"], tmp_path / "s.gpkg", one_event, progress=False)


def test_existing_dask_scheduler(tmp_path: Path) -> None:
    """``scheduler=ADDRESS`` runs the tasks on a cluster the caller started (processes)."""
    import logging

    distributed = pytest.importorskip("distributed")
    src = _corpus(tmp_path / "in", n=6, poison=("RAISE",))
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  dashboard_address=":0", silence_logs=logging.CRITICAL) as cl:
        summary = run_corpus([src], tmp_path / "s.gpkg", one_event, executor="dask",
                             scheduler=cl.scheduler_address, progress=False)
        assert cl.status.name == "running"  # the run left the cluster it did not start alone
    assert summary.stored == 6 and summary.events_added == 6
    (failure,) = summary.failed
    assert failure.reason == "ValueError: cannot parse this one"
