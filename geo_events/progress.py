"""Progress bars on stderr (tqdm) for long work: a corpus run's documents (:mod:`geo_events.runner`)
and one long document's geoparsing and event extraction. ``GEO_EVENTS_NO_PROGRESS=1`` hides
every bar (CI logs), as for the gazetteer build.
"""

from __future__ import annotations

import os
import sys
from typing import Any

#: A document this long (characters) or longer shows bars for its geoparsing and its event
#: extraction when the caller does not say (``progress=None``): about two of the geoparser's
#: chunks, some 2,500 sentences of news, half a minute of work or more.
LONG_DOCUMENT_CHARS = 200_000


def progress_disabled() -> bool:
    """True when the environment asks for no progress bars (``GEO_EVENTS_NO_PROGRESS=1``)."""
    return os.environ.get("GEO_EVENTS_NO_PROGRESS") == "1"


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


def document_bar(n_chars: int, desc: str, progress: bool | None = None) -> Any:
    """A bar over the characters of one document's work (a tqdm bar on stderr, gone when
    done), or a :class:`NoBar`: shown when ``progress`` is True, or when it is None and the
    document has at least :data:`LONG_DOCUMENT_CHARS` characters; never when ``progress`` is
    False or ``GEO_EVENTS_NO_PROGRESS=1``."""
    if progress is False or progress_disabled() or (
            progress is None and n_chars < LONG_DOCUMENT_CHARS):
        return NoBar()
    from tqdm import tqdm

    return tqdm(total=n_chars, desc=desc, unit="char", unit_scale=True, file=sys.stderr,
                leave=False, mininterval=1.0, dynamic_ncols=True)
