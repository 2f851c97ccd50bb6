"""The daily digest: each recipient gets their own waiting entries, once, in the language of
their latest entry; a run that loses some entries to another run writes nothing."""

import pytest

from outbox import services
from outbox.models import DigestEntry, OutboxMessage
from outbox.services import digests_send, message_enqueue

pytestmark = pytest.mark.django_db


def hold(
    recipient: str, *, cause: str, subject: str = "Rehearsal moved", language: str = "en", **context
) -> DigestEntry:
    return message_enqueue(
        recipient=recipient,
        language=language,
        template="announcement",
        context={
            "subject": subject,
            "body": f"About {cause}.",
            "recipient_name": "Dana",
            "cohort_edition": "2026",
            **context,
        },
        cause=cause,
        digest=True,
    )


def digest_of(recipient: str) -> OutboxMessage:
    return OutboxMessage.objects.get(recipient=recipient, cause__startswith="digest:")


def test_a_held_message_is_a_digest_entry_with_a_summary_and_link_that_fit_their_columns():
    entry = hold(
        "dana@example.org",
        cause="announcement:1",
        subject="S" * 400,
        link="https://x.example/" + "a" * 600,
    )

    assert isinstance(entry, DigestEntry)
    assert entry == DigestEntry.objects.get()
    assert len(entry.summary) == 300
    assert len(entry.link) == 500


def test_each_recipient_gets_a_digest_of_their_own_entries():
    hold("dana@example.org", cause="announcement:1")
    hold("li@example.org", cause="announcement:2")

    written = digests_send()

    assert written == 2
    for recipient in ("dana@example.org", "li@example.org"):
        assert [entry.recipient for entry in digest_of(recipient).digest_entries.all()] == [
            recipient
        ]


def test_the_digest_is_in_the_language_of_the_latest_entry():
    hold("dana@example.org", cause="announcement:1", language="zh-hans")
    hold("dana@example.org", cause="announcement:2", language="en")

    digests_send()

    assert digest_of("dana@example.org").language == "en"


def test_the_next_digest_holds_only_what_arrived_since_the_last():
    hold("dana@example.org", cause="announcement:1")
    digests_send()
    later = hold("dana@example.org", cause="announcement:2")

    written = digests_send()

    newest = OutboxMessage.objects.filter(cause__startswith="digest:").latest("pk")
    assert written == 1
    assert list(newest.digest_entries.all()) == [later]


def test_a_run_that_loses_an_entry_to_another_run_writes_no_digest(monkeypatch):
    entry = hold("dana@example.org", cause="announcement:1")
    other_run = OutboxMessage.objects.create(recipient="dana@example.org", cause="digest:other")
    real_enqueue = services.message_enqueue

    def enqueue_while_another_run_claims(**kwargs):
        digest = real_enqueue(**kwargs)
        DigestEntry.objects.filter(pk=entry.pk).update(message=other_run)
        return digest

    monkeypatch.setattr(services, "message_enqueue", enqueue_while_another_run_claims)

    written = digests_send()

    assert written == 0
    assert list(OutboxMessage.objects.values_list("cause", flat=True)) == ["digest:other"]
