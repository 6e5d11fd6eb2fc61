"""What every stage after the parse sees of one article."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from powderkeg.records import Actor, Article

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(slots=True, kw_only=True)
class DocContext:
    """One parsed article: its record, its spaCy Doc (over ``article.text``), its
    publication date (or the assumed one) and its resolved actor mentions, sorted by start."""

    article: Article
    doc: Doc
    published: dt.date | None
    actors: list[Actor] = field(default_factory=list)

    def actor_at(self, start: int, end: int) -> Actor | None:
        """The actor mention overlapping the character range [start, end), if any."""
        for actor in self.actors:
            if actor.start < end and start < actor.end:
                return actor
        return None


def parse_published(value: str | None) -> dt.date | None:
    """The date part of an ISO 8601 date or date-time string, or None."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
