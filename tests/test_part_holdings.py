"""Reports of a side holding part of an area unit ("fired at Ukrainian-held X Oblast", "the
Russian occupation of X Oblast") and claims of a change under way: the class of whole-unit
statuses a single descriptive phrase used to make (real spaCy pipeline, gazetteer and
boundaries; sentences written for these tests)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from geo_events.control_rules import control_rules_from_dict, load_control_rules
from geo_events.errors import DataFileError
from geo_events.events import extract_events
from geo_events.maps import _geometry
from geo_events.timeline import PART, WHOLE, ControlTimeline
from tests.test_control_picture import events_of

PROFILE = "russia-ukraine"
MELITOPOL = (35.37, 46.85)
BERDYANSK = (36.80, 46.76)


def held_events(evs, place_id):
    return [e for e in evs if e.kind == "held" and e.place.id == place_id]


def side_at(areas, lon, lat):
    import shapely

    hit = areas[areas.geometry.covers(shapely.Point(lon, lat))]
    return None if hit.empty else (hit.iloc[0]["side"], hit.iloc[0]["state"])


# -- extraction: the whole unit quantified -------------------------------------------------------
def test_a_whole_quantifier_marks_the_area_as_a_whole():
    for text in ("The Russian occupation of all of Luhansk Oblast was complete on 3 July 2022.",
                 "Shells fell across the entire Russian-occupied Kherson Oblast on 4 May 2022.",
                 "By 3 July 2022 the whole of Luhansk Oblast was under Russian control."):
        evs = [e for e in events_of((text, "2023-06-01")) if e.kind == "held"]
        assert evs and all("place.whole_unit" in e.provenance for e in evs), text
    evs = events_of(("Russian artillery struck Ukrainian-held Zaporizhzhia Oblast on "
                     "3 May 2023.", "2023-06-01"))
    held = held_events(evs, "adm1:UA.26")
    assert [e.gain for e in held] == ["UA"]
    assert "place.whole_unit" not in held[0].provenance
    evs = events_of(("By 3 July 2022 parts of Luhansk Oblast were under Russian control.",
                     "2023-06-01"))
    assert "place.partial" in held_events(evs, "adm1:UA.14")[0].provenance


# -- timeline: a part holding is no whole-unit status --------------------------------------------
def test_a_holder_adjective_on_an_oblast_is_a_part_holding_with_its_rule():
    evs = events_of(("Russian missiles hit Ukrainian-held Zaporizhzhia Oblast on 10 February "
                     "2023.", "2023-02-11"))
    tl = ControlTimeline.from_events(evs, profile=PROFILE)
    st = tl.status_at("adm1:UA.26", "2023-03-01")
    assert (st.state, st.side, st.extent) == ("held", "UA", PART)
    assert "holder-names-part" in ",".join(tl.history("adm1:UA.26")[-1].rules).split(",")
    frame = tl.statuses_at("2023-03-01")
    assert frame.set_index("place_id").loc["adm1:UA.26", "extent"] == PART
    # "the occupation of" an oblast names the part held too; "all of" keeps the whole
    evs = events_of(("The Russian occupation of Kherson Oblast began on 2 March 2022.",
                     "2022-06-01"),
                    ("The Russian occupation of all of Luhansk Oblast was complete on "
                     "3 July 2022.", "2022-08-01"))
    tl = ControlTimeline.from_events(evs, profile=PROFILE)
    assert tl.status_at("adm1:UA.08", "2022-09-01").extent == PART
    assert tl.status_at("adm1:UA.14", "2022-09-01").extent == WHOLE


@pytest.mark.skipif(not _geometry.boundaries_available(),
                    reason="embedded boundary files are not built")
def test_a_part_holding_does_not_supersede_the_towns_of_the_other_side():
    towns = events_of(("Russian forces captured Melitopol on 1 March 2022.", "2022-03-02"),
                      ("Russian troops took control of Berdyansk on 27 February 2022.",
                       "2022-02-28"), article="t")
    part = events_of(("On 10 February 2023, Russian forces fired missiles at Ukrainian-held "
                      "Zaporizhzhia Oblast.", "2023-02-11"), article="p")
    tl = ControlTimeline.from_events(towns + part, profile=PROFILE)
    areas = tl.areas_at("2023-03-01")
    # the Ukrainian-held part of the oblast does not make the occupied towns Ukrainian
    assert side_at(areas, *MELITOPOL) == ("RU", "held")
    assert side_at(areas, *BERDYANSK) == ("RU", "held")
    # a report of the whole oblast regained does
    whole = events_of(("On 10 February 2023, Ukrainian forces regained control of the whole "
                       "of Zaporizhzhia Oblast.", "2023-02-11"), article="w")
    assert {e.place.id for e in whole if e.kind == "recapture"} == {"adm1:UA.26"}
    tl = ControlTimeline.from_events(towns + whole, profile=PROFILE)
    assert tl.status_at("adm1:UA.26", "2023-03-01").extent == WHOLE


# -- a claimed change under way changes nothing --------------------------------------------------
def test_a_claim_that_troops_are_leaving_a_town_does_not_make_it_contested():
    taken = events_of(("Russian forces captured Melitopol on 1 March 2022.", "2022-03-02"))
    claim = events_of(("The mayor of Melitopol said on 13 September 2022 that Russian forces "
                       "were abandoning the city.", "2022-09-14"), article="m")
    assert [(e.kind, e.status) for e in claim] == [("contested", "claimed")]
    assert "kind.under_way_contested" in claim[0].provenance
    tl = ControlTimeline.from_events(taken + claim, profile=PROFILE)
    st = tl.status_at("Melitopol", "2022-10-01")
    assert (st.state, st.side) == ("held", "RU")
    # the writer's own report of troops leaving still makes the place contested
    reported = events_of(("On 13 September 2022 Russian forces were withdrawing from "
                          "Melitopol.", "2022-09-14"), article="r")
    assert [(e.kind, e.status) for e in reported] == [("contested", "reported")]
    tl = ControlTimeline.from_events(taken + reported, profile=PROFILE)
    assert tl.status_at("Melitopol", "2022-10-01").state == "contested"


def test_rules_file_part_holding_and_provenance_errors_name_the_problem():
    data = json.loads(load_control_rules().path.read_text())
    rules = control_rules_from_dict(data)
    assert rules.part_rule("held", ("trigger.held.hyphenated_holder",)).id == "holder-names-part"
    assert rules.part_rule("held", ("trigger.held.hyphenated_holder", "place.whole_unit")) \
        is None
    assert rules.part_rule("capture", ("trigger.held.hyphenated_holder",)) is None
    assert rules.rule_for("contested", "claimed", ("kind.under_way_contested",)).effect \
        == "none"
    assert rules.rule_for("contested", "claimed").effect == "contest"
    bad = json.loads(json.dumps(data))
    bad["part_holding"][0]["provenance"] = []
    with pytest.raises(DataFileError, match="'provenance' must be a non-empty list"):
        control_rules_from_dict(bad)
    bad = json.loads(json.dumps(data))
    bad["part_holding"][0]["effect"] = "move"
    with pytest.raises(DataFileError, match="effect"):
        control_rules_from_dict(bad)


# -- the estimate: a part holding on synthetic statuses ------------------------------------------
def _area_row(place_id, side, when, lon, lat, extent):
    import geopandas as gpd
    import shapely

    return gpd.GeoDataFrame(
        {"place_id": [place_id], "side": [side], "state": ["held"], "last_evidence": [when],
         "level": ["admin1" if place_id.startswith("adm1:") else "region"],
         "extent": [extent]}, geometry=[shapely.Point(lon, lat)], crs="EPSG:4326")


@pytest.mark.skipif(not _geometry.boundaries_available(),
                    reason="embedded boundary files are not built")
def test_the_estimate_reads_a_part_holding_as_partial_until_a_newer_area_cuts_it():
    import pandas as pd

    from geo_events.maps.area import estimate_areas

    ukraine = _geometry.country_geometry("UA")
    south_east = (34.35, 46.45)  # Kherson Oblast's left bank, no settlement near
    occupied = _area_row("adm1:UA.08", "RU", "2022-03-02", 33.6, 46.7, PART)
    est = estimate_areas(occupied, ukraine, day=date(2022, 12, 1))
    assert side_at(est, *south_east) != ("RU", "held")  # a part: no whole oblast filled
    whole = occupied.assign(extent=[WHOLE])
    assert side_at(estimate_areas(whole, ukraine, day=date(2022, 12, 1)), *south_east) \
        == ("RU", "held")
    # "the right bank liberated" later: what is left of the part holding is the part it named
    bank = _area_row("bank:right:dnipro:adm1:UA.08", "UA", "2022-11-11", 33.0, 47.0, WHOLE)
    est = estimate_areas(pd.concat([occupied, bank], ignore_index=True), ukraine,
                         day=date(2022, 12, 1))
    assert side_at(est, *south_east) == ("RU", "held")
    assert side_at(est, 33.0, 46.85) == ("UA", "held")


def test_timeline_explain_names_the_part_holding_rule(tmp_path):
    import subprocess
    import sys

    from geo_events.model import Article
    from geo_events.store import EventStore

    text = "Russian missiles hit Ukrainian-held Zaporizhzhia Oblast on 10 February 2023."
    path = tmp_path / "s.gpkg"
    with EventStore(path) as store:
        evs = extract_events(text, published=date(2023, 2, 11), profile=PROFILE,
                             article_id="doc0")
        store.add_document(Article(text=text, published=date(2023, 2, 11), id="doc0"), evs,
                           article_id="doc0")
    out = subprocess.run([sys.executable, "-m", "geo_events", "timeline", "--store", str(path),
                          "--place", "adm1:UA.26", "--as-of", "2023-03-01", "--explain"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "holder-names-part" in out.stdout
    assert "holder-names-part: part holding - " in out.stdout
    assert "UA (a part of the unit: holder-names-part) since 2023-02-10" in out.stdout
