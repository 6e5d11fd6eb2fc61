"""When two event mentions may be the same real-world event: gates, wording, agreements.

Two mentions are *compatible* when every gate passes (same factuality class, quad and
compatible types, overlapping actors, dates within a window, no conflicting places).
Compatible mentions *match* when their wording is similar enough, or when they agree on
enough specifics including the place. ``IncidentParams`` holds every threshold.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from powderkeg.analysis.corpus import Corpus, actor_codes, date_interval, interval_gap

#: Types that news reports of one event often code differently (same quad only).
DEFAULT_COMPATIBLE_TYPES: tuple[frozenset[str], ...] = (
    frozenset({"ASSAULT", "COERCE"}),
    frozenset({"ASSAULT", "MOBILIZE"}),
    frozenset({"ACCUSE", "REJECT"}),
    frozenset({"ACCUSE", "THREATEN"}),
    frozenset({"AGREE", "SUPPORT"}),
    frozenset({"CONSULT", "AGREE"}),
    frozenset({"COOPERATE", "AID"}),
)
#: Types whose source and target may swap between reports ("A and B exchanged fire").
DEFAULT_SYMMETRIC_TYPES: frozenset[str] = frozenset({"ASSAULT", "CONSULT", "COOPERATE", "AGREE"})
_STOP_WORDS = (
    "a an the and or but of in on at to for from by with as is are was were be been has have "
    "had it its this that these those their there they he she his her we our said says say "
    "according after before into over under about than also not no who which when where while"
)
_STOP = frozenset(_STOP_WORDS.split())
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True, slots=True, kw_only=True)
class IncidentParams:
    """Thresholds of consolidation (defaults measured in ``bench/bench_consolidation.py``).

    - ``date_window_days``: most days between the date intervals of two mentions (1).
    - ``report_lag_days``: an undated mention happened at most this many days before its
      article's publication (3).
    - ``min_similarity``: wording similarity (0..1) that, with the gates, merges (0.4).
    - ``min_agreements``: or this many of {same day, same place, same source set, same
      target set, same mode}, the place among them, merges (4).
    - ``place_required``: the specifics path needs the place among the agreements (True);
      without it, same-day reports of the same actors and mode merge even when one names
      no place.
    - ``place_min_ratio``: rapidfuzz token-set ratio (0..100) from which two place names
      are the same place (85).
    - ``match_types``: "exact" (same type), "compatible" (same type or a pair in
      ``compatible_types``) or "quad" (any types of one quad).
    """

    date_window_days: int = 1
    report_lag_days: int = 3
    min_similarity: float = 0.4
    min_agreements: int = 4
    place_required: bool = True
    place_min_ratio: float = 85.0
    match_types: str = "compatible"
    compatible_types: tuple[frozenset[str], ...] = DEFAULT_COMPATIBLE_TYPES
    symmetric_types: frozenset[str] = DEFAULT_SYMMETRIC_TYPES

    def __post_init__(self) -> None:
        if self.match_types not in ("exact", "compatible", "quad"):
            raise ValueError(f"match_types={self.match_types!r}; use exact, compatible or quad")
        if not 0.0 <= self.min_similarity <= 1.0:
            raise ValueError(f"min_similarity={self.min_similarity} must lie in 0..1")


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """One event record with what matching needs, computed once."""

    event: Mapping[str, Any] = field(repr=False)
    id: str
    article_id: str
    published: dt.date | None
    outlet: str
    interval: tuple[dt.date, dt.date] | None
    day: dt.date | None  # the date when it is day-precise
    source: frozenset[str]
    target: frozenset[str]
    place: str
    place_country: str
    words: str  # content words of evidence and trigger, sorted, space-joined
    tokens: frozenset[str]

    @property
    def type(self) -> str:
        return str(self.event.get("type") or "")

    @property
    def quad(self) -> str:
        return str(self.event.get("quad") or "")


def _content(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.casefold()) if w not in _STOP and (len(w) > 2 or w.isdigit())]


def mention(event: Mapping[str, Any], corpus: Corpus, params: IncidentParams) -> Mention:
    article_id = str(event.get("article_id") or "")
    published = corpus.published(article_id)
    interval = date_interval(event.get("date"), event.get("date_precision"))
    if interval is None and published is not None:
        interval = (published - dt.timedelta(days=params.report_lag_days), published)
    precise = event.get("date") and (event.get("date_precision") in (None, "day")) and interval
    location = event.get("location") or {}
    evidence = (event.get("evidence") or {}).get("text") or ""
    trigger = (event.get("trigger") or {}).get("text") or ""
    words = _content(f"{evidence} {trigger}")
    return Mention(
        event=event,
        id=str(event.get("id")),
        article_id=article_id,
        published=published,
        outlet=corpus.outlet(article_id),
        interval=interval,
        day=interval[0] if precise and interval[0] == interval[1] else None,
        source=frozenset(actor_codes(event.get("source"))),
        target=frozenset(actor_codes(event.get("target"))),
        place=" ".join(_content(location.get("text") or "")),
        place_country=str(location.get("country") or ""),
        words=" ".join(sorted(words)),
        tokens=frozenset(words),
    )


def _happened(factuality: Any) -> bool:
    return factuality not in ("future", "hypothetical")


def types_compatible(a: str, b: str, params: IncidentParams) -> bool:
    if a == b or params.match_types == "quad":
        return True
    return params.match_types == "compatible" and frozenset({a, b}) in params.compatible_types


def _side(a: frozenset[str], b: frozenset[str]) -> bool:
    return not a or not b or bool(a & b)


def actors_compatible(a: Mention, b: Mention, params: IncidentParams) -> bool:
    """Sources overlap (or one is unknown) and targets overlap (or one is unknown); for
    symmetric types the roles may be swapped; known actors must share at least one code."""
    every_a, every_b = a.source | a.target, b.source | b.target
    if every_a and every_b and not every_a & every_b:
        return False
    if _side(a.source, b.source) and _side(a.target, b.target):
        return True
    symmetric = a.type in params.symmetric_types and b.type in params.symmetric_types
    return symmetric and _side(a.source, b.target) and _side(a.target, b.source)


def places_compatible(a: Mention, b: Mention, params: IncidentParams) -> bool:
    if a.place_country and b.place_country and a.place_country != b.place_country:
        return False
    if not a.place or not b.place:
        return True
    return fuzz.token_set_ratio(a.place, b.place) >= params.place_min_ratio


def compatible(a: Mention, b: Mention, params: IncidentParams) -> bool:
    """Every gate: factuality class, quad, types, actors, dates, places."""
    if _happened(a.event.get("factuality")) != _happened(b.event.get("factuality")):
        return False
    if a.quad != b.quad or not types_compatible(a.type, b.type, params):
        return False
    if a.interval and b.interval and interval_gap(a.interval, b.interval) > params.date_window_days:
        return False
    return actors_compatible(a, b, params) and places_compatible(a, b, params)


def similarity(a: Mention, b: Mention) -> float:
    """Wording similarity 0..1: the mean of the content-word Jaccard and rapidfuzz's
    token-set ratio (which forgives one report being a longer sentence than the other)."""
    if not a.tokens or not b.tokens:
        return 0.0
    jaccard = len(a.tokens & b.tokens) / len(a.tokens | b.tokens)
    return (jaccard + fuzz.token_set_ratio(a.words, b.words) / 100.0) / 2.0


def agreements(a: Mention, b: Mention, params: IncidentParams) -> tuple[str, ...]:
    """The specifics two mentions share: day, place, source, target, mode."""
    shared = []
    if a.day is not None and a.day == b.day:
        shared.append("day")
    if a.place and b.place and fuzz.token_set_ratio(a.place, b.place) >= params.place_min_ratio:
        shared.append("place")
    if a.source and a.source == b.source:
        shared.append("source")
    if a.target and a.target == b.target:
        shared.append("target")
    if a.event.get("mode") and a.event.get("mode") == b.event.get("mode"):
        shared.append("mode")
    return tuple(shared)


@dataclass(frozen=True, slots=True, kw_only=True)
class PairScore:
    """The comparison of two compatible mentions."""

    a: str
    b: str
    similarity: float
    agreements: tuple[str, ...]
    match: bool

    @property
    def strength(self) -> float:
        return self.similarity + len(self.agreements) / 5.0


def score_pair(a: Mention, b: Mention, params: IncidentParams) -> PairScore:
    sim = similarity(a, b)
    shared = agreements(a, b, params)
    placed = "place" in shared or not params.place_required
    by_specifics = placed and len(shared) >= params.min_agreements
    return PairScore(
        a=a.id, b=b.id, similarity=sim, agreements=shared, match=sim >= params.min_similarity or by_specifics
    )
