"""A port "of" a town is that town, never a village named "Port"; a year written in a
sentence dates it over the narrative's date (issue 13, classes seen on long-form reporting).

The sentences are our own."""

from __future__ import annotations

from datetime import date

import pytest

from tests.test_places_reference_dates import LATE, _ranges

# --- the year of a sentence (unit) -------------------------------------------------------------

def test_a_year_in_the_sentence_dates_its_yearless_month():
    text = ("Shelling of Alpha resumed on 5 May 2023. Militants had held the square during "
            "the 2014 unrest in April.")
    assert _ranges(text)["April"] == ("2014-04-01", "month")


def test_a_year_alone_dates_only_its_own_sentence():
    text = ("Shelling of Alpha resumed on 5 May 2022. In 2014 the town was fought over. In "
            "April the garrison left.")
    assert _ranges(text)["April"] == ("2022-04-01", "month")


def test_a_full_date_nearer_than_a_year_stays_the_anchor():
    text = "After the 2014 war, the line held until 3 March 2022 and fell on 9 March."
    assert _ranges(text)["9 March"] == ("2022-03-09", "day")


# --- the real pipeline -----------------------------------------------------------------------

def _events(text: str, published: date = LATE):
    from geo_events.events import extract_events

    return extract_events(text, published=published, profile="russia-ukraine")


@pytest.mark.integration
@pytest.mark.parametrize("text", [
    "Russian troops seized the Port of Berdiansk on Sunday.",
    "The Port of Berdiansk was captured by Russian soldiers.",
    "Russian soldiers took the Sea Port of Berdiansk and the airport.",
])
def test_the_port_of_a_town_is_no_village_named_port(nlp, text):
    places = [(e.place.name, e.place.admin1_code) for e in _events(text)
              if e.is_control_change]
    assert places == [("Berdyansk", "UA.26")]


@pytest.mark.integration
def test_the_geoparser_reads_the_town_inside_a_port_entity(nlp):
    from geo_events.geoparse import geoparse

    got = [(m.surface, m.place.id) for m in geoparse("Shelling hit the Port of Mariupol.")]
    assert got == [("Mariupol", "gn:701822")]


@pytest.mark.integration
def test_a_date_on_a_noun_of_the_clause_dates_it_over_the_narrative(nlp):
    text = ("On 9 August 2022, explosions hit an air base in Crimea. The military base in "
            "Novofedorivka was seized by Russian forces during the 2014 annexation of Crimea.")
    # the base is a site at the Crimean Novofedorivka (the text names Crimea around it)
    got = {(e.place.admin1_code, "Novofedor" in e.place.name, e.date_from.year)
           for e in _events(text) if e.date_from}
    assert ("UA.11", True, 2014) in got
    assert not any(at and year == 2022 for _, at, year in got)


@pytest.mark.integration
def test_a_past_event_with_its_month_in_a_later_narrative(nlp):
    text = ("On 1 March 2022, Russian forces entered Kherson. In 2014, separatists seized "
            "Mykolaivka in April. On 3 March, Russian forces captured Nova Kakhovka.")
    got = {e.place.name: (e.date_from, e.date_to) for e in _events(text)
           if e.is_control_change}
    assert got["Mykolaivka"] == (date(2014, 4, 1), date(2014, 4, 30))
    assert got["Nova Kakhovka"] == (date(2022, 3, 3), date(2022, 3, 3))
