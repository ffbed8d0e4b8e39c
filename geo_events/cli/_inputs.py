"""The one way every command reads articles: :mod:`geo_events.readers` plus the same messages.

``events``, ``geoparse``, ``map`` and ``run`` accept the same inputs (folders, ``.txt`` with front
matter or a ``NAME.json`` sidecar, ``.html``, ``.jsonl``, ``.csv``) and report them alike on
stderr, prefixed ``geo-events COMMAND:``:

* an unreadable file, line or row: ``ORIGIN: REASON`` (a failure: exit status 1, the rest is
  processed); no input existing at all is a bad argument (exit 2);
* an empty file or text: ``warning: ORIGIN: empty file, skipped`` (not a failure);
* a document dated by its wire dateline: ``ORIGIN: dated YYYY-MM-DD by its dateline "..."``;
* documents with no date at all: ``warning: ORIGIN has no published date ...`` (one line per
  document, the first :data:`~geo_events.readers.MAX_UNDATED_LINES`, then a count).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TextIO

from geo_events.errors import InputError
from geo_events.readers import (
    DEFAULT_MAX_CHARS,
    Document,
    ReadFailure,
    iter_documents,
    iter_jsonl_stream,
    undated_warnings,
)


@dataclass
class ReadInputs:
    """What :func:`read_inputs` read: the documents, and how many inputs failed or were skipped."""

    documents: list[Document] = field(default_factory=list)
    failed: int = 0
    skipped: int = 0
    undated: list[str] = field(default_factory=list)


class InputReporter:
    """Prints the reading messages of one command (see the module docstring)."""

    def __init__(self, command: str, stream: TextIO | None = None) -> None:
        self.command = command
        self.stream = stream
        self.undated: list[str] = []

    def _print(self, line: str) -> None:
        print(f"geo-events {self.command}: {line}", file=self.stream or sys.stderr)

    def failure(self, item: ReadFailure) -> bool:
        """Report ``item``; True when it counts as a failure (False: skipped with a warning)."""
        if item.skip:
            self._print(f"warning: {item.origin}: {item.reason}, skipped")
            return False
        self._print(f"{item.origin}: {item.reason}")
        return True

    def document(self, doc: Document) -> None:
        """Say how ``doc`` was dated when it was by its dateline; remember it when undated."""
        if doc.date_from == "dateline":
            self._print(f"{doc.origin}: dated {doc.article.published} by its dateline "
                        f"{doc.dateline}; give --published to override")
        elif doc.article.published is None:
            self.undated.append(doc.origin)

    def finish(self) -> None:
        """Warn about the undated documents seen (call once, after the last document)."""
        for line in undated_warnings(self.undated):
            self._print(line)


def check_sources(sources: Iterable[str | Path]) -> list[Path]:
    """The sources as paths; InputError (exit 2) when none is given or none of them exists."""
    paths = [Path(s) for s in sources]
    if not paths:
        raise InputError("no input given: name files or folders to read")
    if not any(p.exists() for p in paths):
        raise InputError(f"none of the inputs exist: {', '.join(map(str, paths))}")
    return paths


def read_inputs(sources: Iterable[str | Path], command: str, *, published: date | None = None,
                undated: str = "none", max_chars: int = DEFAULT_MAX_CHARS,
                stream: TextIO | None = None) -> ReadInputs:
    """Read every document under ``sources`` as ``geo-events run`` does, reporting as it goes.

    Raises InputError when no input exists; an input that exists but yields no readable
    document leaves ``documents`` empty (the caller says what that means for it).
    """
    paths = check_sources(sources)
    report = InputReporter(command, stream)
    result = ReadInputs()
    for item in iter_documents(paths, published=published, undated=undated,
                               max_chars=max_chars):
        if isinstance(item, ReadFailure):
            if report.failure(item):
                result.failed += 1
            else:
                result.skipped += 1
            continue
        report.document(item)
        result.documents.append(item)
    report.finish()
    result.undated = report.undated
    return result


def jsonl_stdin(stream: TextIO | None = None) -> Iterator[tuple[object, Document | ReadFailure]]:
    """``(id, item)`` per non-blank line of a ``--jsonl`` stream, read as a ``.jsonl`` file is.

    ``id`` is the line's own ``"id"`` value as given (a number stays a number), else its 1-based
    line number; ``item`` a Document or a ReadFailure naming ``<stdin>:LINE`` and the reason in
    full (a JSON syntax error says where on the line).
    """
    for number, line in enumerate(stream or sys.stdin, 1):
        if not line.strip():
            continue
        ident: object = number
        try:
            record = json.loads(line)
        except ValueError:
            record = None
        if isinstance(record, dict) and record.get("id") is not None:
            ident = record["id"]
        for item in iter_jsonl_stream([line], first_line=number):
            yield ident, item
