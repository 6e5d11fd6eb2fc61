"""The demo: a handful of short news reports we wrote ourselves, run through the whole
pipeline into a store the user can query at once.

    summary = run_demo(Settings())
    summary.path      # <data dir>/demo.duckdb
    summary.counts    # {"articles": 11, "events": ..., "duplicates": 1, ...}

The reports (``data/articles.jsonl``) are fictional: real states, invented people and
events, written for this project in wire style. They cover a border clash with a disputed
toll (and a second outlet's copy of it, for duplicate linking), a ceasefire, sanctions, a
summit, a protest, an arms delivery, a denial, a conditional threat, an aid convoy and
stalled talks, dated over three weeks of March 2025.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from powderkeg.config import Settings, default_data_dir
from powderkeg.errors import StoreError
from powderkeg.records import Article, ArticleResult
from powderkeg.store import AddSummary, Store

if TYPE_CHECKING:
    from powderkeg.pipeline import Pipeline

DEMO_FILE = "demo.duckdb"
_FIELDS = ("id", "title", "published", "url", "outlet")

Progress = Callable[[int, int], None]  # (articles done, articles in all)


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """Where the demo store is and what went into it."""

    path: Path
    articles: int  # demo articles processed
    counts: dict[str, int]  # Store.counts() of the finished store
    added: AddSummary


def demo_articles() -> list[Article]:
    """The packaged demo articles, in publication order."""
    data = resources.files("powderkeg.demo").joinpath("data", "articles.jsonl")
    articles = []
    for number, line in enumerate(data.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            obj = json.loads(line)
            articles.append(Article(
                **{k: obj.get(k) for k in _FIELDS}, text=obj["text"],
                source=f"powderkeg demo articles.jsonl:{number}",
            ))
    return articles


def demo_path(data_dir: Path | None = None) -> Path:
    return (data_dir or default_data_dir()) / DEMO_FILE


def run_demo(settings: Settings | None = None, data_dir: Path | None = None,
             progress: Progress | None = None, *, pipeline: Pipeline | None = None) -> DemoSummary:
    """Run the pipeline over the demo articles into a fresh ``<data_dir>/demo.duckdb``.

    An earlier demo store there is replaced, so the demo always shows today's extractors.
    ``pipeline`` reuses an already-built Pipeline (it must match ``settings``)."""
    from powderkeg.pipeline import Pipeline

    settings = settings or Settings()
    path = demo_path(data_dir)
    _remove_store(path)
    articles = demo_articles()
    pipe = pipeline or Pipeline(settings)
    results = _reporting(pipe.process_many(articles), len(articles), progress)
    with Store(path, settings=settings) as store:
        added = store.add(results, note="powderkeg demo")
        counts = store.counts()
    return DemoSummary(path=path, articles=len(articles), counts=counts, added=added)


def _reporting(results: Iterable[ArticleResult], total: int,
               progress: Progress | None) -> Iterator[ArticleResult]:
    for done, result in enumerate(results, start=1):
        yield result
        if progress is not None:
            progress(done, total)


def _remove_store(path: Path) -> None:
    for stale in (path, path.with_name(path.name + ".wal")):
        try:
            stale.unlink(missing_ok=True)
        except OSError as exc:
            raise StoreError(
                f"{stale}: cannot replace the old demo store ({exc}); close any program using it"
            ) from exc


__all__ = ["DemoSummary", "demo_articles", "demo_path", "run_demo"]
