"""News retelling older changes, and descriptions that presuppose what they say (real spaCy
pipeline and gazetteer; sentences written for these tests):

- a date of the war itself ("in the first weeks of the war", "at the start of the invasion")
  counts from the profile's start date (``narrative_dates.json``, ``conflict_dates``);
- a change a "since" clause or gerund tells is what a period started from: background, dated
  only by a date of its own (lexicon ``period_start_marks``);
- a relative pronoun object stands for the noun its clause describes ("X, which troops took
  in March");
- a description presupposes what it says: the intention, negation or modal of the clause
  around the described noun does not apply to it ("hopes to retake X, which Russia took");
- a verb of compulsion or ability is implicative ("were forced to abandon X", "was able to
  retake X"), and a passive verb's subject does what its complement says.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from geo_events.errors import DataFileError
from geo_events.events import extract_events
from geo_events.events.narrative_dates import (
    NARRATIVE_RULES,
    conflict_dates,
    load_narrative_rules,
    narrative_dates,
)

PROFILE = "russia-ukraine"
START = date(2022, 2, 24)


def explained(text: str, day: str = "2022-08-02"):
    return extract_events(text, published=day, profile=PROFILE, explain=True)


def control(evs, kinds=("capture", "recapture", "withdrawal")):
    return [e for e in evs if e.kind in kinds]


# -- dates of the war itself ------------------------------------------------------------------
@pytest.mark.parametrize("phrase, first, last", [
    ("in the first weeks of the war", START, date(2022, 3, 24)),
    ("in the opening days of the invasion", START, date(2022, 3, 3)),
    ("on the first day of the full-scale invasion", START, START),
    ("at the start of the invasion", START, date(2022, 3, 3)),
    ("early in the war", START, date(2022, 4, 25)),
    ("in the first months of the war", START, date(2022, 5, 27)),
])
def test_a_date_of_the_war_counts_from_the_profile_start(phrase, first, last):
    text = f"The depot was lost {phrase}, officials said."
    found = conflict_dates(text, START, date(2023, 5, 1))
    assert [(d.text, d.range.date_from, d.range.date_to) for d in found] == [
        (phrase, first, last)]


def test_war_dates_need_a_start_and_a_later_publication_and_no_other_year():
    text = "The hill was taken in the first weeks of the war."
    assert [d.range.date_from for d in narrative_dates(text, date(2022, 8, 1),
                                                       conflict_start=START)] == [START]
    assert narrative_dates(text, date(2022, 8, 1)) == []  # no profile start: no date
    assert conflict_dates(text, START, date(2022, 1, 10)) == []  # written before the war
    # never past publication
    assert conflict_dates(text, START, date(2022, 3, 1))[0].range.date_to == date(2022, 3, 1)
    # an explicit year after the phrase names another war
    assert conflict_dates("The hill was taken in the first months of the war in 2014.",
                          START, date(2022, 8, 1)) == []
    # after "since" a period up to now: no date
    for text in ("They have held it since the start of the war.",
                 "They have held it since the first days of the war."):
        assert conflict_dates(text, START, date(2022, 8, 1)) == [], text


def assert_rejected(tmp_path, data: dict, key: str) -> None:
    """The narrative rules ``data``, written to a file, fail to load with an error naming
    ``key``."""
    bad = tmp_path / "narrative_dates.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DataFileError, match=key):
        load_narrative_rules(bad)


def test_conflict_dates_rules_are_checked(tmp_path):
    data = json.loads(NARRATIVE_RULES.read_text(encoding="utf-8"))
    data["conflict_dates"][0]["to_days"] = -1
    assert_rejected(tmp_path, data, "from_days")
    data["conflict_dates"][0]["to_days"] = 3
    data["conflict_dates"][0]["weeks"] = 3
    assert_rejected(tmp_path, data, "weeks")


def test_a_retold_change_keeps_the_time_it_is_told_at():
    out = explained("Refugees from Melitopol, which Russian troops took in the first weeks of "
                    "the war, arrived in Zaporizhzhia on Monday.")
    caps = control(out.events)
    assert [(e.kind, e.place.name, e.gain) for e in caps] == [("capture", "Melitopol", "RU")]
    assert (caps[0].date_from, caps[0].date_to) == (START, date(2022, 3, 24))


# -- since ------------------------------------------------------------------------------------
def test_a_change_a_period_started_from_is_background():
    out = explained("Prices have doubled in the region since Russian forces seized "
                    "Melitopol.")
    caps = control(out.events)
    assert [(e.place.name, e.date_from) for e in caps] == [("Melitopol", None)]
    # with a date of its own it keeps it
    out = explained("Prices have doubled since Russian forces seized Melitopol on 1 March.")
    caps = control(out.events)
    assert [(e.place.name, e.date_from) for e in caps] == [("Melitopol", date(2022, 3, 1))]


# -- relative pronoun objects -----------------------------------------------------------------
def test_a_relative_pronoun_object_stands_for_the_described_noun():
    out = explained("Melitopol, which Russian troops took in March, has a new mayor.")
    caps = control(out.events)
    assert [(e.place.name, e.gain, e.date_from) for e in caps] == [
        ("Melitopol", "RU", date(2022, 3, 1))]


# -- descriptions presuppose what they say ----------------------------------------------------
def test_a_description_keeps_its_change_whatever_the_clause_around_it_intends():
    out = explained("Kyiv hopes to retake the port of Berdiansk, which Russian troops took in "
                    "the first days of the war.")
    evs = control(out.events)
    assert [(e.kind, e.place.name, e.gain) for e in evs] == [("capture", "Berdyansk", "RU")]
    assert evs[0].date_to == date(2022, 3, 3)


def test_an_infinitive_describing_a_noun_is_a_purpose_not_a_description():
    out = explained("Shelling may intensify after the start of Kyiv's offensive to retake "
                    "Melitopol.")
    assert not control(out.events)


# -- implicative verbs ------------------------------------------------------------------------
def test_a_change_troops_were_forced_to_make_happened():
    out = explained("On 9 November Russian troops were forced to abandon Kherson.",
                    "2022-11-20")
    evs = control(out.events)
    assert [(e.kind, e.place.name, e.loss, e.gain) for e in evs] == [
        ("withdrawal", "Kherson", "RU", "UA")]
    # the object of an active verb of compulsion does what it is made to do
    out = explained("On 15 September Ukrainian troops forced Russian units to withdraw from "
                    "Kupiansk.", "2022-09-20")
    assert [(e.kind, e.loss, e.gain) for e in control(out.events)] == [
        ("withdrawal", "RU", "UA")]
    out = explained("Ukrainian troops were able to retake Kupiansk on 10 September.",
                    "2022-09-20")
    assert [(e.kind, e.gain) for e in control(out.events)] == [("recapture", "UA")]
    # still not a change when the compulsion is only possible, or the ability denied
    for text in ("Russian troops may be forced to abandon Kherson.",
                 "Ukrainian troops were not able to retake Kupiansk on 10 September."):
        assert not control(explained(text, "2022-11-20").events), text


# -- an adverbial clause is no intention's content -----------------------------------------------
def test_a_change_told_around_an_intention_head_is_no_intention():
    out = explained("Ukrainian units were slowly pushed back after Russian troops captured "
                    "Popasna on 7 May.", "2022-05-20")
    assert [(e.kind, e.place.name, e.gain) for e in control(out.events)] == [
        ("capture", "Popasna", "RU")]
    out = explained("Moscow plans to storm Kramatorsk after its troops capture Sloviansk.",
                    "2022-05-20")
    assert not control(out.events)


# -- a retold past in the historical present ------------------------------------------------------
RECAP = ("The invasion began on 24 February 2022, when Russian troops crossed the border.\n\n"
         "Here is how the year unfolded.\n\n"
         "Russian columns push along the southern coast, seizing the city of Melitopol.\n\n"
         "On 2 April, reporters find bodies in the northern suburbs.\n\n"
         "In late August, Ukraine launches a counter-offensive in the south.\n\n"
         "Ukrainian troops have retaken Kupiansk, officials say.\n\n"
         "In January, fighting rages near Soledar.\n")


def test_a_recap_in_the_historical_present_dates_by_the_narrative():
    out = explained(RECAP, "2023-02-23")
    caps = {e.place.name: e for e in control(out.events)}
    mel = caps["Melitopol"]
    assert (mel.kind, mel.gain, mel.date_from, mel.date_to) == (
        "capture", "RU", START, date(2022, 3, 26))
    assert "retrospective-present" in mel.provenance
    # a perfect tells news of the day of publication
    assert caps["Kupyansk"].date_to == date(2023, 2, 23)
    # a text of current news keeps the publication's reading
    out = explained("Fighting went on near Soledar on Monday.\n\nRussian columns push along "
                    "the coast, seizing the city of Melitopol.", "2022-03-01")
    assert [e.date_to for e in control(out.events)] == [date(2022, 3, 1)]


def test_retrospective_rule_is_checked(tmp_path):
    data = json.loads(NARRATIVE_RULES.read_text(encoding="utf-8"))
    data["retrospective"]["old_share"] = 2
    assert_rejected(tmp_path, data, "old_share")



def test_a_negation_around_a_description_still_rules_it():
    out = explained("Officials insist that the return of Crimea, which Russia seized in 2014, "
                    "is not negotiable.")
    assert not control(out.events)
