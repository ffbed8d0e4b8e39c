"""Control timeline: who reportedly controls each place over time, and on which evidence.

:meth:`ControlTimeline.from_events` turns extracted events into a per-place status history:

* **Evidence.** Control changes (``capture``, ``recapture``, ``withdrawal``, ``transfer``) say
  the gaining party holds the place from the event's date on; ``held`` reports say the same
  without a change; ``contested`` events ("fighting continued in X") make it ``contested``.
  The holder is the gaining side id (``gain``), else the gaining actor text (``gain_actor``);
  a withdrawal with only a losing side gains the opponent in a two-sided conflict: that of the
  event's own profile (:attr:`Event.profile`, so a store mixing conflicts works), else of the
  ``profile`` given.
  Events without a date, without a known holder, or below ``min_confidence`` are not evidence.
  ``denied`` events never give a holder, but a denial inside the window of a report makes the
  place ``contested``; so does a ``disputed`` report (one side's claim the other denies).
  Activity (attacks, advances) and annexation claims are not evidence of
  control; claims are kept apart (:meth:`ControlTimeline.claims_at`).
* **Dates.** An event counts from the start of its date range (``date_from``; the same
  convention as the maps). Statuses are per day: ``status_at(place, d)`` includes changes dated
  ``d``.
* **Conflicting reports.** Evidence is grouped into windows of ``window_days`` days starting at
  the first event of each window. A window whose events name two or more holders (or a holder
  and a denial) makes the place ``contested`` from the window's first date, instead of silently
  taking the last report. A window with one holder gives that holder (a capture outweighs
  "fighting in" reports of the same window); a window of ``contested`` events only gives
  ``contested``.
* **Unknown.** A place is ``unknown`` before its first evidence.

The status is therefore a side id (``RU``, ``UA``, ``RSF``...), an actor text (``M23`` when no
profile matched), ``contested`` or ``unknown``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import pandas as pd

from geo_events.errors import InputError
from geo_events.events.dates import parse_iso_date
from geo_events.events.profiles import Profile, profile_for, resolve_profile
from geo_events.model import CONTROL_KINDS, Event, Place

CONTESTED = "contested"
UNKNOWN = "unknown"
#: Reports about one place within this many days are weighed together (see module docstring).
DEFAULT_WINDOW_DAYS = 3

#: Columns of :meth:`ControlTimeline.changes`.
CHANGE_COLUMNS = ["place_id", "place_name", "geonameid", "level", "country_code", "admin1_code",
                  "admin1_name", "latitude", "longitude", "date", "status", "previous",
                  "n_events", "event_ids", "report_statuses", "sources", "max_confidence"]
#: Columns of :meth:`ControlTimeline.admin1_rollup`.
ROLLUP_COLUMNS = ["admin1_code", "admin1_name", "country_code", "status", "n_places", "n_known",
                  "share"]


@dataclass(frozen=True, slots=True)
class ControlStatus:
    """Status of a place on a day: ``status`` since ``since`` (None when ``unknown``), and the
    events behind the change that set it."""

    status: str
    since: date | None
    events: tuple[Event, ...] = ()
    place: Place | None = None

    @property
    def known(self) -> bool:
        return self.status != UNKNOWN


@dataclass(frozen=True, slots=True)
class StatusChange:
    """From ``date`` on, ``place`` is in ``status`` (was ``previous``) because of ``events``."""

    place: Place
    date: date
    status: str
    previous: str
    events: tuple[Event, ...]


def _holder(e: Event, profile: Profile | None) -> str | None:
    if e.kind == "contested":
        return CONTESTED
    holder = e.gain or e.gain_actor
    if holder is None and e.kind in CONTROL_KINDS and e.loss:
        own = profile_for(e.profile, (), profile) if e.profile else profile
        if own is not None:
            holder = own.opponent(e.loss)
    return holder


def _windows(evidence: list[Event], window_days: int) -> list[list[Event]]:
    out: list[list[Event]] = []
    for e in evidence:
        if out and (e.date_from - out[-1][0].date_from).days < window_days:
            out[-1].append(e)
        else:
            out.append([e])
    return out


def _window_status(window: list[Event], profile: Profile | None) -> str | None:
    holders = {h for e in window if e.status != "denied"
               and (h := _holder(e, profile)) is not None and h != CONTESTED}
    denied = any(e.status in ("denied", "disputed") for e in window)
    if len(holders) > 1 or (holders and denied):
        return CONTESTED
    if holders:
        return next(iter(holders))
    if any(e.kind == "contested" and e.status != "denied" for e in window):
        return CONTESTED
    return None


class ControlTimeline:
    """Per-place status histories built by :meth:`from_events` (see the module docstring)."""

    def __init__(self, history: dict[str, list[StatusChange]], places: dict[str, Place],
                 claims: list[Event], window_days: int = DEFAULT_WINDOW_DAYS) -> None:
        self._history = history
        self._places = places
        self._claims = claims
        self.window_days = window_days

    # -- construction ------------------------------------------------------------------------
    @classmethod
    def from_events(cls, events: Iterable[Event], window_days: int = DEFAULT_WINDOW_DAYS,
                    min_confidence: float = 0.0,
                    profile: str | Profile | None = None) -> ControlTimeline:
        """Build the timeline. ``window_days`` (>= 1) groups reports (see module docstring);
        ``min_confidence`` drops weaker events; ``profile`` lets a withdrawal's loss give the
        gain to the opponent of a two-sided conflict."""
        if window_days < 1:
            raise InputError(f"window_days must be at least 1 day, got {window_days}")
        prof = resolve_profile(profile)
        by_place: dict[str, list[Event]] = defaultdict(list)
        places: dict[str, Place] = {}
        claims: list[Event] = []
        for e in events:
            if e.kind == "annexation_claim":
                if e.status != "denied":
                    claims.append(e)
                continue
            if e.kind not in CONTROL_KINDS | {"held", "contested"}:
                continue
            if e.date_from is None or e.confidence < min_confidence:
                continue
            if e.status != "denied" and _holder(e, prof) is None:
                continue
            by_place[e.place.id].append(e)
            places.setdefault(e.place.id, e.place)
        history: dict[str, list[StatusChange]] = {}
        for pid, evs in by_place.items():
            evs.sort(key=lambda e: (e.date_from, e.date_to or e.date_from))
            changes: list[StatusChange] = []
            current = UNKNOWN
            for window in _windows(evs, window_days):
                status = _window_status(window, prof)
                if status is None:
                    continue
                if status == current and changes:
                    last = changes[-1]
                    changes[-1] = StatusChange(last.place, last.date, last.status, last.previous,
                                               last.events + tuple(window))
                    continue
                changes.append(StatusChange(places[pid], window[0].date_from, status, current,
                                            tuple(window)))
                current = status
            if changes:
                history[pid] = changes
        claims.sort(key=lambda e: (e.date_from or date.min, e.place.id))
        return cls(history, places, claims, window_days)

    # -- queries -----------------------------------------------------------------------------
    def places(self) -> list[Place]:
        """Places with at least one status change, by id."""
        return [self._places[pid] for pid in sorted(self._history)]

    def _place_id(self, place_or_id: Place | str | int) -> str:
        if isinstance(place_or_id, Place):
            return place_or_id.id
        if isinstance(place_or_id, int):
            return f"gn:{place_or_id}"
        key = str(place_or_id)
        if key in self._places or ":" in key:
            return key
        named = [pid for pid, p in self._places.items() if p.name.casefold() == key.casefold()]
        if len(named) == 1:
            return named[0]
        if len(named) > 1:
            raise InputError(f"place name {key!r} is ambiguous in this timeline "
                             f"({', '.join(sorted(named))}); pass a place id")
        return key

    def history(self, place_or_id: Place | str | int) -> list[StatusChange]:
        """Status changes of a place in date order (empty when it has no evidence)."""
        return list(self._history.get(self._place_id(place_or_id), ()))

    def status_at(self, place_or_id: Place | str | int, day: date | str) -> ControlStatus:
        """The status of a place on ``day`` (a Place, its id, a GeoNames id or a unique name)."""
        day = parse_iso_date(day)
        pid = self._place_id(place_or_id)
        place = self._places.get(pid)
        current = ControlStatus(UNKNOWN, None, (), place)
        for ch in self._history.get(pid, ()):
            if ch.date > day:
                break
            current = ControlStatus(ch.status, ch.date, ch.events, place)
        return current

    def changes(self) -> pd.DataFrame:
        """Every status change, one row each (columns :data:`CHANGE_COLUMNS`), by date."""
        rows = []
        for pid in sorted(self._history):
            for ch in self._history[pid]:
                p = ch.place
                rows.append({
                    "place_id": p.id, "place_name": p.name, "geonameid": p.geonameid,
                    "level": p.level, "country_code": p.country_code,
                    "admin1_code": p.admin1_code, "admin1_name": p.admin1_name,
                    "latitude": p.latitude, "longitude": p.longitude, "date": ch.date,
                    "status": ch.status, "previous": ch.previous, "n_events": len(ch.events),
                    "event_ids": [e.id for e in ch.events],
                    "report_statuses": sorted({e.status for e in ch.events}),
                    "sources": sorted({e.source for e in ch.events if e.source}),
                    "max_confidence": max(e.confidence for e in ch.events),
                })
        df = pd.DataFrame(rows, columns=CHANGE_COLUMNS)
        return df.sort_values(["date", "place_id"], kind="stable").reset_index(drop=True)

    def admin1_rollup(self, day: date | str) -> pd.DataFrame:
        """Per admin-1 unit and status on ``day``: settlements (populated places) in that status
        (``n_places``), settlements with a known status (``n_known``) and the share
        ``n_places / n_known`` (0..1). Columns :data:`ROLLUP_COLUMNS`; ``unknown`` rows count
        the settlements with no status yet (their share is NaN)."""
        day = parse_iso_date(day)
        counts: dict[tuple, int] = defaultdict(int)
        names: dict[str, tuple[str | None, str | None]] = {}
        for pid, place in self._places.items():
            if place.level != "populated_place" or not place.admin1_code:
                continue
            st = self.status_at(pid, day).status
            counts[(place.admin1_code, st)] += 1
            names[place.admin1_code] = (place.admin1_name, place.country_code)
        known: dict[str, int] = defaultdict(int)
        for (code, st), n in counts.items():
            if st != UNKNOWN:
                known[code] += n
        rows = []
        for (code, st), n in sorted(counts.items()):
            share = n / known[code] if st != UNKNOWN and known[code] else float("nan")
            rows.append({"admin1_code": code, "admin1_name": names[code][0],
                         "country_code": names[code][1], "status": st, "n_places": n,
                         "n_known": known[code], "share": share})
        return pd.DataFrame(rows, columns=ROLLUP_COLUMNS)

    def claims_at(self, place_or_id: Place | str | int | None = None,
                  day: date | str | None = None) -> list[Event]:
        """Annexation (political) claims made up to ``day`` (all when None), for one place (its
        id, or an admin-1 id ``adm1:CC.XX`` which also matches claims on places inside it) or
        for every place. Claims never change the control status."""
        day = parse_iso_date(day)
        out = []
        pid = None if place_or_id is None else self._claim_key(place_or_id)
        for e in self._claims:
            if day is not None and (e.date_from is None or e.date_from > day):
                continue
            if pid is not None and e.place.id != pid and not (
                    pid.startswith("adm1:") and e.place.admin1_code == pid[5:]):
                continue
            out.append(e)
        return out

    def _claim_key(self, place_or_id: Place | str | int) -> str:
        if isinstance(place_or_id, Place):
            return place_or_id.id
        if isinstance(place_or_id, int):
            return f"gn:{place_or_id}"
        return str(place_or_id)

    def __len__(self) -> int:
        return len(self._history)

    def __repr__(self) -> str:
        n = sum(len(v) for v in self._history.values())
        return (f"ControlTimeline({len(self._history)} places, {n} status changes, "
                f"{len(self._claims)} claims, window_days={self.window_days})")
