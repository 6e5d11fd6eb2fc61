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

from powderkeg.actors.kb import Alias, Entry, KnowledgeBase, fuzzy_entry, norm_key

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

#: kinds that can stand alone as a mention's head
NAMED = frozenset({"country", "capital", "city", "seat", "org", "person", "unknown_person", "unknown_org"})
#: words in front of a surname that say it is the office holder even out of tenure
#: ("President Reagan" in an undated or later article); the entry's own titles count too
_TITLE_WORDS = frozenset({"leader", "ruler", "strongman", "dictator", "premier", "president", "king", "emir"})


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
    if alias.entry.kind == "ellipsis" and i + n < len(doc) and doc[i + n].text[:1].isupper():
        return False  # "the North Atlantic", "the South China Sea": part of a longer name
    return not (alias.short and not alias.entry.in_tenure(when) and not _titled(doc, i, alias.entry))


#: words after a city or province that make it a region of the same country ("the Kursk
#: region", "Kursk Oblast", "the Kursk border region", "Donetsk province")
REGION_WORDS = frozenset({"region", "regions", "oblast", "province", "governorate", "prefecture", "district",
                          "krai", "area", "county"})
_REGION_LINKS = frozenset({"border", "frontier", "administrative"})


def _region_end(lows: list[str], j: int) -> int:
    if j < len(lows) and lows[j] in REGION_WORDS:
        return j + 1
    if j + 1 < len(lows) and lows[j] in _REGION_LINKS and lows[j + 1] in REGION_WORDS:
        return j + 2
    return j


def _titled(doc: Doc, i: int, entry: Entry) -> bool:
    """A surname right after a title the person held: "President Reagan", "Prime Minister Barak"."""
    if i == 0:
        return False
    prev = doc[i - 1].lower_
    if prev in _TITLE_WORDS and any(r.sector == "GOV" for r in entry.roles):
        return prev != "president" or any("president" in (r.title or "").lower() for r in entry.roles)
    return any((r.title or "").lower().rsplit(" ", 1)[-1].rsplit("-", 1)[-1] == prev for r in entry.roles)


def _best(fits: list[Alias], when: dt.date | None) -> Alias:
    """Among same-length matches, the one in office on ``when``, else the nearest in time."""
    in_office = [a for a in fits if not a.short or a.entry.in_tenure(when)]
    if in_office and in_office[0].priority >= fits[0].priority:
        return in_office[0]
    fits = [a for a in fits if a not in in_office]

    def distance(a: Alias) -> int:
        r = a.entry.nearest_role(when)
        if r is None or when is None:
            return 0
        if r.end and r.end < when:
            return (when - r.end).days
        return (r.start - when).days if r.start and r.start > when else 0

    return min(fits, key=distance)


def kb_pieces(doc: Doc, kb: KnowledgeBase, when: dt.date | None) -> list[Piece]:
    """Longest knowledge-base matches, left to right, non-overlapping; then one-letter
    misspellings of country words ("Ethopia") among the words left over."""
    lows = [_norm(t.lower_) for t in doc]
    out: list[Piece] = []
    i = 0
    while i < len(lows):
        fits: list[Alias] = []
        for alias in kb.by_first.get(lows[i], ()):
            if fits and len(alias.tokens) < len(fits[0].tokens):
                break
            if _alias_fits(alias, doc, lows, i, when):
                fits.append(alias)
        if fits:
            alias = _best(fits, when)
            end = i + len(alias.tokens)
            if alias.entry.kind == "city":
                end = _region_end(lows, end)
            if not _stance_prefix(doc, i):  # "pro-Russian separatists" are not Russia's
                out.append(Piece(i, end, alias.entry.kind, alias.entry))
            i = end
            continue
        if len(lows[i]) >= 6 and lows[i] not in kb.by_first and doc[i].ent_type_ != "PERSON":
            entry = fuzzy_entry(kb, doc[i].text)
            if entry is not None:
                out.append(Piece(i, i + 1, entry.kind, entry))
        i += 1
    return out


_STANCE_PREFIXES = frozenset({"pro", "anti"})


def _stance_prefix(doc: Doc, i: int) -> bool:
    """A name after "pro-"/"anti-" names a stance, not the actor ("anti-Israel protesters"
    in London, "pro-Kremlin media", "a prominent anti-Syria journalist")."""
    return i >= 2 and doc[i - 1].text in ("-", "\u2010", "\u2011") and not doc[i - 2].whitespace_ and (
        doc[i - 2].lower_ in _STANCE_PREFIXES) and not doc[i - 1].whitespace_


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


#: last words of a name that make it a document, not an actor ("... Partnership Treaty")
DOCUMENT_HEADS = frozenset({"treaty", "treaties", "agreement", "agreements", "accord", "accords", "pact",
                            "convention", "conventions", "protocol", "charter", "declaration", "memorandum",
                            "communique", "communiqué", "resolution", "statute", "doctrine"})
#: words that make a name a weapon when it ends in one of them or in "system(s)"
WEAPON_WORDS = frozenset({"missile", "missiles", "rocket", "rockets", "drone", "drones", "launcher",
                          "launchers", "howitzer", "howitzers", "warhead", "warheads", "munition", "munitions",
                          "jet", "jets", "bomber", "bombers", "tank", "tanks", "interceptor",
                          "interceptors"})


def non_actor_name(words: list[str]) -> bool:
    """A capitalised name that is a thing, not an actor: a treaty or document ("the
    Comprehensive Strategic Partnership Treaty") or a weapon ("Army Tactical Missile
    Systems", "Hwasong missiles")."""
    if not words:
        return False
    low = [w.lower() for w in words]
    if low[-1] in DOCUMENT_HEADS:
        return True
    return low[-1] in WEAPON_WORDS or (low[-1] in ("system", "systems") and any(w in WEAPON_WORDS for w in low))


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
    end = _particles(ent.doc, end)
    doc = ent.doc
    if end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
            and not doc[end].whitespace_ and doc[end + 1].is_alpha and doc[end + 1].is_lower:
        end += 2  # "Park Sun-won": a hyphenated given name the parser cut at the hyphen
    return Piece(start, end, "unknown_person", None, name=doc[start:end].text)


#: name particles the small model often leaves outside a PERSON entity ("Hans Van den Broek")
_PARTICLES = frozenset({"van", "den", "der", "de", "del", "della", "di", "da", "dos", "das", "du", "le", "la",
                        "von", "zu", "al", "el", "bin", "ben", "ibn", "bint", "abu", "ter", "ould"})


def _particles(doc: Doc, end: int) -> int:
    """Extend a name over particles and the capitalised word after them ("al-Bashir")."""
    j, seen = end, False
    while j < len(doc) and j - end < 4:
        if doc[j].lower_ in _PARTICLES:
            seen, j = True, j + 1
        elif doc[j].text == "-" and seen and not doc[j - 1].whitespace_:
            j += 1
        else:
            break
    if seen and j < len(doc) and doc[j].text[:1].isupper() and doc[j].is_alpha:
        return j + 1
    return end


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
        label = ent.label_
        edge = [p for p in out if p.kind == "role" and p.start < ent.start < p.end]
        if edge and edge[0].end < ent.end:  # "Vice-President Moody Awori": the title ends inside
            ent = doc[edge[0].end:ent.end]
        inside = [p for p in out if p.start < ent.end and ent.start < p.end]
        if any(p.start < ent.start or p.end > ent.end for p in inside):
            continue  # a longer knowledge-base match already spans the entity's edge
        start, end = _strip_det(ent)
        if any(p.start <= start and p.end >= end and p.kind not in ("role", "person") for p in inside):
            continue  # the knowledge base knows the whole name ("Kursk Oblast", "ATACMS")
        if start < end and non_actor_name([t.text for t in doc[start:end]]) \
                and kb.by_norm.get(norm_key(doc[start:end].text)) is None:
            out = [p for p in out if not (p.start < end and start < p.end)]
            out.append(Piece(start, end, "place"))  # its words make no mention
            continue
        if label == "PERSON" or (not inside and _titled_name(doc, ent, out)):
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
