"""Corrections of events by people: reject one, change its place, sides, kind, status or date,
or add an event by hand.

Corrections live in the store's ``corrections`` table (see :mod:`geo_events.store`), one row per
correction, keyed by event id, with a note and the UTC time it was made. The events themselves
are never edited: every reader of the store (timeline, maps, exports) gets the stored events
with the corrections applied by :func:`apply_corrections`, in the order they were made, so a
rerun of the same corpus (which adds nothing for documents already stored) or an import keeps
them, and a rejected event never comes back.

Actions (:data:`ACTIONS`):

``reject``
    the event is left out of every output (it stays in the ``events`` table);
``restore``
    undoes earlier rejections of the event;
``accept``
    a reviewer checked the event and found it right (changes nothing; listed);
``set``
    changes fields, ``changes`` maps the keys of :data:`SETTABLE` to their new values;
``add``
    an event made by hand; ``changes`` holds its fields (:func:`added_event`).

Settings are written ``KEY=VALUE`` (:func:`parse_settings`): ``place=gn:712926`` (a gazetteer
place id, or the id of a place already in the store), ``gain=UA`` / ``loss=RU`` (side ids of the
event's conflict profile; ``none`` clears), ``gain_actor=M23`` (a party outside the profile),
``kind=capture`` (:data:`geo_events.events.kinds.KINDS`), ``status=denied``
(:data:`geo_events.model.EVENT_STATUSES`) and ``date=2022-09-10`` (a day), ``date=2022-09`` (a
month) or ``date=2022-09-08..2022-09-11`` (a range: ``week`` precision up to 7 days, else
``month``). An added event also takes ``source=``, ``sentence=`` (its evidence; default the
note), ``profile=`` (default: the one shipped profile with its sides) and ``confidence=`` (0..1,
default 1).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from geo_events.errors import InputError
from geo_events.model import EVENT_STATUSES, Event, Place

ACTIONS = ("reject", "restore", "accept", "set", "add")
#: Keys a ``set`` correction may change.
SETTABLE = ("place", "gain", "loss", "gain_actor", "kind", "status", "date")
#: Keys an ``add`` correction takes (``place``, ``kind`` and ``date`` are required).
ADD_KEYS = (*SETTABLE, "source", "sentence", "profile", "confidence")
ADD_REQUIRED = ("place", "kind", "date")
#: ``source`` of an event added by hand when no ``source=`` is given.
MANUAL_SOURCE = "added by hand"
#: ``article_id`` prefix of events added by hand.
MANUAL_PREFIX = "manual:"
#: Values that clear a side (``gain=none``).
_CLEAR = frozenset({"", "none", "null", "-"})

#: ``place_id -> Place or None``: how a ``place=`` setting is resolved.
PlaceLookup = Callable[[str], Place | None]


@dataclass(frozen=True, slots=True)
class Correction:
    """One row of the ``corrections`` table: ``action`` (:data:`ACTIONS`) on ``event_id`` with
    ``changes`` (JSON-ready: field name -> value, dates as ISO strings, a place as
    :meth:`Place.to_dict` with ``raw``), a ``note`` (why) and ``corrected_at`` (UTC ISO
    timestamp ``YYYY-MM-DDTHH:MM:SS.sssZ``)."""

    event_id: str
    action: str
    changes: dict[str, Any]
    note: str
    corrected_at: str

    def to_dict(self) -> dict[str, Any]:
        return {"event_id": self.event_id, "action": self.action, "changes": self.changes,
                "note": self.note, "corrected_at": self.corrected_at}

    def summary(self) -> str:
        """``set gain=UA; place=gn:712926`` style text of the action and its changes."""
        if self.action == "add":
            return "add " + _settings_text(self.changes)
        if self.action == "set":
            return "set " + _settings_text(self.changes)
        return self.action


def now_utc() -> str:
    """UTC now as ``YYYY-MM-DDTHH:MM:SS.sssZ`` (the GeoPackage DATETIME form)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_settings(items: Iterable[str], *, allowed: Sequence[str] = SETTABLE) -> dict[str, str]:
    """``["gain=UA", "place=gn:712926"]`` -> ``{"gain": "UA", "place": "gn:712926"}``.

    Raises :class:`InputError` for an item without ``=``, an unknown key or a key given twice.
    """
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip().lower()
        if not sep or not key:
            raise InputError(f"setting {item!r} is not KEY=VALUE; e.g. gain=UA or "
                             "place=gn:712926")
        if key not in allowed:
            raise InputError(f"cannot set {key!r}; use one of {', '.join(allowed)}")
        if key in out:
            raise InputError(f"{key} is set twice ({out[key]!r} and {value.strip()!r})")
        out[key] = value.strip()
    return out


def resolve_changes(settings: Mapping[str, str], *, event: Event | None,
                    find_place: PlaceLookup) -> dict[str, Any]:
    """Validate ``settings`` (from :func:`parse_settings`) for ``event`` (None: an event being
    added) and return the JSON-ready ``changes`` of the correction.

    Places are resolved now (``find_place``), so applying a correction needs no gazetteer and
    gives the same result every time. Raises :class:`InputError` naming the bad value.
    """
    from geo_events.events.kinds import KINDS

    changes: dict[str, Any] = {}
    profile_id = settings.get("profile") or (event.profile if event is not None else None)
    if event is None and "profile" in settings:
        _profile(settings["profile"])  # an unknown profile is an error naming the known ones
    for key, value in settings.items():
        if key == "place":
            place = find_place(value)
            if place is None:
                raise InputError(f"place {value!r} is neither in the gazetteer nor in the store; "
                                 "give a place id such as gn:712926 (`geo-events geocode NAME` "
                                 "prints ids)")
            changes["place"] = place.to_dict(raw=True)
        elif key in ("gain", "loss") or key == "gain_actor":
            changes[key] = None if value.lower() in _CLEAR else value
        elif key == "kind":
            if value not in KINDS:
                raise InputError(f"kind {value!r} is unknown; use one of {', '.join(KINDS)}")
            changes[key] = value
        elif key == "status":
            if value not in EVENT_STATUSES:
                raise InputError(f"status {value!r} is unknown; use one of "
                                 f"{', '.join(EVENT_STATUSES)}")
            changes[key] = value
        elif key == "date":
            first, last, precision = parse_date_setting(value)
            changes.update(date_from=first.isoformat(), date_to=last.isoformat(),
                           date_precision=precision)
        elif key == "confidence":
            try:
                confidence = float(value)
            except ValueError:
                confidence = -1.0
            if not 0.0 <= confidence <= 1.0:
                raise InputError(f"confidence {value!r}: give a number in 0..1")
            changes[key] = confidence
        else:  # source, sentence, profile
            changes[key] = value or None
    sides = [changes[k] for k in ("gain", "loss") if changes.get(k)]
    if sides:
        if event is None and not profile_id:
            profile_id = _profile_with(sides)
            if profile_id:
                changes["profile"] = profile_id
        _check_sides(sides, profile_id)
    return changes


def parse_date_setting(value: str) -> tuple[date, date, str]:
    """``2022-09-10`` (day), ``2022-09`` (month) or ``FIRST..LAST`` -> (first, last, precision).
    """
    text = value.strip()
    try:
        if ".." in text:
            a, _, b = text.partition("..")
            first, last = date.fromisoformat(a.strip()), date.fromisoformat(b.strip())
            if last < first:
                raise InputError(f"date range {value!r} ends before it starts")
            days = (last - first).days
            return first, last, "day" if days == 0 else "week" if days <= 7 else "month"
        if len(text) == 7:
            first = date.fromisoformat(text + "-01")
            nxt = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
            return first, nxt - timedelta(days=1), "month"
        day = date.fromisoformat(text)
        return day, day, "day"
    except ValueError as exc:
        raise InputError(f"date {value!r}: write YYYY-MM-DD, YYYY-MM or "
                         "YYYY-MM-DD..YYYY-MM-DD") from exc


def _profile(name: str) -> Any:
    from geo_events.events.profiles import load_profile

    return load_profile(name)


def _profile_with(sides: Sequence[str]) -> str | None:
    """The one shipped profile that has every side id of ``sides``, else None."""
    from geo_events.events.profiles import list_profiles

    fits = [n for n in list_profiles() if set(sides) <= set(_profile(n).side_ids)]
    return fits[0] if len(fits) == 1 else None


def _check_sides(sides: Sequence[str], profile_id: str | None) -> None:
    """Side ids must be sides of the event's profile (of some shipped profile without one)."""
    from geo_events.events.profiles import list_profiles

    if profile_id:
        known = set(_profile(profile_id).side_ids)
        where = f"profile {profile_id!r}"
    else:
        known = {s for n in list_profiles() for s in _profile(n).side_ids}
        where = "any shipped profile"
    for side in sides:
        if side not in known:
            raise InputError(f"side {side!r} is not a side of {where} (sides: "
                             f"{', '.join(sorted(known))}); name a party outside the profile "
                             "with gain_actor=NAME")


def changed_event(event: Event, changes: Mapping[str, Any]) -> Event:
    """``event`` with ``changes`` (of a ``set`` correction) applied; it keeps its id."""
    kw: dict[str, Any] = {}
    for key, value in changes.items():
        if key == "place":
            kw["place"] = _place(value)
        elif key in ("date_from", "date_to"):
            kw[key] = date.fromisoformat(value) if value else None
        elif key in ("gain", "loss", "gain_actor", "kind", "status", "date_precision",
                     "confidence", "source", "sentence", "profile"):
            kw[key] = value
    return replace(event, fixed_id=event.id, **kw)


def added_event(changes: Mapping[str, Any], note: str, corrected_at: str) -> Event:
    """The event an ``add`` correction makes. Its ``article_id`` is ``manual:<hash>`` of the
    changes and time, ``source`` :data:`MANUAL_SOURCE` unless given, evidence ``sentence``
    the note unless given, ``status`` ``reported`` and ``confidence`` 1 unless given."""
    missing = [k for k in ADD_REQUIRED if k not in changes and f"{k}_from" not in changes]
    if missing:
        raise InputError(f"an added event needs {', '.join(missing)} (e.g. --set place=gn:712926 "
                         "--set kind=capture --set date=2022-09-10)")
    digest = hashlib.sha1(json.dumps({**changes, "at": corrected_at}, sort_keys=True,
                                     default=str).encode()).hexdigest()[:16]
    day_from = date.fromisoformat(changes["date_from"])
    ev = Event(kind=changes["kind"], place=_place(changes["place"]), date_from=day_from,
               date_to=date.fromisoformat(changes["date_to"]),
               date_precision=changes.get("date_precision", "day"), gain=changes.get("gain"),
               loss=changes.get("loss"), gain_actor=changes.get("gain_actor"),
               status=changes.get("status") or "reported",
               confidence=float(changes.get("confidence", 1.0)),
               sentence=changes.get("sentence") or note,
               source=changes.get("source") or MANUAL_SOURCE,
               article_id=MANUAL_PREFIX + digest, profile=changes.get("profile"))
    return replace(ev, fixed_id=ev.id)


def apply_corrections(events: Iterable[Event], corrections: Sequence[Correction]) -> list[Event]:
    """The events as corrected: ``corrections`` applied in order (rejected events left out,
    ``set`` changes applied, added events appended after the stored ones). Corrections of an
    event id not among ``events`` (and not added) are ignored."""
    by_id: dict[str, Event] = {e.id: e for e in events}
    rejected: set[str] = set()
    for c in corrections:
        if c.action == "add":
            by_id.setdefault(c.event_id, added_event(c.changes, c.note, c.corrected_at))
        elif c.event_id not in by_id:
            continue
        elif c.action == "reject":
            rejected.add(c.event_id)
        elif c.action == "restore":
            rejected.discard(c.event_id)
        elif c.action == "set":
            by_id[c.event_id] = changed_event(by_id[c.event_id], c.changes)
    return [e for eid, e in by_id.items() if eid not in rejected]


def _place(d: Mapping[str, Any]) -> Place:
    d = dict(d)
    for k in ("latitude", "longitude"):
        if d.get(k) is None:
            d[k] = float("nan")
    return Place.from_dict(d)


def _settings_text(changes: Mapping[str, Any]) -> str:
    parts = []
    for key, value in changes.items():
        if key == "place":
            value = value.get("id")
        elif key in ("date_to", "date_precision"):
            continue
        elif key == "date_from":
            key = "date"
            to = changes.get("date_to")
            value = value if not to or to == value else f"{value}..{to}"
        parts.append(f"{key}={'none' if value is None else value}")
    return "; ".join(parts)
