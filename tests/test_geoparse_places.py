"""Place resolution behind :class:`~geo_events.geoparse.doc_places.DocPlaces` (locators,
recovery, namesake fitting, unresolved places) and the per-country codifier plug-ins. Real
spaCy pipeline and gazetteer where a parse is needed; invented sentences and names."""

from __future__ import annotations

import json

import pytest

from geo_events.gazetteer import codifiers
from geo_events.geoparse.doc_places import DocPlaces, PlaceHints
from geo_events.geoparse.locators import NEAR, locator_codes, locator_test
from geo_events.model import Location, Mention, Place


def _doc_places(text: str, **hints) -> DocPlaces:
    from geo_events.gazetteer import get_gazetteer
    from geo_events.geoparse import parse

    parsed = parse(text)
    return DocPlaces(parsed.doc, parsed.mentions, get_gazetteer(), PlaceHints(**hints))


def test_ukraine_has_a_codifier_and_others_none():
    assert isinstance(codifiers.codifier_for("UA"), codifiers.KatottgCodifier)
    assert codifiers.codifier_for("SD") is None and codifiers.codifier_for(None) is None
    assert "UA" in codifiers.codified_countries()


def test_locator_codes_never_hold_none(nlp):
    """A near locator whose place has no admin-1 unit names no unit: no code (never None) and
    no locator test, rather than a test admitting every place without a unit."""
    from spacy.tokens import Doc

    doc = Doc(nlp.vocab, words=["Alpha", ",", "south", "of", "Beta", "."],
              sent_starts=[True, False, False, False, False, False])
    unitless = Place(id="gn:1", name="Beta", level="populated_place", latitude=10.0,
                     longitude=20.0, country_code="ZZ", admin1_code=None)
    near = Mention(surface="Beta", start=18, end=22, place=unitless, score=0.9,
                   role="toponym", label=NEAR)
    index = DocPlaces(doc, [], None)
    assert locator_codes(near, index) == frozenset()
    with_unit = Mention(surface="Beta", start=18, end=22, score=0.9, role="toponym",
                        label=NEAR, place=Place(id="gn:2", name="Beta", level="populated_place",
                                                latitude=10.0, longitude=20.0,
                                                country_code="ZZ", admin1_code="ZZ.01"))
    assert locator_codes(with_unit, index) == frozenset({"ZZ.01"})
    assert None not in locator_codes(with_unit, index)


@pytest.mark.integration
def test_doc_places_answers_locators_and_unresolved_names(nlp):
    """The interface: a comma locator only locates; the name before it, which the gazetteer
    lacks, is an unresolved place in the locator's oblast, at its community by Ukraine's
    codifier."""
    text = "On 31 March 2022, Ukrainian forces retook Yahidne, Chernihiv."
    places = _doc_places(text, countries=("UA",))
    end = text.index(",", text.index("Yahidne"))
    locator = places.locator_after(end)
    assert locator is not None and locator.surface == "Chernihiv"
    assert places.is_locator(locator)
    [found] = [m for m in places.unresolved_between(0, len(text)) if m.surface == "Yahidne"]
    assert found.place.id == "unresolved:UA.02:yahidne"
    assert found.place.location.precision == "community"
    assert found.place.location.located_by.startswith("katottg:")
    assert locator_test(end, places)(found.place)


class _OneVillage:
    """A codifier plug-in that knows one settlement (test double)."""

    ambiguous_km = 40.0

    def __init__(self, name: str, admin1_code: str, lat: float, lon: float) -> None:
        self.village = type("V", (), {"name": name, "code": "T1", "admin1_code": admin1_code,
                                      "latitude": lat, "longitude": lon})()

    def available(self) -> bool:
        return True

    def namesakes(self, name, admin1_code, gazetteer, community=None):
        v = self.village
        return [v] if (name, admin1_code) == (v.name, v.admin1_code) else []

    def anywhere(self, name, gazetteer, across_units=True):
        return [self.village] if name == self.village.name else []

    def named(self, name, admin1_code, gazetteer) -> bool:
        return bool(self.namesakes(name, admin1_code, gazetteer))

    def ref(self, settlement) -> str:
        return f"test:{settlement.code}"


@pytest.mark.integration
def test_the_codifier_is_a_plug_in(nlp, monkeypatch):
    """Place resolution asks the registry, never a country code: without a codifier a village
    the gazetteer lacks is placed by its oblast only; with another plug-in, by that plug-in."""
    text = "On 31 March 2022, Ukrainian forces retook Yahidne, Chernihiv."
    monkeypatch.setattr(codifiers, "_REGISTRY", {})
    [bare] = [m for m in _doc_places(text).unresolved_between(0, len(text))]
    assert bare.place.location.precision == "admin1" and bare.place.approximate is None
    codifiers.register("UA", _OneVillage("Yahidne", "UA.02", 51.3, 31.3))
    [placed] = [m for m in _doc_places(text).unresolved_between(0, len(text))]
    assert placed.place.location == Location(precision="community", located_by="test:T1",
                                             radius_km=9.0)
    assert (placed.place.latitude, placed.place.longitude) == (51.3, 31.3)


@pytest.mark.integration
def test_recover_registers_a_missed_name(nlp):
    """A slot head the geoparser missed, with a locator: recovered (an unresolved place in the
    locator's oblast when the gazetteer lacks it) and registered for later lookups."""
    text = "On 2 April 2022, Russian troops left Zirkovyi Yar, Kherson."
    places = _doc_places(text, countries=("UA",))
    tok = next(t for t in places.doc if t.text == "Yar")
    found = places.recover(tok)
    assert found is not None and found.surface == "Zirkovyi Yar"
    assert found.place.admin1_code == "UA.08" and found.place.is_unresolved
    assert places.mention_at(tok) is found


def test_place_location_is_a_typed_field_and_the_json_stays_compatible():
    """How a place was located lives in ``Place.location``, not in the source record ``raw``;
    the JSON contract keeps ``precision`` / ``located_by`` / ``site_of`` at the top level, a
    store's JSON (``raw=True``) round-trips the whole location, and JSON or code of before
    (location keys inside ``raw``) still reads."""
    loc = Location(precision="community", located_by="katottg:X1",
                   namesakes=((48.1, 37.2, "katottg:X2"),))
    p = Place(id="unresolved:UA.14:alpha", name="Alpha", level="populated_place",
              latitude=48.0, longitude=38.0, country_code="UA", admin1_code="UA.14",
              raw={"acled": {"event_id_cnty": "UKR1"}}, location=loc)
    assert p.approximate == "community" and p.precision == "community"
    assert p.namesakes == ((48.1, 37.2, "katottg:X2"),)
    d = p.to_dict()
    assert (d["precision"], d["located_by"]) == ("community", "katottg:X1")
    assert "raw" not in d and "location" not in d
    stored = p.to_dict(raw=True)
    assert stored["raw"] == {"acled": {"event_id_cnty": "UKR1"}}
    back = Place.from_dict(json.loads(json.dumps(stored)))
    assert back.location == loc and back.raw == p.raw
    assert Place.from_dict(d).location == Location(precision="community",
                                                   located_by="katottg:X1")
    legacy = {**d, "raw": {"precision": "community", "located_by": "katottg:X1",
                           "namesakes": [[48.1, 37.2, "katottg:X2"]], "row": 7}}
    old = Place.from_dict(legacy)
    assert old.location == loc and old.raw == {"row": 7}
    site = Place(id="site:dam:gn:1", name="Dam (Beta)", level="feature", latitude=1.0,
                 longitude=2.0, raw={"precision": "site", "site_of": "gn:1", "located_by": "name"})
    assert site.raw == {} and site.location.site_of == "gn:1" and site.is_site


# -- relative locations, places near a town, many namesakes (issue 13) ------------------------

def _event_place(text: str):
    from geo_events.events import extract_events

    [event] = [e for e in extract_events(text, published="2024-10-02", profile="russia-ukraine")
               if e.is_control_change]
    return event.place


def _town(name: str) -> Place:
    from geo_events.gazetteer import get_gazetteer

    return get_gazetteer().search(name, country="UA", level="populated_place")[0].place


@pytest.mark.integration
@pytest.mark.parametrize("text, town, km, bearing, radius", [
    # a distance and a bearing: that far in that direction, a quarter of it uncertain
    ("Ukrainian troops retook Zorianivka, about 7 km north-east of Kupiansk, on Monday.",
     "Kupiansk", 7.0, 45.0, 1.75),
    # miles, and the name in parentheses
    ("Russian forces seized Kalynove Pole (5 miles southwest of Izium) on Monday.",
     "Izium", 8.047, 225.0, 2.012),
])
def test_a_distance_and_bearing_move_an_unplaced_village(nlp, text, town, km, bearing, radius):
    """"X, 7 km north-east of Y" with X unknown to the gazetteer: X is placed that far along
    the bearing from Y (geodesic), precision ``offset``, located by Y, with the distance, the
    bearing and an uncertainty radius; never at Y's point."""
    from geo_events.geodesy import haversine_km

    place, y = _event_place(text), _town(town)
    loc = place.location
    assert (loc.precision, loc.located_by, loc.bearing) == ("offset", y.id, bearing)
    assert loc.distance_km == pytest.approx(km, abs=0.01)
    assert place.radius_km == pytest.approx(radius, abs=0.01) and place.approximate == "offset"
    assert haversine_km(place.latitude, place.longitude, y.latitude, y.longitude) \
        == pytest.approx(km, abs=0.05)
    assert place.admin1_code == y.admin1_code


@pytest.mark.integration
def test_a_bearing_without_a_distance_takes_a_documented_default(nlp):
    """"just south of Y": Y's edge (a disc of its population) plus the closeness word's 2 km;
    "north of Y": its edge plus :data:`BEARING_ONLY_KM` (5 km), which is also the radius."""
    from geo_events.geodesy import haversine_km
    from geo_events.geoparse.locators import BEARING_ONLY_KM, town_radius_km

    lyman, bakhmut = _town("Lyman"), _town("Bakhmut")
    just = _event_place("Ukrainian units cleared Zorianivka, just south of Lyman, on Monday.")
    assert just.location.precision == "offset" and just.location.bearing == 180.0
    assert just.location.distance_km == pytest.approx(town_radius_km(lyman) + 2.0, abs=0.01)
    assert just.radius_km == 2.0 and just.latitude < lyman.latitude
    bare = _event_place("Russian troops captured Zorianivka, north of Bakhmut, on Monday.")
    assert bare.location.precision == "offset" and bare.radius_km == BEARING_ONLY_KM
    assert haversine_km(bare.latitude, bare.longitude, bakhmut.latitude, bakhmut.longitude) \
        == pytest.approx(town_radius_km(bakhmut) + BEARING_ONLY_KM, abs=0.05)
    assert bare.latitude > bakhmut.latitude


@pytest.mark.integration
def test_a_distance_without_a_bearing_keeps_the_village_approximate_around_the_town(nlp):
    """"X, a settlement 12 km from Kherson" says where X is not (at Kherson): precision
    ``near`` with the distance as radius, which keeps it out of the area estimate; the event
    is kept."""
    from geo_events.maps.area import DEFAULT_ESTIMATE

    place = _event_place("Russian troops withdrew from Zorianivka, a settlement 12 km from "
                         "Kherson, on Monday.")
    kherson = _town("Kherson")
    assert (place.location.precision, place.location.located_by) == ("near", kherson.id)
    assert place.radius_km == 12.0 > DEFAULT_ESTIMATE.max_place_radius_km
    assert place.id == "unresolved:UA.08:zorianivka"


@pytest.mark.integration
def test_a_locator_read_as_a_far_namesake_does_not_move_the_village(nlp):
    """"Verbivka, some 10 km east of Pryshyb" next to Balakliia: the geoparser reads Pryshyb as
    a namesake 270 km away, but the Verbivka beside Balakliia lies near another Pryshyb (the
    codifier's): the village stands, not an unresolved place in the far namesake's oblast."""
    place = _event_place("Ukrainian troops pushed on from Balakliia and took Verbivka, some "
                         "10 km east of Pryshyb, on Friday.")
    assert place.name == "Verbivka" and not place.is_unresolved
    assert place.admin1_code == _town("Balakliia").admin1_code


@pytest.mark.integration
@pytest.mark.parametrize("text", [
    "Ukraine said it had retaken Oleksandrivka on Sunday.",
    "Ukraine said its troops had also retaken the village of Oleksandrivka on Sunday.",
])
def test_a_name_of_many_namesakes_is_never_another_places_point(nlp, text):
    """A village name dozens of places carry (one of them an old name of a city), with
    nothing around it to tell which: never that city, never the most populous namesake on a
    guess, and no event at all (rule ``veto.ambiguous_place``): a point for it could be
    neither checked nor drawn. The explanation names the rule and the place."""
    from geo_events.events import extract_events

    explained = extract_events(text, published="2024-10-02", profile="russia-ukraine",
                               explain=True)
    assert not explained.events
    assert [(d.rule, d.places) for d in explained.dropped] \
        == [("veto.ambiguous_place", ("Oleksandrivka",))]


@pytest.mark.integration
def test_places_named_around_a_namesake_tell_which_one(nlp):
    """The same name next to places of one oblast is that oblast's village."""
    from geo_events.events import extract_events

    text = ("Fighting raged around Snihurivka and Bereznehuvate all week. Ukrainian troops "
            "also retook Oleksandrivka on Sunday.")
    [event] = [e for e in extract_events(text, published="2024-10-02", profile="russia-ukraine")
               if e.kind == "recapture"]
    assert event.place.name == "Oleksandrivka"
    assert event.place.admin1_code == _town("Snihurivka").admin1_code


def test_own_named_candidates_drop_another_places_old_name():
    from geo_events.geoparse.recover import own_named
    from geo_events.model import Candidate

    def cand(pid, name, admin1):
        return Candidate(Place(id=pid, name=name, level="populated_place", latitude=48.0,
                               longitude=37.0, country_code="ZZ", admin1_code=admin1), 0.5)

    city, a, b = cand("gn:1", "Bigtown", "ZZ.01"), cand("gn:2", "Kalyna", "ZZ.02"), \
        cand("gn:3", "Kalyna", "ZZ.03")
    assert own_named("Kalyna", [city, a, b]) == [a, b]
    assert own_named("Kalyna", [city, a]) == [city, a]  # one namesake: a renaming may stand
    # another transliteration of the same name is the place's own name, not another name
    translit = cand("gn:4", "Kalina", "ZZ.04")
    assert own_named("Kalyna", [translit, a, b]) == [translit, a, b]


@pytest.mark.parametrize("a, b, same", [("Mykolaiv", "Mykolayiv", True), ("Odesa", "Odessa", True),
                                        ("Marinka", "Mar'yinka", True), ("Izium", "Izyum", True),
                                        ("Oleksandrivka", "Donetsk", False)])
def test_name_skeletons_join_transliterations_only(a, b, same):
    from geo_events.gazetteer.normalize import name_skeleton

    assert (name_skeleton(a) == name_skeleton(b)) is same


def test_relative_location_words_are_data():
    """Bearings, units and closeness words come from the cue file; a bad entry is an error
    naming the file and the key."""
    from geo_events.errors import DataFileError
    from geo_events.geoparse.locators import bearings, distance_units, relative_location
    from geo_events.geoparse.recognize import check_cues, cues_path

    assert bearings()["south-west"] == 225.0 and distance_units()["miles"] == 1.609344
    y = Place(id="gn:9", name="Y", level="populated_place", latitude=48.0, longitude=37.0)
    loc = relative_location(y, "8", "km", None, "East")
    assert (loc.precision, loc.distance_km, loc.bearing, loc.radius_km) == \
        ("offset", 8.0, 90.0, 2.0)
    assert relative_location(y, None, None, None, None) == Location(
        precision="near", located_by="gn:9", radius_km=10.0)
    path = cues_path("en")
    data = json.loads(path.read_text(encoding="utf-8"))
    for bad in ({"bearings": {"north": 360}}, {"distance_units": {"km": 0}},
                {"closeness_words": {"just": "near"}}, {"bearings": ["north"]}):
        with pytest.raises(DataFileError) as err:
            check_cues({**data, **bad}, path)
        assert str(path) in str(err.value) and next(iter(bad)) in str(err.value)


@pytest.mark.integration
def test_a_transliteration_of_a_citys_own_name_outranks_a_former_name(nlp):
    """Two towns of one size carry a name among their other names: the one whose own name it
    spells in another transliteration is meant, not the one that bore it once (a former name);
    a former name no town carries as its own still reaches the renamed town."""
    from geo_events.gazetteer import get_gazetteer
    from geo_events.gazetteer.normalize import is_own_name
    from geo_events.geoparse import geoparse

    cands = [h.place for h in get_gazetteer().search("Sloviansk", country="UA",
                                                    level="populated_place")]
    assert len(cands) >= 2 and not all(is_own_name("Sloviansk", p) for p in cands)
    [town] = [m for m in geoparse("Artillery hit Sloviansk on Tuesday night.", nlp=nlp)
              if m.surface == "Sloviansk"]
    assert is_own_name("Sloviansk", town.place) and town.place.admin1_code == "UA.05"
    [renamed] = geoparse("Officials in Dnipropetrovsk met on Friday.", nlp=nlp)
    assert renamed.place.name == "Dnipro"
