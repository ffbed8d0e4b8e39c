"""The ``geo-events`` command-line tool.

Each sub-command lives in its own module of this package and exposes
``register(subparsers) -> None``; the parser it adds sets ``func`` (``args -> int`` exit status).
Modules are discovered, so adding a command touches no other file.

Exit statuses: 0 success, 1 some inputs failed (reported on stderr, the rest processed),
2 bad arguments or unusable input (one-line message, no traceback).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from geo_events._version import __version__
from geo_events.errors import GeoEventsError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="geo-events",
        description="Turn news articles about wars into maps of reported territorial control.",
        epilog="Place data: GeoNames (CC BY 4.0). Boundaries: Natural Earth (public domain).",
    )
    parser.add_argument("--version", action="version", version=f"geo-events {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except GeoEventsError as exc:
        print(f"geo-events {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("geo-events: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
