"""A change of another war told in its own clause ("the World War Two liberation of X", "X was
captured during the Second World War") is history no profile maps: no event (rule
``everyday.other_war``); a change an anniversary marks ("the anniversary of the battle for
X") is background, on no date its sentence gives (rule ``background.anniversary``). Sentences
are ours, on the real pipeline and gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2023, 2, 3)


@pytest.mark.integration
@pytest.mark.parametrize("text", [
    "The president spoke at an event remembering the World War Two liberation "
    "of Kyiv by Soviet troops.",
    "Kharkiv was captured twice during the Second World War.",
])
def test_another_war_is_no_event(explained, text):
    result = explained(PUBLISHED, text)
    assert [e for e in result.events if e.kind in ("capture", "recapture")] == []
    assert "everyday.other_war" in {d.rule for d in result.dropped}


@pytest.mark.integration
def test_an_anniversary_gives_no_date(explained):
    events = explained(PUBLISHED, "Veterans laid flowers on the anniversary of the close of "
                                  "the battle for Izium.").events
    marked = [e for e in events if "background.anniversary" in e.provenance]
    assert marked and all(e.date_from is None for e in marked)


@pytest.mark.integration
def test_this_war_stays(control_changes):
    changes = control_changes(PUBLISHED, "Russia says it is fighting Nazis as its forces "
                                         "captured Mariupol.", sided=False)
    assert [(e.kind, e.place.name) for e in changes] == [("capture", "Mariupol")]
