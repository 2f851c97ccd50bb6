import datetime
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import throttle
from accounts.models import SecurityEvent, ThrottleEntry
from accounts.security import client_ip
from core.cache import cache_available
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


# The same rules while the shared cache is down (the redis_down fixture, tests/conftest.py):
# counts and locks in the database.


def fail(times: int, email: str = "dana@example.org", address: str = "203.0.113.5") -> list:
    locked = []
    for _ in range(times):
        locked = throttle.failure_record(email=email, ip_address=address)
    return locked


def at(seconds: int):
    later = timezone.now() + datetime.timedelta(seconds=seconds)
    return mock.patch("accounts.throttle.timezone.now", return_value=later)


def test_while_the_cache_is_down_ten_failures_lock_the_account_and_the_address(redis_down):
    UserFactory(email="dana@example.org")

    nine = fail(9)
    tenth = fail(1)

    assert (nine, tenth) == ([], ["account", "address"])
    assert not cache_available()
    until = throttle.locked_until(email="DANA@example.org", ip_address="192.0.2.1")
    assert until > timezone.now() + datetime.timedelta(seconds=800)
    assert throttle.locked_until(email="other@example.org", ip_address="192.0.2.1") is None
    assert ThrottleEntry.objects.filter(locked_until__isnull=True).count() == 0


def test_while_the_cache_is_down_the_lock_ends_and_the_count_starts_again(redis_down, settings):
    fail(10)

    with at(settings.LOGIN_LOCKOUT_SECONDS + 1):
        after = throttle.locked_until(email="dana@example.org", ip_address="203.0.113.5")
        one_more = fail(1)

    assert (after, one_more) == (None, [])


def test_while_the_cache_is_down_failures_of_other_accounts_do_not_add_up(redis_down):
    for account in range(3):
        locked = [fail(4, email=f"user{account}@example.org", address=f"198.51.100.{account}")]

    assert locked == [[]]
    assert throttle.locked_until(email="user0@example.org", ip_address=None) is None


def test_while_the_cache_is_down_one_lock_keeps_the_other_keys_failures(redis_down):
    fail(9, email="other@example.org", address="198.51.100.1")
    fail(10, email="dana@example.org", address="198.51.100.2")

    assert fail(1, email="other@example.org", address="198.51.100.3") == ["account"]


def test_while_the_cache_is_down_failures_outside_the_window_do_not_count(redis_down, settings):
    fail(9)
    old = timezone.now() - datetime.timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS + 5)
    ThrottleEntry.objects.update(failed_at=old)

    assert fail(1) == []


def test_while_the_cache_is_down_rows_older_than_any_rule_are_deleted(redis_down, settings):
    longest = max(settings.LOGIN_FAILURE_WINDOW_SECONDS, settings.LOGIN_LOCKOUT_SECONDS)
    stale = ThrottleEntry.objects.create(
        key="login-throttle:failures:account:x",
        failed_at=timezone.now() - datetime.timedelta(seconds=longest + 5),
    )
    recent = ThrottleEntry.objects.create(
        key="login-throttle:failures:account:y",
        failed_at=timezone.now() - datetime.timedelta(seconds=longest - 60),
    )

    fail(1)

    assert not ThrottleEntry.objects.filter(pk=stale.pk).exists()
    assert ThrottleEntry.objects.filter(pk=recent.pk).exists()


def test_while_the_cache_is_down_a_correct_password_clears_the_accounts_failures(redis_down):
    UserFactory(email="dana@example.org")
    fail(9)
    fail(9, email="other@example.org", address="198.51.100.1")

    throttle.success_record(email="Dana@Example.org")

    assert fail(1, address="192.0.2.9") == []
    assert throttle.locked_until(email="dana@example.org", ip_address="192.0.2.9") is None
    # Only this account's: one known password must not clear the counts of the others.
    assert fail(1, email="other@example.org", address="198.51.100.2") == ["account"]


def test_while_the_cache_is_down_a_correct_password_leaves_the_lock(redis_down):
    fail(10)

    throttle.success_record(email="dana@example.org")

    assert throttle.locked_until(email="dana@example.org", ip_address=None) is not None


def test_while_the_cache_is_down_an_ended_lock_is_not_counted_as_a_failure(redis_down):
    fail(10)
    ended = timezone.now() - datetime.timedelta(seconds=1)
    ThrottleEntry.objects.filter(locked_until__isnull=False).update(locked_until=ended)

    assert fail(9) == []


def test_while_the_cache_works_nothing_is_written_to_the_database():
    UserFactory(email="dana@example.org")

    locked = fail(10)

    assert locked == ["account", "address"]
    assert ThrottleEntry.objects.count() == 0


def test_with_the_cache_a_lock_that_ends_starts_the_count_again(settings):
    fail(10)

    with at(settings.LOGIN_LOCKOUT_SECONDS + 1):
        one_more = fail(1)

    assert one_more == []


def test_the_account_key_is_the_account_whatever_the_spelling():
    user = UserFactory(email="dana@example.org")

    fail(10, email="DANA@EXAMPLE.ORG", address="198.51.100.1")

    assert throttle.locked_until(email="dana@example.org", ip_address=None) is not None
    assert throttle._account(" Dana@example.ORG") == f"user:{user.pk}"
    assert throttle._account("nobody@example.org") == "email:nobody@example.org"


@pytest.mark.parametrize("limit", [2, 3])
def test_a_failure_that_finds_the_window_just_ended_is_the_first_of_a_new_count(settings, limit):
    settings.LOGIN_FAILURE_LIMIT = limit
    fail(limit - 1)  # one short of a lock in the old window
    real_add = throttle.cache.add

    def add_then_expire(key, *args, **kwargs):  # the window runs out between add() and incr()
        real_add(key, *args, **kwargs)
        throttle.cache.delete(key)

    with mock.patch.object(throttle.cache, "add", side_effect=add_then_expire):
        first = fail(1)
    short_of_limit = fail(limit - 2)
    last = fail(1)

    assert (first, short_of_limit, last) == ([], [], ["account", "address"])
    assert ThrottleEntry.objects.count() == 0
