"""A holder adjective of this conflict ("Russian-controlled", "Ukrainian-held") on a place the
gazetteer puts in a country outside the profile's makes no holding there (as the occupier's
"occupied X" already did not): "the Russian-held town of Mary" is no
Turkmen city held by Russia (the drop's rule ``veto.third_country``). Sentences are ours, on the
real pipeline and gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2022, 5, 2)


@pytest.mark.integration
def test_no_holding_in_a_third_country(explained):
    result = explained(PUBLISHED, "Pilgrims prayed for the Russian-held town of Mary.")
    assert [e for e in result.events if e.kind == "held"] == []
    assert "veto.third_country" in {d.rule for d in result.dropped}


@pytest.mark.integration
def test_a_holding_in_the_conflict_stays(explained):
    held = [e for e in explained(PUBLISHED, "Buses reached Ukrainian-held Zaporizhzhia on "
                                 "Tuesday.").events if e.kind == "held"]
    assert [(e.place.name[:5], e.gain) for e in held] == [("Zapor", "UA")]
