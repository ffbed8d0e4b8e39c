"""Which namesake village a text means (issue 13, Wikipedia narratives: villages placed at a
namesake's community).

* A territorial community whose centre bears a name other settlements of its oblast bear too
  is placed at the one among the community's (else its raion's) settlements the gazetteer has,
  and at a settlement bearing the name as its own before one bearing it as an old name
  (:func:`geo_events.gazetteer.katottg._point`): its villages are then placed there, not at a
  namesake centre 100 km away.
* Choosing among namesakes by the places around a name, every oblast's codifier villages are
  options (not one per group across an oblast border), and a village the gazetteer has once may
  move to the codifier's namesake clearly nearest them.
* "The nearby town of X" (``namesake-nearby``): the X clearly nearest the settlements the text
  has just named, whatever its population.

Real spaCy pipeline, gazetteer and codifier; the sentences are ours, the names real Ukrainian
namesakes (Kherson oblast has several Novooleksandrivkas and Mykhailivkas, Zaporizhzhia oblast
a Havrylivka the gazetteer ranks first; Donetsk oblast a town Mykolaivka by Sloviansk and
villages of the name elsewhere).
"""

from __future__ import annotations

import pytest

from geo_events.geodesy import haversine_km
from geo_events.model import Place

pytestmark = pytest.mark.usefixtures("nlp")


def _control(text: str) -> dict[str, Place]:
    from geo_events.events import extract_events

    out: dict[str, Place] = {}
    for e in extract_events(text, published="2022-10-10", profile="russia-ukraine"):
        if e.is_control_change:
            out[e.place.name] = e.place
    return out


def _town(gazetteer, name: str, admin1: str) -> Place:
    found = [c.place for c in gazetteer.search(name, limit=20)
             if c.place.level == "populated_place" and c.place.admin1_code == admin1]
    assert found, name
    return found[0]


def _km(a: Place, b: Place) -> float:
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)


def test_a_community_centre_with_namesakes_in_its_oblast_is_the_one_by_its_community(gazetteer):
    from geo_events.gazetteer import katottg

    dudchany = _town(gazetteer, "Dudchany", "UA.08")
    [balka] = katottg.namesakes("Zolota Balka", "UA.08", gazetteer)
    # its community's centre is the Novooleksandrivka by the Dnieper, not the one 100 km south
    assert haversine_km(balka.latitude, balka.longitude, dudchany.latitude,
                        dudchany.longitude) < 30
    # the oblast's Novooleksandrivkas stay distinct places: the name alone does not say which
    assert len(katottg.namesakes("Novooleksandrivka", "UA.08", gazetteer)) >= 3


def test_villages_listed_beside_a_named_town_are_the_namesakes_by_it(gazetteer):
    dudchany = _town(gazetteer, "Dudchany", "UA.08")
    places = _control("Ukrainian troops pushed south from Dudchany along the Dnieper and "
                      "liberated Havrylivka and Zolota Balka on 4 October.")
    for name in ("Havrylivka", "Zolota Balka"):
        assert places[name].admin1_code == "UA.08", name  # Kherson, not Zaporizhzhia
        assert _km(places[name], dudchany) < 30, name
    places = _control("After heavy fighting near Dudchany and Beryslav, the army recaptured "
                      "Mykhailivka, Havrylivka and Novooleksandrivka.")
    for name in ("Mykhailivka", "Havrylivka", "Novooleksandrivka"):
        assert _km(places[name], dudchany) < 30, name


def test_a_village_among_places_of_its_own_oblast_stays(gazetteer):
    vasylivka = _town(gazetteer, "Vasylivka", "UA.26")
    places = _control("Russian forces shelled Vasylivka and Kamianka-Dniprovska, and then "
                      "captured Havrylivka.")
    havrylivka = places["Havrylivka"]
    assert havrylivka.admin1_code == "UA.26"  # the Zaporizhzhia village, by those towns
    assert not havrylivka.is_unresolved
    assert _km(havrylivka, vasylivka) < 60


def test_the_nearby_town_is_the_namesake_by_the_place_just_named(gazetteer):
    volnovakha = _town(gazetteer, "Volnovakha", "UA.05")
    town = _town(gazetteer, "Mykolaivka", "UA.05")  # the gazetteer's first: by Sloviansk
    assert _km(town, volnovakha) > 100
    places = _control("Shelling hit Volnovakha on the second day. On that same day, "
                      "separatist forces captured the nearby town of Mykolaivka.")
    mykolaivka = places["Mykolaivka"]
    assert _km(mykolaivka, volnovakha) < 30
    assert mykolaivka.location is not None
    assert mykolaivka.location.settled_by == "namesake-nearby"


@pytest.mark.parametrize("text", [
    # near the town the gazetteer means: it stands
    "Shelling hit Sloviansk on the second day. On that same day, separatist forces captured "
    "the nearby town of Mykolaivka.",
    # no closeness word: the town's prior stands
    "Fighting continued around Volnovakha. Russian troops captured Mykolaivka on 3 March.",
    # nothing named before it
    "Separatist forces captured the nearby town of Mykolaivka.",
])
def test_without_the_cue_or_a_place_just_named_the_town_stands(gazetteer, text):
    town = _town(gazetteer, "Mykolaivka", "UA.05")
    mykolaivka = _control(text)["Mykolaivka"]
    assert mykolaivka.id == town.id
    assert mykolaivka.location is None or mykolaivka.location.settled_by != "namesake-nearby"


@pytest.mark.parametrize("text", [
    "Ukrainian forces retook the villages of Lozove and Andriivka, both in Kherson Oblast.",
    "Ukrainian forces retook the villages of Lozove and Andriivka, both on the eastern side of "
    "the river, in Kherson Oblast.",
])
def test_a_locator_after_both_places_every_name_of_the_list(text):
    places = _control(text)
    for name in ("Lozove", "Andriivka"):
        assert places[name].admin1_code == "UA.08", name  # not Crimea or Sevastopol


def test_both_without_a_unit_after_it_locates_nothing():
    places = _control("Ukrainian forces retook the villages of Lozove and Andriivka, both in "
                      "a single day.")
    assert {p.admin1_code for p in places.values()} != {"UA.08"}


def test_a_raion_with_two_settlements_of_the_centres_name_does_not_decide(gazetteer):
    """Volnovakha raion has two villages named Myrne: its raion's settlements cannot tell which
    is the Myrne community's centre, so the gazetteer's ranking stands (the Myrne by
    Volnovakha, not the one by Velyka Novosilka 70 km west)."""
    from geo_events.gazetteer import katottg

    volnovakha = _town(gazetteer, "Volnovakha", "UA.05")
    [village] = katottg.named("Starohnativka", "UA.05", gazetteer)
    assert haversine_km(village.latitude, village.longitude, volnovakha.latitude,
                        volnovakha.longitude) < 40
