"""Rules for precision on real reporting (issue 13, precision session): equipment withdrawn is
no withdrawal of the front, a report that only "exists" is unverified, a change that did not
last is contested. Each rule on fixed parses (``Doc(vocab, words, heads, deps, pos)``) and on
the real English pipeline.

All sentences were written for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from geo_events.errors import DataFileError
from geo_events.events.context_rules import DocCues, load_rules, parse_rules

VOCAB = spacy.blank("en").vocab


def _rules(*rules: dict):
    return parse_rules([(Path("test.json"), {"provenance": "test", "rules": list(rules)})])


def _shipped(rule_id: str) -> dict:
    """The shipped rule ``rule_id`` as a one-rule set (its data, not a copy of it)."""
    rule = load_rules().by_id(rule_id)
    from geo_events.events.context_rules import ContextRules

    return ContextRules((rule,))


def _doc(words, heads, deps, pos=None, lemmas=None) -> Doc:
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)


# --- mechanism: the new relation, the quantity argument and the contested effect ---------------

def test_contested_is_an_effect_and_dependent_a_relation():
    rules = _rules({"id": "c", "literal": "briefly", "effect": "contested",
                    "relation": "dependent"})
    assert rules.rules[0].effect == "contested" and rules.rules[0].relation == "dependent"
    with pytest.raises(DataFileError, match="relation 'child'"):
        _rules({"id": "c", "literal": "briefly", "effect": "contested", "relation": "child"})


# "Rebels briefly took Lyman ." / "Rebels took Lyman , which was briefly shelled ."
BRIEF = dict(words=["Rebels", "briefly", "took", "Lyman", "."], heads=[2, 2, 2, 2, 2],
             deps=["nsubj", "advmod", "ROOT", "dobj", "punct"],
             pos=["NOUN", "ADV", "VERB", "PROPN", "PUNCT"])


def test_did_not_last_on_a_fixed_parse():
    doc = _doc(**BRIEF)
    cues = DocCues(doc, _shipped("contested.did_not_last"))
    assert [c.rule.id for c in cues.covering(doc[2], "capture")] == ["contested.did_not_last"]
    assert cues.covering(doc[2], "attack") == []  # control changes only
    words = ["Rebels", "took", "Lyman", ",", "which", "was", "briefly", "shelled", "."]
    doc = _doc(words, [1, 1, 1, 1, 7, 7, 7, 2, 1],
               ["nsubj", "ROOT", "dobj", "punct", "nsubjpass", "auxpass", "advmod", "relcl",
                "punct"], pos=["NOUN", "VERB", "PROPN", "PUNCT", "PRON", "AUX", "ADV", "VERB",
                               "PUNCT"])
    assert DocCues(doc, _shipped("contested.did_not_last")).covering(doc[1], "capture") == []


def test_for_a_few_days_on_a_fixed_parse():
    # "Rebels held Lyman for a few days ."
    words = ["Rebels", "held", "Lyman", "for", "a", "few", "days", "."]
    doc = _doc(words, [1, 1, 1, 1, 6, 6, 3, 1],
               ["nsubj", "ROOT", "dobj", "prep", "det", "amod", "pobj", "punct"])
    assert DocCues(doc, _shipped("contested.did_not_last")).covering(doc[1], "capture")


def test_equipment_withdrawn_on_a_fixed_parse():
    rules = _shipped("everyday.equipment_withdrawn")
    # "Russia withdrew most of its helicopters from Kherson ."
    words = ["Russia", "withdrew", "most", "of", "its", "helicopters", "from", "Kherson", "."]
    doc = _doc(words, [1, 1, 1, 2, 5, 3, 1, 6, 1],
               ["nsubj", "ROOT", "dobj", "prep", "poss", "pobj", "prep", "pobj", "punct"],
               pos=["PROPN", "VERB", "ADJ", "ADP", "PRON", "NOUN", "ADP", "PROPN", "PUNCT"])
    assert DocCues(doc, rules).covering(doc[1], "withdrawal")
    # "Russia withdrew its troops and jets from Kherson ." : the troops went too
    words = ["Russia", "withdrew", "its", "troops", "and", "jets", "from", "Kherson", "."]
    doc = _doc(words, [1, 1, 3, 1, 3, 3, 1, 6, 1],
               ["nsubj", "ROOT", "poss", "dobj", "cc", "conj", "prep", "pobj", "punct"])
    assert DocCues(doc, rules).covering(doc[1], "withdrawal") == []
    # "Russian troops withdrew from Kherson , a city with an airport full of jets ."
    words = ["Russian", "troops", "withdrew", "from", "Kherson", ",", "a", "city", "full", "of",
             "jets", "."]
    doc = _doc(words, [1, 2, 2, 2, 3, 4, 7, 4, 7, 8, 9, 2],
               ["amod", "nsubj", "ROOT", "prep", "pobj", "punct", "det", "appos", "amod", "prep",
                "pobj", "punct"])
    assert DocCues(doc, rules).covering(doc[2], "withdrawal") == []


def test_reports_exist_on_a_fixed_parse():
    # "There were reports that rebels took Lyman ."
    words = ["There", "were", "reports", "that", "rebels", "took", "Lyman", "."]
    doc = _doc(words, [1, 1, 1, 5, 5, 2, 5, 1],
               ["expl", "ROOT", "attr", "mark", "nsubj", "acl", "dobj", "punct"],
               pos=["PRON", "VERB", "NOUN", "SCONJ", "NOUN", "VERB", "PROPN", "PUNCT"],
               lemmas=["there", "be", "report", "that", "rebel", "take", "Lyman", "."])
    cues = DocCues(doc, _shipped("unverified.reports_exist"))
    assert [c.rule.effect for c in cues.covering(doc[5], "capture")] == ["unverified"]


# --- each rule on the real pipeline ---------------------------------------------------------------

PUBLISHED = "2022-10-03"


def _explain(text: str):
    from geo_events.events import extract_events

    return extract_events(text, PUBLISHED, profile="russia-ukraine", explain=True)


@pytest.mark.integration
@pytest.mark.parametrize("text, place", [
    ("Russia withdrew most of its helicopters from the airfield at Kherson to bases in Crimea.",
     "Kherson"),
    ("The navy withdrew its warships from Mykolaiv after the strikes.", "Mykolaiv"),
])
def test_equipment_withdrawn_is_no_withdrawal(text, place):
    result = _explain(text)
    assert not [e for e in result.events if e.is_control_change]
    assert "everyday.equipment_withdrawn" in {d.rule for d in result.dropped}


@pytest.mark.integration
def test_troops_withdrawn_stay_a_withdrawal():
    events = _explain("Russian troops withdrew from Kherson on 9 November.").events
    assert [(e.kind, e.place.name, e.gain) for e in events] == [("withdrawal", "Kherson", "UA")]


@pytest.mark.integration
@pytest.mark.parametrize("text, place", [
    ("There were reports that Ukrainian forces liberated Izium on 15 September.", "Izyum"),
    ("There have been claims that Russian troops captured Lyman overnight.", "Lyman"),
])
def test_a_report_that_only_exists_is_unverified(text, place):
    events = [e for e in _explain(text).events if e.place.name == place]
    assert events and all(e.status == "unverified" for e in events), events
    assert any("unverified.reports_exist" in e.provenance for e in events)


@pytest.mark.integration
def test_a_named_report_is_not_unverified_by_this_rule():
    events = _explain("The governor reported that Ukrainian forces liberated Izium on "
                      "15 September.").events
    assert events and not any("unverified.reports_exist" in e.provenance for e in events)


@pytest.mark.integration
@pytest.mark.parametrize("text, place", [
    ("Russian troops briefly captured Izium on 3 March before being pushed back.", "Izyum"),
    ("Russian soldiers occupied Balakliia for a few days in March.", "Balakliya"),
    ("Ukrainian troops temporarily withdrew from Lyman during the shelling.", "Lyman"),
])
def test_a_change_that_did_not_last_is_contested(text, place):
    events = [e for e in _explain(text).events if e.place.name == place]
    assert events and all(e.kind == "contested" and not e.is_control_change for e in events)
    assert all("contested.did_not_last" in e.provenance for e in events)


@pytest.mark.integration
def test_a_lasting_capture_stays_a_capture():
    events = _explain("Russian troops captured Izium on 1 April after a week of fighting.").events
    assert [(e.kind, e.place.name) for e in events] == [("capture", "Izyum")]


@pytest.mark.integration
def test_reports_of_something_else_do_not_hedge_who_holds_a_place():
    events = _explain("There were reports of deportations of civilians from Russian-occupied "
                      "Mariupol.").events
    held = [e for e in events if e.kind == "held" and e.place.name == "Mariupol"]
    assert held and all(e.status == "reported" for e in held)


# --- announced, ordered, planned: a withdrawal named before it is done ----------------------------

def test_prospective_change_on_a_fixed_parse():
    # "the planned withdrawal from Lyman" / "the withdrawal from planned positions"
    rules = _shipped("hypothetical.prospective_change")
    doc = _doc(["the", "planned", "withdrawal", "from", "Lyman"], [2, 2, 2, 2, 3],
               ["det", "amod", "ROOT", "prep", "pobj"])
    assert DocCues(doc, rules).covering(doc[2], "withdrawal")
    doc = _doc(["the", "withdrawal", "from", "planned", "positions"], [1, 1, 1, 4, 2],
               ["det", "ROOT", "prep", "amod", "pobj"])
    assert DocCues(doc, rules).covering(doc[1], "withdrawal") == []


@pytest.mark.integration
@pytest.mark.parametrize("text, rule", [
    ("The withdrawal from Kherson was announced on 9 November.", "announced-withdrawal"),
    ("The announced withdrawal from Kherson took two days.", "contested.announced_change"),
    ("The Russian withdrawal from Kherson began on 9 November.", "kind.under_way_contested"),
])
def test_a_withdrawal_announced_or_begun_is_under_way(text, rule):
    events = [e for e in _explain(text).events if e.place.name == "Kherson"]
    assert events and all(e.kind == "contested" for e in events), events
    assert any(rule in e.provenance for e in events)


@pytest.mark.integration
@pytest.mark.parametrize("text, rule", [
    ("The planned withdrawal of Russian troops from Kherson was postponed.",
     "hypothetical.prospective_change"),
    ("Officials discussed a possible retreat from Kherson.", "factuality.intention:discuss"),
    ("The general recommended withdrawing from Kherson.", "factuality.intention:recommend"),
])
def test_a_withdrawal_still_to_come_is_no_event(text, rule):
    result = _explain(text)
    assert not [e for e in result.events if e.is_control_change]
    assert rule in {d.rule for d in result.dropped}


@pytest.mark.integration
def test_a_completed_withdrawal_stays_a_withdrawal():
    events = _explain("Russian troops completed their withdrawal from Kherson on "
                      "11 November.").events
    assert [(e.kind, e.gain) for e in events if e.place.name == "Kherson"] == [
        ("withdrawal", "UA")]


# --- a person is no armed party ----------------------------------------------------------------

@pytest.mark.integration
@pytest.mark.parametrize("text, place", [
    ("Ukrainian troops held the line near Kharkiv. It was her first trip back to Kharkiv since "
     "she left the besieged city in March.", "Kharkiv"),
    ("Russian soldiers entered the town in March. He fled Izium with his family soon after.",
     "Izyum"),
])
def test_she_left_the_city_is_a_person_leaving(text, place):
    result = _explain(text)
    assert not [e for e in result.events if e.is_control_change and e.place.name == place]
    assert "actor-person-pronoun" in {d.rule for d in result.dropped}


@pytest.mark.integration
def test_they_left_the_city_stays_the_narratives_party():
    events = _explain("Russian troops shelled Izium for weeks. They left the city on "
                      "10 September.").events
    assert [(e.kind, e.gain) for e in events if e.kind == "withdrawal"] == [("withdrawal", "UA")]


def test_person_pronouns_are_schema_checked(tmp_path):
    import json

    from geo_events.events.place_rules import PLACE_RULES, place_rules

    assert place_rules().persons["she"] == "actor-person-pronoun"
    data = json.loads(PLACE_RULES.read_text(encoding="utf-8"))
    data["person_pronouns"] = [{"id": "x", "pronoun": ["he"]}]
    bad = tmp_path / "rules.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"person_pronouns\[0\] lacks the field 'pronouns'"):
        place_rules(bad)


# --- another era ------------------------------------------------------------------------------

@pytest.mark.integration
def test_a_change_of_another_era_keeps_only_its_own_date():
    events = _explain("Soviet troops liberated Kharkiv from the Nazis, the mayor recalled on "
                      "Tuesday.").events
    assert events and all(e.date_from is None for e in events if e.place.name == "Kharkiv")
    assert all("background.historical_era" in e.provenance for e in events)
    dated = _explain("Soviet troops liberated Kharkiv from the Nazis in August 1943.").events
    assert [e.date_from.year for e in dated if e.place.name == "Kharkiv"] == [1943]


@pytest.mark.integration
def test_a_change_of_this_war_is_not_history():
    events = _explain("Russian forces captured Kupyansk on Tuesday, the ministry said.").events
    assert [e.date_from.isoformat() for e in events] == ["2022-09-27"]
    assert not any("background.historical_era" in e.provenance for e in events)


# --- a date never spans a blank line -------------------------------------------------------------

def test_a_month_heading_and_a_day_heading_are_two_dates():
    from datetime import date

    from geo_events.events.dates import find_dates

    text = "April\n\n1 April\nTroops entered the town."
    found = [(d.text, d.range.date_from) for d in find_dates(text, date(2022, 6, 1))]
    assert ("1 April", date(2022, 4, 1)) in found
    assert not any("\n\n" in t for t, _ in found)
    # within a paragraph a wrapped date still reads ("April\n1": one line break)
    assert [d.range.date_from for d in find_dates("on April\n1 the troops", date(2022, 6, 1))] \
        == [date(2022, 4, 1)]


@pytest.mark.integration
def test_a_day_heading_under_a_month_heading_dates_its_section():
    from geo_events.events import extract_events

    text = ("The northern front\n\nMarch\n\n17 March\n\nShelling continued.\n\n"
            "April\n\n1 April\nRussian forces captured Balakliia after a long fight.\n")
    events = extract_events(text, "2022-06-18", profile="russia-ukraine")
    assert [(e.place.name, e.date_from.isoformat()) for e in events if e.kind == "capture"] \
        == [("Balakliya", "2022-04-01")]
