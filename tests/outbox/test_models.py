import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from outbox.links import LINK_PLACEHOLDER
from outbox.models import OutboxMessage
from tests.factories.outbox import DigestEntryFactory, OutboxMessageFactory

pytestmark = pytest.mark.django_db


def test_outbox_message_redacted_bodies_hide_the_secret_link():
    message = OutboxMessageFactory(
        body_text=f"Open {LINK_PLACEHOLDER} today", body_html=f'<a href="{LINK_PLACEHOLDER}">x</a>'
    )

    with translation.override("en"):
        text, html = message.body_text_redacted, message.body_html_redacted

    assert text == "Open [link withheld: made anew when the email is sent] today"
    assert html == '<a href="[link withheld: made anew when the email is sent]">x</a>'


def test_outbox_message_waits_to_be_sent_when_written():
    message = OutboxMessageFactory()

    assert (message.status, message.attempts, message.sent_at) == (
        OutboxMessage.Status.PENDING,
        0,
        None,
    )


def test_outbox_message_marked_sent_without_a_time_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        OutboxMessageFactory(status=OutboxMessage.Status.SENT)

    assert OutboxMessageFactory(status=OutboxMessage.Status.SENT, sent_at=timezone.now()).pk


def test_outbox_messages_list_newest_first():
    first, second = OutboxMessageFactory(), OutboxMessageFactory()

    assert list(OutboxMessage.objects.all()) == [second, first]


def test_digest_entry_of_one_event_for_one_person_is_written_once():
    DigestEntryFactory(cause="submission:1")

    with pytest.raises(IntegrityError), transaction.atomic():
        DigestEntryFactory(cause="submission:1")

    assert DigestEntryFactory(cause="submission:1", recipient="other@example.org").pk


def test_digest_entry_outlives_its_message_and_waits_again():
    message = OutboxMessageFactory()
    entry = DigestEntryFactory(message=message)

    message.delete()

    entry.refresh_from_db()
    assert entry.message is None
