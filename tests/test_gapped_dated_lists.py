"""Gapped dated lists (#13 class 9, rule ``place.date_phrase_item``): "Russian forces seized X
in March, Y in April and Z in May" -- the parser hangs Y (or Z) inside the date phrase before
it, as an apposition or conjunct of the month, so only X was read. A proper name that is a
list item of a date word of a phrase on the trigger (or on a name already read), followed by
its own date and nothing else of its own, is one more item of the place slot, and takes its
own date (``date.list_item``). A list without "and" ("took X in May, Y in June, Z in July"):
the dates after a conjoined name that belong to later names no longer keep it out
(``place.verb_conjoined_name``). Sentences written for these tests; real pipeline."""

from __future__ import annotations

from datetime import date

import pytest
from event_fixtures import events_on

pytestmark = pytest.mark.integration

RULE = "place.date_phrase_item"
DAY = "2023-01-10"


def _changes(text: str) -> list[tuple[str, date | None, date | None]]:
    return sorted((e.place.name, e.date_from, e.date_to) for e in events_on(text, DAY)
                  if e.kind in ("capture", "recapture"))


def test_months_of_a_gapped_list_each_date_their_town():
    text = "Russian forces seized Trostianets in March, Okhtyrka in April and Romny in May."
    assert _changes(text) == [
        ("Okhtyrka", date(2022, 4, 1), date(2022, 4, 30)),
        ("Romny", date(2022, 5, 1), date(2022, 5, 31)),
        ("Trostyanets", date(2022, 3, 1), date(2022, 3, 31))]
    okhtyrka = next(e for e in events_on(text, DAY) if e.place.name == "Okhtyrka")
    assert RULE in okhtyrka.provenance


def test_an_apposition_of_the_month_is_read():
    text = "Russian forces captured Izium in April, Lyman in May, and Sviatohirsk in June."
    assert ("Lyman", date(2022, 5, 1), date(2022, 5, 31)) in _changes(text)


def test_a_conjunct_of_the_day_is_read():
    text = ("Ukrainian troops liberated Kupiansk on 10 September, Lyman on 1 October and "
            "Kherson on 11 November.")
    assert ("Kherson", date(2022, 11, 11), date(2022, 11, 11)) in _changes(text)


def test_a_list_without_and_reads_its_middle_name():
    text = "Russian troops took Popasna in May, Sievierodonetsk in June, Lysychansk in July."
    assert [n for n, _, _ in _changes(text)] == ["Lysychansk", "Popasna", "Siverskodonetsk"]


@pytest.mark.parametrize("text, left_out", [
    # a date after the name that is no later name's own: another clause's
    ("Russian troops captured Izium in April, Lyman in May, a week before the talks on 3 June.",
     "Lyman"),
    # a number after the list: a clause of its own follows
    ("Ukrainian troops retook Balakliia on 8 September, Kupiansk on 10 September and Izium on "
     "11 September, killing 20 soldiers.", "Izyum"),
])
def test_a_name_with_more_after_it_stays_out(text, left_out):
    assert left_out not in [n for n, _, _ in _changes(text)]
