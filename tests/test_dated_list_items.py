"""Each item of a dated list of places takes its own date (#13 class 9): in a trigger's place
slot, a date right after a place ("liberated X on 8 September, Y on 10 September") is that
place's (rule ``date.list_item``), not the trigger's first date; a place with no date after it
keeps the trigger's. A name conjoined to the trigger verb followed by its own date is a place
of the slot (``place.verb_conjoined_name``), while one with a gapped clause of its own stays
out. Real pipeline and gazetteer; sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from geo_events.events import extract_events

PUBLISHED = date(2022, 12, 20)

pytestmark = pytest.mark.integration


def _by_place(text: str) -> dict[str, tuple[str, date | None, date | None, tuple[str, ...]]]:
    return {e.place.name: (e.kind, e.date_from, e.date_to, e.provenance)
            for e in extract_events(text, published=PUBLISHED, profile="russia-ukraine")}


def test_each_listed_place_takes_the_day_after_it():
    got = _by_place("Ukrainian forces liberated Balakliia on 8 September, Kupiansk on "
                    "10 September, and Lyman on 1 October.")
    assert got["Balakliya"][:3] == ("recapture", date(2022, 9, 8), date(2022, 9, 8))
    assert got["Kupyansk"][:3] == ("recapture", date(2022, 9, 10), date(2022, 9, 10))
    assert got["Lyman"][:3] == ("recapture", date(2022, 10, 1), date(2022, 10, 1))
    assert "date.list_item" in got["Kupyansk"][3]
    assert {"date.list_item", "place.verb_conjoined_name"} <= set(got["Lyman"][3])


def test_months_after_each_place_are_their_own():
    got = _by_place("Russian troops captured Popasna in March and then Sievierodonetsk in June.")
    assert got["Popasna"][1:3] == (date(2022, 3, 1), date(2022, 3, 31))
    assert got["Siverskodonetsk"][1:3] == (date(2022, 6, 1), date(2022, 6, 30))


def test_a_name_conjoined_to_the_verb_takes_its_own_day():
    got = _by_place("The Russian army took Soledar on 16 January and then Vuhledar on 20 May.")
    assert got["Soledar"][1] == date(2022, 1, 16)
    assert got["Vuhledar"][:2] == ("capture", date(2022, 5, 20))
    assert "place.verb_conjoined_name" in got["Vuhledar"][3]


def test_places_without_a_date_of_their_own_keep_the_triggers():
    got = _by_place("Ukraine recaptured Izium and Lyman in September.")
    assert got["Izyum"][1:3] == got["Lyman"][1:3] == (date(2022, 9, 1), date(2022, 9, 30))
    assert not any("date.list_item" in v[3] for v in got.values())


def test_a_gapped_clause_with_a_date_after_it_stays_out():
    got = _by_place("Russian troops attacked Kupiansk with rockets and Lyman with drones on "
                    "8 August.")
    assert "Lyman" not in got


def test_a_number_after_a_conjoined_name_still_keeps_it_out():
    got = _by_place("Russia captured Kherson in March and then Mariupol, killing 20 civilians.")
    assert "Mariupol" not in got


def test_a_group_of_places_before_a_date_takes_it():
    got = _by_place("Russian forces captured Kreminna on 18 April, and Popasna and Rubizhne "
                    "in May.")
    assert got["Kreminna"][1] == date(2022, 4, 18)
    assert got["Popasna"][1:3] == got["Rubizhne"][1:3] == (date(2022, 5, 1), date(2022, 5, 31))
    assert "date.list_item" in got["Popasna"][3]


def test_a_conjoined_group_after_dated_places_takes_its_own_date():
    got = _by_place("Ukrainian forces liberated Balakliia on September 8, Kupiansk on "
                    "September 9, and Velykyi Burluk and Lyman on October 1.")
    assert got["Kupyansk"][1] == date(2022, 9, 9)
    assert got["Velykyi Burluk"][1] == got["Lyman"][1] == date(2022, 10, 1)
    assert "place.verb_conjoined_name" in got["Velykyi Burluk"][3]
