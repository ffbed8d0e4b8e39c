"""A holder participle the parser read as a verb right after a gerund or a preposition ("a
road connecting occupied X", "the ferry linking occupied X") is the attributive state "occupied
X" (the profile's occupier holds X; rule ``held.misread_attributive``), never a side-less
capture. A verb of its own ("Russian troops occupied X") stays a capture. Sentences are ours,
on the real pipeline and gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2022, 7, 20)


@pytest.mark.integration
@pytest.mark.parametrize("text, place", [
    ("Partisans blew up a road connecting occupied Melitopol with the coast.", "Melitopol"),
    ("Officials said the ferry linking occupied Kherson and the left bank was hit.", "Kherson"),
])
def test_misread_participle_is_a_holding(explained, text, place):
    events = explained(PUBLISHED, text).events
    assert [e for e in events if e.kind == "capture"] == []
    held = [e for e in events if e.kind == "held" and e.place.name == place]
    assert held and held[0].gain == "RU"
    assert "held.misread_attributive" in held[0].provenance


@pytest.mark.integration
@pytest.mark.parametrize("text", [
    "Russian troops occupied Melitopol in the first days of March.",
    "After a week of shelling, the Russians occupied Melitopol.",
])
def test_an_occupation_verb_stays_a_capture(explained, text):
    events = explained(PUBLISHED, text).events
    assert [(e.kind, e.gain) for e in events if e.place.name == "Melitopol"] == [("capture", "RU")]
