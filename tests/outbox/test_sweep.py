from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from outbox.models import OutboxMessage
from outbox.services import message_resend, message_send, outbox_sweep

pytestmark = pytest.mark.django_db


def overdue(message: OutboxMessage, seconds: int = 120) -> None:
    OutboxMessage.objects.filter(pk=message.pk).update(
        next_attempt_at=timezone.now() - timedelta(seconds=seconds)
    )


def test_sweep_sends_a_message_whose_enqueue_was_lost(enqueue, settings):
    settings.OUTBOX_SWEEP_GRACE_SECONDS = 60
    message = enqueue()  # never committed here, so never enqueued: as if Redis had been down
    overdue(message)

    result = outbox_sweep()

    message.refresh_from_db()
    assert result == {"released": 0, "given_up": 0, "requeued": 1}
    assert message.status == OutboxMessage.Status.SENT
    assert [m.extra_headers["Message-ID"] for m in mail.outbox] == [message.message_id]


def test_sweep_leaves_a_message_inside_its_grace_period(enqueue, settings):
    settings.OUTBOX_SWEEP_GRACE_SECONDS = 60
    message = enqueue()
    overdue(message, seconds=10)

    result = outbox_sweep()

    message.refresh_from_db()
    assert result["requeued"] == 0
    assert message.status == OutboxMessage.Status.PENDING


def test_sweep_requeues_a_message_once_per_grace_period(enqueue, settings):
    settings.OUTBOX_SWEEP_GRACE_SECONDS = 60
    message = enqueue()
    overdue(message)

    with mock.patch("outbox.tasks.message_send.delay") as delay:
        first = outbox_sweep()
        second = outbox_sweep()

    assert (first["requeued"], second["requeued"]) == (1, 0)
    delay.assert_called_once_with(message_id=message.pk)


def test_sweep_releases_the_lease_of_a_dead_worker_and_sends(enqueue):
    message = enqueue()
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxMessage.Status.SENDING,
        attempts=1,
        lease_until=timezone.now() - timedelta(seconds=1),
        next_attempt_at=timezone.now() - timedelta(hours=1),
    )

    result = outbox_sweep()

    message.refresh_from_db()
    assert (result["released"], result["requeued"]) == (1, 1)
    assert (message.status, message.attempts) == (OutboxMessage.Status.SENT, 2)


def test_sweep_leaves_a_live_lease_alone(enqueue):
    message = enqueue()
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxMessage.Status.SENDING, lease_until=timezone.now() + timedelta(minutes=1)
    )

    result = outbox_sweep()

    message.refresh_from_db()
    assert result == {"released": 0, "given_up": 0, "requeued": 0}
    assert message.status == OutboxMessage.Status.SENDING


def test_sweep_gives_up_a_message_whose_workers_always_died(enqueue, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    message = enqueue()
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxMessage.Status.SENDING,
        attempts=3,
        lease_until=timezone.now() - timedelta(seconds=1),
    )

    result = outbox_sweep()

    message.refresh_from_db()
    assert result["given_up"] == 1
    assert message.status == OutboxMessage.Status.FAILED
    assert message.last_error.startswith("Given up")


def test_enqueue_failure_is_logged_and_the_event_kept(
    enqueue, caplog, django_capture_on_commit_callbacks
):
    with (
        mock.patch("outbox.tasks.message_send.delay", side_effect=OSError("refused")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        message = enqueue()

    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING
    assert [r.getMessage() for r in caplog.records if r.name == "outbox.services"] == [
        f"outbox message {message.pk} not enqueued (broker unreachable); the sweep will send it"
    ]


def test_retry_delay_stops_growing_at_the_maximum(enqueue, settings):
    settings.OUTBOX_RETRY_BASE_SECONDS = 60
    settings.OUTBOX_RETRY_MAX_SECONDS = 200
    message = enqueue()
    delays = []

    with mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=OSError("down")):
        for _attempt in range(4):
            delays.append(message_send(message_id=message.pk))
            OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())

    assert delays == [60, 120, 200, 200]


def test_resend_gives_a_failed_message_its_attempts_back_and_keeps_its_message_id(
    enqueue, django_capture_on_commit_callbacks
):
    message = enqueue()
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxMessage.Status.FAILED, attempts=8, last_error="550 no such user"
    )

    with django_capture_on_commit_callbacks(execute=True):
        message_resend(message=message)

    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxMessage.Status.SENT, 1)
    assert mail.outbox[0].extra_headers["Message-ID"] == message.message_id


@pytest.mark.parametrize("status", ["pending", "sending", "sent"])
def test_resend_refuses_a_message_that_has_not_failed(enqueue, status):
    message = enqueue()
    OutboxMessage.objects.filter(pk=message.pk).update(status=status, sent_at=timezone.now())

    with pytest.raises(ValidationError):
        message_resend(message=message)

    message.refresh_from_db()
    assert message.status == status


def test_sweep_does_not_requeue_a_message_already_sent(enqueue, settings):
    settings.OUTBOX_SWEEP_GRACE_SECONDS = 60
    message = enqueue()
    message_send(message_id=message.pk)
    overdue(message)

    with mock.patch("outbox.tasks.message_send.delay") as delay:
        result = outbox_sweep()

    assert result["requeued"] == 0
    delay.assert_not_called()


def test_sweep_releases_a_dead_workers_lease_so_the_row_is_free(enqueue):
    message = enqueue()
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxMessage.Status.SENDING,
        attempts=1,
        lease_until=timezone.now() - timedelta(seconds=1),
    )

    with mock.patch("outbox.tasks.message_send.delay"):
        outbox_sweep()

    message.refresh_from_db()
    assert (message.status, message.lease_until) == (OutboxMessage.Status.PENDING, None)


def test_a_given_up_message_holds_no_lease(enqueue, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    message = enqueue()
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxMessage.Status.SENDING,
        attempts=3,
        lease_until=timezone.now() - timedelta(seconds=1),
    )

    outbox_sweep()

    message.refresh_from_db()
    assert (message.status, message.lease_until) == (OutboxMessage.Status.FAILED, None)


def test_resend_returns_the_message_pending_and_leaves_other_failures_alone(enqueue):
    message, other = enqueue(), enqueue()
    OutboxMessage.objects.update(status=OutboxMessage.Status.FAILED, attempts=8)
    message.refresh_from_db()

    resent = message_resend(message=message)

    other.refresh_from_db()
    assert (resent.status, resent.attempts) == (OutboxMessage.Status.PENDING, 0)
    assert (other.status, other.attempts) == (OutboxMessage.Status.FAILED, 8)


def test_resend_sends_now_a_message_whose_next_attempt_was_later(
    enqueue, django_capture_on_commit_callbacks
):
    message = enqueue()
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxMessage.Status.FAILED, next_attempt_at=timezone.now() + timedelta(hours=1)
    )

    with django_capture_on_commit_callbacks(execute=True):
        message_resend(message=message)

    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
