"""Control timeline from synthetic events (no spaCy needed)."""

from __future__ import annotations

from datetime import date

import pytest

from geo_events.errors import InputError
from geo_events.model import Event, Place
from geo_events.timeline import CHANGE_COLUMNS, ROLLUP_COLUMNS, ControlTimeline

LYMAN = Place(id="gn:704204", name="Lyman", level="populated_place", latitude=48.99,
              longitude=37.81, country_code="UA", admin1_code="UA.05", admin1_name="Donetsk",
              geonameid=704204)
BAKHMUT = Place(id="gn:1", name="Bakhmut", level="populated_place", latitude=48.6,
                longitude=38.0, country_code="UA", admin1_code="UA.05", admin1_name="Donetsk",
                geonameid=1)
IZIUM = Place(id="gn:2", name="Izium", level="populated_place", latitude=49.2, longitude=37.3,
              country_code="UA", admin1_code="UA.07", admin1_name="Kharkiv", geonameid=2)
DONETSK = Place(id="adm1:UA.05", name="Donetsk", level="admin1", latitude=48.0, longitude=37.8,
                country_code="UA", admin1_code="UA.05", admin1_name="Donetsk")


def ev(kind, place, day, gain=None, loss=None, status="reported", source="s", gain_actor=None,
       confidence=0.8, until=None):
    d = date.fromisoformat(day)
    return Event(kind=kind, place=place, date_from=d,
                 date_to=date.fromisoformat(until) if until else d, date_precision="day",
                 gain=gain, loss=loss, gain_actor=gain_actor, status=status,
                 confidence=confidence, source=source, sentence=f"{kind} {place.name}")


def test_status_over_time_with_evidence():
    events = [ev("capture", LYMAN, "2022-05-26", gain="RU", loss="UA"),
              ev("withdrawal", LYMAN, "2022-10-01", gain="UA", loss="RU", until="2022-10-02")]
    tl = ControlTimeline.from_events(events)
    assert tl.status_at(LYMAN, date(2022, 5, 1)).status == "unknown"
    st = tl.status_at("gn:704204", "2022-06-01")
    assert (st.status, st.since, st.events) == ("RU", date(2022, 5, 26), (events[0],))
    assert tl.status_at(704204, date(2022, 10, 1)).status == "UA"  # the change's own day
    assert tl.status_at("Lyman", date(2023, 1, 1)).since == date(2022, 10, 1)
    df = tl.changes()
    assert list(df.columns) == CHANGE_COLUMNS
    assert list(df.status) == ["RU", "UA"] and list(df.previous) == ["unknown", "RU"]


def test_conflicting_reports_in_a_window_make_contested():
    events = [ev("capture", BAKHMUT, "2023-05-20", gain="RU", source="ru"),
              ev("held", BAKHMUT, "2023-05-21", gain="UA", source="ua")]
    tl = ControlTimeline.from_events(events, window_days=3)
    st = tl.status_at(BAKHMUT, "2023-05-22")
    assert st.status == "contested" and len(st.events) == 2
    # far enough apart, a change and a change back are two successive changes
    back = [events[0], ev("recapture", BAKHMUT, "2023-05-21", gain="UA", source="ua")]
    tl = ControlTimeline.from_events(back, window_days=1)
    assert tl.status_at(BAKHMUT, "2023-05-22").status == "UA"
    # but one report of holding against the change is not (held_overturn_articles)
    tl = ControlTimeline.from_events(events, window_days=1)
    assert tl.status_at(BAKHMUT, "2023-05-22").status == "RU"


def test_a_claim_alone_is_claimed_and_a_denial_cancels_it():
    claim = ev("capture", BAKHMUT, "2023-01-10", gain="RU", status="claimed")
    denial = ev("capture", BAKHMUT, "2023-01-11", gain="RU", status="denied")
    st = ControlTimeline.from_events([claim]).status_at(BAKHMUT, "2023-01-12")
    assert (st.state, st.claimant, st.side, st.status) == ("claimed", "RU", None, "unknown")
    assert ControlTimeline.from_events([claim, denial]).status_at(
        BAKHMUT, "2023-01-12").state == "unknown"
    later_denial = ev("capture", BAKHMUT, "2023-01-20", gain="RU", status="denied")
    tl = ControlTimeline.from_events([claim, later_denial])
    assert tl.status_at(BAKHMUT, "2023-01-15").state == "claimed"
    assert tl.status_at(BAKHMUT, "2023-01-21").state == "unknown"
    assert ControlTimeline.from_events([denial]).status_at(
        BAKHMUT, "2023-01-12").status == "unknown"
    disputed = ev("capture", BAKHMUT, "2023-01-10", gain="RU", status="disputed")
    assert ControlTimeline.from_events([disputed]).status_at(
        BAKHMUT, "2023-01-12").status == "unknown"
    # a reported change and a denial in one window: contested
    reported = ev("capture", BAKHMUT, "2023-01-10", gain="RU", status="reported")
    assert ControlTimeline.from_events([reported, denial]).status_at(
        BAKHMUT, "2023-01-12").status == "contested"


def test_a_claim_confirmed_within_the_window_moves_control_from_its_date():
    claim = ev("capture", BAKHMUT, "2023-01-10", gain="RU", status="claimed")
    confirmed = ev("capture", BAKHMUT, "2023-01-25", gain="RU", status="reported")
    tl = ControlTimeline.from_events([claim, confirmed])
    st = tl.status_at(BAKHMUT, "2023-01-26")
    assert (st.state, st.side, st.since) == ("held", "RU", date(2023, 1, 10))
    assert set(st.evidence) == {claim.id, confirmed.id}
    late = ev("capture", BAKHMUT, "2023-03-25", gain="RU", status="reported")
    st = ControlTimeline.from_events([claim, late]).status_at(BAKHMUT, "2023-03-26")
    assert (st.state, st.since) == ("held", date(2023, 3, 25))


def test_confidence_halves_every_half_life():
    e = ev("capture", BAKHMUT, "2023-01-10", gain="RU", status="reported")
    tl = ControlTimeline.from_events([e])
    half = tl.rules.half_life_days
    first = tl.status_at(BAKHMUT, "2023-01-10").confidence
    later = tl.status_at(BAKHMUT, date(2023, 1, 10) + __import__("datetime").timedelta(half))
    assert first == pytest.approx(0.9) and later.confidence == pytest.approx(first / 2, abs=1e-3)
    assert later.last_evidence == date(2023, 1, 10)


def test_fighting_reports_and_same_side_reports():
    events = [ev("contested", IZIUM, "2022-03-01"),
              ev("capture", IZIUM, "2022-04-01", gain="RU"),
              ev("held", IZIUM, "2022-04-02", gain="RU"),
              ev("recapture", IZIUM, "2022-09-10", gain="UA")]
    tl = ControlTimeline.from_events(events)
    assert [c.status for c in tl.history(IZIUM)] == ["contested", "RU", "UA"]
    assert len(tl.history(IZIUM)[1].events) == 2  # the held report joins the capture


def test_withdrawal_with_only_a_loser_uses_the_profile():
    e = ev("withdrawal", LYMAN, "2022-10-01", loss="RU")
    assert ControlTimeline.from_events([e]).status_at(LYMAN, "2022-10-05").status == "unknown"
    tl = ControlTimeline.from_events([e], profile="russia-ukraine")
    assert tl.status_at(LYMAN, "2022-10-05").status == "UA"


def test_actor_text_without_profile_and_activity_ignored():
    goma = Place(id="gn:3", name="Goma", level="populated_place", latitude=-1.68,
                 longitude=29.22, country_code="CD", admin1_code="CD.11")
    events = [ev("capture", goma, "2025-01-27", gain_actor="M23"),
              ev("shelling", goma, "2025-01-28"), ev("advance", goma, "2025-01-29", gain="X")]
    tl = ControlTimeline.from_events(events)
    assert tl.status_at(goma, "2025-02-01").status == "M23"
    assert len(tl.history(goma)) == 1


def test_claims_are_kept_apart_from_control():
    claim = ev("annexation_claim", DONETSK, "2022-09-30", gain="RU", status="claimed")
    tl = ControlTimeline.from_events([claim, ev("capture", BAKHMUT, "2023-05-20", gain="RU")])
    assert tl.status_at(DONETSK, "2022-10-01").status == "unknown"
    assert tl.claims_at(DONETSK, "2022-10-01") == [claim]
    assert tl.claims_at("adm1:UA.05") == [claim]
    assert tl.claims_at(DONETSK, "2022-09-01") == []


def test_admin1_rollup_shares():
    events = [ev("capture", LYMAN, "2022-05-26", gain="RU"),
              ev("capture", BAKHMUT, "2022-05-26", gain="UA"),
              ev("recapture", IZIUM, "2022-09-10", gain="UA")]
    tl = ControlTimeline.from_events(events)
    df = tl.admin1_rollup("2022-06-01")
    assert list(df.columns) == ROLLUP_COLUMNS
    donetsk = df[df.admin1_code == "UA.05"].set_index("status")
    assert donetsk.loc["RU", "share"] == pytest.approx(0.5)
    assert donetsk.loc["UA", "n_known"] == 2
    kharkiv = df[df.admin1_code == "UA.07"]
    assert list(kharkiv.status) == ["unknown"] and kharkiv.share.isna().all()


def test_bad_arguments():
    with pytest.raises(InputError, match="window_days"):
        ControlTimeline.from_events([], window_days=0)
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        ControlTimeline.from_events([]).status_at("gn:1", "yesterday")


def test_with_a_profile_only_its_sides_hold_places():
    e = ev("capture", LYMAN, "2023-04-12", gain_actor="several armed groups")
    assert ControlTimeline.from_events([e]).status_at(LYMAN, "2023-04-13").status == \
        "several armed groups"
    tl = ControlTimeline.from_events([e], profile="russia-ukraine", start=False)
    assert tl.status_at(LYMAN, "2023-04-13").state == "unknown"
