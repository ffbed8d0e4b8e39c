"""Namesake villages settled by the rest of a corpus (invented places and coordinates)."""

from __future__ import annotations

from datetime import date

from geo_events.events import settle_namesakes
from geo_events.model import Event, Place

DAY = date(2022, 3, 31)


def _event(place: Place, day: date = DAY) -> Event:
    return Event(kind="recapture", place=place, date_from=day, date_to=day, gain="UA")


def _village(name: str, lat: float, lon: float) -> Place:
    return Place(id=f"gn:{name}", name=name, level="populated_place", latitude=lat,
                 longitude=lon, country_code="UA", admin1_code="UA.02")


def _namesake(options) -> Place:
    return Place(id="unresolved:UA.02:ozerianka", name="Ozerianka", level="populated_place",
                 latitude=51.0, longitude=32.0, country_code="UA", admin1_code="UA.02",
                 raw={"located_by": "adm1:UA.02", "precision": "admin1",
                      "namesakes": options})


OPTIONS = [(51.40, 31.30, "katottg:A"), (51.90, 32.90, "katottg:B")]


def test_the_namesake_near_the_same_days_events_is_taken():
    events = [_event(_village("Alpha", 51.45, 31.35)), _event(_namesake(OPTIONS))]
    settled = settle_namesakes(events)
    assert settled[0] == events[0]
    p = settled[1].place
    assert (p.latitude, p.longitude) == (51.40, 31.30)
    assert p.location.located_by == "katottg:A" and p.location.settled_by == "corpus"
    assert not p.namesakes and p.id == events[1].place.id


def test_no_decision_without_a_clear_neighbour():
    far_in_time = [_event(_village("Alpha", 51.45, 31.35), date(2022, 1, 1)),
                   _event(_namesake(OPTIONS))]
    near_both = [_event(_village("Alpha", 51.45, 31.35)), _event(_village("Beta", 51.9, 32.8)),
                 _event(_namesake(OPTIONS))]
    oblast_only = [_event(Place(id="adm1:UA.02", name="Chernihiv", level="admin1",
                                latitude=51.4, longitude=31.3)), _event(_namesake(OPTIONS))]
    for events in (far_in_time, near_both, oblast_only):
        assert settle_namesakes(events)[-1] == events[-1]
        assert settle_namesakes(events)[-1].place.location.namesakes == tuple(OPTIONS)


def test_reports_at_both_namesakes_decide_nothing():
    """Both communities had a village reported that day, at the community's own point: the
    two namesakes are equally near (0 km), so neither is taken (not the first listed)."""
    at_both = [_event(_village("Alpha", *OPTIONS[0][:2])),
               _event(_village("Beta", *OPTIONS[1][:2])), _event(_namesake(OPTIONS))]
    assert settle_namesakes(at_both)[-1] == at_both[-1]


def test_the_clearly_nearer_namesake_is_taken_when_both_are_near_reports():
    # Alpha 7 km from A, 32 km from B: both within 40 km, A clearly nearer
    events = [_event(_village("Alpha", 51.45, 31.35)), _event(_namesake(OPTIONS_CLOSE))]
    assert settle_namesakes(events)[-1].place.location.located_by == "katottg:A"
    # Alpha midway: neither namesake is clearly nearer
    midway = [_event(_village("Alpha", 51.40, 31.55)), _event(_namesake(OPTIONS_CLOSE))]
    assert settle_namesakes(midway)[-1].place.namesakes


def test_the_closest_days_decide_before_the_rest_of_the_week():
    # Beta, reported the same day, lies near B; Alpha, five days earlier, near A
    events = [_event(_village("Alpha", 51.45, 31.35), date(2022, 3, 26)),
              _event(_village("Beta", 51.42, 31.83)), _event(_namesake(OPTIONS_CLOSE))]
    assert settle_namesakes(events)[-1].place.location.located_by == "katottg:B"
    # without Beta, the week's reports still decide
    assert settle_namesakes([events[0], events[2]])[-1].place.location.located_by == "katottg:A"


OPTIONS_CLOSE = [(51.40, 31.30, "katottg:A"), (51.40, 31.80, "katottg:B")]


def _gazetteer_village(lat: float, lon: float, options) -> Place:
    return Place(id="gn:1", name="Ozerianka", level="populated_place", latitude=lat,
                 longitude=lon, country_code="UA", admin1_code="UA.02", population=900,
                 geonameid=1, raw={"row": 7, "namesakes": options})


def test_a_gazetteer_village_moves_only_when_isolated_from_the_days_reports():
    far = [(51.40, 31.30, "katottg:A")]
    # the report of the day lies 6 km from namesake A, 70+ km from the gazetteer's village
    events = [_event(_village("Alpha", 51.45, 31.35)),
              _event(_gazetteer_village(51.90, 32.30, far))]
    p = settle_namesakes(events)[-1].place
    assert (p.latitude, p.longitude) == (51.40, 31.30) and p.is_unresolved
    assert p.id == "unresolved:UA.02:ozerianka" and p.geonameid is None
    assert p.location.located_by == "katottg:A" and "row" not in p.raw
    # a report within 40 km of the gazetteer's village: it stays, whatever lies near A
    near_own = [_event(_village("Beta", 51.80, 32.20)), *events]
    assert settle_namesakes(near_own)[-1] == near_own[-1]


def test_events_in_question_are_no_context():
    # two namesake events of the same day never settle each other
    events = [_event(_namesake(OPTIONS)), _event(_gazetteer_village(51.41, 31.31, OPTIONS[1:]))]
    assert settle_namesakes(events) == events
