"""A complement clause of a claim noun parsed as a relative clause: "claims made by Russian
bloggers that Ukrainians took control of X".

The parser hangs the clause on "bloggers" with two subjects, "that" and "Ukrainians"; the
relative pronoun stood for the bloggers, so the change was read as a Russian capture.
``triggers._without_complementizer`` drops a relative pronoun that another subject follows:
the subject after it acts. Sentences are ours, on the real pipeline and gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2023, 7, 1)


@pytest.mark.integration
def test_the_subject_after_that_acts_not_the_claimants(control_changes):
    changes = control_changes(PUBLISHED, "Videos backed claims by pro-Russian "
                                         "bloggers that Ukrainians took control of Yampil "
                                         "on 28 September 2022.")
    assert [(e.place.name, e.gain, e.loss) for e in changes] == [("Yampil", "UA", "RU")]


@pytest.mark.integration
def test_with_a_conjoined_verb_after_it(control_changes):
    changes = control_changes(PUBLISHED, "Drone videos backed claims by pro-Russian "
                                         "bloggers that Ukrainians took control of Yampil "
                                         "and pushed east on 28 September 2022.")
    assert [(e.place.name, e.gain) for e in changes] == [("Yampil", "UA")]


@pytest.mark.integration
def test_a_true_relative_pronoun_still_stands_for_its_noun(control_changes):
    changes = control_changes(PUBLISHED, "Russian units that took Yampil in May 2022 were "
                                         "pushed out in October 2022.")
    assert [(e.kind, e.gain) for e in changes if e.kind == "capture"] == [("capture", "RU")]
