"""Evaluation tier: event extraction on real ACLED Ukraine analyst notes (../shared, read-only).

Uses benchmarks/eval_events.py's scoring (the same rules as the printed benchmark). Skipped with
a reason when the shared data are absent.
"""

from __future__ import annotations

import importlib.util
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

pytestmark = [pytest.mark.evaluation, pytest.mark.integration]

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "eval_events.py"


def _bench():
    spec = importlib.util.spec_from_file_location("eval_events", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def acled(shared):
    folder = shared / "events" / "acled_ukraine"
    if not folder.is_dir():
        pytest.skip(f"ACLED evaluation data not available: {folder} does not exist")
    return folder


@pytest.fixture(scope="module")
def territory_verdicts(acled, nlp):
    import pandas as pd

    from geo_events.events import extract_events, settle_namesakes
    from geo_events.gazetteer import get_gazetteer

    bench = _bench()
    gaz = get_gazetteer()
    df = pd.read_csv(acled / bench.TERRITORY)
    per_row = [extract_events(r.notes, published=date.fromisoformat(r.event_date_iso),
                              profile="russia-ukraine") for r in df.itertuples()]
    # as the benchmark and `geo-events run` do: namesakes decided by the corpus's other notes
    settled = iter(settle_namesakes([e for events in per_row for e in events]))
    per_row = [[next(settled) for _ in events] for events in per_row]
    rows = []
    for r, events in zip(df.itertuples(), per_row, strict=True):
        day = date.fromisoformat(r.event_date_iso)
        verdict = bench.judge(events, r.latitude, r.longitude, bench.gold_side(r.actor1), day)
        in_gazetteer = any(bench.haversine_km(r.latitude, r.longitude, c.place.latitude,
                                              c.place.longitude) <= bench.MAX_KM
                           for c in gaz.search(str(r.location).split(" - ")[0], limit=None))
        rows.append((r.sub_event_type, verdict, in_gazetteer))
    return rows


def _recall(rows) -> float:
    return sum(v in ("ok", "ok_range") for _, v, _ in rows) / len(rows)


def test_other_kinds_rarely_yield_control_changes(acled, nlp):
    import pandas as pd

    from geo_events.events import extract_events

    bench = _bench()
    df = pd.read_csv(acled / bench.OTHER)
    alarms = Counter()
    for r in df.itertuples():
        events = extract_events(r.notes, published=date.fromisoformat(r.event_date_iso),
                                profile="russia-ukraine")
        if bench.control_changes(events):
            alarms[r.sub_event_type] += 1
    rate = sum(alarms.values()) / len(df)
    assert rate <= 0.05, alarms


def test_territory_changes_recovered_where_the_gazetteer_has_the_place(territory_verdicts):
    covered = [row for row in territory_verdicts if row[2]]
    assert len(covered) >= 60
    assert _recall(covered) >= 0.88  # measured 0.926 (75/81)
    # right place, wrong side should stay rare
    assert sum(v == "wrong_side" for _, v, _ in territory_verdicts) <= 3


def test_territory_recall_target(territory_verdicts):
    """Issue #4's target: 85% of the 164 notes (measured 140/164 = 85.4%, 2026-11-25)."""
    assert _recall(territory_verdicts) >= 0.85
