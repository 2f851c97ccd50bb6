import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from invitations.models import Invitation
from tests.factories import InvitationFactory, MentorFactory, TalentFactory, UserFactory
from tests.factories.portal import PASSWORD

pytestmark = pytest.mark.django_db


def test_login_by_email_any_case_activates_the_persons_language(client):
    UserFactory(email="dana@example.org", preferred_language="zh-hans")

    response = client.post(
        reverse("accounts:login"), {"username": "Dana@Example.org", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")
    assert response.cookies["django_language"].value == "zh-hans"


def test_login_with_a_wrong_password_says_so(client):
    UserFactory(email="dana@example.org")

    response = client.post(
        reverse("accounts:login"), {"username": "dana@example.org", "password": "wrong"}
    )

    assert response.status_code == 200
    assert "Please enter a correct email address and password" in response.text


def test_logout_is_post_only(client):
    client.force_login(UserFactory())

    refused = client.get(reverse("accounts:logout"))
    response = client.post(reverse("accounts:logout"))

    assert refused.status_code == 405
    assert response["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session


def test_password_reset_answers_the_same_for_unknown_addresses(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="known@example.org", preferred_language="zh-hans")

    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(reverse("accounts:password_reset"), {"email": "known@example.org"})
        unknown = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})

    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert [m.to for m in mail.outbox] == [["known@example.org"]]
    assert mail.outbox[0].extra_headers["Message-ID"].startswith("<outbox-")


def test_password_reset_link_sets_a_new_password_once(client, django_capture_on_commit_callbacks):
    user = UserFactory(email="known@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": "known@example.org"})
    link = re.search(r"http\S+/password-reset/\S+/", mail.outbox[0].body).group(0)
    path = link.split("127.0.0.1:8000", 1)[1]
    form_page = client.get(path, follow=True)
    new = {"new_password1": "a-new-long-password-9", "new_password2": "a-new-long-password-9"}

    done = client.post(form_page.redirect_chain[-1][0], new)
    reused = client.get(path, follow=True)

    assert done["Location"] == reverse("accounts:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password("a-new-long-password-9")
    assert "This link no longer works" in reused.text


def test_staff_invites_a_talent_by_email(client, django_capture_on_commit_callbacks):
    talent = TalentFactory()
    client.force_login(UserFactory(is_staff=True))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:invitation_create"),
            {"talent": talent.pk, "email": "New@Example.org", "language": "en"},
        )

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    token = re.search(r"/accounts/invitations/([^/]+)/", mail.outbox[0].body).group(1)
    assert invitation.email == "new@example.org"
    assert token not in invitation.token_hash
    assert len(invitation.token_hash) == 64
    assert invitation.expires_at - invitation.created_at == datetime.timedelta(days=7)
    html, _mimetype = mail.outbox[0].alternatives[0]
    assert token in html


def test_invitation_needs_exactly_one_profile(client):
    client.force_login(UserFactory(is_staff=True))

    response = client.post(
        reverse("accounts:invitation_create"),
        {"talent": TalentFactory().pk, "mentor": MentorFactory().pk, "email": "a@example.org"},
    )

    assert "Choose either a director or a mentor." in response.text
    assert Invitation.objects.count() == 0


def test_invitation_link_creates_the_account_and_links_the_profile(client):
    invitation = InvitationFactory(token="tok-1", email="dana@example.org", language="zh-hans")

    response = client.post(
        reverse("accounts:invitation_accept", args=["tok-1"]),
        {
            "full_name": "Dana Lin",
            "new_password1": "a-long-new-password",
            "new_password2": "a-long-new-password",
        },
    )

    user = User.objects.get(email="dana@example.org")
    invitation.refresh_from_db()
    invitation.talent.refresh_from_db()
    assert response["Location"] == reverse("portal:home")
    assert response.cookies["django_language"].value == "zh-hans"
    assert (user.full_name, user.preferred_language) == ("Dana Lin", "zh-hans")
    assert user.check_password("a-long-new-password")
    assert invitation.talent.user == user
    assert invitation.accepted_by == user


def test_invitation_link_works_only_once(client):
    InvitationFactory(token="tok-1", accepted_at=timezone.now())

    response = client.get(reverse("accounts:invitation_accept", args=["tok-1"]))

    assert response.status_code == 404
    assert "This invitation no longer works" in response.text


def test_expired_invitation_link_is_refused(client):
    InvitationFactory(token="tok-1", expires_at=timezone.now() - datetime.timedelta(minutes=1))

    response = client.get(reverse("accounts:invitation_accept", args=["tok-1"]))

    assert response.status_code == 404


def test_invitation_with_a_weak_password_shows_the_rule(client):
    InvitationFactory(token="tok-1")

    response = client.post(
        reverse("accounts:invitation_accept", args=["tok-1"]),
        {"full_name": "Dana", "new_password1": "123", "new_password2": "123"},
    )

    assert response.status_code == 200
    assert "This password is too short." in response.text
    assert User.objects.count() == 0


def test_invitation_for_an_existing_account_links_only_when_signed_in_as_it(client):
    user = UserFactory(email="mentor@example.org")
    invitation = InvitationFactory(
        token="tok-1", email="mentor@example.org", talent=None, mentor=MentorFactory()
    )
    url = reverse("accounts:invitation_accept", args=["tok-1"])

    anonymous = client.get(url)
    client.force_login(user)
    client.post(url)

    invitation.mentor.refresh_from_db()
    assert "Sign in to accept" in anonymous.text
    assert invitation.mentor.user == user


def test_language_page_saves_the_choice_for_interface_and_email(client):
    user = UserFactory(preferred_language="en")
    client.force_login(user)

    response = client.post(reverse("accounts:language"), {"language": "zh-hans"})

    user.refresh_from_db()
    assert user.preferred_language == "zh-hans"
    assert response.cookies["django_language"].value == "zh-hans"


def test_language_page_refuses_an_unknown_language(client):
    user = UserFactory(preferred_language="en")
    client.force_login(user)

    response = client.post(reverse("accounts:language"), {"language": "fr"})

    user.refresh_from_db()
    assert user.preferred_language == "en"
    assert "Select a valid choice." in response.text
