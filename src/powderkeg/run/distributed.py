"""Distributed runs on a Dask cluster: sharded corpus in, partitioned Parquet out.

    from dask.distributed import Client
    from powderkeg.run.distributed import run_on_dask

    with Client("tcp://scheduler:8786") as client:
        summary = run_on_dask(client, ["shards/part-000.jsonl", ...], settings, "out/")

Each shard (a JSON Lines, WARC, feed or Parquet file: anything ``powderkeg extract`` reads,
plus Parquet with the article fields as columns) is one task. A task writes
``OUT/<kind>/shard-<hash>.parquet`` for each record kind, typed like the store's tables, by
writing to a temporary name and renaming, so a shard's output is all there or not at all.
A re-run skips shards whose output is complete: a killed run resumes where it stopped.
DuckDB reads the result directly (``read_parquet('OUT/event/*.parquet')``): the columns
are those of the store's tables.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from powderkeg.config import Settings
from powderkeg.errors import InputError
from powderkeg.records import Article, stable_id

KINDS = ("article", "event", "quote", "claim")
DONE = "_SUCCESS.json"


@dataclass(slots=True, kw_only=True)
class ShardResult:
    shard: str
    skipped: bool = False
    articles: int = 0
    records: dict[str, int] = field(default_factory=dict)
    failures: list[tuple[str, str]] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class DaskSummary:
    shards: list[ShardResult] = field(default_factory=list)

    @property
    def articles(self) -> int:
        return sum(s.articles for s in self.shards)

    @property
    def failures(self) -> list[tuple[str, str]]:
        return [f for s in self.shards for f in s.failures]

    def records(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for s in self.shards:
            for k, n in s.records.items():
                out[k] = out.get(k, 0) + n
        return out


def shard_key(shard: str) -> str:
    return stable_id(str(Path(shard).resolve()), prefix="", length=12)


@lru_cache(maxsize=2)
def _pipeline(settings: Settings):
    from powderkeg.pipeline import Pipeline

    return Pipeline(settings)


def _read_parquet_shard(path: str) -> Iterator[Article | InputError]:
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    for i, row in enumerate(table.to_pylist(), start=1):
        if not isinstance(row.get("text"), str) or not row["text"].strip():
            yield InputError(f"{path}:row {i}", "no text")
            continue
        yield Article(
            id=str(row.get("id") or stable_id(row["text"], prefix="a")),
            title=row.get("title"), published=_iso(row.get("published")), url=row.get("url"),
            outlet=row.get("outlet"), text=row["text"].replace("\r\n", "\n").replace("\r", "\n"),
            source=f"{path}:row {i}",
        )


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


def _shard_articles(shard: str, settings: Settings) -> Iterator[Article | InputError]:
    if shard.endswith(".parquet"):
        yield from _read_parquet_shard(shard)
        return
    from powderkeg.ingest import read_inputs

    yield from read_inputs([shard], settings)


def process_shard(shard: str, settings: Settings, out_dir: str) -> ShardResult:
    """One task: read a shard, run the pipeline, write one Parquet file per record kind."""
    import pyarrow.parquet as pq

    from powderkeg.store.schema import arrow_table, to_row

    key = shard_key(shard)
    out = Path(out_dir)
    marker = out / "_done" / f"{key}.json"
    if marker.exists():
        return ShardResult(shard=shard, skipped=True, **json.loads(marker.read_text())["counts"])
    result = ShardResult(shard=shard)
    rows: dict[str, list[dict[str, Any]]] = {k: [] for k in KINDS}
    now = dt.datetime(1970, 1, 1)  # fixed: output is a function of the input only
    pipe = _pipeline(settings)
    articles = []
    for item in _shard_articles(shard, settings):
        if isinstance(item, InputError):
            result.failures.append((item.source, item.reason))
        else:
            articles.append(item)
    for res in pipe.process_many_safe(
        articles, on_error=lambda a, e: result.failures.append((a.source or a.id, f"{type(e).__name__}: {e}"))
    ):
        result.articles += 1
        for rec in res.records():
            rows[rec.kind].append(to_row(rec.kind, rec.to_dict(), run_id=key, added_at=now))
    for kind in KINDS:
        target = out / kind / f"shard-{key}.parquet"
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".parquet.tmp")
        pq.write_table(arrow_table(kind, rows[kind]), tmp)
        tmp.replace(target)
        result.records[kind] = len(rows[kind])
    marker.parent.mkdir(parents=True, exist_ok=True)
    counts = {"articles": result.articles, "records": result.records, "failures": result.failures}
    tmp_marker = marker.with_suffix(".tmp")
    tmp_marker.write_text(json.dumps({"shard": shard, "counts": counts}))
    tmp_marker.replace(marker)
    return result


def expand_shards(inputs: Sequence[str]) -> list[str]:
    """Input files and the files under input folders (recursive, sorted): one shard each."""
    out: list[str] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            out.extend(str(f) for f in sorted(p.rglob("*")) if f.is_file() and not f.name.startswith("."))
        else:
            out.append(str(p))
    return out


def run_on_dask(client: Any, shards: Sequence[str], settings: Settings, out_dir: str | Path) -> DaskSummary:
    """Process ``shards`` on the Dask cluster behind ``client``; results land in ``out_dir``."""
    out = str(Path(out_dir).resolve())
    paths = [str(Path(s).resolve()) for s in shards]
    futures = client.map(process_shard, paths, settings=settings, out_dir=out, pure=False)
    return DaskSummary(shards=list(client.gather(futures)))
