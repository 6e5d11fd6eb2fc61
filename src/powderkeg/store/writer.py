"""Writing ArticleResults into the store: idempotent, batched, one article all-or-nothing.

Articles are written in chunks, each chunk in one transaction with one bulk INSERT per
table (Arrow). If a chunk fails, it is rolled back and its articles are written again one
transaction each, so a bad article is recorded in ``failures`` and only it is lost.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

import duckdb
import pyarrow as pa

from powderkeg import __version__
from powderkeg.errors import InputError
from powderkeg.ingest.dedup import DuplicateIndex, Signature
from powderkeg.records import ArticleResult
from powderkeg.store import schema
from powderkeg.store.migrations import actor_rows

_BATCH = "_powderkeg_batch"
Outcome = Literal["added", "near", "duplicate", "skipped"]

_SIGNATURES = pa.schema([("article_id", pa.string()), ("text_hash", pa.string()), ("minhash", pa.binary())])
_EVENT_ACTORS = pa.schema([
    ("event_id", pa.string()), ("article_id", pa.string()), ("role", pa.string()),
    ("position", pa.int32()), ("text", pa.string()), ("name", pa.string()), ("code", pa.string()),
    ("sector", pa.string()), ("org", pa.string()),
])


@dataclass(slots=True)
class AddSummary:
    """What one ``Store.add`` call did.

    ``added`` counts articles written (near duplicates included, see ``near_duplicates``);
    ``duplicates`` counts articles whose text equals a stored one under another id (kept
    as an alias, not stored again); ``skipped`` counts ids already stored (nothing written);
    ``failed`` counts inputs and articles that could not be stored (see ``failures``).
    """

    run_id: str
    added: int = 0
    near_duplicates: int = 0
    duplicates: int = 0
    skipped: int = 0
    failed: int = 0
    records: dict[str, int] = field(default_factory=lambda: {"event": 0, "quote": 0, "claim": 0})
    failures: list[tuple[str, str]] = field(default_factory=list)  # (input or article id, reason)

    @property
    def new(self) -> int:
        return self.added


@dataclass(slots=True)
class _Staged:
    article_id: str
    outcome: Outcome
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    signature: Signature | None = None
    alias: tuple[Any, ...] | None = None


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Writer:
    """Holds the store's connection and duplicate index while ``Store.add`` runs."""

    def __init__(self, con: duckdb.DuckDBPyConnection, index: DuplicateIndex, aliases: set[str]) -> None:
        self.con = con
        self.index = index
        self.aliases = aliases

    def add(self, items: Iterable[ArticleResult | InputError], summary: AddSummary, batch_size: int) -> None:
        chunk: list[ArticleResult] = []
        try:
            for item in items:
                if isinstance(item, InputError):
                    self.record_failure(summary, item.source, item.reason)
                    continue
                if not isinstance(item, ArticleResult):
                    raise TypeError(f"Store.add takes ArticleResult or InputError, not {type(item).__name__}")
                chunk.append(item)
                if len(chunk) >= batch_size:
                    self._write_chunk(chunk, summary)
                    chunk = []
        finally:
            if chunk:
                self._write_chunk(chunk, summary)

    def record_failure(self, summary: AddSummary | None, source: str, reason: str,
                       article_id: str | None = None, run_id: str | None = None) -> None:
        run = summary.run_id if summary else run_id
        self.con.execute(
            "INSERT INTO failures (run_id, input, article_id, reason, failed_at) VALUES (?, ?, ?, ?, ?)",
            [run, source, article_id, reason, now_utc()],
        )
        if summary is not None:
            summary.failed += 1
            summary.failures.append((source, reason))

    def _write_chunk(self, chunk: list[ArticleResult], summary: AddSummary) -> None:
        staged: list[_Staged] = []
        self.con.begin()
        try:
            for result in chunk:
                staged.append(self._stage(result, summary.run_id))
            self._insert(staged)
            self.con.commit()
        except Exception as exc:
            self.con.rollback()
            with contextlib.suppress(duckdb.Error):
                self.con.unregister(_BATCH)
            for item in staged:
                self._unstage(item)
            if len(chunk) == 1:
                article = chunk[0].article
                self.record_failure(summary, article.source or article.id,
                                    f"not stored: {type(exc).__name__}: {exc}", article_id=article.id)
                return
            for result in chunk:
                self._write_chunk([result], summary)
            return
        for item in staged:
            _count(summary, item)

    def _stage(self, result: ArticleResult, run_id: str) -> _Staged:
        """Decide what becomes of one article and build its rows; updates the index."""
        article = result.article.to_dict()
        aid = article["id"]
        if aid in self.index or aid in self.aliases:
            return _Staged(aid, "skipped")
        sig = self.index.signature(article["text"])
        match = self.index.check(sig)
        now = now_utc()
        if match is not None and match.kind == "exact":
            self.aliases.add(aid)
            alias = (aid, match.article_id, article.get("url"), article.get("outlet"), article.get("title"),
                     article.get("published"), article.get("source"), run_id, now)
            return _Staged(aid, "duplicate", alias=alias)
        outcome: Outcome = "added"
        if match is not None and article.get("duplicate_of") is None:
            article["duplicate_of"] = match.article_id
            outcome = "near"
        staged = _Staged(aid, outcome, signature=sig)
        row = schema.to_row("article", article, run_id=run_id, added_at=now)
        row["text_hash"] = sig.text_hash
        staged.rows["article"] = [row]
        for kind, records in (("event", result.events), ("quote", result.quotes), ("claim", result.claims)):
            staged.rows[kind] = [self._record_row(kind, r.to_dict(), aid, run_id, now) for r in records]
        self.index.add(aid, sig)  # last: a row that fails to build leaves the index untouched
        return staged

    @staticmethod
    def _record_row(kind: str, record: dict[str, Any], aid: str, run_id: str, now: dt.datetime) -> dict:
        if record.get("article_id") != aid:
            raise ValueError(
                f"{kind} {record.get('id')!r} names article {record.get('article_id')!r}, "
                f"but it came with article {aid!r}"
            )
        return schema.to_row(kind, record, run_id=run_id, added_at=now)

    def _unstage(self, item: _Staged) -> None:
        if item.outcome == "duplicate":
            self.aliases.discard(item.article_id)
        elif item.outcome in ("added", "near"):
            self.index.remove(item.article_id)

    def _insert(self, staged: list[_Staged]) -> None:
        for kind in schema.KINDS:
            rows = [row for item in staged for row in item.rows.get(kind, ())]
            if rows:
                self._bulk(schema.TABLES[kind], schema.arrow_table(kind, rows))
        actors = [a for item in staged for a in _event_actor_rows(item.rows.get("event", ()))]
        if actors:
            self._bulk("event_actors", pa.Table.from_pylist(
                [dict(zip(_EVENT_ACTORS.names, a, strict=True)) for a in actors], schema=_EVENT_ACTORS))
        sigs = [{"article_id": i.article_id, "text_hash": i.signature.text_hash,
                 "minhash": i.signature.to_bytes()} for i in staged if i.signature is not None]
        if sigs:
            self._bulk("signatures", pa.Table.from_pylist(sigs, schema=_SIGNATURES))
        aliases = [i.alias for i in staged if i.alias is not None]
        if aliases:
            self.con.executemany("INSERT INTO aliases VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", aliases)

    def _bulk(self, table: str, data: pa.Table) -> None:
        cols = ", ".join(schema.quote_ident(n) for n in data.column_names)
        self.con.register(_BATCH, data)
        # On failure the view stays registered until after the rollback (see _write_chunk):
        # an aborted transaction refuses even an unregister, which would hide the real error.
        self.con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {_BATCH}")
        self.con.unregister(_BATCH)

    def start_run(self, note: str | None) -> str:
        from uuid import uuid4

        run_id = uuid4().hex[:16]
        self.con.execute(
            "INSERT INTO runs (id, started_at, note, powderkeg_version) VALUES (?, ?, ?, ?)",
            [run_id, now_utc(), note, __version__],
        )
        return run_id

    def finish_run(self, summary: AddSummary) -> None:
        self.con.execute(
            "UPDATE runs SET finished_at = ?, added = ?, skipped = ?, duplicates = ?, "
            "near_duplicates = ?, failed = ? WHERE id = ?",
            [now_utc(), summary.added, summary.skipped, summary.duplicates,
             summary.near_duplicates, summary.failed, summary.run_id],
        )


def _event_actor_rows(event_rows: Iterable[dict[str, Any]]) -> list[tuple]:
    rows: list[tuple] = []
    for row in event_rows:
        for role in ("source", "target"):
            actors = json.loads(row[role]) if row.get(role) else []
            rows.extend(actor_rows(row["id"], row["article_id"], role, actors))
    return rows


def _count(summary: AddSummary, item: _Staged) -> None:
    if item.outcome == "skipped":
        summary.skipped += 1
    elif item.outcome == "duplicate":
        summary.duplicates += 1
    else:
        summary.added += 1
        summary.near_duplicates += item.outcome == "near"
        for kind in ("event", "quote", "claim"):
            summary.records[kind] += len(item.rows.get(kind, ()))
