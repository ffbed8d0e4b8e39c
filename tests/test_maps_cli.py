"""``geo-events map`` on an event store: control map, --as-of, --profile, error messages."""

from __future__ import annotations

import re

import pytest
from maps_fixtures import PAYLOADS, control_events

from geo_events.cli import main
from geo_events.model import Article
from geo_events.store import EventStore


@pytest.fixture()
def store(tmp_path):
    path = tmp_path / "events.gpkg"
    with EventStore(path) as db:
        db.add_document(Article("hostile article " + PAYLOADS[0], source="test"),
                        control_events(hostile=True))
    return path


def test_map_from_store_is_self_contained(store, tmp_path, capsys):
    out = tmp_path / "m.html"
    assert main(["map", str(store), "-o", str(out), "--profile", "russia-ukraine"]) == 0
    assert "self-contained, no network needed" in capsys.readouterr().out
    html = out.read_text(encoding="utf-8")
    assert "GeoEventsMap.control" in html
    assert not re.search(r"<(script|link)[^>]+(src|href)=\"https?:", html)
    assert PAYLOADS[0] not in html  # hostile names/sentences only as escaped JSON


def test_as_of_before_every_event_is_a_clear_error(store, tmp_path, capsys):
    code = main(["map", str(store), "-o", str(tmp_path / "m.html"), "--as-of", "2000-01-01"])
    assert code == 2
    assert "2000-01-01" in capsys.readouterr().err


def test_unknown_profile_names_the_known_ones(store, tmp_path, capsys):
    code = main(["map", str(store), "-o", str(tmp_path / "m.html"), "--profile", "atlantis"])
    assert code == 2
    assert "russia-ukraine" in capsys.readouterr().err


def test_offline_flag_of_earlier_versions_still_works(store, tmp_path, capsys):
    out = tmp_path / "m.html"
    assert main(["map", str(store), "-o", str(out), "--offline"]) == 0
    assert "tile.openstreetmap" not in out.read_text(encoding="utf-8")


def test_tiles_flag_adds_online_tiles(store, tmp_path, capsys):
    out = tmp_path / "m.html"
    assert main(["map", str(store), "-o", str(out), "--tiles"]) == 0
    assert "tile.openstreetmap" in out.read_text(encoding="utf-8")
    assert "online tiles when the network allows" in capsys.readouterr().out


def test_missing_store_is_reported(tmp_path, capsys):
    code = main(["map", str(tmp_path / "nope.gpkg"), "-o", str(tmp_path / "m.html")])
    assert code == 2
    assert "nope.gpkg" in capsys.readouterr().err
