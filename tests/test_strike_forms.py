"""Fire on a town told by a gerund used as a noun, and a relative clause the parser hangs on
the noun a name completes (#14; own sentences, real pipeline).

"Russian shelling in X killed two": the tagger calls "shelling" a verb; with no subject,
object or auxiliary of its own it heads the noun entries "shelling in/on/at" (rule
``trigger.nominal_gerund``), and a side's adjective the parser hung elsewhere ("killed in
*Russian* shelling in the town of X") is its owner. The strike then presumes the other side
holds the town (``shelled-held-by-other``). "Residents of X, which Russia has occupied since
March": the clause describes X, not the residents (``place.relative_antecedent``). "X and Y
Provinces" read as a person "Y Provinces": both names are provinces."""

from __future__ import annotations

from event_fixtures import PROFILE, events_on, rule_ids

from geo_events.geoparse import geoparse
from geo_events.timeline import ControlTimeline


def _fire(text: str, day: str = "2022-06-01"):
    return [e for e in events_on(text, day) if e.kind in ("shelling", "air_strike")]


def _presumed_side(evs, place_id: str, day: str = "2022-06-10") -> str | None:
    tl = ControlTimeline.from_events(evs, profile=PROFILE)
    st = tl.status_at(place_id, day)
    if st.state == "unknown":
        return None
    assert rule_ids(tl.history(place_id)[0]) == {"shelled-held-by-other"}
    return st.side


def test_a_gerund_with_a_preposition_is_fire_on_the_town():
    (ev,) = _fire("Russian shelling in Toretsk killed two people on Tuesday.")
    assert (ev.kind, ev.place.name, ev.place.admin1_name) == ("shelling", "Toretsk", "Donetsk")
    assert ev.actors == ("Russian",)
    assert {"trigger.shelling.shelling_in.noun", "trigger.nominal_gerund"} <= set(ev.provenance)
    assert _presumed_side([ev], ev.place.id) == "UA"


def test_the_side_the_parser_split_from_the_gerund_owns_it():
    # "Russian" parsed as the object of "in", the gerund as a clause of "killed"
    (ev,) = _fire("Two people were killed in Russian shelling in the town of Toretsk on "
                  "Tuesday, the governor said.")
    assert ev.place.name == "Toretsk" and ev.actors == ("Russian",)
    assert _presumed_side([ev], ev.place.id) == "UA"
    # across an armed noun, with the town's name tagged as an organisation
    (ev,) = _fire("Ukrainian artillery shelling in Vasylivka damaged a school, the "
                  "occupation authorities said.")
    assert (ev.place.name, ev.place.admin1_name) == ("Vasylivka", "Zaporizhzhya")
    assert ev.actors == ("Ukrainian",)
    assert _presumed_side([ev], ev.place.id) == "RU"


def test_on_and_at_name_the_town_too():
    (ev,) = _fire("Russian shelling at Huliaipole killed a woman.")
    assert ev.place.admin1_name == "Zaporizhzhya" and ev.actors == ("Russian",)
    assert "trigger.shelling.shelling_at.noun" in ev.provenance
    (ev,) = _fire("Two women were injured by Russian shelling on Orikhiv overnight.")
    assert ev.place.name == "Orikhiv" and ev.actors == ("Russian",)
    (ev,) = _fire("A Ukrainian rocket strike at Nova Kakhovka destroyed an ammunition depot.")
    assert ev.place.name == "Nova Kakhovka" and ev.actors == ("Ukrainian",)
    assert "trigger.shelling.strike_at.noun" in ev.provenance
    assert _presumed_side([ev], ev.place.id) == "RU"


def test_a_gerund_with_an_object_or_auxiliary_stays_a_verb():
    (ev,) = _fire("Russian forces were shelling Toretsk on Tuesday.")
    assert ev.place.name == "Toretsk" and "trigger.nominal_gerund" not in ev.provenance
    assert ev.provenance[0] == "trigger.shelling.shell"
    (ev,) = _fire("Russian troops continued shelling the outskirts of Avdiivka.")
    assert "trigger.nominal_gerund" not in ev.provenance


def test_fire_by_no_side_presumes_nothing():
    (ev,) = _fire("Shelling in Kurakhove killed two people on Monday.")
    assert ev.place.name == "Kurakhove" and ev.actors == ()
    assert _presumed_side([ev], ev.place.id) is None


def test_a_relative_clause_after_a_name_under_a_noun_describes_the_name():
    evs = events_on("Residents of Enerhodar, which Russia has occupied since March, say food "
                    "prices have doubled.", "2022-06-01")
    (ev,) = [e for e in evs if e.kind in ("capture", "held")]
    assert (ev.place.name, ev.gain) == ("Enerhodar", "RU")
    assert "place.relative_antecedent" in ev.provenance
    (ev,) = _fire("Residents of Kostiantynivka, which Russian artillery shelled overnight, "
                  "spent the night in basements.")
    assert ev.place.admin1_name == "Donetsk" and "place.relative_antecedent" in ev.provenance
    # a clause describing a thing, not a change, makes nothing
    assert events_on("The market of Bakhmut, which opened in 1900, burned down.",
                     "2022-06-01") == []


def test_the_last_name_before_a_plural_type_word_read_as_a_person_is_a_province():
    # the model reads "Zaporizhzhia Provinces" as a person: the type word names no person
    ms = geoparse("Russian forces took control of territory along the coast including in "
                  "Kherson and Zaporizhzhia Provinces.")
    assert sorted((m.place.admin1_name, m.place.level) for m in ms if m.place.level != "country") \
        == [("Kherson", "admin1"), ("Zaporizhzhya", "admin1")]
    # a person's name stays a person's: no plural type word after it
    ms = geoparse("Kherson and Zaporizhzhia Smith met in London.")
    assert "Zaporizhzhya" not in {m.place.admin1_name for m in ms}


def test_the_side_on_a_strike_is_no_country_for_the_town_struck():
    # "Russian" on the strike names the attacker: the Donetsk town, not the Russian city that
    # once had its name
    (ev,) = _fire("Three people were killed in a Russian air strike on the town of Pokrovsk.")
    assert (ev.place.name, ev.place.admin1_name) == ("Pokrovsk", "Donetsk")
    assert _presumed_side([ev], ev.place.id) == "UA"


def test_a_town_in_a_compass_part_of_a_held_area_is_held():
    evs = events_on("Kurakhove, a town in the west of Ukrainian-held Donetsk Oblast, was quiet "
                    "on Monday.", "2022-06-01")
    (ev,) = [e for e in evs if e.place.level == "populated_place"]
    assert (ev.kind, ev.place.name, ev.gain) == ("held", "Kurakhove", "UA")
    assert "trigger.held.located_in_held" in ev.provenance
    # a compass word that is no part of the held area ("north of X" as a bearing) locates
    # nothing: the town is not said to lie in it
    evs = events_on("Kurakhove, a town north of Russian-held Vuhledar, was quiet on Monday.",
                    "2022-06-01")
    assert not [e for e in evs if e.place.name == "Kurakhove" and e.kind == "held"]
