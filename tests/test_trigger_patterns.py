"""Per-rule tests of the compiled trigger patterns on fixed parses.

Every parse here is written by hand (``Doc(vocab, words=..., heads=..., deps=..., pos=...,
tags=..., lemmas=...)``), so the tests pin the patterns and their post-step independently of
the statistical model: one test per kind of pattern (object, preposition slot, passive,
particle parsed elsewhere, loser preposition, noun head, idiom veto).
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from geo_events.events.lexicon import load_lexicon
from geo_events.events.patterns import (
    ANCHOR,
    compile_patterns,
    compile_prep_patterns,
    compile_slot_patterns,
    match_triggers,
    trigger_matcher,
    trigger_prepositions,
)
from geo_events.events.triggers import _actor_heads, _place_roots
from geo_events.language import language_pack

VOCAB = spacy.blank("en").vocab
LEXICON = load_lexicon()


def parse(rows: list[tuple[str, int, str, str, str, str]]) -> Doc:
    """A fixed parse from (word, head index, dep, POS, tag, lemma) rows."""
    words, heads, deps, pos, tags, lemmas = (list(col) for col in zip(*rows, strict=True))
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)


def found(doc: Doc, i: int) -> list[tuple[str, list[str]]]:
    """(rule id, trigger tokens) of the candidates headed by token ``i``, most specific first."""
    return [(t.id, [p.text for p in parts])
            for t, parts in match_triggers(doc, LEXICON).candidates(doc[i])]


def first(doc: Doc, i: int):
    """The most specific trigger headed by token ``i``, its tokens and the document's matches."""
    found_ = match_triggers(doc, LEXICON)
    trig, parts = next(iter(found_.candidates(doc[i])))
    return trig, parts, found_


def test_every_shipped_trigger_compiles_to_named_nodes():
    pack = language_pack("en")
    for trig in (t for ts in LEXICON.triggers.values() for t in ts):
        variants = compile_patterns(trig, pack)
        assert variants, trig.id
        for _, pattern in variants:
            names = [node["RIGHT_ID"] for node in pattern]
            assert names == [ANCHOR, *(f"word{k}" for k in range(len(trig.required)))]
        for slot, pattern in compile_slot_patterns(trig, pack):
            assert pattern[0]["RIGHT_ID"] == ANCHOR
            assert pattern[-1]["RIGHT_ID"] == slot.split(":")[0]  # the slot's named node
    matcher = trigger_matcher(LEXICON, VOCAB)
    shapes = {(t.head, t.pos, t.required) for ts in LEXICON.triggers.values() for t in ts}
    keys = matcher.patterns()
    assert len([k for k in keys if k.startswith("trigger_shape:")]) == len(shapes)
    assert "slot:verb:capture:place:object" in keys and "slot:verb:capture:actor:agent" in keys
    assert "slot:noun:capture:place:poss" in keys


def test_slots_by_entry():
    pack = language_pack("en")
    by_id = {t.id: t for ts in LEXICON.triggers.values() for t in ts}
    slots = {tid: list(dict.fromkeys(s for s, _ in compile_slot_patterns(by_id[tid], pack)))
             for tid in ("trigger.capture.capture", "trigger.withdrawal.withdraw_from",
                         "trigger.capture.capture.noun")}
    assert slots["trigger.capture.capture"] == ["place:object", "place:subject",
                                                "actor:subject", "actor:agent"]
    assert slots["trigger.withdrawal.withdraw_from"] == ["actor:subject", "actor:agent"]
    assert slots["trigger.capture.capture.noun"] == ["place:poss"]


def test_particle_words_get_a_next_token_variant():
    trig = next(t for t in LEXICON.triggers["pull"] if t.id == "trigger.withdrawal.pull_out_of")
    variants = dict(compile_patterns(trig, language_pack("en")))
    assert set(variants) == {"desc", "next"}
    assert variants["next"][1]["REL_OP"] == "."
    assert variants["desc"][1]["REL_OP"] == ">>"


def test_object_pattern():
    # "Russian forces captured Lyman"
    doc = parse([("Russian", 1, "amod", "ADJ", "JJ", "russian"),
                 ("forces", 2, "nsubj", "NOUN", "NNS", "force"),
                 ("captured", 2, "ROOT", "VERB", "VBD", "capture"),
                 ("Lyman", 2, "dobj", "PROPN", "NNP", "Lyman")])
    assert found(doc, 2) == [("trigger.capture.capture", ["captured"])]
    trig, parts, m = first(doc, 2)
    assert [t.text for t in m.slot(doc[2], "place:object")] == ["Lyman"]
    assert [t.text for t in m.slot(doc[2], "actor:subject")] == ["forces"]
    assert [t.text for t in _place_roots(doc[2], trig, parts, m, LEXICON).tokens] == ["Lyman"]
    assert [t.text for t in _actor_heads(doc[2], trig, parts, m, LEXICON).tokens] == ["forces"]
    assert found(doc, 1) == [] and found(doc, 3) == []


def test_preposition_slot_with_a_required_word():
    # "Ukraine took control of Bakhmut": "control" a child, "of" on "control"
    doc = parse([("Ukraine", 1, "nsubj", "PROPN", "NNP", "Ukraine"),
                 ("took", 1, "ROOT", "VERB", "VBD", "take"),
                 ("control", 1, "dobj", "NOUN", "NN", "control"),
                 ("of", 2, "prep", "ADP", "IN", "of"),
                 ("Bakhmut", 3, "pobj", "PROPN", "NNP", "Bakhmut")])
    ids = [rule for rule, _ in found(doc, 1)]
    assert ids[0] == "trigger.capture.take_control_of"  # most specific first
    assert "trigger.capture.take" in ids
    trig, parts, m = first(doc, 1)
    assert [t.text for t in parts] == ["took", "control"]
    assert [t.text for t in _place_roots(doc[1], trig, parts, m, LEXICON).tokens] == ["Bakhmut"]


def test_preposition_slot_required():
    # "Troops withdrew on Saturday": no "from", so only phrases without a preposition
    doc = parse([("Troops", 1, "nsubj", "NOUN", "NNS", "troop"),
                 ("withdrew", 1, "ROOT", "VERB", "VBD", "withdraw"),
                 ("on", 1, "prep", "ADP", "IN", "on"),
                 ("Saturday", 2, "pobj", "PROPN", "NNP", "Saturday")])
    assert all("_from" not in rule for rule, _ in found(doc, 1))


def test_passive_pattern_takes_the_subject_and_the_agent():
    # "Lyman was recaptured by Ukrainian troops"
    doc = parse([("Lyman", 2, "nsubjpass", "PROPN", "NNP", "Lyman"),
                 ("was", 2, "auxpass", "AUX", "VBD", "be"),
                 ("recaptured", 2, "ROOT", "VERB", "VBN", "recapture"),
                 ("by", 2, "agent", "ADP", "IN", "by"),
                 ("Ukrainian", 5, "amod", "ADJ", "JJ", "ukrainian"),
                 ("troops", 3, "pobj", "NOUN", "NNS", "troop")])
    trig, parts, m = first(doc, 2)
    assert trig.id == "trigger.recapture.recapture"
    assert [t.text for t in m.slot(doc[2], "place:subject")] == ["Lyman"]
    assert [t.text for t in m.slot(doc[2], "actor:agent")] == ["troops"]
    assert m.slot(doc[2], "actor:subject") == []
    assert [t.text for t in _place_roots(doc[2], trig, parts, m, LEXICON).tokens] == ["Lyman"]
    assert [t.text for t in _actor_heads(doc[2], trig, parts, m, LEXICON).tokens] == ["troops"]


def test_particle_parsed_elsewhere_matches_as_the_next_token():
    # "Officials said Russia pulled out of Kherson" with "out" hung on "said", not "pulled"
    doc = parse([("Officials", 1, "nsubj", "NOUN", "NNS", "official"),
                 ("said", 1, "ROOT", "VERB", "VBD", "say"),
                 ("Russia", 3, "nsubj", "PROPN", "NNP", "Russia"),
                 ("pulled", 1, "ccomp", "VERB", "VBD", "pull"),
                 ("out", 1, "prt", "ADP", "RP", "out"),
                 ("of", 3, "prep", "ADP", "IN", "of"),
                 ("Kherson", 5, "pobj", "PROPN", "NNP", "Kherson")])
    assert doc[4] not in list(doc[3].subtree)
    trig, parts, m = first(doc, 3)
    assert trig.id == "trigger.withdrawal.pull_out_of"
    assert [t.text for t in parts] == ["pulled", "out"]
    assert [t.text for t in _place_roots(doc[3], trig, parts, m, LEXICON).tokens] == ["Kherson"]


def test_loser_preposition():
    # "Ukraine recaptured Kupiansk from Russia": "from" names the loser
    doc = parse([("Ukraine", 1, "nsubj", "PROPN", "NNP", "Ukraine"),
                 ("recaptured", 1, "ROOT", "VERB", "VBD", "recapture"),
                 ("Kupiansk", 1, "dobj", "PROPN", "NNP", "Kupiansk"),
                 ("from", 1, "prep", "ADP", "IN", "from"),
                 ("Russia", 3, "pobj", "PROPN", "NNP", "Russia")])
    trig, parts, m = first(doc, 1)
    assert trig.loser_prep == "from"
    losers = [c for p in m.prep_slot(doc[1], trig.loser_prep, parts) for c in p.children
              if c.dep_ == "pobj"]
    assert [t.text for t in losers] == ["Russia"]
    assert [t.text for t in _place_roots(doc[1], trig, parts, m, LEXICON).tokens] == ["Kupiansk"]


def test_noun_head_with_its_preposition():
    # "the capture of Kherson"
    doc = parse([("the", 1, "det", "DET", "DT", "the"),
                 ("capture", 1, "ROOT", "NOUN", "NN", "capture"),
                 ("of", 1, "prep", "ADP", "IN", "of"),
                 ("Kherson", 2, "pobj", "PROPN", "NNP", "Kherson")])
    trig, parts, m = first(doc, 1)
    assert trig.id == "trigger.capture.capture_of.noun"
    assert [t.text for t in _place_roots(doc[1], trig, parts, m, LEXICON).tokens] == ["Kherson"]


def test_idiom_object_vetoes_the_verb():
    # "Fighting took place near Izium": "take place" is no capture
    doc = parse([("Fighting", 1, "nsubj", "NOUN", "NN", "fighting"),
                 ("took", 1, "ROOT", "VERB", "VBD", "take"),
                 ("place", 1, "dobj", "NOUN", "NN", "place"),
                 ("near", 1, "prep", "ADP", "IN", "near"),
                 ("Izium", 3, "pobj", "PROPN", "NNP", "Izium")])
    assert found(doc, 1) == []


def test_word_too_deep_or_across_a_clause_is_not_a_trigger_word():
    # "Russia took the town where troops regained control": "control" is in a relative clause
    doc = parse([("Russia", 1, "nsubj", "PROPN", "NNP", "Russia"),
                 ("took", 1, "ROOT", "VERB", "VBD", "take"),
                 ("the", 3, "det", "DET", "DT", "the"),
                 ("town", 1, "dobj", "NOUN", "NN", "town"),
                 ("where", 6, "advmod", "SCONJ", "WRB", "where"),
                 ("troops", 6, "nsubj", "NOUN", "NNS", "troop"),
                 ("regained", 3, "relcl", "VERB", "VBD", "regain"),
                 ("control", 6, "dobj", "NOUN", "NN", "control")])
    assert [rule for rule, _ in found(doc, 1)] == ["trigger.capture.take"]


def test_unknown_language_is_a_clear_error():
    from geo_events.errors import DataFileError

    vocab = spacy.blank("xx").vocab
    doc = Doc(vocab, words=["Ukraine", "took", "Lyman"])
    with pytest.raises(DataFileError, match=r"'xx'.*the packs are en"):
        match_triggers(doc, LEXICON)


def test_loser_object_slot():
    # "Ukrainian troops drove Russian forces out of Kherson": the object is who lost it
    doc = parse([("Ukrainian", 1, "amod", "ADJ", "JJ", "ukrainian"),
                 ("troops", 2, "nsubj", "NOUN", "NNS", "troop"),
                 ("drove", 2, "ROOT", "VERB", "VBD", "drive"),
                 ("Russian", 4, "amod", "ADJ", "JJ", "russian"),
                 ("forces", 2, "dobj", "NOUN", "NNS", "force"),
                 ("out", 2, "prt", "ADP", "RP", "out"),
                 ("of", 2, "prep", "ADP", "IN", "of"),
                 ("Kherson", 6, "pobj", "PROPN", "NNP", "Kherson")])
    trig, parts, m = first(doc, 2)
    assert trig.id == "trigger.capture.drive_out_of" and trig.loser_object
    assert [t.text for t in m.slot(doc[2], "loser:object")] == ["forces"]
    assert m.slot(doc[2], "loser:passive") == []
    assert [t.text for t in _place_roots(doc[2], trig, parts, m, LEXICON).tokens] == ["Kherson"]
    assert [t.text for t in _actor_heads(doc[2], trig, parts, m, LEXICON).tokens] == ["troops"]


# -- preposition slots (``prep:<p>``): the preposition of the entry carried by the patterns --

def test_every_preposition_of_an_entry_is_a_slot():
    by_id = {t.id: t for ts in LEXICON.triggers.values() for t in ts}
    pack = language_pack("en")
    fall_to = by_id["trigger.capture.fall_to"]
    # the party and the actor ("fell to Y") and the loser of a capture ("from Z")
    assert trigger_prepositions(fall_to) == ("to", "from")
    assert trigger_prepositions(by_id["trigger.withdrawal.withdraw_from"]) == ("from",)
    clear_of = compile_prep_patterns(by_id["trigger.capture.clear_of"], pack)
    assert {reach for prep, reach, _ in clear_of if prep == "of"} == {"trigger", "governor"}
    pull = compile_prep_patterns(by_id["trigger.withdrawal.pull_out_of"], pack)
    assert {reach for _, reach, _ in pull} == {"trigger", "word:out", "governor"}
    for _, reach, pattern in [*clear_of, *pull]:
        assert pattern[0]["RIGHT_ID"] == ANCHOR and pattern[-1]["RIGHT_ID"] == "prep"
        assert pattern[-1]["REL_OP"] == ">>"
        assert set(pattern[-1]["RIGHT_ATTRS"]) <= {"ENT_KB_ID", "ENT_ID"}
        assert (reach == "trigger") == (len(pattern) == 2)
    keys = trigger_matcher(LEXICON, VOCAB).patterns()
    assert "slot:verb:withdraw:prep:from:trigger" in keys
    assert "slot:verb:pull:prep:of:word:out" in keys
    assert "slot:noun:retreat:prep:from:governor" in keys


def test_prep_slot_on_the_anchor():
    # "The Russian army withdrew from Kherson"
    doc = parse([("Russian", 1, "amod", "ADJ", "JJ", "russian"),
                 ("army", 2, "nsubj", "NOUN", "NN", "army"),
                 ("withdrew", 2, "ROOT", "VERB", "VBD", "withdraw"),
                 ("from", 2, "prep", "ADP", "IN", "from"),
                 ("Kherson", 3, "pobj", "PROPN", "NNP", "Kherson")])
    trig, parts, m = first(doc, 2)
    assert trig.id == "trigger.withdrawal.withdraw_from"
    assert [t.text for t in m.prep_slot(doc[2], "from", parts)] == ["from"]
    assert m.prep_slot(doc[2], "into", parts) == []
    assert [t.text for t in _place_roots(doc[2], trig, parts, m, LEXICON).tokens] == ["Kherson"]


def test_prep_slot_through_a_particle_parsed_elsewhere():
    # "Russia pulled out of Kherson" with "out" hung on the subject and "of" on "out"
    doc = parse([("Russia", 1, "nsubj", "PROPN", "NNP", "Russia"),
                 ("pulled", 1, "ROOT", "VERB", "VBD", "pull"),
                 ("out", 0, "advmod", "ADP", "RP", "out"),
                 ("of", 2, "prep", "ADP", "IN", "of"),
                 ("Kherson", 3, "pobj", "PROPN", "NNP", "Kherson")])
    trig, parts, m = first(doc, 1)
    assert trig.id == "trigger.withdrawal.pull_out_of"
    assert [t.text for t in parts] == ["pulled", "out"]  # the particle as the next token
    assert [t.text for t in m.prep_slot(doc[1], "of", parts)] == ["of"]  # owned by "out"
    assert [t.text for t in _place_roots(doc[1], trig, parts, m, LEXICON).tokens] == ["Kherson"]
    # without its owner among the trigger's tokens the preposition is not the trigger's
    assert m.prep_slot(doc[1], "of", parts[:1]) == []


def test_prep_slot_on_the_verb_a_noun_trigger_is_the_subject_of():
    # "The retreat began from Kherson": "from" hangs on "began", the noun's governor
    doc = parse([("The", 1, "det", "DET", "DT", "the"),
                 ("retreat", 2, "nsubj", "NOUN", "NN", "retreat"),
                 ("began", 2, "ROOT", "VERB", "VBD", "begin"),
                 ("from", 2, "prep", "ADP", "IN", "from"),
                 ("Kherson", 3, "pobj", "PROPN", "NNP", "Kherson")])
    trig, parts, m = first(doc, 1)
    assert trig.id == "trigger.withdrawal.retreat_from.noun"
    assert [t.text for t in m.prep_slot(doc[1], "from", parts)] == ["from"]
    assert [t.text for t in _place_roots(doc[1], trig, parts, m, LEXICON).tokens] == ["Kherson"]


def test_party_preposition_may_hang_on_the_object():
    # "Ukraine cleared Lyman of Russian forces": "of" on the object names the loser
    doc = parse([("Ukraine", 1, "nsubj", "PROPN", "NNP", "Ukraine"),
                 ("cleared", 1, "ROOT", "VERB", "VBD", "clear"),
                 ("Lyman", 1, "dobj", "PROPN", "NNP", "Lyman"),
                 ("of", 2, "prep", "ADP", "IN", "of"),
                 ("Russian", 5, "amod", "ADJ", "JJ", "russian"),
                 ("forces", 3, "pobj", "NOUN", "NNS", "force")])
    trig, parts, m = first(doc, 1)
    assert trig.id == "trigger.capture.clear_of"
    assert m.prep_slot(doc[1], "of", parts) == []  # not on the trigger's own tokens
    assert [t.text for t in m.prep_slot(doc[1], "of", [*parts, doc[2]])] == ["of"]


def test_prep_slot_keeps_the_owners_order_and_skips_a_preposition_before_a_verb():
    # "From Kherson, Russia withdrew from Beryslav": the fronted "From" is not the verb's
    doc = parse([("From", 4, "prep", "ADP", "IN", "from"),
                 ("Kherson", 0, "pobj", "PROPN", "NNP", "Kherson"),
                 (",", 4, "punct", "PUNCT", ",", ","),
                 ("Russia", 4, "nsubj", "PROPN", "NNP", "Russia"),
                 ("withdrew", 4, "ROOT", "VERB", "VBD", "withdraw"),
                 ("from", 4, "prep", "ADP", "IN", "from"),
                 ("Beryslav", 5, "pobj", "PROPN", "NNP", "Beryslav")])
    trig, parts, m = first(doc, 4)
    assert [t.i for t in m.prep_slot(doc[4], "from", parts)] == [5]
    assert [t.text for t in _place_roots(doc[4], trig, parts, m, LEXICON).tokens] == ["Beryslav"]
