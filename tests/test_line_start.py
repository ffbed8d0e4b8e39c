"""The start of a token's line without joining the whole text (``syntax.line_start``).

``Doc.text`` joins every token of the document on each access, so reading it for each pronoun
or source made extraction time grow with the square of a document's length (#13, linear time).
:func:`~geo_events.events.syntax.line_start` walks back over the tokens of the line instead; it
must give what ``doc.text.rfind("\\n", 0, tok.idx) + 1`` gives, and with a ``floor`` either
that offset or one at or below the floor. The texts are ours; only spaCy's tokenizer is used.
"""

from __future__ import annotations

import spacy
from hypothesis import given
from hypothesis import strategies as st

from geo_events.events.syntax import line_start

NLP = spacy.blank("en")

TEXT = ("Fighting near the river\n"
        "Ukrainian forces advanced on Monday. They entered two villages.\n\n"
        "  Russian troops withdrew overnight.\r\nThey left the bridge intact.\n"
        "Officials said nothing.")


def _expected(doc, tok) -> int:
    return doc.text.rfind("\n", 0, tok.idx) + 1


def test_every_token_finds_the_start_of_its_line():
    doc = NLP(TEXT)
    assert [line_start(t) for t in doc] == [_expected(doc, t) for t in doc]
    they = [t for t in doc if t.text == "They"]
    # the second "They" is on the line that follows the Russian withdrawal's
    assert TEXT[line_start(they[1]):].startswith("They left")
    assert TEXT[line_start(they[0]):].startswith("Ukrainian forces")


def test_a_floor_stops_the_walk_at_or_below_it():
    doc = NLP(TEXT)
    for tok in doc:
        for floor in range(0, tok.idx + 1, 7):
            got = line_start(tok, floor)
            exact = _expected(doc, tok)
            assert got == exact if exact >= floor else got <= floor


@given(st.lists(st.sampled_from(["Kyiv", "held", "it", ".", " ", "  ", "\n", "\n\n", " \n ",
                                 "forces", ","]), max_size=40))
def test_any_text_of_words_spaces_and_breaks(parts):
    doc = NLP("".join(parts))
    for tok in doc:
        assert line_start(tok) == _expected(doc, tok)
