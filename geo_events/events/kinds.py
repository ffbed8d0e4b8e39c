"""The event taxonomy and its mapping to ACLED event / sub-event types.

Every :class:`~geo_events.model.Event` has a ``kind`` from :data:`KINDS`. Kinds fall in four
families:

* ``control`` — the place changes hands (``capture``, ``recapture``, ``withdrawal``,
  ``transfer``). These are :data:`geo_events.model.CONTROL_KINDS`; with a gaining or losing side
  they are *control changes* and drive the control timeline.
* ``status`` — a report of who holds a place without a change (``held``: "remained under Russian
  control"), or that it is fought over (``contested``: "fighting continued in X"). The timeline
  uses them as status evidence, never as changes of hands.
* ``activity`` — military activity at a place that says nothing about control (``advance``,
  ``clash``, ``shelling``, ``air_strike``, ``attack``).
* ``claim`` — a political claim (``annexation_claim``): kept apart from control.

ACLED codes a foreign state's capture as "Non-state actor overtakes territory" and a government's
retaking as "Government regains territory"; a capture by a government force therefore maps to the
former unless the gaining side is marked ``government`` in the conflict profile (see
:func:`acled_type`).
"""

from __future__ import annotations

from dataclasses import dataclass

from geo_events.model import CONTROL_KINDS


@dataclass(frozen=True, slots=True)
class Kind:
    """One event kind: its family, ACLED ``event_type``/``sub_event_type`` and a description."""

    name: str
    family: str
    acled_event_type: str
    acled_sub_event_type: str
    description: str


_KIND_LIST = (
    Kind("capture", "control", "Battles", "Non-state actor overtakes territory",
         "a party takes a place (seized, captured, took control of, occupied, fell to)"),
    Kind("recapture", "control", "Battles", "Government regains territory",
         "a party takes back a place it had lost (liberated, retook, regained control of)"),
    Kind("withdrawal", "control", "Strategic developments", "Non-violent transfer of territory",
         "a party leaves a place (withdrew from, pulled out of, abandoned); the other side gains"),
    Kind("transfer", "control", "Strategic developments", "Non-violent transfer of territory",
         "a place passes to a party without reported fighting (handed over to, came under)"),
    Kind("held", "status", "Strategic developments", "Other",
         "a report that a party holds a place, without a change (remained under X control)"),
    Kind("contested", "status", "Battles", "Armed clash",
         "a place is fought over (fighting continued in, battle for)"),
    Kind("advance", "activity", "Strategic developments", "Change to group/activity",
         "a party moves into or towards a place without holding it (entered, advanced on)"),
    Kind("clash", "activity", "Battles", "Armed clash",
         "an armed clash at or near a place"),
    Kind("shelling", "activity", "Explosions/Remote violence", "Shelling/artillery/missile attack",
         "artillery, rocket or missile fire on a place"),
    Kind("air_strike", "activity", "Explosions/Remote violence", "Air/drone strike",
         "an air or drone strike on a place"),
    Kind("attack", "activity", "Battles", "Armed clash",
         "a ground attack or assault on a place"),
    Kind("annexation_claim", "claim", "Strategic developments", "Agreement",
         "a political claim over a place (annexed, to join, declared part of): not control"),
)

#: All kinds by name.
KINDS: dict[str, Kind] = {k.name: k for k in _KIND_LIST}

#: Kinds that tell the timeline a status (control changes plus status reports).
STATUS_KINDS = frozenset(CONTROL_KINDS | {"held", "contested"})

#: Kinds that describe military activity only.
ACTIVITY_KINDS = frozenset(k.name for k in _KIND_LIST if k.family == "activity")

#: Kinds that are political claims.
CLAIM_KINDS = frozenset(k.name for k in _KIND_LIST if k.family == "claim")

assert KINDS.keys() >= CONTROL_KINDS, "model.CONTROL_KINDS must be part of the taxonomy"


def get_kind(name: str) -> Kind:
    """The :class:`Kind` called ``name``; raises :class:`~geo_events.errors.InputError`."""
    try:
        return KINDS[name]
    except KeyError:
        from geo_events.errors import InputError

        raise InputError(f"unknown event kind {name!r}; use one of {', '.join(KINDS)}") from None


def acled_type(kind: str, gain_is_government: bool = False) -> tuple[str, str]:
    """ACLED ``(event_type, sub_event_type)`` for an event kind.

    ``gain_is_government`` refines captures: a government force taking a place is
    "Government regains territory" in ACLED's coding, anyone else "Non-state actor overtakes
    territory" (ACLED uses the latter for foreign state forces too).
    """
    k = get_kind(kind)
    if kind == "capture" and gain_is_government:
        return "Battles", "Government regains territory"
    return k.acled_event_type, k.acled_sub_event_type
