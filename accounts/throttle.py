"""Sign-in throttling: LOGIN_FAILURE_LIMIT failed sign-ins within LOGIN_FAILURE_WINDOW_SECONDS,
counted per account and per address, lock that account or address for LOGIN_LOCKOUT_SECONDS.

A small limiter on the shared cache (Redis in production, so every web process sees the same
counts) rather than django-axes: axes does not declare support for Django 6.1, and the rule
needs only two counters and a lock per key. Per account stops guessing one person's password
from many addresses; per address stops trying one password on many accounts."""

from __future__ import annotations

import datetime
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone


def _key(kind: str, scope: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"login-throttle:{kind}:{scope}:{digest}"


def _scopes(email: str, ip_address: str | None) -> list[tuple[str, str]]:
    scopes = [("account", email)] if email else []
    return scopes + ([("address", ip_address)] if ip_address else [])


def locked_until(*, email: str, ip_address: str | None) -> datetime.datetime | None:
    """When the later lock (account or address) ends; None when neither is locked."""
    keys = [_key("lock", scope, value) for scope, value in _scopes(email, ip_address)]
    ends = [end for end in cache.get_many(keys).values() if end > timezone.now()]
    return max(ends, default=None)


def failure_record(*, email: str, ip_address: str | None) -> list[str]:
    """Count a failed sign-in; returns the scopes ("account", "address") this failure locked."""
    locked = []
    for scope, value in _scopes(email, ip_address):
        key = _key("failures", scope, value)
        # add() starts the window only with the first failure; incr() keeps its expiry.
        cache.add(key, 0, timeout=settings.LOGIN_FAILURE_WINDOW_SECONDS)
        try:
            failures = cache.incr(key)
        except ValueError:  # the window ran out between add() and incr()
            cache.set(key, 1, timeout=settings.LOGIN_FAILURE_WINDOW_SECONDS)
            failures = 1
        if failures >= settings.LOGIN_FAILURE_LIMIT:
            _lock(scope, value)
            cache.delete(key)
            locked.append(scope)
    return locked


def _lock(scope: str, value: str) -> None:
    until = timezone.now() + datetime.timedelta(seconds=settings.LOGIN_LOCKOUT_SECONDS)
    cache.set(_key("lock", scope, value), until, timeout=settings.LOGIN_LOCKOUT_SECONDS)


def success_record(*, email: str) -> None:
    """A correct password clears the account's count (not the address's: one known account must
    not reset the count of an address trying many)."""
    cache.delete(_key("failures", "account", email))
