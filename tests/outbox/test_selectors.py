import pytest

from outbox.models import OutboxMessage
from outbox.selectors import outbox_counts, outbox_messages

pytestmark = pytest.mark.django_db


def outbox_message(**fields) -> OutboxMessage:
    defaults = {
        "recipient": "dana@example.org",
        "language": "en",
        "subject": "Subject",
        "body_text": "Hello",
        "body_html": "<p>Hello</p>",
        "cause": "invitation:1",
    }
    return OutboxMessage.objects.create(**(defaults | fields))


def test_outbox_messages_without_filters_is_every_message_newest_first():
    old, new = outbox_message(), outbox_message()

    assert list(outbox_messages()) == [new, old]


def test_outbox_messages_by_status():
    failed = outbox_message(status=OutboxMessage.Status.FAILED)
    outbox_message()

    assert list(outbox_messages(status=OutboxMessage.Status.FAILED)) == [failed]


def test_outbox_messages_by_cause_kind_or_one_event_and_not_a_longer_kind():
    one = outbox_message(cause="submission:12")
    other = outbox_message(cause="submission:3")
    outbox_message(cause="submissions_digest:1")

    assert set(outbox_messages(cause="submission")) == {one, other}
    assert list(outbox_messages(cause="submission:12")) == [one]


def test_outbox_messages_by_part_of_the_recipient_in_any_case():
    wanted = outbox_message(recipient="dana.li@example.org")
    outbox_message(recipient="li@example.org")

    assert list(outbox_messages(recipient="DANA")) == [wanted]


def test_outbox_messages_leave_the_bodies_unread(django_assert_num_queries):
    outbox_message()

    with django_assert_num_queries(1):
        message = outbox_messages().get()

    assert message.get_deferred_fields() == {"body_text", "body_html"}


def test_outbox_counts_lists_every_status_zero_included():
    outbox_message()
    outbox_message()
    outbox_message(status=OutboxMessage.Status.FAILED)

    assert outbox_counts() == {"pending": 2, "sending": 0, "sent": 0, "failed": 1}
