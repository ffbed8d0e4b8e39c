"""National spellings are a per-country plug-in (:mod:`geo_events.gazetteer.spellings`, in the
registry style of the codifiers): the gazetteer build indexes the spellings of a place's
country's plug-in and never branches on a country code itself."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from geo_events.gazetteer import katottg, spellings
from geo_events.gazetteer.build import _Builder
from geo_events.gazetteer.kinds import MatchKind
from geo_events.gazetteer.normalize import name_hash, normalize_name

PACKAGE = Path(spellings.__file__).resolve().parent


def test_ukraine_registers_its_national_spellings():
    assert "UA" in spellings.spelled_countries()
    assert spellings.spellings_for("UA") is katottg.national_spellings
    assert spellings.national_spellings("UA", ["Високопілля", "Kronau"]) == ["Vysokopillia"]
    # a country without a plug-in, or no country, adds none (not Ukraine's by default)
    assert spellings.national_spellings("BY", ["Високопілля"]) == []
    assert spellings.national_spellings(None, ["Високопілля"]) == []


def _indexed(b: _Builder, row: int, name: str) -> int | None:
    return b.postings.get(name_hash(normalize_name(name)), {}).get(row)


@pytest.fixture()
def toy_plugin(monkeypatch):
    """A plug-in of our own for a country without one: "-ya" endings spelt "-ia"."""
    monkeypatch.setattr(spellings, "_REGISTRY", dict(spellings._REGISTRY))
    spellings.register("zz", lambda names: [n[:-2] + "ia" for n in names if n.endswith("ya")])
    return "ZZ"


def test_the_builder_indexes_the_spellings_of_the_places_country(toy_plugin):
    b = _Builder()
    mine = b.add_place(id="gn:1", name="Novaya", country_code=toy_plugin)
    other = b.add_place(id="gn:2", name="Staraya", country_code="YY")
    alt = b.add_alternates(mine, toy_plugin, "Novaya", ["Novaya", "The Novaya"])
    assert alt == ["Novaya", "The Novaya", "Novaia", "The Novaia"]  # after GeoNames' own
    assert _indexed(b, mine, "Novaia") == MatchKind.ALTERNATE
    assert _indexed(b, mine, "Novaya") == MatchKind.ALTERNATE  # the article-less alternate too
    assert b.add_alternates(other, "YY", "Staraya", ["Staraya"]) == ["Staraya"]
    assert _indexed(b, other, "Staraia") is None  # no plug-in for YY: no spelling added


def _country_literals(path: Path) -> list[tuple[int, str]]:
    """Comparisons of a value with a two-letter upper-case string literal ("UA")."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Compare):
            for side in (node.left, *node.comparators):
                if isinstance(side, ast.Constant) and isinstance(side.value, str) \
                        and len(side.value) == 2 and side.value.isupper():
                    found.append((node.lineno, side.value))
    return found


@pytest.mark.parametrize("module", ["build.py", "country_dumps.py"])
def test_the_gazetteer_build_branches_on_no_country(module):
    assert _country_literals(PACKAGE / module) == []
