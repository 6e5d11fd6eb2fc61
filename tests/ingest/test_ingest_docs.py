"""The example in docs/ingest.md runs and prints what the page says it prints."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "ingest.md"


def test_docs_example_runs_as_shown():
    text = DOC.read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", text, re.DOTALL).group(1)
    shown = re.search(r"prints \(the temporary folder's name aside\)\n\n((?:    .*\n)+)", text).group(1)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, str(DOC), "exec"), {})
    printed = re.sub(r"/\S+?/(mine|missing)", r"/tmp/.../\1", out.getvalue())
    assert printed.splitlines() == [line[4:] for line in shown.splitlines()]
