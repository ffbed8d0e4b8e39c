"""Control changes told in an absolute clause: "..., with the villages of X and Y reported as
liberated on 4 October", "..., with X recaptured by Ukrainian forces".

The parser hangs the noun of such a clause anywhere (the object of "with", the subject of the
participle or of its report verb), so the place slot stayed empty (``veto.no_place``), and a
clause under a verb of intention ("pushed south, with X recaptured") was read as what the
push intends (``factuality.intention``). ``triggers.absolute_subject`` (lexicon
``absolute_clause_marks``, rule ``place.absolute_clause``) reads the noun phrase between
"with" and the participle by the words' order. Sentences are ours, on the real pipeline and
gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2023, 7, 1)
RULE = "place.absolute_clause"


@pytest.mark.integration
@pytest.mark.parametrize("text, names", [
    ("The Ukrainian advance continued, with the towns of Davydiv Brid, Velyka "
     "Oleksandrivka and Dudchany reported as liberated on 4 October 2022.",
     ["Davydiv Brid", "Dudchany", "Velyka Oleksandrivka"]),
    ("The push went on southwards with villages of Mykhailivka, Novovorontsovka and "
     "Dudchany reported as liberated 4 October 2022.",
     ["Dudchany", "Mykhailivka", "Novovorontsovka"]),
    ("Fighting went on in the south, with Dudchany reported liberated on 4 October 2022.",
     ["Dudchany"]),
    ("The Ukrainian advance continued, with Kupiansk and Izium retaken by 11 September "
     "2022.", ["Izyum", "Kupyansk"]),
])
def test_the_noun_of_an_absolute_clause_is_the_place(control_changes, text, names):
    changes = control_changes(PUBLISHED, text, sided=False)
    assert sorted(e.place.name for e in changes) == names
    assert all(e.kind == "recapture" and RULE in e.provenance for e in changes)
    assert all(e.gain is None for e in changes)  # nobody named who liberated: no side


@pytest.mark.integration
def test_an_absolute_clause_names_its_own_side_and_date(control_changes):
    changes = control_changes(PUBLISHED, "The counteroffensive gained ground, with Kupiansk "
                              "recaptured by Ukrainian forces on 10 September 2022.", sided=False)
    assert [(e.kind, e.place.name, e.gain, e.loss, e.status) for e in changes] == \
        [("recapture", "Kupyansk", "UA", "RU", "reported")]
    assert changes[0].date_from == date(2022, 9, 10)


@pytest.mark.integration
def test_an_absolute_clause_under_a_push_is_done_not_intended(control_changes):
    changes = control_changes(PUBLISHED, "Ukrainian troops pushed south, with the villages of "
                              "Davydiv Brid and Dudchany recaptured on 4 October 2022.",
                              sided=False)
    assert sorted(e.place.name for e in changes) == ["Davydiv Brid", "Dudchany"]


@pytest.mark.integration
@pytest.mark.parametrize("text", [
    # a party after "with": no place, and the trigger's own object stays its place
    "Russian troops attacked the town, with Ukrainian soldiers captured on 2 March 2022.",
    # an intention still rules the clause it governs
    "Russian forces planned to attack Kyiv, with Hostomel captured first.",
])
def test_absolute_clauses_without_a_place_change_nothing(control_changes, text):
    changes = control_changes(PUBLISHED, text, sided=False)
    assert [e for e in changes if RULE in e.provenance] == []


@pytest.mark.integration
def test_an_active_report_in_an_absolute_clause_keeps_its_object(control_changes):
    changes = control_changes(PUBLISHED, "The offensive stalled, with Ukrainian forces reported "
                              "to have captured Klishchiivka on 17 September 2023.", sided=False)
    assert [(e.place.name, e.gain) for e in changes] == [("Klishchiivka", "UA")]
    assert RULE not in changes[0].provenance
