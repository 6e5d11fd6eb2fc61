"""Token-level matching: knowledge-base aliases and named entities become *pieces*.

A piece is a run of tokens that says something about an actor: a country ("Ukraine"), a
demonym ("North Korean"), a capital or seat of power ("Moscow", "the Pentagon"), a named
organisation or person, a role noun ("troops", "President"), or a person or organisation
the parser found but the knowledge base does not know. ``compose`` joins pieces into
mentions. Matching is one dictionary lookup per token, longest alias first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from powderkeg.actors.kb import Alias, Entry, KnowledgeBase, norm_key

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

#: kinds that can stand alone as a mention's head
NAMED = frozenset({"country", "capital", "seat", "org", "person", "unknown_person", "unknown_org"})


@dataclass(slots=True)
class Piece:
    start: int  # token index
    end: int  # token index, exclusive
    kind: str  # an Entry kind, or unknown_person / unknown_org
    entry: Entry | None = None
    name: str | None = None  # unknown people and organisations: their name as written
    code: str | None = None  # unknown organisations: a code found inside them
    sector: str | None = None  # unknown organisations: a sector found inside them

    @property
    def strong(self) -> bool:
        return self.entry.strong if self.entry else True


def _norm(token_lower: str) -> str:
    return token_lower.replace("’", "'")


def _alias_fits(alias: Alias, doc: Doc, lows: list[str], i: int, when: dt.date | None) -> bool:
    n = len(alias.tokens)
    if i + n > len(lows) or tuple(lows[i:i + n]) != alias.tokens:
        return False
    for k in range(n):
        text = doc[i + k].text
        if alias.exact[k] is not None and text.replace("’", "'") != alias.exact[k]:
            return False
        if alias.cased[k] and text == text.lower():
            return False
    return not (alias.short and not alias.entry.in_tenure(when))


def kb_pieces(doc: Doc, kb: KnowledgeBase, when: dt.date | None) -> list[Piece]:
    """Longest knowledge-base matches, left to right, non-overlapping."""
    lows = [_norm(t.lower_) for t in doc]
    out: list[Piece] = []
    i = 0
    while i < len(lows):
        for alias in kb.by_first.get(lows[i], ()):
            if _alias_fits(alias, doc, lows, i, when):
                out.append(Piece(i, i + len(alias.tokens), alias.entry.kind, alias.entry))
                i += len(alias.tokens)
                break
        else:
            i += 1
    return out


def _strip_det(ent: Span) -> tuple[int, int]:
    start = ent.start
    while start < ent.end and ent.doc[start].lower_ in ("the", "a", "an"):
        start += 1
    end = ent.end
    while end > start and ent.doc[end - 1].lower_ in ("'s", "’s"):
        end -= 1
    return start, end


def _unknown_org(ent: Span, inside: list[Piece], kb: KnowledgeBase) -> Piece | None:
    start, end = _strip_det(ent)
    if start >= end:
        return None
    text = ent.doc[start:end].text
    known = kb.by_norm.get(norm_key(text))
    if known is not None:
        return Piece(start, end, known.kind, known)
    if not ent.doc[end - 1].text[:1].isupper():
        return None
    code = next((p.entry.roles[0].code for p in inside
                 if p.entry and p.kind != "role" and p.entry.roles[0].code), None)
    roles = [p for p in inside if p.kind == "role" and p.entry]
    named = [p for p in inside if p.kind in NAMED and p.entry]
    sector = None
    if roles:
        sector = roles[-1].entry.roles[0].sector  # type: ignore[union-attr]
    elif named:
        sector = named[-1].entry.roles[0].sector  # type: ignore[union-attr]
    return Piece(start, end, "unknown_org", None, name=text, code=code, sector=sector)


def _person_piece(ent: Span, inside: list[Piece]) -> Piece | None:
    """A PERSON entity the knowledge base does not know (or knows only as a place word)."""
    if any(p.kind == "person" for p in inside):
        return None
    start, end = _strip_det(ent)
    covered = {i for p in inside for i in range(p.start, p.end)}
    # a title or role noun the entity swallowed stays its own piece ("President Smith")
    while start < end and start in covered and any(p.kind == "role" and p.start == start for p in inside):
        start = next(p.end for p in inside if p.start == start)
    if start >= end or not all(ent.doc[i].text[:1].isupper() for i in range(start, end)):
        return None
    placey = [p for p in inside if p.start >= start]
    if placey and (end - start < 2 or placey[0].start != start):
        return None  # "Kyiv" tagged PERSON: trust the knowledge base
    return Piece(start, end, "unknown_person", None, name=ent.doc[start:end].text)


def _titled_name(doc: Doc, ent: Span, pieces: list[Piece]) -> bool:
    """An ORG entity of proper nouns right after a role noun ("lawmaker Oleksandr Merezhko")
    is a person the small model mislabelled."""
    if ent.label_ == "PERSON" or not 2 <= len(ent) <= 3:
        return False
    if not all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.text.isalpha() for t in ent):
        return False
    return any(p.kind == "role" and p.end == ent.start for p in pieces)


def entity_pieces(doc: Doc, pieces: list[Piece], kb: KnowledgeBase) -> list[Piece]:
    """Merge the parser's PERSON and ORG entities into the knowledge-base pieces."""
    out = list(pieces)
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG", "FAC"):
            continue
        inside = [p for p in out if p.start < ent.end and ent.start < p.end]
        if any(p.start < ent.start or p.end > ent.end for p in inside):
            continue  # a longer knowledge-base match already spans the entity's edge
        if ent.label_ == "PERSON" or (not inside and _titled_name(doc, ent, out)):
            new = _person_piece(ent, inside)
        elif inside and inside[-1].kind in NAMED and inside[-1].end == _strip_det(ent)[1]:
            continue  # "the paramilitary Rapid Support Forces": the knowledge base knows the head
        else:
            covered = sum(p.end - p.start for p in inside)
            start, end = _strip_det(ent)
            if covered >= end - start and not any(p.kind == "role" for p in inside):
                continue
            new = _unknown_org(ent, inside, kb)
        if new is None:
            continue
        out = [p for p in out if not (p.start < new.end and new.start < p.end)]
        out.append(new)
    out.sort(key=lambda p: p.start)
    return out
