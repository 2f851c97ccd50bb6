"""The outbox in the staff workspace (workspace.views.outbox); who may see it is in the
permission matrix (tests/permissions)."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.html import escape

from outbox.models import OutboxMessage
from outbox.services import message_send

pytestmark = pytest.mark.django_db


def fail(message: OutboxMessage, error: str = "550 5.1.1 no such user") -> None:
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxMessage.Status.FAILED, attempts=1, last_error=error
    )


def listed(response) -> list[str]:
    return [message.recipient for message in response.context["page"]]


def test_outbox_lists_messages_with_status_and_the_servers_answer(staff_client, enqueue):
    message = enqueue("dana@example.org")
    fail(message)

    response = staff_client.get(reverse("workspace:outbox"))

    assert response.status_code == 200
    assert listed(response) == ["dana@example.org"]
    assert "550 5.1.1 no such user" in response.text
    assert {v: c for v, _label, c in response.context["statuses"]}["failed"] == 1


def test_outbox_filters_by_status(staff_client, enqueue):
    fail(enqueue("failed@example.org"))
    enqueue("pending@example.org")

    response = staff_client.get(reverse("workspace:outbox"), {"status": "failed"})

    assert listed(response) == ["failed@example.org"]


def test_outbox_filters_by_cause_kind_or_event(staff_client, enqueue):
    enqueue("a@example.org", cause="submission:12")
    enqueue("b@example.org", cause="submission:13")
    enqueue("c@example.org", cause="submissions:12")

    by_kind = staff_client.get(reverse("workspace:outbox"), {"cause": "submission"})
    by_event = staff_client.get(reverse("workspace:outbox"), {"cause": "submission:12"})

    assert listed(by_kind) == ["b@example.org", "a@example.org"]
    assert listed(by_event) == ["a@example.org"]


def test_outbox_searches_the_recipient(staff_client, enqueue):
    enqueue("dana@example.org")
    enqueue("pat@example.org")

    response = staff_client.get(reverse("workspace:outbox"), {"recipient": "PAT@"})

    assert listed(response) == ["pat@example.org"]


@pytest.mark.parametrize("count", [1, 3])
def test_outbox_list_queries_do_not_grow_with_messages(
    staff_client, enqueue, count, django_assert_num_queries
):
    for number in range(count):
        enqueue(f"person{number}@example.org")

    # session, user with their talent and mentor profiles (the bar's portal link: one query),
    # count for the pager, the page, the counts by status
    with django_assert_num_queries(5):
        response = staff_client.get(reverse("workspace:outbox"))

    assert len(listed(response)) == count


def test_message_page_shows_the_error_and_offers_resend_only_when_failed(staff_client, enqueue):
    failed, pending = enqueue("f@example.org"), enqueue("p@example.org")
    fail(failed)
    resend = reverse("workspace:outbox_resend", args=[failed.pk])

    failed_page = staff_client.get(reverse("workspace:outbox_message", args=[failed.pk]))
    pending_page = staff_client.get(reverse("workspace:outbox_message", args=[pending.pk]))

    assert "550 5.1.1 no such user" in failed_page.text
    assert escape(failed.message_id) in failed_page.text
    assert resend in failed_page.text
    assert reverse("workspace:outbox_resend", args=[pending.pk]) not in pending_page.text


def test_resend_sends_a_failed_message_again(
    staff_client, enqueue, django_capture_on_commit_callbacks
):
    message = enqueue()
    fail(message)

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("workspace:outbox_resend", args=[message.pk]))

    message.refresh_from_db()
    assert response.status_code == 302
    assert message.status == OutboxMessage.Status.SENT
    assert [m.extra_headers["Message-ID"] for m in mail.outbox] == [message.message_id]


def test_resend_of_a_sent_message_is_refused_with_a_message(staff_client, enqueue):
    message = enqueue()
    message_send(message_id=message.pk)

    response = staff_client.post(reverse("workspace:outbox_resend", args=[message.pk]), follow=True)

    assert "Only a failed message can be sent again." in response.text
    assert len(mail.outbox) == 1
