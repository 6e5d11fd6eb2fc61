"""Ingest is idempotent, and a run killed with SIGKILL resumes with nothing lost or doubled."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

SENTENCES = [
    "Turkish forces shelled positions held by Kurdish fighters near the border on {day}.",
    "The Sudanese army said it had repelled an attack by the Rapid Support Forces in {city}.",
    "Officials in {city} accused rebels of blocking aid convoys, according to the United Nations.",
    "Protesters gathered outside parliament in {city} on {day} to demand the release of prisoners.",
    "The European Union imposed sanctions on three officials accused of rigging the election.",
]
CITIES = ["Khartoum", "Ankara", "Nairobi", "Bamako", "Goma", "Tripoli", "Kabul", "Aden"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def make_corpus(root: Path, n: int) -> Path:
    folder = root / "news"
    folder.mkdir()
    with (folder / "wire.jsonl").open("w", encoding="utf-8") as fh:
        for i in range(n):
            text = " ".join(
                s.format(city=CITIES[(i + j) % len(CITIES)], day=DAYS[(i * j) % len(DAYS)])
                for j, s in enumerate(SENTENCES)
            ) + f" Report number {i}."
            fh.write(json.dumps({"id": f"wire-{i:04d}", "text": text, "published": "2025-02-14"}) + "\n")
    return folder


def ingest(db: Path, folder: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "powderkeg", "ingest", "--workers", "1", "--no-progress",
         "--db", str(db), str(folder)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def counts(db: Path) -> tuple[int, int, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        if "articles" not in tables:  # killed before the first migration committed: an empty store
            return 0, 0, 0
        arts = con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone()
        per_article = con.execute(
            "SELECT count(*) FROM (SELECT article_id, id FROM events GROUP BY ALL HAVING count(*) > 1)"
        ).fetchone()
    finally:
        con.close()
    return arts[0], arts[1], per_article[0]


@pytest.mark.slow
def test_rerun_adds_nothing_and_kill_9_resumes(tmp_path: Path) -> None:
    n = 120
    folder = make_corpus(tmp_path, n)
    reference = tmp_path / "reference.duckdb"
    proc = ingest(reference, folder)
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    assert counts(reference)[:2] == (n, n)

    # the same folder again: nothing new
    proc = ingest(reference, folder)
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    assert f"{n} already stored" in err
    assert counts(reference)[:2] == (n, n)

    # kill -9 at three points of one ingest: while the store is being created, early in
    # the writes, and late; each re-run resumes, and the last one completes the store
    killed = tmp_path / "killed.duckdb"
    for min_size in (0, 300_000, 1_500_000):
        proc = ingest(killed, folder)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if killed.exists() and killed.stat().st_size > min_size:
                break
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        if proc.returncode != -signal.SIGKILL:
            break  # this run finished before the kill point: nothing left to resume
        if killed.exists():
            total, distinct, doubled = counts(killed)
            assert total == distinct <= n and doubled == 0  # consistent after every kill
    proc = ingest(killed, folder)
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    total, distinct, doubled = counts(killed)
    assert (total, distinct, doubled) == (n, n, 0)

    def events(db: Path) -> list[tuple]:
        con = duckdb.connect(str(db), read_only=True)
        try:
            return con.execute("SELECT id, article_id, type FROM events ORDER BY id").fetchall()
        finally:
            con.close()

    assert events(killed) == events(reference)
