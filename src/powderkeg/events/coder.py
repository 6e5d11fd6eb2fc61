"""The PLOVER event coder: sentence by sentence, triggers from the lexicon, arguments from
the dependency parse, factuality, date and place from the clauses around the trigger.

    coder = EventCoder(settings)
    events = coder.code(ctx)          # ctx: powderkeg.context.DocContext

How an event is found (and its confidence):

- a verb in the lexicon, with its object/particle constraints (0.6; +0.1 with both a
  source and a target; +0.05 for a constrained pattern such as "send > troops");
- an event noun ("the transfers", "Putin and Kim's meeting") (0.5; +0.1 with both sides);
- "X is a provocation/escalation by Y" under a reporting verb: ACCUSE by the speaker (0.5);
- "<nationality> troops in <place>": MOBILIZE troops (0.45);
- a quoted dismissal ("This looks like fake news," X said): REJECT by the speaker (0.5).

Reporting verbs ("said", "acknowledged") are not events: the event is in their clause and
becomes "reported". An event needs an actor as source or target unless its pattern is
marked strong (protests, riots). An event noun with no
source in a hypothetical clause ("maybe an attack") is not coded. A verb whose subject is
a pronoun the resolver left unresolved takes the reporting verb's subject ("Seoul said it
would ...") and is dropped when there is none (an unknown "we" in a quote).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from powderkeg.config import Settings
from powderkeg.context import DocContext
from powderkeg.events.arguments import (
    PRONOUNS,
    SETTING_NOUNS,
    TARGET_PREPS,
    ActorIndex,
    _unique,
    complement_targets,
    condition_target,
    control_target,
    for_clause_subject,
    has_condition,
    in_for_clause,
    is_passive,
    noun_complement_target,
    objects,
    passive_like,
    prep_targets,
    subject_token,
)
from powderkeg.events.dates import date_for
from powderkeg.events.factuality import Reading, clause_verb, read_factuality
from powderkeg.events.lexicon import Cues, Entry, Lexicon, load_cues, load_lexicon, load_plover
from powderkeg.events.location import PLACE_LABELS, _is_place, find_location, place_token
from powderkeg.records import Actor, Event, Span, stable_id

_OBJ_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd", "acomp", "advmod", "dative"})
_PARTICLE_DEPS = frozenset({"prt", "prep", "agent", "advmod", "dobj", "acomp"})
_NOUN_SRC_DEPS = frozenset({"poss", "compound", "amod", "nmod"})
_PERCEIVE = frozenset({"observe", "see", "spot", "detect", "find", "confirm", "report", "notice",
                       "identify", "witness", "record", "track", "photograph", "film"})
_PROTEST_PREPS = frozenset({"against", "of", "at", "over", "to"})
_MATERIAL_QUADS = frozenset({"material_cooperation", "material_conflict"})
_CONFLICT_QUADS = frozenset({"verbal_conflict", "material_conflict"})
_SPEECH_QUADS = frozenset({"verbal_cooperation", "verbal_conflict"})
# A warning addressed to an actor ("warned the Philippines against ...", "warned NATO that
# ...", "warned Egypt not to ...") is a threat; a bare "warned that" only reports.
_WARN_VERBS = frozenset({"warn", "caution"})
_WARN_CONTENT = frozenset({"ccomp", "xcomp"})
# Promises of conflict are threats: "vowed to retaliate", "pledged to crush the rebels".
_PROMISE_VERBS = frozenset({"vow", "pledge", "promise", "swear"})
# Words through which an event noun is its subject's act: "engaged in", "guilty of".
_PARTAKE_HEADS = frozenset({"engage", "engaged", "involve", "involved", "participate", "responsible",
                            "guilty", "partake", "persist", "complicit"})
#: nouns whose of-phrase is the event they hold: "its 15th package of sanctions"
_CONTAINER_NOUNS = frozenset({"package", "round", "wave", "set", "series", "batch", "tranche", "string"})
_DECISION_HEADS = frozenset({"decide", "vote", "opt", "choose", "elect"})
_LIGHT_OBJECTS = frozenset({"effort", "process", "operation", "mission", "campaign", "initiative"})
# Modals of obligation: "X said Iraq must cooperate" is X's demand on Iraq.
_OBLIGATION_MODALS = frozenset({"must", "should"})
_SCORE = re.compile(r"^\d{1,3}[-\u2013]\d{1,3}$")  # "beat Barcelona 3-1": a game, not a beating


@dataclass(frozen=True, slots=True)
class Candidate:
    token: object  # spaCy Token
    entry: Entry
    rule: str  # "verb", "noun", "accuse", "troops", "deny", "demand"
    frame: object = None  # the light noun whose phrase holds the arguments ("mediation effort")
    sides: tuple | None = None  # (source, target) found with the trigger ("demand": speaker, obliged)


def misparsed_object(tok):
    """A noun object the parser read as a clause: "imposed asset freezes and travel bans"
    parsed as "asset" subject of a verb "freezes". The clause verb stands for the object
    (its subject is its modifier) when it has no aux or mark and its noun subject follows
    the trigger directly; None otherwise or when the trigger has a real object."""
    if any(c.dep_ in ("dobj", "nsubjpass") for c in tok.children):
        return None
    for child in tok.children:
        if child.dep_ != "ccomp" or child.tag_ != "VBZ" or child.i < tok.i:
            continue
        subj = [c for c in child.children if c.dep_ == "nsubj"]
        if (len(subj) == 1 and subj[0].pos_ == "NOUN" and subj[0].i == tok.i + 1 + sum(
                1 for t in tok.doc[tok.i + 1:subj[0].i] if t.pos_ == "DET")
                and not any(c.dep_ in ("aux", "auxpass", "mark", "neg") for c in child.children)):
            return child
    return None


def _object_words(tok, entry: Entry, partitives: frozenset[str] = frozenset()) -> set[str]:
    words: set[str] = set()
    if (mis := misparsed_object(tok)) is not None:
        words.update((mis.lemma_.lower(), mis.lower_))
        words.update(g.lemma_.lower() for g in mis.children if g.dep_ == "conj")
    if tok.dep_ == "acl" and tok.tag_ == "VBN":  # "soldiers sent to Russia": what was sent
        words.update((tok.head.lemma_.lower(), tok.head.lower_))
    for child in tok.children:
        if child.dep_ in _OBJ_DEPS:
            words.update((child.lemma_.lower(), child.lower_))
            words.update(g.lemma_.lower() for g in child.children if g.dep_ == "conj")
            if child.lemma_.lower() in _LIGHT_OBJECTS:  # "ended mediation efforts": the mediation
                words.update(g.lemma_.lower() for g in child.children if g.dep_ == "compound")
            if child.lemma_.lower() in partitives:  # "suspended part of a military aid program"
                words.update(g.lemma_.lower() for of in child.children if of.dep_ == "prep"
                             and of.lower_ == "of" for g in of.children if g.dep_ == "pobj")
        if child.dep_ in ("prep", "prt") and child.lower_ in entry.particle:
            words.update(g.lemma_.lower() for g in child.children if g.dep_ == "pobj")
    return words


def _verb_fits(tok, entry: Entry, partitives: frozenset[str] = frozenset()) -> bool:
    if entry.particle:
        present = {c.lower_ for c in tok.children if c.dep_ in _PARTICLE_DEPS}
        present |= {g.lower_ for c in tok.children if c.dep_ in ("advcl", "xcomp", "ccomp")
                    for g in c.children if g.dep_ == "mark"}  # "called for X to ..."
        if not set(entry.particle) <= present:
            return False
    words = _object_words(tok, entry, partitives)
    if entry.objects and not (entry.objects & words):
        return False
    if entry.obj_not and entry.obj_not & words:
        return False
    if not entry.passive_ok and is_passive(tok):
        return False
    negated = any(c.dep_ == "neg" for c in tok.children)
    return negated if entry.neg_required else True


def _best(entries: list[Entry]) -> Entry | None:
    return max(entries, key=lambda e: e.specificity) if entries else None


class EventCoder:
    """Codes PLOVER events from a parsed article (see the module docstring). Not for
    concurrent use: it keeps the current sentence's bounds and contexts between events (the
    API codes under its write lock; workers are processes)."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.lexicon: Lexicon = load_lexicon()
        self.cues: Cues = load_cues()
        self.plover = load_plover()
        self._complement_nouns = self.cues.complement_nouns | self.cues.light_nouns
        self._sent_key: tuple[int, int] | None = None  # the sentence _sent_info describes
        self._sent_info: tuple[tuple[int, int], tuple[str, ...]] = ((0, 0), ())

    def code(self, ctx: DocContext) -> list[Event]:
        self._sent_key = None
        index = ActorIndex(ctx.doc, ctx.actors)
        events: list[Event] = []
        for sent in ctx.doc.sents:
            events.extend(self._code_sentence(sent, ctx, index))
        return events

    # ---- triggers -------------------------------------------------------------------
    def candidates(self, sent, index: ActorIndex) -> list[Candidate]:
        """Every trigger in a sentence, before content suppression."""
        out: list[Candidate] = []
        for tok in sent:
            cand = self._candidate(tok, index)
            if cand is None and (sides := self._obligation(tok, index)) is not None:
                cand = Candidate(tok, Entry(lemma=tok.lower_, type="REQUEST"), "demand", sides=sides)
            if cand is not None:
                out.append(cand)
        return out

    def _obligation(self, tok, index: ActorIndex) -> tuple[list[Actor], list[Actor]] | None:
        """ "X said Libya must hand over the suspects": an obligation a speaker lays on a
        coded actor is a demand by the speaker (REQUEST, trigger the modal). Returns
        (speaker, obliged) or None."""
        if tok.tag_ != "MD" or tok.lower_ not in _OBLIGATION_MODALS or tok.dep_ != "aux":
            return None
        speaker = _obligation_speaker(tok, self.cues.reporting_verbs)
        if speaker is None or any(c.dep_ == "neg" for c in tok.head.children):
            return None
        obliged, speakers = _obliged(tok, index), index.phrase(speaker)
        return (speakers, obliged) if _coded(obliged) and speakers else None

    def _candidate(self, tok, index: ActorIndex) -> Candidate | None:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB":
            if any(_SCORE.match(t.text) or (t.like_num and t.i + 2 < len(t.doc) and t.doc[t.i + 1].text in "-\u2013"
                                            and t.doc[t.i + 2].like_num)
                   for c in tok.children for t in (c, *c.children)):
                return None  # a result ("beat Barcelona 3-1")
            entry = _best(self._fitting(tok))
            if entry is None and lemma in _WARN_VERBS and self._warned_actor(tok, index):
                entry = Entry(lemma=lemma, type="THREATEN", content=True)
            if entry is not None and entry.type == "ASSAULT" and (
                    (ally := _ally_prep(tok, index)) is not None):
                entry = Entry(lemma=lemma, type="COOPERATE", particle=(ally,))  # "fought for Russia"
            if entry is not None and entry.type == "COOPERATE" and lemma == "train" and (
                    obj := next((c for c in tok.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")),
                                None)) is not None and not _coded(index.phrase(obj)) and not any(
                    c.dep_ == "prep" and c.lower_ in ("alongside", "with") for c in tok.children):
                entry = Entry(lemma=lemma, type="MOBILIZE")  # "trained 500 hackers": its own forces
            if entry is not None and entry.type == "COERCE" and entry.mode == "arrest" and any(
                    c.dep_ == "dobj" and _is_place(c, index) for c in tok.children):
                entry = replace(entry, mode="seize")  # "M23 rebels captured Goma": a place is seized
            if entry is not None and entry.mode == "visit" and (
                    (subj := subject_token(tok)) is not None and subj.lemma_.lower() in self.cues.troop_nouns):
                entry = Entry(lemma=lemma, type="MOBILIZE", mode="troops", theme_object=True)
            return Candidate(tok, entry, "verb") if entry else None
        if self._dismissal(tok):
            return Candidate(tok, Entry(lemma=tok.lemma_.lower(), type="REJECT"), "deny")
        light = tok.dep_ == "compound" and tok.head.lemma_.lower() in self.cues.light_nouns
        if (tok.pos_ == "NOUN" and tok.lemma_.lower() in self.cues.troop_nouns and tok.dep_ != "compound"
                and self._troops_placed(tok)):  # also when the resolver made "X troops" an actor
            return Candidate(tok, Entry(lemma=tok.lemma_.lower(), type="MOBILIZE", mode="troops"), "troops")
        if tok.pos_ != "NOUN" or (tok.dep_ == "compound" and not light) or index.at(tok) is not None:
            return None
        if tok.ent_type_ in ("ORG", "GPE", "FAC", "LAW", "EVENT", "WORK_OF_ART"):
            return None
        if lemma in self.cues.accusation_nouns and _predicated(tok):
            # "X's incursions pose a threat", "this is a provocation by Y": the speaker's charge
            return Candidate(tok, Entry(lemma=lemma, type="ACCUSE", mode="disapprove"), "accuse")
        mods = {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod")}
        mods |= {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod")}
        entry = _best([e for e in self.lexicon.noun_entries(lemma)
                       if e.modifier is None or e.modifier in mods])
        if entry is not None:
            return Candidate(tok, entry, "noun", tok.head if light else None)
        if lemma in self.cues.troop_nouns and self._troops_placed(tok):
            return Candidate(tok, Entry(lemma=lemma, type="MOBILIZE", mode="troops"), "troops")
        return None

    def _judges(self, verb) -> bool:
        """A verb that reports or judges an act rather than carrying it out: its subject is
        not the actor of the event noun it takes ("Ukraine condemned the attack")."""
        if verb.lemma_.lower() in self.cues.denial_verbs:
            return True
        return any(e.type in ("ACCUSE", "SUPPORT", "REJECT") for e in self._fitting(verb))

    def _fitting(self, verb) -> list[Entry]:
        """The lexicon's patterns for ``verb`` that its objects and particles fit."""
        return [e for e in self.lexicon.verb_entries(verb.lemma_.lower())
                if _verb_fits(verb, e, self.cues.partitive_nouns)]

    def _denied_noun(self, tok) -> bool:
        """ "denied the allegations": the object of a denial is someone else's speech act."""
        return tok.pos_ == "NOUN" and tok.dep_ == "dobj" and tok.head.lemma_.lower() in self.cues.denial_verbs

    @staticmethod
    def _warned_actor(tok, index: ActorIndex) -> bool:
        """ "warned the Philippines against ...", "warned NATO that ...": an actor is warned
        of something (a content clause or an against/of/over phrase)."""
        if not any(c.dep_ == "dobj" and (a := index.at(c)) is not None and a.code for c in tok.children):
            return False
        return any(c.dep_ in _WARN_CONTENT or (c.dep_ == "prep" and c.lower_ in ("against", "of", "over"))
                   for c in tok.children)

    def _promised_conflict(self, cands: list[Candidate]) -> list[Candidate]:
        """A promise whose content is a conflictual act ("vowed to retaliate against
        Israel") is a threat: the promise becomes THREATEN (PLOVER: future conflict)."""
        out = []
        for cand in cands:
            tok = cand.token
            if cand.rule == "verb" and cand.entry.type == "AGREE" and tok.lemma_.lower() in _PROMISE_VERBS:
                inner = {t.i for c in tok.children if c.dep_ == "xcomp" for t in c.subtree}
                conflict = next((c for c in cands if c.token.i in inner  # type: ignore[attr-defined]
                                 and self.plover[c.entry.type].quad == "material_conflict"), None)
                if conflict is not None:
                    etype, mode = self._future_type(conflict.entry.type, conflict.entry.mode)
                    if etype == "THREATEN":
                        cand = replace(cand, entry=replace(cand.entry, type="THREATEN", mode=mode))
            out.append(cand)
        return out

    def _dismissal(self, tok) -> bool:
        """ "This is fake news", "the reports are baseless" quoted from a speaker: the
        speaker rejects the claim (REJECT by the reporter; needs a reporting verb)."""
        if tok.lemma_.lower() not in self.cues.falsity_words or tok.pos_ not in ("ADJ", "NOUN"):
            return False
        head = tok.head if tok.dep_ in ("amod", "compound") else tok
        if head.dep_ == "pobj" and head.head.lower_ == "like":
            head = head.head
        verb = head.head
        return (head.dep_ in ("attr", "acomp", "prep") and verb.lemma_.lower() in self.cues.copulas
                and verb.dep_ in ("ccomp", "parataxis")
                and verb.head.lemma_.lower() in self.cues.reporting_verbs)

    def _troops_placed(self, tok) -> bool:
        heads = [tok]
        if tok.dep_ == "dobj" and tok.head.lemma_.lower() in _PERCEIVE:
            heads.append(tok.head)  # "observed some North Korean troops in the combat zone"
        return any(self._placed(h) for h in heads)

    def _placed(self, tok) -> bool:
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "into", "near", "at", "inside"):
                for pobj in prep.children:
                    if pobj.dep_ == "pobj" and (
                        pobj.ent_type_ in PLACE_LABELS or pobj.lemma_.lower() in self.cues.place_nouns
                    ):
                        return True
        return False

    def _suppressed(self, cands: list[Candidate]) -> set[int]:
        """Tokens inside the content clause of a speech act or commitment (not of a denied
        one: in "dismissed allegations that X shelled", the shelling is coded, negated)."""
        out: set[int] = set()
        for cand in cands:
            if not cand.entry.content or self._denied_noun(cand.token):
                continue
            asked = cand.entry.type in ("REQUEST", "THREATEN") and cand.rule in ("verb", "noun")
            for child in cand.token.children:  # type: ignore[attr-defined]
                if child.dep_ in ("xcomp", "ccomp", "acl"):
                    out.update(t.i for t in child.subtree)
                elif asked and child.dep_ == "dobj" and child.pos_ == "NOUN":
                    # "demanded the resignation of X", "threatened an attack": not (yet) done
                    out.update(_phrase_nouns(child))
                elif child.dep_ == "prep":
                    for g in child.children:
                        if g.dep_ == "pcomp" or (g.dep_ == "pobj" and g.pos_ == "VERB"):
                            out.update(t.i for t in g.subtree)
                        elif asked and g.dep_ == "pobj" and g.pos_ == "NOUN" and (
                                child.lower_ in cand.entry.particle or (cand.rule == "noun" and child.lower_ == "for")):
                            out.update(_phrase_nouns(g))
        return out

    # ---- events ---------------------------------------------------------------------
    def _code_sentence(self, sent, ctx: DocContext, index: ActorIndex) -> list[Event]:
        cands = self._promised_conflict(self.candidates(sent, index))
        verb_triggers = {c.token.i for c in cands if c.rule == "verb"}  # type: ignore[attr-defined]
        # "launched an offensive", "halted its offensive": the verb's pattern names the noun
        # as its object, so the noun is no event of its own
        consumed = {o.i for c in cands if c.rule == "verb" and c.entry.objects
                    for o in c.token.children if o.dep_ == "dobj"  # type: ignore[attr-defined]
                    and o.lemma_.lower() in c.entry.objects}
        suppressed = self._suppressed(cands)
        events: list[Event] = []
        seen: set[tuple] = set()
        coded: dict[int, str] = {}  # trigger token -> type, for coordinated duplicates
        question = _is_question(sent)
        for cand in cands:
            tok = cand.token
            if tok.i in suppressed or in_for_clause(tok):  # type: ignore[attr-defined]
                continue
            if (question or purpose_clause(tok, self._complement_nouns) is not None
                    or _asked_about(tok, self.cues)):
                continue  # an aim, a question: nothing is said to have happened
            if cand.rule == "troops" and (tok.head.i in verb_triggers or (  # type: ignore[attr-defined]
                    tok.dep_ == "pobj" and tok.head.dep_ == "prep" and (
                        tok.head.head.i in verb_triggers or tok.head.lower_ == "against"))):
                continue  # "fired at soldiers in Kursk", "operations against X forces in Y": targets
            if cand.entry.type == "REQUEST" and cand.rule == "verb" and _bare_passive(tok):
                continue  # "when asked if ...": the subject is asked, not asking
            if cand.rule == "noun" and (tok.i in consumed or (  # type: ignore[attr-defined]
                    tok.dep_ == "pobj" and tok.head.lower_ == "for"
                    and tok.head.head.lemma_.lower() in self._complement_nouns)):
                continue  # ... or called for: "rejected calls for a ceasefire"
            event = self._event(cand, sent, ctx, index)
            if event is None:
                continue
            if _self_event(event):
                continue
            if tok.dep_ == "conj" and coded.get(tok.head.i) == event.type:  # type: ignore[attr-defined]
                continue  # "killed or injured": one event
            key = (event.type, tuple(a.code or a.text for a in event.source),
                   tuple(a.code or a.text for a in event.target), event.factuality)
            if key not in seen:
                seen.add(key)
                coded[tok.i] = event.type  # type: ignore[attr-defined]
                events.append(event)
        return _drop_partial_twins(events)

    def _arguments(
        self, cand: Candidate, index: ActorIndex, reading: Reading
    ) -> tuple[list[Actor], list[Actor]]:
        tok, entry = cand.token, cand.entry
        reporter = index.phrase(reading.reporter) if reading.reporter is not None else []
        if cand.rule == "accuse":
            charged = prep_targets(tok, index, frozenset({"by", "of"})) or _noun_side(tok, index)
            if not charged and (subj := next((c for c in tok.head.children if c.dep_ == "nsubj"), None)) is not None:
                charged = index.phrase(subj)  # "Russia's incursions pose a threat": Russia's
            return reporter, charged
        if cand.rule == "troops":
            return index.phrase(tok), []
        if cand.rule == "deny":
            return reporter, []
        if cand.rule == "demand" and cand.sides is not None:
            return cand.sides
        if cand.rule == "noun":
            if self._denied_noun(tok):
                return [], []  # "Moscow denied the accusations": not Moscow's accusation
            source, target = self._noun_arguments(cand.frame or tok, entry, index)
        else:
            source, target = self._verb_arguments(tok, entry, index)
        subj = subject_token(tok) if cand.rule == "verb" else next(  # "our support": the speaker's
            (c for c in (cand.frame or tok).children if c.dep_ == "poss" and c.lower_ in ("our", "my")), None)
        if not source and subj is not None and subj.lower_ in PRONOUNS:
            if not reporter and not entry.strong:
                return [], []
            source = reporter
        keys = {(a.start, a.end) for a in source}
        return source, [a for a in target if (a.start, a.end) not in keys]

    def _verb_arguments(self, tok, entry: Entry, index: ActorIndex) -> tuple[list[Actor], list[Actor]]:
        subj = subject_token(tok)
        source = index.phrase(subj) if subj is not None else []
        before = tok.doc[tok.i - 1] if tok.i > 0 else None
        if (tok.tag_ == "VBG" and before is not None and index.at(before) is not None
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)):
            source = index.phrase(before)  # "tensions over Pyongyang accusing its neighbor"
        target: list[Actor] = []
        objs = objects(tok) or [m for m in (misparsed_object(tok),) if m is not None]
        if not entry.theme_object or any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children):
            for obj in objs:  # "supplying Russia with missiles": the object receives
                if entry.theme_object and obj.lemma_.lower() in self.cues.troop_nouns:
                    continue  # "sent 3,000 soldiers ..., with the intention of ...": what is sent
                target.extend(index.phrase(obj) if not entry.theme_object or index.at(obj) else [])
        if not target and not entry.theme_object:  # "allowed X to take part"
            target = control_target(tok, index)
        preps = _CONSULT_PREPS if entry.type == "CONSULT" else TARGET_PREPS  # "met on the war": a topic
        target.extend(prep_targets(tok, index, preps | frozenset(entry.particle) | (
                                       {"between", "among"} if entry.between_target else frozenset()),
                                   face_of=self.plover[entry.type].quad in _CONFLICT_QUADS))
        if not target:  # "signed an agreement with Nigeria", "sent troops to Ukraine"
            for obj in objs:
                target.extend(prep_targets(obj, index))
        if not target:  # "imposed sanctions targeting Russia"
            target = [a for obj in objs for a in _aimed_at(obj, index)]
        if not target and entry.content:
            target = complement_targets(tok, index) or for_clause_subject(tok, index)
            for noun in (*objs, *(g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj")):
                target = target or noun_complement_target(noun, index)  # "insisted on demands that X"
        if not target and any(c.dep_ == "xcomp" for c in tok.children):
            target = complement_targets(tok, index)  # "refused to deploy peacekeepers in Iraq"
        if not any(a.code for a in target):  # "rejected calls by Kofi Annan"
            for obj in objs:
                target = target + prep_targets(obj, index, frozenset({"by", "from"}))
        if not source and tok.dep_ == "acl" and tok.head.dep_ in ("dobj", "nsubjpass") and tok.tag_ != "VBN":
            subj = subject_token(tok.head.head)  # "issued a statement condemning ..."
            source = index.phrase(subj) if subj is not None else []
        if not source and entry.theme_object and entry.type == "MOBILIZE" and (
                passive_like(tok) or (tok.dep_ == "acl" and tok.tag_ == "VBN")):
            # "troops were deployed", "soldiers sent to Russia": the troops' side mobilizes
            theme = objects(tok) or ([tok.head] if tok.dep_ == "acl" else [])
        elif not source and entry.theme_object and entry.type == "MOBILIZE" and _reduced_relative(
                tok, self.cues.troop_nouns):  # the parser read "troops deployed to" as a clause
            theme = [tok.doc[tok.i - 1]]
        else:
            theme = None
        if theme is not None:
            source = [a for t in theme for a in index.phrase(t)]
            target = [a for a in target if a not in source]
        if not target and not objs:  # "donated and delivered goods to X": the shared object's side
            for conj in (c for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB"):
                if not any(g.dep_ in ("nsubj", "nsubjpass") for g in conj.children) and objects(conj):
                    target = prep_targets(conj, index) or [
                        a for o in objects(conj) if not entry.theme_object for a in index.phrase(o)]
                    if not target:
                        target = [a for o in objects(conj) for a in prep_targets(o, index)]
                    if target:
                        break
        if not _coded(target) and entry.type == "REJECT":  # "refused despite pressure from X": X is refused
            target = [a for v in (tok, *(c for c in tok.children if c.dep_ == "xcomp"))
                      for c in v.children if c.dep_ == "prep" and c.lower_ == "despite"
                      for g in c.children if g.dep_ == "pobj" for a in index.coded_within(g)] or target
        if not _coded(target) and not entry.theme_object and entry.type != "REQUEST":
            # "rejected an invitation to a meeting of Palestinian factions"; not for requests
            # (the addressee is named); for what is sent, after its purpose (below)
            target = _nested_target(tok, entry, objs, target, source, index) or target
        if not source and entry.type == "RETREAT" and passive_like(tok):
            source = [a for t in objects(tok) for a in index.phrase(t)]  # "rebels were demobilized"
            target = [a for a in target if a not in source]
            if not _coded(target):  # "guerrillas operating in Macedonia were demobilized"
                target = [a for t in objects(tok) for a in index.coded_within(t, index.tokens_of(source))]
        if not any(a.code for a in target) and entry.theme_object:
            for clause in tok.children:  # "deployed troops to support Russia": whom for
                if purpose_clause(clause, self._complement_nouns) is clause:
                    target = target + [a for a in _clause_targets(clause, index) if a not in source]
        if not _coded(target) and entry.theme_object:  # "moved troops to its border with China"
            target = _nested_target(tok, entry, objs, target, source, index) or target
        return source, target

    def _noun_arguments(self, tok, entry: Entry, index: ActorIndex) -> tuple[list[Actor], list[Actor]]:
        between = frozenset({"between", "among"})
        source = _noun_side(tok, index, self._judges) + prep_targets(
            tok, index, frozenset({"by"}) | (frozenset() if entry.between_target else between))
        theme = prep_targets(tok, index, frozenset({"of"})) if entry.theme_object else []
        if not source and theme and entry.type == "MOBILIZE":
            source = theme  # "the deployment of Iranian troops": the troops' side deploys
        if not source and entry.theme_object and entry.type in ("AID", "MOBILIZE", "COOPERATE"):
            # "the transfer of troops from North Korea to Russia"; not a withdrawal *from* X
            source = prep_targets(tok, index, frozenset({"from"}))
        head = tok.head
        if not source and tok.dep_ in ("dobj", "attr", "nsubjpass") and head.pos_ in ("VERB", "AUX") and (
                not self._judges(head)):  # "launched an attack", not "condemned the attack"
            subj = subject_token(head)
            source = index.phrase(subj) if subj is not None else []
        if (not source and entry.type == "ACCUSE" and tok.dep_ == "pobj" and head.lower_ in ("on", "over")
                and head.head.pos_ == "VERB"):  # "jailed 52 members on allegations of treason"
            subj = subject_token(head.head)
            grounds = [a for o in objects(head.head) for a in index.phrase(o)]
            if subj is not None and grounds and (accuser := index.phrase(subj)):
                return accuser, grounds
        if (tok.dep_ == "pobj" and head.lower_ in ("at", "on", "upon") and tok.lemma_.lower() in _BEHEST_NOUNS
                and (asker := prep_targets(tok, index, frozenset({"of"})))):
            return asker, []  # "at the request of Ukraine": Ukraine asked (for the meeting)
        partake = tok.dep_ == "pobj" and head.dep_ == "prep" and head.head.lemma_.lower() in _PARTAKE_HEADS
        if not source and partake:  # "were engaged in ethnic cleansing"
            verb = clause_verb(head.head)
            subj = subject_token(verb) if verb.pos_ in ("VERB", "AUX") else None
            source = index.phrase(subj) if subj is not None else []
        noun_preps = (_CONSULT_PREPS | {"of"} if entry.type == "CONSULT"  # "a meeting on the deployment"
                      else frozenset({"to", "against", "on", "with", "into", "toward", "towards", "for", "of",
                                      "at", "over"}))
        target = prep_targets(tok, index, noun_preps | (between if entry.between_target else frozenset()))
        if not target and partake:  # "engaged in cleansing ... against the Albanian population"
            target = prep_targets(head.head, index, frozenset({"against", "on", "toward", "towards"}))
        if not target and tok.dep_ == "dobj":
            target = prep_targets(head, index) or (for_clause_subject(head, index) if entry.content else [])
        if not target:
            target = _aimed_at(tok, index)
        if not target and entry.content:
            target = noun_complement_target(tok, index)  # "its demand that Israel ease ..."
        keys = {(a.start, a.end) for a in theme}
        return source, [a for a in target if (a.start, a.end) not in keys]

    def _event(self, cand: Candidate, sent, ctx: DocContext, index: ActorIndex) -> Event | None:
        tok, entry = cand.token, cand.entry
        reading = read_factuality(tok, self.cues)  # type: ignore[arg-type]
        source, target = self._arguments(cand, index, reading)
        if cand.rule == "verb" and (subj := subject_token(tok)) is not None and (
                subj.lemma_.lower() in self.cues.natural_forces) and not _coded(source):
            return None  # "wildfires burned thousands of hectares": no one's act
        if not (source or target or entry.strong) or (cand.rule == "accuse" and not (source and target)):
            return None
        etype, mode = entry.type, entry.mode
        if source and self._intended(tok, reading, etype):  # a promise or threat needs its maker
            etype, mode = self._future_type(etype, mode)
            if etype not in ("THREATEN", "AGREE") and has_condition(clause_verb(tok)):
                etype, mode = "THREATEN", None  # "will withdraw its force unless ...": a threat
        if etype == "THREATEN" and not _coded(target):
            target = target + condition_target(tok, index) + (  # "... unless Israel rescinds"
                condition_target(clause_verb(tok), index) if clause_verb(tok) != tok else [])
        if etype == "PROTEST" and not _coded(target):
            target = target + _purpose_targets(tok, index, self.cues.protest_nouns)
        if etype == "PROTEST" and source and not _coded(source):
            source = _placed_group(source, tok, index)  # "thousands of people marched in Hong Kong"
        if not _coded(target) and (self.plover[etype].quad in _MATERIAL_QUADS or mode == "visit"
                                   or etype == "CONCEDE"  # "lifted a state of emergency in Darfur"
                                   or etype != entry.type):
            target = target + _place_actors(tok, clause_verb(tok), index, source)
        reporter = index.phrase(reading.reporter) if reading.reporter is not None else []
        if etype != entry.type:  # a promise or threat is made now: drop its future/modal
            reading.future = reading.hypothetical = False
        self._adjust_reading(reading, entry, source, reporter, cand.rule)
        factuality = reading.label()
        if cand.rule == "noun" and not source and factuality == "hypothetical":
            return None  # "maybe an attack": a possibility nobody is said to carry out
        info = self.plover[etype]
        date, precision = date_for(tok, ctx.published)  # type: ignore[arg-type]
        if self._sent_key != (id(sent.doc), sent.start):  # once per sentence, not per event
            self._sent_key = (id(sent.doc), sent.start)
            self._sent_info = (_sentence_bounds(sent), self._contexts(sent))
        (start, end), contexts = self._sent_info
        text = ctx.article.text
        trig = Span(start=tok.idx, end=tok.idx + len(tok.text), text=tok.text)  # type: ignore[attr-defined]
        return Event(
            id=stable_id(ctx.article.id, trig.start, etype, prefix="e"),
            article_id=ctx.article.id, type=etype, mode=mode,
            context=contexts, quad=info.quad, intensity=info.intensity(mode),
            source=tuple(source), target=tuple(target), date=date, date_precision=precision,
            location=find_location(tok, clause_verb(tok), index),  # type: ignore[arg-type]
            factuality=factuality,
            attributed_to=(reporter[0] if reporter else _speaker(reading.reporter))
            if reading.reporter is not None and factuality != "asserted" else None,
            evidence=Span(start=start, end=end, text=text[start:end]), trigger=trig,
            confidence=_confidence(cand, entry, source, target),
        )

    def _intended(self, tok, reading: Reading, etype: str = "") -> bool:
        """An action announced for the future: "will/would/plans to"; not "might", not negated."""
        if reading.negated or (tok.pos_ == "VERB" and passive_like(tok)):
            return False  # "troops are expected to be sent": nobody promises anything
        if _predicted(tok, self.cues.prediction_heads):
            return False  # "are expected to arrive", "is scheduled to meet": a forecast
        if tok.pos_ == "NOUN" and tok.dep_ == "dobj" and self._fitting(tok.head):
            return False  # "will halt its offensive": the promise is the halting, not the offensive
        if any(h.lemma_.lower() in _DECISION_HEADS for h in _controllers(tok)):
            return False  # "decided to allow": the decision is the act, not a promise
        verb = clause_verb(tok)
        modal = any(c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ in self.cues.intention_modals
                    and not any(h.lower_ == "have" for h in verb.children if h.dep_ == "aux")
                    for c in verb.children)
        if etype == "CONCEDE" and not reading.future:
            return False  # "would allow Russia to keep its forces": a consequence, not a promise
        return modal or (reading.future and not reading.hypothetical)

    def _future_type(self, etype: str, mode: str | None) -> tuple[str, str | None]:
        new = self.cues.future_types.get((etype, mode)) or self.cues.future_types.get((etype, None))
        if new is None:
            return etype, mode
        ntype, nmode = new
        if nmode is None and mode in self.plover[ntype].modes:
            nmode = mode
        return ntype, nmode

    def _adjust_reading(self, reading: Reading, entry: Entry, source: list[Actor],
                        reporter: list[Actor], rule: str) -> None:
        if entry.type == "THREATEN":  # a threat is made now, whatever its modal
            reading.hypothetical = reading.future = False
        if entry.neg_required:
            reading.negated = False
        quad = self.plover[entry.type].quad
        if reading.reported and quad in _SPEECH_QUADS and (
                rule in ("accuse", "deny", "demand") or _same_actor(source, reporter)):
            reading.reported = False  # the speaker's own speech act: asserted

    def _contexts(self, sent) -> tuple[str, ...]:
        lemmas = {t.lemma_.lower() for t in sent}
        return tuple(name for name, words in self.cues.contexts.items() if words & lemmas)


def purpose_clause(tok, complement_nouns: frozenset[str] = frozenset()):
    """The infinitive purpose clause holding ``tok`` ("sent troops to fight", "ammunition
    to resume operations", "in order to"), or None. Complements of control verbs
    ("agreed to send") are xcomp and do not count, nor those of ``complement_nouns``
    ("an attempt to assassinate", "a plan to deploy")."""
    cur = tok
    for _ in range(6):
        if cur.pos_ in ("VERB", "AUX") and (cur.dep_ == "advcl" or (
                cur.dep_ == "acl" and cur.head.lemma_.lower() not in complement_nouns)) and any(
                c.dep_ == "aux" and c.tag_ == "TO" for c in cur.children) and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in cur.children):
            return cur
        if cur.head == cur or cur.dep_ in ("ccomp", "parataxis", "relcl"):
            return None
        cur = cur.head
    return None


#: nouns whose that-clause is a message: "issued a reminder to Iraq that it must ..."
_MESSAGE_NOUNS = frozenset({"reminder", "warning", "message", "statement", "letter", "note", "call",
                            "appeal", "ultimatum", "demand", "insistence"})


def _obligation_speaker(modal, reporting_verbs: frozenset[str]):
    """Who lays an obligation: the subject of the reporting verb (or of the verb whose
    message noun) the modal's clause depends on; None when it depends on neither."""
    verb = modal.head
    head = verb.head
    if verb.dep_ == "ccomp" and head.lemma_.lower() in reporting_verbs:
        return next((c for c in head.children if c.dep_ == "nsubj"), None)
    if verb.dep_ in ("acl", "ccomp") and head.lemma_.lower() in _MESSAGE_NOUNS and head.dep_ == "dobj":
        return subject_token(head.head)
    return None


def _obliged(modal, index: ActorIndex) -> list[Actor]:
    """Who must act: the subject of the modal's clause; an unresolved pronoun there is the
    addressee of the message ("issued a reminder to Iraq that it must ...")."""
    verb = modal.head
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return []
    if subj.lower_ not in PRONOUNS or index.at(subj) is not None:
        return index.phrase(subj)
    governor = verb.head.head if verb.head.pos_ == "NOUN" else verb.head
    return [a for c in governor.children if c.dep_ == "dative" or (c.dep_ == "prep" and c.lower_ == "to")
            for g in (c.children if c.pos_ == "ADP" else [c]) if g.dep_ in ("pobj", "dative")
            for a in index.phrase(g)]


#: verbs that predicate a charge of their subject: "is a provocation", "poses a threat"
_CHARGE_VERBS = frozenset({"be", "represent", "constitute", "pose", "amount", "become", "remain"})


def _predicated(noun) -> bool:
    """The noun is what its clause's subject is said to be or pose ("poses a threat")."""
    return (noun.dep_ in ("attr", "dobj") and noun.head.lemma_.lower() in _CHARGE_VERBS) or (
        noun.dep_ == "pobj" and noun.head.lower_ == "to" and noun.head.head.lemma_.lower() == "amount")


def _phrase_nouns(head) -> set[int]:
    """The nouns of ``head``'s noun phrase that hang on it through noun-phrase links only
    (of/for phrases, compounds): "the resignation of the president", not a clause inside."""
    def linked(tok) -> bool:
        cur = tok
        for _ in range(8):
            if cur == head:
                return True
            if cur.dep_ not in ("pobj", "prep", "compound", "amod", "conj", "nmod", "appos"):
                return False
            cur = cur.head
        return False

    return {t.i for t in head.subtree if t.pos_ == "NOUN" and linked(t)}


def _drop_partial_twins(events: list[Event]) -> list[Event]:
    """Within one sentence, drop an event that only repeats another of the same type with
    a side left empty ("imposed sanctions, including travel bans, on X": the bans have no
    source of their own; the sanctions say it): the fuller record stands for both."""
    def codes(actors) -> frozenset[str]:
        return frozenset(a.code for a in actors if a.code)

    sides = [(codes(e.source), codes(e.target)) for e in events]
    full: dict[tuple[str, str], set[tuple[str, frozenset[str]]]] = {}  # (type, fact) -> filled sides
    for event, (src, tgt) in zip(events, sides, strict=True):
        if src and tgt:
            full.setdefault((event.type, event.factuality), set()).update({("s", src), ("t", tgt)})
    out = []
    for event, (src, tgt) in zip(events, sides, strict=True):
        known = full.get((event.type, event.factuality), set())
        if (not src and ("t", tgt) in known) or (not tgt and ("s", src) in known):
            continue
        out.append(event)
    return out


def _controllers(tok):
    """The verbs above ``tok`` through xcomp links ("decided to allow")."""
    cur = tok
    while cur.dep_ == "xcomp" and cur.head != cur:
        cur = cur.head
        yield cur


def _bare_passive(tok) -> bool:
    """A passive with no agent, full ("was asked") or reduced ("when asked if ...")."""
    if any(c.dep_ == "agent" for c in tok.children):
        return False
    return is_passive(tok) or (tok.tag_ == "VBN" and tok.dep_ in ("advcl", "acl") and not any(
        c.dep_ in ("nsubj", "aux") for c in tok.children))


def _is_question(sent) -> bool:
    toks = [t for t in sent if not t.is_space and t.text not in ('"', "'", "\u201d", "\u2019", ")")]
    return bool(toks) and toks[-1].text == "?"


def _asked_about(tok, cues: Cues) -> bool:
    """Inside a whether-clause or an "asked if ..." clause: a question, not a claim."""
    cur = clause_verb(tok)
    for _ in range(6):
        if cur.head == cur:
            return False
        marks = {c.lower_ for c in cur.children if c.dep_ == "mark"}
        if "whether" in marks:
            return True  # "unclear whether troops would be deployed": an open question
        if cur.dep_ == "ccomp" and "if" in marks:
            return cur.head.lemma_.lower() in cues.question_verbs
        cur = cur.head
    return False


def _predicted(tok, heads: frozenset[str]) -> bool:
    cur = clause_verb(tok)
    for _ in range(4):
        if cur.lemma_.lower() in heads and cur != tok:
            return True
        if cur.dep_ not in ("xcomp", "conj") or cur.head == cur:
            return False
        cur = cur.head
    return False


def _self_event(event: Event) -> bool:
    """Source and target the same single mention (a victim made its own attacker)."""
    return bool(event.source and event.target) and len(event.source) == len(event.target) == 1 and (
        (event.source[0].start, event.source[0].end) == (event.target[0].start, event.target[0].end))


def _coded(actors: list[Actor]) -> bool:
    return any(a.code for a in actors)


def _place_actors(tok, verb, index: ActorIndex, source: list[Actor]) -> list[Actor]:
    """The coded actor of the event's place ("demonstrated in Serbia", "a curfew in
    Algiers"): PLOVER takes the place as the target when no other target is named."""
    pobj = place_token(tok, verb)
    if pobj is None:
        return []
    keys = {(a.start, a.end) for a in source}
    return [a for a in index.phrase(pobj) if a.code and (a.start, a.end) not in keys]


#: whom one meets, talks to or visits; "talks on/over/about X" name a topic, not a party
_BEHEST_NOUNS = frozenset({"request", "invitation", "behest", "urging", "initiative", "insistence", "suggestion"})
_CONSULT_PREPS = frozenset({"with", "to", "between", "among", "in", "at"})
_RALLY_NOUNS = frozenset({"demonstration", "protest", "rally", "march", "sit-in", "strike", "vigil"})
_ARMED_SECTORS = frozenset({"MIL", "REB", "INS", "SPY", "COP"})


def _placed_group(source: list[Actor], tok, index: ActorIndex) -> list[Actor]:
    """Uncoded crowds take the country of the place they act in (PLOVER codes protesters
    by where they protest); armed groups do not (foreign forces act abroad)."""
    place = next((a for a in _place_actors(tok, clause_verb(tok), index, source) if a.code), None)
    if place is None:
        return source
    return [replace(a, code=place.code) if a.code is None and a.sector not in _ARMED_SECTORS else a
            for a in source]


def _purpose_targets(tok, index: ActorIndex, protest_nouns: frozenset[str]) -> list[Actor]:
    """Whom a protest is aimed at, from its purpose: "to demand the resignation of X",
    "calling for the removal of X", "in protest against X's decision"."""
    heads = [tok] + ([tok.head] if tok.dep_ in ("dobj", "nsubj", "pobj") else [])
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep":
        heads.append(tok.head.head)
    for head in heads:
        for child in head.children:
            if child.dep_ == "prep":
                for pobj in (g for g in child.children if g.dep_ == "pobj"):
                    if pobj.lemma_.lower() in protest_nouns and (
                            found := prep_targets(pobj, index, _PROTEST_PREPS)):
                        return found
                    if pobj.lemma_.lower() in _RALLY_NOUNS:  # "rioted after a march calling for X's removal"
                        for acl in (g for g in pobj.children if g.dep_ == "acl" and g.pos_ == "VERB"):
                            if found := _clause_targets(acl, index):
                                return found
            if child.dep_ in ("advcl", "xcomp", "acl") and child.pos_ == "VERB" and (
                    found := complement_targets(head, index) or _clause_targets(child, index)):
                return found
    return []


def _nested_target(verb, entry: Entry, objs, target: list[Actor], source: list[Actor],
                   index: ActorIndex) -> list[Actor]:
    """A coded actor nested in the object or a target phrase when the parse gives none at
    the top ("suspended part of an aid program for Bosnia", "refugees fleeing the war in
    Liberia"): the first one in the phrase, not one of the source's mentions."""
    skip = index.tokens_of(source)
    heads = [*([] if entry.theme_object else objs), *(index.head_of(a) for a in target)]
    for v in (verb, *(c for c in verb.children if c.dep_ == "xcomp")):  # "refused to commit to aid to X"
        heads += [o for o in objects(v) if v is not verb]
        heads += [g for c in v.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS
                  and not (entry.theme_object and c.lower_ == "with")  # "sent troops, with the first clashes"
                  for g in c.children if g.dep_ == "pobj" and g.lemma_.lower() not in SETTING_NOUNS]
    keys = {(a.start, a.end) for a in source}
    for head in heads:
        found = [a for a in index.coded_within(head, skip) if (a.start, a.end) not in keys]
        if found:
            return found
    return []


def _clause_targets(verb, index: ActorIndex) -> list[Actor]:
    for obj in objects(verb):
        if found := index.phrase(obj) or prep_targets(obj, index, frozenset({"of", "by", "from", "against"})):
            return found
        if found := index.coded_within(obj):  # "the return of property seized by X"
            return found
    return prep_targets(verb, index)


def _noun_side(tok, index: ActorIndex, judges=None) -> list[Actor]:
    """The actors a noun's own modifiers name ("Russia's attack", "the EU's sanctions"); a
    noun in the of-phrase of a container noun ("package", "round") takes the container's,
    and a container's unresolved "its" is the clause subject's ("the EU included X in its
    package of sanctions"). Another unresolved its/their goes to ``_possessor`` (number
    agreement and recency, never the sanctioners in "sanctions on Russia and North Korea
    over their cooperation")."""
    found: list[Actor] = []
    for child in tok.children:
        if child.dep_ in _NOUN_SRC_DEPS:
            found.extend(index.phrase(child))
            if not found and judges is not None and child.dep_ == "poss" and child.lower_ in ("its", "their"):
                found = _possessor(child, index, judges)
    if not found and tok.dep_ == "pobj" and tok.head.lower_ == "of" and (
            tok.head.head.lemma_.lower() in _CONTAINER_NOUNS):
        found = _noun_side(tok.head.head, index, judges)
        container = tok.head.head
        if not found and judges is not None and any(c.dep_ == "poss" and c.lower_ == "its" for c in container.children):
            # "the EU included X in its package of sanctions": the package is the subject's
            verb = clause_verb(container)
            subj = subject_token(verb) if verb.pos_ in ("VERB", "AUX") and not judges(verb) else None
            if subj is not None and subj.lower_ not in PRONOUNS:
                found = [a for a in index.phrase(subj) if a.code]
    return found


def _possessor(pron, index: ActorIndex, judges) -> list[Actor]:
    """Whose "its"/"their" is: the nearest coded mention before it in the sentence that
    agrees in number ("aiding Moscow in its aggression"; "sanctions on Russia and North
    Korea over their cooperation"; "3,000 soldiers ... since their deployment"), never the
    subject of a verb that judges ("Ukraine condemned its attacks": someone else's)."""
    plural = pron.lower_ == "their"
    seen: set[int] = set()
    for t in reversed(list(pron.sent)[: pron.i - pron.sent.start]):
        actor = index.at(t)
        if actor is None or not actor.code or id(actor) in seen:
            continue
        seen.add(id(actor))
        head = index.head_of(actor)
        while head.dep_ == "conj" and index.at(head.head) is not None:
            head = head.head  # the first of coordinated actors stands for the group
        group = index.phrase(head)
        noun = head.head if head.dep_ in ("amod", "compound") else head  # "Iranian generals": plural
        many = len(group) > 1 or noun.tag_ in ("NNS", "NNPS")
        if many != plural or (not plural and (head.ent_type_ == "PERSON" or actor.title)):
            continue  # "its" is no person's
        if head.dep_ in ("nsubj", "nsubjpass") and judges(head.head):
            return []
        return [a for a in group if a.code]
    return []


def _speaker(tok) -> Actor:
    """The reporter as an uncoded actor when the resolver has no mention for it ("the
    health ministry said"): who said it is never dropped."""
    keep = [tok]
    for c in tok.children:
        if c.dep_ in ("compound", "amod", "poss", "nmod", "nummod", "case") or (
                c.dep_ == "prep" and c.i > tok.i and c.lower_ in ("of", "for", "from", "at", "in")):
            keep.extend(c.subtree)
    lo, hi = min(t.i for t in keep), max(t.i for t in keep)
    span = tok.doc[lo:hi + 1]
    return Actor(text=span.text, start=span.start_char, end=span.end_char)


def _same_actor(a: list[Actor], b: list[Actor]) -> bool:
    keys = {(x.start, x.end) for x in b} | {x.code for x in b if x.code}
    return any((x.start, x.end) in keys or (x.code and x.code in keys) for x in a)


def _sentence_bounds(sent) -> tuple[int, int]:
    toks = [t for t in sent if not t.is_space]
    if not toks:
        return sent.start_char, sent.end_char
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _confidence(cand: Candidate, entry: Entry, source: list[Actor], target: list[Actor]) -> float:
    base = {"verb": 0.6, "noun": 0.5, "accuse": 0.5, "troops": 0.45, "deny": 0.5, "demand": 0.5}[cand.rule]
    if source and target:
        base += 0.1
    if not (source or target):
        base -= 0.2
    if entry.objects or entry.particle or entry.modifier:
        base += 0.05
    return round(min(max(base, 0.05), 0.95), 2)


_AIM_VERBS = frozenset({"target", "hit", "affect", "aim", "cover"})
_ALLY_PREPS = frozenset({"alongside", "for", "beside"})


def _aimed_at(noun, index: ActorIndex) -> list[Actor]:
    """Whom a measure is aimed at, from a participle after it: "sanctions targeting
    Russia", "measures aimed at Pyongyang"."""
    verbs = [c for c in noun.children if c.dep_ == "acl"]
    if noun.dep_ == "nsubj" and noun.head.pos_ == "VERB":  # "the sanctions targeted X"
        verbs.append(noun.head)
    for verb in verbs:
        if verb.lemma_.lower() in _AIM_VERBS:
            found = [a for obj in objects(verb) if obj.i > verb.i for a in index.phrase(obj)]
            if found := found or prep_targets(verb, index, frozenset({"at", "against"})):
                return _unique(found)
    return []


def _ally_prep(verb, index: ActorIndex) -> str | None:
    """The preposition naming whom a fighter fights with, not against: "fighting alongside
    Russian forces", "fought for Moscow", "battling on the side of Russia" (on X's side)."""
    for child in verb.children:
        if child.dep_ != "prep":
            continue
        for pobj in (g for g in child.children if g.dep_ == "pobj"):
            if child.lower_ in ("on", "at") and pobj.lemma_.lower() == "side" and index.phrase(pobj):
                return child.lower_
            if child.lower_ in _ALLY_PREPS and (a := index.at(pobj)) is not None and a.code:
                return child.lower_
    return None


def _reduced_relative(verb, troop_nouns: frozenset[str]) -> bool:
    """ "led Pakistan's troops deployed to the front" misparsed as a clause: a past form
    with no subject or auxiliary right after a troop noun."""
    if verb.i == 0 or verb.tag_ not in ("VBD", "VBN") or verb.dep_ not in ("acl", "advcl", "conj", "relcl"):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children):
        return False
    return verb.doc[verb.i - 1].lemma_.lower() in troop_nouns
