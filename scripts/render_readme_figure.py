"""Regenerate the README's picture, ``docs/flagship_map.png``, from the embedded example.

Runs what a user runs: the flagship report (``examples/flagship.jsonl``) through event
extraction, then the print renderer (:func:`geo_events.maps.figure.render_static_map`, the same
as ``geo-events map examples/flagship.jsonl -o docs/flagship_map.png``), so the picture always
shows what the current code draws. Usage, from the repository root::

    python scripts/render_readme_figure.py            # writes docs/flagship_map.png
    python scripts/render_readme_figure.py -o x.svg   # any .png/.svg/.pdf
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLAGSHIP = ROOT / "examples" / "flagship.jsonl"
OUTPUT = ROOT / "docs" / "flagship_map.png"


def render(output: Path = OUTPUT) -> Path:
    """Extract the flagship's events and draw them to ``output``; returns ``output``."""
    from geo_events.events import extract_events
    from geo_events.readers import Document, iter_documents

    events = []
    for item in iter_documents([str(FLAGSHIP)]):
        if not isinstance(item, Document):
            raise SystemExit(f"render_readme_figure: {item.origin}: {item.reason}")
        a = item.article
        events += extract_events(a.text, published=a.published, source=a.source,
                                 article_id=a.key)
    if not events:
        raise SystemExit(f"render_readme_figure: no events in {FLAGSHIP}")

    from geo_events.maps.figure import render_static_map

    render_static_map(events, output, title="Reported control: the flagship example report")
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT,
                        help="figure file (.png, .svg or .pdf; default docs/flagship_map.png)")
    args = parser.parse_args(argv)
    out = render(args.output)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
