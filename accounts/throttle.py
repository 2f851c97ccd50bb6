"""Sign-in throttling: LOGIN_FAILURE_LIMIT failed sign-ins within LOGIN_FAILURE_WINDOW_SECONDS,
counted per account and per address, lock that account or address for LOGIN_LOCKOUT_SECONDS.

A small limiter on the shared cache (Redis in production, so every web process sees the same
counts) rather than django-axes: axes does not declare support for Django 6.1, and the rule
needs only two counters and a lock per key. Per account stops guessing one person's password
from many addresses; per address stops trying one password on many accounts.

The account is the account once found (every spelling of its address shares one count), else
the normalised address. While the cache is down (core.cache.cache_available) the counts and
locks live in the database (accounts.models.ThrottleEntry): an outage neither lets an attacker
through nor locks everybody out."""

from __future__ import annotations

import datetime
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from accounts.models import ThrottleEntry, User
from core.cache import cache_available


def _key(kind: str, scope: str, value: str) -> str:
    digest = hashlib.sha256(value.encode()).hexdigest()[:32]
    return f"login-throttle:{kind}:{scope}:{digest}"


def _account(email: str) -> str:
    address = User.objects.normalize_email(email)
    pk = (
        User.objects.filter(email=address).values_list("pk", flat=True).first() if address else None
    )
    return f"user:{pk}" if pk else f"email:{address}"


def _scopes(email: str, ip_address: str | None) -> list[tuple[str, str]]:
    scopes = [("account", _account(email))] if email.strip() else []
    return scopes + ([("address", ip_address)] if ip_address else [])


def locked_until(*, email: str, ip_address: str | None) -> datetime.datetime | None:
    """When the later lock (account or address) ends; None when neither is locked."""
    scopes = _scopes(email, ip_address)
    keys = [_key("lock", scope, value) for scope, value in scopes]
    found = cache.get_many(keys) if cache_available() else {}
    ends = [end for end in found.values() if end > timezone.now()]
    if not cache_available():
        ends += _database_locks([_key("failures", scope, value) for scope, value in scopes])
    return max(ends, default=None)


def failure_record(*, email: str, ip_address: str | None) -> list[str]:
    """Count a failed sign-in; returns the scopes ("account", "address") this failure locked."""
    locked = []
    for scope, value in _scopes(email, ip_address):
        key = _key("failures", scope, value)
        failures = _cache_count(key) if cache_available() else None
        if failures is None or not cache_available():
            failures = _database_count(key)
        if failures >= settings.LOGIN_FAILURE_LIMIT:
            _lock(scope, value, key)
            locked.append(scope)
    return locked


def _cache_count(key: str) -> int | None:
    # add() starts the window only with the first failure; incr() keeps its expiry.
    cache.add(key, 0, timeout=settings.LOGIN_FAILURE_WINDOW_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:  # the window ran out between add() and incr()
        cache.set(key, 1, timeout=settings.LOGIN_FAILURE_WINDOW_SECONDS)
        return 1


def _lock(scope: str, value: str, failures_key: str) -> None:
    until = timezone.now() + datetime.timedelta(seconds=settings.LOGIN_LOCKOUT_SECONDS)
    if cache_available():
        cache.set(_key("lock", scope, value), until, timeout=settings.LOGIN_LOCKOUT_SECONDS)
        cache.delete(failures_key)
    if not cache_available():
        ThrottleEntry.objects.filter(key=failures_key, locked_until__isnull=True).delete()
        ThrottleEntry.objects.create(key=failures_key, locked_until=until)


def _database_count(key: str) -> int:
    now = timezone.now()
    window = now - datetime.timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
    longest = max(settings.LOGIN_FAILURE_WINDOW_SECONDS, settings.LOGIN_LOCKOUT_SECONDS)
    ThrottleEntry.objects.filter(failed_at__lt=now - datetime.timedelta(seconds=longest)).delete()
    ThrottleEntry.objects.create(key=key)
    return ThrottleEntry.objects.filter(
        key=key, locked_until__isnull=True, failed_at__gte=window
    ).count()


def _database_locks(keys: list[str]) -> list[datetime.datetime]:
    rows = ThrottleEntry.objects.filter(key__in=keys, locked_until__gt=timezone.now())
    return list(rows.values_list("locked_until", flat=True))


def success_record(*, email: str) -> None:
    """A correct password clears the account's count (not the address's: one known account must
    not reset the count of an address trying many)."""
    key = _key("failures", "account", _account(email))
    if cache_available():
        cache.delete(key)
    ThrottleEntry.objects.filter(key=key, locked_until__isnull=True).delete()
