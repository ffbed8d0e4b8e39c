"""Events constructed for map tests (places with real coordinates; hostile text on purpose)."""

from __future__ import annotations

from datetime import date

from geo_events.model import Article, Event, Place

SIDES = {"RU": {"name": "Russian forces", "color": "#c0392b"},
         "UA": {"name": "Ukrainian forces", "color": "#1f5fbf"}}

#: Strings that run script if any map path treats text as HTML or JavaScript source.
PAYLOADS = (
    '<img src=x onerror="window.__pwned=1">',
    "</script><script>window.__pwned=2</script>",
    "\"'><svg onload=window.__pwned=3>",
    "`${window.__pwned=4}` ' \" \\",
    "<!-- <script>window.__pwned=5</script> \u2028 \u2029 ]]>",
    "javascript:window.__pwned=6",
)


def _place(pid: str, name: str, lat: float, lon: float, admin1: str, a1name: str,
           level: str = "populated_place") -> Place:
    return Place(pid, name, level, lat, lon, "UA", admin1, a1name, country_name="Ukraine")


def control_events(hostile: bool = False) -> list[Event]:
    """A small history: captures, a claimed capture, a contested town, an annexation claim.

    With ``hostile`` every place name, source and evidence sentence carries :data:`PAYLOADS`.
    """
    def t(s: str, k: int) -> str:
        return f"{s} {PAYLOADS[k % len(PAYLOADS)]}" if hostile else s

    lyman = _place("gn:702972", t("Lyman", 0), 48.9886, 37.8022, "UA.05", "Donetsk")
    lysy = _place("gn:702658", t("Lysychansk", 1), 48.9047, 38.4422, "UA.14", "Luhansk")
    kherson = _place("gn:706448", t("Kherson", 2), 46.6354, 32.6169, "UA.08", "Kherson")
    bakhmut = _place("gn:712451", t("Bakhmut", 3), 48.5947, 37.9994, "UA.05", "Donetsk")
    kyiv = _place("gn:703448", t("Kyiv", 4), 50.4547, 30.5238, "UA.12", "Kyiv City")
    donetsk = _place("adm1:UA.05", t("Donetsk Oblast", 5), 48.0, 37.8, "UA.05", "Donetsk",
                     level="admin1")

    def ev(kind: str, place: Place, day: date, k: int, **kw: object) -> Event:
        return Event(kind, place, day, day, "day", sentence=t(f"{kind} at {place.name}.", k),
                     source=t("Example News", k + 1), article_id="a1", **kw)

    return [
        ev("capture", lyman, date(2022, 5, 27), 0, gain="RU", loss="UA"),
        ev("capture", lysy, date(2022, 7, 3), 1, gain="RU", loss="UA", status="claimed"),
        ev("capture", kherson, date(2022, 3, 2), 2, gain="RU", loss="UA"),
        ev("contested", bakhmut, date(2022, 8, 1), 3),
        ev("attack", kyiv, date(2022, 10, 10), 4),
        ev("annexation_claim", donetsk, date(2022, 9, 30), 5, gain="RU"),
        ev("withdrawal", lyman, date(2022, 10, 1), 0, loss="RU"),
        ev("recapture", kherson, date(2022, 11, 11), 2, gain="UA", loss="RU"),
    ]


def control_store(path, events: list[Event] | None = None):
    """An event store at ``path`` holding one article with ``events`` (default
    :func:`control_events`); returns ``path``."""
    from geo_events.store import EventStore

    with EventStore(path) as db:
        db.add_document(Article("a report", source="test"),
                        control_events() if events is None else events)
    return path
