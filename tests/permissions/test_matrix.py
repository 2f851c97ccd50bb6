"""Every portal and account URL × every role, against the declared expectations."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import portal_world
from tests.permissions.expectations import EXPECTATIONS, LOGIN, MATRIX_NAMESPACES, REDIRECT, ROLES


def url_names(resolver: URLResolver, namespace: str = "") -> set[str]:
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            full = f"{namespace}:{inner}" if namespace and inner else inner or namespace
            names |= url_names(pattern, full)
        elif isinstance(pattern, URLPattern) and pattern.name and namespace:
            names.add(f"{namespace}:{pattern.name}")
    return names


def matrix_url_names() -> set[str]:
    return {
        name for name in url_names(get_resolver()) if name.split(":", 1)[0] in MATRIX_NAMESPACES
    }


def answer_of(response) -> int | str:
    if response.status_code in (301, 302):
        location = response["Location"]
        return LOGIN if location.startswith(reverse(settings.LOGIN_URL)) else REDIRECT
    return response.status_code


def test_every_portal_and_account_url_has_declared_expectations():
    declared = {name for name, _method in EXPECTATIONS}

    assert matrix_url_names() - declared == set()
    assert declared - matrix_url_names() == set()


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method"), sorted(EXPECTATIONS))
def test_permission_matrix(name, method):
    world = portal_world()
    build_kwargs, expected = EXPECTATIONS[(name, method)]
    url = reverse(name, kwargs=build_kwargs(world))

    actual = {}
    for role in ROLES:
        client = Client()
        user = world.user(role)
        if user is not None:
            client.force_login(user)
        response = client.post(url) if method == "POST" else client.get(url)
        actual[role] = answer_of(response)

    assert actual == expected


SIGN_IN_REQUIRED = sorted(
    key for key, (_kw, answers) in EXPECTATIONS.items() if answers["anonymous"] == LOGIN
)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method"), SIGN_IN_REQUIRED)
def test_anonymous_is_sent_to_sign_in_for_objects_that_do_not_exist(name, method):
    build_kwargs, _expected = EXPECTATIONS[(name, method)]
    real = build_kwargs(portal_world())
    missing = {key: 999_999 if isinstance(value, int) else value for key, value in real.items()}

    response = Client().generic(method, reverse(name, kwargs=missing))

    assert answer_of(response) == LOGIN
