"""An NER place entity the gazetteer lacks that a longer name from it extends ("Ruska" tagged
alone in "Ruska Lozova") takes the longer name (``recognize.find_candidates``), not its last
word's namesake (the town of Lozova, 140 km away). Sentences are ours, on the real pipeline
and gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2022, 5, 1)


@pytest.mark.integration
def test_the_whole_name_is_the_place(control_changes):
    changes = control_changes(
        PUBLISHED, "Ukrainian troops recaptured the village of Ruska Lozova north of Kharkiv.")
    assert [(e.place.name, e.gain) for e in changes] == [("Ruska Lozova", "UA")]


@pytest.mark.integration
def test_the_last_word_alone_is_still_its_place(control_changes):
    changes = control_changes(PUBLISHED, "Russian troops captured Lozova on Friday.")
    assert [(e.place.name, e.gain) for e in changes] == [("Lozova", "RU")]
