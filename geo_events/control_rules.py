"""The rules the control timeline weighs evidence by: ``geo_events/data/control_rules.json``.

The file (documented in ``docs/control.md``) has ``parameters`` (each ``{"value", "doc"}``:
windows and delays in days, weights 0..1) and ``evidence`` rules, tried in order: the first
whose ``kinds`` (absent: any kind) and ``statuses`` match an event decides its ``effect``:

* ``move``: control moves to the gaining side (confirmed, reported, conceded, assessed);
* ``claim``: the place shows as ``claimed`` by the gaining side; control moves only when a move
  by the same side follows within ``claim_confirm_days``;
* ``cancel``: pending claims are cancelled (a denial, a refutation); beside a move in the same
  window the place is contested;
* ``contest``: the place is contested (fighting in it);
* ``presume``: an attack by one side presumes the other holds the place (a place with no
  status gets that holder; no status changes); the status lapses ``lapse_days`` (the
  rule's, else the ``presume_days`` parameter) after its last evidence;
* ``none``: the event is no evidence of control (it changes no status).

A rule may also name ``provenance`` (extraction rule ids of ``Event.provenance``): it then
matches only events one of these rules made or qualified.

``weight`` (0..1) is the confidence the evidence gives, halved every ``half_life_days``.
``under_way`` rules (optional) name extraction rules (ids of ``Event.provenance``) whose events
report a change under way ("announced the withdrawal from X"): a move reported beside one is
dated at its completion (:class:`UnderWayRule`). ``part_holding`` rules (optional) name the
reports of holding that, about an area unit, say which side holds *part* of it ("the
Russian-held X Oblast": :class:`PartRule`). ``unnamed_change`` rules (optional) say when a
change reported with no side named ("X was recaptured on 3 April", "the fall of X on 22 May")
turns the place to the opponent of its holder just before (:class:`UnnamedChangeRule`).
:func:`load_control_rules` checks the file's schema and says what is wrong, naming the file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from geo_events.config import DATA_DIR
from geo_events.data_schema import COMMON_KEYS, Parameter, check_keys, check_parameters
from geo_events.data_schema import parameter_docs as file_parameter_docs
from geo_events.errors import DataFileError
from geo_events.model import CONTROL_KINDS, EVENT_STATUSES

DEFAULT_RULES = DATA_DIR / "control_rules.json"

EFFECTS = ("move", "claim", "cancel", "contest", "presume", "none")
_WEIGHT = Parameter(float, 0.0, 1.0)
#: Parameters the file must give (days are whole numbers, weights numbers in 0..1).
PARAMETERS: dict[str, Parameter] = {
    "window_days": Parameter(int, 1), "claim_confirm_days": Parameter(int, 0),
    "half_life_days": Parameter(int, 1), "area_min_articles": Parameter(int, 1),
    "area_min_report_days": Parameter(int, 1),
    "known_overturn_articles": Parameter(int, 1), "held_overturn_articles": Parameter(int, 1),
    "front_radius_km": Parameter(int, 1), "front_min_places": Parameter(int, 0),
    "front_stale_days": Parameter(int, 0), "front_weight": _WEIGHT,
    "start_weight": _WEIGHT,
    "baseline_weight": _WEIGHT, "area_weight": _WEIGHT,
    "ranged_change_days": Parameter(int, 0), "own_change_over_quotes": Parameter(int, 0),
    "presume_days": Parameter(int, 0), "held_days": Parameter(int, 0),
    "held_recalled_days": Parameter(int, 0),
}
_RULE_KEYS = frozenset({"id", "kinds", "statuses", "effect", "weight", "provenance",
                        "overturns_known", "lapse_days", "doc"})
_UNDER_WAY_KEYS = frozenset({"id", "provenance", "doc"})
_PART_KEYS = frozenset({"id", "kinds", "provenance", "unless", "known_split", "doc"})
_UNNAMED_KEYS = frozenset({"id", "kinds", "precisions", "prior", "returns", "doc"})
#: what may have set the status an unnamed change turns: a known layer (the starting state, a
#: baseline), a presumption (an attack by the other side), or a move (a change reported for
#: the place, or a report of holding)
UNNAMED_PRIORS = ("set", "presume", "move")
_FILE_KEYS = frozenset({*COMMON_KEYS, "version", "parameters", "evidence", "under_way",
                        "part_holding", "unnamed_change"})


@dataclass(frozen=True, slots=True)
class EvidenceRule:
    """One evidence rule: events of ``kinds`` (empty: any) with a status in ``statuses`` (and,
    when ``provenance`` is given, made or qualified by one of these extraction rules) have
    ``effect`` with confidence ``weight`` (0..1). ``overturns_known``: a move by such events
    overturns the known picture (starting state, baseline) from one article, without waiting
    for ``known_overturn_articles`` (the known holder conceding the place)."""

    id: str
    statuses: frozenset[str]
    effect: str
    weight: float
    kinds: frozenset[str] = frozenset()
    doc: str = ""
    provenance: frozenset[str] = frozenset()
    overturns_known: bool = False
    #: a ``presume`` rule's own lapse (days; None: the ``presume_days`` parameter)
    lapse_days: int | None = None

    def matches(self, kind: str, status: str, provenance: tuple[str, ...] = ()) -> bool:
        return status in self.statuses and (not self.kinds or kind in self.kinds) \
            and (not self.provenance or bool(self.provenance.intersection(provenance)))


@dataclass(frozen=True, slots=True)
class UnderWayRule:
    """Events made by any extraction rule of ``provenance`` (rule ids of
    :attr:`geo_events.model.Event.provenance`: "announced the withdrawal", "ordered to withdraw",
    "began withdrawing") report a change *under way* at their place on their day: a move
    reported for the place within ``window_days`` of it is dated at the next later report of
    the same move (the change's completion, within ``claim_confirm_days``) when there is one."""

    id: str
    provenance: frozenset[str]
    doc: str = ""


@dataclass(frozen=True, slots=True)
class PartRule:
    """Events of ``kinds`` made by an extraction rule of ``provenance`` and by none of
    ``unless`` (rule ids of :attr:`geo_events.model.Event.provenance`) report, when their place
    is an area unit (an oblast, a raion, a region, a part of one), the *part* of it a side
    holds ("fired at Ukrainian-held X Oblast", "the Russian occupation of X Oblast"): a status
    of the unit resting on such reports alone is a part holding (``extent`` "part"), which the
    area estimate never reads as the whole unit held (docs/control.md). A ``known_split``
    rule matches reports of ``kinds`` (with any provenance, or one of ``provenance`` when
    given) about a unit the known picture splits (the profile's starting state holds part of
    it: "Russia holds Donetsk Oblast" in 2022 names the part it holds)."""

    id: str
    kinds: frozenset[str]
    provenance: frozenset[str]
    unless: frozenset[str] = frozenset()
    doc: str = ""
    known_split: bool = False

    def matches(self, kind: str, provenance: tuple[str, ...], split: bool = False) -> bool:
        """``split``: the event's place is a unit the known picture splits."""
        if kind not in self.kinds or self.unless.intersection(provenance):
            return False
        if self.known_split:
            return split and (not self.provenance
                              or bool(self.provenance.intersection(provenance)))
        return bool(self.provenance.intersection(provenance))


@dataclass(frozen=True, slots=True)
class UnnamedChangeRule:
    """A change of ``kinds`` reported as fact (its evidence rule's effect is ``move``) with no
    side named (no gain, gain actor or loss: "X was recaptured on 3 April", "the fall of X on
    22 May", "troops were reported withdrawing from X"), dated to one of ``precisions`` (not
    only by the publication day), about a settlement or a site, is a change of hands: in a
    two-sided profile the gainer is the opponent of the side that held the place just before.
    Only a status ``prior`` names may be turned (``set``: a known layer; ``presume``: a
    presumption; ``move``: a reported change or report of holding, and then only by a change
    of ``returns`` kinds, a place taken earlier given back); never a status the change could
    be a retelling of (see docs/control.md)."""

    id: str
    kinds: frozenset[str]
    precisions: frozenset[str]
    prior: frozenset[str]
    returns: frozenset[str] = frozenset()
    doc: str = ""


@dataclass(frozen=True, slots=True)
class ControlRules:
    """The parsed rules file (see the module docstring); ``path`` is where it came from."""

    rules: tuple[EvidenceRule, ...]
    window_days: int
    claim_confirm_days: int
    half_life_days: int
    area_min_articles: int
    known_overturn_articles: int
    start_weight: float
    baseline_weight: float
    area_weight: float
    ranged_change_days: int = 3
    own_change_over_quotes: int = 1
    area_min_report_days: int = 3
    held_overturn_articles: int = 2
    front_radius_km: int = 20
    front_min_places: int = 2
    front_stale_days: int = 30
    front_weight: float = 0.5
    presume_days: int = 90
    held_days: int = 0
    held_recalled_days: int = 0
    under_way: tuple[UnderWayRule, ...] = ()
    part_holding: tuple[PartRule, ...] = ()
    unnamed_change: tuple[UnnamedChangeRule, ...] = ()
    path: Path | None = None

    def unnamed_rule(self, kind: str, precision: str) -> UnnamedChangeRule | None:
        """The first ``unnamed_change`` rule of an event's kind and date precision."""
        return next((r for r in self.unnamed_change
                     if kind in r.kinds and precision in r.precisions), None)

    def part_rule(self, kind: str, provenance: tuple[str, ...], split: bool = False
                  ) -> PartRule | None:
        """The first ``part_holding`` rule an event (its kind and provenance; ``split``: its
        place is a unit the known picture splits) matches."""
        return next((r for r in self.part_holding if r.matches(kind, provenance, split)),
                    None)

    def under_way_rule(self, provenance: tuple[str, ...]) -> UnderWayRule | None:
        """The first ``under_way`` rule one of whose provenance ids an event carries."""
        return next((r for r in self.under_way if r.provenance.intersection(provenance)),
                    None)

    def rule_for(self, kind: str, status: str,
                 provenance: tuple[str, ...] = ()) -> EvidenceRule | None:
        """The first rule matching an event's kind, status (and provenance: the ids of the
        extraction rules behind it), or None (not evidence)."""
        return next((r for r in self.rules if r.matches(kind, status, provenance)), None)


def _fail(source: str, what: str) -> DataFileError:
    return DataFileError(f"control rules file {source}: {what}")


def _rule_id(d: Any, source: str, where: str, keys: frozenset[str]) -> str:
    """Check that the rule at ``where`` (``evidence[3]``) is an object with known keys and
    return its non-empty string id."""
    if not isinstance(d, dict):
        raise _fail(source, f"{where} must be an object, got {d!r}")
    check_keys(d, keys, f"control rules file {source}: {where}")
    rid = d.get("id")
    if not isinstance(rid, str) or not rid:
        raise _fail(source, f"{where} needs a non-empty string 'id'")
    return rid


def _rule(d: Any, source: str, i: int) -> EvidenceRule:
    rid = _rule_id(d, source, f"evidence[{i}]", _RULE_KEYS)
    statuses = d.get("statuses")
    if not isinstance(statuses, list) or not statuses:
        raise _fail(source, f"rule {rid!r}: 'statuses' must be a non-empty list")
    bad = sorted(set(statuses) - set(EVENT_STATUSES))
    if bad:
        raise _fail(source, f"rule {rid!r}: status {bad[0]!r} is unknown; use "
                            f"{', '.join(EVENT_STATUSES)}")
    if d.get("effect") not in EFFECTS:
        raise _fail(source, f"rule {rid!r}: effect {d.get('effect')!r} is unknown; use "
                            f"{', '.join(EFFECTS)}")
    weight = d.get("weight")
    if not isinstance(weight, int | float) or not 0.0 <= weight <= 1.0:
        raise _fail(source, f"rule {rid!r}: weight {weight!r} must be a number in 0..1")
    kinds = d.get("kinds", [])
    if not isinstance(kinds, list):
        raise _fail(source, f"rule {rid!r}: 'kinds' must be a list of event kinds")
    overturns = d.get("overturns_known", False)
    if not isinstance(overturns, bool):
        raise _fail(source, f"rule {rid!r}: 'overturns_known' must be true or false")
    lapse = d.get("lapse_days")
    if lapse is not None and (not isinstance(lapse, int) or isinstance(lapse, bool)
                              or lapse < 0 or d["effect"] != "presume"):
        raise _fail(source, f"rule {rid!r}: 'lapse_days' must be a whole number of days >= 0, "
                            "on a rule of effect 'presume'")
    return EvidenceRule(rid, frozenset(statuses), d["effect"], float(weight), frozenset(kinds),
                        str(d.get("doc", "")),
                        _id_list(d, "provenance", rid, source, False), overturns, lapse)


def control_rules_from_dict(d: Any, path: Path | None = None) -> ControlRules:
    """Build and check :class:`ControlRules` from the JSON structure."""
    source = str(path) if path else "(dict)"
    if not isinstance(d, dict) or not isinstance(d.get("parameters"), dict) \
            or not isinstance(d.get("evidence"), list):
        raise _fail(source, "needs a 'parameters' object and an 'evidence' list")
    check_keys(d, _FILE_KEYS, f"control rules file {source}")
    params = check_parameters(d, PARAMETERS, f"control rules file {source}")
    rules = tuple(_rule(r, source, i) for i, r in enumerate(d["evidence"]))
    under_way = d.get("under_way", [])
    if not isinstance(under_way, list):
        raise _fail(source, "'under_way' must be a list of rules")
    under = tuple(_under_way_rule(r, source, i) for i, r in enumerate(under_way))
    part_holding = d.get("part_holding", [])
    if not isinstance(part_holding, list):
        raise _fail(source, "'part_holding' must be a list of rules")
    parts = tuple(_part_rule(r, source, i) for i, r in enumerate(part_holding))
    unnamed_change = d.get("unnamed_change", [])
    if not isinstance(unnamed_change, list):
        raise _fail(source, "'unnamed_change' must be a list of rules")
    unnamed = tuple(_unnamed_rule(r, source, i) for i, r in enumerate(unnamed_change))
    ids = [r.id for r in rules] + [r.id for r in under] + [r.id for r in parts] \
        + [r.id for r in unnamed]
    if len(set(ids)) != len(ids):
        raise _fail(source, f"rule ids must be unique, got {ids}")
    return ControlRules(rules=rules, under_way=under, part_holding=parts,
                        unnamed_change=unnamed, path=path, **params)


def _id_list(d: dict, key: str, rid: str, source: str, required: bool) -> frozenset[str]:
    """A rule's list of ids (extraction rule ids, event kinds) under ``key``."""
    value = d.get(key, [])
    if not isinstance(value, list) or (required and not value) \
            or not all(isinstance(p, str) and p for p in value):
        raise _fail(source, f"rule {rid!r}: {key!r} must be a {'non-empty ' if required else ''}"
                            "list of ids")
    return frozenset(value)


def _part_rule(d: Any, source: str, i: int) -> PartRule:
    rid = _rule_id(d, source, f"part_holding[{i}]", _PART_KEYS)
    split = d.get("known_split", False)
    if not isinstance(split, bool):
        raise _fail(source, f"rule {rid!r}: 'known_split' must be true or false")
    return PartRule(rid, _id_list(d, "kinds", rid, source, True),
                    _id_list(d, "provenance", rid, source, not split),
                    _id_list(d, "unless", rid, source, False), str(d.get("doc", "")), split)


def _unnamed_rule(d: Any, source: str, i: int) -> UnnamedChangeRule:
    from geo_events.events.dates import PRECISIONS

    rid = _rule_id(d, source, f"unnamed_change[{i}]", _UNNAMED_KEYS)
    checked = {}
    for key, allowed, required in (("kinds", CONTROL_KINDS, True),
                                   ("precisions", PRECISIONS, True),
                                   ("prior", UNNAMED_PRIORS, True),
                                   ("returns", CONTROL_KINDS, False)):
        values = _id_list(d, key, rid, source, required)
        bad = sorted(values - set(allowed))
        if bad:
            raise _fail(source, f"rule {rid!r}: {key} {bad[0]!r} is unknown; use "
                                f"{', '.join(sorted(allowed))}")
        checked[key] = values
    return UnnamedChangeRule(rid, checked["kinds"], checked["precisions"], checked["prior"],
                             checked["returns"], str(d.get("doc", "")))


def _under_way_rule(d: Any, source: str, i: int) -> UnderWayRule:
    rid = _rule_id(d, source, f"under_way[{i}]", _UNDER_WAY_KEYS)
    prov = d.get("provenance")
    if not isinstance(prov, list) or not prov or not all(isinstance(p, str) and p for p in prov):
        raise _fail(source, f"rule {rid!r}: 'provenance' must be a non-empty list of "
                            "extraction rule ids")
    return UnderWayRule(rid, frozenset(prov), str(d.get("doc", "")))


@cache
def _load(path: Path) -> ControlRules:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DataFileError(f"control rules file {path} not found; pass an existing file "
                            "or omit it for the shipped rules") from exc
    except json.JSONDecodeError as exc:
        raise _fail(str(path), f"not valid JSON ({exc})") from exc
    return control_rules_from_dict(data, path)


def load_control_rules(path: str | Path | None = None) -> ControlRules:
    """The shipped rules (``path`` None) or a rules file of the same schema."""
    return _load(Path(path).resolve() if path else DEFAULT_RULES)


def parameter_docs(rules: ControlRules) -> dict[str, str]:
    """Parameter name -> the documentation line the rules file gives it."""
    return file_parameter_docs(rules.path or DEFAULT_RULES)
