"""A time counted from the start of the war ("shortly after Russia invaded", "days after the
war began") is the war's first month (rule ``conflict-shortly-after-start`` of
``conflict_dates``), not the publication, and names itself in the provenance; another war's
start ("invaded Crimea", "the start of the war in Donbas") is no date of it. Sentences are ours,
on the real date rules and (integration) the real pipeline and gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

from geo_events.events.narrative_dates import conflict_dates

START = date(2022, 2, 24)
PUBLISHED = date(2022, 8, 2)
RULE = "conflict-shortly-after-start"


def _read(text: str) -> list[tuple[str, date, date, str | None]]:
    return [(d.text, d.range.date_from, d.range.date_to, d.rule)
            for d in conflict_dates(text, START, PUBLISHED)]


@pytest.mark.parametrize("text, phrase", [
    ("Soon after Russia invaded, the garrison left the island.", "Soon after Russia invaded"),
    ("Days after the war began the bridge was blown.", "Days after the war began"),
    ("Shortly after the start of the invasion, the port was blockaded.",
     "Shortly after the start of the invasion"),
    ("Just after Russian troops attacked Ukraine, the airfield was hit.",
     "Just after Russian troops attacked Ukraine"),
])
def test_the_wars_first_month(text, phrase):
    assert _read(text) == [(phrase, START, date(2022, 3, 27), RULE)]


@pytest.mark.parametrize("text", [
    "Soon after Russia invaded Crimea, the fleet left Sevastopol.",
    "Shortly after the start of the war in Donbas, rebels seized the town hall.",
    "Shortly after Russia invaded Georgia, talks began.",
])
def test_another_war_is_no_date_of_this_one(text):
    assert _read(text) == []


def test_no_date_before_the_war():
    assert conflict_dates("Soon after Russia invaded, the garrison left.", START,
                          date(2022, 1, 10)) == []


@pytest.mark.integration
def test_an_encirclement_soon_after_the_invasion(explained):
    events = [e for e in explained(PUBLISHED, "Soon after Russia invaded Ukraine, its troops "
                                   "nearly encircled Mykolaiv.").events
              if e.place is not None and e.place.name.startswith("Mykola")]
    assert [(e.date_from, e.date_to) for e in events] == [(START, date(2022, 3, 27))]
    assert RULE in events[0].provenance
