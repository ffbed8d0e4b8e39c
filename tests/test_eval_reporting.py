"""The event check of ``benchmarks/eval_reporting.py`` (real reporting against DeepStateMap):
which snapshot checks an event dated by an interval, and how exactly its place is located.

Synthetic events and snapshots only: no shared data needed.
"""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path

import pytest
import shapely

from geo_events.model import Event, Location, Place

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "eval_reporting.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("eval_reporting_under_test", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _snapshots(bench, *days: str):
    return [bench.Snapshot(date.fromisoformat(d), shapely.Polygon(), shapely.Polygon())
            for d in days]


VILLAGE = Place(id="gn:1", name="Village", level="populated_place", latitude=48.0,
                longitude=37.0, country_code="UA", admin1_code="UA.05")


def _event(date_from: str, date_to: str, precision: str, place: Place = VILLAGE) -> Event:
    return Event(kind="capture", place=place, date_from=date.fromisoformat(date_from),
                 date_to=date.fromisoformat(date_to), date_precision=precision, gain="RU")


def test_a_month_is_checked_after_it_ends(bench):
    snaps = _snapshots(bench, "2022-06-01", "2022-06-26", "2022-07-04")
    in_june = _event("2022-06-01", "2022-06-30", "month")
    assert bench.check_snapshot(in_june, snaps).day == date(2022, 7, 4)
    # the rule before 2026-12-06 checked "in June" against the snapshot of 1 June
    assert bench.check_snapshot(in_june, snaps, "start").day == date(2022, 6, 1)


def test_a_day_is_checked_by_a_snapshot_of_a_later_day(bench):
    snaps = _snapshots(bench, "2022-09-13", "2022-09-30")
    on_13th = _event("2022-09-13", "2022-09-13", "day")
    assert bench.check_snapshot(on_13th, snaps).day == date(2022, 9, 30)
    assert bench.check_snapshot(on_13th, snaps, "start").day == date(2022, 9, 13)


def test_no_snapshot_within_the_window_after_the_interval(bench):
    snaps = _snapshots(bench, "2022-11-12", "2023-01-01")
    in_november = _event("2022-11-01", "2022-11-30", "month")
    assert bench.check_snapshot(in_november, snaps) is None  # 1 January is 32 days later
    undated = Event(kind="capture", place=VILLAGE, date_from=None, date_to=None)
    assert bench.check_snapshot(undated, snaps) is None


def test_location_precision_of_a_check(bench):
    assert bench.location_precision(VILLAGE) == "point"
    missing = Place(id="unresolved:UA.05:dibrova", name="Dibrova", level="populated_place",
                    latitude=48.0, longitude=37.0, country_code="UA", admin1_code="UA.05",
                    location=Location(precision="community"))
    oblast = Place(id="adm1:UA.05", name="Donetsk Oblast", level="admin1", latitude=48.0,
                   longitude=37.0, country_code="UA")
    bank = Place(id="bank:right:dnipro:adm1:UA.08", name="right bank", level="region",
                 latitude=46.7, longitude=32.8, country_code="UA")
    assert {bench.location_precision(p) for p in (missing, oblast, bank)} == {"approximate"}


def test_a_settlement_at_its_units_label_point_is_checked_and_split_out(bench):
    """A village known only by its oblast sits at the oblast's label point: checked there (the
    issue's method counts every change) and split out as ``label point``."""
    snaps = [bench.Snapshot(date(2022, 9, 30), shapely.box(36.5, 47.5, 37.5, 48.5),
                            shapely.Polygon())]
    at_label = Place(id="unresolved:UA.05:zarichne", name="Zarichne", level="populated_place",
                     latitude=48.0, longitude=37.0, country_code="UA", admin1_code="UA.05",
                     location=Location(precision="admin1", located_by="adm1:UA.05"))
    in_community = Place(id="unresolved:UA.05:zarichne", name="Zarichne",
                         level="populated_place", latitude=48.0, longitude=37.0,
                         country_code="UA", admin1_code="UA.05",
                         location=Location(precision="community", radius_km=9.0))
    assert bench.unlocated(at_label) and not bench.unlocated(in_community)
    assert not bench.unlocated(VILLAGE)
    rows = bench.check_events([_event("2022-09-20", "2022-09-20", "day", at_label),
                               _event("2022-09-20", "2022-09-20", "day", in_community)], snaps)
    assert [r["located"] for r in rows] == ["label point", "approximate"]
    assert rows[0]["right"] is True
    assert rows[1]["right"] is True and rows[1]["located"] == "approximate"
