"""Geoparsing evaluation: metrics on hand-made cases, loaders on the real shared corpora."""

from __future__ import annotations

import math

import pytest

from geo_events.errors import DataFileError, InputError
from geo_events.evaluation.corpora import (
    GoldDocument,
    GoldToponym,
    geoparsing_dir,
    read_corpus,
)
from geo_events.evaluation.scoring import (
    MAX_ERROR_KM,
    Prediction,
    auc_log_error,
    gazetteer_ceiling,
    haversine_km,
    match_document,
    score_corpus,
)

# -- haversine ------------------------------------------------------------------------------


def test_haversine_zero_and_symmetric():
    assert haversine_km(50.45, 30.52, 50.45, 30.52) == 0.0
    a = haversine_km(50.45, 30.52, 48.0, 37.8)
    assert a == pytest.approx(haversine_km(48.0, 37.8, 50.45, 30.52))


def test_haversine_known_distances():
    # One degree of a great circle on the 6371.0088 km sphere.
    assert haversine_km(0, 0, 0, 1) == pytest.approx(111.195, abs=0.01)
    # Antipodes: half the circumference.
    assert haversine_km(0, 0, 0, 180) == pytest.approx(math.pi * 6371.0088, rel=1e-9)
    # Pole to equator: a quarter.
    assert haversine_km(90, 0, 0, 45) == pytest.approx(math.pi * 6371.0088 / 2, rel=1e-9)


# -- AUC ------------------------------------------------------------------------------------


def test_auc_extremes():
    assert auc_log_error([0.0, 0.0, 0.0]) == 0.0
    assert auc_log_error([MAX_ERROR_KM] * 4) == pytest.approx(1.0)
    assert auc_log_error([10 * MAX_ERROR_KM]) == 1.0  # capped
    assert auc_log_error([0.0]) == 0.0


def test_auc_is_area_under_sorted_normalised_log_curve():
    errors = [MAX_ERROR_KM, 0.0]  # sorted: 0 then 1 -> a straight line from 0 to 1
    assert auc_log_error(errors) == pytest.approx(0.5)
    y = math.log1p(100) / math.log(MAX_ERROR_KM)
    # Three points 0, y, 1 at x = 0, .5, 1: trapezoids (0+y)/4 + (y+1)/4.
    assert auc_log_error([100.0, MAX_ERROR_KM, 0.0]) == pytest.approx((2 * y + 1) / 4)
    with pytest.raises(ValueError):
        auc_log_error([])


# -- overlap matching -----------------------------------------------------------------------


def _gold(start, end, text="x", lat=None, lon=None):
    return GoldToponym(start, end, text, lat, lon)


def test_exact_and_partial_overlap_are_true_positives():
    gold = [_gold(0, 8), _gold(20, 28)]
    preds = [Prediction(0, 8), Prediction(22, 35)]
    m = match_document(gold, preds)
    assert m.pairs == [(0, 0), (1, 1)]
    assert not m.false_positives and not m.false_negatives


def test_adjacent_spans_do_not_overlap():
    m = match_document([_gold(0, 5)], [Prediction(5, 9)])
    assert m.pairs == [] and m.false_positives == [0] and m.false_negatives == [0]


def test_one_prediction_over_two_golds_matches_the_larger_overlap():
    # "Kyiv, Ukraine" predicted as one span over gold "Kyiv" (0-4) and "Ukraine" (6-13).
    m = match_document([_gold(0, 4), _gold(6, 13)], [Prediction(0, 13)])
    assert m.pairs == [(1, 0)]
    assert m.false_negatives == [0]
    assert m.false_positives == []


def test_two_predictions_on_one_gold_give_one_false_positive():
    # "New York" split into "New" + "York".
    m = match_document([_gold(0, 8)], [Prediction(0, 3), Prediction(4, 8)])
    assert m.pairs == [(0, 1)]  # "York" overlaps more
    assert m.false_positives == [0]


def test_exact_match_preferred_over_equal_overlap():
    # Two golds, one prediction that equals the second exactly and overlaps both by 3 chars.
    m = match_document([_gold(0, 6), _gold(3, 6)], [Prediction(3, 6)])
    assert m.pairs == [(1, 0)]


def test_prediction_on_ignored_span_is_not_counted():
    m = match_document([_gold(0, 4)], [Prediction(10, 17), Prediction(30, 34)],
                       ignored=[(10, 17)])
    assert m.ignored == [0] and m.false_positives == [1]


def test_score_corpus_recognition_and_resolution():
    doc = GoldDocument("d", "Kyiv and Kharkiv and Lviv", [
        _gold(0, 4, "Kyiv", 50.45, 30.52),
        _gold(9, 16, "Kharkiv", 50.0, 36.23),
        _gold(21, 25, "Lviv"),  # no coordinates: recognition only
    ])
    preds = [Prediction(0, 4, 50.45, 30.52), Prediction(9, 16, 50.0, 30.0),
             Prediction(21, 25, 49.8, 24.0), Prediction(5, 8, 0.0, 0.0)]
    errors = []
    s = score_corpus([doc], [preds], errors=errors)
    assert (s.true_positives, s.false_positives, s.false_negatives) == (3, 1, 0)
    assert s.precision == pytest.approx(0.75) and s.recall == 1.0
    assert s.f1 == pytest.approx(2 * 0.75 / 1.75)
    assert s.resolved == 2
    assert s.accuracy_161 == 0.5
    assert s.median_km == pytest.approx(s.mean_km)
    assert sorted(e.kind for e in errors) == ["far", "fp"]


def test_unresolved_match_counts_as_maximal_error():
    doc = GoldDocument("d", "Avdiivka", [_gold(0, 8, "Avdiivka", 48.14, 37.74)])
    s = score_corpus([doc], [[Prediction(0, 8)]])
    assert s.errors_km == [MAX_ERROR_KM] and s.accuracy_161 == 0.0


def test_non_exhaustive_corpus_ignores_unmatched_predictions():
    doc = GoldDocument("d", "Lima is far from Paris", [_gold(0, 4, "Lima", -12.05, -77.04)])
    s = score_corpus([doc], [[Prediction(0, 4, -12.0, -77.0), Prediction(17, 22)]],
                     exhaustive=False)
    assert s.precision is None and s.f1 is None
    assert s.false_positives == 0 and s.predicted == 1 and s.recall == 1.0


def test_gazetteer_ceiling():
    docs = [GoldDocument("d", "Paris Paris Texas", [
        _gold(0, 5, "Paris", 48.85, 2.35),
        _gold(6, 11, "Paris", 33.66, -95.56),
        _gold(12, 17, "Texas"),  # no coordinates: not counted
    ])]

    def only_france(surface):
        return [(48.86, 2.35)] if surface == "Paris" else []

    assert gazetteer_ceiling(docs, only_france) == 0.5
    assert gazetteer_ceiling(docs, lambda s: []) == 0.0


# -- loaders --------------------------------------------------------------------------------


def test_unknown_corpus_and_missing_folder(tmp_path):
    with pytest.raises(InputError, match="unknown corpus"):
        read_corpus("NoSuchCorpus", tmp_path)
    with pytest.raises(DataFileError, match=str(tmp_path)):
        read_corpus("LGL", tmp_path)


_HAVE_SHARED = geoparsing_dir().is_dir()
shared = pytest.mark.skipif(not _HAVE_SHARED,
                            reason=f"shared corpora not found at {geoparsing_dir()}")

# (corpus, documents, gold toponyms, with coordinates) as documented in each corpus README;
# GWN: 2,720 toponyms minus demonyms/languages/homonyms/adjectival forms, 2 bad offsets dropped.
EXPECTED = [
    ("LGL", 588, 5088, 4462),
    ("TR-News", 118, 1319, 1275),
    ("GeoVirus", 229, 2170, 2170),
    ("WikToR", 5000, 25242, 25242),
    ("GWN", 200, 2251, 2242),
]


@pytest.mark.evaluation
@shared
@pytest.mark.parametrize(("name", "n_docs", "n_gold", "n_coords"), EXPECTED)
def test_corpus_counts_and_offsets(name, n_docs, n_gold, n_coords):
    corpus = read_corpus(name)
    assert len(corpus.documents) == n_docs
    assert corpus.n_toponyms == n_gold
    assert sum(g.has_coordinates for d in corpus.documents for g in d.toponyms) == n_coords
    for doc in corpus.documents:
        for g in doc.toponyms:
            assert doc.text[g.start:g.end] == g.text
            if g.has_coordinates:
                assert -90 <= g.lat <= 90 and -180 <= g.lon <= 180


@pytest.mark.evaluation
@shared
def test_offset_checks_match_the_readmes():
    assert read_corpus("LGL").offsets.mismatches == 0
    assert read_corpus("GeoVirus").offsets.mismatches == 0  # after the -1 shift
    tr = read_corpus("TR-News").offsets
    assert tr.exact == 1202 and tr.realigned == 117 and tr.dropped == 0
    gwn = read_corpus("GWN").offsets
    assert gwn.dropped == 2  # two GWN annotations have negative offsets


@pytest.mark.evaluation
@shared
def test_gwn_policy_drops_expressions_and_ignores_demonyms():
    docs = read_corpus("GWN").documents
    kinds = {g.kind for d in docs for g in d.toponyms}
    assert kinds == {"Literal", "Mixed", "Literal_Modifier", "Embedded_Literal", "Coercion",
                     "Metonymic", "Non_Literal_Modifier", "Embedded_Non_Lit"}
    assert sum(len(d.ignored) for d in docs) == 447
    literal = read_corpus("GWN-literal")
    assert literal.n_toponyms < 2251


def test_same_geonames_id_counts_as_exact_unless_strict():
    gold = GoldToponym(0, 6, "Russia", 60.0, 100.0, 2017370)
    doc = GoldDocument("d", "Russia", [gold])
    pred = Prediction(0, 6, 59.46, 88.4, geonameid=2017370)
    assert score_corpus([doc], [[pred]]).errors_km == [0.0]
    strict = score_corpus([doc], [[pred]], strict=True).errors_km
    assert strict[0] == pytest.approx(haversine_km(60, 100, 59.46, 88.4))
    assert strict[0] > 161


def test_gazetteer_ceiling_accepts_geonames_ids():
    docs = [GoldDocument("d", "Russia", [GoldToponym(0, 6, "Russia", 60.0, 100.0, 2017370)])]
    far_point_same_id = [(59.46, 88.4, 2017370)]
    assert gazetteer_ceiling(docs, lambda s: far_point_same_id) == 1.0
    assert gazetteer_ceiling(docs, lambda s: far_point_same_id, strict=True) == 0.0
