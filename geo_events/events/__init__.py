"""Event extraction: who gained, lost, claimed or attacked which place, when, how sure.

Public API: :func:`extract_events` (text -> events, runs the geoparser),
:func:`events_of_parsed` (a geoparsed text -> events: the one path every command and the
``geo_events_events`` spaCy component take), :func:`extract_from_parsed` (spaCy Doc + mentions
-> events, a given profile), :func:`explain_from_parsed` (the same plus the dropped candidates
and the rules that dropped them), :func:`load_rules` (the ConText-style factuality rules),
:func:`events_to_geodataframe`,
conflict profiles (:func:`load_profile`, :func:`detect_profile`, :func:`list_profiles`), date
resolution (:func:`find_dates`, :func:`resolve_date`), the kind taxonomy (:data:`KINDS`) and
:func:`settle_namesakes` (namesake villages decided by the rest of a corpus).
"""

from geo_events.events import component as _component  # noqa: F401  (registers the factory)
from geo_events.events.api import events_of_parsed, events_to_geodataframe, extract_events
from geo_events.events.context_rules import load_rules
from geo_events.events.dates import DateRange, default_range, find_dates, resolve_date
from geo_events.events.explain import DroppedCandidate, Explained
from geo_events.events.extract import explain_from_parsed, extract_from_parsed
from geo_events.events.kinds import KINDS, acled_type
from geo_events.events.lexicon import load_lexicon
from geo_events.events.profiles import Profile, detect_profile, list_profiles, load_profile
from geo_events.geoparse.namesakes import settle_namesakes

__all__ = ["KINDS", "DateRange", "DroppedCandidate", "Explained", "Profile", "acled_type",
           "default_range", "detect_profile", "events_of_parsed", "events_to_geodataframe",
           "explain_from_parsed", "extract_events", "extract_from_parsed", "find_dates",
           "list_profiles", "load_lexicon", "load_profile", "load_rules", "resolve_date",
           "settle_namesakes"]
