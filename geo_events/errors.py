"""One exception tree for geo_events.

Every class also subclasses the builtin a caller would naturally catch (``ValueError``,
``FileNotFoundError``, ...), so ``except ValueError`` keeps working. Messages name the bad value
and say how to fix it. Raise them ``from`` the underlying cause.
"""

from __future__ import annotations


class GeoEventsError(Exception):
    """Base class of every error geo_events raises on purpose."""


class InputError(GeoEventsError, ValueError):
    """A user-supplied value (argument, coordinate, date, option) is malformed."""


class DataFileError(GeoEventsError, OSError):
    """A file cannot be read or does not contain what it should (names the file and the reason)."""


class LanguagePackError(DataFileError):
    """A language has no language pack (``geo_events/data/lang/<lang>.json``): names the
    language, the packs there are and what to add (``docs/languages.md``)."""


class BoundaryFileError(DataFileError):
    """A boundary file is not a usable vector layer (wrong CRS, no name column, invalid, ...)."""


class GazetteerError(GeoEventsError, RuntimeError):
    """The embedded gazetteer or its cache is missing or corrupt (says how to rebuild it)."""


class ProfileError(GeoEventsError, ValueError):
    """A conflict profile is unknown or malformed."""


class ProfileFileError(ProfileError, DataFileError):
    """A conflict profile file does not fit its schema (an unknown key: names the file and the
    key); both a :class:`ProfileError` and a :class:`DataFileError`."""


class StoreError(GeoEventsError, RuntimeError):
    """The event store cannot be opened or written."""


class DownloadError(GeoEventsError, ConnectionError):
    """An optional download failed or its content did not match the expected hash."""


class AssetError(GeoEventsError, FileNotFoundError):
    """Offline map assets (Leaflet and plugins) are not installed; says how to fetch them."""
