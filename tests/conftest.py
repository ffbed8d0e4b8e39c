"""Shared fixtures. Tiers (markers in pyproject.toml): unit tests need nothing; ``integration``
uses the real spaCy pipeline, gazetteer and boundaries; ``browser`` drives Chromium;
``evaluation`` reads ../shared/benchmarks (skipped, with the reason, where it is absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Speed is measured in benchmarks/, never asserted in tests: property tests take no per-example
# deadline and no "generation is slow" health check, which fail on a loaded machine, not on a bug.
settings.register_profile("geo_events", deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("geo_events")

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"


def shared_dir() -> Path:
    """The read-only evaluation data folder (../shared next to the repository)."""
    return Path(os.environ.get("GEO_EVENTS_SHARED", REPO.parent / "shared"))


@pytest.fixture(scope="session")
def shared() -> Path:
    d = shared_dir() / "benchmarks"
    if not d.is_dir():
        pytest.skip(f"evaluation data not available: {d} does not exist")
    return d


@pytest.fixture(scope="session")
def gazetteer():
    from geo_events.gazetteer import get_gazetteer

    return get_gazetteer()


@pytest.fixture(scope="session")
def nlp(gazetteer):
    from geo_events.geoparse import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def control_changes(nlp):
    """``control_changes(published, text)``: the control changes of our own sentences ``text``
    published on ``published`` (a date), on the real pipeline under the ``russia-ukraine``
    profile; ``sided=False`` keeps a change of a control kind whose sides no one names too
    ("X was declared liberated")."""
    from geo_events.events import extract_events
    from geo_events.model import CONTROL_KINDS

    def changes(published, text: str, sided: bool = True) -> list:
        return [e for e in extract_events(text, published=published, profile="russia-ukraine")
                if (e.is_control_change if sided else e.kind in CONTROL_KINDS)]

    return changes


@pytest.fixture(scope="session")
def explained(nlp):
    """``explained(published, text)``: the explained result of our own sentences ``text``
    published on ``published`` (a date), on the real pipeline under the ``russia-ukraine``
    profile (``extract_events(..., explain=True)``): ``.events``, every event (the list
    ``extract_events`` returns without ``explain``, claims and advances too), and ``.dropped``,
    the candidates that made no event with the rule that dropped each."""
    from geo_events.events import extract_events

    def result(published, text: str):
        return extract_events(text, published=published, profile="russia-ukraine",
                              explain=True)

    return result


@pytest.fixture(scope="session")
def flagship_text() -> str:
    return (EXAMPLES / "flagship.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def flagship_parsed(nlp, flagship_text):
    from datetime import date

    from geo_events.geoparse import parse

    return parse(flagship_text, published=date(2022, 10, 3))


@pytest.fixture(scope="session")
def driver():
    """One headless Chromium with no network for every browser test of the session
    (:func:`browser.chromium.offline_driver`); skipped with the reason when Chromium, its
    driver or selenium is missing."""
    from browser.chromium import chromium_available, offline_driver

    reason = chromium_available()
    if reason:
        pytest.skip(reason)
    with offline_driver() as d:
        yield d
