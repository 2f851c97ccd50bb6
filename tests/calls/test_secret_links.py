"""The call's emails that carry a key to an account (the applicant's confirmation, which signs
them in, and an outside juror's first password) hold no usable link in the outbox: staff who
read the outbox cannot sign in as an applicant or a juror. The link is made when the email is
sent, and each send voids the link sent before (outbox.links)."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import User
from calls.services.review import outside_juror_invite
from outbox.links import LINK_PLACEHOLDER
from outbox.models import OutboxMessage
from outbox.services import message_send
from tests.factories.calls import CallFactory

pytestmark = pytest.mark.django_db

SIGN_UP = {
    "full_name": "Lin Yi",
    "email": "lin@example.org",
    "password": "correct-horse-battery-9",
    "language": "en",
}


def sent_link(recipient: str) -> str:
    """Send the latest message to `recipient` as the worker would, and read its link."""
    stored = OutboxMessage.objects.filter(recipient=recipient).latest("pk")
    message_send(message_id=stored.pk)
    body = [m for m in mail.outbox if m.to == [recipient]][-1].body
    return re.search(r"https?://\S+", body.split("\n\n", 1)[1]).group(0)


def path_of(link: str) -> str:
    return link.split("testserver", 1)[-1]


def test_sign_up_answers_with_a_redirect_and_stores_no_confirmation_link(settings):
    settings.SITE_URL = "http://testserver"
    call = CallFactory()
    client = Client()

    response = client.post(f"/en/calls/{call.slug}/sign-up/", SIGN_UP)
    page = client.get(response["Location"])

    assert response.status_code == 302
    assert "lin@example.org" in page.text and "confirm" in page.text
    stored = OutboxMessage.objects.get(recipient="lin@example.org")
    assert LINK_PLACEHOLDER in stored.body_text and LINK_PLACEHOLDER in stored.body_html
    assert "/confirm/" not in stored.body_text + stored.body_html


def test_the_sent_confirmation_link_signs_the_applicant_in_and_only_the_latest_works(settings):
    settings.SITE_URL = "http://testserver"
    call = CallFactory()
    Client().post(f"/en/calls/{call.slug}/sign-up/", SIGN_UP)
    first = sent_link("lin@example.org")
    stored = OutboxMessage.objects.get(recipient="lin@example.org")
    OutboxMessage.objects.filter(pk=stored.pk).update(status="failed")
    from outbox.services import message_resend

    message_resend(message=stored)
    second = sent_link("lin@example.org")

    stale = Client().get(path_of(first))
    client = Client()
    confirmed = client.get(path_of(second))

    assert first != second
    assert stale.status_code == 404
    assert confirmed.status_code == 302
    assert User.objects.get(email="lin@example.org").is_active
    assert client.get(reverse("apply:application", kwargs={"slug": call.slug})).status_code == 200


def test_an_outside_jurors_invitation_stores_no_password_link_and_the_sent_one_works(settings):
    settings.SITE_URL = "http://testserver"
    call = CallFactory()

    outside_juror_invite(call=call, email="juror@example.org", full_name="Jo", language="en")

    stored = OutboxMessage.objects.get(recipient="juror@example.org")
    assert LINK_PLACEHOLDER in stored.body_text
    assert "password-reset" not in stored.body_text + stored.body_html
    client = Client()
    form_page = client.get(path_of(sent_link("juror@example.org")), follow=True)
    assert form_page.status_code == 200
    chosen = client.post(
        form_page.redirect_chain[-1][0]
        if form_page.redirect_chain
        else form_page.request["PATH_INFO"],
        {"new_password1": "juror-password-42x", "new_password2": "juror-password-42x"},
    )
    assert chosen.status_code == 302
    assert User.objects.get(email="juror@example.org").check_password("juror-password-42x")


def test_a_juror_who_already_has_a_password_is_sent_the_sign_in_page_not_a_reset(settings):
    settings.SITE_URL = "http://testserver"
    call = CallFactory()
    User.objects.create_user("known@example.org", "known-password-77", full_name="Kn")

    outside_juror_invite(call=call, email="known@example.org", full_name="Kn", language="en")

    assert path_of(sent_link("known@example.org")).startswith(reverse("accounts:login"))
