"""A state named as the period a past clause happened in ("civilians were killed during the
occupation of X", "throughout the siege of Y, troops shelled ...": lexicon
``past_period_prepositions``) is told as past: it takes no date but one of its own, neither
another date of its sentence nor the paragraph's nor the publication's (rule
``date.past_period``), so it puts no status on the map at publication. A present clause ("are
starving during the siege") tells the state as current and keeps the usual date; a date of the
noun's own ("during the occupation of X in March") dates it. A state told as over ("the end of
the siege of X", "brought an end to the occupation of X", "the siege of X was lifted":
lexicon ``period_end_nouns`` and ``period_end_verbs``) takes no date either, the date of its
end least of all (rule ``date.period_ended``); a state that begins keeps its date. Sentences
are ours, on the real pipeline and gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

from geo_events.events.extract import PAST_PERIOD_RULE, PERIOD_ENDED_RULE
from geo_events.timeline import ControlTimeline

PUBLISHED = date(2022, 9, 14)


def _states(explained, text: str) -> list:
    return [e for e in explained(PUBLISHED, text).events if e.kind in ("held", "contested")]


@pytest.mark.integration
@pytest.mark.parametrize("text, kind, place", [
    ("Four teachers were detained during the Russian occupation of Irpin, the mayor said "
     "on 2 September.", "held", "Irpin"),
    ("During the siege of Chernihiv, Russian artillery destroyed the city's stadium.",
     "contested", "Chernihiv"),
    ("The museum's paintings, which had been hidden throughout the occupation of Bucha, "
     "went on show on Sunday.", "held", "Bucha"),
    ("Residents have described the hunger they endured during the siege of Chernihiv.",
     "contested", "Chernihiv"),
])
def test_a_state_a_past_clause_happened_in_takes_no_date(explained, text, kind, place):
    states = _states(explained, text)
    assert [(e.kind, e.place.name, e.date_from) for e in states] == [(kind, place, None)]
    assert PAST_PERIOD_RULE in states[0].provenance


@pytest.mark.integration
def test_it_puts_no_status_on_the_map_at_publication(explained):
    events = explained(PUBLISHED, "On 9 September, prosecutors said 30 civilians had died "
                                  "during the Russian occupation of Irpin.").events
    held = [e for e in events if e.kind == "held"]
    assert [(e.place.name, e.date_from) for e in held] == [("Irpin", None)]
    tl = ControlTimeline.from_events(events, profile="russia-ukraine")
    assert tl.status_at(held[0].place.id, PUBLISHED.isoformat()).side is None


@pytest.mark.integration
def test_a_present_clause_keeps_the_state_current(explained):
    states = _states(explained, "Thousands of residents are starving during the siege of "
                                "Chernihiv.")
    assert [(e.kind, e.place.name) for e in states] == [("contested", "Chernihiv")]
    assert states[0].date_from is not None
    assert PAST_PERIOD_RULE not in states[0].provenance


@pytest.mark.integration
def test_a_state_with_a_date_of_its_own_keeps_it(explained):
    states = _states(explained, "Soldiers looted the library during the occupation of Bucha "
                                "in March.")
    assert [(e.place.name, e.date_from, e.date_to) for e in states] == [
        ("Bucha", date(2022, 3, 1), date(2022, 3, 31))]
    assert PAST_PERIOD_RULE not in states[0].provenance


@pytest.mark.integration
def test_only_the_period_prepositions_of_the_lexicon(explained):
    # "before" names no period the clause happened in: the rule does not apply
    states = _states(explained, "Four teachers were detained before the occupation of Irpin, "
                                "the mayor said on 2 September.")
    assert all(PAST_PERIOD_RULE not in e.provenance for e in states)


@pytest.mark.integration
@pytest.mark.parametrize("text, kind, place", [
    ("After the end of the siege of Chernihiv, engineers cleared the roads on 5 April.",
     "contested", "Chernihiv"),
    ("The retreat brought an end to the occupation of Bucha on 31 March.", "held", "Bucha"),
    ("The siege of Chernihiv was lifted on 31 March.", "contested", "Chernihiv"),
    ("Officials said the siege of Chernihiv ended on 31 March.", "contested", "Chernihiv"),
])
def test_a_state_told_as_over_takes_no_date(explained, text, kind, place):
    states = _states(explained, text)
    assert [(e.kind, e.place.name, e.date_from) for e in states] == [(kind, place, None)]
    assert PERIOD_ENDED_RULE in states[0].provenance


@pytest.mark.integration
def test_a_state_that_begins_keeps_its_date(explained):
    states = _states(explained, "The siege of Chernihiv began on 25 February.")
    assert [(e.place.name, e.date_from) for e in states] == [
        ("Chernihiv", date(2022, 2, 25))]
    # an end to come is no end
    states = _states(explained, "When the siege of Chernihiv ends, the mayor said on 12 "
                                "September, the city will rebuild.")
    assert [(e.place.name, e.date_from) for e in states] == [
        ("Chernihiv", date(2022, 9, 12))]
    assert PERIOD_ENDED_RULE not in states[0].provenance


@pytest.mark.integration
def test_the_past_clause_a_period_frames_takes_no_date_either(explained):
    events = explained(PUBLISHED, "During the siege of Chernihiv, Russian artillery shelled "
                                  "the city every night, the mayor said on 9 September.").events
    assert {(e.kind, e.date_from) for e in events if e.place.name == "Chernihiv"} == {
        ("contested", None), ("shelling", None)}
    assert all(PAST_PERIOD_RULE in e.provenance for e in events if e.place.name == "Chernihiv")
    # a clause in the present is current: its date stays
    events = explained(PUBLISHED, "During the siege of Chernihiv, Russian artillery shells "
                                  "the city every night.").events
    assert [e.date_from is not None for e in events if e.kind == "shelling"] == [True]
