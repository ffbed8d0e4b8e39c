"""The "hands" idiom of control states: "fell into Ukrainian hands", "was back in Russian
hands", "was no longer in Russian hands".

The control-state mechanism (``triggers._control_state_events``) compares a noun's lemma with
``control_states.nouns`` of ``geo_events/data/lang/en/events.json``; the list held only the
plural "hands", whose lemma is "hand", so the idiom was never read: "fell into Ukrainian hands"
was a capture with no side (by "fall" alone) and "was back in Ukrainian hands" no event at all.
Sentences are ours, on the real pipeline and gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2023, 7, 1)


@pytest.mark.integration
@pytest.mark.parametrize("text, expected", [
    ("On 11 November, Kherson fell into Ukrainian hands.", ("Kherson", "UA", "RU")),
    ("Kupiansk was back in Ukrainian hands by 10 September.", ("Kupyansk", "UA", "RU")),
    # a holding told as ended (held.no_longer) is the holder's loss
    ("By 11 November, Kherson was no longer in Russian hands.", ("Kherson", "UA", "RU")),
])
def test_the_hands_idiom_names_the_side(nlp, text, expected):
    from geo_events.events import extract_events

    changes = [e for e in extract_events(text, published=PUBLISHED, profile="russia-ukraine")
               if e.is_control_change]
    assert [(e.place.name, e.gain, e.loss) for e in changes] == [expected]
    assert any(r.endswith("control_state") for r in changes[0].provenance)


@pytest.mark.integration
@pytest.mark.parametrize("text", [
    "The situation in Kherson is in hand, the mayor said.",  # no holder
    "Residents of Kherson suffered at the hands of the occupiers.",  # "at": no control state
    "On the other hand, the bridge at Kherson was intact on 3 May.",
])
def test_other_senses_of_hand_are_no_control(nlp, text):
    from geo_events.events import extract_events

    assert not [e for e in extract_events(text, published=PUBLISHED, profile="russia-ukraine")
                if e.is_control_change]
