"""A holding told only as ended (#13/#14): "Russian forces no longer controlled X", "no longer
had control of X", "the army was no longer present in X" are the holder's loss of X (rule
``held.no_longer`` on triggers marked ``ended_only`` in ``lang/en/events.json``); the same
phrases without the ending make no event (``veto.not_ended``), and the end of a *full* holding
("no longer had full control of X") none either (``veto.no_longer_full``); "*no* Russian troops
remained in X", a presence whose subject a negation determiner quantifies, is such an
ending. Real pipeline and gazetteer; sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest
from event_fixtures import PROFILE, events_of

from geo_events.timeline import ControlTimeline

SNIHURIVKA, SOLEDAR, KHERSON = "gn:693379", "gn:706757", "gn:706448"


def _changes(text: str, day: str = "2023-02-01"):
    return [(e.kind, e.gain, e.loss, e.place.id) for e in events_of((text, day))]


@pytest.mark.integration
@pytest.mark.parametrize("text, expected", [
    ("By 12 November 2022 Russian forces no longer controlled Snihurivka.",
     ("recapture", "UA", "RU", SNIHURIVKA)),
    ("The Russian army no longer had control of Snihurivka on 12 November 2022.",
     ("recapture", "UA", "RU", SNIHURIVKA)),
    ("On 14 January 2023 Ukrainian troops were no longer present in Soledar.",
     ("recapture", "RU", "UA", SOLEDAR)),
    ("On 14 January 2023 the Ukrainian brigades no longer held positions within Soledar.",
     ("recapture", "RU", "UA", SOLEDAR)),
    ("Ukrainian units no longer had a foothold in Soledar on 15 January 2023.",
     ("recapture", "RU", "UA", SOLEDAR)),
    # a presence whose subject is quantified by "no": the holder's presence ended
    ("By 12 November 2022 no Russian troops remained in Snihurivka.",
     ("recapture", "UA", "RU", SNIHURIVKA)),
    ("On 16 January 2023 no Ukrainian soldiers were present in Soledar.",
     ("recapture", "RU", "UA", SOLEDAR)),
    ("No Russian soldiers remained in Mykolaiv Oblast on 12 November 2022.",
     ("recapture", "UA", "RU", "adm1:UA.16")),
    # with nothing left in a unit: the whole unit (place.none_left_in)
    ("On 12 November 2022 Russian forces no longer controlled any villages in Mykolaiv "
     "Oblast.", ("recapture", "UA", "RU", "adm1:UA.16")),
])
def test_control_told_as_ended_is_the_holders_loss(text, expected):
    evs = events_of((text, "2023-02-01"))
    assert [(e.kind, e.gain, e.loss, e.place.id) for e in evs] == [expected], text
    assert "held.no_longer" in evs[0].provenance


@pytest.mark.integration
@pytest.mark.parametrize("text", [
    # the phrase without the ending tells nothing (these triggers read only the end)
    "By 12 November 2022 Russian forces controlled Snihurivka.",
    "The Ukrainian army was present in Kherson on 1 March 2022.",
    "Ukrainian forces did not control Snihurivka on 12 November 2022.",
    "By 12 November 2022 Russian troops remained in Snihurivka.",
    "No civilians remained in Snihurivka on 12 November 2022.",
    # the end of a full holding: part may still be held
    "On 3 March 2022 the Russian forces no longer had full control of Kherson.",
    "On 19 September 2022 Russia no longer maintained complete control over Luhansk Oblast.",
    "On 3 March 2022 Kherson was no longer under full Ukrainian control.",
    # no side, or no place
    "Journalists were no longer present in Kherson on 3 March 2022.",
    "The Russian army no longer controlled the situation on 12 November 2022.",
])
def test_what_stays_out(text):
    assert _changes(text) == [], text


@pytest.mark.integration
def test_control_told_as_ended_reverts_the_status():
    evs = events_of(("Russian forces captured Snihurivka on 18 March 2022.", "2022-03-19"),
                    ("By 12 November 2022 Russian forces no longer controlled Snihurivka.",
                     "2022-11-13"))
    tl = ControlTimeline.from_events(evs, profile=PROFILE)
    assert tl.status_at(SNIHURIVKA, "2022-06-01").side == "RU"
    assert tl.status_at(SNIHURIVKA, "2022-11-20").side == "UA"


@pytest.mark.integration
def test_the_vetoes_explain_themselves():
    from geo_events.events import extract_events

    for text, rule in (("By 12 November 2022 Russian forces controlled Snihurivka.",
                        "veto.not_ended"),
                       ("On 3 March 2022 the Russian forces no longer had full control of "
                        "Kherson.", "veto.no_longer_full")):
        res = extract_events(text, published=date(2023, 2, 1), profile=PROFILE, explain=True)
        assert rule in {d.rule for d in res.dropped}, text
