"""A settlement's status resting only on reports of holding lapses unless renewed (#14, rule
``held-lapsed``, parameter ``held_days``): "the occupation of a hospital in X" or "the
Russian-held town of X" said once does not hold X for ever. Sentences written for these
tests; real pipeline."""

from __future__ import annotations

from datetime import date, timedelta

from event_fixtures import PROFILE, events_on, rule_ids, rules_with

from geo_events.control_rules import load_control_rules
from geo_events.timeline import ControlTimeline

KAMIANKA = "gn:707026"  # Kamianka-Dniprovska, Zaporizhzhia Oblast
ZAPORIZHZHIA_OBLAST = "adm1:UA.26"

HELD_ONCE = ("Residents of the Russian-occupied town of Kamianka-Dniprovska said on 4 May that "
             "the shops had closed.")


def events_of(text: str, day: str = "2022-05-05", article: str = "a"):
    return events_on(text, day, article)


def test_a_holding_reported_once_lapses_after_held_days():
    evs = events_of(HELD_ONCE)
    assert [(e.kind, e.place.id, e.date_from) for e in evs] == [
        ("held", KAMIANKA, date(2022, 5, 4))]
    tl = ControlTimeline.from_events(evs, profile=PROFILE)
    days = load_control_rules().held_days
    assert days > 0
    st = tl.status_at(KAMIANKA, "2022-09-01")
    assert (st.state, st.side) == ("held", "RU")
    last = tl.history(KAMIANKA)[-1]
    assert last.state == "unknown" and rule_ids(last) == {"held-lapsed"}
    assert last.date == date(2022, 5, 4) + timedelta(days=days)
    assert tl.status_at(KAMIANKA, last.date + timedelta(days=1)).state == "unknown"
    # the estimate's statuses leave it out once it has lapsed
    later = tl.statuses_at(last.date + timedelta(days=30))
    assert KAMIANKA not in set(later["place_id"])


def test_a_renewed_holding_does_not_lapse():
    again = events_of("Shops in the Russian-held town of Kamianka-Dniprovska reopened on "
                      "1 March, residents said.", day="2023-03-02", article="b")
    assert [(e.kind, e.date_from) for e in again] == [("held", date(2023, 3, 1))]
    tl = ControlTimeline.from_events(events_of(HELD_ONCE) + again, profile=PROFILE)
    st = tl.status_at(KAMIANKA, "2023-06-01")
    assert (st.state, st.side, st.last_evidence) == ("held", "RU", date(2023, 3, 1))


def test_a_reported_change_does_not_lapse():
    capture = events_of("Russian forces captured Kamianka-Dniprovska on 4 May.", article="c")
    tl = ControlTimeline.from_events(capture + events_of(HELD_ONCE), profile=PROFILE)
    st = tl.status_at(KAMIANKA, "2024-05-04")
    assert (st.state, st.side) == ("held", "RU")
    assert "held-lapsed" not in {r for ch in tl.history(KAMIANKA) for r in rule_ids(ch)}


def test_an_area_unit_held_does_not_lapse():
    evs = events_of("Officials in Russian-held Zaporizhzhia Oblast said on 4 May that schools "
                    "would close.")
    assert [(e.kind, e.place.id) for e in evs] == [("held", ZAPORIZHZHIA_OBLAST)]
    tl = ControlTimeline.from_events(evs, profile=PROFILE)
    st = tl.status_at(ZAPORIZHZHIA_OBLAST, "2024-05-04")
    assert (st.state, st.side) == ("held", "RU")


def test_held_days_zero_never_lapses():
    rules = rules_with(held_days=0)
    tl = ControlTimeline.from_events(events_of(HELD_ONCE), profile=PROFILE, rules=rules)
    st = tl.status_at(KAMIANKA, "2024-05-04")
    assert (st.state, st.side) == ("held", "RU")
