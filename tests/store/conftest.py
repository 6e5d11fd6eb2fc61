"""Hand-built ArticleResults with every field filled, for store tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from powderkeg.records import Actor, Article, ArticleResult, Claim, Event, Location, Quote, Span
from powderkeg.store import Store

MakeResult = Callable[..., ArticleResult]

STORY = (
    "Russian forces shelled the Ukrainian town of Kupiansk on Tuesday, regional officials said. "
    '"At least 12 people were killed," said Oleh Syniehubov, the governor of Kharkiv. '
    "Moscow denied targeting civilians and said it had struck military depots."
)


def _span(text: str, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=text[start:end])


def build_result(article_id: str = "a1", text: str = STORY, *, published: str | None = "2024-11-05",
                 with_records: bool = True, **article_fields: object) -> ArticleResult:
    article = Article(id=article_id, title=f"Title of {article_id}", published=published,
                      url=f"https://example.org/{article_id}", outlet="Example", text=text,
                      source=f"tests:{article_id}", **article_fields)
    if not with_records:
        return ArticleResult(article=article)
    rus = Actor(text="Russian forces", name="Russia", code="RUS", sector="MIL", start=0, end=14)
    ukr = Actor(text="Kupiansk", code="UKR", start=39, end=47, title=None)
    un = Actor(text="the UN", code="IGO", org="UN", start=1, end=3)
    event = Event(
        id=f"{article_id}-e1", article_id=article_id, type="ASSAULT", mode="aerial",
        context=("military",), quad="material_conflict", intensity=-9.5, source=(rus,),
        target=(ukr, un), date="2024-11-05", date_precision="day",
        location=Location(text="Kupiansk", country="UKR", lat=49.7, lon=37.6),
        factuality="reported", attributed_to=un, evidence=_span(text, 0, 30),
        trigger=_span(text, 15, 22), confidence=0.83,
    )
    denied = Event(
        id=f"{article_id}-e2", article_id=article_id, type="ASSAULT", quad="material_conflict",
        intensity=-7, source=(rus,), target=(), date="2024-11", date_precision="month",
        factuality="negated", evidence=_span(text, 10, 20), trigger=_span(text, 12, 16),
    )
    quote = Quote(
        id=f"{article_id}-q1", article_id=article_id, text="At least 12 people were killed",
        direct=True, speaker=Actor(text="Oleh Syniehubov", name="Oleh Syniehubov", code="UKR",
                                   sector="GOV", start=5, end=9, title="the governor of Kharkiv"),
        speaker_title="the governor of Kharkiv", cue="said", start=2, end=9, date="2024-11-05",
    )
    single = Claim(id=f"{article_id}-c1", article_id=article_id, value=12, qualifier="at least",
                   unit=None, about="people killed", holder=quote.speaker,
                   evidence=_span(text, 0, 12), date="2024-11-05", group="g1")
    ranged = Claim(id=f"{article_id}-c2", article_id=article_id, value=(1.5, 2.25),
                   qualifier="approximately", unit="percent", about="loss", evidence=_span(text, 3, 7))
    return ArticleResult(article=article, events=[event, denied], quotes=[quote], claims=[single, ranged])


def expected_records(result: ArticleResult) -> list[dict]:
    return [r.to_dict() for r in result.records()]


@pytest.fixture
def make_result() -> MakeResult:
    return build_result


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "store.duckdb") as s:
        yield s
