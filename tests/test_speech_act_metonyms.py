"""A capital that speaks is its government, not a place where a village lies (#13/#14, place14).

"Kyiv and Moscow traded accusations over ... Olenivka": the geoparser read "Kyiv" as a place,
and the namesake fitting (:func:`geo_events.geoparse.fit._fit_to_text`) moved the Donetsk
Olenivka (the gazetteer's) to the codifier's Olenivka 40 km from Kyiv, so a status of the
Donetsk village landed 700 km west. A place as the subject of a speech act is a metonym
(``recognize._apply_cues``): of a speech verb ("said", "blamed"), of a verb whose object is a
speech noun (``speech_nouns`` of the cue file: "traded blame", "exchanged accusations"), and
every conjunct of such a subject ("Kyiv and Moscow"). Metonyms are no evidence of where a
village is (the context readers take toponyms only).

Real spaCy pipeline and gazetteer; the sentences are ours.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("nlp")


def _roles(text: str) -> dict[str, str]:
    from geo_events import geoparse

    return {m.surface: m.role for m in geoparse(text)}


@pytest.mark.parametrize("text", [
    "Moscow and Kyiv traded blame for the explosion on Friday.",
    "Moscow and Kyiv exchanged accusations over the explosion on Friday.",
    "Moscow and Kyiv blamed each other for the explosion on Friday.",
])
def test_both_capitals_of_a_speech_act_are_metonyms(text):
    roles = _roles(text)
    assert roles.get("Moscow") == "metonym"
    assert roles.get("Kyiv") == "metonym"


@pytest.mark.parametrize("text", [
    "Kharkiv and Izium traded hands again in the autumn.",
    "Kharkiv and Izium were shelled again in the autumn.",
])
def test_places_of_other_verbs_stay_places(text):
    roles = _roles(text)
    assert roles.get("Kharkiv") == "toponym"


def test_a_village_is_not_placed_by_the_capitals_that_blame_each_other():
    from geo_events.events import extract_events

    text = ("Moscow and Kyiv traded blame over the blast at the detention camp in "
            "Russian-held Olenivka on Friday.")
    events = extract_events(text, published="2022-08-01", profile="russia-ukraine")
    held = [e for e in events if e.place.name == "Olenivka"]
    # the Kyiv-oblast Olenivka (UA.13) was the reading while "Kyiv" counted as the text's place
    assert all(e.place.admin1_code != "UA.13" for e in held)
