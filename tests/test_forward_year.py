"""News writes its recent months bare and may recall an old year later: a day or month
without a year that no explicit date (nor a year alone) precedes takes no year from a later
sentence (rule ``yearless-before-any-year``, ``forward_year`` of ``narrative_dates.json``): it
is read against publication, and it is no evidence that the text retells the past. Sentences
are ours, on the real date grammar and (integration) the real pipeline and gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

from geo_events.events.narrative_dates import load_narrative_rules, text_dates

PUBLISHED = date(2022, 7, 20)
START = date(2022, 2, 24)
RULE = "yearless-before-any-year"

NEWS = ("In March the council moved its offices out of the town. In April the mayor left "
        "too, the regional governor said on Tuesday.\n\n"
        "The town had been shelled before, first in July 2014, when separatists held the "
        "hills around it.")


def _read(text: str) -> tuple[list[tuple[str, date, str | None]], bool]:
    dates, retro = text_dates(text, PUBLISHED, conflict_start=START)
    return [(d.text, d.range.date_from, d.rule) for d in dates], retro


def test_the_rule_is_loaded():
    assert load_narrative_rules().forward_year == RULE


def test_bare_months_before_an_old_year_are_this_years():
    read, retro = _read(NEWS)
    assert not retro
    assert ("March", date(2022, 3, 1), RULE) in read
    assert ("April", date(2022, 4, 1), RULE) in read
    assert ("July 2014", date(2014, 7, 1), None) in read


def test_a_month_after_publication_is_last_years():
    read, _ = _read(NEWS.replace("In April", "In October"))
    assert ("October", date(2021, 10, 1), RULE) in read


def test_a_later_date_of_the_same_sentence_still_gives_its_year():
    read, _ = _read("Between March and May 2014 the separatists took the town hall. The "
                    "mayor left in June 2022.")
    assert ("March", date(2014, 3, 1), None) in read


def test_a_year_told_before_keeps_the_narrative_reading():
    read, _ = _read("The 2014 fighting around the town is well documented. In April the "
                    "mayor fled; in July 2014 the army returned.")
    assert ("April", date(2014, 4, 1), None) in read


def test_a_retelling_keeps_its_narrative_year():
    text = ("On 3 March the brigade reached the river. On 9 March it crossed.\n\n"
            "On 14 March 2022 the bridgehead held, on 20 March 2022 the town fell and on 25 "
            "March 2022 the last unit left it.")
    read, retro = _read(text)
    assert retro
    assert [d for d in read if d[0].endswith("3 March")] == [("3 March", date(2022, 3, 3), None)]


@pytest.mark.integration
def test_a_capture_in_a_bare_month_is_not_dated_by_a_later_old_year(control_changes):
    text = ("In April Russian troops captured Kreminna, the regional governor said.\n\n"
            "The town was first fought over in July 2014.")
    events = control_changes(PUBLISHED, text)
    assert [(e.place.name, e.date_from, e.date_to) for e in events] == [
        ("Kreminna", date(2022, 4, 1), date(2022, 4, 30))]
