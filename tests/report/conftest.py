"""Records for report tests: a hostile article, quotes, claims that disagree, many events."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from powderkeg.records import Actor, Article, Claim, Event, Location, Quote, Span

HOSTILE = '<script>alert("x")</script>'


def _span(text: str, piece: str) -> Span:
    start = text.index(piece)
    return Span(start=start, end=start + len(piece), text=piece)


def hostile_records() -> list[dict[str, Any]]:
    text = (
        f"Militia fighters {HOSTILE} shelled the market in Tessaly on Monday, officials said. "
        '"We will not stop until they leave," said Colonel Ana <b>Brava</b>, the rebel spokeswoman. '
        "The health ministry said 12 people were killed. Rebels said only 3 people died."
    )
    article = Article(
        id='art<1>"',
        title=f"Shelling {HOSTILE}",
        published="2025-02-03",
        url="javascript:alert(1)",
        outlet=f"Outlet {HOSTILE}",
        text=text,
    )
    sentence = text.split(" officials said.")[0] + " officials said."
    ev = _span(text, sentence)
    fighters = Actor(text=f"Militia fighters {HOSTILE}", code="XXA", sector="REB", start=0, end=16)
    event = Event(
        id='ev<"1">',
        article_id=article.id,
        type="ASSAULT",
        mode="heavy-weapons",
        quad="material_conflict",
        intensity=-9.0,
        source=(fighters,),
        target=(Actor(text="Tessaly", code="XXB", start=0, end=7),),
        date="2025-02-03",
        date_precision="day",
        location=Location(text=f"Tessaly {HOSTILE}", country="XXB"),
        evidence=ev,
        trigger=_span(text, "shelled"),
    )
    quote_text = "We will not stop until they leave,"
    qs = text.index(quote_text)
    quote = Quote(
        id="q<1>",
        article_id=article.id,
        text=quote_text,
        direct=True,
        speaker=Actor(text="Colonel Ana <b>Brava</b>", name="Ana <b>Brava</b>", code="XXA", start=0, end=5),
        speaker_title="the rebel spokeswoman",
        cue="said",
        start=qs,
        end=qs + len(quote_text),
    )
    c1 = Claim(
        id="c1",
        article_id=article.id,
        value=12.0,
        about="people killed",
        holder=Actor(text="The health ministry", code="XXB", sector="GOV", start=0, end=5),
        evidence=_span(text, "The health ministry said 12 people were killed."),
        group="g1",
    )
    c2 = Claim(
        id="c2",
        article_id=article.id,
        value=3.0,
        qualifier="exact",
        about="people <i>died</i>",
        holder=Actor(text="Rebels", code="XXA", start=0, end=5),
        evidence=_span(text, "Rebels said only 3 people died."),
        group="g1",
    )
    return [r.to_dict() for r in (article, event, quote, c1, c2)]


def many_records(n_articles: int = 60, per_article: int = 5) -> list[dict[str, Any]]:
    """A few hundred events over eight weeks, several dyads, an escalating one."""
    out: list[dict[str, Any]] = []
    pairs = [("RUS", "UKR"), ("ISR", "LBN"), ("IND", "PAK"), ("USA", "CHN"), ("PRK", "UKR")]
    start = dt.date(2025, 1, 6)
    for a in range(n_articles):
        day = start + dt.timedelta(days=a)
        sentences, events = [], []
        for k in range(per_article):
            src, tgt = pairs[(a + k) % (4 if a < 45 else 5)]
            sentence = f"Forces of {src} attacked {tgt} targets near site {a}-{k} today."
            sentences.append(sentence)
        text = " ".join(sentences)
        aid = f"m{a}"
        out.append(
            Article(
                id=aid,
                title=f"Day {a}",
                published=day.isoformat(),
                url=f"https://ex.org/{a}",
                outlet=f"Outlet {a % 7}",
                text=text,
            ).to_dict()
        )
        for k, sentence in enumerate(sentences):
            src, tgt = pairs[(a + k) % (4 if a < 45 else 5)]
            ev = _span(text, sentence)
            events.append(
                Event(
                    id=f"{aid}-e{k}",
                    article_id=aid,
                    type="ASSAULT" if k % 2 == 0 else "ACCUSE",
                    quad="material_conflict" if k % 2 == 0 else "verbal_conflict",
                    intensity=-8.0 if k % 2 == 0 else -2.0,
                    source=(Actor(text=src, code=src, start=ev.start, end=ev.start + 3),),
                    target=(Actor(text=tgt, code=tgt, start=ev.start, end=ev.start + 3),),
                    date=day.isoformat(),
                    date_precision="day",
                    location=Location(text=f"site {a}-{k}"),
                    evidence=ev,
                    trigger=_span(text, "attacked"),
                ).to_dict()
            )
        out.extend(events)
    return out


@pytest.fixture()
def hostile() -> list[dict[str, Any]]:
    return hostile_records()


@pytest.fixture(scope="session")
def many() -> list[dict[str, Any]]:
    return many_records()
