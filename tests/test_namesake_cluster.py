"""Namesakes by the cluster of the text's settlements (``namesake-paragraph-context``,
``namesake-document-context``; place14, #13/#14).

A village read as a namesake far from where the text is, with several namesakes where the
text is and none clearly nearest its settlements, is no longer left at the far reading: it is
known by its name and country only (``location.namesakes``, the rule's id in ``settled_by``),
so no event is placed there (``veto.ambiguous_place``). Wikipedia dev: "the recapture of the
villages of ..., Shevchenkove, ..." around Brovary kept a Cherkasy Shevchenkove 150 km off.

Real spaCy pipeline and gazetteer; the sentences are ours.
"""

from __future__ import annotations

import pytest

from geo_events.model import Location, Mention, Place


def _village(pid: str, lat: float, lon: float) -> Place:
    return Place(id=pid, name="Zelenyi Hai", level="populated_place", latitude=lat,
                 longitude=lon, country_code="UA", admin1_code="UA.13", admin1_name="Kyiv",
                 location=Location(precision="community", radius_km=9.0))


@pytest.mark.usefixtures("nlp")
def test_two_namesakes_where_the_text_is_and_none_clearly_nearest(monkeypatch):
    from geo_events.gazetteer import get_gazetteer
    from geo_events.geoparse import doc_context, parse
    from geo_events.geoparse.doc_places import DocPlaces, PlaceHints

    text = ("Ukrainian troops entered Nova Basan, Bobrovytsia, Baryshivka and Kozelets on "
            "Friday and Zelenyi Hai on Saturday.")
    parsed = parse(text)
    gaz = get_gazetteer()
    index = DocPlaces(parsed.doc, parsed.mentions, gaz, PlaceHints(countries=("UA",)))
    k = text.index("Zelenyi Hai")
    # read as a settlement 600 km away, in Odesa oblast
    far = Place(id="gn:1", name="Zelenyi Hai", level="populated_place", latitude=46.5,
                longitude=30.0, country_code="UA", admin1_code="UA.17", population=900)
    m = Mention(surface="Zelenyi Hai", start=k, end=k + 11, place=far, score=0.5,
                role="toponym")
    # two namesakes on either side of the cluster, each as near one of its settlements
    west, east = _village("unresolved:UA.13:w", 50.56, 31.02), \
        _village("unresolved:UA.02:e", 50.56, 32.0)
    monkeypatch.setattr(doc_context, "namesake_places", lambda m, index: [west, east])
    fitted = doc_context.fit_to_context(m, index)
    assert fitted.place.precision == "country" and len(fitted.place.namesakes) == 2
    assert fitted.place.location.settled_by == "namesake-paragraph-context"
    # one namesake there: it is the reading
    monkeypatch.setattr(doc_context, "namesake_places", lambda m, index: [west])
    assert doc_context.fit_to_context(m, index).place.id == west.id
    # none there: the far reading stands (the text may mean it)
    monkeypatch.setattr(doc_context, "namesake_places", lambda m, index: [])
    assert doc_context.fit_to_context(m, index).place.id == far.id
