"""The content version behind the public page cache: a change after commit makes every stored
page stale, even when the cache lost the version key; the API's Last-Modified follows the
changes; a marked view's answers are stored per host and address, and revalidated (304)."""

import time
from unittest import mock

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.http import http_date

from core import public_cache
from core.public_cache import (
    CHANGED_AT_KEY,
    VERSION_KEY,
    WORKING_DATA_VERSION_KEY,
    PublicPageCacheMiddleware,
    cached_public_page,
    public_content_changed,
    public_content_changed_at,
    working_data_version,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    cache.clear()


@pytest.fixture
def change(django_capture_on_commit_callbacks):
    def run():
        with django_capture_on_commit_callbacks(execute=True):
            public_content_changed()

    return run


@pytest.fixture
def page():
    """A public page whose text is whatever `page.text` says when it is rendered."""

    @cached_public_page
    def view(request):
        return HttpResponse(f"{view.text} on {request.get_host()}")

    view.text = "first"
    return view


def get(middleware, path="/en/films/", **headers):
    return middleware(RequestFactory().get(path, **headers))


def test_a_stale_page_is_not_served_after_the_cache_lost_the_version(page, change):
    middleware = PublicPageCacheMiddleware(page)
    change()
    get(middleware)  # stored at this version
    page.text = "second"
    change()
    cache.delete(VERSION_KEY)  # evicted, or the cache restarted with the pages kept

    change()
    response = get(middleware)

    assert response.content == b"second on testserver"


def test_a_marked_view_is_stored_and_served_to_the_next_visitor(page):
    middleware = PublicPageCacheMiddleware(page)
    get(middleware)
    page.text = "second"

    response = get(middleware)

    assert (response.content, response["X-Page-Cache"]) == (b"first on testserver", "hit")


def test_a_one_second_cache_still_caches(page, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 1
    middleware = PublicPageCacheMiddleware(page)
    get(middleware)

    assert get(middleware)["X-Page-Cache"] == "hit"


def test_an_unmarked_view_is_never_stored():
    middleware = PublicPageCacheMiddleware(lambda request: HttpResponse("private"))
    get(middleware)

    assert "X-Page-Cache" not in get(middleware)


def test_another_host_is_another_page(page, settings):
    settings.ALLOWED_HOSTS = ["a.example", "b.example"]
    middleware = PublicPageCacheMiddleware(page)
    get(middleware, HTTP_HOST="a.example")

    response = get(middleware, HTTP_HOST="b.example")

    assert response.content == b"first on b.example"


def test_a_change_makes_the_stored_page_stale(page, change):
    middleware = PublicPageCacheMiddleware(page)
    get(middleware)
    page.text = "second"

    change()

    assert get(middleware).content == b"second on testserver"


def test_a_public_change_is_also_a_change_of_the_working_data(change):
    before = working_data_version()

    change()

    assert working_data_version() != before


def test_a_cache_outage_at_commit_does_not_fail_the_write(change):
    with mock.patch.object(public_cache.cache, "incr", side_effect=ConnectionError) as incr:
        change()  # raises here if the bumps were not robust on_commit callbacks

    # The first bump's failure did not stop the second (public pages, then working data).
    assert [call.args[0] for call in incr.call_args_list] == [VERSION_KEY, WORKING_DATA_VERSION_KEY]


def test_last_modified_moves_with_a_change(change):
    cache.set(CHANGED_AT_KEY, 1000.0, timeout=None)
    before = time.time()

    change()

    assert public_content_changed_at() >= before


def test_last_modified_after_a_cache_loss_is_set_once_and_kept():
    first = public_content_changed_at()
    time.sleep(0.01)

    second = public_content_changed_at()

    assert isinstance(first, float)
    assert second == first


@pytest.fixture
def tagged():
    @cached_public_page
    def view(request):
        response = HttpResponse("films")
        response["ETag"] = '"v1"'
        response["Last-Modified"] = http_date(1_700_000_000)
        return response

    return PublicPageCacheMiddleware(view)


@pytest.mark.parametrize("stored", [False, True])
def test_a_client_with_the_current_etag_gets_304(tagged, stored):
    if stored:
        get(tagged)

    response = get(tagged, HTTP_IF_NONE_MATCH='"v1"')

    assert (response.status_code, response.content) == (304, b"")


def test_a_client_with_the_current_date_gets_304(tagged):
    response = get(tagged, HTTP_IF_MODIFIED_SINCE=http_date(1_700_000_000))

    assert response.status_code == 304


def test_a_client_with_an_old_etag_gets_the_page(tagged):
    response = get(tagged, HTTP_IF_NONE_MATCH='"v0"')

    assert (response.status_code, response.content) == (200, b"films")


def test_an_answer_other_than_200_is_not_revalidated():
    @cached_public_page
    def view(request):
        response = HttpResponse("gone", status=410)
        response["ETag"] = '"v1"'
        return response

    response = get(PublicPageCacheMiddleware(view), HTTP_IF_NONE_MATCH='"v1"')

    assert response.status_code == 410
