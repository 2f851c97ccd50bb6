"""What the public page cache must tell apart (mutations that passed the suite before): the
query string is part of the key; a request carrying a messages cookie is neither served from nor
stored in the shared cache; an answer that sets a cookie is never stored."""

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from core.public_cache import PublicPageCacheMiddleware
from tests.factories import FilmFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    cache.clear()


def lineup(client, query: str = ""):
    return client.get(f"{reverse('films:lineup')}{query}", HTTP_ACCEPT_LANGUAGE="en")


def test_another_query_string_is_another_page(client):
    FilmFactory()
    lineup(client)
    assert lineup(client)["X-Page-Cache"] == "hit"

    filtered = lineup(client, "?page=2")
    searched = lineup(client, "?q=cage")

    assert "X-Page-Cache" not in filtered
    assert "X-Page-Cache" not in searched


def test_a_request_with_a_messages_cookie_is_not_served_from_the_cache(client):
    FilmFactory()
    lineup(client)
    client.cookies["messages"] = "a-flash-message"

    response = lineup(client)

    assert "X-Page-Cache" not in response


def test_a_request_with_a_messages_cookie_is_not_stored(client):
    FilmFactory()
    client.cookies["messages"] = "a-flash-message"
    lineup(client)
    del client.cookies["messages"]

    response = lineup(client)

    assert "X-Page-Cache" not in response


def test_an_answer_that_sets_a_cookie_is_never_stored():
    def view(request):
        response = HttpResponse("page")
        response.is_public_page = True
        response.set_cookie("tracking", "1")
        return response

    middleware = PublicPageCacheMiddleware(view)
    middleware(RequestFactory().get("/en/films/"))

    second = middleware(RequestFactory().get("/en/films/"))

    assert "X-Page-Cache" not in second
