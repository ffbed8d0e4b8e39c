"""A region of no country (a continent, a sea: the gazetteer's macro regions) is no place that
changes hands or is held or claimed: "gained a foothold in the Sahel", "annexed Crimea, ...
turned the Black Sea region into ..." make no event there (rule ``veto.macro_region``).
Sentences are ours, on the real pipeline and gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2022, 6, 8)


@pytest.mark.integration
@pytest.mark.parametrize("text, kept", [
    ("Russian mercenaries gained a foothold in the Sahel in 2019.", []),
    ("After Moscow annexed Crimea in 2014, its navy turned the Black Sea region into a launch "
     "pad.", ["Crimea"]),
])
def test_no_event_at_a_macro_region(explained, text, kept):
    result = explained(PUBLISHED, text)
    assert [e.place.name for e in result.events
            if e.is_control_change or e.kind == "annexation_claim"] == kept
    assert "veto.macro_region" in {d.rule for d in result.dropped}
