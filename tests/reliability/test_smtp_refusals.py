"""A real SMTP server that says "not now" (451) and "never" (550), to a real worker."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from outbox.models import OutboxMessage
from outbox.services import message_enqueue
from tests.factories import UserFactory
from tests.reliability.components import logs, running_stack
from tests.workers import wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


def enqueue(recipient: str) -> OutboxMessage:
    return message_enqueue(
        recipient=recipient,
        language="en",
        template="invitation",
        context={"profile_name": "Dana", "link": "https://x.example/i/1", "max_age_days": 7},
        cause=f"invitation:{recipient}",
    )


def settled(*messages: OutboxMessage) -> bool:
    statuses = OutboxMessage.objects.filter(pk__in=[m.pk for m in messages]).values_list(
        "status", flat=True
    )
    return all(status in ("sent", "failed") for status in statuses)


def test_451_is_retried_until_delivered_once_and_550_fails_for_staff_to_see(
    redis_url, tmp_path, smtp
):
    handler, smtp_env = smtp
    handler.temporary["later@example.org"] = ["451 4.7.1 Greylisted, try again"] * 2
    handler.permanent["nobody@example.org"] = "550 5.1.1 <nobody@example.org>: no such user"

    with running_stack(redis_url, tmp_path, OUTBOX_RETRY_BASE_SECONDS="1", **smtp_env) as workers:
        later, nobody = enqueue("later@example.org"), enqueue("nobody@example.org")
        wait_for(lambda: settled(later, nobody), timeout=30, worker=workers[0])
        log = logs(workers)

    later.refresh_from_db()
    nobody.refresh_from_db()
    assert handler.accepted == [(later.message_id, "later@example.org")], log
    assert [refusal for _id, refusal in handler.refusals] == ["451 4.7.1 Greylisted, try again"] * 2
    assert (later.status, later.attempts) == (OutboxMessage.Status.SENT, 3)
    assert (nobody.status, nobody.attempts) == (OutboxMessage.Status.FAILED, 1)
    assert nobody.last_error == "550 5.1.1 <nobody@example.org>: no such user"
    assert_staff_see_the_failure(nobody)


def assert_staff_see_the_failure(message: OutboxMessage) -> None:
    client = Client()
    client.force_login(UserFactory(is_staff=True))
    with translation.override("en"):
        page = client.get(reverse("workspace:outbox"), {"status": "failed"})

    assert [m.pk for m in page.context["page"]] == [message.pk]
    assert "550 5.1.1 &lt;nobody@example.org&gt;: no such user" in page.text
