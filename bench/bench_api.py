"""API latency on a 10,000-article store: p50/p99 of each list route (target: under 200 ms).

    python bench/bench_api.py [--articles 10000] [--requests 30]

Builds a store of synthetic articles (a few events, one quote and one claim each) straight
from records, no NLP, then times requests in-process with FastAPI's TestClient (so the
figures include routing, validation, SQL and JSON, but not the network).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from powderkeg.api import create_app
from powderkeg.config import Settings
from powderkeg.records import PLOVER_TYPES, Actor, Article, ArticleResult, Claim, Event, Quote, Span
from powderkeg.store import Store

CODES = ("RUS", "UKR", "PRK", "KOR", "USA", "CHN", "TWN", "IRN", "ISR", "SYR")
QUAD = {
    "ASSAULT": ("material_conflict", -9.0),
    "THREATEN": ("verbal_conflict", -6.0),
    "AGREE": ("verbal_cooperation", 5.0),
    "AID": ("material_cooperation", 7.0),
}

ROUTES = [
    "/api/v1/articles",
    "/api/v1/events",
    "/api/v1/events?country=RUS&type=ASSAULT",
    "/api/v1/events?q=border&since=2024-06-01&until=2024-06-30",
    "/api/v1/events?sort=-intensity&limit=500",
    "/api/v1/quotes",
    "/api/v1/claims",
    "/api/v1/actors",
    "/api/v1/dyads",
    "/api/v1/dyads/RUS/UKR",
    "/api/v1/claims/groups?country=UKR&since=2024-12",
    "/api/v1/incidents?country=PRK&since=2024-12",
    "/api/v1/alerts?since=2024-10",
    "/api/v1/events?format=csv&limit=1000",
    "/",
    "/events?country=UKR",
    "/dyads/RUS/UKR",
    "/network",
    "/articles/bench-000042",
]


def _actor(code: str, start: int) -> Actor:
    return Actor(text=code, name=code, code=code, start=start, end=start + 3)


def results(n: int, seed: int = 11) -> list[ArticleResult]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        day = f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"
        text = (
            " ".join(
                f"{rng.choice(CODES)} shelled {rng.choice(CODES)} near the border, officials said."
                for _ in range(6)
            )
            + f' "We will respond," said a spokesman. About {i} people fled.'
        )
        aid = f"bench-{i:06d}"
        events = []
        for k in range(rng.randint(2, 4)):
            kind = rng.choice(list(QUAD))
            src, tgt = rng.sample(CODES, 2)
            events.append(
                Event(
                    id=f"e{k}",
                    article_id=aid,
                    type=kind if kind in PLOVER_TYPES else "ASSAULT",
                    quad=QUAD[kind][0],
                    intensity=QUAD[kind][1],
                    source=(_actor(src, 0),),
                    target=(_actor(tgt, 12),),
                    date=day,
                    date_precision="day",
                    factuality=rng.choice(("asserted", "reported", "future")),
                    evidence=Span(start=0, end=60, text=text[:60]),
                    trigger=Span(start=4, end=11, text=text[4:11]),
                    confidence=round(rng.random(), 2),
                )
            )
        q0 = text.index('"') + 1
        quote = Quote(
            id=f"q-{aid}",
            article_id=aid,
            text=text[q0 : q0 + 15],
            direct=True,
            speaker=_actor(rng.choice(CODES), q0 + 20),
            start=q0,
            end=q0 + 15,
            date=day,
        )
        c0 = text.index("About")
        claim = Claim(
            id=f"c-{aid}",
            article_id=aid,
            value=float(i % 500),
            about="people fled",
            holder=_actor(rng.choice(CODES), c0),
            evidence=Span(start=c0, end=len(text), text=text[c0:]),
            date=day,
        )
        out.append(
            ArticleResult(
                article=Article(id=aid, title=f"Bench {i}", published=day, outlet="Bench", text=text),
                events=events,
                quotes=[quote],
                claims=[claim],
            )
        )
    return out


def build(path: Path, n: int) -> float:
    """Insert the records straight into the store's tables (no duplicate checks: fast)."""
    import datetime as dt

    import pyarrow as pa

    from powderkeg.store import schema
    from powderkeg.store.migrations import actor_rows

    start = time.perf_counter()
    now = dt.datetime(2025, 1, 1)
    rows: dict[str, list[dict]] = {k: [] for k in schema.KINDS}
    actors: list[tuple] = []
    for result in results(n):
        for record in result.records():
            d = record.to_dict()
            rows[d["kind"]].append(schema.to_row(d["kind"], d, run_id="bench", added_at=now))
            if d["kind"] == "event":
                for role in ("source", "target"):
                    actors.extend(actor_rows(d["id"], d["article_id"], role, d[role]))
    with Store(path) as store:
        con = store.connection
        for kind, kind_rows in rows.items():
            table = schema.arrow_table(kind, kind_rows)
            cols = ", ".join(schema.quote_ident(c) for c in table.column_names)
            con.register("batch", table)
            con.execute(f"INSERT INTO {schema.TABLES[kind]} ({cols}) SELECT {cols} FROM batch")
            con.unregister("batch")
        names = ["event_id", "article_id", "role", "position", "text", "name", "code", "sector", "org"]
        con.register("batch", pa.table({k: [a[i] for a in actors] for i, k in enumerate(names)}))
        con.execute("INSERT INTO event_actors SELECT * FROM batch")
        con.unregister("batch")
    return time.perf_counter() - start


def time_route(client: TestClient, url: str, n: int) -> tuple[float, float, int]:
    times = []
    status = 0
    for _ in range(n):
        t = time.perf_counter()
        r = client.get(url)
        times.append((time.perf_counter() - t) * 1000)
        status = r.status_code
    times.sort()
    p99 = times[min(len(times) - 1, round(0.99 * (len(times) - 1)))]
    return statistics.median(times), p99, status


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--requests", type=int, default=30)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.duckdb"
        built = build(path, args.articles)
        with TestClient(create_app(path, Settings())) as client:
            counts = client.get("/api/v1/stats").json()["data"]
            print(f"store: {counts} built in {built:.1f} s")
            print(f"{'route':<64} {'first':>8} {'p50 ms':>8} {'p99 ms':>8}  status")
            slow = 0
            for url in ROUTES:
                first, _, _ = time_route(client, url, 1)  # cold: incidents and alerts are cached after
                p50, p99, status = time_route(client, url, args.requests)
                slow += p50 > 200
                flag = "  over 200 ms" if p50 > 200 else ""
                print(f"{url:<64} {first:8.1f} {p50:8.1f} {p99:8.1f}  {status}{flag}")
    print(f"{len(ROUTES) - slow}/{len(ROUTES)} routes under 200 ms at p50")
    return 0


if __name__ == "__main__":
    sys.exit(main())
