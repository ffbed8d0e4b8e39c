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
from geo_events.data_schema import COMMON_KEYS, check_keys, read_json
from geo_events.errors import DataFileError

DEFAULT_ESTIMATE_RULES = DATA_DIR / "estimate_rules.json"

#: Parameters the file must give: name -> type (numbers are >= 0).
PARAMETERS: dict[str, type] = {
    "radius_km": float, "half_life_days": float, "min_radius_km": float, "max_edge_km": float,
    "contested_radius_km": float, "claimed_radius_km": float, "fresh_days": int,
    "outline_step_km": float, "mixed_triangles": bool, "region_tolerance_km": float,
    "edge_decay": bool, "local_radius_km": float, "local_reach_km": float,
    "local_claims": bool, "local_contested": bool, "max_place_radius_km": float,
    "area_supersede": bool, "area_over_older": bool, "area_fill": bool,
    "area_partial": bool, "area_partial_share": float, "area_newer_cut": bool,
}
#: Parameters that are shares: at most this value.
AT_MOST: dict[str, float] = {"area_partial_share": 1.0}
_FILE_KEYS = frozenset({*COMMON_KEYS, "version", "parameters"})


def estimate_rules_from_dict(data: Any, source: str = "(dict)") -> dict[str, Any]:
    """The checked parameter values (name -> value) of the JSON structure ``data``."""
    where = f"estimate rules file {source}"
    if not isinstance(data, dict) or not isinstance(data.get("parameters"), dict):
        raise DataFileError(f"{where}: needs a 'parameters' object")
    check_keys(data, _FILE_KEYS, where)
    check_keys(data["parameters"], PARAMETERS, f"{where}: parameters", what="parameter")
    out: dict[str, Any] = {}
    for name, typ in PARAMETERS.items():
        entry = data["parameters"].get(name)
        value = entry.get("value") if isinstance(entry, dict) else None
        if typ is bool:
            ok = isinstance(value, bool)
            kind = "true or false"
        else:
            top = AT_MOST.get(name, float("inf"))
            ok = (not isinstance(value, bool) and isinstance(value, int | float)
                  and 0 <= value <= top and (typ is float or isinstance(value, int)))
            kind = ("a whole number >= 0" if typ is int else "a number >= 0"
                    if top == float("inf") else f"a number from 0 to {top:g}")
        if not ok:
            raise DataFileError(f"{where}: parameter {name!r} needs {{\"value\": {kind}}}, "
                                f"got {entry!r}")
        out[name] = typ(value)
    return out


@cache
def _read(path: Path) -> dict[str, Any]:
    return estimate_rules_from_dict(read_json(path, "estimate rules"), str(path))


def read_estimate_rules(path: str | Path | None = None) -> dict[str, Any]:
    """The parameter values of the shipped file (``path`` None) or of a file of its schema."""
    return dict(_read(Path(path).resolve() if path else DEFAULT_ESTIMATE_RULES))


def parameter_docs(path: str | Path | None = None) -> dict[str, str]:
    """Parameter name -> the documentation line the file gives it."""
    data = read_json(Path(path) if path else DEFAULT_ESTIMATE_RULES, "estimate rules")
    return {k: str(v.get("doc", "")) for k, v in data["parameters"].items()}
