"""Page furniture at the top of a raw news text: headline, dateline, byline, teaser.

Scraped articles often start with a headline, a teaser paragraph cut off with "...", a
date line, the headline again and a byline before the body. ``find_furniture`` reads the
first lines and says where the body starts, so that the body holds each sentence once.
Texts without such furniture are left untouched (body_start 0).

Heuristics, applied line by line from the top (blank lines skipped):
- a line that is only a date or date-time (``parse_dateline``) is the dateline;
- "By Jane Doe", "By Jane Doe and John Roe, Reuters" is a byline;
- a line equal to the title already found is a repeated headline;
- the first short line (at most 25 words) with no final period, comma or colon, not
  opening with a quote mark or a lowercase letter, alone in its paragraph, and followed by
  a real sentence somewhere below, is the title;
- a paragraph ending in "..." or "…" whose text (ellipsis removed) recurs below is a
  teaser;
- anything else starts the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from powderkeg.ingest.dates import parse_dateline

_MAX_HEADER_LINES = 12
_MAX_TITLE_WORDS = 25
_MAX_TITLE_CHARS = 200
_MIN_TEASER_CHARS = 20
_ELLIPSES = ("...", "…")
_OPENING_QUOTES = "\"'“‘«„"
_NOT_NAMES = (
    "the", "this", "that", "then", "now", "late", "early", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday",
)
_BYLINE = re.compile(r"^(?:by|written by)\s+([A-Z][\w.'’-]*)(?:[\s,&|]+[\w.'’-]+){0,10}$", re.IGNORECASE)
_AGENCY = re.compile(
    r"^[A-Z][A-Z.'’ /-]{1,40}(?:,\s*[A-Z][A-Za-z.'’ ]{1,40})?\s*\(([A-Z][A-Za-z&. ]{1,30})\)\s*[-–—]"
)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
_ABBREVIATION_END = re.compile(r"\b(?:[A-Z]\.){2,}$")


@dataclass(frozen=True, slots=True)
class Furniture:
    """What the top of a text told us, and where its body starts (an offset into it)."""

    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    body_start: int = 0


def squash(text: str) -> str:
    """Whitespace (non-breaking spaces included) collapsed to single spaces, trimmed."""
    return " ".join(text.split())


def _lines(text: str) -> list[tuple[int, str]]:
    out, start = [], 0
    for line in text.split("\n"):
        out.append((start, line))
        start += len(line) + 1
    return out


def is_byline(line: str) -> bool:
    match = _BYLINE.match(line)
    if not match or len(line.split()) > 12 or line.endswith((".", ":", ";")):
        return False
    return match.group(1).lower() not in _NOT_NAMES


def is_title_line(line: str) -> bool:
    words = line.split()
    if not 1 <= len(words) <= _MAX_TITLE_WORDS or len(line) > _MAX_TITLE_CHARS:
        return False
    if line[0] in _OPENING_QUOTES or line[0].islower() or not any(ch.isalpha() for ch in line):
        return False
    if line.endswith((",", ";", ":", "-", "–", "—", *_ELLIPSES)):
        return False
    return not line.endswith(".") or bool(_ABBREVIATION_END.search(line))


def _is_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line)) or len(line.split()) > 15


def _block_end(lines: list[tuple[int, str]], i: int) -> int:
    """Index just past the paragraph (run of non-blank lines) starting at line i."""
    j = i
    while j < len(lines) and lines[j][1].strip():
        j += 1
    return j


def _is_teaser(block: str, rest: str) -> bool:
    text = squash(block)
    if not text.endswith(_ELLIPSES):
        return False
    core = text.rstrip(".…").rstrip()
    return len(core) >= _MIN_TEASER_CHARS and core in squash(rest)


def _title_fits(lines: list[tuple[int, str]], i: int) -> bool:
    """Line i is alone in its paragraph (or followed by a dateline/byline) and a real
    sentence follows somewhere below."""
    nxt = lines[i + 1][1].strip() if i + 1 < len(lines) else ""
    if nxt and not (parse_dateline(nxt) or is_byline(nxt)):
        return False
    return any(_is_sentence(line.strip()) for _, line in lines[i + 1:])


def find_furniture(text: str, known_title: str | None = None) -> Furniture:
    """Title, dateline and teaser at the top of ``text``, and the offset of its body."""
    lines = _lines(text)
    title, published = known_title, None
    title_found = False
    i = scanned = consumed = 0
    while i < len(lines) and scanned < _MAX_HEADER_LINES:
        line = lines[i][1].strip()
        if not line:
            i += 1
            continue
        scanned += 1
        if published is None and (date := parse_dateline(line)):
            published = date
        elif is_byline(line) or (title and squash(line).casefold() == squash(title).casefold()):
            pass
        elif title is None and is_title_line(line) and _title_fits(lines, i):
            title, title_found = squash(line), True
        else:
            end = _block_end(lines, i)
            rest = text[lines[end - 1][0] + len(lines[end - 1][1]):]
            if not _is_teaser("\n".join(ln for _, ln in lines[i:end]), rest):
                break
            i, consumed = end, consumed + 1
            continue
        i, consumed = i + 1, consumed + 1
    body_start = lines[i][0] if i < len(lines) else len(text)
    if not consumed or not text[body_start:].strip():
        return Furniture(title=known_title)
    agency = _AGENCY.match(text[body_start:].lstrip())
    return Furniture(
        title=title if (title_found or known_title) else None,
        published=published,
        outlet=agency.group(1).strip() if agency else None,
        body_start=body_start,
    )
