"""Namesakes without a locator settled by where the text is (issue 13, class 7; issue 14's
misplaced places), and a locator after a later name of a list scoping the names before it.

* A village nothing locates, read as a namesake far from the places its paragraph or document
  clusters around, is the namesake nearest them (``geo_events/data/namesake_context_rules.json``,
  :mod:`geo_events.geoparse.doc_context`); a text whose places do not cluster changes nothing.
* "A, B, in Luhansk Oblast, and C" and "A and B in western Luhansk Oblast": the locator places
  A as well as B.

Real spaCy pipeline and gazetteer; the sentences are ours, the names real Ukrainian namesakes.
"""

from __future__ import annotations

import json

import pytest

from geo_events.errors import DataFileError
from geo_events.geodesy import haversine_km
from geo_events.geoparse.doc_context import read_context_rules
from geo_events.model import Place

#: Avdiivka, the town the first text's places lie around (degrees).
AVDIIVKA = (48.14, 37.75)

# Places around Avdiivka, then a paragraph of no places, then "Pisky" alone: the sentences
# around it name nothing, its document names the Donetsk front.
FRONT = ("Fighting around Avdiivka\n"
         "Russian forces shelled Avdiivka, Krasnohorivka and Marinka throughout July. Ukrainian "
         "units held Vodiane and Opytne.\n"
         "The assault began at dawn. Heavy rain slowed the columns. Commanders asked for more "
         "ammunition. Losses mounted on both sides.\n"
         "On 24 August, Russian forces captured Pisky.")

# The same last paragraph after places all over the country: no cluster to go by.
SCATTERED = ("A week of strikes\n"
             "Russian missiles hit Lviv, Odesa and Kharkiv on Monday. Drones struck Kyiv and "
             "Chernihiv. Air raid sirens sounded in Uzhhorod.\n"
             "The attacks began at dawn. Heavy rain slowed the rescuers. Officials asked for more "
             "generators. Losses mounted.\n"
             "On 24 August, Russian forces captured Pisky.")


def _places(text: str) -> dict[str, list[Place]]:
    from geo_events.events import extract_events

    out: dict[str, list[Place]] = {}
    for e in extract_events(text, published="2022-09-01", profile="russia-ukraine"):
        if e.is_control_change:
            out.setdefault(e.place.name, []).append(e.place)
    return out


def test_a_village_far_from_its_documents_places_is_the_namesake_among_them():
    [pisky] = _places(FRONT)["Pisky"]
    assert pisky.admin1_code == "UA.05"  # Donetsk oblast, not Poltava or Mykolaiv
    assert haversine_km(*AVDIIVKA, pisky.latitude, pisky.longitude) < 60
    assert pisky.location is not None
    assert pisky.location.settled_by == "namesake-document-context"  # the rule that moved it
    assert pisky.approximate == "community"  # the gazetteer lacks it: placed at its community


def test_scattered_places_settle_nothing():
    [pisky] = _places(SCATTERED)["Pisky"]
    assert pisky.location is None or pisky.location.settled_by is None


def test_the_rules_are_data_with_ids():
    rules = read_context_rules()
    assert [r.id for r in rules] == ["namesake-located-in-document",
                                     "namesake-paragraph-context", "namesake-document-context",
                                     "namesake-nearby", "namesake-sentence-context"]
    # the name's own locator elsewhere first, then the narrowest scope of places
    assert [r.scope for r in rules] == ["located_name", "paragraph", "document", "nearby",
                                        "sentences"]
    assert all(r.near_km < r.far_km for r in rules[1:3])


# A village read as a far namesake while the sentence before it names the places of another
# front: the rule of the sentences around it moves it there and says so (fit._fit_to_text).
@pytest.mark.parametrize("text, name, unit", [
    ("Russian forces shelled Avdiivka and Bakhmut on Monday. On 24 August, Russian forces "
     "captured Pisky.", "Pisky", "UA.05"),
    ("Russian forces attacked Vuhledar and Marinka. On 3 March, they captured Pavlivka.",
     "Pavlivka", "UA.05"),
])
def test_a_village_far_from_the_sentences_around_it_names_the_rule_that_moved_it(text, name,
                                                                                unit):
    [place] = _places(text)[name]
    assert place.admin1_code == unit
    assert place.location is not None
    assert place.location.settled_by == "namesake-sentence-context"


def test_the_event_at_a_moved_village_names_the_rule_that_moved_it():
    # the rule is in the event's provenance too, not only on its place
    from geo_events.events import extract_events

    text = ("Russian forces shelled Avdiivka and Bakhmut on Monday. On 24 August, Russian "
            "forces captured Pisky.")
    [event] = [e for e in extract_events(text, published="2022-09-01", profile="russia-ukraine")
               if e.is_control_change and e.place.name == "Pisky"]
    assert "namesake-sentence-context" in event.provenance


def test_a_village_no_namesake_of_which_is_clearly_nearest_stays_and_names_no_rule():
    # Kyiv and Odesa: no namesake of the village clearly nearer them than the geoparser's
    text = ("Russian missiles hit Kyiv and Odesa on Monday. On 24 August, Russian forces "
            "captured Pisky.")
    [pisky] = _places(text)["Pisky"]
    assert not pisky.is_unresolved  # the gazetteer's village, not moved
    assert pisky.location is None or pisky.location.settled_by is None


@pytest.mark.parametrize("rule, change, message", [
    (1, {"scope": "chapter"}, "unknown scope 'chapter'"),
    (1, {"cluster_share": 1.5}, "'cluster_share' must be a number in 0..1"),
    (1, {"far_kms": 3.0}, "unknown field 'far_kms'"),
    (1, {"near_km": -1}, "'near_km' must be a number >= 0"),
    (0, {"near_km": 5}, "a located_name rule takes no field 'near_km'"),
    (2, {"scope": "paragraph", "min_places": None}, "'min_places' must be int"),
])
def test_a_wrong_rule_file_names_the_file_and_the_field(tmp_path, rule, change, message):
    from geo_events.geoparse.doc_context import DEFAULT_CONTEXT_RULES

    data = json.loads(DEFAULT_CONTEXT_RULES.read_text())
    data["rules"][rule].update(change)
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(data))
    with pytest.raises(DataFileError, match=r"mine\.json") as err:
        read_context_rules(path)
    assert message in str(err.value)


@pytest.mark.parametrize("text", [
    "Ukrainian troops recaptured Pavlivka, Novoselivka, in Luhansk Oblast, and Dibrova.",
    "Ukrainian troops recaptured Pavlivka and Novoselivka in Luhansk Oblast.",
    "Ukrainian troops recaptured Pavlivka, in Luhansk Oblast.",
])
def test_a_locator_after_a_later_name_of_a_list_places_the_names_before_it(text):
    places = _places(text)
    # Pavlivka alone is read as a bigger namesake in Odesa oblast
    assert [p.admin1_code for p in places["Pavlivka"]] == ["UA.14"]


def test_a_part_after_the_last_name_places_every_name_of_the_list():
    from geo_events.geoparse.locators import in_part

    places = _places("Russian forces captured Pavlivka and Novoselivka in western Luhansk "
                     "Oblast.")
    for name in ("Pavlivka", "Novoselivka"):
        [p] = places[name]
        assert p.admin1_code == "UA.14"
        assert in_part(p.latitude, p.longitude, p.admin1_code, "western",
                       frozenset({"UA.14"}))


# "Makarivka, Donetsk Oblast" once; later the bare name, in a paragraph about other places
LOCATED_ONCE = ("On 11 June, the village of Makarivka, Donetsk Oblast, was liberated by "
                "Ukrainian forces.\n"
                "Fighting went on near Orikhiv and Robotyne. Heavy rain slowed the columns. "
                "Commanders asked for more ammunition.\n"
                "On 13 June, Russian troops withdrew from Makarivka.")


def test_a_name_located_once_in_a_document_is_that_place_everywhere_in_it():
    places = _places(LOCATED_ONCE)["Makarivka"]
    # the gazetteer's only Makarivka is a Kherson village: the locator says Donetsk, for both
    assert [p.admin1_code for p in places] == ["UA.05", "UA.05"]
    assert places[0].id == places[1].id
    assert places[1].location is not None
    assert places[1].location.settled_by == "namesake-located-in-document"


def test_a_part_of_an_unmarked_province_name_places_the_list():
    # "Donetsk" after "western" is no geoparsed place here, only a name in the text
    places = _places("Ukrainian forces had liberated Neskuchne, Blahodatne and Storozheve in "
                     "western Donetsk but claims of a breakthrough are premature.")
    for name in ("Neskuchne", "Blahodatne", "Storozheve"):
        [p] = places[name]
        assert p.admin1_code == "UA.05"
        assert p.longitude < 37.7  # the western half, not a community by Donetsk city
