"""A Dask LocalCluster of two worker processes gives the same records as a local run."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from powderkeg.config import Settings
from powderkeg.ingest import read_inputs
from powderkeg.run.batch import BatchSummary, process_articles

TEXTS = [
    "Israeli aircraft struck targets in southern Lebanon on Tuesday, the military said.",
    "The African Union urged Sudan's warring parties to agree to a ceasefire.",
    "Venezuela expelled the Argentine ambassador after a dispute over the election result.",
    "Police in Dhaka arrested 30 protesters on Sunday, officials said.",
    "China and the Philippines accused each other of ramming vessels near a disputed reef.",
    "Kenyan troops arrived in Haiti to support the police mission, the government said.",
]


@pytest.fixture(scope="module")
def shards(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    root = tmp_path_factory.mktemp("shards")
    paths = []
    for s in range(3):
        path = root / f"part-{s}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for i, text in enumerate(TEXTS[s * 2 : s * 2 + 2]):
                fh.write(json.dumps({"id": f"s{s}-{i}", "text": text, "published": "2025-01-10"}) + "\n")
        paths.append(path)
    return paths


@pytest.mark.slow
def test_local_cluster_matches_local_run(shards: list[Path], tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    from powderkeg.run.distributed import run_on_dask

    settings = Settings(workers=1)
    out = tmp_path / "parquet"
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, host="127.0.0.1"
    ) as cluster, distributed.Client(cluster) as client:
        summary = run_on_dask(client, [str(p) for p in shards], settings, out)
        again = run_on_dask(client, [str(p) for p in shards], settings, out)
    assert summary.articles == 6
    assert not summary.failures
    assert all(s.skipped for s in again.shards)  # a re-run resumes: finished shards are skipped

    articles = [a for a in read_inputs([str(p) for p in shards], settings) if not isinstance(a, Exception)]
    local = list(process_articles(articles, settings, BatchSummary()))
    for kind, attr in (("event", "events"), ("quote", "quotes"), ("claim", "claims")):
        table = pq.read_table(out / kind)
        got = sorted(zip(table.column("id").to_pylist(), table.column("article_id").to_pylist(), strict=True))
        want = sorted((r.id, r.article_id) for res in local for r in getattr(res, attr))
        assert got == want, kind
    arts = pq.read_table(out / "article")
    assert sorted(arts.column("id").to_pylist()) == sorted(a.id for a in articles)

    import duckdb

    con = duckdb.connect()
    n = con.execute(f"SELECT count(*) FROM read_parquet('{out}/event/*.parquet')").fetchone()[0]
    assert n == sum(len(r.events) for r in local)
