"""Publication dates: datelines in raw text ("Oct 26, 2024 - 08:00") and stated dates in
JSON, feeds and web pages, all normalised to ISO 8601 ("2024-10-26", "2024-10-26T08:00").
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

#: Words that often lead a dateline: "Published: ...", "Updated ...".
_LEAD = re.compile(
    r"^\s*(?:(?:first\s+)?published|last\s+updated|updated|posted|date|dated)\s*(?:on|at)?\s*[:\-–—]?\s*",
    re.IGNORECASE,
)
_TIME = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d{1,2}\s*[ap]\.?m\b", re.IGNORECASE)
_MAX_DATELINE_CHARS = 80
_MAX_DATELINE_WORDS = 12
_DATEPARSER_SETTINGS: Mapping[str, Any] = MappingProxyType({
    "STRICT_PARSING": True,
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
    "PREFER_DATES_FROM": "past",
})


def iso(value: dt.datetime | dt.date, with_time: bool = True) -> str:
    """ISO 8601 text: a date, or a date-time to the minute (seconds only when not zero)."""
    if not isinstance(value, dt.datetime):
        return value.isoformat()
    if not with_time:
        return value.date().isoformat()
    return value.isoformat(timespec="seconds" if value.second else "minutes")


def _dateparser(text: str) -> dt.datetime | None:
    import dateparser

    try:
        return dateparser.parse(text, languages=["en"], settings=dict(_DATEPARSER_SETTINGS))
    except (ValueError, OverflowError, TypeError):
        return None


def parse_dateline(line: str) -> str | None:
    """The ISO date (with time where the line gives one) of a line that is only a date.

    A dateline is short, holds a digit and a year-like number, and parses as a full date
    (day, month and year) once a lead word such as "Published:" or "Updated" is removed.
    Sentences that merely mention a date are not datelines.
    """
    text = " ".join(line.replace("\u00a0", " ").split())
    if not text or len(text) > _MAX_DATELINE_CHARS or len(text.split()) > _MAX_DATELINE_WORDS:
        return None
    if not re.search(r"\d", text):
        return None
    if text.endswith((".", "!", "?")) and not text.lower().endswith(("a.m.", "p.m.")):
        return None
    text = _LEAD.sub("", text)
    for part in [text, *re.split(r"\s*[|·•]\s*", text)]:
        if not re.search(r"\b(1[89]|20)\d\d\b|\b\d{1,2}/\d{1,2}/\d{2}\b", part):
            continue
        parsed = _dateparser(part)
        if parsed is not None:
            return iso(parsed, with_time=bool(_TIME.search(part)))
    return None


def normalise_published(value: object) -> str | None:
    """A stated publication date as ISO 8601 text, or None where it cannot be read.

    ISO input is kept as written (a date stays a date; a time zone stays); RFC 822 dates
    (feeds, e-mail) and free text ("26 October 2024") are converted.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime | dt.date):
        return iso(value)
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if _is_iso(text):
        return text
    try:
        return iso(email.utils.parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    parsed = _dateparser(text) if len(text) <= 100 else None
    return iso(parsed, with_time=bool(_TIME.search(text))) if parsed else None


def _is_iso(text: str) -> bool:
    candidate = text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text
    try:
        if len(candidate) == 10:
            dt.date.fromisoformat(candidate)
        else:
            dt.datetime.fromisoformat(candidate)
    except ValueError:
        return False
    return True
