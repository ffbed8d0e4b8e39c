"""A negated past change limited by "until": "Russian forces did not capture X until 7 May"
tells that they captured it on 7 May, and "It was not until 7 May that ..." the same through a
cleft (rule ``factuality.not_until``, ``geo_events/events/factuality.py`` ``not_until``;
lexicon ``temporal_condition_marks``, ``cleft_subjects``). A future or modal negation with
"until" ("will not capture X until ...") is a condition, and an "until" with neither a date
nor a past clause ("until further notice") leaves the negation: no event. Sentences are ours,
on the real pipeline and gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2023, 3, 1)


@pytest.mark.integration
@pytest.mark.parametrize("text, expected", [
    ("Russian troops did not capture Popasna until 7 May 2022, after weeks of shelling.",
     ("Popasna", "RU", date(2022, 5, 7))),
    ("Ukrainian forces did not retake Kupiansk until 10 September 2022.",
     ("Kupiansk", "UA", date(2022, 9, 10))),
    ("The Russian army did not establish control of Lysychansk until 3 July 2022.",
     ("Lysychansk", "RU", date(2022, 7, 3))),
    ("It was not until 7 May 2022 that Russian forces captured Popasna.",
     ("Popasna", "RU", date(2022, 5, 7))),
])
def test_a_change_negated_until_a_date_happened_on_that_date(control_changes, text, expected):
    changes = control_changes(PUBLISHED, text)
    name, gain, day = expected
    assert len(changes) == 1
    event = changes[0]
    assert (event.gain, event.date_from, event.date_to) == (gain, day, day)
    assert event.place.name.lower().startswith(name.lower()[:3])
    assert "factuality.not_until" in event.provenance
    assert event.status == "reported"


@pytest.mark.integration
@pytest.mark.parametrize("text", [
    "Russian forces will not capture Popasna until they bring up more artillery.",
    "Russian forces would not capture Popasna until May 2022.",
    "Russian forces did not capture Popasna until further notice.",
    "Russian forces did not capture Popasna in May 2022.",
    "It was not clear whether Russian forces captured Popasna in May 2022.",
])
def test_a_condition_or_a_plain_negation_makes_no_change(control_changes, text):
    assert control_changes(PUBLISHED, text) == []
