"""Progress bars (tqdm on stderr; ``GEO_EVENTS_NO_PROGRESS=1`` hides them all).

Every command that parses articles (``events``, ``geoparse``, ``map``, ``run``) shows one bar over
the documents, ``import`` one over the rows; output on stdout is never mixed with it. One long
document also shows bars of its own, over the characters of its geoparsing and of its event
extraction (:func:`document_bar`).
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


def progress_enabled() -> bool:
    """False when the environment sets ``GEO_EVENTS_NO_PROGRESS=1`` (as CI does)."""
    return os.environ.get("GEO_EVENTS_NO_PROGRESS") != "1"


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
    done), or a :class:`NoBar`: shown when ``show`` is True, or when it is None and the
    document has at least :data:`LONG_DOCUMENT_CHARS` characters; never when ``show`` is
    False or ``GEO_EVENTS_NO_PROGRESS=1``."""
    if show is False or not progress_enabled() or (
            show is None and n_chars < LONG_DOCUMENT_CHARS):
        return NoBar()
    from tqdm import tqdm

    return tqdm(total=n_chars, desc=desc, unit="char", unit_scale=True, file=sys.stderr,
                leave=False, mininterval=1.0, dynamic_ncols=True)
