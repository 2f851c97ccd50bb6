"""Token lists answered again to the same token while the working data is unchanged
(api.caching.CachedTokenList): the token, its scope, its rate limit and the trail entry are
checked and written on every request; a change shows on the next one."""

import uuid

import pytest
from django.core.cache import caches
from django.db import connection
from django.urls import reverse

from accounts.models import SecurityEvent
from accounts.tokens import api_token_revoke
from talents.models import Enrollment
from talents.services import enrollment_set_status
from tests.core.test_fast_redis_cache import round_trips
from tests.factories import EnrollmentFactory
from tests.factories.api import api_token, bearer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_cache_on")]


def enrollments(client, raw, query=""):
    return client.get(reverse("api:enrollments") + query, **bearer(raw))


def test_a_token_list_is_answered_again_with_its_trail_entry_and_no_list_query(
    client, django_assert_num_queries
):
    EnrollmentFactory()
    _token, raw = api_token(scopes=["read:enrollments"])
    first = enrollments(client, raw)

    # The token (precompiled) and the use's trail entry, one statement on PostgreSQL; no count,
    # no page.
    with django_assert_num_queries(1 if connection.vendor == "postgresql" else 2):
        second = enrollments(client, raw)

    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == "application/json"
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.API_TOKEN_USED).count() == 2


def test_a_change_shows_on_the_next_request(client, committed):
    enrollment = EnrollmentFactory(status=Enrollment.Status.SELECTED)
    _token, raw = api_token(scopes=["read:enrollments"])
    enrollments(client, raw)

    committed(enrollment_set_status, enrollment=enrollment, status=Enrollment.Status.ACTIVE)

    answer = enrollments(client, raw)
    assert "X-Page-Cache" not in answer
    assert answer.json()["results"][0]["status"] == "active"


def test_each_filter_and_page_is_its_own_answer(client):
    selected = EnrollmentFactory(status=Enrollment.Status.SELECTED)
    EnrollmentFactory(status=Enrollment.Status.ACTIVE)
    _token, raw = api_token(scopes=["read:enrollments"])
    enrollments(client, raw)

    filtered = enrollments(client, raw, "?status=selected")

    assert "X-Page-Cache" not in filtered
    assert [row["id"] for row in filtered.json()["results"]] == [selected.pk]


def test_another_token_is_not_served_the_first_ones_answer(client):
    EnrollmentFactory()
    _first, first_raw = api_token(scopes=["read:enrollments"])
    _second, second_raw = api_token(scopes=["read:enrollments"])
    enrollments(client, first_raw)

    assert "X-Page-Cache" not in enrollments(client, second_raw)


def test_a_revoked_token_is_refused_though_its_answer_is_stored(client):
    EnrollmentFactory()
    token, raw = api_token(scopes=["read:enrollments"])
    enrollments(client, raw)

    api_token_revoke(token=token, revoked_by=token.user)

    assert enrollments(client, raw).status_code == 401


def test_a_token_without_the_scope_is_refused_though_another_tokens_answer_is_stored(client):
    EnrollmentFactory()
    _reader, reader_raw = api_token(scopes=["read:enrollments"])
    _other, other_raw = api_token(scopes=["read:applications"])
    enrollments(client, reader_raw)

    assert enrollments(client, other_raw).status_code == 403


def test_the_rate_limit_counts_answers_from_the_cache(client):
    EnrollmentFactory()
    _token, raw = api_token(scopes=["read:enrollments"], requests_per_minute=2)

    answers = [enrollments(client, raw).status_code for _ in range(3)]

    assert answers == [200, 200, 429]


def test_an_invalid_filter_is_refused_every_time(client):
    _token, raw = api_token(scopes=["read:enrollments"])

    answers = [enrollments(client, raw, "?status=nonsense").status_code for _ in range(2)]

    assert answers == [400, 400]


def test_on_redis_the_rate_limit_and_the_stored_answer_are_one_round_trip(
    client, redis_url, settings
):
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.FastRedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": f"token-list-{uuid.uuid4().hex}",
        }
    }
    EnrollmentFactory()
    _token, raw = api_token(scopes=["read:enrollments"], requests_per_minute=2)
    first = enrollments(client, raw)
    sent, undo = round_trips(caches["default"])
    try:
        second = enrollments(client, raw)
    finally:
        undo()
    third = enrollments(client, raw)

    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert sent == [1]
    assert third.status_code == 429  # and the limit counted both
