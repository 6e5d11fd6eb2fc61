"""The dashboard on the real demo store (`powderkeg demo`: the whole pipeline over our
sample articles), in headless Chromium: overview, event table, a click to the evidence."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is absent (apt-get install chromium)")
    pytest.importorskip("playwright.sync_api", reason="the playwright package is absent")
    import uvicorn

    from powderkeg.api import create_app
    from powderkeg.config import Settings
    from powderkeg.demo import run_demo

    summary = run_demo(Settings(workers=1), data_dir=tmp_path_factory.mktemp("demo"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(summary.path, Settings()), host="127.0.0.1",
                                        port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


def test_demo_store_overview_to_evidence(demo_server: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, base_url=demo_server)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto("/")
        assert "Overview" in page.inner_text("h1")
        page.screenshot(path=str(tmp_path / "demo-overview.png"), full_page=True)
        page.goto("/events")
        link = page.locator("a.evidence-link").first
        evidence = link.inner_text()
        link.click()
        page.wait_for_url("**/articles/**#e-*")
        active = page.locator("mark.active")
        assert active.count() >= 1
        assert evidence.strip()[:40] in " ".join(active.all_inner_texts())
        page.screenshot(path=str(tmp_path / "demo-article.png"))
        browser.close()
    assert errors == []
