"""Grouping claims about the same thing within an article, so that disagreement shows:
3,000 (USA), upward of 10,000 (Ukraine) and about 12,000 (Kyiv) "North Korean soldiers"
share one group; "500 officers" does not.

Two claims are about the same thing when their unit matches, their head nouns map to
the same key (lemma, through the lexicon's synonyms: troops = soldiers), they have the
same measure (``measure.py``: deployed, casualties, captured, total size, or a plain
count; 10,000 soldiers sent and 3,000 soldiers killed are not one group), and their
modifiers are compatible: one set contains the other ("soldiers" / "North Korean
soldiers"). A claim whose modifiers fit more than one incompatible group stays alone.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from powderkeg.records import stable_id


@dataclass(frozen=True, slots=True)
class Topic:
    key: str  # normalised head noun
    unit: str | None
    modifiers: frozenset[str]
    measure: str = "count"


def topic_of(
    tokens: list, synonyms: dict[str, str], unit: str | None, measure: str = "count"
) -> Topic | None:
    """The grouping topic for the tokens of a claim's ``about``."""
    if not tokens:
        return None
    head = tokens[-1]
    lemma = (head.lemma_ or head.text).lower()
    two = f"{tokens[-2].lemma_.lower()} {lemma}" if len(tokens) > 1 else ""
    key = synonyms.get(two) or synonyms.get(lemma) or synonyms.get(head.lower_) or lemma
    mods = frozenset(t.lemma_.lower() for t in tokens[:-1] if t.is_alpha)
    return Topic(key=key, unit=unit, modifiers=mods, measure=measure)


def _assign(members: list[tuple[int, frozenset[str]]]) -> dict[int, int]:
    """Index -> representative index, within one (key, unit)."""
    maximal = [m for _, m in members if not any(m < o for _, o in members)]
    maximal = list(dict.fromkeys(maximal))
    rep: dict[int, int] = {}
    first: dict[frozenset[str], int] = {}
    for idx, mods in members:
        fits = [m for m in maximal if mods <= m]
        target = fits[0] if len(fits) == 1 else mods
        rep[idx] = first.setdefault(target, idx)
    return rep


def group_ids(article_id: str, topics: list[Topic | None], claim_ids: list[str]) -> list[str | None]:
    """A deterministic group id per claim (None where the claim has no topic)."""
    by_key: dict[tuple[str, str | None, str], list[tuple[int, frozenset[str]]]] = defaultdict(list)
    for i, t in enumerate(topics):
        if t is not None:
            by_key[(t.key, t.unit, t.measure)].append((i, t.modifiers))
    out: list[str | None] = [None] * len(topics)
    for (key, unit, measure), members in by_key.items():
        for idx, rep in _assign(members).items():
            out[idx] = stable_id(article_id, key, unit or "", measure, claim_ids[rep], prefix="g-")
    return out
