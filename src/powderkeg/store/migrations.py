"""The store's schema history: ordered, numbered steps, each applied once in a transaction.

``schema_migrations`` holds one row per applied step. Opening a store applies the steps
it lacks (so an older store is upgraded in place); a store whose version is newer than
the last step here was written by a newer powderkeg and is refused with a clear error.

Rules for adding a step: append, never edit or renumber a released one; write its SQL
out in full (never derived from today's code, which changes); a step that must compute
something (a backfill) is a Python function taking the open connection.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass

import duckdb

from powderkeg.errors import StoreError

Step = str | Callable[[duckdb.DuckDBPyConnection], None]


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    steps: tuple[Step, ...]


_V1_CORE = """
CREATE SEQUENCE record_seq;
CREATE TABLE runs (
    id VARCHAR PRIMARY KEY, started_at TIMESTAMP, finished_at TIMESTAMP, note VARCHAR,
    powderkeg_version VARCHAR, added BIGINT DEFAULT 0, skipped BIGINT DEFAULT 0,
    duplicates BIGINT DEFAULT 0, near_duplicates BIGINT DEFAULT 0, failed BIGINT DEFAULT 0
);
CREATE TABLE failures (
    seq BIGINT DEFAULT nextval('record_seq'), run_id VARCHAR, input VARCHAR,
    article_id VARCHAR, reason VARCHAR, failed_at TIMESTAMP
);
CREATE TABLE articles (
    seq BIGINT DEFAULT nextval('record_seq'),
    id VARCHAR PRIMARY KEY, title VARCHAR, published VARCHAR, url VARCHAR, outlet VARCHAR,
    language VARCHAR, text VARCHAR, duplicate_of VARCHAR, source VARCHAR,
    published_date DATE, text_hash VARCHAR,
    extra JSON, run_id VARCHAR, added_at TIMESTAMP
);
CREATE TABLE events (
    seq BIGINT DEFAULT nextval('record_seq'),
    id VARCHAR, article_id VARCHAR, "type" VARCHAR, "mode" VARCHAR, context VARCHAR[],
    quad VARCHAR, intensity DOUBLE, source JSON, target JSON, "date" VARCHAR,
    date_precision VARCHAR, location JSON, factuality VARCHAR, attributed_to JSON,
    evidence JSON, "trigger" JSON, confidence DOUBLE,
    source_codes VARCHAR[], target_codes VARCHAR[], date_start DATE, location_country VARCHAR,
    extra JSON, run_id VARCHAR, added_at TIMESTAMP,
    PRIMARY KEY (article_id, id)
);
CREATE TABLE quotes (
    seq BIGINT DEFAULT nextval('record_seq'),
    id VARCHAR, article_id VARCHAR, text VARCHAR, direct BOOLEAN, speaker JSON,
    speaker_title VARCHAR, cue VARCHAR, "start" BIGINT, "end" BIGINT, "date" VARCHAR,
    speaker_name VARCHAR, speaker_code VARCHAR,
    extra JSON, run_id VARCHAR, added_at TIMESTAMP,
    PRIMARY KEY (article_id, id)
);
CREATE TABLE claims (
    seq BIGINT DEFAULT nextval('record_seq'),
    id VARCHAR, article_id VARCHAR, value JSON, qualifier VARCHAR, unit VARCHAR,
    about VARCHAR, holder JSON, evidence JSON, "date" VARCHAR, "group" VARCHAR,
    value_low DOUBLE, value_high DOUBLE, holder_code VARCHAR,
    extra JSON, run_id VARCHAR, added_at TIMESTAMP,
    PRIMARY KEY (article_id, id)
);
CREATE INDEX articles_text_hash ON articles (text_hash);
"""

_V2_EVENT_ACTORS = """
CREATE TABLE event_actors (
    event_id VARCHAR, article_id VARCHAR, role VARCHAR, position INTEGER,
    text VARCHAR, name VARCHAR, code VARCHAR, sector VARCHAR, org VARCHAR
);
CREATE INDEX event_actors_code ON event_actors (code);
CREATE INDEX event_actors_event ON event_actors (article_id, event_id);
"""


def _backfill_event_actors(con: duckdb.DuckDBPyConnection) -> None:
    """One row per source/target actor of every event already stored."""
    rows = []
    for event_id, article_id, source, target in con.execute(
        "SELECT id, article_id, source, target FROM events"
    ).fetchall():
        for role, actors in (("source", source), ("target", target)):
            rows.extend(actor_rows(event_id, article_id, role, json.loads(actors or "[]")))
    if rows:
        con.executemany("INSERT INTO event_actors VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def actor_rows(event_id: str, article_id: str, role: str, actors: list[dict]) -> list[tuple]:
    """``event_actors`` rows for one role of one event (shared with the store's writer)."""
    return [
        (event_id, article_id, role, i, a.get("text"), a.get("name"), a.get("code"),
         a.get("sector"), a.get("org"))
        for i, a in enumerate(actors)
    ]


_V3_DEDUP = """
CREATE TABLE signatures (article_id VARCHAR PRIMARY KEY, text_hash VARCHAR, minhash BLOB);
CREATE TABLE aliases (
    id VARCHAR PRIMARY KEY, article_id VARCHAR, url VARCHAR, outlet VARCHAR, title VARCHAR,
    published VARCHAR, source VARCHAR, run_id VARCHAR, added_at TIMESTAMP
);
"""


def _backfill_signatures(con: duckdb.DuckDBPyConnection) -> None:
    """MinHash signatures and text hashes for articles stored before near-dup linking."""
    from powderkeg.ingest.dedup import DuplicateIndex

    index = DuplicateIndex()
    rows = []
    for article_id, text in con.execute("SELECT id, text FROM articles ORDER BY seq").fetchall():
        sig = index.signature(text or "")
        rows.append((article_id, sig.text_hash, sig.to_bytes()))
    if rows:
        con.executemany("INSERT INTO signatures VALUES (?, ?, ?)", rows)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "core tables: articles, events, quotes, claims, failures, runs", (_V1_CORE,)),
    Migration(2, "event_actors: one row per event actor, indexed by country code",
              (_V2_EVENT_ACTORS, _backfill_event_actors)),
    Migration(3, "near-duplicate signatures and aliases of exact duplicates",
              (_V3_DEDUP, _backfill_signatures)),
)

LATEST: int = MIGRATIONS[-1].version


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    """The store's schema version: 0 for an empty database."""
    found = con.execute(
        "SELECT count(*) FROM information_schema.tables "
        "WHERE table_name = 'schema_migrations' AND table_schema = current_schema()"
    ).fetchone()
    if not found or not found[0]:
        return 0
    row = con.execute("SELECT max(version) FROM schema_migrations").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def check_version(version: int, where: str) -> None:
    if version > LATEST:
        raise StoreError(
            f"{where}: the store is at schema version {version}, but this powderkeg knows only "
            f"up to version {LATEST}; it was written by a newer powderkeg. Upgrade powderkeg "
            "(pip install -U powderkeg) to open it."
        )


def migrate(con: duckdb.DuckDBPyConnection, where: str, target: int = LATEST) -> list[int]:
    """Apply every step above the store's version up to ``target``; returns those applied."""
    version = current_version(con)
    check_version(version, where)
    applied = []
    for migration in MIGRATIONS:
        if version < migration.version <= target:
            _apply(con, migration, where)
            applied.append(migration.version)
    return applied


def _apply(con: duckdb.DuckDBPyConnection, migration: Migration, where: str) -> None:
    con.begin()
    try:
        con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)"
        )
        for step in migration.steps:
            if isinstance(step, str):
                con.execute(step)
            else:
                step(con)
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        con.execute(
            "INSERT INTO schema_migrations VALUES (?, ?, ?)", [migration.version, migration.name, now]
        )
        con.commit()
    except duckdb.Error as exc:
        con.rollback()
        raise StoreError(
            f"{where}: migration {migration.version} ({migration.name}) failed and was rolled "
            f"back; the store is unchanged at its earlier version: {exc}"
        ) from exc
