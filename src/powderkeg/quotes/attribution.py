"""Finding the cue and subject of a quote: in the words around its marks, or in a
reporting clause ("X said (that) ...", "according to X, ...") for indirect quotes."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from powderkeg.quotes.lexicon import CueLexicon
from powderkeg.quotes.marks import Marked
from powderkeg.quotes.speakers import subject_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_SENT_END = re.compile(r"[.!?][\"”’)]*\s")
_SKIP_SUBJECTS = frozenset({"it", "this", "that", "there", "what", "which", "one"})
_NAME_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


@dataclass(frozen=True, slots=True)
class Found:
    """An attributed span: the words, whether in marks, the cue and its subject."""

    start: int
    end: int
    direct: bool
    verb: Token | None
    subject: Token | None
    cue: str | None
    paragraph: int = -1
    closed_end: bool = True  # for direct quotes: the text before the closing mark ends a sentence


#: How far (characters) from a quote its cue is looked for: bounds the work per quote, so
#: a text of thousands of quotes in one endless sentence stays linear.
_MAX_CONTEXT = 2000


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``pos`` is inside one of ``spans`` (sorted by start, not overlapping: the
    quote spans of ``find_marked``)."""
    k = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


def _tokens(doc: Doc, start: int, end: int, blocked: list[tuple[int, int]]) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand") if end > start else None
    if span is None:
        return []
    return [t for t in span if start <= t.idx < end and not _inside(t.idx, blocked)]


def _according(tok: Token) -> Token | None:
    if tok.lower_ != "according":
        return None
    for to in tok.children:
        if to.lower_ == "to":
            return next((c for c in to.children if c.dep_ == "pobj"), None)
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ == "to":
        return next((c for c in nxt.children if c.dep_ == "pobj"), None)
    return None


def _subject(verb: Token, window: list[Token]) -> Token | None:
    subj = subject_of(verb)
    if subj is not None and subj.lower_ in {"who", "that"} and verb.dep_ == "relcl":
        subj = verb.head
    if subj is not None and subj.lower_ not in _SKIP_SUBJECTS:
        return subj
    names = [t for t in window if t.ent_type_ in _NAME_ENTS and t.i != verb.i]
    if names:
        return min(names, key=lambda t: abs(t.i - verb.i))
    return None


def cue_in(
    lex: CueLexicon,
    tokens: list[Token],
    last: bool,
    allow_weak: bool = True,
) -> tuple[Token, Token, str] | None:
    """(cue token, subject token, cue lemma) of the first/last cue with a subject."""
    order = list(reversed(tokens)) if last else tokens
    for tok in order:
        pobj = _according(tok)
        if pobj is not None:
            return tok, pobj, "according to"
        lemma = tok.lemma_.lower()
        if tok.pos_ not in {"VERB", "AUX"} or not lex.is_cue(lemma):
            continue
        if not allow_weak and lemma in lex.weak_verbs:
            continue
        subj = _subject(tok, tokens)
        if subj is not None:
            return tok, subj, lemma
    return None


def _is_boundary(text: str, dot: int, abbreviations: frozenset[str]) -> bool:
    """Whether the mark at ``dot`` ends a sentence (not "U.S.", "Mr.", "J.")."""
    if text[dot] != ".":
        return True
    ws = dot
    while ws > 0 and not text[ws - 1].isspace():
        ws -= 1
    word = text[ws:dot].lstrip("(\"“'‘")
    if "." in word or word.lower() in abbreviations:
        return False
    return not (len(word) == 1 and word.isupper())


def sentence_ends(text: str, lo: int, hi: int, abbreviations: frozenset[str] = frozenset()) -> list[int]:
    """Offsets just after each sentence end in text[lo:hi]."""
    return [m.end() for m in _SENT_END.finditer(text, lo, hi) if _is_boundary(text, m.start(), abbreviations)]


def sentence_start(text: str, floor: int, pos: int, abbreviations: frozenset[str] = frozenset()) -> int:
    """Start of the sentence holding ``pos``, not before ``floor`` (the paragraph start)."""
    ends = sentence_ends(text, floor, pos, abbreviations)
    return ends[-1] if ends else floor


def sentence_end(text: str, pos: int, ceiling: int, abbreviations: frozenset[str] = frozenset()) -> int:
    ends = sentence_ends(text, pos, ceiling, abbreviations)
    return ends[0] if ends else ceiling


def attribute_marked(
    doc: Doc,
    lex: CueLexicon,
    q: Marked,
    para: tuple[int, int],
    next_open: int | None,
    blocked: list[tuple[int, int]],
    text: str | None = None,
) -> Found:
    """The cue of one marked quote: right after it, else earlier in its sentence.
    ``text`` is ``doc.text`` (pass it: building it costs a walk over the whole doc)."""
    text = doc.text if text is None else text
    ends_sentence = bool(re.search(r"[.!?…]\W*$", text[q.start : q.end]))
    if q.close_at is not None:
        stop = min(next_open if next_open is not None else para[1], para[1], q.close_at + 1 + _MAX_CONTEXT)
        stop = sentence_end(text, q.close_at + 1, stop, lex.abbreviations)
        after = _tokens(doc, q.close_at + 1, stop, blocked)
        if ends_sentence:
            after = after[:4]
        hit = cue_in(lex, after, last=False, allow_weak=False)
        if hit is not None:
            return Found(start=q.start, end=q.end, direct=True, verb=hit[0], subject=hit[1],
                         cue=hit[2], paragraph=q.paragraph, closed_end=ends_sentence)
    begin = sentence_start(text, max(para[0], q.open_at - _MAX_CONTEXT), q.open_at, lex.abbreviations)
    before = _tokens(doc, begin, q.open_at, blocked)
    hit = cue_in(lex, before, last=True)
    if hit is not None:
        return Found(start=q.start, end=q.end, direct=True, verb=hit[0], subject=hit[1],
                     cue=hit[2], paragraph=q.paragraph, closed_end=ends_sentence)
    return Found(start=q.start, end=q.end, direct=True, verb=None, subject=None, cue=None,
                 paragraph=q.paragraph, closed_end=ends_sentence)


def sentence_has_cue(doc: Doc, lex: CueLexicon, start: int, end: int, blocked: list[tuple[int, int]]) -> bool:
    """Whether the sentence(s) around [start, end) hold a speech cue outside quote marks."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    lo = max(span[0].sent.start_char, start - _MAX_CONTEXT)
    hi = min(span[-1].sent.end_char, end + _MAX_CONTEXT)
    return cue_in(lex, _tokens(doc, lo, hi, blocked), last=False) is not None
