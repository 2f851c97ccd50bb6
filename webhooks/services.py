"""The webhook path, shaped like the outbox's: `webhook_event_emit` writes a delivery per
subscribed endpoint in the caller's transaction and enqueues it after commit; `delivery_send`
POSTs one row under a lease, signed, and records the attempt; 5xx, 408, 429 and network errors
are retried with exponential backoff, other answers end the delivery; `webhooks_sweep` repairs
what a broker outage or a dead worker left; `delivery_resend` gives staff another try."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
import time
import urllib.error
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import validated_save
from webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Talents-Signature"
TIMESTAMP_HEADER = "X-Talents-Timestamp"
EVENT_HEADER = "X-Talents-Event"
DELIVERY_HEADER = "X-Talents-Delivery"
# Statuses that mean "not now" rather than "never".
RETRIED_STATUSES = {408, 425, 429}
EXCERPT_CHARS = 2000


@transaction.atomic
def endpoint_create(*, url: str, events: list[str], created_by, description: str = "") -> tuple:
    """Returns the endpoint and its signing secret (shown to staff once)."""
    secret = secrets.token_hex(32)
    endpoint = validated_save(
        WebhookEndpoint(secret=secret),
        url=url,
        events=sorted(set(events)),
        description=description,
        created_by=created_by,
    )
    return endpoint, secret


@transaction.atomic
def endpoint_update(*, endpoint: WebhookEndpoint, **fields) -> WebhookEndpoint:
    return validated_save(endpoint, **fields)


def signature(*, secret: str, timestamp: str, body: bytes) -> str:
    """HMAC-SHA256 over "<timestamp>.<body>": a receiver that checks the timestamp is recent
    refuses a delivery replayed later."""
    message = timestamp.encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def webhook_event_emit(*, event: str, data: dict) -> list[int]:
    """Write one delivery per active endpoint subscribed to `event`, in the caller's
    transaction; each is sent once it commits. Returns the deliveries' ids."""
    endpoints = [e for e in WebhookEndpoint.objects.filter(is_active=True) if event in e.events]
    if not endpoints:
        return []
    now = timezone.now()
    created = []
    with transaction.atomic():
        for endpoint in endpoints:
            delivery = WebhookDelivery(endpoint=endpoint, event=event, created_at=now)
            envelope = {
                "id": str(delivery.event_id),
                "event": event,
                "occurred_at": now.isoformat(),
                "data": data,
            }
            delivery.body = json.dumps(envelope, cls=DjangoJSONEncoder, ensure_ascii=False)
            delivery.save()
            created.append(delivery.pk)
    for pk in created:
        transaction.on_commit(lambda pk=pk: delivery_enqueue(delivery_id=pk))
    return created


BROKER_BACKOFF_SECONDS = 30
_broker_down_until = 0.0


def delivery_enqueue(*, delivery_id: int) -> bool:
    """Put the delivery on the queue; a broker that is down leaves it to the sweep."""
    global _broker_down_until
    from webhooks.tasks import send_webhook_delivery

    if time.monotonic() < _broker_down_until:
        return False
    try:
        send_webhook_delivery.delay(delivery_id=delivery_id)
    except Exception:  # kombu's OperationalError, socket errors, timeouts: all mean "not now"
        _broker_down_until = time.monotonic() + BROKER_BACKOFF_SECONDS
        logger.warning("webhook delivery %s left for the sweep", delivery_id, exc_info=True)
        return False
    return True


class _Answer:
    def __init__(self, status: int | None, excerpt: str = "", error: str = "") -> None:
        self.status, self.excerpt, self.error = status, excerpt, error

    @property
    def delivered(self) -> bool:
        return self.status is not None and 200 <= self.status < 300

    @property
    def retry(self) -> bool:
        return self.status is None or self.status >= 500 or self.status in RETRIED_STATUSES


def delivery_send(*, delivery_id: int) -> int | None:
    """Send one delivery. Returns the seconds to wait before the next try when it should be
    retried, else None (delivered, failed for good, or not ours to send)."""
    if not _claim(delivery_id):
        return None
    delivery = WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id)
    started = time.monotonic()
    answer = _post(delivery)
    WebhookAttempt.objects.create(
        delivery=delivery,
        status_code=answer.status,
        response_excerpt=answer.excerpt,
        error=answer.error[:300],
        duration_ms=int((time.monotonic() - started) * 1000),
    )
    if answer.delivered:
        _finish(delivery, status=WebhookDelivery.Status.DELIVERED, delivered_at=timezone.now())
        return None
    if not answer.retry or delivery.attempts >= settings.WEBHOOK_MAX_ATTEMPTS:
        _finish(delivery, status=WebhookDelivery.Status.FAILED)
        return None
    delay = min(
        settings.WEBHOOK_RETRY_BASE_SECONDS * 2 ** (delivery.attempts - 1),
        settings.WEBHOOK_RETRY_MAX_SECONDS,
    )
    _finish(
        delivery,
        status=WebhookDelivery.Status.PENDING,
        next_attempt_at=timezone.now() + timedelta(seconds=delay),
    )
    return delay


def _claim(delivery_id: int) -> bool:
    """A conditional UPDATE and a lease, as the outbox does: no lock held during the POST."""
    now = timezone.now()
    free = Q(status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=now) & (
        Q(lease_until__isnull=True) | Q(lease_until__lt=now)
    )
    abandoned = Q(status=WebhookDelivery.Status.SENDING, lease_until__lt=now)
    claimed = (
        WebhookDelivery.objects.filter(free | abandoned, pk=delivery_id)
        .filter(attempts__lt=settings.WEBHOOK_MAX_ATTEMPTS)
        .update(
            status=WebhookDelivery.Status.SENDING,
            lease_until=now + timedelta(seconds=settings.WEBHOOK_LEASE_SECONDS),
            attempts=F("attempts") + 1,
        )
    )
    return claimed == 1


def _post(delivery: WebhookDelivery) -> _Answer:
    body = delivery.body.encode()
    timestamp = str(int(time.time()))
    request = urllib.request.Request(  # noqa: S310 (staff-registered http(s) URLs only: URLField)
        delivery.endpoint.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": f"{settings.SITE_NAME} webhooks",
            EVENT_HEADER: delivery.event,
            DELIVERY_HEADER: str(delivery.event_id),
            TIMESTAMP_HEADER: timestamp,
            SIGNATURE_HEADER: signature(
                secret=delivery.endpoint.secret, timestamp=timestamp, body=body
            ),
        },
    )
    try:
        with urllib.request.urlopen(  # noqa: S310
            request, timeout=settings.WEBHOOK_TIMEOUT_SECONDS
        ) as response:
            return _Answer(response.status, _excerpt(response))
    except urllib.error.HTTPError as error:
        return _Answer(error.code, _excerpt(error))
    except (urllib.error.URLError, OSError, ValueError) as error:
        # Refused, reset, timed out, unresolvable: the receiver may be back in a minute.
        return _Answer(None, error=f"{type(error).__name__}: {error}")


def _excerpt(response) -> str:
    try:
        return response.read(EXCERPT_CHARS).decode(errors="replace")
    except OSError:
        return ""


def _finish(delivery: WebhookDelivery, **fields) -> None:
    WebhookDelivery.objects.filter(pk=delivery.pk).update(lease_until=None, **fields)


def webhooks_sweep() -> dict[str, int]:
    """Release leases whose worker died and enqueue deliveries left pending past their time."""
    now = timezone.now()
    expired = WebhookDelivery.objects.filter(
        status=WebhookDelivery.Status.SENDING, lease_until__lt=now
    )
    given_up = expired.filter(attempts__gte=settings.WEBHOOK_MAX_ATTEMPTS).update(
        status=WebhookDelivery.Status.FAILED, lease_until=None
    )
    released = expired.update(status=WebhookDelivery.Status.PENDING, lease_until=None)
    grace = now - timedelta(seconds=settings.OUTBOX_SWEEP_GRACE_SECONDS)
    overdue = (
        WebhookDelivery.objects.filter(
            status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=grace
        )
        .filter(Q(requeued_at__isnull=True) | Q(requeued_at__lte=grace))
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[: settings.OUTBOX_SWEEP_BATCH]
    )
    requeued = 0
    for pk in list(overdue):
        mine = WebhookDelivery.objects.filter(
            Q(requeued_at__isnull=True) | Q(requeued_at__lte=grace), pk=pk
        ).update(requeued_at=now)
        if mine and delivery_enqueue(delivery_id=pk):
            requeued += 1
    return {"released": released, "given_up": given_up, "requeued": requeued}


@transaction.atomic
def delivery_resend(*, delivery: WebhookDelivery) -> WebhookDelivery:
    """Staff send a delivery again (failed, or delivered and lost on the receiver's side): same
    body and delivery id, fresh attempts; the attempts so far stay in its log."""
    updated = WebhookDelivery.objects.filter(
        pk=delivery.pk,
        status__in=(WebhookDelivery.Status.FAILED, WebhookDelivery.Status.DELIVERED),
    ).update(
        status=WebhookDelivery.Status.PENDING,
        attempts=0,
        next_attempt_at=timezone.now(),
        lease_until=None,
        requeued_at=None,
        delivered_at=None,
    )
    if not updated:
        raise ValidationError(_("Only a failed or delivered webhook can be sent again."))
    transaction.on_commit(lambda: delivery_enqueue(delivery_id=delivery.pk))
    delivery.refresh_from_db()
    return delivery
