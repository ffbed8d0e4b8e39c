"""Event helpers shared by the timeline and control-picture tests: extraction of our own
sentences with the real pipeline under the ``russia-ukraine`` profile, and the rule ids of a
status change, and the shipped control rules with some parameters changed."""

from __future__ import annotations

import json
from datetime import date

from geo_events.control_rules import DEFAULT_RULES, ControlRules, control_rules_from_dict
from geo_events.events import extract_events
from geo_events.model import Event

PROFILE = "russia-ukraine"


def events_on(text: str, day: str, article: str = "a") -> list[Event]:
    """Events of ``text`` published on ``day`` (ISO date) as article ``article``."""
    return extract_events(text, published=date.fromisoformat(day), profile=PROFILE,
                          article_id=article)


def events_of(*texts: tuple[str, str], article: str = "a") -> list[Event]:
    """Events of several ``(text, ISO day)`` articles, numbered ``article0``, ``article1``..."""
    out: list[Event] = []
    for i, (text, day) in enumerate(texts):
        out += events_on(text, day, f"{article}{i}")
    return out


def rule_ids(change) -> set[str]:
    """The rule ids behind a timeline status change (its ``rules`` items may join several)."""
    return {r for item in change.rules for r in item.split(",")}


def rules_with(**values: float) -> ControlRules:
    """The shipped control rules file with the given parameters' values changed, parsed as a
    user's file would be (``rules_with(held_days=0)``)."""
    data = json.loads(DEFAULT_RULES.read_text(encoding="utf-8"))
    for name, value in values.items():
        data["parameters"][name]["value"] = value
    return control_rules_from_dict(data)
