"""The dashboard pages: they render, link records to their evidence and escape everything."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from fastapi.testclient import TestClient

PAGES = [
    "/",
    "/events",
    "/events?country=RUS&type=ASSAULT&sort=intensity",
    "/events?q=script",
    "/articles/art-06",
    "/articles/art-02",
    "/dyads/RUS/UKR",
    "/dyads/RUS/UKR?interval=day",
    "/dyads/PRK/KOR",
    "/network",
    "/claims",
    "/claims?disagreements=true",
    "/events?actor=%3Cscript%3E",
]


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_and_escape_hostile_text(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200, r.text[:500]
    assert r.headers["content-type"].startswith("text/html")
    assert "<script>alert" not in r.text
    assert "<script" not in r.text.replace('<script src="/static/app.js" defer></script>', "")
    assert "default-src 'self'" in r.headers["content-security-policy"]


def test_hostile_text_is_shown_escaped(client: TestClient) -> None:
    page = client.get("/articles/art-06").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert client.get("/events?q=script").text.count("&lt;script&gt;") >= 1


def test_article_marks_every_record_and_anchors_resolve(client: TestClient) -> None:
    page = client.get("/articles/art-02").text
    for ref in ("e-ev-02-0", "e-ev-02-1", "q-q-02", "c-c-02"):
        assert f'id="{ref}"' in page
        assert re.search(rf'<mark class="[^"]*" data-refs="[^"]*\b{ref}\b', page)
        assert f'href="#{ref}"' in page


def test_marked_text_is_the_article_text(client: TestClient) -> None:
    api = client.get("/api/v1/articles/art-02").json()["data"]["text"]
    page = client.get("/articles/art-02").text
    body = page.split('id="text">', 1)[1].split("</div>", 1)[0]
    plain = re.sub(r"<[^>]+>", "", body)
    assert (
        plain.replace("&#34;", '"').replace("&quot;", '"').replace("&#39;", "'").replace("&amp;", "&") == api
    )


def test_every_record_link_goes_to_an_existing_anchor(client: TestClient) -> None:
    for path in ("/", "/events", "/dyads/RUS/UKR", "/claims"):
        for href in set(re.findall(r'href="(/articles/[^"#]+)#([^"]+)"', client.get(path).text)):
            article = client.get(unquote(href[0]))
            assert article.status_code == 200
            assert f'id="{href[1]}"' in article.text, (path, href)


def test_overview_links_alerts_to_incidents(client: TestClient) -> None:
    page = client.get("/").text
    assert 'class="alert level-high"' in page
    assert 'href="/dyads/RUS/UKR#incidents"' in page
    dyad = client.get("/dyads/RUS/UKR").text
    assert 'id="incidents"' in dyad and "<svg" in dyad and 'class="bar conflict"' in dyad


def test_network_svg_has_nodes_and_edges(client: TestClient) -> None:
    page = client.get("/network").text
    assert page.count('class="node"') == 5
    assert 'href="/dyads/RUS/UKR"' in page


def test_events_page_pages_and_keeps_filters(client: TestClient) -> None:
    page = client.get("/events?limit=2&country=RUS").text
    nxt = re.search(r'rel="next" href="([^"]+)"', page).group(1).replace("&amp;", "&")
    assert "country=RUS" in nxt and "cursor=" in nxt
    assert client.get(nxt).status_code == 200


def test_bad_filter_on_a_page_is_an_html_error(client: TestClient) -> None:
    r = client.get("/events?since=never", headers={"accept": "text/html"})
    assert r.status_code == 422 and "<h1>422" in r.text
    r = client.get("/articles/nope", headers={"accept": "text/html"})
    assert r.status_code == 404 and "&#39;nope&#39;" in r.text


def test_javascript_urls_are_not_linked(store_path, tmp_path) -> None:
    from powderkeg.api import create_app
    from powderkeg.config import Settings
    from powderkeg.records import Article, ArticleResult
    from powderkeg.store import Store

    path = tmp_path / "js.duckdb"
    with Store(path) as store:
        store.add(
            [ArticleResult(article=Article(id="js", url="javascript:alert(1)", text="Nothing happened."))]
        )
    with TestClient(create_app(path, Settings())) as c:
        page = c.get("/articles/js").text
        assert "javascript:" not in page


def test_static_assets_are_served(client: TestClient) -> None:
    assert client.get("/static/app.css").status_code == 200
    assert "hashchange" in client.get("/static/app.js").text


def test_overview_alerts_are_computed_at_startup(store_path) -> None:
    """The server fills the overview's alert cache in the background when it starts, so the
    first visitor does not pay for the consolidation; the page then serves the same alerts."""
    import time

    from sample_store import settings

    from powderkeg.api import create_app

    app = create_app(store_path, settings())
    with TestClient(app) as c:
        deadline = time.monotonic() + 30
        while not app.state.derived_cache and time.monotonic() < deadline:
            time.sleep(0.05)
        keys = list(app.state.derived_cache)
        assert any(k[0][0] == "alerts" for k in keys), keys
        assert c.get("/").status_code == 200
        assert list(app.state.derived_cache) == keys  # served from the warmed entry
