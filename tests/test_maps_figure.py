"""Figures for print: ``geo-events map ... -o map.png`` and ``render_static_map``."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from maps_fixtures import PAYLOADS, SIDES, control_events

from geo_events.cli import main
from geo_events.errors import InputError
from geo_events.maps.figure import render_static_map

ROOT = Path(__file__).resolve().parents[1]
PIL = pytest.importorskip("PIL.Image", reason="Pillow comes with matplotlib")


def _pixels(path: Path) -> np.ndarray:
    with PIL.open(path) as im:
        return np.asarray(im.convert("RGB"), dtype=np.int16)


def _has_colour(pixels: np.ndarray, hex_colour: str, tolerance: int = 12) -> bool:
    target = np.array([int(hex_colour[k:k + 2], 16) for k in (1, 3, 5)])
    return bool((np.abs(pixels - target).max(axis=2) <= tolerance).sum() >= 20)


@pytest.fixture(scope="module")
def flagship_png(tmp_path_factory) -> Path:
    pytest.importorskip("geo_events.events", reason="event extraction not in this tree")
    out = tmp_path_factory.mktemp("figure") / "flagship.png"
    assert main(["map", str(ROOT / "examples" / "flagship.jsonl"), "-o", str(out)]) == 0
    return out


def test_flagship_png_is_a_readable_column_figure(flagship_png, capsys):
    with PIL.open(flagship_png) as im:
        width, height = im.size
    assert 950 <= width <= 1100 and 600 <= height <= 1600  # 8.5 cm at 300 dpi
    assert 20_000 < flagship_png.stat().st_size < 2_000_000
    pixels = _pixels(flagship_png)
    assert pixels.std() > 20  # not blank
    # the sides' profile colours are drawn (Ukraine's Lyman, Russia's annexation claims)
    assert _has_colour(pixels, "#0077bb") and _has_colour(pixels, "#cc3311")


def test_figure_has_legend_names_date_labels_and_credits(tmp_path):
    fig = render_static_map(control_events(), profile="russia-ukraine",
                            as_of=date(2022, 10, 5))
    texts = [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))]
    joined = "\n".join(texts)
    assert "Ukrainian forces" in joined and "Russian forces" in joined  # names, not codes
    assert "As of 2022-10-05" in texts
    assert "Lyman" in texts and "Kherson" in texts  # main places labelled
    assert "GeoNames (CC BY 4.0)" in joined and "Natural Earth" in joined
    legends = [a for ax in fig.axes if (a := ax.get_legend()) is not None]
    assert legends and "RU" not in [t.get_text() for t in legends[0].get_texts()]


def test_as_of_draws_the_state_of_that_day(tmp_path):
    early = render_static_map(control_events(), sides=SIDES, as_of=date(2022, 3, 2))
    texts = [t.get_text() for t in early.findobj(lambda a: hasattr(a, "get_text"))]
    assert "As of 2022-03-02" in texts and "Lyman" not in texts  # captured in May
    with pytest.raises(InputError, match="2000-01-01"):
        render_static_map(control_events(), as_of=date(2000, 1, 1))


def test_svg_keeps_place_names_as_escaped_text(tmp_path):
    out = tmp_path / "hostile.svg"
    render_static_map(control_events(hostile=True), out, sides=SIDES)
    svg = out.read_text(encoding="utf-8")
    root = ET.fromstring(svg)  # well-formed whatever the names say
    assert "<img" not in svg and "<script" not in svg
    shown = "".join(root.itertext())
    assert "Lyman" in shown and PAYLOADS[0] in shown  # markup kept as text, escaped
    assert "`${window.__pwned=4}`" in shown  # "$" stays literal, not mathtext


def test_pdf_follows_the_extension(tmp_path):
    out = tmp_path / "m.pdf"
    render_static_map(control_events(), out, sides=SIDES)
    assert out.read_bytes().startswith(b"%PDF")


def test_bad_extension_is_a_one_line_error(tmp_path, capsys):
    out = tmp_path / "map.bmp"
    code = main(["map", str(ROOT / "examples" / "flagship.jsonl"), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and not out.exists()
    assert err.count("\n") == 1 and "map.bmp" in err and ".png" in err and ".html" in err


def test_figure_to_a_directory_is_a_one_line_error(tmp_path, capsys):
    from geo_events.model import Article
    from geo_events.store import EventStore

    store = tmp_path / "e.gpkg"
    with EventStore(store) as db:
        db.add_document(Article("text", source="test"), control_events())
    target = tmp_path / "out.png"
    target.mkdir()
    code = main(["map", str(store), "-o", str(target)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "folder" in err


def _baseline(tmp_path: Path, side: str) -> Path:
    import geopandas as gpd
    import shapely

    # a box around Kherson, written for this test
    frame = gpd.GeoDataFrame({"side": [side], "date": ["2022-06-01"]},
                             geometry=[shapely.box(32.3, 46.4, 33.0, 46.9)], crs="EPSG:4326")
    path = tmp_path / f"baseline_{side}.geojson"
    frame.to_file(path, driver="GeoJSON")
    return path


def test_a_figure_draws_the_baseline_layer_and_the_cli_passes_it(tmp_path, capsys):
    from geo_events.control_start import load_baseline

    base = load_baseline(_baseline(tmp_path, "RU"))
    fig = render_static_map(control_events(), profile="russia-ukraine",
                            as_of=date(2022, 10, 5), baseline=base)
    legend = next(a for ax in fig.axes if (a := ax.get_legend()) is not None)
    assert "Baseline layer of 2022-06-01 (dotted)" in [t.get_text() for t in legend.get_texts()]
    plain = render_static_map(control_events(), profile="russia-ukraine",
                              as_of=date(2022, 10, 5))
    legend = next(a for ax in plain.axes if (a := ax.get_legend()) is not None)
    assert not any("Baseline" in t.get_text() for t in legend.get_texts())
    # the command reads --baseline for a figure too: a side the profile lacks is its error
    out = tmp_path / "map.png"
    bad = _baseline(tmp_path, "XX")
    code = main(["map", str(ROOT / "examples" / "flagship.jsonl"), "-o", str(out),
                 "--profile", "russia-ukraine", "--baseline", str(bad)])
    err = capsys.readouterr().err
    assert code == 2 and "'XX'" in err and not out.exists()
    code = main(["map", str(ROOT / "examples" / "flagship.jsonl"), "-o", str(out),
                 "--profile", "russia-ukraine", "--baseline", str(_baseline(tmp_path, "RU"))])
    assert code == 0 and out.stat().st_size > 20_000
