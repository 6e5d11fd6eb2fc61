"""The user guide's examples run."""

from __future__ import annotations

import re
from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "actors.md"


def test_first_example_runs(nlp, capsys):
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    code = blocks[0]
    exec(compile(code, str(DOC), "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    expected = [line[2:] for line in code.splitlines() if line.startswith("# ")]
    assert printed == expected
