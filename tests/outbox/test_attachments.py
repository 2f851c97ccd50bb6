"""Attachments travel with their message: stored in the event's transaction, attached at each
send, through a real SMTP server (aiosmtpd); never a place for the secret link."""

import datetime
import email
from zoneinfo import ZoneInfo

import pytest

from calls.services.selection import interview_slot_book, interview_slot_create
from outbox.links import LINK_PLACEHOLDER
from outbox.models import OutboxAttachment, OutboxMessage
from outbox.services import ATTACHMENT_MAX_BYTES, message_enqueue, message_send
from tests.factories.calls import ApplicationFactory, CallFactory
from tests.reliability.components import smtp_server

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp(settings):
    with smtp_server() as (handler, environment):
        # What config.settings makes of the worker's environment (Django's MAILERS).
        settings.MAILERS = {
            "default": {
                "BACKEND": environment["EMAIL_BACKEND"],
                "OPTIONS": {
                    "host": environment["EMAIL_HOST"],
                    "port": int(environment["EMAIL_PORT"]),
                    "timeout": 10,
                },
            }
        }
        yield handler


def attachments_of(raw: bytes) -> dict[str, tuple[str, bytes]]:
    parsed = email.message_from_bytes(raw)
    return {
        part.get_filename(): (part.get_content_type(), part.get_payload(decode=True))
        for part in parsed.walk()
        if part.get_filename()
    }


def test_the_interview_invitation_arrives_with_its_ics_attached(smtp):
    call = CallFactory()
    application = ApplicationFactory(call=call)
    starts = datetime.datetime(2027, 3, 2, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    slot = interview_slot_create(
        call=call, starts_at=starts, minutes=45, online_link="https://meet.example.org/a"
    )
    interview_slot_book(slot=slot, application=application)
    message = OutboxMessage.objects.get(cause=f"application:{application.pk}")

    message_send(message_id=message.pk)

    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert len(smtp.contents) == 1
    arrived = attachments_of(smtp.contents[0])
    mimetype, content = arrived["interview.ics"]
    assert mimetype == "text/calendar"
    assert b"DTSTART:20270302T020000Z" in content
    assert b"DTEND:20270302T024500Z" in content
    assert b"LOCATION:https://meet.example.org/a" in content


def test_a_message_without_attachments_arrives_without_any(smtp):
    message = message_enqueue(
        recipient="dana@example.org",
        language="en",
        template="invitation",
        context={"profile_name": "Dana", "link": "https://x.example/i/1", "max_age_days": 7},
        cause="invitation:1",
    )

    message_send(message_id=message.pk)

    message.refresh_from_db()
    assert (message.status, message.last_error) == (OutboxMessage.Status.SENT, "")
    assert attachments_of(smtp.contents[0]) == {}


@pytest.mark.parametrize(
    ("content", "digest", "problem"),
    [
        (b"x" * (ATTACHMENT_MAX_BYTES + 1), False, "over"),
        (f"see {LINK_PLACEHOLDER}".encode(), False, "placeholder"),
        (b"BEGIN:VCALENDAR", True, "digest"),
    ],
    ids=["too-big", "secret-link", "digest"],
)
def test_an_attachment_that_breaks_a_rule_is_refused_and_nothing_is_stored(
    content, digest, problem
):
    with pytest.raises(ValueError, match=problem):
        message_enqueue(
            recipient="dana@example.org",
            language="en",
            template="invitation",
            context={"profile_name": "Dana", "link": "https://x.example/i/1", "max_age_days": 7},
            cause="invitation:2",
            digest=digest,
            attachments=(("a.ics", content, "text/calendar"),),
        )

    assert not OutboxMessage.objects.exists()
    assert not OutboxAttachment.objects.exists()
