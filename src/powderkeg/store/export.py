"""Exports of a store: JSON Lines (contract stream), CSV and Parquet (one file per kind).

- ``jsonl``: one file, every record in contract shape, each article followed by its events,
  quotes and claims: the same stream ``powderkeg extract`` writes. ``target`` is the file
  when it ends in ``.jsonl``/``.ndjson``, else a folder that gets ``records.jsonl``.
- ``csv``: a folder with ``articles.csv``, ``events.csv``, ``quotes.csv``, ``claims.csv``;
  columns are the contract fields (no ``kind``); nested values (actors, spans, location,
  context, a claim's value) are JSON text, null is an empty cell, booleans true/false.
- ``parquet``: the same four files as Parquet; nested values keep their structure (lists of
  actor structs, span structs) except a claim's ``value`` (a number or a [low, high] pair),
  which is JSON text.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.parquet as pq

from powderkeg.errors import StoreError
from powderkeg.store import schema

if TYPE_CHECKING:
    from powderkeg.store.store import Store

FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet")


def export(store: Store, target: Path, fmt: str) -> list[Path]:
    """Write the store to ``target`` in ``fmt``; returns the paths written."""
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    try:
        if fmt == "jsonl":
            return [_jsonl(store, target)]
        _folder(target)
        writer = _csv if fmt == "csv" else _parquet
        return [writer(store, kind, target / f"{schema.TABLES[kind]}.{fmt}") for kind in schema.KINDS]
    except OSError as exc:
        raise StoreError(f"{target}: cannot write the {fmt} export: {exc}") from exc


def _folder(target: Path) -> None:
    if target.exists() and not target.is_dir():
        raise StoreError(f"{target}: a file is here, but "
                         "csv and parquet exports need a folder (one file per kind)")
    target.mkdir(parents=True, exist_ok=True)


def _jsonl(store: Store, target: Path) -> Path:
    path = target if target.suffix in (".jsonl", ".ndjson") else target / "records.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for group in store.results():
            for record in group:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def columns(store: Store, kind: str) -> list[str]:
    """The contract fields of a kind, then any extension fields found in the store."""
    table = schema.TABLES[kind]
    found = store.connection.execute(
        f"SELECT DISTINCT unnest(json_keys(extra)) AS k FROM {table} WHERE extra IS NOT NULL ORDER BY k"
    ).fetchall()
    return [c.name for c in schema.FIELDS[kind]] + [k for (k,) in found]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _csv(store: Store, kind: str, path: Path) -> Path:
    names = columns(store, kind)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(names)
        for record in store.records(kind):
            writer.writerow([_cell(record.get(n)) for n in names])
    return path


def _parquet(store: Store, kind: str, path: Path) -> Path:
    names = columns(store, kind)
    rows = []
    for record in store.records(kind):
        row = {n: record.get(n) for n in names}
        if kind == "claim":
            row["value"] = json.dumps(row["value"])
        rows.append(row)
    table = pa.Table.from_pylist(rows) if rows else pa.table({n: pa.array([], pa.string()) for n in names})
    pq.write_table(table, path)
    return path
