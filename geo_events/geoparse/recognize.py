"""Toponym recognition: which spans of a spaCy Doc name places, and what the context says.

Three sources of evidence are combined (each recorded on the :class:`SpanCandidate`):

* the statistical NER of the pipeline (GPE / LOC / FAC; NORP for demonyms);
* the gazetteer: the longest run of capitalised tokens whose normalised form names a place
  (``en_core_web_sm`` tags neither Lyman nor Kherson as places; it calls them PERSON);
* context cues from :file:`geo_events/data/lang/en/geoparse_cues.json` (the cue file of the
  language pack): "the city of X" (a settlement),
  "X region" / "the X and Y regions" (admin-1 units), "X in the Y region" / "X, Y" (containment),
  "Moscow-backed" (a modifier, not a place where something happened), "Kyiv said" and
  "the Kremlin" (metonymy: a government speaking).

Gazetteer-only spans need support (a cue, a proper-noun tag, or, later, document coherence in the
resolver) because GeoNames also names places "Most", "Police" and "Of".
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from geo_events.data_schema import check_keys
from geo_events.gazetteer import Gazetteer, MatchKind, normalize_name
from geo_events.language import language_pack

#: The English pipeline's labels of these sets (the code reads the pack's ``ents``: ``place``,
#: ``blocking``, ``embedding``, ``doubtful``, ``people``, ``person``).
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: NER labels whose spans are never places themselves (a gazetteer match inside is rejected).
BLOCKING_LABELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL",
                             "ORDINAL"})
#: Labels the small model often puts on unfamiliar place names ("across Mauritius" -> PRODUCT):
#: a single-token match under them is weak evidence, not a veto.
#: Entities whose names often contain a place ("Paris Police Department", "DeSmog Canada").
EMBEDDING_LABELS = frozenset({"ORG", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
DOUBTFUL_LABELS = frozenset({"PERSON", "ORG", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
                             "LANGUAGE"})
MAX_TOKENS = 6
#: People; a NORP-labelled name is read as a city only when the city is at least this big.
NORP_CITY = 100_000


#: Keys of ``geoparse_cues.json`` (word lists, and ``institution_metonyms``: a name -> country
#: code map); a new list is declared here, a misspelt one is an error naming the file and key.
CUE_KEYS = frozenset({
    "_provenance", "admin_type_words", "settlement_type_words", "subunit_type_words",
    "settlement_of_cues", "locative_prepositions", "modifier_suffixes", "holder_suffixes",
    "speech_verbs", "speech_nouns",
    "generic_trailing_words", "institution_metonyms", "place_verbs", "armed_party_nouns",
    "place_subject_verbs", "resident_nouns", "common_capitalised_words", "non_place_names",
    "acting_party_verbs_beyond_place_verbs", "place_verbs_no_party_does", "bearings",
    "distance_units", "distance_hedges", "closeness_words", "name_connectors",
    "demonym_prefixes", "articles", "genitive_words", "list_conjunctions",
    "containment_words", "not_settlement_of_nouns", "locator_prepositions", "plural_endings",
    "locator_patterns", "time_unit_nouns", "party_fire_nouns", "nearby_words"})

#: The expressions of ``locator_patterns`` (regular expressions of the locator grammar,
#: :func:`geo_events.geoparse.locators.locator_patterns`): each must be given, no other.
LOCATOR_PATTERN_NAMES = frozenset({
    "typed", "part", "gap", "before", "text", "subunit", "subunit_name", "prep", "in_unit",
    "near", "name_before_locator", "name_after_type", "list_next"})

#: Keys of ``geoparse_cues.json`` whose value is an object of words -> numbers (km or degrees):
#: ``bearings`` (compass word -> degrees clockwise from north, 0 <= b < 360),
#: ``distance_units`` (unit word -> km per unit, > 0), ``closeness_words`` ("just" of "just
#: south of Y" -> the distance in km it stands for, > 0; see
#: :func:`geo_events.geoparse.locators.near_locator`).
NUMBER_MAPS = {"bearings": (0.0, 360.0), "distance_units": (0.0, None),
               "closeness_words": (0.0, None)}


def check_cues(data: object, path: object) -> None:
    """The schema of the geoparser's cue file: known keys, lists of words (a map for
    ``institution_metonyms``); raises DataFileError naming the file and the key."""
    from geo_events.errors import DataFileError

    if not isinstance(data, dict):
        raise DataFileError(f"cue file {path} must hold a JSON object")
    for key, value in data.items():
        if key not in CUE_KEYS:
            raise DataFileError(f"cue file {path}: unknown key {key!r}; use one of "
                                f"{', '.join(sorted(CUE_KEYS))} (a new list is declared in "
                                "geo_events/geoparse/recognize.py)")
        expected: type = dict if key in ("institution_metonyms", "locator_patterns") \
            or key in NUMBER_MAPS else str if key == "_provenance" else list
        if not isinstance(value, expected):
            raise DataFileError(f"cue file {path}: {key!r} must be a JSON "
                                f"{'object' if expected is dict else expected.__name__}")
        if key == "locator_patterns" and isinstance(value, dict):
            check_keys(value, LOCATOR_PATTERN_NAMES, f"cue file {path}: 'locator_patterns'",
                       what="expression")
            missing = sorted(LOCATOR_PATTERN_NAMES - set(value))
            if missing:
                raise DataFileError(f"cue file {path}: 'locator_patterns' lacks the "
                                    f"expression {missing[0]!r}")
            bad = sorted(k for k, v in value.items() if not isinstance(v, str))
            if bad:
                raise DataFileError(f"cue file {path}: 'locator_patterns': {bad[0]!r} must "
                                    "be a regular expression (a string)")
        if key in NUMBER_MAPS and isinstance(value, dict):
            low, high = NUMBER_MAPS[key]
            for word, number in value.items():
                if isinstance(number, bool) or not isinstance(number, (int, float)) \
                        or not (number >= low if key == "bearings" else number > low) \
                        or (high is not None and number >= high):
                    bound = f"{low:g} <= n < {high:g}" if high is not None else f"n > {low:g}"
                    raise DataFileError(f"cue file {path}: {key!r}: {word!r} must map to a "
                                        f"number {bound}, not {number!r}")
    missing = sorted(CUE_KEYS - set(data))
    if missing:
        raise DataFileError(f"cue file {path} lacks the key {missing[0]!r}")


def cues_path(lang: str | None = None) -> Path:
    """The geoparser's cue file of the language pack of ``lang`` (None: the
    :func:`~geo_events.language.active_language`; English:
    ``geo_events/data/lang/en/geoparse_cues.json``)."""
    return language_pack(lang).files["geoparse_cues"]


def cues(lang: str | None = None) -> dict:
    """The cue lexicon of the language pack of ``lang`` (None: the
    :func:`~geo_events.language.active_language`), loaded once (a data file users can read
    and extend; schema :func:`check_cues`)."""
    path = language_pack(lang).files["geoparse_cues"]
    data = _CUES.get(path)
    if data is None:
        data = _CUES[path] = _read_cues(path)
    return data


#: The loaded cue files, by path.
_CUES: dict[Path, dict] = {}


def _read_cues(path: Path) -> dict:
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    check_cues(data, path)
    for k, v in list(data.items()):
        if isinstance(v, list):
            data[k] = frozenset(v)
    return data


@dataclass
class SpanCandidate:
    """A span that may name a place, with the evidence for it.

    ``source`` is ``"ner"`` (GPE/LOC/FAC), ``"ner_norp"``, ``"gazetteer"`` or ``"institution"``.
    ``level_hint`` is the level a cue asks for (``admin1``, ``populated_place``) or None.
    ``parent`` is the index of a candidate that contains this one ("Lyman in the Donetsk region").
    ``relative``: a relative location after the name ("X, 35 km north of Y").
    ``role`` is ``toponym``, ``demonym``, ``modifier``, ``metonym`` (a place standing for its
    government: "Kyiv said"), ``embedded`` (inside an organisation's name) or ``institution``
    ("the Kremlin": resolved to its country).
    """

    start: int  # token index
    end: int  # token index, exclusive
    key: str
    source: str
    role: str = "toponym"
    level_hint: str | None = None
    parent: int | None = None
    cue: bool = False
    ner_label: str | None = None
    country_hint: str | None = None
    weak: bool = False
    listed: bool = False  # coordinated with an NER place ("Tamil Nadu, Karnataka and Kerala")
    verb_object: bool = False  # a strong syntactic cue: "seized Goma", "Alexandria woman"
    locator: bool = False  # "Y" of "<unplaced name>, Y": where that name is ("Zalyman, Kharkiv")
    party: bool = False  # names an armed party ("Russian forces", "Russia advanced"), not where
    #: read out of a time expression it was taken into ("entered Kherson hours after":
    #: :func:`before_time_noun`)
    time_edge: bool = False
    #: a holder compound modifies it ("Russian-controlled X", "the Ukrainian-held city of X"):
    #: a place whose control is in dispute, so which country it lies in is no vote of the text
    held: bool = False
    type_word: str | None = None  # the admin type word after the name ("region" of "X region")
    #: "X, 35 km north of Y", "X, near Y": (Y's candidate index, then the phrase's distance,
    #: unit, closeness and compass words or None), read by the resolver
    relative: tuple[int, str | None, str | None, str | None, str | None] | None = None
    notes: list[str] = field(default_factory=list)

    def span(self, doc: Doc) -> Span:
        return doc[self.start:self.end]


def _is_cap(tok: Token) -> bool:
    return tok.text[:1].isupper()


def before_time_noun(doc: Doc, start: int, end: int) -> bool:
    """True when the capitalised name ``doc[start:end]`` sits right before a lower-case time
    unit noun the parser hung it on (cue list ``time_unit_nouns``: "entered Kherson *hours*
    after", "Bakhmut *days* later", "in Kyiv *minutes* before"): the model read the name
    into the time expression (a TIME / DATE / ORG entity, a compound or modifier of the
    noun); the name is no part of it. Not a month or weekday name ("January months after")."""
    if end >= len(doc) or not _is_cap(doc[start]):
        return False
    nxt, last = doc[end], doc[end - 1]
    pack = language_pack(doc.lang_)
    return nxt.text.islower() and nxt.lower_ in cues()["time_unit_nouns"] \
        and last.head.i == nxt.i and last.dep_ in pack.deps["attributive"] \
        and not any(t.lower_ in pack.months or t.lower_ in pack.weekdays
                    for t in doc[start:end])


def name_on_time_noun(tok: Token) -> Token | None:
    """The last token of the name the parser hung on the time unit noun ``tok`` ("hours" of
    "entered Kherson hours after": "Kherson"; :func:`before_time_noun`), or None."""
    doc, start = tok.doc, tok.i
    while start > 0 and tok.i - start < MAX_TOKENS and _is_cap(doc[start - 1]):
        start -= 1
    return doc[tok.i - 1] if start < tok.i and before_time_noun(doc, start, tok.i) else None


def name_before_time_noun(doc: Doc, i: int) -> Token | None:
    """The last token of a capitalised name starting at token ``i`` that the parser hung on
    the time unit noun after it ("entered Bakhmut days later", with no object of the verb:
    "Bakhmut"; :func:`before_time_noun`), or None."""
    end = i
    while end < len(doc) and end - i < MAX_TOKENS and _is_cap(doc[end]):
        end += 1
    return doc[end - 1] if end > i and before_time_noun(doc, i, end) else None


def _ent_label_of(doc: Doc) -> list[str | None]:
    labels: list[str | None] = [None] * len(doc)
    for ent in doc.ents:
        for i in range(ent.start, ent.end):
            labels[i] = ent.label_
    return labels


def _longest_gazetteer_match(doc: Doc, i: int, sent_end: int, gaz: Gazetteer
                             ) -> tuple[int, str] | None:
    """Longest span doc[i:j] (capitalised tokens, connectors inside) that names a place."""
    best = None
    j = i
    parts: list[str] = []
    connectors = cues()["name_connectors"]
    while j < min(sent_end, i + MAX_TOKENS):
        tok = doc[j]
        if j > i and not (_is_cap(tok) or tok.lower_ in connectors):
            break
        parts.append(tok.text + tok.whitespace_)
        j += 1
        if j > i and doc[j - 1].lower_ in connectors:
            continue  # a span never ends on a connector
        key = normalize_name("".join(parts))
        if key and gaz.has_key(key):
            best = (j, key)
    return best


def common_word_after_article(word: str, tok: Token) -> bool:
    """True when ``word`` (the lowercased text of the one-token name ``tok``) is a word of the
    cues' ``common_capitalised_words`` and an article stands right before ``tok``: "the
    *Peninsula*", "the *Port*" are a common word capitalised, no name. One test for
    recognition and :func:`geo_events.geoparse.recover.recover`."""
    c = cues()
    return word in c["common_capitalised_words"] and tok.i > 0 \
        and tok.nbor(-1).lower_ in c["articles"]


def find_candidates(doc: Doc, gaz: Gazetteer) -> list[SpanCandidate]:
    """All place-name span candidates of ``doc``, left to right, non-overlapping."""
    c = cues()
    pack = language_pack(doc.lang_)
    ents, deps = pack.ents, pack.deps
    labels = _ent_label_of(doc)
    out: list[SpanCandidate] = []
    taken = [False] * len(doc)

    # 1. Institution metonyms ("the Kremlin said").
    metonyms = c["institution_metonyms"]
    for ent in doc.ents:
        key = normalize_name(ent.text)
        if key in metonyms:
            out.append(SpanCandidate(ent.start, ent.end, key, "institution", role="institution",
                                     country_hint=metonyms[key], ner_label=ent.label_))
            for t in range(ent.start, ent.end):
                taken[t] = True

    # 2. NER place entities (and demonyms).
    for ent in doc.ents:
        if any(taken[t] for t in range(ent.start, ent.end)):
            continue
        if ent.label_ in ents["place"]:
            end = ent.end
            while end > ent.start + 1 and (doc[end - 1].tag_ in pack.tags["possessive_ending"]
                                           or doc[end - 1].is_punct):
                end -= 1  # "South Korea's" -> "South Korea"
            start = ent.start
            key = normalize_name(doc[ent.start:end].text)
            longer = None if gaz.has_key(key) else _longest_gazetteer_match(
                doc, ent.start, doc[ent.start].sent.end, gaz)
            if longer is not None and longer[0] > end:
                # "Ruska Lozova" with only "Ruska" tagged: the name goes on past the entity
                # (else its last word alone, a namesake, would be read as the place)
                end, key = longer
                for t in range(ent.end, end):
                    taken[t] = True
            elif not gaz.has_key(key):
                if _type_noun_of(doc, end - 1):
                    continue  # "the Sea Port" of "the Sea Port of X": X is the place (below)
                start = _named_after_type_of(doc, ent.start, end)
                key = normalize_name(doc[start:end].text)
            if end - start == 1 and common_word_after_article(key, doc[start]):
                continue  # "the Peninsula", "the Port": a common word capitalised, no name
            out.append(SpanCandidate(start, end, key, "ner", ner_label=ent.label_))
        elif ent.label_ in ents["people"]:
            # "pro-Russian" -> the "Russian" token.
            toks = [t for t in ent if t.is_alpha and t.lower_ not in c["demonym_prefixes"]]
            if not toks:
                continue
            key = normalize_name(doc[toks[0].i:toks[-1].i + 1].text)
            hits = gaz.hits_for_key(key)
            # The model's NORP on a city ("authorities in Tunis"): only a big one, since
            # "Arab" and "Jewish" are small towns too.
            if any(h.kind == MatchKind.DEMONYM for h in hits) or not any(
                    h.kind == MatchKind.PRIMARY and gaz.place(h.row).population >= NORP_CITY
                    for h in hits):
                # a demonym on an armed party or on its fire ("Russian forces", "a Russian
                # air strike on X") names who acts, not the country X lies in
                head = toks[-1].head
                out.append(SpanCandidate(
                    toks[0].i, toks[-1].i + 1, key, "ner_norp", role="demonym",
                    ner_label=ent.label_, party=(toks[-1].dep_ in deps["unit_modifier"]
                                                 and (head.lower_ in c["armed_party_nouns"]
                                                      or head.lower_ in c["party_fire_nouns"]))
                    or _holder_compound(doc, toks[-1].i)))
            else:  # the model's NORP on a place name ("authorities in Tunis")
                out.append(SpanCandidate(toks[0].i, toks[-1].i + 1, key, "ner",
                                         ner_label=ent.label_))
        else:
            continue
        for t in range(ent.start, ent.end):
            taken[t] = True

    # 3. Gazetteer matches on capitalised runs the NER did not tag as places. A bare surname
    # of a person named in full elsewhere ("Kelly" after "John Kelly") is that person, unless
    # an admin unit's type word follows it and the two name a unit the gazetteer knows ("the
    # entire Kyiv region" in a text whose model read "Taking Kyiv" as a person).
    admin_words = c["admin_type_words"]
    surnames = {e[-1].lower_ for e in doc.ents if e.label_ in ents["person"] and len(e) >= 2}
    # once per doc (the tests below run per name): token texts, the entity at each token
    token_texts = frozenset(t.text for t in doc)
    ent_at: list[Span | None] = [None] * len(doc)
    for e in doc.ents:
        for t in range(e.start, e.end):
            ent_at[t] = e
    for sent in doc.sents:
        i = sent.start
        while i < sent.end:
            tok = doc[i]
            if taken[i] or not _is_cap(tok) or not any(ch.isalpha() for ch in tok.text):
                i += 1
                continue
            m = _longest_gazetteer_match(doc, i, sent.end, gaz)
            if m is None:
                i += 1
                continue
            j, key = m
            if any(taken[t] for t in range(i, j)):
                i += 1
                continue
            cand = SpanCandidate(i, j, key, "gazetteer", ner_label=labels[i])
            if (j - i == 1 and tok.lower_ in surnames
                    and not (j < sent.end and doc[j].lower_ in admin_words
                             and gaz.has_key(normalize_name(f"{tok.text} {doc[j].text}")))) \
                    or _reject_gazetteer_only(doc, cand, sent.start, token_texts, ent_at):
                i += 1
                continue
            out.append(cand)
            for t in range(i, j):
                taken[t] = True
            i = j

    out.sort(key=lambda s: s.start)
    _unembed_place_lists(doc, out)
    _apply_cues(doc, out)
    _relative_locations(doc, out)
    # the place verbs a party does, and the military verbs with no place object
    acting = (c["place_verbs"] - c["place_verbs_no_party_does"]) \
        | c["acting_party_verbs_beyond_place_verbs"]
    for cand in out:
        last = doc[cand.end - 1]
        if cand.role == "toponym" and last.dep_ in deps["active_nominal_subject"] \
                and last.head.lemma_.lower() in acting:
            # "Russia advanced toward X": the subject of a military verb names who acts, a weak
            # vote for where (as "Russian forces" does)
            cand.party = True
    for cand in out:
        # "Pyshchevyk, Donetsk" with a village the gazetteer lacks: Donetsk only locates it
        if cand.parent is not None and not gaz.has_key(cand.key) \
                and doc[cand.end].text == ",":
            out[cand.parent].locator = out[cand.parent].cue = True
    return out


def _holder_compound(doc: Doc, i: int) -> bool:
    """True when token ``i`` begins a holder compound ("Russian-controlled", "Ukrainian-held":
    the demonym, a hyphen, a word of ``holder_suffixes``): the demonym names who holds the
    place, a party of the fighting, not the country the place lies in (the Donetsk that is
    "Russian-controlled" is the contested one, not Russia's namesake town)."""
    return i + 2 < len(doc) and doc[i + 1].text == "-" \
        and doc[i + 2].lower_ in cues()["holder_suffixes"]


def _type_noun_of(doc: Doc, i: int) -> bool:
    """True when token ``i`` and the "of" after it are a settlement cue (``settlement_of_cues``,
    except ``not_settlement_of_nouns``: "port of", "city of") with a name after them."""
    c = cues()
    word = doc[i]
    return i + 2 < len(doc) and doc[i + 1].lower_ in c["genitive_words"] \
        and f"{word.lower_} {doc[i + 1].lower_}" in c["settlement_of_cues"] \
        and word.lower_ not in c["not_settlement_of_nouns"] and _is_cap(doc[i + 2])


def _named_after_type_of(doc: Doc, start: int, end: int) -> int:
    """The first token of the name inside an entity "the Port of X" / "the City of X" that the
    gazetteer does not know whole (cue list ``settlement_of_cues``, except
    ``not_settlement_of_nouns``): X, the settlement the type noun is of (the parser hangs "of
    X" on the noun, which no settlement is named by); ``start`` itself otherwise ("Port of
    Spain", which the gazetteer knows, never reaches here)."""
    c = cues()
    for i in range(start, end - 2):
        if doc[i + 1].lower_ not in c["genitive_words"]:
            continue
        if _type_noun_of(doc, i) and all(t.lower_ in c["articles"] or t.i == i
                                         or t.head.i == i for t in doc[start:i + 1]):
            return i + 2
        break  # only the entity's first "of" ("the Port of X")
    return start


def _unembed_place_lists(doc: Doc, cands: list[SpanCandidate]) -> None:
    """An "organisation" made only of place names, commas and connectors is the model
    mislabelling a list of places ("Bucha, Kyiv Oblast"; "Kharkiv and Odesa"; "Sumy and
    Chernihiv Oblasts": an admin type word is no name of its own): its places are toponyms,
    not embedded names."""
    skipped = cues()["name_connectors"] | cues()["articles"]
    admin, plurals = set(cues()["admin_type_words"]), tuple(cues()["plural_endings"])
    for ent in doc.ents:
        inside = [c for c in cands if c.role == "embedded" and ent.start <= c.start < ent.end]
        if not inside:
            continue
        covered = {t for c in inside for t in range(c.start, c.end)}
        # a plural type word right after a listed name ("Sumy and Chernihiv Oblasts")
        types = {c.end for c in inside if c.end < ent.end and doc[c.end].lower_ in admin
                 and doc[c.end].lower_.endswith(plurals)}
        rest = [t for t in ent if t.i not in covered and t.is_alpha
                and t.lower_ not in skipped and t.i not in types]
        if not rest:
            for c in inside:
                c.role = "toponym"


def _listed_before_plural_type(doc: Doc, cand: SpanCandidate, ent: Span) -> bool:
    """True when the entity is the candidate and a plural admin type word after it, the last
    name of a list ("Kherson and *Zaporizhzhia Provinces*", read as a person): the type word
    is no part of a person's name, and the names before it share it."""
    c = cues()
    if ent.start != cand.start or ent.end != cand.end + 1 or cand.start < 2:
        return False
    word = doc[cand.end].lower_
    return word in c["admin_type_words"] and word.endswith(tuple(c["plural_endings"])) \
        and (doc[cand.start - 1].lower_ in c["list_conjunctions"]
             or doc[cand.start - 1].text == ",")


def _reject_gazetteer_only(doc: Doc, cand: SpanCandidate, sent_start: int,
                           token_texts: frozenset[str], ent_at: list[Span | None]) -> bool:
    span = doc[cand.start:cand.end]
    if before_time_noun(doc, cand.start, cand.end):
        # "entered Kherson hours after" read as a TIME entity or a person: the entity is the
        # time expression's (or the model's guess at it), not the name's
        cand.ner_label = None
        cand.time_edge = True
    label = cand.ner_label
    c = cues()
    pack = language_pack(doc.lang_)
    people = pack.ents["people"]
    if label in pack.ents["blocking"] or cand.key in c["common_capitalised_words"] \
            or cand.key in c["non_place_names"]:
        return True  # "National Guard", "Spring"; "Telegram", "Reuters": not places
    if label in pack.ents["doubtful"] or label in people:
        ent = ent_at[cand.start]
        # A multi-token person ("Volodymyr Zelensky") is not a place; a single token the model
        # guessed as PERSON often is ("Lyman"). A place name inside an organisation's name
        # ("Kansas State University", "HSBC Malta") is kept as an *embedded* mention: it says
        # where the organisation is, not where something happened.
        if ent is not None and (len(ent) > len(span) or label in people) \
                and not _listed_before_plural_type(doc, cand, ent):
            if label in pack.ents["embedding"] and label not in people and cand.end <= ent.end:
                cand.role = "embedded"
                return False
            return True
        cand.weak = True
    if len(cand.key) < 3 and not (span.text.isupper() or "." in span.text):
        return True  # two letters only as an acronym or abbreviation ("EU", "UK", "Ga.")
    if all(t.is_stop or t.lower_ in c["name_connectors"] for t in span):
        return True
    head = span[-1]
    if head.tag_ not in pack.tags["proper_noun"]:
        cand.weak = True
        if cand.start == sent_start and not _subject_of_place_verb(span):
            return True
    if cand.start == sent_start and len(span) == 1:
        cand.weak = True
    # A capitalised word used lower-case elsewhere in the text is a common word here.
    if len(span) == 1 and span.text.lower() in token_texts:
        cand.weak = True
    return False


def _subject_of_place_verb(span: Span) -> bool:
    """``span`` is the subject, right before it, of a verb whose subject is a place ("Bakhmut
    fell to ...", "Bakhmut came under ... control"), however the tagger read the name."""
    last = span[-1]
    return (last.dep_ in language_pack(span.doc.lang_).deps["place_subject"]
            and last.head.i == span.end
            and span[0].is_title
            and last.head.lemma_.lower() in cues()["place_subject_verbs"])


def _apply_cues(doc: Doc, cands: list[SpanCandidate]) -> None:
    """Set level hints, roles and containment links from the surrounding words."""
    c = cues()
    pack = language_pack(doc.lang_)
    deps = pack.deps
    admin_words = c["admin_type_words"]
    settlement_words = c["settlement_type_words"]
    modifier_suffixes = c["modifier_suffixes"]
    speech, speech_nouns = c["speech_verbs"], c["speech_nouns"]
    genitive, conjunctions = c["genitive_words"], c["list_conjunctions"]
    containment, plurals = c["containment_words"], tuple(c["plural_endings"])
    # "X in western Luhansk Oblast": a part of the unit between the words (locator grammar)
    part_word = re.compile(c["locator_patterns"]["part"])
    by_start = {s.start: k for k, s in enumerate(cands)}
    ends = {s.end - 1 for s in cands}

    for k, cand in enumerate(cands):
        if cand.role in ("institution", "demonym", "embedded"):
            continue
        nxt = doc[cand.end] if cand.end < len(doc) else None
        prev = doc[cand.start - 1] if cand.start > 0 else None
        # "Moscow-backed", "Kremlin-controlled": a modifier.
        if nxt is not None and nxt.text == "-" and cand.end + 1 < len(doc) \
                and doc[cand.end + 1].lower_ in modifier_suffixes:
            cand.role = "modifier"
            continue
        # "Russian-controlled X", "the Ukrainian-held city of X": a held place
        j = cand.start - 1
        if j >= 2 and doc[j].lower_ in genitive and doc[j - 1].lower_ in settlement_words:
            j -= 2
        if j >= 2 and doc[j - 1].text == "-" and _holder_compound(doc, j - 2):
            cand.held = True
        # "X region", "X oblast"; "the X and Y regions" (coordination).
        if nxt is not None and nxt.lower_ in admin_words:
            cand.level_hint = "admin1"
            cand.cue = True
            cand.type_word = _singular(nxt.lower_, admin_words)
            if nxt.lower_.endswith(plurals):
                _hint_conjuncts(doc, cands, by_start, k, "admin1", cand.type_word)
        elif nxt is not None and nxt.lower_ in settlement_words \
                and nxt.tag_ not in pack.tags["plural_noun"]:
            # "Lyman city" is rare; "X town" mostly a settlement.
            cand.level_hint = cand.level_hint or "populated_place"
            cand.cue = True
        # "Alexandria woman", "Gainesville residents": a place name before its people.
        if nxt is not None and nxt.lower_ in c["resident_nouns"]:
            cand.cue = cand.verb_object = True
        # "X, a town in Y" (apposition).
        if any(t.dep_ in deps["apposition"] and t.head.i == cand.end - 1
               and t.lower_ in settlement_words
               for t in doc[cand.end:min(cand.end + 4, len(doc))]):
            cand.level_hint = "populated_place"
            cand.cue = True
        # "the city of X", "town of X", "residents of X", "the mayor of X" (not "the capital
        # of X": a country's or province's name follows)
        if cand.start >= 2 and prev is not None and prev.lower_ in genitive and (
                doc[cand.start - 2].lower_ in settlement_words
                or f"{doc[cand.start - 2].lower_} {prev.lower_}" in c["settlement_of_cues"]) \
                and doc[cand.start - 2].lower_ not in c["not_settlement_of_nouns"]:
            cand.level_hint = "populated_place"
            cand.cue = True
        if cand.start >= 2 and prev is not None and prev.lower_ in genitive \
                and doc[cand.start - 2].lower_ in admin_words:
            cand.level_hint = "admin1"
            cand.cue = True
        if prev is not None and prev.lower_ in c["locative_prepositions"]:
            cand.cue = True  # "in X"
        elif prev is not None and cand.start >= 2 and \
                f"{doc[cand.start - 2].lower_} {prev.lower_}" in c["locative_prepositions"]:
            cand.cue = cand.verb_object = True  # "south of X", "close to X": a strong cue
        # "retook Mala Shestirnya, Kherson": a name in apposition after another proper name
        # that is no candidate (a village the model calls a person) says where that name is.
        name = cand.start - 2  # "Zalyman village, Kharkiv" too
        if name >= 1 and doc[name].lower_ in settlement_words:
            name -= 1
        # "Dmytrivka, Borodianska community, Kyiv": the sub-unit between is skipped. The parser
        # reads Y as X's apposition, or (after a preposition) X as a modifier of Y.
        before = subunit_before(doc, cand.start - 1, c["subunit_type_words"])
        if before is not None:
            name = before - 1
        if (prev is not None and prev.text == "," and name >= 0
                and doc[name].pos_ in pack.pos["proper_noun"] and doc[name].is_title
                and name not in ends and (doc[cand.end - 1].dep_ in deps["apposition"]
                                          or doc[name].head.i == cand.end - 1)):
            cand.cue = cand.locator = True
        # The object of a verb that takes places ("seized Goma", "entered Kherson").
        last = doc[cand.end - 1]
        if cand.time_edge:
            # a name read out of a time expression stands where the parser put the time noun
            # ("entered Kherson hours after": the verb's object; "in Kyiv minutes before")
            last = doc[cand.end]
            if prev is not None and prev.lemma_.lower() in c["place_verbs"] \
                    and prev.pos_ in pack.pos["verb"]:
                cand.cue = cand.verb_object = True  # "entered Bakhmut days later"
        # (a name right after the verb that the tagger took for an adverb: "captured Bakhmut",
        # however the parser attached it: "the offensive to capture Bakhmut continued" hangs
        # the "adverb" on "continued")
        if (last.dep_ in deps["undergoer"] and last.head.lemma_.lower() in c["place_verbs"]) \
                or (last.dep_ in deps["adverbial_name"] and doc[cand.start].is_title
                    and prev is not None and prev.pos_ in pack.pos["verb"]
                    and prev.lemma_.lower() in c["place_verbs"]):
            cand.cue = cand.verb_object = True
        if _subject_of_place_verb(cand.span(doc)):
            cand.cue = cand.verb_object = True
        # Metonymy: a capital as subject of a speech verb ("Kyiv said", "Moscow denied"), or
        # of a verb whose object is an act of speech ("traded blame", "exchanged accusations");
        # its conjuncts too ("Kyiv and Moscow blamed each other")
        subject = doc[cand.end - 1]
        while subject.dep_ in deps["conjunct"] and subject.head.i < subject.i:
            subject = subject.head
        verb = subject.head
        if subject.dep_ in deps["nominal_subject"] and verb.i >= cand.end and (
                verb.lemma_ in speech or any(
                    o.dep_ in deps["direct_object"] and o.lemma_.lower() in speech_nouns
                    for o in verb.children)):
            cand.role = "metonym"

    # Lists: a gazetteer-only name coordinated with an NER place ("Tamil Nadu, Karnataka and
    # Kerala") is a place too.
    for k, cand in enumerate(cands):
        if cand.source != "gazetteer" or cand.cue:
            continue
        for j in (k - 1, k + 1):
            if 0 <= j < len(cands) and cands[j].source == "ner":
                lo, hi = sorted((cand, cands[j]), key=lambda s: s.start)
                gap = doc[lo.end:hi.start]
                if 0 < len(gap) <= 2 and all(t.lower_ == "," or t.lower_ in conjunctions
                                             for t in gap):
                    cand.cue = cand.listed = True

    # Containment: "X in the Y region", "X in Y", "X, Y" (Y right after X), "X village, Y",
    # "X in (the) western Y".
    for k, cand in enumerate(cands):
        if cand.role != "toponym":
            continue
        j = cand.end
        typed = j + 1 < len(doc) and doc[j].lower_ in settlement_words and doc[j + 1].text == ","
        j += typed
        words: list[str] = []
        while j < len(doc) and j < cand.end + 3 and (
                doc[j].lower_ == "," or doc[j].lower_ in containment
                or (words[-1:] in (["in"], ["the"]) and part_word.fullmatch(doc[j].lower_))):
            words.append(doc[j].lower_)
            j += 1
        hop = _subunit_after(doc, j, c["subunit_type_words"]) if words[-1:] == [","] else j
        if not words or hop not in by_start:
            continue
        if len(words) == 1 and words[0] in genitive:
            continue  # "X of Y"
        parent = by_start[hop]
        if cands[parent].role == "toponym" and parent != k:
            cand.parent = parent
            if hop != j or typed:  # "X, Y district, Z", "X village, Z": Z can only be a
                cands[parent].locator = cands[parent].cue = True  # province or its capital


def _relative_locations(doc: Doc, cands: list[SpanCandidate]) -> None:
    """Set ``relative`` of a toponym followed by a relative location whose Y is another
    candidate ("X, 35 km north of Y", "X (near Y)":
    :func:`geo_events.geoparse.locators.relative_phrase`)."""
    from geo_events.geoparse.locators import relative_phrase

    text = doc.text
    by_char = {doc[s.start].idx: k for k, s in enumerate(cands)}
    for k, cand in enumerate(cands):
        if cand.role != "toponym":
            continue
        last = doc[cand.end - 1]
        found = relative_phrase(text, last.idx + len(last.text))
        y = by_char.get(found.end()) if found is not None else None
        if found is None or y is None or y == k or cands[y].role != "toponym":
            continue
        cand.relative = (y, found["distance"], found["unit"], found["close"],
                         found["direction"])


def _subunit_after(doc: Doc, j: int, subunit_words: Collection[str]) -> int:
    """The token after "<Name> <sub-unit word>, " starting at ``j`` ("Makariv district, "),
    or ``j`` itself when no such phrase starts there."""
    k = j
    while k < len(doc) and k < j + 3 and _is_cap(doc[k]):
        k += 1
    if k > j and k + 1 < len(doc) and doc[k].lower_ in subunit_words and doc[k + 1].text == ",":
        return k + 2
    return j


def subunit_before(doc: Doc, comma: int, subunit_words: Collection[str]) -> int | None:
    """The comma before ", <Name> <sub-unit word>," that ends at token ``comma``, or None."""
    if comma < 3 or doc[comma].text != "," or doc[comma - 1].lower_ not in subunit_words:
        return None
    k = comma - 2
    while k >= 0 and k > comma - 5 and _is_cap(doc[k]):
        k -= 1
    return k if k < comma - 2 and k >= 1 and doc[k].text == "," else None


def _singular(word: str, words: Collection[str]) -> str:
    """"regions" -> "region" when the singular (without a ``plural_endings`` ending) is one
    of ``words``."""
    for ending in cues()["plural_endings"]:
        if word.endswith(ending) and word[:-len(ending)] in words:
            return word[:-len(ending)]
    return word


def _hint_conjuncts(doc: Doc, cands: list[SpanCandidate], by_start: dict[int, int], k: int,
                    hint: str, type_word: str | None = None) -> None:
    """In "the Luhansk and Donetsk regions" hint every coordinated name before the type word."""
    j = k - 1
    conjunctions = cues()["list_conjunctions"]
    while j >= 0:
        gap = doc[cands[j].end:cands[j + 1].start]
        if not all(t.lower_ in (",", "&") or t.lower_ in conjunctions for t in gap) \
                or len(gap) == 0:
            break
        cands[j].level_hint = hint
        cands[j].type_word = type_word
        cands[j].cue = True
        j -= 1
