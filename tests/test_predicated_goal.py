"""A change said to be a goal: the change (a gerund, an infinitive or a noun) and a goal noun
are the subject and the complement of one verb, either way round ("Seizing X remains the
priority", "the aim is capturing X"): no event (rule ``goal.predicated_goal``, relation
``predicate`` of the context rules). A change told beside a goal noun in another role stays.
Sentences are ours, on the real pipeline and gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2022, 7, 20)


@pytest.mark.integration
@pytest.mark.parametrize("text", [
    "Capturing the whole of the Luhansk region has been the main aim of the Kremlin.",
    "Seizing the whole of Donetsk region is Moscow's main objective.",
    "The main aim of the Kremlin is capturing Kharkiv.",
    "The capture of Kharkiv remains Russia's top priority.",
])
def test_a_goal_is_no_change(explained, text):
    result = explained(PUBLISHED, text)
    assert [e for e in result.events if e.kind == "capture"] == []
    assert "goal.predicated_goal" in {d.rule for d in result.dropped}


@pytest.mark.integration
@pytest.mark.parametrize("text", [
    "Russian forces captured Izium, the main goal of their spring offensive.",
    "Russian troops captured Izium on Friday and their next target is Sloviansk.",
])
def test_a_change_beside_a_goal_noun_stays(control_changes, text):
    assert [(e.kind, e.place.name, e.gain) for e in control_changes(PUBLISHED, text)] \
        == [("capture", "Izyum", "RU")]
