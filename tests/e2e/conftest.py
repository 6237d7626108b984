"""Browser tests: Playwright drives Debian's chromium (never a downloaded browser)."""

import os
import shutil
from pathlib import Path

import pytest

from tests.e2e.accessibility import axe_violations, describe_violations

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "var" / "artifacts"


# One browser per test module, not per session: while Playwright's sync API runs, its event loop is the running loop
# of this thread, and a later test in the same process calling an async view (the readiness endpoint) through the
# test client would fail; DJANGO_ALLOW_ASYNC_UNSAFE, needed here, must not outlive the browser tests either.
@pytest.fixture(scope="module")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.skip("needs Debian's chromium: apt-get install -y chromium")
    playwright_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls in the test are still synchronous.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with playwright_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def axe(browser):
    """``axe(page)``: axe-core's violations on the page as it is now, described one per line ("" when none).

    Fails (not skips) when node_modules/axe-core is missing; chromium missing still skips, through ``browser``.
    """

    def check(page) -> str:
        return describe_violations(page.url, axe_violations(page))

    return check
