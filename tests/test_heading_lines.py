"""Headings and list lines are no sentences (issue #13, class 9; rule ``veto.heading``).

Our own sentences, on the real pipeline: a "Battle of X" or "Fall of X" line above a section or
in a "See also" list names a topic; it reports no fighting or change on the article's date.
"""

from __future__ import annotations

from datetime import date

from geo_events.events import extract_events

PUBLISHED = date(2023, 7, 18)
ARTICLE = (
    "Ukrainian forces defended the region through the spring of 2022.\n\n"
    "Battle of Mykolaiv\n\n"
    "Russian troops attacked the city of Mykolaiv in early March 2022 and were repelled.\n\n"
    "See also\n\n"
    "Battle of Kherson\n"
    "Fall of Mariupol\n\n"
    "References are listed below."
)


def _explained(text: str):
    return extract_events(text, published=PUBLISHED, profile="russia-ukraine", explain=True)


def test_a_heading_or_a_list_line_makes_no_event():
    out = _explained(ARTICLE)
    assert not any(e.sentence.strip() in {"Battle of Mykolaiv", "Battle of Kherson",
                                          "Fall of Mariupol"} for e in out.events)
    vetoed = {d.sentence for d in out.dropped if d.rule == "veto.heading"}
    assert vetoed == {"Battle of Mykolaiv", "Battle of Kherson", "Fall of Mariupol"}


def test_the_same_words_in_a_sentence_still_report():
    text = ARTICLE.replace("Battle of Kherson\n", "The battle of Kherson went on for days.\n")
    out = _explained(text)
    assert any(e.kind == "contested" and e.place.name == "Kherson" for e in out.events)


def test_a_title_line_is_no_heading():
    # a news headline is the text's first line: it reports
    evs = extract_events("Russian forces capture Kherson\n\nThe city fell on 2 March 2022, "
                         "officials said.", published=date(2022, 3, 3), profile="russia-ukraine")
    assert any(e.kind == "capture" and e.place.name == "Kherson"
               and e.sentence.startswith("Russian forces capture Kherson") for e in evs)
