"""A change participle right after "and" that the parser read as an adjective though it is the
second verb of its clause ("troops advanced north and *liberated* X": "liberated" an adjective
conjoined with the verb; "troops pushed towards Y and *liberated* A, B and C": "liberated" the
adjective of A) tells the change of its list, done by the subject of the verb it is conjoined
with (rule ``trigger.misread_participle``). An attribute ("the liberated city of X") stays
none. Sentences are ours, on the real pipeline and gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2022, 9, 28)
RULE = "trigger.misread_participle"


def _recaptures(events) -> dict[str, tuple[str | None, tuple[str, ...]]]:
    return {e.place.name: (e.gain, e.provenance) for e in events if e.kind == "recapture"}


@pytest.mark.integration
def test_participle_read_as_adjective_of_a_list_is_the_change(explained):
    # the parser hangs "liberated" on Kurylivka as its adjective, Kurylivka on "pushed"
    text = ("Ukrainian troops pushed east towards Kupiansk and liberated Kurylivka, "
            "Petropavlivka and Tabaivka.")
    found = _recaptures(explained(PUBLISHED, text).events)
    assert {"Kurylivka", "Petropavlivka"} <= set(found)
    assert all(gain == "UA" and RULE in rules for gain, rules in found.values())
    assert "Kupyansk" not in found  # the destination of the push is no recapture


@pytest.mark.integration
def test_participle_read_as_adjective_of_each_listed_name(explained):
    text = ("Ukrainian forces pushed south towards Kherson and liberated Kyselivka, "
            "Posad-Pokrovske and Blahodatne.")
    found = _recaptures(explained(PUBLISHED, text).events)
    assert {"Kyselivka", "Posad-Pokrovske", "Blahodatne"} <= set(found)
    assert all(gain == "UA" and RULE in rules for gain, rules in found.values())


@pytest.mark.integration
def test_adjective_conjoined_with_a_verb_and_with_its_own_object(explained):
    # "liberated" JJ, a conjunct of "moved", with its object after it
    text = ("On 3 October, Ukrainian troops moved north from the Donetsk region and "
            "liberated Pisky-Radkivskyi.")
    found = _recaptures(explained(PUBLISHED, text).events)
    assert found.get("Pisky-Radkivskyi", (None, ()))[0] == "UA"
    assert RULE in found["Pisky-Radkivskyi"][1]


@pytest.mark.integration
@pytest.mark.parametrize("text", [
    "Ukrainian troops advanced north from Kharkiv Oblast and liberated Husarivka.",
    "Russian forces moved north towards Sloviansk and captured Bohorodychne and Dolyna.",
])
def test_a_participle_read_as_a_verb_needs_no_repair(explained, text):
    events = explained(PUBLISHED, text).events
    changes = [e for e in events if e.kind in ("capture", "recapture")]
    assert changes and all(RULE not in e.provenance for e in changes)


@pytest.mark.integration
@pytest.mark.parametrize("text", [
    "On 15 September the president visited the liberated city of Izium.",
    "Police moved into the recaptured settlements near Balakliia and Kupiansk.",
    "Volunteers drove to Kharkiv and the liberated Izium to deliver food.",
])
def test_an_attribute_is_no_change(explained, text):
    events = explained(PUBLISHED, text).events
    assert [e for e in events if e.kind in ("capture", "recapture")
            or RULE in e.provenance] == []
