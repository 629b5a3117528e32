"""The search UI in a real Chromium (Debian's), driven by Playwright."""

from __future__ import annotations

import os
import shutil
import threading

import pytest
from werkzeug.serving import make_server

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def base_url(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def browser_page():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(
            "Debian's chromium is not installed: run ./run-tests as root, or "
            "apt-get install chromium"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_default_timeout(10_000)
        yield page
        browser.close()


def test_a_learner_searches_filters_and_opens_an_offer(base_url, browser_page, tmp_path):
    page = browser_page
    page.goto(base_url + "/")
    assert page.locator(".total").inner_text() == "3"

    page.fill("#q", "health")
    page.press("#q", "Enter")
    page.wait_for_url("**/?q=health")
    assert page.locator(".total").inner_text() == "1"

    page.goto(base_url + "/")
    page.locator('section[data-facet="country"] a', has_text="Netherlands").click()
    assert page.locator(".total").inner_text() == "1"
    assert "Wondzorg" in page.locator(".hit h3").inner_text()

    page.locator(".hit h3 a").click()
    assert page.locator("h1").inner_text() == "Wondzorg voor verpleegkundigen"
    page.screenshot(
        path=os.environ.get("MICROCAT_SCREENSHOT", str(tmp_path / "record.png")), full_page=True
    )


def test_sorting_applies_on_change_with_javascript(base_url, browser_page):
    page = browser_page
    page.goto(base_url + "/")
    # The script hides the button and submits when the choice changes.
    assert not page.locator("form.sort button").is_visible()
    page.select_option("#sort", "ects")
    page.wait_for_url("**sort=ects**")
    ects = page.locator(".hit .ects").all_inner_texts()
    assert ects == ["3 ECTS", "5 ECTS", "15 ECTS"]


def test_harvested_script_never_runs(base_url, browser_page):
    page = browser_page
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(base_url + "/?q=cybers%C3%A9curit%C3%A9")
    assert "<script>alert(1)</script>" in page.locator(".hit h3").inner_text()
    page.locator(".hit h3 a").click()
    page.wait_for_selector("h1")
    assert dialogs == []
