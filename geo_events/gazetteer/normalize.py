"""Name normalisation shared by the index builder and every lookup.

``normalize_name`` maps the many spellings of a name to one key: case-folded, accents and
apostrophes removed, hyphens/dots/commas turned into spaces, whitespace collapsed, a leading
"the " dropped. ``"L'viv"`` -> ``"lviv"``, ``"Zaporizhzhya Oblast'"`` -> ``"zaporizhzhya oblast"``,
``"Ivano-Frankivsk"`` -> ``"ivano frankivsk"``, ``"the Donbas"`` -> ``"donbas"``.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from functools import lru_cache

_APOSTROPHES = str.maketrans("", "", "'’‘`ʼʹ′\u02bb\u02bc\u02be\u02bf\"")
_SEPARATORS = re.compile(r"[\s\-‐‑–—_.,;:/()\[\]]+")


@lru_cache(maxsize=1 << 16)
def normalize_name(name: str) -> str:
    """The lookup key of a place name (see module docstring). Empty string for no letters."""
    s = name.casefold()
    if not s.isascii():
        s = unicodedata.normalize("NFKD", s)
        s = "".join(ch for ch in s if not unicodedata.combining(ch))
        s = s.replace("ł", "l").replace("ø", "o").replace("ß", "ss").replace("đ", "d")
        s = s.replace("ı", "i").replace("æ", "ae").replace("œ", "oe")
    s = s.translate(_APOSTROPHES)
    s = _SEPARATORS.sub(" ", s).strip()
    if s.startswith("the "):
        s = s[4:]
    return s


def name_hash(key: str) -> int:
    """Stable signed 64-bit hash of a normalised key (CRC-32 high half, Adler-32 low half).

    Python's ``hash`` is salted per process, so the on-disk index needs its own. Signed so that
    it fits numpy int64, whose ``searchsorted`` takes a Python int without a slow cast.
    """
    b = key.encode("utf-8")
    h = (zlib.crc32(b) << 32) | zlib.adler32(b)
    return h - (1 << 64) if h >= (1 << 63) else h


def is_latin(name: str) -> bool:
    """True when the name is written in Latin script (after accent removal it is ASCII)."""
    return normalize_name(name).isascii()


def name_skeleton(name: str) -> str:
    """The consonants of a name, doubled ones once (``normalize_name`` first): equal for the
    spellings of one name in different transliterations ("Mykolaiv" / "Mykolayiv", "Odesa" /
    "Odessa", "Marinka" / "Mar'yinka"), different for different names ("Oleksandrivka" /
    "Donetsk")."""
    consonants = re.sub(r"[^a-z]|[aeiouyj]", "", normalize_name(name))
    return re.sub(r"(.)\1+", r"\1", consonants)


def is_own_name(name: str, place) -> bool:
    """True when ``place`` carries ``name`` as its own name (in any transliteration, see
    :func:`name_skeleton`), not only as another (an old or a local name)."""
    return name_skeleton(place.name) == name_skeleton(name)
