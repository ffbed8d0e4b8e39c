"""Schema-checked rule files: lists of rules with ids, under ``geo_events/data/lexicons``.

A rule file is a JSON object; :class:`Schema` names its top-level keys (with their types) and,
for each list of rules, the fields a rule may have. Every rule has a unique ``id`` (the name an
event's explanation uses). An unknown key, a misspelt list name, a missing required field, a
value of the wrong type or a repeated id is a :class:`~geo_events.errors.DataFileError` naming
the file and the key, so a user's rule file fails loudly and early.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geo_events.errors import DataFileError

#: Keys every rule file may carry besides its rules.
COMMON_KEYS: dict[str, type | tuple[type, ...]] = {"provenance": str, "language": str,
                                                     "notes": (str, list)}


@dataclass(frozen=True)
class Schema:
    """Top-level keys of a rule file (``key -> type``), and for each rule list (a top-level key
    whose value is a list of objects) its fields: ``required`` and ``optional`` (``field ->
    type``)."""

    keys: dict[str, type | tuple[type, ...]] = field(default_factory=dict)
    required: dict[str, dict[str, type | tuple[type, ...]]] = field(default_factory=dict)
    optional: dict[str, dict[str, type | tuple[type, ...]]] = field(default_factory=dict)


def _type_name(t: type | tuple[type, ...]) -> str:
    return " or ".join(x.__name__ for x in (t if isinstance(t, tuple) else (t,)))


def load_rule_file(path: Path, schema: Schema) -> dict[str, Any]:
    """The checked content of the rule file ``path`` (see the module docstring)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read the rule file ({exc.strerror})") from exc
    except json.JSONDecodeError as exc:
        raise DataFileError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from exc
    check_rules(data, schema, str(path))
    return data


def check_rules(data: Any, schema: Schema, where: str) -> None:
    """Raise DataFileError naming ``where`` and the key when ``data`` does not fit ``schema``."""
    if not isinstance(data, dict):
        raise DataFileError(f"{where}: a rule file is a JSON object")
    allowed = {**COMMON_KEYS, **schema.keys, **{k: list for k in schema.required}}
    for key, value in data.items():
        if key not in allowed:
            raise DataFileError(f"{where}: unknown key {key!r}; the keys are "
                                f"{', '.join(sorted(allowed))}")
        if not isinstance(value, allowed[key]):
            raise DataFileError(f"{where}: {key!r} must be {_type_name(allowed[key])}")
    ids: set[str | None] = set()
    for name, required in schema.required.items():
        optional = schema.optional.get(name, {})
        for n, rule in enumerate(data.get(name, [])):
            at = f"{where}: {name}[{n}]"
            if not isinstance(rule, dict):
                raise DataFileError(f"{at} must be an object")
            for key in required:
                if key not in rule:
                    raise DataFileError(f"{at} lacks the field {key!r}")
            for key, value in rule.items():
                kind = required.get(key) or optional.get(key)
                if kind is None:
                    raise DataFileError(f"{at}: unknown field {key!r}; the fields are "
                                        f"{', '.join(sorted({*required, *optional}))}")
                if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
                    raise DataFileError(f"{at}: {key!r} must be {_type_name(kind)}")
            rid = rule.get("id")
            if rid in ids:
                raise DataFileError(f"{at}: the id {rid!r} is used twice")
            ids.add(rid)
