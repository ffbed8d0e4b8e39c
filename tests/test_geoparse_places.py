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

    def anywhere(self, name, gazetteer):
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
    assert placed.place.location == Location(precision="community", located_by="test:T1")
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
