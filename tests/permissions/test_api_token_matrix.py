"""The REST API × token clients: no token, a token for each scope, an expired and a revoked
token, and a token whose person is no longer staff. Every token endpoint's every method is
declared (expectations_api.TOKEN_API); a new one missing there fails."""

import datetime

import pytest
from django.db import transaction
from django.test import Client
from django.urls import get_resolver, reverse
from django.utils import timezone

from accounts.models import ApiToken
from accounts.tokens import api_token_revoke
from tests.factories import UserFactory, portal_world
from tests.factories.api import api_token, bearer
from tests.permissions.expectations_api import API_ARGUMENTS, PUBLIC_API, TOKEN_API
from tests.permissions.test_matrix import pattern_keys

pytestmark = pytest.mark.django_db

SCOPES = list(ApiToken.Scope.values)
TOKEN_ROLES = ("no_token", *SCOPES, "expired", "revoked", "not_staff")
# What the right scope gets for an empty body: the form's errors (400) or the answer itself.
GRANTED = {
    ("api:enrollments", "GET"): 200,
    ("api:enrollments", "POST"): 400,
    ("api:enrollment", "GET"): 200,
    ("api:enrollment", "PATCH"): 400,
    ("api:film_info", "GET"): 200,
    ("api:film_info", "PATCH"): 200,
    ("api:lineup", "GET"): 200,
    ("api:lineup", "POST"): 400,
    ("api:lineup_entry", "PATCH"): 200,
    ("api:lineup_entry", "DELETE"): 204,
    ("api:submissions", "GET"): 200,
    ("api:applications", "GET"): 200,
    ("api:application", "GET"): 200,
    ("api:reviews", "GET"): 200,
}


def expected_for(key) -> dict:
    scope = TOKEN_API[key]
    answers = dict.fromkeys(TOKEN_ROLES, 403)
    answers |= {"no_token": 401, "expired": 401, "revoked": 401, scope: GRANTED[key]}
    return answers


@pytest.fixture(scope="module")
def token_matrix(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        world = portal_world()
        headers = {"no_token": {}}
        for scope in SCOPES:
            headers[scope] = bearer(api_token(scopes=[scope])[1])
        expired, raw = api_token()
        ApiToken.objects.filter(pk=expired.pk).update(
            expires_at=timezone.now() - datetime.timedelta(seconds=1)
        )
        headers["expired"] = bearer(raw)
        revoked, raw = api_token()
        api_token_revoke(token=revoked, revoked_by=revoked.user)
        headers["revoked"] = bearer(raw)
        headers["not_staff"] = bearer(api_token(user=UserFactory(is_staff=False))[1])
        yield world, headers
        transaction.set_rollback(True)


def answers(url: str, method: str, headers: dict) -> dict:
    actual = {}
    for role in TOKEN_ROLES:
        with transaction.atomic():
            response = Client().generic(
                method, url, "", content_type="application/json", **headers[role]
            )
            actual[role] = response.status_code
            transaction.set_rollback(True)
    return actual


def test_every_api_url_is_declared_for_tokens():
    api_names = {key for key in pattern_keys(get_resolver()) if key.startswith("api:")}
    declared = {name for name, _method in TOKEN_API} | set(PUBLIC_API) | {"api:not_found"}

    assert api_names == declared


@pytest.mark.parametrize(("name", "method"), sorted(TOKEN_API))
def test_token_matrix(name, method, token_matrix):
    world, headers = token_matrix
    url = reverse(name, kwargs=API_ARGUMENTS[name](world) or None)

    actual = answers(url, method, headers)

    assert actual == expected_for((name, method))


@pytest.mark.parametrize("name", PUBLIC_API)
def test_public_endpoints_answer_every_token_role(name, token_matrix):
    world, headers = token_matrix
    url = reverse(name, kwargs=API_ARGUMENTS[name](world) or None)

    actual = answers(url, "GET", headers)

    assert actual == dict.fromkeys(TOKEN_ROLES, 200)
