"""Loaders for the public geoparsing corpora kept outside the repository (``../shared``).

Each loader turns one corpus into :class:`GoldDocument` objects with 0-based, end-exclusive
character offsets into ``GoldDocument.text`` and gold coordinates in WGS84 degrees. The corpora are
third-party data: they are read in place, never copied into the repository.

Where the shared folder is: ``$GEO_EVENTS_SHARED`` if set, else ``<repo>/../shared``. The
geoparsing corpora live in ``<shared>/benchmarks/geoparsing/<folder>``.

What counts as a gold toponym (per corpus, following each corpus README):

* **GWN** (GeoWebNews): the toponym definition of Gritta et al., "A Pragmatic Guide to Geoparsing
  Evaluation" (2020): literal *and* associative uses of a place name are toponyms. Gold types:
  Literal, Mixed, Literal_Modifier, Embedded_Literal, Coercion, Metonymic, Non_Literal_Modifier and
  Embedded_Non_Lit. The two "Expression" types ("city", "mansion", "residents") and the Non_Toponym
  containers are not toponyms and are dropped. Demonyms, Language names and the *adjectival*
  modifiers ("French engineer", "Syrian forces": ``modifierType=Adjective``) are place-derived
  words, not place names: they are not gold, and a prediction overlapping one is *ignored*
  (neither a true nor a false positive), because the corpus annotates them and other corpora (LGL,
  TR-News) count them. Homonyms ("Chicago" the musical) are negatives. The variant
  ``GWN-literal`` keeps only the README's "locations only" set (Literal, Mixed, Literal_Modifier,
  Embedded_Literal, Coercion, noun forms) and ignores the other annotated toponyms.
* **LGL**: every annotated toponym (5,088). LGL annotates adjectival demonyms ("Iranian"), so
  demonyms are toponyms there. 626 have no gazetteer tag (no coordinates).
* **TR-News**: every annotated toponym; demonyms are linked to their country. Offsets drift after
  some paragraph breaks: a span is re-aligned to the nearest occurrence of the phrase within 5
  characters, else to its nearest occurrence in the document.
* **GeoVirus**: every annotation, with the documented -1 offset shift; coordinates from Wikipedia.
* **WikToR**: only the article's own title toponym is annotated, so the corpus is not exhaustive
  (no precision). The offsets are exact; 15 gold names differ from the text ("SaintPierre"), those
  spans are kept with the document's characters.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from geo_events.errors import DataFileError, InputError

#: Characters either side of the annotated start searched when a span does not match its text.
REALIGN_WINDOW = 5


@dataclass(frozen=True, slots=True)
class GoldToponym:
    """One gold toponym: ``text == document.text[start:end]``; coordinates in WGS84 degrees.

    ``lat``/``lon``/``geonameid`` are ``None`` where the corpus gives none. ``kind`` is the corpus's
    own type label where it has one (GWN's ``Literal``, ``Metonymic``...), else ``None``.
    """

    start: int
    end: int
    text: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    kind: str | None = None

    @property
    def has_coordinates(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """A document with its gold toponyms (sorted by start).

    ``ignored`` are ``(start, end)`` spans that are annotated but are neither required nor wrong
    (e.g. GWN demonyms): a prediction overlapping one is left out of the scoring.
    """

    id: str
    text: str
    toponyms: list[GoldToponym]
    ignored: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class CorpusSpec:
    """How a corpus is scored.

    ``exhaustive`` is False when not every toponym of the text is annotated (WikToR): false
    positives are then not counted and precision is undefined. ``demonyms_are_toponyms`` says
    whether the corpus annotates demonyms ("Iranian") as toponyms, so a system's demonym mentions
    count as predictions.
    """

    name: str
    folder: str
    exhaustive: bool = True
    demonyms_are_toponyms: bool = False
    description: str = ""


@dataclass(slots=True)
class OffsetCheck:
    """Span verification counts: exact, re-aligned (moved to where the surface is), kept although
    the text differs (trusted offsets), and dropped (surface not found)."""

    exact: int = 0
    realigned: int = 0
    kept_mismatch: int = 0
    dropped: int = 0

    @property
    def mismatches(self) -> int:
        return self.realigned + self.kept_mismatch + self.dropped

    def __str__(self) -> str:
        return (f"{self.exact} exact, {self.realigned} re-aligned, "
                f"{self.kept_mismatch} kept with differing text, {self.dropped} dropped")


@dataclass(slots=True)
class Corpus:
    """A loaded corpus: its documents, scoring spec and offset verification counts."""

    spec: CorpusSpec
    documents: list[GoldDocument]
    offsets: OffsetCheck = field(default_factory=OffsetCheck)

    @property
    def n_toponyms(self) -> int:
        return sum(len(d.toponyms) for d in self.documents)


CORPORA: dict[str, CorpusSpec] = {
    "GWN": CorpusSpec("GWN", "GeoWebNews", description="GeoWebNews, pragmatic-guide toponyms"),
    "GWN-literal": CorpusSpec("GWN-literal", "GeoWebNews",
                              description="GeoWebNews, literal locations only"),
    "LGL": CorpusSpec("LGL", "LGL", demonyms_are_toponyms=True, description="US local news"),
    "TR-News": CorpusSpec("TR-News", "TR-News", demonyms_are_toponyms=True,
                          description="news, demonyms linked"),
    "GeoVirus": CorpusSpec("GeoVirus", "GeoVirus", description="WikiNews disease outbreaks"),
    "WikToR": CorpusSpec("WikToR", "WikToR", exhaustive=False,
                         description="Wikipedia, title toponym only (no precision)"),
}

# GWN types (Gritta et al. 2020) -> role in scoring.
_GWN_TOPONYM_TYPES = frozenset({
    "Literal", "Mixed", "Literal_Modifier", "Embedded_Literal", "Coercion",
    "Metonymic", "Non_Literal_Modifier", "Embedded_Non_Lit",
})
_GWN_LITERAL_TYPES = frozenset({
    "Literal", "Mixed", "Literal_Modifier", "Embedded_Literal", "Coercion",
})
_GWN_PLACE_DERIVED_TYPES = frozenset({"Demonym", "Language"})


def shared_dir() -> Path:
    """The shared data folder: ``$GEO_EVENTS_SHARED`` or ``<repo root>/../shared``."""
    env = os.environ.get("GEO_EVENTS_SHARED")
    if env:
        return Path(env).expanduser()
    return Path(__file__).resolve().parents[2].parent / "shared"


def geoparsing_dir(shared: Path | str | None = None) -> Path:
    """``<shared>/benchmarks/geoparsing``."""
    return Path(shared or shared_dir()) / "benchmarks" / "geoparsing"


def corpus_names() -> list[str]:
    return list(CORPORA)


def read_corpus(name: str, shared_dir: Path | str | None = None) -> Corpus:
    """Load corpus ``name`` (one of :data:`CORPORA`) with its offset verification counts.

    Raises :class:`InputError` for an unknown name and :class:`DataFileError` naming the expected
    path when the corpus file is missing.
    """
    spec = _spec(name)
    folder = geoparsing_dir(shared_dir) / spec.folder
    loader = _LOADERS[spec.folder]
    check = OffsetCheck()
    docs = loader(folder, check, spec)
    return Corpus(spec, docs, check)


def load_corpus(name: str, shared_dir: Path | str | None = None) -> list[GoldDocument]:
    """The documents of corpus ``name`` (see :func:`read_corpus`)."""
    return read_corpus(name, shared_dir).documents


def _spec(name: str) -> CorpusSpec:
    for key, spec in CORPORA.items():
        if key.lower() == name.lower():
            return spec
    raise InputError(f"unknown corpus {name!r}; choose one of {', '.join(CORPORA)}")


def _require(path: Path) -> Path:
    if not path.is_file():
        raise DataFileError(
            f"geoparsing corpus file {path} not found; put the shared data next to the repository "
            f"(../shared/benchmarks/geoparsing) or set GEO_EVENTS_SHARED to the shared folder")
    return path


def _parse_xml(path: Path) -> ET.Element:
    try:
        return ET.parse(_require(path)).getroot()
    except ET.ParseError as exc:
        raise DataFileError(f"{path} is not well-formed XML: {exc}") from exc


def _float(value: str | None) -> float | None:
    if value is None or not value.strip():
        return None
    return float(value)


def _int(value: str | None) -> int | None:
    if value is None or not value.strip():
        return None
    return int(value)


def _align(text: str, start: int, end: int, surface: str, check: OffsetCheck, *,
           anywhere: bool = False, trust_offsets: bool = False) -> tuple[int, int] | None:
    """Verify ``text[start:end] == surface``; re-align or drop it, and count what happened.

    A mismatching span moves to the occurrence of ``surface`` nearest to ``start`` within
    :data:`REALIGN_WINDOW` characters (or anywhere in the text when ``anywhere``). With
    ``trust_offsets`` an unmatched span is kept as annotated.
    """
    if text[start:end] == surface:
        check.exact += 1
        return start, end
    best = _nearest_occurrence(text, surface, start, None if anywhere else REALIGN_WINDOW)
    if best is not None:
        check.realigned += 1
        return best, best + len(surface)
    if trust_offsets and 0 <= start < end <= len(text):
        check.kept_mismatch += 1
        return start, end
    check.dropped += 1
    return None


def _nearest_occurrence(text: str, surface: str, start: int, window: int | None) -> int | None:
    if not surface or (window is not None and not 0 <= start <= len(text)):
        return None  # an offset outside the text (GWN has negative ones) has no neighbourhood
    lo = 0 if window is None else max(0, start - window)
    hi = len(text) if window is None else min(len(text), start + window + len(surface))
    best: int | None = None
    pos = text.find(surface, lo, hi)
    while pos != -1:
        if best is None or abs(pos - start) < abs(best - start):
            best = pos
        pos = text.find(surface, pos + 1, hi)
    return best


def _load_gwn(folder: Path, check: OffsetCheck, spec: CorpusSpec) -> list[GoldDocument]:
    root = _parse_xml(folder / "GWN.xml")
    literal_only = spec.name == "GWN-literal"
    docs = []
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        gold: list[GoldToponym] = []
        ignored: list[tuple[int, int]] = []
        for node in art.find("toponyms") or ():
            rec = {child.tag: child.text for child in node}
            kind = rec.get("type") or ""
            adjective = rec.get("modifierType") == "Adjective"
            place_derived = kind in _GWN_PLACE_DERIVED_TYPES or (
                kind in _GWN_TOPONYM_TYPES and adjective)
            if literal_only:
                is_gold = kind in _GWN_LITERAL_TYPES and not adjective
                is_ignored = not is_gold and (kind in _GWN_TOPONYM_TYPES or place_derived)
            else:
                is_gold = kind in _GWN_TOPONYM_TYPES and not adjective
                is_ignored = place_derived
            if not (is_gold or is_ignored):
                continue  # Expressions, Non_Toponym containers, Homonyms: not toponyms
            span = _align(text, int(rec["start"] or ""), int(rec["end"] or ""),
                          rec.get("extractedName") or "", check)
            if span is None:
                continue
            if is_ignored:
                ignored.append(span)
                continue
            gold.append(GoldToponym(span[0], span[1], text[span[0]:span[1]],
                                    _float(rec.get("latitude")), _float(rec.get("longitude")),
                                    _int(rec.get("geonamesID")), kind))
        docs.append(GoldDocument(f"GWN-{art.get('file')}", text, _sorted(gold), tuple(ignored)))
    return docs


def _load_lgl_like(folder: Path, filename: str, check: OffsetCheck,
                   anywhere: bool) -> list[GoldDocument]:
    """LGL and TR-News share one schema (``<toponym><start/><end/><phrase/><gaztag/>``)."""
    root = _parse_xml(folder / filename)
    docs = []
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        gold = []
        for node in art.iter("toponym"):
            phrase = (node.findtext("phrase") or "").strip()
            span = _align(text, int(node.findtext("start", "")), int(node.findtext("end", "")),
                          phrase, check, anywhere=anywhere)
            if span is None:
                continue
            tag = node.find("gaztag")
            lat = lon = gid = None
            fcode = None
            if tag is not None:
                lat, lon = _float(tag.findtext("lat")), _float(tag.findtext("lon"))
                gid, fcode = _int(tag.get("geonameid")), tag.findtext("fcode")
            gold.append(GoldToponym(span[0], span[1], text[span[0]:span[1]], lat, lon, gid, fcode))
        docs.append(GoldDocument(f"{filename.split('.')[0]}-{art.get('docid')}", text,
                                 _sorted(gold)))
    return docs


def _load_lgl(folder: Path, check: OffsetCheck, spec: CorpusSpec) -> list[GoldDocument]:
    return _load_lgl_like(folder, "lgl.xml", check, anywhere=False)


def _load_trnews(folder: Path, check: OffsetCheck, spec: CorpusSpec) -> list[GoldDocument]:
    return _load_lgl_like(folder, "TR-News.xml", check, anywhere=True)


def _load_geovirus(folder: Path, check: OffsetCheck, spec: CorpusSpec) -> list[GoldDocument]:
    root = _parse_xml(folder / "GeoVirus.xml")
    docs = []
    for i, art in enumerate(root.iter("article")):
        text = art.findtext("text") or ""
        gold = []
        for node in art.iter("location"):
            name = node.findtext("name") or ""
            # The corpus offsets are shifted by +1 (see its README).
            span = _align(text, int(node.findtext("start", "")) - 1,
                          int(node.findtext("end", "")) - 1, name, check)
            if span is None:
                continue
            gold.append(GoldToponym(span[0], span[1], text[span[0]:span[1]],
                                    _float(node.findtext("lat")), _float(node.findtext("lon"))))
        docs.append(GoldDocument(f"GeoVirus-{i}", text, _sorted(gold)))
    return docs


def _load_wiktor(folder: Path, check: OffsetCheck, spec: CorpusSpec) -> list[GoldDocument]:
    path = _require(folder / "WikToR_reconstructed.jsonl")
    docs = []
    with path.open(encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataFileError(f"{path}:{line_no} is not valid JSON: {exc}") from exc
            text = rec["text"]
            gold = []
            for top in rec.get("toponyms") or ():
                span = _align(text, top["start"], top["end"], top["surface"], check,
                              trust_offsets=True)
                if span is None:
                    continue
                gold.append(GoldToponym(span[0], span[1], text[span[0]:span[1]],
                                        rec.get("lat"), rec.get("lon")))
            docs.append(GoldDocument(f"WikToR-{rec['doc_index']}", text, _sorted(gold)))
    return docs


def _sorted(gold: list[GoldToponym]) -> list[GoldToponym]:
    return sorted(gold, key=lambda g: (g.start, g.end))


_LOADERS: dict[str, Callable[[Path, OffsetCheck, CorpusSpec], list[GoldDocument]]] = {
    "GeoWebNews": _load_gwn,
    "LGL": _load_lgl,
    "TR-News": _load_trnews,
    "GeoVirus": _load_geovirus,
    "WikToR": _load_wiktor,
}
