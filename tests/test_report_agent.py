"""The agent of a passive report is who reports: "X was declared liberated by the ministry".

The parser hangs "by the ministry" on the participle, so it was read as the liberator and the
change was ``reported`` in the ministry's own words, where "the ministry declared X
liberated" is its claim. ``triggers.report_agent`` (rule ``factuality.report_agent``): the
agent of a passive verb of ``raised_subject_heads``, on the verb, or on the participle it
governs when the phrase names no armed party (lexicon ``armed_nouns``: "reported captured by
Russian troops" names the capturer), is the reporter; a party's word is ``claimed`` and, for
a liberation told without its liberator, names the gaining side (``reporting_party``). A
bare participle right after a passive report is its complement ("X was reported recaptured
by ...", rule ``place.raised_subject``). Sentences are ours, on the real pipeline and
gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2023, 7, 1)
RULE = "factuality.report_agent"


@pytest.mark.integration
@pytest.mark.parametrize("text", [
    "On 5 May 2022 Kharkiv was declared liberated by the Ukrainian ministry.",
    "On 5 May 2022 Kharkiv was declared liberated by the regional governor.",
    "On 5 May 2022 Kharkiv was reported recaptured by the General Staff of Ukraine.",
])
def test_a_passive_reports_agent_claims_its_sides_liberation(control_changes, text):
    changes = control_changes(PUBLISHED, text, sided=False)
    assert [(e.kind, e.place.name, e.gain, e.loss, e.status) for e in changes] == \
        [("recapture", "Kharkiv", "UA", "RU", "claimed")]
    assert RULE in changes[0].provenance
    assert changes[0].date_from == date(2022, 5, 5)


@pytest.mark.integration
def test_a_capture_declared_by_a_party_is_its_claim(control_changes):
    changes = control_changes(PUBLISHED, "On 5 May 2022 Kharkiv was declared captured by the "
                              "Russian defence ministry.", sided=False)
    assert [(e.kind, e.status) for e in changes] == [("capture", "claimed")]


@pytest.mark.integration
@pytest.mark.parametrize("text, kind, gain", [
    ("On 5 May 2022 Kharkiv was reported captured by Russian troops.", "capture", "RU"),
    ("On 5 May 2022 Kharkiv was reported recaptured by Ukrainian forces.", "recapture", "UA"),
])
def test_an_armed_agent_is_who_changed_control(control_changes, text, kind, gain):
    changes = control_changes(PUBLISHED, text, sided=False)
    assert [(e.kind, e.place.name, e.gain, e.status) for e in changes] == \
        [(kind, "Kharkiv", gain, "reported")]
    assert RULE not in changes[0].provenance


@pytest.mark.integration
def test_a_participle_after_a_comma_is_no_complement_of_the_report(control_changes):
    assert control_changes(PUBLISHED, "Heavy losses were reported, caused by shelling in "
                           "Kharkiv on 5 May 2022.", sided=False) == []
