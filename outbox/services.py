"""The one notification path. `message_enqueue` writes the message in the caller's transaction and
has it sent after commit; `message_send` delivers one row, at most one worker at a time;
`outbox_sweep` repairs what a broker outage or a dead worker left behind; `message_resend` gives
a failed message to staff for another try."""

from __future__ import annotations

import logging
import smtplib
import time
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.site import site_url
from outbox.links import LINK_PLACEHOLDER, LinkUnavailable, link_fill, link_make
from outbox.models import DigestEntry, OutboxAttachment, OutboxMessage

logger = logging.getLogger(__name__)


class TemporaryFailure(Exception):
    """The mail server or the network said "not now": try again later."""


class PermanentFailure(Exception):
    """The mail server refused for good (5xx): do not try again."""


def message_enqueue(
    *,
    recipient: str,
    language: str,
    template: str,
    context: dict,
    cause: str,
    secret_link: str = "",
    digest: bool = False,
    attachments: tuple[tuple[str, bytes, str], ...] = (),
) -> OutboxMessage | DigestEntry:
    """Render `emails/<template>{_subject.txt,.txt,.html}` in the recipient's language and store
    the message; it is sent once the caller's transaction commits. With `secret_link`
    ("<kind>:<ref>", outbox.links), the template's `{{ link }}` is a placeholder and the real
    link is made only when the message is sent. With `digest`, the recipient asked for one
    email a day: the message waits as a DigestEntry for the next daily digest. `attachments`
    are (file name, content, MIME type), stored with the message and attached at each send;
    they never carry the secret link (only the bodies are filled in)."""
    _check_attachments(attachments, digest=digest)
    full_context = {"SITE_NAME": settings.SITE_NAME, "SITE_URL": site_url(), **context}
    if digest:
        if secret_link:
            raise ValueError("a message with a secret link is never held for a digest")
        return _digest_entry_add(
            recipient=recipient,
            language=language,
            template=template,
            context=full_context,
            cause=cause,
        )
    if secret_link:
        full_context["link"] = LINK_PLACEHOLDER
    with translation.override(language):
        subject = render_to_string(f"emails/{template}_subject.txt", full_context)
        body_text = render_to_string(f"emails/{template}.txt", full_context)
        body_html = render_to_string(f"emails/{template}.html", full_context)
    if secret_link and not (LINK_PLACEHOLDER in body_text and LINK_PLACEHOLDER in body_html):
        raise ValueError(f"emails/{template} does not show {{{{ link }}}}: nothing to fill in")
    with transaction.atomic():
        message = OutboxMessage.objects.create(
            recipient=recipient,
            language=language,
            subject=" ".join(subject.split())[:300],
            body_text=body_text,
            body_html=body_html,
            cause=cause,
            secret_link=secret_link,
        )
        message.message_id = f"<outbox-{message.pk}@{_message_id_domain()}>"
        message.save(update_fields=["message_id"])
        OutboxAttachment.objects.bulk_create(
            OutboxAttachment(message=message, filename=name, content=content, mimetype=mimetype)
            for name, content, mimetype in attachments
        )
    _send_after_commit(message.pk)
    return message


def _digest_entry_add(
    *, recipient: str, language: str, template: str, context: dict, cause: str
) -> DigestEntry:
    with translation.override(language):
        subject = render_to_string(f"emails/{template}_subject.txt", context)
        body_text = render_to_string(f"emails/{template}.txt", context)
    entry, _created = DigestEntry.objects.get_or_create(
        recipient=recipient,
        cause=cause,
        defaults={
            "language": language,
            "summary": " ".join(subject.split())[:300],
            "body_text": body_text.strip(),
            "link": str(context.get("link", ""))[:500],
        },
    )
    return entry


def digests_send() -> int:
    """Gather each recipient's waiting digest entries into one email in their language (the
    language of their latest entry). An entry is claimed by a conditional UPDATE in the same
    transaction that writes the digest, so two runs at once, or a second run the same day,
    send nothing twice. Returns the number of digests written."""
    written = 0
    recipients = (
        DigestEntry.objects.filter(message__isnull=True)
        .values_list("recipient", flat=True)
        .distinct()
        .order_by("recipient")
    )
    for recipient in list(recipients):
        with transaction.atomic():
            entries = list(
                DigestEntry.objects.filter(recipient=recipient, message__isnull=True).order_by(
                    "created_at", "id"
                )
            )
            if not entries:
                continue
            language = entries[-1].language
            digest = message_enqueue(
                recipient=recipient,
                language=language,
                template="daily_digest",
                context={"entries": entries},
                cause=f"digest:{entries[-1].pk}",
            )
            claimed = DigestEntry.objects.filter(
                pk__in=[entry.pk for entry in entries], message__isnull=True
            ).update(message=digest)
            if claimed != len(entries):
                # Another run took some of them meanwhile: this digest is not written.
                transaction.set_rollback(True)
                continue
        written += 1
    return written


def _send_after_commit(message_id: int) -> None:
    transaction.on_commit(lambda: message_enqueue_send(message_id=message_id))


# After a failed publish, this process stops trying for a while: an unreachable broker that
# drops packets instead of refusing costs each attempt its full connect timeout, and a request
# that notifies five reviewers must still answer within two seconds. The sweep sends the rows.
BROKER_BACKOFF_SECONDS = 30
_broker_down_until = 0.0


# An attachment lives in its message's row: calendar files and the like, not documents.
ATTACHMENT_MAX_BYTES = 256 * 1024


def _check_attachments(attachments, *, digest: bool) -> None:
    if attachments and digest:
        raise ValueError("a message with attachments is never held for a digest")
    for name, content, _mimetype in attachments:
        if len(content) > ATTACHMENT_MAX_BYTES:
            raise ValueError(f"attachment {name} is over {ATTACHMENT_MAX_BYTES} bytes")
        if LINK_PLACEHOLDER.encode() in content:
            raise ValueError(f"attachment {name} holds the secret-link placeholder")


def message_enqueue_send(*, message_id: int) -> bool:
    """Put the message on the queue. A broker that is down must not undo the event that caused
    the message, nor hang the request: the row stays pending and the sweep sends it later."""
    global _broker_down_until
    from outbox import tasks

    if time.monotonic() < _broker_down_until:
        logger.warning("outbox message %s left for the sweep (broker down recently)", message_id)
        return False
    try:
        tasks.message_send.delay(message_id=message_id)
    except Exception:  # kombu's OperationalError, socket errors, timeouts: all mean "not now"
        _broker_down_until = time.monotonic() + BROKER_BACKOFF_SECONDS
        logger.warning(
            "outbox message %s not enqueued (broker unreachable); the sweep will send it",
            message_id,
            exc_info=True,
        )
        return False
    return True


def _message_id_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def message_send(*, message_id: int) -> int | None:
    """Send one message. Returns the seconds to wait before the next try when it should be
    retried, else None (sent, failed for good, or not ours to send)."""
    if not _claim(message_id):
        return None
    message = OutboxMessage.objects.get(pk=message_id)
    try:
        _deliver(message)
    except LinkUnavailable as error:
        _finish(message, status=OutboxMessage.Status.FAILED, last_error=str(error))
        return None
    except TemporaryFailure as error:
        return _record_temporary_failure(message, str(error))
    except PermanentFailure as error:
        _finish(message, status=OutboxMessage.Status.FAILED, last_error=str(error))
        return None
    _finish(message, status=OutboxMessage.Status.SENT, last_error="", sent_at=timezone.now())
    return None


def _claim(message_id: int) -> bool:
    """Take the row with a conditional UPDATE and a short lease: no row lock is held during the
    SMTP conversation, and a worker that dies only keeps the row until its lease runs out."""
    now = timezone.now()
    lease = timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
    free = Q(status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now) & (
        Q(lease_until__isnull=True) | Q(lease_until__lt=now)
    )
    abandoned = Q(status=OutboxMessage.Status.SENDING, lease_until__lt=now)
    claimed = (
        OutboxMessage.objects.filter(free | abandoned, pk=message_id)
        .filter(attempts__lt=settings.OUTBOX_MAX_ATTEMPTS)
        .update(
            status=OutboxMessage.Status.SENDING,
            lease_until=now + lease,
            attempts=F("attempts") + 1,
        )
    )
    return claimed == 1


def _deliver(message: OutboxMessage) -> None:
    body_text, body_html = message.body_text, message.body_html
    if message.secret_link:
        # Made here, after the claim, and only in memory: a fresh token at each send.
        link = link_make(secret_link=message.secret_link, recipient=message.recipient)
        body_text, body_html = link_fill(body_text, link), link_fill(body_html, link)
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.recipient],
        headers={"Message-ID": message.message_id},
    )
    email.attach_alternative(body_html, "text/html")
    for attachment in message.attachments.all():
        email.attach(attachment.filename, bytes(attachment.content), attachment.mimetype)
    try:
        email.send()
    except smtplib.SMTPRecipientsRefused as error:
        # One recipient per message: its code and the server's own words.
        code, answer = min(error.recipients.values(), default=(550, b"recipient refused"))
        raise _by_code(code, _text(answer)) from error
    except smtplib.SMTPResponseException as error:
        raise _by_code(error.smtp_code, _answer(error)) from error
    except (smtplib.SMTPException, OSError) as error:
        # Connection refused or dropped, timeouts: the server may be back in a minute.
        raise TemporaryFailure(f"{type(error).__name__}: {error}") from error


def _by_code(code: int, answer: str) -> Exception:
    text = f"{code} {answer}"
    return PermanentFailure(text) if 500 <= code < 600 else TemporaryFailure(text)


def _answer(error: smtplib.SMTPResponseException) -> str:
    return _text(error.smtp_error)


def _text(answer: bytes | str) -> str:
    return answer.decode(errors="replace") if isinstance(answer, bytes) else str(answer)


def _record_temporary_failure(message: OutboxMessage, error: str) -> int | None:
    if message.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        _finish(message, status=OutboxMessage.Status.FAILED, last_error=error)
        return None
    delay = min(
        settings.OUTBOX_RETRY_BASE_SECONDS * 2 ** (message.attempts - 1),
        settings.OUTBOX_RETRY_MAX_SECONDS,
    )
    _finish(
        message,
        status=OutboxMessage.Status.PENDING,
        last_error=error,
        next_attempt_at=timezone.now() + timedelta(seconds=delay),
    )
    logger.warning("outbox message %s: temporary failure, retry in %ss", message.pk, delay)
    return delay


def _finish(message: OutboxMessage, **fields) -> None:
    OutboxMessage.objects.filter(pk=message.pk).update(lease_until=None, **fields)


def outbox_sweep() -> dict[str, int]:
    """Repair what was lost: a lease whose worker died is released (or the message given up when
    it has used its attempts), and a message still pending well after it was due is enqueued
    again. Safe to run often and concurrently: every change is a conditional UPDATE."""
    now = timezone.now()
    released, given_up = _release_expired_leases(now)
    grace = now - timedelta(seconds=settings.OUTBOX_SWEEP_GRACE_SECONDS)
    overdue = (
        OutboxMessage.objects.filter(
            status=OutboxMessage.Status.PENDING, next_attempt_at__lte=grace
        )
        .filter(Q(requeued_at__isnull=True) | Q(requeued_at__lte=grace))
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[: settings.OUTBOX_SWEEP_BATCH]
    )
    requeued = 0
    for pk in list(overdue):
        # Only the sweep that marks the row enqueues it, so two beats do not double the queue.
        mine = OutboxMessage.objects.filter(
            Q(requeued_at__isnull=True) | Q(requeued_at__lte=grace), pk=pk
        ).update(requeued_at=now)
        if mine and message_enqueue_send(message_id=pk):
            requeued += 1
    return {"released": released, "given_up": given_up, "requeued": requeued}


def _release_expired_leases(now) -> tuple[int, int]:
    expired = OutboxMessage.objects.filter(status=OutboxMessage.Status.SENDING, lease_until__lt=now)
    given_up = expired.filter(attempts__gte=settings.OUTBOX_MAX_ATTEMPTS).update(
        status=OutboxMessage.Status.FAILED,
        lease_until=None,
        last_error="Given up: the worker sending it was lost on every attempt.",
    )
    # next_attempt_at stays as it was (due before the claim), so the sweep enqueues it below.
    released = expired.update(status=OutboxMessage.Status.PENDING, lease_until=None)
    if released or given_up:
        logger.warning("outbox sweep: %s leases released, %s given up", released, given_up)
    return released, given_up


@transaction.atomic
def message_resend(*, message: OutboxMessage) -> OutboxMessage:
    """Staff try a failed message again (after fixing the address or the mail server): it gets
    its attempts back and keeps its Message-ID, so it is the same message, not a new one. A
    secret link in it is made anew when it is sent, which voids the one sent before."""
    updated = OutboxMessage.objects.filter(
        pk=message.pk, status=OutboxMessage.Status.FAILED
    ).update(
        status=OutboxMessage.Status.PENDING,
        attempts=0,
        next_attempt_at=timezone.now(),
        lease_until=None,
        requeued_at=None,
    )
    if not updated:
        raise ValidationError(_("Only a failed message can be sent again."))
    _send_after_commit(message.pk)
    message.refresh_from_db()
    return message
