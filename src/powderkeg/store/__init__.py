"""The store: DuckDB schema under versioned migrations, idempotent writes, queries, exports.

    from powderkeg.store import Store

    with Store("news.duckdb") as store:
        summary = store.add(results)            # AddSummary: added, duplicates, skipped, failed
        events = list(store.events(source="RUS", type="ASSAULT"))
        store.export("out/", format="csv")
"""

from __future__ import annotations

from powderkeg.store.migrations import LATEST as SCHEMA_VERSION
from powderkeg.store.store import Store
from powderkeg.store.writer import AddSummary

__all__ = ["SCHEMA_VERSION", "AddSummary", "Store"]
