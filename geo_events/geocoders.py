"""geopy-compatible geocoders: the embedded gazetteer, and any geopy geocoder as online fallback.

>>> from geo_events.geocoders import EmbeddedGeocoder
>>> loc = EmbeddedGeocoder().geocode("Lyman")
>>> loc.raw["geonameid"], round(loc.latitude, 2)
(704204, 48.99)

:class:`EmbeddedGeocoder` subclasses :class:`geopy.geocoders.base.Geocoder`, so code written for
geopy (``geocode(query, exactly_one=...)``, ``reverse((lat, lon))``, ``RateLimiter``) works
unchanged, offline. :class:`FallbackGeocoder` asks the embedded gazetteer first and an online
geocoder (Nominatim by default) only for names it does not know, behind geopy's
``RateLimiter`` and a persistent JSON cache, so repeated runs never hit the service twice for the
same query. Nothing online is used unless you construct it.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import get_geocoder_for_service
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geo_events.config import cache_dir
from geo_events.errors import InputError
from geo_events.gazetteer import Gazetteer, get_gazetteer
from geo_events.model import Candidate, Place


def _address(p: Place) -> str:
    parts = [p.name]
    if p.admin1_name and p.level not in ("admin1", "country"):
        parts.append(p.admin1_name)
    if p.country_name and p.level != "country":
        parts.append(p.country_name)
    return ", ".join(parts)


def candidate_to_location(c: Candidate) -> Location:
    """A geopy Location whose ``raw`` is the Place JSON plus ``score``."""
    raw = {**c.place.to_dict(), "score": round(c.score, 4)}
    return Location(_address(c.place), (c.place.latitude, c.place.longitude), raw)


class EmbeddedGeocoder(Geocoder):
    """Offline geocoder over the embedded GeoNames/Natural Earth gazetteer (no network)."""

    def __init__(self, gazetteer: Gazetteer | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._gazetteer = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = get_gazetteer()
        return self._gazetteer

    def geocode(self, query: str, *, exactly_one: bool = True, country: str | None = None,
                level: str | None = None, limit: int | None = 10, timeout: Any = None
                ) -> Location | list[Location] | None:
        """Places named ``query`` best first (None / [] when unknown).

        ``country``: ISO alpha-2 filter; ``level``: one of the Place levels; ``limit``: the
        maximum number of results when ``exactly_one`` is False. ``timeout`` is accepted for
        geopy compatibility and ignored (nothing goes over a network).
        """
        if not isinstance(query, str):
            raise InputError(f"geocode() expects a place name string, got {query!r}")
        cands = self.gazetteer.search(query, country=country, level=level,
                                      limit=1 if exactly_one else limit)
        locs = [candidate_to_location(c) for c in cands]
        if exactly_one:
            return locs[0] if locs else None
        return locs

    def reverse(self, query: Any, *, exactly_one: bool = True, timeout: Any = None
                ) -> Location | list[Location] | None:
        """The admin-1 unit (or country) at a point given as ``(lat, lon)``, ``"lat, lon"`` or
        a geopy Point. Returns None where no country is within the snapping tolerance."""
        from geopy.point import Point

        from geo_events.boundaries import reverse as reverse_point

        try:
            pt = Point(query)
        except (ValueError, TypeError) as exc:
            raise InputError(f"cannot read a point from {query!r}: give (lat, lon) in "
                             "decimal degrees") from exc
        place = admin_place_at(pt.latitude, pt.longitude, self.gazetteer, reverse_point)
        if place is None:
            return None if exactly_one else []
        loc = candidate_to_location(Candidate(place, 1.0))
        return loc if exactly_one else [loc]


def admin_place_at(lat: float, lon: float, gazetteer: Gazetteer | None = None,
                   reverse_point=None) -> Place | None:
    """The Place of the admin-1 unit at a point (or of the country where no unit is linked)."""
    if reverse_point is None:
        from geo_events.boundaries import reverse as reverse_point
    gaz = gazetteer or get_gazetteer()
    hit = reverse_point(lat, lon)
    if not hit.found:
        return None
    place = gaz.get(f"adm1:{hit.admin1_code}") if hit.admin1_code else None
    if place is None:
        place = gaz.get(f"adm0:{hit.country_code}")
    if place is None:
        return None
    return replace(place, raw={**place.raw, "distance_km": hit.distance_km})


class _JsonCache:
    """A small persistent query -> result cache (one JSON file; thread-safe)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        try:
            self._data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self._data = {}

    def get(self, key: str) -> Any:
        return self._data.get(key)

    def __contains__(self, key: str) -> bool:
        return key in self._data

    def put(self, key: str, value: Any) -> None:
        with self._lock:
            self._data[key] = value
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps(self._data), encoding="utf-8")
            tmp.replace(self.path)


class FallbackGeocoder(Geocoder):
    """Embedded gazetteer first; an online geopy geocoder for what it does not know.

    ``online`` is any geopy geocoder instance (default: ``Nominatim`` with ``user_agent``).
    Calls to it go through ``RateLimiter(min_delay_seconds=...)`` and a JSON cache in
    ``cache_dir()/geocode-cache-<service>.json``. Results from the online service keep their
    provider's ``raw`` record, with ``"source": "<service>"`` added.
    """

    def __init__(self, online: Geocoder | None = None, *, user_agent: str = "geo_events",
                 min_delay_seconds: float = 1.0, embedded: EmbeddedGeocoder | None = None,
                 cache_path: Path | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if online is None:
            online = get_geocoder_for_service("nominatim")(user_agent=user_agent)
        self.online = online
        self.embedded = embedded or EmbeddedGeocoder()
        self._geocode = RateLimiter(online.geocode, min_delay_seconds=min_delay_seconds,
                                    max_retries=2, error_wait_seconds=2.0, swallow_exceptions=False)
        service = type(online).__name__.lower()
        self.cache = _JsonCache(cache_path or cache_dir() / f"geocode-cache-{service}.json")

    def geocode(self, query: str, *, exactly_one: bool = True, **kwargs: Any
                ) -> Location | list[Location] | None:
        found = self.embedded.geocode(query, exactly_one=exactly_one, **kwargs)
        if found:
            return found
        key = hashlib.sha1(f"{query}|{exactly_one}".encode()).hexdigest()
        if key in self.cache:
            rows = self.cache.get(key)
        else:
            result = self._geocode(query, exactly_one=False)
            rows = [{"address": r.address, "latitude": r.latitude, "longitude": r.longitude,
                     "raw": r.raw} for r in (result or [])]
            self.cache.put(key, rows)
        locs = [Location(r["address"], (r["latitude"], r["longitude"]),
                         {**(r["raw"] or {}), "source": type(self.online).__name__})
                for r in rows]
        if exactly_one:
            return locs[0] if locs else None
        return locs

    def reverse(self, query: Any, *, exactly_one: bool = True, **kwargs: Any):
        return self.embedded.reverse(query, exactly_one=exactly_one)


def get_geocoder(name: str = "embedded", **kwargs: Any) -> Geocoder:
    """A geocoder by name: ``embedded`` (offline), ``fallback`` (embedded + Nominatim), or any
    geopy service name (``nominatim``, ``photon``, ...; online, rate-limit it yourself)."""
    if name == "embedded":
        return EmbeddedGeocoder(**kwargs)
    if name == "fallback":
        return FallbackGeocoder(**kwargs)
    try:
        cls = get_geocoder_for_service(name)
    except Exception as exc:  # geopy raises GeocoderNotFound
        raise InputError(f"unknown geocoder {name!r}: use 'embedded', 'fallback' or a geopy "
                         "service name such as 'nominatim'") from exc
    return cls(**kwargs)
