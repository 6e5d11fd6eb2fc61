"""Hand-built records in the contract's shape, for analysis tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from powderkeg.analysis import load_jsonl
from powderkeg.records import Actor, Article, Event, Location, Span

STORY = Path(__file__).parent / "data" / "strike_story.jsonl"
Make = Callable[..., list[dict[str, Any]]]


def article_and_event(
    n: int,
    *,
    day: dt.date,
    source: tuple[str, ...] = ("RUS",),
    target: tuple[str, ...] = ("UKR",),
    type_: str = "ASSAULT",
    quad: str = "material_conflict",
    intensity: float = -8.0,
    factuality: str = "asserted",
    place: str | None = None,
    sentence: str | None = None,
    outlet: str = "Wire",
) -> list[dict[str, Any]]:
    """One article with one event; sentence and ids derived from n so each is distinct."""
    text = (
        sentence or f"Report {n}: forces of {' and '.join(source)} hit positions of {' and '.join(target)}."
    )
    aid = f"art-{n}"

    def actors(codes: tuple[str, ...]) -> tuple[Actor, ...]:
        return tuple(Actor(text=c, code=c, start=0, end=len(c)) for c in codes)

    article = Article(
        id=aid,
        title=f"Story {n}",
        published=day.isoformat(),
        url=f"https://ex.org/{n}",
        outlet=outlet,
        text=text,
    )
    event = Event(
        id=f"ev-{n}",
        article_id=aid,
        type=type_,
        quad=quad,
        intensity=intensity,
        source=actors(source),
        target=actors(target),
        date=day.isoformat(),
        date_precision="day",
        location=Location(text=place) if place else None,
        factuality=factuality,
        evidence=Span(start=0, end=len(text), text=text),
        trigger=Span(start=0, end=1, text=text[0]),
    )
    return [article.to_dict(), event.to_dict()]


@pytest.fixture()
def make() -> Make:
    return article_and_event


@pytest.fixture(scope="session")
def story() -> list[dict[str, Any]]:
    return load_jsonl(STORY)
