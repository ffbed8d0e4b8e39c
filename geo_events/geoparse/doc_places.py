"""The places of a geoparsed document and the interface to place resolution.

:class:`DocPlaces` is built once per document from its spaCy Doc and geoparsed mentions; event
extraction asks it where a name's locator is, which place of a name the locator means, what a
name the geoparser missed is, and which names the gazetteer lacks. The logic lives in
:mod:`~geo_events.geoparse.locators` (the locator grammar), :mod:`~geo_events.geoparse.fit`
(namesakes by locator), :mod:`~geo_events.geoparse.recover` (missed names) and
:mod:`~geo_events.geoparse.unresolved` (places the gazetteer lacks; countries' codifiers are
plug-ins, :mod:`geo_events.gazetteer.codifiers`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from spacy.tokens import Doc, Token

from geo_events.geoparse.fit import fit_to_locator
from geo_events.geoparse.locators import locator_after, plain, qualifier_mentions
from geo_events.geoparse.recover import recover
from geo_events.geoparse.unresolved import typed_names, unplaced_names
from geo_events.model import Mention, Place


def _never(_text: str) -> bool:
    return False


@dataclass(frozen=True)
class PlaceHints:
    """What the caller knows about a text that place resolution uses.

    ``countries``: ISO alpha-2 codes of the countries the text is about (a conflict profile's;
    empty: the countries of the text's places); ``is_party``: True for a name that names a
    party, not a place ("Wagner", a profile's actor name); ``place_nouns``: True for a noun that
    heads a place name ("village" of "the village of X", "city")."""

    countries: tuple[str, ...] = ()
    is_party: Callable[[str], bool] = _never
    place_nouns: Callable[[str], bool] = _never


class _Points:
    """Points (degrees) of mentions with their character spans, in growable arrays: the
    settlements of a text that :func:`nearest_to_the_text` measures namesakes against."""

    def __init__(self) -> None:
        self.n = 0
        self.data = np.zeros((4, 64))  # rows: start, end, latitude, longitude

    def add(self, start: int, end: int, lat: float, lon: float) -> None:
        if self.n == self.data.shape[1]:
            self.data = np.concatenate([self.data, np.zeros_like(self.data)], axis=1)
        self.data[:, self.n] = (start, end, lat, lon)
        self.n += 1

    def outside(self, start: int, end: int) -> tuple[np.ndarray, np.ndarray]:
        """(latitudes, longitudes) of the points whose span does not overlap start..end."""
        starts, ends, lats, lons = self.data[:, :self.n]
        keep = ~((starts < end) & (start < ends))
        return lats[keep], lons[keep]


class DocPlaces:
    """The places of one geoparsed document, and the place resolution that needs the parse.

    Built once per document (``doc`` the spaCy Doc, ``mentions`` its geoparsed mentions,
    ``gazetteer`` the :class:`~geo_events.gazetteer.Gazetteer` or None, ``hints`` what the
    caller knows of the text), so that a caller stays linear in the length of the text.

    Lookups: token -> mention (:meth:`mention_at`), the mentions that only locate another
    (:meth:`is_locator`, ``qualifiers``), sentence order (:meth:`sentence_no`), the mentions
    between two character offsets (offset-sorted, by bisection), the countries of the text's
    toponyms and the points of its settlements. Every lookup sees the places :meth:`add`
    registered.

    Resolution (the interface event extraction uses): :meth:`locator_after` ("X, Luhansk",
    "X in western Luhansk Oblast", "X, 12 km southeast of Y"), :meth:`fit_to_locator`
    (namesakes fitted to the locator's province and community), :meth:`recover` (a name the
    geoparser missed that a trigger vouches for) and :meth:`unresolved_between` (names the
    gazetteer lacks, placed by their locator or the country's codifier)."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention], gazetteer=None,
                 hints: PlaceHints | None = None) -> None:
        self.doc = doc
        self.text = doc.text  # Doc.text joins every token on each access: once here
        self.gazetteer = gazetteer
        self.hints = hints or PlaceHints()
        # (a type word read as a name, "Raion" of "Izium Raion", is no mention: resolve)
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        #: the longest mention (characters): how far before an offset a covering one starts
        self.longest = max((m.end - m.start for m in self.mentions), default=0)
        self.by_token: dict[int, Mention] = {}
        for m in self.mentions:
            self._index_tokens(m)
        self.qualifiers = qualifier_mentions(self.text, self.mentions)
        self.sentences = list(doc.sents)
        self.sent_index = {s.start: i for i, s in enumerate(self.sentences)}
        self.countries = {m.place.country_code for m in self.mentions if m.role == "toponym"}
        self.points = _Points()
        for m in self.mentions:
            self._index_point(m)
        #: name (:func:`~geo_events.geoparse.locators.plain`) -> the place its mentions with a
        #: locator are fitted to, None when none or several (filled as names are asked for,
        #: :func:`~geo_events.geoparse.doc_context.located_in_document`)
        self.located_names: dict[str, Place | None] = {}
        #: what :mod:`~geo_events.geoparse.doc_context` gathers once per document, each with
        #: the number of mentions it was gathered from (rebuilt when :meth:`add` added some)
        self.context_cache: dict[str, tuple[Any, ...]] = {}
        #: mentions by :func:`~geo_events.geoparse.locators.plain` name, in text order, and
        #: the offsets where each word of the text begins (both built when first asked for,
        #: the first kept up to date by :meth:`add`: :meth:`named`, :meth:`word_starts`)
        self._by_name: dict[str, list[Mention]] | None = None
        self._word_starts: dict[str, list[int]] | None = None

    def named(self, key: str) -> list[Mention]:
        """The mentions whose name as written is ``key`` (:func:`plain`), in text order (the
        order of :attr:`mentions`). Kept up to date as places are added: built once per
        document, not once per added place."""
        if self._by_name is None:
            self._by_name = {}
            for m in self.mentions:
                self._by_name.setdefault(plain(m.surface), []).append(m)
        return self._by_name.get(key, [])

    def word_starts(self, word: str) -> list[int]:
        """The offsets, in order, at which a word (a maximal run of word characters, regex
        ``\\w+``) equal to ``word`` begins in the text: where a name beginning with that word
        may stand, found without scanning the whole text for each name."""
        if self._word_starts is None:
            self._word_starts = {}
            for w in re.finditer(r"\w+", self.text):
                self._word_starts.setdefault(w.group(), []).append(w.start())
        return self._word_starts.get(word, [])

    def _index_tokens(self, m: Mention) -> None:
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        for tok in span or ():
            self.by_token.setdefault(tok.i, m)

    def _index_point(self, m: Mention) -> None:
        """A settlement with a point of its own (or its community's) that is no locator."""
        if m.role == "toponym" and m.place.level == "populated_place" \
                and id(m) not in self.qualifiers \
                and (not m.place.is_unresolved or m.place.precision == "community"):
            self.points.add(m.start, m.end, m.place.latitude, m.place.longitude)

    def add(self, m: Mention) -> None:
        """Register a place found after the geoparser (:meth:`recover`), so that later
        sentences can refer to it."""
        k = bisect_right(self.starts, m.start)  # after the mentions starting there already
        self.mentions.insert(k, m)
        self.starts.insert(k, m.start)
        if self._by_name is not None:  # after the mentions of the name starting there already
            same = self._by_name.setdefault(plain(m.surface), [])
            same.insert(bisect_right([o.start for o in same], m.start), m)
        self.longest = max(self.longest, m.end - m.start)
        if m.role == "toponym":
            self.countries.add(m.place.country_code)
        self._index_tokens(m)
        self._index_point(m)

    def between(self, from_char: int, to_char: int) -> list[Mention]:
        """The mentions starting in ``from_char`` .. ``to_char`` (exclusive), in text order."""
        return self.mentions[bisect_left(self.starts, from_char):
                             bisect_left(self.starts, to_char)]

    def overlapping(self, from_char: int, to_char: int) -> list[Mention]:
        """The mentions that overlap the characters ``from_char`` .. ``to_char`` (exclusive)."""
        return [x for x in self.between(from_char - self.longest, to_char)
                if x.start < to_char and from_char < x.end]

    def covering(self, char: int) -> bool:
        """True when a mention covers the character at offset ``char``."""
        return any(x.start <= char < x.end for x in self.between(char - self.longest, char + 1))

    def mention_at(self, tok: Token) -> Mention | None:
        return self.by_token.get(tok.i)

    def sentence_no(self, tok: Token) -> int:
        return self.sent_index[tok.sent.start]

    def is_locator(self, m: Mention) -> bool:
        """True when ``m`` only locates the name before it ("Izium, Kharkiv region")."""
        return id(m) in self.qualifiers

    def context_countries(self) -> Collection[str | None]:
        """The countries the text is about: the hints' (a conflict profile's), else those of
        its places."""
        return self.hints.countries or set(self.countries)

    # -- resolution ---------------------------------------------------------------------------

    def locator_after(self, end_char: int, prep: bool = True) -> Mention | None:
        """The place that locates the name ending at ``end_char``: after "<name>, " ("Milove,
        Luhansk region"), or (with ``prep``) after "<name> in (the) " when it is a province or
        its namesake capital, or a near locator (", south of Y", ", 10 km from Y"; label
        :data:`~geo_events.geoparse.locators.NEAR`, the point moved by a distance and bearing).
        None without one."""
        return locator_after(end_char, self, prep)

    def fit_to_locator(self, m: Mention) -> Mention | None:
        """``m`` re-resolved to fit its locator's province and community (or its neighbours
        when nothing locates it), an unresolved place where the gazetteer has none there, with
        the codifier's namesakes kept for a corpus to settle; None when it cannot be placed."""
        return fit_to_locator(m, self)

    def recover(self, tok: Token) -> Mention | None:
        """The place a slot head the geoparser did not mark names (a trigger vouches that it is
        a place), registered with :meth:`add`; None when nothing places it."""
        found = recover(tok, self)
        if found is not None:
            self.add(found)
        return found

    def unresolved_between(self, from_char: int, to_char: int) -> list[Mention]:
        """Names between two offsets that the geoparser did not mark and the gazetteer lacks,
        as unresolved places: before a comma locator ("Rudnytske, Kyiv"), then after "the
        village of" (placed by the country's codifier). Not registered."""
        return (unplaced_names(self, from_char, to_char)
                + typed_names(self, from_char, to_char))
