"""API tokens (accounts.ApiToken): made by staff for a person, shown once, found by their hash,
refused once expired or revoked; every making, revoking, use and refusal is in the security
trail. The REST API (api.authentication) calls `api_token_authenticate` on each request."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from django.db import connections, router, transaction
from django.utils import timezone

from accounts.models import ApiToken, SecurityEvent, User
from accounts.security import client_ip
from accounts.services import security_event_record
from core.compiled_queries import (
    SKIP_THE_WAIT_CONDITION,
    KeyLookup,
    RowInsert,
    commit_may_skip_the_wait,
)
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


# Every request with a token records its use: the trail's most frequent row. On PostgreSQL it is
# written by the token's own read, one statement (KeyLookup.get(writing=…), below); elsewhere by
# an INSERT built once per connection. Either way its commit does not wait for the disk
# (core.compiled_queries says what that risks: the uses of the last moment before a crash of the
# database server, never a use whose request then wrote anything). Not validated like
# security_event_record's rows: every value is the token's person's, the checked address
# (client_ip) or this request's own.
USE_FIELDS = (
    "recorded_at",
    "kind",
    "user_id",
    "actor_id",
    "email",
    "actor_email",
    "ip_address",
    "details",
)
_use_insert = RowInsert(lambda: SecurityEvent, fields=USE_FIELDS, wait_for_disk=False)


def _use_written_with_read(connection) -> str | None:
    """PostgreSQL: the use's INSERT … SELECT from the token found by its hash, written only when
    the token is usable, on the conditions api_token_authenticate checks (ApiToken.is_usable_at
    the same moment, the person active). Run with the token's read, it sees the same snapshot,
    so the two always agree. Outside a transaction its commit does not wait for the disk, inside
    one it commits with it. Built once per connection for each; None where it cannot run."""
    if connection.vendor != "postgresql":
        return None
    return use_sql(connection, skip_the_wait=commit_may_skip_the_wait(connection))


def use_sql(connection, *, skip_the_wait: bool) -> str:
    attribute = f"_api_token_use_sql_{skip_the_wait}"
    sql = connection.__dict__.get(attribute)
    if sql is None:
        quote = connection.ops.quote_name
        event, token, person = SecurityEvent._meta, ApiToken._meta, User._meta

        def column(meta, name: str) -> str:
            return quote(meta.get_field(name).column)

        person_id, person_email = f"p.{column(person, 'id')}", f"p.{column(person, 'email')}"
        sql = connection.__dict__[attribute] = (
            f"INSERT INTO {quote(event.db_table)} "  # noqa: S608 (names from the models)
            f"({', '.join(column(event, name) for name in USE_FIELDS)}) "
            f"SELECT %s::timestamptz, %s, {person_id}, {person_id}, {person_email}, "
            f"{person_email}, %s::inet, jsonb_build_object('token', t.{column(token, 'id')}, "
            "'method', %s::text, 'path', %s::text) "
            f"FROM {quote(token.db_table)} t JOIN {quote(person.db_table)} p "
            f"ON {person_id} = t.{column(token, 'user')} "
            f"WHERE t.{column(token, 'token_hash')} = %s "
            f"AND t.{column(token, 'revoked_at')} IS NULL "
            f"AND t.{column(token, 'expires_at')} > %s::timestamptz "
            f"AND p.{column(person, 'is_active')}"
            + (f" AND {SKIP_THE_WAIT_CONDITION}" if skip_the_wait else "")
        )
    return sql


def api_token_authenticate(*, raw: str, method: str, path: str, request=None) -> ApiToken | None:
    """The usable token with this value, its use recorded; None (and the refusal recorded when
    the token exists) for an unknown, expired or revoked token or an inactive person."""
    token_hash, now, address, path = (
        api_token_hash(raw),
        timezone.now(),
        client_ip(request),
        path[:200],
    )
    use_sql = _use_written_with_read(connections[router.db_for_write(ApiToken)])
    if use_sql is None:
        token = _token_by_hash.get(token_hash)
    else:
        use = [now, SecurityEvent.Kind.API_TOKEN_USED, address, method, path, token_hash, now]
        token = _token_by_hash.get(token_hash, writing=(use_sql, use))
    if token is None:
        return None
    details = {"token": token.pk, "method": method, "path": path}
    if not (token.is_usable_at(now) and token.user.is_active):
        reason = (
            "revoked" if token.revoked_at else "expired" if token.expires_at <= now else "inactive"
        )
        security_event_record(
            kind=SecurityEvent.Kind.API_TOKEN_REFUSED,
            user=token.user,
            actor=token.user,
            details=details | {"reason": reason},
            request=request,
        )
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    if use_sql is None:
        _use_insert.insert(
            recorded_at=now,
            kind=SecurityEvent.Kind.API_TOKEN_USED,
            user_id=token.user.pk,
            actor_id=token.user.pk,
            email=token.user.email,
            actor_email=token.user.email,
            ip_address=address,
            details=details,
        )
    return token
