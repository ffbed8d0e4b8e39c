"""A settlement's distance to a river line is a true distance (area_units._bank_of_place).

The bank a crossing leaves is the bank of the settlement named before it when that settlement
lies within ``PLACE_BANK_KM`` of the river; the distance was once degrees times 111.32 km, right
north-south but some 50% too long east-west at Ukraine's latitude."""

from __future__ import annotations

from datetime import date

import pytest
import shapely

from geo_events.geodesy import local_distance_km, offset_point


@pytest.mark.parametrize("line, bearing", [
    ([(37.0, 47.0), (37.0, 49.0)], 90.0),  # a north-south line, the point east of it
    ([(37.0, 47.0), (37.0, 49.0)], 270.0),  # ... west of it
    ([(35.5, 48.0), (38.5, 48.0)], 0.0),  # an east-west line, the point north of it
    ([(35.5, 48.0), (38.5, 48.0)], 180.0),  # ... south of it
])
def test_the_distance_to_a_line_is_the_same_in_every_direction(line, bearing):
    lat, lon = offset_point(48.0, 37.0, 20.0, bearing)  # 20 km from the line's middle
    distance = local_distance_km(shapely.LineString(line), lat, lon, 50.0)
    assert distance == pytest.approx(20.0, rel=0.01)


def test_the_distance_to_a_line_beyond_its_end_is_to_the_end_vertex():
    line = [(37.0, 47.0), (37.0, 48.0)]
    lat, lon = offset_point(48.0, 37.0, 15.0, 0.0)
    distance = local_distance_km(shapely.LineString(line), lat, lon, 50.0)
    assert distance == pytest.approx(15.0, rel=0.01)


@pytest.mark.integration
def test_a_settlement_east_of_the_oskil_within_the_limit_tells_the_bank(nlp):
    """Iziumske lies some 19 km east of the Oskil's line (28 km by the old degree distance):
    troops leaving it across the river left the east (left) bank, not the rule's default."""
    from geo_events.events import extract_events

    text = ("The Russian garrison of Iziumske was abandoned, and on 10 September the Russian "
            "troops retreated across the Oskil River.")
    events = [e for e in extract_events(text, published=date(2022, 11, 20),
                                        profile="russia-ukraine", explain=True).events
              if e.place.id.startswith("bank:")]
    assert [(e.place.id, e.gain, e.loss) for e in events] == [
        ("bank:left:oskil:adm1:UA.07", "UA", "RU")]
    assert "bank-oskil.place_bank" in events[0].provenance
