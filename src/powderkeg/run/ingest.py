"""Ingest: inputs -> pipeline -> the DuckDB store, idempotent and resumable.

Articles already in the store (by id, or by an id that is an alias of stored text) are
skipped before parsing, so a re-run of the same folder costs little and adds nothing, and
a run killed part-way resumes where it stopped: every article is committed with all its
records or not at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TextIO

from powderkeg.config import Settings
from powderkeg.errors import InputError
from powderkeg.records import Article, ArticleResult
from powderkeg.run.batch import BatchSummary, Failure, process_articles

if TYPE_CHECKING:
    from powderkeg.store import Store


@dataclass(slots=True, kw_only=True)
class IngestSummary:
    """Articles read, new, duplicate (exact or near), already stored, failed; records written."""

    read: int = 0
    new: int = 0
    duplicate: int = 0
    already_stored: int = 0
    failures: list[Failure] = field(default_factory=list)
    records: dict[str, int] = field(default_factory=dict)

    @property
    def failed(self) -> int:
        return len(self.failures)

    def as_dict(self) -> dict[str, Any]:
        return {
            "read": self.read, "new": self.new, "duplicate": self.duplicate,
            "already_stored": self.already_stored, "failed": self.failed, "records": dict(self.records),
            "failures": [{"source": f.source, "reason": f.reason} for f in self.failures],
        }


def ingest_batch(
    inputs: Sequence[str],
    settings: Settings,
    store: Store,
    *,
    stdin: TextIO | None = None,
    progress: Callable[[str], None] | None = None,
    note: str | None = None,
) -> IngestSummary:
    """Read, extract and store every input; failures are recorded in the store and returned."""
    from powderkeg.ingest import read_inputs

    out = IngestSummary()
    batch = BatchSummary()

    def fresh() -> Iterator[Article]:
        for item in read_inputs(inputs, settings, stdin=stdin):
            if isinstance(item, InputError):
                batch.failures.append(Failure(source=item.source, reason=item.reason))
                continue
            out.read += 1
            if store.canonical_id(item.id) is not None:
                out.already_stored += 1
                continue
            yield item

    def ticking(results: Iterator[ArticleResult]) -> Iterator[ArticleResult]:
        for result in results:
            yield result
            if progress is not None:
                progress(result.article.id)

    added = store.add(ticking(process_articles(fresh(), settings, batch)), note=note)
    for failure in batch.failures:
        store.add_failure(failure.source, failure.reason, run_id=added.run_id)
    out.failures = [*batch.failures, *(Failure(source=s, reason=r) for s, r in added.failures)]
    out.new = added.added - added.near_duplicates
    out.duplicate = added.near_duplicates + added.duplicates
    out.already_stored += added.skipped
    out.records = {"article": added.added, **added.records}
    return out
