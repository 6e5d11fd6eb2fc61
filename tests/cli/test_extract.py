"""`powderkeg extract` end to end through the real CLI: formats, exit codes, failures."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ARTICLE = (
    "Armenia and Azerbaijan agree to reopen border talks\n\n"
    "Mar 3, 2025 - 10:15\n\n"
    "Armenia and Azerbaijan agreed on Monday to reopen talks on their border, the two "
    "foreign ministries said. \u201cWe are ready to work,\u201d said Foreign Minister Ararat Mirzoyan.\n"
)


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "powderkeg", "extract", "--workers", "1", "--no-progress", *args],
        input=stdin, capture_output=True, text=True, timeout=600, check=False,
    )


def records(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    (root / "a.txt").write_text(ARTICLE, encoding="utf-8")
    lines = [
        {"id": "wire-1", "text": "Kenya sent 400 police officers to Haiti on Tuesday.", "published": "2024-06-25"},
        {"id": "wire-2", "html": "<html><body><p>Protesters marched in Nairobi on Thursday.</p></body></html>"},
        [1, 2, 3],
        "not json",
    ]
    with (root / "b.jsonl").open("w", encoding="utf-8") as fh:
        for item in lines:
            fh.write((json.dumps(item) if not isinstance(item, str) else item) + "\n")
    (root / "empty.txt").write_bytes(b"")
    (root / "junk.bin").write_bytes(bytes(range(256)) * 40)
    return root


def test_folder_with_bad_files_exits_1_and_writes_the_good_ones(corpus: Path) -> None:
    proc = run(str(corpus))
    assert proc.returncode == 1, proc.stderr
    recs = records(proc.stdout)
    articles = [r for r in recs if r["kind"] == "article"]
    assert {a["id"] for a in articles} >= {"wire-1", "wire-2"}
    assert len(articles) == 3
    # each failure is named with its reason, one line each, no traceback
    assert "Traceback" not in proc.stderr
    for name in ("b.jsonl:line 3", "b.jsonl:line 4", "empty.txt", "junk.bin"):
        assert name in proc.stderr
    assert "4 failed" in proc.stderr


def test_records_follow_their_article(corpus: Path) -> None:
    proc = run(str(corpus / "a.txt"))
    assert proc.returncode == 0, proc.stderr
    recs = records(proc.stdout)
    assert recs[0]["kind"] == "article"
    assert recs[0]["title"] == "Armenia and Azerbaijan agree to reopen border talks"
    assert recs[0]["published"].startswith("2025-03-03")
    text = recs[0]["text"]
    for rec in recs[1:]:
        assert rec["article_id"] == recs[0]["id"]
        for key in ("evidence", "trigger"):
            if key in rec:
                assert text[rec[key]["start"] : rec[key]["end"]] == rec[key]["text"]
        if rec["kind"] == "quote":
            assert text[rec["start"] : rec["end"]] == rec["text"]


def test_stdin_and_date_and_output_file(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    proc = run("--date", "2024-10-26", "-o", str(out), "-", stdin="Russia shelled Kharkiv on Monday.\n")
    assert proc.returncode == 0, proc.stderr
    recs = records(out.read_text(encoding="utf-8"))
    assert recs[0]["kind"] == "article"
    assert recs[0]["published"] == "2024-10-26"
    assert recs[0]["source"] == "-"


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("--date", "26/10/2024", "-", stdin="x").returncode == 2
    assert run().returncode == 2
    proc = run("--config", str(tmp_path / "missing.yaml"), "-", stdin="x")
    assert proc.returncode == 2
    assert "missing.yaml" in proc.stderr


def test_rerun_is_identical(corpus: Path) -> None:
    first = run(str(corpus / "a.txt"), str(corpus / "b.jsonl"))
    second = run(str(corpus / "a.txt"), str(corpus / "b.jsonl"))
    assert first.stdout == second.stdout
    assert first.stdout.strip()
