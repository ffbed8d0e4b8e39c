"""Why an event exists, and why a candidate did not become one.

Every :class:`~geo_events.model.Event` carries :attr:`~geo_events.model.Event.provenance`: the
ids of the rules that made it (its trigger, ``trigger.<kind>.<phrase>``) and that set its kind
and status (``factuality.*`` checks of the clause syntax, ConText rules of
``geo_events/data/lang/en/factuality_rules.json``, ``kind.*`` adjustments). With ``explain=True``,
:func:`geo_events.events.extract_events` also returns the *dropped candidates*: triggers found
in the text that made no event, each with the id of the rule that dropped it
(:data:`DROP_RULES` for the checks in code).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, NamedTuple

from geo_events.model import Event

#: Ids of the checks in code that drop a candidate, and what they mean.
DROP_RULES = {
    "veto.no_place": "no place in the trigger's place slot",
    "veto.not_a_state": "the party joined is no state ('joined the team')",
    "veto.no_armed_party": "the verb needs an armed party and none acts ('weather systems "
                           "pushed toward X')",
    "veto.macro_region": "a region of no country (a continent, a sea) is no place that changes "
                         "hands",
    "veto.own_ground": "a change on a profile country's own ground outside the theatre that "
                       "no other side makes ('Wagner fighters seized Rostov-on-Don')",
    "veto.third_country": "a holder adjective or occupation of this conflict on a place in "
                          "another country (or no place that makes an event)",
    "veto.time_taken": "'it took X two years to ...': time taken, no territory",
    "veto.unarmed_mover": "the mover is no armed party ('a convoy of evacuees reached X', 'the "
                          "ambassador returned to X')",
    "veto.unarmed_party_prep": "the party after the preposition is no armed party ('fell to "
                               "18th')",
    "veto.law_enforcement": "an arrest by the police, not territory",
    "veto.country_level": "a whole country is no place that changes hands",
    "veto.ambiguous_place": "a settlement named without saying which of its many namesakes "
                            "(known by its country only): no point to check or draw",
}


@dataclass(frozen=True, slots=True)
class DroppedCandidate:
    """A trigger that made no event: ``rule`` is the id of the rule that dropped it.

    ``start``/``end`` are the character offsets of its sentence in the text, ``trigger_start``
    the offset of the trigger word; ``places`` the names in its place slot (may be empty).
    """

    trigger: str
    phrase: str
    kind: str
    rule: str
    sentence: str
    start: int
    end: int
    trigger_start: int
    places: tuple[str, ...] = ()
    article_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["places"] = list(self.places)
        return d


class Explained(NamedTuple):
    """What ``extract_events(..., explain=True)`` returns: the events and the dropped
    candidates (both in text order)."""

    events: list[Event]
    dropped: list[DroppedCandidate]
