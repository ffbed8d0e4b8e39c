"""ACLED / UCDP imports: every row kept, kinds and sides mapped, reruns add nothing.

The unit tests build small CSVs here; the evaluation tests read the real exports in
``../shared/benchmarks/events`` (skipped with a reason when that folder is absent).
"""

from __future__ import annotations

import csv
import math
from datetime import date
from pathlib import Path

import pytest

from geo_events.cli import main as cli_main
from geo_events.exports import acled_frame, events_frame
from geo_events.imports import import_file, kind_for_acled, parse_acled_date, parse_ucdp_date
from geo_events.store import EventStore

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks" / "events"
ACLED_DIR = SHARED / "acled_ukraine"
UCDP_FILE = SHARED / "ucdp_ged_ukraine" / "ucdp_ged_ukraine_2022-2023_plus_300_older.csv"

_ACLED_2024 = ["id", "iso", "event_id_cnty", "event_date", "year", "time_precision", "event_type",
               "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
               "inter2", "interaction", "region", "country", "admin1", "admin2", "admin3",
               "location", "latitude", "longitude", "source_scale", "notes", "fatalities",
               "timestamp", "geo_precision", "source", "civilian_targeting", "disorder_type",
               "tags", "actor_dyad"]


def _acled_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="") as fh:
        w = csv.DictWriter(fh, _ACLED_2024)
        w.writeheader()
        for r in rows:
            w.writerow({c: r.get(c, "") for c in _ACLED_2024})
    return path


def _row(**kw: str) -> dict[str, str]:
    base = {"iso": "804", "event_id_cnty": "TST1", "event_date": "01/06/2022 00:00:00",
            "time_precision": "1", "event_type": "Battles",
            "sub_event_type": "Non-state actor overtakes territory",
            "actor1": "Military Forces of Russia (2000-)",
            "actor2": "Military Forces of Ukraine (2019-)", "country": "Ukraine",
            "admin1": "Donetsk", "location": "Test place", "latitude": "48.9",
            "longitude": "37.6", "geo_precision": "1", "source": "Wire",
            "notes": "On 1 June 2022, Russian forces took the town."}
    return {**base, **kw}


@pytest.mark.integration
def test_small_acled_file(tmp_path: Path) -> None:
    src = _acled_csv(tmp_path / "a.csv", [
        _row(),
        _row(event_id_cnty="TST2", sub_event_type="Government regains territory",
             actor1="Military Forces of Ukraine (2019-)", actor2="", event_date="02/06/2022"),
        _row(event_id_cnty="TST3", latitude="", longitude="", sub_event_type="Peaceful protest"),
        _row(event_id_cnty="TST4", sub_event_type="Armed clash", time_precision="3",
             geo_precision="3"),
    ])
    store = tmp_path / "s.gpkg"
    summary = import_file(store, src, "acled")
    assert (summary.rows, summary.added, len(summary.unplaced)) == (4, 4, 1)
    assert summary.profile == "russia-ukraine"
    again = import_file(store, src, "acled")
    assert (again.added, again.skipped) == (0, 4)
    with EventStore(store) as s:
        events = {e.place.raw["acled"]["event_id_cnty"]: e for e in s.events()}
    cap, recap, protest, clash = (events[k] for k in ("TST1", "TST2", "TST3", "TST4"))
    assert (cap.kind, cap.gain, cap.loss) == ("capture", "RU", "UA")
    assert cap.date_from == cap.date_to == date(2022, 6, 1)
    assert cap.place.country_code == "UA" and cap.place.admin1_code == "UA.05"
    assert (recap.kind, recap.gain, recap.loss) == ("recapture", "UA", "RU")
    assert protest.kind == "other" and math.isnan(protest.place.latitude)
    assert clash.kind == "clash" and clash.place.level == "feature"
    assert clash.place.name == "Test place (approximate: somewhere in Donetsk)"
    assert (clash.date_from, clash.date_to) == (date(2022, 6, 1), date(2022, 6, 30))
    # an ACLED row exported again keeps its ACLED identity
    with EventStore(store) as s:
        back = acled_frame(events_frame(s))
    assert set(back["event_id_cnty"]) == {"TST1", "TST2", "TST3", "TST4"}
    assert back.set_index("event_id_cnty").loc["TST4", "event_date"] == "2022-06-01"


def test_kind_mapping_and_dates() -> None:
    assert kind_for_acled("Non-violent transfer of territory") == "transfer"
    assert kind_for_acled("Shelling/artillery/missile attack") == "shelling"
    assert kind_for_acled("Other") == "other"  # ACLED "Other" does not say who holds a place
    assert parse_acled_date("15 April 2022") == date(2022, 4, 15)
    assert parse_acled_date("14/08/2020 00:00:00") == date(2020, 8, 14)
    assert parse_ucdp_date("9/30/2022 12:00:00 AM") == date(2022, 9, 30)
    assert parse_ucdp_date("09/01/2022 00:00") == date(2022, 9, 1)


def test_wrong_format_is_named(tmp_path: Path) -> None:
    src = _acled_csv(tmp_path / "a.csv", [_row()])
    assert cli_main(["import", "--store", str(tmp_path / "s.gpkg"), "--format", "ucdp",
                     str(src)]) == 2


@pytest.mark.evaluation
@pytest.mark.integration
@pytest.mark.skipif(not ACLED_DIR.is_dir(), reason=f"ACLED rows not found at {ACLED_DIR}")
def test_real_acled_exports_keep_every_row(tmp_path: Path) -> None:
    store = tmp_path / "acled.gpkg"
    files = sorted(ACLED_DIR.glob("*.csv"))
    assert len(files) == 3
    total = 0
    for path in files:
        with path.open(newline="", encoding="utf-8") as fh:
            n_rows = sum(1 for _ in csv.DictReader(fh))
        summary = import_file(store, path, "acled")
        assert summary.rows == summary.added == n_rows
        total += n_rows
    with EventStore(store) as s:
        events = s.events()
    assert len(events) == total
    territory = [e for e in events if e.kind in ("capture", "recapture", "transfer")]
    assert len(territory) >= 164
    with_side = [e for e in territory if e.gain in ("RU", "UA")]
    assert len(with_side) / len(territory) > 0.9
    placed = [e for e in events if not math.isnan(e.place.latitude)]
    assert len(placed) == total  # every ACLED row has coordinates


@pytest.mark.evaluation
@pytest.mark.integration
@pytest.mark.skipif(not UCDP_FILE.is_file(), reason=f"UCDP rows not found at {UCDP_FILE}")
def test_real_ucdp_export_keeps_every_row(tmp_path: Path) -> None:
    store = tmp_path / "ucdp.gpkg"
    summary = import_file(store, UCDP_FILE, "ucdp", link=False)
    with UCDP_FILE.open(newline="", encoding="utf-8") as fh:
        n_rows = sum(1 for _ in csv.DictReader(fh))
    assert summary.rows == summary.added == n_rows
    assert not summary.undated
    with EventStore(store) as s:
        assert s.count_events() == n_rows


@pytest.mark.integration
def test_timeline_of_imported_rows(tmp_path: Path, capsys) -> None:
    src = _acled_csv(tmp_path / "a.csv", [
        _row(notes="Russian forces took the town.\x1b[2J"),
        _row(event_id_cnty="TST2", sub_event_type="Government regains territory",
             actor1="Military Forces of Ukraine (2019-)", actor2="", event_date="20/06/2022"),
    ])
    store = str(tmp_path / "s.gpkg")
    assert import_file(store, src, "acled").added == 2
    assert cli_main(["timeline", "--store", store, "--place", "test PLACE",
                     "--as-of", "2022-06-10"]) == 0
    out = capsys.readouterr().out
    assert "2022-06-01  unknown -> RU" in out and "2022-06-20  RU -> UA" in out
    assert "status on 2022-06-10: RU since 2022-06-01" in out
    assert "\x1b" not in out  # article text cannot drive the terminal
    assert cli_main(["timeline", "--store", store, "--place", "Nowhere"]) == 2
