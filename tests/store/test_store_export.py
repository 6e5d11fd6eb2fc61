"""Exports in jsonl, csv and parquet read back to the stored records."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from powderkeg.errors import StoreError
from powderkeg.store import Store

OTHER = "Thousands of farmers blocked roads into Paris with tractors on Monday, police said."


@pytest.fixture
def filled(store: Store, make_result) -> Store:
    store.add([make_result("a1"), make_result("a2", OTHER, with_records=False)])
    return store


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def test_jsonl_is_the_contract_stream(filled: Store, tmp_path: Path) -> None:
    [path] = filled.export(tmp_path / "out", format="jsonl")
    assert path == tmp_path / "out" / "records.jsonl"
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    expected = [record for group in filled.results() for record in group]
    assert lines == expected
    assert [r["kind"] for r in lines] == ["article"] + ["event"] * 2 + ["quote"] + ["claim"] * 2 + ["article"]


def test_jsonl_to_a_named_file(filled: Store, tmp_path: Path) -> None:
    [path] = filled.export(tmp_path / "all.jsonl")
    assert path == tmp_path / "all.jsonl" and path.read_text(encoding="utf-8").count("\n") == 7


def test_csv_has_one_file_per_kind_with_json_for_nested_values(filled: Store, tmp_path: Path) -> None:
    paths = filled.export(tmp_path / "csv", format="csv")
    assert [p.name for p in paths] == ["articles.csv", "events.csv", "quotes.csv", "claims.csv"]
    for path, kind in zip(paths, ("article", "event", "quote", "claim"), strict=True):
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        expected = [{k: _cell(v) for k, v in r.items() if k != "kind"} for r in filled.records(kind)]
        assert rows == expected
    with (tmp_path / "csv" / "events.csv").open(encoding="utf-8", newline="") as f:
        first = next(csv.DictReader(f))
    assert json.loads(first["source"])[0]["code"] == "RUS"


def test_parquet_reads_back_with_pyarrow_and_duckdb(filled: Store, tmp_path: Path) -> None:
    paths = filled.export(tmp_path / "pq", format="parquet")
    for path, kind in zip(paths, ("article", "event", "quote", "claim"), strict=True):
        rows = pq.read_table(path).to_pylist()
        expected = [{k: v for k, v in r.items() if k != "kind"} for r in filled.records(kind)]
        if kind == "claim":
            rows = [{**r, "value": json.loads(r["value"])} for r in rows]
        assert rows == expected
    found = duckdb.sql(
        f"SELECT id FROM read_parquet('{paths[1]}') WHERE list_contains([t.code FOR t IN target], 'UKR')"
    ).fetchall()
    assert found == [("a1-e1",)]


def test_export_of_an_empty_store_and_bad_format(store: Store, tmp_path: Path) -> None:
    paths = store.export(tmp_path / "empty", format="parquet")
    assert all(pq.read_table(p).num_rows == 0 for p in paths)
    with pytest.raises(StoreError, match="unknown export format 'xlsx'"):
        store.export(tmp_path / "x", format="xlsx")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match="need a folder"):
        store.export(tmp_path / "file", format="csv")
