"""News reporting's language of holding and withdrawing (real spaCy pipeline, gazetteer and
boundaries; sentences written for these tests):

- a withdrawal whose troops stay in the place's outlying positions or on its own outskirts is
  no change of the place (``everyday.repositioned_nearby``, ``..._to_outskirts``); a tactical
  withdrawal leaves the place contested (``contested.tactical_withdrawal``);
- "an area of X", "areas of X", "swathes of X" name part of X (lexicon ``partial_of_nouns``);
- a report of holding an oblast the starting state splits names the part held
  (``holding-of-split-unit``);
- a change the losing side concedes overturns the known picture from one article, such as
  one live blog (``conceded-moves``, ``overturns_known``).
"""

from __future__ import annotations

import json
from dataclasses import replace

import geopandas as gpd
import pytest
import shapely

from geo_events.control_rules import control_rules_from_dict, load_control_rules
from geo_events.control_start import load_baseline
from geo_events.errors import DataFileError
from geo_events.events import extract_events
from geo_events.timeline import PART, WHOLE, ControlTimeline
from tests.test_control_picture import events_of

PROFILE = "russia-ukraine"


def explained(text: str, day: str = "2022-05-02"):
    return extract_events(text, published=day, profile=PROFILE, explain=True)


def changes(evs):
    return [(e.kind, e.place.name) for e in evs if e.kind in ("withdrawal", "contested")]


# -- withdrawals that leave the troops in the place's own ground ---------------------------------
@pytest.mark.parametrize(("text", "rule"), [
    ("The Ukrainian army has pulled out of Sumy, its units now in outlying positions, "
     "reporters who visited the city said.", "everyday.repositioned_nearby"),
    ("Ukrainian troops withdrew from Chernihiv to the city's outskirts on Monday.",
     "everyday.repositioned_nearby"),
    ("The defenders retreated from the centre of Izium to the outskirts overnight.",
     "everyday.repositioned_to_outskirts"),
    ("Russian troops pulled back from Kherson, their units still on the outskirts, "
     "the governor said.", "everyday.repositioned_to_outskirts"),
])
def test_a_withdrawal_to_the_place_s_own_outskirts_changes_nothing(text, rule):
    out = explained(text)
    assert changes(out.events) == [], text
    assert rule in {d.rule for d in out.dropped}, text


@pytest.mark.parametrize("text", [
    "Russian forces withdrew from Bucha, on the outskirts of Kyiv, on 30 March.",
    "Russian forces withdrew from Irpin to the outskirts of Bucha on 29 March.",
    "Russian forces withdrew from Irpin and regrouped on the outskirts of Bucha.",
    "Ukrainian forces withdrew from Lysychansk on Sunday, the general staff said.",
])
def test_a_withdrawal_to_another_place_s_outskirts_is_still_a_withdrawal(text):
    assert [k for k, _ in changes(explained(text).events)] == ["withdrawal"], text


def test_a_tactical_withdrawal_leaves_the_place_contested():
    for text in ("The brigade made a tactical retreat from Marinka on Sunday.",
                 "Ukrainian forces tactically withdrew from Marinka on Sunday."):
        evs = explained(text).events
        assert [(e.kind, e.place.name) for e in evs] == [("contested", "Mar'yinka")], text
        assert "contested.tactical_withdrawal" in evs[0].provenance


# -- "an area of X": a part ----------------------------------------------------------------------
@pytest.mark.parametrize(("text", "place_id"), [
    ("On 1 May 2022 she spoke in a village in an area of Donetsk Oblast under the control of "
     "Russia-backed separatists.", "adm1:UA.05"),
    ("Large areas of Luhansk Oblast were under Russian control on 3 June 2022.", "adm1:UA.14"),
    ("By 3 June 2022 swathes of Kherson Oblast were under Russian control.", "adm1:UA.08"),
])
def test_an_area_of_an_oblast_is_a_part_of_it(text, place_id):
    held = [e for e in explained(text, "2022-06-05").events if e.kind == "held"]
    assert [e.place.id for e in held] == [place_id], text
    assert "place.partial" in held[0].provenance
    tl = ControlTimeline.from_events(held, profile=PROFILE)
    assert tl.status_at(place_id, "2022-06-10").extent == PART


def test_the_area_of_a_town_is_the_town_and_its_surroundings():
    evs = explained("Russian forces withdrew from the area of Bucha on 30 March.").events
    assert [(e.kind, e.place.name) for e in evs] == [("withdrawal", "Bucha")]
    assert "place.partial" not in evs[0].provenance


# -- a holding of an oblast the starting state splits -------------------------------------------
def test_a_holding_of_an_oblast_the_start_state_splits_names_the_part_held():
    evs = events_of(("Donetsk Oblast was under Russian control on 5 May 2022.", "2022-05-06"))
    held = [e for e in evs if e.kind == "held"]
    assert [(e.place.id, e.gain) for e in held] == [("adm1:UA.05", "RU")]
    assert "place.partial" not in held[0].provenance
    tl = ControlTimeline.from_events(held, profile=PROFILE)
    assert "adm1:UA.05" in tl.split_units
    st = tl.status_at("adm1:UA.05", "2022-05-10")
    assert (st.side, st.extent) == ("RU", PART)
    assert "holding-of-split-unit" in ",".join(tl.history("adm1:UA.05")[-1].rules).split(",")
    # without the starting state nothing splits the oblast; a whole quantifier keeps the whole
    assert ControlTimeline.from_events(held, profile=PROFILE, start=False).status_at(
        "adm1:UA.05", "2022-05-10").extent == WHOLE
    whole = [e for e in events_of(("All of Donetsk Oblast was under Russian control on 5 May "
                                   "2022.", "2022-05-06")) if e.kind == "held"]
    assert ControlTimeline.from_events(whole, profile=PROFILE).status_at(
        "adm1:UA.05", "2022-05-10").extent == WHOLE
    # an oblast the starting state does not touch stays a whole holding
    zap = [e for e in events_of(("Zaporizhzhia Oblast was under Russian control on 5 May "
                                 "2022.", "2022-05-06")) if e.kind == "held"]
    tl = ControlTimeline.from_events(zap, profile=PROFILE)
    assert "adm1:UA.26" not in tl.split_units
    assert tl.status_at("adm1:UA.26", "2022-05-10").extent == WHOLE


# -- a concession overturns the known picture from one article -----------------------------------
def _baseline(tmp_path):
    # a box around Rubizhne, Ukrainian ground in it (a two-sided layer written for this test)
    frame = gpd.GeoDataFrame({"side": ["UA"], "date": ["2022-04-01"]},
                             geometry=[shapely.box(38.2, 48.9, 38.5, 49.1)], crs="EPSG:4326")
    path = tmp_path / "baseline.geojson"
    frame.to_file(path, driver="GeoJSON")
    return load_baseline(path)


def test_a_conceded_loss_overturns_the_baseline_from_one_article(tmp_path):
    base = _baseline(tmp_path)
    conceded = events_of(("The regional governor said on 20 April that Ukrainian soldiers had "
                          "abandoned Rubizhne after heavy shelling.", "2022-04-21"),
                         article="blog")
    moves = [e for e in conceded if e.kind == "withdrawal"]
    assert moves and "factuality.concession" in moves[0].provenance
    tl = ControlTimeline.from_events(conceded, profile=PROFILE, baseline=base)
    st = tl.status_at("Rubizhne", "2022-04-22")
    assert (st.state, st.side) == ("held", "RU")
    assert "conceded-moves" in ",".join(tl.history("Rubizhne")[-1].rules).split(",")
    # the writer's own report from one article (one live blog, many updates) still waits
    own = events_of(("Russian troops captured Rubizhne on 20 April.", "2022-04-21"),
                    ("Russian troops captured Rubizhne on 20 April, the blog repeated.",
                     "2022-04-22"), article="blog")
    own = [replace(e, article_id="blog") for e in own]  # one live blog, two updates
    st = ControlTimeline.from_events(own, profile=PROFILE, baseline=base).status_at(
        "Rubizhne", "2022-04-23")
    assert (st.state, st.claimant) == ("claimed", "RU")


def test_rules_file_new_keys_are_checked():
    data = json.loads(load_control_rules().path.read_text())
    rules = control_rules_from_dict(data)
    assert rules.part_rule("held", (), split=True).id == "holding-of-split-unit"
    assert rules.part_rule("held", ()) is None
    assert rules.part_rule("held", ("place.whole_unit",), split=True) is None
    assert rules.part_rule("capture", (), split=True) is None
    conceded = rules.rule_for("withdrawal", "reported", ("factuality.concession",))
    assert (conceded.id, conceded.overturns_known) == ("conceded-moves", True)
    assert not rules.rule_for("withdrawal", "reported").overturns_known
    bad = json.loads(json.dumps(data))
    bad["part_holding"][1]["known_split"] = "yes"
    with pytest.raises(DataFileError, match="'known_split' must be true or false"):
        control_rules_from_dict(bad)
    bad = json.loads(json.dumps(data))
    bad["part_holding"][1]["known_split"] = False
    with pytest.raises(DataFileError, match="'provenance' must be a non-empty list"):
        control_rules_from_dict(bad)
    bad = json.loads(json.dumps(data))
    next(r for r in bad["evidence"] if r["id"] == "conceded-moves")["overturns_known"] = 1
    with pytest.raises(DataFileError, match="'overturns_known' must be true or false"):
        control_rules_from_dict(bad)


def test_parts_of_an_oblast_s_namesake_city_are_parts_of_the_oblast():
    text = ("Ballots were cast in Russian-occupied parts of Donetsk, Kherson and Zaporizhzhia "
            "on 23 September 2022.")
    held = [e for e in explained(text, "2022-09-24").events if e.kind == "held"]
    assert sorted(e.place.id for e in held) == ["adm1:UA.05", "adm1:UA.08", "adm1:UA.26"]
    assert all("place.partial" in e.provenance and e.gain == "RU" for e in held)
    # a town named unlike its oblast stays the town
    held = [e for e in explained("Russian-occupied parts of Bakhmut were shelled on 3 March "
                                 "2023.", "2023-03-04").events if e.kind == "held"]
    assert all(e.place.level == "populated_place" for e in held)


# -- a settlement said to lie in a side's part of an area ---------------------------------------
def test_a_town_in_a_side_s_part_of_an_oblast_is_held_by_that_side():
    for text in ("Missiles hit Kramatorsk, the regional capital of Ukrainian-controlled "
                 "Donetsk, on 3 July 2022.",
                 "Shells fell on Sloviansk, a town in Ukrainian-held Donetsk Oblast, on 3 July "
                 "2022."):
        held = [e for e in explained(text, "2022-07-04").events if e.kind == "held"
                and e.provenance[0] == "trigger.held.located_in_held"]
        assert [e.gain for e in held] == ["UA"], text
        assert held[0].place.id in ("gn:704508", "gn:693468")  # Kramatorsk, Sloviansk
    # a town the verb puts there is not described as lying there
    text = "Refugees from Mariupol reached Ukrainian-held Zaporizhzhia Oblast on 3 July 2022."
    assert not [e for e in explained(text, "2022-07-04").events
                if e.kind == "held" and e.place.name == "Mariupol"]


def test_a_facility_s_second_locator_locates_its_town_not_the_facility():
    text = ("Prosecutors accuse him of commanding in March 2022 the occupation of a "
            "psychiatric hospital in Borodianka near Kyiv.")
    held = [e for e in explained(text, "2023-05-02").events if e.kind == "held"]
    assert [e.place.name for e in held] == ["Borodianka"]
