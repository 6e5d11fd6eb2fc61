"""Does the API server's memory grow with the requests it serves? In-process, over a
synthetic store: every main route is requested ``--per-round`` times per round, and after
each round we print the process RSS, the Python heap that tracemalloc sees (allocations
made since the first round began) and DuckDB's own memory (``duckdb_memory()``).

    .venv/bin/python bench/bench_server_memory.py [--articles 3000] [--rounds 6] [--per-round 100]

A leak in Python code shows as a traced heap growing by about the same amount each
round; the allocator and caches filling up show as RSS rising then levelling off with a
flat traced heap. At the end the largest heap differences by source line are printed.
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import psutil
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_api import build
from bench_load import ROUTES

from powderkeg.api import create_app
from powderkeg.config import Settings


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--rounds", type=int, default=6)
    ap.add_argument("--per-round", type=int, default=100, help="requests of each route per round")
    args = ap.parse_args()
    proc = psutil.Process()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "mem.duckdb"
        build(path, args.articles)
        app = create_app(path, Settings(api_rate_limit=0))
        with TestClient(app) as client:
            for route in ROUTES:  # warm: templates compiled, caches filled once
                client.get(route)
            time.sleep(3)  # the startup warm-up thread
            gc.collect()
            tracemalloc.start(1)
            base = tracemalloc.take_snapshot()
            print(f"start: rss {proc.memory_info().rss >> 20} MB", flush=True)
            for rnd in range(1, args.rounds + 1):
                for _ in range(args.per_round):
                    for route in ROUTES:
                        if client.get(route).status_code != 200:
                            raise SystemExit(f"{route}: not 200")
                gc.collect()
                traced, _ = tracemalloc.get_traced_memory()
                duck = client.app.state.store.connection.execute(
                    "SELECT sum(memory_usage_bytes) FROM duckdb_memory()").fetchone()[0]
                print(f"round {rnd} ({args.per_round * len(ROUTES)} requests): rss "
                      f"{proc.memory_info().rss >> 20} MB, python heap traced {traced >> 10} KB, "
                      f"duckdb {duck >> 20} MB", flush=True)
            for stat in tracemalloc.take_snapshot().compare_to(base, "lineno")[:8]:
                print("  ", stat)


if __name__ == "__main__":
    main()
