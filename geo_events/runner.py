"""Corpus runs: read documents, process each one (geoparse + extract events), store the results.

:func:`run_corpus` is the engine behind ``geo-events run``. The per-document work is a plain
function ``process(article, profile) -> list[Event]`` (default :func:`extract_article`), passed
in so that notebooks and tests can substitute their own. It runs

* ``executor="local"``, ``workers=1``: in this process;
* ``executor="local"``, ``workers=N``: in N worker processes (``concurrent.futures``), each of
  which loads the pipeline once (:func:`warm_up`) and keeps it for every document;
* ``executor="dask"``: as tasks on ``dask.distributed``, on the cluster at ``scheduler`` or on a
  ``LocalCluster`` of ``workers`` single-threaded processes started for the run (with the
  workers' statistical profiler off: it costs about half the throughput on spaCy work; start
  your own workers with ``DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False`` for the same).

Whatever the executor, only this (the parent) process writes the store, one transaction per
document, so every executor leaves the same store contents and a killed run leaves a consistent
store; a rerun skips documents already stored (by content hash) and completes the rest.
"""

from __future__ import annotations

import concurrent.futures as cf
import logging
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TextIO

from geo_events.errors import InputError
from geo_events.model import Article, Event
from geo_events.progress import NoBar, progress_disabled, progress_enabled
from geo_events.readers import (
    DEFAULT_MAX_CHARS,
    Document,
    ReadFailure,
    count_documents,
    iter_documents,
    undated_warnings,
)
from geo_events.store import EventStore

#: The per-document work: ``process(article, profile_name_or_None) -> events``. It must be a
#: module-level function (picklable) for the process and Dask executors.
ProcessFn = Callable[[Article, str | None], list[Event]]

EXECUTORS = ("local", "dask")

#: Attempts per document when worker processes die (Dask has its own: allowed-failures).
MAX_TRIES = 3


def extract_article(article: Article, profile: str | None = None,
                    language: str | None = None) -> list[Event]:
    """Default per-document work: geoparse ``article`` and extract its events.

    Delegates to :func:`geo_events.events.extract_events`; the spaCy pipeline and gazetteer are
    loaded on the first call in each process and reused. ``language`` (a language pack's code,
    e.g. ``"en"``) reads the text with that language's pipeline and pack; None: the profile's
    language, else English.
    """
    from geo_events.events import extract_events  # heavy import: only where the work runs

    # no bar of its own for a long document: the run's bar counts documents, and worker
    # processes must not write bars over each other
    return list(extract_events(article.text, published=article.published, source=article.source,
                               profile=profile, article_id=article.content_hash, progress=False,
                               language=language))


@dataclass(frozen=True, slots=True)
class _InLanguage:
    """``process`` with a ``language`` keyword bound: a :data:`ProcessFn` (picklable, for the
    process and Dask executors, as long as ``process`` is)."""

    process: Callable[..., list[Event]]
    language: str

    def __call__(self, article: Article, profile: str | None = None) -> list[Event]:
        return self.process(article, profile, language=self.language)


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that failed: ``origin`` is a file or ``file:line``; ``reason`` is for people."""

    origin: str
    reason: str


@dataclass(slots=True)
class RunSummary:
    """What a corpus run did. Counts are documents unless named otherwise.

    ``read``: documents read from the inputs; ``stored``: documents processed and stored by this
    run; ``skipped``: documents already in the store (or repeated in the inputs) and not processed
    again; ``failed``: files, lines or documents that could not be read or processed, with
    reasons; ``events_added``: new event rows; ``undated``: stored documents with no published
    date; ``dated_by_mtime``: documents dated by their file's modification time;
    ``encodings``: documents per non-UTF-8 codec they were decoded with; ``seconds``: wall time;
    ``namesakes_settled``: stored events whose namesake village the store's other events of the
    same days decided (:func:`settle_stored_namesakes`); ``empty``: empty files or texts,
    skipped with a warning (not failures); ``dated_by_dateline``: ``(origin, date, dateline)`` of
    documents dated by their wire dateline; ``undated_origins``: the stored documents left
    without a date (``undated`` counts them).
    """

    read: int = 0
    stored: int = 0
    skipped: int = 0
    failed: list[Failure] = field(default_factory=list)
    events_added: int = 0
    undated: int = 0
    dated_by_mtime: int = 0
    encodings: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    executor: str = "local"
    workers: int = 1
    namesakes_settled: int = 0
    empty: list[Failure] = field(default_factory=list)
    dated_by_dateline: list[tuple[str, date, str]] = field(default_factory=list)
    undated_origins: list[str] = field(default_factory=list)

    @property
    def exit_status(self) -> int:
        """0 when every input was processed or skipped, 1 when any failed."""
        return 1 if self.failed else 0

    @property
    def docs_per_second(self) -> float:
        return self.stored / self.seconds if self.seconds > 0 else 0.0

    def lines(self) -> list[str]:
        """The human summary, one fact per line (failures listed by :meth:`failure_lines`)."""
        out = [
            f"documents read:      {self.read}",
            f"stored:              {self.stored}",
            f"skipped (already stored): {self.skipped}",
            f"failed:              {len(self.failed)}",
            f"events added:        {self.events_added}",
        ]
        if self.undated:
            out.append(f"without a published date: {self.undated} (event dates only from the "
                       "text; give --published or --undated mtime|skip)")
        if self.dated_by_mtime:
            out.append(f"dated by file modification time: {self.dated_by_mtime}")
        if self.dated_by_dateline:
            out.append(f"dated by their dateline: {len(self.dated_by_dateline)}")
        if self.empty:
            out.append(f"empty, skipped:      {len(self.empty)}")
        for enc, n in sorted(self.encodings.items()):
            out.append(f"decoded as {enc} (not UTF-8): {n}")
        if self.namesakes_settled:
            out.append(f"namesake villages placed by the other events of those days: "
                       f"{self.namesakes_settled}")
        out.append(f"time: {self.seconds:.1f} s ({self.docs_per_second:.2f} documents/s, "
                   f"{self.executor} executor, {self.workers} worker(s))")
        return out

    def failure_lines(self) -> list[str]:
        return [f"failed: {f.origin}: {f.reason}" for f in self.failed]

    def warning_lines(self) -> list[str]:
        """Empty inputs skipped, documents dated by their dateline and documents left undated,
        in the words every command uses (:mod:`geo_events.cli._inputs`)."""
        return ([f"warning: {f.origin}: {f.reason}, skipped" for f in self.empty]
                + [f"{origin}: dated {day} by its dateline {how}; give --published to override"
                   for origin, day, how in self.dated_by_dateline]
                + undated_warnings(self.undated_origins))


def run_corpus(
    sources: Iterable[str | Path],
    store: EventStore | str | Path,
    process: ProcessFn = extract_article,
    *,
    profile: str | None = None,
    executor: str = "local",
    workers: int = 1,
    scheduler: str | None = None,
    published: date | None = None,
    undated: str = "none",
    max_chars: int = DEFAULT_MAX_CHARS,
    progress: bool | TextIO = True,
    language: str | None = None,
) -> RunSummary:
    """Process every document under ``sources`` and append its events to ``store``.

    ``process`` is the per-document work (see :data:`ProcessFn`); ``profile`` is handed to it.
    ``executor``/``workers``/``scheduler`` choose where it runs (module docstring).
    ``published``, ``undated`` and ``max_chars`` are passed to :func:`iter_documents`.
    ``progress`` shows a tqdm bar on stderr (or on the given stream); False hides it.
    ``language`` (a language pack's code) is handed to ``process`` as its ``language`` keyword
    when given (:func:`extract_article` reads the texts in that language); a language without a
    pack raises :class:`~geo_events.errors.LanguagePackError` before any document is read.
    Failures are recorded in the store's ``failures`` table and in the summary; nothing about a
    single bad input raises.
    """
    paths = [Path(s) for s in sources]
    _check_arguments(paths, executor, workers, scheduler)
    if language is not None:
        from geo_events.language import language_pack

        language_pack(language)  # fail before any document on a language without a pack
        process = _InLanguage(process, language)
    own_store = not isinstance(store, EventStore)
    db = store if isinstance(store, EventStore) else EventStore(store)
    summary = RunSummary(executor=executor, workers=workers)
    started = time.perf_counter()
    try:
        with _executor(executor, workers, scheduler, process, profile) as pool, \
                _progress_bar(progress, paths) as bar:
            _drive(pool, db, paths, summary, bar,
                   dict(published=published, undated=undated, max_chars=max_chars))
        summary.namesakes_settled = settle_stored_namesakes(db)
        db.update_extent()
    finally:
        summary.seconds = time.perf_counter() - started
        if own_store:
            db.close()
    return summary


def settle_stored_namesakes(db: EventStore) -> int:
    """Let the store decide namesake villages (:func:`settle_namesakes`): events whose village
    several villages of its oblast are named after move to the namesake near the store's other
    events of the same days. Reads only those events and the events of their days. Returns how
    many moved."""
    from geo_events.geoparse.namesakes import WINDOWS_DAYS, settle_namesakes

    pending = [e for e in db.events_with_namesakes() if e.date_from is not None]
    if not pending:
        return 0
    margin = timedelta(days=max(WINDOWS_DAYS))
    events = db.events_between(min(d for e in pending if (d := e.date_from) is not None) - margin,
                               max(d for e in pending if (d := e.date_to) is not None) + margin)
    moved = [(before.id, after) for before, after in zip(events, settle_namesakes(events),
                                                          strict=True)
             if before.place.namesakes and not after.place.namesakes]
    return db.relocate(moved) if moved else 0


def _check_arguments(sources: list[Path], executor: str, workers: int,
                     scheduler: str | None) -> None:
    if executor not in EXECUTORS:
        raise InputError(f"executor {executor!r} is unknown; use one of {', '.join(EXECUTORS)}")
    if workers < 1:
        raise InputError(f"--workers {workers}: give 1 or more worker processes")
    if scheduler and executor != "dask":
        raise InputError(f"--scheduler {scheduler} needs --executor dask")
    if not sources:
        raise InputError("no input given: name files or folders to read")
    if not any(s.exists() for s in sources):
        raise InputError(f"none of the inputs exist: {', '.join(map(str, sources))}")


def _drive(pool: _Backend, db: EventStore, sources: list[Path], summary: RunSummary, bar: Any,
           read_opts: dict[str, Any]) -> None:
    """Feed documents to the backend with a bounded window and store results as they finish."""
    known = db.article_ids()
    pending: dict[Any, Document] = {}
    tries: dict[str, int] = {}
    window = max(4, 4 * pool.workers)  # enough to keep workers busy, bounded memory

    def fail(origin: str, reason: str) -> None:
        summary.failed.append(Failure(origin, reason))
        db.add_failure(origin, reason)

    def collect(handles: Iterable[Any]) -> None:
        for handle in handles:
            doc = pending.pop(handle)
            try:
                events = pool.result(handle)
            except BrokenProcessPool as exc:
                # A dying worker fails every document in flight, not only the one that killed
                # it: give each another try in a fresh pool before blaming it.
                tries[doc.origin] = tries.get(doc.origin, 0) + 1
                if tries[doc.origin] < MAX_TRIES:
                    pending[pool.submit(doc.article)] = doc
                    continue
                fail(doc.origin, _reason(exc))
            except Exception as exc:  # the document failed, not the run: report it by name
                fail(doc.origin, _reason(exc))
            else:
                key = doc.article.content_hash
                summary.events_added += db.add_document(
                    doc.article, _stamp(events, doc.article, key), origin=doc.origin,
                    title=doc.title, article_id=key)
                summary.stored += 1
                if doc.article.published is None:
                    summary.undated += 1
                    summary.undated_origins.append(doc.origin)
                summary.dated_by_mtime += doc.date_from == "mtime"
                if doc.date_from == "dateline" and doc.article.published is not None:
                    summary.dated_by_dateline.append((doc.origin, doc.article.published,
                                                      doc.dateline or ""))
            bar.update(1)
            bar.set_postfix(events=summary.events_added, failed=len(summary.failed),
                            refresh=False)

    for item in iter_documents(sources, **read_opts):
        if isinstance(item, ReadFailure):
            if item.skip:  # empty: a warning, not a failure (the same in every command)
                summary.empty.append(Failure(item.origin, item.reason))
            else:
                fail(item.origin, item.reason)
            bar.update(1)
            continue
        summary.read += 1
        if item.encoding != "utf-8":
            summary.encodings[item.encoding] += 1
        key = item.article.content_hash
        if key in known:
            summary.skipped += 1
            bar.update(1)
            continue
        known.add(key)
        pending[pool.submit(item.article)] = item
        while len(pending) >= window:
            collect(pool.wait_some(list(pending)))
    while pending:
        collect(pool.wait_some(list(pending)))


def _stamp(events: Iterable[Event], article: Article, key: str) -> list[Event]:
    """Tie events to their document: article id = content hash; fill published/source if unset."""
    out = []
    for ev in events:
        changes: dict[str, Any] = {}
        if ev.article_id != key:
            changes["article_id"] = key
        if ev.published is None and article.published is not None:
            changes["published"] = article.published
        if ev.source is None and article.source is not None:
            changes["source"] = article.source
        out.append(replace(ev, **changes) if changes else ev)
    return out


def _reason(exc: BaseException) -> str:
    if isinstance(exc, BrokenProcessPool):
        return "worker process died while processing it (out of memory or a crash in the pipeline)"
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else '(no message)'}"


# -- progress -------------------------------------------------------------------------------------

def _progress_bar(progress: bool | TextIO, sources: list[Path]) -> Any:
    """A tqdm bar over the documents; none when ``progress`` is False, when the environment
    sets ``GEO_EVENTS_NO_PROGRESS=1`` (CI logs), or when ``progress`` is True and stderr is no
    terminal (see :func:`geo_events.progress.progress_enabled`); a stream given as ``progress``
    gets the bar whatever it is."""
    if progress is False or progress_disabled() or (progress is True
                                                    and not progress_enabled()):
        return NoBar()
    from tqdm import tqdm

    stream = sys.stderr if progress is True else progress
    return tqdm(total=count_documents(sources), file=stream, unit="doc", desc="geo-events run",
                dynamic_ncols=True)


# -- executors ------------------------------------------------------------------------------------

_WARM_UP_ERROR: BaseException | None = None


def warm_up(process: ProcessFn, profile: str | None) -> None:
    """Load the pipeline in this worker process by processing a one-line document.

    An error is kept and re-raised by the first real task, so it is reported against a document
    instead of killing the worker pool.
    """
    global _WARM_UP_ERROR
    try:
        process(Article(text="Reports from the region said fighting continued on Monday."),
                profile)
    except Exception as exc:
        _WARM_UP_ERROR = exc


def _work(process: ProcessFn, article: Article, profile: str | None) -> list[Event]:
    """One task in a worker process: the document's events (a picklable list)."""
    if _WARM_UP_ERROR is not None:
        raise _WARM_UP_ERROR
    return list(process(article, profile))


class _Backend:
    """Where the per-document work runs: submit documents, wait for some, take results."""

    workers = 1

    def submit(self, article: Article) -> Any:
        raise NotImplementedError

    def wait_some(self, handles: list[Any]) -> Iterable[Any]:
        """Block until at least one handle is done; return the done ones."""
        raise NotImplementedError

    def result(self, handle: Any) -> list[Event]:
        raise NotImplementedError

    def __enter__(self) -> _Backend:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


class _InlineBackend(_Backend):
    """Runs each document in this process when it is submitted."""

    def __init__(self, process: ProcessFn, profile: str | None) -> None:
        self.process, self.profile = process, profile

    def submit(self, article: Article) -> cf.Future:
        fut: cf.Future = cf.Future()
        try:
            fut.set_result(list(self.process(article, self.profile)))
        except Exception as exc:
            fut.set_exception(exc)
        return fut

    def wait_some(self, handles: list[Any]) -> Iterable[Any]:
        return handles

    def result(self, handle: cf.Future) -> list[Event]:
        return handle.result()


class _ProcessBackend(_Backend):
    """N worker processes, each warmed up once; a pool broken by a dying worker is replaced."""

    def __init__(self, workers: int, process: ProcessFn, profile: str | None) -> None:
        self.workers, self.process, self.profile = workers, process, profile
        self._pool = self._new_pool()

    def _new_pool(self) -> cf.ProcessPoolExecutor:
        return cf.ProcessPoolExecutor(self.workers, initializer=warm_up,
                                      initargs=(self.process, self.profile))

    def submit(self, article: Article) -> cf.Future:
        try:
            return self._pool.submit(_work, self.process, article, self.profile)
        except BrokenProcessPool:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = self._new_pool()
            return self._pool.submit(_work, self.process, article, self.profile)

    def wait_some(self, handles: list[Any]) -> Iterable[Any]:
        return cf.wait(handles, return_when=cf.FIRST_COMPLETED).done

    def result(self, handle: cf.Future) -> list[Event]:
        return handle.result()

    def __exit__(self, *exc: object) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class _DaskBackend(_Backend):
    """Tasks on ``dask.distributed``: an existing scheduler, or a LocalCluster of processes."""

    def __init__(self, workers: int, scheduler: str | None, process: ProcessFn,
                 profile: str | None) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise InputError("--executor dask needs dask.distributed: "
                             "pip install 'geo-events[dask]'") from exc
        self.process, self.profile = process, profile
        self._cluster = None
        try:
            if scheduler:
                self._client = Client(scheduler, timeout="30s")
            else:
                import dask

                # The workers' statistical profiler samples every thread's stack every 10 ms;
                # on spaCy's deep stacks that halved throughput (benchmarks/bench_run.py).
                with dask.config.set({"distributed.worker.profile.enabled": False}):
                    self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1,
                                                 processes=True, dashboard_address=":0",
                                                 silence_logs=logging.CRITICAL)
                self._client = Client(self._cluster)
        except OSError as exc:
            if self._cluster is not None:
                self._cluster.close()
            raise InputError(f"cannot reach the Dask scheduler {scheduler}: {exc}; check the "
                             "address (tcp://HOST:8786) or leave --scheduler out for a local "
                             "cluster") from exc
        self.workers = max(1, len(self._client.scheduler_info()["workers"]) or workers)
        try:
            self._client.run(warm_up, process, profile)
        except Exception as exc:  # e.g. workers of an existing cluster without geo_events
            self.__exit__()
            raise InputError(f"the Dask workers cannot run the pipeline ({_reason(exc)}); "
                             "install geo-events (same version) where the workers run") from exc
        self._n = 0

    def submit(self, article: Article) -> Any:
        self._n += 1
        # A unique key per submission: dask would otherwise merge identical calls.
        return self._client.submit(_work, self.process, article, self.profile,
                                   key=f"geo-events-doc-{self._n}-{article.content_hash[:12]}",
                                   pure=False)

    def wait_some(self, handles: list[Any]) -> Iterable[Any]:
        from distributed import wait

        return wait(handles, return_when="FIRST_COMPLETED").done

    def result(self, handle: Any) -> list[Event]:
        try:
            return handle.result()
        finally:
            handle.release()

    def __exit__(self, *exc: object) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def _prepare_shared_caches(process: ProcessFn) -> None:
    """Build the gazetteer's on-disk index here, once, before worker processes start: otherwise
    every worker of a fresh machine builds the same index at the same time (minutes of CPU)."""
    if process is extract_article:
        from geo_events.gazetteer import get_gazetteer

        get_gazetteer()


def _executor(executor: str, workers: int, scheduler: str | None, process: ProcessFn,
              profile: str | None) -> _Backend:
    if workers > 1 or (executor == "dask" and not scheduler):
        _prepare_shared_caches(process)
    if executor == "dask":
        return _DaskBackend(workers, scheduler, process, profile)
    if workers == 1:
        return _InlineBackend(process, profile)
    return _ProcessBackend(workers, process, profile)
