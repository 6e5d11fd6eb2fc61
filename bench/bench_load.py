"""A bounded load test of `powderkeg serve` on loopback, over a 10,000-article store.

    .venv/bin/python bench/bench_load.py [--articles 10000] [--seconds 20] [--concurrency 8]

Builds the store (synthetic records, as bench_api.py), starts the real server as a
subprocess on 127.0.0.1 on a free port, and for each route sends requests from an async
client for at most ``--seconds`` (and at most ``--max-requests``), ``--concurrency`` at a
time. Prints requests/s, p50 and p99 latency and the error count per route, and the
server's resident memory before and after the load (no growth expected). Traffic goes to
127.0.0.1 only, and every loop is bounded in count and time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_api import build
from common import machine

ROUTES = [
    "/api/v1/articles",
    "/api/v1/articles/bench-000042",
    "/api/v1/events",
    "/api/v1/events?country=RUS&type=ASSAULT",
    "/api/v1/events?q=border",
    "/api/v1/quotes",
    "/api/v1/claims",
    "/api/v1/actors",
    "/events?country=UKR",
    "/articles/bench-000042",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def hammer(base: str, route: str, seconds: float, limit: int, concurrency: int) -> dict:
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds
    sent = 0

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal errors, sent
        while sent < limit and time.perf_counter() < deadline:
            sent += 1
            t = time.perf_counter()
            try:
                r = await client.get(route)
                if r.status_code != 200:
                    errors += 1
            except httpx.HTTPError:
                errors += 1
            latencies.append(time.perf_counter() - t)

    start = time.perf_counter()
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
    wall = time.perf_counter() - start
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": errors,
        "rps": round(len(latencies) / wall, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p99_ms": round(latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000, 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--seconds", type=float, default=15)
    ap.add_argument("--max-requests", type=int, default=5_000)
    ap.add_argument("--concurrency", type=int, default=8)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "load.duckdb"
        build(db, args.articles)
        port = free_port()
        server = psutil.Popen(
            [sys.executable, "-m", "powderkeg", "serve", "--db", str(db), "--port", str(port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(300):
                try:
                    if httpx.get(base + "/api/v1/stats", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.2)
            for route in ROUTES:  # warm-up, then measure memory from a warm server
                httpx.get(base + route, timeout=60)
            rss_before = server.memory_info().rss
            out = {"machine": machine(), "articles": args.articles, "concurrency": args.concurrency,
                   "routes": {}}
            for route in ROUTES:
                out["routes"][route] = asyncio.run(
                    hammer(base, route, args.seconds, args.max_requests, args.concurrency)
                )
            rss_after = server.memory_info().rss
            out["server_rss_mb_before"] = round(rss_before / 2**20)
            out["server_rss_mb_after"] = round(rss_after / 2**20)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
