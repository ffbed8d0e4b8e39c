"""A unit's name the model also read as a surname: "the entire Kyiv region".

A bare surname of a person named in full elsewhere is that person ("Kelly" after "John
Kelly"); when an admin unit's type word follows it ("the entire Kyiv region", "the Kyiv
Oblast", geoparse cues ``admin_type_words``) it is the unit's name
(``geoparse.recognize.find_candidates``). Texts are ours, on the real pipeline and
gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2023, 7, 1)
PERSON = "Sergei Kyiv, a soldier, wrote home."


@pytest.mark.integration
@pytest.mark.parametrize("sentence, status", [
    ("On 2 April 2022 the entire Kyiv region was retaken by Ukrainian troops.", "reported"),
    ("On 2 April 2022, Ukrainian officials said the entire Kyiv region had been "
     "recaptured.",
     "claimed"),
])
def test_a_surname_before_a_unit_word_is_the_unit(control_changes, sentence, status):
    changes = control_changes(PUBLISHED, f"{PERSON} {sentence}", sided=False)
    assert [(e.kind, e.place.level, e.gain, e.status) for e in changes] == \
        [("recapture", "admin1", "UA", status)]


@pytest.mark.integration
def test_the_bare_surname_stays_the_person(nlp):
    from geo_events.geoparse import parse

    parsed = parse(f"{PERSON} On 3 May Kyiv wrote again.", PUBLISHED)
    assert [m.surface for m in parsed.mentions] == []
