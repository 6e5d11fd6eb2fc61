"""Local parallelism: worker processes, bounded in-flight work, results in input order.

Each worker rebuilds the pipeline from the Settings (so nothing unpicklable crosses a
process boundary). At most ``2 * workers`` chunks are in flight, so memory stays flat
however long the input is; results come back in input order, so the output is identical
to a one-worker run, record ids included (ids are derived from content, not from order).
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from powderkeg.config import Settings
from powderkeg.records import Article, ArticleResult

# One pipeline per worker process, built once by the pool initializer. This is per-process
# state of a worker, never touched by the parent process.
_WORKER: dict[str, object] = {}


def resolve_workers(workers: int) -> int:
    """0 means every core this process may use."""
    if workers > 0:
        return workers
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _init(settings: Settings) -> None:
    # The workers share the cores: BLAS/OpenMP pools inside each would only fight over them
    # (the Pipeline caps them again from settings.blas_threads once numpy is loaded).
    if settings.blas_threads > 0:
        for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ[var] = str(settings.blas_threads)
    from powderkeg.pipeline import Pipeline

    _WORKER["pipeline"] = Pipeline(settings)


def _work(chunk: list[Article]) -> list[tuple[Article, ArticleResult | None, str | None]]:
    pipe = _WORKER["pipeline"]
    out: list[tuple[Article, ArticleResult | None, str | None]] = []
    errors: list[tuple[Article, Exception]] = []
    results = pipe.process_many_safe(chunk, on_error=lambda a, e: errors.append((a, e)))  # type: ignore[attr-defined]
    by_id = {id(r.article): r for r in results}
    failed = {id(a): f"extraction failed: {type(e).__name__}: {e}" for a, e in errors}
    for article in chunk:
        out.append((article, by_id.get(id(article)), failed.get(id(article))))
    return out


def process_parallel(
    articles: Iterable[Article],
    settings: Settings,
    workers: int,
    on_error: Callable[[Article, str], None],
) -> Iterator[ArticleResult]:
    """Run the pipeline over ``articles`` in ``workers`` processes, yielding in input order."""
    size = max(1, settings.batch_size)
    ctx = mp.get_context("spawn")
    it = iter(articles)
    with ctx.Pool(workers, initializer=_init, initargs=(settings,)) as pool:
        pending: deque = deque()
        while chunk := list(islice(it, size)):
            pending.append(pool.apply_async(_work, (chunk,)))
            while len(pending) >= 2 * workers:
                yield from _drain(pending.popleft().get(), on_error)
        while pending:
            yield from _drain(pending.popleft().get(), on_error)


def _drain(
    items: list[tuple[Article, ArticleResult | None, str | None]],
    on_error: Callable[[Article, str], None],
) -> Iterator[ArticleResult]:
    for article, result, error in items:
        if result is not None:
            yield result
        else:
            on_error(article, error or "extraction failed")
