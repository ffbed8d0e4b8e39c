"""Control changes told indirectly (issue #13, recall): the place is the subject of a report
("X was reported captured"), one of the examples of a place noun ("three towns, including X"),
a pronoun standing for the place of a conjoined clause ("entered X and took it"), a change
"secured" by an armed party, an entry while the other side withdraws.

Our own sentences, on the real pipeline and gazetteer. Rules: ``place.raised_subject``
(lexicon ``raised_subject_heads``, ``raised_complement_marks``), ``place.listed_examples``
(``example_prepositions``), ``place.conjoined_pronoun`` (``conjoined_pronouns``), triggers
``trigger.capture.secure_control_of`` / ``trigger.capture.secure``, reentry rule
``reentry-during-withdrawal``.
"""

from __future__ import annotations

from datetime import date

import pytest

from geo_events.events import extract_events

PUBLISHED = date(2022, 12, 20)


def _explained(text: str):
    return extract_events(text, published=PUBLISHED, profile="russia-ukraine", explain=True)


def _changes(text: str) -> dict[str, tuple[str, str | None, str, tuple[str, ...]]]:
    """place name -> (kind, gain, status, provenance) of the control changes of ``text``."""
    return {e.place.name: (e.kind, e.gain, e.status, e.provenance)
            for e in extract_events(text, published=PUBLISHED, profile="russia-ukraine")
            if e.kind in ("capture", "recapture", "withdrawal", "transfer")}


@pytest.mark.parametrize("text, place, status", [
    ("Kupiansk was reported retaken by Ukrainian troops on 10 September.", "Kupyansk",
     "reported"),
    ("The town of Balakliia was reported as recaptured by the Ukrainian army on 8 September.",
     "Balakliya", "reported"),
    ("The town of Snihurivka was confirmed to have been liberated by Ukrainian units on "
     "10 November.", "Snihurivka", "reported"),
    ("Lysychansk is believed to have fallen to Russian forces on 2 July.", "Lysychansk",
     "assessed"),
])
def test_the_subject_of_a_report_is_the_place_of_the_change(text, place, status):
    got = _changes(text)
    assert place in got
    kind, gain, st, prov = got[place]
    assert kind in ("capture", "recapture") and st == status
    assert "place.raised_subject" in prov
    assert gain in ("RU", "UA")


def test_the_subject_of_a_report_is_no_captured_place_when_it_names_people():
    # soldiers taken prisoner: no place changes hands
    out = _explained("Twelve Ukrainian soldiers were reported captured near Bakhmut on 3 May.")
    assert not any(e.kind in ("capture", "recapture") for e in out.events)


def test_the_reporting_party_taking_the_place_keeps_its_own_object():
    # an active report names its own subject: the place stays the verb's object
    got = _changes("On 2 July, Russian officials were reported to have captured Lysychansk.")
    assert "Lysychansk" in got
    assert "place.raised_subject" not in got["Lysychansk"][3]


def test_examples_of_a_place_noun_are_the_places_changed():
    got = _changes("On 11 September, Ukrainian forces retook three towns, including Izium and "
                   "Kupiansk.")
    assert set(got) == {"Izyum", "Kupyansk"}
    assert all(v[0] == "recapture" and v[1] == "UA" and "place.listed_examples" in v[3]
               for v in got.values())
    got = _changes("On 30 September, Ukrainian troops liberated several villages, such as "
                   "Balakliia and Kupiansk.")
    assert {"Balakliya", "Kupyansk"} <= set(got)


def test_examples_of_part_of_a_region_are_taken_whole():
    got = _changes("On 3 May, Russian troops seized most of the region, including the towns of "
                   "Izium and Balakliia.")
    assert got["Izyum"][:2] == ("capture", "RU") and got["Balakliya"][:2] == ("capture", "RU")


def test_a_region_named_as_an_example_is_not_taken_whole():
    out = _explained("On 3 May, Russian troops seized several areas, including Luhansk Oblast.")
    assert not any(e.place.level == "admin1" for e in out.events)


def test_examples_after_a_place_noun_of_fire_are_no_changes():
    out = _explained("On 4 May, Russian artillery shelled several towns, including Kharkiv "
                     "and Sumy.")
    assert not any(e.kind in ("capture", "recapture", "withdrawal") for e in out.events)


def test_a_pronoun_takes_the_place_of_the_conjoined_clause():
    got = _changes("On 4 March, Russian troops entered Enerhodar and took control of it.")
    assert got["Enerhodar"][:2] == ("capture", "RU")
    assert "place.conjoined_pronoun" in got["Enerhodar"][3]
    got = _changes("On 22 September, Ukrainian forces advanced to Balakliia and Kupiansk, and "
                   "recaptured them.")
    assert {"Balakliya", "Kupyansk"} <= set(got)


def test_a_singular_pronoun_takes_no_list():
    out = _explained("On 22 September, Ukrainian forces advanced to Balakliia and Kupiansk, and "
                     "recaptured it.")
    assert not any(e.kind == "recapture" for e in out.events)


def test_secured_by_an_armed_party_is_a_capture():
    got = _changes("By 19 April, Russian forces had secured full control of Kreminna.")
    assert got["Kreminna"][:2] == ("capture", "RU")
    assert "trigger.capture.secure_control_of" in got["Kreminna"][3]
    got = _changes("On 26 May, Russian troops secured Lyman.")
    assert got["Lyman"][:2] == ("capture", "RU")


def test_secured_by_no_armed_party_is_no_capture():
    out = _explained("On 5 May, the city council of Kharkiv secured new funding.")
    assert not any(e.kind == "capture" for e in out.events)


def test_entering_as_the_other_side_withdraws_takes_the_place():
    got = _changes("On 11 November, Ukrainian soldiers entered Kherson as Russia completed its "
                   "withdrawal.")
    assert got["Kherson"][:2] == ("recapture", "UA")
    assert "reentry-during-withdrawal" in got["Kherson"][3]


def test_entering_as_residents_leave_is_only_an_advance():
    out = _explained("On 2 March, Russian soldiers entered Kherson as residents left the city.")
    assert not any(e.kind in ("capture", "recapture") and e.place.name == "Kherson"
                   for e in out.events)


def test_names_conjoined_to_the_verb_are_more_places_of_its_slot():
    got = _changes("On 11 September, the ministry confirmed that Russian forces had withdrawn "
                   "from Kupiansk, as well as Vovchansk and other settlements.")
    assert got["Vovchansk"][:2] == ("withdrawal", "UA")
    assert "place.verb_conjoined_name" in got["Vovchansk"][3]


def test_a_name_conjoined_to_the_verb_with_its_own_date_after_it_takes_that_date():
    # "Mariupol in May": the trigger's date (March) is not its date, May is (date.list_item)
    evs = extract_events("On the southern front, Russia captured Kherson in March and then "
                         "Mariupol in May.", published=PUBLISHED, profile="russia-ukraine")
    (mariupol,) = [e for e in evs if e.place.name == "Mariupol" and e.kind == "capture"]
    assert (mariupol.date_from, mariupol.date_to) == (date(2022, 5, 1), date(2022, 5, 31))
    assert "date.list_item" in mariupol.provenance


def test_a_clause_conjoined_to_the_verb_is_no_place_of_its_slot():
    got = _changes("On 2 March, Russian forces captured Kherson and Zelensky promised to retake "
                   "the city.")
    assert set(got) == {"Kherson"}


def test_the_loss_of_a_place_is_its_loser_s_withdrawal():
    got = _changes("On 1 October, the Russian defence ministry confirmed the loss of Lyman.")
    assert got["Lyman"][:3] == ("withdrawal", "UA", "reported")
    assert "trigger.withdrawal.loss_of.noun" in got["Lyman"][3]
    got = _changes("Ukraine's loss of Soledar on 16 January opened the road to Bakhmut.")
    assert got["Soledar"][:2] == ("withdrawal", "RU")


@pytest.mark.parametrize("text", [
    "On 3 May, the loss of power in Kharkiv left thousands in the dark.",
    "Fears of the loss of Kharkiv grew in May.",
    "Russia could face the loss of Kherson in November.",
])
def test_a_loss_of_no_place_or_a_loss_feared_is_no_change(text):
    assert not _changes(text)


def test_a_gapped_clause_of_its_own_is_no_more_place_of_the_slot():
    # the name conjoined to the verb carries its own phrase: another clause, not a list item
    out = _explained("On 2 March, Russian troops captured Kherson with tanks, and Kharkiv with "
                     "leaflets.")
    assert not any(e.place.name == "Kharkiv" and e.kind == "capture" for e in out.events)


def test_a_loss_with_no_side_named_is_no_change():
    assert not _changes("The loss of Crimea as a naval base was seen as critical in Moscow.")
