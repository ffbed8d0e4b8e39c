"""A holding described inside someone's statement, and a holding told as lasting "since" a date
(#13, #14). Sentences written for these tests; real pipeline, ``russia-ukraine`` profile.

* ``factuality.holder_described``: a holder adjective attributive on a noun ("the
  Ukrainian-held town of X", "occupied X", "X, a town in Ukrainian-controlled Y") inside a
  party's report is background the report presupposes, not what the party asserts: it reads as
  it would outside the report (``reported``; an analyst's report stays ``assessed``). What the
  party asserts stays a claim: a change ("its forces had captured X"), a control state ("X was
  under Russian control"), the last holding a change ends ("the last Ukrainian-controlled
  town"), a holding another trigger of the clause asserts of the same noun.
* ``date.held_since`` and the timeline's ``held-since-renewed``: a holding told as lasting
  since a date ("has been under Russian occupation since March 2022", "since the Russian
  occupation of X in March 2022") runs from that date to the article's date, and its newest
  evidence is the article's date (neither held_days nor the confidence's half-life count from
  the start).
"""

from __future__ import annotations

from datetime import date

import pytest
from event_fixtures import PROFILE, events_on, rule_ids

from geo_events.timeline import ControlTimeline

DAY = "2023-06-10"
DESCRIBED = "factuality.holder_described"
SINCE = "date.held_since"
KAMIANKA = "gn:707026"  # Kamianka-Dniprovska, Zaporizhzhia Oblast


def _held(text: str, day: str = DAY) -> list:
    return [e for e in events_on(text, day) if e.kind == "held"]


# -- a descriptor inside a party's report reads as outside it ------------------------------------
@pytest.mark.parametrize(("text", "place", "side"), [
    ("Ukraine's general staff said on Tuesday that Russian units had attacked towards the "
     "Ukrainian-held town of Avdiivka.", "Avdiyivka", "UA"),
    ("Russia's defence ministry said its troops had destroyed a fuel depot in the "
     "Russian-occupied city of Melitopol.", "Melitopol", "RU"),
    ("Ukraine's military said a column of Russian armour was seen near Ukrainian-controlled "
     "Vuhledar.", "Vuhledar", "UA"),
])
def test_a_descriptor_in_a_partys_report_is_reported(text, place, side):
    (ev,) = _held(text)
    assert (ev.place.name, ev.gain, ev.status) == (place, side, "reported")
    assert DESCRIBED in ev.provenance


def test_the_same_descriptor_outside_a_report_is_reported_without_the_rule():
    (ev,) = _held("Russian units attacked towards the Ukrainian-held town of Avdiivka on "
                  "Tuesday.")
    assert (ev.gain, ev.status) == ("UA", "reported")
    assert DESCRIBED not in ev.provenance


def test_the_unit_a_town_lies_in_is_described_too():
    evs = _held("Ukraine's military said Russian forces were massing near Vuhledar, a town "
                "in Ukrainian-controlled Donetsk Oblast.")
    assert evs and all(e.status == "reported" and DESCRIBED in e.provenance for e in evs)
    assert "trigger.held.located_in_held" in {e.provenance[0] for e in evs}


def test_an_analysts_descriptor_stays_assessed():
    (ev,) = _held("Analysts at the Institute for the Study of War said Russian troops were "
                  "digging trenches around the occupied town of Tokmak.")
    assert (ev.gain, ev.status) == ("RU", "assessed")
    assert DESCRIBED not in ev.provenance


# -- what the party asserts stays a claim ---------------------------------------------------------
def test_a_change_the_party_asserts_stays_claimed():
    evs = events_on("Russia's defence ministry said its forces had captured Marinka.", DAY)
    assert [(e.kind, e.status) for e in evs] == [("capture", "claimed")]


def test_a_control_state_the_party_asserts_stays_claimed():
    (ev,) = _held("The Russian-installed governor said the town of Kakhovka was under Russian "
                  "control.")
    assert (ev.gain, ev.status) == ("RU", "claimed")
    assert DESCRIBED not in ev.provenance


def test_the_last_holding_a_change_ends_stays_claimed():
    (ev,) = _held("Moscow said its troops had taken Kupiansk, the last Ukrainian-controlled "
                  "town in the district.")
    assert (ev.gain, ev.status) == ("UA", "claimed")
    assert DESCRIBED not in ev.provenance


def test_a_descriptor_on_what_another_trigger_asserts_stays_claimed():
    evs = _held("Ukraine's military said its soldiers were still holding the "
                "Ukrainian-controlled town of Bakhmut.")
    assert evs and all(e.gain == "UA" and e.status == "claimed" for e in evs)
    assert not any(DESCRIBED in e.provenance for e in evs)


def test_a_predicate_holder_is_no_descriptor():
    evs = _held("Ukraine's military said Lysychansk remained Ukrainian-held.")
    assert not any(DESCRIBED in e.provenance for e in evs)


# -- held since a date: from that date up to the article's --------------------------------------
@pytest.mark.parametrize("text", [
    "Kamianka-Dniprovska has been under Russian occupation since March 2022.",
    "Shops have been closed since the Russian occupation of Kamianka-Dniprovska in March 2022.",
])
def test_a_holding_since_a_date_runs_to_the_articles_date(text):
    (ev,) = _held(text)
    assert (ev.place.id, ev.gain) == (KAMIANKA, "RU")
    assert (ev.date_from, ev.date_to) == (date(2022, 3, 1), date(2023, 6, 10))
    assert SINCE in ev.provenance


@pytest.mark.parametrize("text", [
    "Kamianka-Dniprovska has been occupied by Russia since March 2022.",
    "Kamianka-Dniprovska, which Russian troops have occupied since March 2022, lost power.",
])
def test_occupied_since_a_date_is_a_holding_not_a_change(text):
    evs = [e for e in events_on(text, DAY) if e.place.id == KAMIANKA]
    assert [(e.kind, e.gain) for e in evs] == [("held", "RU")]
    assert (evs[0].date_from, evs[0].date_to) == (date(2022, 3, 1), date(2023, 6, 10))
    assert SINCE in evs[0].provenance


def test_occupied_on_a_date_stays_a_change():
    evs = events_on("Russian troops occupied Kamianka-Dniprovska in March 2022.", DAY)
    assert [(e.kind, e.gain) for e in evs] == [("capture", "RU")]
    assert SINCE not in evs[0].provenance


@pytest.mark.parametrize("text", [
    "The Russian occupation of Kamianka-Dniprovska began in March 2022.",
    "Residents of the Russian-occupied town of Kamianka-Dniprovska said in March 2022 that "
    "the shops had closed.",
])
def test_a_holding_on_a_date_is_no_holding_since(text):
    (ev,) = _held(text)
    assert (ev.date_from, ev.date_to) == (date(2022, 3, 1), date(2022, 3, 31))
    assert SINCE not in ev.provenance


def test_the_end_of_an_occupation_since_a_date_is_no_holding():
    evs = events_on("Aid has flowed in since the end of the Russian occupation of Snihurivka "
                    "in November 2022.", DAY)
    assert [e.kind for e in evs] == ["recapture"]
    assert SINCE not in evs[0].provenance


def test_a_holding_since_a_date_is_fresh_at_the_articles_date():
    evs = _held("Kamianka-Dniprovska has been under Russian occupation since March 2022.")
    tl = ControlTimeline.from_events(evs, profile=PROFILE)
    # held from the date told, without a lapse before the article
    for day in ("2022-03-15", "2023-03-15", "2023-06-10"):
        st = tl.status_at(KAMIANKA, day)
        assert (st.state, st.side) == ("held", "RU"), day
    st = tl.status_at(KAMIANKA, "2023-06-10")
    assert st.last_evidence == date(2023, 6, 10)
    assert st.confidence > tl.status_at(KAMIANKA, "2023-03-15").confidence
    first = tl.history(KAMIANKA)[0]
    assert "held-since-renewed" in rule_ids(first)
    assert [e.id for e in first.events] == [evs[0].id]  # the one report, listed once
    # held_days count from the article's date
    assert tl.status_at(KAMIANKA, "2024-03-01").state == "held"
    assert tl.history(KAMIANKA)[-1].state == "unknown"
    assert tl.history(KAMIANKA)[-1].date > date(2024, 6, 1)


# -- a third country's authority is an assessor ---------------------------------------------------
THIRD = "factuality.third_country_assessor"


def test_a_third_countrys_ministry_assesses_a_change():
    (ev,) = events_on("The UK's defence ministry said Russian forces had captured Marinka.", DAY)
    assert (ev.kind, ev.status) == ("capture", "assessed")
    assert THIRD in ev.provenance


def test_a_descriptor_in_a_third_countrys_report_is_its_assessment():
    evs = _held("US officials said Russian forces were attacking towards Vuhledar, a town in "
                "Ukrainian-controlled Donetsk Oblast.")
    assert evs and all(e.status == "assessed" and THIRD in e.provenance for e in evs)
    assert not any(DESCRIBED in e.provenance for e in evs)


@pytest.mark.parametrize(("text", "status"), [
    ("Russia's defence ministry said its forces had captured Marinka.", "claimed"),
    ("Officials said Russian forces had captured Marinka.", "claimed"),
    # a third country's armed men may fight for a side
    ("A Georgian army volunteer said Russian forces had captured Marinka.", "claimed"),
    # an assessor noun assesses by itself, no country needed
    ("British intelligence said Russian forces had captured Marinka.", "assessed"),
])
def test_a_party_or_an_assessor_is_no_third_country(text, status):
    (ev,) = events_on(text, DAY)
    assert ev.status == status
    assert THIRD not in ev.provenance


def test_a_country_aligned_with_a_side_is_no_third_country():
    # Belarus is in russia-ukraine's "aligned": its ministry's word is a party's claim
    (ev,) = events_on("The Belarusian defence ministry said Russian forces had captured "
                      "Marinka.", DAY)
    assert (ev.kind, ev.status) == ("capture", "claimed")
    assert THIRD not in ev.provenance


def test_aligned_must_be_country_codes(tmp_path):
    import json

    from geo_events.errors import ProfileFileError
    from geo_events.events.profiles import load_profile

    path = tmp_path / "p.json"
    path.write_text(json.dumps({"id": "p", "sides": [{"id": "A"}, {"id": "B"}],
                                "countries": ["UA"], "aligned": ["Belarus"]}))
    with pytest.raises(ProfileFileError, match="'aligned'"):
        load_profile(path)
    path.write_text(json.dumps({"id": "p", "sides": [{"id": "A"}, {"id": "B"}],
                                "countries": ["UA"], "aligned": ["by"]}))
    assert load_profile(path).aligned == ("BY",)
