"""Side colours and names are the same on every map, distinct, and colour-blind safe.

Distinguishable means: the CAM02-UCS distance between two colours stays at least
:data:`MIN_DELTA_E` for normal vision and under simulated deuteranomaly, protanomaly and
tritanomaly at full severity (colorspacious' Machado et al. 2009 model).
"""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from geo_events.events.profiles import list_profiles, load_profile
from geo_events.maps.control import control_page_data
from geo_events.maps.sides import CONTESTED_COLOR, PALETTE, UNKNOWN_COLOR, resolve_sides
from geo_events.model import Article, Event, Place
from geo_events.store import EventStore
from geo_events.timeline import ControlTimeline

#: Smallest colour difference (CAM02-UCS Delta E) between two colours of one map.
MIN_DELTA_E = 10.0
CVD = (None, "deuteranomaly", "protanomaly", "tritanomaly")


def _delta_e(a: str, b: str) -> float:
    """Smallest CAM02-UCS distance of ``a`` and ``b`` over normal vision and full CVD."""
    colorspacious = pytest.importorskip("colorspacious", reason="pip install colorspacious")
    import numpy as np

    def rgb(h: str) -> np.ndarray:
        return np.array([int(h[k:k + 2], 16) for k in (1, 3, 5)]) / 255

    worst = float("inf")
    for kind in CVD:
        pair = []
        for h in (a, b):
            c = rgb(h)
            if kind is not None:
                space = {"name": "sRGB1+CVD", "cvd_type": kind, "severity": 100}
                c = np.clip(colorspacious.cspace_convert(c, space, "sRGB1"), 0, 1)
            pair.append(colorspacious.cspace_convert(c, "sRGB1", "CAM02-UCS"))
        worst = min(worst, float(np.linalg.norm(pair[0] - pair[1])))
    return worst


def _assert_distinguishable(colours: dict[str, str]) -> None:
    for (na, a), (nb, b) in itertools.combinations(colours.items(), 2):
        assert a.lower() != b.lower(), f"{na} and {nb} share {a}"
        d = _delta_e(a, b)
        assert d >= MIN_DELTA_E, f"{na} {a} and {nb} {b}: Delta E {d:.1f} under CVD"


@pytest.mark.parametrize("name", list_profiles())
def test_each_profile_is_colour_blind_safe(name):
    prof = load_profile(name)
    colours = {s.id: s.colour for s in prof.sides}
    assert all(colours.values()), f"{name}: every shipped side has its colour"
    _assert_distinguishable({**colours, "contested": CONTESTED_COLOR,
                             "unknown": UNKNOWN_COLOR})


def test_tol_colours_of_the_main_conflict():
    prof = load_profile("russia-ukraine")
    assert prof.colours() == {"RU": "#cc3311", "UA": "#0077bb"}
    assert UNKNOWN_COLOR == "#bbbbbb"


@pytest.mark.parametrize("pair", list(itertools.combinations(list_profiles(), 2)))
def test_no_two_sides_of_one_map_share_a_colour(pair):
    """Whatever two conflicts one store mixes, the map's sides get different colours, and the
    first profile's sides keep their own."""
    first, second = (load_profile(n) for n in pair)
    specs = {}
    for prof in (first, second):
        for s in prof.sides:
            specs.setdefault(s.id, {"name": s.name, "color": s.colour})
    resolved = resolve_sides(specs, ["M23 rebels", "Some militia"])
    colours = [s.color for s in resolved.values()]
    assert len(set(colours)) == len(colours)
    assert {s.id: resolved[s.id].color for s in first.sides} == first.colours()


def test_sides_without_a_profile_get_distinct_palette_colours():
    resolved = resolve_sides(None, [f"actor {k}" for k in range(len(PALETTE) + 5)])
    colours = [s.color for s in resolved.values()]
    assert len(set(colours)) == len(colours)
    assert CONTESTED_COLOR not in colours and UNKNOWN_COLOR not in colours


# -- a store mixing Ukraine and Sudan -------------------------------------------------------

def _ua(pid: str, name: str, lat: float, lon: float) -> Place:
    return Place(pid, name, "populated_place", lat, lon, "UA", "UA.05", "Donetsk",
                 country_name="Ukraine")


def _sd(pid: str, name: str, lat: float, lon: float) -> Place:
    return Place(pid, name, "populated_place", lat, lon, "SD", "SD.29", "Khartoum",
                 country_name="Sudan")


def _mixed_events() -> list[Event]:
    def ev(kind: str, place: Place, day: date, profile: str, **kw: object) -> Event:
        return Event(kind, place, day, day, "day", sentence=f"{kind} at {place.name}.",
                     source="Test Wire", article_id="a1", profile=profile, **kw)

    return [
        ev("capture", _ua("gn:9000001", "Townvka", 48.6, 37.9), date(2023, 5, 1),
           "russia-ukraine", gain="RU", loss="UA"),
        ev("recapture", _ua("gn:9000002", "Villahrad", 47.6, 36.0), date(2023, 5, 2),
           "russia-ukraine", gain="UA", loss="RU"),
        ev("capture", _sd("gn:9000003", "Rivertown", 15.6, 32.5), date(2023, 5, 3), "sudan",
           gain="RSF", loss="SAF"),
        ev("recapture", _sd("gn:9000004", "Sandfield", 14.4, 33.5), date(2023, 5, 4), "sudan",
           gain="SAF", loss="RSF"),
        # only the loser named: the winner is the other side of the event's own conflict
        ev("withdrawal", _sd("gn:9000005", "Dunehill", 13.2, 30.2), date(2023, 5, 5), "sudan",
           loss="SAF"),
    ]


@pytest.fixture()
def mixed_store(tmp_path):
    path = tmp_path / "mixed.gpkg"
    with EventStore(path) as db:
        db.add_document(Article("mixed wire", source="Test Wire"), _mixed_events())
    with EventStore(path, create=False) as db:
        return db.events()


def test_mixed_store_keeps_each_sides_colour_and_name(mixed_store):
    assert {e.profile for e in mixed_store} == {"russia-ukraine", "sudan"}
    ru, sd = load_profile("russia-ukraine"), load_profile("sudan")
    expected = {**{s.id: (s.name, s.colour) for s in ru.sides},
                **{s.id: (s.name, s.colour) for s in sd.sides}}
    for profile in (None, "russia-ukraine", "sudan"):
        data = control_page_data(mixed_store, profile=profile, estimate=False)
        shown = {sid: (s["name"], s["color"]) for sid, s in data["sides"].items()}
        assert shown == expected, profile  # the legend names sides, never bare codes
    _assert_distinguishable({sid: c for sid, (_, c) in expected.items()})


def test_mixed_store_timeline_uses_each_events_profile(mixed_store):
    timeline = ControlTimeline.from_events(mixed_store, profile="russia-ukraine")
    assert timeline.status_at("gn:9000005", date(2023, 5, 6)).status == "RSF"
    assert timeline.status_at("gn:9000001", date(2023, 5, 6)).status == "RU"


def test_sides_of_events_stored_without_a_profile_are_named(mixed_store):
    from dataclasses import replace

    bare = [replace(e, profile=None) for e in mixed_store]
    data = control_page_data(bare, estimate=False)
    assert data["sides"]["RSF"]["name"] == "Rapid Support Forces"
    assert data["sides"]["UA"]["color"] == "#0077bb"
