"""The claim and the sweep under the conditions a mutation run showed untested: an abandoned
lease of a message that has used its attempts is not claimed again, and two sweeps that both
saw a message overdue enqueue it once."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from outbox import services
from outbox.models import OutboxMessage
from outbox.services import message_send, outbox_sweep

pytestmark = pytest.mark.django_db


def test_an_expired_lease_at_the_attempt_cap_is_not_claimed(enqueue, settings):
    message = enqueue()
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxMessage.Status.SENDING,
        lease_until=timezone.now() - timedelta(seconds=1),
        attempts=settings.OUTBOX_MAX_ATTEMPTS,
    )

    message_send(message_id=message.pk)

    assert mail.outbox == []
    assert OutboxMessage.objects.get().attempts == settings.OUTBOX_MAX_ATTEMPTS


def test_an_expired_lease_below_the_cap_is_claimed_and_sent(enqueue, settings):
    message = enqueue()
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxMessage.Status.SENDING,
        lease_until=timezone.now() - timedelta(seconds=1),
        attempts=settings.OUTBOX_MAX_ATTEMPTS - 1,
    )

    message_send(message_id=message.pk)

    assert len(mail.outbox) == 1


def test_two_sweeps_that_both_saw_a_message_overdue_enqueue_it_once(enqueue, settings):
    settings.OUTBOX_SWEEP_GRACE_SECONDS = 60
    message = enqueue()
    OutboxMessage.objects.filter(pk=message.pk).update(
        next_attempt_at=timezone.now() - timedelta(minutes=5)
    )
    enqueued = []
    real_update = OutboxMessage.objects.filter(pk=message.pk).update

    def second_sweep_first(message_id):
        enqueued.append(message_id)
        return True

    # The other sweep marks the row between this sweep's reading and its claim of it.
    original = services.OutboxMessage.objects.filter

    def filter_then_race(*args, **kwargs):
        queryset = original(*args, **kwargs)
        if kwargs.get("pk") == message.pk and not enqueued and len(args) == 1:
            real_update(requeued_at=timezone.now())
            enqueued.append("other sweep")
        return queryset

    with (
        mock.patch.object(services, "message_enqueue_send", second_sweep_first),
        mock.patch.object(services.OutboxMessage.objects, "filter", filter_then_race),
    ):
        result = outbox_sweep()

    assert enqueued == ["other sweep"]
    assert result["requeued"] == 0
