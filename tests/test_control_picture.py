"""The control picture: evidence-weighted statuses, area events, starting state, baseline layers,
statuses_at / areas_at and their exports (real spaCy pipeline, gazetteer and boundaries;
sentences written for these tests)."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from datetime import date

import geopandas as gpd
import pytest
import shapely
from event_fixtures import PROFILE, events_of

from geo_events.areas import area_contains, area_geometry, direction_of
from geo_events.control_rules import control_rules_from_dict, load_control_rules
from geo_events.control_start import load_baseline
from geo_events.errors import DataFileError, InputError, ProfileError
from geo_events.events import extract_events
from geo_events.events.profiles import profile_from_dict
from geo_events.model import Article
from geo_events.store import EventStore
from geo_events.timeline import STATUS_COLUMNS, ControlTimeline


# -- evidence -------------------------------------------------------------------------------
def test_a_claim_shows_claimed_and_a_concession_moves_control():
    claim = events_of(("Russia's defence ministry claimed on Tuesday that its troops had "
                       "captured Vuhledar.", "2024-09-24"))
    assert [e.status for e in claim] == ["claimed"]
    tl = ControlTimeline.from_events(claim, profile=PROFILE)
    st = tl.status_at("Vuhledar", "2024-09-25")
    assert (st.state, st.claimant, st.side) == ("claimed", "RU", None)
    conceded = events_of(("Ukrainian officials acknowledged on Monday that Russian forces had "
                          "taken Vuhledar after weeks of fighting.", "2024-10-01"), article="b")
    tl = ControlTimeline.from_events(claim + conceded, profile=PROFILE)
    st = tl.status_at("Vuhledar", "2024-10-02")
    assert (st.state, st.side) == ("held", "RU")
    assert st.since == claim[0].date_from  # confirmed within claim_confirm_days: from the claim
    assert {claim[0].id, conceded[0].id} <= set(st.evidence)
    assert 0 < st.confidence <= 0.9


def test_a_denial_cancels_a_claim():
    evs = events_of(("Moscow claimed on Sunday that its forces had captured Vuhledar.",
                     "2024-09-22"),
                    ("Ukraine's general staff denied on Tuesday that Russian troops had "
                     "captured Vuhledar.", "2024-09-24"))
    assert {e.status for e in evs} == {"claimed", "denied"}
    tl = ControlTimeline.from_events(evs, profile=PROFILE)
    assert tl.status_at("Vuhledar", "2024-09-25").state == "unknown"


# -- area events ----------------------------------------------------------------------------
BUCHA = ("Russian forces captured Bucha on 27 February.", "2022-03-01")
KYIV_REGION = ("Russian forces withdrew from the Kyiv region at the end of March, the Pentagon "
               "said.", "2022-04-02")


def test_an_area_event_reported_twice_updates_the_settlements_in_it():
    bucha = events_of(BUCHA)
    one = events_of(KYIV_REGION, article="x")
    two = events_of(KYIV_REGION, article="y")
    assert one and one[0].place.id == "adm1:UA.13"
    tl = ControlTimeline.from_events(bucha + one, profile=PROFILE)
    assert tl.status_at("Bucha", "2022-04-05").side == "RU"  # one article is not enough
    tl = ControlTimeline.from_events(bucha + one + two, profile=PROFILE)
    st = tl.status_at("Bucha", "2022-04-05")
    assert (st.state, st.side) == ("held", "UA")
    assert set(st.evidence) == {one[0].id, two[0].id}
    assert tl.area_events and tl.area_events[0]["place_id"] == "adm1:UA.13"


def test_an_area_change_one_chronicle_restates_on_several_days_updates_the_settlements():
    """``area_min_report_days``: one article reporting an oblast's liberation as fact and
    restating it (the gaining side's statements) on other days confirms the area event; the
    same article saying it on fewer days does not."""
    def chronicle(*texts: str):
        return [e for t in texts for e in extract_events(
            t, published=date(2022, 5, 1), profile=PROFILE, article_id="chronicle")]

    lebedyn = events_of(("Russian troops captured Lebedyn on 2 March.", "2022-03-05"))
    done = "On 4 April, Russian forces withdrew from Sumy Oblast."
    again = ("On 7 April, the governor said that all Russian troops had left Sumy Oblast.",
             "On 8 April, Ukrainian officials said that Russian forces had withdrawn from "
             "Sumy Oblast.")
    full = chronicle(done, *again)
    assert [(e.place.id, e.status, e.gain) for e in full] == [
        ("adm1:UA.21", "reported", "UA"), ("adm1:UA.21", "claimed", "UA"),
        ("adm1:UA.21", "claimed", "UA")]
    tl = ControlTimeline.from_events(lebedyn + full, profile=PROFILE)
    st = tl.status_at("Lebedyn", "2022-04-05")
    assert (st.state, st.side) == ("held", "UA")
    assert set(st.evidence) == {e.id for e in full}
    assert [(a["place_id"], a["date"]) for a in tl.area_events] == [
        ("adm1:UA.21", date(2022, 4, 4))]
    assert tl.status_at("Lebedyn", "2022-04-03").side == "RU"
    # one chronicle moves the settlements; only area_min_articles articles make the whole
    # oblast a known polygon for the area estimate
    assert "area-event" not in set(tl.known_at("2022-04-10")["kind"])
    other = extract_events(done, published=date(2022, 4, 20), profile=PROFILE,
                           article_id="another")
    tl = ControlTimeline.from_events(lebedyn + full + other, profile=PROFILE)
    assert "area:adm1:UA.21" in set(tl.known_at("2022-04-10")["id"])
    # two days of one article are not enough (area_min_report_days = 3) ...
    tl = ControlTimeline.from_events(lebedyn + chronicle(done, again[0]), profile=PROFILE)
    assert tl.status_at("Lebedyn", "2022-04-10").side == "RU" and not tl.area_events
    # ... nor are claims alone, on any number of days
    tl = ControlTimeline.from_events(lebedyn + chronicle(*again), profile=PROFILE)
    assert tl.status_at("Lebedyn", "2022-04-10").side == "RU" and not tl.area_events
    # the parameter is data: 2 days suffice when the rules file says so
    data = json.loads(load_control_rules().path.read_text(encoding="utf-8"))
    data["parameters"]["area_min_report_days"]["value"] = 2
    tl = ControlTimeline.from_events(lebedyn + chronicle(done, again[0]), profile=PROFILE,
                                     rules=control_rules_from_dict(data))
    assert tl.status_at("Lebedyn", "2022-04-10").side == "UA"


def test_area_geometry_parts_and_river_banks():
    right = area_geometry("bank:right:dnipro:adm1:UA.08")
    left = area_geometry("bank:left:dnipro:adm1:UA.08")
    assert right is not None and left is not None and right.area < left.area
    assert area_contains("bank:right:dnipro:adm1:UA.08", 32.61, 46.64, "UA.08")  # Kherson
    assert area_contains("bank:left:dnipro:adm1:UA.08", 33.37, 46.76, "UA.08")  # Nova Kakhovka
    assert not area_contains("bank:left:dnipro:adm1:UA.08", 32.61, 46.64, "UA.08")
    west = area_geometry("part:western:adm1:UA.08")
    assert west is not None and west.bounds[2] < area_geometry("adm1:UA.08").bounds[2]
    assert direction_of("north-eastern") == (1, 1) and direction_of("Northern") == (0, 1)
    assert area_geometry("part:upper:adm1:UA.08") is None
    assert area_geometry("bank:right:volga:adm1:UA.08") is None
    assert area_geometry("part:north:gn:706483") is not None  # north of Kharkiv


# -- starting state and baseline ------------------------------------------------------------
def test_the_profile_starting_state_holds_crimea_and_donetsk():
    evs = events_of(BUCHA)
    tl = ControlTimeline.from_events(evs, profile=PROFILE)
    frame = tl.statuses_at("2022-03-05")
    assert list(frame.columns) == [*STATUS_COLUMNS, "geometry"]
    donetsk = frame[frame["place_id"] == "gn:709717"].iloc[0]
    assert (donetsk["side"], donetsk["state"]) == ("RU", "held")
    assert donetsk["evidence_ids"] == ["start:dpr-lpr-2022"]
    assert set(frame.loc[frame["name"] == "Simferopol", "side"]) == {"RU"}
    assert "gn:709717" not in set(ControlTimeline.from_events(
        evs, profile=PROFILE, start=False).statuses_at("2022-03-05")["place_id"])


def test_a_bad_start_section_is_a_profile_error():
    base = {"id": "x", "sides": [{"id": "A"}, {"id": "B"}]}
    with pytest.raises(ProfileError, match="source"):
        profile_from_dict({**base, "start": {"date": "2020-01-01", "entries": [
            {"id": "e", "side": "A", "since": "2020-01-01", "areas": ["adm1:UA.11"]}]}})
    with pytest.raises(ProfileError, match="side 'C'"):
        profile_from_dict({**base, "start": {"date": "2020-01-01", "entries": [
            {"id": "e", "side": "C", "since": "2020-01-01", "areas": ["adm1:UA.11"],
             "source": "s"}]}})


def _baseline_file(tmp_path, side="RU", day="2022-03-10"):
    # a box around Irpin and Bucha, written for this test
    frame = gpd.GeoDataFrame({"side": [side], "date": [day]},
                             geometry=[shapely.box(30.1, 50.45, 30.35, 50.6)], crs="EPSG:4326")
    path = tmp_path / "baseline.geojson"
    frame.to_file(path, driver="GeoJSON")
    return path


def test_a_baseline_layer_is_the_picture_reporting_updates(tmp_path):
    path = _baseline_file(tmp_path)
    base = load_baseline(path)
    irpin = ("Ukrainian troops recaptured Irpin on 28 March.", "2022-03-29")
    evs = events_of(irpin, ("Russian forces captured Bucha on 27 February.", "2022-03-01"),
                    ("Russian forces captured Kupiansk on 27 February.", "2022-03-01"))
    tl = ControlTimeline.from_events(evs, profile=PROFILE, baseline=base)
    assert tl.status_at("Irpin", "2022-03-20").side == "RU"  # the baseline
    # one article against the baseline: held like a claim until confirmed
    st = tl.status_at("Irpin", "2022-03-29")
    assert (st.state, st.claimant, st.side) == ("claimed", "UA", "RU")
    tl = ControlTimeline.from_events(evs + events_of(irpin, article="other"), profile=PROFILE,
                                     baseline=base)
    assert tl.status_at("Irpin", "2022-03-29").side == "UA"  # reporting after it, twice
    assert tl.status_at("Bucha", "2022-03-20").evidence[-1] == "baseline:0"
    # a one-sided baseline leaves the rest of the country to the other side
    kupiansk = next(e.place.id for e in evs if e.place.name.startswith("Kup"))
    st = tl.status_at(kupiansk, "2022-03-20")
    assert (st.side, st.evidence[-1]) == ("UA", "baseline:outside")
    with pytest.raises(DataFileError, match="side"):
        gpd.GeoDataFrame({"x": [1]}, geometry=[shapely.box(0, 0, 1, 1)],
                         crs="EPSG:4326").to_file(tmp_path / "bad.geojson", driver="GeoJSON")
        load_baseline(tmp_path / "bad.geojson")


def test_areas_at_has_sides_unknown_and_the_date():
    tl = ControlTimeline.from_events(events_of(BUCHA, ("Ukrainian forces held Kharkiv on 1 "
                                                       "March.", "2022-03-02")), profile=PROFILE)
    areas = tl.areas_at("2022-03-05")
    assert {"side", "state", "date", "method"} <= set(areas.columns)
    assert "RU" in set(areas["side"]) and "unknown" in set(areas["state"])
    assert set(areas["date"]) == {"2022-03-05"}
    ru = areas.loc[(areas["side"] == "RU") & (areas["state"] == "held")].geometry.iloc[0]
    assert ru.contains(shapely.Point(34.1, 44.95))  # Simferopol: the starting state


# -- rules file -----------------------------------------------------------------------------
def test_rules_file_schema_errors_name_the_problem():
    data = json.loads(load_control_rules().path.read_text())
    rules = control_rules_from_dict(data)
    assert rules.rule_for("capture", "claimed").effect == "claim"
    assert rules.rule_for("contested", "reported").effect == "contest"
    bad = json.loads(json.dumps(data))
    bad["evidence"][0]["effect"] = "flip"
    with pytest.raises(DataFileError, match="effect 'flip'"):
        control_rules_from_dict(bad)
    bad = json.loads(json.dumps(data))
    bad["parameters"]["half_life_days"]["value"] = 0
    with pytest.raises(DataFileError, match="half_life_days"):
        control_rules_from_dict(bad)


# -- command line ---------------------------------------------------------------------------
def _store(tmp_path):
    path = tmp_path / "s.gpkg"
    with EventStore(path) as store:
        for i, (text, day) in enumerate((BUCHA, KYIV_REGION, KYIV_REGION)):
            key = f"doc{i}"
            evs = extract_events(text, published=date.fromisoformat(day), profile=PROFILE,
                                 article_id=key)
            store.add_document(Article(text=text, published=date.fromisoformat(day), id=key),
                               evs, article_id=key)
    return path


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "geo_events", *args], capture_output=True,
                          text=True)


def test_cli_exports_status_and_control_area_and_explains(tmp_path):
    store = _store(tmp_path)
    out = tmp_path / "status.geojson"
    r = _cli("export", "--store", str(store), "--format", "status", "--as-of", "2022-04-05",
             "--profile", PROFILE, "-o", str(out))
    assert r.returncode == 0, r.stderr
    frame = gpd.read_file(out)
    bucha = frame[frame["name"] == "Bucha"].iloc[0]
    assert (bucha["side"], bucha["state"]) == ("UA", "held")
    assert str(bucha["date"])[:10] == "2022-04-05"
    area = tmp_path / "area.gpkg"
    r = _cli("export", "--store", str(store), "--format", "control-area", "--as-of",
             "2022-04-05", "--profile", PROFILE, "-o", str(area))
    assert r.returncode == 0, r.stderr
    assert "unknown" in set(gpd.read_file(area, layer="control_area")["state"])
    r = _cli("timeline", "--store", str(store), "--place", "Bucha", "--profile", PROFILE,
             "--as-of", "2022-04-05", "--explain")
    assert r.returncode == 0, r.stderr
    assert "area-event:adm1:UA.13" in r.stdout and "half_life_days" in r.stdout
    r = _cli("export", "--store", str(store), "--format", "status", "-o",
             str(tmp_path / "x.csv"))
    assert r.returncode == 2 and "Traceback" not in r.stderr and ".gpkg" in r.stderr
    r = _cli("timeline", "--store", str(store), "--place", "Bucha", "--baseline",
             str(tmp_path / "missing.geojson"))
    assert r.returncode == 2 and "Traceback" not in r.stderr and "missing.geojson" in r.stderr


def test_one_article_against_the_baseline_stays_a_claim_even_after_fighting(tmp_path):
    base = load_baseline(_baseline_file(tmp_path))
    fight = events_of(("Heavy fighting continued in Irpin on Friday.", "2022-03-18"))
    retaken = events_of(("Ukrainian troops recaptured Irpin on 28 March.", "2022-03-29"),
                        article="b")
    assert [e.kind for e in fight] == ["contested"]
    tl = ControlTimeline.from_events(fight + retaken, profile=PROFILE, baseline=base)
    assert tl.status_at("Irpin", "2022-03-18").state == "contested"
    st = tl.status_at("Irpin", "2022-03-29")
    assert (st.state, st.claimant) == ("claimed", "UA")  # the baseline is still the picture
    again = events_of(("Ukrainian troops recaptured Irpin on 28 March.", "2022-03-30"),
                      article="c")
    tl = ControlTimeline.from_events(fight + retaken + again, profile=PROFILE, baseline=base)
    st = tl.status_at("Irpin", "2022-03-30")
    assert (st.state, st.side, st.since) == ("held", "UA", date(2022, 3, 28))


def test_areas_at_covers_every_country_of_the_conflict():
    # a profile of our own over two countries, no starting state: places in both
    prof = profile_from_dict({"id": "two-countries", "countries": ["UA", "MD"],
                              "sides": [{"id": "A"}, {"id": "B"}]})
    assert list(prof.countries) == ["UA", "MD"]
    from geo_events.model import Event, Place

    def ev(pid, name, lat, lon, cc, side):
        place = Place(id=pid, name=name, level="populated_place", latitude=lat, longitude=lon,
                      country_code=cc)
        return Event("capture", place, date(2023, 5, 1), date(2023, 5, 1), "day",
                     gain=side, status="reported", article_id=pid)

    evs = [ev("gn:1", "Village One", 48.0, 37.8, "UA", "A"),
           ev("gn:2", "Village Two", 47.0, 28.8, "MD", "B")]
    tl = ControlTimeline.from_events(evs, profile=prof)
    assert tl.countries == ["UA", "MD"] and list(tl.regions()) == ["UA", "MD"]
    areas = tl.areas_at("2023-05-02")
    held = areas[areas["state"] == "held"].set_index("side")
    assert held.loc["A"].geometry.contains(shapely.Point(37.8, 48.0))
    assert held.loc["B"].geometry.contains(shapely.Point(28.8, 47.0))  # not only the first
    assert list(areas["state"]).count("unknown") == 1  # one row per side and state
    assert areas["date"].eq("2023-05-02").all()


def test_the_border_with_a_sides_own_country_is_its_rear():
    # Russia holds Russia (the profile's starting state): Russian-held settlements near the
    # border connect to it; the border itself is not painted without a settlement
    tl = ControlTimeline.from_events(events_of(
        ("Russian forces captured Svatove on 1 March.", "2022-03-02"),
        ("Russian forces captured Starobilsk on 1 March.", "2022-03-02")), profile=PROFILE)
    assert "russia" in {e.id for e in tl.profile.start.entries}
    known = tl.known.set_index("id")  # the line of contact stays on Ukraine's ground
    assert known.loc["start:dpr-lpr-2022"].geometry.difference(tl.region()).area < 1e-9
    from geo_events.maps.control import _start_features  # Russia itself is not drawn

    assert {f["properties"]["side"] for f in _start_features(tl)["features"]} == {"RU"}
    assert len(_start_features(tl)["features"]) == 2
    ru = tl.areas_at("2022-03-10")
    ru = ru[(ru["side"] == "RU") & (ru["state"] == "held")].geometry.iloc[0]
    assert ru.contains(shapely.Point(39.3, 49.55))  # between Starobilsk and the border
    assert not ru.contains(shapely.Point(34.6, 51.2))  # the Sumy border: nothing reported


def test_a_raion_of_the_users_boundary_file_is_an_area_on_the_cli(tmp_path):
    from geo_events.areas import _USER_PLACES, _USER_UNITS, area_geometry

    # our own boundary file: a box around Izium named as a raion, and a second unit
    raions = tmp_path / "raions.geojson"
    gpd.GeoDataFrame({"name": ["Izium Raion", "Elsewhere"]},
                     geometry=[shapely.box(36.8, 48.9, 37.7, 49.5),
                               shapely.box(30.0, 50.0, 30.5, 50.5)],
                     crs="EPSG:4326").to_file(raions, driver="GeoJSON")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Russian forces captured Izium on 1 April 2022.")
    for name, who in (("b", "forces"), ("c", "troops")):  # two articles: confirmed
        (docs / f"{name}.txt").write_text(
            f"Russian {who} withdrew from Izium Raion on 10 September 2022.")
    store = tmp_path / "s.gpkg"
    try:
        r = _cli("run", str(docs), "--store", str(store), "--profile", PROFILE, "--quiet",
                 "--published", "2022-09-12", "--areas", str(raions))
        assert r.returncode == 0, r.stderr
        with EventStore(store, create=False) as s:
            ids = {e.place.id for e in s.events()}
        assert any(i.startswith("adm2:raions:") for i in ids)
        args = ("--store", str(store), "--profile", PROFILE)
        r = _cli("timeline", *args, "--place", "Izium", "--as-of", "2022-09-12", "--explain",
                 "--areas", str(raions))
        assert r.returncode == 0, r.stderr
        assert "area-event:adm2:raions:" in r.stdout
        out = tmp_path / "status.geojson"
        for extra, side in (((), "RU"), (("--areas", str(raions)), "UA")):
            r = _cli("export", *args, "--format", "status", "--as-of", "2022-09-12",
                     "-o", str(out), *extra)
            assert r.returncode == 0, r.stderr
            frame = gpd.read_file(out)
            assert set(frame.loc[frame["place_id"] == "gn:707292", "side"]) == {side}  # Izium
        r = _cli("map", str(store), "-o", str(tmp_path / "m.html"), "--profile", PROFILE,
                 "--areas", str(tmp_path / "missing.geojson"))
        assert r.returncode == 2 and "Traceback" not in r.stderr
        assert "missing.geojson" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    finally:  # the registry is per process: leave none of this test's units behind
        _USER_UNITS.clear()
        _USER_PLACES.clear()
        area_geometry.cache_clear()


def test_cli_timeline_shows_the_sentences_of_the_area_events_that_moved_a_settlement(tmp_path):
    """A settlement moved by an area event ("withdrew from the Kyiv region") has no event of
    its own: the timeline prints the area events' sentences as its reports, plain, explained
    and as JSON event ids, so every change traces to a sentence."""
    store = _store(tmp_path)
    with EventStore(store, create=False) as s:
        area_ids = {e.id for e in s.events() if e.place.id == "adm1:UA.13"}
    assert len(area_ids) == 2
    sentence = KYIV_REGION[0]
    r = _cli("timeline", "--store", str(store), "--place", "Bucha", "--profile", PROFILE,
             "--as-of", "2022-04-05")
    assert r.returncode == 0, r.stderr
    change = r.stdout.split("RU -> UA", 1)[1]
    assert "(2 report(s): reported)" in change.splitlines()[0]
    assert sentence in change and "(area event: " in change and "adm1:UA.13)" in change
    r = _cli("timeline", "--store", str(store), "--place", "Bucha", "--profile", PROFILE,
             "--as-of", "2022-04-05", "--explain")
    assert r.returncode == 0, r.stderr
    change = r.stdout.split("RU -> UA", 1)[1].split("status on", 1)[0]
    assert sentence in change and "known layer or area event" not in change
    r = _cli("timeline", "--store", str(store), "--place", "Bucha", "--profile", PROFILE,
             "--json")
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    moved = next(row for row in rows if row["status"] == "UA")
    assert set(moved["event_ids"]) == area_ids
    assert moved["rules"] == ["area-event:adm1:UA.13"]


def test_a_baseline_side_the_profile_does_not_have_is_a_one_line_error(tmp_path):
    path = _baseline_file(tmp_path, side="RUS")
    evs = events_of(BUCHA)
    with pytest.raises(DataFileError, match=r"feature 0 has side 'RUS'.*use one of RU, UA"):
        ControlTimeline.from_events(evs, profile=PROFILE, baseline=path)
    # with no profile given, the events' own profile names the sides
    with pytest.raises(DataFileError, match="'RUS'"):
        ControlTimeline.from_events(evs, baseline=path)
    store = _store(tmp_path)
    for args in (("timeline", "--store", str(store), "--place", "Bucha"),
                 ("export", "--store", str(store), "--format", "status", "-o",
                  str(tmp_path / "st.geojson"))):
        r = _cli(*args, "--profile", PROFILE, "--baseline", str(path))
        assert r.returncode == 2, r.stderr
        assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
        assert "'RUS'" in r.stderr and "baseline.geojson" in r.stderr
    assert not (tmp_path / "st.geojson").exists()


def test_a_misspelt_top_level_profile_key_is_named():
    base = {"id": "p", "sides": [{"id": "A"}, {"id": "B"}]}
    assert profile_from_dict(base).id == "p"
    with pytest.raises(ProfileError, match="unknown key 'sidez'"):
        profile_from_dict({"id": "p", "sidez": base["sides"]})


def test_a_claim_confirmed_within_its_window_dates_the_change_and_is_its_evidence():
    """A claim and the same side's confirmed capture a day or two later (one window) make one
    move dated from the claim with both behind it, as a claim confirmed weeks later does: a
    quick confirmation must not date the change later or drop the claim."""
    claim = events_of(("Russia's defence ministry claimed on Tuesday that its troops had "
                       "captured Vuhledar.", "2024-09-25"))
    footage = events_of(("Geolocated footage published on Thursday showed Russian soldiers "
                         "raising a flag in the centre of Vuhledar.", "2024-09-27"), article="b")
    assert [e.status for e in claim] == ["claimed"]
    assert len(footage) == 1 and footage[0].gain == "RU"
    assert footage[0].status in ("reported", "assessed")
    assert 0 < (footage[0].date_from - claim[0].date_from).days < 3  # one window
    for later in (footage, [replace(footage[0], date_from=date(2024, 10, 10),
                                    date_to=date(2024, 10, 10))]):
        tl = ControlTimeline.from_events(claim + later, profile=PROFILE)
        st = tl.status_at("Vuhledar", "2024-10-15")
        assert (st.state, st.side, st.since) == ("held", "RU", claim[0].date_from)
        assert set(st.evidence) == {claim[0].id, later[0].id}


def test_an_empty_baseline_file_says_it_holds_no_features(tmp_path):
    path = tmp_path / "empty.geojson"
    path.write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    with pytest.raises(InputError, match="holds no features"):
        load_baseline(path)
