"""Every URL of the whole URL configuration × every role, against the declared expectations
(expectations.py: portal, accounts, workspace; site_expectations.py: public site, root URLs,
admin). A URL pattern nobody declared fails, so a new page cannot be forgotten."""

import copy
import html
import re
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse

from tests.permissions.expectations import EXPECTATIONS, LOGIN, REDIRECT, ROLES
from tests.permissions.site_expectations import (
    OPTIONAL_PATTERNS,
    SITE_EXPECTATIONS,
    UNNAMED_EXPECTATIONS,
)

ALL_EXPECTATIONS = EXPECTATIONS | SITE_EXPECTATIONS
pytestmark = pytest.mark.django_db


def pattern_keys(resolver: URLResolver, namespace: str = "", prefix: str = "") -> set[str]:
    """`namespace:name` of every named pattern; `namespace:route` of an unnamed one (the
    admin's model routes are collapsed to one key each, declared by pattern)."""
    keys = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            full = f"{namespace}:{inner}" if namespace and inner else inner or namespace
            keys |= pattern_keys(pattern, full, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            name = pattern.name or _unnamed_route(prefix, str(pattern.pattern))
            keys.add(f"{namespace}:{name}" if namespace else name)
    return keys


def _unnamed_route(prefix: str, route: str) -> str:
    if prefix.startswith("admin/") and route == "<path:object_id>/":
        return "admin/<path:object_id>/"
    return prefix + route


def answer_of(response) -> int | str:
    if response.status_code in (301, 302):
        location = response["Location"]
        signing_in = (reverse(settings.LOGIN_URL), reverse("admin:login"))
        return LOGIN if location.startswith(signing_in) else REDIRECT
    return response.status_code


FORM_TAG = re.compile(r"<form\b[^>]*>", re.IGNORECASE)
ATTRIBUTE = re.compile(r'([a-z-]+)\s*=\s*"([^"]*)"', re.IGNORECASE)
# A role may post a form when the declared answer to its POST is one of these.
MAY_POST = {200, 400, REDIRECT}
# Forms anyone may post, whose answer is a redirect to the sign-in page on success (signing
# out) or that the matrix declares by GET only (signing in, asking for a reset link).
OPEN_FORMS = {"accounts:logout", "accounts:login", "accounts:password_reset", "set_language"}


def posted_forms(response, url: str) -> list[tuple[str, str]]:
    """(view name, action) of each POST form on an HTML page; the admin's pages are left to
    the admin's own permissions."""
    if "text/html" not in response.get("Content-Type", ""):
        return []
    forms = []
    for tag in FORM_TAG.findall(response.content.decode()):
        attributes = {k.lower(): html.unescape(v) for k, v in ATTRIBUTE.findall(tag)}
        if attributes.get("method", "get").lower() != "post":
            continue
        action = urlparse(attributes.get("action") or url).path or urlparse(url).path
        try:
            forms.append((resolve(action).view_name, action))
        except Resolver404:
            forms.append(("(no such URL)", action))
    return forms


def forms_refused(response, url: str, role: str) -> list[str]:
    """The forms the page shows that the role's POST would be refused (or is undeclared)."""
    if response.status_code != 200 or urlparse(url).path.startswith("/admin/"):
        return []
    refused = []
    for view_name, action in posted_forms(response, url):
        if view_name in OPEN_FORMS:
            continue
        declared = ALL_EXPECTATIONS.get((view_name, "POST"))
        if declared is None:
            # A page that posts to itself (the workspace's create and edit pages) is declared
            # by its GET: one view answers both, so a role may post it when it may open it.
            page = ALL_EXPECTATIONS.get((view_name, "GET"))
            if page is not None and page[1][role] == 200:
                continue
        if declared is None or declared[1][role] not in MAY_POST:
            refused.append(f"{role} sees a form to {action} ({view_name})")
    return refused


def answers_for(url: str, method: str, clients: dict[str, Client], forms: list | None = None):
    """Each role's answer; with `forms`, the forms a page shows that the role may not post
    are added to it (the status code alone let a producer see the director's submit form)."""
    actual = {}
    for role in ROLES:
        client = clients[role]
        cookies = copy.deepcopy(client.cookies)
        # Each role's request is undone afterwards (staff removing a panel seat must not leave
        # the superuser a 404; signing out must not sign the next test out).
        with transaction.atomic():
            response = client.generic(method, url)
            actual[role] = answer_of(response)
            if forms is not None and method == "GET":
                forms += forms_refused(response, url, role)
            transaction.set_rollback(True)
        client.cookies = cookies
    return actual


def test_every_url_pattern_has_declared_expectations():
    declared = {name for name, _method in ALL_EXPECTATIONS} | set(UNNAMED_EXPECTATIONS)

    assert pattern_keys(get_resolver()) - declared == set()
    assert declared - pattern_keys(get_resolver()) - OPTIONAL_PATTERNS == set()


def test_every_declaration_names_every_role():
    for key, (_build, expected) in ALL_EXPECTATIONS.items():
        assert set(expected) == set(ROLES), key


@pytest.mark.parametrize(("name", "method"), sorted(ALL_EXPECTATIONS))
def test_permission_matrix(name, method, matrix):
    build_kwargs, expected = ALL_EXPECTATIONS[(name, method)]
    url = reverse(name, kwargs=build_kwargs(matrix.world))
    refused_forms = []

    actual = answers_for(url, method, matrix.clients, refused_forms)

    assert actual == expected
    assert refused_forms == []


@pytest.mark.parametrize("route", sorted(UNNAMED_EXPECTATIONS))
def test_permission_matrix_for_unnamed_patterns(route, matrix):
    build_url, expected = UNNAMED_EXPECTATIONS[route]

    actual = answers_for(build_url(matrix.world), "GET", matrix.clients)

    assert actual == expected


SIGN_IN_REQUIRED = sorted(
    key
    for key, (_kw, answers) in ALL_EXPECTATIONS.items()
    if answers["anonymous"] == LOGIN and key[0].split(":")[0] in ("portal", "workspace", "accounts")
)


@pytest.mark.parametrize(("name", "method"), SIGN_IN_REQUIRED)
def test_anonymous_is_sent_to_sign_in_for_objects_that_do_not_exist(name, method, matrix):
    build_kwargs, _expected = ALL_EXPECTATIONS[(name, method)]
    real = build_kwargs(matrix.world)
    missing = {key: 999_999 if isinstance(value, int) else value for key, value in real.items()}

    response = Client().generic(method, reverse(name, kwargs=missing))

    assert answer_of(response) == LOGIN
