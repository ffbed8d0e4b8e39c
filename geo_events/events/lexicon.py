"""Event-trigger lexicons: data files of English trigger phrases and cue words.

The shipped lexicon is ``geo_events/data/lang/en/events.json`` (provenance in its
``provenance`` field). A user extends it by writing another file with the same structure and
passing it to :func:`load_lexicon`; its triggers and word lists are added to the shipped ones.

Trigger phrase syntax (see the file's ``notes`` field): lemmas separated by spaces. For a verb
phrase the first word is the head ("take control of": head ``take``); for a noun phrase
(``"pos": "noun"``) the last word before the preposition is the head ("air strike on": head
``strike``). A final preposition names the slot of the place. The remaining words must be
dependents of the head or of each other ("control" in "take control of").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from spacy.tokens import Token

from geo_events.data_schema import check_keys, read_json
from geo_events.errors import DataFileError
from geo_events.events.kinds import KINDS
from geo_events.events.syntax import _lemma
from geo_events.language import active_language, language_pack

#: The English lexicon (a language's is its pack's ``files.lexicon``).
DEFAULT_LEXICON = language_pack("en").files["lexicon"]
#: The folder of the English rule files.
LEXICON_DIR = DEFAULT_LEXICON.parent

#: Word lists a lexicon file may hold (lists of lower-case words or phrases).
LIST_NAMES = frozenset({
    "held_participles", "place_head_nouns", "inception_heads", "focus_modifiers",
    "facility_nouns", "partial_nouns", "background_adverbs", "anaphora_nouns",
    "anaphora_determiners", "anaphora_pronouns", "negation_words", "intention_heads",
    "factive_heads", "modal_auxiliaries", "conditional_marks", "party_nouns", "assessor_nouns",
    "law_enforcement_nouns", "armed_nouns", "actor_pronouns",
    # factuality: "no"/"never" as a determiner or adverb negates; "would/should/must have
    # taken" is counterfactual (other modals with "have" only hedge); "according to"
    "negation_determiners", "counterfactual_modals", "perfect_auxiliaries", "attribution_heads",
    # actors: words stripped from an actor's text; possessives that point to the reporter
    "actor_determiners", "party_possessives", "flag_nouns",
    # places: "the region" refers back to an area, "the territory" to a place of any level
    "area_reference_nouns", "any_level_reference_nouns",
    # places: prepositions under a place noun that lead to the place ("part of X", "the area
    # around X"), and those that say where a facility is ("the plant in X")
    "part_prepositions", "facility_locator_prepositions",
    # dates: "..., when X fell" dates by the noun it describes; "had taken" and "was taking"
    "time_relatives", "pluperfect_auxiliaries", "progressive_auxiliaries",
    # aspect: a change told under way, not done ("were reported leaving X", "were seen
    # pulling out of X": a gerund these verbs govern; "in the process of leaving X")
    "witnessed_gerund_heads", "in_process_nouns",
    # dates: a clause these words open tells the change a period started from ("since Russia
    # took X", "since capturing X"): background, dated only by a date of its own
    "period_start_marks",
    # dates: prepositions whose noun names a period a past clause happened in ("were killed
    # during the occupation of X", "throughout the siege of Y"): a state told as past, dated
    # only by a date of its own (rule date.past_period)
    "past_period_prepositions",
    # ... and the state nouns whose period so dates the past clause it frames ("during the
    # siege of X, Russians pounded the city": the pounding too; rule date.past_period)
    "period_state_nouns",
    # ... and nouns whose "of"/"to" object, verbs whose subject is a state told as over ("the
    # end of the siege of X", "brought an end to the occupation", "the siege ended", "was
    # lifted"): dated by no date (rule date.period_ended)
    "period_end_nouns", "period_end_verbs",
    # factuality: conditional marks that set a limit in time ("until"): a condition only in
    # a future or modal context; in a past narrative the clause tells a fact
    "temporal_condition_marks",
    # factuality: the subject of a cleft whose negation and "until" limit the change in its
    # clause ("It was not until 7 May that X fell": rule factuality.not_until)
    "cleft_subjects",
    # actors: an official's title with no side names the government's administration ("the
    # regional governor said"); a verb by which a party concedes ("admitted X had fallen")
    "official_nouns", "concession_verbs",
    # actors: prepositions whose gerund clause tells a change done by the subject of the
    # clause they hang on ("after recapturing X, troops moved on")
    "gerund_clause_prepositions",
    # ... and those whose gerund clause does so only with a date of its own ("Russian units have
    # pressed west since capturing X in December"; "since taking X" alone is background)
    "dated_gerund_clause_prepositions",
    # vetoes of a trigger that needs an armed party: "it took X two years to ..." (time
    # taken: the expletive subject and the nouns of a stretch of time), and movers that are no
    # armed party ("refugees", "the ambassador", "a train")
    "expletive_subjects", "duration_nouns", "unarmed_mover_nouns",
    # factuality: the intentions that hold back an annexation claim too ("plans to annex X",
    # "an attempt to annex X"), where a claim's own future ("X will join Russia") is a claim
    "claim_intention_heads",
    # actors: pronouns that, inside a direct quotation, never stand for the quoted speaker's
    # side ("'They have entered X,' the governor said")
    "quoted_other_pronouns",
    # triggers: kinds whose noun entries a gerund with no subject, object or auxiliary of its
    # own also heads ("Russian shelling in X killed two": the noun "shelling in", rule
    # ``trigger.nominal_gerund``)
    "nominal_gerund_kinds",
    # triggers: kinds of the plain verb entries whose past form, read by the parser as an
    # adjective after a coordinator, is the second verb of its clause ("troops pushed towards Y
    # and liberated A, B and C"; rule ``trigger.misread_participle``)
    "misread_participle_kinds",
    # places: words quantifying a place as a whole ("all of X", "the entire X Oblast")
    "whole_unit_words",
    # a holding told as continuing ("X was still under Ukrainian control", "X remained in
    # Ukrainian hands"): the holder's status quo, no change (provenance ``held.continuing``)
    "continuation_words",
    # places: prepositions on a trigger whose objects share its change ("regained X, along
    # with the rest of Y Oblast")
    "accompaniment_prepositions",
    # places: verbs whose subject is the understood subject of the change participle or
    # infinitive they govern ("X was reported captured", "X is believed to have fallen",
    # "X appears to have fallen": the place of the change; rule place.raised_subject)
    "raised_subject_heads", "raised_complement_marks", "declaration_heads",
    # places: words opening an absolute clause whose noun is the place of its participle
    # ("..., with the towns of X and Y reported as liberated"; rule place.absolute_clause)
    "absolute_clause_marks",
    # places: prepositions on a place noun naming places it stands for ("recaptured three
    # towns, including X and Y"; rule place.listed_examples; words before the last of a
    # phrase hang on the last: "such as")
    "example_prepositions",
    # a battle won: its winner holds the place ("Ukraine won the battle of X")
    "battle_won_verbs",
    # places: nouns naming part of a place only with "of" after them ("an area of X Oblast",
    # "swathes of X"); "the Kyiv area", "the area" name the place itself
    "partial_of_nouns",
    # factuality: part nouns with "of" on which a holder adjective presupposes a part holding
    # whatever the clause around it intends or may do ("residents of the Russian-occupied
    # parts of X may be forced to ...": rule factuality.holder_presupposed)
    "presupposed_part_nouns",
    # places: prepositions by which a place noun in apposition says where a name lies
    # ("Sloviansk, a town in Ukrainian-controlled Donetsk": held by that side)
    "containing_prepositions",
    # places: nouns of ground, and the prepositions after them that say where it lies ("seized
    # territory in X Oblast": part of X; rule place.ground_in)
    "ground_nouns", "ground_prepositions",
    # held: an official a party installed over a place ("the Moscow-installed mayor of X";
    # trigger.held.installed_official, the profile's occupier only)
    "installed_participles", "installed_official_nouns", "installed_official_prepositions",
    # held: a side's civil service working in a place, or its stronghold ("the
    # Ukrainian police guard the checkpoint on the edge of X", "the Ukrainian military hub
    # in X"; trigger.held.side_presence), and the prepositions that say it is not in X
    "side_presence_nouns", "side_presence_excluded_prepositions",
    "side_stronghold_nouns",
    # held: the verbs by which such a service works on the ground where it is ("guard",
    # "patrol", "put out"); acts about a place from afar ("opened an investigation into the
    # killings in X", "documented", "said") are no presence
    "side_presence_verbs",
    # held: kinds whose negation by a side presumes the other holds the place ("X, which the
    # Russian army never reached"; trigger.held.negated_change)
    "negated_change_kinds", "negated_change_blockers",
    # a holding told as ended ("Russian forces no longer occupied X", "no longer held any
    # villages in X Oblast"): the adverbs that end it under a negation, the kinds of trigger
    # they end (held.no_longer), and the quantifier by which the holding named nothing left
    # in a unit: all of the unit (place.none_left_in)
    "no_longer_adverbs", "no_longer_kinds", "none_left_quantifiers",
    # a holding of the whole that ended ("no longer had *full* control of X"): part of X may
    # still be held, so no loss of X is read (veto.no_longer_full)
    "no_longer_full_modifiers",
    # places: nouns by which a name under a holder adjective is the city, not the admin-1
    # unit of its name ("the Russian-held city of X"; rule place.holder_unit_namesake)
    "settlement_nouns",
    # places: trigger ids of a holder named on the place itself ("the Russian-held town of
    # X", "occupied X"): a bare oblast-and-capital name under them may be the oblast's part
    # (rule place.holder_unit_namesake)
    "holder_triggers",
    # dates: kinds of change that, told in a describing clause on no date ("X, which Russian
    # forces seized"), tell who holds the place at the text's time (held.described_change)
    "described_change_kinds",
    # a participle that with no holder named means the profile's occupier ("occupied X")
    "occupation_participles",
    # factuality: visual evidence as the source of a report ("geolocated footage shows ..."),
    # words saying it was checked independently ("geolocated", "satellite", "verified"),
    # prepositions naming where it comes from ("footage from X") and verbs by which a party
    # releases it ("the ministry released video showing ...")
    "evidence_nouns", "evidence_qualifiers", "evidence_origin_prepositions",
    "evidence_release_verbs",
    # held: fire or an assault told from a place presupposes the shooter holds it ("shelled Y
    # from X", "an offensive from X", "Russian artillery in X shelled Y", "troops stationed in
    # X"; trigger.held.fire_origin): the prepositions of the origin, the verbs and nouns of
    # fire and assault they hang on, the prepositions on the shooter's phrase and the
    # participles of being based
    "fire_origin_prepositions", "fire_origin_heads", "fire_base_prepositions",
    "fire_base_participles",
    # places: nouns of an area that, in apposition to a place's name, stand for the place
    # itself like a settlement noun ("X, a key area seized by Russia": X was seized; rule
    # place.apposition_names)
    "apposed_area_nouns",
    # factuality: words by which a holder adjective tells the state a change is ending ("the
    # last Ukrainian-controlled city"): no concession by the other side
    # (factuality.holder_conceded)
    "last_held_marks"})
#: Word maps a lexicon file may hold (word -> lemma, kind or status).
MAP_NAMES = frozenset({"inflections", "idiom_objects", "facility_kinds", "reporting_verbs",
                       "hedge_adverbs", "possessive_pronouns",
                       # factuality: a noun whose complement clause holds the trigger ("claims
                       # that X fell", "reports that X was retaken"): the status it gives
                       "report_nouns",
                       # a holding that ended: a word whose complement (the slots the value
                       # names: a preposition, or "object") is a held noun trigger tells that
                       # the holding ended ("freed from the occupation of X", "the end of the
                       # occupation of X": rule held.state_ended)
                       "state_ending_heads",
                       # places: a pronoun in a change's slot that stands for the places of
                       # the clause its verb is conjoined to ("entered X and captured it"),
                       # and its number (rule place.conjoined_pronoun)
                       "conjoined_pronouns",
                       # places: number words -> the count they give ("two more villages: A
                       # and B": the list after the colon has that many names; rule
                       # place.colon_list)
                       "count_words"})
#: Other top-level keys of a lexicon file.
OTHER_KEYS = frozenset({"provenance", "language", "notes", "triggers", "control_states"})
#: Keys of one trigger entry.
TRIGGER_KEYS = frozenset({"id", "phrase", "kind", "pos", "place", "actor", "role", "loser_prep",
                          "loser_object", "military_actor", "actor_is_country", "part",
                          "ended_only", "state", "armed_loser", "note"})
#: Keys of ``control_states``.
#: ``object_first_verbs`` put the place in their object ("put X under Russian control");
#: ``holder_nouns`` ("control") name the holder by their subject after one of
#: ``holder_subject_prepositions`` ("troops are in control of X") unless the preposition is
#: one of ``holder_modifier_prepositions`` ("under Russian control").
CONTROL_STATE_KEYS = frozenset({"nouns", "prepositions", "verbs", "again_words",
                                "object_first_verbs", "holder_nouns",
                                "holder_modifier_prepositions", "holder_subject_prepositions"})

_ROLE_BY_KIND = {"withdrawal": "loser", "capture": "gainer", "recapture": "gainer",
                 "transfer": "gainer", "held": "gainer", "advance": "gainer",
                 "annexation_claim": "gainer"}


@dataclass(frozen=True, slots=True)
class Trigger:
    """One compiled trigger phrase.

    ``head`` is the lemma of the head token; ``required`` the other lemmas that must be its
    dependents; ``prep`` the preposition whose object is the place (None: the place is the
    ``place`` slot). ``actor`` is where the acting party is found (``subject``, ``object``,
    ``none``, ``prep:<p>``), ``role`` what the actor does for control (``gainer``, ``loser``,
    ``agent``).
    """

    phrase: str
    kind: str
    head: str
    #: the rule id cited in :attr:`geo_events.model.Event.provenance` (``trigger.<kind>.<phrase>``
    #: with ``_`` for spaces, ``.noun`` for a noun phrase, unless the entry gives its ``id``)
    id: str = ""
    pos: str = "verb"
    required: tuple[str, ...] = ()
    prep: str | None = None
    place: str = "object"
    actor: str = "subject"
    role: str = "agent"
    loser_prep: str | None = None
    loser_object: bool = False
    military_actor: bool = False
    actor_is_country: bool = False
    #: the phrase names a foothold in the place, not the whole ("hold positions in X"): a
    #: holding it tells is a part holding (provenance ``place.partial``)
    part: bool = False
    #: the phrase tells a holding only when told as ended ("Russian forces no longer
    #: controlled X", rule held.no_longer); otherwise it makes no event (veto.not_ended)
    ended_only: bool = False
    #: a party the phrase's loser slot names must be an armed one ("cleared X *of Russian
    #: troops*"); an unarmed one makes no event ("cleared X of mines": veto.unarmed_loser)
    armed_loser: bool = False
    #: the phrase tells a state the change led to ("X was free of Russian troops"): limited
    #: by "until" it tells the state before the change, no event (veto.state_until)
    state: bool = False
    #: the phrase's final preposition when it names a party, not the place ("fall to",
    #: "clear of"): required, so that "fell on Saturday" is read by "fall" alone
    party_prep: str | None = None

    @property
    def specificity(self) -> int:
        """More words first: "take control of" is tried before "take"."""
        return len(self.required) + (1 if self.prep or self.party_prep else 0)


@dataclass(frozen=True)
class Lexicon:
    """Triggers by head lemma plus the cue-word lists of the lexicon file."""

    triggers: dict[str, tuple[Trigger, ...]]
    words: dict[str, frozenset[str]]
    maps: dict[str, dict[str, str]]
    control_states: dict[str, Any]
    provenance: tuple[str, ...] = ()
    paths: tuple[Path, ...] = field(default=())

    def triggers_for(self, lemma: str, pos: str) -> tuple[Trigger, ...]:
        return tuple(t for t in self.triggers.get(lemma.lower(), ()) if t.pos == pos)

    def has(self, list_name: str, word: str) -> bool:
        """``word`` (any case) is in the word list ``list_name``; a name that is no declared
        list (:data:`LIST_NAMES`, a misspelling in code) is a KeyError."""
        if list_name not in LIST_NAMES:
            raise KeyError(f"no word list {list_name!r} in the lexicon schema "
                           "(geo_events/events/lexicon.py LIST_NAMES)")
        return word.lower() in self.words.get(list_name, frozenset())

    def has_token(self, list_name: str, tok: Token) -> bool:
        """The token's word or its lemma is in the word list ``list_name`` ("forces" and
        "force", "retook" and "retake": lists hold one form or both)."""
        return self.has(list_name, tok.lower_) or self.has(list_name, _lemma(tok))

    def word_list(self, list_name: str) -> frozenset[str]:
        """The word list ``list_name`` (empty when no file gives it); KeyError for a name
        that is no declared list."""
        if list_name not in LIST_NAMES:
            raise KeyError(f"no word list {list_name!r} in the lexicon schema "
                           "(geo_events/events/lexicon.py LIST_NAMES)")
        return self.words.get(list_name, frozenset())

    def word_map(self, map_name: str) -> dict[str, str]:
        """The word map ``map_name`` (empty when no file gives it); KeyError for a name that
        is no declared map (:data:`MAP_NAMES`)."""
        if map_name not in MAP_NAMES:
            raise KeyError(f"no word map {map_name!r} in the lexicon schema "
                           "(geo_events/events/lexicon.py MAP_NAMES)")
        return self.maps.get(map_name, {})


def compile_trigger(entry: dict[str, Any], source: str = "lexicon", lang: str = "en") -> Trigger:
    """Compile one trigger entry; raises DataFileError naming the bad entry. A final word of
    the phrase that is a slot preposition of the language pack of ``lang``
    (``function_words.slot_preposition``: "of", "from", "into", ...) names the slot of the
    place or of a party."""
    if not isinstance(entry, dict):
        raise DataFileError(f"{source}: trigger {entry!r} must be a JSON object")
    check_keys(entry, TRIGGER_KEYS, f"{source}: trigger {entry.get('phrase')!r}")
    try:
        phrase = str(entry["phrase"]).strip().lower()
        kind = str(entry["kind"])
    except KeyError as exc:
        raise DataFileError(f"{source}: trigger {entry!r} needs 'phrase' and 'kind'") from exc
    if kind not in KINDS:
        raise DataFileError(f"{source}: trigger {phrase!r} has unknown kind {kind!r}; "
                            f"use one of {', '.join(KINDS)}")
    words = phrase.split()
    pos = entry.get("pos", "verb")
    if pos not in ("verb", "noun"):
        raise DataFileError(f"{source}: trigger {phrase!r}: pos must be 'verb' or 'noun'")
    preps = language_pack(lang).function_words["slot_preposition"]
    prep = words[-1] if len(words) > 1 and words[-1] in preps else None
    core = words[:-1] if prep else words
    if not core:
        raise DataFileError(f"{source}: trigger {phrase!r} has no head word")
    head = core[-1] if pos == "noun" else core[0]
    required = tuple(w for i, w in enumerate(core) if i != (len(core) - 1 if pos == "noun" else 0))
    place = entry.get("place") or ("prep" if prep else "object")
    if place == "prep" and not prep:
        raise DataFileError(f"{source}: trigger {phrase!r} puts the place in a preposition "
                            "but the phrase ends with none")
    actor = entry.get("actor") or ("poss" if pos == "noun" else "subject")
    if place == "prep" and actor == f"prep:{prep}":
        raise DataFileError(f"{source}: trigger {phrase!r} uses {prep!r} for place and actor")
    rule_id = entry.get("id") or (f"trigger.{kind}.{'_'.join(words)}"
                                  + (".noun" if pos == "noun" else ""))
    return Trigger(
        phrase=phrase, kind=kind, head=head, id=str(rule_id), pos=pos, required=required,
        prep=prep if place == "prep" else None, place=place, actor=actor,
        role=entry.get("role") or _ROLE_BY_KIND.get(kind, "agent"),
        loser_prep=entry.get("loser_prep") or (
            prep if entry.get("loser_object") else
            ("from" if kind in ("capture", "recapture") else None)),
        loser_object=bool(entry.get("loser_object", False)),
        military_actor=bool(entry.get("military_actor", False)),
        actor_is_country=bool(entry.get("actor_is_country", False)),
        part=bool(entry.get("part", False)),
        ended_only=bool(entry.get("ended_only", False)),
        armed_loser=bool(entry.get("armed_loser", False)),
        state=bool(entry.get("state", False)),
        party_prep=prep if place != "prep" else None,
    )


def _merge(datas: list[tuple[Path, dict[str, Any]]]) -> Lexicon:
    triggers: dict[str, list[Trigger]] = {}
    words: dict[str, set[str]] = {}
    maps: dict[str, dict[str, str]] = {}
    control: dict[str, Any] = {}
    provenance = []
    for path, data in datas:
        if not isinstance(data, dict) or "provenance" not in data:
            raise DataFileError(f"lexicon file {path} needs a 'provenance' field saying who "
                                "wrote it and from what")
        provenance.append(str(data["provenance"]))
        check_lexicon(data, path)
        for entry in data.get("triggers", ()):
            t = compile_trigger(entry, str(path), str(data.get("language") or "en"))
            triggers.setdefault(t.head, []).append(t)
        for key, value in data.items():
            if key == "control_states":
                for k, v in value.items():
                    if isinstance(v, dict):
                        control.setdefault(k, {}).update(v)
                    else:
                        control[k] = sorted(set(control.get(k, [])) | set(v))
            elif isinstance(value, list) and key != "triggers":
                words.setdefault(key, set()).update(str(w).lower() for w in value)
            elif isinstance(value, dict):
                maps.setdefault(key, {}).update({k.lower(): v for k, v in value.items()})
    ordered = {h: tuple(sorted(ts, key=lambda t: -t.specificity)) for h, ts in triggers.items()}
    return Lexicon(triggers=ordered, words={k: frozenset(v) for k, v in words.items()},
                   maps=maps, control_states=control, provenance=tuple(provenance),
                   paths=tuple(p for p, _ in datas))


def check_lexicon(data: dict[str, Any], path: Path | str) -> None:
    """The schema of a lexicon file: known keys only (:data:`LIST_NAMES`, :data:`MAP_NAMES`,
    :data:`OTHER_KEYS`), lists of strings and string maps where expected; raises
    DataFileError naming the file and the key."""
    for key, value in data.items():
        if key in LIST_NAMES:
            if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
                raise DataFileError(f"lexicon file {path}: {key!r} must be a list of words")
        elif key in MAP_NAMES:
            if not isinstance(value, dict) or not all(isinstance(v, str)
                                                      for v in value.values()):
                raise DataFileError(f"lexicon file {path}: {key!r} must map words to words")
        elif key == "triggers":
            if not isinstance(value, list):
                raise DataFileError(f"lexicon file {path}: 'triggers' must be a list")
        elif key == "control_states":
            if not isinstance(value, dict):
                raise DataFileError(f"lexicon file {path}: 'control_states' must be an object")
            check_keys(value, CONTROL_STATE_KEYS, f"lexicon file {path}: control_states")
        elif key not in OTHER_KEYS:
            hint = (" (hedge phrases are factuality rules now: geo_events/data/"
                    "factuality_rules.json)" if key == "unverified_cues" else
                    " (a new word list or map is declared in geo_events/events/lexicon.py)")
            check_keys({key: value}, {*LIST_NAMES, *MAP_NAMES, *OTHER_KEYS},
                       f"lexicon file {path}", hint=hint)


@cache
def _load(paths: tuple[Path, ...]) -> Lexicon:
    return _merge([(p, read_json(p, "lexicon")) for p in paths])


def load_lexicon(*extra: str | Path, lang: str | None = None) -> Lexicon:
    """The lexicon of the language pack of ``lang`` (None: the
    :func:`~geo_events.language.active_language`), extended by the given lexicon files
    (cached)."""
    own = language_pack(lang or active_language()).files["lexicon"]
    return _load((own, *(Path(p).resolve() for p in extra)))
