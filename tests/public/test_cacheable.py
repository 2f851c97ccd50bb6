"""Public pages touch no session, user or messages for anonymous visitors and set no cookie,
so that a cache in front of them can serve everybody the same copy."""

import pytest
from django.urls import reverse
from django.utils.functional import empty

from tests.factories.festival import festival_build

pytestmark = pytest.mark.django_db

PAGES = {
    "home": lambda f: reverse("home"),
    "lineup": lambda f: reverse("films:lineup") + "?q=Film",
    "film": lambda f: f.film.get_absolute_url(),
    "director": lambda f: f.film.director.get_absolute_url(),
    "mentor": lambda f: f.film.producer.get_absolute_url(),
    "cohort": lambda f: f.cohort.get_absolute_url(),
    "cohort-alumni": lambda f: reverse("programs:cohort_alumni", kwargs={"slug": f.cohort.slug}),
    "cohort-archive": lambda f: reverse("programs:cohort_list"),
    "screenings": lambda f: reverse("screenings:list"),
    "screening": lambda f: f.screening.get_absolute_url(),
    "calendar": lambda f: reverse("screenings:calendar"),
    "not-found": lambda f: "/en/films/no-cohort/no-film/",
}


@pytest.mark.parametrize("page", PAGES)
def test_public_page_sets_no_cookie_and_touches_no_session(client, page):
    festival = festival_build(size=1)

    response = client.get(PAGES[page](festival))

    request = response.wsgi_request
    assert response.cookies == {}
    assert request.session.accessed is False
    assert request.user._wrapped is empty
    assert not hasattr(request._messages, "_loaded_data")
    assert "Cookie" not in response.get("Vary", "")


@pytest.mark.parametrize("page", ["home", "lineup", "film", "screening"])
def test_public_page_holds_no_csrf_token(client, page):
    festival = festival_build(size=1)

    response = client.get(PAGES[page](festival))

    assert "csrfmiddlewaretoken" not in response.text
    assert "CSRF_COOKIE_USED" not in response.wsgi_request.META


def test_messages_still_show_to_a_visitor_who_has_some(client):
    from django.contrib.messages.storage.base import Message
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.test import RequestFactory

    storage = CookieStorage(RequestFactory().get("/"))
    client.cookies["messages"] = storage._encode([Message(20, "Signed out.")])

    response = client.get(reverse("home"))

    assert '<div class="alert alert-info" role="status">Signed out.</div>' in response.text


def test_public_pages_carry_no_inline_script_or_style(client):
    festival = festival_build(size=1)

    html = "".join(client.get(url(festival)).text for url in PAGES.values())

    assert "<script>" not in html
    assert "style=" not in html
    assert "<style" not in html
