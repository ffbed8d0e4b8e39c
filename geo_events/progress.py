"""Progress bars (tqdm on stderr), shown only when stderr is a terminal.

Every command that parses articles (``events``, ``geoparse``, ``map``, ``run``) shows one bar over
the documents, ``import`` one over the rows; output on stdout is never mixed with it. One long
document also shows bars of its own, over the characters of its geoparsing and of its event
extraction (:func:`document_bar`).

When stderr is not a terminal (a log file, a pipe, CI, captured output) no bar is drawn, so logs
hold no carriage-return debris. ``GEO_EVENTS_NO_PROGRESS=1`` hides every bar, even one a caller
asks for; ``GEO_EVENTS_PROGRESS=1`` shows them on any stderr (see :func:`progress_enabled`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")

#: A document this long (characters) or longer shows bars for its geoparsing and its event
#: extraction when the caller does not say (``progress=None``): about two of the geoparser's
#: chunks, some 2,500 sentences of news, half a minute of work or more.
LONG_DOCUMENT_CHARS = 200_000


def progress_disabled() -> bool:
    """True when the environment sets ``GEO_EVENTS_NO_PROGRESS=1``: no bar at all."""
    return os.environ.get("GEO_EVENTS_NO_PROGRESS") == "1"


def progress_enabled(stream: Any = None) -> bool:
    """Whether bars are drawn on ``stream`` (default stderr): never with
    ``GEO_EVENTS_NO_PROGRESS=1``; always with ``GEO_EVENTS_PROGRESS=1``; otherwise only when the
    stream is a terminal."""
    if progress_disabled():
        return False
    if os.environ.get("GEO_EVENTS_PROGRESS") == "1":
        return True
    stream = sys.stderr if stream is None else stream
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


def progress(items: Iterable[T], *, desc: str, unit: str = "doc",
             total: int | None = None) -> Iterator[T]:
    """Iterate ``items`` with a tqdm bar on stderr (none when disabled)."""
    if not progress_enabled():
        yield from items
        return
    from tqdm import tqdm

    if total is None and hasattr(items, "__len__"):
        total = len(items)  # type: ignore[arg-type]
    with tqdm(items, total=total, desc=desc, unit=unit, file=sys.stderr, leave=False,
              mininterval=0.5) as bar:
        yield from bar


class NoBar:
    """A bar that shows nothing (same methods as the tqdm bar used)."""

    def update(self, n: int = 1) -> None:
        pass

    def set_postfix(self, **kw: Any) -> None:
        pass

    def close(self) -> None:
        pass

    def __enter__(self) -> NoBar:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


def document_bar(n_chars: int, desc: str, show: bool | None = None) -> Any:
    """A bar over the characters of one document's work (a tqdm bar on stderr, gone when
    done), or a :class:`NoBar`: shown when ``show`` is True (the caller asks, whatever stderr
    is), or when it is None, the document has at least :data:`LONG_DOCUMENT_CHARS` characters
    and :func:`progress_enabled` (stderr a terminal); never when ``show`` is False or
    ``GEO_EVENTS_NO_PROGRESS=1``."""
    if show is False or progress_disabled() or (show is None and (
            n_chars < LONG_DOCUMENT_CHARS or not progress_enabled())):
        return NoBar()
    from tqdm import tqdm

    return tqdm(total=n_chars, desc=desc, unit="char", unit_scale=True, file=sys.stderr,
                leave=False, mininterval=1.0, dynamic_ncols=True)
