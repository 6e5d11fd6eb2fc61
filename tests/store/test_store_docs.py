"""The example in docs/store.md runs and prints what its comments say."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[2] / "docs" / "store.md"


def test_store_doc_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
    assert blocks, "docs/store.md has no python example"
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(blocks[0], str(DOC), "exec"), {})
    promised = re.findall(r"print\(.*\)\s+# ([^:\n]*?)(?::.*)?$", blocks[0], flags=re.M)
    assert out.getvalue().splitlines() == [p.strip() for p in promised]
    assert sorted(p.name for p in (tmp_path / "export").iterdir()) == [
        "articles.csv", "claims.csv", "events.csv", "quotes.csv"]
