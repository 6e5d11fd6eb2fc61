"""Every error has the one shape; writing needs the token; bodies have a size limit."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sample_store import TOKEN

from powderkeg.api import create_app
from powderkeg.config import Settings

V1 = "/api/v1"


def assert_error(r, status: int, code: str | None = None) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error"}
    err = body["error"]
    assert set(err) == {"status", "code", "message", "detail"}
    assert err["status"] == status and isinstance(err["message"], str) and err["message"]
    if code:
        assert err["code"] == code
    return err


@pytest.mark.parametrize(
    ("path", "params", "status", "code"),
    [
        ("events", {"limit": 0}, 422, "bad_parameter"),
        ("events", {"limit": 1001}, 422, "bad_parameter"),
        ("events", {"limit": "many"}, 422, "bad_parameter"),
        ("events", {"since": "yesterday"}, 422, "bad_parameter"),
        ("events", {"until": "2025-02-30"}, 422, "bad_parameter"),
        ("events", {"type": "PARTY"}, 422, "bad_parameter"),
        ("events", {"quad": "war"}, 422, "bad_parameter"),
        ("events", {"factuality": "maybe"}, 422, "bad_parameter"),
        ("events", {"country": "R1S"}, 422, "bad_parameter"),
        ("events", {"format": "xml"}, 422, "bad_parameter"),
        ("events", {"sort": "id; DROP TABLE events"}, 422, "bad_parameter"),
        ("events", {"cursor": "x"}, 422, "bad_cursor"),
        ("events", {"q": "x" * 500}, 422, "bad_parameter"),
        ("alerts", {"sort": "date"}, 422, "bad_parameter"),
        ("dyads/RUS/UKR", {"interval": "year"}, 422, "bad_parameter"),
        ("dyads/RUS/U-R", {}, 422, "bad_parameter"),
        ("claims/groups", {"disagreements": "perhaps"}, 422, "bad_parameter"),
        ("articles/none", {}, 404, "not_found"),
        ("no/such/route", {}, 404, "not_found"),
    ],
)
def test_bad_requests_have_the_error_shape(
    client: TestClient, path: str, params: dict, status: int, code: str
) -> None:
    err = assert_error(client.get(f"{V1}/{path}", params=params), status, code)
    if status == 422 and code == "bad_parameter":
        assert err["detail"]


def test_validation_detail_names_the_parameter(client: TestClient) -> None:
    err = assert_error(client.get(f"{V1}/events", params={"limit": 5000}), 422)
    assert err["detail"][0]["parameter"] == "limit" and err["detail"][0]["where"] == "query"


def test_wrong_method_is_405_with_the_shape(client: TestClient) -> None:
    assert_error(client.delete(f"{V1}/events"), 405, "method_not_allowed")
    assert_error(client.put(f"{V1}/articles"), 405, "method_not_allowed")


def test_write_disabled_without_a_configured_token(client: TestClient) -> None:
    err = assert_error(
        client.post(f"{V1}/articles", json={"text": "x"}, headers={"Authorization": "Bearer anything"}),
        403,
        "forbidden",
    )
    assert "api_token" in err["message"]


def test_no_token_is_401_and_wrong_token_is_403(write_client: TestClient) -> None:
    r = write_client.post(f"{V1}/articles", json={"text": "Russia shelled Kharkiv."})
    assert_error(r, 401, "unauthorized")
    assert r.headers["www-authenticate"] == "Bearer"
    for header in ("Bearer wrong", "Basic " + TOKEN, "Bearer", TOKEN):
        r = write_client.post(f"{V1}/articles", json={"text": "x"}, headers={"Authorization": header})
        assert r.status_code in (401, 403)
        assert_error(r, r.status_code)
    assert_error(
        write_client.post(
            f"{V1}/articles", json={"text": "x"}, headers={"Authorization": "Bearer " + TOKEN + "x"}
        ),
        403,
        "forbidden",
    )


def auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}


def test_accepted_article_is_processed_and_stored(write_client: TestClient) -> None:
    text = "Russia shelled Kharkiv overnight, officials said."
    r = write_client.post(
        f"{V1}/articles",
        json={"text": text, "id": "posted-1", "title": "Shelling", "published": "2025-03-28"},
        headers=auth(),
    )
    assert r.status_code == 201, r.text
    data = r.json()["data"]
    assert data["articles"] == ["posted-1"] and data["added"] == 1 and data["records"]["event"] == 1
    stored = write_client.get(data["links"][0]).json()
    assert stored["data"]["text"] == text and stored["events"][0]["id"] == "ev-post"
    again = write_client.post(f"{V1}/articles", json={"text": text, "id": "posted-1"}, headers=auth())
    assert again.status_code == 201 and again.json()["data"]["skipped"] == 1


def test_post_html_article(write_client: TestClient) -> None:
    html = (
        "<html><head><title>Clash</title></head><body><article><h1>Clash</h1><p>"
        + "Troops exchanged fire at the border on Monday, the ministry said. " * 5
        + "</p></article></body></html>"
    )
    r = write_client.post(f"{V1}/articles", json={"html": html, "id": "posted-html"}, headers=auth())
    assert r.status_code == 201, r.text
    assert "Troops exchanged fire" in write_client.get(f"{V1}/articles/posted-html").json()["data"]["text"]


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"title": "no text"},
        {"text": 5},
        {"text": "x", "bogus": 1},
        {"url": "file:///etc/passwd"},
        {"text": "   "},
    ],
)
def test_bad_bodies_are_422(write_client: TestClient, body: dict) -> None:
    r = write_client.post(f"{V1}/articles", json=body, headers=auth())
    assert_error(r, 422)


def test_malformed_json_is_422(write_client: TestClient) -> None:
    r = write_client.post(
        f"{V1}/articles", content=b"{not json", headers={**auth(), "content-type": "application/json"}
    )
    assert_error(r, 422, "bad_parameter")


def test_body_over_the_limit_is_413(write_client: TestClient) -> None:
    r = write_client.post(f"{V1}/articles", json={"text": "x" * 20_000}, headers=auth())
    assert_error(r, 413, "too_large")


def test_streamed_body_over_the_limit_is_413(write_client: TestClient) -> None:
    def chunks():
        for _ in range(30):
            yield b"x" * 1000

    r = write_client.post(
        f"{V1}/articles", content=chunks(), headers={**auth(), "content-type": "application/json"}
    )
    assert_error(r, 413, "too_large")


def test_internal_error_has_the_shape_and_hides_details(store_path: Path) -> None:
    app = create_app(store_path, Settings())

    @app.get("/api/v1/boom")
    def boom() -> None:
        raise RuntimeError("secret internals")

    with TestClient(app, raise_server_exceptions=False) as c:
        err = assert_error(c.get("/api/v1/boom"), 500, "internal_error")
        assert "secret" not in err["message"]


def test_openapi_describes_the_routes(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in (
        "/api/v1/events",
        "/api/v1/articles",
        "/api/v1/articles/{article_id}",
        "/api/v1/dyads/{a}/{b}",
        "/api/v1/claims/groups",
        "/api/v1/alerts",
        "/api/v1/incidents",
        "/api/v1/actors",
    ):
        assert path in spec["paths"]
    params = {p["name"] for p in spec["paths"]["/api/v1/events"]["get"]["parameters"]}
    assert {"limit", "cursor", "sort", "format", "since", "until", "country", "actor", "q"} <= params
    assert "post" in spec["paths"]["/api/v1/articles"]


def test_no_cors_by_default_and_security_headers(client: TestClient) -> None:
    r = client.get(f"{V1}/events", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'self'" in r.headers["content-security-policy"]


def test_cors_when_asked(store_path: Path) -> None:
    app = create_app(store_path, Settings(), cors_origins=["https://ok.example"])
    with TestClient(app) as c:
        r = c.get(f"{V1}/stats", headers={"Origin": "https://ok.example"})
        assert r.headers["access-control-allow-origin"] == "https://ok.example"


@pytest.mark.parametrize(
    "path",
    [
        "/static/../app.py",
        "/static/%2e%2e/app.py",
        "/static/..%2fapp.py",
        "/static/../../config.py",
        "/static/nope.css",
    ],
)
def test_no_path_traversal_in_static_files(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404
    assert "create_app" not in r.text
