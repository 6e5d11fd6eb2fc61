"""Dask LocalCluster scaling: the same sharded corpus on 1 and on N worker processes.

    .venv/bin/python bench/bench_dask.py [--articles 400] [--shards 8] [--workers 2]

Prints seconds and articles/s for each cluster size and the scaling efficiency
(speed-up / workers). Each run writes to a fresh output folder (no shard is skipped).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import machine, make_articles

from powderkeg.config import Settings
from powderkeg.run.distributed import run_on_dask


def shard(root: Path, n: int, shards: int) -> list[str]:
    arts = list(make_articles(n))
    paths = []
    for s in range(shards):
        p = root / f"part-{s:03d}.jsonl"
        p.write_text("".join(json.dumps(a) + "\n" for a in arts[s::shards]), encoding="utf-8")
        paths.append(str(p))
    return paths


def timed_run(paths: list[str], workers: int, out: Path) -> float:
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None,
                      host="127.0.0.1") as cluster, Client(cluster) as client:
        client.run(lambda: __import__("powderkeg.run.distributed").run.distributed._pipeline(Settings()))
        start = time.perf_counter()
        summary = run_on_dask(client, paths, Settings(), out)
        seconds = time.perf_counter() - start
    assert not summary.failures
    return seconds


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=400)
    ap.add_argument("--shards", type=int, default=8)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        paths = shard(root, args.articles, args.shards)
        one = timed_run(paths, 1, root / "out1")
        many = timed_run(paths, args.workers, root / "outn")
    out = {
        "machine": machine(),
        "articles": args.articles,
        "shards": args.shards,
        "one_worker": {"seconds": round(one, 1), "articles_per_s": round(args.articles / one, 1)},
        f"{args.workers}_workers": {"seconds": round(many, 1), "articles_per_s": round(args.articles / many, 1)},
        "speedup": round(one / many, 3),
        "efficiency": round(one / many / args.workers, 3),
    }
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
