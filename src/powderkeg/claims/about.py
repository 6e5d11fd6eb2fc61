"""What a number counts ("about"), read from the parse after the number expression:
"some 3,000 North Korean soldiers" -> "North Korean soldiers"; "three of whom are
generals" -> "generals"; "$1.5 billion in military aid" -> "military aid"."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_NP_POS = frozenset({"ADJ", "NOUN", "PROPN"})
_STOP_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})
_RELATIVE = frozenset({"whom", "which"})
_PRONOUNS = frozenset({"them", "those", "these", "it", "us", "you", "whom", "which", "theirs"})
_COPULA = frozenset({"be"})
_MONEY_PREPS = frozenset({"in", "of", "for", "worth", "on"})


def first_after(doc: Doc, pos: int) -> Token | None:
    """The first non-space token starting at or after character ``pos``."""
    lo, hi = 0, len(doc)
    while lo < hi:
        mid = (lo + hi) // 2
        if doc[mid].idx < pos:
            lo = mid + 1
        else:
            hi = mid
    while lo < len(doc) and doc[lo].is_space:
        lo += 1
    return doc[lo] if lo < len(doc) else None


def noun_run(tok: Token | None) -> list[Token]:
    """Adjectives and nouns from ``tok`` on, ending on a noun ("North Korean soldiers")."""
    run: list[Token] = []
    doc = tok.doc if tok is not None else None
    while tok is not None and doc is not None:
        glued = tok.text == "-" and run and tok.i + 1 < len(doc)
        if not (tok.pos_ in _NP_POS or glued) or tok.ent_type_ in _STOP_ENTS:
            break
        if run and run[-1].pos_ == "NOUN" and tok.pos_ == "PROPN":
            break
        run.append(tok)
        tok = tok.nbor(1) if tok.i + 1 < len(doc) else None
    while run and run[-1].pos_ not in {"NOUN", "PROPN"}:
        run.pop()
    return run


def _skip_det(tok: Token | None) -> Token | None:
    while tok is not None and tok.pos_ in {"DET", "PRON"} and tok.dep_ in {"det", "poss"} and tok.i + 1 < len(tok.doc):
        tok = tok.nbor(1)
    return tok


def _after_copula(tok: Token) -> list[Token]:
    """After "of whom/which": the noun after the next copula ("are generals")."""
    doc = tok.doc
    for t in doc[tok.i + 1 : min(len(doc), tok.i + 6)]:
        if t.lemma_ in _COPULA:
            return noun_run(_skip_det(t.nbor(1) if t.i + 1 < len(doc) else None))
    return []


def about_tokens(doc: Doc, end: int, money: bool) -> list[Token]:
    """The tokens of what is counted by a number expression ending at character ``end``."""
    tok = first_after(doc, end)
    if tok is None:
        return []
    nxt = tok.nbor(1) if tok.i + 1 < len(doc) else None
    if tok.lower_ == "of" and nxt is not None:
        if nxt.lower_ in _RELATIVE:
            return _after_copula(nxt)
        if nxt.lower_ in _PRONOUNS:
            return []
        return noun_run(_skip_det(nxt))
    if money and tok.lower_ in _MONEY_PREPS and nxt is not None:
        return noun_run(_skip_det(nxt))
    return noun_run(tok)
