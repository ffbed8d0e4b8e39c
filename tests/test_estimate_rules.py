"""The estimate's parameters as data (``geo_events/data/estimate_rules.json``)."""

from __future__ import annotations

import dataclasses
import json

import pytest

from geo_events.errors import DataFileError
from geo_events.maps.area import DEFAULT_ESTIMATE, EstimateParams
from geo_events.maps.estimate_rules import (
    DEFAULT_ESTIMATE_RULES,
    PARAMETERS,
    parameter_docs,
    read_estimate_rules,
)


def test_the_shipped_file_gives_every_parameter_its_default_and_a_doc():
    fields = {f.name for f in dataclasses.fields(EstimateParams)}
    assert fields == set(PARAMETERS)
    values = read_estimate_rules()
    assert dataclasses.asdict(DEFAULT_ESTIMATE) == values
    assert all(len(doc) > 20 for doc in parameter_docs().values())


def _write(tmp_path, change):
    data = json.loads(DEFAULT_ESTIMATE_RULES.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_user_file_changes_the_parameters(tmp_path):
    path = _write(tmp_path, lambda d: d["parameters"]["radius_km"].update(value=12))
    params = EstimateParams.from_file(path)
    assert params.radius_km == 12.0 and isinstance(params.radius_km, float)
    assert params.max_edge_km == DEFAULT_ESTIMATE.max_edge_km


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["parameters"].update(radius=1), "unknown parameter 'radius'"),
    (lambda d: d["parameters"].pop("area_fill"), "parameter 'area_fill' needs"),
    (lambda d: d["parameters"]["fresh_days"].update(value=2.5), "a whole number >= 0"),
    (lambda d: d["parameters"]["max_edge_km"].update(value=-1), "a number >= 0"),
    (lambda d: d["parameters"]["edge_decay"].update(value=1), "true or false"),
    (lambda d: d["parameters"]["area_partial_share"].update(value=1.5), "a number in 0..1"),
    (lambda d: d.update(parameter={}), "unknown key 'parameter'"),
])
def test_a_wrong_file_is_a_one_line_error_naming_it(tmp_path, change, message):
    path = _write(tmp_path, change)
    with pytest.raises(DataFileError, match=message) as err:
        EstimateParams.from_file(path)
    assert str(path.resolve()) in str(err.value) and "\n" not in str(err.value)


def test_a_missing_or_broken_file_is_a_data_file_error(tmp_path):
    with pytest.raises(DataFileError, match="does not exist"):
        EstimateParams.from_file(tmp_path / "none.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(DataFileError, match="not valid JSON"):
        EstimateParams.from_file(bad)
