"""Helpers shared by the sub-commands: argument parsing of dates/coordinates, JSON output,
reading documents from files and stdin."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from geo_events.errors import DataFileError, InputError


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


def read_text_file(path: str | Path) -> str:
    """Read a UTF-8 text file (Latin-1 fallback); a DataFileError names the file and reason."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise DataFileError(f"cannot read {p}: {exc.strerror or exc}") from exc
    if b"\x00" in data[:4096]:
        raise DataFileError(f"cannot read {p}: binary data, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def read_text_files(paths, command: str):
    """Yield ``(path, text, None)`` per readable file and ``(path, None, reason)`` per
    unreadable one, reported on stderr by name as ``geo-events COMMAND: ...``."""
    for path in paths:
        try:
            text = read_text_file(path)
        except DataFileError as exc:
            print(f"geo-events {command}: {exc}", file=sys.stderr)
            yield path, None, str(exc)
            continue
        yield path, text, None


def jsonl_documents(stream: TextIO):
    """Yield ``(line_number, document dict | None, error | None)`` for each non-blank line."""
    for n, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except ValueError as exc:
            yield n, None, f"line {n}: not valid JSON ({exc.msg})"
            continue
        if not isinstance(doc, dict) or not isinstance(doc.get("text"), str):
            yield n, doc if isinstance(doc, dict) else None, \
                f"line {n}: expected an object with a string \"text\" field"
            continue
        yield n, doc, None


def add_control_options(p: Any) -> None:
    """``--baseline FILE`` and ``--no-start`` (the control picture's known layers)."""
    p.add_argument("--baseline", metavar="FILE",
                   help="baseline layer: polygons (GeoJSON/GeoPackage) with 'side' and 'date' "
                        "columns; reporting after their date updates them")
    p.add_argument("--no-start", action="store_true",
                   help="leave out the profile's starting state (e.g. Crimea held since 2014)")


def baseline_option(args: Any) -> Any:
    """The ``--baseline`` layer read (a known layer GeoDataFrame), or None."""
    if not getattr(args, "baseline", None):
        return None
    from geo_events.control_start import load_baseline

    return load_baseline(args.baseline)
