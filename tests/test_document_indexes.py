"""Per-document indexes that keep place resolution linear in a text's length (#13, linear time).

* :meth:`DocPlaces.named`: the mentions of a name, in text order, kept up to date as places
  are added (it was rebuilt from every mention each time one was added);
* ``doc_context._occurrences``: a name's occurrences as whole words, found where its first
  word begins a word of the text (:meth:`DocPlaces.word_starts`) instead of scanning the whole
  text for each name; the same matches ``re.finditer`` gives.

Our own texts; only spaCy's tokenizer and sentencizer are used (no gazetteer).
"""

from __future__ import annotations

import re

import spacy
from hypothesis import given
from hypothesis import strategies as st

from geo_events.geoparse.doc_context import _occurrences
from geo_events.geoparse.doc_places import DocPlaces
from geo_events.model import Mention, Place

NLP = spacy.blank("en")
NLP.add_pipe("sentencizer")

TEXT = ("Troops left Nova Vasylivka on Monday. Nova Vasylivka-based units and the Novas moved "
        "to Vasylivka.\nLater, Vasylivka and nova Vasylivka were shelled; Vasylivkas were "
        "not. (Vasylivka) Nova Nova Vasylivka.")


def _mention(text: str, surface: str, start: int) -> Mention:
    place = Place(id=f"test:{surface}", name=surface, level="populated_place",
                  latitude=47.0, longitude=35.0, country_code="UA")
    return Mention(surface=surface, start=start, end=start + len(surface), place=place,
                   score=0.5)


def _finditer(name: str, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text)]


def test_a_name_is_found_where_whole_words_spell_it():
    index = DocPlaces(NLP(TEXT), [])
    for name in ("Nova Vasylivka", "Vasylivka", "Nova Nova Vasylivka", "Nova", "Novas"):
        got = [m.span() for m in _occurrences(name, index)]
        assert got == _finditer(name, TEXT), name
    assert len(_occurrences("Vasylivka", index)) == 7  # not inside "Vasylivkas"


@given(st.lists(st.sampled_from(["Nova", "Vasylivka", "Vasylivkas", " ", "-", "\n", ".",
                                 "Nova Vasylivka", "(", "é", "Ré"]), max_size=30),
       st.sampled_from(["Nova", "Vasylivka", "Nova Vasylivka", "Nova Nova", "Ré"]))
def test_any_text_gives_the_matches_a_scan_gives(parts, name):
    text = "".join(parts)
    index = DocPlaces(NLP(text), [])
    assert [m.span() for m in _occurrences(name, index)] == _finditer(name, text)


def test_the_mentions_of_a_name_stay_in_text_order_as_places_are_added():
    starts = [m.start() for m in re.finditer("Vasylivka", TEXT)]
    first, *rest = [_mention(TEXT, "Vasylivka", s) for s in starts]
    index = DocPlaces(NLP(TEXT), [first, rest[2]])
    assert index.named("vasylivka") == [first, rest[2]]  # built on the first question
    for m in (rest[3], rest[0], rest[1]):
        index.add(m)
    assert index.named("vasylivka") == [first, *rest[:4]]
    assert index.named("vasylivka") == [m for m in index.mentions if m.surface == "Vasylivka"]
