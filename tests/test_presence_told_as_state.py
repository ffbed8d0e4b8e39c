"""A presence told as ended by a state: "X was free of Russian troops", "there were no
Russian troops left in X", "no Ukrainian soldiers were left in X".

"be free of" (``lang/en/events.json``, kind ``withdrawal``, the party after "of" an armed
one, key ``state``) reads the party's presence in X as ended; limited by "until" it tells the
state before a change and makes no event (``veto.state_until``). "leave in" is a presence
told only as ended (``ended_only``, as "remain in"): the participle on a noun a negation
determiner quantifies ("*no* Russian troops left in X"; ``extract.no_longer_holding``) is the
holder's loss (rule ``held.no_longer``); otherwise the phrase takes no token ("Russian troops
left X in Y Oblast" stays a withdrawal from X). Sentences are ours, on the real pipeline and
gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2023, 7, 1)


@pytest.mark.integration
@pytest.mark.parametrize("text, expected", [
    ("By 14 November, Snihurivka was free of Russian troops.", ("Snihurivka", "UA", "RU")),
    ("On 14 November, the town of Snihurivka was completely free of the occupiers.",
     ("Snihurivka", "UA", "RU")),
    ("The governor said on 14 November that Snihurivka was free of Russian forces.",
     ("Snihurivka", "UA", "RU")),
])
def test_a_place_free_of_a_sides_troops_is_left_by_that_side(control_changes, text, expected):
    changes = control_changes(PUBLISHED, text)
    assert [(e.place.name, e.gain, e.loss) for e in changes] == [expected]
    assert changes[0].provenance[0] == "trigger.withdrawal.be_free_of"


@pytest.mark.integration
@pytest.mark.parametrize("text", [
    "On 14 November, the road to Snihurivka was free of mines.",  # no armed party
    "Snihurivka was free of Russian troops until 15 March.",  # the state before a change
    "Snihurivka was free of Russian troops until Russian units entered it on 15 March.",
    "Snihurivka is not yet free of Russian troops.",
])
def test_free_of_other_things_or_until_a_change_is_no_change(control_changes, text):
    assert [e for e in control_changes(PUBLISHED, text) if e.place.name == "Snihurivka"] == []


@pytest.mark.integration
@pytest.mark.parametrize("text, expected", [
    ("On 14 November, there were no Russian troops left in Snihurivka.",
     ("Snihurivka", "UA", "RU")),
    ("By 14 November, no Russian soldiers were left in Snihurivka.",
     ("Snihurivka", "UA", "RU")),
    ("On 14 November, there were no Russian troops remaining in Snihurivka.",
     ("Snihurivka", "UA", "RU")),
])
def test_no_troops_left_in_a_place_is_the_holders_loss(control_changes, text, expected):
    changes = control_changes(PUBLISHED, text)
    assert [(e.place.name, e.gain, e.loss) for e in changes] == [expected]
    assert "held.no_longer" in changes[0].provenance


@pytest.mark.integration
@pytest.mark.parametrize("text", [
    "On 14 November, there were still Russian troops left in Snihurivka.",
    "On 14 November, there were no civilians left in Snihurivka.",
    "On 14 November, the Russian troops left in Snihurivka surrendered.",
])
def test_troops_left_in_a_place_without_the_ending_is_no_change(control_changes, text):
    assert control_changes(PUBLISHED, text) == []


@pytest.mark.integration
def test_troops_leaving_a_place_in_a_region_still_withdraw(control_changes):
    changes = control_changes(PUBLISHED,
                              "On 14 November, Russian troops left Snihurivka in Mykolaiv Oblast.")
    assert [(e.kind, e.place.name, e.loss) for e in changes] == \
        [("withdrawal", "Snihurivka", "RU")]
