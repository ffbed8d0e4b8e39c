"""A negated report limited by "until" happened then: "Ukraine did not confirm the loss of X
until 25 January" (it confirmed it on 25 January); and what the limit tells is no negated fact:
"Russian forces did not enter X until Ukrainian troops had left it", "did not confirm it until
25 January, when its troops had retreated from the town" (rule ``factuality.not_until``,
``factuality._limit_clause``). The negation read the report as a denial (``denied``) and
dropped the changes inside the limit. Sentences are ours, on the real pipeline and
gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2023, 7, 1)
RULE = "factuality.not_until"


@pytest.mark.integration
@pytest.mark.parametrize("text", [
    "Kyiv did not officially confirm the loss of Soledar until 25 January 2023.",
    "Ukraine did not officially confirm the loss of Soledar until 25 January 2023, when "
    "Ukrainian authorities stated their troops had retreated from the town.",
])
def test_a_report_limited_by_until_is_made_then(control_changes, text):
    changes = control_changes(PUBLISHED, text, sided=False)
    assert [(e.kind, e.place.name, e.gain, e.loss, e.status) for e in changes] == \
        [("withdrawal", "Soledar", "RU", "UA", "reported")]
    assert RULE in changes[0].provenance
    assert changes[0].date_from == date(2023, 1, 25)


@pytest.mark.integration
def test_the_change_a_limit_tells_happened(control_changes):
    changes = control_changes(PUBLISHED, "Russian forces did not enter Kherson until Ukrainian "
                              "troops had left the city on 1 March 2022.", sided=False)
    left = [e for e in changes if e.kind == "withdrawal"]
    assert [(e.place.name, e.loss, e.date_from) for e in left] == \
        [("Kherson", "UA", date(2022, 3, 1))]


@pytest.mark.integration
@pytest.mark.parametrize("text", [
    "Ukraine did not confirm the loss of Soledar.",
    "Ukraine will not confirm the loss of Soledar until the fighting ends.",
])
def test_a_report_negated_without_a_past_limit_stays_a_denial(control_changes, text):
    assert [e.status for e in control_changes(PUBLISHED, text, sided=False)] == ["denied"]


@pytest.mark.integration
def test_a_limit_under_a_modal_is_no_fact(control_changes):
    assert control_changes(PUBLISHED, "Russian forces will not enter Kherson until Ukrainian "
                           "troops leave the city.", sided=False) == []
