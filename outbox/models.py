"""Every email the system sends is first a row here, written in the same transaction as the event
that caused it, so a submission is never saved without its notifications (or the reverse). A
Celery task sends the row after commit; the row remembers how that went."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    recipient = models.EmailField(_("recipient"))
    language = models.CharField(_("language"), max_length=8)
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField(_("plain-text body"))
    body_html = models.TextField(_("HTML body"))
    # What caused the message, e.g. "submission:123", for finding it from the event.
    cause = models.CharField(_("cause"), max_length=100, db_index=True)
    # "<kind>:<ref>" of the secret link (outbox.links) made when the message is sent; the
    # stored bodies hold only its placeholder. Empty for messages without a secret.
    secret_link = models.CharField(_("secret link"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    # While set and in the future, one worker owns the row (see outbox.services.message_send).
    lease_until = models.DateTimeField(_("leased until"), null=True, blank=True)
    # Fixed when the row is created, so that a rare duplicate send carries the same Message-ID
    # and mail clients fold the two copies into one.
    message_id = models.CharField(_("Message-ID"), max_length=200, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # When the sweep last put the message back on the queue (outbox.services.outbox_sweep):
    # at most once per grace period, however many sweeps run.
    requeued_at = models.DateTimeField(_("requeued at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outbox")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outbox_due_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
                name="outbox_sent_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.recipient} ({self.status})"

    @property
    def body_text_redacted(self) -> str:
        from outbox.links import link_redacted

        return link_redacted(self.body_text)

    @property
    def body_html_redacted(self) -> str:
        from outbox.links import link_redacted

        return link_redacted(self.body_html)


class OutboxAttachment(models.Model):
    """A file sent with a message (an interview's .ics), stored in the row beside it so the
    message is complete from the event's transaction on; small by rule (ATTACHMENT_MAX_BYTES)."""

    message = models.ForeignKey(
        OutboxMessage,
        verbose_name=_("message"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    filename = models.CharField(_("file name"), max_length=200)
    mimetype = models.CharField(_("type"), max_length=100)
    content = models.BinaryField(_("content"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["message", "id"]

    def __str__(self) -> str:
        return self.filename


class DigestEntry(models.Model):
    """A notification for someone who asked for one email a day instead of one per event: the
    event writes this row (rendered in the recipient's language, in the event's transaction),
    and the daily digest (outbox.services.digests_send) gathers a recipient's waiting entries
    into one OutboxMessage, which then travels like any other."""

    recipient = models.EmailField(_("recipient"))
    language = models.CharField(_("language"), max_length=8)
    summary = models.CharField(_("summary"), max_length=300)
    body_text = models.TextField(_("plain-text body"))
    link = models.URLField(_("link"), max_length=500, blank=True)
    cause = models.CharField(_("cause"), max_length=100)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # The digest it went out in; empty while it waits for the next one.
    message = models.ForeignKey(
        OutboxMessage,
        verbose_name=_("digest message"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="digest_entries",
    )

    class Meta:
        verbose_name = _("digest entry")
        verbose_name_plural = _("digest entries")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["recipient", "message"], name="outbox_digest_waiting_idx")]
        constraints = [
            # The same event told to the same person twice is one entry.
            models.UniqueConstraint(fields=["recipient", "cause"], name="outbox_digest_once"),
        ]

    def __str__(self) -> str:
        return f"{self.summary} → {self.recipient}"
