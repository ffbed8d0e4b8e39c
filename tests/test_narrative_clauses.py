"""Narrative clauses of issue 13 (real spaCy pipeline, gazetteer and profiles; sentences written
for these tests):

- entering after a withdrawal told in the clause before ("Russian troops withdrew from X and
  Ukrainian troops entered the city"): the entry is the entering side's own (a subject the
  parser hung on the clause before is still its subject) and a recapture of X (rule
  ``reentry-conjoined-withdrawal``);
- a past "until" clause tells a fact ("held X until Ukrainian forces recaptured the city in
  November"), a condition only in a future or modal context (``factuality.narrated_limit``,
  lexicon ``temporal_condition_marks``); the holding it limits is background, with no date of
  the publication's;
- the origin of a movement that names one goal is no antecedent of "the city" ("advanced
  towards A from B and liberated the city": A; rule ``ref-movement-origin``);
- a text naming one profile's parties and a place that resolves in its countries detects the
  profile ("Russian forces seized Tokmak": the Ukrainian town, not Tokmok in Kyrgyzstan);
- a place name modifying an armed-group noun ("The Donetsk militia") is the actor's, not the
  place of the event nor the antecedent of "the city".
"""

from __future__ import annotations

import pytest

from geo_events.events import extract_events

PROFILE = "russia-ukraine"


def explained(text: str, day: str = "2022-11-20", profile: str | None = PROFILE):
    return extract_events(text, published=day, profile=profile, explain=True)


def kinds_at(evs) -> list[tuple[str, str, str | None]]:
    return [(e.kind, e.place.name, e.gain) for e in evs]


# -- entering after a withdrawal in the clause before ------------------------------------------
@pytest.mark.integration
@pytest.mark.parametrize("text, place", [
    # the parser hangs "Ukrainian troops" on "Kupiansk" as a conjunct: still the entry's subject
    ("Russian troops withdrew from Kupiansk and Ukrainian troops entered the city.", "Kupyansk"),
    ("The Russian army retreated from Izium, and Ukrainian soldiers entered the town on "
     "10 September.", "Izyum"),
    ("Russian troops pulled out of Kherson and Ukrainian soldiers then entered the city.",
     "Kherson"),
])
def test_an_entry_after_a_conjoined_withdrawal_is_the_entering_sides_recapture(text, place):
    evs, _ = explained(text)
    entry = [e for e in evs if e.trigger and e.trigger.startswith("enter")]
    assert len(entry) == 1, kinds_at(evs)
    assert (entry[0].kind, entry[0].place.name, entry[0].gain, entry[0].loss) == (
        "recapture", place, "UA", "RU")
    assert "reentry-conjoined-withdrawal" in entry[0].provenance
    withdrawal = [e for e in evs if e.kind == "withdrawal"]
    assert [(e.place.name, e.loss) for e in withdrawal] == [(place, "RU")]


@pytest.mark.integration
@pytest.mark.parametrize("text, kind, place, gain", [
    # one party moving on: no re-entry, the entry is the withdrawing party's advance
    ("Russian troops withdrew from Kupiansk and entered Kharkiv.", "advance", "Kharkiv", "RU"),
    # a pronoun may be the withdrawing party itself
    ("Russian troops withdrew from Kupiansk and they entered the city.", "advance", "Kupyansk",
     "RU"),
])
def test_an_entry_without_another_party_after_a_withdrawal_stays_an_advance(text, kind, place,
                                                                           gain):
    evs, _ = explained(text)
    entry = [e for e in evs if e.trigger and e.trigger.startswith("enter")]
    assert [(e.kind, e.place.name, e.gain) for e in entry] == [(kind, place, gain)]
    assert not any(r.startswith("reentry") for r in entry[0].provenance)


@pytest.mark.integration
def test_a_stranded_non_party_noun_is_no_subject():
    # "Izium" is a conjunct of "Kupiansk" right before "entered": no party, so the verbs share
    # their subject as before
    evs, _ = explained("Russian troops captured Kupiansk and Izium and entered Balakliia.")
    assert sorted(kinds_at(evs)) == [("advance", "Balakliya", "RU"), ("capture", "Izyum", "RU"),
                                     ("capture", "Kupyansk", "RU")]


# -- "until" in a past narrative -------------------------------------------------------------
@pytest.mark.integration
def test_a_past_until_clause_tells_a_recapture():
    evs, dropped = explained("Russian forces held Kherson until Ukrainian forces recaptured "
                             "the city in November.")
    rec = [e for e in evs if e.kind == "recapture"]
    assert [(e.place.name, e.gain, e.loss) for e in rec] == [("Kherson", "UA", "RU")]
    assert "factuality.narrated_limit" in rec[0].provenance
    assert rec[0].date_from is not None and rec[0].date_from.month == 11
    assert not [d for d in dropped if d.kind == "recapture"]
    # the holding the clause limits was over by then: no date of the publication's
    held = [e for e in evs if e.kind == "held"]
    assert [(e.place.name, e.gain, e.date_from) for e in held] == [("Kherson", "RU", None)]


@pytest.mark.integration
def test_a_passive_until_clause_in_the_past_tells_a_capture():
    evs, _ = explained("Fighting in Lyman continued until the town was captured by Russian "
                       "forces on 26 May.")
    cap = [e for e in evs if e.kind == "capture"]
    assert [(e.place.name, e.gain, str(e.date_from)) for e in cap] == [
        ("Lyman", "RU", "2022-05-26")]


@pytest.mark.integration
@pytest.mark.parametrize("text", [
    "Russian forces will hold Kherson until Ukrainian forces recapture the city.",
    "Russian forces would hold Kherson until Ukrainian forces recaptured the city.",
    "Moscow said its troops would stay in Izium until Ukraine retook Balakliia.",
    "Russian troops will not leave Kherson until the city is captured.",
])
def test_until_in_a_future_or_modal_context_stays_a_condition(text):
    evs, dropped = explained(text)
    assert not [e for e in evs if e.kind in ("capture", "recapture")]
    assert any(d.rule == "factuality.conditional" and d.kind in ("capture", "recapture")
               for d in dropped)


# -- the origin of a movement is no antecedent ------------------------------------------------
@pytest.mark.integration
@pytest.mark.parametrize("text, rule", [
    ("Ukrainian forces advanced towards Balakliia from Chuhuiv and liberated the city.",
     "ref-movement-origin"),
    ("Ukrainian forces attacked Balakliia from Chuhuiv and liberated the city.",
     "ref-movement-origin"),
    # the goal is the latest place: no origin passed over
    ("Ukrainian forces advanced from Chuhuiv towards Balakliia and liberated the town.", None),
])
def test_the_city_after_a_movement_is_its_goal(text, rule):
    evs, _ = explained(text)
    rec = [e for e in evs if e.kind == "recapture"]
    assert [(e.place.name, e.gain) for e in rec] == [("Balakliya", "UA")]
    assert (rule in rec[0].provenance) if rule else not any(
        r == "ref-movement-origin" for r in rec[0].provenance)


@pytest.mark.integration
def test_the_place_a_withdrawal_left_stays_the_antecedent():
    # "retreated from A towards B": A was left, and is what "the town" means
    evs, _ = explained("Russian troops retreated from Lyman towards Kreminna, and Ukrainian "
                       "troops liberated the town.")
    rec = [e for e in evs if e.kind == "recapture"]
    assert [(e.place.name, e.gain) for e in rec] == [("Lyman", "UA")]
    assert "ref-movement-origin" not in rec[0].provenance


@pytest.mark.integration
def test_an_origin_without_a_goal_place_stays_an_antecedent():
    # "Russian forces" are no place: Izium, the place they were driven from, is the city
    evs, _ = explained("Ukrainian troops drove Russian forces from Izium and liberated the "
                       "city.")
    assert [(e.kind, e.place.name) for e in evs if e.kind == "recapture"] == [
        ("recapture", "Izyum")]


# -- profile detection on a short text --------------------------------------------------------
@pytest.mark.integration
def test_a_short_text_naming_one_profiles_party_detects_it():
    evs = extract_events("Russian forces seized Tokmak on Tuesday, officials said.",
                         published="2023-05-02")
    assert [(e.kind, e.place.name, e.place.country_code, e.profile, e.gain) for e in evs] == [
        ("capture", "Tokmak", "UA", PROFILE, "RU")]


@pytest.mark.integration
def test_a_short_text_naming_no_party_detects_no_profile():
    evs = extract_events("Rebels seized Tokmak on Tuesday, officials said.",
                         published="2023-05-02")
    assert [(e.place.country_code, e.profile) for e in evs] == [("KG", None)]


# -- a place name on an armed group is the actor's --------------------------------------------
@pytest.mark.integration
def test_a_place_named_on_a_militia_is_no_place_of_the_event():
    evs, _ = explained("Heavy fighting was reported in Mariupol. The Donetsk militia entered "
                       "the city on Monday.")
    entry = [e for e in evs if e.kind == "advance"]
    assert [(e.place.name, e.gain) for e in entry] == [("Mariupol", "RU")]
    assert not [e for e in evs if e.place.name == "Donetsk"]


@pytest.mark.integration
def test_a_militia_named_after_a_place_with_no_other_place_makes_no_event_there():
    evs, dropped = explained("The Donetsk militia entered the city.")
    assert not [e for e in evs if e.place.name == "Donetsk"]
    assert any(d.kind == "advance" for d in dropped)
