"""Emails while developing (issue 13 §3): their links go to the address the site is served on,
and the console shows them readable, Chinese included."""

import io

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse

from outbox.console import EmailBackend
from outbox.models import OutboxMessage
from tests.factories import TalentFactory, UserFactory

pytestmark = pytest.mark.django_db


def _invite(client, settings, host: str, capture) -> OutboxMessage:
    """The invitation as sent: its link is made at sending (outbox.links), in the request here
    because tasks run in-process, as they do in the demo."""
    client.force_login(UserFactory(is_staff=True))
    talent = TalentFactory()
    with capture(execute=True):
        client.post(
            reverse("workspace:talent_invite", args=[talent.pk]),
            {"email": "dana@example.org", "language": "en"},
            HTTP_HOST=host,
        )
    assert OutboxMessage.objects.get(recipient="dana@example.org").status == "sent"
    (sent,) = [m for m in mail.outbox if m.to == ["dana@example.org"]]
    return sent


# Committed for real, as in the demo: the send runs when the request's transaction commits,
# while the request is still being served.
@pytest.mark.django_db(transaction=True)
def test_while_developing_email_links_go_to_the_served_address(
    client, settings, django_capture_on_commit_callbacks
):
    settings.DEBUG = True
    settings.ALLOWED_HOSTS = ["localhost"]
    settings.SITE_URL = "http://127.0.0.1:8000"

    message = _invite(client, settings, "localhost:8123", django_capture_on_commit_callbacks)

    assert "http://localhost:8123/accounts/invitations/" in message.body


def test_in_production_email_links_use_site_url_whatever_the_host(
    client, settings, django_capture_on_commit_callbacks
):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["talents.example.org", "evil.example"]
    settings.SITE_URL = "https://talents.example.org"

    message = _invite(client, settings, "evil.example", django_capture_on_commit_callbacks)

    assert "https://talents.example.org/accounts/invitations/" in message.body
    assert "evil.example" not in message.body


def test_the_console_backend_prints_the_message_as_people_read_it():
    stream = io.StringIO()
    email = EmailMultiAlternatives(
        subject="您的阶段成果已提交",
        body="您好！\n链接：http://127.0.0.1:8000/portal/",
        from_email="talents@localhost",
        to=["dana@example.org"],
        headers={"Message-ID": "<outbox-1@localhost>"},
    )
    email.attach_alternative("<p>您好！</p>", "text/html")

    EmailBackend(stream=stream).send_messages([email])

    printed = stream.getvalue()
    assert "Subject: 您的阶段成果已提交" in printed
    assert "您好！\n链接：http://127.0.0.1:8000/portal/" in printed
    assert "Message-ID: <outbox-1@localhost>" in printed
    assert "base64" not in printed and "=E6" not in printed
