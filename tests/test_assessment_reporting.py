"""Evidence and factuality classes of assessment-style reporting (issue 13, with the evidence
model of issue 14): independent visual evidence as the source of a report is an assessment,
footage a party releases stays that party's claim; a denial of "reports / claims / rumours
that ..." denies; a withdrawal "in the process of" any withdrawal verb is under way; the
daily-assessment idiom (no confirmed advances, marginal advances near a place, "retain
positions in", "remains contested", "has not observed confirmation").

Real spaCy pipeline, gazetteer and boundaries. All sentences were written for these tests.
"""

from __future__ import annotations

import pytest

from geo_events.events.lexicon import compile_trigger
from geo_events.timeline import ControlTimeline
from tests.event_fixtures import PROFILE, events_on

DAY = "2023-05-14"


def _events(text: str):
    return events_on(text, DAY)


def _one(text: str, place: str):
    evs = [e for e in _events(text) if e.place.name == place]
    assert len(evs) == 1, (text, [(e.kind, e.place.name, e.status) for e in _events(text)])
    return evs[0]


# -- independent visual evidence: an assessment with its own rule ------------------------------
@pytest.mark.integration
@pytest.mark.parametrize("text, place, kind", [
    ("Geolocated footage shows that Russian forces captured Bakhmut.", "Bakhmut", "capture"),
    ("Geolocated footage published on 12 May shows that Russian forces captured Soledar.",
     "Soledar", "capture"),
    ("Satellite imagery shows that Russian forces withdrew from Kherson.", "Kherson",
     "withdrawal"),
    ("Geolocated footage confirms that Ukrainian forces liberated Kherson.", "Kherson",
     "recapture"),
    ("Verified footage shows Ukrainian soldiers raising a flag in Kherson.", "Kherson",
     "capture"),
    # what the footage depicts is not who provides it
    ("Geolocated footage of Russian troops in the town shows that Russian forces captured "
     "Soledar.", "Soledar", "capture"),
])
def test_independent_visual_evidence_is_an_assessment(text, place, kind):
    e = _one(text, place)
    assert (e.kind, e.status) == (kind, "assessed")
    assert "factuality.evidence:independent" in e.provenance


@pytest.mark.integration
def test_images_verified_by_an_outlet_are_an_assessment():
    e = _one("Images verified by the BBC show Ukrainian troops entering Kherson.", "Kherson")
    assert (e.kind, e.status, e.gain) == ("advance", "assessed", "UA")
    assert "factuality.evidence:independent" in e.provenance


@pytest.mark.integration
@pytest.mark.parametrize("text", [
    "Footage released by the Russian defence ministry shows that Russian forces captured "
    "Soledar.",
    "Geolocated footage published by Russian milbloggers shows that Russian forces captured "
    "Soledar.",
    "The Russian defence ministry released footage purportedly showing that Russian forces "
    "captured Soledar.",
])
def test_footage_a_party_provides_stays_its_claim(text):
    e = _one(text, "Soledar")
    assert (e.kind, e.status) == ("capture", "claimed")
    assert "factuality.evidence:party" in e.provenance
    assert "factuality.evidence:independent" not in e.provenance


@pytest.mark.integration
@pytest.mark.parametrize("text", [
    "The Russian defence ministry released video showing that its troops had captured Soledar.",
    "The Russian defence ministry released video showing its troops in Soledar, saying they "
    "had captured Soledar.",
])
def test_a_party_releasing_footage_or_saying_so_claims(text):
    e = _one(text, "Soledar")
    assert (e.kind, e.status) == ("capture", "claimed")


@pytest.mark.integration
def test_footage_with_nothing_said_of_its_source_stays_a_plain_report():
    e = _one("Footage shows that Russian forces captured Soledar.", "Soledar")
    assert e.status == "reported"
    assert not any(r.startswith("factuality.evidence") for r in e.provenance)
    e = _one("Unverified footage shows that Russian forces captured Soledar.", "Soledar")
    assert e.status == "unverified"


@pytest.mark.integration
def test_an_assessment_from_footage_moves_control_and_a_claim_does_not():
    assessed = events_on("Geolocated footage shows that Russian forces captured Soledar on "
                         "10 May.", DAY, "a1")
    claimed = events_on("Footage released by the Russian defence ministry shows that Russian "
                        "forces captured Soledar on 10 May.", DAY, "a2")
    place = next(e.place.id for e in assessed if e.place.name == "Soledar")
    on = ControlTimeline.from_events(assessed, profile=PROFILE).status_at(place, "2023-05-20")
    assert on is not None and on.side == "RU"
    off = ControlTimeline.from_events(claimed, profile=PROFILE).status_at(place, "2023-05-20")
    assert off is None or off.side != "RU" or off.state != "held"


# -- denying "reports / claims / rumours that ..." ---------------------------------------------
@pytest.mark.integration
@pytest.mark.parametrize("text, place, rule", [
    ("Ukraine's military denied reports that Russian forces had seized Bakhmut.", "Bakhmut",
     "factuality.reporting:deny:denied"),
    ("Ukraine's military denied reports that Russian forces had seized Soledar.", "Soledar",
     "factuality.reporting:deny:denied"),
    ("Ukraine's military rejected reports that Russian forces had captured Kupiansk.",
     "Kupyansk", "factuality.reporting:reject:denied"),
    ("The governor dismissed claims that Ukrainian troops had recaptured Lyman.", "Lyman",
     "factuality.reporting:dismiss:denied"),
    ("Kyiv refuted rumours that its forces had withdrawn from Soledar.", "Soledar",
     "factuality.reporting:refute:denied"),
])
def test_a_denied_report_noun_denies_its_complement(text, place, rule):
    e = _one(text, place)
    assert e.status == "denied"
    assert rule in e.provenance


@pytest.mark.integration
def test_a_claim_noun_claims_and_a_relative_clause_is_still_a_description():
    e = _one("Russia repeated its claims that its forces had captured Kupiansk.", "Kupyansk")
    assert e.status == "claimed"
    assert "factuality.report_noun:claim:claimed" in e.provenance
    e = _one("There were reports that Russian forces had captured Kupiansk.", "Kupyansk")
    assert e.status == "unverified" and "unverified.reports_exist" in e.provenance
    # a participle describing its noun is still passive: the noun is the place
    assert not [e for e in _events("The town captured by Russian forces in March was shelled.")
                if e.kind == "capture"]


# -- a withdrawal in process, whatever the withdrawal verb -------------------------------------
@pytest.mark.integration
@pytest.mark.parametrize("text, status", [
    ("Russian forces are in the process of leaving Kherson, a Ukrainian official said.",
     "claimed"),
    ("Russian forces are in the process of leaving Kherson.", "reported"),
    ("Russian forces in the process of leaving Kherson were shelled.", "reported"),
    ("Russian forces are in the process of retreating from Kherson.", "reported"),
    ("Russian forces are in the midst of pulling out of Kherson.", "reported"),
    ("Russian forces were in the process of abandoning Kherson.", "reported"),
])
def test_a_withdrawal_in_process_is_under_way(text, status):
    e = _one(text, "Kherson")
    assert (e.kind, e.status) == ("contested", status)
    assert {"kind.under_way_contested", "aspect.in_process"} <= set(e.provenance)


@pytest.mark.integration
@pytest.mark.parametrize("text", [
    "Civilians are in the process of leaving Kherson.",
    "The company is in the process of leaving Kherson.",
])
def test_no_party_in_process_of_leaving_makes_no_event(text):
    assert not [e for e in _events(text) if e.place.name == "Kherson"]


# -- the daily-assessment idiom ----------------------------------------------------------------
@pytest.mark.integration
@pytest.mark.parametrize("text", [
    "Russian forces conducted ground attacks near Marinka but did not make confirmed advances.",
    "Russian forces continued offensive operations near Marinka and did not make any confirmed "
    "gains.",
    "Russian forces marginally advanced northwest of Marinka.",
    "Russian forces made marginal gains southwest of Kreminna.",
    "Russian forces have not captured Soledar as of 13 May.",
    "Russian forces are unlikely to capture Soledar in the coming days.",
    "Russian forces are attempting to encircle Soledar.",
])
def test_assessment_language_reports_no_change(text):
    from geo_events.model import CONTROL_KINDS

    assert not [e for e in _events(text) if e.kind in CONTROL_KINDS]


@pytest.mark.integration
def test_likely_liberated_is_assessed():
    e = _one("Ukrainian forces likely liberated Marinka.", "Mar'yinka")
    assert (e.kind, e.status, e.gain) == ("recapture", "assessed", "UA")


@pytest.mark.integration
@pytest.mark.parametrize("text, rule, partial", [
    ("Ukrainian forces retain positions in Marinka.", "trigger.held.retain_positions_in", True),
    ("Ukrainian forces still hold positions in Marinka.", "trigger.held.hold_positions_in",
     True),
    ("Ukrainian forces retain control of Marinka.", "trigger.held.retain_control_of", False),
])
def test_retained_positions_are_a_holding(text, rule, partial):
    e = _one(text, "Mar'yinka")
    assert (e.kind, e.gain, e.status) == ("held", "UA", "reported")
    assert rule in e.provenance
    assert ("place.partial" in e.provenance) is partial


@pytest.mark.integration
def test_positions_abandoned_or_regained_keep_their_own_triggers():
    e = _one("Russian troops abandoned their positions in Bakhmut on Saturday.", "Bakhmut")
    assert (e.kind, e.gain) == ("withdrawal", "UA")
    e = _one("Ukrainian forces recently regained positions in Vovchansk.", "Vovchansk")
    assert e.kind == "advance"


@pytest.mark.integration
@pytest.mark.parametrize("text, place", [
    ("Marinka remains contested.", "Mar'yinka"),
    ("Soledar remains contested.", "Soledar"),
    ("Kupiansk remained contested on Monday.", "Kupyansk"),
])
def test_a_place_that_remains_contested(text, place):
    e = _one(text, place)
    assert (e.kind, e.gain, e.loss) == ("contested", None, None)


@pytest.mark.integration
@pytest.mark.parametrize("text, rule", [
    ("Russian milbloggers claimed that Russian forces captured Marinka. ISW has not observed "
     "confirmation of these claims.", "unverified.hedge_next_sentence"),
    ("Russian sources claimed that Russian forces captured Marinka, but ISW has not observed "
     "visual confirmation of this claim.", "unverified.hedge_in_sentence"),
    ("A Russian milblogger claimed that Wagner forces captured Soledar. ISW cannot "
     "independently verify this claim.", "unverified.hedge_next_sentence"),
])
def test_no_confirmation_observed_leaves_a_claim_unverified(text, rule):
    e = next(e for e in _events(text) if e.kind == "capture")
    assert e.status == "unverified"
    assert rule in e.provenance


def test_a_part_trigger_compiles_and_an_unknown_key_is_an_error():
    from geo_events.errors import DataFileError

    trig = compile_trigger({"phrase": "retain positions in", "kind": "held", "part": True})
    assert trig.part and trig.prep == "in"
    assert not compile_trigger({"phrase": "hold", "kind": "held"}).part
    with pytest.raises(DataFileError, match="parts"):
        compile_trigger({"phrase": "hold", "kind": "held", "parts": True})
