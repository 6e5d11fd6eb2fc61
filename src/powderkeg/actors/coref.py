"""Within one article: surnames, appositives, one identity per person, and pronouns.

All of it is conservative: a surname links only to a person named in full earlier in the
same article (or to the knowledge base); an appositive is read only when it follows the
name after a comma; a pronoun takes an antecedent only where the parse makes it clear.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from powderkeg.actors.compose import Run
from powderkeg.actors.matcher import Piece, non_actor_name

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_PARTY_STATE = re.compile(r"^[RDI]$")
_APPOS_START = frozenset({"a", "an", "the", "now", "former", "currently", "also", "then", "who"})
_APPOS_STOP = frozenset({",", ".", ";", ":", "(", ")", "\"", "“", "”", "—", "–", "?", "!"})
_PAST = frozenset({"former", "ex", "onetime", "then", "ex-"})
_MAX_WINDOW = 30
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")
_DEFINERS = frozenset({"org", "unknown_org", "seat"})


_NAME_GLUE = frozenset({"of", "for", "the", "and", "de", "du", "des", "la", "le", "del", "-", "&"})


def _name_before(doc: Doc, i: int, pieces: list[Piece]) -> Piece | None:
    """"Movement for Peace and Unity (MPU)": the capitalised name right before a bracketed
    acronym, as an organisation (its code and sector from the pieces inside it)."""
    j = i
    while j > 0 and i - j < 12 and (doc[j - 1].text[:1].isupper() or doc[j - 1].lower_ in _NAME_GLUE):
        j -= 1
    while j < i and doc[j].lower_ in _NAME_GLUE:
        j += 1
    if i - j < 2 or doc[j].text[0] != doc[i + 1].text[0]:
        return None
    if non_actor_name([t.text for t in doc[j:i]]):
        return Piece(j, i, "place")
    inside = [p for p in pieces if j <= p.start and p.end <= i]
    if any(p.start < j < p.end for p in pieces):
        return None
    code = next((p.entry.roles[0].code for p in inside
                 if p.entry and p.kind != "role" and p.entry.roles[0].code), None)
    sector = next((p.entry.roles[0].sector for p in reversed(inside) if p.kind == "role" and p.entry), None)
    return Piece(j, i, "unknown_org", None, name=doc[j:i].text, code=code, sector=sector)


def acronyms(doc: Doc, pieces: list[Piece]) -> list[Piece]:
    """"Forces for Defence of Democracy (FDD)": an acronym in brackets right after a name is
    that name everywhere in the article, whatever else the knowledge base knows by it."""
    by_end = {p.end: p for p in pieces}
    defined: dict[str, Piece] = {}
    for tok in doc:
        i = tok.i
        if tok.text != "(" or i + 2 >= len(doc) or doc[i + 2].text != ")":
            continue
        if not _ACRONYM.match(doc[i + 1].text):
            continue
        named = by_end.get(i)
        if named is not None and named.kind == "place":
            continue  # "Army Tactical Missile Systems (ATACMS)": a thing, not an actor
        if named is None or named.kind not in _DEFINERS:
            named = _name_before(doc, i, pieces)
            if named is None:
                continue
            pieces = [p for p in pieces if not (p.start < named.end and named.start < p.end)] + [named]
            by_end[named.end] = named
        initials = [t.text[0] for t in doc[named.start:named.end] if t.text[:1].isupper()]
        if initials and initials[0] == doc[i + 1].text[0]:
            defined.setdefault(doc[i + 1].text, named)
    if not defined:
        return pieces
    out = [p for p in pieces if not (p.end - p.start == 1 and doc[p.start].text in defined)]
    for tok in doc:
        ref = defined.get(tok.text)
        if ref is not None and not any(p.start <= tok.i < p.end for p in out):
            out.append(Piece(tok.i, tok.i + 1, ref.kind, ref.entry, name=ref.name, code=ref.code,
                             sector=ref.sector))
    out.sort(key=lambda p: p.start)
    return out


def link_surnames(doc: Doc, pieces: list[Piece]) -> list[Piece]:
    """"Zelensky", "Kazianis", "Kim": a later bare surname is the person named in full before."""
    known: dict[str, Piece] = {}
    covered = {i for p in pieces for i in range(p.start, p.end)}
    extra = [Piece(t.i, t.i + 1, "unknown_person") for t in doc
             if t.i not in covered and t.pos_ == "PROPN" and t.text[:1].isupper()]
    out = []
    for p in sorted([*pieces, *extra], key=lambda x: x.start):
        single = p.end - p.start == 1
        if p.kind == "unknown_org" and single and doc[p.start].lower_ in known:
            p = Piece(p.start, p.end, "unknown_person", name=doc[p.start].text)
        if p.kind not in ("person", "unknown_person"):
            out.append(p)
            continue
        words = doc[p.start:p.end]
        key = words[-1].lower_ if len(words) > 0 else ""
        if p.end - p.start == 1 and key in known:
            ref = known[key]
            out.append(Piece(p.start, p.end, ref.kind, ref.entry, name=ref.name))
            continue
        if p.end - p.start >= 2:
            known.setdefault(key, p)
            if p.kind == "person" and p.entry and len(words) >= 3:
                known.setdefault(words[0].lower_, p)  # "Kim" for Kim Jong Un
        if p.kind == "unknown_person" and p.name is None:
            continue  # a bare capitalised word that is nobody we know
        out.append(p)
    return out


def _party_state(doc: Doc, run: Run) -> bool:
    """"Mike Turner (R-Ohio)": a US party-and-state tag after the name."""
    j = run.end
    return (j + 2 < len(doc) and doc[j].text == "(" and bool(_PARTY_STATE.match(doc[j + 1].text))
            and doc[j + 2].text in ("-", "–", "."))


def _window(doc: Doc, run: Run) -> tuple[int, int] | None:
    """Token range of an appositive after ", " that follows the person's name."""
    j = run.end
    if j + 1 >= len(doc) or doc[j].text != ",":
        return None
    first: Token = doc[j + 1]
    if first.lower_ not in _APPOS_START and first.pos_ not in ("ADJ", "NOUN", "PROPN"):
        return None
    sent_end = first.sent.end
    k = j + 1
    while k < min(sent_end, j + 1 + _MAX_WINDOW) and doc[k].text not in _APPOS_STOP:
        k += 1
    if first.lower_ == "who":
        return (j + 1, k)
    if any(doc[m].pos_ in ("VERB", "AUX") and doc[m].dep_ in ("ROOT", "ccomp", "relcl")
           for m in range(j + 1, k)):
        return None
    return (j + 1, k)


def _apply_appositive(doc: Doc, run: Run, runs_in: list[Run]) -> None:
    start, end = _window(doc, run) or (0, 0)
    if start >= end:
        return
    words = [t.lower_ for t in doc[start:end]]
    run.title = run.title or doc[start:end].text
    if "now" in words:
        cut = start + words.index("now")
        runs_in = [r for r in runs_in if r.start >= cut]
    elif any(w in _PAST for w in words[:3]):
        run.former = True
        return
    informative = [r for r in runs_in if r.start >= start and r.end <= end and r.code and r.person is None]
    if informative and run.code is None:
        best = informative[-1]
        run.code = best.code
        run.sector = run.sector if run.sector and run.head.kind == "person" else best.sector
        run.org = best.org
    elif informative and run.sector is None:
        run.sector = informative[-1].sector


def enrich(doc: Doc, runs: list[Run]) -> None:
    """Appositives and party-state tags fill what a person's name alone cannot."""
    for run in runs:
        if run.person is None:
            continue
        if _party_state(doc, run) and run.code is None:
            run.code, run.sector = "USA", run.sector or "LEG"
        if run.head.kind == "unknown_person" or run.code is None:
            _apply_appositive(doc, run, runs)


def unify(runs: list[Run]) -> None:
    """One identity per person in an article: every mention shares the best-known facts."""
    best: dict[str, Run] = {}
    for run in runs:
        if run.person and run.code and not run.former and run.person not in best:
            best[run.person] = run
    for run in runs:
        ref = best.get(run.person or "")
        if ref is None or ref is run:
            continue
        if run.code is None:
            run.code, run.org = ref.code, ref.org
            run.sector = run.sector or ref.sector
        if run.code == ref.code and run.sector is None:
            run.sector = ref.sector
        run.title = run.title or ref.title


_PERSONAL = frozenset({"he", "she"})
_NONPERSONAL = frozenset({"it", "they"})


def _covering(runs: list[Run], i: int) -> Run | None:
    for run in runs:
        if run.start <= i < run.end:
            return run
    return None


def _clause_subject(doc: Doc, pron: Token, runs: list[Run], personal: bool) -> Run | None:
    """"South Korea said it might...": the subject of a verb governing the pronoun's clause."""
    node = pron.head
    for _ in range(4):
        if node.head == node:
            break
        node = node.head
        for child in node.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i < pron.i:
                run = _covering(runs, child.i)
                if run is not None and (run.person is not None) == personal:
                    return run
                return None
    return None


def _previous_person(doc: Doc, pron: Token, runs: list[Run]) -> Run | None:
    """The only person mentioned in the nearest earlier sentence that mentions anyone."""
    before = [r for r in runs if r.person and r.end <= pron.i]
    if not before:
        return None
    last = before[-1]
    if pron.sent.start - doc[last.start].sent.start > 400:  # too far back to be clear
        return None
    same_sent = [r for r in before if doc[r.start].sent.start == doc[last.start].sent.start]
    if len({r.person for r in same_sent}) == 1:
        return last
    return None


def pronoun_antecedents(doc: Doc, runs: list[Run]) -> list[tuple[Token, Run]]:
    """Subject pronouns he/she/it/they paired with their clear antecedent runs."""
    if not doc.has_annotation("DEP"):
        return []
    out = []
    for tok in doc:
        low = tok.lower_
        if tok.pos_ != "PRON" or tok.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if low in _PERSONAL:
            ref = _clause_subject(doc, tok, runs, True) or _previous_person(doc, tok, runs)
        elif low in _NONPERSONAL:
            ref = _clause_subject(doc, tok, runs, False)
            if ref is not None and low == "it" and ref.head.kind not in ("country", "capital", "seat", "org",
                                                                         "unknown_org"):
                ref = None
        else:
            continue
        if ref is not None and ref.code:
            out.append((tok, ref))
    return out
