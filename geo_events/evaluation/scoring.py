"""Geoparsing metrics: toponym recognition (P/R/F1) and resolution (distance based).

Conventions:

* Distances are great-circle km by the haversine formula on a sphere of radius
  :data:`EARTH_RADIUS_KM` (the IUGG mean radius, 6371.0088 km).
* **Recognition** uses inexact (overlap) matching, as in Gritta et al. (2020): a predicted span is a
  true positive when it shares at least one character with a gold toponym. Matching is one-to-one:
  candidate (gold, prediction) pairs are taken greedily by overlap length (longest first, ties to
  the exact span, then to the earlier position), each gold and each prediction used at most once.
  Consequences for one-to-many overlaps: a prediction covering two golds ("Kyiv, Ukraine" as one
  span) matches one of them and the other gold is a false negative; two predictions on one gold
  ("New" + "York") give one true positive and one false positive. A prediction that matches no gold
  but overlaps an *ignored* span (see :class:`~geo_events.evaluation.corpora.GoldDocument`) is left
  out; for a non-exhaustive corpus (WikToR) unmatched predictions are not counted at all.
* **Resolution** is scored over matched pairs whose gold has coordinates. A matched prediction
  without coordinates counts as wrong with the maximal error :data:`MAX_ERROR_KM`. When the
  prediction and the gold carry the same GeoNames id the error is 0 km (unless ``strict``): the
  place is right, and a gazetteer may represent an area (a country) by another point than GeoNames
  does (Russia: a polygon's representative point 650 km from GeoNames' 60N 100E).
  ``acc@161`` is the share of errors <= 161 km (100 miles).
* **AUC** of the log-error curve (Gritta, Pilehvar & Collier, ACL 2018): sort the errors
  ascending, map each to ``log(1 + km) / log(MAX_ERROR_KM)`` (capped at 1), and take the area
  under that curve with x spread evenly over 0..1 (trapezoidal rule). 0 means every error is 0 km,
  1 means every error is maximal; lower is better. A single error gives its own normalised value.
* The **gazetteer ceiling** is the share of gold toponyms with coordinates for which any candidate
  of the system's gazetteer for the gold surface lies within 161 km (or has the gold's GeoNames
  id): no ranking can do better than that on those names.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from geo_events.evaluation.corpora import GoldDocument, GoldToponym
from geo_events.geodesy import EARTH_RADIUS_KM as EARTH_RADIUS_KM  # re-exported
from geo_events.geodesy import haversine_km as haversine_km  # re-exported

#: Normaliser of the AUC (the value used by Gritta et al. 2018, about half the circumference).
MAX_ERROR_KM = 20039.0
#: accuracy@161: 161 km is 100 miles, the customary tolerance of toponym resolution.
ACCURACY_KM = 161.0


@dataclass(frozen=True, slots=True)
class Prediction:
    """A system's toponym: span in the document text and resolved WGS84 coordinates (or None)."""

    start: int
    end: int
    lat: float | None = None
    lon: float | None = None
    surface: str = ""
    name: str = ""  # the resolved place's name, for error listings
    role: str = "toponym"  # the system's mention role ("toponym", "metonym", "demonym")
    geonameid: int | None = None  # GeoNames id of the resolved place, where it has one

    @property
    def has_coordinates(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass(slots=True)
class DocumentMatch:
    """The outcome of matching one document: indices into the gold and predicted lists."""

    pairs: list[tuple[int, int]] = field(default_factory=list)
    false_positives: list[int] = field(default_factory=list)
    false_negatives: list[int] = field(default_factory=list)
    ignored: list[int] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ErrorItem:
    """One item for the error listing: ``kind`` is ``fp``, ``fn`` or ``far`` (resolved > 161 km)."""

    kind: str
    doc_id: str
    start: int
    end: int
    surface: str
    gold: GoldToponym | None
    predicted: Prediction | None
    km: float | None
    context: str


@dataclass(slots=True)
class Scores:
    """Recognition and resolution figures of one system on one corpus.

    ``precision`` is ``None`` for a non-exhaustive corpus. Distances in km.
    """

    docs: int = 0
    gold: int = 0
    predicted: int = 0
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    exhaustive: bool = True
    errors_km: list[float] = field(default_factory=list, repr=False)
    ceiling: float | None = None

    @property
    def precision(self) -> float | None:
        if not self.exhaustive:
            return None
        denom = self.true_positives + self.false_positives
        return self.true_positives / denom if denom else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def resolved(self) -> int:
        """Matched pairs whose gold has coordinates (the resolution sample size)."""
        return len(self.errors_km)

    @property
    def accuracy_161(self) -> float | None:
        return accuracy_at(self.errors_km) if self.errors_km else None

    @property
    def mean_km(self) -> float | None:
        return statistics.fmean(self.errors_km) if self.errors_km else None

    @property
    def median_km(self) -> float | None:
        return statistics.median(self.errors_km) if self.errors_km else None

    @property
    def auc(self) -> float | None:
        return auc_log_error(self.errors_km) if self.errors_km else None

    def to_dict(self) -> dict[str, float | int | None]:
        return {
            "docs": self.docs, "gold": self.gold, "predicted": self.predicted,
            "true_positives": self.true_positives, "false_positives": self.false_positives,
            "false_negatives": self.false_negatives, "precision": self.precision,
            "recall": self.recall, "f1": self.f1, "resolved": self.resolved,
            "accuracy_161": self.accuracy_161, "mean_km": self.mean_km,
            "median_km": self.median_km, "auc": self.auc, "ceiling": self.ceiling,
        }


def accuracy_at(errors_km: Sequence[float], km: float = ACCURACY_KM) -> float:
    """Share of errors within ``km`` (inclusive); 0.0 for no errors."""
    return sum(e <= km for e in errors_km) / len(errors_km) if errors_km else 0.0


def auc_log_error(errors_km: Iterable[float]) -> float:
    """Area under the sorted, normalised log-error curve (0 best, 1 worst); see module doc."""
    ys = sorted(min(1.0, math.log1p(max(0.0, e)) / math.log(MAX_ERROR_KM)) for e in errors_km)
    if not ys:
        raise ValueError("AUC of an empty error list is undefined")
    if len(ys) == 1:
        return ys[0]
    # Trapezoidal rule over n-1 equal steps of width 1/(n-1).
    inner = sum(ys[1:-1])
    return (ys[0] / 2 + inner + ys[-1] / 2) / (len(ys) - 1)


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return min(a_end, b_end) - max(a_start, b_start)


def match_document(gold: Sequence[GoldToponym], predicted: Sequence[Prediction],
                   ignored: Sequence[tuple[int, int]] = ()) -> DocumentMatch:
    """One-to-one overlap matching of predicted spans to gold spans (rules in the module doc)."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            ov = _overlap(g.start, g.end, p.start, p.end)
            if ov > 0:
                exact = g.start == p.start and g.end == p.end
                candidates.append((-ov, not exact, g.start, p.start, gi, pi))
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    match = DocumentMatch()
    for *_, gi, pi in candidates:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        match.pairs.append((gi, pi))
    match.pairs.sort()
    match.false_negatives = [gi for gi in range(len(gold)) if gi not in used_gold]
    for pi, p in enumerate(predicted):
        if pi in used_pred:
            continue
        overlaps_gold = any(_overlap(g.start, g.end, p.start, p.end) > 0 for g in gold)
        if not overlaps_gold and any(_overlap(s, e, p.start, p.end) > 0 for s, e in ignored):
            match.ignored.append(pi)
        else:
            match.false_positives.append(pi)
    return match


def resolution_error_km(gold: GoldToponym, pred: Prediction, strict: bool = False
                        ) -> float | None:
    """Error of one matched pair in km; None when the gold has no coordinates.

    A shared GeoNames id gives 0 km unless ``strict`` (then only coordinates count).
    """
    if gold.lat is None or gold.lon is None:  # not gold.has_coordinates
        return None
    if not strict and gold.geonameid is not None and gold.geonameid == pred.geonameid:
        return 0.0
    if pred.lat is None or pred.lon is None:  # not pred.has_coordinates
        return MAX_ERROR_KM
    return haversine_km(gold.lat, gold.lon, pred.lat, pred.lon)


def _context(text: str, start: int, end: int, width: int = 40) -> str:
    left = text[max(0, start - width):start]
    right = text[end:end + width]
    return " ".join(f"{left}[{text[start:end]}]{right}".split())


def score_corpus(documents: Sequence[GoldDocument], predictions: Sequence[Sequence[Prediction]],
                 exhaustive: bool = True,
                 errors: list[ErrorItem] | None = None, strict: bool = False) -> Scores:
    """Score a system's predictions (one list per document, same order) against the gold.

    ``strict`` scores resolution by coordinates only (no GeoNames id shortcut).

    When ``errors`` is a list, false positives, false negatives and resolutions farther than
    161 km are appended to it as :class:`ErrorItem`.
    """
    if len(documents) != len(predictions):
        raise ValueError(f"{len(documents)} documents but {len(predictions)} prediction lists")
    s = Scores(exhaustive=exhaustive)
    for doc, preds in zip(documents, predictions, strict=True):
        m = match_document(doc.toponyms, preds, doc.ignored)
        s.docs += 1
        s.gold += len(doc.toponyms)
        s.true_positives += len(m.pairs)
        s.false_negatives += len(m.false_negatives)
        if exhaustive:
            s.false_positives += len(m.false_positives)
            s.predicted += len(preds) - len(m.ignored)
        else:
            s.predicted += len(m.pairs)
        for gi, pi in m.pairs:
            km = resolution_error_km(doc.toponyms[gi], preds[pi], strict)
            if km is None:
                continue
            s.errors_km.append(km)
            if errors is not None and km > ACCURACY_KM:
                g, p = doc.toponyms[gi], preds[pi]
                errors.append(ErrorItem("far", doc.id, g.start, g.end, g.text, g, p, km,
                                        _context(doc.text, g.start, g.end)))
        if errors is None:
            continue
        for gi in m.false_negatives:
            g = doc.toponyms[gi]
            errors.append(ErrorItem("fn", doc.id, g.start, g.end, g.text, g, None, None,
                                    _context(doc.text, g.start, g.end)))
        if exhaustive:
            for pi in m.false_positives:
                p = preds[pi]
                errors.append(ErrorItem("fp", doc.id, p.start, p.end, doc.text[p.start:p.end],
                                        None, p, None, _context(doc.text, p.start, p.end)))
    return s


def gazetteer_ceiling(documents: Iterable[GoldDocument],
                      candidates: Callable[[str], Sequence[tuple]],
                      km: float = ACCURACY_KM, strict: bool = False) -> float | None:
    """Share of gold toponyms with coordinates that some candidate of ``candidates(surface)``
    reaches within ``km``; None when no gold has coordinates.

    A candidate is ``(lat, lon)`` or ``(lat, lon, geonameid)``; with an id equal to the gold's it
    counts as reached unless ``strict`` (the rule of :func:`resolution_error_km`). Candidates are
    looked up once per distinct surface. The share is over *all* gold toponyms with coordinates,
    recognised or not, so it is not bounded by (nor a bound of) acc@161 on the matched sample.
    """
    cache: dict[str, Sequence[tuple]] = {}
    reached = total = 0
    for doc in documents:
        for g in doc.toponyms:
            if not g.has_coordinates:
                continue
            total += 1
            if g.text not in cache:
                cache[g.text] = candidates(g.text)
            if any(_reaches(g, cand, km, strict) for cand in cache[g.text]):
                reached += 1
    return reached / total if total else None


def _reaches(gold: GoldToponym, cand: tuple, km: float, strict: bool) -> bool:
    if not strict and len(cand) > 2 and gold.geonameid is not None and cand[2] == gold.geonameid:
        return True
    assert gold.lat is not None and gold.lon is not None  # the caller skips gold without them
    return haversine_km(gold.lat, gold.lon, cand[0], cand[1]) <= km
