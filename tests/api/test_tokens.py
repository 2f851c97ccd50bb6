"""API tokens: stored as a hash only, scoped, expiring, revocable, every use and refusal in the
security trail, a rate limit per token answered 429 with Retry-After; and the workspace page
where staff make and revoke them (the raw token shown once)."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from accounts.models import ApiToken, SecurityEvent
from accounts.tokens import api_token_hash, api_token_revoke
from tests.factories import EnrollmentFactory, UserFactory
from tests.factories.api import api_token, bearer

pytestmark = pytest.mark.django_db


def enrollments(client, raw=None, **headers):
    headers = {**(bearer(raw) if raw else {}), **headers}
    return client.get(reverse("api:enrollments"), **headers)


def mid_minute():
    """The clock held at second 20 of a minute: the counting window cannot turn mid-test."""
    return time_machine.travel(timezone.now().replace(second=20, microsecond=0), tick=False)


def test_token_is_stored_only_as_its_hash():
    token, raw = api_token()

    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.token_hash == api_token_hash(raw)
    assert raw not in {str(value) for value in stored.__dict__.values()}
    assert raw.startswith(stored.prefix)


def test_token_with_the_scope_reads_enrolments_and_the_use_is_in_the_security_trail(client):
    enrollment = EnrollmentFactory()
    token, raw = api_token(scopes=["read:enrollments"])

    response = enrollments(client, raw)

    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [enrollment.pk]
    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.API_TOKEN_USED)
    assert (event.user, event.details["token"], event.details["path"]) == (
        token.user,
        token.pk,
        "/api/v1/enrollments/",
    )
    assert event.ip_address == "127.0.0.1"
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None


def test_last_use_is_kept_to_the_minute_and_every_use_is_in_the_trail(client):
    token, raw = api_token(scopes=["read:enrollments"])

    with mid_minute() as clock:
        enrollments(client, raw)
        first = ApiToken.objects.get(pk=token.pk).last_used_at
        clock.shift(30)
        enrollments(client, raw)
        kept = ApiToken.objects.get(pk=token.pk).last_used_at
        clock.shift(31)
        enrollments(client, raw)
        moved = ApiToken.objects.get(pk=token.pk).last_used_at

    assert kept == first
    assert (moved - first).total_seconds() == 61
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.API_TOKEN_USED).count() == 3


def test_token_without_the_scope_is_refused_403_naming_it(client):
    _token, raw = api_token(scopes=["read:submissions"])

    response = enrollments(client, raw, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 403
    assert response.json()["error"]["message"] == (
        "This token does not have the scope “read:enrollments”."
    )


def test_expired_token_is_refused_401_and_the_refusal_recorded(client):
    token, raw = api_token()
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now())

    response = enrollments(client, raw)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.API_TOKEN_REFUSED)
    assert event.details["reason"] == "expired"


def test_revoked_token_is_refused_401(client):
    token, raw = api_token()
    api_token_revoke(token=token, revoked_by=token.user)

    response = enrollments(client, raw)

    assert response.status_code == 401
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.API_TOKEN_REVOKED).count() == 1
    refused = SecurityEvent.objects.get(kind=SecurityEvent.Kind.API_TOKEN_REFUSED)
    assert refused.details["reason"] == "revoked"


def made_unusable(token, how: str) -> None:
    if how == "revoked":
        ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    elif how == "expired":
        ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now())
    elif how == "inactive":
        type(token.user).objects.filter(pk=token.user.pk).update(is_active=False)


@pytest.mark.parametrize("how", ["usable", "revoked", "expired", "inactive"])
def test_each_request_leaves_exactly_one_trail_entry_saying_what_happened(client, how):
    token, raw = api_token(scopes=["read:enrollments"])
    made_unusable(token, how)

    response = enrollments(client, raw, HTTP_X_FORWARDED_FOR="203.0.113.9")

    assert response.status_code == (200 if how == "usable" else 401)
    events = SecurityEvent.objects.filter(
        kind__in=[SecurityEvent.Kind.API_TOKEN_USED, SecurityEvent.Kind.API_TOKEN_REFUSED]
    )
    [event] = events
    assert event.kind == (
        SecurityEvent.Kind.API_TOKEN_USED
        if how == "usable"
        else SecurityEvent.Kind.API_TOKEN_REFUSED
    )
    assert event.details.get("reason") == (None if how == "usable" else how)
    assert (event.user, event.actor, event.email) == (token.user, token.user, token.user.email)
    assert event.details["token"] == token.pk
    assert event.details["path"] == "/api/v1/enrollments/"
    assert event.ip_address == "127.0.0.1"


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_use_is_committed_and_the_connection_waits_again_after(client):
    _token, raw = api_token(scopes=["read:enrollments"])

    answers = [enrollments(client, raw).status_code for _ in range(2)]

    assert answers == [200, 200]
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.API_TOKEN_USED).count() == 2
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('synchronous_commit')")
            assert cursor.fetchone()[0] == "on"


@pytest.mark.parametrize(
    "header",
    ["Bearer", "Bearer not-a-token", "Token abc", "Basic dXNlcjpwYXNz", "Bearer " + "x" * 300],
)
def test_malformed_or_unknown_authorization_is_401_never_500(client, header):
    response = enrollments(client, HTTP_AUTHORIZATION=header)

    assert response.status_code == 401
    assert response.json()["error"]["status"] == 401


def test_token_of_a_person_no_longer_staff_is_refused_403(client):
    user = UserFactory(is_staff=True)
    _token, raw = api_token(user=user)
    user.is_staff = False
    user.save()

    response = enrollments(client, raw)

    assert response.status_code == 403


def test_token_over_its_rate_limit_is_answered_429_with_retry_after(client):
    cache.clear()
    _token, raw = api_token(requests_per_minute=2)

    with mid_minute():
        answers = [enrollments(client, raw).status_code for _ in range(3)]
        limited = enrollments(client, raw)

    assert answers == [200, 200, 429]
    assert int(limited["Retry-After"]) == 40
    assert limited.json()["error"]["code"] == "throttled"


def test_rate_limits_are_counted_per_token(client):
    cache.clear()
    _first, first_raw = api_token(requests_per_minute=1)
    _second, second_raw = api_token(requests_per_minute=1)

    with mid_minute():
        enrollments(client, first_raw)
        again, other = enrollments(client, first_raw), enrollments(client, second_raw)

    assert again.status_code == 429
    assert other.status_code == 200


def test_public_endpoints_ignore_tokens_even_revoked_ones(client):
    token, raw = api_token()
    api_token_revoke(token=token, revoked_by=token.user)

    response = client.get(reverse("api:films"), **bearer(raw))

    assert response.status_code == 200


# --- The workspace page ----------------------------------------------------------------------


@pytest.fixture
def staff_client(client):
    staff = UserFactory(is_staff=True, full_name="Sam Staff")
    client.force_login(staff)
    client.staff = staff
    return client


def test_staff_create_a_token_and_see_it_once(staff_client):
    owner = UserFactory(is_staff=True, full_name="Sync Robot")
    data = {
        "user": owner.pk,
        "name": "iQIYI sync",
        "scopes": ["read:enrollments", "write:lineups"],
        "days": 30,
        "requests_per_minute": 60,
    }

    response = staff_client.post(reverse("workspace:api_tokens"), data)
    again = staff_client.get(reverse("workspace:api_tokens"))

    token = ApiToken.objects.get()
    raw = response.context["created"]["raw"]
    assert response.status_code == 200
    assert raw in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert raw not in again.content.decode()
    assert token.prefix in again.content.decode()
    assert (token.user, token.scopes, token.created_by) == (
        owner,
        ["read:enrollments", "write:lineups"],
        staff_client.staff,
    )
    assert token.expires_at.date() == (timezone.now() + datetime.timedelta(days=30)).date()
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.API_TOKEN_CREATED).count() == 1


def test_token_form_refuses_no_scope_and_a_non_staff_owner(staff_client):
    director = UserFactory(is_staff=False)

    response = staff_client.post(
        reverse("workspace:api_tokens"),
        {"user": director.pk, "name": "x", "days": 30, "requests_per_minute": 60},
    )

    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"user", "scopes"}
    assert not ApiToken.objects.exists()


def test_staff_revoke_a_token(staff_client):
    token, raw = api_token()

    staff_client.post(reverse("workspace:api_token_revoke", kwargs={"token_id": token.pk}))

    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    assert enrollments(staff_client, raw).status_code == 401


@pytest.mark.parametrize("count", [1, 10])
def test_token_list_query_count_is_fixed(staff_client, django_assert_num_queries, count):
    for _ in range(count):
        api_token()

    # The same whatever the number of tokens (the user read with the bar's two profiles).
    with django_assert_num_queries(5):
        response = staff_client.get(reverse("workspace:api_tokens"))

    assert len(response.context["page"]) == count


def test_while_the_shared_cache_is_away_tokens_are_still_limited_in_each_process(
    client, redis_down, settings
):
    settings.CACHE_RETRY_SECONDS = 60
    _token, raw = api_token(requests_per_minute=2)

    with mid_minute():
        answers = [enrollments(client, raw).status_code for _ in range(3)]

    assert answers == [200, 200, 429]
