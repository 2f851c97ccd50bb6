"""The Content-Security-Policy on every kind of page, the production headers and cookies, and
the admin's pages checked for the inline code that policy would block."""

import json
import re
import subprocess
import sys

import pytest
from django.core.files.base import ContentFile
from django.test import Client, RequestFactory
from django.urls import reverse

from core.media_views import serve_public_media
from tests.conftest import PROJECT_ROOT
from tests.core.test_hardening import PRODUCTION_ENV
from tests.factories import FilmFactory, UserFactory, portal_world
from tests.factories.portal import PASSWORD

pytestmark = pytest.mark.django_db

STRICT = {
    "default-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
}


def policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    directives = (part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    return dict(directives)


def assert_strict(response) -> None:
    directives = policy(response)
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert {name: directives.get(name) for name in STRICT} == STRICT


@pytest.fixture
def world(db):
    return portal_world()


def test_public_pages_carry_the_strict_policy(client):
    film = FilmFactory(is_published=True)
    pages = ["/en/", "/zh-hans/", "/en/films/", film.get_absolute_url(), "/en/screenings/"]

    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict(response)


def test_portal_and_account_pages_carry_the_strict_policy(client, world):
    anonymous = [reverse("accounts:login"), reverse("accounts:password_reset")]
    for url in anonymous:
        assert_strict(client.get(url))
    client.force_login(world.director)
    portal = [
        reverse("portal:home"),
        reverse("portal:film", args=[world.film.pk]),
        reverse("portal:film_edit", args=[world.film.pk]),
        reverse("portal:milestone", args=[world.film.pk, world.document_milestone.pk]),
        reverse("portal:profile"),
    ]

    for url in portal:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict(response)


def test_workspace_pages_carry_the_strict_policy(client, world):
    client.force_login(world.staff)

    for url in ["/en/workspace/", f"/en/workspace/cohorts/{world.cohort.slug}/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict(response)


def test_error_pages_carry_the_strict_policy(client, settings):
    settings.ROOT_URLCONF = "tests.hardening.error_urls"
    client.raise_request_exception = False
    csrf_client = Client(enforce_csrf_checks=True)

    not_found = client.get("/en/films/no-such-film/")
    server_error = client.get("/boom/")
    forbidden = csrf_client.post(reverse("accounts:login"), {"username": "a", "password": "b"})

    assert [not_found.status_code, server_error.status_code, forbidden.status_code] == [
        404,
        500,
        403,
    ]
    for response in (not_found, server_error, forbidden):
        assert_strict(response)


def test_malformed_request_answer_runs_nothing(client):
    response = client.get("/en/?q=%00")

    assert response.status_code == 400
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_download_runs_nothing(client, world):
    world.submission.file.save("deliverables/x.pdf", ContentFile(b"%PDF-1.4 x"), save=True)
    client.force_login(world.director)

    response = client.get(reverse("portal:submission_file", args=[world.submission.pk]))

    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["Content-Disposition"].startswith("attachment; ")


def test_public_media_served_under_debug_runs_nothing(settings, tmp_path):
    (tmp_path / "poster.jpg").write_bytes(b"<html><script>alert(1)</script>")

    response = serve_public_media(
        RequestFactory().get("/media/poster.jpg"), "poster.jpg", document_root=str(tmp_path)
    )

    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_debug_media_urls_go_through_the_guarded_view():
    code = (
        "import django; django.setup(); from config.urls import urlpatterns; "
        "print(urlpatterns[-1].callback.__module__, urlpatterns[-1].callback.__name__)"
    )

    result = run_with_settings(code, {"DEBUG": "true"})

    assert result == "core.media_views serve_public_media"


# The admin: Django's pages must work under our policy, so they may hold no inline code.

INLINE_CODE = re.compile(
    r"<script(?![^>]*\bsrc=)[^>]*>|\sstyle=|\son[a-z]+=|javascript:", re.IGNORECASE
)


def test_admin_pages_hold_no_inline_script_or_style(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    # The admin's sign-in hands over to accounts:login (one throttled door, issue 7).
    login_page = client.get("/admin/login/", follow=True)
    client.force_login(admin)
    pages = [login_page] + [
        client.get(url) for url in ["/admin/", "/admin/films/film/", "/admin/films/film/add/"]
    ]

    for response in pages:
        assert response.status_code == 200
        assert_strict(response)
        assert INLINE_CODE.findall(response.text) == [], response.request["PATH_INFO"]


# Production: the headers and cookies config/settings.py turns on when DEBUG is off, read from a
# process that imported it that way and then applied here.

PRODUCTION_SETTINGS = [
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE",
    "X_FRAME_OPTIONS",
    "SECURE_CSP",
]


def run_with_settings(code: str, env: dict) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT_ROOT,
        env={**PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


@pytest.fixture(scope="module")
def production_settings() -> dict:
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {PRODUCTION_SETTINGS!r}}}))"
    )
    return json.loads(run_with_settings(code, {}))


def test_production_answers_with_hsts_and_the_security_headers(
    client, settings, production_settings
):
    for name, value in production_settings.items():
        setattr(settings, name, tuple(value) if isinstance(value, list) else value)

    response = client.get("/en/", secure=True)

    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert_strict(response)
    assert client.get("/en/").status_code == 301  # plain HTTP goes to HTTPS


def test_production_cookies_are_secure_and_httponly(client, settings, production_settings):
    for name, value in production_settings.items():
        setattr(settings, name, tuple(value) if isinstance(value, list) else value)
    user = UserFactory(password=PASSWORD)
    login_url = reverse("accounts:login")
    client.get(login_url, secure=True)

    response = client.post(login_url, {"username": user.email, "password": PASSWORD}, secure=True)

    assert response.status_code == 302
    session, csrf = response.cookies["sessionid"], client.cookies["csrftoken"]
    assert (session["secure"], session["httponly"]) == (True, True)
    assert csrf["secure"] is True
