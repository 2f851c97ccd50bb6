"""Reads of the accounts app that pages share."""

from __future__ import annotations

import datetime

from django.db.models import F, Q, QuerySet

from accounts.models import ApiToken, SecurityEvent


def security_events_filtered(
    *,
    kind: str = "",
    person: str = "",
    ip_address: str = "",
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> QuerySet[SecurityEvent]:
    """The trail, newest first, narrowed by event kind, by the person concerned or acting
    (part of an address), by address and by day (inclusive, in the site's time zone)."""
    events = SecurityEvent.objects.order_by("-recorded_at", "-id")
    if kind:
        events = events.filter(kind=kind)
    if person:
        events = events.filter(Q(email__icontains=person) | Q(actor_email__icontains=person))
    if ip_address:
        events = events.filter(ip_address=ip_address)
    if since:
        events = events.filter(recorded_at__date__gte=since)
    if until:
        events = events.filter(recorded_at__date__lte=until)
    return events


def api_tokens_for_staff() -> QuerySet[ApiToken]:
    """Every API token, usable ones first, with whom it belongs to and who made it."""
    return ApiToken.objects.select_related("user", "created_by").order_by(
        F("revoked_at").asc(nulls_first=True), "-created_at", "-id"
    )
