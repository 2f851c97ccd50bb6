import datetime
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import throttle
from accounts.models import SecurityEvent
from accounts.security import client_ip
from tests.factories import UserFactory
from tests.factories.portal import PASSWORD

pytestmark = pytest.mark.django_db


WRONG = "wrong-password"


def sign_in(client, email, password=WRONG, address="203.0.113.5"):
    return client.post(
        reverse("accounts:login"), {"username": email, "password": password}, REMOTE_ADDR=address
    )


def test_login_locks_the_account_after_ten_failures_and_says_until_when(client):
    UserFactory(email="dana@example.org")
    for attempt in range(10):
        sign_in(client, "dana@example.org", address=f"198.51.100.{attempt}")

    response = sign_in(client, "dana@example.org", password=PASSWORD, address="192.0.2.1")

    assert response.status_code == 200
    assert "Too many failed sign-ins. Try again after" in response.text
    assert "_auth_user_id" not in client.session


def test_login_nine_failures_do_not_lock(client):
    UserFactory(email="dana@example.org")
    for _attempt in range(9):
        sign_in(client, "dana@example.org")

    response = sign_in(client, "dana@example.org", password=PASSWORD)

    assert response.status_code == 302


def test_login_locks_an_address_trying_many_accounts(client):
    UserFactory(email="victim@example.org")
    for attempt in range(10):
        sign_in(client, f"guess{attempt}@example.org", address="203.0.113.9")

    locked = sign_in(client, "victim@example.org", password=PASSWORD, address="203.0.113.9")
    elsewhere = sign_in(client, "victim@example.org", password=PASSWORD, address="192.0.2.7")

    assert "Too many failed sign-ins" in locked.text
    assert elsewhere.status_code == 302


def test_login_lock_ends_after_the_lockout_time(client, settings):
    UserFactory(email="dana@example.org")
    for _attempt in range(10):
        sign_in(client, "dana@example.org")
    later = timezone.now() + datetime.timedelta(seconds=settings.LOGIN_LOCKOUT_SECONDS + 1)

    with mock.patch("accounts.throttle.timezone.now", return_value=later):
        response = sign_in(client, "dana@example.org", password=PASSWORD)

    assert response.status_code == 302


def test_login_success_clears_the_accounts_failures(client):
    UserFactory(email="dana@example.org")
    for _attempt in range(9):
        sign_in(client, "dana@example.org")
    sign_in(client, "dana@example.org", password=PASSWORD)
    client.post(reverse("accounts:logout"))

    sign_in(client, "dana@example.org", address="192.0.2.8")

    assert throttle.locked_until(email="dana@example.org", ip_address="192.0.2.8") is None


def test_login_lockout_is_a_security_event(client):
    user = UserFactory(email="dana@example.org")
    for _attempt in range(10):
        sign_in(client, "dana@example.org")

    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.LOCKED_OUT)

    assert (event.user, event.ip_address) == (user, "203.0.113.5")
    assert event.details == {"locked": ["account", "address"]}
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.LOGIN_FAILED).count() == 10


def test_client_ip_trusts_only_the_configured_proxies(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.7")

    settings.TRUSTED_PROXY_COUNT = 0
    direct = client_ip(request)
    settings.TRUSTED_PROXY_COUNT = 1
    behind_nginx = client_ip(request)

    assert (direct, behind_nginx) == ("10.0.0.2", "203.0.113.7")
