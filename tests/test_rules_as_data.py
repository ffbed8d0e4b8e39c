"""Rules are data, mechanisms are code (issue 13): the words, tags and dependency labels the
extraction mechanisms read are named sets of the language pack or word lists of the lexicon
and the place rules, checked on load, and the code refers to them by name only.

Per-rule tests run on fixed parses (``Doc(vocab, words=..., heads=..., deps=...)``) and show
that the behaviour follows the data: a lexicon that extends a list changes what the mechanism
does.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from spacy.tokens import Doc

import geo_events
from geo_events.errors import DataFileError
from geo_events.events.factuality import _factuality
from geo_events.events.lexicon import (
    CONTROL_STATE_KEYS,
    DEFAULT_LEXICON,
    LIST_NAMES,
    MAP_NAMES,
    check_lexicon,
    compile_trigger,
    load_lexicon,
)
from geo_events.events.place_rules import PLACE_RULES, place_rules
from geo_events.events.reentry import reentry_trigger
from geo_events.language import (
    DEP_NAMES,
    ENT_NAMES,
    FUNCTION_WORD_NAMES,
    LANG_DIR,
    POS_NAMES,
    TAG_NAMES,
    language_pack,
    read_pack,
)
from tests.test_trigger_patterns import parse

PACKAGE = Path(geo_events.__file__).parent
LEXICON = load_lexicon()


def _sources() -> dict[Path, str]:
    return {p: p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py")}


@pytest.mark.parametrize(("attr", "names"), [
    ("deps", DEP_NAMES), ("tags", TAG_NAMES), ("pos", POS_NAMES), ("ents", ENT_NAMES),
    ("function_words", FUNCTION_WORD_NAMES)])
def test_every_label_set_the_code_names_is_declared_and_shipped(attr, names):
    used = {(p.name, m) for p, text in _sources().items()
            for m in re.findall(rf'\b{attr}\["([a-z_]+)"\]', text)}
    assert used, attr
    unknown = sorted(f"{f}: {name}" for f, name in used if name not in names)
    assert not unknown, f"undeclared {attr} sets named in code: {unknown}"
    shipped = getattr(language_pack("en"), attr)
    assert names <= set(shipped)


def test_every_word_list_the_code_names_is_declared():
    used = set()
    for text in _sources().values():
        used |= set(re.findall(r'\.has\(\s*"([a-z_]+)"', text))
        used |= set(re.findall(r'word_list\(\s*"([a-z_]+)"', text))
    assert used and used <= LIST_NAMES, sorted(used - LIST_NAMES)
    maps = set()
    for text in _sources().values():
        maps |= set(re.findall(r'word_map\(\s*"([a-z_]+)"', text))
        maps |= set(re.findall(r'maps\.get\(\s*"([a-z_]+)"', text))
    assert maps and maps <= MAP_NAMES, sorted(maps - MAP_NAMES)
    states = set()
    for text in _sources().values():
        states |= set(re.findall(r'\bcs\.get\(\s*"([a-z_]+)"', text))
    assert states and states <= CONTROL_STATE_KEYS, sorted(states - CONTROL_STATE_KEYS)


def test_a_misspelt_list_name_in_code_is_an_error():
    with pytest.raises(KeyError, match="negation_determiner'"):
        LEXICON.has("negation_determiner", "no")
    with pytest.raises(KeyError, match="flag_noun'"):
        LEXICON.word_list("flag_noun")
    with pytest.raises(KeyError, match="possessive_pronoun'"):
        LEXICON.word_map("possessive_pronoun")
    assert LEXICON.has("negation_determiners", "Never")
    assert LEXICON.word_map("possessive_pronouns")["their"] == "they"


def _pack_file(tmp_path: Path, key: str, change) -> Path:
    data = json.loads((LANG_DIR / "en.json").read_text(encoding="utf-8"))
    data["files"] = {k: str(LANG_DIR / v) for k, v in data["files"].items()}  # a copy elsewhere
    change(data[key])
    path = tmp_path / "xx.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(("key", "old", "new"), [
    ("deps", "nominal_subject", "nominal_subjects"),
    ("tags", "infinitive_marker", "infinitive"),
    ("pos", "proper_noun", "propn"),
    ("ents", "group", "groups"),
    ("function_words", "genitive", "of"),
])
def test_a_misspelt_set_of_the_pack_names_the_file_and_the_key(tmp_path, key, old, new):
    path = _pack_file(tmp_path, key, lambda sets: sets.__setitem__(new, sets.pop(old)))
    with pytest.raises(DataFileError, match=rf"xx\.json: '{key}': unknown set '{new}'"):
        read_pack(path)


def test_a_missing_set_of_the_pack_names_the_file_and_the_set(tmp_path):
    path = _pack_file(tmp_path, "deps", lambda sets: sets.pop("reported_clause"))
    with pytest.raises(DataFileError, match=r"xx\.json: 'deps' lacks the set 'reported_clause'"):
        read_pack(path)
    path = _pack_file(tmp_path, "function_words", lambda sets: sets.__setitem__("genitive", 1))
    with pytest.raises(DataFileError, match=r"xx\.json: 'genitive' must be a list of strings"):
        read_pack(path)


@pytest.mark.parametrize(("data", "message"), [
    ({"provenance": "t", "counterfactual_modal": ["would"]}, "unknown key 'counterfactual_modal'"),
    ({"provenance": "t", "flag_nouns": "flag"}, "'flag_nouns' must be a list of words"),
    ({"provenance": "t", "possessive_pronouns": ["its"]}, "'possessive_pronouns' must map"),
    ({"provenance": "t", "control_states": {"object_first_verb": ["put"]}},
     "control_states: unknown key 'object_first_verb'"),
])
def test_new_lexicon_keys_are_schema_checked(data, message):
    with pytest.raises(DataFileError, match=re.escape(message)) as err:
        check_lexicon(data, "mine.json")
    assert "mine.json" in str(err.value)


def test_place_rules_need_their_words(tmp_path):
    data = json.loads(PLACE_RULES.read_text(encoding="utf-8"))
    del data["reentry"][0]["after_words"]
    path = tmp_path / "places.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"places\.json: reentry\[0\] lacks the field "
                                            r"'after_words'"):
        place_rules(path)
    data["reentry"][0]["after_word"] = ["after"]
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"places\.json: reentry\[0\]"):
        place_rules(path)


def _trigger(phrase: str, kind: str = "capture"):
    return compile_trigger({"phrase": phrase, "kind": kind})


def _modal_perfect(modal: str) -> Doc:
    # "Troops <modal> have taken Bakhmut"
    return parse([("Troops", 3, "nsubj", "NOUN", "NNS", "troop"),
                 (modal, 3, "aux", "AUX", "MD", modal),
                 ("have", 3, "aux", "AUX", "VB", "have"),
                 ("taken", 3, "ROOT", "VERB", "VBN", "take"),
                 ("Bakhmut", 3, "dobj", "PROPN", "NNP", "bakhmut"),
                 (".", 3, "punct", "PUNCT", ".", ".")])


def test_counterfactual_modals_are_a_word_list(tmp_path):
    trig = _trigger("take")
    fired: list[str] = []
    assert _factuality(_modal_perfect("would")[3], trig, None, LEXICON, fired) is None
    assert fired == ["factuality.modal"]
    fired = []
    assert _factuality(_modal_perfect("may")[3], trig, None, LEXICON, fired) == "assessed"
    assert fired == ["factuality.modal_perfect"]
    extra = tmp_path / "extra.json"
    extra.write_text(json.dumps({"provenance": "test", "counterfactual_modals": ["may"]}),
                     encoding="utf-8")
    assert _factuality(_modal_perfect("may")[3], trig, None, load_lexicon(extra)) is None


def test_negation_determiners_are_a_word_list(tmp_path):
    # "Never did troops take Bakhmut" parsed with "never" as an adverb of the verb
    doc = parse([("Never", 3, "advmod", "ADV", "RB", "never"),
                ("did", 3, "aux", "AUX", "VBD", "do"),
                ("troops", 3, "nsubj", "NOUN", "NNS", "troop"),
                ("take", 3, "ROOT", "VERB", "VB", "take"),
                ("Bakhmut", 3, "dobj", "PROPN", "NNP", "bakhmut"),
                (".", 3, "punct", "PUNCT", ".", ".")])
    fired: list[str] = []
    assert _factuality(doc[3], _trigger("take"), None, LEXICON, fired) is None
    assert fired == ["factuality.negation"]
    # "Hardly did troops take Bakhmut": a negation only once the lexicon lists it
    doc = parse([("Hardly", 3, "advmod", "ADV", "RB", "hardly"), *[
        (t.text, t.head.i, t.dep_, t.pos_, t.tag_, t.lemma_) for t in doc[1:]]])
    assert _factuality(doc[3], _trigger("take"), None, LEXICON) == "reported"
    extra = tmp_path / "extra.json"
    extra.write_text(json.dumps({"provenance": "test", "negation_determiners": ["hardly"]}),
                     encoding="utf-8")
    assert _factuality(doc[3], _trigger("take"), None, load_lexicon(extra)) is None


def test_according_to_is_an_attribution_head():
    # "Troops took Bakhmut, according to the ministry"
    doc = parse([("Troops", 1, "nsubj", "NOUN", "NNS", "troop"),
                ("took", 1, "ROOT", "VERB", "VBD", "take"),
                ("Bakhmut", 1, "dobj", "PROPN", "NNP", "bakhmut"),
                (",", 1, "punct", "PUNCT", ",", ","),
                ("according", 1, "prep", "VERB", "VBG", "accord"),
                ("to", 4, "prep", "ADP", "IN", "to"),
                ("the", 7, "det", "DET", "DT", "the"),
                ("ministry", 5, "pobj", "NOUN", "NN", "ministry")])
    fired: list[str] = []
    _factuality(doc[1], _trigger("take"), None, LEXICON, fired)
    assert [f for f in fired if f.startswith("factuality.according_to")], fired


def test_reentry_words_come_from_the_rule():
    # "Troops entered Kherson after Russia withdrew"
    doc = parse([("Troops", 1, "nsubj", "NOUN", "NNS", "troop"),
                ("entered", 1, "ROOT", "VERB", "VBD", "enter"),
                ("Kherson", 1, "dobj", "PROPN", "NNP", "kherson"),
                ("after", 5, "mark", "SCONJ", "IN", "after"),
                ("Russia", 5, "nsubj", "PROPN", "NNP", "russia"),
                ("withdrew", 1, "advcl", "VERB", "VBD", "withdraw")])
    advance = _trigger("enter", kind="advance")
    trig, rule = reentry_trigger(doc[1], advance)
    assert trig.kind == "recapture" and rule == "reentry-after-withdrawal"
    doc = parse([(t.text if t.i != 3 else "once", t.head.i, t.dep_, t.pos_, t.tag_,
                 t.lemma_ if t.i != 3 else "once") for t in doc])
    assert reentry_trigger(doc[1], advance) == (advance, None)  # "once" is no after word


def test_the_shipped_lexicon_declares_what_it_holds():
    data = json.loads(DEFAULT_LEXICON.read_text(encoding="utf-8"))
    for name in ("negation_determiners", "counterfactual_modals", "perfect_auxiliaries",
                 "attribution_heads", "actor_determiners", "party_possessives", "flag_nouns",
                 "area_reference_nouns", "any_level_reference_nouns", "part_prepositions",
                 "facility_locator_prepositions", "time_relatives", "pluperfect_auxiliaries",
                 "progressive_auxiliaries"):
        assert name in LIST_NAMES and data[name], name
    assert {"object_first_verbs", "holder_nouns", "holder_modifier_prepositions",
            "holder_subject_prepositions"} <= set(data["control_states"])
