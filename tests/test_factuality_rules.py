"""Factuality as ConText-style rules (geo_events/data/factuality_rules.json): the schema of the
rule and lexicon files, the mechanism on fixed parses, each rule on the real English pipeline,
and every event explaining itself (provenance, dropped candidates).

All sentences were written for these tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from geo_events.errors import DataFileError
from geo_events.events.context_rules import (
    DEFAULT_RULES,
    ContextRules,
    DocCues,
    compile_rule,
    load_rules,
    parse_rules,
)
from geo_events.events.lexicon import DEFAULT_LEXICON, check_lexicon, load_lexicon

# --- schema of the data files -------------------------------------------------------------------


def test_shipped_rules_load_with_unique_ids_and_documentation():
    rules = load_rules()
    ids = [r.id for r in rules.rules]
    assert len(ids) == len(set(ids)) > 10
    assert all(r.note and r.example for r in rules.rules), "every rule says what it is for"


def _rule_file(tmp_path: Path, rules: list, **extra) -> Path:
    p = tmp_path / "rules.json"
    p.write_text(json.dumps({"provenance": "test", "rules": rules, **extra}))
    return p


@pytest.mark.parametrize("rule, message", [
    ({"id": "x", "literal": "a", "effect": "denied", "scpoe": "clause"}, "unknown key 'scpoe'"),
    ({"id": "x", "literal": "a", "effect": "refuted"}, "effect 'refuted'"),
    ({"id": "x", "literal": "a", "effect": "denied", "scope": "chapter"}, "scope 'chapter'"),
    ({"id": "x", "literal": "a", "effect": "denied", "direction": "up"}, "direction 'up'"),
    ({"id": "x", "literal": "a", "effect": "goal", "relation": "near"}, "relation 'near'"),
    ({"id": "x", "literal": "a", "effect": "goal", "applies_to": ["captures"]},
     "applies_to 'captures'"),
    ({"id": "x", "effect": "goal"}, "exactly one of 'literal' and 'pattern'"),
    ({"id": "x", "literal": "a", "pattern": [{"LOWER": "a"}], "effect": "goal"},
     "exactly one of"),
    ({"id": "x", "pattern": [{"LOWR": "a"}], "effect": "goal"}, "bad token pattern"),
    ({"literal": "a", "effect": "goal"}, "needs an 'id'"),
])
def test_a_bad_rule_names_the_file_the_rule_and_the_key(tmp_path, rule, message):
    path = _rule_file(tmp_path, [rule])
    with pytest.raises(DataFileError) as err:
        load_rules(path)
    assert message in str(err.value) and str(path) in str(err.value)


def test_rule_files_unknown_top_level_key_and_duplicate_ids(tmp_path):
    with pytest.raises(DataFileError, match="unknown key 'rule'"):
        load_rules(_rule_file(tmp_path, [], rule=[]))
    first = load_rules().rules[0].id
    with pytest.raises(DataFileError, match=f"rule id '{first}' is used twice"):
        load_rules(_rule_file(tmp_path, [{"id": first, "literal": "a", "effect": "goal"}]))


def test_the_shipped_lexicon_passes_its_schema():
    check_lexicon(json.loads(DEFAULT_LEXICON.read_text()), DEFAULT_LEXICON)


@pytest.mark.parametrize("data, message", [
    ({"provenance": "t", "negaton_words": ["not"]}, "unknown key 'negaton_words'"),
    ({"provenance": "t", "unverified_cues": ["x"]}, "factuality_rules.json"),
    ({"provenance": "t", "negation_words": "not"}, "'negation_words' must be a list"),
    ({"provenance": "t", "hedge_adverbs": ["likely"]}, "'hedge_adverbs' must map"),
    ({"provenance": "t", "control_states": {"noun": ["control"]}},
     "control_states: unknown key 'noun'"),
    ({"provenance": "t", "triggers": [{"phrase": "grab", "kind": "capture", "plce": "object"}]},
     "unknown key 'plce'"),
])
def test_a_bad_lexicon_file_names_the_file_and_the_key(tmp_path, data, message):
    path = tmp_path / "lex.json"
    path.write_text(json.dumps(data))
    with pytest.raises(DataFileError) as err:
        load_lexicon(path)
    assert message in str(err.value) and str(path) in str(err.value)


def test_triggers_have_ids():
    lex = load_lexicon()
    ids = [t.id for ts in lex.triggers.values() for t in ts]
    assert all(ids) and "trigger.capture.take_control_of" in ids
    assert "trigger.annexation_claim.accession_to.noun" in ids


# --- the mechanism on fixed parses ----------------------------------------------------------------

def _rules(*rules: dict) -> ContextRules:
    return parse_rules([(Path("test.json"), {"provenance": "test", "rules": list(rules)})])


VOCAB = spacy.blank("en").vocab  # lexical attributes (LOWER) without a trained pipeline


def _doc(words, heads, deps, tags=None, spaces=None) -> Doc:
    return Doc(VOCAB, words=words, heads=heads, deps=deps, tags=tags, spaces=spaces)


# "Rebels took Bakhmut . This cannot be verified ." (two sentences, parse fixed)
TWO = dict(words=["Rebels", "took", "Bakhmut", ".", "This", "can", "not", "be", "verified", "."],
           heads=[1, 1, 1, 1, 8, 8, 8, 8, 8, 8],
           deps=["nsubj", "ROOT", "dobj", "punct", "nsubjpass", "aux", "neg", "auxpass", "ROOT",
                 "punct"])


@pytest.mark.parametrize("direction, scope, reaches", [
    ("backward", "next_sentence", True),
    ("bidirectional", "next_sentence", True),
    ("forward", "next_sentence", False),    # the trigger is before the cue
    ("backward", "sentence", False),        # the trigger is in another sentence
    ("backward", "paragraph", True),
    ("backward", "clause", False),
])
def test_scope_and_direction_on_a_fixed_parse(direction, scope, reaches):
    doc = _doc(**TWO)
    cues = DocCues(doc, _rules({"id": "h", "literal": "cannot be verified", "effect": "unverified",
                                "direction": direction, "scope": scope}))
    took = doc[1]
    assert [c.rule.id for c in cues.covering(took, "capture")] == (["h"] if reaches else [])


def test_a_paragraph_break_ends_a_next_sentence_scope():
    doc = _doc(**{**TWO, "spaces": [True, True, False, False, True, True, True, True, False,
                                    False]})
    text = doc.text.replace(". This", ".\n\nThis")
    assert "\n\n" not in doc.text
    cues = DocCues(doc, _rules({"id": "h", "literal": "verified", "effect": "unverified",
                                "direction": "backward", "scope": "next_sentence"}),
                   text=doc.text)
    assert cues.covering(doc[1], "capture")
    # the same parse read against a text with a paragraph break between the sentences
    words = ["Rebels", "took", "Bakhmut", ".", "\n\n", "This", "was", "verified", "."]
    doc2 = _doc(words, [1, 1, 1, 1, 3, 7, 7, 7, 7],
                ["nsubj", "ROOT", "dobj", "punct", "dep", "nsubjpass", "auxpass", "ROOT",
                 "punct"], spaces=[True, True, False, False, False, True, True, False, False])
    assert "\n\n" in doc2.text and text
    cues2 = DocCues(doc2, _rules({"id": "h", "literal": "verified", "effect": "unverified",
                                  "direction": "backward", "scope": "next_sentence"}))
    assert cues2.covering(doc2[1], "capture") == []


def test_terminated_by_and_applies_to():
    # "in order to hold the road , rebels took Bakhmut"
    words = ["In", "order", "to", "hold", "the", "road", ",", "rebels", "took", "Bakhmut"]
    doc = _doc(words, [3, 0, 3, 8, 5, 3, 8, 8, 8, 8],
               ["mark", "fixed", "aux", "advcl", "det", "dobj", "punct", "nsubj", "ROOT", "dobj"])
    rule = {"id": "g", "literal": "in order to", "effect": "goal", "direction": "forward",
            "scope": "sentence"}
    assert DocCues(doc, _rules(rule)).covering(doc[8], "capture")
    assert not DocCues(doc, _rules({**rule, "terminated_by": [","]})).covering(doc[8], "capture")
    assert not DocCues(doc, _rules({**rule, "applies_to": ["claim"]})).covering(doc[8],
                                                                                "capture")
    assert DocCues(doc, _rules({**rule, "applies_to": ["control"]})).covering(doc[8], "capture")


def test_governs_stops_at_a_finite_clause():
    # "the offensive to capture Bakhmut" / "the offensive that captured Bakhmut"
    rule = {"id": "g", "pattern": [{"LOWER": "offensive"}], "effect": "goal",
            "relation": "governs"}
    doc = _doc(["the", "offensive", "to", "capture", "Bakhmut"], [1, 1, 3, 1, 3],
               ["det", "ROOT", "aux", "acl", "dobj"], tags=["DT", "NN", "TO", "VB", "NNP"])
    assert DocCues(doc, _rules(rule)).covering(doc[3], "capture")
    doc = _doc(["the", "offensive", "that", "captured", "Bakhmut"], [1, 1, 3, 1, 3],
               ["det", "ROOT", "nsubj", "relcl", "dobj"], tags=["DT", "NN", "WDT", "VBD", "NNP"])
    assert not DocCues(doc, _rules(rule)).covering(doc[3], "capture")


def test_argument_relation():
    # "Finland joined NATO" vs "Finland joined Russia in NATO talks"
    rule = {"id": "e", "literal": "nato", "effect": "everyday", "relation": "argument"}
    doc = _doc(["Finland", "joined", "NATO"], [1, 1, 1], ["nsubj", "ROOT", "dobj"])
    assert DocCues(doc, _rules(rule)).covering(doc[1], "annexation_claim")
    doc = _doc(["Finland", "joined", "Russia", "in", "NATO", "talks"], [1, 1, 1, 1, 5, 3],
               ["nsubj", "ROOT", "dobj", "prep", "compound", "pobj"])
    assert not DocCues(doc, _rules(rule)).covering(doc[1], "annexation_claim")


def test_shipped_file_is_the_default():
    assert load_rules().paths == (DEFAULT_RULES,)
    with pytest.raises(DataFileError, match="needs an 'id'"):
        compile_rule({"literal": "x"}, "here")


# --- each rule on the real pipeline (geoparser, gazetteer, English model) ------------------------

PUBLISHED = "2022-10-03"


def _explain(text: str):
    from geo_events.events import extract_events

    return extract_events(text, PUBLISHED, profile="russia-ukraine", explain=True)


def _dropped_by(text: str, place: str) -> str:
    result = _explain(text)
    assert not [e for e in result.events if e.place.name == place and e.is_control_change]
    rules = [d.rule for d in result.dropped if place in d.places]
    assert rules, result.dropped
    return rules[0]


@pytest.mark.integration
@pytest.mark.parametrize("text, place, rule", [
    # class 3: counterfactuals and conditionals
    ("Had Ukrainian troops retaken Lyman a week sooner, thousands of civilians might have "
     "been spared.", "Lyman", "hypothetical.inverted_conditional"),
    ("Analysts modelled a scenario in which Russian forces captured Bakhmut by May.", "Bakhmut",
     "hypothetical.conditional_phrase"),
    ("Had Russian troops taken Bakhmut, the front would have moved.", "Bakhmut",
     "factuality.modal"),
    # class 2: goals, purposes and plans
    ("The battle for the capture of Bakhmut continued through the winter.", "Bakhmut",
     "goal.purpose_noun"),
    ("The campaign for the liberation of Kherson began in August.", "Kherson",
     "goal.purpose_noun"),
    ("Main objective: capture Bakhmut.", "Bakhmut", "goal.objective_label"),
    ("The offensive to retake Kherson began in August.", "Kherson", "factuality.infinitive"),
    ("Russian efforts to encircle Bakhmut continued.", "Bakhmut", "factuality.infinitive"),
    # a change the clause says did not happen
    ("Russian columns drove on westward without capturing Bakhmut.", "Bakhmut",
     "negated.without_gerund"),
    ("Ukrainian brigades stopped short of retaking Kherson in August.", "Kherson",
     "negated.without_gerund"),
    # "leave" with a predicate of its object: the state the place was left in
    ("Russian troops pulled back overnight, leaving Kherson almost empty.", "Kherson",
     "everyday.left_in_a_state"),
])
def test_no_event_rules(text, place, rule):
    assert _dropped_by(text, place) == rule


@pytest.mark.integration
@pytest.mark.parametrize("text, place, status, rule", [
    # class 4: refuted, denied and corrected claims (same clause or the next sentence)
    ("The governor said that reports that separatists had captured Soledar were false.",
     "Soledar", "denied", "denied.refuted_reports"),
    ("Reports that Russian troops had captured Soledar turned out to be false.", "Soledar",
     "denied", "denied.refuted_reports"),
    ("State television falsely claimed that Russian forces had liberated Kherson.", "Kherson",
     "denied", "denied.falsely"),
    ("Russian media said troops had taken Kupiansk, which the mayor later corrected.",
     "Kupyansk", "disputed", "disputed.refutation_verb"),
    ("Russian forces captured Soledar on Friday. Kyiv denied the claim.", "Soledar", "disputed",
     "disputed.denial_next_sentence"),
    ("Russian forces captured Soledar, Moscow said. That claim is unlikely, given the footage.",
     "Soledar", "disputed", "disputed.claim_doubted_next_sentence"),
    # class 5: hedges in a neighbouring sentence
    ("Russian forces captured Soledar, a separatist spokesman said. The battlefield reports "
     "cannot be independently verified.", "Soledar", "unverified",
     "unverified.hedge_next_sentence"),
    ("Unconfirmed reports said Russian troops had entered Lyman and seized it.", "Lyman",
     "unverified", "unverified.hedge_in_sentence"),
])
def test_status_rules(text, place, status, rule):
    events = [e for e in _explain(text).events if e.place.name == place]
    assert events and all(e.status == status for e in events), events
    assert any(rule in e.provenance for e in events)
    assert all(e.provenance[0].startswith("trigger.") for e in events)


@pytest.mark.integration
def test_a_denial_with_its_own_clause_does_not_reach_the_sentence_before():
    events = _explain("Ukrainian forces recaptured Balakliya on Saturday, the governor said. "
                      "Russia denied that its troops had withdrawn from Izium.").events
    by_place = {e.place.name: e.status for e in events}
    assert by_place["Balakliya"] == "claimed" and by_place["Izyum"] == "denied"


@pytest.mark.integration
@pytest.mark.parametrize("text", [
    # class 10: everyday senses of annexation triggers
    "Ukraine's accession to NATO was discussed in Kyiv.",
    "Ukraine joined the coalition against the Islamic State.",
    "Belarus joined the Collective Security Treaty Organization in 1994.",
])
def test_everyday_senses_make_no_claim(text):
    result = _explain(text)
    assert not [e for e in result.events if e.kind == "annexation_claim"]
    assert "everyday.organisation_joined" in {d.rule for d in result.dropped}


@pytest.mark.integration
def test_a_real_annexation_claim_is_kept():
    events = _explain("Moscow declared that Kherson would join Russia.").events
    assert [(e.kind, e.place.name) for e in events if e.kind == "annexation_claim"]


# --- every event explains itself ----------------------------------------------------------------

@pytest.mark.integration
def test_provenance_in_the_json_contract_the_store_and_the_frame(tmp_path):
    from geo_events.events import events_to_geodataframe
    from geo_events.model import Article, Event
    from geo_events.store import EventStore

    events = _explain("Ukrainian troops retook Lyman on Saturday, the defence ministry said. "
                      "This could not be independently verified.").events
    e = next(ev for ev in events if ev.place.name == "Lyman")
    assert e.provenance == ("trigger.recapture.retake", "factuality.reporting:say:claimed",
                            "unverified.hedge_next_sentence")
    d = e.to_dict()
    assert d["provenance"] == list(e.provenance)
    assert Event.from_dict(d).provenance == e.provenance
    assert events_to_geodataframe([e])["provenance"].iloc[0] == "; ".join(e.provenance)
    with EventStore(tmp_path / "s.gpkg") as store:
        store.add_document(Article(text="Ukrainian troops retook Lyman."), [e])
        back = store.events()
    assert [x.provenance for x in back] == [e.provenance]


@pytest.mark.integration
def test_events_explain_on_the_command_line(tmp_path, capsys):
    from geo_events.cli import main

    path = tmp_path / "a.txt"
    path.write_text("Russian forces captured Soledar on Friday, a separatist spokesman said. "
                    "The reports could not be independently verified.\n\n"
                    "The offensive to retake Kherson began in August.\n", encoding="utf-8")
    assert main(["events", str(path), "--published", PUBLISHED, "--profile", "russia-ukraine",
                 "--explain"]) == 0
    out = capsys.readouterr().out
    assert "because: trigger.capture.capture" in out and "unverified.hedge_next_sentence" in out
    assert "dropped by factuality.infinitive" in out
    assert main(["events", str(path), "--published", PUBLISHED, "--profile", "russia-ukraine",
                 "--explain", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["events"][0]["provenance"][0] == "trigger.capture.capture"
    assert {"rule": "factuality.infinitive", "places": ["Kherson"]}.items() <= next(
        d for d in data["dropped"] if d["rule"] == "factuality.infinitive").items()
    assert main(["events", str(path), "--published", PUBLISHED, "--json"]) == 0
    assert "dropped" not in json.loads(capsys.readouterr().out)


def test_the_geoparser_cue_file_has_a_schema():
    from geo_events.geoparse.recognize import check_cues, cues_path

    path = cues_path("en")
    data = json.loads(path.read_text(encoding="utf-8"))
    check_cues(data, path)
    with pytest.raises(DataFileError) as err:
        check_cues({**data, "place_verb": []}, path)
    assert "unknown key 'place_verb'" in str(err.value) and str(path) in str(err.value)
    with pytest.raises(DataFileError, match="'speech_verbs' must be a JSON list"):
        check_cues({**data, "speech_verbs": "say"}, path)


def test_max_scope_and_main_clause_on_fixed_parses():
    # "a ship trying to evacuate troops was captured": the purpose is the evacuation
    words = ["a", "ship", "trying", "to", "evacuate", "troops", "was", "captured"]
    doc = _doc(words, [1, 7, 1, 4, 2, 4, 7, 7],
               ["det", "nsubjpass", "acl", "aux", "xcomp", "dobj", "auxpass", "ROOT"])
    rule = {"id": "g", "literal": "trying to", "effect": "goal", "direction": "forward"}
    assert DocCues(doc, _rules(rule)).covering(doc[7], "capture")
    assert not DocCues(doc, _rules({**rule, "max_scope": 2})).covering(doc[7], "capture")
    assert DocCues(doc, _rules({**rule, "max_scope": 2})).covering(doc[4], "capture")
    # "Rebels took Bakhmut . Others took Lyman , although this was denied ."
    words = ["Rebels", "took", "Bakhmut", ".", "Others", "took", "Lyman", ",", "although",
             "this", "was", "denied", "."]
    doc = _doc(words, [1, 1, 1, 1, 5, 5, 5, 5, 11, 11, 11, 5, 5],
               ["nsubj", "ROOT", "dobj", "punct", "nsubj", "ROOT", "dobj", "punct", "mark",
                "nsubjpass", "auxpass", "advcl", "punct"])
    rule = {"id": "d", "literal": "denied", "effect": "disputed", "direction": "backward",
            "scope": "next_sentence"}
    assert DocCues(doc, _rules(rule)).covering(doc[1], "capture")
    main = DocCues(doc, _rules({**rule, "main_clause": True}))
    assert not main.covering(doc[1], "capture") and not main.covering(doc[5], "capture")


def test_a_participle_of_result_is_no_goal():
    # "the battle of Enerhodar , seizing the city": the city was taken
    rule = {"id": "g", "pattern": [{"LOWER": "battle"}], "effect": "goal",
            "relation": "governs"}
    doc = _doc(["the", "battle", "of", "Enerhodar", ",", "seizing", "the", "city"],
               [1, 1, 1, 2, 1, 1, 7, 5], ["det", "ROOT", "prep", "pobj", "punct", "acl", "det",
                                          "dobj"],
               tags=["DT", "NN", "IN", "NNP", ",", "VBG", "DT", "NN"])
    assert not DocCues(doc, _rules(rule)).covering(doc[5], "capture")
    # "the battle for the capture of Bakhmut": a goal
    doc = _doc(["the", "battle", "for", "the", "capture", "of", "Bakhmut"],
               [1, 1, 1, 4, 2, 4, 5], ["det", "ROOT", "prep", "det", "pobj", "prep", "pobj"],
               tags=["DT", "NN", "IN", "DT", "NN", "IN", "NNP"])
    assert DocCues(doc, _rules(rule)).covering(doc[4], "capture")


@pytest.mark.integration
@pytest.mark.parametrize("text, place, rule", [
    ("Ukrainian attacks on the airport continued up to 5 November, four days before the "
     "announced Russian withdrawal from Kherson.", "Kherson", "background.before_event"),
    ("On 7 July, it was reported that after the Russians captured Enerhodar earlier in the "
     "invasion, they installed artillery there.", "Enerhodar", "background.earlier"),
])
def test_background_changes_keep_no_date(text, place, rule):
    events = [e for e in _explain(text).events if e.place.name == place]
    assert events and all(rule in e.provenance for e in events)
    assert all(e.date_from is None and e.date_precision == "unknown" for e in events)


@pytest.mark.integration
def test_a_change_before_another_keeps_its_own_date():
    events = _explain("On 3 May Russian troops captured Lyman before moving on to Izium.").events
    lyman = [e for e in events if e.place.name == "Lyman"]
    assert lyman and str(lyman[0].date_from) == "2022-05-03"


# --- the shipped rules on fixed parses ------------------------------------------------------------

def _shipped(doc: Doc, tok: int, kind: str = "capture") -> list[str]:
    return [c.rule.id for c in DocCues(doc, load_rules()).covering(doc[tok], kind)]


def test_shipped_inverted_conditional_on_a_fixed_parse():
    # "Had rebels taken Bakhmut , the war would end ."
    words = ["Had", "rebels", "taken", "Bakhmut", ",", "the", "war", "would", "end", "."]
    doc = Doc(VOCAB, words=words, heads=[2, 2, 8, 2, 8, 6, 8, 8, 8, 8],
              deps=["aux", "nsubj", "advcl", "dobj", "punct", "det", "nsubj", "aux", "ROOT",
                    "punct"],
              pos=["AUX", "NOUN", "VERB", "PROPN", "PUNCT", "DET", "NOUN", "AUX", "VERB",
                   "PUNCT"])
    assert "hypothetical.inverted_conditional" in _shipped(doc, 2)
    # "Rebels had taken Bakhmut ." is no conditional
    doc = Doc(VOCAB, words=["Rebels", "had", "taken", "Bakhmut", "."], heads=[2, 2, 2, 2, 2],
              deps=["nsubj", "aux", "ROOT", "dobj", "punct"],
              pos=["NOUN", "AUX", "VERB", "PROPN", "PUNCT"])
    assert _shipped(doc, 2) == []


def test_shipped_denial_in_the_next_main_clause_on_a_fixed_parse():
    # "Rebels took Bakhmut . Kyiv denied the claim ." / "... Kyiv denied that it fell ."
    words = ["Rebels", "took", "Bakhmut", ".", "Kyiv", "denied", "the", "claim", "."]
    doc = Doc(VOCAB, words=words, heads=[1, 1, 1, 1, 5, 5, 7, 5, 5],
              deps=["nsubj", "ROOT", "dobj", "punct", "nsubj", "ROOT", "det", "dobj", "punct"],
              pos=["NOUN", "VERB", "PROPN", "PUNCT", "PROPN", "VERB", "DET", "NOUN", "PUNCT"],
              lemmas=["rebel", "take", "Bakhmut", ".", "Kyiv", "deny", "the", "claim", "."])
    assert _shipped(doc, 1) == ["disputed.denial_next_sentence"]
    words = ["Rebels", "took", "Bakhmut", ".", "Kyiv", "denied", "that", "it", "fell", "."]
    doc = Doc(VOCAB, words=words, heads=[1, 1, 1, 1, 5, 5, 8, 8, 5, 5],
              deps=["nsubj", "ROOT", "dobj", "punct", "nsubj", "ROOT", "mark", "nsubj", "ccomp",
                    "punct"],
              pos=["NOUN", "VERB", "PROPN", "PUNCT", "PROPN", "VERB", "SCONJ", "PRON", "VERB",
                   "PUNCT"],
              lemmas=["rebel", "take", "Bakhmut", ".", "Kyiv", "deny", "that", "it", "fall", "."])
    assert _shipped(doc, 1) == []


def test_shipped_everyday_and_goal_rules_on_fixed_parses():
    # "Finland joined the alliance ."
    doc = Doc(VOCAB, words=["Finland", "joined", "the", "alliance", "."],
              heads=[1, 1, 3, 1, 1], deps=["nsubj", "ROOT", "det", "dobj", "punct"])
    assert _shipped(doc, 1, "annexation_claim") == ["everyday.organisation_joined"]
    assert _shipped(doc, 1, "capture") == []
    # "the drive for the capture of Bakhmut stalled"
    words = ["the", "drive", "for", "the", "capture", "of", "Bakhmut", "stalled"]
    doc = Doc(VOCAB, words=words, heads=[1, 7, 1, 4, 2, 4, 5, 7],
              deps=["det", "nsubj", "prep", "det", "pobj", "prep", "pobj", "ROOT"],
              tags=["DT", "NN", "IN", "DT", "NN", "IN", "NNP", "VBD"],
              pos=["DET", "NOUN", "ADP", "DET", "NOUN", "ADP", "PROPN", "VERB"],
              lemmas=["the", "drive", "for", "the", "capture", "of", "Bakhmut", "stall"])
    assert _shipped(doc, 4) == ["goal.purpose_noun"]
