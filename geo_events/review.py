"""The review CSV: every event with its evidence and an empty ``decision`` column, and back.

``geo-events export --format review`` writes :func:`write_review`; a reviewer fills in the
``decision`` (and optionally ``note``) cells; ``geo-events correct --from FILE`` reads them back
with :func:`read_review` and stores the corrections. Only ``event_id``, ``decision`` and
``note`` are read back: the other columns are the evidence, and editing them changes nothing.

Decisions (case of the first word ignored; an empty cell leaves the event alone):

``accept``
    the event is right as it is (recorded, changes nothing);
``reject``
    leave the event out of every map, timeline and export;
``restore``
    undo an earlier rejection;
``set KEY=VALUE; KEY=VALUE``
    change fields (keys and values as in :mod:`geo_events.corrections`:
    ``set gain=UA; loss=RU; place=gn:712926; date=2022-09-10``);
``add KEY=VALUE; ...``
    on a row with an empty ``event_id``: an event made by hand (``place``, ``kind`` and
    ``date`` required).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from geo_events.corrections import Correction
from geo_events.errors import DataFileError, GeoEventsError, InputError

if TYPE_CHECKING:
    from geo_events.model import Event
    from geo_events.store import EventStore

#: Columns of the review CSV, in order.
REVIEW_COLUMNS = (
    "event_id", "decision", "note", "kind", "status", "date_from", "date_to", "date_precision",
    "place_id", "place_name", "admin1_name", "country_code", "latitude", "longitude", "gain",
    "loss", "gain_actor", "profile", "confidence", "sentence", "trigger", "source", "published",
    "url", "title", "article_id", "corrections",
)
DECISIONS = ("accept", "reject", "restore", "set", "add")


@dataclass(slots=True)
class ReviewResult:
    """What :func:`read_review` found: valid ``corrections`` (with the CSV line each came from)
    and ``failures`` (line, reason) of rows that could not be used; ``skipped`` rows had an
    empty decision."""

    corrections: list[tuple[int, Correction]] = field(default_factory=list)
    failures: list[tuple[int, str]] = field(default_factory=list)
    skipped: int = 0


def write_review(store: EventStore, path: str | Path) -> int:
    """Write the review CSV of ``store`` (its events as corrected; rejected ones left out) to
    ``path`` (UTF-8 with a byte-order mark, so spreadsheet programs read the accents); return
    the rows written."""
    articles = {a["id"]: a for a in store.articles()}
    history: dict[str, list[str]] = {}
    for c in store.corrections():
        history.setdefault(c.event_id, []).append(
            f"{c.corrected_at[:19]}Z {c.summary()}" + (f" ({c.note})" if c.note else ""))
    rows = store.event_rows()
    try:
        fh = open(path, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115 (closed below)
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}; give a file in an "
                         "existing folder") from exc
    with fh:
        writer = csv.DictWriter(fh, fieldnames=REVIEW_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for r in rows:
            art = articles.get(r["article_id"] or "", {})
            writer.writerow({**r, "decision": "", "note": "", "url": art.get("url"),
                             "title": art.get("title"),
                             "corrections": " | ".join(history.get(r["event_id"], []))})
    return len(rows)


def read_review(store: EventStore, path: str | Path) -> ReviewResult:
    """The corrections a filled-in review CSV asks for, validated against ``store`` (nothing
    is stored). Rows whose decision cannot be used are ``failures`` with their line number
    (the first line of the record; the header is line 1). Raises :class:`DataFileError` when
    the file cannot be read or lacks the ``event_id`` and ``decision`` columns."""
    path = Path(path)
    result = ReviewResult()
    try:
        fh = open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115 (closed below)
    except OSError as exc:
        raise DataFileError(f"cannot read {path}: {exc.strerror or exc}") from exc
    with fh:
        try:
            reader = csv.DictReader(fh)
            columns = reader.fieldnames or []
            if not {"event_id", "decision"} <= set(columns):
                raise DataFileError(f"{path} has no 'event_id' and 'decision' columns; write "
                                    "one with `geo-events export --format review`")
            current = store.current_events()
            last = reader.line_num
            for row in reader:
                line, last = last + 1, reader.line_num
                decision = (row.get("decision") or "").strip()
                if not decision:
                    result.skipped += 1
                    continue
                note = (row.get("note") or "").strip() or f"{path.name} line {line}"
                try:
                    result.corrections.append(
                        (line, _correction(store, (row.get("event_id") or "").strip(),
                                           decision, note, current)))
                except GeoEventsError as exc:
                    result.failures.append((line, str(exc)))
        except (csv.Error, UnicodeDecodeError) as exc:
            raise DataFileError(f"{path} line {reader.line_num}: not a readable CSV "
                                f"({exc})") from exc
    return result


def _correction(store: EventStore, event_id: str, decision: str, note: str,
                current: dict[str, Event]) -> Correction:
    word, _, rest = decision.partition(" ")
    action = word.strip().lower()
    if action not in DECISIONS:
        raise InputError(f"decision {decision!r} is unknown; use accept, reject, restore, "
                         "set KEY=VALUE; KEY=VALUE or (with no event_id) add KEY=VALUE; ...")
    settings = [s.strip() for s in rest.split(";") if s.strip()]
    if action == "add":
        if event_id:
            raise InputError("'add' makes a new event: leave event_id empty on its row")
        return store.make_correction(None, "add", settings, note)
    return store.make_correction(event_id, action, settings, note, current)
