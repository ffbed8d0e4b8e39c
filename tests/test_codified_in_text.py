"""A village only the codifier knows, of a name it has several villages of, read by the places
named around it.

"Ukrainian forces liberated Horobivka" made no event (``veto.no_place``): the gazetteer lacks
the name, no locator follows it, and Ukraine's codifier lists seven Horobivkas, so ``recover``
gave up. Now (``geoparse.fit.codified_in_text``, rule ``namesake-sentence-context`` of
``namesake_context_rules.json``) the codifier's village clearly nearest the settlements named
in the sentences around it is the place, as a gazetteer village is settled by them; with no
such settlements, or none near, it stays unread. Sentences are ours, on the real pipeline,
gazetteer and codifier."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2023, 7, 1)
RULE = "namesake-sentence-context"


@pytest.mark.integration
def test_the_village_near_the_places_named_before_is_meant(control_changes):
    changes = control_changes(PUBLISHED, "Ukrainian forces entered Kupiansk and Dvorichna in "
                                         "September 2022. On 24 September 2022, Ukrainian "
                                         "forces liberated Horobivka.")
    taken = [e for e in changes if e.place.name == "Horobivka"]
    assert len(taken) == 1 and taken[0].kind == "recapture"
    p = taken[0].place
    assert p.admin1_code == "UA.07"  # Kharkiv Oblast, not one of the six elsewhere
    assert abs(p.latitude - 49.8) < 0.2 and abs(p.longitude - 37.7) < 0.2
    assert RULE in taken[0].provenance


@pytest.mark.integration
def test_another_name_is_settled_by_its_own_context(control_changes):
    changes = control_changes(PUBLISHED, "Fighting went on near Kherson and Snihurivka. "
                                         "Ukrainian forces recaptured Blahodativka on 3 October "
                                         "2022.")
    taken = [e for e in changes if e.place.name == "Blahodativka"]
    assert [e.place.admin1_code for e in taken] == ["UA.08"]  # Kherson Oblast


@pytest.mark.integration
def test_without_places_around_it_the_name_stays_unread(control_changes):
    assert control_changes(PUBLISHED, "Ukrainian forces liberated Horobivka on 24 September "
                                      "2022.") == []


@pytest.mark.integration
def test_places_far_from_every_village_of_the_name_settle_nothing(control_changes):
    changes = control_changes(PUBLISHED, "Reinforcements gathered in Odesa and Izmail in "
                                         "September 2022. On 24 September 2022, Ukrainian "
                                         "forces liberated Horobivka.")
    assert [e for e in changes if e.place.name == "Horobivka"] == []
