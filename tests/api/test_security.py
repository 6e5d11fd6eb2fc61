"""Hostile clients: writes without a token, SQL injection, path traversal, HTML injection,
cross-origin reads and server-side request forgery."""

from __future__ import annotations

import ast
import asyncio
import base64
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sample_store import TOKEN, FakePipeline, build_store, settings
from test_errors import assert_error

from powderkeg.api import create_app, queries, web
from powderkeg.api.params import Filters, Page, encode_cursor
from powderkeg.api.submit import check_url

V1 = "/api/v1"
API = Path(queries.__file__).parent
READ_METHODS = {"GET", "HEAD"}


def _concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "x", path)


# -- auth on every write route ------------------------------------------------------------


def _all_routes(routes) -> Iterator[APIRoute]:
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        inner = getattr(route, "original_router", None) or getattr(route, "router", None)
        if inner is not None and hasattr(inner, "routes"):  # included routers (FastAPI >= 0.16x)
            yield from _all_routes(inner.routes)


def _write_routes(app) -> list[tuple[str, str]]:
    """Every (method, path) of the app other than GET/HEAD: from its routes, and from its
    OpenAPI description as a cross-check."""
    found = {
        (method, _concrete(route.path)) for route in _all_routes(app.routes) for method in route.methods - READ_METHODS
    }
    for path, ops in app.openapi()["paths"].items():
        found |= {(m.upper(), _concrete(path)) for m in ops if m.upper() not in READ_METHODS}
    return sorted(found)


def test_every_write_route_needs_the_token(write_client: TestClient, client: TestClient) -> None:
    routes = _write_routes(write_client.app)
    assert ("POST", f"{V1}/articles") in routes
    for method, path in routes:
        r = write_client.request(method, path, json={"text": "Russia shelled Kharkiv."})
        assert_error(r, 401, "unauthorized")
        r = write_client.request(method, path, json={"text": "x"}, headers={"Authorization": "Bearer no"})
        assert_error(r, 403, "forbidden")
        r = client.request(method, path, json={"text": "x"}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert_error(r, 403, "forbidden")  # no token configured: writing disabled
    assert write_client.get(f"{V1}/stats").json()["data"]["articles"] == 12


def test_static_files_cannot_be_written(write_client: TestClient) -> None:
    for method in ("POST", "PUT", "DELETE"):
        assert write_client.request(method, "/static/app.css").status_code == 405


# -- SQL --------------------------------------------------------------------------------

SQL_WORDS = re.compile(r"\b(SELECT|FROM|WHERE|ORDER BY|GROUP BY|LIMIT|JOIN|EXISTS|AND|OR|INSERT|UPDATE|DELETE)\b")
#: Every expression interpolated into SQL text in the API, by file. Each is built from
#: the fixed tables of ``queries`` or from schema names, never from a request value. A
#: new one is a reviewed change to this list.
SQL_INTERPOLATIONS = {
    "queries.py": {
        "_DAY",
        "_NO_DATE",
        "alias",
        "schema.quote_ident(c)",
        "expr",
        "e",
        "condition",
        "column",
        "res.columns",
        "key.expr",
        "res.tiebreak",
        "res.rows",
        "where",
        "group",
        "inner",
        "outer_where",
        "order",
        "op",
        "res.group_by",
        "' AND '.join(clauses)",
        "cols",
        "table",
        "_cols(kind)",
        "schema.TABLES[kind]",
    },
    "insights.py": {"' AND '.join(clauses)", "fwd", "where", "_cols('event')", "EVENTS.rows", "MAX_EVENTS"},
}
REQUEST_NAMES = {
    "request",
    "filters",
    "page",
    "pg",
    "f",
    "value",
    "v",
    "values",
    "text",
    "cursor",
    "record_id",
    "article_id",
    "asked",
    "raw_key",
    "raw_tb",
    "k",
}


def _sql_interpolations(path: Path) -> set[str]:
    """Expressions formatted into string literals that look like SQL (f-strings, %, format)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
            if SQL_WORDS.search(text):
                found.update(ast.unparse(v.value) for v in node.values if isinstance(v, ast.FormattedValue))
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            if isinstance(node.left, ast.Constant) and SQL_WORDS.search(str(node.left.value)):
                found.add(ast.unparse(node.right))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
            target = node.func.value
            if isinstance(target, ast.Constant) and SQL_WORDS.search(str(target.value)):
                found.update(ast.unparse(a) for a in node.args)
    return found


@pytest.mark.parametrize("name", sorted(p.name for p in API.glob("*.py")))
def test_sql_is_built_from_allow_listed_pieces_only(name: str) -> None:
    found = _sql_interpolations(API / name)
    allowed = SQL_INTERPOLATIONS.get(name, set())
    assert found <= allowed, f"{name}: SQL built from {sorted(found - allowed)}; bind request values with ?"
    names = {n.id for expr in found for n in ast.walk(ast.parse(expr)) if isinstance(n, ast.Name)}
    assert not names & REQUEST_NAMES


def test_the_scan_finds_interpolation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        'a = f"SELECT * FROM events WHERE id = {value}"\nb = "SELECT %s FROM t" % v\n'
        'c = "DELETE FROM t WHERE x = {}".format(q)\n'
    )
    assert _sql_interpolations(bad) == {"value", "v", "q"}


class Recorder:
    """A stand-in connection that keeps the SQL it is given."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, list]] = []

    def execute(self, sql: str, params: list | None = None) -> Recorder:
        self.calls.append((sql, list(params or [])))
        return self

    def fetchall(self) -> list:
        return []


MARK = "zz'\"mark"


@pytest.mark.parametrize("name", sorted(queries.RESOURCES))
def test_request_values_reach_sql_only_as_parameters(name: str) -> None:
    res = queries.RESOURCES[name]
    given = {
        "since": None,
        "until": None,
        "actor": MARK,
        "country": (MARK,),
        "type": (MARK,),
        "quad": (MARK,),
        "factuality": (MARK,),
        "q": MARK,
        "article_id": MARK,
    }
    f = Filters(**{k: v for k, v in given.items() if k in res.filters})
    sort = res.default_sort.lstrip("-")
    key_type = res.sorts[sort].type
    key = {"date": "2025-01-01", "number": 1, "text": MARK}[key_type]
    cursor = encode_cursor(name, res.default_sort, key, MARK)
    con = Recorder()
    queries.list_rows(con, res, f, Page(cursor=cursor))  # type: ignore[arg-type]
    ((sql, params),) = con.calls
    assert "mark" not in sql and MARK in [p if isinstance(p, str) else None for p in params] + [
        x for p in params if isinstance(p, list) for x in p
    ]


# -- SQL injection against the running app -----------------------------------------------

PAYLOADS = [
    "' OR '1'='1",
    "RUS' OR 1=1 --",
    "1; DROP TABLE events; --",
    '") OR ("1"="1',
    "%' UNION SELECT * FROM articles --",
    "x'); DELETE FROM articles; --",
]
PARAMS = [
    "since",
    "until",
    "actor",
    "country",
    "type",
    "quad",
    "factuality",
    "q",
    "article_id",
    "sort",
    "cursor",
    "limit",
    "format",
]
LISTS = ["articles", "events", "quotes", "claims", "actors", "dyads", "incidents", "alerts", "claims/groups"]


def _cursors(payload: str) -> list[str]:
    """Cursors that decode, with the payload where the key and the tiebreak go."""
    out = [payload]
    for name, sort in (
        ("events", "-date"),
        ("articles", "-published"),
        ("actors", "-events"),
        ("incidents", "default"),
    ):
        for key in (payload, 1, "2025-01-01"):
            out.append(encode_cursor(name, sort, key, payload))
    out.append(base64.urlsafe_b64encode(json.dumps(["events", "-date", payload, 1]).encode()).decode())
    return out


@pytest.fixture(scope="module")
def rw_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """Over a store opened for writing, so that a successful injection could change it."""
    path = build_store(tmp_path_factory.mktemp("sqli") / "rw.duckdb")
    app = create_app(path, settings(api_token=TOKEN), pipeline_factory=FakePipeline)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def _fingerprint(c: TestClient) -> str:
    con = c.app.state.store.connection.cursor()
    try:
        tables = con.execute("SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall()
        counts = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for (t,) in tables}
    finally:
        con.close()
    return json.dumps(counts, sort_keys=True)


@pytest.mark.parametrize("path", LISTS)
def test_sql_injection_in_every_list_parameter(rw_client: TestClient, path: str) -> None:
    before = _fingerprint(rw_client)
    everything = {
        json.dumps(x, sort_keys=True) for x in rw_client.get(f"{V1}/{path}", params={"limit": 1000}).json()["data"]
    }
    for param in PARAMS:
        for payload in PAYLOADS:
            for value in _cursors(payload) if param == "cursor" else [payload]:
                r = rw_client.get(f"{V1}/{path}", params={param: value})
                assert r.status_code == 200 or 400 <= r.status_code < 500, (param, value, r.text[:300])
                if r.status_code == 200:
                    rows = r.json()["data"]
                    assert {json.dumps(x, sort_keys=True) for x in rows} <= everything
                    if param in ("actor", "q", "article_id"):
                        assert rows == [], (param, value)
                else:
                    assert_error(r, r.status_code)
    assert _fingerprint(rw_client) == before


@pytest.mark.parametrize("page", ["/events", "/network", "/claims", "/dyads/RUS/UKR"])
def test_sql_injection_on_dashboard_pages(rw_client: TestClient, page: str) -> None:
    before = _fingerprint(rw_client)
    for param in [*PARAMS, "interval", "disagreements"]:
        for payload in PAYLOADS[:3]:
            r = rw_client.get(page, params={param: payload})
            assert r.status_code < 500, (param, payload, r.text[:300])
    assert _fingerprint(rw_client) == before


# -- path traversal ---------------------------------------------------------------------


def asgi_get(app, raw_path: bytes) -> tuple[int, bytes]:
    """One GET with the path exactly as a server would decode it (no client normalising)."""
    path, _, query = raw_path.partition(b"?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": unquote(path.decode("ascii")),
        "raw_path": path,
        "query_string": query,
        "root_path": "",
        "headers": [(b"host", b"testserver")],
        "client": ("127.0.0.1", 1),
        "server": ("testserver", 80),
    }
    out: dict = {"body": b"", "asked": 0}

    async def main() -> None:
        done = asyncio.Event()

        async def receive() -> dict:
            out["asked"] += 1
            if out["asked"] == 1:
                return {"type": "http.request", "body": b"", "more_body": False}
            await done.wait()  # the client goes away once the response is complete
            return {"type": "http.disconnect"}

        async def send(message: dict) -> None:
            if message["type"] == "http.response.start":
                out["status"] = message["status"]
            elif message["type"] == "http.response.body":
                out["body"] += message.get("body", b"")
                if not message.get("more_body"):
                    done.set()

        await asyncio.wait_for(app(scope, receive, send), 30)

    asyncio.run(main())
    return out["status"], out["body"]


TRAVERSALS = [
    "/static/../../etc/passwd",
    "/static/../../../../../../etc/passwd",
    "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static/%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
    "/static/%252e%252e/%252e%252e/etc/passwd",
    "/static/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/static/..%252f..%252fetc%252fpasswd",
    "/static/..%5c..%5c..%5cetc%5cpasswd",
    "/static/....//....//etc/passwd",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/static/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
    "/static/../app.py",
    "/static/..%2fapp.py",
    "/static/%2e%2e/templates/base.html",
    "/static/app.css%00../../app.py",
    "/articles/..%2f..%2fetc%2fpasswd",
    "/articles/../../etc/passwd",
    "/articles/%2e%2e/%2e%2e/etc/passwd",
    "/api/v1/articles/..%2f..%2fetc%2fpasswd",
    "/api/v1/articles/../../../etc/passwd",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_no_file_outside_the_static_folder(client: TestClient, path: str) -> None:
    status, body = asgi_get(client.app, path.encode())
    assert status in (400, 404), (status, body[:200])
    assert b"root:" not in body and b"create_app" not in body and b"{% block" not in body


def test_the_traversal_helper_reaches_static_files(client: TestClient) -> None:
    status, body = asgi_get(client.app, b"/static/app.css")
    assert status == 200 and body


# -- HTML injection on every dashboard page ----------------------------------------------

EVIL = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>'><svg onload=alert(3)>"
EVIL_ID = 'evil"><script>alert(4)</script>'


def _hostile_store(path: Path) -> Path:
    from powderkeg.records import Actor, Article, ArticleResult, Claim, Event, Quote, Span
    from powderkeg.store import Store

    text = f'{EVIL} attacked {EVIL} near the border. "We {EVIL} will win," said {EVIL}. {EVIL} said 40 {EVIL} died.'
    article = Article(id=EVIL_ID, title=EVIL, published="2025-03-05", outlet=EVIL, url="javascript:alert(5)", text=text)

    def actor(code: str, start: int) -> Actor:
        return Actor(text=EVIL, name=EVIL, code=code, sector=EVIL, start=start, end=start + len(EVIL))

    second = text.index(EVIL, 1)
    events = [
        Event(
            id=f"{EVIL}-{i}",
            article_id=EVIL_ID,
            type="ASSAULT",
            quad="material_conflict",
            intensity=-9.0,
            source=(actor("RUS", 0),),
            target=(actor("UKR", second),),
            date=f"2025-03-0{i + 1}",
            date_precision="day",
            factuality="asserted",
            evidence=Span(start=0, end=len(text), text=text),
            trigger=Span(start=len(EVIL) + 1, end=len(EVIL) + 9, text="attacked"),
            confidence=0.9,
        )
        for i in range(3)
    ]
    q_start = text.index('"') + 1
    q_end = text.index(',"')
    quote_ = Quote(
        id=EVIL,
        article_id=EVIL_ID,
        text=text[q_start:q_end],
        direct=True,
        speaker=actor("RUS", q_end + 7),
        cue="said",
        start=q_start,
        end=q_end,
        date="2025-03-05",
    )
    claims = [
        Claim(
            id=f"{EVIL}-c{i}",
            article_id=EVIL_ID,
            value=40.0 + i,
            qualifier="exact",
            unit=None,
            about=EVIL,
            group=EVIL,
            holder=actor("UKR" if i else "RUS", 0),
            evidence=Span(start=0, end=len(text), text=text),
            date="2025-03-05",
        )
        for i in range(2)
    ]
    with Store(path) as store:
        summary = store.add([ArticleResult(article=article, events=events, quotes=[quote_], claims=claims)])
        assert summary.failed == 0, summary.failures
    return path


class Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def assert_no_injected_markup(page: str, where: str) -> None:
    parser = Markup()
    parser.feed(page)
    for tag, attrs in parser.tags:
        assert tag not in ("img", "iframe", "object", "embed"), (where, tag, attrs)
        if tag == "script":
            assert attrs == {"src": "/static/app.js", "defer": None}, (where, attrs)
        if tag == "svg":
            assert "onload" not in attrs, where
        for name, value in attrs.items():
            assert not name.startswith("on"), (where, tag, name)
            if name in ("href", "src", "action", "xlink:href") and value:
                assert not value.strip().lower().startswith(("javascript:", "data:text")), (where, value)


def _dashboard_urls() -> list[str]:
    art = quote(EVIL_ID, safe="")
    evil = quote(EVIL, safe="")
    return [
        "/",
        "/events",
        f"/events?actor={evil}",
        f"/events?q={evil}",
        f"/events?sort={evil}",
        f"/articles/{art}",
        f"/articles/{evil}",
        "/dyads/RUS/UKR",
        f"/dyads/RUS/UKR?actor={evil}",
        "/network",
        "/claims",
        f"/claims?q={evil}",
    ]


def test_the_hostile_pages_cover_every_dashboard_route() -> None:
    templates = {r.path for r in web.router.routes}
    covered = {"/", "/events", "/articles/{article_id:path}", "/dyads/{a}/{b}", "/network", "/claims"}
    assert templates == covered, "a new dashboard page needs a hostile-text test here"


def test_hostile_text_is_escaped_on_every_dashboard_page(tmp_path: Path) -> None:
    path = _hostile_store(tmp_path / "evil.duckdb")
    with TestClient(create_app(path, settings())) as c:
        for url in _dashboard_urls():
            for accept in ("text/html", "*/*"):
                r = c.get(url, headers={"accept": accept})
                assert r.status_code < 500, (url, r.text[:300])
                if r.headers["content-type"].startswith("text/html"):
                    assert_no_injected_markup(r.text, url)
                    assert "<script>alert" not in r.text and "onerror=alert(2)>" not in r.text
        article = c.get(f"/articles/{quote(EVIL_ID, safe='')}")
        assert article.status_code == 200 and "&lt;script&gt;alert(1)&lt;/script&gt;" in article.text
        assert "javascript:" not in article.text


# -- cross-origin ---------------------------------------------------------------------------


def test_no_cors_for_a_cross_origin_preflight_or_read(client: TestClient) -> None:
    headers = {"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"}
    for r in (client.options(f"{V1}/events", headers=headers), client.get(f"{V1}/events", headers=headers)):
        assert not any(h.startswith("access-control-") for h in r.headers)


# -- server-side request forgery ------------------------------------------------------------


def _resolver(*addresses: str):
    return lambda host, port: list(addresses)


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.8.9.10",
        "::1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "fe80::1",
        "fd00::1",
        "0.0.0.0",
        "100.64.0.1",
        "224.0.0.1",
        "::ffff:127.0.0.1",
    ],
)
def test_private_addresses_are_refused(address: str) -> None:
    with pytest.raises(Exception) as info:
        check_url("http://news.example/a", resolve=_resolver("93.184.216.34", address))
    assert info.value.status == 422 and info.value.code == "bad_url"  # type: ignore[attr-defined]


def test_public_addresses_and_the_setting_are_allowed() -> None:
    check_url("https://news.example/a", resolve=_resolver("93.184.216.34", "2606:2800:220:1::1"))
    check_url("http://127.0.0.1/", allow_private=True, resolve=_resolver("127.0.0.1"))


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://news.example/a", "gopher://127.0.0.1/", "http:///x"])
def test_other_schemes_are_refused(url: str) -> None:
    with pytest.raises(Exception) as info:
        check_url(url, allow_private=True, resolve=_resolver("93.184.216.34"))
    assert info.value.status == 422  # type: ignore[attr-defined]


@pytest.fixture()
def fetches(monkeypatch) -> list[str]:
    from powderkeg.ingest import readers
    from powderkeg.records import Article

    seen: list[str] = []

    def fake_fetch(url, s, check=None):
        seen.append(url)
        yield Article(id="fetched", url=url, text="Russia shelled Kharkiv overnight, officials said.")

    monkeypatch.setattr(readers, "fetch_url", fake_fetch)
    return seen


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/api/v1/stats",
        "http://localhost/",
        "http://[::1]/",
        "http://0x7f000001/",
        "http://2130706433/",
        "file:///etc/passwd",
        "FILE:///etc/passwd",
    ],
)
def test_post_with_a_private_or_local_url_is_refused(write_client: TestClient, fetches: list, url: str) -> None:
    r = write_client.post(f"{V1}/articles", json={"url": url}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert_error(r, 422)
    assert fetches == []


def test_post_url_redirect_to_a_private_address_is_refused(write_client: TestClient, monkeypatch) -> None:
    """The address check also runs on every redirect hop: a public URL that redirects to
    loopback is refused (the fetch gets the API's check and calls it per hop)."""
    from powderkeg.ingest import readers
    from powderkeg.records import Article

    hops: list[str] = []

    def redirecting_fetch(url, s, check=None):
        assert check is not None, "the API must pass its address check to fetch_url"
        for hop in (url, "http://127.0.0.1:8000/api/v1/stats"):
            hops.append(hop)
            check(hop)
        yield Article(id="never", url=url, text="Russia shelled Kharkiv overnight, officials said.")

    monkeypatch.setattr(readers, "fetch_url", redirecting_fetch)
    r = write_client.post(f"{V1}/articles", json={"url": "http://93.184.216.34/a"},
                          headers={"Authorization": f"Bearer {TOKEN}"})
    assert_error(r, 422)
    assert r.json()["error"]["code"] == "bad_url"
    assert hops == ["http://93.184.216.34/a", "http://127.0.0.1:8000/api/v1/stats"]


def test_post_with_a_private_url_when_allowed(tmp_path: Path, fetches: list) -> None:
    s = settings(api_token=TOKEN, api_allow_private_urls=True)
    app = create_app(build_store(tmp_path / "p.duckdb"), s, pipeline_factory=FakePipeline)
    with TestClient(app) as c:
        r = c.post(f"{V1}/articles", json={"url": "http://127.0.0.1/x"}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 201, r.text
    assert fetches == ["http://127.0.0.1/x"]
