"""Who did what to whom: source and target actors of a trigger from the dependency parse.

Source: the subject (``nsubj``; in the passive, the ``by`` agent); a verb without a
subject borrows it from its controller or coordinated verb ("China continued to threaten",
"signed ... and pledged"). Target: the object (unless the object is what is sent or
deployed), the dative, or an actor in a to/against/with/on/into/at... phrase.
Coordinated actors ("Putin and Kim") all count. Actors come from the resolver's mentions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from powderkeg.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

TARGET_PREPS = frozenset({"to", "against", "with", "on", "into", "toward", "towards", "at",
                          "upon", "from", "over", "for", "onto"})
_SEARCH_DEPS = frozenset({"compound", "amod", "poss", "nmod", "appos", "conj", "pobj", "npadvmod"})
_SEARCH_PREPS = frozenset({"of", "including", "from"})
_PLACE_PREPS = frozenset({"in", "throughout", "across", "inside"})
_SUBJ = ("nsubj", "nsubjpass", "csubj")
_CLIMB = frozenset({"xcomp", "conj", "advcl", "pcomp", "ccomp", "acl", "relcl"})
# Where something was said or done, not to whom: "accused X at a meeting of the Council",
# "on the sidelines of the summit".
SETTING_NOUNS = frozenset({"meeting", "summit", "session", "conference", "forum", "sideline", "sidelines",
                           "ceremony", "briefing", "gathering", "assembly", "event", "hearing"})
_SETTING_PREPS = frozenset({"at", "on", "during"})
PRONOUNS = frozenset({"it", "they", "he", "she", "we", "its", "their", "his", "her", "our", "i", "you"})


class ActorIndex:
    """Token index -> the resolver's actor mention that covers it. A dash attribution
    closing a headline ("... in Kursk - Pentagon") names the source of the news, not a
    party to the event, and is left out."""

    def __init__(self, doc: Doc, actors: list[Actor]) -> None:
        self._by_token: dict[int, Actor] = {}
        for actor in actors:
            span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
            if span is None or dash_attribution(span):
                continue
            for tok in span:
                self._by_token.setdefault(tok.i, actor)

    def at(self, tok: Token) -> Actor | None:
        return self._by_token.get(tok.i)

    def phrase(self, tok: Token, depth: int = 3) -> list[Actor]:
        """The actors a noun phrase headed by ``tok`` names: the mention covering its head,
        else the nearest ones among its modifiers; plus those of coordinated heads."""
        head = self.at(tok)
        found = [head] if head else (self._inside(tok, depth) or self._placed_in(tok))
        if head is not None and head.code is None:  # "Some lawmakers, including Mike Turner"
            found = ([a for a in self._inside(tok, depth) if a.code and a is not head]
                     or self._placed_in(tok) or found)
        for child in tok.children:
            if child.dep_ == "conj":
                found.extend(self.phrase(child, depth))
        return _unique([a for a in found if a is not None])

    def _placed_in(self, tok: Token) -> list[Actor]:
        """An uncoded group named by where it is: "security forces in Guinea", "students
        throughout Indonesia" take the place's code."""
        found: list[Actor] = []
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in _PLACE_PREPS:
                for pobj in (g for g in child.children if g.dep_ == "pobj"):
                    actor = self.at(pobj)
                    if actor is not None and actor.code:
                        found.append(actor)
        return found

    def _inside(self, tok: Token, depth: int) -> list[Actor]:
        if depth <= 0:
            return []
        found: list[Actor] = []
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ not in _SEARCH_PREPS:
                continue
            if child.dep_ not in _SEARCH_DEPS and child.dep_ != "prep":
                continue
            if child.dep_ == "conj":
                continue
            actor = self.at(child)
            found.extend([actor] if actor else self._inside(child, depth - 1))
        return found


_DASHES = frozenset({"-", "\u2013", "\u2014", "--"})


def dash_attribution(span) -> bool:
    """A mention after a spaced dash that ends its sentence: "... - Reuters"."""
    if span.start == 0:
        return False
    dash = span.doc[span.start - 1]
    if dash.text not in _DASHES or dash.i == 0 or not span.doc[dash.i - 1].whitespace_:
        return False
    if not dash.whitespace_:
        return False
    rest = span.doc[span.end:span.sent.end]
    return all(t.is_punct or t.is_space for t in rest)


def _unique(actors: list[Actor]) -> list[Actor]:
    seen: set[tuple[int, int]] = set()
    out = []
    for a in actors:
        if (a.start, a.end) not in seen:
            seen.add((a.start, a.end))
            out.append(a)
    return out


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def passive_like(verb: Token) -> bool:
    """Passive itself, or a bare participle coordinated with a passive ("were killed or
    injured"): its subject is the passive's subject, a patient."""
    if is_passive(verb):
        return True
    return (verb.tag_ == "VBN" and verb.dep_ == "conj" and verb.head != verb
            and not any(c.dep_ in ("aux", "nsubj") for c in verb.children) and passive_like(verb.head))


def passive_subject(verb: Token) -> Token | None:
    """The patient of a passive verb: its own nsubjpass, else the one it shares with the
    passive it is coordinated with, or the one of its controller ("are expected to be
    deployed")."""
    cur = verb
    for _ in range(4):
        own = next((c for c in cur.children if c.dep_ == "nsubjpass"), None)
        if own is not None:
            return own
        if cur.dep_ not in ("conj", "xcomp") or cur.head == cur:
            return None
        cur = cur.head
    return None


def subject_token(verb: Token) -> Token | None:
    """The subject of a verb, borrowed from a controller or coordinated verb if it has none."""
    cur = verb
    patient = passive_like(verb)  # the nsubjpass up the chain is its target, not its source
    for _ in range(5):
        for child in cur.children:
            if child.dep_ in ("nsubj", "csubj") or (child.dep_ == "nsubjpass" and cur != verb
                                                   and not patient):
                return child  # a passive controller: "Russia is set to deploy"
            if child.dep_ == "agent":
                return next((g for g in child.children if g.dep_ == "pobj"), None)
        if cur == verb and (first := verb.sent[0]).head == verb and first.dep_ == "npadvmod" and (
                first.pos_ == "PROPN" and first.i < verb.i):
            return first  # a misparse: "Sweden suspended aid" read "Sweden" as a modifier
        if cur.dep_ == "relcl" or (cur.dep_ == "acl" and cur.tag_ == "VBG"):
            return cur.head  # "soldiers who attacked", "Pyongyang accusing its neighbor"
        if cur.dep_ == "pcomp" and cur.head.dep_ == "prep":  # "by providing", "after meeting"
            cur = cur.head.head
            continue
        if cur.dep_ not in _CLIMB or cur.head == cur:
            return None
        if cur.dep_ in ("ccomp", "acl") and cur.head.pos_ != "VERB":
            return None
        if cur.dep_ == "ccomp":
            return None
        cur = cur.head
    return None


def objects(verb: Token) -> list[Token]:
    """Direct objects (with conjuncts), or the passive subject (shared with a coordinated
    or controlling passive: "were killed or injured", "expected to be deployed")."""
    out = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if not out and passive_like(verb) and (patient := passive_subject(verb)) is not None:
        out.append(patient)
    for o in list(out):
        out.extend(c for c in o.children if c.dep_ == "conj")
    return out


def prep_targets(tok: Token, index: ActorIndex, preps: frozenset[str] = TARGET_PREPS,
                 face_of: bool = False) -> list[Actor]:
    """Actors in the target phrases of ``tok``; with ``face_of`` (conflictual events only:
    "would not sit idle in the face of X's provocation") also X of "in the face of X"."""
    found: list[Actor] = []
    for child in tok.children:
        if child.dep_ not in ("prep", "dative") and not (child.dep_ == "prt" and child.lower_ in preps):
            continue
        if child.dep_ == "dative" and child.pos_ != "ADP":
            found.extend(index.phrase(child))
            continue
        word = child.lower_
        for pobj in (g for g in child.children if g.dep_ == "pobj"):
            if word == "in" and pobj.lemma_ == "face":
                if face_of:  # never for cooperation: "support for Ukraine in the face of X"
                    for of in (g for g in pobj.children if g.lower_ == "of"):
                        found.extend(index.phrase(p) for p in of.children if p.dep_ == "pobj")
            elif word in preps and not (word in _SETTING_PREPS and pobj.lemma_.lower() in SETTING_NOUNS):
                found.extend(index.phrase(pobj))
    flat: list[Actor] = []
    for item in found:
        flat.extend(item if isinstance(item, list) else [item])
    return _unique(flat)


def for_clause_subject(head: Token, index: ActorIndex) -> list[Actor]:
    """'calls for the U.S. to lift ...': the subject of a for-to clause under ``head``."""
    for child in head.children:
        if child.dep_ in ("advcl", "acl", "xcomp", "ccomp") and any(
            g.dep_ == "mark" and g.lower_ == "for" for g in child.children
        ):
            subj = next((g for g in child.children if g.dep_ == "nsubj"), None)
            if subj is not None:
                return index.phrase(subj)
    return []


def complement_targets(tok: Token, index: ActorIndex, depth: int = 3) -> list[Actor]:
    """Targets from the content clause of a speech act or commitment ("threaten taking
    Taiwan", "urged Iran to ...", "promised to continue aid to Mozambique")."""
    if depth <= 0:
        return []
    for child in tok.children:
        if child.dep_ not in ("xcomp", "ccomp"):
            continue
        subj = next((g for g in child.children if g.dep_ == "nsubj"), None)
        if subj is not None and (found := index.phrase(subj)) and any(a.code for a in found):
            return found  # "demanded that the United States match ...": the addressee
        for obj in objects(child):
            if found := index.phrase(obj):
                return found
        if subj is not None and (found := index.phrase(subj)):
            return found
        if found := prep_targets(child, index):
            return found
        for obj in objects(child):
            if found := prep_targets(obj, index):
                return found
        if found := complement_targets(child, index, depth - 1):
            return found
    return []


def in_for_clause(tok: Token) -> bool:
    """Inside an infinitival 'for X to V' clause (content of a call or condition)."""
    cur = tok
    for _ in range(6):
        if any(c.dep_ == "mark" and c.lower_ == "for" for c in cur.children) and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in cur.children
        ):
            return True
        if cur.head == cur:
            return False
        cur = cur.head
    return False
