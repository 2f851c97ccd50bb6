"""Signed-in pages are never stored by a browser or a proxy (Cache-Control: private, no-store),
every answer carries a Permissions-Policy, staff sessions end after an idle period and an
absolute maximum, and STAFF_REQUIRE_2FA is on in production unless turned off (with a warning
from `check --deploy`)."""

import subprocess
import sys
import time

import pytest
from django.core.checks import run_checks
from django.test import Client
from django.urls import reverse

from tests.conftest import PROJECT_ROOT
from tests.factories import MentorFactory, UserFactory

pytestmark = pytest.mark.django_db


def staff_client() -> Client:
    """A staff member who also mentors, so the portal has a page for them too."""
    user = UserFactory(is_staff=True)
    MentorFactory(user=user)
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "name", ["workspace:home", "workspace:outbox", "portal:home", "accounts:account"]
)
def test_signed_in_pages_are_private_and_not_stored(name):
    response = staff_client().get(reverse(name))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_signed_in_exports_are_not_stored():
    from tests.factories import CohortFactory

    cohort = CohortFactory()

    response = staff_client().get(reverse("workspace:export_roster", args=[cohort.slug]))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_every_answer_has_a_permissions_policy(client):
    public = client.get("/en/")
    signed_in = staff_client().get(reverse("workspace:home"))

    for response in (public, signed_in):
        assert "camera=()" in response["Permissions-Policy"]
        assert "geolocation=()" in response["Permissions-Policy"]


def test_a_staff_session_ends_after_the_idle_period(settings, monkeypatch):
    settings.STAFF_SESSION_IDLE_SECONDS = 60
    client = staff_client()
    assert client.get(reverse("workspace:home")).status_code == 200
    later = time.time() + 61
    monkeypatch.setattr(time, "time", lambda: later)

    response = client.get(reverse("workspace:home"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session


def test_a_busy_staff_session_ends_at_the_absolute_maximum(settings, monkeypatch):
    settings.STAFF_SESSION_IDLE_SECONDS = 600
    settings.STAFF_SESSION_MAX_SECONDS = 1000
    client = staff_client()
    start = time.time()
    for step in range(0, 1000, 300):
        monkeypatch.setattr(time, "time", lambda step=step: start + step)
        assert client.get(reverse("workspace:home")).status_code == 200
    monkeypatch.setattr(time, "time", lambda: start + 1001)

    response = client.get(reverse("workspace:home"))

    assert response.status_code == 302


def test_a_director_session_is_not_cut_by_the_staff_rules(settings, monkeypatch):
    settings.STAFF_SESSION_IDLE_SECONDS = 60
    client = Client()
    client.force_login(UserFactory())
    client.get(reverse("portal:home"))
    later = time.time() + 61
    monkeypatch.setattr(time, "time", lambda: later)

    assert client.get(reverse("portal:home")).status_code == 200


def _settings_value(env: dict, name: str) -> str:
    code = (
        f"import django; django.setup(); from django.conf import settings; print(settings.{name})"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT_ROOT,
        env={"DJANGO_SETTINGS_MODULE": "config.settings", "PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "x" * 60,
    "ALLOWED_HOSTS": "talents.example.org",
}


def test_staff_require_2fa_is_on_in_production_unless_set():
    assert _settings_value(PRODUCTION, "STAFF_REQUIRE_2FA") == "True"
    assert _settings_value({**PRODUCTION, "STAFF_REQUIRE_2FA": "false"}, "STAFF_REQUIRE_2FA") == (
        "False"
    )


def deploy_check_ids() -> list[str]:
    return [m.id for m in run_checks(include_deployment_checks=True, tags=["security"])]


def test_check_deploy_warns_when_staff_need_no_second_factor(settings):
    settings.STAFF_REQUIRE_2FA = False
    off = deploy_check_ids()
    settings.STAFF_REQUIRE_2FA = True

    assert "accounts.W001" in off
    assert "accounts.W001" not in deploy_check_ids()
