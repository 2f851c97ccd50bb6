import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import SecurityEvent
from tests.factories import UserFactory
from tests.factories.portal import PASSWORD

pytestmark = pytest.mark.django_db

NEW = "a-new-long-password-9"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_password_change_ends_other_sessions_and_keeps_this_one():
    user = UserFactory()
    here, elsewhere = signed_in(user), signed_in(user)

    response = here.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
    )

    assert response["Location"] == reverse("accounts:account")
    assert here.get(reverse("accounts:account")).status_code == 200
    assert elsewhere.get(reverse("accounts:account"))["Location"].startswith(
        reverse("accounts:login")
    )
    assert SecurityEvent.objects.filter(kind="password_changed", user=user).count() == 1


def test_password_change_with_a_wrong_old_password_says_so(client):
    client.force_login(UserFactory())

    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "nope", "new_password1": NEW, "new_password2": NEW},
    )

    assert response.status_code == 200
    assert "Your old password was entered incorrectly" in response.text


def reset_link(client, django_capture_on_commit_callbacks, email: str) -> str:
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": email})
    link = re.search(r"http\S+/password-reset/\S+/", mail.outbox[-1].body).group(0)
    return link.split("127.0.0.1:8000", 1)[1]


def test_password_reset_ends_every_session_of_the_account(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory(email="known@example.org")
    elsewhere = signed_in(user)
    form_page = client.get(
        reset_link(client, django_capture_on_commit_callbacks, user.email), follow=True
    )

    client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})

    assert elsewhere.get(reverse("accounts:account")).status_code == 302
    assert SecurityEvent.objects.filter(kind="password_reset", user=user).count() == 1


def test_password_reset_link_expires(client, django_capture_on_commit_callbacks, settings):
    user = UserFactory(email="known@example.org")
    path = reset_link(client, django_capture_on_commit_callbacks, user.email)
    settings.PASSWORD_RESET_TIMEOUT = -1

    response = client.get(path, follow=True)

    assert "This link no longer works" in response.text


def test_password_reset_form_is_identical_for_unknown_addresses(client):
    UserFactory(email="known@example.org")

    known = client.post(reverse("accounts:password_reset"), {"email": "known@example.org"})
    unknown = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})

    assert known["Location"] == unknown["Location"]
    assert client.get(known["Location"]).text == client.get(unknown["Location"]).text
