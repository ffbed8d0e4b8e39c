"""Per-place control status over time, derived from events (a stop-gap).

The control timeline (``geo_events.timeline``) is the project's authority on status; this
module only exists so maps can be built before it lands and is replaced by it when it does.

Rules, applied to each place's events in date order (``date_from``, else ``date_to``, else
``published``; undated events first):

* ``denied`` events never change status (they are still listed in popups);
* control changes (``capture``/``recapture``/``withdrawal``/``transfer``) set ``control`` by the
  gaining side; with only a losing side and a two-sided profile, the other side gains;
  otherwise the place becomes ``contested``; ``confirmed`` is False for ``claimed`` /
  ``unverified`` / ``disputed`` reports;
* ``contested`` events set ``contested``;
* ``annexation_claim`` sets ``claimed`` by the claimant on an area when nothing else is known;
* any other event (``attack``, ...) makes a place with no status ``unknown``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from geo_events.model import CONTROL_KINDS, Event

UNCONFIRMED_STATUSES = frozenset({"claimed", "unverified", "disputed"})


@dataclass(frozen=True)
class StatusChange:
    """From ``date`` on, ``place_id`` is in ``state`` (``control``, ``contested``, ``claimed``
    or ``unknown``), held or claimed by ``side`` (None for contested/unknown) because of the
    events ``event_ids`` (indices into the caller's event list)."""

    place_id: str
    date: date | None
    state: str
    side: str | None
    confirmed: bool
    event_ids: tuple[int, ...]


def event_date(event: Event) -> date | None:
    """The date an event is placed at on a timeline (start of its range, else publication)."""
    return event.date_from or event.date_to or event.published


def _side_of(event: Event, sides: Sequence[str]) -> str | None:
    if event.gain or event.gain_actor:
        return event.gain or event.gain_actor
    if event.loss and len(sides) == 2 and event.loss in sides:
        return sides[1] if sides[0] == event.loss else sides[0]
    return None


def status_series(events: Sequence[Event],
                  sides: Sequence[str] = ()) -> dict[str, list[StatusChange]]:
    """Status changes per place id, in date order (see the module rules).

    ``sides`` are the profile side ids (used to infer the gainer of a bare withdrawal when the
    conflict has exactly two sides).
    """
    by_place: dict[str, list[int]] = defaultdict(list)
    for i, ev in enumerate(events):
        by_place[ev.place.id].append(i)
    result: dict[str, list[StatusChange]] = {}
    for pid, idxs in by_place.items():
        idxs.sort(key=lambda i: (event_date(events[i]) or date.min, i))
        result[pid] = list(_replay(pid, events, idxs, sides))
    return result


def _replay(pid: str, events: Sequence[Event], idxs: Iterable[int],
            sides: Sequence[str]) -> Iterable[StatusChange]:
    state: tuple[str, str | None, bool] | None = None
    for i in idxs:
        ev = events[i]
        new = state
        if ev.status == "denied":
            new = state or ("unknown", None, True)
        elif ev.kind in CONTROL_KINDS:
            side = _side_of(ev, sides)
            new = ("control", side, ev.status not in UNCONFIRMED_STATUSES) if side else (
                "contested", None, True)
        elif ev.kind == "contested":
            new = ("contested", None, True)
        elif ev.kind == "annexation_claim":
            claimant = ev.gain or ev.gain_actor or (ev.actors[0] if ev.actors else None)
            if state is None or state[0] in ("unknown", "claimed"):
                new = ("claimed", claimant, False) if claimant else ("unknown", None, True)
        elif state is None:
            new = ("unknown", None, True)
        if new != state or state is None:
            state = new
            yield StatusChange(pid, event_date(ev), state[0], state[1], state[2], (i,))
