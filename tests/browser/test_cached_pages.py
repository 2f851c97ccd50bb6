"""Signed-in and public pages served from the caches, as Chromium receives them: compressed
(it sends Accept-Encoding: gzip), rendered like a fresh page, in both languages, and a change
made meanwhile shows on the next load. Screenshots in screenshots/cached-*."""

import pytest
from django.core.cache import cache

from films.services import film_update
from tests.factories import CohortFactory, FilmFactory
from tests.factories.portal import PASSWORD, director_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def caches_on(settings):
    settings.PRIVATE_PAGE_CACHE_SECONDS = 60
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    cache.clear()


def signed_in(page, user) -> None:
    page.goto("/portal/")
    page.locator("#id_username").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/portal/")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_portal_from_the_cache_looks_like_the_fresh_page_and_follows_a_change(
    browser_page, screenshot, language
):
    film = FilmFactory(cohort=CohortFactory(), title_en="The Cage", title_zh="牢笼")
    director = director_user(film, preferred_language=language, email=f"dana-{language}@x.org")
    page = browser_page
    signed_in(page, director)
    title = "牢笼" if language == "zh-hans" else "The Cage"

    fresh_text = page.locator("main").inner_text()  # the page the sign-in led to, just made
    cached = page.goto("/portal/")

    assert cached.headers["x-page-cache"] == "hit"
    assert cached.headers["content-encoding"] == "gzip"
    assert page.locator("main").inner_text() == fresh_text
    assert title in fresh_text
    screenshot(page, f"cached-portal-{language}")

    film_update(film=film, title_en="The Cage (restored)", title_zh="牢笼（修复版）")

    after = page.goto("/portal/")
    assert "x-page-cache" not in after.headers
    assert ("牢笼（修复版）" if language == "zh-hans" else "The Cage (restored)") in page.locator(
        "main"
    ).inner_text()


def test_a_public_page_from_the_cache_is_sent_compressed_and_reads_the_same(
    browser_page, screenshot
):
    FilmFactory(title_en="The Cage", title_zh="牢笼", is_published=True)
    page = browser_page

    fresh = page.goto("/zh-hans/films/")
    fresh_text = page.locator("main").inner_text()
    cached = page.goto("/zh-hans/films/")

    assert cached.headers["x-page-cache"] == "hit"
    assert cached.headers["content-encoding"] == "gzip"
    assert "x-page-cache" not in fresh.headers
    assert page.locator("main").inner_text() == fresh_text and "牢笼" in fresh_text
    screenshot(page, "cached-lineup-zh")
