"""Control changes told as declarations: "X was declared liberated", "X was reported
liberated", "Ukraine declared X liberated".

Three gaps of the parse made these unread: the tagger reads the participle after a passive
report as an adjective ("liberated" JJ), which was no trigger (``syntax._is_verbal``: an
inflected form as the complement or object predicate of a passive verb is verbal); the
participle hangs on the report as an object predicate (``oprd``, pack deps
``object_predicate``), which ``triggers.raised_subject`` did not read (rule
``place.raised_subject``); and "Ukraine declared X liberated" parses as a clause with X its
subject, so X was taken for the liberator and the slot was empty (``triggers.declared_subject``,
lexicon ``declaration_heads``, rule ``place.declared_state``: the subject is the place, the
declaring party reports, and a party reporting a liberation reports its own side's).
Sentences are ours, on the real pipeline and gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2023, 7, 1)


@pytest.mark.integration
@pytest.mark.parametrize("text, name", [
    ("On 12 September, Balakliia was declared liberated.", "Balakliya"),
    ("On 12 September, Balakliia was officially declared fully liberated.", "Balakliya"),
    ("Balakliia was reported liberated on 12 September.", "Balakliya"),
])
def test_a_place_declared_or_reported_liberated_is_recaptured(control_changes, text, name):
    changes = control_changes(PUBLISHED, text, sided=False)
    assert [(e.kind, e.place.name, e.status) for e in changes] == \
        [("recapture", name, "reported")]
    assert "place.raised_subject" in changes[0].provenance
    assert changes[0].date_from == date(2022, 9, 12)


@pytest.mark.integration
def test_an_oblast_declared_liberated_is_the_whole_unit(control_changes):
    changes = control_changes(PUBLISHED, "On 7 April, the Chernihiv Oblast was declared liberated.",
                              sided=False)
    assert [(e.kind, e.place.level) for e in changes] == [("recapture", "admin1")]
    assert changes[0].gain is None  # nobody named: no side


@pytest.mark.integration
@pytest.mark.parametrize("text, gain", [
    ("On 12 September, the Ukrainian government declared Balakliia liberated.", "UA"),
    ("On 12 September, Ukraine declared Balakliia fully liberated.", "UA"),
    ("On 20 May, the Russian defence ministry declared Balakliia liberated.", "RU"),
])
def test_a_party_declaring_a_place_liberated_claims_its_own_sides_change(control_changes, text,
                                                                         gain):
    changes = control_changes(PUBLISHED, text, sided=False)
    assert [(e.kind, e.place.name, e.gain, e.status) for e in changes] == \
        [("recapture", "Balakliya", gain, "claimed")]
    assert "place.declared_state" in changes[0].provenance


@pytest.mark.integration
@pytest.mark.parametrize("text", [
    "On 12 September, residents of Balakliia said they felt liberated.",
    "On 12 September, the mayor of Balakliia declared the session closed.",
    "On 12 September, Ukraine declared that Balakliia had been shelled overnight.",
    "Balakliia was declared a hero city on 12 September.",
])
def test_declarations_of_other_things_are_no_change(control_changes, text):
    assert control_changes(PUBLISHED, text, sided=False) == []


@pytest.mark.integration
def test_a_place_a_report_participle_modifies_is_the_reported_place(control_changes):
    # "X, reported liberated on ..., ...": the participle of the report modifies the place
    changes = control_changes(PUBLISHED, "The towns of Balakliia and Shevchenkove, reported "
                              "liberated on 9 September, were visited by the president.",
                              sided=False)
    assert sorted((e.kind, e.place.name) for e in changes) == \
        [("recapture", "Balakliya"), ("recapture", "Shevchenkove")]
    assert all("place.raised_subject" in e.provenance for e in changes)


@pytest.mark.integration
def test_people_a_report_participle_modifies_are_no_place(control_changes):
    assert control_changes(PUBLISHED, "The Ukrainian soldiers reported captured near Balakliia "
                           "were exchanged on 9 September.", sided=False) == []
