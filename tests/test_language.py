"""The language pack: one schema-checked file per language, selected by the pipeline's
language; months, weekdays and the wire dateline defined once."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from geo_events.errors import DataFileError
from geo_events.language import LANG_DIR, available_languages, language_pack, read_pack


def test_english_pack_loads_once():
    pack = language_pack("en")
    assert pack is language_pack("en")
    assert "en" in available_languages()
    assert pack.month_number("Sept.") == 9 and pack.month_number("december") == 12
    assert pack.weekdays[0] == "monday" and len(pack.weekdays) == 7
    assert "nsubjpass" in pack.deps["subject"] and "dobj" in pack.deps["object"]
    assert "VBN" in pack.tags["participle"] and "PROPN" in pack.pos["noun"]
    assert {"back", "out", "over", "off"} <= pack.particles


def test_unknown_language_names_the_language_and_the_packs():
    with pytest.raises(DataFileError) as err:
        language_pack("tlh")
    message = str(err.value)
    assert "'tlh'" in message and "the packs are en" in message
    assert str(LANG_DIR) in message


def _write(tmp_path, **changes):
    data = json.loads((LANG_DIR / "en.json").read_text(encoding="utf-8"))
    data["files"] = {k: str(LANG_DIR / v) for k, v in data["files"].items()}  # a copy elsewhere
    data.update(changes)
    path = tmp_path / "xx.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_schema_unknown_key_names_file_and_key(tmp_path):
    path = _write(tmp_path, month_names={"jan": 1})
    with pytest.raises(DataFileError, match=r"xx\.json: unknown key 'month_names'"):
        read_pack(path)


def test_schema_misspelt_label_set(tmp_path):
    deps = dict(json.loads((LANG_DIR / "en.json").read_text(encoding="utf-8"))["deps"])
    deps["objects"] = deps.pop("object")
    with pytest.raises(DataFileError, match=r"'deps': unknown set 'objects'"):
        read_pack(_write(tmp_path, deps=deps))


def test_schema_bad_months_and_weekdays(tmp_path):
    with pytest.raises(DataFileError, match="'months'"):
        read_pack(_write(tmp_path, months={"jan": 13}))
    with pytest.raises(DataFileError, match="'weekdays'"):
        read_pack(_write(tmp_path, weekdays=["monday"]))


def test_dateline_defined_once_for_reader_and_splitter():
    from geo_events import readers
    from geo_events.geoparse import components

    pack = language_pack("en")
    assert readers._dateline_re().pattern == pack.dateline_regex(
        date_required=True, after_sentence=False).pattern
    assert components.DATELINE.pattern == pack.dateline_regex(
        date_required=False, after_sentence=True).pattern
    for text in ("KYIV, Sept 10 (Reuters) - Troops advanced.",
                 "MOSCOW/KYIV, Oct 3 - Troops advanced.",
                 "GOMA, Democratic Republic of Congo, Jan 27, 2023 (AP) — Rebels advanced."):
        assert readers._dateline_re().search(text), text
        assert components.DATELINE.search(text), text
    assert components.DATELINE.search("KHARTOUM (AP) — Fighting went on.")
    assert not readers._dateline_re().search("KHARTOUM (AP) — Fighting went on.")
    day, how = readers.dateline_date("KYIV, Sept 10 (Reuters) - Troops advanced in 2022.",
                                     today=date(2023, 1, 1))
    assert day == date(2022, 9, 10) and "year from the text" in how


def test_dates_read_month_and_weekday_names_from_the_pack():
    from geo_events.events.dates import find_dates

    found = find_dates("On 3 Sept 2022 and on Monday troops advanced.", date(2022, 9, 14))
    assert [d.range.date_from for d in found] == [date(2022, 9, 3), date(2022, 9, 12)]
    pack = language_pack("en")
    assert re.fullmatch(pack.month_alternation(), "September")
    assert not re.fullmatch(pack.month_alternation(), "september")


def test_a_bad_pack_file_is_a_one_line_error_of_every_command(tmp_path):
    """The pack is read when a command needs it, not when geo_events is imported: a misspelt
    label set in a user's pack (found first through $GEO_EVENTS_LANGUAGE_PACKS) is the
    command's one-line error (exit 2) naming the file and the key, never a traceback."""
    import os
    import shutil
    import subprocess
    import sys

    data = json.loads((LANG_DIR / "en.json").read_text(encoding="utf-8"))
    data["deps"]["objekt"] = data["deps"].pop("object")
    (tmp_path / "en.json").write_text(json.dumps(data), encoding="utf-8")
    shutil.copytree(LANG_DIR / "en", tmp_path / "en")
    text = tmp_path / "a.txt"
    text.write_text("Ukrainian troops recaptured Lyman on Saturday.", encoding="utf-8")
    env = {**os.environ, "GEO_EVENTS_LANGUAGE_PACKS": str(tmp_path)}
    for command in (["events", str(text)], ["geoparse", str(text)]):
        r = subprocess.run([sys.executable, "-m", "geo_events", *command], env=env,
                           capture_output=True, text=True)
        assert r.returncode == 2, r.stderr
        assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
        assert str(tmp_path / "en.json") in r.stderr and "'objekt'" in r.stderr
