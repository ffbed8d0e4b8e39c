"""Colours and names of conflict sides and of the non-side states, the same on every map.

A side's colour and name come from its conflict profile (``geo_events/data/profiles/``,
``colour`` and ``name`` of each side), so Russia is the same red on the interactive map, the
print figure and under any other profile's map; an event keeps the profile it was read with
(:attr:`~geo_events.model.Event.profile`), so a store mixing Ukraine and Sudan names and colours
each side by its own conflict (:func:`sides_for_events`).

The shipped colours are Paul Tol's colour-blind-safe schemes (https://personal.sron.nl/~pault/):
the two states every map has (contested: :data:`CONTESTED_COLOR`, unknown:
:data:`UNKNOWN_COLOR`) and each profile's sides stay distinguishable under simulated deutan,
protan and tritan colour-vision deficiency (tested in ``tests/test_map_colours.py``). Sides no
profile lists (a normalised actor text such as ``M23`` when no profile matched), sides without
a colour, and a side whose colour another side of the same map already has (two conflicts'
profiles may reuse a colour) take the next free colour of :data:`PALETTE`, so no two sides of
one map share a colour.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from geo_events.events.profiles import Profile
    from geo_events.model import Event

#: Non-side states (hex colours): Tol's high-contrast yellow and neutral grey.
CONTESTED_COLOR = "#ddaa33"
UNKNOWN_COLOR = "#bbbbbb"

#: Colours for sides without their own (Tol's vibrant and muted schemes, without the yellow and
#: grey that mean contested and unknown), in the order they are handed out.
PALETTE = ("#0077bb", "#cc3311", "#009988", "#aa3377", "#33bbee", "#332288", "#117733",
           "#882255", "#cc6677", "#663333", "#999933", "#222222")


@dataclass(frozen=True)
class Side:
    """A side as drawn: ``id`` (profile side id or actor text), display ``name``, hex ``color``,
    and ``profile``, the id of the conflict profile that defines it (None for an actor text)."""

    id: str
    name: str
    color: str
    profile: str | None = None


def resolve_sides(profile_sides: Mapping[str, Mapping[str, Any]] | None,
                  used: Iterable[str]) -> dict[str, Side]:
    """Sides to draw: every entry of ``profile_sides``, then every other id in ``used``.

    ``profile_sides``: ``{side_id: {"name", "color" (or "colour"), "profile"}}``, in priority
    order; entries may omit ``name`` (the id is used) or ``color``. A side without a colour,
    or whose colour (case-insensitive) an earlier side already has, gets the next free colour
    of :data:`PALETTE`; the result's colours are pairwise different.
    """
    wanted: dict[str, tuple[str, str, str | None]] = {}
    for sid, spec in (profile_sides or {}).items():
        color = str(spec.get("color") or spec.get("colour") or "").lower()
        name = str(spec.get("name") or sid)
        profile = spec.get("profile")
        wanted[sid] = (name, color, str(profile) if profile else None)
    for sid in used:
        wanted.setdefault(sid, (sid, "", None))
    taken: set[str] = {c for _, c, _ in wanted.values() if c}
    seen: set[str] = set()
    free = (c for c in itertools.chain(PALETTE, _extra_colours()) if c not in taken)
    result: dict[str, Side] = {}
    for sid, (name, color, profile) in wanted.items():
        if not color or color in seen:
            color = next(free)
        seen.add(color)
        result[sid] = Side(sid, name, color, profile)
    return result


def sides_for_events(events: Sequence[Event], profile: Profile | None = None,
                     extra: Iterable[str] = ()) -> dict[str, Side]:
    """The sides of a map of ``events``, each named and coloured by its own conflict profile.

    Priority (who keeps its colour when two profiles use the same one): ``profile`` (chosen by
    the user), then the events' own profiles (:attr:`Event.profile`), most events first; side
    ids of events stored without a profile are looked up in the one shipped profile that has
    them. ``extra``: more side ids or actor texts to draw (e.g. a timeline's holders).
    """
    from geo_events.events.profiles import profile_for, profile_with_sides

    used: list[str] = []
    for sid in (*(s for e in events for s in (e.gain, e.loss, e.gain_actor)), *extra):
        if sid and sid not in used:
            used.append(sid)
    counts = Counter(e.profile for e in events if e.profile)
    ordered: list[Profile] = [profile] if profile is not None else []
    for name, _ in counts.most_common():
        own = profile_for(name)
        if own is not None and own.id not in {p.id for p in ordered}:
            ordered.append(own)
    specs: dict[str, dict[str, Any]] = {}
    for prof in ordered:
        for s in prof.sides:
            specs.setdefault(s.id, {"name": s.name, "color": s.colour, "profile": prof.id})
    for sid in used:
        if sid in specs:
            continue
        own = profile_with_sides([sid])
        if own is not None:
            s = own.side(sid)
            specs[sid] = {"name": s.name, "color": s.colour, "profile": own.id}
    return resolve_sides(specs, used)


def _extra_colours() -> Iterable[str]:
    """Distinct fallback colours once :data:`PALETTE` is used up (many actor texts)."""
    import colorsys

    k = 0
    while True:
        hue = (k * 0.618034) % 1.0
        r, g, b = colorsys.hls_to_rgb(hue, 0.42, 0.65)
        k += 1
        yield f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"
