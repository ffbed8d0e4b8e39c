"""Presumed holding (#14): an attack on a settlement by one side presumes the other side holds
it (evidence rules of effect ``presume``: ``shelled-held-by-other``,
``attacked-held-by-other``), never changes a status, and lapses unless renewed. Sentences
written for these tests."""

from __future__ import annotations

from datetime import date

import pytest
from event_fixtures import PROFILE, events_on, rule_ids

from geo_events.control_rules import control_rules_from_dict, load_control_rules
from geo_events.errors import DataFileError
from geo_events.timeline import ControlTimeline

KOST = "gn:705104"  # Kostiantynivka, Donetsk Oblast


def events_of(text: str, day: str = "2022-06-01", article: str = "a"):
    return events_on(text, day, article)


def test_shelling_by_one_side_presumes_the_other_holds_the_settlement():
    evs = events_of("Russian artillery shelled Kostiantynivka on 3 May.")
    assert [(e.kind, e.place.id) for e in evs] == [("shelling", KOST)]
    tl = ControlTimeline.from_events(evs, profile=PROFILE)
    assert tl.status_at(KOST, "2022-05-02").state == "unknown"
    st = tl.status_at(KOST, "2022-05-10")
    assert (st.state, st.side, st.since) == ("held", "UA", date(2022, 5, 3))
    assert rule_ids(tl.history(KOST)[0]) == {"shelled-held-by-other"}
    # the other way round: Ukrainian fire on a town presumes it Russian-held
    evs = events_of("On 5 May, Ukrainian forces shelled Nova Kakhovka.")
    tl = ControlTimeline.from_events(evs, profile=PROFILE)
    assert tl.status_at("Nova Kakhovka", "2022-05-06").side == "RU"


def test_a_presumption_never_changes_a_reported_status():
    capture = events_of("Russian forces captured Soledar on 20 May.", article="c")
    shelled = events_of("Russian artillery shelled Soledar on 2 June.", article="s")
    tl = ControlTimeline.from_events(capture + shelled, profile=PROFILE)
    # (a slip, or fire on the town's outskirts: the capture stands)
    assert tl.status_at("Soledar", "2022-06-10").side == "RU"
    # before the capture the fire presumed it Ukrainian; the capture moves it
    early = events_of("Russian artillery shelled Soledar on 2 May.", article="e")
    tl = ControlTimeline.from_events(early + capture, profile=PROFILE)
    assert tl.status_at("Soledar", "2022-05-10").side == "UA"
    st = tl.status_at("Soledar", "2022-05-21")
    assert (st.side, st.since) == ("RU", date(2022, 5, 20))


def test_an_attack_on_an_area_unit_presumes_nothing():
    evs = events_of("On 6 May, Russian forces shelled Zaporizhzhia Oblast.")
    assert [e.place.level for e in evs] == ["admin1"]
    tl = ControlTimeline.from_events(evs, profile=PROFILE)
    assert tl.status_at(evs[0].place.id, "2022-05-10").state == "unknown"


def test_presumptions_lapse_unless_renewed():
    assault = events_of("Russian troops assaulted Soledar on 10 May, but were repelled.")
    assert [e.kind for e in assault] == ["attack"]
    tl = ControlTimeline.from_events(assault, profile=PROFILE)
    rules = load_control_rules()
    lapse = next(r for r in rules.rules if r.id == "attacked-held-by-other").lapse_days
    assert lapse is not None and lapse > 0
    assert tl.status_at("Soledar", "2022-05-11").side == "UA"
    last = tl.history("Soledar")[-1]
    assert last.state == "unknown" and rule_ids(last) == {"presumption-lapsed"}
    assert (last.date - date(2022, 5, 10)).days == lapse
    # fire from afar lapses after presume_days; new fire renews it
    fire = events_of("Russian artillery shelled Kostiantynivka on 3 May.", article="f1")
    again = events_of("On 1 July, Russian artillery shelled Kostiantynivka again.",
                      day="2022-07-02", article="f2")
    tl = ControlTimeline.from_events(fire + again, profile=PROFILE)
    end = tl.history(KOST)[-1]
    assert end.state == "unknown"
    assert (end.date - date(2022, 7, 1)).days == rules.presume_days


def test_lapse_days_only_on_a_presume_rule():
    base = {"parameters": {k: {"value": v} for k, v in {
        "window_days": 3, "claim_confirm_days": 30, "half_life_days": 120,
        "area_min_articles": 2, "area_min_report_days": 3, "known_overturn_articles": 2,
        "held_overturn_articles": 2, "front_radius_km": 20, "front_min_places": 2,
        "front_stale_days": 30, "front_weight": 0.5, "start_weight": 0.95,
        "baseline_weight": 0.95, "area_weight": 0.8, "ranged_change_days": 3,
        "own_change_over_quotes": 1, "presume_days": 365, "held_days": 365,
        "held_recalled_days": 60}.items()}}
    ok = dict(base, evidence=[{"id": "p", "kinds": ["attack"], "statuses": ["reported"],
                               "effect": "presume", "weight": 0.2, "lapse_days": 30}])
    assert control_rules_from_dict(ok).rules[0].lapse_days == 30
    bad = dict(base, evidence=[{"id": "m", "statuses": ["reported"], "effect": "move",
                                "weight": 0.9, "lapse_days": 30}])
    with pytest.raises(DataFileError, match="lapse_days"):
        control_rules_from_dict(bad)
