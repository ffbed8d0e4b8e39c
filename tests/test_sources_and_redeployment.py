"""Sources named by their name alone, redeployed units and seaports (issue 13, classes seen
on long-form reporting).

* An official named once with a title and afterwards by the name alone ("Synehubov said")
  is still that official: the report is the party's claim, and the side conceding a loss is
  the official's (rule ``source-earlier-title`` of ``events_places_en.json``).
* Units withdrawn from a place and moved elsewhere ("withdrew two brigades from X and sent
  them to Y") are a redeployment, no change of who holds X (rule
  ``everyday.units_redeployed`` of ``factuality_rules.json``).
* "the seaport of X" is X; "took X in a semi-encirclement" takes nothing (rule
  ``everyday.taken_into_encirclement``).
* A "that" clause standing as the whole sentence, its reporting verb lost, is unverified
  (rule ``unverified.orphan_that_clause``).
* A yearless date after a paragraph about an earlier era belongs to the later era of the next
  explicit date when the earlier year would run the narrative back (rule ``era-switch`` of
  ``narrative_dates_en.json``).

The sentences are our own."""

from __future__ import annotations

from datetime import date

import pytest
import spacy
from spacy.tokens import Doc

from geo_events.events.context_rules import DocCues, load_rules
from geo_events.events.lexicon import load_lexicon
from geo_events.events.narrative_dates import load_narrative_rules, narrative_dates
from geo_events.events.place_rules import place_rules
from geo_events.events.sources import phrase_text, source_tokens

VOCAB = spacy.blank("en").vocab


# --- the mechanisms on fixed parses -------------------------------------------------------------

def _named_doc(title_words: list[str], title_tags: list[str]) -> Doc:
    """"<title words> Oleh Synehubov spoke . Synehubov said troops left ." (parse fixed)."""
    n = len(title_words)
    words = [*title_words, "Oleh", "Synehubov", "spoke", ".", "Synehubov", "said", "troops",
             "left", "."]
    heads = [n + 1] * n + [n + 1, n + 2, n + 2, n + 2, n + 5, n + 5, n + 7, n + 5, n + 5]
    deps = ["compound"] * n + ["compound", "nsubj", "ROOT", "punct", "nsubj", "ROOT", "nsubj",
                               "ccomp", "punct"]
    pos = ["PROPN" if t == "NNP" else "NOUN" for t in title_tags] + [
        "PROPN", "PROPN", "VERB", "PUNCT", "PROPN", "VERB", "NOUN", "VERB", "PUNCT"]
    tags = [*title_tags, "NNP", "NNP", "VBD", ".", "NNP", "VBD", "NNS", "VBD", "."]
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, tags=tags)


def _governor(toks) -> bool:
    return any(t.lower_ == "governor" for t in toks)


def _read(tok) -> tuple[str, str | None]:
    toks, rule = source_tokens(tok, _governor, load_lexicon())
    return phrase_text(toks), rule


def test_a_bare_name_takes_the_title_of_its_earlier_mention():
    doc = _named_doc(["Kharkiv", "governor"], ["NNP", "NN"])
    bare = doc[6]
    assert bare.text == "Synehubov"
    assert _read(bare) == ("Kharkiv governor Oleh Synehubov", "source-earlier-title")
    # the titled mention itself is read as it is
    assert _read(doc[3]) == ("Kharkiv governor Oleh Synehubov", None)
    # a capitalised title ("Governor") is a title too
    doc = _named_doc(["Kharkiv", "Governor"], ["NNP", "NNP"])
    assert _read(doc[6]) == ("Kharkiv Governor Oleh Synehubov", "source-earlier-title")


def test_a_bare_name_without_a_titled_mention_stays_bare():
    doc = _named_doc(["Kharkiv"], ["NNP"])
    assert _read(doc[5]) == ("Synehubov", None)


def test_the_named_sources_rule_is_data():
    rules = place_rules().named_sources
    assert [r["id"] for r in rules] == ["source-earlier-title"]
    assert rules[0]["reach"] in ("paragraph", "document")


def _cues(doc: Doc, tok: int, kind: str = "withdrawal") -> list[str]:
    return [c.rule.id for c in DocCues(doc, load_rules()).covering(doc[tok], kind)]


def test_units_moved_elsewhere_on_a_fixed_parse():
    # "Troops withdrew units from Izium and moved them to Kupiansk ."
    words = ["Troops", "withdrew", "units", "from", "Izium", "and", "moved", "them", "to",
             "Kupiansk", "."]
    doc = Doc(VOCAB, words=words, heads=[1, 1, 1, 1, 3, 1, 1, 6, 6, 8, 1],
              deps=["nsubj", "ROOT", "dobj", "prep", "pobj", "cc", "conj", "dobj", "prep",
                    "pobj", "punct"],
              pos=["NOUN", "VERB", "NOUN", "ADP", "PROPN", "CCONJ", "VERB", "PRON", "ADP",
                   "PROPN", "PUNCT"],
              lemmas=["troop", "withdraw", "unit", "from", "Izium", "and", "move", "they", "to",
                      "Kupiansk", "."])
    assert "everyday.units_redeployed" in _cues(doc, 1)
    assert "everyday.units_redeployed" not in _cues(doc, 1, "capture")
    # "Troops withdrew from Izium and moved to Kupiansk ." moves the troops themselves
    words = ["Troops", "withdrew", "from", "Izium", "and", "moved", "to", "Kupiansk", "."]
    doc = Doc(VOCAB, words=words, heads=[1, 1, 1, 2, 1, 1, 5, 6, 1],
              deps=["nsubj", "ROOT", "prep", "pobj", "cc", "conj", "prep", "pobj", "punct"],
              pos=["NOUN", "VERB", "ADP", "PROPN", "CCONJ", "VERB", "ADP", "PROPN", "PUNCT"],
              lemmas=["troop", "withdraw", "from", "Izium", "and", "move", "to", "Kupiansk",
                      "."])
    assert "everyday.units_redeployed" not in _cues(doc, 1)


def test_an_orphan_that_clause_on_a_fixed_parse():
    # "In May , that troops had left Izium ." / "Kyiv said that troops had left Izium ."
    words = ["In", "May", ",", "that", "troops", "had", "left", "Izium", "."]
    doc = Doc(VOCAB, words=words, heads=[6, 0, 6, 6, 6, 6, 6, 6, 6],
              deps=["prep", "pobj", "punct", "mark", "nsubj", "aux", "ROOT", "dobj", "punct"],
              pos=["ADP", "PROPN", "PUNCT", "SCONJ", "NOUN", "AUX", "VERB", "PROPN", "PUNCT"])
    assert "unverified.orphan_that_clause" in _cues(doc, 6)
    words = ["Kyiv", "said", "that", "troops", "had", "left", "Izium", "."]
    doc = Doc(VOCAB, words=words, heads=[1, 1, 5, 5, 5, 1, 5, 1],
              deps=["nsubj", "ROOT", "mark", "nsubj", "aux", "ccomp", "dobj", "punct"],
              pos=["PROPN", "VERB", "SCONJ", "NOUN", "AUX", "VERB", "PROPN", "PUNCT"])
    assert "unverified.orphan_that_clause" not in _cues(doc, 5)


# --- the era of a yearless date -------------------------------------------------------------------

LATE = date(2023, 7, 1)


def _dates(text: str, rules=None) -> dict[str, str]:
    return {d.text: d.range.date_from.isoformat() for d in narrative_dates(text, LATE, rules)}


ERAS = ("Separatists held the square until July 2014, when they left.\n\n"
        "Starting on 17 May, artillery shelled the town. On 25 May, the bridge fell. "
        "The assault began in October 2022.")


def test_a_yearless_date_after_an_earlier_era_belongs_to_the_later_one():
    got = _dates(ERAS)
    assert got["17 May"] == "2022-05-17" and got["25 May"] == "2022-05-25"
    assert got["July 2014"] == "2014-07-01"
    assert load_narrative_rules().era_switch == ("era-switch", 2)


def test_without_the_era_rule_the_earlier_year_dates_it():
    import dataclasses

    rules = dataclasses.replace(load_narrative_rules(), era_switch=None)
    assert _dates(ERAS, rules)["17 May"] == "2014-05-17"


@pytest.mark.parametrize("text, day, expected", [
    # in the same paragraph the narrative goes back within its era
    ("Separatists held the square until July 2014. On 17 May, they had stormed it. "
     "The assault began in October 2022.", "17 May", "2014-05-17"),
    # read in the earlier year it keeps the narrative in order: that era goes on
    ("Separatists held the square from March 2014.\n\nOn 17 May, they stormed the hall. "
     "The assault began in October 2022.", "17 May", "2014-05-17"),
    # the era went on with a yearless date before: a flashback stays in it
    ("Separatists held the square from March 2014. On 18 April, they stormed the hall.\n\n"
     "On 26 February, a rally had filled the square. Shelling began in March 2023.",
     "26 February", "2014-02-26"),
    # a year apart: a turn of the year, not another era
    ("The siege began in March 2022.\n\nOn 24 February, troops crossed the border. "
     "The town fell in May 2023.", "24 February", "2022-02-24"),
])
def test_the_era_stays_when_the_narrative_does_not_move_on(text, day, expected):
    assert _dates(text)[day] == expected


# --- the real pipeline ---------------------------------------------------------------------------

PUBLISHED = date(2023, 7, 1)


@pytest.mark.integration
@pytest.mark.parametrize("intro", [
    "On 3 May 2022, Kharkiv governor Oleh Synehubov said the shelling went on.",
    "Oleh Synehubov, the governor of Kharkiv Oblast, said on 3 May 2022 that shelling went on.",
])
def test_a_titled_official_named_again_by_name_claims(control_changes, intro):
    text = f"{intro} Synehubov stated that Russian soldiers had abandoned Vovchansk."
    (e,) = control_changes(PUBLISHED, text)
    assert (e.place.name, e.kind, e.loss, e.status) == ("Vovchansk", "withdrawal", "RU",
                                                        "claimed")
    assert "source-earlier-title" in e.provenance


@pytest.mark.integration
def test_the_official_named_again_concedes_his_sides_loss(control_changes):
    text = ("On 3 May 2022, Kharkiv governor Oleh Synehubov said the shelling went on. "
            "Synehubov confirmed Ukrainian troops had withdrawn from Balakliia.")
    (e,) = control_changes(PUBLISHED, text)
    assert (e.kind, e.loss, e.status) == ("withdrawal", "UA", "reported")
    assert "factuality.concession" in e.provenance


@pytest.mark.integration
@pytest.mark.parametrize("text", [
    # a person whose earlier mention names no party
    "On 3 May 2022, the journalist Olga Petrenko visited the front. Petrenko wrote that "
    "Russian troops had left Balakliia.",
    # no earlier mention at all
    "Petrenko wrote on 3 May 2022 that Russian troops had left Balakliia.",
])
def test_a_name_without_a_party_title_reports(control_changes, text):
    (e,) = control_changes(PUBLISHED, text)
    assert (e.kind, e.status) == ("withdrawal", "reported")


@pytest.mark.integration
@pytest.mark.parametrize("text", [
    "On 3 May 2022, Russian troops withdrew units from Izium and moved them to Kupiansk.",
    "On 3 May 2022, Russia pulled two brigades out of Izium to redeploy them near Kupiansk.",
    "The command withdrew two battalions from Izium last week and sent them to Kherson.",
])
def test_units_redeployed_from_a_place_are_no_change(control_changes, text):
    assert control_changes(PUBLISHED, text) == []


@pytest.mark.integration
@pytest.mark.parametrize("text", [
    "On 3 May 2022, Russian troops withdrew from Izium and redeployed to Kupiansk.",
    "On 3 May 2022, Russian troops withdrew from Izium; the command sent them to Kupiansk.",
])
def test_forces_leaving_a_place_are_still_a_withdrawal(control_changes, text):
    assert [(e.place.name, e.kind) for e in control_changes(PUBLISHED, text)] == \
        [("Izyum", "withdrawal")]


@pytest.mark.integration
@pytest.mark.parametrize("text", [
    "Russian forces seized the seaport of Berdiansk on 1 March 2022.",
    "Russian forces seized the port city of Berdiansk on 1 March 2022.",
])
def test_the_seaport_of_a_town_is_the_town(control_changes, text):
    assert [(e.place.name, e.kind, e.gain) for e in control_changes(PUBLISHED, text)] == [
        ("Berdyansk", "capture", "RU")]


@pytest.mark.integration
def test_events_after_a_background_paragraph_take_the_later_era(nlp):
    text = ("Separatists held the town hall of Bakhmut until July 2014, when they retreated."
            "\n\nAfter the fall of Lyman on 22 May, Ukrainian forces withdrew from Siversk. "
            "Russian troops captured Soledar in October 2022.")
    from geo_events.events import extract_events

    got = {e.place.name: e.date_from for e in extract_events(
        text, published=PUBLISHED, profile="russia-ukraine")}
    assert got["Lyman"] == date(2022, 5, 22)
    assert got["Siversk"].year == 2022


@pytest.mark.integration
def test_an_orphan_that_clause_is_unverified(control_changes):
    (e,) = control_changes(PUBLISHED, "On 14 May 2022, that Ukrainian troops had left Rubizhne.")
    assert (e.kind, e.status) == ("withdrawal", "unverified")
    assert "unverified.orphan_that_clause" in e.provenance


@pytest.mark.integration
@pytest.mark.parametrize("text, places", [
    ('On 5 May 2023, the minister wrote: "Our forces have taken the city of Bakhmut in a '
     'semi-encirclement."', []),
    ("On 5 May 2023, Ukrainian forces took Bakhmut into a pincer.", []),
    # a capture after an encirclement is still a capture
    ("On 5 May 2023, Ukrainian forces captured Soledar after a long encirclement.",
     ["Soledar"]),
])
def test_a_town_taken_into_encirclement_is_not_taken(nlp, text, places):
    from geo_events.events import extract_events

    got = [e.place.name for e in extract_events(text, published=PUBLISHED,
                                                profile="russia-ukraine")
           if e.kind in ("capture", "recapture")]
    assert got == places


@pytest.mark.integration
@pytest.mark.parametrize("text, status", [
    ("On 8 April 2022, Governor Dmytro Zhyvytskyi stated that the roads were mined. He added "
     "that all Russian troops had left Trostianets.", "claimed"),
    ("On 8 April 2022, Kharkiv governor Oleh Synehubov spoke in Kharkiv. Synehubov said that "
     "shelling went on. She said that Russian troops had left Trostianets.", "claimed"),
    # the person named before is no party's
    ("On 8 April 2022, the journalist Olga Petrenko visited the front. She said that Russian "
     "troops had left Trostianets.", "reported"),
    # a paragraph break ends the reach
    ("On 8 April 2022, Governor Dmytro Zhyvytskyi stated that the roads were mined.\n\nHe "
     "added that all Russian troops had left Trostianets.", "reported"),
])
def test_a_pronoun_reporting_stands_for_the_person_named_before(control_changes, text, status):
    (e,) = control_changes(PUBLISHED, text)
    assert (e.place.name, e.status) == ("Trostyanets", status)
    assert ("source-pronoun" in e.provenance) == (status == "claimed")


def test_the_pronoun_sources_rule_is_data():
    (rule,) = place_rules().pronoun_sources
    assert rule["id"] == "source-pronoun" and "he" in rule["pronouns"]
