"""Toponym resolution: rank gazetteer candidates of every span with the document's context.

A candidate's score starts from its context-free prior (:func:`geo_events.gazetteer.prior_score`:
match kind, level, population) and adds, in two passes:

* the **level** a cue asks for ("the X region" -> admin-1; "the city of X" -> populated place);
* explicit **containment** ("Lyman in the Donetsk region": candidates inside the parent win);
* the **countries** and **admin-1 units** the rest of the article talks about (weighted by the
  confidence of those mentions, the mention itself excluded); an admin-1 unit also gains from
  the towns and counties placed inside it, and a county named in the text puts its state in
  the context;
* **spatial coherence**: closeness (km) to the other confidently placed settlements and
  counties; a town and a county named together favour the states where both exist;
* **locators**: the Y of "<unplaced name>, Y" is a province or its capital, not a namesake;
  a relative location ("X, 35 km north of Y", "X, near Y") favours the settlements of X it
  admits from the Y chosen (:data:`RELATIVE_FIT_BONUS`, the nearest to where it puts X most),
  within the locator grammar's tolerances
  (:func:`geo_events.geoparse.locators.relative_miss_km`);
* the **conflict profile's** countries when one is given.

Scores are squashed to 0..1; the best candidate is chosen, the next ones are kept as
``alternatives`` so a user can see and override the choice.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc

from geo_events.gazetteer import Gazetteer, MatchKind, normalize_name, prior_score
from geo_events.gazetteer.normalize import is_own_name
from geo_events.geodesy import nearest_km
from geo_events.geoparse.recognize import SpanCandidate, cues
from geo_events.language import active_language, language_pack
from geo_events.model import Candidate, Mention, Place

MAX_CANDIDATES = 60
#: Minimum final score for a span that only the gazetteer (not the NER, not a cue) supports.
WEAK_THRESHOLD = 0.62
GAZETTEER_ONLY_THRESHOLD = 0.5
#: People; a populated place this big may stand on the gazetteer without a cue ("visited Tunis").
BIG_CITY = 50_000
#: A name that is the own name of this many settlements is a common settlement name
#: ("Oleksandrivka": 22 villages): a city that merely had it as a former or variant name
#: (Donetsk, once Oleksandrivka) is then a poor reading, and its prior is scaled down.
COMMON_NAME_HOLDERS = 3
COMMON_NAME_ALTERNATE_FACTOR = 0.7


#: Weight in the document's country context of a demonym naming an armed party.
PARTY_DEMONYM_WEIGHT = 0.1


@dataclass
class _Scored:
    place: Place
    kind: MatchKind
    prior: float
    score: float = 0.0


def _typed_reading(out: list[_Scored], typed_key: str, gaz: Gazetteer) -> None:
    """"Kyiv region": the units the gazetteer knows by the typed name (Kyiv oblast) are matched
    as typed, so a city unit that shares the bare name (Kyiv City) is not taken for the region."""
    typed = {gaz.place(h.row).id for h in gaz.hits_for_key(typed_key)
             if h.kind == MatchKind.TYPED}
    for s in out:
        if s.place.id in typed:
            s.kind = MatchKind.TYPED


def _candidates_for(cand: SpanCandidate, gaz: Gazetteer) -> list[_Scored]:
    if cand.role == "institution" and cand.country_hint:
        p = gaz.get(f"adm0:{cand.country_hint}")
        return [_Scored(p, MatchKind.ALTERNATE, 0.9)] if p else []
    keys = [cand.key]
    if cand.source == "ner":
        keys += _fallback_keys(cand.key)
    for key in keys:
        hits = gaz.hits_for_key(key)
        if cand.role == "demonym":
            hits = [h for h in hits if h.kind == MatchKind.DEMONYM
                    or gaz.place(h.row).level == "country"]
        else:
            hits = [h for h in hits if h.kind != MatchKind.DEMONYM]
        if hits:
            out = [_Scored(gaz.place(h.row), h.kind, 0.0) for h in hits]
            if cand.type_word:
                _typed_reading(out, f"{key} {cand.type_word}", gaz)
            common = sum(s.kind == MatchKind.PRIMARY and s.place.level == "populated_place"
                         for s in out) >= COMMON_NAME_HOLDERS
            for s in out:
                # an alternate name that spells the place's own name in another
                # transliteration ("Sloviansk" for Slovyansk) is as strong a claim as the own
                # name: it outranks a place that only once bore the name (Nikopol, briefly
                # "Slovianske")
                own = s.kind == MatchKind.ALTERNATE and s.place.level == "populated_place" \
                    and is_own_name(cand.key, s.place)
                s.prior = prior_score(s.place, MatchKind.PRIMARY if own else s.kind)
                if key != cand.key:
                    s.prior *= 0.8  # reached through a shortened name
                if common and s.kind == MatchKind.ALTERNATE \
                        and s.place.level == "populated_place":
                    s.prior *= COMMON_NAME_ALTERNATE_FACTOR
            out.sort(key=lambda s: -s.prior)
            return out[:MAX_CANDIDATES]
    return []


def _fallback_keys(key: str) -> list[str]:
    """Shorter forms of an NER place name with no exact match ("Kherson Oblast" handled by the
    index; "Mississippi River" -> "mississippi", "North Darfur State" -> "north darfur")."""
    generic = cues()["generic_trailing_words"]
    words = key.split()
    out = []
    while len(words) > 1 and words[-1] in generic:
        words = words[:-1]
        out.append(" ".join(words))
    return out


def resolve(doc: Doc, cands: list[SpanCandidate], gaz: Gazetteer, *, base_offset: int = 0,
            profile_countries: frozenset[str] = frozenset(), n_alternatives: int = 3
            ) -> list[Mention]:
    """Choose a place for each candidate span; returns Mentions (offsets shifted by
    ``base_offset`` so they index the caller's full text). A unit's type word read alone as a
    name (the "Raion" of "Izium Raion", a village "Laion" abroad by its old name) is no
    mention: it takes part in the choices (one sense per discourse, context) but is not
    returned."""
    options = [_candidates_for(c, gaz) for c in cands]

    # Pass 1: priors and local cues only.
    for c, opts in zip(cands, options, strict=True):
        for o in opts:
            o.score = o.prior + _local_bonus(c, o)
    chosen = [_best(opts) for opts in options]
    # Pass 2 (twice, so containment parents settle first): document context.
    states = _state_ratios(_candidate_states(cands, options))  # fixed across the passes
    for _ in range(2):
        ctx = _Context.from_choices(cands, chosen, states)
        for k, (c, opts) in enumerate(zip(cands, options, strict=True)):
            parent = chosen[c.parent] if c.parent is not None else None
            relative = _relative_bonuses(c, opts, chosen)
            profile = _profile_countries_for(opts, profile_countries)
            for o in opts:
                o.score = (o.prior + _local_bonus(c, o) + _containment_bonus(o, parent)
                           + ctx.bonus(o.place, exclude=k, countries=not c.held)
                           + _profile_bonus(o, profile)
                           + relative.get(id(o), 0.0))
        chosen = [_best(opts) for opts in options]
    _one_sense_per_discourse(cands, options, chosen)

    # Names the NER (as a place) or a level cue / containment vouches for elsewhere in the text.
    # A mere preposition ("in Brown's office") is not enough to vouch for every "Brown".
    supported = {c.key for c in cands
                 if c.role == "toponym" and (c.source == "ner" or c.level_hint is not None
                                             or c.parent is not None)}
    mentions: list[Mention] = []
    type_words = cues()["subunit_type_words"]
    for c, opts, best in zip(cands, options, chosen, strict=True):
        if best is None or c.key in type_words:
            continue
        score = _squash(best.score)
        if c.source == "gazetteer" and c.role in ("toponym", "embedded", "metonym", "modifier"):
            # Without a cue, only a confident match to a country, admin unit or region by its
            # own name stands on the gazetteer alone ("Most", "Kelly" and "Minister" are
            # GeoNames villages too).
            area_by_name = best.place.level in ("country", "admin1", "admin2", "region") \
                and best.kind in (MatchKind.PRIMARY, MatchKind.TYPED, MatchKind.ALTERNATE)
            big_city = best.place.level == "populated_place" \
                and (not c.weak or c.role == "embedded") \
                and best.kind == MatchKind.PRIMARY and best.place.population >= BIG_CITY
            if c.role == "metonym" and not (area_by_name or big_city):
                continue  # "Wang said": only a seat of government speaks for one
            if c.key not in supported:
                # A name the model took for a person or organisation needs more than a
                # preposition ("talking to Hamas", "in Obama's stimulus law").
                strong_cue = c.level_hint is not None or c.parent is not None or c.listed \
                    or c.verb_object or (c.locator and admin_like(best.place, c.key))
                # ... unless the place is a big city ("authorities in Tunis").
                cue = strong_cue or (c.cue and best.place.population >= 2 * BIG_CITY) \
                    if c.weak else c.cue
                if not cue and not area_by_name and not big_city:
                    continue
                threshold = WEAK_THRESHOLD if (c.weak and not c.cue) else \
                    GAZETTEER_ONLY_THRESHOLD
                if score < threshold:
                    continue
        span = c.span(doc)
        sent = span.sent
        ranked = sorted(opts, key=lambda o: -o.score)
        alts = tuple(Candidate(o.place, _squash(o.score)) for o in ranked[1:1 + n_alternatives])
        mentions.append(Mention(
            surface=span.text, start=base_offset + span.start_char,
            end=base_offset + span.end_char, place=best.place, score=round(score, 4),
            alternatives=alts, role=c.role, label=c.ner_label or c.source,
            sentence_start=base_offset + sent.start_char,
            sentence_end=base_offset + sent.end_char))
    return mentions


def admin_like(place: Place, surface: str) -> bool:
    """An admin unit or region, or a city named like its admin-1 unit ("Kherson"; spellings
    compared on their first five letters, so "Zaporizhia" matches "Zaporizhzhya"): what a
    locator after a village names."""
    if place.level in ("admin1", "admin2", "region"):
        return True
    if (place.feature_code or "").startswith(("PPLA", "PPLC")):
        return True
    a1, name = normalize_name(place.admin1_name or ""), normalize_name(surface)
    return bool(a1 and name) and a1.startswith(name[:5])


def _one_sense_per_discourse(cands: list[SpanCandidate], options: list[list[_Scored]],
                             chosen: list[_Scored | None]) -> None:
    """A name repeated without cues means what the article means by it elsewhere.

    The place its mentions vote for (weighted by score, double for mentions with a level cue or
    a containment) wins, so "Luhansk" in a headline follows "the Luhansk region" in the text.
    Mentions with their own level cue or containment keep their choice ("the city of Donetsk"
    beside "the Donetsk region").
    """
    groups: dict[str, list[tuple[int, _Scored]]] = {}  # name -> (mention index, its choice)
    for k, c in enumerate(cands):
        ch = chosen[k]
        if ch is not None and c.role in ("toponym", "embedded", "metonym", "modifier"):
            groups.setdefault(c.key, []).append((k, ch))
    for group in groups.values():
        if len(group) < 2 or len({ch.place.id for _, ch in group}) < 2:
            continue
        votes: dict[str, float] = {}
        for k, ch in group:
            c = cands[k]
            weight = 2.0 if (c.level_hint or c.parent is not None) else 1.0
            votes[ch.place.id] = votes.get(ch.place.id, 0.0) + weight * _squash(ch.score)
        consensus = max(votes, key=votes.__getitem__)
        for k, _ in group:
            c = cands[k]
            if c.level_hint is None and c.parent is None:
                chosen[k] = next((o for o in options[k] if o.place.id == consensus), chosen[k])


#: Candidates per mention that count as where a name could be (by prior, best first).
STATE_CANDIDATES = 20


def _candidate_states(cands: list[SpanCandidate], options: list[list[_Scored]]
                      ) -> dict[str, tuple[dict[str, float], dict[str, float]]]:
    """Per name: the admin-1 units its county candidates lie in, and those of its settlement
    candidates, each with the best prior there. "Paris and Henry County" can both be in
    Tennessee (or Kentucky, Illinois, Missouri), which no other pair of readings achieves."""
    out: dict[str, tuple[dict[str, float], dict[str, float]]] = {}
    for c, opts in zip(cands, options, strict=True):
        if c.role not in ("toponym", "embedded", "metonym", "modifier"):
            continue
        counties, towns = out.setdefault(c.key, ({}, {}))
        for o in opts[:STATE_CANDIDATES]:
            a1 = o.place.admin1_code
            if not a1:
                continue
            if o.place.level == "admin2":
                counties[a1] = max(counties.get(a1, 0.0), o.prior)
            elif o.place.level == "populated_place" and o.kind == MatchKind.PRIMARY:
                # by its own name: an old alias ("Paris" of a renamed town) not
                towns[a1] = max(towns.get(a1, 0.0), o.prior)
    return out


_Ranked = dict[str, list[tuple[float, str]]]


def _state_ratios(states: dict[str, tuple[dict[str, float], dict[str, float]]]
                  ) -> tuple[_Ranked, _Ranked]:
    """(towns, counties): per admin-1 unit, the two names most plausible there, as (best prior
    there / best prior anywhere, name), best first; two, so a name can be left out of its own
    evidence."""
    towns: _Ranked = {}
    counties: _Ranked = {}
    for key, (county_states, town_states) in states.items():
        for table, by_state in ((counties, county_states), (towns, town_states)):
            top = max(by_state.values(), default=0.0)
            for a1, prior in by_state.items():
                table.setdefault(a1, []).append((prior / top if top else 0.0, key))
    for table in (towns, counties):
        for a1, ranked in table.items():
            table[a1] = sorted(ranked, reverse=True)[:2]
    return towns, counties


def _best(opts: list[_Scored]) -> _Scored | None:
    return max(opts, key=lambda o: (o.score, o.place.population)) if opts else None


def _squash(x: float) -> float:
    """Map a raw score (about 0..2) to 0..1, monotone."""
    return 1.0 / (1.0 + math.exp(-4.0 * (x - 0.6)))


def _local_bonus(c: SpanCandidate, o: _Scored) -> float:
    bonus = 0.0
    lvl = o.place.level
    if c.level_hint == "admin1":
        bonus += 0.45 if lvl in ("admin1", "region") else -0.35
    elif c.level_hint == "populated_place":
        bonus += 0.3 if lvl == "populated_place" else -0.3
    elif lvl == "admin1" and o.kind == MatchKind.BARE_ADMIN:
        bonus -= 0.1  # a bare "Donetsk" is the city unless something says region
    if c.ner_label in language_pack(active_language()).ents["location"] \
            and lvl in ("region", "admin1", "country"):
        bonus += 0.05
    if c.locator and not admin_like(o.place, c.key):
        bonus -= 0.5  # "Pyshchevyk, Donetsk" names a province or its capital, not a namesake
    return bonus


def _containment_bonus(o: _Scored, parent: _Scored | None) -> float:
    if parent is None:
        return 0.0
    p = parent.place
    if p.level == "admin1":
        return 0.5 if o.place.admin1_code == p.admin1_code else -0.2
    if p.level == "country":
        return 0.35 if o.place.country_code == p.country_code else -0.2
    if p.level == "region":
        return 0.3 if o.place.country_code == p.country_code else -0.1
    return 0.0


#: Score added to a settlement a relative location after its name admits ("Myrne, 35 km north
#: of Kherson": within the tolerances of :func:`geo_events.geoparse.locators.relative_fit`)
#: when it lies within :data:`RELATIVE_CLOSE_KM` as near to where the phrase puts the name as
#: the nearest that fits; half of it for one that fits further off. Those it rules out lose
#: nothing: when none fits, the name is still read (event extraction then places it by the
#: locator, :func:`geo_events.geoparse.fit.fit_to_locator`).
RELATIVE_FIT_BONUS = 0.5
RELATIVE_CLOSE_KM = 10.0


def _relative_bonuses(c: SpanCandidate, opts: list[_Scored], chosen: list[_Scored | None]
                      ) -> dict[int, float]:
    """The bonus (by ``id`` of the option) of the settlement options the relative location
    after the name admits, measured from the settlement currently chosen for its Y; empty
    without one."""
    y = chosen[c.relative[0]] if c.relative is not None else None
    if c.relative is None or y is None or y.place.level != "populated_place":
        return {}
    from geo_events.geoparse.locators import relative_location, relative_miss_km

    _, distance, unit, close, direction = c.relative
    loc = relative_location(y.place, distance, unit, close, direction)
    misses = {id(o): km for o in opts
              if o.place.level == "populated_place" and o.place.id != y.place.id
              and (km := relative_miss_km(o.place, y.place, loc, bool(distance and unit)))
              is not None}
    if not misses:
        return {}
    best = min(misses.values())
    return {k: RELATIVE_FIT_BONUS if km <= best + RELATIVE_CLOSE_KM else RELATIVE_FIT_BONUS / 2
            for k, km in misses.items()}


#: People; a city this big, or a country, outside a profile's countries is not outweighed by
#: their namesake ("Berlin", "New York", "UK" in a war text stay the capital, the city, the
#: country, not a village of the same name in the profile's countries).
WORLD_CITY = 1_000_000


def _profile_countries_for(opts: list[_Scored], countries: frozenset[str]) -> frozenset[str]:
    """The profile's countries, when they may settle a name's namesakes: none when a candidate
    outside them is a country or a city of :data:`WORLD_CITY` people (the profile decides
    between towns of one size, "Tokmak" in Ukraine or Kyrgyzstan, not against a world city)."""
    if countries and any(o.place.country_code not in countries
                         and (o.place.level == "country" or o.place.population >= WORLD_CITY)
                         for o in opts):
        return frozenset()
    return countries


def _profile_bonus(o: _Scored, countries: frozenset[str]) -> float:
    return 0.15 if countries and o.place.country_code in countries else 0.0


#: Levels small enough to anchor spatial coherence (a county is 20-60 km across).
_LOCAL_LEVELS = frozenset({"populated_place", "admin2"})


class _Weights(dict[str, float]):
    """Summed weights per key; a missing key weighs 0.0 (a Counter of floats)."""

    def __missing__(self, key: str) -> float:
        return 0.0


class _Context:
    """What the rest of the document says: countries, admin-1 units named as such, and
    confidently placed settlements.

    Evidence for a mention comes from the *other names* of the document: mentions of the same
    name are left out, so three "Georgia"s cannot vote each other into the Caucasus.
    """

    def __init__(self) -> None:
        self.total = 0.0
        self.countries = _Weights()
        self.admin1 = _Weights()  # admin-1 units mentioned as units ("Donetsk region")
        self.inside = _Weights()  # settlements and counties per admin-1 unit
        self.by_key: dict[str, tuple[float, _Weights, _Weights, _Weights]] = {}
        self.keys: list[str] = []
        self.points: list[tuple[str, float, float]] = []
        self.states: tuple[_Ranked, _Ranked] = ({}, {})
        self._near: dict[tuple[str, str], float | None] = {}
        self._arrays: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None

    @classmethod
    def from_choices(cls, cands: list[SpanCandidate], chosen: list[_Scored | None],
                     states: tuple[_Ranked, _Ranked]) -> _Context:
        ctx = cls()
        ctx.states = states  # see _state_ratios
        for c, ch in zip(cands, chosen, strict=True):
            ctx.keys.append(c.key)
            if ch is None:
                continue
            w = _squash(ch.score)
            if c.source == "gazetteer" and c.weak:
                w *= 0.5
            # "Russian forces" names who fights, a weak vote for where: Russian troops in
            # Ukraine, Ukrainian troops in Kursk
            wc = w * PARTY_DEMONYM_WEIGHT if c.party else w
            p = ch.place
            tot, ccs, a1s, a1_in = ctx.by_key.get(c.key, (0.0, _Weights(), _Weights(), _Weights()))
            tot += w
            if p.country_code:
                ctx.countries[p.country_code] += wc
                ccs[p.country_code] += wc
            if p.level in _LOCAL_LEVELS and p.admin1_code:
                ctx.inside[p.admin1_code] += w  # towns and counties placed inside a unit
                a1_in[p.admin1_code] += w
            if p.level in ("admin1", "admin2") and p.admin1_code:
                # A county named in the text puts the article in its state too.
                ctx.admin1[p.admin1_code] += w
                a1s[p.admin1_code] += w
            ctx.by_key[c.key] = (tot, ccs, a1s, a1_in)
            ctx.total += w
            if p.level in _LOCAL_LEVELS and w > 0.6:
                ctx.points.append((c.key, p.latitude, p.longitude))
        return ctx

    def bonus(self, place: Place, exclude: int, countries: bool = True) -> float:
        """The context's score for ``place`` as the reading of mention ``exclude``; without
        ``countries``, the countries the rest of the text names do not count (a held place,
        "Russian-controlled X": whose territory it is is what the fighting is about, so the
        text's countries do not choose among its namesakes; its admin-1 units and
        neighbours still do)."""
        key = self.keys[exclude]
        own_total, own_cc, own_a1, own_in = self.by_key.get(
            key, (0.0, _Weights(), _Weights(), _Weights()))
        total = self.total - own_total
        if total <= 0:
            return 0.0
        b = 0.0
        share = 0.0
        cc = place.country_code
        if cc and countries:
            share = (self.countries[cc] - own_cc[cc]) / total
            b += 0.45 * share
        if place.level == "country" and share > 0:
            b += 0.2  # the country the article is about (as a city gets for its admin unit)
        a1 = place.admin1_code
        if a1 and place.level not in ("admin1", "country") and self.admin1[a1] - own_a1[a1] > 0:
            b += 0.2
        if place.level == "admin1" and a1 and self.inside[a1] - own_in[a1] > 0:
            b += 0.2  # the unit the article's towns and counties lie in
        if a1 and place.level in _LOCAL_LEVELS:
            b += self._shared_state_bonus(place, key)
        if place.level in _LOCAL_LEVELS and self.points:
            near = self._nearest_km(place, key)
            if near is not None and near < 250:
                b += 0.15 * (1 - near / 250)
        return b

    def _shared_state_bonus(self, place: Place, key: str) -> float:
        """0.12 when a county and a town of the text can be in the state of ``place`` (a town
        or a county), scaled down to 0.096 by how plausible the other name is there (its best
        prior in that state over its best anywhere): without it a town and a county picked in
        the same pass could trade states, each following the other's previous choice."""
        # towns' states for a county, counties' states for a town
        ranked = self.states[place.level != "admin2"].get(place.admin1_code, ()) \
            if place.admin1_code is not None else ()
        best = next((ratio for ratio, k in ranked if k != key), 0.0)
        return 0.12 * (0.8 + 0.2 * best) if best > 0 else 0.0

    def _nearest_km(self, place: Place, key: str) -> float | None:
        """Distance (km) from ``place`` to the nearest confidently placed mention of another
        name; vectorised and cached per (name, place): long texts repeat both."""
        memo = (key, place.id)
        if memo not in self._near:
            if self._arrays is None:
                pkeys, plats, plons = zip(*self.points, strict=True)
                self._arrays = (np.array(pkeys, dtype=object), np.array(plats), np.array(plons))
            keys, lats, lons = self._arrays
            other = keys != key
            self._near[memo] = nearest_km(place.latitude, place.longitude, lats[other],
                                          lons[other]) if other.any() else None
        return self._near[memo]
