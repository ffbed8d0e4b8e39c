"""News dates a day or month without a year by publication, not by a year written in another
paragraph (#13, rule ``yearless-news-paragraph`` of ``narrative_dates.json``): a report that
recalls "the offensive that began in March 2021" and then says "captured X in January" means
the January before publication. A text that retells the past (rule ``retrospective``) keeps
the narrative's year across paragraphs. Sentences written for these tests; real pipeline."""

from __future__ import annotations

from datetime import date

from event_fixtures import events_on

from geo_events.events.narrative_dates import is_retrospective, narrative_dates

RULE = "yearless-news-paragraph"

RECALL = "The offensive that began in March 2021 stalled within weeks.\n\n"
CAPTURE = "Russian forces captured the town of Soledar in January."


def test_a_year_in_an_earlier_paragraph_sets_none_for_news():
    pub = date(2023, 4, 10)
    text = RECALL + "The mayor met engineers on Monday.\n\n" + CAPTURE
    first = narrative_dates(text, pub)
    assert not is_retrospective(first, pub)
    news = narrative_dates(text, pub, news=True)
    january = next(d for d in news if d.text == "January")
    assert (january.range.date_from, january.rule) == (date(2023, 1, 1), RULE)
    # without the news reading the recalled year dated it
    assert next(d for d in first if d.text == "January").range.date_from == date(2021, 1, 1)


def test_the_capture_is_dated_in_the_january_before_publication():
    evs = events_on(RECALL + "The mayor met engineers on Monday.\n\n" + CAPTURE, "2023-04-10")
    caps = [e for e in evs if e.kind == "capture"]
    assert [(e.place.name, e.date_from, e.date_to) for e in caps] == [
        ("Soledar", date(2023, 1, 1), date(2023, 1, 31))]
    assert RULE in caps[0].provenance


def test_a_year_in_the_same_paragraph_still_dates_news():
    text = ("The offensive began in March 2021. " + CAPTURE)
    evs = [e for e in events_on(text, "2023-04-10") if e.kind == "capture"]
    assert [(e.date_from, RULE in e.provenance) for e in evs] == [(date(2021, 1, 1), False)]


def test_a_retelling_keeps_the_narrative_year_across_paragraphs():
    pub = date(2023, 7, 1)
    text = ("On 24 February 2022, Russian forces crossed the border.\n\n"
            "On 25 February, columns reached the outskirts of the city.\n\n"
            "On 26 February, Russian forces captured the town of Hostomel.")
    dates = narrative_dates(text, pub)
    assert is_retrospective(dates, pub)
    evs = [e for e in events_on(text, "2023-07-01") if e.kind == "capture"]
    assert [(e.date_from, RULE in e.provenance) for e in evs] == [(date(2022, 2, 26), False)]


def test_the_same_reading_is_no_rule():
    # a yearless date the recalled year reads the same way names no rule
    pub = date(2023, 4, 10)
    text = "Prices rose in March 2023.\n\nThe council met on 2 April."
    news = narrative_dates(text, pub, news=True)
    assert [(d.text, d.range.date_from, d.rule) for d in news] == [
        ("March 2023", date(2023, 3, 1), None), ("2 April", date(2023, 4, 2), None)]


def test_news_keeps_a_narrative_the_next_explicit_date_puts_in_order():
    # "Starting on 17 May" read in publication's year would run past "October 2022"
    pub = date(2023, 7, 10)
    text = ("Separatists held the square until July 2014.\n\n"
            "Starting on 17 May, the town was shelled; in October 2022 the assault began.\n\n"
            "Officials met on Monday and again on Friday to discuss the evacuation.")
    assert not is_retrospective(narrative_dates(text, pub), pub)
    news = narrative_dates(text, pub, news=True)
    may = next(d for d in news if d.text.endswith("17 May"))
    assert (may.range.date_from, may.rule) == (date(2022, 5, 17), None)
