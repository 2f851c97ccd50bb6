"""invitations.services: an invitation's link is emailed once, works once, and only for its
address; the account it makes is linked to the profile."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import SecurityEvent
from invitations.models import Invitation
from invitations.services import (
    invitation_accept,
    invitation_create,
    invitation_find,
)
from outbox.models import OutboxMessage
from tests.factories import InvitationFactory, MentorFactory, TalentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_invitation_create_emails_the_profile_without_storing_a_usable_link(
    django_capture_on_commit_callbacks,
):
    talent = TalentFactory()
    staff = UserFactory(is_staff=True)

    with django_capture_on_commit_callbacks():
        invitation = invitation_create(
            email="chen@example.org", language="en", invited_by=staff, talent=talent
        )

    message = OutboxMessage.objects.get()
    assert (message.recipient, message.cause) == (invitation.email, f"invitation:{invitation.pk}")
    assert str(talent) in message.body_text
    assert "/accounts/invitations/" not in message.body_text


def test_invitation_create_refuses_a_profile_that_has_an_account():
    talent = TalentFactory(user=UserFactory())

    with pytest.raises(ValidationError):
        invitation_create(email="a@example.org", language="en", invited_by=None, talent=talent)

    assert not Invitation.objects.exists()


def test_invitation_find_returns_none_for_an_expired_or_used_link():
    InvitationFactory(token="old", expires_at=timezone.now() - datetime.timedelta(minutes=1))
    InvitationFactory(token="used", accepted_at=timezone.now())
    usable = InvitationFactory(token="fresh")

    found = [invitation_find(token=t) for t in ("old", "used", "fresh", "unknown")]

    assert found == [None, None, usable, None]


def test_invitation_accept_creates_the_account_and_links_the_profile():
    invitation = InvitationFactory(email="zhou@example.org", mentor=None)

    user = invitation_accept(invitation=invitation, full_name="Zhou Jinghao", password="x-9!Lq2z")

    invitation.refresh_from_db()
    invitation.talent.refresh_from_db()
    assert invitation.talent.user == user
    assert (invitation.accepted_by, user.email) == (user, "zhou@example.org")
    assert SecurityEvent.objects.get().kind == SecurityEvent.Kind.INVITATION_USED


def test_invitation_accept_twice_makes_one_account():
    invitation = InvitationFactory(email="twice@example.org")
    invitation_accept(invitation=invitation, full_name="A", password="x-9!Lq2z")

    with pytest.raises(ValidationError):
        invitation_accept(invitation=invitation, full_name="A", password="x-9!Lq2z")

    assert Invitation.objects.get().accepted_by.email == "twice@example.org"


def test_invitation_accept_by_a_signed_in_user_of_another_address_is_refused():
    invitation = InvitationFactory(email="right@example.org", talent=None, mentor=MentorFactory())
    other = UserFactory(email="wrong@example.org")

    with pytest.raises(ValidationError):
        invitation_accept(invitation=invitation, user=other)

    invitation.mentor.refresh_from_db()
    assert invitation.mentor.user is None
