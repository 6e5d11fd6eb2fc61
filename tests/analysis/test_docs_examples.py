"""The examples in docs/analysis.md and docs/report.md run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _blocks(name: str) -> list[str]:
    text = (REPO / "docs" / name).read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```", text, re.S)


@pytest.mark.parametrize("name", ["analysis.md", "report.md"])
def test_examples_run(name, tmp_path, monkeypatch):
    blocks = _blocks(name)
    assert blocks
    monkeypatch.chdir(REPO)
    for code in blocks:
        exec(compile(code.replace('"/tmp/', f'"{tmp_path}/'), name, "exec"), {})
    assert any(tmp_path.iterdir())
