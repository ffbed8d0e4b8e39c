"""``geo-events run``: process a corpus of documents into the event store."""

from __future__ import annotations

import argparse
import sys

from geo_events.cli._common import add_areas_option, areas_option, iso_date
from geo_events.errors import InputError
from geo_events.readers import DEFAULT_MAX_CHARS, UNDATED_MODES
from geo_events.runner import EXECUTORS, run_corpus

EPILOG = """\
inputs:
  Folders are read recursively. .txt (optional front matter or NAME.json sidecar with
  published/source/url), .html/.htm (boilerplate stripped), .jsonl (one object per line with
  "text", "published", "source", "url"), .csv (header with text, published, source, url).
  Text that is not UTF-8 is decoded as Windows-1252/Latin-1; binary files are reported.
  Empty files are skipped with a warning (not a failure), as in every command.

language:
  --language CODE reads the texts with the spaCy pipeline and language pack of that language
  (default: the profile's "language", else English); a language without a pack is an error
  (exit 2) naming the files to add (docs/languages.md).

dates:
  --published DATE overrides every document's date. Otherwise the document's own date is used,
  else its wire dateline ("KYIV, Sept 10 (Reuters) -", said on stderr); a document without
  any is handled by --undated: none (default: processed with no published
  date, counted in the summary), mtime (the file's modification date), skip (reported as failed).

re-runs:
  Documents are keyed by a hash of their text: running again over the same inputs adds nothing,
  and a run that was killed is completed by running it again.

exit status:
  0  every input was processed (or was already stored)
  1  some inputs failed; each is named on stderr with its reason, the rest were processed
  2  unusable arguments (no input exists, bad option, store cannot be opened)
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "run", help="process documents (files/folders) into the event store",
        description="Read documents, geoparse them, extract events and append them to the "
                    "event store (a GeoPackage). Progress goes to stderr, a summary to stdout.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="files or folders to read")
    p.add_argument("--store", required=True, metavar="PATH",
                   help="event store file (GeoPackage, created if missing), e.g. events.gpkg")
    p.add_argument("--profile", metavar="NAME",
                   help="conflict profile (e.g. russia-ukraine); default: detected from the text")
    p.add_argument("--executor", choices=EXECUTORS, default="local",
                   help="local processes (default) or dask.distributed tasks")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="worker processes (default 1: run in this process)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="Dask scheduler address (tcp://HOST:8786); default: a local cluster")
    p.add_argument("--published", type=iso_date, metavar="YYYY-MM-DD",
                   help="published date for every document (overrides their own)")
    p.add_argument("--undated", choices=UNDATED_MODES, default="none",
                   help="what to do with documents without a date (default: none)")
    p.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS, metavar="N",
                   help="report documents longer than N characters "
                        f"(default {DEFAULT_MAX_CHARS:,})")
    p.add_argument("--language", metavar="CODE",
                   help="language of the texts (a language pack: 'en'); default: the "
                        "profile's language, else English")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    add_areas_option(p)
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    if args.max_chars < 1:
        raise InputError(f"--max-chars {args.max_chars}: give a positive number of characters")
    if args.profile:  # an unknown profile is a bad argument, not a failure of every document
        from geo_events.events.profiles import load_profile

        load_profile(args.profile)
    areas_option(args)  # a bad boundary file fails before any document is read
    summary = run_corpus(
        args.sources, args.store, profile=args.profile, executor=args.executor,
        workers=args.workers, scheduler=args.scheduler, published=args.published,
        undated=args.undated, max_chars=args.max_chars, progress=not args.quiet,
        language=args.language)
    for line in summary.warning_lines() + summary.failure_lines():
        print(f"geo-events run: {line}", file=sys.stderr)
    print("\n".join(summary.lines()))
    return summary.exit_status
