"""The example in docs/quotes-and-claims.md runs."""

from __future__ import annotations

import re
from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "quotes-and-claims.md"


def test_doc_example_runs(pipeline, capsys) -> None:
    code = re.search(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S).group(1)
    code = code.replace("Pipeline().process", "pipeline.process")
    exec(compile(code, str(DOC), "exec"), {"pipeline": pipeline})
    assert "Anna Kovacs" in capsys.readouterr().out
