"""Imports of existing event data sets (ACLED, UCDP GED) into the event store as Events.

Every input row becomes one Event (and one ``articles`` row whose id is the SHA-256 of the row's
canonical JSON, so importing the same file twice adds nothing, while a corrected row is added
anew). Nothing is dropped: a row without usable coordinates is stored with a NaN position (NULL
geometry) and reported as *unplaced*; a row without a readable date is stored undated and
reported.

Kinds
-----
ACLED ``sub_event_type`` -> kind is the inverse of the taxonomy's mapping in
:mod:`geo_events.events.kinds` where that inverse is one-to-one. Where several kinds share a
sub-event type the importer takes the one that says no more than ACLED does:
"Non-violent transfer of territory" -> ``transfer``, "Armed clash" -> ``clash``. Sub-event types
that only a *status* or *claim* kind maps to ("Other" <- ``held``, "Agreement" <-
``annexation_claim``) are not inverted, because an ACLED "Other" row does not report who holds a
place; those and the sub-event types the taxonomy lacks (protests, looting, arrests...) get the kind
``other``. UCDP GED rows are fatal events of organised violence: ``type_of_violence`` 1 and 2
(state-based, non-state) -> ``clash``, 3 (one-sided violence against civilians) -> ``other``.

Places
------
The row's coordinates and location name make a Place with id ``pt:<lat>,<lon>`` (4 decimals,
about 11 m), level ``populated_place`` (ACLED ``geo_precision`` 1, UCDP ``where_prec`` 1) or
``feature`` (anything else). When only the province is known (ACLED 3, UCDP 4) the coordinates
are a stand-in (usually the provincial capital): the place is named "<location> (approximate:
somewhere in <province>)", and it is deliberately *not* the admin-1 unit itself, because a
report about somewhere in a province says nothing about control of all of it. Country and admin-1
come from :func:`geo_events.boundaries.reverse_many` (de jure country). A populated place whose
name the gazetteer knows within :data:`LINK_KM` of the row's point takes the gazetteer's id
(``gn:<geonameid>``), so imported and extracted events of the same town share a timeline.
The whole input row is kept in ``place.raw["acled"]`` / ``place.raw["ucdp"]``.

Sides
-----
For control kinds the gaining party is ACLED ``actor1`` (``gain_actor``); with a conflict profile
(given, or the one shipped profile whose countries include the row's country) actor texts map to
side ids (``gain``/``loss``).

Dates
-----
ACLED ``event_date`` in either layout ("15 April 2022", "15/04/2022 00:00:00", ISO);
``time_precision`` 1 = day, 2 = week (``date_from``..``date_to`` = the date -3..+3 days),
3 = month (the calendar month). UCDP ``date_start``..``date_end`` (US month/day/year, with or
without a time); ``date_prec`` 1 day, 2-3 week, 4 month, 5 year.
"""

from __future__ import annotations

import calendar
import csv
import hashlib
import json
import math
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from geo_events.errors import DataFileError, InputError
from geo_events.gazetteer import admin1_display_name
from geo_events.geodesy import haversine_km
from geo_events.model import Article, Event, Place
from geo_events.progress import progress as bar
from geo_events.store import EventStore

FORMATS = ("acled", "ucdp")

#: A populated place links to a gazetteer place of the same name at most this far away (km).
LINK_KM = 10.0

#: Confidence of imported events: the rows were coded by people from the sources they cite.
IMPORTED_CONFIDENCE = 1.0

#: Where several kinds share one ACLED sub-event type, the one the importer uses (docstring).
_PREFERRED_KIND = {"Non-violent transfer of territory": "transfer", "Armed clash": "clash"}
OTHER_KIND = "other"

_ACLED_REQUIRED = ("event_date", "sub_event_type", "latitude", "longitude", "location")
_UCDP_REQUIRED = ("id", "date_start", "date_end", "latitude", "longitude", "type_of_violence")


@dataclass(frozen=True, slots=True)
class ImportedRow:
    """One input row as an Event, with the article row it is stored under.

    ``origin`` is ``file:line`` (1-based line of the CSV, header = 1). ``problems`` are
    ``(category, reason)`` pairs, category ``unplaced`` (no usable coordinates), ``no_admin``
    (coordinates in no country polygon) or ``undated``; empty when the row was fully placed.
    """

    origin: str
    event: Event
    article: Article
    external_id: str | None
    problems: tuple[tuple[str, str], ...] = ()


@dataclass(slots=True)
class ImportSummary:
    """What an import did: ``rows`` read, ``added`` (new events), ``skipped`` (already stored),
    ``unplaced`` / ``no_admin`` / ``undated``: (origin, reason) of rows kept without a position /
    outside every country polygon / without a date, ``linked``
    rows whose place took a gazetteer id, ``kinds`` rows per kind."""

    rows: int = 0
    added: int = 0
    skipped: int = 0
    unplaced: list[tuple[str, str]] = field(default_factory=list)
    no_admin: list[tuple[str, str]] = field(default_factory=list)
    undated: list[tuple[str, str]] = field(default_factory=list)
    linked: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    profile: str | None = None

    def lines(self) -> list[str]:
        out = [f"rows read:        {self.rows}",
               f"events added:     {self.added}",
               f"skipped (already stored): {self.skipped}",
               f"without a position (kept, not on maps): {len(self.unplaced)}",
               f"outside every country polygon (kept, on maps): {len(self.no_admin)}",
               f"without a date (kept): {len(self.undated)}",
               f"linked to gazetteer places: {self.linked}",
               f"conflict profile: {self.profile or 'none (gain side as actor text)'}",
               "kinds: " + ", ".join(f"{k} {n}" for k, n in self.kinds.most_common())]
        return out

    def problem_lines(self) -> list[str]:
        return ([f"unplaced: {o}: {r}" for o, r in self.unplaced]
                + [f"no admin unit: {o}: {r}" for o, r in self.no_admin]
                + [f"undated: {o}: {r}" for o, r in self.undated])


def import_file(store: EventStore | str | Path, path: str | Path, fmt: str, *,
                profile: str | None = None, link: bool = True,
                progress: bool = False) -> ImportSummary:
    """Import an ACLED or UCDP GED CSV export into ``store``; every row is kept (module doc).

    ``profile`` names a conflict profile for side ids (default: detected from the rows'
    country); ``link=False`` skips gazetteer linking; ``progress`` shows a bar over the rows
    (:mod:`geo_events.progress`).
    """
    rows, profile_id = read_rows(path, fmt, profile=profile, link=link)
    summary = ImportSummary(profile=profile_id)
    own = not isinstance(store, EventStore)
    db = store if isinstance(store, EventStore) else EventStore(store)
    try:
        known = db.article_ids()
        shown = bar(rows, desc="geo-events import", unit="row") if progress else rows
        for row in shown:
            summary.rows += 1
            summary.kinds[row.event.kind] += 1
            summary.linked += row.event.place.id.startswith("gn:")
            for category, reason in row.problems:
                getattr(summary, category).append((row.origin, reason))
            key = row.article.content_hash
            if key in known:
                summary.skipped += 1
                continue
            known.add(key)
            event = replace(row.event, profile=profile_id) if profile_id else row.event
            summary.added += db.add_document(row.article, [event], origin=row.origin,
                                             article_id=key)
        db.update_extent()
    finally:
        if own:
            db.close()
    return summary


def read_rows(path: str | Path, fmt: str, *, profile: str | None = None,
              link: bool = True) -> tuple[list[ImportedRow], str | None]:
    """Every row of an ACLED (either column layout) or UCDP GED CSV file as an ImportedRow,
    and the id of the conflict profile used for sides (None when none)."""
    if fmt not in FORMATS:
        raise InputError(f"import format {fmt!r} is unknown; use one of {', '.join(FORMATS)}")
    path = Path(path)
    records = _read_csv(path, _ACLED_REQUIRED if fmt == "acled" else _UCDP_REQUIRED, fmt)
    if not records:
        return [], None
    convert: Callable[..., ImportedRow] = _acled_row if fmt == "acled" else _ucdp_row
    lats = [_float(r.get("latitude")) for _, r in records]
    lons = [_float(r.get("longitude")) for _, r in records]
    hits = _reverse(lats, lons)
    prof = _profile(profile, [h.country_code if h else None for h in hits])
    linker = _Linker() if link else None
    rows = [convert(f"{path}:{line}", rec, lat, lon, hit, prof, linker)
            for (line, rec), lat, lon, hit in zip(records, lats, lons, hits, strict=True)]
    return rows, (prof.id if prof is not None else None)


# -- reading ------------------------------------------------------------------------------------

def _read_csv(path: Path, required: tuple[str, ...], fmt: str) -> list[tuple[int, dict[str, str]]]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataFileError(f"cannot read {path}: {exc.strerror or exc}") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # older UCDP downloads are cp1252
    reader = csv.DictReader(text.splitlines(keepends=True))
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise DataFileError(f"{path} is not a {fmt.upper()} export: no column(s) "
                            f"{', '.join(missing)}; use --format "
                            f"{'ucdp' if fmt == 'acled' else 'acled'} or check the file")
    out = []
    try:
        for rec in reader:
            out.append((reader.line_num, {k: (v or "").strip() for k, v in rec.items()
                                          if k is not None}))
    except csv.Error as exc:
        raise DataFileError(f"{path}:{reader.line_num}: malformed CSV: {exc}") from exc
    return out


def _float(value: str | None) -> float:
    try:
        x = float(value) if value not in (None, "") else math.nan
    except ValueError:
        return math.nan
    return x if math.isfinite(x) else math.nan


def _valid(lat: float, lon: float) -> bool:
    return not (math.isnan(lat) or math.isnan(lon)) and abs(lat) <= 90 and abs(lon) <= 180 \
        and not (lat == 0 and lon == 0)


def _reverse(lats: list[float], lons: list[float]) -> list[Any]:
    """AdminHit per row (None where the coordinates are unusable)."""
    from geo_events.boundaries import reverse_many

    ok = [i for i, (la, lo) in enumerate(zip(lats, lons, strict=True)) if _valid(la, lo)]
    hits: list[Any] = [None] * len(lats)
    if ok:
        for i, hit in zip(ok, reverse_many([lats[i] for i in ok], [lons[i] for i in ok]),
                          strict=True):
            hits[i] = hit
    return hits


def _profile(name: str | None, country_codes: list[str | None]) -> Any:
    """The conflict profile: the named one, else the one shipped profile whose countries
    include the most common country of the rows (None when not exactly one)."""
    from geo_events.events.profiles import list_profiles, load_profile

    if name:
        return load_profile(name)
    counts = Counter(c for c in country_codes if c)
    if not counts:
        return None
    top = counts.most_common(1)[0][0]
    matches = [p for p in (load_profile(n) for n in list_profiles()) if top in p.countries]
    return matches[0] if len(matches) == 1 else None


# -- places ---------------------------------------------------------------------------------------

class _Linker:
    """Finds the gazetteer place of a name near a point (see :data:`LINK_KM`)."""

    def __init__(self) -> None:
        from geo_events.gazetteer import get_gazetteer

        self._gaz = get_gazetteer()
        self._cache: dict[tuple[str, float, float], Place | None] = {}

    def find(self, name: str, lat: float, lon: float) -> Place | None:
        key = (name, round(lat, 4), round(lon, 4))
        if key not in self._cache:
            best = None
            for place in self._gaz.lookup(name):
                if place.level != "populated_place":
                    continue
                d = haversine_km(lat, lon, place.latitude, place.longitude)
                if d <= LINK_KM and (best is None or d < best[0]):
                    best = (d, place)
            self._cache[key] = best[1] if best else None
        return self._cache[key]


def _place(name: str, lat: float, lon: float, precision: str, hit: Any, raw_key: str,
           record: dict[str, str], linker: _Linker | None,
           fallback_cc: str | None) -> tuple[Place, list[tuple[str, str]]]:
    """The Place of a row and the placement problems (empty when placed)."""
    raw = {raw_key: record}
    name = name or "(unnamed location)"
    if not _valid(lat, lon):
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "unknown"
        return (Place(id=f"unplaced:{slug}", name=name, level="feature", latitude=math.nan,
                      longitude=math.nan, country_code=fallback_cc, raw=raw),
                [("unplaced", f"no usable coordinates (latitude {record.get('latitude')!r}, "
                  f"longitude {record.get('longitude')!r}); kept without a position")])
    cc = hit.country_code if hit is not None and hit.found else fallback_cc
    a1_code = hit.admin1_code if hit is not None else None
    a1_name = admin1_display_name(a1_code, hit.admin1_name if hit is not None else None)
    problems = [] if hit is not None and hit.found else [
        ("no_admin", f"({lat}, {lon}) falls in no country polygon (at sea or beyond the snap "
                     "tolerance); kept with its position")]
    if precision == "populated_place" and linker is not None:
        linked = linker.find(name, lat, lon)
        if linked is not None:
            return Place(**{**_place_fields(linked), "raw": {**linked.raw, **raw}}), problems
    if precision == "admin1":
        name = f"{name} (approximate: somewhere in {a1_name or 'the province'})"
    level = "populated_place" if precision == "populated_place" else "feature"
    return (Place(id=f"pt:{lat:.4f},{lon:.4f}", name=name, level=level, latitude=lat,
                  longitude=lon, country_code=cc, admin1_code=a1_code, admin1_name=a1_name,
                  country_name=hit.country_name if hit is not None else None, raw=raw),
            problems)


def _place_fields(p: Place) -> dict[str, Any]:
    return {k: getattr(p, k) for k in Place.__dataclass_fields__ if k != "raw"}


# -- ACLED ----------------------------------------------------------------------------------------

_ACLED_GEO = {"1": "populated_place", "2": "feature", "3": "admin1"}
_ACLED_TIME = {"1": "day", "2": "week", "3": "month"}


def kind_for_acled(sub_event_type: str) -> str:
    """Event kind of an ACLED sub-event type (see the module docstring)."""
    return _acled_kinds().get(sub_event_type.strip(), OTHER_KIND)


def _acled_kinds() -> dict[str, str]:
    from geo_events.events.kinds import KINDS

    by_sub: dict[str, list[str]] = {}
    for k in KINDS.values():
        if k.family in ("control", "activity"):
            by_sub.setdefault(k.acled_sub_event_type, []).append(k.name)
    out = {sub: names[0] for sub, names in by_sub.items() if len(names) == 1}
    out.update({sub: kind for sub, kind in _PREFERRED_KIND.items() if kind in KINDS})
    return out


def _acled_row(origin: str, rec: dict[str, str], lat: float, lon: float, hit: Any, prof: Any,
               linker: _Linker | None) -> ImportedRow:
    problems: list[tuple[str, str]] = []
    day = parse_acled_date(rec.get("event_date_iso") or rec.get("event_date", ""))
    if day is None:
        problems.append(("undated", f"date {rec.get('event_date')!r} unreadable; kept undated"))
    precision = _ACLED_TIME.get(rec.get("time_precision", ""), "day")
    date_from, date_to = _widen(day, precision)
    place, place_problems = _place(rec.get("location", ""), lat, lon,
                                   _ACLED_GEO.get(rec.get("geo_precision", ""), "feature"), hit,
                                   "acled", rec, linker, _cc_from_numeric(rec.get("iso")))
    kind = kind_for_acled(rec.get("sub_event_type", ""))
    actor1, actor2 = rec.get("actor1", ""), rec.get("actor2", "")
    return _row(origin, rec, "acled", rec.get("event_id_cnty") or None, kind, place, date_from,
                date_to, precision, actor1, actor2, rec.get("notes", ""),
                rec.get("source") or "ACLED", day, rec.get("sub_event_type") or None, prof,
                problems + place_problems)


def parse_acled_date(value: str) -> date | None:
    """ACLED dates: ``15 April 2022``, ``15/04/2022 00:00:00`` (day first), ``2022-04-15``."""
    value = value.strip()
    for fmt in ("%Y-%m-%d", "%d %B %Y", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y", "%d-%B-%Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def _cc_from_numeric(iso: str | None) -> str | None:
    """ISO alpha-2 of an ISO 3166 numeric code (ACLED's ``iso`` column)."""
    if not iso or not iso.strip().isdigit():
        return None
    from geo_events.exports import countries

    n = int(iso)
    return next((cc for cc, c in countries().items() if c.get("isonumeric") == n), None)


# -- UCDP -----------------------------------------------------------------------------------------

_UCDP_GEO = {"1": "populated_place", "4": "admin1"}
_UCDP_TIME = {"1": "day", "2": "week", "3": "week", "4": "month", "5": "year"}


def _ucdp_row(origin: str, rec: dict[str, str], lat: float, lon: float, hit: Any, prof: Any,
              linker: _Linker | None) -> ImportedRow:
    problems: list[tuple[str, str]] = []
    start = parse_ucdp_date(rec.get("date_start", ""))
    end = parse_ucdp_date(rec.get("date_end", "")) or start
    if start is None:
        problems.append(("undated", f"date {rec.get('date_start')!r} unreadable; kept undated"))
    precision = _UCDP_TIME.get(rec.get("date_prec", ""), "unknown")
    kind = "clash" if rec.get("type_of_violence") in ("1", "2") else OTHER_KIND
    name = rec.get("where_coordinates") or rec.get("adm_2") or rec.get("adm_1") or ""
    place, place_problems = _place(name, lat, lon, _UCDP_GEO.get(rec.get("where_prec", ""),
                                   "feature"), hit, "ucdp", rec, linker, None)
    text = rec.get("source_headline") or rec.get("where_description") or ""
    return _row(origin, rec, "ucdp", f"ucdp:{rec.get('id')}", kind, place, start, end,
                precision, rec.get("side_a", ""), rec.get("side_b", ""), text,
                rec.get("source_office") or "UCDP GED", start, None, prof,
                problems + place_problems)


def parse_ucdp_date(value: str) -> date | None:
    """UCDP dates: ``9/30/2022 12:00:00 AM``, ``09/01/2022 00:00`` (month first), ISO."""
    value = value.strip()
    head = value.split(" ")[0]
    for fmt in ("%Y-%m-%d", "%m/%d/%Y"):
        try:
            return datetime.strptime(head, fmt).date()
        except ValueError:
            continue
    return None


# -- shared ---------------------------------------------------------------------------------------

def _widen(day: date | None, precision: str) -> tuple[date | None, date | None]:
    if day is None:
        return None, None
    if precision == "week":
        return day - timedelta(days=3), day + timedelta(days=3)
    if precision == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=1), day.replace(day=last)
    return day, day


def _row(origin: str, rec: dict[str, str], fmt: str, external_id: str | None, kind: str,
         place: Place, date_from: date | None, date_to: date | None, precision: str,
         actor1: str, actor2: str, text: str, source: str, published: date | None,
         trigger: str | None, prof: Any, problems: list[tuple[str, str]]) -> ImportedRow:
    from geo_events.model import CONTROL_KINDS

    canonical = json.dumps({"format": fmt, "row": rec}, sort_keys=True, ensure_ascii=False)
    article = Article(text=canonical, published=published, source=source, id=external_id)
    gain = loss = gain_actor = None
    if kind in CONTROL_KINDS:
        if prof is not None:
            gain = prof.side_of(actor1) if actor1 else None
            loss = prof.side_of(actor2) if actor2 else None
            if loss is None and gain is not None:
                loss = prof.opponent(gain)
        # the actor text stands in for the gaining party only when no side matched (model.Event)
        gain_actor = (actor1 or None) if gain is None else None
    event = Event(
        kind=kind, place=place, date_from=date_from, date_to=date_to, date_precision=precision,
        gain=gain, loss=loss, gain_actor=gain_actor,
        actors=tuple(a for a in (actor1, actor2) if a), status="reported",
        confidence=IMPORTED_CONFIDENCE, sentence=text, start=0, end=len(text), source=source,
        article_id=hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest(),
        published=published, trigger=trigger)
    return ImportedRow(origin, event, article, external_id, tuple(problems))

