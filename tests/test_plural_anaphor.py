"""A plural settlement noun ("the ports", "the villages") names several places, never the one
named last: it refers to no place (reference rule ``ref-plural-settlements``, the drop's rule in
``explain``); "the port" still refers back. Sentences are ours, on the real pipeline and
gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2022, 8, 23)


@pytest.mark.integration
def test_the_ports_are_not_the_place_named_last(explained):
    result = explained(PUBLISHED, "Grain left Odesa on Monday. Shipowners blame the capture of "
                       "the ports along the coast for their losses.")
    assert [e for e in result.events if e.is_control_change] == []
    assert "ref-plural-settlements" in {d.rule for d in result.dropped}


@pytest.mark.integration
def test_the_port_refers_back(explained):
    events = explained(PUBLISHED, "Fighting raged around Berdiansk for days. Russian forces "
                       "captured the port on 27 February 2022.").events
    assert [(e.place.name[:4], e.gain) for e in events if e.is_control_change] \
        == [("Berd", "RU")]
