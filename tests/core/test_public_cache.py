"""Public pages are served from the shared cache to anonymous visitors, and a change appears on
the next request whichever way it was made."""

import gzip

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from films.services import film_update
from tests.factories import FilmFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    cache.clear()


def lineup(client):
    return client.get(reverse("films:lineup"), HTTP_ACCEPT_LANGUAGE="en")


def test_public_page_second_request_is_served_from_cache(client, django_assert_num_queries):
    FilmFactory(title_en="The Cage")
    first = lineup(client)

    with django_assert_num_queries(0):
        second = lineup(client)

    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "X-Page-Cache" not in first


def test_public_page_shows_a_change_on_the_next_request(client, committed):
    film = FilmFactory(title_en="The Cage")
    assert "The Cage" in lineup(client).content.decode()

    committed(film_update, film=film, title_en="The Cage (restored)")

    assert "The Cage (restored)" in lineup(client).content.decode()


def test_public_page_shows_a_new_film_after_an_admin_change(client, committed):
    film = FilmFactory(title_en="Angle", is_published=False)
    assert "Angle" not in lineup(client).content.decode()

    def publish_through_the_model():
        film.is_published = True
        film.save()  # the admin's door: no service, only the model's save

    committed(publish_through_the_model)

    assert "Angle" in lineup(client).content.decode()


def test_public_page_is_not_cached_for_a_signed_in_visitor(client, django_assert_max_num_queries):
    FilmFactory()
    client.force_login(UserFactory())
    lineup(client)

    response = lineup(client)

    assert "X-Page-Cache" not in response


def test_public_page_private_change_keeps_the_cache(client, committed):
    from tests.factories import MilestoneFactory, SubmissionFactory

    film = FilmFactory(title_en="Lausanne")
    milestone = MilestoneFactory(cohort=film.cohort, deliverable_kind="video_link")
    lineup(client)

    committed(SubmissionFactory, film=film, milestone=milestone)

    assert lineup(client)["X-Page-Cache"] == "hit"


def test_public_page_not_found_is_not_cached(client):
    url = reverse("films:detail", kwargs={"cohort": "nope", "slug": "nope"})
    client.get(url)

    response = client.get(url)

    assert response.status_code == 404
    assert "X-Page-Cache" not in response


def test_staff_dashboard_second_view_runs_no_dashboard_queries(client, committed):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import MilestoneFactory, SubmissionFactory

    film = FilmFactory()
    milestone = MilestoneFactory(cohort=film.cohort, deliverable_kind="video_link")
    client.force_login(UserFactory(is_staff=True))
    with translation.override("en"):
        url = reverse("workspace:cohort", kwargs={"slug": film.cohort.slug})
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    first_count = len(first.captured_queries)  # read now: the next request clears the log

    with CaptureQueriesContext(connection) as second:
        cached = client.get(url)
    second_count = len(second.captured_queries)
    committed(SubmissionFactory, film=film, milestone=milestone)
    fresh = client.get(url)

    # Session, the user with their talent and mentor profiles (one query: the bar's portal
    # link) and the cohort remain; milestones, films, submissions, invitations and revisions
    # are not read again.
    assert (first_count, second_count) == (8, 3)
    assert "Submitted" not in cached.text.split("Milestone progress")[1]
    assert "Submitted" in fresh.text.split("Milestone progress")[1]


def test_public_page_from_cache_carries_the_same_headers(client):
    FilmFactory()
    first = lineup(client)

    second = lineup(client)

    for header in (
        "Content-Type",
        "Content-Language",
        "Content-Security-Policy",
        "X-Frame-Options",
    ):
        assert second[header] == first[header]
    assert second.get("Vary") == first.get("Vary")
    assert not second.cookies


def test_public_page_cache_is_skipped_with_a_session_cookie(client, django_assert_max_num_queries):
    FilmFactory()
    lineup(client)
    client.cookies["sessionid"] = "not-a-real-session"

    response = lineup(client)

    assert "X-Page-Cache" not in response


def test_public_page_cache_is_not_consulted_outside_the_public_site(client):
    from core import public_cache

    looked_up = []
    real_get_many = public_cache.cache.get_many
    public_cache.cache.get_many = lambda keys: looked_up.append(keys) or real_get_many(keys)
    try:
        client.get(reverse("healthz"))
        client.get(reverse("accounts:login"))
        lineup(client)
    finally:
        public_cache.cache.get_many = real_get_many

    assert len(looked_up) == 1


def test_a_public_page_is_cached_compressed_for_gzip_and_plain_for_the_rest(client):
    FilmFactory(title_en="The Cage")
    url = reverse("films:lineup")
    made = client.get(url, HTTP_ACCEPT_LANGUAGE="en", HTTP_ACCEPT_ENCODING="gzip")
    hit = client.get(url, HTTP_ACCEPT_LANGUAGE="en", HTTP_ACCEPT_ENCODING="gzip")
    plain = lineup(client)

    assert hit["X-Page-Cache"] == "hit" and hit["Content-Encoding"] == "gzip"
    assert int(hit["Content-Length"]) == len(hit.content) == len(made.content)
    assert gzip.decompress(hit.content) == plain.content
    assert "Content-Encoding" not in plain and "The Cage" in plain.content.decode()
    assert "Accept-Encoding" in hit["Vary"] and "Accept-Encoding" in plain["Vary"]


def test_a_request_with_a_token_is_never_looked_up_in_the_public_cache(client, monkeypatch):
    FilmFactory(title_en="The Cage")
    lineup(client)  # stored
    lookups = []
    monkeypatch.setattr(cache, "get_many", lambda keys: lookups.append(keys) or {})

    answer = client.get(
        reverse("films:lineup"), HTTP_ACCEPT_LANGUAGE="en", HTTP_AUTHORIZATION="Bearer x"
    )

    assert "X-Page-Cache" not in answer and "The Cage" in answer.content.decode()
    assert lookups == []
