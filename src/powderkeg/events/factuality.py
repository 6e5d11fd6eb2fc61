"""Factuality and attribution of an event from the clauses above its trigger.

Walks from the trigger's clause up through complement, coordinated and adverbial clauses,
collecting cues (``events/data/cues.yaml``):

- negated: "not"/"never"/"no" on the event's own clause, or a clause under a denial verb
  ("denied that ...", "denied reports that ...", "rejected claims that ...");
- hypothetical: might/could/may/would/should, "if"/"unless", "potentially", or under
  consider/try/hope...;
- future: will/shall, "plans to", "is set to", "intends to", "is going to";
- reported: under a reporting verb ("said", "acknowledged", "estimated"; also "is said /
  believed to"), "according to", a claim noun ("reports that ..."),
  or "reportedly"/"allegedly".

The strongest wins: negated > hypothetical > future > reported > asserted. The reporter
(the reporting verb's subject, or the "according to" phrase) is returned so the coder
can set ``attributed_to``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from powderkeg.events.lexicon import Cues

if TYPE_CHECKING:
    from spacy.tokens import Token

_UP = frozenset({"xcomp", "ccomp", "conj", "advcl", "parataxis", "pcomp", "acl", "relcl", "prep", "pobj"})
_NEG_WORDS = frozenset({"not", "n't", "never", "no"})


@dataclass(slots=True)
class Reading:
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    reported: bool = False
    reporter: Token | None = None  # the reporting verb's subject, or the according-to object

    def label(self) -> str:
        if self.negated:
            return "negated"
        if self.hypothetical:
            return "hypothetical"
        if self.future:
            return "future"
        return "reported" if self.reported else "asserted"


def clause_verb(tok: Token) -> Token:
    """The verb whose clause holds ``tok`` (the token itself for a verb)."""
    cur = tok
    for _ in range(8):
        if cur.pos_ in ("VERB", "AUX") or cur.head == cur:
            return cur
        cur = cur.head
    return cur


def _local_cues(verb: Token, cues: Cues, reading: Reading, own: bool) -> None:
    for child in verb.children:
        word = child.lower_
        if child.dep_ in ("aux", "auxpass") and child.tag_ == "MD":
            if word in cues.future_modals or child.lemma_ in cues.future_modals:
                reading.future = True
            elif word in cues.hypothetical_modals:
                reading.hypothetical = True
        elif child.dep_ == "neg" and own:
            reading.negated = True
        elif child.dep_ in ("mark", "advmod") and word in cues.hypothetical_words:
            reading.hypothetical = True
        elif child.dep_ == "advmod" and word in cues.reported_adverbs:
            reading.reported = True
        elif child.dep_ == "prep" and word == "according":
            reading.reported = True
            reading.reporter = _according_object(child) or reading.reporter


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)


def _according_object(prep: Token) -> Token | None:
    for child in prep.children:
        if child.dep_ == "prep" and child.lower_ == "to":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _noun_negated(tok: Token) -> bool:
    return any(c.dep_ in ("det", "neg") and c.lower_ in _NEG_WORDS for c in tok.children)


def read_factuality(trigger: Token, cues: Cues) -> Reading:
    """Cues above ``trigger`` (a verb or an event noun) up to the nearest reporting verb."""
    reading = Reading(negated=trigger.pos_ == "NOUN" and _noun_negated(trigger))
    verb = clause_verb(trigger)
    own = True  # negation counts only in the event's own clause chain (xcomp/conj)
    arrived = trigger.dep_ if verb == trigger else "dobj"
    for _ in range(8):
        if own and (verb != trigger or trigger.pos_ != "NOUN"):
            _local_cues(verb, cues, reading, own)
        lemma = verb.lemma_.lower()
        if verb != trigger and arrived in ("xcomp", "ccomp", "advcl", "dobj"):
            if lemma in cues.future_heads and (lemma != "go" or verb.tag_ == "VBG"):
                reading.future = True
            if lemma in cues.hypothetical_heads:
                reading.hypothetical = True
            if lemma in cues.denial_verbs and arrived == "ccomp":
                reading.negated = True
                reading.reporter = reading.reporter or next(
                    (c for c in verb.children if c.dep_ == "nsubj"), None)
            if lemma in cues.reporting_verbs and arrived == "xcomp" and any(
                    c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
                reading.reported = True  # "is said/believed/reported to have sent"
            if lemma in cues.reporting_verbs and arrived in ("ccomp", "parataxis"):
                reading.reported = True
                reading.reporter = next(
                    (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None
                ) or reading.reporter
                break
        if verb.head == verb:
            break
        arrived = verb.dep_
        if arrived not in _UP:
            break
        _claim_clause(verb, cues, reading)
        own = own and (arrived == "xcomp" or (arrived == "conj" and not _has_subject(verb)))
        if arrived == "xcomp" and verb.head.pos_ == "ADJ" and verb.head.lemma_.lower() in cues.future_heads:
            reading.future = True  # "is prepared to lift", "ready to talk"
        if arrived == "xcomp" and verb.head.pos_ == "ADJ" and verb.head.lemma_.lower() in cues.hypothetical_words:
            reading.hypothetical = True  # "are likely to be deployed"
        nxt = clause_verb(verb.head)
        if nxt == verb:
            break
        verb = nxt
    _parataxis_reporter(trigger, cues, reading)
    return reading


def _claim_clause(verb: Token, cues: Cues, reading: Reading) -> None:
    """The clause of a claim noun: "denied reports that it had shipped ..." denies it
    (negated, attributed to the denier); "amid reports that ..." only reports it."""
    noun = verb.head
    if verb.dep_ not in ("acl", "ccomp") or noun.pos_ != "NOUN" or (
            noun.lemma_.lower() not in cues.claim_nouns) or not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return
    denier = noun.head
    if noun.dep_ in ("dobj", "nsubjpass") and denier.lemma_.lower() in cues.denial_verbs:
        reading.negated = True
        reading.reporter = reading.reporter or next(
            (c for c in denier.children if c.dep_ in ("nsubj", "agent")), None)
        if reading.reporter is not None and reading.reporter.dep_ == "agent":
            reading.reporter = next((g for g in reading.reporter.children if g.dep_ == "pobj"), None)
    else:
        reading.reported = True


def _parataxis_reporter(trigger: Token, cues: Cues, reading: Reading) -> None:
    """'"..., " Zelensky said': the reporting verb hangs off the root of the quote."""
    if reading.reported:
        return
    for tok in trigger.sent:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            reading.reported = True
            reading.reporter = next((g for g in tok.doc[tok.i + 1].children if g.dep_ == "pobj"), None)
            return
    root = trigger.sent.root
    for child in root.children:
        if child.dep_ == "parataxis" and child.lemma_.lower() in cues.reporting_verbs:
            subj = next((c for c in child.children if c.dep_ == "nsubj"), None)
            reading.reported, reading.reporter = True, subj
            return
