import pytest
from django.utils import translation

from outbox.models import OutboxMessage
from outbox.services import message_enqueue
from tests.factories import UserFactory


@pytest.fixture
def enqueue(db):
    """A message rendered from the invitation template, written as an event would write it."""

    def make(recipient: str = "dana@example.org", cause: str = "invitation:1") -> OutboxMessage:
        return message_enqueue(
            recipient=recipient,
            language="en",
            template="invitation",
            context={"profile_name": "Dana", "link": "https://x.example/i/1", "max_age_days": 7},
            cause=cause,
        )

    return make


@pytest.fixture
def staff_client(client, db):
    client.force_login(UserFactory(is_staff=True))
    with translation.override("en"):
        yield client
