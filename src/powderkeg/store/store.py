"""The store: one DuckDB file holding articles, events, quotes and claims in contract shape.

    with Store("news.duckdb") as store:
        summary = store.add(pipeline.process_many(articles))
        for event in store.events(source="RUS", quad="material_conflict"):
            ...
        store.export("out/", format="parquet")
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import duckdb

from powderkeg.config import Settings
from powderkeg.errors import InputError, StoreError
from powderkeg.ingest.dedup import DuplicateIndex, Signature
from powderkeg.records import ArticleResult
from powderkeg.store import schema
from powderkeg.store.migrations import LATEST, check_version, current_version, migrate
from powderkeg.store.writer import AddSummary, Writer

_FETCH = 1000


class Store:
    """A DuckDB store of records; a context manager. One writing process at a time.

    Opening a store creates it (and its folder) if needed and upgrades an older schema;
    a store written by a newer powderkeg is refused. ``read_only=True`` opens without
    locking out other readers and never migrates.
    """

    def __init__(self, path: str | Path, *, settings: Settings | None = None,
                 read_only: bool = False, batch_size: int = 256) -> None:
        self.settings = settings or Settings()
        self.path = path if str(path) == ":memory:" else Path(path)
        self.batch_size = max(1, batch_size)
        self._con = self._connect(read_only)
        self._writer: Writer | None = None
        try:
            self._prepare(read_only)
        except BaseException:
            self._con.close()
            raise

    # -- opening and closing -------------------------------------------------------

    def _connect(self, read_only: bool) -> duckdb.DuckDBPyConnection:
        if isinstance(self.path, Path):
            if read_only and not self.path.exists():
                raise StoreError(f"{self.path}: no store here to open read-only")
            if not read_only:
                self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            return duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(
                f"{self.path}: cannot open the store ({exc}). If another powderkeg process is "
                "writing to it, wait for it to finish or open this one read-only."
            ) from exc

    def _prepare(self, read_only: bool) -> None:
        if not read_only:
            migrate(self._con, str(self.path))
            return
        version = current_version(self._con)
        check_version(version, str(self.path))
        if version < LATEST:
            raise StoreError(
                f"{self.path}: the store is at schema version {version} and needs upgrading to "
                f"{LATEST}; open it once for writing (not read-only) to upgrade it"
            )

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def version(self) -> int:
        return current_version(self._con)

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The raw DuckDB connection, for SQL of your own (see docs/store.md for the tables)."""
        return self._con

    # -- writing -------------------------------------------------------------------

    def add(self, results: Iterable[ArticleResult | InputError], *, note: str | None = None) -> AddSummary:
        """Store results (and record InputErrors as failures); idempotent per article id and text.

        Every article's records go in with it or not at all. A run row records the call."""
        writer = self._get_writer()
        summary = AddSummary(run_id=writer.start_run(note))
        try:
            writer.add(results, summary, self.batch_size)
        finally:
            writer.finish_run(summary)
        return summary

    def add_failure(self, input: str, reason: str, *, article_id: str | None = None,
                    run_id: str | None = None) -> None:
        """Record an input that could not be processed (for a caller's own batch loop)."""
        self._get_writer().record_failure(None, input, reason, article_id=article_id, run_id=run_id)

    def _get_writer(self) -> Writer:
        if self._writer is None:
            index = DuplicateIndex(threshold=self.settings.near_duplicate_threshold)
            rows = self._con.execute(
                "SELECT s.article_id, s.text_hash, s.minhash FROM signatures s "
                "JOIN articles a ON a.id = s.article_id ORDER BY a.seq"
            ).fetchall()
            for article_id, text_hash, minhash in rows:
                index.add(article_id, Signature.from_bytes(text_hash, minhash))
            aliases = {r[0] for r in self._con.execute("SELECT id FROM aliases").fetchall()}
            self._writer = Writer(self._con, index, aliases)
        return self._writer

    # -- reading -------------------------------------------------------------------

    def _rows(self, sql: str, params: list[Any] | None = None) -> Iterator[tuple[Any, ...]]:
        cur = self._con.cursor()
        try:
            cur.execute(sql, params or [])
            while batch := cur.fetchmany(_FETCH):
                yield from batch
        finally:
            cur.close()

    def _select(self, kind: str, alias: str = "") -> str:
        prefix = f"{alias}." if alias else ""
        cols = ", ".join(prefix + schema.quote_ident(c) for c in schema.read_columns(kind))
        return f"SELECT {cols} FROM {schema.TABLES[kind]} {alias}"

    def records(self, kind: str, *, article_id: str | None = None) -> Iterator[dict[str, Any]]:
        """Every record of one kind (article, event, quote, claim), shaped as ``to_dict()``,
        in the order stored (by article, then as extracted)."""
        kind = _kind(kind)
        if kind == "article":
            where, params = ("WHERE id = ?", [article_id]) if article_id else ("", [])
            sql = f"{self._select('article')} {where} ORDER BY seq"
        else:
            where, params = ("WHERE r.article_id = ?", [article_id]) if article_id else ("", [])
            sql = (f"{self._select(kind, 'r')} JOIN articles a ON a.id = r.article_id "
                   f"{where} ORDER BY a.seq, r.seq")
        for row in self._rows(sql, params):
            yield schema.from_row(kind, row)

    def articles(self) -> Iterator[dict[str, Any]]:
        return self.records("article")

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One article by id (an alias id of an exact duplicate gives the stored copy)."""
        found = next(self.records("article", article_id=self.canonical_id(article_id) or article_id), None)
        return found

    def canonical_id(self, article_id: str) -> str | None:
        """The stored id for an article id: itself, the copy an alias points to, or None."""
        row = self._con.execute(
            "SELECT id FROM articles WHERE id = ? UNION ALL SELECT article_id FROM aliases WHERE id = ?",
            [article_id, article_id],
        ).fetchone()
        return row[0] if row else None

    def results(self) -> Iterator[list[dict[str, Any]]]:
        """Each stored article with its records: [article, *events, *quotes, *claims]."""
        articles = self._rows(f"{self._select('article')} ORDER BY seq")
        while True:
            chunk = [schema.from_row("article", row) for _, row in zip(range(_FETCH), articles, strict=False)]
            if not chunk:
                return
            ids = [a["id"] for a in chunk]
            grouped: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
            for kind in ("event", "quote", "claim"):
                sql = f"{self._select(kind)} WHERE article_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY seq"
                for row in self._rows(sql, [ids]):
                    record = schema.from_row(kind, row)
                    grouped[record["article_id"]].append(record)
            for article in chunk:
                yield [article, *grouped[article["id"]]]

    def events(self, *, source: str | None = None, target: str | None = None, type: str | None = None,
               quad: str | None = None, factuality: str | None = None, since: str | dt.date | None = None,
               until: str | dt.date | None = None, article_id: str | None = None,
               originals_only: bool = False) -> Iterator[dict[str, Any]]:
        """Events filtered by source/target country code, type, quad, factuality and event date
        (``since``/``until`` inclusive, against the first day of the event's date); with
        ``originals_only`` events of articles marked ``duplicate_of`` are left out."""
        clauses: list[str] = []
        params: list[Any] = []
        for sql, value in (("list_contains(r.source_codes, ?)", source),
                           ("list_contains(r.target_codes, ?)", target), ('r."type" = ?', type),
                           ("r.quad = ?", quad), ("r.factuality = ?", factuality),
                           ("r.date_start >= ?", _as_date(since)), ("r.date_start <= ?", _as_date(until)),
                           ("r.article_id = ?", article_id)):
            if value is not None:
                clauses.append(sql)
                params.append(value)
        if originals_only:
            clauses.append("a.duplicate_of IS NULL")
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        sql = (f"{self._select('event', 'r')} JOIN articles a ON a.id = r.article_id {where} "
               "ORDER BY a.seq, r.seq")
        for row in self._rows(sql, params):
            yield schema.from_row("event", row)

    def counts(self) -> dict[str, int]:
        """Rows per table: articles, events, quotes, claims, plus duplicates (articles with
        ``duplicate_of``), aliases, failures and runs."""
        sql = (
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events), "
            "(SELECT count(*) FROM quotes), (SELECT count(*) FROM claims), "
            "(SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL), "
            "(SELECT count(*) FROM aliases), (SELECT count(*) FROM failures), (SELECT count(*) FROM runs)"
        )
        row = self._con.execute(sql).fetchone() or ()
        names = ("articles", "events", "quotes", "claims", "duplicates", "aliases", "failures", "runs")
        return dict(zip(names, (int(v) for v in row), strict=True))

    def failures(self) -> list[dict[str, Any]]:
        """Recorded failures, oldest first: run_id, input, article_id, reason, failed_at (UTC)."""
        return self._dicts("SELECT run_id, input, article_id, reason, failed_at FROM failures ORDER BY seq")

    def runs(self) -> list[dict[str, Any]]:
        """One row per ``add`` call, oldest first, with its counts."""
        return self._dicts("SELECT * FROM runs ORDER BY started_at, id")

    def _dicts(self, sql: str) -> list[dict[str, Any]]:
        cur = self._con.execute(sql)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def export(self, target: str | Path, format: str = "jsonl") -> list[Path]:
        """Write every record to ``target``; returns the files written. See ``store.export``."""
        from powderkeg.store.export import export

        return export(self, Path(target), format)


def _kind(kind: str) -> str:
    singular = {table: k for k, table in schema.TABLES.items()}.get(kind, kind)
    if singular not in schema.TABLES:
        raise StoreError(f"unknown record kind {kind!r}; choose one of: {', '.join(schema.KINDS)}")
    return singular


def _as_date(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    parsed = schema.date_start(value)
    if parsed is None:
        raise StoreError(f"cannot read {value!r} as a date; use YYYY-MM-DD, YYYY-MM or YYYY")
    return parsed
