"""A change of hands that is only aimed at makes no event (#13 class 2): a task given ("tasked
its brigades with seizing X": ``intention_heads`` "task"), a labelled list of goals after a
semicolon ("its aims; taking X": rule ``goal.objective_label``), a time set or a plan made for
it ("its timetable for liberating X": rule ``goal.purpose_phrase``), and a purpose noun right
before the infinitive where the parser did not hang the infinitive on it (rule
``goal.purpose_noun_infinitive``). Sentences are ours, on the real pipeline and gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2023, 5, 2)


@pytest.mark.integration
@pytest.mark.parametrize("text, rule", [
    ("The general staff has tasked its assault brigades with seizing the town of Vuhledar "
     "by the end of the month.", "factuality.intention:task"),
    ("Analysts listed the Kremlin's early aims; toppling the government, taking Kharkiv and "
     "splitting the alliance.", "goal.objective_label"),
    ("Kyiv keeps its timetable for liberating Melitopol secret, officials said on Tuesday.",
     "goal.purpose_phrase"),
    ("Reserves are moving in response to Kyiv's declared counteroffensive to retake the "
     "southern occupied districts of Zaporizhzhia Oblast.", "goal.purpose_noun_infinitive"),
])
def test_an_aim_is_no_change(explained, text, rule):
    result = explained(PUBLISHED, text)
    assert [e for e in result.events if e.is_control_change] == []
    assert rule in {d.rule for d in result.dropped}


@pytest.mark.integration
@pytest.mark.parametrize("text, place", [
    ("Ukrainian troops recaptured Kupiansk on 10 September 2022, after a push to the Oskil "
     "river.", "Kup"),
    ("Ukrainian troops, tasked last week with holding the line, retook Lyman on 1 October 2022.",
     "Lym"),
])
def test_a_change_beside_an_aim_stays(explained, text, place):
    changes = [e for e in explained(PUBLISHED, text).events if e.is_control_change]
    assert [(e.place.name[:3], e.gain) for e in changes] == [(place, "UA")]
