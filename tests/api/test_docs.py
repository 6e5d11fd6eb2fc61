"""The Python example in docs/api.md runs against a store."""

from __future__ import annotations

import re
from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_api_doc_example_runs(store_path: Path) -> None:
    text = (DOCS / "api.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert blocks
    for code in blocks:
        code = code.replace('"news.duckdb"', repr(str(store_path)))
        exec(compile(code, "docs/api.md", "exec"), {"print": lambda *a: None})


def test_every_api_route_is_documented(client) -> None:
    text = (DOCS / "api.md").read_text(encoding="utf-8")
    paths = client.get("/openapi.json").json()["paths"]
    missing = [
        p for p in paths if p.replace("{article_id}", "{id}").replace("{event_id}", "{id}") not in text
    ]
    assert not missing, f"routes missing from docs/api.md: {missing}"


def test_every_dashboard_page_is_documented() -> None:
    text = (DOCS / "dashboard.md").read_text(encoding="utf-8")
    for page in ("`/`", "`/events`", "`/articles/{id}`", "`/dyads/{a}/{b}`", "`/network`", "`/claims`"):
        assert page in text
