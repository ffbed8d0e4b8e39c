"""Settlements listed after a colon: "Ukrainian forces liberated two more settlements by 24
September: A and B, both between C and D".

The sentence splitter ends the sentence at the colon, so the plural settlement noun in the
slot had no place (``veto.no_place``). ``places.colon_list`` (rule ``place.colon_list``,
lexicon ``settlement_nouns``, ``count_words``) takes the names the list after the colon opens
with, when the noun's clause ends at the colon, the list is no clause ("several villages:
Kharkiv officials said ...") and a number on the noun is the count of its names. Sentences
are ours, on the real pipeline and gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2023, 7, 1)
RULE = "place.colon_list"


def _events(text, kinds=None):
    from geo_events.events import extract_events
    from geo_events.model import CONTROL_KINDS

    kinds = kinds or CONTROL_KINDS
    return [e for e in extract_events(text, published=PUBLISHED, profile="russia-ukraine")
            if e.kind in kinds]


@pytest.mark.integration
def test_the_names_after_the_colon_are_the_places(nlp):
    changes = _events("Russian forces captured several villages on 5 May 2022: Podoly "
                      "and Petropavlivka.")
    assert sorted((e.kind, e.place.name, e.gain) for e in changes) == \
        [("capture", "Petropavlivka", "RU"), ("capture", "Podoly", "RU")]
    assert all(RULE in e.provenance and e.date_from == date(2022, 5, 5) for e in changes)


@pytest.mark.integration
def test_an_unknown_name_counts_as_an_item_and_a_locator_after_the_list_is_no_place(nlp):
    changes = _events("Ukrainian forces liberated two more settlements by 24 September "
                      "2022: Kucherivka and Podoly, both sandwiched between Kupiansk and "
                      "Petropavlivka.")
    assert [(e.kind, e.place.name, e.gain) for e in changes] == [("recapture", "Podoly", "UA")]


@pytest.mark.integration
def test_a_locator_inside_the_list_is_skipped_and_counted_out(nlp):
    changes = _events("On 2 October 2022 Ukrainian troops retook three villages: Nevske, "
                      "Karmazynivka, in Luhansk Oblast, and Novosadove in Donetsk Oblast.")
    assert sorted(e.place.name for e in changes) == ["Karmazynivka", "Nevske", "Novosadove"]
    assert all(RULE in e.provenance and e.gain == "UA" for e in changes)


@pytest.mark.integration
@pytest.mark.parametrize("text", [
    # the number is not the count of the names
    "Ukrainian forces liberated three more villages by 24 September 2022: Podoly and "
    "Petropavlivka.",
    # a clause after the colon, no list
    "Ukrainian forces recaptured several villages on 5 May 2022: Kharkiv officials said "
    "the fighting was heavy.",
])
def test_no_list_after_the_colon_is_no_place(nlp, text):
    assert [e for e in _events(text) if RULE in e.provenance] == []
