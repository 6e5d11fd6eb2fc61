"""When a statement was made: a date phrase attached to the cue verb, else publication.

"Zelensky said Friday" in an article of Saturday 2024-10-26 -> 2024-10-25. Phrases go to
``powderkeg.events.dates.resolve_date`` (tense "past"); where it gives nothing: weekdays in
reporting refer back (the latest such day on or before publication); "today",
"yesterday", "last week" (the Monday of the week before, precision kept as a day)
and month names ("in June" -> the latest such month) are understood. Anything else
gives the publication date.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december",
)


def resolve_phrase(phrase: str, published: dt.date | None) -> str | None:
    """An ISO date (or year-month, or year) for a short date phrase, relative to
    ``published``: the events stage's resolver (statements are past), else our own rules."""
    if published is None:
        return None
    try:
        from powderkeg.events.dates import resolve_date
    except ImportError:  # the events stage is optional here
        resolve_date = None
    if resolve_date is not None:
        iso, _precision = resolve_date(phrase, published, "past")
        if iso:
            return iso
    words = phrase.lower().replace(",", " ").split()
    for i, w in enumerate(words):
        if w in WEEKDAYS:
            back = (published.weekday() - WEEKDAYS.index(w)) % 7
            return (published - dt.timedelta(days=back)).isoformat()
        if w in ("today", "tonight"):
            return published.isoformat()
        if w == "yesterday":
            return (published - dt.timedelta(days=1)).isoformat()
        if w in MONTHS and not any(c.isdigit() for c in phrase):
            month = MONTHS.index(w) + 1
            year = published.year if month <= published.month else published.year - 1
            return f"{year:04d}-{month:02d}"
        if w == "week" and i > 0 and words[i - 1] == "last":
            monday = published - dt.timedelta(days=published.weekday() + 7)
            return monday.isoformat()
    return None


def _governing_verb(tok: Token) -> Token:
    cur = tok
    for _ in range(8):
        if cur.head.i == cur.i or cur.head.pos_ in {"VERB", "AUX"}:
            return cur.head
        cur = cur.head
    return cur


def _date_tokens(verb: Token) -> list[Token]:
    """Roots of DATE entities in the verb's sentence whose nearest verb above is ``verb``."""
    out: list[Token] = []
    for ent in verb.doc.ents:
        if ent.label_ != "DATE" or not (verb.sent.start <= ent.start < verb.sent.end):
            continue
        if _governing_verb(ent.root).i == verb.i:
            out.append(ent.root)
    out.sort(key=lambda t: abs(t.i - verb.i))
    return out


def statement_date(verb: Token | None, published: dt.date | None) -> str | None:
    """The date of the statement made with ``verb``, else the publication date."""
    if verb is not None:
        for tok in _date_tokens(verb):
            ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
            found = resolve_phrase(ent.text if ent is not None else tok.text, published)
            if found:
                return found
    return published.isoformat() if published else None
