"""What happened to what a number counts: its **measure**, read from the clause around it.

"3,000 soldiers were training at Russian bases", "sending upward of 10,000 soldiers" and
"12,000 soldiers were in Russia" all count soldiers *present or deployed*; "100 soldiers
were killed" counts *casualties*, "two soldiers were captured" *captured*, "an army of 1.2
million" the *total size*. Claims are only compared (grouped, flagged as disagreeing) when
they count the same thing with the same measure.

Plain text, no parse, so the finder (with offsets) and the report (with a claim record's
evidence sentence and ``about``) read a number the same way:

    measure_of("About 100 soldiers were killed and 1,000 wounded.", 6, 20)   # "casualties"

The cue nearest the counted noun phrase in its clause wins; a cue inside the phrase itself
("3,000 casualties", "two prisoners of war") wins outright. No cue: ``"count"``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

#: Measure -> word patterns (regular expressions matched on whole words, lower case).
MEASURES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "casualties": (
            r"kill(?:ed|ing|s)?",
            r"dead",
            r"deaths?",
            r"died",
            r"dies?",
            r"dying",
            r"wound(?:ed|s)?",
            r"injur(?:ed|ies|y)",
            r"casualt(?:y|ies)",
            r"loss(?:es)?",
            r"lost",
            r"fatalit(?:y|ies)",
            r"bodies",
            r"perish(?:ed)?",
            r"slain",
            r"eliminated",
        ),
        "captured": (
            r"captur(?:e|ed|ing)",
            r"prisoners?",
            r"pows?",
            r"surrender(?:ed|s)?",
            r"detain(?:ed)?",
            r"defect(?:ed|ors?)?",
            r"taken prisoner",
        ),
        "deployed": (
            r"deploy(?:ed|ing|s|ment)?",
            r"sen[dt](?:ing|s)?",
            r"dispatch(?:ed|ing)?",
            r"station(?:ed)?",
            r"train(?:ed|ing|s)?",
            r"arriv(?:e|ed|ing|al)",
            r"transfer(?:red|ring)?",
            r"ship(?:ped|ping)?",
            r"fight(?:ing|s)?",
            r"fought",
            r"mobili[sz](?:e|ed|ing)",
            r"moved?",
            r"join(?:ed|ing)?",
            r"presence",
            r"present",
            r"reinforcements?",
            r"troops? to",
            r"in (?:russia|ukraine|the region)",
            r"(?:are|is|was|were|been|remain(?:ed|s)?) (?:now |already |currently )?(?:in|inside|on|at)",
        ),
        "total": (
            r"army",
            r"armed forces",
            r"strong",
            r"standing",
            r"active[- ]duty",
            r"total",
            r"in all",
            r"population",
            r"reservists?",
        ),
    }
)
NO_MEASURE = "count"

_PATTERNS = tuple(
    (name, re.compile(r"\b(?:" + "|".join(words) + r")\b", re.IGNORECASE)) for name, words in MEASURES.items()
)
_CLAUSE_BREAK = re.compile(
    r"[;:()\u2014]|\s(?:and|while|but|whereas|including|after|before|as)\s|,\s(?:who|which)\s", re.IGNORECASE
)


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end): bounded by ; : ( ) dashes and joining words."""
    left, right = 0, len(text)
    for m in _CLAUSE_BREAK.finditer(text):
        if m.end() <= start:
            left = m.end()
        elif m.start() >= end:
            right = m.start()
            break
    return left, right


def measure_of(text: str, start: int, end: int, about: str | None = None) -> str:
    """The measure of the number whose counted phrase spans ``text[start:end]``."""
    if about:
        inside = [name for name, pat in _PATTERNS if pat.search(about)]
        if inside:
            return inside[0]
    if not text:
        return NO_MEASURE
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    left, right = _clause(text, start, end)
    best: tuple[int, int, str] | None = None
    for rank, (name, pat) in enumerate(_PATTERNS):
        for m in pat.finditer(text, left, right):
            inside = start <= m.start() < end
            distance = 0 if inside else max(0, m.start() - end if m.start() >= end else start - m.end())
            candidate = (distance, rank, name)
            if best is None or candidate < best:
                best = candidate
    return best[2] if best else NO_MEASURE


def measure_of_record(claim: Mapping[str, object]) -> str:
    """The measure of a claim record (``to_dict()`` shape), from its evidence sentence and
    ``about``: the phrase is looked up in the sentence (first occurrence)."""
    evidence = claim.get("evidence") or {}
    sentence = str(evidence.get("text") or "") if isinstance(evidence, Mapping) else ""
    about = str(claim.get("about") or "")
    pos = sentence.lower().find(about.lower()) if about else -1
    if pos < 0:
        return measure_of(sentence, 0, 0, about) if about else measure_of(sentence, 0, len(sentence))
    return measure_of(sentence, pos, pos + len(about), about)
