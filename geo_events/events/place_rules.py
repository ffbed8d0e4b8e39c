"""Rules (data) for places, reference and actors of events: ``lang/en/events_places.json``.

The file holds, each rule with an ``id``:

* ``reference``: what an anaphor ("the village", "the city", "the area") may refer to:
  ``refers`` is ``nothing`` (it names no place of its own) or ``settlement`` (the latest
  settlement named before it, within ``min_population`` .. ``max_population`` people when
  given; a settlement the gazetteer lacks fits any size); ``after_list``: when the latest
  antecedent is one item of a list of settlements of the same kind (another item the rule
  admits, on the same side of ``kind_population`` people: villages, or towns), which of them
  the anaphor means the text does not say: ``earlier_or_latest`` takes the latest settlement of
  that kind before the list that the rule admits (within the usual reach: "an assault from
  A towards B and C, indicating the village had fallen": A), else the list's last item;
  ``earlier_or_nothing`` the same, else nothing ("B and C were shelled. The village ...":
  none); ``latest`` (default): the last item;
* ``area_parts``: words naming part of a unit ("western Kherson Oblast") and the part they
  name (the ``part`` of an area place id ``part:<part>:<unit id>``);
* ``river_banks``: a river by its names, words naming its banks, and crossing words ("retreated
  across the Dnipro": to the ``default_far_bank``, losing the other) and the part of a unit
  each bank mostly is (``bank_parts``: where such an event is drawn as a point); the nouns of
  a bank (``bank_nouns``) and the prepositions that leave one (``leaving_prepositions``:
  "withdrew *from* the right bank");
  ``arriving_prepositions`` (optional) reach a bank ("withdrew *to* the left bank": leaving
  the other one); the bank's unit is the admin-1 unit of the sentence's first place the river
  crosses, else of the latest place named before it (``<id>.sentence``, ``<id>.context`` in
  the event's provenance), else, with ``context_unit`` ``document``, the unit the document's
  places name most among those the river crosses (``<id>.document``); with none, the
  candidate is dropped (``<id>.no_unit``), never a change at a settlement named like the river;
* ``withdrawal_destinations``: prepositions after a withdrawal that name where the party went
  ("withdrew *to* X"): no place it left, so no event there (only a river bank the phrase
  leaves, above); the candidate is dropped by the rule's id;
* ``river_nouns``: nouns a name modifies when it names a river ("the Oskil *river*"): the
  settlement of that name is no place of the trigger (dropped by the rule's id when none is
  left);
* ``possessive_actors``: "his forces" after "<Country>'s president": pronouns and the titles
  whose owner the pronoun stands for;
* ``reentry``: entering a place after the other side's withdrawal ("entered X hours after
  Moscow announced its retreat") is a ``kind`` (a recapture); ``after_words`` introduce the
  withdrawal, ``left_prepositions`` name the place it left ("withdrew *from* Y");
  ``conjunctions`` (optional) join a withdrawal clause before the entry to it ("Russian troops
  withdrew from X *and* Ukrainian troops entered the city", :mod:`geo_events.events.reentry`);
* ``announced``: a change of one of ``kinds`` that a verb of ``heads`` governs ("announced the
  withdrawal of its troops from X", "ordered a retreat from X") is under way, not done;
* ``person_pronouns``: pronouns that stand for a person, never for an armed party, as the
  subject of an everyday verb that needs one (a trigger with ``military_actor``: "she left the
  besieged city in March", "he fled the town");
* ``named_sources``: a source named without a title ("Haidai said") stands for the nearest
  earlier mention of the same name that has one ("Luhansk governor Serhiy Haidai"), within
  the ``reach`` (``paragraph`` or ``document``; :mod:`geo_events.events.sources`); with
  ``given_names``, a mention with another given name is another person ("Oleksiy Haidai" is
  not "Serhiy Haidai"), and a bare surname is the person last named in full;
* ``pronoun_sources``: a pronoun of ``pronouns`` reporting ("He said that ...") stands for the
  nearest person named as a subject before it, in its sentence or up to ``sentences_back``
  sentences before within the paragraph, read as a name (``named_sources``); ``gender_words``
  (pronoun -> words: "she": "spokeswoman", "Ms") rules out a person whose phrase, or an
  earlier titled mention of the same name, has a word of another pronoun's list ("He said"
  is not the spokeswoman named just before).
* ``surroundings``: "the (entire) region around X" (a noun of ``nouns`` with an article,
  a preposition of ``prepositions``, a settlement X) taken, retaken or left is the ground
  around X, the area ``part:<part>:<X's id>`` (``part`` ``around``: the ground within
  :data:`geo_events.areas.SETTLEMENT_RADIUS_KM` of X), not X itself;
* ``unit_nouns``: nouns of an area unit named after its centre ("Kupiansk *Raion*", "the
  Borova *district*"): a change in the unit is no change of the settlement of that name, so
  the settlement is no place of the trigger (dropped by the rule's id when none is left); not
  a district a possessive or "of" gives to a city ("Kharkiv's Saltivka district", "the Obolon
  district of Kyiv": part of the city);
* ``movement_origins``: the place a movement starts from (the object of an
  ``origin_prepositions`` word: "advanced towards A *from* B") is no antecedent of an anaphor
  ("... and liberated the city": A) when the movement names one goal settlement (the object
  of a ``goal_prepositions`` word, or the verb's direct object: "attacked A from B"); the
  anaphor takes the settlement before it (a list of goals, "from B towards C and D", leaves
  B the antecedent, see ``after_list``; so does a verb of ``leaving_verbs``: "withdrew from B
  towards A": B was left, and is what the sentence is about);
* ``pronoun_parties``: a pronoun of ``pronouns`` as the subject of a trigger ("they liberated
  X"), or an armed noun with nothing but an article ("the troops"), stands for the nearest
  armed subject before it (a force, army or troops noun, a state or people, with or without a
  side; a pronoun or bare noun there for what it stood for): in its sentence, else in the
  ``sentences_back`` sentences before it within the paragraph, the subject of the main clause
  before one of a subordinate clause ("X's fighters escaped as the Russians failed to find
  them. They left ...": the fighters); a pronoun agrees in number: its antecedent is plural
  or a singular noun of ``collective_nouns`` ("the army ... they"), never "Russia" or "Russian
  artillery". An unsided armed antecedent gives no side; with none, the narrative's party (the
  side named most often).

Loaded once (:func:`place_rules`) and checked (:mod:`geo_events.events.rules_data`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from geo_events.errors import DataFileError
from geo_events.events.rules_data import Schema, load_rule_file
from geo_events.language import active_language, language_pack

#: The English rules (a language's are its pack's ``files.place_rules``).
PLACE_RULES = language_pack("en").files["place_rules"]

_SCHEMA = Schema(
    required={
        "reference": {"id": str, "nouns": list, "refers": str},
        "area_parts": {"id": str, "words": list, "part": str},
        "river_banks": {"id": str, "river": str, "names": list, "bank_words": dict,
                        "crossing_words": list, "default_far_bank": str,
                        "bank_parts": dict, "leaving_prepositions": list, "bank_nouns": list},
        "possessive_actors": {"id": str, "pronouns": list, "owner_titles": list},
        "reentry": {"id": str, "entry_verbs": list, "withdrawal_nouns": list,
                    "withdrawal_verbs": list, "after_words": list, "left_prepositions": list,
                    "kind": str},
        "announced": {"id": str, "heads": list, "kinds": list},
        "person_pronouns": {"id": str, "pronouns": list},
        "named_sources": {"id": str, "reach": str},
        "pronoun_sources": {"id": str, "pronouns": list, "sentences_back": int},
        "pronoun_parties": {"id": str, "pronouns": list, "sentences_back": int,
                            "collective_nouns": list},
        "withdrawal_destinations": {"id": str, "prepositions": list},
        "river_nouns": {"id": str, "words": list},
        "unit_nouns": {"id": str, "words": list},
        "movement_origins": {"id": str, "origin_prepositions": list,
                             "goal_prepositions": list, "leaving_verbs": list},
        "surroundings": {"id": str, "nouns": list, "prepositions": list, "part": str},
    },
    optional={"river_banks": {"arriving_prepositions": list, "context_unit": str,
                              "holding_kinds": list},
              "reference": {"min_population": int, "max_population": int, "after_list": str,
                            "kind_population": int},
              "named_sources": {"given_names": bool},
              "reentry": {"conjunctions": list},
              "pronoun_sources": {"gender_words": dict}},
)

_REFERS = ("nothing", "settlement")
_AFTER_LIST = ("latest", "earlier_or_latest", "earlier_or_nothing")
_REACHES = ("paragraph", "document")
_BANKS = ("right", "left")
_CONTEXT_UNITS = ("sentences", "document")


@dataclass(frozen=True)
class ReferenceRule:
    id: str
    refers: str
    min_population: int = 0
    max_population: int | None = None
    #: ``after_list``: what the anaphor refers to when its latest antecedent is one of a list
    #: of settlements of the same kind: ``latest`` (that one), ``earlier_or_latest`` or
    #: ``earlier_or_nothing`` (the latest settlement of the kind before the list, else that
    #: one or nothing)
    after_list: str = "latest"
    #: settlements of this many people or more are towns, the others villages (the kinds of
    #: ``after_list``)
    kind_population: int = 10_000

    def same_kind(self, a: tuple[int, bool], b: tuple[int, bool]) -> bool:
        """True when two settlements, each (population, unresolved), are of one kind: both
        villages (a settlement the gazetteer lacks is one) or both towns."""
        return self._town(*a) == self._town(*b)

    def _town(self, population: int, unresolved: bool) -> bool:
        return not unresolved and population >= self.kind_population

    def admits(self, population: int, unresolved: bool) -> bool:
        """True when a settlement of ``population`` people may be the antecedent."""
        if self.refers != "settlement":
            return False
        if unresolved or population <= 0:
            return True
        return population >= self.min_population and (
            self.max_population is None or population <= self.max_population)


@dataclass(frozen=True)
class PlaceRules:
    reference: dict[str, ReferenceRule]
    parts: dict[str, tuple[str, str]]  # word -> (part, rule id)
    banks: tuple[dict[str, Any], ...]
    possessive: tuple[dict[str, Any], ...]
    reentry: tuple[dict[str, Any], ...]
    announced: tuple[dict[str, Any], ...] = ()
    #: pronoun -> id of the ``person_pronouns`` rule naming it
    persons: dict[str, str] = field(default_factory=dict)
    #: ``named_sources`` rules: a bare name takes the title of an earlier mention
    named_sources: tuple[dict[str, Any], ...] = ()
    #: ``pronoun_sources`` rules: "he said" is the person named as a subject just before
    pronoun_sources: tuple[dict[str, Any], ...] = ()
    #: preposition -> id of the ``withdrawal_destinations`` rule naming it ("withdrew *to* X")
    destinations: dict[str, str] = field(default_factory=dict)
    #: noun -> id of the ``river_nouns`` rule naming it ("the Oskil *river*")
    river_nouns: dict[str, str] = field(default_factory=dict)
    #: ``pronoun_parties`` rules: "they liberated X" is the armed subject named just before
    pronoun_parties: tuple[dict[str, Any], ...] = ()
    #: ``movement_origins`` rules: "from B" after "towards A" is no antecedent of "the city"
    movement_origins: tuple[dict[str, Any], ...] = ()
    #: ``surroundings`` rules: "the region around X" is the ground around the settlement X
    surroundings: tuple[dict[str, Any], ...] = ()
    #: noun -> id of the ``unit_nouns`` rule naming it ("the Kupiansk *raion*")
    unit_nouns: dict[str, str] = field(default_factory=dict)


def _words(values: list, at: str) -> list[str]:
    if not all(isinstance(v, str) for v in values):
        raise DataFileError(f"{at}: every word must be a string")
    return [v.lower() for v in values]


def place_rules(path: Path | None = None, lang: str | None = None) -> PlaceRules:
    """The checked rules of ``path``, by default the file of the language pack of ``lang``
    (None: the :func:`~geo_events.language.active_language`); see the module docstring."""
    return _place_rules(path or language_pack(lang or active_language()).files["place_rules"])


@cache
def _place_rules(path: Path) -> PlaceRules:
    data = load_rule_file(path, _SCHEMA)
    reference = {}
    for r in data.get("reference", []):
        if r["refers"] not in _REFERS:
            raise DataFileError(f"{path}: reference {r['id']!r}: refers must be one of "
                                f"{', '.join(_REFERS)}")
        if r.get("after_list", "latest") not in _AFTER_LIST:
            raise DataFileError(f"{path}: reference {r['id']!r}: after_list must be one of "
                                f"{', '.join(_AFTER_LIST)}")
        rule = ReferenceRule(r["id"], r["refers"], r.get("min_population", 0),
                             r.get("max_population"), r.get("after_list", "latest"),
                             r.get("kind_population", 10_000))
        for noun in _words(r["nouns"], f"{path}: reference {r['id']!r}"):
            reference[noun] = rule
    parts = {w: (r["part"], r["id"]) for r in data.get("area_parts", [])
             for w in _words(r["words"], f"{path}: area_parts {r['id']!r}")}
    for r in data.get("river_banks", []):
        if r["default_far_bank"] not in _BANKS or not set(r["bank_words"].values()) <= set(
                _BANKS):
            raise DataFileError(f"{path}: river_banks {r['id']!r}: banks are right or left")
        if r.get("context_unit", "sentences") not in _CONTEXT_UNITS:
            raise DataFileError(f"{path}: river_banks {r['id']!r}: context_unit must be one "
                                f"of {', '.join(_CONTEXT_UNITS)}")
    for r in data.get("pronoun_sources", []):
        words = r.get("gender_words", {})
        if not all(isinstance(v, list) for v in words.values()):
            raise DataFileError(f"{path}: pronoun_sources {r['id']!r}: gender_words maps a "
                                "pronoun to a list of words")
        for pronoun, values in words.items():
            _words(values, f"{path}: pronoun_sources {r['id']!r}: gender_words {pronoun!r}")
    for r in data.get("named_sources", []):
        if r["reach"] not in _REACHES:
            raise DataFileError(f"{path}: named_sources {r['id']!r}: reach must be one of "
                                f"{', '.join(_REACHES)}")
    return PlaceRules(reference, parts, tuple(data.get("river_banks", [])),
                      tuple(data.get("possessive_actors", [])), tuple(data.get("reentry", [])),
                      tuple(data.get("announced", [])),
                      {w: r["id"] for r in data.get("person_pronouns", [])
                       for w in _words(r["pronouns"], f"{path}: person_pronouns {r['id']!r}")},
                      tuple(data.get("named_sources", [])),
                      tuple(dict(r, pronouns=_words(r["pronouns"],
                                                    f"{path}: pronoun_sources {r['id']!r}"),
                                 gender_words={k.lower(): frozenset(w.lower() for w in v)
                                               for k, v in r.get("gender_words", {}).items()})
                            for r in data.get("pronoun_sources", [])),
                      {w: r["id"] for r in data.get("withdrawal_destinations", [])
                       for w in _words(r["prepositions"],
                                       f"{path}: withdrawal_destinations {r['id']!r}")},
                      {w: r["id"] for r in data.get("river_nouns", [])
                       for w in _words(r["words"], f"{path}: river_nouns {r['id']!r}")},
                      tuple(dict(r, pronouns=_words(r["pronouns"],
                                                    f"{path}: pronoun_parties {r['id']!r}"),
                                 collective_nouns=frozenset(_words(
                                     r["collective_nouns"],
                                     f"{path}: pronoun_parties {r['id']!r}")))
                            for r in data.get("pronoun_parties", [])),
                      tuple(dict(r, origin_prepositions=frozenset(_words(
                                     r["origin_prepositions"],
                                     f"{path}: movement_origins {r['id']!r}")),
                                 goal_prepositions=frozenset(_words(
                                     r["goal_prepositions"],
                                     f"{path}: movement_origins {r['id']!r}")),
                                 leaving_verbs=frozenset(_words(
                                     r["leaving_verbs"],
                                     f"{path}: movement_origins {r['id']!r}")))
                            for r in data.get("movement_origins", [])),
                      tuple(dict(r, nouns=frozenset(_words(
                                     r["nouns"], f"{path}: surroundings {r['id']!r}")),
                                 prepositions=frozenset(_words(
                                     r["prepositions"], f"{path}: surroundings {r['id']!r}")))
                            for r in data.get("surroundings", [])),
                      {w: r["id"] for r in data.get("unit_nouns", [])
                       for w in _words(r["words"], f"{path}: unit_nouns {r['id']!r}")})
