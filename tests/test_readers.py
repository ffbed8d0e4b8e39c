"""Documents from files: formats, metadata, dates and bad input (unit tier, no pipeline)."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from geo_events.readers import Document, ReadFailure, decode_bytes, iter_documents, parse_date


def _read(*sources: Path, **kw) -> tuple[list[Document], list[ReadFailure]]:
    items = list(iter_documents(sources, **kw))
    return ([i for i in items if isinstance(i, Document)],
            [i for i in items if isinstance(i, ReadFailure)])


def test_txt_with_front_matter_and_sidecar(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("---\npublished: 2022-03-02\nsource: Wire\n---\nBody text.\n")
    (tmp_path / "b.txt").write_text("Other body.")
    (tmp_path / "b.json").write_text(json.dumps({"published": "2022-04-01", "url": "http://x"}))
    docs, fails = _read(tmp_path)
    assert not fails
    a, b = docs
    assert a.article.text == "Body text." and a.article.published == date(2022, 3, 2)
    assert a.article.source == "Wire" and a.date_from == "document"
    assert b.article.published == date(2022, 4, 1) and b.article.url == "http://x"


def test_html_boilerplate_is_stripped(tmp_path: Path) -> None:
    page = ("<html><head><title>Headline</title>"
            '<meta property="article:published_time" content="2022-03-04T10:00:00Z">'
            '<meta property="og:site_name" content="Daily">'
            "<style>p {color: red}</style><script>var secret = 1;</script></head>"
            "<body><nav>Home | World</nav><header>Subscribe</header>"
            "<article><h1>Troops withdrew</h1><p>Forces left the town &amp; the bridge.</p>"
            "<aside>Related: other story</aside></article><footer>(c) Daily</footer></body></html>")
    (tmp_path / "p.html").write_text(page)
    (doc,), fails = _read(tmp_path)
    assert not fails
    assert doc.article.text == "Troops withdrew\n\nForces left the town & the bridge."
    assert doc.article.published == date(2022, 3, 4) and doc.article.source == "Daily"
    assert doc.title == "Headline"


def test_jsonl_and_csv_report_bad_lines_by_number(tmp_path: Path) -> None:
    (tmp_path / "c.jsonl").write_text(
        '{"text": "One.", "published": "2022-01-01", "source": "S"}\n'
        "{not json\n\n"
        '{"published": "2022-01-02"}\n'
        '{"text": "Four.", "published": "someday"}\n')
    (tmp_path / "d.csv").write_text("text,published,source\n\"Row, one\",2022-02-01,T\n,2022,\n")
    docs, fails = _read(tmp_path)
    assert [d.article.text for d in docs] == ["One.", "Row, one"]
    assert docs[1].origin.endswith("d.csv:2") and docs[1].article.source == "T"
    reasons = {Path(f.origin).name: f.reason for f in fails}
    assert "malformed JSON" in reasons["c.jsonl:2"]
    assert "text" in reasons["c.jsonl:4"]
    assert "date" in reasons["c.jsonl:5"]
    assert reasons["d.csv:3"] == "no text"


def test_bad_files_are_reported_with_reasons(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 de la Paix, Mari\xfcpol".encode("latin-1"))
    (tmp_path / "huge.txt").write_text("word " * 500_000)  # 2.5 MB
    (tmp_path / "notes.md").write_text("ignored inside a folder")
    docs, fails = _read(tmp_path, max_chars=1_000_000)
    reasons = {Path(f.origin).name: f.reason for f in fails}
    assert reasons["empty.txt"] == "empty file"
    assert "binary" in reasons["binary.txt"]
    assert "too long" in reasons["huge.txt"]
    (latin,) = docs
    assert latin.article.text == "Café de la Paix, Mariüpol" and latin.encoding == "cp1252"
    _, fails = _read(tmp_path / "notes.md", tmp_path / "missing.txt")
    assert [("unsupported" in f.reason, "no such" in f.reason) for f in fails] == [
        (True, False), (False, True)]


def test_undated_policies(tmp_path: Path) -> None:
    path = tmp_path / "u.txt"
    path.write_text("No date here.")
    os.utime(path, (1_650_000_000, 1_650_000_000))  # 2022-04-15 UTC
    (doc,), _ = _read(tmp_path)
    assert doc.article.published is None and doc.date_from == "none"
    (doc,), _ = _read(tmp_path, undated="mtime")
    assert doc.article.published == date(2022, 4, 15) and doc.date_from == "mtime"
    docs, (fail,) = _read(tmp_path, undated="skip")
    assert not docs and "no published date" in fail.reason
    (doc,), _ = _read(tmp_path, published=date(2023, 1, 2))
    assert doc.article.published == date(2023, 1, 2) and doc.date_from == "argument"


def test_decode_bytes_heuristic() -> None:
    assert decode_bytes("Kyïv".encode()) == ("Kyïv", "utf-8")
    assert decode_bytes("\ufeffBOM".encode()) == ("BOM", "utf-8")
    assert decode_bytes("Kyiv".encode("utf-16")) == ("Kyiv", "utf-16")
    assert decode_bytes(b"\x93quoted\x94") == ("\u201cquoted\u201d", "cp1252")
    with pytest.raises(ValueError, match="binary"):
        decode_bytes(b"\xff\x00\x01\x02" * 100)


@pytest.mark.parametrize("text, expected", [
    ("2022-03-01", date(2022, 3, 1)), ("2022-03-01T23:59:00+03:00", date(2022, 3, 1)),
    ("1 March 2022", date(2022, 3, 1)), ("March 1, 2022", date(2022, 3, 1)),
    ("Tue, 01 Mar 2022 10:00:00 GMT", date(2022, 3, 1)), ("yesterday", None),
    ("2022-13-01", None),
])
def test_parse_date(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected
