"""Browser tests: a live Django server driven by Debian's Chromium through Playwright.

Without /usr/bin/chromium the tests skip and the run ends with a loud banner; with
EGIDE_REQUIRE_E2E=1 (CI) they fail instead.
"""

import os
from pathlib import Path

import pytest

from tests.conftest import sign_in

# Playwright's sync API runs an event loop in this thread; Django's ORM would refuse to run
# next to it without this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MISSING_CHROMIUM = (
    f"{CHROMIUM} is missing: browser tests were SKIPPED. Install it (apt install chromium) "
    "or set EGIDE_REQUIRE_E2E=1 to make this a failure."
)
_skipped_for_missing_chromium = []


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("EGIDE_REQUIRE_E2E") == "1":
            pytest.fail(f"EGIDE_REQUIRE_E2E=1 but {CHROMIUM} is missing")
        _skipped_for_missing_chromium.append(True)
        pytest.skip(MISSING_CHROMIUM)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def signed_in_page(page, client, live_server):
    """`signed_in_page(membership)`: the page, signed in with both factors as `membership`."""

    def _sign_in(membership):
        sign_in(client, membership)
        cookie = client.cookies["sessionid"]
        page.context.add_cookies(
            [{"name": "sessionid", "value": cookie.value, "url": live_server.url}]
        )
        return page

    return _sign_in


def pytest_terminal_summary(terminalreporter):
    if _skipped_for_missing_chromium:
        terminalreporter.section("BROWSER TESTS SKIPPED", sep="!", red=True, bold=True)
        terminalreporter.write_line(MISSING_CHROMIUM, red=True, bold=True)
