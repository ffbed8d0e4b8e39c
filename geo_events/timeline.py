"""Control timeline: who controls each place over time, on which evidence, how surely.

:meth:`ControlTimeline.from_events` weighs each place's evidence by the rules of
``geo_events/data/control_rules.json`` (:mod:`geo_events.control_rules`, ``docs/control.md``):

* **Moves.** A change reported as fact, conceded by the losing side or assessed independently
  (status ``reported`` / ``assessed``) moves control to the gaining side (``gain``, else
  ``gain_actor``; a withdrawal with only a loser gains the opponent in a two-sided conflict:
  that of the event's own profile (:attr:`Event.profile`, so a store mixing conflicts works),
  else of the ``profile`` given; with a profile, only its sides hold places).
  ``held`` reports say the same without a change.
* **Holding against a change.** A report that another side holds a place with no change
  reported ("the Ukrainian-held town of X", "during the occupation of X") against a change
  reported for it moves control only once ``held_overturn_articles`` articles say so within
  ``claim_confirm_days``: one is a look back at the state before the change, or a slip.
* **Claims.** A claim by the gaining side alone (``claimed``, ``unverified``) shows the place
  as ``claimed`` (its own state; the holder stays who it was) and moves control only when a
  move by the same side follows within ``claim_confirm_days``; control then dates from the
  claim. A denial or refutation (``denied``, ``disputed``) cancels pending claims.
* **Presumed holding.** An attack on a settlement by one side (``presume`` rules:
  "Russian artillery shelled X") presumes the other side holds it: a settlement with no
  status gets that holder, one held by it newer evidence; a presumption changes no status,
  and one not renewed lapses (``lapse_days`` / ``presume_days``: rule ``presumption-lapsed``).
  A settlement's status resting only on reports of holding ("the Russian-held town of X")
  lapses likewise ``held_days`` after the last of them (rule ``held-lapsed``), one resting only
  on look backs (a holding dated ``held_recalled_days`` or more before its article) the day
  after their own dates (rule ``held-recalled-lapsed``).
* **Conflicts.** Evidence within ``window_days`` of a window's first event is weighed together:
  two sides moving control, or a move and a denial, make the place ``contested``; so does
  fighting in it (``contested`` events) until a move.
* **Confidence.** A status's confidence is the weight of its best evidence (a rule's
  ``weight``) halved every ``half_life_days`` since the last evidence for it.
* **Known layers.** The profile's starting state (``start`` in the profile,
  :mod:`geo_events.control_start`; off with ``start=False``) and a user ``baseline`` layer
  give the places inside their polygons (and the settlements they list) their side from their
  date on; with a two-sided profile, the places of a one-sided baseline's country outside its
  polygons get the opponent. Later evidence updates them: a move against them from fewer than
  ``known_overturn_articles`` articles is held like a claim, and the articles of such moves
  within ``claim_confirm_days`` add up (fighting in between does not reset them).
* **Area events.** A move reported for an area (an oblast, ``part:west:adm1:UA.08``, a river
  bank ``bank:right:dnipro:adm1:UA.08``: :mod:`geo_events.areas`) by at least
  ``area_min_articles`` different articles within ``claim_confirm_days`` (or reported as fact,
  then restated or claimed by the gaining side, on ``area_min_report_days`` different days of
  that span) updates every place in
  the area whose status it contradicts (held by, or claimed by, another side), with the area
  events as its evidence.
* **The front passing a stale status.** A settlement's status set by a change reported for it
  follows the side around it (rule ``front-passed``) once it is ``front_stale_days`` old and
  ``front_min_places`` settlements within ``front_radius_km`` changed to one other side since,
  with no newer evidence nearby for its side (:func:`_front_items`).
* **Dates.** An event counts from the start of its date range (``date_from``), except a change
  whose range is longer than ``ranged_change_days`` ("in November": from its last day, when it
  is known done) and a move reported within ``window_days`` of a change *under way* at the place
  ("announced the withdrawal from X": the ``under_way`` rules), which counts from the next later
  report of the same move (its completion) when there is one; statuses are per day:
  ``status_at(place, d)`` includes evidence dated ``d``. A place is ``unknown`` before its
  first evidence.
* **An article's own change.** Within a window, an article that reports a change as fact is
  read as that change: the denials it quotes and its reports of the losing side holding the
  place are its background (``own_change_over_quotes``).

:class:`ControlStatus` carries ``state`` (``held``, ``claimed``, ``contested``, ``unknown``),
``side`` (the holder, None unless held or claimed over a holder), ``claimant``, ``confidence``,
``last_evidence`` and ``evidence`` (event ids, ``start:<id>``, ``baseline:<n>``); ``status`` is
the older one-word form (the side id, ``contested`` or ``unknown``; a claimed place keeps its
holder's). :meth:`ControlTimeline.statuses_at` and :meth:`ControlTimeline.areas_at` give the
picture on a day as GeoDataFrames.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo_events.control_rules import (
    ControlRules,
    EvidenceRule,
    UnnamedChangeRule,
    load_control_rules,
)
from geo_events.errors import InputError
from geo_events.events.dates import parse_iso_date
from geo_events.events.profiles import Profile, profile_for, resolve_profile
from geo_events.model import CONTROL_KINDS, Event, Place

CONTESTED = "contested"
UNKNOWN = "unknown"
HELD = "held"
CLAIMED = "claimed"
#: Effect of an evidence rule whose events presume a holder without reporting one
#: (:func:`_presumed_holder`: the side attacked holds the place).
PRESUME = "presume"
STATES = (HELD, CLAIMED, CONTESTED, UNKNOWN)
#: Reports about one place within this many days are weighed together (rules file default).
DEFAULT_WINDOW_DAYS = 3

#: Columns of :meth:`ControlTimeline.changes`.
CHANGE_COLUMNS = ["place_id", "place_name", "geonameid", "level", "country_code", "admin1_code",
                  "admin1_name", "latitude", "longitude", "date", "status", "previous", "state",
                  "claimant", "n_events", "event_ids", "report_statuses", "sources",
                  "max_confidence"]
#: Columns of :meth:`ControlTimeline.admin1_rollup`.
ROLLUP_COLUMNS = ["admin1_code", "admin1_name", "country_code", "status", "n_places", "n_known",
                  "share"]
#: Columns of :meth:`ControlTimeline.statuses_at` (plus ``geometry``).
STATUS_COLUMNS = ["place_id", "name", "level", "country_code", "admin1_code", "side", "state",
                  "claimant", "confidence", "since", "last_evidence", "evidence_ids",
                  "radius_km", "extent"]
#: ``extent`` of a status: the whole place, or (an area unit whose status rests only on
#: reports of a side holding part of it: ``part_holding`` rules) the part a side holds.
WHOLE = "whole"
PART = "part"


@dataclass(frozen=True, slots=True)
class ControlStatus:
    """A place's status on a day (see the module docstring for the fields)."""

    status: str
    since: date | None
    events: tuple[Event, ...] = ()
    place: Place | None = None
    state: str = UNKNOWN
    side: str | None = None
    claimant: str | None = None
    confidence: float = 0.0
    last_evidence: date | None = None
    evidence: tuple[str, ...] = ()
    extent: str = WHOLE

    @property
    def known(self) -> bool:
        return self.status != UNKNOWN


@dataclass(frozen=True, slots=True)
class StatusChange:
    """From ``date`` on, ``place`` is in ``state`` (``status`` in the one-word form, was
    ``previous``) because of ``events``. ``support`` lists every piece of evidence for it as
    (date, evidence id, weight), including later confirmations; ``rules`` the rule ids."""

    place: Place
    date: date
    status: str
    previous: str
    events: tuple[Event, ...]
    state: str = HELD
    side: str | None = None
    claimant: str | None = None
    # datetime.date: ``date`` in this class body is the field above
    support: tuple[tuple[datetime.date, str, float], ...] = ()
    rules: tuple[str, ...] = ()


@dataclass
class _Item:
    """One piece of evidence for one place, in date order."""

    day: date
    effect: str  # move, claim, cancel, contest (events); set (known layers); area
    holder: str | None
    weight: float
    ids: tuple[str, ...]
    rule: str
    events: tuple[Event, ...] = ()
    #: an unnamed change (effect ``turn``): the profile whose opponent gains, and the item
    #: that stands in its place when the place's holder just before is not known
    profile: Profile | None = None
    fallback: _Item | None = None


@dataclass
class _State:
    status: str = UNKNOWN
    state: str = UNKNOWN
    side: str | None = None
    claimant: str | None = None
    pending: tuple[date, str, tuple[_Item, ...]] | None = None
    changes: list[StatusChange] = field(default_factory=list)
    #: the side the newest known layer (start state, baseline) gives the place, until a
    #: confirmed move overturns it
    known: str | None = None
    #: moves against the known picture held like claims, by gaining side: (day, articles);
    #: they count towards ``known_overturn_articles`` within ``claim_confirm_days`` even when
    #: fighting or claims came in between
    against: dict[str, list[tuple[date, frozenset[str]]]] = field(default_factory=dict)
    #: reports of another side holding the place against a reported change, by that side:
    #: (day, articles); they move control once ``held_overturn_articles`` articles within
    #: ``claim_confirm_days`` say so
    held_against: dict[str, list[tuple[date, frozenset[str]]]] = field(default_factory=dict)


def _holder(e: Event, profile: Profile | None, rules: ControlRules | None = None
            ) -> str | None:
    if e.kind == "contested":
        return CONTESTED
    if rules is not None and e.kind not in CONTROL_KINDS | {"held"}:
        rule = rules.rule_for(e.kind, e.status, e.provenance)
        if rule is not None and rule.effect == PRESUME:
            return _presumed_holder(e, profile)
    holder = e.gain or e.gain_actor
    # the event's own profile (a store may mix conflicts), else the one given
    own = profile_for(e.profile, (), profile) if e.profile else profile
    if holder is None and e.kind in CONTROL_KINDS and e.loss and own is not None:
        holder = own.opponent(e.loss)
    if own is not None and holder not in own.side_ids:
        return None  # with a profile only its sides hold places ("several armed groups" do not)
    return holder


def _unnamed_rule_of(e: Event, rules: ControlRules, profile: Profile | None
                     ) -> UnnamedChangeRule | None:
    """The ``unnamed_change`` rule of a change reported as fact with no side named ("X was
    recaptured on 3 April", "the fall of X on 22 May"), or None: the event must be of a change
    kind with no gain, gain actor or loss, its evidence rule's effect ``move``, about a
    settlement or site (not an area unit), dated by a date of its own at one of the rule's
    precisions (not the publication default ``published - 1 .. published``), under a
    two-sided profile (the event's own, else the one given)."""
    if e.kind not in CONTROL_KINDS or e.gain is not None or e.gain_actor is not None \
            or e.loss is not None or e.date_from is None or e.place.is_area:
        return None
    rule = rules.rule_for(e.kind, e.status, e.provenance)
    if rule is None or rule.effect != "move":
        return None
    if e.published is not None and e.date_to == e.published \
            and e.date_from == e.published - timedelta(days=1):
        return None  # dated only by the publication day
    own = profile_for(e.profile, (), profile) if e.profile else profile
    if own is None or len(own.sides) != 2:
        return None
    return rules.unnamed_rule(e.kind, e.date_precision)


def _turned(it: _Item, changes: list[StatusChange], state: str, side: str | None,
            rules: ControlRules) -> _Item | None:
    """An unnamed change (effect ``turn``) as a move to the opponent of the place's holder just
    before, or None when the ``unnamed_change`` rule does not allow it (docs/control.md):
    the place is held (or held with a claim pending) on a status a known layer (``set``), a
    presumption or a reported move set, as the rule's ``prior`` allows, that began before the
    change's own date; a status a move set only by a change of the rule's ``returns`` kinds;
    and not when the status's own events report a change of the same kind, nor when the
    gainer already took the place by a change of that kind (both: a retelling)."""
    if state not in (HELD, CLAIMED) or side in (None, CONTESTED) or it.profile is None:
        return None
    held = next((c for c in reversed(changes) if c.state == HELD), None)
    if held is None or held.side != side:
        return None
    unnamed = [u for e in it.events
               if (u := rules.unnamed_rule(e.kind, e.date_precision)) is not None]
    if not unnamed or len(unnamed) != len(it.events):
        return None
    rule = unnamed[0]
    basis = _basis(held, rules)
    if basis not in rule.prior:
        return None
    kinds = {e.kind for e in it.events}
    if basis == "move" and not kinds <= rule.returns:
        return None
    if any(e.kind in kinds for e in held.events):
        return None  # the change that set the status, retold
    if min(e.date_from or date.min for e in it.events) <= held.date:
        return None
    gainer = it.profile.opponent(side)
    if gainer is None:
        return None
    if any(c.state == HELD and c.side == gainer and any(e.kind in kinds for e in c.events)
           for c in changes):
        return None  # the gainer's earlier change of this kind, retold
    return replace(it, effect="move", holder=gainer, fallback=None)


def _basis(change: StatusChange, rules: ControlRules) -> str | None:
    """What set a held status: ``set`` (a known layer), ``presume`` (presumptions only),
    ``move`` (a reported move or report of holding, a confirmed claim), ``area``, ``front``,
    or None (a status restored when a claim was cancelled)."""
    ids = [r for item in change.rules for r in item.split(",")]
    if not ids or "reverted" in ids:
        return None
    if any(r.startswith("area-event:") for r in ids):
        return "area"
    if "front-passed" in ids:
        return "front"
    if ids[0] in ("start", "baseline"):
        return "set"
    if _presumed(change, rules):
        return PRESUME
    return "move"


def _presumed_holder(e: Event, profile: Profile | None) -> str | None:
    """The side an attack presumes holds its place (a ``presume`` evidence rule: "Russian
    forces shelled X" -> X is Ukrainian-held): the opponent of the one side its actors name,
    in a two-sided profile (the event's own, else the one given); None for an area unit (an
    attack on an oblast says nothing of all of it), a site, or actors naming no side or
    both."""
    own = profile_for(e.profile, (), profile) if e.profile else profile
    if own is None or e.place.is_area or e.place.is_site \
            or e.place.level != "populated_place":
        return None
    sides = {s for a in e.actors if (s := own.side_of(a)) is not None}
    if len(sides) != 1:
        return None
    other = own.opponent(next(iter(sides)))
    return other if other in own.side_ids else None


def _is_area_event(e: Event) -> bool:
    from geo_events.areas import is_area_id

    return e.place.id.partition(":")[0] != "adm0" and is_area_id(e.place.id)


class ControlTimeline:
    """Per-place status histories built by :meth:`from_events` (see the module docstring)."""

    def __init__(self, history: dict[str, list[StatusChange]], places: dict[str, Place],
                 claims: list[Event], window_days: int = DEFAULT_WINDOW_DAYS, *,
                 rules: ControlRules | None = None, profile: Profile | None = None,
                 known: gpd.GeoDataFrame | None = None,
                 area_events: list[dict[str, Any]] | None = None,
                 countries: list[str] | None = None,
                 split_units: frozenset[str] = frozenset(),
                 theatre: list[str] | None = None) -> None:
        self._history = history
        self._places = places
        self._claims = claims
        self.window_days = window_days
        self.rules = rules or load_control_rules()
        self.profile = profile
        #: known layers (start state, baseline) the timeline used (``KNOWN_COLUMNS``)
        self.known = known
        #: confirmed area events: {place_id, side, date, event_ids, sources, known}
        #: (``known``: confirmed by ``area_min_articles`` articles: a polygon of known_at)
        self.area_events = area_events or []
        #: the conflict's countries (ISO codes; :meth:`regions`): the profile's, those of the
        #: profiles of the events (a store mixing conflicts), else those of the places
        self.countries = countries if countries is not None else _countries(profile, (),
                                                                              places.values())
        #: the countries whose ground the conflict contests (:meth:`regions`): the profiles'
        #: ``theatre`` (:attr:`Profile.theatre`), else :attr:`countries`
        self.theatre = theatre if theatre is not None else _theatre(profile, (),
                                                                    self.countries)
        #: area units (place ids) the known picture splits (:func:`_split_units`): a report
        #: of a side holding one may name the part it holds (``known_split`` part rules)
        self.split_units = split_units

    # -- construction ------------------------------------------------------------------------
    @classmethod
    def from_events(cls, events: Iterable[Event], window_days: int | None = None,
                    min_confidence: float = 0.0,
                    profile: str | Profile | None = None, *,
                    rules: ControlRules | str | Path | None = None, start: bool = True,
                    baseline: gpd.GeoDataFrame | str | Path | None = None) -> ControlTimeline:
        """Build the timeline (see the module docstring).

        ``window_days`` (>= 1; default the rules file's) groups reports; ``min_confidence``
        drops weaker events; ``profile`` gives sides (a withdrawal's loser's opponent gains) and
        the starting state (unless ``start`` is False); ``rules`` a rules file or object
        (default the shipped one); ``baseline`` a known layer (:func:`load_baseline` result,
        or a file path) whose polygons give the places inside them their side at their date.
        """
        from geo_events.control_start import baseline_frame, load_baseline, start_layer

        rules_obj = rules if isinstance(rules, ControlRules) else load_control_rules(rules)
        window = rules_obj.window_days if window_days is None else window_days
        if window < 1:
            raise InputError(f"window_days must be at least 1 day, got {window}")
        prof = resolve_profile(profile)
        if baseline is not None and not isinstance(baseline, gpd.GeoDataFrame):
            baseline = load_baseline(baseline)
        elif baseline is not None and "kind" not in baseline.columns:
            baseline = baseline_frame(baseline)
        evidence: dict[str, list[Event]] = defaultdict(list)
        places: dict[str, Place] = {}
        claims: list[Event] = []
        area_candidates: list[Event] = []
        renewals: dict[int, Event] = {}  # a holding since a date, again at its end
        own_profiles: set[str] = set()
        for e in events:
            if e.profile:
                own_profiles.add(e.profile)
            if e.kind == "annexation_claim":
                if e.status != "denied":
                    claims.append(e)
                continue
            if e.kind not in CONTROL_KINDS | {"held", "contested"} and (
                    (r := rules_obj.rule_for(e.kind, e.status, e.provenance)) is None
                    or r.effect != PRESUME):
                continue
            if e.date_from is None or e.confidence < min_confidence:
                continue
            if e.status != "denied" and _holder(e, prof, rules_obj) is None \
                    and _unnamed_rule_of(e, rules_obj, prof) is None:
                continue
            if rules_obj.rule_for(e.kind, e.status, e.provenance) is None:
                continue  # (a rule of effect "none" keeps it: a change under way dates moves)
            evidence[e.place.id].append(e)
            if e.kind == "held" and HELD_SINCE in e.provenance and e.date_to is not None \
                    and e.date_to > e.date_from:
                # "Russia has held X since 2014", told in 2023: held from 2014 and still at
                # the article's time, evidence again at its range's end (held-since-renewed)
                renewed = replace(e)
                evidence[e.place.id].append(renewed)
                renewals[id(renewed)] = renewed
            places.setdefault(e.place.id, e.place)
            if e.kind in CONTROL_KINDS and _is_area_event(e):
                area_candidates.append(e)
        if baseline is not None:
            _check_baseline_sides(baseline, prof, own_profiles)
        # the starting state's settlements are places of the timeline too
        state = prof.start if (start and prof is not None) else None
        start_settlements: dict[str, list[Any]] = defaultdict(list)
        if state is not None:
            from geo_events.gazetteer.index import get_gazetteer

            gaz = get_gazetteer()
            for entry in state.entries:
                for pid in entry.settlements:
                    place = places.get(pid) or gaz.get(pid)
                    if place is not None:
                        places.setdefault(pid, place)
                        start_settlements[pid].append(entry)
        countries = _countries(prof, sorted(own_profiles), places.values())
        regions = [g for cc in countries if (g := _country(cc)) is not None]
        region = shapely.union_all(regions) if regions else None
        layers = [_clip_to_home(start_layer(state, region), regions)] if state is not None \
            else []
        if baseline is not None:
            layers.append(_with_outside(baseline, prof))
        known = (pd.concat(layers, ignore_index=True) if layers else None)
        if known is not None:
            known = gpd.GeoDataFrame(known, geometry="geometry", crs="EPSG:4326")
        items: dict[str, list[_Item]] = defaultdict(list)
        _known_items(items, places, known, start_settlements, rules_obj)
        split = _split_units(places, known)
        days, redated = _effective_days(evidence, window, rules_obj, prof)
        for key, e in renewals.items():
            days[key], redated[key] = e.date_to or _dated(e), HELD_SINCE_RENEWED
        area_events = _confirmed_area_events(area_candidates, rules_obj, prof, days)
        _area_items(items, places, area_events, rules_obj)
        history: dict[str, list[StatusChange]] = {}
        place_items: dict[str, list[_Item]] = {}
        for pid in places:
            evs = sorted(evidence.get(pid, ()), key=lambda e: (days[id(e)], e.date_from))
            place_items[pid] = items.get(pid, []) + _event_items(evs, window, rules_obj, prof,
                                                                 days, redated,
                                                                 split=pid in split)
            changes = _replay(places[pid], _in_order(place_items[pid]), rules_obj)
            if changes:
                history[pid] = changes
        # the front passed stale statuses: replay those places with the inferred change
        for pid, it in _front_items(history, places, rules_obj).items():
            history[pid] = _replay(places[pid], _in_order([*place_items[pid], it]),
                                   rules_obj)
        claims.sort(key=lambda e: (e.date_from or date.min, e.place.id))
        return cls(history, places, claims, window, rules=rules_obj, profile=prof,
                   known=known, area_events=area_events, countries=countries,
                   split_units=split,
                   theatre=_theatre(prof, sorted(own_profiles), countries))

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
        day = _iso_day(day)
        pid = self._place_id(place_or_id)
        place = self._places.get(pid)
        current = None
        for ch in self._history.get(pid, ()):
            if ch.date > day:
                break
            current = ch
        if current is None:
            return ControlStatus(UNKNOWN, None, (), place)
        support = [s for s in current.support if s[0] <= day]
        last = max((s[0] for s in support), default=current.date)
        weight = max((s[2] for s in support), default=0.0)
        age = max(0, (day - last).days)
        confidence = weight * 0.5 ** (age / self.rules.half_life_days)
        events = tuple(e for e in current.events if e.date_from is None or e.date_from <= day)
        # an area unit held on reports of a side holding part of it only ("Russian-held X
        # Oblast"): a part holding, not the whole unit
        split = pid in self.split_units
        part = place is not None and place.is_area and bool(events) and all(
            self.rules.part_rule(e.kind, e.provenance, split) is not None for e in events)
        return ControlStatus(current.status, current.date, events, place, current.state,
                             current.side, current.claimant, round(confidence, 4), last,
                             tuple(dict.fromkeys(s[1] for s in support)),
                             PART if part else WHOLE)

    def statuses_at(self, day: date | str) -> gpd.GeoDataFrame:
        """Every place's status on ``day`` (those not ``unknown``), one row each: columns
        :data:`STATUS_COLUMNS` and a WGS84 point ``geometry``; ``since``/``last_evidence`` are
        dates, ``evidence_ids`` a list, area events already applied to the settlements;
        ``radius_km`` how far the place may lie from the point (:attr:`Place.radius_km`: 0 for
        a gazetteer place, a few km for a village placed by an offset or its community,
        infinite at a unit's label point), which the area estimate weighs; ``extent``
        ``"part"`` for an area unit whose status rests only on reports of a side holding part
        of it (``part_holding`` rules: "Russian-held X Oblast"), else ``"whole"``."""
        day = _iso_day(day)
        rows = []
        for pid in sorted(self._history):
            st = self.status_at(pid, day)
            if st.state == UNKNOWN:
                continue
            p = self._places[pid]
            rows.append({"place_id": pid, "name": p.name, "level": p.level,
                         "country_code": p.country_code, "admin1_code": p.admin1_code,
                         "side": st.side, "state": st.state, "claimant": st.claimant,
                         "confidence": st.confidence, "since": st.since,
                         "last_evidence": st.last_evidence, "evidence_ids": list(st.evidence),
                         "radius_km": p.radius_km, "extent": st.extent,
                         "geometry": shapely.Point(p.longitude, p.latitude)})
        return gpd.GeoDataFrame(rows, columns=[*STATUS_COLUMNS, "geometry"],
                                geometry="geometry", crs="EPSG:4326")

    def known_at(self, day: date | str) -> gpd.GeoDataFrame:
        """Known polygons on ``day``: the starting state, baseline polygons dated on or before
        it and area events confirmed by ``area_min_articles`` articles, columns ``id, kind,
        side, date, source, geometry`` and ``complete`` (True for baseline rows: they show all
        of a side's ground on their date)."""
        from geo_events.areas import area_geometry
        from geo_events.control_start import KNOWN_COLUMNS, known_frame

        day = _iso_day(day)
        rows = []
        if self.known is not None and len(self.known):
            rows += [r for r in self.known[KNOWN_COLUMNS].to_dict("records")
                     if r["date"] <= day.isoformat()]
        for a in self.area_events:
            geom = area_geometry(a["place_id"])
            if geom is not None and a["date"] <= day and a.get("known", True):
                rows.append({"id": "area:" + a["place_id"], "kind": "area-event",
                             "side": a["side"], "date": a["date"].isoformat(),
                             "source": ", ".join(a["event_ids"]), "geometry": geom})
        rows.sort(key=lambda r: r["date"])
        frame = known_frame(rows)
        # a baseline (with its complement) shows all of a side's ground on its date
        return frame.assign(complete=frame["kind"] == "baseline")

    def region(self) -> shapely.Geometry | None:
        """The polygon of the conflict's first country of its theatre (see :meth:`regions`),
        or None."""
        return next(iter(self.regions().values()), None)

    def regions(self, countries: Iterable[str] | None = None) -> dict[str, shapely.Geometry]:
        """The polygon of each country of ``countries`` (default :attr:`countries`, in their
        order) that is in the conflict's theatre (:attr:`theatre`) and has one: the ground the
        control areas are estimated on, one country at a time (:meth:`areas_at` and the maps'
        estimate). A country outside the theatre (a side's own country: Russia for
        ``russia-ukraine``) gets no polygon, so no side's area reaches into it."""
        theatre = set(self.theatre)
        return {cc: g for cc in (self.countries if countries is None else countries)
                if cc in theatre and (g := _country(cc)) is not None}

    def areas_at(self, day: date | str) -> gpd.GeoDataFrame:
        """Estimated control areas on ``day``: one polygon per side (``held``, ``claimed``)
        plus ``contested`` and ``unknown`` (columns of
        :data:`geo_events.maps.area.ESTIMATE_COLUMNS`: ``side, state, date, method, ...``,
        EPSG:4326), by :func:`geo_events.maps.area.estimate_areas` from :meth:`statuses_at`,
        each of the conflict's countries (:meth:`regions`, estimated one by one with the
        statuses of the places in it, then merged: ``last_evidence`` the newest,
        ``area_km2`` the sum) and :meth:`known_at`; empty when there is no region."""
        from geo_events.maps.area import ESTIMATE_COLUMNS, estimate_areas

        day = _iso_day(day)
        regions = self.regions()
        if not regions:
            return gpd.GeoDataFrame(columns=list(ESTIMATE_COLUMNS), geometry="geometry",
                                    crs="EPSG:4326")
        statuses = self.statuses_at(day)
        known = self.known_at(day)
        several = len(self.countries) > 1  # each country's estimate from its own places
        parts = []
        for cc, region in regions.items():
            mine = statuses["country_code"] == cc
            if several and not mine.any() and not (
                    len(known) and known.intersects(region).any()):
                continue  # nothing known of this country: it stays out, not a grey country
            parts.append(estimate_areas(statuses[mine] if several else statuses,
                                        region, known=known, day=day))
        if len(parts) == 1:
            return parts[0]
        return _merge_estimates(parts)

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
                    "status": ch.status, "previous": ch.previous, "state": ch.state,
                    "claimant": ch.claimant, "n_events": len(ch.events),
                    "event_ids": [e.id for e in ch.events] or [s[1] for s in ch.support],
                    "report_statuses": sorted({e.status for e in ch.events}),
                    "sources": sorted({e.source for e in ch.events if e.source}),
                    "max_confidence": max((e.confidence for e in ch.events), default=None),
                })
        df = pd.DataFrame(rows, columns=CHANGE_COLUMNS)
        return df.sort_values(["date", "place_id"], kind="stable").reset_index(drop=True)

    def admin1_rollup(self, day: date | str) -> pd.DataFrame:
        """Per admin-1 unit and status on ``day``: settlements (populated places) in that status
        (``n_places``), settlements with a known status (``n_known``) and the share
        ``n_places / n_known`` (0..1). Columns :data:`ROLLUP_COLUMNS`; ``unknown`` rows count
        the settlements with no status yet (their share is NaN)."""
        day = _iso_day(day)
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


# -- evidence items --------------------------------------------------------------------------
def _iso_day(value: date | str) -> date:
    """:func:`parse_iso_date` of a date or ``YYYY-MM-DD`` text (never None, so neither is the
    result)."""
    day = parse_iso_date(value)
    assert day is not None
    return day


def _dated(e: Event) -> date:
    """``e.date_from`` of an event known to be dated (the timeline keeps dated events only)."""
    assert e.date_from is not None, f"undated event {e.id}"
    return e.date_from


#: A known layer splits an area unit when one of its polygons covers more than this share of
#: the unit and less than all but this share (:func:`_split_units`).
SPLIT_SHARE = 0.05


def _split_units(places: dict[str, Place], known: gpd.GeoDataFrame | None) -> frozenset[str]:
    """The area units among ``places`` that a polygon of the known layers (the profile's
    starting state, a baseline) covers only in part, between :data:`SPLIT_SHARE` and
    1 - :data:`SPLIT_SHARE` of the unit (Donetsk and Luhansk oblasts under the line of contact
    of February 2022): a report of a side holding such a unit may name only the part it holds
    (``known_split`` part rules, docs/control.md). Shares of degree areas: an oblast spans
    too little latitude for the distortion to matter here."""
    if known is None or not len(known):
        return frozenset()
    from geo_events.areas import area_geometry

    out = set()
    for pid, place in places.items():
        if not place.is_area or pid.startswith("adm0:"):
            continue
        unit = area_geometry(pid)
        if unit is None or unit.is_empty or not unit.area:
            continue
        for geom in known.geometry:
            share = shapely.intersection(unit, geom).area / unit.area
            if SPLIT_SHARE < share < 1 - SPLIT_SHARE:
                out.add(pid)
                break
    return frozenset(out)


def _clip_to_home(layer: gpd.GeoDataFrame, regions: list[shapely.Geometry]
                  ) -> gpd.GeoDataFrame:
    """Each polygon of a known layer clipped to the first of the conflict's countries holding
    a real share (>= 5 %) of it: a line of contact drawn past a border stays on the conflict's
    ground, a side's own country (wholly outside the first) stays itself."""
    if len(regions) < 2 or not len(layer):
        return layer
    geoms = []
    for geom in layer.geometry:
        home = next((r for r in regions
                     if shapely.intersection(geom, r).area >= 0.05 * geom.area), None)
        geoms.append(shapely.intersection(geom, home) if home is not None else geom)
    return layer.set_geometry(geoms, crs=layer.crs)


def _country(code: str) -> shapely.Geometry | None:
    from geo_events.maps._geometry import country_geometry

    return country_geometry(code)


def _countries(profile: Profile | None, own_profiles: Iterable[str],
               places: Iterable[Place]) -> list[str]:
    """The conflict's countries: the profile's, then those of the events' own profiles (a
    store mixing conflicts); without any, every country the places are in, the commonest
    first."""
    codes: list[str] = list(profile.countries) if profile is not None else []
    for pid in own_profiles:
        other = profile_for(pid, (), None)
        for cc in (other.countries if other is not None else ()):
            if cc not in codes:
                codes.append(cc)
    if not codes:
        counts = pd.Series([p.country_code for p in places if p.country_code]).value_counts()
        codes = [str(c) for c in counts.index]
    return codes


def _theatre(profile: Profile | None, own_profiles: Iterable[str],
             countries: list[str]) -> list[str]:
    """The countries of ``countries`` whose ground the conflict contests: those of the
    ``theatre`` of the profile and of the events' own profiles (:attr:`Profile.theatre`, every
    country of a profile without one); without any profile, every country."""
    profiles = [profile] if profile is not None else []
    profiles += [p for pid in own_profiles if (p := profile_for(pid, (), None)) is not None]
    if not profiles:
        return list(countries)
    theatre = {cc for p in profiles for cc in p.theatre}
    return [cc for cc in countries if cc in theatre]


def _merge_estimates(parts: list[gpd.GeoDataFrame]) -> gpd.GeoDataFrame:
    """Estimates of several countries as one: a row per (side, state), in the order of
    :func:`geo_events.maps.area.estimate_areas` (held, claimed, contested, unknown)."""
    from geo_events.maps.area import ESTIMATE_COLUMNS

    frame = pd.concat(parts, ignore_index=True)
    order = {"held": 0, "claimed": 1, "contested": 2, "unknown": 3}
    rows = []
    keys = frame[["side", "state"]].astype(object).where(frame[["side", "state"]].notna(), None)
    for (side, state), idx in sorted(
            keys.groupby(["side", "state"], dropna=False).groups.items(),
            key=lambda kv: (order.get(kv[0][1], 9), str(kv[0][0]))):
        group = frame.loc[idx]
        lasts = [v for v in group["last_evidence"] if isinstance(v, str) and v]
        rows.append({"side": None if pd.isna(side) else side, "state": state,
                     "date": group["date"].iloc[0], "method": group["method"].iloc[0],
                     "last_evidence": max(lasts) if lasts else None,
                     "area_km2": float(group["area_km2"].sum()),
                     "geometry": shapely.union_all(group.geometry.to_numpy())})
    return gpd.GeoDataFrame(rows, columns=list(ESTIMATE_COLUMNS), geometry="geometry",
                            crs="EPSG:4326")


#: Extraction rule of a holding told as lasting since a date up to the text's time ("Russia has
#: held X since 2014"; :mod:`geo_events.events.extract`).
HELD_SINCE = "date.held_since"
#: Rule id of such a holding read again at the end of its range (publication): the status it
#: gives starts at the date told and is fresh at the article's time (its newest evidence, from
#: which held_days and the confidence's half-life count).
HELD_SINCE_RENEWED = "held-since-renewed"


def _effective_days(evidence: dict[str, list[Event]], window_days: int, rules: ControlRules,
                    profile: Profile | None) -> tuple[dict[int, date], dict[int, str]]:
    """The day each event counts from, and the rule id for those not counting from
    ``date_from`` (both keyed by ``id(event)``: event ids need not be unique).

    * A change (kind in :data:`CONTROL_KINDS`, a move or a claim) whose date interval is longer
      than ``ranged_change_days`` counts from its last day ("in November": known done only
      then). Rule id ``ranged-change-at-end``.
    * A change under way (an event an ``under_way`` rule names: "announced the withdrawal from
      X") on day ``u``: a move of the place dated within ``window_days`` of ``u`` counts from
      the next later report of a move by the same side within ``claim_confirm_days`` of ``u``
      (its completion), if there is one. Rule id: the ``under_way`` rule's.
    """
    days: dict[int, date] = {}
    why: dict[int, str] = {}
    for evs in evidence.values():
        for e in evs:
            day = _dated(e)
            rule = rules.rule_for(e.kind, e.status, e.provenance)
            if e.kind in CONTROL_KINDS and rule is not None \
                    and rule.effect in ("move", "claim") and e.date_to is not None \
                    and (e.date_to - day).days > rules.ranged_change_days:
                day, why[id(e)] = e.date_to, "ranged-change-at-end"
            days[id(e)] = day
    for evs in evidence.values():
        starts = sorted({(days[id(e)], u.id) for e in evs
                         if (u := rules.under_way_rule(e.provenance)) is not None})
        if not starts:
            continue
        moves = sorted(((days[id(e)], h, e) for e in evs
                        if (h := _change_gainer(e, rules, profile)) is not None),
                       key=lambda t: t[0])
        for start, rid in starts:
            for day, holder, e in moves:
                if not 0 <= (day - start).days < window_days:
                    continue
                later = [d for d, h, _ in moves if h == holder and d > day
                         and (d - start).days <= rules.claim_confirm_days]
                if later:
                    days[id(e)], why[id(e)] = min(later), rid
    return days, why


def _change_gainer(e: Event, rules: ControlRules, profile: Profile | None) -> str | None:
    """The side a change event (kind in :data:`CONTROL_KINDS`) moves control to when its rule's
    effect is ``move``, else None (claims, fighting, denials, a contested holder)."""
    rule = rules.rule_for(e.kind, e.status, e.provenance)
    if e.kind not in CONTROL_KINDS or rule is None or rule.effect != "move":
        return None
    holder = _holder(e, profile)
    return holder if holder and holder != CONTESTED else None


def _own_changes(window: list[Event], rules: ControlRules, profile: Profile | None
                 ) -> list[Event]:
    """A window's events without those an article's own reported change explains
    (``own_change_over_quotes``): in an article reporting a move of a change kind to side S,
    the denials it quotes and its reports of another side holding the place (the state
    before the change) are left out. An event with no ``article_id`` is an article of its
    own."""
    gains: dict[str, set[str]] = defaultdict(set)
    for e in window:
        if (holder := _change_gainer(e, rules, profile)) is not None:
            gains[e.article_id or str(id(e))].add(holder)
    if not gains:
        return window
    out = []
    for e in window:
        own = gains.get(e.article_id or str(id(e)))
        if own is not None and len(own) == 1:
            rule = rules.rule_for(e.kind, e.status, e.provenance)
            if rule is not None and rule.effect == "cancel":
                continue  # a denial the article quotes beside the change it reports
            if e.kind == "held" and _holder(e, profile) not in own:
                continue  # "the last city the defenders held": the state before the change
        out.append(e)
    return out


def _event_items(events: list[Event], window_days: int, rules: ControlRules,
                 profile: Profile | None, days: dict[int, date] | None = None,
                 redated: dict[int, str] | None = None, split: bool = False) -> list[_Item]:
    """Events grouped in windows, each window one item (its effect after weighing), dated at
    the first of the events behind that effect. ``days``: the day each event counts from
    (:func:`_effective_days`; default its ``date_from``); ``redated``: the rule id that moved
    an event's day, added to its item's rules; ``split``: the place is an area unit the known
    picture splits (``known_split`` part rules)."""
    days = days if days is not None else {id(e): _dated(e) for e in events}
    redated = redated or {}
    windows: list[list[Event]] = []
    for e in events:
        if windows and (days[id(e)] - days[id(windows[-1][0])]).days < window_days:
            windows[-1].append(e)
        else:
            windows.append([e])
    out = []
    for window in windows:
        if rules.own_change_over_quotes:
            window = _own_changes(window, rules, profile)
        by_effect: dict[str, list[tuple[Event, EvidenceRule, str | None]]] = defaultdict(list)
        turns: list[tuple[Event, EvidenceRule, str | None]] = []
        turn_ids: list[str] = []  # the unnamed_change rules of the turns
        for e in window:
            rule = rules.rule_for(e.kind, e.status, e.provenance)
            if rule is None:
                continue
            holder = _holder(e, profile, rules)
            unnamed = _unnamed_rule_of(e, rules, profile) \
                if holder is None and rule.effect == "move" else None
            if unnamed is not None:
                turns.append((e, rule, None))  # a change with no side named
                turn_ids.append(unnamed.id)
                continue
            by_effect[rule.effect].append((e, rule, holder))
        movers = {h for _, _, h in by_effect["move"] if h and h != CONTESTED}
        everything = tuple(e for effect, group in by_effect.items()
                           if effect not in ("none", PRESUME) for e, _, _ in group) \
            + tuple(e for e, _, _ in turns)

        def item(effect: str, holder: str | None, group: list) -> _Item:
            rule_ids = [r.id for _, r, _ in group] + [redated[id(e)] for e, _, _ in group
                                                      if id(e) in redated]
            # a report of holding part of an area unit says so in the change's rules
            rule_ids += [p.id for e, _, _ in group if e.place.is_area
                         and (p := rules.part_rule(e.kind, e.provenance, split)) is not None]
            return _Item(min(days[id(e)] for e, _, _ in group), effect, holder,
                         max((r.weight for _, r, _ in group), default=0.0),
                         tuple(e.id for e, _, _ in group),
                         ",".join(dict.fromkeys(rule_ids)),
                         tuple(e for e, _, _ in group))

        if len(movers) > 1 or (movers and by_effect["cancel"]):
            contest = by_effect["move"] + by_effect["cancel"]
            it = item("contest", None, contest)
            it.events, it.ids = everything, tuple(e.id for e in everything)
            it.day = min(days[id(e)] for e in everything)
            out.append(it)
        elif movers:
            # the mover's own claims in the window are the move's first reports: the change
            # dates from the first of them and keeps them as evidence, as a claim a move of a
            # later window confirms does (a quick confirmation must not date it later)
            # (changes with no side named in the window report the same move)
            mover = next(iter(movers))
            confirmed = [(e, r, h) for e, r, h in by_effect["claim"] if h == mover]
            out.append(item("move", mover, by_effect["move"] + confirmed + turns))
        elif by_effect["cancel"]:
            out.append(item("cancel", None, by_effect["cancel"]))  # (no turn beside a denial)
        else:
            rest = _other_item(by_effect, item)
            if not turns:
                out += [rest] if rest is not None else []
                continue
            # a change with no side named turns the place to the opponent of its holder
            # just before (resolved in _replay); a claim in the window comes first (the turn
            # may confirm it), fighting or a presumption stand in when it cannot be resolved
            turn = item("turn", None, turns)
            turn.rule = ",".join(dict.fromkeys([*turn.rule.split(","), *turn_ids]))
            e0 = turns[0][0]
            turn.profile = profile_for(e0.profile, (), profile) if e0.profile else profile
            if rest is not None and rest.effect == "claim":
                out += [rest, turn]
            else:
                turn.fallback = rest
                out.append(turn)
    return out


def _other_item(by_effect: dict[str, list[tuple[Event, EvidenceRule, str | None]]],
                item: Callable[[str, str | None, list], _Item]) -> _Item | None:
    """A window's item when no side moves control and nothing is denied: a claim (two
    claimants contest), fighting, or a presumption (attacks by both sides presume nothing)."""
    if by_effect["claim"]:
        claimants = {h for _, _, h in by_effect["claim"] if h and h != CONTESTED}
        if len(claimants) > 1:
            return item("contest", None, by_effect["claim"])
        if claimants:
            return item("claim", next(iter(claimants)), by_effect["claim"])
        return None
    if by_effect["contest"]:
        return item("contest", None, by_effect["contest"])
    if by_effect[PRESUME]:
        # attacks presume the attacked side holds the place; attacks by both sides in
        # one window presume nothing (the place is fought over, or a slip)
        presumed = {h for _, _, h in by_effect[PRESUME] if h}
        if len(presumed) == 1:
            return item(PRESUME, next(iter(presumed)), by_effect[PRESUME])
    return None


def _known_items(items: dict[str, list[_Item]], places: dict[str, Place],
                 known: gpd.GeoDataFrame | None, start_settlements: dict[str, list[Any]],
                 rules: ControlRules) -> None:
    """Items setting the side of places inside known polygons (and listed start settlements)."""
    for pid, entries in start_settlements.items():
        for entry in entries:
            items[pid].append(_Item(entry.since, "set", entry.side, rules.start_weight,
                                    (entry.evidence_id,), "start"))
    if known is None or not len(known):
        return
    pts = [(pid, p) for pid, p in places.items() if p.latitude is not None
           and not p.is_area and pid not in start_settlements]
    if not pts:
        return
    xs = [p.longitude for _, p in pts]
    ys = [p.latitude for _, p in pts]
    for row in known.itertuples(index=False):
        geom = row.geometry
        shapely.prepare(geom)
        inside = shapely.contains_xy(geom, xs, ys)
        weight = rules.start_weight if row.kind == "start" else rules.baseline_weight
        day = date.fromisoformat(str(row.date)[:10])
        for (pid, _), hit in zip(pts, inside, strict=True):
            if hit:
                items[pid].append(_Item(day, "set", str(row.side), weight, (str(row.id),),
                                        str(row.kind)))


def _check_baseline_sides(baseline: gpd.GeoDataFrame, profile: Profile | None,
                          own_profiles: Iterable[str]) -> None:
    """Raise :class:`DataFileError` when a baseline polygon's side is no side of the profile
    (given, else the events' own): a misspelt side ("RUS") would otherwise hold ground for
    nobody the map knows."""
    from geo_events.errors import DataFileError

    profiles = [profile] if profile is not None else \
        [p for name in sorted(own_profiles) if (p := profile_for(name)) is not None]
    sides = {s.id for p in profiles for s in p.sides}
    if not sides:
        return
    for row in baseline.itertuples(index=False):
        if row.kind == "baseline" and row.side not in sides:
            raise DataFileError(
                f"baseline {row.source}: feature {str(row.id).rpartition(':')[2]} has side "
                f"{row.side!r}, which is no side of "
                f"the profile {', '.join(p.id for p in profiles)}; use one of "
                f"{', '.join(sorted(sides))}")


def _with_outside(baseline: gpd.GeoDataFrame, profile: Profile | None) -> gpd.GeoDataFrame:
    """A one-sided baseline of a two-sided conflict plus its complement: the rest of the
    countries its polygons are in, held by the opponent from the baseline's (latest) date
    (``baseline:outside``)."""
    from geo_events.control_start import known_frame
    from geo_events.maps._geometry import country_geometry

    sides = set(baseline["side"])
    if profile is None or len(sides) != 1 or not len(baseline):
        return baseline
    side = next(iter(sides))
    other = profile.opponent(side)
    if other is None:
        return baseline
    union = shapely.union_all(baseline.geometry.to_numpy())
    # the countries holding a real share (>= 5 %) of the polygons: a polygon drawn a little
    # over a border does not make the neighbour's whole territory the opponent's
    countries = [g for cc in profile.countries
                 if (g := country_geometry(cc)) is not None
                 and shapely.intersection(g, union).area >= 0.05 * union.area]
    if not countries:
        return baseline
    outside = shapely.difference(shapely.union_all(countries), union)
    if outside.is_empty:
        return baseline
    row = {"id": "baseline:outside", "kind": "baseline", "side": other,
           "date": str(max(baseline["date"])), "source": f"outside the baseline ({side})",
           "geometry": outside}
    return known_frame([*baseline.to_dict("records"), row])


def _confirmed_area_events(candidates: list[Event], rules: ControlRules,
                           profile: Profile | None,
                           days: dict[int, date] | None = None) -> list[dict[str, Any]]:
    """Area moves confirmed within ``claim_confirm_days`` of a first move (by ``days``,
    :func:`_effective_days`), dated at it: {place_id, side, date, event_ids, sources, known,
    withdrawal}.

    A move is confirmed by ``area_min_articles`` different articles reporting the move, or
    by reports of it (moves, and claims of the gaining side) on ``area_min_report_days``
    different days (a chronicle restating the change: "withdrew from the oblast on 4 April",
    "the governor said on 7 April that all troops had left"). ``known``: confirmed by
    ``area_min_articles`` articles, so that the area is a known polygon for the estimate
    (:meth:`ControlTimeline.known_at`), unless it is the bank of a river that does not bound
    the front (:func:`geo_events.areas.paints_whole`); one chronicle's area event updates the
    settlements it contradicts but does not paint the whole area. ``withdrawal``: a side
    left the area (a withdrawal, or a holding told as ended, ``held.no_longer``), so that a
    bank's event reaches across its unit's border (rule ``area-bank-reach``)."""
    from geo_events.areas import paints_whole

    days = days if days is not None else {id(e): _dated(e) for e in candidates}
    groups: dict[tuple[str, str], list[tuple[Event, bool]]] = defaultdict(list)
    for e in candidates:
        rule = rules.rule_for(e.kind, e.status, e.provenance)
        holder = _holder(e, profile)
        if rule is None or rule.effect not in ("move", "claim") or not holder \
                or holder == CONTESTED:
            continue
        groups[(e.place.id, holder)].append((e, rule.effect == "move"))
    out = []
    span = timedelta(days=rules.claim_confirm_days)
    for (pid, side), group in sorted(groups.items()):
        group.sort(key=lambda t: days[id(t[0])])
        for first, moves in group:
            if not moves:
                continue
            after = [(e, m) for e, m in group
                     if timedelta(0) <= days[id(e)] - days[id(first)] <= span]
            articles = {e.article_id or e.id for e, m in after if m}
            report_days = {days[id(e)] for e, _ in after}
            near = [e for e, _ in after]
            if len(articles) >= rules.area_min_articles \
                    or len(report_days) >= rules.area_min_report_days:
                out.append({"place_id": pid, "side": side, "date": days[id(first)],
                            "known": len(articles) >= rules.area_min_articles
                            and paints_whole(pid),
                            # a side left the area: a withdrawal, or its holding told as
                            # ended ("no longer held any ground on the right bank")
                            "withdrawal": any(e.kind == "withdrawal"
                                              or "held.no_longer" in e.provenance
                                              for e in near),
                            "event_ids": [e.id for e in near],
                            "sources": sorted({e.source for e in near if e.source})})
                break
    return out


def _area_items(items: dict[str, list[_Item]], places: dict[str, Place],
                area_events: list[dict[str, Any]], rules: ControlRules) -> None:
    from geo_events.areas import area_contains, in_bank_reach

    for a in area_events:
        for pid, p in places.items():
            if pid == a["place_id"] or p.is_area or p.latitude is None:
                continue
            if area_contains(a["place_id"], p.longitude, p.latitude, p.admin1_code):
                rule = "area-event:" + a["place_id"]
            elif a.get("withdrawal") \
                    and in_bank_reach(a["place_id"], p.longitude, p.latitude, p.admin1_code):
                # the same bank across the unit's border (areas.in_bank_reach)
                rule = "area-event:" + a["place_id"] + ",area-bank-reach"
            else:
                continue
            items[pid].append(_Item(a["date"], "area", a["side"], rules.area_weight,
                                    tuple(a["event_ids"]), rule))


def _in_order(items: list[_Item]) -> list[_Item]:
    """A place's items by day, known layers and area events first on a day."""
    return sorted(items, key=lambda it: (it.day, 0 if it.effect in ("set", "area") else 1))


def _last_evidence(change: StatusChange, day: date) -> date:
    """The newest evidence of a status change up to ``day`` (its date without any)."""
    return max((d for d, _, _ in change.support if d <= day), default=change.date)


def _status_on(changes: list[StatusChange], day: date) -> StatusChange | None:
    """The change in force on ``day`` (None before the first)."""
    current = None
    for ch in changes:
        if ch.date > day:
            break
        current = ch
    return current


def _front_items(history: dict[str, list[StatusChange]], places: dict[str, Place],
                 rules: ControlRules) -> dict[str, _Item]:
    """An inferred change (effect ``front``, rule ``front-passed``) for each settlement whose
    status, set by a change reported for it (or resting on presumptions only), went stale while
    the front passed it: on the first day ``t`` on which at least ``front_min_places``
    settlements within ``front_radius_km`` are held by one other side since more than
    ``front_stale_days`` after the settlement's last evidence, its last evidence is older than
    ``front_stale_days``, and no settlement within the radius has newer evidence for its own
    side. Settlements only (populated places located within the radius; not those at a unit's
    label point); the neighbours' statuses are those before this inference (it does not feed
    itself)."""
    if rules.front_min_places < 1:
        return {}
    from geo_events.geodesy import distances_km

    radius, gap = rules.front_radius_km, timedelta(days=rules.front_stale_days)
    pts = [pid for pid, p in places.items() if pid in history
           and p.level == "populated_place" and not p.is_site and p.latitude is not None
           and p.longitude is not None and p.radius_km <= radius]
    lats = np.array([places[q].latitude for q in pts], dtype=float)
    lons = np.array([places[q].longitude for q in pts], dtype=float)
    out: dict[str, _Item] = {}
    for i, pid in enumerate(pts):
        p = places[pid]
        within = distances_km(p.latitude, p.longitude, lats, lons) <= radius
        near = [q for j, q in enumerate(pts) if within[j] and j != i]
        if len(near) < rules.front_min_places:
            continue
        days = sorted({ch.date for q in near for ch in history[q] if ch.state == HELD})
        for t in days:
            mine = _status_on(history[pid], t)
            if mine is None or mine.state != HELD or not (
                    _by_change(mine) or _presumed(mine, rules)):
                continue
            last = _last_evidence(mine, t)
            if t - last <= gap:
                continue
            passed: dict[str, list[StatusChange]] = defaultdict(list)
            fresh_own = False
            for q in near:
                theirs = _status_on(history[q], t)
                if theirs is None or theirs.state != HELD:
                    continue
                if theirs.side == mine.side:
                    fresh_own |= _last_evidence(theirs, t) > last
                elif theirs.date > last + gap:
                    passed[theirs.side or ""].append(theirs)
            sides = [side for side, chs in passed.items() if len(chs) >= rules.front_min_places]
            if fresh_own or len(sides) != 1:
                continue
            ids = tuple(dict.fromkeys(i for ch in passed[sides[0]] for _, i, _ in ch.support))
            out[pid] = _Item(t, "front", sides[0], rules.front_weight, ids, "front-passed")
            break
    return out


def _by_change(change: StatusChange) -> bool:
    """True when a status came from a change reported for the place (an event of a change
    kind, :data:`CONTROL_KINDS`) or from a confirmed area event."""
    return any(e.kind in CONTROL_KINDS for e in change.events) \
        or any(r.startswith("area-event:") for r in change.rules)


def _presumed(change: StatusChange, rules: ControlRules) -> bool:
    """True when a status rests on presumptions only (evidence rules of effect ``presume``:
    an attack on the place by the other side)."""
    ids = {r.id for r in rules.rules if r.effect == PRESUME}
    return bool(change.rules) and all(
        all(part in ids for part in r.split(",")) for r in change.rules)


def _overturns_known(it: _Item, rules: ControlRules) -> bool:
    """True when an evidence rule marked ``overturns_known`` ("the governor said the troops
    had abandoned X": the losing side concedes) made one of a move's events."""
    return any((r := rules.rule_for(e.kind, e.status, e.provenance)) is not None
               and r.overturns_known for e in it.events)


def _recalled(e: Event, rules: ControlRules) -> bool:
    """Whether the report ``e`` is a look back (parameter ``held_recalled_days``): its own
    date interval ended more than that many days before its article was published."""
    end = e.date_to or e.date_from
    return rules.held_recalled_days > 0 and e.published is not None and end is not None \
        and (e.published - end).days > rules.held_recalled_days


def _held_until(e: Event, day: date, rules: ControlRules) -> tuple[bool, date | None]:
    """(whether the report of holding ``e``, counted from ``day``, is a look back; the day
    the holding it reports lapses, None: never): a look back the day after its own date
    interval (rule ``held-recalled-lapsed``), another report ``held_days`` after ``day``
    (rule ``held-lapsed``; 0: never)."""
    if _recalled(e, rules):
        return True, max(day, e.date_to or e.date_from or day) + timedelta(days=1)
    if HELD_SINCE in e.provenance and e.date_to is not None:
        day = max(day, e.date_to)  # held since a date up to its end (held-since-renewed)
    return False, day + timedelta(days=rules.held_days) if rules.held_days > 0 else None


def _replay(place: Place, items: list[_Item], rules: ControlRules) -> list[StatusChange]:
    """Apply a place's evidence items in date order; the resulting status changes."""
    st = _State()

    def change(day: date, state: str, side: str | None, claimant: str | None,
               its: Iterable[_Item]) -> None:
        its = list(its)
        status = side if state == HELD else (CONTESTED if state == CONTESTED
                                             else (side or UNKNOWN))
        events = tuple(e for it in its for e in it.events)
        support = tuple((it.day, i, it.weight) for it in its for i in it.ids)
        st.changes.append(StatusChange(place, day, status or UNKNOWN, st.status, events, state,
                                       side, claimant, support,
                                       tuple(dict.fromkeys(it.rule for it in its))))
        st.status, st.state, st.side, st.claimant = status or UNKNOWN, state, side, claimant

    def refresh(it: _Item) -> None:
        last = st.changes[-1]
        events = it.events
        if HELD_SINCE_RENEWED in it.rule.split(","):  # the same report again: listed once
            events = tuple(e for e in events if e not in last.events)
        st.changes[-1] = replace(last, events=last.events + events,
                                 support=last.support + tuple((it.day, i, it.weight)
                                                              for i in it.ids),
                                 rules=tuple(dict.fromkeys((*last.rules, it.rule))))

    presumed = False  # the status rests on presumptions only (effect presume)
    lapses = {r.id: r.lapse_days if r.lapse_days is not None else rules.presume_days
              for r in rules.rules if r.effect == PRESUME}

    def lapsed(day: date) -> None:
        """A presumption not renewed within its rule's ``lapse_days`` (else
        ``presume_days``; 0: never) lapses (rule presumption-lapsed): the place is unknown
        from then on, until new evidence."""
        nonlocal presumed
        if st.state == HELD and not presumed:
            held_lapsed(day)
            return
        if not presumed or st.state != HELD:
            return
        ch = st.changes[-1]
        rule_of = {e.id: r.id for e in ch.events
                   if (r := rules.rule_for(e.kind, e.status, e.provenance)) is not None}
        spans = [(d, lapses.get(rule_of.get(i, ""), rules.presume_days))
                 for d, i, _ in ch.support]
        if not spans or any(n <= 0 for _, n in spans):
            return
        end = max(d + timedelta(days=n) for d, n in spans)
        if end < day:
            change(end, UNKNOWN, None, None,
                   [_Item(end, "lapse", None, 0.0, (), "presumption-lapsed")])
            presumed = False

    def held_lapsed(day: date) -> None:
        """A settlement's status resting only on reports of holding (events of kind ``held``,
        no change, fighting, claim, presumption or known layer behind it) not renewed within
        ``held_days`` (0: never) lapses (rule held-lapsed): the place is unknown from then on,
        until new evidence; one resting only on look backs (:func:`_recalled`) lapses the day
        after their own dates (rule held-recalled-lapsed). Area units do not lapse."""
        if (rules.held_days <= 0 and rules.held_recalled_days <= 0) or place.is_area \
                or not st.changes:
            return
        ch = st.changes[-1]
        ids = {i for _, i, _ in ch.support}
        if not ch.events or any(e.kind != "held" for e in ch.events) \
                or not ids <= {e.id for e in ch.events}:
            return
        by_id = {e.id: e for e in ch.events}
        ends = [_held_until(by_id[i], d, rules) for d, i, _ in ch.support]
        if any(end is None for _, end in ends):
            return
        end = max(end for _, end in ends if end is not None)
        if end < day:
            rule = "held-recalled-lapsed" if all(recalled for recalled, _ in ends) \
                else "held-lapsed"
            change(end, UNKNOWN, None, None, [_Item(end, "lapse", None, 0.0, (), rule)])

    for item in items:
        lapsed(item.day)
        it: _Item | None = item
        if item.effect == "turn":  # a change with no side named (unnamed_change rules)
            it = _turned(item, st.changes, st.state, st.side, rules) or item.fallback
        if it is None:
            continue
        if presumed and it.effect != PRESUME and it.effect != "front":
            presumed = False  # (any other evidence decides from here on)
        if it.effect == "move" and st.state == HELD and st.side != it.holder \
                and it.events and all(e.kind == "held" for e in it.events) \
                and _by_change(st.changes[-1]):
            # a report that another side holds the place, with no change reported ("the
            # Russian-held city of X", "during the occupation of X"), against a change reported
            # for it: the state before the change or a slip, until held_overturn_articles
            # articles say so within claim_confirm_days
            articles = {e.article_id or e.id for e in it.events}
            earlier = [(d, a) for d, a in st.held_against.get(it.holder or "", ())
                       if (it.day - d).days <= rules.claim_confirm_days]
            for _, a in earlier:
                articles |= a
            st.held_against.setdefault(it.holder or "", []).append(
                (it.day, frozenset(e.article_id or e.id for e in it.events)))
            if len(articles) < rules.held_overturn_articles:
                continue
        if it.effect == "move" and st.known is not None and it.holder != st.known \
                and not _overturns_known(it, rules):
            # fewer articles than known_overturn_articles against the known picture (starting
            # state, baseline), counting those of a pending claim of the same side: held like
            # a claim until another report confirms it (fighting or claims in between do not
            # make the known picture any less known); a move conceded by the losing side
            # (an evidence rule with overturns_known) overturns it at once
            articles = {e.article_id or e.id for e in it.events}
            if st.pending is not None and st.pending[1] == it.holder:
                articles |= {e.article_id or e.id for p in st.pending[2] for e in p.events}
            earlier = [(d, a) for d, a in st.against.get(it.holder or "", ())
                       if (it.day - d).days <= rules.claim_confirm_days]
            for _, a in earlier:
                articles |= a
            if len(articles) < rules.known_overturn_articles:
                st.against.setdefault(it.holder or "", []).append(
                    (it.day, frozenset(e.article_id or e.id for e in it.events)))
                it = replace(it, effect="claim", rule=it.rule + "+against-known")
        if it.effect == "set":
            st.known = it.holder
        elif it.effect in ("move", "area") and it.holder != st.known:
            st.known = None  # a confirmed change overturns the known picture
        if it.effect in ("set", "move", "area", "front"):
            if it.effect in ("area", "front") and not (
                    (st.state == HELD and st.side != it.holder)
                    or (st.state == CLAIMED and st.claimant != it.holder)):
                continue  # an area event updates only the statuses it contradicts
            confirmed: list[_Item] = []
            day = it.day
            if st.pending is not None:
                p_day, p_side, p_items = st.pending
                if p_side == it.holder and (it.day - p_day).days <= rules.claim_confirm_days:
                    confirmed, day = list(p_items), p_day
                st.pending = None
            if st.state == HELD and st.side == it.holder:
                refresh(it)
                continue
            if confirmed and st.changes and st.changes[-1].state == CLAIMED:
                st.changes.pop()  # the claim, now confirmed, becomes the change itself
                st.status = st.changes[-1].status if st.changes else UNKNOWN
            change(day, HELD, it.holder, None, [*confirmed, it])
        elif it.effect == "claim":
            if st.state == HELD and st.side == it.holder:
                refresh(it)
                continue
            if st.state == CLAIMED and st.claimant == it.holder:
                refresh(it)
                if st.pending is not None:
                    st.pending = (st.pending[0], st.pending[1], (*st.pending[2], it))
                continue
            st.pending = (it.day, it.holder or "", (it,))
            change(it.day, CLAIMED, st.side if st.state == HELD else None, it.holder, [it])
        elif it.effect == "cancel":
            if st.pending is None:
                continue
            st.pending = None
            if st.state == CLAIMED:  # back to what the place was before the claim
                before = st.changes[-2] if len(st.changes) > 1 else None
                if before is None:
                    change(it.day, UNKNOWN, None, None, [it])
                else:
                    change(it.day, before.state, before.side, before.claimant,
                           [_Item(it.day, "cancel", before.side, w, (i,), "reverted")
                            for _, i, w in before.support[-1:]] + [it])
        elif it.effect == PRESUME:
            # a presumption (an attack on the place by the other side) gives a place with no
            # status its holder, and is newer evidence for that holder; it never changes a
            # status (a change, fighting, a claim, a known layer of another side stand)
            if st.state == HELD and st.side == it.holder:
                refresh(it)
            elif st.state == UNKNOWN and st.known in (None, it.holder):
                change(it.day, HELD, it.holder, None, [it])
                presumed = True
        elif it.effect == "contest":
            st.pending = None
            if st.state == CONTESTED:
                refresh(it)
                continue
            change(it.day, CONTESTED, None, None, [it])
    lapsed(date.max)
    return st.changes
