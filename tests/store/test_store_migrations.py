"""Schema versions: fresh stores, upgrades from version 1, refusing newer stores."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from powderkeg.errors import StoreError
from powderkeg.store import SCHEMA_VERSION, Store
from powderkeg.store.migrations import MIGRATIONS, current_version, migrate

OLD_TEXT = (
    "Kyrgyz and Tajik border guards exchanged fire on Sunday near a disputed water point in the "
    "Batken region, and the two governments gave different accounts of the casualties."
)


def test_fresh_store_is_at_the_latest_version(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        assert store.version == SCHEMA_VERSION == MIGRATIONS[-1].version
        applied = store.connection.execute("SELECT version FROM schema_migrations ORDER BY 1").fetchall()
        assert [v for (v,) in applied] == [m.version for m in MIGRATIONS]


def test_migration_versions_are_consecutive() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))


def _version_1_store(path: Path) -> None:
    """A store as version 1 of the schema wrote it, with one article and one event."""
    con = duckdb.connect(str(path))
    migrate(con, str(path), target=1)
    con.execute(
        "INSERT INTO articles (id, title, published, language, text, text_hash, run_id) "
        "VALUES ('old', 'Old one', '2024-01-02', 'en', ?, NULL, 'r0')", [OLD_TEXT]
    )
    actor = {"text": "Kyrgyz", "name": None, "code": "KGZ", "sector": None, "start": 0, "end": 6,
             "org": None, "title": None}
    span = {"start": 0, "end": 6, "text": "Kyrgyz"}
    con.execute(
        'INSERT INTO events (id, article_id, "type", context, quad, intensity, source, target, '
        'factuality, evidence, "trigger", confidence, source_codes, target_codes) '
        "VALUES ('e1', 'old', 'ASSAULT', [], 'material_conflict', -9, ?, '[]', 'asserted', ?, ?, 0.5, "
        "['KGZ'], [])",
        [json.dumps([actor]), json.dumps(span), json.dumps(span)],
    )
    assert current_version(con) == 1
    con.close()


def test_a_version_1_store_is_upgraded_and_backfilled(tmp_path: Path, make_result) -> None:
    path = tmp_path / "old.duckdb"
    _version_1_store(path)
    with Store(path) as store:
        assert store.version == SCHEMA_VERSION
        assert [a["id"] for a in store.articles()] == ["old"]
        codes = store.connection.execute("SELECT role, code FROM event_actors").fetchall()
        assert codes == [("source", "KGZ")]
        summary = store.add([make_result("new", OLD_TEXT + " Officials said."), make_result("old")])
        assert (summary.added, summary.skipped) == (1, 1)
        assert store.article("new")["duplicate_of"] == "old"


def test_read_only_refuses_an_old_store(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    _version_1_store(path)
    with pytest.raises(StoreError, match="needs upgrading"):
        Store(path, read_only=True)


def test_a_store_from_a_newer_powderkeg_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.duckdb"
    with Store(path) as store:
        store.connection.execute(
            "INSERT INTO schema_migrations VALUES (?, 'from the future', NULL)", [SCHEMA_VERSION + 1]
        )
    with pytest.raises(StoreError, match=f"version {SCHEMA_VERSION + 1}.*newer powderkeg"):
        Store(path)


def test_a_failing_migration_leaves_the_store_at_its_old_version(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    _version_1_store(path)
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE event_actors (x INTEGER)")  # makes migration 2 collide
    con.close()
    with pytest.raises(StoreError, match=r"migration 2 .* rolled back"):
        Store(path)
    con = duckdb.connect(str(path))
    assert current_version(con) == 1
    con.close()


def test_a_file_that_is_not_a_store_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_text("these are my notes, not a database\n", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot open the store"):
        Store(path)
