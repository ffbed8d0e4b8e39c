"""Documents from files: folders, ``.txt``, ``.html``, ``.jsonl`` and ``.csv`` into Articles.

:func:`iter_documents` walks the sources (folders recursively, in sorted path order so every run
sees the same sequence) and yields one :class:`Document` per article it could read, or one
:class:`ReadFailure` per file or line it could not, naming the file (and 1-based line number) and
the reason. Nothing here raises on bad input: a corpus run reports and goes on.

Formats
-------
``.txt``
    The whole file is the text. Optional YAML-like front matter between two ``---`` lines at the
    top (``published: 2022-03-01``, ``source: Reuters``, ``url: ...``) is removed from the text and
    used as metadata. A sidecar ``NAME.json`` or ``NAME.txt.json`` with the same keys works too.
``.html`` / ``.htm``
    Visible text of the page (``<article>`` or ``<main>`` when present, else ``<body>``) with
    scripts, styles, navigation, headers, footers, asides, forms and other boilerplate dropped.
    ``published`` from ``<meta property="article:published_time">`` (and similar) or ``<time
    datetime>``, ``source`` from ``og:site_name``, ``url`` from ``<link rel="canonical">``.
``.jsonl``
    One JSON object per line with ``text`` (required), ``published``, ``source``, ``url``,
    ``id``, ``title``. Blank lines are ignored.
``.csv``
    A header row with a ``text`` column (required) and optional ``published``, ``source``,
    ``url``, ``id``, ``title`` columns.

Dates
-----
``published`` is taken from, in order: the caller's ``published`` argument (``--published``),
the document's own metadata (field, column, front matter, sidecar, HTML meta), and then a wire
dateline at the top of the text ("KYIV, Sept 10 (Reuters) -": ``date_from="dateline"``; its year
is the dateline's own, else the latest year up to today's written in the text, else the
dateline is not used). A document with no date is handled by ``undated``: ``"none"`` (default)
processes it with ``published=None`` (event dates then come only from the text; the commands
warn about it), ``"mtime"`` uses the file's modification date (UTC), ``"skip"`` reports it as
a failure. The file's mtime is not the default because copying a corpus resets it: a silently
wrong date is worse than no date.

Empty documents
---------------
A file with nothing but white space, or a document whose text is empty once front matter or
markup is removed, is not an error: it is reported as a :class:`ReadFailure` with
``skip=True`` (a warning; commands go on and do not count it as failed).

Encodings
---------
Bytes are decoded as UTF-8 (a UTF-8 BOM is dropped; UTF-16 with a BOM is honoured). Data that is
not UTF-8 is examined: NUL bytes or more than 5% control characters mean binary data, which is
reported. Otherwise the text is decoded as Windows-1252 (a superset of the printable Latin-1
range, which is what non-UTF-8 English news text almost always is), falling back to Latin-1 for
the five bytes cp1252 leaves undefined; the document's ``encoding`` says which was used.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from geo_events.language import language_pack
from geo_events.model import Article

#: File suffixes read as documents (lower case).
TEXT_SUFFIXES = frozenset({".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {".jsonl", ".csv"}

#: Documents longer than this many characters are reported rather than processed by default:
#: about 800,000 words. Longer "articles" are usually dumps of many pages; geoparsing and event
#: extraction grow linearly (a 2 MB text: about 80 s and 1.2 GB, see
#: benchmarks/bench_long_document.py); ``--max-chars`` raises the limit.
DEFAULT_MAX_CHARS = 5_000_000

UNDATED_MODES = ("none", "mtime", "skip")

#: What every command says about a document left without a date (after ``ORIGIN has no
#: published date; ``), for the first :data:`MAX_UNDATED_LINES` such documents.
UNDATED_HINT = ("relative dates such as 'on Thursday' cannot be placed; give --published "
                "YYYY-MM-DD, a 'published' field or front matter, or a NAME.json sidecar")
MAX_UNDATED_LINES = 5


def undated_warnings(origins: list[str]) -> list[str]:
    """The warning lines for documents left undated: one per document, then a count."""
    lines = [f"warning: {o} has no published date; {UNDATED_HINT}"
             for o in origins[:MAX_UNDATED_LINES]]
    if len(origins) > MAX_UNDATED_LINES:
        lines.append(f"warning: {len(origins) - MAX_UNDATED_LINES} more document(s) have no "
                     "published date")
    return lines

_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class Document:
    """An article read from a file.

    ``origin`` names where it came from: the path, or ``path:line`` (1-based) for a line of a
    ``.jsonl`` / row of a ``.csv`` file. ``date_from`` says where ``published`` came from:
    ``"argument"``, ``"document"`` (field, column, front matter, sidecar, HTML meta),
    ``"dateline"`` (``dateline`` then holds the dateline as written and how its year was found),
    ``"mtime"`` or ``"none"``. ``encoding`` is the codec the bytes were decoded with.
    """

    article: Article
    origin: str
    date_from: str = "document"
    encoding: str = "utf-8"
    title: str | None = None
    dateline: str | None = None


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """A file or line that could not be read as a document, with the reason (for people).

    ``skip=True``: nothing to read (an empty file or text), a warning rather than a failure.
    """

    origin: str
    reason: str
    skip: bool = False


def iter_documents(
    sources: Iterable[str | Path],
    *,
    published: date | None = None,
    undated: str = "none",
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[Document | ReadFailure]:
    """Yield a Document or a ReadFailure for every document in ``sources`` (files or folders).

    ``published`` overrides every document's date. ``undated`` is one of :data:`UNDATED_MODES`
    (see the module docstring). Documents longer than ``max_chars`` characters are reported.
    Inside folders, files with other suffixes (and ``.json`` sidecars) are ignored; a file named
    explicitly with an unknown suffix is reported.
    """
    if undated not in UNDATED_MODES:
        raise ValueError(f"undated={undated!r}: use one of {', '.join(UNDATED_MODES)}")
    for path, explicit in iter_files(sources):
        if not path.exists():
            yield ReadFailure(str(path), "no such file or folder")
            continue
        if path.suffix.lower() not in SUFFIXES:
            if explicit:
                yield ReadFailure(str(path), f"unsupported file type {path.suffix or '(none)'!r}; "
                                  f"use one of {', '.join(sorted(SUFFIXES))}")
            continue
        for item in _read_file(path):
            if isinstance(item, Document):
                item = _finish(item, path, published, undated, max_chars)
            yield item


def iter_files(sources: Iterable[str | Path]) -> Iterator[tuple[Path, bool]]:
    """Yield ``(path, named_explicitly)`` for every file under ``sources``, folders sorted."""
    for src in sources:
        p = Path(src)
        if p.is_dir():
            for child in sorted(q for q in p.rglob("*") if q.is_file()):
                yield child, False
        else:
            yield p, True


def count_documents(sources: Iterable[str | Path]) -> int:
    """A cheap estimate of how many documents ``sources`` hold (for a progress bar's total)."""
    total = 0
    for path, _ in iter_files(sources):
        suffix = path.suffix.lower()
        try:
            if suffix in TEXT_SUFFIXES | HTML_SUFFIXES:
                total += 1
            elif suffix in {".jsonl", ".csv"}:
                with path.open("rb") as fh:
                    total += sum(1 for line in fh if line.strip())
                total -= suffix == ".csv"  # header row
        except OSError:
            total += 1
    return max(total, 0)


# -- decoding ------------------------------------------------------------------------------------

def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode file bytes, returning ``(text, encoding)``; raises ValueError for binary data.

    See the module docstring for the heuristic.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    sample = data[:65536]
    if b"\x00" in sample:
        raise ValueError("binary data (NUL bytes), not text")
    text = sample.decode("latin-1")
    if len(_CONTROL_RE.findall(text)) > 0.05 * max(len(text), 1):
        raise ValueError("binary data (control characters), not text")
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _looks_binary(text: str) -> bool:
    """True when decoded text is mostly control characters (e.g. valid-UTF-8 binary junk)."""
    sample = text[:65536]
    return "\x00" in sample or len(_CONTROL_RE.findall(sample)) > 0.05 * max(len(sample), 1)


# -- per-format readers ---------------------------------------------------------------------------

def _read_file(path: Path) -> Iterator[Document | ReadFailure]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield ReadFailure(str(path), f"cannot read: {exc.strerror or exc}")
        return
    if not data.strip():
        yield ReadFailure(str(path), "empty file", skip=True)
        return
    try:
        text, encoding = decode_bytes(data)
    except ValueError as exc:
        yield ReadFailure(str(path), str(exc))
        return
    if _looks_binary(text):
        yield ReadFailure(str(path), "binary data (control characters), not text")
        return
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        yield _read_txt(path, text, encoding)
    elif suffix in HTML_SUFFIXES:
        yield _read_html(path, text, encoding)
    elif suffix == ".jsonl":
        yield from _read_jsonl(path, text, encoding)
    else:
        yield from _read_csv(path, text, encoding)


_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)


def _read_txt(path: Path, text: str, encoding: str) -> Document | ReadFailure:
    meta: dict[str, Any] = {}
    m = _FRONT_MATTER_RE.match(text)
    if m:
        for line in m.group(1).splitlines():
            key, sep, value = line.partition(":")
            if sep:
                meta[key.strip().lower()] = value.strip().strip("'\"")
        text = text[m.end():]
    for sidecar in (path.with_suffix(".json"), path.with_name(path.name + ".json")):
        if sidecar.is_file():
            try:
                loaded = json.loads(sidecar.read_text("utf-8"))
            except (OSError, ValueError) as exc:
                return ReadFailure(str(sidecar), f"sidecar is not valid JSON: {exc}")
            if not isinstance(loaded, dict):
                return ReadFailure(str(sidecar), "sidecar must hold a JSON object")
            meta = {**loaded, **meta}
            break
    return _document(str(path), text, meta, encoding)


def _read_html(path: Path, text: str, encoding: str) -> Document | ReadFailure:
    page = _HTMLText()
    try:
        page.feed(text)
        page.close()
    except (ValueError, AssertionError) as exc:  # html.parser raises these on hopeless markup
        return ReadFailure(str(path), f"cannot parse HTML: {exc}")
    return _document(str(path), page.text(), page.meta, encoding)


def iter_jsonl_stream(lines: Iterable[str], *, origin: str = "<stdin>", first_line: int = 1,
                      published: date | None = None,
                      max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Document | ReadFailure]:
    """Documents of JSON lines read one at a time (``--jsonl`` on stdin), checked and dated as
    :func:`iter_documents` checks and dates a ``.jsonl`` file; origins are ``ORIGIN:LINE``
    (lines numbered from ``first_line``)."""
    for item in _read_jsonl(origin, lines, "utf-8", first_line):
        if isinstance(item, Document):
            item = _finish(item, None, published, "none", max_chars)
        yield item


def _read_jsonl(path: Path | str, text: str | Iterable[str], encoding: str,
                first_line: int = 1) -> Iterator[Document | ReadFailure]:
    lines = text.splitlines() if isinstance(text, str) else text
    for number, line in enumerate(lines, first_line):
        origin = f"{path}:{number}"
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:  # the whole message: what, and where on the line
            yield ReadFailure(origin, f"malformed JSON line: {exc}")
            continue
        if not isinstance(record, dict):
            yield ReadFailure(origin, "a JSONL line must be a JSON object with a 'text' field")
            continue
        body = record.get("text")
        if not isinstance(body, str):
            yield ReadFailure(origin, "no 'text' string field")
            continue
        yield _document(origin, body, record, encoding)


def _read_csv(path: Path, text: str, encoding: str) -> Iterator[Document | ReadFailure]:
    # Articles are long; the csv module's default field limit (128 KiB) is too small for them.
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    lines = text.splitlines(keepends=True)
    reader = csv.DictReader(lines)
    try:
        fields = [f.strip().lower() for f in (reader.fieldnames or [])]
    except csv.Error as exc:
        yield ReadFailure(f"{path}:1", f"malformed CSV header: {exc}")
        return
    if "text" not in fields:
        yield ReadFailure(f"{path}:1", f"no 'text' column (columns: {', '.join(fields)})")
        return
    reader.fieldnames = fields
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield ReadFailure(f"{path}:{reader.line_num}", f"malformed CSV row: {exc}")
            return
        origin = f"{path}:{reader.line_num}"
        if None in row:
            yield ReadFailure(origin, "more fields than the header has columns")
            continue
        yield _document(origin, row.get("text") or "", row, encoding)


# -- metadata -------------------------------------------------------------------------------------

def _document(origin: str, text: str, meta: dict[str, Any],
              encoding: str) -> Document | ReadFailure:
    text = text.strip()
    if not text:
        return ReadFailure(origin, "no text", skip=True)
    raw_date = meta.get("published") or meta.get("date")
    published: date | None = None
    if raw_date not in (None, ""):
        published = parse_date(str(raw_date))
        if published is None:
            return ReadFailure(origin, f"unreadable published date {raw_date!r}; use YYYY-MM-DD")
    art = Article(
        text=text,
        published=published,
        source=_str_or_none(meta.get("source")),
        url=_str_or_none(meta.get("url")),
        id=_str_or_none(meta.get("id")),
    )
    return Document(art, origin, "document" if published else "none", encoding,
                    _str_or_none(meta.get("title")))


def _finish(doc: Document, path: Path | None, published: date | None, undated: str,
            max_chars: int) -> Document | ReadFailure:
    """Apply the caller's date policy and size limit to a freshly read document."""
    n = len(doc.article.text)
    if n > max_chars:
        return ReadFailure(doc.origin, f"too long: {n:,} characters > {max_chars:,}; split the "
                           "document or raise --max-chars")
    if published is not None:
        return replace(doc, article=replace(doc.article, published=published), date_from="argument")
    if doc.article.published is None:
        found = dateline_date(doc.article.text)
        if found is not None:
            day, written = found
            return replace(doc, article=replace(doc.article, published=day),
                           date_from="dateline", dateline=written)
        if undated == "skip":
            return ReadFailure(doc.origin, "no published date; give --published, a 'published' "
                               "field or sidecar, or use --undated none|mtime")
        if undated == "mtime" and path is not None:
            day = datetime.fromtimestamp(path.stat().st_mtime, UTC).date()
            return replace(doc, article=replace(doc.article, published=day), date_from="mtime")
    return doc


#: A wire dateline with a date, at the top of the text or of a paragraph: "KYIV, Sept 10
#: (Reuters) -", "MOSCOW/KYIV, Oct 3 -", "GOMA, Democratic Republic of Congo, Jan 27, 2023 (AP) —"
#: (built from the English language pack, :mod:`geo_events.language`, when first read: a bad
#: pack file is then the command's one-line error, not a traceback when the module is imported).
def _dateline_re() -> re.Pattern[str]:
    return language_pack("en").dateline_regex(date_required=True, after_sentence=False)


_YEAR_RE = re.compile(r"(?<![\d-])(19[5-9]\d|20\d\d)(?![\d-])")

#: How far into a text a dateline is looked for (characters): the first paragraphs only.
DATELINE_WINDOW = 1500


def dateline_date(text: str, today: date | None = None) -> tuple[date, str] | None:
    """The date of a wire dateline near the top of ``text`` and a description of it, or None.

    ``"KYIV, Sept 10 (Reuters) - ..."`` -> ``(date(Y, 9, 10), '"KYIV, Sept 10", year ...')``
    where Y is the dateline's own year, else the latest year written in the text that is not
    after ``today``'s (default: today); a dateline whose year cannot be found is not used.
    """
    m = _dateline_re().search(text[:DATELINE_WINDOW])
    if m is None:
        return None
    month = language_pack("en").month_number(m.group("month"))
    written = f"{m.group('place')}, {m.group('month')} {m.group('day')}"
    this_year = (today or datetime.now(UTC).date()).year
    if m.group("year"):
        year, how = int(m.group("year")), "its own year"
        written += f", {year}"
    else:
        years = [int(y) for y in _YEAR_RE.findall(text) if int(y) <= this_year]
        if not years:
            return None
        year, how = max(years), "year from the text"
    try:
        day = date(year, month, int(m.group("day")))
    except ValueError:
        return None
    return day, f'"{written}" ({how})'


def _str_or_none(value: Any) -> str | None:
    if value is None:
        return None
    s = str(value).strip()
    return s or None


_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%Y/%m/%d",
                 "%d.%m.%Y", "%a, %d %b %Y")


def parse_date(value: str) -> date | None:
    """Parse a published date: ISO date or timestamp (``2022-03-01T10:00:00Z``), RFC 2822
    (``Tue, 01 Mar 2022 10:00:00 GMT``), ``1 March 2022``, ``March 1, 2022``; None if unreadable.

    A timestamp's own calendar date is kept (no time-zone shift).
    """
    s = value.strip()
    iso = re.match(r"(\d{4}-\d{2}-\d{2})(?:[T ]|$)", s)
    if iso:
        try:
            return date.fromisoformat(iso.group(1))
        except ValueError:
            return None
    s = re.sub(r"\s+\d{1,2}:\d{2}(:\d{2})?.*$", "", s)  # drop a trailing time of day
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    return None


# -- HTML -----------------------------------------------------------------------------------------

_SKIP_TAGS = frozenset({"script", "style", "noscript", "nav", "header", "footer", "aside", "form",
                        "svg", "iframe", "template", "button", "select", "figure", "menu"})
_BLOCK_TAGS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
                         "section", "article", "main", "blockquote", "pre", "td", "dd", "dt"})
_VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                        "meta", "param", "source", "track", "wbr"})
_DATE_META = ("article:published_time", "og:published_time", "datepublished", "pubdate",
              "publishdate", "date", "dc.date", "dc.date.issued", "sailthru.date")


class _HTMLText(HTMLParser):
    """Collects the visible text of a page outside boilerplate elements, and a little metadata.

    Text inside ``<article>`` (else ``<main>``) is preferred when the page has it, because news
    pages put related links and teasers around the story in ``<div>`` s we cannot tell apart.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self._stack: list[str] = []
        self._skip = 0
        self._parts: dict[str, list[str]] = {"body": [], "article": [], "main": []}
        self._inside: dict[str, int] = {"article": 0, "main": 0}
        self._title: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            content = a.get("content", "").strip()
            if content:
                if key in _DATE_META and "published" not in self.meta:
                    self.meta["published"] = content
                elif key == "og:site_name":
                    self.meta.setdefault("source", content)
                elif key == "og:url":
                    self.meta.setdefault("url", content)
            return
        if tag == "link" and "canonical" in a.get("rel", "").lower() and a.get("href"):
            self.meta["url"] = a["href"]
            return
        if tag == "time" and a.get("datetime"):
            self.meta.setdefault("time", a["datetime"])
        if tag in _VOID_TAGS:
            self._newline(tag)
            return
        self._stack.append(tag)
        if tag in _SKIP_TAGS:
            self._skip += 1
        if tag in self._inside:
            self._inside[tag] += 1
        if tag == "title":
            self._in_title = True
        self._newline(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self._stack:
            return  # stray end tag
        while self._stack:  # close implicitly-closed children too
            open_tag = self._stack.pop()
            if open_tag in _SKIP_TAGS:
                self._skip -= 1
            if open_tag in self._inside:
                self._inside[open_tag] -= 1
            if open_tag == "title":
                self._in_title = False
            if open_tag == tag:
                break
        self._newline(tag)

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
            return
        if self._skip or "head" in self._stack:
            return
        for name, parts in self._parts.items():
            if name == "body" or self._inside[name]:
                parts.append(data)

    def _newline(self, tag: str) -> None:
        if tag in _BLOCK_TAGS and not self._skip:
            for name, parts in self._parts.items():
                if name == "body" or self._inside[name]:
                    parts.append("\n")

    def text(self) -> str:
        """The page text: paragraphs separated by blank lines, runs of spaces collapsed."""
        if "published" not in self.meta and "time" in self.meta:
            self.meta["published"] = self.meta["time"]
        title = " ".join("".join(self._title).split())
        if title:
            self.meta.setdefault("title", title)
        for name in ("article", "main", "body"):
            joined = "".join(self._parts[name])
            if joined.strip():
                break
        lines = (" ".join(line.split()) for line in joined.split("\n"))
        return "\n\n".join(line for line in lines if line)
