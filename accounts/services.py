"""Writes of the accounts app: a person's language and the security trail. Accounts sits below
every domain app (invitations, which link a login to a profile, are an app of their own)."""

from __future__ import annotations

from django.db import transaction

from accounts.models import SecurityEvent, User
from accounts.security import client_ip
from core.request_context import current_request
from core.services import validated_save


@transaction.atomic
def user_set_language(*, user: User, language: str) -> User:
    return validated_save(user, preferred_language=language)


def security_event_record(
    *,
    kind: str,
    user: User | None = None,
    actor: User | None = None,
    email: str = "",
    details: dict | None = None,
    request=None,
) -> SecurityEvent:
    """Record a security event. `actor` and the address default to the request being served
    (passed, or the one SecurityMiddleware remembers); outside a request they stay empty."""
    request = request or current_request()
    requester = getattr(request, "user", None)
    if actor is None and requester is not None and requester.is_authenticated:
        actor = requester
    event = SecurityEvent(
        kind=kind,
        user=user,
        actor=actor,
        email=user.email if user is not None else email,
        actor_email=actor.email if actor is not None else "",
        ip_address=client_ip(request),
        details=details or {},
    )
    # Every field is checked except that the two people exist: both are instances read from the
    # database by the caller, and the foreign keys' constraints hold anyway. Asking twice more
    # would cost two queries on every API call (each token use is recorded here).
    event.full_clean(exclude=_saved_people(user, actor))
    event.save(force_insert=True)
    return event


def _saved_people(user: User | None, actor: User | None) -> list[str]:
    return [
        name
        for name, person in (("user", user), ("actor", actor))
        if person is not None and person.pk is not None and not person._state.adding
    ]
