import smtplib
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from outbox.models import OutboxMessage
from outbox.services import message_enqueue, message_send
from tests.factories import TalentFactory

pytestmark = pytest.mark.django_db


def enqueue(language: str = "en") -> OutboxMessage:
    return message_enqueue(
        recipient="dana@example.org",
        language=language,
        template="invitation",
        context={"profile_name": "Dana", "link": "https://x.example/i/1", "max_age_days": 7},
        cause="invitation:1",
    )


def test_enqueue_writes_the_row_and_sends_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = enqueue()
        assert mail.outbox == []

    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert message.message_id == f"<outbox-{message.pk}@127.0.0.1>"
    assert mail.outbox[0].extra_headers["Message-ID"] == message.message_id
    assert mail.outbox[0].alternatives[0][1] == "text/html"


def test_enqueue_renders_in_the_recipients_language():
    TalentFactory()

    english = enqueue("en")
    chinese = enqueue("zh-hans")

    assert english.subject == "Your invitation to BJIFF TALENTS"
    assert 'lang="zh-Hans"' in chinese.body_html
    assert 'lang="en"' in english.body_html


def test_a_rolled_back_event_leaves_no_message():
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue()
        raise RuntimeError

    assert OutboxMessage.objects.count() == 0


def test_broker_failure_keeps_the_message_pending(django_capture_on_commit_callbacks):
    with (
        mock.patch("outbox.tasks.message_send.delay", side_effect=ConnectionError),
        django_capture_on_commit_callbacks(execute=True),
    ):
        message = enqueue()

    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING


def test_send_twice_delivers_once():
    message = enqueue()

    message_send(message_id=message.pk)
    message_send(message_id=message.pk)

    assert len(mail.outbox) == 1


def test_leased_message_is_not_sent_by_a_second_worker():
    message = enqueue()
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxMessage.Status.SENDING, lease_until=timezone.now() + timedelta(minutes=1)
    )

    message_send(message_id=message.pk)

    assert mail.outbox == []


def test_temporary_smtp_failure_retries_later_with_backoff(settings):
    settings.OUTBOX_RETRY_BASE_SECONDS = 60
    message = enqueue()
    refusal = smtplib.SMTPResponseException(451, b"try again later")

    with mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=refusal):
        first = message_send(message_id=message.pk)
        OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
        second = message_send(message_id=message.pk)

    message.refresh_from_db()
    assert (first, second) == (60, 120)
    assert (message.status, message.attempts) == (OutboxMessage.Status.PENDING, 2)
    assert message.last_error == "451 try again later"
    assert message.next_attempt_at > timezone.now()


def test_connection_error_is_temporary():
    message = enqueue()

    with mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=OSError("down")):
        retry_in = message_send(message_id=message.pk)

    message.refresh_from_db()
    assert retry_in is not None
    assert message.status == OutboxMessage.Status.PENDING


def test_permanent_smtp_failure_marks_the_message_failed():
    message = enqueue()
    refusal = smtplib.SMTPRecipientsRefused({"dana@example.org": (550, b"no such user")})

    with mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=refusal):
        retry_in = message_send(message_id=message.pk)

    message.refresh_from_db()
    assert retry_in is None
    assert message.status == OutboxMessage.Status.FAILED
    assert message.last_error == "550 no such user"


def test_temporary_failures_stop_at_the_attempt_limit(settings):
    settings.OUTBOX_MAX_ATTEMPTS = 1
    message = enqueue()

    with mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=OSError("down")):
        retry_in = message_send(message_id=message.pk)

    message.refresh_from_db()
    assert retry_in is None
    assert message.status == OutboxMessage.Status.FAILED


def test_enqueue_after_a_broker_failure_leaves_the_next_messages_to_the_sweep(monkeypatch, caplog):
    """An unreachable broker is tried once per BROKER_BACKOFF_SECONDS, not once per message."""
    from config.celery import app
    from outbox import services

    monkeypatch.setattr(services, "_broker_down_until", 0.0)
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    saved = app.conf.broker_url, app.conf.task_always_eager
    app.conf.update(broker_url="redis://127.0.0.1:1/0", task_always_eager=False)
    app._pool = None
    app.amqp._producer_pool = None
    try:
        first = services.message_enqueue_send(message_id=1)
        second = services.message_enqueue_send(message_id=2)
    finally:
        app.conf.update(broker_url=saved[0], task_always_eager=saved[1])
        app._pool = None
        app.amqp._producer_pool = None

    assert (first, second) == (False, False)
    messages = [r.getMessage() for r in caplog.records if r.name == "outbox.services"]
    assert messages == [
        "outbox message 1 not enqueued (broker unreachable); the sweep will send it",
        "outbox message 2 left for the sweep (broker down recently)",
    ]


def test_a_secret_link_is_never_held_for_a_digest():
    with pytest.raises(ValueError, match="never held for a digest"):
        message_enqueue(
            recipient="dana@example.org",
            language="en",
            template="invitation",
            context={"profile_name": "Dana", "max_age_days": 7},
            cause="invitation:1",
            secret_link="invitation:1",
            digest=True,
        )

    assert OutboxMessage.objects.count() == 0


def test_a_secret_link_needs_a_template_that_shows_it():
    with pytest.raises(ValueError, match="does not show"):
        message_enqueue(
            recipient="dana@example.org",
            language="en",
            template="announcement",
            context={"subject": "Hello", "body": "No link here."},
            cause="announcement:1",
            secret_link="invitation:1",
        )

    assert OutboxMessage.objects.count() == 0


def test_a_long_subject_is_cut_to_its_column():
    message = message_enqueue(
        recipient="dana@example.org",
        language="en",
        template="announcement",
        context={"subject": "S" * 400, "body": "Hello."},
        cause="announcement:1",
    )

    message.refresh_from_db()
    assert len(message.subject) == 300


def test_while_a_message_is_being_sent_its_row_is_held_by_the_worker(settings):
    settings.OUTBOX_LEASE_SECONDS = 300
    message = enqueue()
    seen = []

    def send(*args, **kwargs):
        seen.append(OutboxMessage.objects.values("status", "lease_until").get(pk=message.pk))

    with mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=send):
        message_send(message_id=message.pk)

    [row] = seen
    assert row["status"] == OutboxMessage.Status.SENDING
    assert row["lease_until"] > timezone.now() + timedelta(seconds=250)


def test_sending_one_message_leaves_the_others_pending():
    message, other = enqueue(), enqueue()

    message_send(message_id=message.pk)

    other.refresh_from_db()
    assert other.status == OutboxMessage.Status.PENDING


def test_a_refusal_that_names_no_recipient_is_permanent():
    message = enqueue()

    with mock.patch(
        "django.core.mail.EmailMultiAlternatives.send",
        side_effect=smtplib.SMTPRecipientsRefused({}),
    ):
        retry_in = message_send(message_id=message.pk)

    message.refresh_from_db()
    assert retry_in is None
    assert (message.status, message.last_error) == ("failed", "550 recipient refused")


@pytest.mark.parametrize(("code", "status"), [(500, "failed"), (599, "failed"), (499, "pending")])
def test_a_5xx_answer_is_permanent_and_others_are_temporary(code, status):
    message = enqueue()
    refusal = smtplib.SMTPResponseException(code, b"no")

    with mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=refusal):
        message_send(message_id=message.pk)

    message.refresh_from_db()
    assert message.status == status
