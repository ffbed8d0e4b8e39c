"""The embedded gazetteer: name -> candidate places, id -> place, in memory, offline.

>>> from geo_events.gazetteer import get_gazetteer
>>> gaz = get_gazetteer()            # builds the index on first use (~1 min), then cached
>>> [p.id for p in gaz.lookup("Lyman")][:1]
['gn:704204']

Lookups are exact on the normalised name (:func:`~geo_events.gazetteer.normalize.normalize_name`).
Ranking for a query string lives in :meth:`Gazetteer.search`; document context ranking is the
geoparser's job (:mod:`geo_events.geoparse.resolve`).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from geo_events.errors import GazetteerError
from geo_events.gazetteer.kinds import MatchKind
from geo_events.gazetteer.normalize import name_hash, normalize_name
from geo_events.model import LEVELS, Candidate, Place

#: Prior weight of each level when a bare query is ambiguous (a region or country beats a
#: namesake village; a populated place is scored by its population).
_LEVEL_PRIOR = {"country": 1.0, "region": 0.9, "admin1": 0.75, "admin2": 0.6,
                "populated_place": 0.5, "feature": 0.4}


@dataclass(frozen=True, slots=True)
class NameHit:
    """A place reached by a name, and how (:class:`MatchKind`)."""

    row: int
    kind: MatchKind


class Gazetteer:
    """Read-only index over places (countries, admin-1 units, regions, GeoNames cities500)."""

    def __init__(self, folder: Path) -> None:
        try:
            self.meta = json.loads((folder / "meta.json").read_text())
            with np.load(folder / "names.npz") as z:
                self._keys = z["keys"]
                self._starts = z["starts"]
                self._rows = z["rows"]
                self._kinds = z["kinds"]
            with np.load(folder / "places.npz") as z:
                cols = {k: z[k] for k in z.files}
        except (OSError, ValueError, KeyError) as exc:
            raise GazetteerError(
                f"the gazetteer index in {folder} is unreadable ({exc}); delete that folder or "
                "run `geo-events gazetteer --rebuild` to build it again") from exc
        self.folder = folder
        # Warm start reads numpy arrays only (no pandas, no JSON): strings are one UTF-8 blob
        # plus offsets, decoded per place on demand.
        self._name_blob = cols["name_blob"].tobytes()
        self._name_off = cols["name_off"].tolist()
        self._id_blob = cols["id_blob"].tobytes()
        self._id_off = cols["id_off"].tolist()
        self._level = cols["level"]
        self._lat = cols["latitude"]
        self._lon = cols["longitude"]
        self._cc = cols["country_code"]
        self._a1 = cols["admin1_code"]
        self._pop = cols["population"]
        self._gid = cols["geonameid"]
        self._n_keys = len(self._keys)
        self._empty = np.empty(0, dtype=np.int32)
        self._cache: dict[int, Place] = {}
        self._row_of_id: dict[str, int] | None = None
        self._admin1_names: dict[str, str] | None = None
        self._country_names: dict[str, str] | None = None
        self._table = None

    @property
    def table(self):
        """All places as a pandas DataFrame (columns as in ``places.parquet``; loaded lazily)."""
        if self._table is None:
            import pandas as pd

            self._table = pd.read_parquet(self.folder / "places.parquet")
        return self._table

    def _name_at(self, row: int) -> str:
        return self._name_blob[self._name_off[row]:self._name_off[row + 1]].decode("utf-8")

    def _id_at(self, row: int) -> str:
        return self._id_blob[self._id_off[row]:self._id_off[row + 1]].decode("utf-8")

    # -- size and iteration --------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._lat)

    def __iter__(self) -> Iterator[Place]:
        return (self.place(i) for i in range(len(self)))

    # -- lookups -------------------------------------------------------------------------
    def hits(self, name: str) -> list[NameHit]:
        """Every place whose normalised name equals ``name``'s, with the kind of match."""
        key = normalize_name(name)
        if not key:
            return []
        return self.hits_for_key(key)

    def hits_for_key(self, key: str) -> list[NameHit]:
        """Like :meth:`hits` for an already normalised key."""
        span = self._span(key)
        if span is None:
            return []
        lo, hi = span
        return [NameHit(r, MatchKind(k))
                for r, k in zip(self._rows[lo:hi].tolist(), self._kinds[lo:hi].tolist(),
                                strict=True)]

    def _span(self, key: str) -> tuple[int, int] | None:
        h = name_hash(key)
        i = int(self._keys.searchsorted(h))
        if i >= self._n_keys or self._keys[i] != h:
            return None
        return int(self._starts[i]), int(self._starts[i + 1])

    def lookup_rows(self, name: str) -> np.ndarray:
        """Table rows of the places named ``name`` (int32 array; empty when unknown).

        The cheapest lookup: no objects are built. Pair with :meth:`place`.
        """
        span = self._span(normalize_name(name))
        if span is None:
            return self._empty
        return self._rows[span[0]:span[1]]

    def has_key(self, key: str) -> bool:
        """True when the normalised key names any place (cheap: no objects built)."""
        return self._span(key) is not None

    def lookup(self, name: str) -> list[Place]:
        """Places named ``name`` (any level, any match kind), in index order."""
        return [self.place(h.row) for h in self.hits(name)]

    def place(self, row: int) -> Place:
        """The :class:`Place` of a table row (cached)."""
        p = self._cache.get(row)
        if p is not None:
            return p
        a1 = self._a1[row].decode() or None
        cc = self._cc[row].decode() or None
        gid = int(self._gid[row])
        pid = self._id_at(row)
        p = Place(
            id=pid, name=self._name_at(row), level=LEVELS[int(self._level[row])],
            latitude=float(self._lat[row]), longitude=float(self._lon[row]),
            country_code=cc, admin1_code=a1,
            admin1_name=self.admin1_name(a1) if a1 else None,
            population=int(self._pop[row]), geonameid=gid if gid >= 0 else None,
            country_name=self.country_name(cc) if cc else None,
            raw={"row": row, "source": _source_of(pid)},
        )
        self._cache[row] = p
        return p

    def get(self, place_id: str) -> Place | None:
        """The place with a stable id (``gn:704204``, ``adm1:UA.14``, ``adm0:UA``,
        ``region:donbas``) or a bare GeoNames id (``704204``); None when unknown."""
        if self._row_of_id is None:
            self._row_of_id = {self._id_at(i): i for i in range(len(self))}
        key = str(place_id)
        if key.isdigit():
            key = f"gn:{key}"
        row = self._row_of_id.get(key)
        return None if row is None else self.place(row)

    def admin1_name(self, code: str) -> str | None:
        """Display name of an admin-1 code (``UA.14`` -> ``Luhansk``)."""
        return self._admin1_table().get(code)

    def admin1_names(self, cc: str) -> dict[str, str]:
        """Admin-1 code -> display name, for the units of country ``cc`` (ISO alpha-2)."""
        return {code: name for code, name in self._admin1_table().items()
                if code.startswith(f"{cc}.")}

    def _admin1_table(self) -> dict[str, str]:
        if self._admin1_names is None:
            rows = np.flatnonzero(self._level == LEVELS.index("admin1")).tolist()
            self._admin1_names = {self._a1[r].decode(): self._name_at(r) for r in rows}
        return self._admin1_names

    def country_name(self, cc: str) -> str | None:
        """English name of an ISO alpha-2 code."""
        if self._country_names is None:
            rows = np.flatnonzero(self._level == LEVELS.index("country")).tolist()
            self._country_names = {self._cc[r].decode(): self._name_at(r) for r in rows}
        return self._country_names.get(cc)

    # -- ranking for a bare query --------------------------------------------------------
    def search(self, query: str, country: str | None = None, level: str | None = None,
               limit: int | None = 10, include_demonyms: bool = False) -> list[Candidate]:
        """Candidates for a query string, best first, scored 0..1 without document context.

        The score combines the match kind (typed admin forms such as "Luhansk region" are
        unambiguous; demonyms are excluded unless asked for) with the level prior and the
        population (log-scaled). ``country`` (ISO alpha-2) and ``level`` filter.
        """
        cands: list[Candidate] = []
        for hit in self.hits(query):
            if hit.kind == MatchKind.DEMONYM and not include_demonyms:
                continue
            p = self.place(hit.row)
            if country and p.country_code != country.upper():
                continue
            if level and p.level != level:
                continue
            cands.append(Candidate(p, prior_score(p, hit.kind)))
        cands.sort(key=lambda c: (-c.score, -c.place.population, c.place.id))
        return cands[:limit] if limit else cands


def prior_score(place: Place, kind: MatchKind) -> float:
    """Context-free plausibility of ``place`` for a name matched with ``kind`` (0..1)."""
    pop = max(place.population, 0)
    pop_term = min(np.log10(pop + 1) / 7.0, 1.0)  # 10 M people -> 1.0
    level = _LEVEL_PRIOR.get(place.level, 0.4)
    base = 0.25 + 0.6 * pop_term if place.level == "populated_place" else level
    if place.level == "country" and kind == MatchKind.PRIMARY:
        base += 0.15  # a country's own name means the country ("Jamaica", not Jamaica, Queens)
    kind_factor = {MatchKind.PRIMARY: 1.0, MatchKind.ALTERNATE: 0.85, MatchKind.TYPED: 1.0,
                   MatchKind.BARE_ADMIN: 0.6, MatchKind.DEMONYM: 0.5}[kind]
    if kind == MatchKind.TYPED:
        base = max(base, 0.95)
    return float(round(base * kind_factor, 4))


def _source_of(place_id: str) -> str:
    if place_id.startswith("gn:"):
        return "GeoNames (cities500, or a country dump the user added)"
    if place_id.startswith("adm0:"):
        return "GeoNames countries + Natural Earth admin-0"
    if place_id.startswith("adm1:"):
        return "Natural Earth admin-1 (GeoNames code)"
    if place_id.startswith("adm2:"):
        return "GeoNames cities1000 admin-2 names (point: mean of the unit's towns)"
    return "geo_events named regions (boundaries/regions.parquet)"


_LOCK = threading.Lock()
_INSTANCE: Gazetteer | None = None


def get_gazetteer(rebuild: bool = False) -> Gazetteer:
    """The shared :class:`Gazetteer`; builds the cached index on first use (or when asked)."""
    global _INSTANCE
    with _LOCK:
        if _INSTANCE is not None and not rebuild:
            return _INSTANCE
        from geo_events.gazetteer.cache import index_dir

        folder = index_dir()
        if rebuild or not (folder / "meta.json").exists():
            from geo_events.gazetteer.build import build_index

            if rebuild and folder.exists():
                import shutil

                shutil.rmtree(folder)
            build_index(folder)
        _INSTANCE = Gazetteer(folder)
        from geo_events.gazetteer.cache import mark_used

        mark_used(folder)  # an index in use is not deleted by another build (cache.py)
        return _INSTANCE
