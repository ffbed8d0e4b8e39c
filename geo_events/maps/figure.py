"""Figures for print: a static map of reported control on one day (PNG, SVG or PDF).

:func:`render_static_map` draws what the interactive control map shows at its ``as_of`` date,
from the same page data (:func:`geo_events.maps.control.control_page_data`), so statuses, side
names and colours are the same: admin units shaded by status (annexation claims dashed),
settlements coloured by reported controller (unconfirmed claims hollow and dashed, contested
amber, unknown grey), the estimated control area of the day as the interactive map draws it
(held ground in the side's colour, claimed ground hatched in the claimant's colour, contested
ground cross-hatched, ground with no evidence hatched grey; :data:`ESTIMATE_STYLES`), name
labels for the main places (:mod:`geo_events.maps.labels`, those that fit without
overlapping), a legend with the sides' names and the estimate's states, the date, and the
attribution GeoNames' licence requires.

Sizes: the default is one journal column, :data:`COLUMN_WIDTH_CM` wide at :data:`DPI` dots per
inch (about 1,000 pixels), type at 5.5-8 pt. The map is drawn in a Lambert azimuthal
equal-area projection centred on the places shown. SVG keeps text as text (editable, and place
names are XML-escaped by the writer); PDF embeds TrueType fonts. Place names reach matplotlib
through :func:`_plain`, which keeps ``$`` from starting mathtext.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import geopandas as gpd
import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.transforms import Bbox
from shapely.geometry import Point, shape

from geo_events.control_rules import ControlRules
from geo_events.errors import DataFileError, InputError
from geo_events.events.profiles import Profile
from geo_events.maps.area import WGS84, equal_area_crs
from geo_events.maps.control import control_page_data, event_date
from geo_events.maps.page import ATTRIBUTION
from geo_events.model import Event

#: Output formats by file extension.
FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}

#: Default figure width (one journal column) and resolution of raster output.
COLUMN_WIDTH_CM = 8.5
DPI = 300

#: Most settlement labels on a figure (fewer when they would overlap).
MAX_LABELS = 12

_LAND, _SEA, _BORDER = "#f4f1ea", "#dcebf3", "#8c8c8c"
_FONT = {"title": 8.0, "subtitle": 6.5, "label": 6.0, "area": 5.5, "legend": 6.0, "credit": 5.0}


def figure_format(path: str | Path) -> str:
    """The figure format of ``path`` by its extension (``png``, ``svg`` or ``pdf``).

    Raises :class:`InputError` naming the path and the extensions that work.
    """
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise InputError(f"cannot tell the figure format of {str(path)!r}: use a .png, .svg or "
                         ".pdf file name (or .html for an interactive map)")
    return FORMATS[suffix]


def render_static_map(
    events: Sequence[Event],
    path: str | Path | None = None,
    *,
    profile: str | Profile | None = None,
    sides: Mapping[str, Mapping[str, Any]] | None = None,
    as_of: date | None = None,
    title: str | None = None,
    width_cm: float = COLUMN_WIDTH_CM,
    dpi: int = DPI,
    max_labels: int = MAX_LABELS,
    estimate: bool = True,
    start: bool = True,
    baseline: gpd.GeoDataFrame | None = None,
    rules: ControlRules | None = None,
) -> Figure:
    """Draw reported control as of ``as_of`` (default: the last event's date) as a figure.

    ``events``, ``profile`` and ``sides`` as for :func:`geo_events.maps.control.control_map`
    (events after ``as_of`` are left out). ``path``: also write the figure there, in the
    format its extension names (:data:`FORMATS`; :class:`InputError` otherwise, before any
    drawing; :class:`DataFileError` when it cannot be written). ``width_cm``: figure width in
    centimetres; ``dpi``: resolution of PNG output. ``estimate`` (default True, as the
    interactive map): also shade the estimated control area of the day
    (:mod:`geo_events.maps.area`; held, claimed, contested and unknown ground drawn as the
    interactive map draws them, :data:`ESTIMATE_STYLES`; credited as an estimate with its date
    and newest evidence). ``start``
    and ``baseline`` as for :func:`~geo_events.maps.control.control_map`: the profile's
    starting state, and a user's baseline layer (drawn as dotted outlines of its sides' colours
    dated in the legend) that reporting updates; ``rules`` the control timeline's rules (None:
    the shipped ones). Returns the
    matplotlib :class:`~matplotlib.figure.Figure` (`fig.savefig(...)`, or `display(fig)` in a
    notebook with the inline backend).
    """
    fmt = figure_format(path) if path is not None else None
    evs = [e for e in events if as_of is None or (event_date(e) or date.min) <= as_of]
    if not evs:
        raise InputError("no events to draw" + (f" on or before {as_of.isoformat()}"
                                                if as_of else "")
                         + "; check the input files, --published dates and --as-of")
    data = control_page_data(evs, sides=sides, profile=profile, estimate=estimate,
                             max_estimates=1, start=start, baseline=baseline, rules=rules)
    day = as_of.isoformat() if as_of else data["dates"][-1]
    fig = _draw(data, title or "Reported territorial control", day, width_cm, dpi, max_labels)
    if path is not None and fmt is not None:
        save_figure(fig, path, fmt, dpi)
    return fig


def save_figure(fig: Figure, path: str | Path, fmt: str | None = None, dpi: int = DPI) -> None:
    """Write ``fig`` to ``path`` (format from the extension unless ``fmt``); SVG text stays
    text and PDF fonts are TrueType, so both can be edited for print."""
    fmt = fmt or figure_format(path)
    target = Path(path)
    if target.is_dir():
        raise DataFileError(f"cannot write the figure to {target}: it is a folder; "
                            "give a file name such as map.png")
    with matplotlib.rc_context({"svg.fonttype": "none", "pdf.fonttype": 42}):
        try:
            fig.savefig(target, format=fmt, dpi=dpi, facecolor="white",
                        metadata=_metadata(fmt))
        except OSError as exc:
            raise DataFileError(f"cannot write the figure to {target}: "
                                f"{exc.strerror or exc}") from exc


def _metadata(fmt: str) -> dict[str, str]:
    credit = "geo_events; " + ATTRIBUTION
    return {"png": {"Software": credit}, "svg": {"Creator": credit},
            "pdf": {"Creator": credit}}[fmt]


def _plain(text: str) -> str:
    """User text as literal matplotlib text: ``$`` would start mathtext."""
    return text.replace("$", r"\$")


# -- drawing ---------------------------------------------------------------------------------

def _draw(data: dict[str, Any], title: str, day: str, width_cm: float, dpi: int,
          max_labels: int) -> Figure:
    i = len(data["dates"]) - 1
    crs = _crs(data)
    frame = _frame(data, crs)
    width = width_cm / 2.54
    minx, miny, maxx, maxy = frame
    aspect = min(1.3, max(0.55, (maxy - miny) / max(maxx - minx, 1.0)))
    legend = _legend_entries(data, i)
    ncol = 2 if len(legend) > 5 else 1
    per_col = -(-len(legend) // ncol)  # matplotlib fills the columns one after the other
    lines = [1 + h.get_label().count("\n") for h in legend]
    rows = max((sum(lines[k:k + per_col]) for k in range(0, len(lines), per_col)), default=0)
    credit = ATTRIBUTION + (f"\n{_estimate_note(data)}" if _estimate_features(data) else "")
    top_in, map_in = 0.36, width * aspect
    legend_in, credit_in = 0.1 + 0.115 * rows, 0.22 + 0.1 * credit.count("\n")
    height = top_in + map_in + legend_in + credit_in
    fig = Figure(figsize=(width, height), dpi=dpi)
    FigureCanvasAgg(fig)

    def frac(y_in: float) -> float:
        return y_in / height

    ax = fig.add_axes((0.0, frac(legend_in + credit_in), 1.0, frac(map_in)))
    ax.set_facecolor(_SEA)
    ax.set_xlim(minx, maxx)
    ax.set_ylim(miny, maxy)
    ax.set_aspect("equal", adjustable="datalim")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_linewidth(0.5)
    _draw_base(ax, data, crs)
    _draw_baseline(ax, data, crs)
    if data.get("estimate"):
        _draw_estimate(ax, data, crs)
    _draw_areas(ax, data, crs, i)
    points = _draw_points(ax, data, crs, i)
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.set_xlim(minx, maxx)
    ax.set_ylim(miny, maxy)
    _draw_labels(fig, ax, data, crs, points, max_labels)

    fig.text(0.02, 1 - frac(0.05), _plain(title), ha="left", va="top",
             fontsize=_FONT["title"], fontweight="bold")
    fig.text(0.02, 1 - frac(0.22), f"As of {day}" if day != "undated" else "Undated reports",
             ha="left", va="top", fontsize=_FONT["subtitle"])
    leg_ax = fig.add_axes((0.0, frac(credit_in), 1.0, frac(legend_in)))
    leg_ax.axis("off")
    leg_ax.legend(handles=legend, loc="upper left", ncol=ncol, frameon=False,
                  fontsize=_FONT["legend"], handlelength=1.2, handletextpad=0.5,
                  columnspacing=1.0, borderaxespad=0.3, labelspacing=0.35)
    fig.text(0.02, frac(0.08), credit, ha="left", va="bottom", fontsize=_FONT["credit"],
             color="#444")
    return fig


def _crs(data: dict[str, Any]) -> Any:
    lat, lon = data.get("center") or (0.0, 0.0)
    return equal_area_crs(Point(lon, lat))


def _frame(data: dict[str, Any], crs: Any) -> tuple[float, float, float, float]:
    """Projected ``(minx, miny, maxx, maxy)`` of the page's bounds (or around its centre)."""
    bounds = data.get("bounds")
    if bounds is None:
        lat, lon = data.get("center") or (0.0, 0.0)
        bounds = [[lat - 1, lon - 1], [lat + 1, lon + 1]]
    (s, w), (n, e) = bounds
    from shapely.geometry import box

    box_ea = gpd.GeoSeries([box(w, s, e, n)], crs=WGS84).to_crs(crs).total_bounds
    return tuple(float(v) for v in box_ea)  # type: ignore[return-value]


def _geoseries(geoms: Sequence[Any], crs: Any) -> gpd.GeoSeries:
    return gpd.GeoSeries(list(geoms), crs=WGS84).to_crs(crs)


def _draw_base(ax: Any, data: dict[str, Any], crs: Any) -> None:
    features = (data.get("base") or {}).get("features") or []
    if not features:
        return
    base = _geoseries([shape(f["geometry"]) for f in features], crs)
    base.plot(ax=ax, facecolor=_LAND, edgecolor=_BORDER, linewidth=0.3, zorder=1)


def _entry_at(series: Sequence[Mapping[str, Any]], i: int) -> Mapping[str, Any] | None:
    found = None
    for entry in series:
        if entry["d"] <= i:
            found = entry
        else:
            break
    return found


def _estimate_note(data: dict[str, Any]) -> str:
    """The credit's words on the estimate: an estimate, not a front line, and the date of
    its newest evidence, as the interactive map's legend note gives it."""
    newest = max((str(f["properties"].get("last_evidence") or "")
                  for f in _estimate_features(data)), default="")
    return "Shaded areas: an estimate" + (f" from evidence up to {newest}" if newest else "") \
        + ", not a front line"


def _color(data: dict[str, Any], side: str | None) -> str:
    spec = data["sides"].get(side or "")
    return spec["color"] if spec else data["states"]["unknown"]["color"]


#: How the estimate's states are drawn, as the interactive map's estimate layer
#: (``estimateStyle`` in ``static/geo_events_map.js``): held filled in the side's colour,
#: claimed hatched in the claimant's colour with a dashed outline, contested cross-hatched in
#: the contested colour, unknown hatched grey with a dotted outline. ``colour``: ``side`` (the
#: feature's side) or a state of the page's ``states``; ``label``: the legend's words.
ESTIMATE_STYLES: dict[str, dict[str, Any]] = {
    "held": {"colour": "side", "fill_alpha": 0.3, "hatch": None, "linestyle": "-",
             "label": "Estimate: held"},
    "claimed": {"colour": "side", "fill_alpha": 0.0, "hatch": "////", "linestyle": "--",
                "label": "Estimate: claimed, unconfirmed"},
    "contested": {"colour": "contested", "fill_alpha": 0.0, "hatch": "xxxx", "linestyle": "--",
                  "label": "Estimate: contested"},
    "unknown": {"colour": "unknown", "fill_alpha": 0.0, "hatch": "////", "linestyle": ":",
                "label": "Estimate: unknown, no evidence"},
}


def _estimate_features(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The features of the last estimated-area snapshot (the day drawn), non-empty ones."""
    if not data.get("estimate"):
        return []
    return [f for f in data["estimate"][-1]["features"]["features"]
            if f.get("geometry") and not shape(f["geometry"]).is_empty]


def _draw_estimate(ax: Any, data: dict[str, Any], crs: Any) -> None:
    """The last estimated-area snapshot, styled as the interactive map's estimate layer
    (:data:`ESTIMATE_STYLES`): held, claimed, contested and unknown ground each distinct."""
    for f in _estimate_features(data):
        props = f["properties"]
        style = ESTIMATE_STYLES.get(props.get("state") or "held", ESTIMATE_STYLES["unknown"])
        c = _color(data, props.get("side")) if style["colour"] == "side" \
            else data["states"][style["colour"]]["color"]
        geom = _geoseries([shape(f["geometry"])], crs)
        if style["fill_alpha"]:
            geom.plot(ax=ax, facecolor=c, alpha=style["fill_alpha"], edgecolor="none",
                      zorder=2)
        geom.plot(ax=ax, facecolor="none", edgecolor=c, linewidth=0.5,
                  linestyle=style["linestyle"], hatch=style["hatch"], zorder=2)


def _draw_baseline(ax: Any, data: dict[str, Any], crs: Any) -> None:
    """The user's baseline layer, as the interactive map's: lightly filled, dotted outline."""
    for f in (data.get("baseline") or {}).get("features") or []:
        c = _color(data, f["properties"].get("side"))
        geom = _geoseries([shape(f["geometry"])], crs)
        geom.plot(ax=ax, facecolor=c, alpha=0.1, edgecolor="none", zorder=1.5)
        geom.plot(ax=ax, facecolor="none", edgecolor=c, linewidth=0.6, linestyle=":",
                  zorder=1.5)


def _draw_areas(ax: Any, data: dict[str, Any], crs: Any, i: int) -> None:
    states = data["states"]
    for item in data.get("areas") or []:
        entry = _entry_at(item["series"], i)
        geom = _geoseries([shape(item["geometry"])], crs)
        style: dict[str, Any] = {"facecolor": "none", "edgecolor": "#777", "linewidth": 0.4}
        if entry is not None and entry["s"] == "control":
            c = _color(data, entry["side"])
            style = {"facecolor": c, "alpha": 0.35 if entry["confirmed"] else 0.18,
                     "edgecolor": c, "linewidth": 0.8,
                     "linestyle": "-" if entry["confirmed"] else "--"}
        elif entry is not None and entry["s"] == "claimed":
            c = _color(data, entry["side"])
            geom.plot(ax=ax, facecolor=c, alpha=0.12, edgecolor="none", zorder=3)
            style = {"facecolor": "none", "edgecolor": c, "linewidth": 1.0, "linestyle": "--"}
        elif entry is not None and entry["s"] == "contested":
            c = states["contested"]["color"]
            style = {"facecolor": c, "alpha": 0.3, "edgecolor": c, "linewidth": 0.8,
                     "linestyle": "--"}
        elif entry is not None:
            c = states["unknown"]["color"]
            style = {"facecolor": c, "alpha": 0.2, "edgecolor": "#777", "linewidth": 0.6,
                     "linestyle": ":"}
        geom.plot(ax=ax, zorder=3, **style)


def _marker_style(data: dict[str, Any], entry: Mapping[str, Any]) -> dict[str, Any]:
    states = data["states"]
    if entry["s"] == "control":
        c = _color(data, entry["side"])
        if entry["confirmed"]:
            return {"facecolor": c, "edgecolor": "#222222", "linestyle": "-"}
        return {"facecolor": "white", "edgecolor": c, "linestyle": "--"}
    if entry["s"] == "contested":
        return {"facecolor": states["contested"]["color"], "edgecolor": "#222222",
                "linestyle": "--"}
    if entry["s"] == "claimed":
        return {"facecolor": "white", "edgecolor": _color(data, entry["side"]),
                "linestyle": "--"}
    return {"facecolor": states["unknown"]["color"], "edgecolor": "#555555", "linestyle": ":"}


def _draw_points(ax: Any, data: dict[str, Any], crs: Any,
                 i: int) -> list[tuple[dict[str, Any], float, float]]:
    """Draw the settlements shown at step ``i``; return ``(item, x, y)`` of each."""
    shown = [(item, entry) for item in data.get("places") or []
             if (entry := _entry_at(item["series"], i)) is not None]
    mentioned = data.get("mentioned") or []
    pts = _geoseries([Point(it["lon"], it["lat"]) for it, _ in shown]
                     + [Point(it["lon"], it["lat"]) for it in mentioned], crs)
    xs, ys = pts.x.to_numpy(), pts.y.to_numpy()
    n = len(shown)
    if mentioned:
        ax.scatter(xs[n:], ys[n:], s=5, facecolor="white", edgecolor="#777777",
                   linewidths=0.4, zorder=4)
    for k, (item, entry) in enumerate(shown):
        size = 10 if item.get("approx") else 18
        ax.scatter([xs[k]], [ys[k]], s=size, linewidths=0.8, zorder=5,
                   **_marker_style(data, entry))
    located = [(item, float(xs[k]), float(ys[k])) for k, (item, _) in enumerate(shown)]
    located += [(item, float(xs[n + k]), float(ys[n + k])) for k, item in enumerate(mentioned)]
    return located


def _draw_labels(fig: Figure, ax: Any, data: dict[str, Any], crs: Any,
                 points: list[tuple[dict[str, Any], float, float]], max_labels: int) -> None:
    """Label the best-ranked settlements that fit, then admin units, never overlapping."""
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    # a light box, not a path-effect halo: path effects turn SVG/PDF text into outlines
    halo = {"boxstyle": "square,pad=0.08", "facecolor": "white", "alpha": 0.75,
            "edgecolor": "none"}
    axes_box = ax.get_window_extent(renderer)
    # a label never hides a settlement's marker
    r = 3.0 * fig.dpi / 72
    taken = [Bbox.from_extents(px - r, py - r, px + r, py + r)
             for px, py in ax.transData.transform([(x, y) for _, x, y in points] or
                                                  [(0.0, 0.0)])[: len(points)]]

    def place(text: Any) -> bool:
        box = text.get_window_extent(renderer)
        inside = (box.x0 >= axes_box.x0 and box.x1 <= axes_box.x1
                  and box.y0 >= axes_box.y0 and box.y1 <= axes_box.y1)
        if not inside or any(box.overlaps(t) for t in taken):
            text.remove()
            return False
        taken.append(box)
        return True

    shown = 0
    for item, x, y in sorted(points, key=lambda p: p[0].get("rank", 1 << 30)):
        if shown >= max_labels:
            break
        for ha, dx in (("left", 1), ("right", -1)):
            text = ax.annotate(_plain(item["name"]), (x, y), xytext=(3.5 * dx, 0),
                               textcoords="offset points", ha=ha, va="center",
                               fontsize=_FONT["label"], fontweight="bold", color="#222222",
                               bbox=halo, zorder=7)
            if place(text):
                shown += 1
                break
    for item in data.get("areas") or []:
        at = _geoseries([shape(item["geometry"]).representative_point()], crs)
        text = ax.text(float(at.x.iloc[0]), float(at.y.iloc[0]), _plain(item["name"]),
                       ha="center", va="center", fontsize=_FONT["area"], style="italic",
                       color="#444444", bbox={**halo, "alpha": 0.5}, zorder=6)
        place(text)


def _legend_entries(data: dict[str, Any], i: int) -> list[Any]:
    """Legend handles for what the figure shows: sides by name, then the other states."""
    entries = [e for item in (data.get("places") or []) + (data.get("areas") or [])
               if (e := _entry_at(item["series"], i)) is not None]
    used = [s for s in data["sides"] if any(e.get("side") == s for e in entries)]
    if data.get("estimate"):
        for f in data["estimate"][-1]["features"]["features"]:
            sid = f["properties"].get("side")
            if sid and sid in data["sides"] and sid not in used:
                used.append(sid)
    handles: list[Any] = []
    for sid in used:
        spec = data["sides"][sid]
        handles.append(Line2D([], [], marker="o", linestyle="none", markersize=4.5,
                              markerfacecolor=spec["color"], markeredgecolor="#222222",
                              markeredgewidth=0.6, label=_wrap(spec["name"])))
    states = {e["s"] for e in entries}
    if any(e["s"] == "control" and not e["confirmed"] for e in entries):
        handles.append(Line2D([], [], marker="o", linestyle="none", markersize=4.5,
                              markerfacecolor="white", markeredgecolor="#555555",
                              label="Claimed, unconfirmed (hollow)"))
    if "claimed" in states:
        handles.append(Patch(facecolor="none", edgecolor="#555555", linestyle="--",
                             label="Annexation claimed (dashed outline)"))
    if "contested" in states:
        handles.append(Line2D([], [], marker="o", linestyle="none", markersize=4.5,
                              markerfacecolor=data["states"]["contested"]["color"],
                              markeredgecolor="#222222", label="Contested"))
    if "unknown" in states:
        handles.append(Line2D([], [], marker="o", linestyle="none", markersize=4.5,
                              markerfacecolor=data["states"]["unknown"]["color"],
                              markeredgecolor="#555555", label="Reported, control unknown"))
    if data.get("mentioned"):
        handles.append(Line2D([], [], marker="o", linestyle="none", markersize=2.5,
                              markerfacecolor="white", markeredgecolor="#777777",
                              label="Place mentioned, no event"))
    drawn = {f["properties"].get("state") or "held" for f in _estimate_features(data)}
    for state, style in ESTIMATE_STYLES.items():  # as the interactive map's legend
        if state not in drawn:
            continue
        c = "#555555" if style["colour"] == "side" else data["states"][style["colour"]]["color"]
        handles.append(Patch(facecolor="#bbbbbb" if style["fill_alpha"] else "none",
                             edgecolor=c, hatch=style["hatch"], linestyle=style["linestyle"],
                             label=_wrap(style["label"], 30)))
    baseline = (data.get("baseline") or {}).get("features") or []
    dates = sorted({str(f["properties"].get("date") or "") for f in baseline} - {""})
    if baseline:
        when = f" of {dates[-1]}" if len(dates) == 1 else \
            (f", {dates[0]} to {dates[-1]}" if dates else "")
        handles.append(Patch(facecolor="#eeeeee", edgecolor="#555555", linestyle=":",
                             label=f"Baseline layer{when} (dotted)"))
    return handles


def _wrap(name: str, width: int = 34) -> str:
    """``name`` broken into lines of at most ``width`` characters (legend labels)."""
    return _plain("\n".join(textwrap.wrap(name, width)) or name)
