"""Actor phrases of triggers and the conflict-profile sides they name."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from geo_events.events.factuality import _reporter, report_of
from geo_events.events.lexicon import Lexicon, Trigger
from geo_events.events.patterns import DocTriggers
from geo_events.events.place_rules import place_rules
from geo_events.events.profiles import Profile
from geo_events.events.sources import phrase_text, source_tokens
from geo_events.events.syntax import (
    _lemma,
    _pack,
    _phrase_text,
    _phrase_tokens,
    date_phrase_subject,
    line_start,
)


@dataclass(frozen=True, slots=True)
class _Actor:
    text: str
    side: str | None
    armed: bool
    #: a party named by its own name ("M23", "Myanmar National Democratic Alliance Army"), not
    #: a state or "Russian forces": kept as ``gain_actor`` beside the side it maps to
    named: bool = False
    #: the id of the reference rule by which a pronoun or a bare armed noun stands for this
    #: party (``pronoun_parties``), kept in the event's provenance
    rule: str | None = None


def _normalise_actor(text: str, lexicon: Lexicon) -> str:
    """Actor text without articles and trailing generic nouns ("the M23 rebels" -> "M23")."""
    words = text.split()
    while words and lexicon.has("actor_determiners", words[0]):
        words = words[1:]
    while len(words) > 1 and words[-1].islower() and lexicon.has("armed_nouns", words[-1]):
        words = words[:-1]
    return " ".join(words).strip(" ,.'\"")


def _actor(heads: Sequence[Token], profile: Profile | None, lexicon: Lexicon,
           last_actor: _Actor | None) -> _Actor | None:
    if not heads:
        return None
    head = heads[0]
    pack = _pack(head)
    pronoun = lexicon.word_map("possessive_pronouns").get(head.lower_, head.lower_)
    if pronoun in lexicon.words.get("actor_pronouns", ()):
        if pronoun == "it" and profile is not None:
            # "Russia completed its withdrawal": a singular party named before, not the
            # plural "troops" of the last event
            party = _singular_party_before(head, profile)
            if party is not None:
                return party
        if lexicon.has("quoted_other_pronouns", pronoun) and in_direct_quote(head):
            # "'They have entered X,' the governor said": in his own words a speaker
            # calls his side "we"; "they" are others, never the reporter's side
            return last_actor
        return (reporting_party(head, profile, lexicon) if profile else None) or last_actor
    owner = _possessive_owner(head, lexicon)
    if owner is not None:  # "his forces" after "Azerbaijan's president": Azerbaijan's
        text = _phrase_text(owner)
        return _Actor(text, profile.side_of(text) if profile else None, True)
    text = _phrase_text(head)
    side = profile.side_of(text) if profile else None
    if side is None and last_actor is not None and last_actor.side is not None \
            and _bare_armed_noun(head, lexicon):
        # "troops overran the city": the party the sentence or the narrative names
        return _Actor(text, last_actor.side, True, rule=last_actor.rule)
    if side is None and profile and any(lexicon.has("party_possessives", t.lower_)
                                        for t in _phrase_tokens(head)):
        party = reporting_party(head, profile, lexicon)  # "the ministry said its troops had"
        side = party.side if party is not None else None
    armed = side is not None or any(lexicon.has_token("armed_nouns", t)
                                    for t in _phrase_tokens(head))
    ents = pack.ents
    if not armed and head.ent_type_ in ents["group"]:
        # a named organisation or group ("M23", "Hayat Tahrir al-Sham"); one that only
        # modifies the head ("the Intercity express", "the Red Cross convoy", "a train of
        # Ukrzaliznytsia") names the owner of an unarmed mover, not the mover
        armed = True
    named = head.pos_ in pack.pos["proper_noun"] and head.ent_type_ not in ents["not_named_party"] \
        and not any(t.ent_type_ in ents["state_or_people"]
                    or t.tag_ in pack.tags["possessive_pronoun"] for t in _phrase_tokens(head))
    return _Actor(text, side, armed, named)


#: Opening and closing quotation marks (straight ones open and close in turn).
_OPENING_QUOTES = frozenset("\u201c\u00ab\u201e")
_CLOSING_QUOTES = frozenset("\u201d\u00bb")


def in_direct_quote(tok: Token) -> bool:
    """True when ``tok`` stands inside a direct quotation that opens in its paragraph: more
    opening than closing quotation marks before it (straight double quotes toggle)."""
    depth = 0
    for t in reversed(tok.doc[:tok.i]):
        if "\n" in t.text or "\n" in t.whitespace_:
            break  # a paragraph break ends the search
        for ch in reversed(t.text):
            if ch in _CLOSING_QUOTES:
                depth -= 1
            elif ch in _OPENING_QUOTES:
                depth += 1
            elif ch == '"':
                depth = depth + 1 if depth <= 0 else depth - 1
    return depth > 0


def _bare_armed_noun(head: Token, lexicon: Lexicon) -> bool:
    """An armed noun with nothing but an article ("troops", "the soldiers"): like a pronoun,
    it stands for a party named before (:func:`pronoun_antecedent`)."""
    deps = _pack(head).deps
    return lexicon.has_token("armed_nouns", head) \
        and all((c.dep_ in deps["determiner"] and lexicon.has("actor_determiners", c.lower_))
                or c.i > head.i for c in head.children)


def _possessive_owner(head: Token, lexicon: Lexicon) -> Token | None:
    """The owner a possessive pronoun on an actor stands for ("his forces" after "Azerbaijan's
    president" or "the president of Azerbaijan": the token of Azerbaijan), in its sentence or
    the one before (rules ``possessive_actors``), else None."""
    pack = _pack(head)
    deps = pack.deps
    pron = next((c for c in head.children if c.dep_ in deps["possessor"]
                 and c.tag_ in pack.tags["possessive_pronoun"]), None)
    if pron is None:
        return None
    for rule in place_rules().possessive:
        if pron.lower_ not in rule["pronouns"]:
            continue
        titles = {t.lower() for t in rule["owner_titles"]}
        first = head.sent.start
        if first > 0:
            first = head.doc[first - 1].sent.start
        for tok in reversed(head.doc[first:head.i]):
            if tok.lower_ not in titles and _lemma(tok) not in titles:
                continue
            proper = pack.pos["proper_noun"]
            owners = [c for c in tok.children if c.dep_ in deps["possessor"] and c.pos_ in proper]
            owners += [g for c in tok.children if c.dep_ in deps["prepositional"]
                       and c.lower_ in pack.function_words["genitive"]
                       for g in c.children if g.dep_ in deps["prepositional_object"]
                       and g.pos_ in proper]
            if owners:
                return owners[0]
    return None


def reporting_party(tok: Token, profile: Profile, lexicon: Lexicon) -> _Actor | None:
    """The party reporting ``tok``'s clause ("the defence ministry said ...", "according to
    Ukraine's General Staff") when its phrase names a side of ``profile``, else None."""
    reporter = _reporter(tok, lexicon)
    if reporter is None:
        return None
    text = _phrase_text(reporter)
    # the name before any clause the parser hung on it ("Ukraine said it had retreated,
    # prompting speculation that Russia ...")
    left = " ".join(t.text for t in reporter.subtree if t.i <= reporter.i)
    side = profile.side_of(left)
    if side is not None:
        return _Actor(left, side, True)
    side = profile.side_of(text)
    if side is None:
        side = _official_side(_phrase_tokens(reporter), profile, lexicon)
    if side is None:
        # "X, the governor of Y, said"; "Haidai said": the title of an earlier mention
        # ("Luhansk governor Serhiy Haidai")
        toks, _ = source_tokens(reporter, lambda ts: _phrase_side(ts, profile, lexicon)
                                is not None, lexicon)
        side = _phrase_side(toks, profile, lexicon)
        text = phrase_text(toks) if side is not None else text
    return _Actor(text, side, True) if side is not None else None


def _phrase_side(toks: list[Token], profile: Profile, lexicon: Lexicon) -> str | None:
    return profile.side_of(phrase_text(toks)) or _official_side(toks, profile, lexicon)


def conceding_party(tok: Token, profile: Profile, lexicon: Lexicon) -> str | None:
    """The side of a party reporting ``tok``'s clause by a verb of concession ("the governor
    admitted that X had fallen", "Kyiv conceded that the troops had pulled out of X"; lexicon
    ``concession_verbs``), else None."""
    found = report_of(tok, lexicon)
    if found is None or not lexicon.has("concession_verbs", _lemma(found[1])):
        return None
    party = reporting_party(tok, profile, lexicon)
    return party.side if party is not None else None


def _official_side(phrase: Sequence[Token], profile: Profile, lexicon: Lexicon) -> str | None:
    """The side whose administration an official's title names when nothing in the phrase
    names a side ("the regional governor", "the mayor of X", "the city council": the
    profile's one government side; "the Russian-installed governor" names its side itself),
    else None. Lexicon ``official_nouns``."""
    government = profile.government_sides()
    if len(government) != 1 or not any(
            lexicon.has_token("official_nouns", t)
            for t in phrase):
        return None
    return next(iter(government))


def _singular_party_before(pronoun: Token, profile: Profile) -> _Actor | None:
    """The nearest singular subject or possessor naming a side before ``pronoun``, in its
    sentence or the one before ("Russia", "the Sudanese army"), or None. Places in other roles
    ("at the plant in Pripyat, Kyiv, during its retreat") are not candidates: "Kyiv" names a
    side only as a speaker."""
    pack = _pack(pronoun)
    deps = pack.deps
    sent = pronoun.sent
    first = sent.start
    if first > 0:
        first = pronoun.doc[first - 1].sent.start
    for tok in reversed(pronoun.doc[first:pronoun.i]):
        if tok.tag_ in pack.tags["singular_noun"] and (
                tok.dep_ in deps["nominal_subject"] or tok.dep_ in deps["possessor"]):
            # the noun phrase up to its head: a clause the parser hung on the name ("Ukraine
            # said it had retreated, prompting speculation that Russia ...") is not its name
            text = " ".join(t.text for t in tok.subtree if t.i <= tok.i)
            side = profile.side_of(text)
            if side is not None:
                return _Actor(text, side, True)
    return None


def _other_party(tok: Token, trig: Trigger, parts: Sequence[Token], profile: Profile | None,
                 lexicon: Lexicon, state: dict, found: DocTriggers
                 ) -> tuple[_Actor | None, list[Token]]:
    """The party losing a capture ("liberated X from Y", "drove Y out of X"): the ``loser``
    slot of the trigger's compiled patterns, or the object of its ``loser_prep``; and the
    heads it was read from (empty when there are none), for a check of the loser itself
    (``extract._unarmed_loser``) without reading the slot again."""
    if trig.loser_object:
        # "drove Russian troops out of X"; passive: "Russian troops were pushed out of X"
        heads = found.slot(tok, "loser:object")
        if not heads:
            heads = found.slot(tok, "loser:passive")
            if heads:
                # "they were pushed back over the river": the pushed party is the one the
                # pronoun or bare armed noun stands for (rules ``pronoun_parties``), as for
                # a subject; not the last-named actor
                return _actor(heads, profile, lexicon,
                              pronoun_antecedent(state, heads, profile, lexicon)), list(heads)
    elif trig.loser_prep and trig.loser_prep != trig.prep:
        heads = [c for p in found.prep_slot(tok, trig.loser_prep, parts) for c in p.children
                 if c.dep_ in _pack(tok).deps["prepositional_object"]]
    else:
        heads = []
    return (_actor(heads, profile, lexicon, None) if heads else None), list(heads)


def note_party(state: dict, actor: _Actor | None, last: bool = True) -> None:
    """Count an armed actor with a side towards the narrative's party (see
    :func:`narrative_party`); ``state`` is the extraction's per-document state; ``last``: it is
    also the last-named actor."""
    if actor is None or not actor.armed:
        return
    if last:
        state["last_actor"] = actor
    if actor.side is not None:
        state.setdefault("sides", Counter())[actor.side] += 1
        state.setdefault("side_actor", {})[actor.side] = actor


def note_subjects(sent: Span, profile: Profile | None, lexicon: Lexicon, state: dict,
                  counted: Collection[int] = ()) -> None:
    """Count the sided armed subjects of ``sent``'s verbs ("Ukrainian troops pushed ...")
    towards the narrative's party, whether or not their verb made an event (``counted``: the
    subject tokens already counted as event actors); and keep every armed subject of the
    sentence, active, passive or the agent of a passive ("was launched by Ukrainian forces"),
    sided or not, with the party it stands for, as an
    antecedent of a pronoun in the sentences after it (rules ``pronoun_parties``,
    :func:`pronoun_antecedent`)."""
    if profile is None:
        return
    pack = _pack(sent[0]) if len(sent) else None
    if pack is None:
        return
    deps = pack.deps
    keep = bool(place_rules().pronoun_parties)
    subjects: list[tuple[int, bool, bool, _Actor]] = []
    # "On 12 April Ukrainian troops crossed the river": the subject parsed into the date
    dated = date_phrase_subject(sent[0].head)
    for tok in sent:
        agent = tok.dep_ in deps["prepositional_object"] and tok.head.dep_ in deps["agent"]
        if tok.dep_ not in deps["nominal_subject"] and not agent and tok != dated:
            continue
        if (tok.dep_ in deps["active_nominal_subject"] or tok == dated) \
                and tok.pos_ in pack.pos["noun"] and tok.i not in counted:
            actor = _actor([tok], profile, lexicon, None)
            if actor is not None and actor.side is not None:
                note_party(state, actor, last=False)
        if keep:
            party = _subject_party(tok, state, profile, lexicon)
            if party is not None:
                verb = tok.head.head if agent else sent[0].head if tok == dated else tok.head
                subjects.append((tok.i, _in_main_clause(verb), _plural(tok, lexicon), party))
    if keep:
        state.setdefault("armed_subjects", []).append((sent.start_char, subjects))


def _subject_party(tok: Token, state: dict, profile: Profile, lexicon: Lexicon) -> _Actor | None:
    """The armed party the subject ``tok`` names or, a pronoun of a ``pronoun_parties`` rule
    or a bare armed noun, stands for; None for an unarmed subject ("the city", "officials")
    and other pronouns ("he", "it")."""
    pack = _pack(tok)
    if tok.pos_ in pack.pos["pronoun"]:
        if _party_rule(tok, lexicon) is None:
            return None
        actor = _actor([tok], profile, lexicon, pronoun_antecedent(state, [tok], profile, lexicon))
    elif tok.pos_ in pack.pos["noun"]:
        actor = _actor([tok], profile, lexicon,
                       pronoun_antecedent(state, [tok], profile, lexicon)
                       if _bare_armed_noun(tok, lexicon) else None)
    else:
        return None
    return actor if actor is not None and actor.armed else None


def _plural(tok: Token, lexicon: Lexicon) -> bool:
    """True when the subject ``tok`` may stand before "they": a plural noun or pronoun, or a
    singular noun of a rule's ``collective_nouns`` ("the army"); not "Russia", "artillery"."""
    pack = _pack(tok)
    if tok.pos_ in pack.pos["pronoun"]:
        return _party_rule(tok, lexicon) is not None
    if tok.tag_ not in pack.tags["singular_noun"]:
        return True  # NNS, NNPS
    return any(tok.lower_ in r["collective_nouns"] or _lemma(tok) in r["collective_nouns"]
               for r in place_rules().pronoun_parties)


def _in_main_clause(verb: Token) -> bool:
    """True when ``verb`` is its sentence's root or a verb conjoined to it (not the verb of a
    subordinate or relative clause)."""
    root = verb.sent.root
    return verb == root or verb in root.conjuncts


def _party_rule(head: Token, lexicon: Lexicon) -> dict | None:
    """The ``pronoun_parties`` rule that makes ``head`` stand for an armed subject named
    before it: a pronoun of its list, or an armed noun with nothing but an article."""
    pack = _pack(head)
    for rule in place_rules().pronoun_parties:
        if head.pos_ in pack.pos["pronoun"]:
            if head.lower_ in rule["pronouns"]:
                return rule
        elif _bare_armed_noun(head, lexicon):
            return rule
    return None


def _armed_subject_before(state: dict, anaphor: Token, rule: dict) -> _Actor | None:
    """The party of the nearest armed subject in the ``sentences_back`` sentences before
    ``anaphor``'s, within its paragraph (a line break ends one): in each sentence, from the
    last, a main clause's subject before a subordinate clause's; a pronoun agrees in number
    (a plural or a collective noun: not "Russia" nor "Russian artillery"). None when there is
    none."""
    pack = _pack(anaphor)
    pronoun = anaphor.pos_ in pack.pos["pronoun"]
    entries = state.get("armed_subjects", [])[-rule["sentences_back"]:]
    line = line_start(anaphor, floor=entries[0][0]) if entries else 0
    for start_char, subjects in reversed(entries):
        if start_char < line:
            break
        fitting = [s for s in subjects if s[2] or not pronoun]
        if not fitting:
            continue
        main = [s for s in fitting if s[1]]
        party = (main or fitting)[-1][3]
        return replace(party, rule=rule["id"])
    return None


def narrative_party(state: dict) -> _Actor | None:
    """The party a plural pronoun ("they liberated X") stands for: the side the narrative so
    far has named most often as an actor (the last-named one on a tie or without sides), not
    merely the last-named one ("Russian troops shelled X. They liberated Y" in a story of the
    other side's advance)."""
    last: _Actor | None = state.get("last_actor")
    sides: Counter = state.get("sides") or Counter()
    if not sides:
        return last
    ranked = sides.most_common()
    best = ranked[0][1]
    tied = [side for side, n in ranked if n == best]
    if last is not None and last.side in tied:
        return last
    return state["side_actor"][tied[0]] if len(tied) == 1 else last


def pronoun_antecedent(state: dict, heads: Sequence[Token], profile: Profile | None,
                       lexicon: Lexicon) -> _Actor | None:
    """The actor a pronoun subject or a bare armed noun in ``heads`` stands for: a sided
    armed subject named earlier in its own sentence ("Russian troops withdrew from X, and on
    2 April they had left Y"), else the nearest armed subject of the sentences before it
    (rules ``pronoun_parties``: "Ukrainian forces launched a counteroffensive. They liberated
    X"; an unsided one gives no side), else the narrative's party
    (:func:`narrative_party`)."""
    if heads and profile is not None and (heads[0].pos_ in _pack(heads[0]).pos["pronoun"]
                                          or _bare_armed_noun(heads[0], lexicon)):
        pronoun = heads[0]
        pack = _pack(pronoun)
        for tok in reversed(pronoun.doc[pronoun.sent.start:pronoun.i]):
            if tok.dep_ in pack.deps["nominal_subject"] and tok.pos_ in pack.pos["noun"]:
                actor = _actor([tok], profile, lexicon, None)
                if actor is not None and actor.side is not None and actor.armed:
                    return actor
        rule = _party_rule(pronoun, lexicon)
        if rule is not None:
            before = _armed_subject_before(state, pronoun, rule)
            if before is not None:
                return before
    return narrative_party(state)
