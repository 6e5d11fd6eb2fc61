"""A small hand-made store for the API and browser tests: articles, events, quotes and
claims built as records (no NLP), stored with the store's own ``add``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from powderkeg.config import Settings
from powderkeg.records import Actor, Article, ArticleResult, Claim, Event, Quote, Span
from powderkeg.store import Store

TOKEN = "s3cret-token"
HOSTILE = "<script>alert(1)</script>"

# (code, name) of the actors the tests use
NAMES = {
    "RUS": "Russia",
    "UKR": "Ukraine",
    "PRK": "North Korea",
    "KOR": "South Korea",
    "USA": "United States",
}
# (type, quad, intensity) per event kind used below
KINDS = {
    "ASSAULT": ("material_conflict", -9.0),
    "THREATEN": ("verbal_conflict", -6.0),
    "ACCUSE": ("verbal_conflict", -4.0),
    "AGREE": ("verbal_cooperation", 5.0),
    "AID": ("material_cooperation", 7.0),
    "SANCTION": ("material_conflict", -7.0),
}
# (article no, day of March 2025, type, source, target, factuality)
EVENTS = [
    (0, 1, "ACCUSE", "RUS", "UKR", "asserted"),
    (0, 1, "THREATEN", "RUS", "UKR", "reported"),
    (1, 3, "AGREE", "KOR", "USA", "asserted"),
    (2, 5, "ASSAULT", "RUS", "UKR", "asserted"),
    (2, 6, "ASSAULT", "UKR", "RUS", "reported"),
    (3, 10, "AID", "USA", "UKR", "future"),
    (4, 12, "SANCTION", "USA", "RUS", "asserted"),
    (5, 14, "THREATEN", "PRK", "KOR", "hypothetical"),
    (6, 20, "ASSAULT", "RUS", "UKR", "asserted"),
    (6, 21, "ASSAULT", "RUS", "UKR", "asserted"),
    (7, 22, "ACCUSE", "UKR", "RUS", "negated"),
    (8, 24, "AGREE", "RUS", "PRK", "asserted"),
    (9, 25, "ASSAULT", "RUS", "UKR", "asserted"),
    (10, 26, "ACCUSE", "PRK", "USA", "reported"),
    (11, 27, "ASSAULT", "RUS", "UKR", "asserted"),
]


def _actor(code: str, text: str, start: int) -> Actor:
    return Actor(text=text, name=NAMES[code], code=code, sector="GOV", start=start, end=start + len(text))


def _article(n: int) -> tuple[Article, list[tuple[int, int, str]]]:
    """Article n: one sentence per event, with the offsets of each sentence and its trigger."""
    title = f"Report {n}" + (f" {HOSTILE}" if n == 6 else "")
    parts, spans, pos = [], [], 0
    for art, day, kind, src, tgt, _fact in EVENTS:
        if art != n:
            continue
        sentence = f"{NAMES[src]} {kind.lower()}ed {NAMES[tgt]} on March {day}."
        if n == 6 and not parts:
            sentence = f"{NAMES[src]} {kind.lower()}ed {NAMES[tgt]} {HOSTILE} on March {day}."
        parts.append(sentence)
        spans.append((pos, pos + len(sentence), kind))
        pos += len(sentence) + 1
    quote = f'"We will not give up {HOSTILE if n == 6 else "an inch"}," said the minister.'
    parts.append(quote)
    claim = f"Officials said {100 + n * 50} soldiers were killed."
    parts.append(claim)
    text = " ".join(parts)
    published = (dt.date(2025, 3, 1) + dt.timedelta(days=2 * n)).isoformat()
    return Article(
        id=f"art-{n:02d}",
        title=title,
        published=published,
        outlet="Test Wire",
        url=f"https://example.org/{n}",
        text=text,
    ), spans


def _results() -> list[ArticleResult]:
    results = []
    for n in range(12):
        article, spans = _article(n)
        text = article.text
        events = []
        mine = [e for e in EVENTS if e[0] == n]
        for i, ((_, day, kind, src, tgt, fact), (s, e, _k)) in enumerate(zip(mine, spans, strict=True)):
            quad, intensity = KINDS[kind]
            src_t, tgt_t = NAMES[src], NAMES[tgt]
            t_start = s + len(src_t) + 1
            trig = text[t_start : t_start + len(kind) + 2]
            events.append(
                Event(
                    id=f"ev-{n:02d}-{i}",
                    article_id=article.id,
                    type=kind,
                    quad=quad,
                    intensity=intensity,
                    source=(_actor(src, src_t, s),),
                    target=(_actor(tgt, tgt_t, t_start + len(trig) + 1),),
                    date=f"2025-03-{day:02d}",
                    date_precision="day",
                    factuality=fact,
                    evidence=Span(start=s, end=e, text=text[s:e]),
                    trigger=Span(start=t_start, end=t_start + len(trig), text=trig),
                    confidence=0.8,
                )
            )
        q_start = text.index('"') + 1
        q_end = text.index(',"')
        quotes = [
            Quote(
                id=f"q-{n:02d}",
                article_id=article.id,
                text=text[q_start:q_end],
                direct=True,
                speaker=_actor("UKR" if n % 2 else "RUS", "the minister", q_end + 7),
                cue="said",
                start=q_start,
                end=q_end,
                date=article.published,
            )
        ]
        c_start = text.index("Officials said")
        claims = [
            Claim(
                id=f"c-{n:02d}",
                article_id=article.id,
                value=float(100 + n * 50),
                qualifier="exact",
                unit=None,
                about="soldiers killed",
                group="g-soldiers",
                holder=_actor("UKR" if n % 2 else "RUS", "Officials", c_start),
                evidence=Span(start=c_start, end=len(text), text=text[c_start:]),
                date=article.published,
            )
        ]
        results.append(ArticleResult(article=article, events=events, quotes=quotes, claims=claims))
    return results


def build_store(path: Path) -> Path:
    with Store(path) as store:
        summary = store.add(_results())
        assert summary.failed == 0, summary.failures
    return path


class FakePipeline:
    """Stands in for the NLP pipeline: one ASSAULT event per article."""

    def __init__(self, settings: object) -> None:
        self.settings = settings

    def process(self, article: Article) -> ArticleResult:
        text = article.text
        event = Event(
            id="ev-post",
            article_id=article.id,
            type="ASSAULT",
            quad="material_conflict",
            intensity=-9.0,
            source=(_actor("RUS", text[:6], 0),),
            date="2025-03-28",
            evidence=Span(start=0, end=len(text), text=text),
            trigger=Span(start=0, end=6, text=text[:6]),
        )
        return ArticleResult(article=article, events=[event])


def settings(**changes: object) -> Settings:
    """Settings for the tests: rate limits off unless asked, and any of the API's hardening
    settings (``api_rate_limit``...), which ``config.Settings`` may not declare yet."""
    from dataclasses import fields

    changes = {"api_rate_limit": 0, "api_write_rate_limit": 0, **changes}
    known = {f.name for f in fields(Settings)}
    extra = {k: v for k, v in changes.items() if k not in known}
    if not extra:
        return Settings(**changes)  # type: ignore[arg-type]
    values = {k: v for k, v in changes.items() if k in known}
    return _api_settings_class(tuple(sorted(extra)))(**values, **extra)


def _api_settings_class(names: tuple[str, ...]) -> type:
    from dataclasses import field, make_dataclass

    return make_dataclass(
        "ApiSettings",
        [(n, object, field(default=None)) for n in names],
        bases=(Settings,),
        frozen=True,
        slots=True,
        kw_only=True,
    )
