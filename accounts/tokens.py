"""API tokens (accounts.ApiToken): made by staff for a person, shown once, found by their hash,
refused once expired or revoked; every making, revoking, use and refusal is in the security
trail. The REST API (api.authentication) calls `api_token_authenticate` on each request."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import ApiToken, SecurityEvent, User
from accounts.security import client_ip
from accounts.services import security_event_record
from core.compiled_queries import KeyLookup, RowInsert
from core.services import validated_save

# Makes a leaked token recognisable to secret scanners; not a secret itself.
TOKEN_PREFIX = "bjt_"  # noqa: S105


def api_token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def api_token_create(
    *,
    user: User,
    name: str,
    scopes: list[str],
    expires_at: datetime,
    created_by: User,
    requests_per_minute: int = 120,
) -> tuple[ApiToken, str]:
    """Returns the token and its raw value, which is never stored: show it once."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = validated_save(
        ApiToken(prefix=raw[:12], token_hash=api_token_hash(raw), created_at=timezone.now()),
        user=user,
        name=name,
        scopes=sorted(set(scopes)),
        expires_at=expires_at,
        created_by=created_by,
        requests_per_minute=requests_per_minute,
    )
    security_event_record(
        kind=SecurityEvent.Kind.API_TOKEN_CREATED,
        user=user,
        actor=created_by,
        details={"token": token.pk, "name": name, "scopes": token.scopes},
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken, revoked_by: User) -> ApiToken:
    """Revoked at once and for good; revoking twice changes nothing."""
    updated = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    token.refresh_from_db()
    if updated:
        security_event_record(
            kind=SecurityEvent.Kind.API_TOKEN_REVOKED,
            user=token.user,
            actor=revoked_by,
            details={"token": token.pk, "name": token.name},
        )
    return token


# A token's "last used" is kept to the minute: rewriting its row on every call would be one more
# write and commit on the API's busiest path (the benchmark's token rows). Each use is still in
# the security trail.
LAST_USED_PRECISION = timedelta(minutes=1)


# Every token request reads its token: the SQL is built once per connection.
_token_by_hash = KeyLookup(
    lambda: ApiToken.objects.select_related("user"), field="token_hash", placeholder=""
)


# Every request with a token records its use: the trail's most frequent row, written with SQL
# built once per connection and committed without waiting for the disk (core.compiled_queries
# says what that risks: the uses of the last moment before a crash of the database server, never
# a use whose request then wrote anything). Not validated like security_event_record's rows:
# every value is the token's person's, the checked address (client_ip) or this request's own.
_use_insert = RowInsert(
    lambda: SecurityEvent,
    fields=(
        "recorded_at",
        "kind",
        "user_id",
        "actor_id",
        "email",
        "actor_email",
        "ip_address",
        "details",
    ),
    wait_for_disk=False,
)


def api_token_authenticate(*, raw: str, method: str, path: str, request=None) -> ApiToken | None:
    """The usable token with this value, its use recorded; None (and the refusal recorded when
    the token exists) for an unknown, expired or revoked token or an inactive person."""
    token = _token_by_hash.get(api_token_hash(raw))
    if token is None:
        return None
    details = {"token": token.pk, "method": method, "path": path[:200]}
    if not (token.is_usable and token.user.is_active):
        reason = (
            "revoked"
            if token.revoked_at
            else "expired"
            if token.expires_at <= timezone.now()
            else "inactive"
        )
        security_event_record(
            kind=SecurityEvent.Kind.API_TOKEN_REFUSED,
            user=token.user,
            actor=token.user,
            details=details | {"reason": reason},
            request=request,
        )
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    _use_insert.insert(
        recorded_at=now,
        kind=SecurityEvent.Kind.API_TOKEN_USED,
        user_id=token.user.pk,
        actor_id=token.user.pk,
        email=token.user.email,
        actor_email=token.user.email,
        ip_address=client_ip(request),
        details=details,
    )
    return token
