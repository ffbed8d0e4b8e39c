"""A change on the ground of a profile country outside its theatre that the start state gives
whole to one side (Russia for ``russia-ukraine``) makes no event unless another side gains or
loses there (rule ``veto.own_ground``): its own forces "seizing" a Russian city are a mutiny or
a misreading; a Ukrainian incursion (also by the Russian volunteer units fighting for Ukraine,
the profile's UA aliases), a Russian retaking and a Ukrainian withdrawal stay.
Sentences are ours, on the real pipeline and gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2023, 6, 25)


@pytest.mark.integration
@pytest.mark.parametrize("text", [
    "Wagner fighters seized Rostov-on-Don and took control of military facilities in Voronezh.",
    "Prigozhin said his men had taken control of Rostov.",
    "The mercenaries withdrew from Rostov on Sunday.",
])
def test_a_change_on_own_ground_is_no_event(explained, text):
    result = explained(PUBLISHED, text)
    assert [e for e in result.events
            if e.kind in ("capture", "advance", "withdrawal", "recapture")] == []
    assert "veto.own_ground" in {d.rule for d in result.dropped}


@pytest.mark.integration
@pytest.mark.parametrize("text, kind, gain", [
    ("Ukrainian forces took control of Sudzha in the Kursk region.", "capture", "UA"),
    ("Russian troops recaptured Sudzha in March.", "recapture", "RU"),
])
def test_a_change_between_the_sides_stays(control_changes, text, kind, gain):
    assert [(e.kind, e.place.name, e.gain) for e in control_changes(PUBLISHED, text)] \
        == [(kind, "Sudzha", gain)]


@pytest.mark.integration
def test_a_raid_by_russian_volunteers_for_ukraine_stays(control_changes):
    # the profile names the Russian volunteer units that fight for Ukraine (UA aliases)
    changes = control_changes(PUBLISHED, "Fighters of the Russian Volunteer Corps captured "
                                         "the village of Kozinka in the Belgorod region.")
    assert [(e.kind, e.place.country_code, e.gain) for e in changes] == [("capture", "RU", "UA")]
