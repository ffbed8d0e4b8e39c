"""A news report that recalls the war's start does not retell the past (#13 class 9, rule
``conflict-recall`` of ``narrative_dates.json``), and a text's dates are found once
(:func:`~geo_events.events.narrative_dates.text_dates`).

A report of 2024 that says "after the invasion of Ukraine in February 2022" in one paragraph
and "captured X in February" in another means the February before publication. The narrative
reading gave every yearless date that recalled year, which made the report look like a retelling
of 2022 (rule ``retrospective``), which kept that reading: a yearless date whose year could
come only from a date written on the war itself in another paragraph is no evidence of a
retelling. A retelling whose first date is its own event's keeps the narrative's year.
Sentences written for these tests; real pipeline."""

from __future__ import annotations

from datetime import date

import pytest
from event_fixtures import events_on

from geo_events.events import narrative_dates as nd
from geo_events.events.narrative_dates import (
    is_retrospective,
    load_narrative_rules,
    narrative_dates,
    text_dates,
)

NEWS_RULE = "yearless-news-paragraph"
RECALL_RULE = "conflict-recall"
PUBLISHED = date(2024, 5, 4)
REPORT = ("Exports fell sharply after Russia's invasion of Ukraine in February 2022, the "
          "ministry said.\n\n"
          "Russian troops seized the town of Vuhledar in February, the governor said.\n\n"
          "Talks on the grain corridor may resume in June.")


def test_a_recalled_war_start_makes_no_retelling():
    old = narrative_dates(REPORT, PUBLISHED)
    # the narrative reading alone: every yearless date in 2022, three old dates, a retelling
    assert [d.range.date_from.year for d in old] == [2022, 2022, 2022]
    assert is_retrospective(old, PUBLISHED)
    assert not is_retrospective(old, PUBLISHED, text=REPORT)
    dates, retrospective = text_dates(REPORT, PUBLISHED)
    assert not retrospective
    february = next(d for d in dates if d.text == "February")
    # read against publication because the recall made the text news: both rules decided
    assert (february.range.date_from, february.rule_ids) == (date(2024, 2, 1),
                                                             (NEWS_RULE, RECALL_RULE))


def test_the_capture_takes_the_february_before_publication():
    caps = [e for e in events_on(REPORT, PUBLISHED.isoformat()) if e.kind == "capture"]
    assert [(e.place.name, e.date_from, e.date_to) for e in caps] == [
        ("Vuhledar", date(2024, 2, 1), date(2024, 2, 29))]
    assert NEWS_RULE in caps[0].provenance and RECALL_RULE in caps[0].provenance


def test_a_retelling_from_its_own_first_date_keeps_the_narrative_year():
    text = ("The siege of the town began on 25 February 2022, during the invasion.\n\n"
            "On 3 March, shelling cut the water supply.\n\n"
            "On 10 March, Russian forces captured the town of Trostianets.")
    assert text_dates(text, date(2023, 7, 1))[1]
    caps = [e for e in events_on(text, "2023-07-01") if e.kind == "capture"]
    assert [(e.date_from, NEWS_RULE in e.provenance, RECALL_RULE in e.provenance)
            for e in caps] == [(date(2022, 3, 10), False, False)]


def test_a_recall_in_the_same_paragraph_still_counts():
    # the yearless dates sit in the recall's paragraph: their year is read there, not recalled
    text = ("Swift advances followed Russia's invasion of Ukraine on 24 February 2022: on 25 "
            "February columns crossed the river, on 26 February they reached the city and on "
            "2 March the port fell.")
    rule = load_narrative_rules().conflict_recall
    assert rule is not None and rule.recalls(text, narrative_dates(text, date(2023, 7, 1))[0])
    assert text_dates(text, date(2023, 7, 1))[1]


@pytest.mark.parametrize("before, recalls", [
    ("Prices rose after Russia's invasion of Ukraine on ", True),
    ("since the full-scale war in ", True),
    ("Russia's attack on Ukraine in ", True),
    ("The port, shelled from the first days of the war, was captured on ", False),
    ("Russian forces captured the town on ", False),
    ("The battle began on ", False),
])
def test_which_dates_are_written_on_the_war_itself(before, recalls):
    rule = load_narrative_rules().conflict_recall
    assert rule is not None
    text = before + "24 February 2022."
    (m,) = [d for d in nd.find_dates(text, date(2023, 1, 1)) if d.text.endswith("2022")]
    assert rule.recalls(text, m) is recalls


def test_a_news_texts_dates_are_found_once(monkeypatch):
    calls = []
    find = nd.find_dates

    def counting(text, *args, **kwargs):
        calls.append(text == REPORT)  # the whole text, not one expression read in a year
        return find(text, *args, **kwargs)

    monkeypatch.setattr(nd, "find_dates", counting)
    dates, retrospective = text_dates(REPORT, PUBLISHED)
    assert not retrospective and sum(calls) == 1
    # the same dates as the two readings, each found on its own (the recall's id is named
    # where text_dates sees that the recall made the text news)
    monkeypatch.setattr(nd, "find_dates", find)
    assert [(d.start, d.end, d.range) for d in dates] == \
        [(d.start, d.end, d.range) for d in narrative_dates(REPORT, PUBLISHED, news=True)]


def test_news_without_a_recall_names_only_the_paragraph_rule():
    # news on its own (its dates recent): the recall decided nothing, so it is not named
    text = ("The spring push of May 2021 soon ran out of steam.\n\n"
            "Crews repaired the dam in January, officials said.")
    dates, retrospective = text_dates(text, date(2023, 4, 1))
    january = next(d for d in dates if d.text == "January")
    assert not retrospective
    assert (january.range.date_from, january.rule_ids) == (date(2023, 1, 1), (NEWS_RULE,))
