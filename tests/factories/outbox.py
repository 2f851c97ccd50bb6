"""Rows of the outbox, as message_enqueue would have written them (without rendering a
template), for tests of the outbox's own reads and rules."""

import factory

from outbox.models import DigestEntry, OutboxMessage


class OutboxMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutboxMessage

    recipient = factory.Sequence(lambda n: f"recipient{n}@example.org")
    language = "en"
    subject = "Your invitation"
    body_text = "Hello"
    body_html = "<p>Hello</p>"
    cause = factory.Sequence(lambda n: f"invitation:{n}")


class DigestEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DigestEntry

    recipient = "mentor@example.org"
    language = "en"
    summary = "A new submission"
    body_text = "Read it."
    cause = factory.Sequence(lambda n: f"submission:{n}")
