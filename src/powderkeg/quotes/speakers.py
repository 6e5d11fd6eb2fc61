"""Who says it: the subject of a cue verb as a resolved actor, with title and full name.

The speaker is built from the actor mentions the actors stage resolved (``ctx.actors``);
where none covers the subject, an ``Actor`` is made from the text (code None). Surnames
("Kazianis") take the full name ("Harry Kazianis") and the code of an earlier mention;
pronouns ("he said") resolve to the nearest earlier speaker or person in subject position.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

from powderkeg.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from powderkeg.context import DocContext

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"they", "we"})
_TITLE_TRIM = " ,;:-—–\u00a0\n\t"


@dataclass(frozen=True, slots=True)
class Speaker:
    actor: Actor
    title: str | None
    person: bool


def subject_of(verb: Token) -> Token | None:
    """The subject of ``verb``, inherited through conj/advcl/xcomp chains ("..., adding")."""
    tok: Token | None = verb
    for _ in range(4):
        if tok is None:
            return None
        for child in tok.children:
            if child.dep_ in SUBJECT_DEPS:
                return child
        if tok.dep_ in {"conj", "advcl", "xcomp", "pcomp"} and tok.head.i != tok.i:
            tok = tok.head
        else:
            return None
    return None


def _entity_span(tok: Token) -> tuple[int, int] | None:
    if tok.ent_type_:
        for ent in tok.doc.ents:
            if ent.start <= tok.i < ent.end:
                return ent.start, ent.end
    return None


def name_span(head: Token, titles: frozenset[str] = frozenset()) -> tuple[int, int]:
    """Token range of the name part of a subject: its entity, or compound chain, or NP."""
    ent = _entity_span(head)
    if ent is not None and head.ent_type_ != "PERSON":
        return ent
    if head.pos_ == "PROPN":
        doc, start = head.doc, head.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ in {"compound", "flat"} \
                and doc[start - 1].lower_ not in titles:
            start -= 1
        if ent is not None:
            start = min(start, ent[0]) if doc[ent[0]].lower_ not in titles else start
        return start, head.i + 1
    if ent is not None:
        return ent
    left = [t.i for t in head.lefts if t.dep_ not in {"punct", "cc"} and t.i < head.i]
    start = min([head.i, *[min(t.i for t in head.doc[i].subtree) for i in left]])
    return start, head.i + 1


def title_of(head: Token, span: tuple[int, int]) -> str | None:
    """An appositive ("Harry Kazianis, the senior director of ...") or the words before
    the name in its noun phrase ("White House national security spokesperson")."""
    doc = head.doc
    for child in head.rights:
        if child.dep_ == "appos":
            toks = list(child.subtree)
            text = doc[toks[0].i : toks[-1].i + 1].text.strip(_TITLE_TRIM)
            return text or None
    pre = [t for t in head.lefts if t.i < span[0] and t.dep_ in {"compound", "amod", "nmod"}]
    if pre and _is_person_token(head):
        start = min(min(t.i for t in p.subtree) for p in pre)
        text = doc[start : span[0]].text.strip(_TITLE_TRIM)
        if text and any(t.pos_ in {"NOUN", "PROPN"} for t in doc[start : span[0]]):
            return text
    return None


def _is_person_token(tok: Token) -> bool:
    """A person's name: the token, or a compound part of it, is tagged PERSON."""
    if tok.ent_type_ == "PERSON":
        return True
    return tok.pos_ == "PROPN" and any(c.ent_type_ == "PERSON" for c in tok.lefts if c.dep_ == "compound")


def _full_names(ctx: DocContext) -> dict[str, tuple[str, Actor | None]]:
    """Surname -> (full name, an actor mention of it), from multi-word PERSON entities."""
    out: dict[str, tuple[str, Actor | None]] = {}
    for ent in ctx.doc.ents:
        if ent.label_ != "PERSON" or len(ent) < 2:
            continue
        full = ent.text.strip()
        actor = ctx.actor_at(ent.start_char, ent.end_char)
        last = ent[-1].text
        if last not in out or (out[last][1] is None or out[last][1].code is None):
            out.setdefault(last, (full, actor))
            if actor is not None and actor.code and (out[last][1] is None or out[last][1].code is None):
                out[last] = (full, actor)
    return out


def complete(actor: Actor, ctx: DocContext, names: dict[str, tuple[str, Actor | None]]) -> Actor:
    """Fill name (and code/sector where missing) from the full-name mention of a surname."""
    key = actor.text.split()[-1] if actor.text.split() else actor.text
    full, other = names.get(key, (None, None))
    name = actor.name
    if name is None or (full and name == actor.text and len(full) > len(name)):
        name = full or actor.text
    code, sector = actor.code, actor.sector
    if other is not None and code is None:
        code, sector = other.code, other.sector
    return dataclasses.replace(actor, name=name, code=code, sector=sector)


def _mention(ctx: DocContext, head: Token, span: Span) -> Actor:
    """The resolved actor mention for a subject: the one on its name, else one inside the
    subject's phrase, else a new Actor from the name's text (code None)."""
    lo, hi = span.start_char, span.end_char
    on_name = [a for a in ctx.actors if a.start < hi and lo < a.end]
    if on_name:
        actor = max(on_name, key=lambda a: (a.start <= head.idx < a.end, a.end - a.start))
        if lo <= actor.start and actor.end <= hi and (actor.start, actor.end) != (lo, hi):
            actor = dataclasses.replace(actor, text=span.text, start=lo, end=hi)
        return actor
    sub = list(head.subtree)
    slo, shi = sub[0].idx, sub[-1].idx + len(sub[-1].text)
    inside = next((a for a in ctx.actors if slo <= a.start and a.end <= shi), None)
    if inside is not None:
        return inside
    return Actor(text=span.text, start=lo, end=hi)


def actor_for(ctx: DocContext, head: Token, names: dict | None = None,
              titles: frozenset[str] = frozenset()) -> Speaker:
    """The speaker actor for a subject head token."""
    names = names if names is not None else _full_names(ctx)
    appos = next((c for c in head.rights if c.dep_ == "appos" and _is_person_token(c)), None)
    if appos is not None and head.pos_ == "NOUN" and not _is_person_token(head):
        lo = min(t.i for t in head.subtree)
        title = ctx.doc[lo : head.i + 1].text.strip(_TITLE_TRIM) or None
        inner = actor_for(ctx, appos, names, titles)
        return Speaker(actor=inner.actor, title=inner.title or title, person=True)
    s, e = name_span(head, titles)
    actor = _mention(ctx, head, ctx.doc[s:e])
    person = _is_person_token(head) or head.text in names
    return Speaker(actor=complete(actor, ctx, names), title=title_of(head, (s, e)), person=person)


def is_pronoun(tok: Token) -> bool:
    return tok.lower_ in PERSON_PRONOUNS or tok.lower_ in GROUP_PRONOUNS


def _outside(pos: int, blocked: list[tuple[int, int]]) -> bool:
    return not any(s <= pos < e for s, e in blocked)


def resolve_pronoun(
    ctx: DocContext,
    tok: Token,
    history: list[tuple[int, Speaker]],
    blocked: list[tuple[int, int]],
    window: int = 1500,
    titles: frozenset[str] = frozenset(),
) -> Speaker | None:
    """The nearest earlier speaker, or person (for he/she) in subject position, before ``tok``."""
    want_person = tok.lower_ in PERSON_PRONOUNS
    names = _full_names(ctx)
    best: tuple[int, Speaker] | None = None
    for pos, spk in history:
        if pos < tok.idx and spk.person == want_person and (best is None or pos > best[0]):
            best = (pos, spk)
    lo = max(0, tok.idx - window)
    for cand in ctx.doc.char_span(lo, tok.idx, alignment_mode="contract") or []:
        if cand.dep_ not in SUBJECT_DEPS or not _outside(cand.idx, blocked):
            continue
        person = _is_person_token(cand) or cand.text in names
        if person != want_person or (not person and cand.pos_ == "PRON"):
            continue
        if not person and not (cand.pos_ == "PROPN" or cand.ent_type_):
            continue
        if best is None or cand.idx > best[0]:
            best = (cand.idx, actor_for(ctx, cand, names, titles))
    return best[1] if best else None


def sentence_of(ctx: DocContext, pos: int) -> Span | None:
    tok = ctx.doc.char_span(pos, pos + 1, alignment_mode="expand")
    return tok.sent if tok is not None and len(tok) else None
