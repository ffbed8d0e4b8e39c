"""Names listed before a compass phrase: "recaptured the villages of A and B east of C".

The parser hangs the names on the compass word: B as a modifier of "east" with "east" A's
conjunct, or A (B conjoined to it) as modifiers of "east", the "of" object of the noun; and "of
C" as a second "of" object of "villages". The names were lost (``veto.no_place``) or C was
read as the place taken. ``places._expand`` and ``places._listed_after_head`` now take the
names hung on a compass word (``recover.direction_names``, rule ``place.direction_names``) and
leave an "of" phrase right after a compass word to locate them (``places._after_compass``);
the geoparse cue ``locator_patterns.near`` reads "<name> west of C" without a comma as a
locator of the name, as ", west of C" was. Sentences are ours, on the real pipeline and
gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2023, 7, 1)


@pytest.mark.integration
def test_second_name_hung_on_the_compass_word_is_taken_and_the_locator_is_not(control_changes):
    changes = control_changes(PUBLISHED, "Ukrainian troops liberated the villages of "
                                         "Hryhorivka and Marfopil east of Huliaipole on 4 May "
                                         "2023.")
    assert sorted(e.place.name for e in changes) == ["Hryhorivka", "Marfopil"]
    assert all(e.gain == "UA" and e.date_from == date(2023, 5, 4) for e in changes)


@pytest.mark.integration
def test_locator_named_after_a_reported_list_is_no_place_taken(control_changes):
    changes = control_changes(PUBLISHED, "On 26 March 2023, the regional military "
                                         "administration said Ukrainian forces had recaptured "
                                         "the villages of Hryhorivka and Marfopil east of "
                                         "Huliaipole after heavy fighting.")
    assert sorted(e.place.name for e in changes) == ["Hryhorivka", "Marfopil"]


@pytest.mark.integration
def test_names_of_many_namesakes_before_a_compass_phrase_are_placed_by_it(control_changes):
    changes = control_changes(PUBLISHED, "Ukrainian forces recaptured Novodarivka west of "
                                         "Velyka Novosilka on 3 June 2023.")
    assert [e.place.name for e in changes] == ["Novodarivka"]
    # near Velyka Novosilka (47.84 N, 36.83 E), not one of the far namesakes
    assert abs(changes[0].place.latitude - 47.84) < 0.3
    assert abs(changes[0].place.longitude - 36.8) < 0.3


@pytest.mark.integration
def test_a_compass_phrase_without_names_takes_no_place(control_changes):
    assert control_changes(PUBLISHED, "Russian forces captured the villages east of "
                                      "Huliaipole on 4 May 2023.") == []
