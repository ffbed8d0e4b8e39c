"""``geo-events map``: an HTML map of reported control (or of the places) in articles or a store."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from geo_events.cli._common import (
    add_control_options,
    baseline_option,
    check_output_path,
    control_rules_option,
    iso_date,
)
from geo_events.errors import InputError
from geo_events.model import Article, Event, Mention

STORE_SUFFIXES = frozenset({".gpkg", ".sqlite", ".db"})

EPILOG = """\
inputs:
  The same as `geo-events run`: article files (.txt with front matter or a NAME.json sidecar,
  .html, .jsonl lines {"id","text","published","source"}, .csv) or folders of them; or an event
  store written by `geo-events run` (.gpkg). Undated articles are warned about; when no event
  has a date at all, no map is written (exit 1): give --published.
  Articles are geoparsed and their events extracted; when no event is found, the map shows the
  places mentioned instead (one marker per place, clustered when many).

output:
  The format follows the extension of -o. A .png, .svg or .pdf file is a figure for print:
  a static map of control as of --as-of (default: the last date), one journal column wide
  (8.5 cm, about 1,000 px), with labels for the main places, a legend with the sides' names,
  the date and the attribution. A .html file is an interactive map, one self-contained HTML
  file: Leaflet is inlined (from the XStatic-Leaflet packages installed
  with geo_events) and the base map is drawn from the embedded country and admin polygons, so
  the page renders with no network. --tiles adds OpenStreetMap tiles (or --tiles URL) when the
  network allows; if they fail the embedded base map is shown again.

examples:
  geo-events map examples/flagship.jsonl -o flagship_map.html
  geo-events map examples/flagship.jsonl -o flagship_map.png        # figure for print
"""

#: Extensions of interactive (HTML) output; figures: geo_events.maps.figure.FORMATS.
HTML_SUFFIXES = frozenset({".html", ".htm"})


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "map", help="write an HTML map of reported control (time slider, popups with evidence)",
        description="Build a control map (or a places map) from articles or an event store.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="article files/folders or a store")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="FILE",
                   help="output file: map.html (interactive) or map.png / .svg / .pdf (figure)")
    p.add_argument("--tiles", nargs="?", const="OpenStreetMap", metavar="NAME_OR_URL",
                   help="add online map tiles (default OpenStreetMap; a folium tile name or an "
                        "{z}/{x}/{y} URL); without it the map needs no network at all")
    # Maps are self-contained by default; --offline is kept so earlier scripts still run.
    p.add_argument("--offline", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--as-of", type=iso_date, metavar="YYYY-MM-DD",
                   help="show control as of this day (later events are left out)")
    p.add_argument("--profile", metavar="NAME",
                   help="conflict profile for sides and colours (e.g. russia-ukraine)")
    p.add_argument("--published", type=iso_date, metavar="YYYY-MM-DD",
                   help="published date of every article (needed for .txt without a date)")
    p.add_argument("--language", metavar="CODE",
                   help="language of the articles (a language pack: 'en'); default: the "
                        "profile's language, else English")
    p.add_argument("--title", help="map title (default: derived from the inputs)")
    p.add_argument("--places", action="store_true",
                   help="draw the places map (every resolved toponym) even when events exist")
    p.add_argument("--no-estimate", action="store_true",  # HTML maps and figures alike
                   help="leave out the estimated control area layer")
    add_control_options(p)
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    from geo_events.maps.control import control_map
    from geo_events.maps.places import places_map

    check_output_path(args.output, "map.html")  # before any work: a bad path fails at once
    if args.language:
        from geo_events.language import language_pack

        language_pack(args.language)  # a language without a pack fails before any work
    baseline = baseline_option(args)  # a bad file fails before any extraction
    rules = control_rules_option(args)
    figure = _is_figure(args.output)
    stores = [Path(i) for i in args.inputs if Path(i).suffix.lower() in STORE_SUFFIXES]
    if stores and len(stores) != len(args.inputs):
        raise InputError("give either an event store or article files, not both")
    failed = 0
    mentions: list[Mention] = []
    texts: dict[str, str] = {}
    if stores:
        events = _events_from_stores(stores, args.as_of)
    else:
        events, mentions, texts, failed = _from_articles(args.inputs, args.published,
                                                         args.profile, args.places,
                                                         args.language)
    if events and not args.places and not any(_dated(e) for e in events):
        print(f"geo-events map: error: none of the {len(events)} event(s) has a date, so no "
              "control can be shown as of any day; give --published YYYY-MM-DD (or dated "
              "inputs: a 'published' field, front matter, sidecar or dateline)", file=sys.stderr)
        return 1
    if figure:
        return _write_figure(args, events, failed, baseline, rules)
    if events and not args.places:
        profile = args.profile or _detected_profile(events)
        m = control_map(events, profile=profile, as_of=args.as_of, tiles=args.tiles,
                        title=args.title or _default_title("Reported control", args.inputs),
                        estimate=not args.no_estimate, mentions=mentions, texts=texts,
                        start=not args.no_start, baseline=baseline, rules=rules)
        what = f"{len(events)} event(s)"
    else:
        if not mentions and not stores and not args.places:
            print("geo-events map: no events found; drawing the places mentioned instead",
                  file=sys.stderr)
        if not mentions:
            if stores:
                raise InputError(f"no events in {', '.join(map(str, stores))}"
                                 + (f" on or before {args.as_of}" if args.as_of else ""))
            raise InputError("no places found in the inputs; check the files and their language")
        m = places_map(mentions, texts=texts, tiles=args.tiles,
                       title=args.title or _default_title("Places mentioned", args.inputs))
        what = m.page_data["subtitle"]
    try:
        m.save(str(args.output))
    except OSError as exc:
        raise InputError(f"cannot write {args.output}: {exc.strerror or exc}") from exc
    size_kb = args.output.stat().st_size / 1024
    mode = ("self-contained, online tiles when the network allows" if args.tiles
            else "self-contained, no network needed")
    print(f"wrote {args.output} ({what}, {size_kb:,.0f} kB, {mode})")
    return 1 if failed else 0


def _is_figure(output: Path) -> bool:
    """True for a figure (.png/.svg/.pdf), False for .html; InputError for anything else."""
    from geo_events.maps.figure import figure_format

    if output.suffix.lower() in HTML_SUFFIXES:
        return False
    figure_format(output)
    return True


def _write_figure(args: argparse.Namespace, events: list[Event], failed: int,
                  baseline: Any = None, rules: Any = None) -> int:
    from geo_events.maps.figure import render_static_map

    if not events:
        raise InputError("no events to draw in a figure; a figure shows reported control "
                         "(write a .html map to see the places mentioned)")
    if args.places:
        raise InputError("--places draws an interactive map: write it to a .html file")
    profile = args.profile or _detected_profile(events)
    fig = render_static_map(events, args.output, profile=profile, as_of=args.as_of,
                            title=args.title or "Reported territorial control",
                            start=not args.no_start, baseline=baseline, rules=rules,
                            estimate=not args.no_estimate)
    width, height = (round(v * fig.dpi) for v in fig.get_size_inches())
    size_kb = args.output.stat().st_size / 1024
    print(f"wrote {args.output} ({len(events)} event(s), figure {width}x{height} px at "
          f"{fig.dpi:.0f} dpi, {size_kb:,.0f} kB)")
    return 1 if failed else 0


def _dated(event: Event) -> bool:
    from geo_events.maps.control import event_date

    return event_date(event) is not None


def _events_from_stores(stores: list[Path], as_of: date | None) -> list[Event]:
    from geo_events.store import EventStore

    events: list[Event] = []
    for path in stores:
        if not path.is_file():
            raise InputError(f"event store {path} does not exist; create it with `geo-events run`")
        with EventStore(path, create=False) as db:
            events.extend(db.events(as_of))
    return events


def _from_articles(inputs: list[str], published: date | None, profile: str | None,
                   places_only: bool, language: str | None = None
                   ) -> tuple[list[Event], list[Mention], dict[str, str], int]:
    """Events (or, when none/asked, mentions) of every readable article; failures on stderr.
    ``language``: the articles' language pack (None: the profile's, else English)."""
    from geo_events.cli._inputs import read_inputs

    read = read_inputs(inputs, "map", published=published)
    docs, failed = read.documents, read.failed
    if not docs:
        raise InputError(f"no readable article in {', '.join(inputs)}")
    events: list[Event] = []
    mentions: list[Mention] = []
    texts: dict[str, str] = {}
    extract = None if places_only else _event_extractor(language)
    from geo_events.progress import progress

    for doc in progress(docs, desc="geo-events map"):
        a = doc.article
        texts[a.key] = a.text
        if extract is not None:
            evs, ms = extract(a, profile)
            events.extend(evs)
        else:
            from geo_events.events.api import parse_for_profile

            ms = parse_for_profile(a.text, a.published, profile, language).mentions
        mentions.extend(_with_article(m, a.key) for m in ms)
    return events, mentions, texts, failed


def _event_extractor(language: str | None = None) -> Any:
    """``(article, profile) -> (events, mentions)``, or None while extraction is not installed.
    ``language`` overrides the profile's language (see ``pipeline_language``).

    :func:`geo_events.events.events_of_parsed` on the article's parse, the path of
    :func:`~geo_events.events.extract_events` and of the other commands, kept apart only so
    the map gets the geoparser's mentions too (places mentioned without an event are drawn
    for context) without parsing each article twice.
    """
    try:
        from geo_events.events import events_of_parsed
        from geo_events.events.api import parse_for_profile
    except ImportError:
        return _plain_extractor(language)

    def extract(article: Article, profile: str | None) -> tuple[list[Event], list[Mention]]:
        # read as extract_events reads: in the given language, else the profile's, the
        # resolver favouring the profile's countries
        parsed = parse_for_profile(article.text, article.published, profile, language)
        events = events_of_parsed(parsed, article.published, article.source, profile,
                                  article_id=article.key)
        return events, parsed.mentions  # resolved again there when a profile was detected

    return extract


def _plain_extractor(language: str | None = None) -> Any:
    """The public ``extract_events`` alone (no context mentions), or None when missing."""
    try:
        from geo_events.events import extract_events
    except ImportError:
        print("geo-events map: event extraction is not available in this install; "
              "drawing the places mentioned", file=sys.stderr)
        return None

    def extract(article: Article, profile: str | None) -> tuple[list[Event], list[Mention]]:
        return list(extract_events(article.text, published=article.published,
                                   source=article.source, profile=profile,
                                   language=language)), []

    return extract


def _with_article(m: Mention, key: str) -> Mention:
    from dataclasses import replace

    return m if m.article_id else replace(m, article_id=key)


def _detected_profile(events: list[Event]) -> str | None:
    """The one shipped profile whose side ids cover the events' sides (a store keeps side ids,
    not the profile name), else None."""
    from geo_events.events.profiles import list_profiles, load_profile

    used = {s for e in events for s in (e.gain, e.loss) if s}
    if not used:
        return None
    matches = [name for name in list_profiles() if used <= set(load_profile(name).side_ids)]
    return matches[0] if len(matches) == 1 else None


def _default_title(what: str, inputs: list[str]) -> str:
    names = [Path(i).name for i in inputs]
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return f"{what} — {shown}"
