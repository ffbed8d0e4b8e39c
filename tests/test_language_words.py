"""The English words of the date reader, the profiles' name matching and the geoparser are
data (issue 13, "a path to other languages"): the date grammar named by the language pack
(``geo_events/data/lang/en/dates.json``), the pack's ``names`` and the geoparser's cue file.
A misspelt key is an error naming the file and the key; a stand-in pack changes what the
mechanisms read, so the words come from the data and not from the code."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from geo_events.errors import DataFileError
from geo_events.events.dates import date_grammar, find_dates, read_date_grammar
from geo_events.language import LANG_DIR, language_pack, read_pack

EN = json.loads((LANG_DIR / "en.json").read_text(encoding="utf-8"))
EN["files"] = {k: str(LANG_DIR / v) for k, v in EN["files"].items()}  # copies live elsewhere
EN_DATES = json.loads((LANG_DIR / "en" / "dates.json").read_text(encoding="utf-8"))

#: A stand-in German date grammar, written for this test (a few words, not a full grammar).
DE_DATES = {
    "provenance": "test",
    "numbers": {"ein": 1, "einem": 1, "zwei": 2, "drei": 3},
    "ordinal_suffixes": ["."],
    "parts": {"anfang": "early", "mitte": "mid", "ende": "late"},
    "cues": ["im", "seit", "am"],
    "day_words": {"heute": 0, "gestern": 1, "vorgestern": 2},
    "night_words": ["in der nacht"],
    "units": {"tag": "day", "tagen": "day", "woche": "week", "wochen": "week"},
    "previous": ["letzten", "vergangenen"],
    "since": {"before": "\\bseit\\s+$", "at": "seit"},
    "expressions": [
        {"id": "day-month-year", "reads": "day_month_year",
         "pattern": "\\b{day}\\s*{month}\\s+{year}\\b"},
        {"id": "month", "reads": "month",
         "pattern": "\\b{cue}\\s+(?P<core>(?:{part}\\s+)?{month})\\b"},
        {"id": "day-word", "reads": "day_word", "pattern": "\\b{day_word}\\b"},
        {"id": "weekday", "reads": "weekday",
         "pattern": "\\b(?:(?P<rel>am|letzten)\\s+)?{weekday}\\b"},
        {"id": "ago", "reads": "ago", "pattern": "\\bvor\\s+{num}\\s+(?P<unit>tagen|wochen)\\b"},
    ],
}
DE_MONTHS = {"januar": 1, "februar": 2, "märz": 3, "april": 4, "mai": 5, "juni": 6, "juli": 7,
             "august": 8, "september": 9, "oktober": 10, "november": 11, "dezember": 12}
DE_WEEKDAYS = ["montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"]


def _pack(tmp_path: Path, dates: dict, **changes) -> Path:
    (tmp_path / "xx_dates.json").write_text(json.dumps(dates), encoding="utf-8")
    path = tmp_path / "xx.json"
    path.write_text(json.dumps({**EN, "language": "xx", "date_grammar": "xx_dates.json",
                                **changes}), encoding="utf-8")
    return path


# -- dates ------------------------------------------------------------------------------------
def test_the_english_date_grammar_is_the_packs():
    grammar = date_grammar()
    assert grammar is date_grammar("en") and grammar.path == LANG_DIR / "en" / "dates.json"
    assert language_pack().date_grammar == grammar.path
    assert grammar.number("a  few") == 3 and grammar.unit("Weeks") == "week"
    assert grammar.part("the end of") == "late" and grammar.is_previous("Last")
    published = date(2022, 9, 14)  # a Wednesday
    texts = {"two days ago": date(2022, 9, 12), "the day before yesterday": date(2022, 9, 12),
             "last Saturday": date(2022, 9, 10), "in late March": date(2022, 3, 21)}
    for text, day in texts.items():
        assert find_dates(text, published)[0].range.date_from == day, text


def test_a_stand_in_pack_reads_dates_in_its_own_words(tmp_path):
    """A German stand-in pack (months, weekdays and date grammar in German): the same
    mechanisms read German dates, which the English grammar does not."""
    pack = read_pack(_pack(tmp_path, DE_DATES, months=DE_MONTHS, weekdays=DE_WEEKDAYS))
    grammar = date_grammar(pack)
    published = date(2022, 9, 14)  # a Wednesday
    text = ("Am 3. März 2022 rückten Truppen vor, vor zwei Tagen zogen sie ab, gestern "
            "kamen sie zurück, am letzten Samstag und seit Anfang September.")
    found = {m.text: m.range for m in find_dates(text, published, grammar)}
    assert found["3. März 2022"].date_from == date(2022, 3, 3)
    assert found["vor zwei Tagen"].date_from == date(2022, 9, 12)
    assert found["gestern"].date_from == date(2022, 9, 13)
    assert found["letzten Samstag"].date_from == date(2022, 9, 10)
    since = found["Anfang September"]  # "seit": a range up to publication
    assert (since.date_from, since.date_to) == (date(2022, 9, 1), published)
    assert not find_dates(text, published)  # the English grammar reads none of them
    assert not find_dates("On 3 March 2022, two days ago", published, grammar)


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d.__setitem__("numbrs", d.pop("numbers")), "unknown key 'numbrs'"),
    (lambda d: d.pop("cues"), "lacks the key 'cues'"),
    (lambda d: d["expressions"][0].__setitem__("raeds", "iso"), "unknown field 'raeds'"),
    (lambda d: d["expressions"][1].__setitem__("reads", "day_moth_year"),
     "expressions[1] 'day-month-year': reads 'day_moth_year' is unknown"),
    (lambda d: d["expressions"][1].__setitem__("pattern", "{day} {mnth} {year}"),
     "unknown placeholder '{mnth}'"),
    (lambda d: d["expressions"][1].__setitem__("pattern", "{day} {month}"),
     "the pattern lacks the group 'year'"),
    (lambda d: d["parts"].__setitem__("the end of", "end"), "'parts': 'the end of' must map"),
    (lambda d: d["units"].__setitem__("fortnight", "fortnight"), "'units': 'fortnight'"),
    (lambda d: d["since"].__setitem__("after", "x"), "'since': unknown key 'after'"),
    (lambda d: d["expressions"][0].__setitem__("pattern", "(unclosed"), "bad pattern"),
], ids=["key", "missing-key", "field", "reads", "placeholder", "group", "part", "unit", "since",
        "regex"])
def test_a_wrong_date_grammar_is_an_error_naming_the_file_and_key(tmp_path, change, message):
    data = json.loads(json.dumps(EN_DATES))
    change(data)
    path = _pack(tmp_path, data)
    with pytest.raises(DataFileError, match=message.replace("[", r"\[").replace("(", r"\(")
                       .replace("{", r"\{")) as err:
        read_date_grammar(tmp_path / "xx_dates.json", read_pack(path))
    assert str(tmp_path / "xx_dates.json") in str(err.value) and "\n" not in str(err.value)


def test_a_pack_naming_no_date_grammar_is_an_error(tmp_path):
    data = {k: v for k, v in EN.items() if k != "date_grammar"}
    path = tmp_path / "xx.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"xx\.json: needs a 'date_grammar'"):
        read_pack(path)
    path = _pack(tmp_path, EN_DATES, date_grammar="none.json")
    with pytest.raises(DataFileError, match=r"xx\.json: 'date_grammar' names .*none\.json"):
        date_grammar(read_pack(path))


# -- party names (profiles) and unit words (areas) ---------------------------------------------
def test_the_name_words_are_the_packs():
    from geo_events.events.profiles import load_profile

    names = language_pack().names
    assert "'s" in names.endings and "the" in names.articles
    assert names.abbreviations["People's Republic"] == ("PR", "People's Rep.")
    assert "raion" in names.unit_words
    profile = load_profile("russia-ukraine")
    assert profile.side_of("Donetsk PR fighters") == profile.side_of("Donetsk People's Republic")


@pytest.mark.parametrize(("change", "message"), [
    (lambda n: n.__setitem__("abbreviation", n.pop("abbreviations")),
     "'names': unknown key 'abbreviation'"),
    (lambda n: n.pop("unit_words"), "'names' lacks the key 'unit_words'"),
    (lambda n: n.__setitem__("endings", "s"), "'endings' must be a list of strings"),
    (lambda n: n["abbreviations"].__setitem__("People's Republic", "PR"), "'abbreviations' map"),
])
def test_a_wrong_names_section_names_the_file_and_key(tmp_path, change, message):
    data = json.loads(json.dumps(EN))
    change(data["names"])
    path = tmp_path / "xx.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DataFileError, match=message) as err:
        read_pack(path)
    assert str(path) in str(err.value)


def _stand_in_names(tmp_path: Path, monkeypatch, module, **names):
    pack = read_pack(_pack(tmp_path, EN_DATES, names={**EN["names"], **names}))
    monkeypatch.setattr(module, "language_pack", lambda *a: pack)
    return pack


def test_a_stand_in_pack_changes_party_name_matching(tmp_path, monkeypatch):
    """Abbreviations and possessive endings come from the pack: a stand-in one abbreviating
    "People's Republic" as "NR" (Narodnaya Respublika) matches "Donetsk NR" and no longer
    "Donetsk PR"."""
    from geo_events.events import profiles

    data = {"id": "t", "sides": [{"id": "A", "aliases": ["Donetsk People's Republic"]},
                                 {"id": "B", "aliases": ["Kyiv"]}]}
    assert profiles.profile_from_dict(data).side_of("Donetsk PR") == "A"
    _stand_in_names(tmp_path, monkeypatch, profiles,
                    abbreviations={"People's Republic": ["NR"]}, endings=["s"])
    profiles._abbreviations.cache_clear()
    profiles._ending_regex.cache_clear()
    try:
        profile = profiles.profile_from_dict(data)
        assert profile.side_of("Donetsk NR") == "A"
        assert profile.side_of("Donetsk PR") is None
        assert profile.find_sides("Kyiv's army")[0].term == "Kyiv"  # "'s" is no ending now
    finally:
        monkeypatch.undo()
        profiles._abbreviations.cache_clear()
        profiles._ending_regex.cache_clear()
    assert profiles.profile_from_dict(data).find_sides("Kyiv's army")[0].term == "Kyiv's"


def test_a_stand_in_pack_changes_the_unit_words(tmp_path, monkeypatch):
    from geo_events import areas

    assert areas.unit_words() == language_pack().names.unit_words
    _stand_in_names(tmp_path, monkeypatch, areas, unit_words=["rajon"])
    assert areas.unit_words() == ("rajon",)


# -- the geoparser's words (geoparse_cues.json) -------------------------------------------------
def _cue_data() -> tuple[dict, Path]:
    from geo_events.geoparse.recognize import cues_path

    path = cues_path("en")
    return json.loads(path.read_text(encoding="utf-8")), path


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d.__setitem__("name_conectors", d.pop("name_connectors")),
     "unknown key 'name_conectors'"),
    (lambda d: d.pop("genitive_words"), "lacks the key 'genitive_words'"),
    (lambda d: d["locator_patterns"].__setitem__("nearby", "x"),
     "'locator_patterns': unknown expression 'nearby'"),
    (lambda d: d["locator_patterns"].pop("near"), "'locator_patterns' lacks the expression 'near'"),
    (lambda d: d.__setitem__("articles", "the"), "'articles' must be a JSON list"),
], ids=["key", "missing", "expression", "missing-expression", "type"])
def test_a_wrong_cue_file_names_the_file_and_key(change, message):
    from geo_events.geoparse.recognize import check_cues

    data, path = _cue_data()
    check_cues(data, path)
    change(data)
    with pytest.raises(DataFileError, match=message) as err:
        check_cues(data, path)
    assert str(path) in str(err.value)


def _stand_in_cues(monkeypatch, tmp_path, **changes):
    from geo_events.geoparse import locators, recognize

    data = {**recognize.cues(), **changes}
    stand_in = tmp_path / f"cues{len(changes)}_{id(data)}.json"  # patterns are kept by file
    monkeypatch.setattr(locators, "cues", lambda *a: data)
    monkeypatch.setattr(locators, "cues_path", lambda *a: stand_in)


def test_a_stand_in_cue_file_changes_the_locator_grammar(monkeypatch, tmp_path):
    """The locator grammar's words are the cue file's: a stand-in whose "village of X" is
    "selo of X" reads that and no longer "the village of X"."""
    from geo_events.geoparse import locators, recognize

    text = "troops entered the village of Zalissia and the selo of Hlyboke"
    found = [m.group(1) for m in locators.locator_patterns()["name_after_type"].finditer(text)]
    assert found == ["Zalissia"]
    patterns = {**recognize.cues()["locator_patterns"],
                "name_after_type": r"\b(?:selo)\s+of\s+({name})"}
    try:
        _stand_in_cues(monkeypatch, tmp_path, locator_patterns=patterns)
        found = [m.group(1) for m in locators.locator_patterns()["name_after_type"]
                 .finditer(text)]
        assert found == ["Hlyboke"]
        _stand_in_cues(monkeypatch, tmp_path,
                       locator_patterns={**patterns, "near": "{nearness}"})
        with pytest.raises(DataFileError, match=r"locator_patterns 'near': unknown placeholder "
                                                r"'\{nearness\}'"):
            locators.locator_patterns()
    finally:
        monkeypatch.undo()


def test_the_recognizer_reads_its_function_words_from_the_cue_file():
    from geo_events.geoparse.recognize import _singular, cues

    c = cues()
    assert {"of", "de", "'s"} <= c["name_connectors"] and c["genitive_words"] == {"of"}
    assert {"pro", "anti"} == c["demonym_prefixes"] and "capital" in c["not_settlement_of_nouns"]
    assert _singular("regions", c["admin_type_words"]) == "region"
    assert _singular("oblasts", {"region"}) == "oblasts"


def test_every_mechanism_a_grammar_may_name_exists():
    from geo_events.events import dates
    from geo_events.events.date_grammar import READS

    assert set(dates._HANDLERS) == set(READS)
    assert {reads for _, _, reads in date_grammar().expressions} <= set(READS)
