"""A report of holding told as a look back holds the place only for its own dates (#13,
#14, rule ``held-recalled-lapsed``, parameter ``held_recalled_days``): an article that says
"in April 2022 the town was Russian-occupied", published a year later, tells who held the
town then, not since. Sentences written for these tests; real pipeline."""

from __future__ import annotations

from datetime import date, timedelta

from event_fixtures import PROFILE, events_on, rule_ids, rules_with

from geo_events.control_rules import load_control_rules
from geo_events.timeline import ControlTimeline

KAMIANKA = "gn:707026"  # Kamianka-Dniprovska, Zaporizhzhia Oblast

LOOK_BACK = ("Residents of the Russian-occupied town of Kamianka-Dniprovska said in April 2022 "
             "that the shops had closed.")


def test_a_look_back_holding_lapses_after_its_own_dates():
    evs = events_on(LOOK_BACK, "2023-03-10")
    assert [(e.kind, e.place.id, e.date_from, e.date_to) for e in evs] == [
        ("held", KAMIANKA, date(2022, 4, 1), date(2022, 4, 30))]
    assert load_control_rules().held_recalled_days > 0
    tl = ControlTimeline.from_events(evs, profile=PROFILE)
    st = tl.status_at(KAMIANKA, "2022-04-15")
    assert (st.state, st.side) == ("held", "RU")
    last = tl.history(KAMIANKA)[-1]
    assert last.state == "unknown" and rule_ids(last) == {"held-recalled-lapsed"}
    assert last.date == date(2022, 5, 1)
    assert KAMIANKA not in set(tl.statuses_at("2022-06-01")["place_id"])


def test_the_same_holding_reported_at_the_time_lapses_after_held_days():
    # the same words published within the month: no look back
    evs = events_on(LOOK_BACK, "2022-05-02")
    tl = ControlTimeline.from_events(evs, profile=PROFILE)
    st = tl.status_at(KAMIANKA, "2022-09-01")
    assert (st.state, st.side) == ("held", "RU")
    last = tl.history(KAMIANKA)[-1]
    assert rule_ids(last) == {"held-lapsed"}
    assert last.date == date(2022, 4, 1) + timedelta(days=load_control_rules().held_days)


def test_a_current_report_keeps_the_holding_beside_a_look_back():
    evs = events_on(LOOK_BACK, "2023-03-10") + events_on(
        "Shops in the Russian-held town of Kamianka-Dniprovska reopened on Monday, residents "
        "said.", "2022-04-21", "b")
    assert [e.date_from for e in evs] == [date(2022, 4, 1), date(2022, 4, 18)]
    tl = ControlTimeline.from_events(evs, profile=PROFILE)
    st = tl.status_at(KAMIANKA, "2022-09-01")
    assert (st.state, st.side) == ("held", "RU")
    assert "held-recalled-lapsed" not in {r for ch in tl.history(KAMIANKA)
                                          for r in rule_ids(ch)}


def test_a_reported_change_does_not_lapse_with_a_look_back():
    evs = events_on("Russian forces captured Kamianka-Dniprovska on 4 March 2022.", "2022-03-05",
                    "c") + events_on(LOOK_BACK, "2023-03-10")
    tl = ControlTimeline.from_events(evs, profile=PROFILE)
    st = tl.status_at(KAMIANKA, "2022-09-01")
    assert (st.state, st.side) == ("held", "RU")


def test_held_recalled_days_zero_reads_look_backs_like_other_reports():
    rules = rules_with(held_recalled_days=0)
    tl = ControlTimeline.from_events(events_on(LOOK_BACK, "2023-03-10"), profile=PROFILE,
                                     rules=rules)
    st = tl.status_at(KAMIANKA, "2022-09-01")
    assert (st.state, st.side) == ("held", "RU")
    assert rule_ids(tl.history(KAMIANKA)[-1]) == {"held-lapsed"}
