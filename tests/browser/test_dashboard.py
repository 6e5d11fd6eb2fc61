"""The dashboard in a real headless Chromium (Playwright) over a live uvicorn on loopback.

Needs Debian's ``chromium`` (/usr/bin/chromium) and the ``playwright`` Python package; skips
with the reason when either is missing. Screenshots go to a temporary folder; set
POWDERKEG_SCREENSHOTS=DIR to keep them (the docs' images in docs/img/ come from here).
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))
from sample_store import HOSTILE, build_store

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from powderkeg.api import create_app
    from powderkeg.config import Settings

    path = build_store(tmp_path_factory.mktemp("browser") / "demo.duckdb")
    port = _free_port()
    config = uvicorn.Config(create_app(path, Settings()), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is absent (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is absent")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser, server: str) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    pg.on("dialog", lambda d: errors.append(f"dialog opened: {d.message}"))
    yield pg
    context.close()
    assert errors == []  # no script errors, no CSP violations, no alert() from hostile text


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Where screenshots go; with POWDERKEG_SCREENSHOTS_TO_DOCS=1 they are copied to docs/img."""
    keep = os.environ.get("POWDERKEG_SCREENSHOTS")
    folder = Path(keep) if keep else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    yield folder
    if os.environ.get("POWDERKEG_SCREENSHOTS_TO_DOCS"):
        docs = Path(__file__).resolve().parents[2] / "docs" / "img"
        docs.mkdir(exist_ok=True)
        for png in folder.glob("*.png"):
            shutil.copy(png, docs / png.name)


def test_alert_to_incident_to_article_evidence(page, shots: Path) -> None:
    page.goto("/")
    page.screenshot(path=str(shots / "overview.png"), full_page=True)
    page.locator("article.alert.level-high a.alert-link").first.click()
    page.wait_for_url("**/dyads/RUS/UKR#incidents")
    assert page.locator("svg.chart rect.bar").count() >= 4
    page.screenshot(path=str(shots / "dyad.png"), full_page=True)
    first = page.locator("#incidents article.incident").first
    link = first.locator("a.evidence-link").first
    evidence = link.inner_text()
    link.click()
    page.wait_for_url("**/articles/**#e-*")
    active = page.locator("mark.active")
    assert active.count() >= 1
    assert evidence in "".join(active.all_inner_texts())
    assert active.first.is_visible()
    page.screenshot(path=str(shots / "article.png"), full_page=False)


def test_clicking_a_record_highlights_its_evidence(page, shots: Path) -> None:
    page.goto("/articles/art-06")
    assert HOSTILE in page.locator("#text").inner_text()  # shown as text, never run
    page.locator('a.record-link[data-ref="q-q-06"]').click()
    page.wait_for_url("**#q-q-06")
    active = page.locator("mark.active")
    assert active.count() >= 1
    assert "We will not give up" in " ".join(active.all_inner_texts())
    assert all("quote" in (c or "") for c in [m.get_attribute("class") for m in active.all()])
    page.locator('a.record-link[data-ref="c-c-06"]').click()
    assert "Officials said 400 soldiers" in " ".join(page.locator("mark.active").all_inner_texts())


def test_event_table_filters_and_pages(page, shots: Path) -> None:
    page.goto("/events?limit=3")
    page.fill("input[name=country]", "RUS")
    page.select_option("select[name=type]", "ASSAULT")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**country=RUS**")
    rows = page.locator("table.records tbody tr")
    assert rows.count() == 3
    assert set(page.locator("table.records tbody .tag").all_inner_texts()) == {"ASSAULT"}
    page.screenshot(path=str(shots / "events.png"), full_page=True)
    page.click("a[rel=next]")
    assert page.locator("table.records tbody tr").count() >= 1


def test_network_and_claims_pages(page, shots: Path) -> None:
    page.goto("/network")
    assert page.locator("svg.network circle.node").count() == 5
    page.screenshot(path=str(shots / "network.png"), full_page=True)
    page.goto("/claims?disagreements=true")
    assert page.locator("article.claim-group.disagree").count() == 1
    page.screenshot(path=str(shots / "claims.png"), full_page=True)
    page.locator("a.evidence-link").first.click()
    page.wait_for_url("**#c-*")
    assert page.locator("mark.active").count() >= 1
