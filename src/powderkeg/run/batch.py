"""Batch extraction: inputs -> articles -> records, going on past bad documents."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import Any, TextIO

from powderkeg.config import Settings
from powderkeg.errors import InputError
from powderkeg.records import Article, ArticleResult

#: How many recent articles a batch compares each new one with for duplicate_of.
DEDUP_WINDOW = 50_000


@dataclass(frozen=True, slots=True, kw_only=True)
class Failure:
    source: str
    reason: str


@dataclass(slots=True, kw_only=True)
class BatchSummary:
    """What a batch did: counts and every failure with its reason."""

    read: int = 0
    new: int = 0
    duplicate: int = 0
    failures: list[Failure] = field(default_factory=list)
    records: Counter[str] = field(default_factory=Counter)

    @property
    def failed(self) -> int:
        return len(self.failures)

    def as_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "new": self.new,
            "duplicate": self.duplicate,
            "failed": self.failed,
            "records": dict(self.records),
            "failures": [{"source": f.source, "reason": f.reason} for f in self.failures],
        }


class _Tick:
    """A progress callback that tolerates None."""

    def __init__(self, callback: Callable[[str], None] | None) -> None:
        self.callback = callback

    def __call__(self, label: str) -> None:
        if self.callback is not None:
            self.callback(label)


def _articles(
    inputs: Sequence[str], settings: Settings, stdin: TextIO | None, summary: BatchSummary
) -> Iterator[Article]:
    from powderkeg.ingest import read_inputs

    for item in read_inputs(inputs, settings, stdin=stdin):
        if isinstance(item, InputError):
            summary.failures.append(Failure(source=item.source, reason=item.reason))
            continue
        summary.read += 1
        yield item


def _link_duplicates(articles: Iterable[Article], settings: Settings, summary: BatchSummary) -> Iterator[Article]:
    """Within one batch: drop exact repeats of an article (same id and same text), and link
    exact or near copies of an earlier article with ``duplicate_of``. The index keeps the
    most recent ``DEDUP_WINDOW`` articles, so memory stays bounded on endless inputs."""
    import dataclasses
    from collections import deque

    from powderkeg.ingest.dedup import DuplicateIndex, text_hash

    seen: dict[str, str] = {}
    window: deque[str] = deque()
    index = DuplicateIndex(threshold=settings.near_duplicate_threshold)
    for article in articles:
        digest = text_hash(article.text)
        if seen.get(article.id) == digest:
            summary.duplicate += 1
            continue
        seen[article.id] = digest
        sig = index.signature(article.text)
        match = index.check(sig)
        if match is not None and match.article_id != article.id and article.duplicate_of is None:
            article = dataclasses.replace(article, duplicate_of=match.article_id)
            summary.duplicate += 1
        else:
            summary.new += 1
        index.add(article.id, sig)
        window.append(article.id)
        if len(window) > DEDUP_WINDOW:
            old = window.popleft()
            index.remove(old)
            seen.pop(old, None)
        yield article


def extract_batch(
    inputs: Sequence[str],
    settings: Settings,
    write: Callable[[dict[str, Any]], None],
    *,
    stdin: TextIO | None = None,
    progress: Callable[[str], None] | None = None,
) -> BatchSummary:
    """Read every input, run the pipeline, hand each record's dict to ``write``.

    An article's records follow its ``article`` record. A document that fails (unreadable,
    or an error inside a stage) is recorded in the summary with its reason; the batch goes on.
    """
    summary = BatchSummary()
    tick = _Tick(progress)
    articles = _link_duplicates(_articles(inputs, settings, stdin, summary), settings, summary)
    for result in process_articles(articles, settings, summary):
        _emit(result, write, summary)
        tick(result.article.id)
    return summary


def process_articles(
    articles: Iterable[Article], settings: Settings, summary: BatchSummary
) -> Iterator[ArticleResult]:
    """The pipeline over ``articles`` with ``settings.workers`` processes (0: all cores),
    in input order; failures go into ``summary``."""
    from powderkeg.run.parallel import process_parallel, resolve_workers

    def failed(article: Article, reason: str) -> None:
        summary.failures.append(Failure(source=article.source or article.id, reason=reason))

    workers = resolve_workers(settings.workers)
    if workers > 1:
        # Starting workers costs a model load each: small batches run in this process.
        it = iter(articles)
        head = list(islice(it, 2 * max(1, settings.batch_size)))
        articles = chain(head, it)
        if len(head) == 2 * max(1, settings.batch_size):
            yield from process_parallel(articles, settings, workers, failed)
            return
    from powderkeg.pipeline import Pipeline

    pipe = Pipeline(settings)
    yield from pipe.process_many_safe(
        articles, on_error=lambda a, e: failed(a, f"extraction failed: {type(e).__name__}: {e}")
    )


def _emit(result: ArticleResult, write: Callable[[dict[str, Any]], None], summary: BatchSummary) -> None:
    for record in result.records():
        write(record.to_dict())
        summary.records[record.kind] += 1
