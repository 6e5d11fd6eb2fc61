"""Indirect (reported) speech: "Zelensky said Moscow plans to ...", "X told reporters
that ...", "according to X, ...". The content is the reported clause, without "that"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from powderkeg.quotes.attribution import Found, _according, _inside, _subject
from powderkeg.quotes.lexicon import CueLexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_TRIM_DEPS = frozenset({"mark", "punct", "cc"})


def _clause_bounds(tokens: list[Token]) -> tuple[int, int] | None:
    toks = sorted(tokens, key=lambda t: t.i)
    while toks and (toks[0].dep_ in _TRIM_DEPS or toks[0].is_punct):
        toks = toks[1:]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    if len(toks) < 2:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def _from_verb(lex: CueLexicon, verb: Token, blocked: list[tuple[int, int]]) -> Found | None:
    if verb.pos_ not in {"VERB", "AUX"} or not lex.is_cue(verb.lemma_.lower()):
        return None
    if _inside(verb.idx, blocked) or any(c.dep_ == "neg" for c in verb.children):
        return None
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if clause is None:
        return None
    bounds = _clause_bounds(list(clause.subtree))
    if bounds is None or _overlaps(bounds, blocked):
        return None
    subj = _subject(verb, list(verb.sent))
    if subj is None or (subj.i > clause.i and subj.i < clause.right_edge.i):
        return None
    return Found(start=bounds[0], end=bounds[1], direct=False, verb=verb, subject=subj,
                 cue=verb.lemma_.lower())


def _from_according(tok: Token, sent: Span, blocked: list[tuple[int, int]]) -> Found | None:
    pobj = _according(tok)
    if pobj is None or _inside(tok.idx, blocked):
        return None
    phrase = list(tok.subtree)
    lo, hi = phrase[0].i, phrase[-1].i
    rest = [t for t in sent if t.i < lo or t.i > hi]
    bounds = _clause_bounds(rest)
    if bounds is None or _overlaps(bounds, blocked):
        return None
    return Found(start=bounds[0], end=bounds[1], direct=False, verb=tok, subject=pobj,
                 cue="according to")


def find_indirect(doc: Doc, lex: CueLexicon, blocked: list[tuple[int, int]]) -> list[Found]:
    """Every reported clause outside quote marks, in text order."""
    out: list[Found] = []
    for sent in doc.sents:
        for tok in sent:
            found = _from_according(tok, sent, blocked) or _from_verb(lex, tok, blocked)
            if found is not None:
                out.append(found)
    return out
