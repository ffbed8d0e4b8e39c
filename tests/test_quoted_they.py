"""In a direct quotation a speaker calls his own side "we": a quoted "they" (lexicon
``quoted_other_pronouns``) never stands for the quoted speaker's side, only for a party named
before it ("'They have entered X,' the Ukrainian governor said" after a sentence on Russian troops
is Russia's advance). Outside a quotation the reporter's side stays
("Ukraine's military said they had withdrawn from X"). Sentences are ours, on the real pipeline
and gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2022, 5, 20)


@pytest.mark.integration
def test_a_quoted_they_is_not_the_speakers_side(explained):
    events = explained(PUBLISHED, "Russian troops attacked Rubizhne all night. “They have "
                       "entered Rubizhne,” the Ukrainian governor of Luhansk Oblast said on "
                       "Friday.").events
    assert [(e.place.name[:4], e.gain) for e in events if e.kind == "advance"] \
        == [("Rubi", "RU")]


@pytest.mark.integration
def test_a_reported_they_is_the_reporters_side(explained):
    events = explained(PUBLISHED, "Ukraine's military said on Friday that they had withdrawn "
                       "from Sievierodonetsk.").events
    assert [(e.gain, e.loss) for e in events if e.kind == "withdrawal"] == [("RU", "UA")]


def test_in_direct_quote_counts_the_marks(nlp):
    from geo_events.events.actors import in_direct_quote

    doc = nlp("“They left,” he said. They stayed. He said \"they came\" and they went.")
    they = [t for t in doc if t.lower_ == "they"]
    assert [in_direct_quote(t) for t in they] == [True, False, True, False]
