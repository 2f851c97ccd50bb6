"""Debian's Chromium driven through Playwright against pytest-django's live server.
Playwright's own browser download cannot work here, so it is pointed at /usr/bin/chromium.

`browser_page` is a fresh page (own cookies) whose relative URLs go to the live server, with
uploaded media served from the test's MEDIA_ROOT (the live server serves static files only).
`screenshot(page, name)` saves into screenshots/, which git ignores."""

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = PROJECT_ROOT / "screenshots"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls tests make while
    # it runs are still synchronous, so Django's async-safety check is lifted here only.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def browser_page(browser, live_server, settings) -> Iterator:
    context = browser.new_context(
        base_url=live_server.url, locale="en-US", viewport={"width": 1280, "height": 900}
    )
    media_root = Path(settings.MEDIA_ROOT)

    def serve_media(route) -> None:
        name = route.request.url.split("/media/", 1)[1].split("?", 1)[0]
        path = media_root / name
        if path.is_file():
            route.fulfill(path=str(path))
        else:
            route.fulfill(status=404)

    context.route("**/media/**", serve_media)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def screenshot() -> Callable:
    SCREENSHOTS.mkdir(exist_ok=True)

    def save(page, name: str, *, full_page: bool = True) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return save
