"""Dates that open a window, claims the writer contradicts, and people by name and pronoun
(issue 13, classes seen on long-form reporting, sixth session).

* "the first day of March", "the last day of February 2022" are days (``ordinal_days`` and
  the expressions ``ordinal-day-of-month[-year]`` of ``dates.json``); "the last days of
  March" is late March.
* A date in a phrase or clause that "after", "following", "starting" or "beginning" opens
  ("After the fall of X on 22 May, the brigade withdrew from Y") dates the sentence's event
  *from* that day on, not on it: a window of ``days`` days, cut at the narrative's next
  later date (rule ``date-after-clause`` of ``narrative_dates.json``). The event the
  clause names itself keeps its own day.
* A change the writer says, in its own sentence, was still fought over ("..., although
  both villages were still contested") is ``disputed`` (rule
  ``disputed.still_contested``); a place named by its own name ("though Z remained
  contested") is another place.
* A party's claim that someone else confirmed, in its sentence or the next ("..., which was
  later confirmed by the Pentagon", "The claim was later confirmed by analysts.") is that
  confirmer's word: ``assessed`` for an analyst, ``reported`` for no party or nobody named;
  a party confirming it still claims (rules ``confirmed.in_sentence``,
  ``confirmed.next_sentence``, effect ``confirmed``).
* A person named again by the surname alone is the person last named in full: two people
  of one surname do not share a title (``named_sources`` ``given_names``); "He said" is not
  the spokeswoman named just before (``pronoun_sources`` ``gender_words``).

The sentences are our own."""

from __future__ import annotations

import json
from datetime import date

import pytest
import spacy
from spacy.tokens import Doc

from geo_events.errors import DataFileError
from geo_events.events.context_rules import DocCues, load_rules
from geo_events.events.dates import date_grammar, find_dates
from geo_events.events.lexicon import load_lexicon
from geo_events.events.narrative_dates import load_narrative_rules, narrative_dates
from geo_events.events.place_rules import place_rules
from geo_events.events.sources import phrase_text, source_tokens

VOCAB = spacy.blank("en").vocab
LATE = date(2023, 7, 1)


# --- ordinal days (the date grammar) -------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("On the first day of March, the column moved.", ("2023-03-01", "2023-03-01", "day")),
    ("by the last day of February 2022", ("2022-02-28", "2022-02-28", "day")),
    ("on the last day of February 2024", ("2024-02-29", "2024-02-29", "day")),
    ("the third day of June 2022", ("2022-06-03", "2022-06-03", "day")),
    # plural: a part of the month, not a day
    ("in the last days of March 2022", ("2022-03-21", "2022-03-31", "month")),
    ("in the first days of May 2022", ("2022-05-01", "2022-05-10", "month")),
])
def test_ordinal_days_of_a_month(text, expected):
    (m,) = find_dates(text, LATE)
    r = m.range
    assert (r.date_from.isoformat(), r.date_to.isoformat(), r.precision) == expected


def test_an_ordinal_day_takes_the_narratives_year():
    text = "The siege began on 24 February 2022. On the first day of March, the bridge fell."
    got = {d.text: d.range.date_from for d in narrative_dates(text, LATE)}
    assert got["the first day of March"] == date(2022, 3, 1)


def test_ordinal_days_are_optional_data(tmp_path):
    grammar = date_grammar()
    assert grammar.ordinal_days["first"] == 1 and grammar.ordinal_days["last"] == 31
    # the last day of a month is read in that month
    assert grammar.day("last", 2023, 2) == 28 and grammar.day("31", 2023, 4) is None


# --- the after clause: mechanism on a fixed parse ------------------------------------------------

def _after_doc() -> Doc:
    """"After the fall of Lyman on 22 May , troops withdrew from Siversk ." (parse fixed)."""
    words = ["After", "the", "fall", "of", "Lyman", "on", "22", "May", ",", "troops",
             "withdrew", "from", "Siversk", "."]
    heads = [10, 2, 0, 2, 3, 2, 7, 5, 10, 10, 10, 10, 11, 10]
    deps = ["prep", "det", "pobj", "prep", "pobj", "prep", "nummod", "pobj", "punct", "nsubj",
            "ROOT", "prep", "pobj", "punct"]
    pos = ["ADP", "DET", "NOUN", "ADP", "PROPN", "ADP", "NUM", "PROPN", "PUNCT", "NOUN",
           "VERB", "ADP", "PROPN", "PUNCT"]
    tags = ["IN", "DT", "NN", "IN", "NNP", "IN", "CD", "NNP", ",", "NNS", "VBD", "IN", "NNP",
            "."]
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, tags=tags,
               sent_starts=[True] + [False] * 13)


def test_a_marker_between_the_date_and_the_trigger_opens_a_window():
    from geo_events.events.extract import _opened_by
    from geo_events.events.places import _DocIndex

    doc = _after_doc()
    (d,) = find_dates(doc.text, LATE)
    index = _DocIndex.__new__(_DocIndex)
    index.doc = doc
    markers = load_narrative_rules().after_clause.markers
    assert _opened_by(d, doc[10], index, markers)  # "withdrew": after the fall on 22 May
    assert not _opened_by(d, doc[2], index, markers)  # "the fall" is on 22 May


def test_the_after_clause_rule_is_data():
    rule = load_narrative_rules().after_clause
    assert rule.id == "date-after-clause" and rule.days == 7
    assert {"after", "following", "starting"} <= rule.markers


@pytest.mark.parametrize("change, message", [
    ({"days": "seven"}, "after_clause: needs"),
    ({"markers": "after"}, "after_clause: needs"),
    ({"colour": 1}, "after_clause: needs"),
])
def test_a_wrong_after_clause_rule_is_an_error_naming_the_file(tmp_path, change, message):
    from geo_events.events.narrative_dates import NARRATIVE_RULES

    data = json.loads(NARRATIVE_RULES.read_text(encoding="utf-8"))
    data["after_clause"].update(change)
    path = tmp_path / "narrative.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DataFileError, match=message) as err:
        load_narrative_rules(path)
    assert str(path) in str(err.value)


# --- a claim the writer contradicts: the cue on a fixed parse ------------------------------------

def _cues(doc: Doc, tok: int, kind: str = "capture") -> list[str]:
    return [c.rule.id for c in DocCues(doc, load_rules()).covering(doc[tok], kind)]


def _contested_doc(subject: list[str], subject_pos: list[str]) -> Doc:
    """"Troops took Vodiane , although <subject> were still contested ." (parse fixed)."""
    n = len(subject)
    words = ["Troops", "took", "Vodiane", ",", "although", *subject, "were", "still",
             "contested", "."]
    root_sub = 5 + n + 2  # "contested"
    heads = [1, 1, 1, 1, root_sub] + [root_sub] * n + [root_sub, root_sub, 1, 1]
    if n == 2:
        heads[5] = 6
    deps = ["nsubj", "ROOT", "dobj", "punct", "mark"] + (
        ["det", "nsubjpass"] if n == 2 else ["nsubjpass"]) + [
        "auxpass", "advmod", "advcl", "punct"]
    pos = ["NOUN", "VERB", "PROPN", "PUNCT", "SCONJ", *subject_pos, "AUX", "ADV", "VERB",
           "PUNCT"]
    lemmas = ["troop", "take", "Vodiane", ",", "although", *[w.lower() for w in subject],
              "be", "still", "contest", "."]
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)


def test_still_contested_after_the_change_disputes_it():
    doc = _contested_doc(["both", "villages"], ["DET", "NOUN"])
    assert "disputed.still_contested" in _cues(doc, 1)
    # a place named by its own name is another place
    doc = _contested_doc(["Pisky"], ["PROPN"])
    assert "disputed.still_contested" not in _cues(doc, 1)


# --- people by name and by pronoun: mechanisms on fixed parses -----------------------------------

def _people_doc(second_given: str) -> Doc:
    """"Governor Oleh Synehubov spoke . <second_given> Synehubov farmed . Synehubov said
    troops left ." (parse fixed)."""
    words = ["Governor", "Oleh", "Synehubov", "spoke", ".", second_given, "Synehubov",
             "farmed", ".", "Synehubov", "said", "troops", "left", "."]
    heads = [2, 2, 3, 3, 3, 6, 7, 7, 7, 10, 10, 12, 10, 10]
    deps = ["compound", "compound", "nsubj", "ROOT", "punct", "compound", "nsubj", "ROOT",
            "punct", "nsubj", "ROOT", "nsubj", "ccomp", "punct"]
    pos = ["PROPN", "PROPN", "PROPN", "VERB", "PUNCT", "PROPN", "PROPN", "VERB", "PUNCT",
           "PROPN", "VERB", "NOUN", "VERB", "PUNCT"]
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos)


def _governor(toks) -> bool:
    return any(t.lower_ == "governor" for t in toks)


def test_a_bare_surname_is_the_person_last_named_in_full():
    # another person of that surname named in between: the bare name is that person
    toks, rule = source_tokens(_people_doc("Petro")[9], _governor, load_lexicon())
    assert (phrase_text(toks), rule) == ("Synehubov", None)
    # the same person named again in full: the title carries over
    toks, rule = source_tokens(_people_doc("Oleh")[9], _governor, load_lexicon())
    assert (phrase_text(toks), rule) == ("Governor Oleh Synehubov", "source-earlier-title")


def test_the_given_name_and_gender_rules_are_data():
    (named,) = place_rules().named_sources
    assert named["given_names"] is True
    (pronoun,) = place_rules().pronoun_sources
    assert "spokeswoman" in pronoun["gender_words"]["she"]
    assert "spokesman" in pronoun["gender_words"]["he"]


def test_wrong_gender_words_are_an_error_naming_the_file(tmp_path):
    from geo_events.events.place_rules import PLACE_RULES

    data = json.loads(PLACE_RULES.read_text(encoding="utf-8"))
    data["pronoun_sources"][0]["gender_words"] = {"he": "spokesman"}
    path = tmp_path / "places.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DataFileError, match="gender_words") as err:
        place_rules(path)
    assert str(path) in str(err.value)


# --- the real pipeline ---------------------------------------------------------------------------

PUBLISHED = date(2023, 7, 1)


def _window(e) -> tuple[str, str]:
    return e.date_from.isoformat(), e.date_to.isoformat()


@pytest.mark.integration
@pytest.mark.parametrize("text, place, window", [
    # a noun phrase after "After": the window is a week from its day
    ("Shelling went on through May 2022. After the fall of Lyman on 22 May, the Ukrainian "
     "brigade withdrew from Siversk.", "Siversk", ("2022-05-22", "2022-05-29")),
    # a clause after "After": its own date no longer falls back on the sentence before
    ("Shelling went on through May 2022. After Russian troops captured Lyman on 22 May, "
     "Ukrainian units withdrew from Siversk.", "Siversk", ("2022-05-22", "2022-05-29")),
    # the narrative's next date cuts the window
    ("Shelling went on through May 2022. After the fall of Lyman on 22 May, the Ukrainian "
     "brigade withdrew from Siversk. On 25 May, artillery hit Bakhmut.", "Siversk",
     ("2022-05-22", "2022-05-25")),
    # "Starting on": from that day on
    ("Shelling went on in July 2022. Starting on 9 August, Russian troops captured the "
     "village of Kodema.", "Kodema", ("2022-08-09", "2022-08-16")),
])
def test_a_date_after_a_marker_opens_a_window(control_changes, text, place, window):
    (e,) = [e for e in control_changes(PUBLISHED, text) if e.place.name == place]
    assert _window(e) == window
    assert "date-after-clause" in e.provenance


@pytest.mark.integration
@pytest.mark.parametrize("text, place, day", [
    # the event the after phrase names keeps its own day
    ("After Russian troops captured Lyman on 22 May 2022, Ukrainian units withdrew from "
     "Siversk.", "Lyman", "2022-05-22"),
    # "after" governing no date: the event's own date stands
    ("On 22 May 2022, Russian troops captured Lyman after a week of heavy fighting.",
     "Lyman", "2022-05-22"),
])
def test_a_date_of_its_own_stays_a_day(control_changes, text, place, day):
    (e,) = [e for e in control_changes(PUBLISHED, text) if e.place.name == place]
    assert _window(e) == (day, day)
    assert "date-after-clause" not in e.provenance


@pytest.mark.integration
def test_the_first_day_of_a_month_dates_a_capture(control_changes):
    text = ("The invasion began on 24 February 2022. On the first day of March, Russian "
            "troops captured Konotop.")
    (e,) = control_changes(PUBLISHED, text)
    assert (e.place.name, _window(e)) == ("Konotop", ("2022-03-01", "2022-03-01"))


@pytest.mark.integration
@pytest.mark.parametrize("text, statuses", [
    ("On 3 October 2022, the Russian ministry claimed its troops had taken Vodiane and "
     "Krasnohorivka, although both villages were still contested.",
     {"Vodiane": "disputed", "Krasnohorivka": "disputed"}),
    ("On 3 October 2022, separatist units took Krasnohorivka, though the town remained "
     "contested.", {"Krasnohorivka": "disputed"}),
    # another place named by its own name disputes nothing
    ("On 3 October 2022, Russian troops captured Krasnohorivka, though Vuhledar remained "
     "contested.", {"Krasnohorivka": "reported"}),
])
def test_a_change_said_to_be_still_contested_is_disputed(control_changes, text, statuses):
    got = {e.place.name: e.status for e in control_changes(PUBLISHED, text)}
    assert {k: got.get(k) for k in statuses} == statuses


@pytest.mark.integration
@pytest.mark.parametrize("text, status", [
    # two people of one surname: the bare name is the one last named in full
    ("On 9 September 2022, Luhansk governor Serhiy Haidai spoke in Kyiv. Oleksiy Haidai, a "
     "farmer, stayed in his village. Haidai said that Russian troops had left Svatove.",
     "reported"),
    # the governor named again in full after the other person: his title carries over
    ("On 9 September 2022, Luhansk governor Serhiy Haidai spoke in Kyiv. Oleksiy Haidai, a "
     "farmer, stayed in his village. Serhiy Haidai said that Russian troops had left "
     "Svatove.", "claimed"),
])
def test_two_people_of_one_surname_do_not_share_a_title(control_changes, text, status):
    (e,) = control_changes(PUBLISHED, text)
    assert (e.place.name, e.status) == ("Svatove", status)


@pytest.mark.integration
@pytest.mark.parametrize("text, status", [
    # "He" is not the spokeswoman: the man named before her speaks for no party
    ("On 9 September 2022, the writer Taras Bondar met reporters. Defence ministry "
     "spokeswoman Hanna Maliar spoke too. He said that Russian troops had left Svatove.",
     "reported"),
    ("On 9 September 2022, Defence ministry spokeswoman Hanna Maliar spoke to reporters. "
     "She said that Russian troops had left Svatove.", "claimed"),
    ("On 9 September 2022, Defence ministry spokesman Oleh Kovalenko spoke to reporters. "
     "He said that Russian troops had left Svatove.", "claimed"),
])
def test_a_pronoun_stands_for_a_person_of_its_gender(control_changes, text, status):
    (e,) = control_changes(PUBLISHED, text)
    assert (e.place.name, e.status) == ("Svatove", status)


@pytest.mark.integration
@pytest.mark.parametrize("text, status, rule", [
    ("On 2 July 2022, the separatists announced their forces had seized Sievierodonetsk, "
     "which was later confirmed by the Institute for the Study of War.", "assessed",
     "confirmed.in_sentence"),
    ("On 4 April 2022, Ukrainian officials claimed that Russian troops had withdrawn from "
     "Trostianets, which was confirmed by the Pentagon two days later.", "reported",
     "confirmed.in_sentence"),
    ("On 4 April 2022, Ukrainian officials claimed that Russian troops had withdrawn from "
     "Trostianets. The claim was later confirmed by foreign journalists.", "reported",
     "confirmed.next_sentence"),
    # a party confirming a claim of its own side still claims
    ("On 4 April 2022, the Russian ministry said its troops had taken Marinka, a claim "
     "confirmed by the separatist militia.", "claimed", None),
    # a claim that could not be confirmed is unverified, not confirmed
    ("On 4 April 2022, the Russian ministry said its troops had taken Marinka. The claim "
     "could not be confirmed.", "unverified", None),
])
def test_a_claim_confirmed_by_someone_else_is_theirs(control_changes, text, status, rule):
    (e,) = control_changes(PUBLISHED, text)
    assert e.status == status
    assert (rule in e.provenance) if rule else not any(
        r.startswith("confirmed.") for r in e.provenance)


def test_a_confirmation_leaves_other_statuses_alone():
    from geo_events.events.context_rules import CONFIRM_EFFECTS

    rules = {r.id: r for r in load_rules().rules}
    assert rules["confirmed.in_sentence"].effect in CONFIRM_EFFECTS
    assert rules["confirmed.next_sentence"].main_clause
