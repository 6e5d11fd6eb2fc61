"""The records contract (``shared/spec/records.md``, v1) as frozen dataclasses.

Every record has exactly one path to JSON: ``to_dict()``. Field names are the
contract's; fields we add beyond the contract are listed in ``docs/records.md``.
Offsets are Python string indices into the article's ``text``, end exclusive.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION",
    "MOBILIZE", "COERCE", "ASSAULT",
)
QUADS: tuple[str, ...] = (
    "verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict",
)
FACTUALITIES: tuple[str, ...] = ("asserted", "reported", "future", "hypothetical", "negated")
DATE_PRECISIONS: tuple[str, ...] = ("day", "week", "month", "year")
QUALIFIERS: tuple[str, ...] = (
    "exact", "approximately", "at least", "more than", "at most", "less than", "up to",
)
SECTORS: tuple[str, ...] = (
    "GOV", "MIL", "LEG", "JUD", "COP", "SPY", "OPP", "PTY", "REB", "INS", "CVL",
    "MED", "BUS", "EDU", "REL", "NGO", "IGO",
)


def stable_id(*parts: object, prefix: str = "", length: int = 16) -> str:
    """A deterministic id from its parts: the same inputs give the same id on any run."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}{digest[:length]}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    """One resolved actor mention."""

    text: str
    name: str | None = None
    code: str | None = None
    sector: str | None = None
    start: int
    end: int
    org: str | None = None  # extension: the IGO/NGO acronym ("UN", "NATO") where code is IGO/NGO
    title: str | None = None  # extension: title or appositive ("the senior director of ...")

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "name": self.name,
            "code": self.code,
            "sector": self.sector,
            "start": self.start,
            "end": self.end,
            "org": self.org,
            "title": self.title,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Location:
    text: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "country": self.country, "lat": self.lat, "lon": self.lon}


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    id: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    outlet: str | None = None
    language: str | None = "en"
    text: str
    duplicate_of: str | None = None
    source: str | None = None  # extension: where it was read from ("path", "path:line 3")

    kind = "article"

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "article",
            "id": self.id,
            "title": self.title,
            "published": self.published,
            "url": self.url,
            "outlet": self.outlet,
            "language": self.language,
            "text": self.text,
            "duplicate_of": self.duplicate_of,
            "source": self.source,
        }


def _actors(actors: tuple[Actor, ...]) -> list[dict[str, Any]]:
    return [a.to_dict() for a in actors]


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    id: str
    article_id: str
    type: str
    mode: str | None = None
    context: tuple[str, ...] = ()
    quad: str
    intensity: float
    source: tuple[Actor, ...] = ()
    target: tuple[Actor, ...] = ()
    date: str | None = None
    date_precision: str | None = None
    location: Location | None = None
    factuality: str = "asserted"
    attributed_to: Actor | None = None
    evidence: Span
    trigger: Span
    confidence: float = 0.5

    kind = "event"

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "event",
            "id": self.id,
            "article_id": self.article_id,
            "type": self.type,
            "mode": self.mode,
            "context": list(self.context),
            "quad": self.quad,
            "intensity": self.intensity,
            "source": _actors(self.source),
            "target": _actors(self.target),
            "date": self.date,
            "date_precision": self.date_precision,
            "location": self.location.to_dict() if self.location else None,
            "factuality": self.factuality,
            "attributed_to": self.attributed_to.to_dict() if self.attributed_to else None,
            "evidence": self.evidence.to_dict(),
            "trigger": self.trigger.to_dict(),
            "confidence": self.confidence,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote:
    id: str
    article_id: str
    text: str
    direct: bool
    speaker: Actor | None = None
    speaker_title: str | None = None
    cue: str | None = None
    start: int
    end: int
    date: str | None = None

    kind = "quote"

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "quote",
            "id": self.id,
            "article_id": self.article_id,
            "text": self.text,
            "direct": self.direct,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "speaker_title": self.speaker_title,
            "cue": self.cue,
            "start": self.start,
            "end": self.end,
            "date": self.date,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    id: str
    article_id: str
    value: float | tuple[float, float]
    qualifier: str = "exact"
    unit: str | None = None
    about: str | None = None
    holder: Actor | None = None
    evidence: Span
    date: str | None = None
    group: str | None = None  # extension: claims about the same thing share a group id

    kind = "claim"

    def to_dict(self) -> dict[str, Any]:
        value: Any = list(self.value) if isinstance(self.value, tuple) else self.value
        return {
            "kind": "claim",
            "id": self.id,
            "article_id": self.article_id,
            "value": value,
            "qualifier": self.qualifier,
            "unit": self.unit,
            "about": self.about,
            "holder": self.holder.to_dict() if self.holder else None,
            "evidence": self.evidence.to_dict(),
            "date": self.date,
            "group": self.group,
        }


@dataclass(slots=True, kw_only=True)
class ArticleResult:
    """Everything the pipeline derived from one article."""

    article: Article
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    def records(self) -> list[Article | Event | Quote | Claim]:
        return [self.article, *self.events, *self.quotes, *self.claims]
