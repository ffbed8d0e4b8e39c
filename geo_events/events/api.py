"""Public entry points of event extraction: text -> events -> GeoDataFrame.

``profile`` everywhere accepts a :class:`~geo_events.events.profiles.Profile`, a shipped profile
name ("russia-ukraine"), a profile file path, ``None`` (detect the profile from the text: the one
whose names and countries dominate, see :func:`~geo_events.events.profiles.detect_profile`) or
``"none"`` (no profile: events carry ``gain_actor`` text instead of side ids).

The language a text is read in (its spaCy pipeline and language pack, :mod:`geo_events.language`)
is ``language`` when given, else the ``language`` of the given profile, else English
(:func:`pipeline_language`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal, overload

import geopandas as gpd
from shapely.geometry import Point

from geo_events.events.dates import parse_iso_date
from geo_events.events.explain import Explained
from geo_events.events.extract import explain_from_parsed, extract_from_parsed
from geo_events.events.kinds import acled_type
from geo_events.events.profiles import (
    Profile,
    detect_profile,
    profiles_named,
    resolve_profile,
)
from geo_events.language import using_language
from geo_events.model import Event, Mention

if TYPE_CHECKING:  # the geoparser and the gazetteer load on first use
    from geo_events.gazetteer import Gazetteer
    from geo_events.geoparse import ParsedText

NO_PROFILE = "none"

#: Columns of :func:`events_to_geodataframe` (besides ``geometry``).
EVENT_COLUMNS = ["event_id", "kind", "acled_event_type", "acled_sub_event_type", "place_id",
                 "place_name", "geonameid", "level", "country_code", "admin1_code", "admin1_name",
                 "latitude", "longitude", "date_from", "date_to", "date_precision", "gain", "loss",
                 "gain_actor", "actors", "status", "confidence", "control_change", "sentence",
                 "start", "end", "source", "article_id", "published", "trigger", "provenance"]


def choose_profile(profile: str | Path | Profile | None, text: str,
                   country_codes: Iterable[str | None] = ()) -> Profile | None:
    """The profile to use: the given one, none (``"none"``), or the one detected in ``text``."""
    if isinstance(profile, str) and profile.lower() == NO_PROFILE:
        return None
    if profile is None:
        return detect_profile(text, country_codes)
    return resolve_profile(profile)


def _countries(mentions: Iterable[Mention]) -> list[str | None]:
    """The countries of the toponyms of ``mentions`` (profile detection)."""
    return [m.place.country_code for m in mentions if m.role == "toponym"]


def pipeline_language(profile: str | Path | Profile | None = None,
                      language: str | None = None) -> str | None:
    """The language to read texts in: ``language`` when given, else the ``language`` the
    profile states (a :class:`Profile`, a shipped name or a path; None, ``"auto"`` and
    ``"none"`` state none), else None (the default pipeline, English). Unknown profiles are
    a :class:`~geo_events.errors.ProfileError`."""
    if language:
        return language
    if profile is None or (isinstance(profile, str) and profile.lower() in (NO_PROFILE, "auto")):
        return None
    prof = resolve_profile(profile)
    return prof.language if prof is not None else None


def parse_for_profile(text: str, published: date | None = None,
                      profile: str | Path | Profile | None = None, language: str | None = None,
                      progress: bool | None = None) -> ParsedText:
    """Geoparse ``text`` for event extraction (:func:`geo_events.geoparse.parse`): in
    :func:`pipeline_language`, with the shared pipeline, the resolver favouring a given
    profile's ``countries`` for this text ("Tokmak" in a russia-ukraine text is the Ukrainian
    town). Without a given profile (None or ``"auto"``: detected from the text and its places,
    or ``"none"``), the resolver favours no country here; a profile detected later has its
    countries applied by :func:`events_of_parsed` (the toponyms are resolved again, not the
    text parsed again)."""
    from geo_events.geoparse import parse  # the geoparser loads spaCy: import on first use

    countries = None
    if not (profile is None or (isinstance(profile, str)
                                and profile.lower() in (NO_PROFILE, "auto"))):
        prof = resolve_profile(profile)
        countries = prof.countries if prof is not None else None
    return parse(text, published, progress=progress,
                 language=pipeline_language(profile, language), profile_countries=countries)


@overload
def extract_events(text: str, published: date | str | None = ..., source: str | None = ...,
                   profile: str | Path | Profile | None = ..., article_id: str | None = ...,
                   explain: Literal[False] = ..., progress: bool | None = ...,
                   language: str | None = ...) -> list[Event]: ...


@overload
def extract_events(text: str, published: date | str | None = ..., source: str | None = ...,
                   profile: str | Path | Profile | None = ..., article_id: str | None = ...,
                   *, explain: Literal[True], progress: bool | None = ...,
                   language: str | None = ...) -> Explained: ...


def extract_events(text: str, published: date | str | None = None, source: str | None = None,
                   profile: str | Path | Profile | None = None,
                   article_id: str | None = None, explain: bool = False,
                   progress: bool | None = None,
                   language: str | None = None) -> list[Event] | Explained:
    """Geoparse ``text`` and extract its events (see :mod:`geo_events.events.extract`).

    ``published`` (a date or ``YYYY-MM-DD``) anchors relative dates; without it events carry
    only explicit dates. ``profile``: see the module docstring. Every event lists the rules
    behind it in ``provenance``; with ``explain=True`` the result is an
    :class:`~geo_events.events.explain.Explained` ``(events, dropped)``: the events and the
    candidates that made no event, each with the id of the rule that dropped it.
    ``progress``: bars on stderr for the geoparsing and the extraction (None: only for a long
    text, see :func:`geo_events.progress.document_bar`; ``GEO_EVENTS_NO_PROGRESS=1`` hides
    them). ``language``: the language of the text (its pipeline and language pack; default:
    the profile's ``language``, else English, see :func:`pipeline_language`); one without a
    pack is a :class:`~geo_events.errors.LanguagePackError`.
    """
    published = parse_iso_date(published)
    parsed = parse_for_profile(text, published, profile, language, progress)
    if explain:
        return events_of_parsed(parsed, published, source, profile, article_id=article_id,
                                explain=True, progress=progress)
    return events_of_parsed(parsed, published, source, profile, article_id=article_id,
                            progress=progress)


@overload
def events_of_parsed(parsed: ParsedText, published: date | str | None = ...,
                     source: str | None = ..., profile: str | Path | Profile | None = ...,
                     article_id: str | None = ..., gazetteer: Gazetteer | None = ...,
                     explain: Literal[False] = ..., progress: bool | None = ...
                     ) -> list[Event]: ...


@overload
def events_of_parsed(parsed: ParsedText, published: date | str | None = ...,
                     source: str | None = ..., profile: str | Path | Profile | None = ...,
                     article_id: str | None = ..., gazetteer: Gazetteer | None = ...,
                     *, explain: Literal[True], progress: bool | None = ...) -> Explained: ...


def events_of_parsed(parsed: ParsedText, published: date | str | None = None,
                     source: str | None = None, profile: str | Path | Profile | None = None,
                     article_id: str | None = None, gazetteer: Gazetteer | None = None,
                     explain: bool = False,
                     progress: bool | None = None) -> list[Event] | Explained:
    """The events of a geoparsed text: the one path from a parse to events, shared by
    :func:`extract_events`, the ``geo_events_events`` spaCy component, and the ``events``,
    ``map`` and ``run`` commands.

    ``parsed``: the text, its spaCy Doc and resolved mentions
    (:func:`geo_events.geoparse.parse`); ``published`` defaults to ``parsed.published``. The
    profile is chosen by :func:`choose_profile`; when it is detected (``profile`` None) and no
    profile fitted the geoparser's places, the places the events recovered count too and the
    text is extracted again with the profile they point to. When the parse was not resolved
    with the chosen profile's ``countries`` (a detected profile, or a parse without one; see
    :func:`parse_for_profile`), its toponyms are resolved again with them first, in place
    (:func:`geo_events.geoparse.pipeline.resolve_again`: ``parsed.mentions`` are then the new
    ones). ``gazetteer``: the shared one by
    default. ``explain`` and ``progress``: see :func:`extract_events`.
    """
    from geo_events.areas import user_unit_mentions  # raions of the user's boundary files
    from geo_events.gazetteer import get_gazetteer
    from geo_events.geoparse.pipeline import resolve_again

    published = parse_iso_date(published) if published is not None else parsed.published
    text, doc = parsed.text, parsed.doc

    def mentions_of(parsed: ParsedText) -> list[Mention]:
        with using_language(doc.lang_):  # the unit words of the text's language
            return user_unit_mentions(text, list(parsed.mentions), doc)

    mentions = mentions_of(parsed)
    prof = choose_profile(profile, text, _countries(mentions))
    if prof is None and profile is None and len(named := profiles_named(text)) == 1:
        # a short text naming one profile's parties ("Russian forces seized Tokmak"): its
        # places read in the profile's countries, when they resolve there, detect it
        own = parsed.profile_countries
        if resolve_again(parsed, named[0].countries):
            again = mentions_of(parsed)
            if choose_profile(None, text, _countries(again)) is named[0]:
                prof, mentions = named[0], again
            elif own is not None and resolve_again(parsed, own):
                mentions = mentions_of(parsed)  # the text's own reading back
    if prof is not None and resolve_again(parsed, prof.countries):
        mentions = mentions_of(parsed)  # the profile's countries reach the resolver
    gaz = gazetteer if gazetteer is not None else get_gazetteer()
    run = explain_from_parsed if explain else extract_from_parsed
    result = run(doc, mentions, published, source, prof, article_id=article_id, gazetteer=gaz,
                 progress=progress)
    events = result.events if isinstance(result, Explained) else result
    if prof is None and profile is None and events:
        # places the geoparser missed but the events recovered count for detection too
        prof = choose_profile(None, text, [*(m.place.country_code for m in mentions
                                             if m.role == "toponym"),
                                           *(e.place.country_code for e in events)])
        if prof is not None:
            if resolve_again(parsed, prof.countries):
                mentions = mentions_of(parsed)
            result = run(doc, mentions, published, source, prof, article_id=article_id,
                         gazetteer=gaz, progress=progress)
    return result


def events_to_geodataframe(events: Iterable[Event],
                           profile: Profile | None = None) -> gpd.GeoDataFrame:
    """One row per event, columns :data:`EVENT_COLUMNS`, point geometry (EPSG:4326).

    Dates are ``datetime.date`` objects; ``actors`` and ``provenance`` are ``"; "``-joined
    strings. The ACLED columns use ``profile`` (when given) to tell government sides apart.
    """
    gov = profile.government_sides() if profile else frozenset()
    rows = []
    for e in events:
        p = e.place
        etype, sub = acled_type(e.kind, gain_is_government=e.gain in gov)
        rows.append({
            "event_id": e.id, "kind": e.kind, "acled_event_type": etype,
            "acled_sub_event_type": sub, "place_id": p.id, "place_name": p.name,
            "geonameid": p.geonameid, "level": p.level, "country_code": p.country_code,
            "admin1_code": p.admin1_code, "admin1_name": p.admin1_name,
            "latitude": p.latitude, "longitude": p.longitude, "date_from": e.date_from,
            "date_to": e.date_to, "date_precision": e.date_precision, "gain": e.gain,
            "loss": e.loss, "gain_actor": e.gain_actor, "actors": "; ".join(e.actors),
            "status": e.status, "confidence": e.confidence,
            "control_change": e.is_control_change, "sentence": e.sentence, "start": e.start,
            "end": e.end, "source": e.source, "article_id": e.article_id,
            "published": e.published, "trigger": e.trigger,
            "provenance": "; ".join(e.provenance),
        })
    geoms = [Point(r["longitude"], r["latitude"]) for r in rows]
    return gpd.GeoDataFrame(rows, columns=EVENT_COLUMNS, geometry=geoms, crs="EPSG:4326")
