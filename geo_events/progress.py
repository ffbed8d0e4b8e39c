"""The progress bar of the long commands (tqdm on stderr; ``GEO_EVENTS_NO_PROGRESS=1`` hides it).

Every command that parses articles (``events``, ``geoparse``, ``map``, ``run``) shows one bar over
the documents, ``import`` one over the rows; output on stdout is never mixed with it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


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
