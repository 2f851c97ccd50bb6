import pytest

from outbox.models import OutboxMessage
from outbox.selectors import outbox_counts, outbox_messages
from tests.factories.outbox import OutboxMessageFactory

pytestmark = pytest.mark.django_db


def test_outbox_messages_without_filters_is_every_message_newest_first():
    old, new = OutboxMessageFactory(), OutboxMessageFactory()

    assert list(outbox_messages()) == [new, old]


def test_outbox_messages_by_status():
    failed = OutboxMessageFactory(status=OutboxMessage.Status.FAILED)
    OutboxMessageFactory()

    assert list(outbox_messages(status=OutboxMessage.Status.FAILED)) == [failed]


def test_outbox_messages_by_cause_kind_or_one_event_and_not_a_longer_kind():
    one = OutboxMessageFactory(cause="submission:12")
    other = OutboxMessageFactory(cause="submission:3")
    OutboxMessageFactory(cause="submissions_digest:1")

    assert set(outbox_messages(cause="submission")) == {one, other}
    assert list(outbox_messages(cause="submission:12")) == [one]


def test_outbox_messages_by_part_of_the_recipient_in_any_case():
    wanted = OutboxMessageFactory(recipient="dana.li@example.org")
    OutboxMessageFactory(recipient="li@example.org")

    assert list(outbox_messages(recipient="DANA")) == [wanted]


def test_outbox_messages_leave_the_bodies_unread(django_assert_num_queries):
    OutboxMessageFactory()

    with django_assert_num_queries(1):
        message = outbox_messages().get()

    assert message.get_deferred_fields() == {"body_text", "body_html"}


def test_outbox_counts_lists_every_status_zero_included():
    OutboxMessageFactory()
    OutboxMessageFactory()
    OutboxMessageFactory(status=OutboxMessage.Status.FAILED)

    assert outbox_counts() == {"pending": 2, "sending": 0, "sent": 0, "failed": 1}
