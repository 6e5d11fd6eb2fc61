"""Pieces joined into mentions: "Ukrainian" + "President" + "Volodymyr Zelensky" is one actor.

A *run* is a maximal sequence of adjacent pieces, allowing a possessive ("Ukraine's") and
short bridges of nominal modifiers the parse attaches to a later piece ("White House
national security spokesperson"), with a leading "the". The run's last piece is its head;
the code comes from the head (a known person's role on the date) or the nearest piece
that carries one; the sector from the head person's office, else the last strong role
noun, else the named organisation or seat, else a weak role noun.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from powderkeg.actors.matcher import NAMED, Piece

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_BRIDGE_DEPS = frozenset({"compound", "amod", "nmod"})
_POSSESSIVE = frozenset({"'s", "’s", "'"})
_PERSONS = frozenset({"person", "unknown_person"})
_MAX_BRIDGE = 3


@dataclass(slots=True)
class Run:
    pieces: list[Piece]
    start: int  # token index (a leading "the" included)
    end: int
    code: str | None = None
    sector: str | None = None
    name: str | None = None
    org: str | None = None
    title: str | None = None
    person: str | None = None  # identity of the person heading the run, for coreference
    former: bool = False

    @property
    def head(self) -> Piece:
        return self.pieces[-1]


def _bridge(doc: Doc, j: int, nxt: Piece) -> bool:
    """Tokens doc[j:nxt.start] modify the next piece: compound/amod chains pointing into it."""
    if nxt.start - j > _MAX_BRIDGE or not doc.has_annotation("DEP"):
        return False
    for k in range(j, nxt.start):
        t: Token = doc[k]
        if t.dep_ not in _BRIDGE_DEPS or t.pos_ not in ("ADJ", "NOUN", "PROPN") or t.like_num:
            return False
        if not (k < t.head.i < nxt.end):
            return False
    return True


def _det_of(doc: Doc, i: int, end: int) -> bool:
    """Is "the" at token i part of the phrase ending at ``end`` (its head inside it)?"""
    if not doc.has_annotation("DEP"):
        return True
    return i < doc[i].head.i < end


def find_runs(doc: Doc, pieces: list[Piece]) -> list[Run]:
    """Adjacent pieces grouped into runs (place blockers break runs and vanish)."""
    runs: list[Run] = []
    i = 0
    while i < len(pieces):
        if pieces[i].kind == "place":
            i += 1
            continue
        group = [pieces[i]]
        i += 1
        while i < len(pieces) and pieces[i].kind != "place":
            j, nxt = group[-1].end, pieces[i]
            poss = doc[j].lower_ in _POSSESSIVE and group[-1].kind not in _PERSONS
            if nxt.start == j or (poss and (nxt.start == j + 1 or _bridge(doc, j + 1, nxt))) \
                    or _bridge(doc, j, nxt):
                if group[-1].kind in _PERSONS and nxt.kind in _PERSONS:
                    break  # two people side by side are two mentions
                group.append(nxt)
                i += 1
            else:
                break
        start = group[0].start
        if start > 0 and doc[start - 1].lower_ == "the" and _det_of(doc, start - 1, group[-1].end):
            start -= 1
        runs.append(Run(group, start, group[-1].end))
    return runs


def _is_modifier(doc: Doc, run: Run) -> bool:
    """The run's last word modifies a noun outside it ("military bases", "Russian missile")."""
    if not doc.has_annotation("DEP"):
        return False
    last = doc[run.end - 1]
    head = last.head
    return (last.dep_ in _BRIDGE_DEPS and head.i >= run.end
            and head.pos_ in ("NOUN", "PROPN") and not head.like_num)


def _hyphen_modifier(doc: Doc, run: Run) -> bool:
    """"rebel-held", "police-run": a role noun glued to a participle is not an actor."""
    return (run.end + 1 < len(doc) and doc[run.end].text == "-"
            and all(p.kind == "role" for p in run.pieces))


def trim(doc: Doc, runs: list[Run]) -> list[Run]:
    """Drop role nouns used as modifiers and runs of weak role nouns only."""
    out = []
    for run in runs:
        if _hyphen_modifier(doc, run):
            continue
        if _is_modifier(doc, run):
            while run.pieces and run.pieces[-1].kind == "role":
                run.pieces.pop()
            if not run.pieces:
                continue
            run.end = run.pieces[-1].end
        if all(p.kind == "role" and not p.strong for p in run.pieces):
            continue
        out.append(run)
    return out


def _piece_code(p: Piece, when: dt.date | None) -> str | None:
    if p.kind == "unknown_org":
        return p.code
    if p.entry is None or p.kind == "role":
        return None
    role = p.entry.nearest_role(when) if p.kind == "person" else p.entry.roles[0]
    return role.code if role else None


def _piece_sector(p: Piece, when: dt.date | None) -> str | None:
    if p.kind == "unknown_org":
        return p.sector
    if p.entry is None or p.kind in ("country", "demonym", "city"):
        return None
    role = p.entry.role_at(when) if p.kind == "person" else p.entry.roles[0]
    return role.sector if role else None


def _sector(run: Run, when: dt.date | None) -> str | None:
    head = run.head
    if head.kind == "person" and head.entry and head.entry.role_at(when):
        return _piece_sector(head, when)
    strong = [p for p in run.pieces if p.kind == "role" and p.strong]
    if strong:
        return _piece_sector(strong[-1], when)
    named = [p for p in run.pieces if p.kind in NAMED and _piece_sector(p, when)]
    if named:
        return _piece_sector(named[-1], when)
    weak = [p for p in run.pieces if p.kind == "role"]
    return _piece_sector(weak[-1], when) if weak else None


def _code(run: Run, when: dt.date | None) -> str | None:
    for p in reversed(run.pieces):
        code = _piece_code(p, when)
        if code:
            return code
    return None


def describe(doc: Doc, run: Run, kb_holder, when: dt.date | None) -> None:
    """Fill the run's code, sector, name, org and title from its pieces."""
    head = run.head
    run.code = _code(run, when)
    run.sector = _sector(run, when)
    if head.kind == "person" and head.entry:
        run.name = head.entry.name
        run.person = head.entry.name
    elif head.kind == "unknown_person":
        run.name = head.name
        run.person = head.name
    elif head.kind in NAMED and head.entry:
        run.name = head.entry.name
    elif head.kind == "unknown_org":
        run.name = head.name
    elif head.kind == "role" and head.entry and run.code and len(run.pieces) > 1:
        holder = kb_holder(run.code, head.entry.name, when)
        if holder is not None:
            run.name = holder.name
            run.person = holder.name
    if run.code in ("IGO", "NGO"):
        named = [p for p in run.pieces if p.entry and p.kind in NAMED and _piece_code(p, when) == run.code]
        orgs = [p for p in named if p.kind != "person"]
        if orgs:
            run.org = orgs[-1].entry.org or orgs[-1].entry.name  # type: ignore[union-attr]
        elif named:
            role = named[-1].entry.nearest_role(when)  # type: ignore[union-attr]
            run.org = org_of_title(role.title if role else None)
    if head.kind in _PERSONS and len(run.pieces) > 1:
        first = run.pieces[0].start
        if doc[first].lower_ == "the":
            first += 1
        run.title = doc[first:head.start].text or None
    elif head.kind == "person" and head.entry:
        role = head.entry.role_at(when)
        run.title = role.title if role else None


_EUROPEAN = ("European Commission", "European Council", "European Parliament", "EU ")


def org_of_title(title: str | None) -> str | None:
    """The organisation an IGO office belongs to, from its title: "NATO Secretary General"
    -> NATO, "UN relief chief" -> UN, "European Council President" -> EU."""
    if not title:
        return None
    for word in title.replace("-", " ").split():
        if len(word) >= 2 and word.isupper() and word.isalpha():
            return word
    if any(t in f"{title} " for t in _EUROPEAN):
        return "EU"
    return None


def coordinate(doc: Doc, runs: list[Run], when: dt.date | None) -> None:
    """"U.S. and South Korean officials": the bare "U.S." takes the officials' sector."""
    for a, b in itertools.pairwise(runs):
        if a.sector is not None or b.sector is None or b.head.kind != "role":
            continue
        if not all(p.kind in ("country", "demonym") for p in a.pieces):  # not "Kursk region, US officials"
            continue
        gap = doc[a.end:b.start]
        if len(gap) == 1 and gap[0].lower_ in ("and", "or", ",", "&"):
            a.sector = b.sector


_PLACE_HEADS = frozenset({"country", "capital", "city"})
_LINKS = {"of": ("person", "unknown_person", "role", "unknown_org"),
          "in": ("role", "unknown_org"), "from": ("role", "unknown_org")}


def attach_places(doc: Doc, runs: list[Run]) -> None:
    """"King Hassan of Morocco", "deputy governor of the Tyumen region", "rebels in Darfur",
    "refugees from Liberia": an actor without a code takes the place right after it."""
    starts = {r.start: r for r in runs}
    starts.update({r.start + 1: r for r in runs if doc[r.start].lower_ == "the"})
    for run in runs:
        if run.code is not None or run.end + 1 >= len(doc):
            continue
        link = doc[run.end].lower_
        if run.head.kind not in _LINKS.get(link, ()):
            continue
        place = starts.get(run.end + 1)
        if place is None and doc[run.end + 1].lower_ == "the":
            place = starts.get(run.end + 2)
        if place is not None and place.head.kind in _PLACE_HEADS and place.code not in (None, "IGO", "NGO"):
            run.code = place.code


def _sentence_codes(doc: Doc, runs: list[Run], i: int, own: str | None) -> list[str]:
    sent = doc[i].sent
    return [r.code for r in runs if r.code and r.code != own and r.code not in ("IGO", "NGO", "MNC")
            and sent.start <= r.start < sent.end and r.head.kind in _PLACE_HEADS | {"demonym", "seat"}]


def pick_peoples(doc: Doc, runs: list[Run]) -> None:
    """Peoples living across borders take their country from the article: "Hutu rebels" in an
    article about Burundi -> BDI; "ethnic Albanians ... in Serbia" -> SRB (a minority
    lives in a country other than its kin state, named in the same sentence)."""
    codes = [p.entry.roles[0].code for r in runs for p in r.pieces
             if p.entry and p.kind in _PLACE_HEADS | {"demonym"} and p.entry.roles[0].code]
    for run in runs:
        people = next((p for p in run.pieces if p.kind in ("demonym", "ellipsis") and p.entry), None)
        if people is None or people.entry is None:
            continue
        own = people.entry.roles[0].code
        if _resident(doc, people, run) and doc.has_annotation("SENT_START"):
            other = _sentence_codes(doc, runs, people.start, own)
            if other:
                run.code = other[0]
            continue
        cands = people.entry.candidates
        if cands and run.code in (None, own):
            found = next((c for c in codes if c in cands), None)
            if found:
                run.code = found


#: nouns naming the people living somewhere: "the Albanian population of the province"
_RESIDENT_NOUNS = frozenset({"population", "populations", "minority", "minorities", "community", "communities",
                             "inhabitant", "inhabitants", "resident", "residents", "villager", "villagers"})


def _resident(doc: Doc, people: Piece, run: Run) -> bool:
    """A people named as living in some country: "ethnic Albanians", "the Albanian
    population", "the Albanians of southern Serbia" (CAMEO codes a minority by its country)."""
    if people.start > 0 and doc[people.start - 1].lower_ == "ethnic":
        return True
    if doc[run.end - 1].lower_ in _RESIDENT_NOUNS:
        return True
    after = doc[run.end] if run.end < len(doc) else None
    return (after is not None and after.lower_ == "of" and doc[run.end - 1].tag_ == "NNPS"
            and after.head.i == run.end - 1)


def unresolved_ellipsis(run: Run) -> bool:
    """"the North" in an article that never names North Korea: no mention at all."""
    return run.code is None and all(p.kind == "ellipsis" for p in run.pieces)


_DEFINITE = frozenset({"the", "these", "those", "this", "that"})
_OWNED = frozenset({"its", "their", "his", "her", "our", "my", "your", "'s", "’s"})
_ANAPHOR_SENTS = 4  # how far back (sentences) a role noun looks for its group


def _role_key(p: Piece) -> str:
    name = p.entry.name if p.entry else ""
    return {"troop": "troops", "soldier": "troops", "soldiers": "troops", "forces": "troops"}.get(name, name)


#: verbs whose subject owns the group in their object: "North Korea sent 10,000 troops",
#: "Pyongyang has deployed thousands of soldiers", "the North decided to send troops"
_OWNING_VERBS = frozenset({"send", "deploy", "dispatch", "transfer", "mobilize", "mobilise", "station", "commit",
                           "withdraw", "pull", "lose", "have", "redeploy", "recruit", "train"})
_OWNER_KINDS = frozenset({"country", "capital", "seat", "demonym", "ellipsis", "org"})


def _owner(doc: Doc, tok: Token, by_token: dict[int, Run]) -> Run | None:
    """The coded group a role noun belongs to by the parse: the other conjunct ("North
    Korean generals and troops") or the subject of a sending verb whose object it is."""
    if tok.dep_ == "conj":
        other = by_token.get(tok.head.i)
        if other is not None and other.code and other.head.kind == "role":
            return other
    node = tok
    if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.dep_ == "dobj":
        node = node.head.head  # "thousands of troops"
    if node.dep_ != "dobj":
        return None
    verb = node.head
    if verb.lemma_.lower() not in _OWNING_VERBS:
        return None
    for _ in range(3):
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            ref = by_token.get(subj.i)
            if ref is not None and ref.code and ref.head.kind in _OWNER_KINDS:
                return ref
            return None
        if verb.dep_ not in ("xcomp", "conj") or verb.head == verb:
            return None
        verb = verb.head
    return None


def role_anaphora(doc: Doc, runs: list[Run]) -> None:
    """"North Korean troops ... the troops", "South Korea's spy agency ... the spy agency": a
    role noun with no country takes the code of an earlier mention of the same role in
    the last few sentences (not its own sentence, where two mentions are two groups:
    "Russian forces supplied the troops"). With "the"/"these"/"those" the nearest such
    mention wins; a bare plural ("soldiers") only when every earlier coded mention of that
    role in the article has one and the same code. Never after a possessive ("its forces":
    someone else's) or for a bare singular ("intelligence", "each soldier")."""
    if not doc.has_annotation("SENT_START"):
        return
    sent_no = {}
    for k, sent in enumerate(doc.sents):
        sent_no[sent.start] = k

    def sent_index(i: int) -> int:
        return sent_no[doc[i].sent.start]

    by_token = {i: r for r in runs for i in range(r.start, r.end)}
    seen: dict[str, list[Run]] = {}
    for run in runs:
        head = run.head
        if head.kind != "role" or head.entry is None:
            continue
        earlier = seen.setdefault(_role_key(head), [])
        if run.code is None and len(run.pieces) == 1 and doc.has_annotation("DEP"):
            owner = _owner(doc, doc[head.end - 1], by_token)
            if owner is not None:
                run.code, run.org = owner.code, owner.org
        if run.code is not None:
            earlier.append(run)
            continue
        if len(run.pieces) != 1 or not earlier:
            continue
        first = run.pieces[0].start
        before = doc[first - 1].lower_ if first > 0 else ""
        if before in _OWNED:
            continue
        here = sent_index(head.start)
        near = [r for r in earlier if 0 < here - sent_index(r.head.start) <= _ANAPHOR_SENTS]
        if not near:
            continue
        if before not in _DEFINITE and (doc[head.end - 1].tag_ != "NNS" or len({r.code for r in earlier}) != 1):
            continue
        ref = near[-1]
        run.code, run.org = ref.code, ref.org
        run.sector = run.sector or ref.sector
