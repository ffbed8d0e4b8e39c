"""The parameters of the control-area estimate as data: ``geo_events/data/estimate_rules.json``.

The file (documented in ``docs/control_estimate.md``) has ``parameters``, each ``{"value",
"doc"}``: distances in km, ages in days, switches true/false. :func:`read_estimate_rules` checks
its schema (every parameter present, no unknown one, each value of its type and not negative,
shares at most 1)
and says what is wrong, naming the file; :class:`geo_events.maps.area.EstimateParams` takes its
defaults from the shipped file, and ``EstimateParams.from_file(path)`` reads another.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from geo_events.config import DATA_DIR
from geo_events.data_schema import COMMON_KEYS, Parameter, check_keys, check_parameters, read_json
from geo_events.data_schema import parameter_docs as file_parameter_docs
from geo_events.errors import DataFileError

DEFAULT_ESTIMATE_RULES = DATA_DIR / "estimate_rules.json"

#: Parameters the file must give (numbers are >= 0; shares at most 1).
PARAMETERS: dict[str, Parameter] = {
    name: Parameter(typ) for name, typ in {
        "radius_km": float, "half_life_days": float, "min_radius_km": float,
        "max_edge_km": float, "contested_radius_km": float, "claimed_radius_km": float,
        "fresh_days": int, "outline_step_km": float, "mixed_triangles": bool,
        "region_tolerance_km": float, "edge_decay": bool, "local_radius_km": float,
        "local_reach_km": float, "local_claims": bool, "local_contested": bool,
        "max_place_radius_km": float, "area_supersede": bool, "area_over_older": bool,
        "area_fill": bool, "area_partial": bool, "area_newer_cut": bool,
        "rear_depth_km": float, "area_front": bool, "triangle_own_report": bool,
        "rear_contested_days": int, "rear_contested_km": float,
        "rear_contested_front_km": float, "rear_units": bool, "river_banks": bool,
        "river_both_banks_km": float, "triangle_units": bool}.items()}
PARAMETERS["area_partial_share"] = Parameter(float, high=1.0)
_FILE_KEYS = frozenset({*COMMON_KEYS, "version", "parameters"})


def estimate_rules_from_dict(data: Any, source: str = "(dict)") -> dict[str, Any]:
    """The checked parameter values (name -> value) of the JSON structure ``data``."""
    where = f"estimate rules file {source}"
    if not isinstance(data, dict):
        raise DataFileError(f"{where}: needs a 'parameters' object")
    check_keys(data, _FILE_KEYS, where)
    return check_parameters(data, PARAMETERS, where)


@cache
def _read(path: Path) -> dict[str, Any]:
    return estimate_rules_from_dict(read_json(path, "estimate rules"), str(path))


def read_estimate_rules(path: str | Path | None = None) -> dict[str, Any]:
    """The parameter values of the shipped file (``path`` None) or of a file of its schema."""
    return dict(_read(Path(path).resolve() if path else DEFAULT_ESTIMATE_RULES))


def parameter_docs(path: str | Path | None = None) -> dict[str, str]:
    """Parameter name -> the documentation line the file gives it."""
    return file_parameter_docs(Path(path) if path else DEFAULT_ESTIMATE_RULES)
