"""One schema checker (:mod:`geo_events.data_schema`) for every kind of data file: a misspelt
key is a DataFileError naming the file and the key, in each of them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo_events.data_schema import check_keys
from geo_events.errors import DataFileError, ProfileError

ROOT = Path(__file__).resolve().parents[1]


def test_check_keys_names_where_and_the_key_and_lists_the_keys():
    check_keys({"id": 1}, {"id", "name"}, "x.json")
    with pytest.raises(DataFileError) as err:
        check_keys({"id": 1, "nmae": 2}, {"id", "name"}, "x.json: side 'A'", what="field")
    assert str(err.value) == "x.json: side 'A': unknown field 'nmae'; use one of id, name"


def _lexicon(path: Path, data: dict) -> None:
    from geo_events.events.lexicon import load_lexicon

    path.write_text(json.dumps({"provenance": "test", **data}))
    load_lexicon(path)


def _factuality(path: Path, data: dict) -> None:
    from geo_events.events.context_rules import load_rules

    path.write_text(json.dumps({"provenance": "test", **data}))
    load_rules(path)


def _place_rules(path: Path, data: dict) -> None:
    from geo_events.events.place_rules import place_rules

    path.write_text(json.dumps(data))
    place_rules(path)


def _control_rules(path: Path, data: dict) -> None:
    from geo_events.control_rules import load_control_rules

    shipped = json.loads((ROOT / "geo_events/data/control_rules.json").read_text())
    if "parameters" in data:
        data = {**data, "parameters": {**shipped["parameters"], **data["parameters"]}}
    path.write_text(json.dumps({**shipped, **data}))
    load_control_rules(path)


def _profile(path: Path, data: dict) -> None:
    from geo_events.events.profiles import load_profile

    shipped = json.loads((ROOT / "geo_events/data/profiles/russia-ukraine.json").read_text())
    if "start_entry" in data:
        start = shipped["start"]
        data = {"start": {**start, "entries": [{**start["entries"][0], **data["start_entry"]}]}}
    if "side" in data:
        data = {"sides": [{**shipped["sides"][0], **data["side"]}, *shipped["sides"][1:]]}
    path.write_text(json.dumps({**shipped, **data}))
    load_profile(path)


@pytest.mark.parametrize("load, data, key", [
    (_lexicon, {"place_head_nuns": ["town"]}, "place_head_nuns"),
    (_lexicon, {"control_states": {"noun": ["control"]}}, "noun"),
    (_lexicon, {"triggers": [{"phrase": "seize", "kind": "capture", "plce": "dobj"}]}, "plce"),
    (_factuality, {"rule": []}, "rule"),
    (_factuality, {"rules": [{"id": "x", "literal": "a", "effect": "denied",
                              "scpoe": "clause"}]}, "scpoe"),
    (_place_rules, {"refrence": []}, "refrence"),
    (_place_rules, {"reference": [{"id": "r", "nouns": ["town"], "refers": "settlement",
                                   "min_popluation": 5}]}, "min_popluation"),
    (_control_rules, {"evidnce": []}, "evidnce"),
    (_control_rules, {"parameters": {"window_dayz": {"value": 3}}}, "window_dayz"),
    (_control_rules, {"evidence": [{"id": "x", "statuses": ["reported"], "effect": "move",
                                    "weight": 1.0, "kind": ["capture"]}]}, "kind"),
    (_profile, {"colour": "#000000"}, "colour"),
    (_profile, {"side": {"acled_name": "X"}}, "acled_name"),
    (_profile, {"start_entry": {"sied": "RU"}}, "sied"),
], ids=["lexicon", "lexicon-control-states", "lexicon-trigger", "factuality-file",
        "factuality-rule", "place-rules-file", "place-rules-rule", "control-rules-file",
        "control-rules-parameter", "control-rules-evidence", "profile", "profile-side",
        "profile-start-entry"])
def test_a_misspelt_key_names_the_file_and_the_key(tmp_path, load, data, key):
    path = tmp_path / "mine.json"
    with pytest.raises(DataFileError) as err:
        load(path, data)
    message = str(err.value)
    assert str(path) in message and "unknown" in message and repr(key) in message, message
    assert "\n" not in message


def test_a_profile_schema_error_is_a_profile_error_too(tmp_path):
    """Profile files raise ProfileFileError: both DataFileError and ProfileError."""
    with pytest.raises(ProfileError):
        _profile(tmp_path / "p.json", {"colour": "#000000"})


@pytest.mark.parametrize("change, message", [
    ({"half_life_days": {"value": 0}}, "parameter 'half_life_days' needs {\"value\": a whole "
                                       "number >= 1}, got {'value': 0}"),
    ({"area_weight": {"value": 1.5}}, "parameter 'area_weight' needs {\"value\": a number in "
                                      "0..1}, got {'value': 1.5}"),
    ({"window_days": {"value": True}}, "parameter 'window_days' needs"),
])
def test_control_and_estimate_rules_share_one_parameter_check(tmp_path, change, message):
    """Control rules and estimate rules read their ``parameters`` block with one helper
    (:func:`geo_events.data_schema.check_parameters`): the same one-line message naming the
    file, the parameter and what its value must be."""
    from geo_events.data_schema import Parameter, check_parameters
    from geo_events.maps.estimate_rules import estimate_rules_from_dict

    path = tmp_path / "mine.json"
    with pytest.raises(DataFileError) as err:
        _control_rules(path, {"parameters": change})
    assert str(err.value).startswith(f"control rules file {path.resolve()}: {message}")
    assert "\n" not in str(err.value)
    with pytest.raises(DataFileError) as err:
        estimate_rules_from_dict({"parameters": {}}, "x.json")
    assert str(err.value) == ("estimate rules file x.json: parameter 'radius_km' needs "
                              "{\"value\": a number >= 0}, got None")
    assert check_parameters({"parameters": {"n": {"value": 2}}}, {"n": Parameter(int, 1)},
                            "f") == {"n": 2}
