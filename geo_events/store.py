"""The event store: an append-only, deduplicated, crash-safe GeoPackage (SQLite) file.

The file is a real OGC GeoPackage 1.3 (``gpkg_spatial_ref_sys``, ``gpkg_contents``,
``gpkg_geometry_columns``, geometry blobs in GeoPackage binary format with an envelope), so QGIS and
``ogrinfo STORE.gpkg`` open it directly. It is written with the standard ``sqlite3`` module.

Tables
------
``events`` (feature table, point geometry ``geom`` in EPSG:4326)
    ``fid``, ``event_id`` (:attr:`Event.id`, unique), ``article_id``, ``kind``, ``date_from``,
    ``date_to`` (ISO ``YYYY-MM-DD``), ``date_precision``, ``gain``, ``loss``, ``gain_actor``,
    ``actors`` (JSON list), ``status``, ``confidence`` (0..1), ``sentence``, ``evidence_start``,
    ``evidence_end`` (:attr:`Event.start` / :attr:`Event.end`, character offsets), ``source``,
    ``published``, ``trigger``, ``mention_start``, ``mention_end``, ``control_change`` (0/1), the
    place as columns ``place_id``, ``place_name``, ``place_level``, ``latitude``, ``longitude``
    (degrees), ``country_code``, ``admin1_code``, ``admin1_name``, ``geonameid``, the whole
    place as ``place_json`` (:meth:`Place.to_dict`), ``profile`` and ``provenance`` (JSON list
    of the rule ids behind the event, :attr:`Event.provenance`). A place without coordinates
    (NaN) has a NULL geometry.
``articles`` (attribute table)
    ``id`` (SHA-256 content hash of the text; the key that makes reruns add nothing), ``origin``
    (file or ``file:line``, or ``acled:<event_id_cnty>`` for imports), ``external_id`` (an id the
    input gave), ``source``, ``published``, ``url``, ``title``, ``n_chars``, ``n_events``,
    ``processed_at`` (UTC ISO timestamp).
``failures`` (attribute table)
    ``origin`` (file or ``file:line``), ``path`` (the file), ``line`` (1-based line of a
    ``.jsonl`` / ``.csv`` file, else NULL), ``reason``, ``recorded_at`` (UTC ISO timestamp).
    Failed documents get no article row, so a rerun tries them again.

Crash safety: the database runs in WAL mode; :meth:`EventStore.add_document` writes the article
row and all its events in one transaction, so a process killed at any moment (even SIGKILL) leaves
either the whole document or none of it. Only one process should write at a time; readers may
open the file concurrently (busy timeout 30 s).
"""

from __future__ import annotations

import contextlib
import json
import math
import sqlite3
import struct
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import shapely

from geo_events.corrections import (
    ACTIONS,
    ADD_KEYS,
    SETTABLE,
    Correction,
    added_event,
    apply_corrections,
    now_utc,
    parse_settings,
    resolve_changes,
)
from geo_events.errors import InputError, StoreError
from geo_events.model import Article, Event, Place

#: GeoPackage application id ("GPKG") and version 1.3.0 in the SQLite header (1.3, not 1.4,
#: because GDAL 3.6 warns that 1.4 "may only be partially supported"; we use nothing 1.4 added).
_APPLICATION_ID = 0x47504B47
_USER_VERSION = 10300
SRS_ID = 4326
BUSY_TIMEOUT_MS = 30_000

_WGS84_WKT = (
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,'
    'AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,'
    'AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],'
    'AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]'
)

_EVENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_id", "TEXT NOT NULL UNIQUE"),
    ("article_id", "TEXT"),
    ("kind", "TEXT NOT NULL"),
    ("date_from", "DATE"),
    ("date_to", "DATE"),
    ("date_precision", "TEXT"),
    ("gain", "TEXT"),
    ("loss", "TEXT"),
    ("gain_actor", "TEXT"),
    ("actors", "TEXT"),
    ("status", "TEXT"),
    ("confidence", "REAL"),
    ("sentence", "TEXT"),
    ("evidence_start", "INTEGER"),
    ("evidence_end", "INTEGER"),
    ("source", "TEXT"),
    ("published", "DATE"),
    ("trigger", "TEXT"),
    ("mention_start", "INTEGER"),
    ("mention_end", "INTEGER"),
    ("control_change", "BOOLEAN"),
    ("place_id", "TEXT"),
    ("place_name", "TEXT"),
    ("place_level", "TEXT"),
    ("latitude", "REAL"),
    ("longitude", "REAL"),
    ("country_code", "TEXT"),
    ("admin1_code", "TEXT"),
    ("admin1_name", "TEXT"),
    ("geonameid", "INTEGER"),
    ("place_json", "TEXT"),
    ("profile", "TEXT"),
    ("place_text", "TEXT"),
    ("provenance", "TEXT"),
)
EVENT_COLUMNS: tuple[str, ...] = tuple(name for name, _ in _EVENT_COLUMNS)

_ARTICLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "TEXT NOT NULL UNIQUE"),
    ("origin", "TEXT"),
    ("external_id", "TEXT"),
    ("source", "TEXT"),
    ("published", "DATE"),
    ("url", "TEXT"),
    ("title", "TEXT"),
    ("n_chars", "INTEGER"),
    ("n_events", "INTEGER"),
    ("processed_at", "DATETIME"),
)

_FAILURE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("origin", "TEXT NOT NULL"),
    ("path", "TEXT"),
    ("line", "INTEGER"),
    ("reason", "TEXT NOT NULL"),
    ("recorded_at", "DATETIME"),
)

_CORRECTION_COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_id", "TEXT NOT NULL"),
    ("action", "TEXT NOT NULL"),
    ("changes", "TEXT"),
    ("note", "TEXT"),
    ("corrected_at", "DATETIME NOT NULL"),
)
CORRECTION_COLUMNS: tuple[str, ...] = tuple(name for name, _ in _CORRECTION_COLUMNS)


@dataclass(frozen=True, slots=True)
class StoredFailure:
    """A row of the ``failures`` table."""

    origin: str
    reason: str
    recorded_at: str


def gpkg_point(lon: float, lat: float) -> bytes | None:
    """GeoPackage binary geometry of a point: header, XY envelope, little-endian WKB.

    Returns None when a coordinate is missing (NaN or None): the row gets a NULL geometry.
    """
    if lon is None or lat is None or math.isnan(lon) or math.isnan(lat):
        return None
    # flags 0b00000011: standard GeoPackage binary, not empty, envelope [minx,maxx,miny,maxy],
    # little-endian header values.
    header = b"GP" + bytes([0, 0b00000011]) + struct.pack("<i4d", SRS_ID, lon, lon, lat, lat)
    return header + shapely.to_wkb(shapely.Point(lon, lat), byte_order=1)


def _now() -> str:
    """UTC now in the GeoPackage DATETIME form ``YYYY-MM-DDTHH:MM:SS.SSSZ``."""
    return now_utc()


class EventStore:
    """An open event store (see the module docstring for the schema).

    ``EventStore(path)`` creates the file when it does not exist. Use it as a context manager or
    call :meth:`close`. Not thread-safe: one instance per thread.
    """

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.path = Path(path)
        if not create and not self.path.exists():
            raise StoreError(f"no event store at {self.path}; create one with "
                             "`geo-events run ... --store PATH` or `geo-events import`")
        if self.path.exists() and self.path.is_dir():
            raise StoreError(f"{self.path} is a folder; give a file name such as events.gpkg")
        if not self.path.exists() and not self.path.parent.is_dir():
            raise StoreError(f"cannot create event store {self.path}: folder "
                             f"{self.path.parent} does not exist; create it first")
        try:
            self._db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000,
                                       isolation_level=None)
            self._db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if self._db.execute("PRAGMA application_id").fetchone()[0] == 0 and not \
                    self._db.execute("SELECT 1 FROM sqlite_master").fetchone():
                # Before WAL mode, so the header lands in the file itself: GDAL reads these
                # bytes directly, not through SQLite (which would see them in the WAL).
                self._db.execute(f"PRAGMA application_id = {_APPLICATION_ID}")
                self._db.execute(f"PRAGMA user_version = {_USER_VERSION}")
            self._db.execute("PRAGMA journal_mode = WAL")
            # NORMAL is durable against a killed process in WAL mode (only an OS crash / power
            # loss can drop the last transactions, never corrupt the file).
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._ensure_schema()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open event store {self.path}: {exc}; is it a GeoPackage "
                             "written by geo-events?") from exc

    # -- schema --------------------------------------------------------------------------------

    def _ensure_schema(self) -> None:
        db = self._db
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "events" in tables:
            if not {"articles", "failures", "gpkg_contents"} <= tables:
                raise StoreError(f"{self.path} has an 'events' table but is not a geo-events "
                                 "store; choose another --store path")
            self._upgrade_schema(tables)
            return
        if tables - {"gpkg_spatial_ref_sys", "gpkg_contents", "gpkg_geometry_columns",
                     "gpkg_ogr_contents", "gpkg_extensions"}:
            raise StoreError(f"{self.path} already holds other tables; choose a new --store path")
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute("""CREATE TABLE IF NOT EXISTS gpkg_spatial_ref_sys (
                srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
                organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL,
                description TEXT)""")
            db.executemany(
                "INSERT OR IGNORE INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)",
                [("Undefined cartesian SRS", -1, "NONE", -1, "undefined",
                  "undefined cartesian coordinate reference system"),
                 ("Undefined geographic SRS", 0, "NONE", 0, "undefined",
                  "undefined geographic coordinate reference system"),
                 ("WGS 84 geodetic", SRS_ID, "EPSG", 4326, _WGS84_WKT,
                  "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid")])
            db.execute("""CREATE TABLE IF NOT EXISTS gpkg_contents (
                table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
                identifier TEXT UNIQUE, description TEXT DEFAULT '',
                last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
                min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
                CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id)
                    REFERENCES gpkg_spatial_ref_sys(srs_id))""")
            db.execute("""CREATE TABLE IF NOT EXISTS gpkg_geometry_columns (
                table_name TEXT NOT NULL, column_name TEXT NOT NULL,
                geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL,
                z TINYINT NOT NULL, m TINYINT NOT NULL,
                CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
                CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
                CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id)
                    REFERENCES gpkg_spatial_ref_sys (srs_id))""")
            cols = ", ".join(f'"{n}" {t}' for n, t in _EVENT_COLUMNS)
            db.execute("CREATE TABLE events (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "
                       f"geom POINT, {cols})")
            db.execute("CREATE INDEX events_article ON events(article_id)")
            db.execute("CREATE INDEX events_place ON events(place_id)")
            cols = ", ".join(f'"{n}" {t}' for n, t in _ARTICLE_COLUMNS)
            db.execute("CREATE TABLE articles (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "
                       f"{cols})")
            cols = ", ".join(f'"{n}" {t}' for n, t in _FAILURE_COLUMNS)
            db.execute("CREATE TABLE failures (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "
                       f"{cols})")
            self._create_corrections(db)
            db.executemany(
                "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, "
                "srs_id) VALUES (?, ?, ?, ?, ?)",
                [("events", "features", "events", "events extracted or imported by geo-events",
                  SRS_ID),
                 ("articles", "attributes", "articles", "documents processed (content hash key)",
                  None),
                 ("failures", "attributes", "failures", "inputs that could not be processed",
                  None)])
            db.execute("INSERT INTO gpkg_geometry_columns VALUES ('events', 'geom', 'POINT', "
                       f"{SRS_ID}, 0, 0)")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    @staticmethod
    def _create_corrections(db: sqlite3.Connection) -> None:
        cols = ", ".join(f'"{n}" {t}' for n, t in _CORRECTION_COLUMNS)
        db.execute("CREATE TABLE corrections (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "
                   f"{cols})")
        db.execute("CREATE INDEX corrections_event ON corrections(event_id)")
        db.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, description) "
                   "VALUES ('corrections', 'attributes', 'corrections', "
                   "'corrections of events made by people (reject, set, add)')")

    def _upgrade_schema(self, tables: set[str]) -> None:
        """Add what later versions added to a store written by an earlier one: the events'
        ``profile``, ``place_text`` and ``provenance``
        columns and the ``corrections`` table."""
        db = self._db
        columns = {r[1] for r in db.execute("PRAGMA table_info(events)")}
        if {"profile", "place_text", "provenance"} <= columns and "corrections" in tables:
            return
        with self._write():
            for name in ("profile", "place_text", "provenance"):
                if name not in columns:
                    db.execute(f'ALTER TABLE events ADD COLUMN "{name}" TEXT')
            if "corrections" not in tables:
                self._create_corrections(db)

    # -- writing -------------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        """True when a document with this content hash is stored."""
        row = self._db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def article_ids(self) -> set[str]:
        """Content hashes of every stored document."""
        return {r[0] for r in self._db.execute("SELECT id FROM articles")}

    def add_document(self, article: Article, events: Iterable[Event], *, origin: str | None = None,
                     title: str | None = None, article_id: str | None = None) -> int:
        """Store a document and its events in one transaction; return the events added.

        ``article_id`` defaults to the content hash of ``article.text``. A document already
        stored adds nothing (returns 0); an event whose id is already stored is skipped.
        """
        key = article_id or article.content_hash
        events = list(events)
        with self._write() as db:
            if db.execute("SELECT 1 FROM articles WHERE id = ?", (key,)).fetchone():
                db.execute("ROLLBACK")
                return 0
            added = 0
            for ev in events:
                cur = db.execute(self._insert_event_sql, _event_row(ev, article.text))
                added += cur.rowcount
            db.execute(
                "INSERT INTO articles (id, origin, external_id, source, published, url, title, "
                "n_chars, n_events, processed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (key, origin, article.id, article.source, _iso(article.published),
                 article.url, title, len(article.text), len(events), _now()))
            return added

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed when the block ends (unless it rolled back),
        rolled back on any exception; SQLite errors become :class:`StoreError` naming the
        store."""
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
                if db.in_transaction:
                    db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write to event store {self.path}: {exc}") from exc

    _insert_event_sql = (
        "INSERT OR IGNORE INTO events (geom, "
        + ", ".join(f'"{c}"' for c in EVENT_COLUMNS)
        + ") VALUES (?, " + ", ".join("?" for _ in EVENT_COLUMNS) + ")"
    )

    def add_failure(self, origin: str, reason: str) -> None:
        """Record an input that could not be processed."""
        try:
            path, sep, line = origin.rpartition(":")
            if not (sep and line.isdigit()):
                path, line = origin, ""
            self._db.execute(
                "INSERT INTO failures (origin, path, line, reason, recorded_at) "
                "VALUES (?, ?, ?, ?, ?)", (origin, path, int(line) if line else None, reason,
                                           _now()))
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write to event store {self.path}: {exc}") from exc

    def relocate(self, moves: Iterable[tuple[str, Event]]) -> int:
        """Store new places for events already stored, as (stored event id, event with its new
        place) pairs, in one transaction; return the rows changed. The event's id changes with
        its place's (a gazetteer village moved to a codifier village is no longer ``gn:``).
        Used when the rest of a corpus settles a namesake village (:func:`settle_namesakes`);
        a move whose new id is stored already is skipped."""
        # the place changes, not the article's spelling of it (place_text stays)
        moved = [i for i, c in enumerate(EVENT_COLUMNS) if c != "place_text"]
        sets = ", ".join(f"{EVENT_COLUMNS[i]} = ?" for i in moved)
        changed = 0
        with self._write() as db:
            for old_id, ev in moves:
                row = _event_row(ev)
                try:
                    cur = db.execute(f"UPDATE events SET geom = ?, {sets} WHERE event_id = ?",
                                     (row[0], *(row[i + 1] for i in moved), old_id))
                except sqlite3.IntegrityError:
                    continue  # that event is stored already
                if cur.rowcount and ev.id != old_id:  # corrections follow their event
                    db.execute("UPDATE corrections SET event_id = ? WHERE event_id = ?",
                               (ev.id, old_id))
                changed += cur.rowcount
        return changed

    def update_extent(self) -> None:
        """Refresh the bounding box and last-change time of the ``events`` layer in
        ``gpkg_contents`` (QGIS uses it to zoom to the layer). Call at the end of a run."""
        self._db.execute(
            "UPDATE gpkg_contents SET min_x = (SELECT min(longitude) FROM events), "
            "max_x = (SELECT max(longitude) FROM events), "
            "min_y = (SELECT min(latitude) FROM events), "
            "max_y = (SELECT max(latitude) FROM events), "
            "last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name = 'events'")

    # -- reading -------------------------------------------------------------------------------

    def count_events(self) -> int:
        return self._db.execute("SELECT count(*) FROM events").fetchone()[0]

    def count_articles(self) -> int:
        return self._db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def event_ids(self) -> set[str]:
        """Ids of every stored event."""
        return {r[0] for r in self._db.execute("SELECT event_id FROM events")}

    def iter_events(self, as_of: date | None = None, *,
                    corrected: bool = True) -> Iterator[Event]:
        """Stored events in insertion order, then the events added by hand; with ``as_of``,
        only those dated on or before it (see :func:`event_date_sql`). ``corrected`` (the
        default, and what every output uses) applies the ``corrections`` table: rejected
        events are left out, changed ones come changed (:func:`apply_corrections`)."""
        for _, event in self._corrected(as_of, corrected):
            yield event

    def event_rows(self, as_of: date | None = None, *,
                   corrected: bool = True) -> list[dict[str, Any]]:
        """The events of :meth:`iter_events` as dicts of the ``events`` columns (without
        ``geom``). Dates are ISO strings."""
        return [row for row, _ in self._corrected(as_of, corrected)]

    def _corrected(self, as_of: date | None,
                   corrected: bool) -> list[tuple[dict[str, Any], Event]]:
        """(row, event) pairs of every stored event with the corrections applied: the single
        place where corrections reach the timeline, the maps and the exports."""
        corrections = self.corrections() if corrected else []
        if not corrections:
            rows = self._rows() if as_of is None else self._rows(f"{event_date_sql()} <= ?",
                                                                 (as_of.isoformat(),))
            return [(r, _row_event(r)) for r in rows]
        rows = self._rows()
        stored = [_row_event(r) for r in rows]
        row_of = {id(e): r for e, r in zip(stored, rows, strict=True)}
        out = []
        for event in apply_corrections(stored, corrections):
            if as_of is not None and ((day := event.date_from or event.published) is None
                                      or day > as_of):
                continue
            row = row_of.get(id(event))
            if row is None:  # changed or added: its row from the corrected event
                row = dict(zip(EVENT_COLUMNS, _event_row(event)[1:], strict=True))
            out.append((row, event))
        return out

    # -- corrections ---------------------------------------------------------------------------

    def corrections(self, event_id: str | None = None) -> list[Correction]:
        """Rows of the ``corrections`` table in the order they were made (of one event when
        ``event_id`` is given)."""
        sql = ("SELECT event_id, action, changes, note, corrected_at FROM corrections"
               + (" WHERE event_id = ?" if event_id else "") + " ORDER BY fid")
        return [Correction(eid, action, json.loads(changes or "{}"), note or "", at)
                for eid, action, changes, note, at in
                self._db.execute(sql, (event_id,) if event_id else ())]

    def add_corrections(self, corrections: Iterable[Correction]) -> int:
        """Store corrections (already validated) in one transaction; return how many."""
        rows = [(c.event_id, c.action, json.dumps(c.changes, ensure_ascii=False, default=str),
                 c.note, c.corrected_at) for c in corrections]
        with self._write() as db:
            db.executemany("INSERT INTO corrections (event_id, action, changes, note, "
                           "corrected_at) VALUES (?, ?, ?, ?, ?)", rows)
        return len(rows)

    def make_correction(self, event_id: str | None, action: str,
                        settings: Iterable[str] | dict[str, str] = (),
                        note: str = "",
                        current: dict[str, Event] | None = None) -> Correction:
        """A validated :class:`Correction` of ``event_id`` (None for ``add``), not yet stored.

        ``settings``: ``KEY=VALUE`` strings or a dict (see :mod:`geo_events.corrections`).
        ``current``: :meth:`current_events`, when many corrections are made at once.
        Raises :class:`InputError` for an unknown event id, action or setting.
        """
        if action not in ACTIONS:
            raise InputError(f"correction {action!r} is unknown; use one of {', '.join(ACTIONS)}")
        items = ([f"{k}={v}" for k, v in settings.items()] if isinstance(settings, dict)
                 else settings)
        given = parse_settings(items, allowed=ADD_KEYS if action == "add" else SETTABLE)
        if action in ("set", "add") and not given:
            raise InputError(f"{action} needs at least one KEY=VALUE setting")
        if action not in ("set", "add") and given:
            raise InputError(f"{action} takes no settings (got {', '.join(given)})")
        at = now_utc()
        if action == "add":
            changes = resolve_changes(given, event=None, find_place=self.find_place)
            event = added_event(changes, note, at)
            return Correction(event.id, "add", changes, note, at)
        if not event_id:
            raise InputError("give the id of the event to correct (the event_id column of "
                             "`geo-events export --format review`)")
        current = self.current_events() if current is None else current
        if event_id not in current:
            raise InputError(f"no event {event_id!r} in {self.path}; list the ids with "
                             "`geo-events export --store STORE --format review -o review.csv`")
        event = current[event_id]
        changes = (resolve_changes(given, event=event, find_place=self.find_place)
                   if action == "set" else {})
        return Correction(event.id, action, changes, note, at)

    def correct(self, event_id: str | None, *, reject: bool = False, restore: bool = False,
                accept: bool = False, settings: Iterable[str] | dict[str, str] = (),
                add: bool = False, note: str = "") -> Correction:
        """Record one correction and return it: ``reject=True``, ``restore=True``,
        ``accept=True``, ``settings=["gain=UA", "place=gn:712926"]`` (or a dict), or
        ``add=True`` with ``settings`` giving the new event's fields (``event_id`` None). See
        :mod:`geo_events.corrections`."""
        actions = [a for a, on in (("reject", reject), ("restore", restore), ("accept", accept),
                                   ("add", add)) if on]
        settings = settings if isinstance(settings, dict) else list(settings)
        if not actions and settings:
            actions = ["set"]
        if len(actions) != 1:
            raise InputError("give exactly one of reject, restore, accept, add or settings")
        correction = self.make_correction(event_id, actions[0], settings, note)
        self.add_corrections([correction])
        return correction

    def current_events(self) -> dict[str, Event]:
        """Every event by id as corrected so far, rejected ones included (they can still be
        corrected or restored)."""
        return {e.id: e for e in apply_corrections(
            self.iter_events(corrected=False),
            [c for c in self.corrections() if c.action in ("add", "set")])}

    def place_spellings(self) -> dict[str, set[str]]:
        """Every place id with the names it is stored under: the gazetteer's ``place_name`` and
        each article's own spelling (``place_text``), e.g. ``{"gn:703656": {"Kupyansk",
        "Kupiansk"}}``."""
        out: dict[str, set[str]] = {}
        for pid, name, text in self._db.execute(
                "SELECT DISTINCT place_id, place_name, place_text FROM events"):
            out.setdefault(pid, set()).update(x for x in (name, text) if x)
        return out

    def find_place(self, place_id: str) -> Place | None:
        """The place with this id: from the gazetteer (``gn:712926``, ``adm1:UA.14``, a bare
        GeoNames id), else from an event already stored (an ``unresolved:`` or ``site:``
        place); None when neither knows it."""
        from geo_events.gazetteer import get_gazetteer

        place = get_gazetteer().get(place_id)
        if place is not None:
            return place
        row = self._db.execute("SELECT place_json, latitude, longitude FROM events WHERE "
                               "place_id = ? LIMIT 1", (place_id,)).fetchone()
        if row is None:
            return None
        d = json.loads(row[0])
        d["latitude"] = row[1] if row[1] is not None else math.nan
        d["longitude"] = row[2] if row[2] is not None else math.nan
        return Place.from_dict(d)

    def _rows(self, where: str = "", params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        sql = f"SELECT {', '.join(_q(c) for c in EVENT_COLUMNS)} FROM events"
        cur = self._db.execute(sql + (f" WHERE {where}" if where else "") + " ORDER BY fid",
                               params)
        return [dict(zip(EVENT_COLUMNS, row, strict=True)) for row in cur]

    def events(self, as_of: date | None = None) -> list[Event]:
        """Stored events as a list (see :meth:`iter_events`)."""
        return list(self.iter_events(as_of))

    def events_with_namesakes(self) -> list[Event]:
        """Stored events whose place still holds namesake villages (``location.namesakes``,
        see :func:`~geo_events.events.settle_namesakes`), in insertion order."""
        return [e for e in (_row_event(r) for r in self._rows("place_json LIKE ?",
                                                              ('%"namesakes"%',)))
                if e.place.namesakes]

    def events_between(self, first: date, last: date) -> list[Event]:
        """Stored events whose date range meets ``first``..``last`` (both included), in
        insertion order; undated events are left out."""
        return [_row_event(r) for r in self._rows(
            "date_from IS NOT NULL AND date_from <= ? AND date_to >= ?",
            (last.isoformat(), first.isoformat()))]

    def failures(self) -> list[StoredFailure]:
        return [StoredFailure(*r) for r in
                self._db.execute("SELECT origin, reason, recorded_at FROM failures ORDER BY fid")]

    def articles(self) -> list[dict[str, Any]]:
        """The ``articles`` table as dicts keyed by column name, in insertion order."""
        cols = ", ".join(_q(n) for n, _ in _ARTICLE_COLUMNS)
        cur = self._db.execute(f"SELECT {cols} FROM articles ORDER BY fid")
        names = [n for n, _ in _ARTICLE_COLUMNS]
        return [dict(zip(names, r, strict=True)) for r in cur]

    def close(self) -> None:
        """Checkpoint the write-ahead log into the file and close it."""
        # Another reader may hold the WAL: then a later close checkpoints it.
        with contextlib.suppress(sqlite3.Error):
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._db.close()

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def event_date_sql() -> str:
    """SQL for an event's date used by ``as_of`` filters: ``date_from``, else ``published``.

    An event with neither is never "as of" any date.
    """
    return "COALESCE(date_from, published)"


def _q(name: str) -> str:
    return f'"{name}"'


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def place_text(ev: Event, text: str | None) -> str | None:
    """The place as the article spells it (``text[mention_start:mention_end]``), or None."""
    if text is None or ev.mention_start is None or ev.mention_end is None:
        return None
    if not 0 <= ev.mention_start < ev.mention_end <= len(text):
        return None
    return text[ev.mention_start:ev.mention_end] or None


def _event_row(ev: Event, text: str | None = None) -> tuple[Any, ...]:
    """The ``events`` row of ``ev`` (geometry first); ``text`` is its article's, for
    ``place_text``."""
    p = ev.place
    values = {
        "event_id": ev.id, "article_id": ev.article_id, "kind": ev.kind,
        "date_from": _iso(ev.date_from), "date_to": _iso(ev.date_to),
        "date_precision": ev.date_precision, "gain": ev.gain, "loss": ev.loss,
        "gain_actor": ev.gain_actor, "actors": json.dumps(list(ev.actors), ensure_ascii=False),
        "status": ev.status, "confidence": ev.confidence, "sentence": ev.sentence,
        "evidence_start": ev.start, "evidence_end": ev.end, "source": ev.source,
        "published": _iso(ev.published), "trigger": ev.trigger,
        "mention_start": ev.mention_start, "mention_end": ev.mention_end,
        "control_change": int(ev.is_control_change),
        "place_id": p.id, "place_name": p.name, "place_level": p.level,
        "latitude": _finite(p.latitude), "longitude": _finite(p.longitude),
        "country_code": p.country_code, "admin1_code": p.admin1_code,
        "admin1_name": p.admin1_name, "geonameid": p.geonameid,
        "place_json": json.dumps(p.to_dict(raw=True), ensure_ascii=False, default=str),
        "profile": ev.profile, "place_text": place_text(ev, text),
        "provenance": json.dumps(list(ev.provenance)),
    }
    return (gpkg_point(p.longitude, p.latitude), *(values[c] for c in EVENT_COLUMNS))


def _finite(x: float | None) -> float | None:
    return None if x is None or math.isnan(x) else x


def _row_event(row: dict[str, Any]) -> Event:
    place_d = json.loads(row["place_json"])
    for k in ("latitude", "longitude"):  # to_dict rounds to 6 decimals; keep what was stored
        place_d[k] = row[k] if row[k] is not None else math.nan
    place = Place.from_dict(place_d)

    def day(v: str | None) -> date | None:
        return date.fromisoformat(v) if v else None

    event = Event(
        kind=row["kind"], place=place, date_from=day(row["date_from"]),
        date_to=day(row["date_to"]), date_precision=row["date_precision"],
        gain=row["gain"], loss=row["loss"], gain_actor=row["gain_actor"],
        actors=tuple(json.loads(row["actors"] or "[]")), status=row["status"],
        confidence=row["confidence"], sentence=row["sentence"] or "",
        start=row["evidence_start"], end=row["evidence_end"], source=row["source"],
        article_id=row["article_id"], published=day(row["published"]), trigger=row["trigger"],
        mention_start=row["mention_start"], mention_end=row["mention_end"],
        profile=row.get("profile"),
        provenance=tuple(json.loads(row.get("provenance") or "[]")),
    )
    # the stored id is the event's key (corrections, exports): keep it should the fields
    # hash to another one (a store written by a version that hashed differently)
    return event if event.id == row["event_id"] else replace(event, fixed_id=row["event_id"])
