"""A bounded load test of `powderkeg serve` on loopback, over a 10,000-article store.

    .venv/bin/python bench/bench_load.py [--articles 10000] [--seconds 20] [--concurrency 8]
        [--rate-limit 0] [--rounds 2]

Builds the store (synthetic records, as bench_api.py), starts the real server as a
subprocess on 127.0.0.1 on a free port, and for each route sends requests from an async
client for at most ``--seconds`` (and at most ``--max-requests``), ``--concurrency`` at a
time. Prints requests/s, p50 and p99 latency and the error count per route, and the
server's resident memory before and after the load (no growth expected). Traffic goes to
127.0.0.1 only, and every loop is bounded in count and time.

The server runs with the API's rate limit at ``--rate-limit`` requests/s per client (0,
the default here, turns it off: one load client would otherwise measure the limiter).
``--rounds`` hammers every route that many times, with the server's RSS after each round,
to see whether memory grows.
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


def host_info() -> dict:
    """Date, CPU, cores and Python of this machine (common.machine less the git commit)."""
    import os
    import platform

    return {"date": time.strftime("%Y-%m-%d"), "cpu": platform.processor() or platform.machine(),
            "cores": os.cpu_count(), "python": platform.python_version()}


def bench_settings(rate_limit: float):
    """Settings with the API rate limit given (a stand-in while config.Settings lacks it)."""
    import dataclasses

    from powderkeg.config import Settings

    names = {f.name for f in dataclasses.fields(Settings)}
    if "api_rate_limit" in names:
        return Settings(api_rate_limit=rate_limit)
    cls = dataclasses.make_dataclass(
        "BenchSettings", [("api_rate_limit", float, dataclasses.field(default=rate_limit))],
        bases=(Settings,), frozen=True, slots=True, kw_only=True,
    )
    return cls()


def run_server(db: str, port: int, rate_limit: float) -> None:
    """What `powderkeg serve` runs (``api.serve``), with the rate limit of the benchmark."""
    from powderkeg.api import serve

    serve(db, "127.0.0.1", port, bench_settings(rate_limit))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--serve", nargs=2, metavar=("DB", "PORT"), help=argparse.SUPPRESS)
    ap.add_argument("--rate-limit", type=float, default=0.0)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--seconds", type=float, default=15)
    ap.add_argument("--max-requests", type=int, default=5_000)
    ap.add_argument("--concurrency", type=int, default=8)
    args = ap.parse_args()
    if args.serve:
        run_server(args.serve[0], int(args.serve[1]), args.rate_limit)
        return
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "load.duckdb"
        build(db, args.articles)
        port = free_port()
        server = psutil.Popen(
            [sys.executable, __file__, "--serve", str(db), str(port), "--rate-limit", str(args.rate_limit)],
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
            out = {"machine": host_info(), "articles": args.articles, "concurrency": args.concurrency,
                   "rate_limit": args.rate_limit, "server_rss_mb_before": round(rss_before / 2**20),
                   "rounds": []}
            for _ in range(args.rounds):
                routes = {}
                for route in ROUTES:
                    routes[route] = asyncio.run(
                        hammer(base, route, args.seconds, args.max_requests, args.concurrency)
                    )
                out["rounds"].append(
                    {"routes": routes, "server_rss_mb_after": round(server.memory_info().rss / 2**20)}
                )
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
