"""One schema checker for every data file a user may write or edit: rule files, lexicons,
conflict profiles (and their starting state), control rules.

* :func:`check_keys`: an unknown key (a misspelt list name, a field a rule does not take) is an
  error naming the file, where in it, and the key, and listing the keys that are allowed;
* :class:`Schema` and :func:`check_rules`: a rule file is a JSON object whose top-level keys
  have types and whose rule lists hold objects with required and optional typed fields and a
  unique ``id`` each; :func:`load_rule_file` reads and checks one;
* :class:`Parameter` and :func:`check_parameters`: a ``parameters`` block (each parameter
  ``{"value", "doc"}``, every declared one present, each value of its type and range), as the
  control rules and the estimate rules have.

Errors are :class:`~geo_events.errors.DataFileError` (a caller may ask for a subclass of it, as
conflict profiles do: :class:`~geo_events.errors.ProfileFileError`), so a user's data file fails
loudly, early and with a one-line message.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geo_events.errors import DataFileError

#: Keys every rule file may carry besides its rules.
COMMON_KEYS: dict[str, type | tuple[type, ...]] = {"provenance": str, "language": str,
                                                     "notes": (str, list)}


def check_keys(data: Mapping[str, Any], allowed: Collection[str], where: str, *,
               what: str = "key", hint: str = "",
               error: type[DataFileError] = DataFileError) -> None:
    """Raise ``error`` when ``data`` has a key outside ``allowed``: ``"<where>: unknown <what>
    '<key>'<hint>; use one of <allowed>"`` (the first unknown key in sorted order). ``where``
    names the file and the place in it ("lexicon file x.json", "profile y.json: side 'RU'")."""
    unknown = sorted(str(k) for k in set(data) - set(allowed))
    if unknown:
        raise error(f"{where}: unknown {what} {unknown[0]!r}{hint}; use one of "
                    f"{', '.join(sorted(allowed))}")


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


def read_json(path: Path, what: str) -> Any:
    """The parsed JSON of the data file ``path``; DataFileError naming ``what`` ("lexicon",
    "factuality rules") and the file when it is missing or not valid JSON."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DataFileError(f"{what} file {path} does not exist") from exc
    except json.JSONDecodeError as exc:
        raise DataFileError(f"{what} file {path} is not valid JSON: {exc}") from exc


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
    check_keys(data, allowed, where)
    for key, value in data.items():
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
            check_keys(rule, {*required, *optional}, at, what="field")
            for key, value in rule.items():
                kind = required.get(key) or optional[key]
                if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
                    raise DataFileError(f"{at}: {key!r} must be {_type_name(kind)}")
            rid = rule.get("id")
            if rid in ids:
                raise DataFileError(f"{at}: the id {rid!r} is used twice")
            ids.add(rid)


@dataclass(frozen=True)
class Parameter:
    """A parameter of a ``parameters`` block: its type (``bool``, ``int`` or ``float``) and,
    for numbers, the least value and (None: unbounded) the greatest."""

    type: type
    low: float = 0
    high: float | None = None

    @property
    def kind(self) -> str:
        """What a value must be, as an error message says it ("a whole number >= 1")."""
        if self.type is bool:
            return "true or false"
        if self.type is int:
            return f"a whole number >= {self.low:g}"
        if self.high is not None:
            return f"a number in {self.low:g}..{self.high:g}"
        return f"a number >= {self.low:g}"

    def accepts(self, value: Any) -> bool:
        if self.type is bool:
            return isinstance(value, bool)
        return (not isinstance(value, bool) and isinstance(value, int | float)
                and value >= self.low and (self.high is None or value <= self.high)
                and (self.type is not int or isinstance(value, int)))


def check_parameters(data: Any, parameters: Mapping[str, Parameter],
                     where: str) -> dict[str, Any]:
    """The checked values (name -> value of the parameter's type) of ``data["parameters"]``,
    an object of ``{"value": ..., "doc": ...}`` entries holding every parameter of
    ``parameters`` and no other: DataFileError ``"<where>: ..."`` naming the parameter and
    what its value must be otherwise (``where`` names the file: "estimate rules file x.json").
    """
    block = data.get("parameters") if isinstance(data, dict) else None
    if not isinstance(block, dict):
        raise DataFileError(f"{where}: needs a 'parameters' object")
    check_keys(block, parameters, f"{where}: parameters", what="parameter")
    out: dict[str, Any] = {}
    for name, parameter in parameters.items():
        entry = block.get(name)
        value = entry.get("value") if isinstance(entry, dict) else None
        if not parameter.accepts(value):
            raise DataFileError(f"{where}: parameter {name!r} needs "
                                f"{{\"value\": {parameter.kind}}}, got {entry!r}")
        out[name] = parameter.type(value)
    return out


def parameter_docs(path: Path) -> dict[str, str]:
    """Parameter name -> the documentation line (``doc``) the ``parameters`` block of the data
    file ``path`` gives it."""
    data = read_json(path, "rules")
    return {k: str(v.get("doc", "")) for k, v in data["parameters"].items()}
