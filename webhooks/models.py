"""Webhooks: the outbox's promise for HTTP. Staff register endpoints for events; an event writes
one delivery row per subscribed endpoint in the same transaction as the change that caused it,
so a film is never published without its deliveries (or the reverse); a worker sends each row
after commit and records every attempt with the receiver's answer.

Ground, beside the outbox, and for the same reason: any domain app may announce an event, so
this app imports none of them. Domain services call down into `webhook_event_emit` with a
small payload of ids and slugs; receivers read the rest from the REST API."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    FILM_PUBLISHED = "film.published", _("Film published")
    FILM_CHANGED = "film.changed", _("Published film changed")
    SCREENING_PUBLISHED = "screening.published", _("Screening published")
    SUBMISSION_REVIEWED = "submission.reviewed", _("Submission reviewed")
    APPLICATION_SUBMITTED = "application.submitted", _("Application submitted")
    DECISION_SENT = "decision.sent", _("Decision sent")


class WebhookEndpoint(models.Model):
    url = models.URLField(_("address"), max_length=500, help_text=_("Where deliveries are POSTed."))
    description = models.CharField(_("description"), max_length=200, blank=True)
    events = models.JSONField(_("events"), default=list)
    # Kept as is: the signature is made with it. Shown to staff once, when the endpoint is made.
    secret = models.CharField(max_length=64, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["url", "id"]

    def __str__(self) -> str:
        return self.url

    def clean(self) -> None:
        super().clean()
        if not isinstance(self.events, list) or not self.events:
            raise ValidationError({"events": _("Choose at least one event.")})
        if set(self.events) - set(Event.values):
            raise ValidationError({"events": _("Unknown event.")})


class WebhookDelivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(_("event"), max_length=40, choices=Event)
    # Stable across attempts and re-sends: receivers drop a delivery they have already seen.
    event_id = models.UUIDField(_("delivery id"), default=uuid.uuid4, editable=False)
    body = models.TextField(_("body"))
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    lease_until = models.DateTimeField(_("leased until"), null=True, blank=True)
    requeued_at = models.DateTimeField(_("requeued at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhook_due_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="delivered") | Q(delivered_at__isnull=False),
                name="webhook_delivered_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.endpoint_id} ({self.status})"


class WebhookAttempt(models.Model):
    """One POST of a delivery and what the receiver answered (or why there was no answer)."""

    delivery = models.ForeignKey(
        WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log"
    )
    attempted_at = models.DateTimeField(_("when"), default=timezone.now)
    status_code = models.PositiveSmallIntegerField(_("answer"), null=True, blank=True)
    response_excerpt = models.TextField(_("answer body"), blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)

    class Meta:
        verbose_name = _("webhook attempt")
        verbose_name_plural = _("webhook attempts")
        ordering = ["attempted_at", "id"]

    def __str__(self) -> str:
        return f"{self.delivery_id} {self.status_code or self.error}"
