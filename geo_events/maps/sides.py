"""Colours and names of conflict sides and of the non-side states on maps.

A conflict profile (``geo_events/data/profiles/``) gives ``{side_id: {"name": ..., "color": ...}}``
(``colour`` is accepted too);
sides it does not list (e.g. a normalised actor text when no profile matched) get colours from a
palette chosen to stay distinct from the contested (amber) and unknown (grey) states.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

#: Non-side states (hex colours).
CONTESTED_COLOR = "#f2a900"
UNKNOWN_COLOR = "#8a8a8a"

# Colour-blind-friendly, no amber/grey (those mean contested/unknown).
_PALETTE = ("#c0392b", "#1f5fbf", "#2e8b57", "#8e44ad", "#d35400", "#16a085", "#a0522d",
            "#c2185b", "#34495e", "#7cb342")


@dataclass(frozen=True)
class Side:
    """A side as drawn: ``id`` (profile side id or actor text), display ``name``, hex ``color``."""

    id: str
    name: str
    color: str


def resolve_sides(profile_sides: Mapping[str, Mapping[str, Any]] | None,
                  used: Iterable[str]) -> dict[str, Side]:
    """Sides to draw: every profile side, then every other side id in ``used`` (palette colours).

    Profile entries may omit ``name`` (the id is used) or ``color`` (palette).
    """
    result: dict[str, Side] = {}
    taken: set[str] = set()
    for sid, spec in (profile_sides or {}).items():
        color = spec.get("color") or spec.get("colour")
        name = spec.get("name") or sid
        if color:
            taken.add(str(color).lower())
        result[sid] = Side(sid, str(name), str(color) if color else "")
    free = [c for c in _PALETTE if c not in taken]
    for sid in used:
        if sid not in result:
            result[sid] = Side(sid, sid, "")
    for i, (sid, side) in enumerate(list((k, v) for k, v in result.items() if not v.color)):
        result[sid] = Side(side.id, side.name, free[i % len(free)] if free else _PALETTE[0])
    return result
