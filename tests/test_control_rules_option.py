"""``--control-rules FILE`` on the commands that build a control timeline (``timeline``, ``map``,
``export``): the file is read by the same loader as the shipped rules
(:func:`geo_events.control_rules.load_control_rules`), changes the picture the command shows,
and a file that is missing, not JSON or off the schema is one line naming the file and the key,
exit 2, never a traceback (docs/control.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from maps_fixtures import control_events, control_store

from geo_events.cli import main
from geo_events.control_rules import DEFAULT_RULES

ROOT = Path(__file__).resolve().parents[1]
DAY = "2022-07-20"  # after the claimed capture of Lysychansk (2022-07-03) in control_events


@pytest.fixture()
def store(tmp_path) -> Path:
    return control_store(tmp_path / "events.gpkg")


def _rules(tmp_path: Path, name: str, change) -> Path:
    """The shipped rules file with ``change`` applied, written to ``tmp_path/name``."""
    data = json.loads(DEFAULT_RULES.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _claims_move(data: dict) -> None:
    """A user's rules in which a claim by the gaining side alone moves control."""
    for rule in data["evidence"]:
        if rule["id"] == "claim-pending":
            rule["effect"] = "move"


def _status_of(path: Path, name: str) -> tuple[str | None, str]:
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    props = next(f["properties"] for f in features if f["properties"]["name"] == name)
    return props["side"], props["state"]


def test_a_rules_file_changes_the_status_export(tmp_path, store):
    out = tmp_path / "status.geojson"
    assert main(["export", "--store", str(store), "--format", "status", "-o", str(out),
                 "--as-of", DAY]) == 0
    assert _status_of(out, "Lysychansk") == (None, "claimed")  # shipped: a claim stays a claim
    rules = _rules(tmp_path, "claims_move.json", _claims_move)
    assert main(["export", "--store", str(store), "--format", "status", "-o", str(out),
                 "--as-of", DAY, "--control-rules", str(rules)]) == 0
    assert _status_of(out, "Lysychansk") == ("RU", "held")
    assert _status_of(out, "Lyman") == ("RU", "held")  # a confirmed capture is unchanged


def test_a_rules_file_changes_the_timeline_and_names_itself(tmp_path, store, capsys):
    argv = ["timeline", "--store", str(store), "--place", "Lysychansk", "--as-of", DAY]
    assert main(argv) == 0
    assert f"status on {DAY}: claimed by RU" in capsys.readouterr().out
    rules = _rules(tmp_path, "claims_move.json", _claims_move)
    assert main([*argv, "--control-rules", str(rules), "--explain"]) == 0
    out = capsys.readouterr().out
    assert f"status on {DAY}: RU since 2022-07-03" in out
    assert f"rules ({rules.resolve()})" in out  # --explain says which rules file weighed it
    assert "claim-pending: move" in out


def test_a_rules_file_changes_the_map(tmp_path, store):
    from geo_events.control_rules import load_control_rules
    from geo_events.maps.control import control_page_data

    def lysychansk(data: dict) -> list[tuple[str, str | None, bool]]:
        item = next((p for p in data["places"] if p["name"] == "Lysychansk"), None)
        return [] if item is None else [(s["s"], s["side"], s["confirmed"])
                                        for s in item["series"]]

    def claims_ignored(data: dict) -> None:  # a newsroom that never shows claims
        for rule in data["evidence"]:
            if rule["id"] == "claim-pending":
                rule["effect"] = "none"

    events = control_events()
    shipped = control_page_data(events, estimate=False)
    rules = load_control_rules(_rules(tmp_path, "no_claims.json", claims_ignored))
    mine = control_page_data(events, estimate=False, rules=rules)
    assert lysychansk(shipped) == [("claimed", "RU", False)]  # drawn hatched
    assert lysychansk(mine) == [("unknown", None, True)]  # reported, no control shown
    html = tmp_path / "map.html"
    assert main(["map", str(store), "-o", str(html), "--no-estimate",
                 "--control-rules", str(rules.path)]) == 0
    assert html.stat().st_size > 0


def _unknown_key(data: dict) -> None:
    data["evidense"] = []


def _bad_value(data: dict) -> None:
    data["parameters"]["window_days"]["value"] = 0


def _bad_rule_key(data: dict) -> None:
    data["evidence"][0]["weigth"] = 0.5


def _bad_effect(data: dict) -> None:
    data["evidence"][0]["effect"] = "flip"


#: (file maker, words the one-line message must hold besides the file's path)
BAD_FILES = {
    "unknown key": (_unknown_key, ["unknown key 'evidense'"]),
    "bad value": (_bad_value, ["parameter 'window_days'", "a whole number >= 1"]),
    "misspelt rule key": (_bad_rule_key, ["evidence[0]", "unknown key 'weigth'"]),
    "unknown effect": (_bad_effect, ["effect 'flip' is unknown"]),
}


def _commands(store: Path, tmp_path: Path) -> list[list[str]]:
    return [["timeline", "--store", str(store), "--place", "Lysychansk"],
            ["map", str(store), "-o", str(tmp_path / "map.html")],
            ["map", str(store), "-o", str(tmp_path / "map.png")],
            ["export", "--store", str(store), "--format", "status",
             "-o", str(tmp_path / "s.geojson")],
            ["export", "--store", str(store), "--format", "control-area",
             "-o", str(tmp_path / "a.gpkg")]]


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_rules_file_is_one_line_naming_file_and_key(tmp_path, store, capsys, case):
    change, words = BAD_FILES[case]
    rules = _rules(tmp_path, "mine.json", change)
    for argv in _commands(store, tmp_path):
        code = main([*argv, "--control-rules", str(rules)])
        err = capsys.readouterr().err.strip()
        assert code == 2, (argv, err)
        assert len(err.splitlines()) == 1 and "Traceback" not in err, (argv, err)
        assert err.startswith(f"geo-events {argv[0]}: error: control rules file "
                              f"{rules.resolve()}: "), (argv, err)
        for word in words:
            assert word in err, (argv, err)
    assert not any((tmp_path / n).exists() for n in ("map.html", "map.png", "s.geojson",
                                                      "a.gpkg"))  # failed before any work


def test_a_missing_or_broken_rules_file_is_exit_2(tmp_path, store, capsys):
    broken = tmp_path / "broken.json"
    broken.write_text("{\"parameters\": ", encoding="utf-8")
    for path, words in ((tmp_path / "nope.json", "not found"), (broken, "not valid JSON")):
        for argv in _commands(store, tmp_path):
            code = main([*argv, "--control-rules", str(path)])
            err = capsys.readouterr().err.strip()
            assert code == 2 and len(err.splitlines()) == 1, (argv, err)
            assert str(path.name) in err and words in err, (argv, err)


def test_a_bad_rules_file_as_a_user_sees_it(tmp_path, store):
    rules = _rules(tmp_path, "mine.json", _unknown_key)
    proc = subprocess.run([sys.executable, "-m", "geo_events", "export", "--store", str(store),
                           "--format", "control-area", "-o", str(tmp_path / "a.geojson"),
                           "--control-rules", str(rules)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        f"geo-events export: error: control rules file {rules.resolve()}: unknown key "
        "'evidense'; use one of evidence, language, notes, parameters, part_holding, "
        "provenance, under_way, unnamed_change, version"]
