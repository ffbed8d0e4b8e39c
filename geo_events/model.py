"""The typed data that flows between the stages: Article -> Mention(Place) -> Event.

Conventions used everywhere in geo_events:

* coordinates are WGS84 (EPSG:4326) decimal degrees, ``latitude`` north-positive,
  ``longitude`` east-positive;
* ``country_code`` is the ISO 3166-1 alpha-2 code of the *de jure* (internationally recognised)
  country: Crimea is ``UA``. Who *controls* a place is the control timeline's business;
* ``admin1_code`` is GeoNames style ``CC.XX`` (e.g. ``UA.14`` Luhansk oblast, ``RU.30``
  Khabarovsk Krai);
* character offsets are 0-based into the input text, ``end`` exclusive;
* dates are :class:`datetime.date`; JSON renders them as ISO ``YYYY-MM-DD``.

Every class has ``to_dict()`` giving the JSON contract of the command-line tool.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

Level = Literal["country", "admin1", "admin2", "region", "populated_place", "feature"]
LEVELS: tuple[str, ...] = ("country", "admin1", "admin2", "region", "populated_place", "feature")

#: ``Place.id`` prefix of a settlement named in a text but missing from the gazetteer.
UNRESOLVED_PREFIX = "unresolved:"

def unresolved_place_id(admin1_code: str, name: str) -> str:
    """``Place.id`` of a settlement the gazetteer lacks: ``unresolved:<CC.XX>:<name slug>``."""
    from geo_events.gazetteer.normalize import normalize_name

    return f"{UNRESOLVED_PREFIX}{admin1_code}:{'-'.join(normalize_name(name).split())}"


#: ``Place.id`` prefix of a facility inside a settlement (a power plant, a dam, a checkpoint).
SITE_PREFIX = "site:"


#: :class:`Location` keys the JSON of a place carries beside its fields (see
#: :meth:`Place.to_dict`).
_LOCATION_KEYS = ("precision", "located_by", "site_of", "radius_km")


@dataclass(frozen=True, slots=True)
class Location:
    """How a place that is no gazetteer record as such was located (``Place.location``).

    ``precision``: ``"admin1"`` (a settlement the gazetteer lacks, at its admin-1 unit's label
    point), ``"community"`` (at its codifier community), ``"near"`` (at the settlement the text
    places it near), ``"country"`` (known by its country only), ``"site"`` (a facility inside a
    settlement), ``"part"`` / ``"bank"`` (part of a unit, a river bank: area places),
    ``"offset"`` (moved from the settlement the text names by the distance and bearing it
    gives: "X, 8 km east of Y"); None for a gazetteer place that only carries ``namesakes``.
    ``radius_km``: how far (km) the settlement may lie from the point, where the text or the
    method says (an offset: a quarter of the distance, at least 1 km; near a town: the distance
    the text gives, else a default; in a community: the codifier's typical distance); None when
    unknown or not meaningful (a gazetteer place, a unit's label point). ``distance_km`` and
    ``bearing`` (degrees clockwise from north): the offset from ``located_by``, as read.
    ``located_by``: what placed it (a place id, ``katottg:<code>``, or for a site
    ``"locator"`` / ``"name"`` / ``"focus"``).
    ``site_of`` / ``site_of_name`` / ``facility``: a site's settlement (id, name) and facility
    kind. ``part``: the compass part, or the bank (``"right"`` / ``"left"``) of ``river``.
    ``namesakes``: (latitude, longitude, located_by) of the villages of the name the text does
    not choose between, for a corpus to settle; ``settled_by``: what chose one (``"corpus"``,
    ``"text"``). ``respelled_by``: the ids of the respelling rules (``foreign_spellings.json``,
    joined by ",") by which the codifier found the settlement the text wrote in another
    language's transliteration ("Awdijwka").
    """

    precision: str | None = None
    located_by: str | None = None
    site_of: str | None = None
    site_of_name: str | None = None
    facility: str | None = None
    part: str | None = None
    river: str | None = None
    namesakes: tuple[tuple[float, float, str], ...] = ()
    settled_by: str | None = None
    radius_km: float | None = None
    distance_km: float | None = None
    bearing: float | None = None
    respelled_by: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The fields that are set (``namesakes`` as lists)."""
        d: dict[str, Any] = {k: getattr(self, k) for k in _LOCATION_FIELDS
                             if getattr(self, k) is not None and k != "namesakes"}
        if self.namesakes:
            d["namesakes"] = [list(o) for o in self.namesakes]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Location:
        """Inverse of :meth:`to_dict`; also reads the keys a place's ``raw`` record held before
        ``Place.location`` existed (an area's part under ``"part"`` or ``"bank"``)."""
        kw = {k: d[k] for k in _LOCATION_FIELDS if d.get(k) is not None}
        for k in ("radius_km", "distance_km", "bearing"):
            if k in kw:
                kw[k] = float(kw[k])
        if "part" not in kw and d.get("bank") is not None:
            kw["part"] = d["bank"]
        if "namesakes" in kw:
            kw["namesakes"] = tuple((float(a), float(b), str(c)) for a, b, c in kw["namesakes"])
        return cls(**kw)


_LOCATION_FIELDS = tuple(Location.__dataclass_fields__)
#: Keys of a legacy ``raw`` record that belong to the place's :class:`Location`.
_LEGACY_RAW_KEYS = frozenset({*_LOCATION_FIELDS, "bank"})


#: ``Location.precision`` of an unresolved settlement drawn as an approximate point.
APPROXIMATE_PRECISIONS = frozenset({"community", "near", "offset"})
#: ``Place.radius_km`` of an approximate settlement whose record has no radius (km): a
#: codifier community's median distance to its villages, a "near" locator's default.
TYPICAL_RADIUS_KM = {"community": 9.0, "near": 10.0, "offset": 5.0}


#: Levels whose geometry is a polygon from a boundary set rather than a point.
AREA_LEVELS = frozenset({"country", "admin1", "admin2", "region"})


@dataclass(frozen=True, slots=True)
class Place:
    """A place of the gazetteer.

    ``id`` is stable across runs: ``gn:<geonameid>`` for GeoNames places, ``adm0:<CC>`` for
    countries, ``adm1:<CC.XX>`` for admin-1 units, ``adm2:<CC.XX>.<slug>`` for the embedded
    admin-2 units (``adm2:US.GA.henry-county``: a point, no polygon), ``adm2:<set>:<code>`` for
    user admin-2 units, ``region:<slug>`` for named regions (Donbas, Crimea, ...), and
    ``unresolved:<CC.XX>:<name>`` for a settlement the text locates only by its admin-1 unit
    ("Yahidne, Chernihiv": the gazetteer lacks it; coordinates are the unit's label point), and
    ``site:<facility>:<settlement id>`` for a facility inside a settlement (:func:`site_place`).
    ``geonameid`` is the GeoNames id where one exists (populated places, countries), else
    ``None``. ``population`` is people (0 when unknown). ``raw`` keeps the source record
    (GeoNames / Natural Earth fields, an imported row) untouched; how a place that is no
    gazetteer record was located (precision, what located it, a site's settlement, namesakes)
    is ``location`` (:class:`Location`). A ``raw`` given with location keys in it (code written
    before ``location`` existed) has them moved to ``location``.
    """

    id: str
    name: str
    level: str
    latitude: float
    longitude: float
    country_code: str | None = None
    admin1_code: str | None = None
    admin1_name: str | None = None
    population: int = 0
    geonameid: int | None = None
    feature_code: str | None = None
    country_name: str | None = None
    raw: dict[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)
    location: Location | None = field(default=None, compare=False, hash=False, repr=False)

    def __post_init__(self) -> None:
        if self.raw and self.location is None and not _LEGACY_RAW_KEYS.isdisjoint(self.raw):
            object.__setattr__(self, "location", Location.from_dict(self.raw))
            object.__setattr__(self, "raw", {k: v for k, v in self.raw.items()
                                             if k not in _LEGACY_RAW_KEYS})

    @property
    def precision(self) -> str | None:
        """How the place was located (:attr:`Location.precision`); None for a gazetteer place."""
        return self.location.precision if self.location is not None else None

    @property
    def located_by(self) -> str | None:
        """What located the place (:attr:`Location.located_by`), or None."""
        return self.location.located_by if self.location is not None else None

    @property
    def namesakes(self) -> tuple[tuple[float, float, str], ...]:
        """Villages of the name the text did not choose between (:attr:`Location.namesakes`)."""
        return self.location.namesakes if self.location is not None else ()

    @property
    def is_unresolved(self) -> bool:
        """True for a settlement the gazetteer lacks, known only by its name and admin-1 unit
        (id ``unresolved:<CC.XX>:<name>``; coordinates are the unit's label point, or those of
        the settlement the text places it near, ``precision == "near"``)."""
        return self.id.startswith(UNRESOLVED_PREFIX)

    @property
    def is_site(self) -> bool:
        """True for a facility inside a settlement (id ``site:<facility>:<settlement id>``,
        see :func:`site_place`)."""
        return self.id.startswith(SITE_PREFIX)

    @property
    def approximate(self) -> str | None:
        """For an unresolved settlement placed at its codifier community, near the town the
        text names or that far and in that direction from it, that precision
        (``"community"``, ``"near"``, ``"offset"``); else None (a gazetteer place, or one known
        by its admin-1 unit only)."""
        if not self.is_unresolved:
            return None
        precision = self.precision
        return precision if precision in APPROXIMATE_PRECISIONS else None

    @property
    def radius_km(self) -> float:
        """How far (km) the place may lie from its point: 0 for a gazetteer place or a site
        (its own point), the location's ``radius_km`` for an approximate settlement
        (:attr:`approximate`; records written before it was kept: the precision's typical
        radius, :data:`TYPICAL_RADIUS_KM`), infinite for a settlement at a unit's or its
        country's label point (that point says nothing of where it is)."""
        if not self.is_unresolved:
            return 0.0
        precision = self.approximate
        if precision is None:
            return math.inf
        radius = self.location.radius_km if self.location is not None else None
        return radius if radius is not None else TYPICAL_RADIUS_KM.get(precision, math.inf)

    @property
    def is_area(self) -> bool:
        """True for countries, admin units and regions (polygons), False for points."""
        return self.level in AREA_LEVELS

    def to_dict(self, raw: bool = False) -> dict[str, Any]:
        """The JSON contract of a Place: its fields, and for a place located otherwise than by
        the gazetteer ``precision``, ``located_by`` and ``site_of``; with ``raw``, also the
        ``raw`` record and the whole ``location`` (what a store keeps)."""
        d: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "geonameid": self.geonameid,
            "level": self.level,
            "latitude": round(self.latitude, 6),
            "longitude": round(self.longitude, 6),
            "country_code": self.country_code,
            "country_name": self.country_name,
            "admin1_code": self.admin1_code,
            "admin1_name": self.admin1_name,
            "population": self.population,
            "feature_code": self.feature_code,
        }
        loc = self.location
        if loc is not None and loc.precision:
            # how well an unresolved place or a site is located (admin1, community, near, site),
            # by what, and for a site the settlement it is in
            d.update({k: getattr(loc, k) for k in _LOCATION_KEYS if getattr(loc, k)})
        if raw:
            d["raw"] = self.raw
            if loc is not None:
                d["location"] = loc.to_dict()
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Place:
        """Inverse of :meth:`to_dict` (unknown keys are ignored). Reads the JSON of every
        version: a ``location`` object, or the location keys in ``raw`` (older stores), or only
        the top-level ``precision``, ``located_by`` and ``site_of``."""
        names = cls.__dataclass_fields__.keys()
        kw = {k: v for k, v in d.items() if k in names and k != "location"}
        if isinstance(d.get("location"), dict):
            kw["location"] = Location.from_dict(d["location"])
        elif d.get("precision") and _LEGACY_RAW_KEYS.isdisjoint(kw.get("raw") or {}):
            kw["location"] = Location.from_dict({k: d[k] for k in _LOCATION_KEYS if d.get(k)})
        return cls(**kw)


def site_place(where: Place, name: str, facility: str, located_by: str) -> Place:
    """The facility ``name`` ("Kakhovka Hydroelectric Power Plant") of type ``facility`` (the
    head noun's lemma: "plant") at the settlement ``where``, as a place of its own:
    ``site:<facility>:<settlement id>``, level ``feature``, at the settlement's point.
    ``located_by`` is ``"locator"`` ("the plant in Enerhodar"), ``"name"`` ("Vilcha
    checkpoint": a facility named after a settlement lies near it) or ``"focus"`` ("entered
    Slavutych and occupied a local hospital": the settlement named just before). Control of a
    facility is kept apart from control of its settlement: seizing the power plant in a town
    does not say who holds the town."""
    return Place(id=f"{SITE_PREFIX}{facility}:{where.id}", name=f"{name} ({where.name})",
                 level="feature", latitude=where.latitude, longitude=where.longitude,
                 country_code=where.country_code, admin1_code=where.admin1_code,
                 admin1_name=where.admin1_name, country_name=where.country_name,
                 location=Location(precision="site", located_by=located_by, site_of=where.id,
                                   site_of_name=where.name, facility=facility))


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer candidate for a mention with the resolver's score (0..1, higher is better)."""

    place: Place
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {**self.place.to_dict(), "score": round(self.score, 4)}


@dataclass(frozen=True, slots=True)
class Mention:
    """A toponym found in a text and the place it was resolved to.

    ``start``/``end`` are character offsets into the article text (end exclusive), so
    ``text[start:end] == surface``. ``score`` is the resolver's confidence (0..1).
    ``alternatives`` are the next-best candidates, best first, so a user can override the choice.
    ``role`` says how the place was mentioned: ``"toponym"`` (a place where something is or
    happened), ``"demonym"`` ("Ukrainian troops": context only), ``"modifier"``
    ("Moscow-backed"), ``"metonym"`` ("Kyiv said": a place standing for its government),
    ``"embedded"`` (inside an organisation's name: "Kansas State University") or
    ``"institution"`` ("the Kremlin": resolved to its country). Events use toponyms only.
    """

    surface: str
    start: int
    end: int
    place: Place
    score: float
    alternatives: tuple[Candidate, ...] = ()
    role: str = "toponym"
    label: str | None = None
    sentence_start: int | None = None
    sentence_end: int | None = None
    article_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON contract: a Place plus ``text``, ``start``, ``end``, ``score`` and alternatives."""
        return {
            **self.place.to_dict(),
            "text": self.surface,
            "start": self.start,
            "end": self.end,
            "score": round(self.score, 4),
            "role": self.role,
            "alternatives": [c.to_dict() for c in self.alternatives],
        }


@dataclass(frozen=True, slots=True)
class Article:
    """A document to process. ``id`` defaults to the SHA-256 of the text (content hash)."""

    text: str
    published: date | None = None
    source: str | None = None
    url: str | None = None
    id: str | None = None
    language: str = "en"

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()

    @property
    def key(self) -> str:
        """The id if given, else the content hash."""
        return self.id or self.content_hash


EVENT_STATUSES = ("reported", "claimed", "denied", "disputed", "assessed", "unverified")
DATE_PRECISIONS = ("day", "week", "month", "year", "unknown")


@dataclass(frozen=True, slots=True)
class Event:
    """Something reported to have happened at a place.

    ``kind`` is one of the taxonomy in :mod:`geo_events.events.kinds` (``capture``,
    ``recapture``, ``withdrawal``, ``advance``, ``contested``, ``annexation_claim``, ``attack``,
    ...). ``gain``/``loss`` are conflict-profile side ids (``RU``, ``UA``, ``RSF``...) for control
    changes, else ``None``; ``gain_actor`` is the normalised text of the gaining party when no
    profile side matched, or when the party is named by a name of its own (an organisation:
    "M23"), whatever side the profile maps it to (as ACLED keeps actor1).
    ``date_from``..``date_to`` is an inclusive range whose width matches ``date_precision``.
    ``status`` is one of :data:`EVENT_STATUSES`; ``confidence`` is 0..1. ``start``/``end``
    are offsets of the evidence (the trigger clause) in the article text.
    ``profile`` is the id of the conflict profile the sides were read with (``russia-ukraine``),
    None when no profile was used. ``fixed_id`` is the id an event keeps once stored when a
    correction changes its place or kind (:mod:`geo_events.corrections`), and the id of an
    event added by hand; None computes :attr:`id`. ``provenance`` lists the ids of the rules
    that made the event and set its kind and status (trigger first; see
    :mod:`geo_events.events.explain`); empty for events added by hand or read from an older
    store.
    """

    kind: str
    place: Place
    date_from: date | None
    date_to: date | None
    date_precision: str = "unknown"
    gain: str | None = None
    loss: str | None = None
    gain_actor: str | None = None
    actors: tuple[str, ...] = ()
    status: str = "reported"
    confidence: float = 0.5
    sentence: str = ""
    start: int = 0
    end: int = 0
    source: str | None = None
    article_id: str | None = None
    published: date | None = None
    trigger: str | None = None
    mention_start: int | None = None
    mention_end: int | None = None
    profile: str | None = None
    fixed_id: str | None = field(default=None, compare=False)
    provenance: tuple[str, ...] = field(default=(), compare=False)

    @property
    def is_control_change(self) -> bool:
        """True when the event moves control of the place (a gain or loss is set, not a claim)."""
        return self.kind in CONTROL_KINDS and (self.gain is not None or self.gain_actor is not None
                                                 or self.loss is not None)

    @property
    def id(self) -> str:
        """Stable id: hash of article, place, kind, evidence offsets (or :attr:`fixed_id`)."""
        if self.fixed_id:
            return self.fixed_id
        key = f"{self.article_id}|{self.place.id}|{self.kind}|{self.start}|{self.end}"
        return hashlib.sha1(key.encode()).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of an Event."""
        d = asdict(self)  # slots dataclass: asdict recurses into place
        d["place"] = self.place.to_dict()
        del d["fixed_id"]
        for k in ("date_from", "date_to", "published"):
            v = getattr(self, k)
            d[k] = v.isoformat() if v else None
        d["actors"] = list(self.actors)
        d["provenance"] = list(self.provenance)
        d["id"] = self.id
        d["control_change"] = self.is_control_change
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        """Inverse of :meth:`to_dict`."""
        names = cls.__dataclass_fields__.keys()
        kw = {k: v for k, v in d.items() if k in names}
        kw["place"] = Place.from_dict(d["place"])
        for k in ("date_from", "date_to", "published"):
            if kw.get(k):
                kw[k] = date.fromisoformat(kw[k])
        kw["actors"] = tuple(kw.get("actors") or ())
        kw["provenance"] = tuple(kw.get("provenance") or ())
        return cls(**kw)


#: Kinds that move control of a place from one party to another.
CONTROL_KINDS = frozenset({"capture", "recapture", "withdrawal", "transfer"})
