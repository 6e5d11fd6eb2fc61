"""A folder of hostile files through the real CLI: the bad ones are named with a reason,
the good ones are written, offsets stay true, and nothing prints a traceback.

    python -m powderkeg extract --workers 1 --no-progress FOLDER   -> exit 1
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from powderkeg.config import Settings

GOOD = "Russia shelled Kharkiv on Monday, Ukrainian officials said. Two people were killed."
LATIN1 = "Le président a dit que l'armée française quittera le Niger, a déclaré Paris mardi."
UTF16 = "Turkey and Syria agreed on Tuesday to reopen the crossing at Kessab, officials said."
SCRIPT = "Protesters gathered in Tbilisi on Sunday. <script>alert(1)</script> Police dispersed them."
TRUNCATED_HTML = (
    "<html><head><title>Border talks</title></head><body><article>"
    "<p>Armenia and Azerbaijan agreed on Monday to reopen talks on their border, the two "
    "foreign ministries said in a joint statement.</p><p>The talks will resume in Almaty n"
)
JSONL_GOOD = [
    {
        "id": "wire-1",
        "text": "Kenya sent 400 police officers to Haiti on Tuesday.",
        "published": "2024-06-25",
    },
    {"id": "wire-2", "text": "Israel struck targets in southern Lebanon on Friday, the army said."},
]

#: What each bad file must be refused for (words expected in the reason).
FAILURES = {
    "empty.txt": "empty",
    "random.txt": "not text",
    "deep.html": "nested too deeply",
    "big.txt": "max_chars",
    "mixed.jsonl:line 2": "expected a JSON object",
    "mixed.jsonl:line 3": "invalid JSON",
    "mixed.jsonl:line 5": "neither 'text' nor 'html'",
    "mixed.jsonl:line 6": "invalid JSON",
}


def _unbalanced_quotes(n: int) -> str:
    """A text of ``n`` quote marks, none of which closes where a reader expects it."""
    rng = random.Random(5000)
    marks = ['"', "“", "”", "„", "«", "»"]
    words = ["officials", "said", "the", "army", "attacked", "Kyiv", "on", "Monday", "yes", "no"]
    parts = []
    for i in range(n):
        parts.append(" ".join(rng.choice(words) for _ in range(rng.randint(1, 6))))
        parts.append(rng.choice(marks) if i % 7 else '. He said "')
    return "The minister spoke in Kyiv on Monday. " + "".join(parts) + "."


def _write_folder(root: Path) -> dict[str, str]:
    """The hostile files; returns {file name: the text its article must hold}."""
    root.mkdir()
    (root / "empty.txt").write_bytes(b"")
    (root / "random.txt").write_bytes(random.Random(9).randbytes(4096) + b"\x00")
    (root / "utf16.txt").write_bytes(UTF16.encode("utf-16"))  # with its byte-order mark
    (root / "latin1.txt").write_bytes(LATIN1.encode("latin-1"))
    (root / "truncated.html").write_text(TRUNCATED_HTML, encoding="utf-8")
    (root / "deep.html").write_text(
        "<html><body>" + "<div>" * 50_000 + "deep" + "</div>" * 50_000 + "</body></html>", encoding="utf-8"
    )
    lines = [
        json.dumps(JSONL_GOOD[0]),
        json.dumps([1, 2, 3]),
        "{this is not json",
        "",
        json.dumps({"id": "no-text", "title": "a title only"}),
        "<<<junk>>> \x07 ]]",
        json.dumps(JSONL_GOOD[1]),
    ]
    (root / "mixed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    quotes = _unbalanced_quotes(5_000)
    (root / "quotes.txt").write_text(quotes, encoding="utf-8")
    line = "Shelling continued near Pokrovsk overnight, the regional governor said. " * 10 + "\n"
    big = line * (18_000_000 // len(line) + 1)
    assert len(big.encode("utf-8")) > 18_000_000
    assert len(big) > Settings().max_chars and len(big.encode("utf-8")) < Settings().max_bytes
    (root / "big.txt").write_text(big, encoding="utf-8")
    (root / "script.txt").write_text(SCRIPT, encoding="utf-8")
    return {
        "utf16.txt": UTF16,
        "latin1.txt": LATIN1,
        "truncated.html": "Armenia and Azerbaijan agreed on Monday to reopen talks",
        "mixed.jsonl:line 1": JSONL_GOOD[0]["text"],
        "mixed.jsonl:line 7": JSONL_GOOD[1]["text"],
        "quotes.txt": quotes[len("The minister spoke in Kyiv on Monday. ") :][:200],
        "script.txt": SCRIPT,
    }


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("hostile") / "in"
    expected = _write_folder(root)
    proc = subprocess.run(
        [sys.executable, "-m", "powderkeg", "extract", "--workers", "1", "--no-progress", str(root)],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    records = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    return root, expected, proc, records


def test_exit_status_is_1_and_no_traceback(hostile_run) -> None:
    _, _, proc, _ = hostile_run
    assert proc.returncode == 1, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr
    assert "Traceback" not in proc.stdout


def test_every_bad_file_is_named_with_its_reason(hostile_run) -> None:
    root, _, proc, _ = hostile_run
    failed = [ln for ln in proc.stderr.splitlines() if ln.startswith("failed: ")]
    for name, reason in FAILURES.items():
        hits = [ln for ln in failed if ln.startswith(f"failed: {root / name}: ")]
        assert len(hits) == 1, (name, failed)
        assert reason in hits[0], hits[0]
    assert len(failed) == len(FAILURES), failed
    assert f"{len(FAILURES)} failed" in proc.stderr.splitlines()[-1]


def test_good_articles_are_written_once_each(hostile_run) -> None:
    _root, expected, _, records = hostile_run
    articles = [r for r in records if r["kind"] == "article"]
    by_source = {}
    for a in articles:
        by_source.setdefault(a.get("source") or a["id"], []).append(a)
    assert len(articles) == len(expected), sorted(by_source)
    ids = {a["id"] for a in articles}
    assert {"wire-1", "wire-2"} <= ids
    texts = [a["text"] for a in articles]
    for name, snippet in expected.items():
        assert sum(snippet in t for t in texts) == 1, (name, snippet)


def test_script_tags_in_text_are_kept_as_text(hostile_run) -> None:
    _, _, _, records = hostile_run
    (article,) = [r for r in records if r["kind"] == "article" and "<script>" in r["text"]]
    assert article["text"] == SCRIPT


def test_offsets_match_the_article_text(hostile_run) -> None:
    _, _, _, records = hostile_run
    texts = {r["id"]: r["text"] for r in records if r["kind"] == "article"}
    checked = 0
    for rec in records:
        if rec["kind"] == "article":
            continue
        text = texts[rec["article_id"]]
        for span in _spans(rec):
            assert 0 <= span["start"] <= span["end"] <= len(text), (rec["kind"], span)
            assert text[span["start"] : span["end"]] == span["text"], (rec["kind"], span)
            checked += 1
    assert checked > 0


def _spans(rec: dict) -> list[dict]:
    """Every {start, end, text} a record holds: quotes, evidence, triggers, actors."""
    out = []
    if rec["kind"] == "quote":
        out.append({"start": rec["start"], "end": rec["end"], "text": rec["text"]})
    for key in ("evidence", "trigger"):
        if rec.get(key):
            out.append(rec[key])
    actors = [*rec.get("source", []), *rec.get("target", [])]
    for key in ("speaker", "holder", "attributed_to"):
        if rec.get(key):
            actors.append(rec[key])
    out.extend(a for a in actors if a.get("start") is not None)
    return out
