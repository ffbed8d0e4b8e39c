"""Helpers shared by the sub-commands: argument parsing of dates, JSON output (reading
documents is :mod:`geo_events.cli._inputs`)."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from geo_events.errors import InputError


def parse_date(value: str | None, what: str = "date") -> date | None:
    """ISO ``YYYY-MM-DD`` -> date; None stays None; anything else is an InputError."""
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise InputError(f"bad {what} {value!r}: use YYYY-MM-DD, e.g. 2022-10-03") from exc


def iso_date(value: str) -> date:
    """argparse ``type=`` for ``YYYY-MM-DD`` options (argparse prints the one-line error)."""
    import argparse

    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date; use YYYY-MM-DD") from exc


def dump_json(obj: Any, out: TextIO | None = None, pretty: bool = True) -> None:
    """Write ``obj`` as JSON to ``out`` (the current ``sys.stdout`` when None)."""
    out = out or sys.stdout  # looked up per call: tests and notebooks swap sys.stdout
    json.dump(obj, out, ensure_ascii=False, indent=2 if pretty else None, default=str)
    out.write("\n")


def check_output_path(path: str | Path, example: str = "out.html") -> Path:
    """``path`` as a Path when a file can be written there; else an InputError (exit 2) naming it:
    a folder given as the file, or a folder that does not exist (nothing is created)."""
    p = Path(path)
    if p.is_dir():
        raise InputError(f"output {p} is a folder; give a file name in it, e.g. {p / example}")
    parent = p.parent
    if not parent.exists():
        raise InputError(f"cannot write {p}: folder {parent} does not exist; create it first "
                         "or choose another output path")
    if not parent.is_dir():
        raise InputError(f"cannot write {p}: {parent} is not a folder")
    return p


def add_control_options(p: Any) -> None:
    """``--baseline FILE`` and ``--no-start`` (the control picture's known layers)."""
    p.add_argument("--baseline", metavar="FILE",
                   help="baseline layer: polygons (GeoJSON/GeoPackage) with 'side' and 'date' "
                        "columns; reporting after their date updates them")
    p.add_argument("--no-start", action="store_true",
                   help="leave out the profile's starting state (e.g. Crimea held since 2014)")
    p.add_argument("--control-rules", metavar="FILE",
                   help="the control timeline's rules: a JSON file of the schema of the shipped "
                        "geo_events/data/control_rules.json (docs/control.md); default: the "
                        "shipped rules")
    add_areas_option(p)


def add_areas_option(p: Any) -> None:
    """``--areas FILE``: the user's own boundary units (raions, districts) as areas."""
    p.add_argument("--areas", metavar="FILE",
                   help="your boundary file (GeoJSON/GeoPackage polygons with a name column, "
                        "e.g. raions): 'withdrew from <name> Raion/district' is an area event "
                        "over its polygon")


def areas_option(args: Any) -> int:
    """Register the ``--areas`` file's units (also for worker processes); how many."""
    if not getattr(args, "areas", None):
        return 0
    from geo_events.areas import load_user_units

    return load_user_units(args.areas, export=True)


def control_rules_option(args: Any) -> Any:
    """The ``--control-rules`` file read and checked (a
    :class:`~geo_events.control_rules.ControlRules`), or None (the shipped rules). A file that
    is missing, not JSON or not of the schema is a DataFileError naming the file and the key
    (exit 2)."""
    if not getattr(args, "control_rules", None):
        return None
    from geo_events.control_rules import load_control_rules

    return load_control_rules(args.control_rules)


def baseline_option(args: Any) -> Any:
    """The ``--baseline`` layer read (a known layer GeoDataFrame), or None."""
    areas_option(args)  # the user's units before any extraction or timeline
    if not getattr(args, "baseline", None):
        return None
    from geo_events.control_start import load_baseline

    return load_baseline(args.baseline)
