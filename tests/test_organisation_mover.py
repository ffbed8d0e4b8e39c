"""A named organisation is the armed party only as the head of the mover's phrase ("M23",
"Wagner"), not as a word modifying it: "the Red Cross convoy", "a carriage of Intercity" name
the owner of an unarmed mover (``actors._actor``); companies, agencies and railways move no
front line either (lexicon ``unarmed_mover_nouns``). Sentences are ours, on the real pipeline
and gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2022, 7, 20)


@pytest.mark.integration
@pytest.mark.parametrize("text", [
    "The Red Cross convoy entered Mariupol on Friday.",
    "The carriage of Intercity from Lviv to Odesa on May 2, reaching Vinnytsia, was late.",
    "The state railway company's trains reached Kherson again.",
])
def test_an_organisation_moves_no_front(explained, text):
    result = explained(PUBLISHED, text)
    assert [e for e in result.events if e.kind in ("advance", "capture", "recapture")] == []
    assert {d.rule for d in result.dropped} & {"veto.no_armed_party", "veto.unarmed_mover"}


@pytest.mark.integration
def test_a_named_armed_group_still_acts(control_changes):
    changes = control_changes(PUBLISHED, "Wagner captured Soledar after weeks of fighting.")
    assert [(e.kind, e.place.name, e.gain) for e in changes] == [("capture", "Soledar", "RU")]
