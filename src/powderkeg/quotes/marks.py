"""Direct quotes by their marks: pure text, no parse, never crashes on unbalanced marks.

    spans = find_marked(text, max_chars=2000)

A quote opens at an opening mark (``“``, ``„``, ``«``, or a straight ``"`` with no word
character just before it) and closes at the next closing mark (``”``, ``»``, or a
straight ``"`` after a non-space). Marks inside a quote that open and close again are
nested quotes (``“He said “no” twice”``) and stay inside the outer one. A quote that
does not close ends at its paragraph's end, or after ``max_chars`` at the last sentence
end before that, so one stray mark never swallows the rest of an article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = "“„«‟"
CLOSERS = "”»"
STRAIGHT = '"'
ALL_MARKS = OPENERS + CLOSERS + STRAIGHT
_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")
_SENTENCE_END = re.compile(r"[.!?…](?=\s|$)")


@dataclass(frozen=True, slots=True)
class Marked:
    """One quote found by its marks: ``start``/``end`` bound the words, without marks."""

    start: int
    end: int
    open_at: int  # offset of the opening mark
    close_at: int | None  # offset of the closing mark, None when it never closed
    paragraph: int  # index of the paragraph the quote opens in


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: split at blank lines, or at single newlines when the text has none."""
    splitter = _BLANK_LINE if _BLANK_LINE.search(text) else re.compile(r"\n")
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in splitter.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _is_opening(text: str, i: int) -> bool:
    ch = text[i]
    if ch in OPENERS:
        return True
    if ch in CLOSERS:
        return False
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace() or before in "([{—–-:;,/" or i == 0:
        return not after.isspace()
    return False


def _is_closing(text: str, i: int) -> bool:
    ch = text[i]
    if ch in CLOSERS:
        return True
    if ch in OPENERS:
        return False
    before = text[i - 1] if i > 0 else " "
    return not before.isspace()


def _cut_unclosed(text: str, start: int, para_end: int, max_chars: int) -> int:
    """Where an unclosed quote opened at ``start`` ends."""
    end = para_end
    if end - start > max_chars:
        limit = start + max_chars
        ends = [m.end() for m in _SENTENCE_END.finditer(text, start, limit)]
        end = ends[-1] if ends else limit
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _scan_paragraph(text: str, pstart: int, pend: int, index: int, max_chars: int) -> list[Marked]:
    out: list[Marked] = []
    open_at: int | None = None
    depth = 0
    i = pstart
    while i < pend:
        ch = text[i]
        if ch in ALL_MARKS:
            if open_at is None:
                if _is_opening(text, i):
                    open_at, depth = i, 0
            elif depth > 0 and _is_closing(text, i):
                depth -= 1
            elif _is_opening(text, i) and not _is_closing(text, i):
                depth += 1
            elif _is_closing(text, i):
                out.append(Marked(start=open_at + 1, end=i, open_at=open_at, close_at=i, paragraph=index))
                open_at = None
        if open_at is not None and i - open_at > max_chars:
            end = _cut_unclosed(text, open_at + 1, pend, max_chars)
            out.append(Marked(start=open_at + 1, end=end, open_at=open_at, close_at=None, paragraph=index))
            open_at, i = None, max(end, i)
        i += 1
    if open_at is not None:
        end = _cut_unclosed(text, open_at + 1, pend, max_chars)
        out.append(Marked(start=open_at + 1, end=end, open_at=open_at, close_at=None, paragraph=index))
    return out


def find_marked(text: str, max_chars: int = 2000) -> list[Marked]:
    """Every quote in double marks, in text order; empty quotes are dropped."""
    out: list[Marked] = []
    for index, (pstart, pend) in enumerate(paragraphs(text)):
        for q in _scan_paragraph(text, pstart, pend, index, max_chars):
            s, e = q.start, q.end
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                out.append(Marked(start=s, end=e, open_at=q.open_at, close_at=q.close_at, paragraph=index))
    return out
