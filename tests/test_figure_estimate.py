"""Figures draw the estimated control area as the HTML map does: ``geo-events map ... -o
map.png`` shades the estimate of the day (``--no-estimate`` leaves it out), held ground in the
side's colour, claimed, contested and unknown ground each in its own style, named in the legend
(real boundaries and the figure's pixels)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
import pytest
import shapely
from maps_fixtures import control_events, control_store

from geo_events.cli import main
from geo_events.maps._geometry import boundaries_available
from geo_events.maps.control import control_page_data
from geo_events.maps.figure import ESTIMATE_STYLES, render_static_map
from geo_events.model import Event, Place

PIL = pytest.importorskip("PIL.Image", reason="Pillow comes with matplotlib")
pytestmark = pytest.mark.skipif(not boundaries_available(), reason="needs the boundaries")

AS_OF = date(2022, 8, 2)
#: the estimate's rows in the legend, as the interactive map's legend names them
LEGEND = {state: " ".join(style["label"].split()) for state, style in ESTIMATE_STYLES.items()}


def _events() -> list[Event]:
    """control_events (Kherson and Lyman held by Russia, Bakhmut contested on 2022-08-01) read
    with the russia-ukraine profile, plus a capture Russia alone claims of a town far from the
    others (its ground is claimed, not held)."""
    town = Place("gn:test-town", "Claimed Town", "populated_place", 50.3, 32.4, "UA",
                 country_name="Ukraine")
    claimed = Event("capture", town, date(2022, 7, 25), date(2022, 7, 25), "day", gain="RU",
                    loss="UA", status="claimed", article_id="a3")
    return [replace(e, profile="russia-ukraine") for e in [*control_events(), claimed]]


def _legend(fig) -> list[str]:
    legend = next(a for ax in fig.axes if (a := ax.get_legend()) is not None)
    return [" ".join(t.get_text().split()) for t in legend.get_texts()]  # lines joined


def _states(data: dict) -> set[str]:
    return {f["properties"]["state"] for f in data["estimate"][-1]["features"]["features"]
            if not shapely.geometry.shape(f["geometry"]).is_empty}


def test_the_figure_draws_every_state_of_the_estimate_with_its_legend():
    events = _events()
    data = control_page_data(events, profile="russia-ukraine", max_estimates=1)
    states = _states(data)
    assert {"held", "claimed", "contested", "unknown"} <= states  # the fixture has all four
    fig = render_static_map(events, profile="russia-ukraine", as_of=AS_OF)
    labels = _legend(fig)
    for state in ("held", "claimed", "contested", "unknown"):
        assert LEGEND[state] in labels, (state, labels)
    # each state is drawn in its own style: hatches and outlines of the map's conventions
    map_ax = fig.axes[0]
    hatches = {(c.get_hatch(), c.get_linestyle()[0][1] is None) for c in map_ax.collections
               if c.get_hatch()}
    assert {h for h, _ in hatches} >= {"////", "xxxx"}
    texts = [t.get_text() for t in fig.texts]
    assert any("Shaded areas: an estimate from evidence up to 2022-08-01, not a front line" in t
               for t in texts)  # Bakhmut's fighting, the newest evidence


def test_no_estimate_is_drawn_without_it():
    fig = render_static_map(_events(), profile="russia-ukraine", as_of=AS_OF, estimate=False)
    assert not any(label.startswith("Estimate:") for label in _legend(fig))
    assert not any("Shaded areas" in t.get_text() for t in fig.texts)


def _pixels(path: Path) -> np.ndarray:
    with PIL.open(path) as im:
        return np.asarray(im.convert("RGB"), dtype=np.int16)


def _count(pixels: np.ndarray, hex_colour: str, tolerance: int = 10) -> int:
    target = np.array([int(hex_colour[k:k + 2], 16) for k in (1, 3, 5)])
    return int((np.abs(pixels - target).max(axis=2) <= tolerance).sum())


def test_the_cli_png_shades_the_estimate_and_no_estimate_leaves_it_out(tmp_path):
    store = control_store(tmp_path / "events.gpkg", _events())
    shaded, plain = tmp_path / "shaded.png", tmp_path / "plain.png"
    assert main(["map", str(store), "-o", str(shaded), "--as-of", AS_OF.isoformat(),
                 "--profile", "russia-ukraine"]) == 0
    assert main(["map", str(store), "-o", str(plain), "--as-of", AS_OF.isoformat(),
                 "--profile", "russia-ukraine", "--no-estimate"]) == 0
    # the Russian colour at 30 % over the land covers many more pixels with the estimate
    # (Crimea, the south) than the settlement markers alone give
    from geo_events.events.profiles import load_profile

    red = load_profile("russia-ukraine").colours()["RU"]
    from geo_events.maps.figure import _LAND

    over_land = _blend(red, 0.3, _LAND)
    a, b = _count(_pixels(shaded), over_land), _count(_pixels(plain), over_land)
    assert a > 2_000 and a > 10 * max(b, 1), (a, b)


def _blend(hex_colour: str, alpha: float, under: str) -> str:
    top = [int(hex_colour[k:k + 2], 16) for k in (1, 3, 5)]
    low = [int(under[k:k + 2], 16) for k in (1, 3, 5)]
    return "#" + "".join(f"{round(alpha * t + (1 - alpha) * u):02x}" for t, u in zip(top, low,
                                                                                     strict=True))

