"""Rate limits, the time budget per request, and the server's connection settings."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sample_store import TOKEN, FakePipeline, build_store, settings
from test_errors import assert_error

from powderkeg.api import app as app_module
from powderkeg.api import create_app
from powderkeg.api.guards import Buckets, Rate
from powderkeg.api.routes import Con

V1 = "/api/v1"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
SLOW = 10**12  # a refill rate so slow that no token comes back during a test


# -- rate limits ------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_bucket_allows_a_burst_then_refills_at_the_rate() -> None:
    clock = Clock()
    buckets = Buckets(Rate(per_second=2, burst=3), clock)
    assert [buckets.take("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert buckets.take("a") == pytest.approx(0.5)
    assert buckets.take("b") == 0.0  # another client has its own bucket
    clock.now += 0.5
    assert buckets.take("a") == 0.0
    assert buckets.take("a") > 0
    clock.now += 100  # never more than the burst
    assert [buckets.take("a") for _ in range(4)][-1] > 0


def test_buckets_stay_bounded_across_many_clients() -> None:
    clock = Clock()
    buckets = Buckets(Rate(per_second=1, burst=2), clock, max_clients=100)
    for i in range(1000):
        buckets.take(f"10.0.{i // 256}.{i % 256}")
        clock.now += 0.01
    assert len(buckets) <= 100


@pytest.fixture()
def limited(store_path: Path) -> Iterator[TestClient]:
    s = settings(api_rate_limit=1 / SLOW, api_rate_burst=3, api_write_rate_limit=1 / SLOW, api_write_burst=1)
    with TestClient(create_app(store_path, s)) as c:
        yield c


def test_over_the_rate_is_429_with_retry_after(limited: TestClient) -> None:
    for _ in range(3):
        assert limited.get(f"{V1}/stats").status_code == 200
    r = limited.get(f"{V1}/stats")
    err = assert_error(r, 429, "too_many_requests")
    assert int(r.headers["retry-after"]) >= 1 and err["detail"]["retry_after"] == int(r.headers["retry-after"])
    assert r.headers["x-content-type-options"] == "nosniff"
    # dashboard pages and static files count too
    assert limited.get("/events").status_code == 429


def test_rate_limit_is_per_client_address(limited: TestClient) -> None:
    for _ in range(4):
        limited.get(f"{V1}/stats")
    other = TestClient(limited.app, client=("192.0.2.7", 4000))
    assert other.get(f"{V1}/stats").status_code == 200


def test_writes_have_their_own_tighter_bucket(tmp_path: Path) -> None:
    s = settings(api_token=TOKEN, api_rate_limit=0, api_write_rate_limit=1 / SLOW, api_write_burst=2)
    app = create_app(build_store(tmp_path / "w.duckdb"), s, pipeline_factory=FakePipeline)
    with TestClient(app) as c:
        for i in range(2):
            body = {"text": f"Russia shelled Kharkiv, day {i}."}
            assert c.post(f"{V1}/articles", json=body, headers=AUTH).status_code == 201
        r = c.post(f"{V1}/articles", json={"text": "Russia shelled Kharkiv again."}, headers=AUTH)
        assert_error(r, 429, "too_many_requests")
        assert "retry-after" in r.headers
        assert all(c.get(f"{V1}/stats").status_code == 200 for _ in range(50))  # reads unlimited (0)


def test_default_limits_are_on_and_generous(store_path: Path) -> None:
    from powderkeg.config import Settings

    assert app_module.API_DEFAULTS["api_rate_limit"] > 0 and app_module.API_DEFAULTS["api_rate_burst"] >= 20
    with TestClient(create_app(store_path, Settings())) as c:
        codes = [c.get(f"{V1}/stats").status_code for _ in range(40)]
        assert codes == [200] * 40  # the burst: pages and their assets never trip the limit
        for _ in range(2000):  # a client looping without pause does, sooner or later
            if c.get(f"{V1}/stats").status_code == 429:
                break
        else:
            pytest.fail("2,000 requests in a row without a 429")


# -- time budget ------------------------------------------------------------------------


@pytest.fixture()
def budget_app(store_path: Path):
    app = create_app(store_path, settings(api_time_budget=0.2))
    finished = threading.Event()
    seen: list[BaseException | str] = []

    @app.get("/api/v1/slow-sql")
    def slow_sql(con: Con) -> dict:
        try:
            con.execute("SELECT sum(hash(i)) FROM range(1000000000000) t(i)").fetchone()
            seen.append("finished")
        except Exception as exc:
            seen.append(exc)
        finally:
            finished.set()
        return {"data": None}

    @app.get("/api/v1/slow-python")
    def slow_python() -> dict:
        finished.wait(30)  # until the test lets it go
        return {"data": "late"}

    app.state.test_finished = finished
    app.state.test_seen = seen
    return app


def test_request_over_the_budget_is_503_and_its_query_interrupted(budget_app) -> None:
    import duckdb

    with TestClient(budget_app) as c:
        err = assert_error(c.get(f"{V1}/slow-sql"), 503, "timeout")
        assert err["detail"] == {"budget_seconds": 0.2}
        assert budget_app.state.test_finished.wait(60)
        assert isinstance(budget_app.state.test_seen[0], duckdb.InterruptException)
        assert c.get(f"{V1}/stats").status_code == 200  # the server goes on


def test_a_thread_that_cannot_be_stopped_still_gets_an_answer(budget_app) -> None:
    with TestClient(budget_app) as c:
        r = c.get(f"{V1}/slow-python", headers={"accept": "text/html"})
        assert_error(r, 503, "timeout")
        budget_app.state.test_finished.set()  # let the worker thread end
        assert c.get(f"{V1}/stats").status_code == 200


def test_fast_requests_and_errors_pass_through_the_budget(store_path: Path) -> None:
    app = create_app(store_path, settings(api_time_budget=30))

    @app.get("/api/v1/boom")
    def boom() -> None:
        raise RuntimeError("secret internals")

    with TestClient(app, raise_server_exceptions=False) as c:
        assert c.get(f"{V1}/events", params={"limit": 2}).json()["data"]
        assert_error(c.get(f"{V1}/boom"), 500, "internal_error")
        assert_error(c.get(f"{V1}/events", params={"limit": 0}), 422, "bad_parameter")


# -- the server -------------------------------------------------------------------------


def test_serve_binds_to_loopback_with_bounded_connections(monkeypatch, store_path: Path) -> None:
    import uvicorn

    seen = []
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, *a, **k: seen.append(self.config))
    app_module.serve(store_path, settings=settings())
    (config,) = seen
    assert config.host == "127.0.0.1"
    assert config.proxy_headers is False and config.server_header is False
    assert 0 < config.timeout_keep_alive <= 30
    assert config.h11_max_incomplete_event_size == app_module.MAX_HEAD_BYTES
    assert config.limit_concurrency == app_module.MAX_CONCURRENCY


def test_cli_serve_defaults_to_loopback(monkeypatch, store_path: Path) -> None:
    from typer.testing import CliRunner

    import powderkeg.api
    from powderkeg.cli import app as cli

    calls = []
    monkeypatch.setattr(powderkeg.api, "serve", lambda *a, **k: calls.append(a))
    result = CliRunner().invoke(cli, ["serve", "--db", str(store_path)])
    assert result.exit_code == 0, result.output
    assert calls[0][1] == "127.0.0.1"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """The app under uvicorn with ``serve``'s configuration, on a loopback port."""
    import uvicorn

    path = build_store(tmp_path_factory.mktemp("live") / "live.duckdb")
    app = create_app(path, settings(api_token=TOKEN), max_body=10_000, pipeline_factory=FakePipeline)
    port = _free_port()
    config = app_module.server_config(app, "127.0.0.1", port)
    config.log_level = "warning"
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield port
    server.should_exit = True
    thread.join(20)


def raw_request(port: int, data: bytes) -> bytes:
    """Bytes sent as they are (no client normalising the path), the whole answer back."""
    with socket.create_connection(("127.0.0.1", port), timeout=20) as s:
        s.sendall(data)
        chunks = []
        while chunk := s.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_live_chunked_body_over_the_limit_is_413(live: int) -> None:
    chunk = b"x" * 4000
    body = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(5)) + b"0\r\n\r\n"
    head = (
        b"POST /api/v1/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
        b"Content-Type: application/json\r\nAuthorization: Bearer " + TOKEN.encode() + b"\r\n"
        b"Connection: close\r\n\r\n"
    )
    answer = raw_request(live, head + body)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert b'"code": "too_large"' in answer or b'"code":"too_large"' in answer


def test_live_endless_headers_are_cut_off(live: int) -> None:
    # a head that never ends is dropped once over MAX_HEAD_BYTES, not buffered for ever
    head = b"GET /api/v1/stats HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * (2 * app_module.MAX_HEAD_BYTES)
    answer = raw_request(live, head)
    assert answer.startswith(b"HTTP/1.1 4"), answer[:100]
