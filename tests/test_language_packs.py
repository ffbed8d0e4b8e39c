"""A language pack is selected by the pipeline's language (issue 13, "a path to other
languages"): a second pack, built here from the English one under another code ("xx") with a
trigger verb and a month name of its own, is read end to end by a pipeline of that language
(geoparsing, trigger patterns, dates, factuality) while an English pipeline keeps reading the
English pack; a language with no pack is a one-line error naming the language and what to add,
when the pipeline is built; a profile's ``language`` chooses the pipeline, an explicit language
overrides it. Real spaCy pipeline, gazetteer and boundaries."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

import geo_events.events.component  # noqa: F401  (registers the factory without pip install)
from geo_events.errors import LanguagePackError, ProfileFileError
from geo_events.language import (
    LANG_DIR,
    PACKS_ENV,
    active_language,
    available_languages,
    clear_pack_cache,
    language_pack,
    using_language,
)

pytestmark = pytest.mark.integration

#: Our own sentences: "reconquer" is no English trigger and "Oktober" no English month; the
#: "xx" pack below reads both.
TEXT = "Ukrainian forces reconquered Lyman on 1 Oktober 2022, the defence ministry said."
ENGLISH = "Ukrainian forces recaptured Lyman on 1 October 2022, the defence ministry said."
PUBLISHED = date(2022, 10, 6)


def _build_xx_pack(root: Path) -> Path:
    """A copy of the English pack as the language "xx": its lexicon's "recapture" trigger
    is "reconquer" and its October is "Oktober"."""
    (root / "xx").mkdir(parents=True)
    pack = json.loads((LANG_DIR / "en.json").read_text(encoding="utf-8"))
    for name, rel in pack["files"].items():
        target = root / "xx" / Path(rel).name
        shutil.copy(LANG_DIR / rel, target)
        pack["files"][name] = f"xx/{target.name}"
    shutil.copy(LANG_DIR / pack["date_grammar"], root / "xx" / "dates.json")
    pack["date_grammar"] = "xx/dates.json"
    pack["language"] = "xx"
    months = pack["months"]
    months.pop("october")
    months.pop("oct")
    months["oktober"] = months["okt"] = 10
    lexicon_path = root / pack["files"]["lexicon"]
    lexicon = json.loads(lexicon_path.read_text(encoding="utf-8"))
    for trigger in lexicon["triggers"]:
        if trigger["phrase"] == "recapture":
            trigger["phrase"] = "reconquer"
            trigger["id"] = "trigger.recapture.reconquer"
    # an irregular form of the "xx" pack's own: "liberate" reads as its "reconquer"
    lexicon["inflections"] = {**lexicon.get("inflections", {}), "liberate": "reconquer"}
    lexicon_path.write_text(json.dumps(lexicon), encoding="utf-8")
    (root / "xx.json").write_text(json.dumps(pack), encoding="utf-8")
    return root


@pytest.fixture
def xx_packs(tmp_path, monkeypatch):
    """The "xx" pack in a folder of ``$GEO_EVENTS_LANGUAGE_PACKS``."""
    monkeypatch.setenv(PACKS_ENV, str(_build_xx_pack(tmp_path / "packs")))
    clear_pack_cache()
    yield tmp_path / "packs"
    monkeypatch.delenv(PACKS_ENV)
    clear_pack_cache()


def _pipeline(lang: str, gazetteer):
    """The English model's components as a pipeline of the language ``lang`` (spaCy builds
    a pipeline of that language's class: ``nlp.lang == lang``), with the geo_events
    components."""
    import spacy

    from geo_events.geoparse import base_model

    nlp = spacy.load(base_model(), config={"nlp": {"lang": lang}})
    nlp.add_pipe("geo_events_dateline", before="parser")
    nlp.add_pipe("geo_events_toponyms", last=True)
    nlp.add_pipe("geo_events_resolver", last=True)
    return nlp


def _changes(events):
    return [(e.kind, e.place.name, e.gain, str(e.date_from), e.trigger) for e in events
            if e.is_control_change]


def test_the_loader_returns_every_part_of_a_pack(xx_packs):
    pack = language_pack("xx")
    assert pack.lang == "xx" and "xx" in available_languages() and "en" in available_languages()
    assert pack.files["lexicon"] == xx_packs / "xx" / "events.json"
    assert pack.lexicon().triggers_for("reconquer", "verb")
    assert not pack.lexicon().triggers_for("recapture", "verb")
    assert language_pack("en").lexicon().triggers_for("recapture", "verb")
    assert not language_pack("en").lexicon().triggers_for("reconquer", "verb")
    assert pack.dates().months["oktober"] == 10 and "oktober" not in language_pack("en").months
    assert pack.factuality_rules().paths == (pack.files["factuality_rules"],)
    assert pack.place_rules().persons == language_pack("en").place_rules().persons
    assert pack.narrative_rules().grammar is pack.dates()
    assert pack.geoparse_cues()["genitive_words"] == {"of"}
    assert active_language() == "en"
    with using_language("xx") as active:
        assert active is pack and active_language() == "xx"
    assert active_language() == "en"


def test_a_second_pack_is_selected_by_the_pipeline_language_end_to_end(xx_packs, gazetteer):
    from geo_events.events import events_of_parsed
    from geo_events.geoparse import get_nlp, parse

    nlp = _pipeline("xx", gazetteer)
    assert nlp.lang == "xx"
    events = events_of_parsed(parse(TEXT, PUBLISHED, nlp=nlp), PUBLISHED,
                              profile="russia-ukraine")
    assert _changes(events) == [("recapture", "Lyman", "UA", "2022-10-01", "reconquered")]
    assert "trigger.recapture.reconquer" in events[0].provenance
    # the spaCy component reads the same pack
    nlp.add_pipe("geo_events_events", config={"profile": "russia-ukraine",
                                              "published": str(PUBLISHED)})
    assert _changes(nlp(TEXT)._.events) == _changes(events)
    # an English pipeline reads the English pack in the same process: neither the "xx"
    # trigger nor its month, and its own words as before
    english = get_nlp()
    assert not _changes(events_of_parsed(parse(TEXT, PUBLISHED, nlp=english), PUBLISHED,
                                         profile="russia-ukraine"))
    assert _changes(events_of_parsed(parse(ENGLISH, PUBLISHED, nlp=english), PUBLISHED,
                                     profile="russia-ukraine")) == [
        ("recapture", "Lyman", "UA", "2022-10-01", "recaptured")]
    assert active_language() == "en"


def test_a_packs_irregular_forms_stay_in_its_language(xx_packs, gazetteer):
    """The "xx" lexicon's inflections ("liberate" -> its "reconquer") are read in "xx"
    documents only: an English document read afterwards in the same process keeps English
    lemmas, so its "liberated" is still the English trigger."""
    from geo_events.events import events_of_parsed
    from geo_events.geoparse import get_nlp, parse

    liberated = "Ukrainian forces liberated Lyman on 1 October 2022, the defence ministry said."
    xx = _changes(events_of_parsed(parse(liberated.replace("October", "Oktober"), PUBLISHED,
                                         nlp=_pipeline("xx", gazetteer)),
                                   PUBLISHED, profile="russia-ukraine"))
    assert xx == [("recapture", "Lyman", "UA", "2022-10-01", "liberated")]
    english = events_of_parsed(parse(liberated, PUBLISHED, nlp=get_nlp()), PUBLISHED,
                               profile="russia-ukraine")
    assert _changes(english) == [("recapture", "Lyman", "UA", "2022-10-01", "liberated")]
    assert not any("reconquer" in rule for e in english for rule in e.provenance)


def test_a_profile_language_chooses_the_pipeline_and_an_explicit_one_overrides(
        xx_packs, gazetteer, tmp_path, monkeypatch):
    from geo_events.events import extract_events
    from geo_events.events.api import pipeline_language
    from geo_events.events.profiles import load_profile
    from geo_events.geoparse import pipeline

    data = json.loads(load_profile("russia-ukraine").path.read_text(encoding="utf-8"))
    path = tmp_path / "ru-ua-xx.json"
    path.write_text(json.dumps({**data, "id": "ru-ua-xx", "language": "xx"}), encoding="utf-8")
    profile = load_profile(path)
    assert profile.language == "xx" and profile.side_of("Ukrainian forces") == "UA"
    assert pipeline_language(profile) == "xx" and pipeline_language(str(path)) == "xx"
    assert pipeline_language(profile, "en") == "en"
    assert pipeline_language("russia-ukraine") is None and pipeline_language(None) is None
    # the shared "xx" pipeline (no installed model reads "xx": set it up as get_nlp would)
    monkeypatch.setitem(pipeline._NLP, ("", "xx"), _pipeline("xx", gazetteer))
    assert _changes(extract_events(TEXT, PUBLISHED, profile=profile)) == [
        ("recapture", "Lyman", "UA", "2022-10-01", "reconquered")]
    assert not _changes(extract_events(TEXT, PUBLISHED, profile=profile, language="en"))


def test_a_language_without_a_pack_is_one_line_naming_it_when_the_pipeline_is_built(
        gazetteer):
    from geo_events.events import extract_events
    from geo_events.geoparse import load_pipeline

    with pytest.raises(LanguagePackError) as err:
        _pipeline("de", gazetteer)  # adding the geo_events components to a German pipeline
    message = str(err.value)
    assert "'de'" in message and "de.json" in message and "docs/languages.md" in message
    assert "the packs are en" in message and "\n" not in message
    with pytest.raises(LanguagePackError, match="'tlh'"):
        load_pipeline(language="tlh")
    with pytest.raises(LanguagePackError, match="'tlh'"):
        extract_events(ENGLISH, PUBLISHED, language="tlh")
    with pytest.raises(LanguagePackError, match="'tlh'"), using_language("tlh"):
        pass


def test_a_profile_naming_a_language_without_a_pack_names_the_file_and_key(tmp_path):
    from geo_events.events.profiles import load_profile

    path = tmp_path / "p.json"
    for language, message in (("tlh", "'language': no language pack for the language 'tlh'"),
                              (7, "'language' must be a language code")):
        path.write_text(json.dumps({"id": "p", "language": language,
                                    "sides": [{"id": "A"}, {"id": "B"}]}), encoding="utf-8")
        with pytest.raises(ProfileFileError, match=message) as err:
            load_profile(path)
        assert str(path) in str(err.value)


def test_the_events_command_takes_a_language(tmp_path, capsys):
    from geo_events.cli import main

    text = tmp_path / "a.txt"
    text.write_text(ENGLISH, encoding="utf-8")
    assert main(["events", str(text), "--language", "tlh"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("geo-events events: error: no language pack for the language 'tlh'")
    assert "\n" not in err
    assert main(["events", str(text), "--language", "en", "--published", "2022-10-06",
                 "--profile", "russia-ukraine"]) == 0
    assert "recapture" in capsys.readouterr().out


def test_the_run_and_map_commands_take_a_language(xx_packs, gazetteer, tmp_path, capsys,
                                                  monkeypatch):
    """``run --language`` reads a corpus with that language's pipeline and pack (the "xx"
    trigger is found only then), ``run``/``map`` with a language without a pack exit 2 with
    one line before any document is read."""
    from geo_events.cli import main
    from geo_events.geoparse import pipeline
    from geo_events.store import EventStore

    monkeypatch.setitem(pipeline._NLP, ("", "xx"), _pipeline("xx", gazetteer))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    for command in (["run", str(corpus), "--store", str(tmp_path / "tlh.gpkg")],
                    ["map", str(corpus / "a.txt"), "-o", str(tmp_path / "m.html")]):
        assert main([*command, "--language", "tlh", "--published", "2022-10-06"]) == 2
        err = capsys.readouterr().err.strip()
        assert "no language pack for the language 'tlh'" in err and "\n" not in err
    assert not (tmp_path / "tlh.gpkg").exists() and not (tmp_path / "m.html").exists()
    changes = {}
    for language in ("xx", "en"):
        store = tmp_path / f"{language}.gpkg"
        assert main(["run", str(corpus), "--store", str(store), "--published", "2022-10-06",
                     "--profile", "russia-ukraine", "--language", language, "--quiet"]) == 0
        with EventStore(store, create=False) as db:
            changes[language] = _changes(db.events())
    assert changes == {"xx": [("recapture", "Lyman", "UA", "2022-10-01", "reconquered")],
                       "en": []}


def test_a_pack_file_missing_or_misspelt_is_an_error_naming_the_file_and_key(tmp_path):
    from geo_events.errors import DataFileError
    from geo_events.language import read_pack

    root = _build_xx_pack(tmp_path / "packs")
    data = json.loads((root / "xx.json").read_text(encoding="utf-8"))
    for change, message in (
            (lambda f: f.__setitem__("lexicn", f.pop("lexicon")), "'files': unknown file"),
            (lambda f: f.pop("geoparse_cues"), "'geoparse_cues' must name an existing file"),
            (lambda f: f.__setitem__("place_rules", "xx/none.json"),
             "'place_rules' must name an existing file")):
        files = dict(data["files"])
        change(files)
        (root / "yy.json").write_text(json.dumps({**data, "files": files}), encoding="utf-8")
        with pytest.raises(DataFileError, match=message) as err:
            read_pack(root / "yy.json")
        assert str(root / "yy.json") in str(err.value)


def test_the_gazetteer_type_words_are_the_english_packs(tmp_path):
    """The words the gazetteer builds unit names from ("<base> region", "Luhanska oblast")
    are the English pack's ``gazetteer_names``; a misspelt or missing key names the file."""
    from geo_events.errors import DataFileError
    from geo_events.gazetteer import admin2, aliases

    names = aliases.gazetteer_names()
    assert aliases.gazetteer_names_path() == language_pack("en").files["gazetteer_names"]
    assert names.type_words == aliases.TYPE_WORDS and "oblast'" in names.type_words
    assert names.generated_types == aliases.GENERATED_TYPES
    assert names.admin2_type_words == admin2.TYPE_WORDS >= {"county", "parish", "raion"}
    assert aliases.split_type("luhanska oblast") == ("luhanska", "oblast")
    derived = aliases.derive_admin_names(["Luhans'ka Oblast'"],
                                         [("Luhansk", ["Luhansk", "Lugansk"])])
    assert {"luhansk region", "lugansk oblast", "luhanska oblast"} <= derived.typed
    data = json.loads(aliases.gazetteer_names_path().read_text(encoding="utf-8"))
    for change, message in ((lambda d: d.__setitem__("type_word", d.pop("type_words")),
                             "unknown key 'type_word'"),
                            (lambda d: d.pop("city_type"), "lacks the key 'city_type'"),
                            (lambda d: d["adjectival_forms"][0].pop("form"), "form")):
        bad = json.loads(json.dumps(data))
        change(bad)
        path = tmp_path / "names.json"
        path.write_text(json.dumps(bad), encoding="utf-8")
        with pytest.raises(DataFileError, match=message) as err:
            aliases.read_gazetteer_names(path)
        assert str(path) in str(err.value)


def test_no_label_is_written_in_the_extraction_or_geoparser_code():
    """The dependency labels, tags and entity labels the mechanisms compare tokens with are
    the pack's sets (``pack.deps["..."]``), never string literals in the code."""
    import re

    import geo_events

    package = Path(geo_events.__file__).parent
    compared = re.compile(r"\.(?:dep_|pos_|tag_|label_|ent_type_|ner_label)\s*"
                          r"(?:==|!=|(?:not\s+)?in)\s*[\"'(\[{]")
    found = [f"{path.relative_to(package)}:{n}: {line.strip()}"
             for folder in ("events", "geoparse")
             for path in sorted((package / folder).glob("*.py"))
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if compared.search(line)]
    assert not found, found
