"""Playwright driving Debian's Chromium against pytest-django's live server.

Without Chromium these tests are skipped on a developer's machine but fail in CI (CI=true),
so a missing browser can never pass for green.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.demo_snapshot import Snapshot, restore

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def browser() -> Iterator:
    if not CHROMIUM.exists():
        message = f"Chromium not found at {CHROMIUM}; install it with apt-get install chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in the test's thread; the test's own database
    # work is still synchronous, so Django's async-safety guard is lifted while browsers run.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def demo(demo_snapshot: Snapshot, transactional_db) -> None:
    """The demo data of every app, committed so that the live server's thread sees it.

    A transactional test empties every table when it ends, the migrations' rows included, so
    each browser test gets the whole snapshot written back.
    """
    restore(demo_snapshot)


@pytest.fixture
def page(browser, live_server) -> Iterator:
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def save_screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
