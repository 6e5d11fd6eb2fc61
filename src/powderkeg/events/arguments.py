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
_SEARCH_PREPS = frozenset({"of", "including", "from", "by"})
_PLACE_PREPS = frozenset({"in", "throughout", "across", "inside"})
_SUBJ = ("nsubj", "nsubjpass", "csubj")
_CLIMB = frozenset({"xcomp", "conj", "advcl", "pcomp", "ccomp", "acl", "relcl", "acomp"})
# Where something was said or done, not to whom: "accused X at a meeting of the Council",
# "on the sidelines of the summit".
SETTING_NOUNS = frozenset({"meeting", "summit", "session", "conference", "forum", "sideline", "sidelines",
                           "ceremony", "briefing", "gathering", "assembly", "event", "hearing"})
_SETTING_PREPS = frozenset({"at", "on", "during"})
# Participles that describe their subject's stance, not something done to it: "Israel is
# opposed to ...", "Vietnam is committed to ...": the subject is the actor (unless a by-agent).
STATIVE_PARTICIPLES = frozenset({"opposed", "committed", "determined", "prepared", "resolved", "poised",
                                 "ready", "engaged", "involved", "intent", "bent", "dedicated", "pledged"})
# Phrases of setting, time or source inside a noun phrase, not where its target is.
_SETTING_OR_TIME_PREPS = frozenset({"according", "despite", "during", "amid", "amidst", "after", "before",
                                    "since", "until", "following"})
#: nouns naming others by their relation to the possessor ("Kyiv's allies")
RELATIONAL_NOUNS = frozenset({"ally", "partner", "neighbour", "neighbor", "enemy", "rival", "adversary", "friend",
                              "backer", "supporter", "foe", "opponent", "critic", "creditor", "donor", "sponsor"})
PRONOUNS = frozenset({"it", "they", "he", "she", "we", "its", "their", "his", "her", "our", "i", "you"})


class ActorIndex:
    """Token index -> the resolver's actor mention that covers it. A dash attribution
    closing a headline ("... in Kursk - Pentagon") names the source of the news, not a
    party to the event, and is left out."""

    def __init__(self, doc: Doc, actors: list[Actor]) -> None:
        self._doc = doc
        self._by_token: dict[int, Actor] = {}
        self._heads: dict[int, Token] = {}  # id(actor) -> its head token
        for actor in actors:
            span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
            if span is None or dash_attribution(span):
                continue
            self._heads[id(actor)] = _span_head(span)
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
        if found and not any(a.code for a in found):  # "tens of thousands of students throughout Indonesia"
            for actor in list(found):
                head_tok = self.head_of(actor)
                found.extend(a for a in self._inside(head_tok, depth) if a.code and a is not actor)
                found.extend(self._placed_in(head_tok))
            if any(a.code for a in found):
                found = [a for a in found if a.code]
        for child in tok.children:
            if child.dep_ == "conj":
                found.extend(self.phrase(child, depth))
        return _unique([a for a in found if a is not None])

    def head_of(self, actor: Actor) -> Token:
        """The syntactic head token of a mention (the token of the span outside it heads)."""
        head = self._heads.get(id(actor))
        if head is None:
            head = _span_head(self._doc.char_span(actor.start, actor.end, alignment_mode="expand"))
        return head

    def tokens_of(self, actors: list[Actor]) -> set[int]:
        ids = {id(a) for a in actors}
        return {i for i, a in self._by_token.items() if id(a) in ids}

    def coded_within(self, tok: Token, skip: set[int] | None = None) -> list[Actor]:
        """The first coded mention in the subtree of ``tok`` (with its coordinated mentions),
        not crossing into clauses that have their own subject or into attributions."""
        stack = [tok]
        order: list[Token] = []
        while stack:
            cur = stack.pop()
            order.append(cur)
            kids = [c for c in cur.children if not (
                c.dep_ in ("relcl", "ccomp", "advcl", "parataxis")
                and any(g.dep_.startswith("nsubj") for g in c.children))
                and not (c.dep_ == "pcomp" and cur.lower_ != "of")  # "commended X for capturing the soldiers"
                and not (c.dep_ == "prep" and c.lower_ in _SETTING_OR_TIME_PREPS)]
            stack.extend(reversed(kids))
        for t in sorted(order, key=lambda t: t.i):
            if skip and t.i in skip:
                continue
            actor = self.at(t)
            if actor is not None and actor.code:
                return self.phrase(self.head_of(actor))
        return []

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
            if child.dep_ == "poss" and tok.lemma_.lower() in RELATIONAL_NOUNS:
                continue  # "Kyiv's allies", "its neighbours": others, not Kyiv
            actor = self.at(child)
            found.extend([actor] if actor else self._inside(child, depth - 1))
        return found


def _span_head(span) -> Token:
    """The token of a span whose head lies outside it (the span's root)."""
    inside = {t.i for t in span}
    for t in span:
        if t.head.i not in inside or t.head == t:
            return t
    return span[-1]


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


def stative(verb: Token) -> bool:
    """ "is opposed to", "is committed to": a stance of the subject, not a passive."""
    return verb.lower_ in STATIVE_PARTICIPLES and not any(c.dep_ == "agent" for c in verb.children)


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) and not stative(verb)


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
            if child.dep_ in ("nsubj", "csubj") or (child.dep_ == "nsubjpass" and (
                    (cur != verb and not patient) or stative(cur))):
                return child  # a passive controller: "Russia is set to deploy"
            if child.dep_ == "agent":
                return next((g for g in child.children if g.dep_ == "pobj"), None)
            if child.dep_ in ("aux", "auxpass") and (  # "Hungary is opposed": the subject hung on "is"
                    hung := next((g for g in child.children if g.dep_ == "nsubj"), None)) is not None:
                return hung
        if cur == verb and (first := verb.sent[0]).head == verb and first.dep_ == "npadvmod" and (
                first.pos_ == "PROPN" and first.i < verb.i):
            return first  # a misparse: "Sweden suspended aid" read "Sweden" as a modifier
        if cur == verb and verb.dep_ == "ROOT" and (left := _stranded_subject(verb)) is not None:
            return left  # "With the signing of X, the government and the rebels have agreed"
        if cur.dep_ == "relcl" or (cur.dep_ == "acl" and cur.tag_ == "VBG"):
            return cur.head  # "soldiers who attacked", "Pyongyang accusing its neighbor"
        verbs = (cur, *(k for k in cur.children if k.dep_ == "conj"))
        if cur.dep_ == "acl" and cur.tag_ in ("VBN", "VBD") and any(
                c.dep_ == "dobj" for v in verbs for c in v.children) and (
                (root := cur.sent.root).pos_ in ("NOUN", "PROPN")):
            return root  # a sentence read as one noun phrase: "Doctors from X donated goods to Y"
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


def _stranded_subject(verb: Token) -> Token | None:
    """A finite main verb with no subject, right after a noun phrase the parser attached
    elsewhere (to a fronted phrase): that noun phrase, from its first conjunct."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP", "VBN") or any(
            c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in verb.children):
        return None
    j = verb.i - 1
    while j >= verb.sent.start and verb.doc[j].head == verb and verb.doc[j].dep_ in ("aux", "advmod", "neg"):
        j -= 1
    if j < verb.sent.start:
        return None
    tok = verb.doc[j]
    if tok.pos_ not in ("NOUN", "PROPN") or tok.head == verb:
        return None
    stop = max((t.i for t in verb.sent if t.i < tok.i and t.text in (",", ";", ":")), default=-1)
    while (tok.dep_ in ("conj", "compound", "flat") and stop < tok.head.i < tok.i
           and tok.head.pos_ in ("NOUN", "PROPN")):
        tok = tok.head
    return tok


def objects(verb: Token) -> list[Token]:
    """Direct objects (with conjuncts), or the passive subject (shared with a coordinated
    or controlling passive: "were killed or injured", "expected to be deployed")."""
    out = [c for c in verb.children if c.dep_ == "dobj" or (c.dep_ == "nsubjpass" and not stative(verb))]
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
            if word == "in" and pobj.lemma_ in ("face", "defiance"):
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


def control_target(verb: Token, index: ActorIndex) -> list[Actor]:
    """ "allowed X to take part", "ordered X to suspend": the subject of an infinitive
    complement (object control) is whom the act is aimed at."""
    for child in verb.children:
        if child.dep_ in ("xcomp", "ccomp") and any(g.dep_ == "aux" and g.lower_ == "to" for g in child.children):
            subj = next((g for g in child.children if g.dep_ == "nsubj"), None)
            if subj is not None and (found := index.phrase(subj)):
                return found
    return []


def noun_complement_target(noun: Token, index: ActorIndex) -> list[Actor]:
    """ "its demand that Israel ease restrictions": the subject of a noun's that-clause (which
    the parser may hang on the verb the noun is the object of)."""
    clauses = list(noun.children)
    if noun.dep_ == "dobj":
        clauses += [c for c in noun.head.children if c.dep_ == "ccomp" and c.i > noun.i]
    for child in clauses:
        if child.dep_ in ("acl", "ccomp", "appos") and any(
                g.dep_ == "mark" and g.lower_ == "that" for g in child.children):
            subj = next((g for g in child.children if g.dep_ == "nsubj"), None)
            if subj is not None and (found := index.phrase(subj)):
                return found
    return []


def _conditional(clause: Token, words: frozenset[str]) -> bool:
    """An adverbial clause opened by one of ``words`` ("unless Israel rescinds")."""
    return clause.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in words for g in clause.children)


def condition_target(verb: Token, index: ActorIndex) -> list[Actor]:
    """ "will boycott ... unless Israel rescinds": who must meet a threat's condition."""
    kids = list(verb.children)
    kids += [g for c in kids if c.dep_ in ("xcomp", "ccomp") for g in c.children]
    for child in kids:
        if _conditional(child, frozenset({"unless", "if"})):
            subj = next((g for g in child.children if g.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and (found := [a for a in index.phrase(subj) if a.code]):
                return found
    return []


def has_condition(verb: Token, words: frozenset[str] = frozenset({"unless"})) -> bool:
    return any(_conditional(child, words) for child in verb.children)
