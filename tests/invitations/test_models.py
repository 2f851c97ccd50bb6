import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from invitations.models import Invitation
from tests.factories import InvitationFactory, MentorFactory, TalentFactory

pytestmark = pytest.mark.django_db


def test_invitation_for_a_talent_or_a_mentor_has_that_profile():
    talent, mentor = TalentFactory(), MentorFactory()

    for_talent = InvitationFactory(talent=talent)
    for_mentor = InvitationFactory(talent=None, mentor=mentor)

    assert (for_talent.profile, for_mentor.profile) == (talent, mentor)
    assert str(for_mentor) == f"{for_mentor.email} ({mentor})"


@pytest.mark.parametrize("both", [True, False])
def test_invitation_for_both_profiles_or_none_is_refused(both):
    invitation = InvitationFactory.build(
        talent=TalentFactory() if both else None,
        mentor=MentorFactory() if both else None,
        token_hash="f" * 64,
    )

    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            invitation.full_clean()
        # Lazy messages: read while the language is still the one asked for.
        shown = error.value.messages

    assert shown == ["Invite either a talent or a mentor."]


def test_invitation_is_usable_until_accepted_or_expired():
    now = timezone.now()

    fresh = InvitationFactory()
    accepted = InvitationFactory(accepted_at=now)
    expired = InvitationFactory(expires_at=now - datetime.timedelta(seconds=1))

    assert [i.is_usable for i in (fresh, accepted, expired)] == [True, False, False]


def test_invitation_keeps_the_table_it_had_in_accounts():
    assert Invitation._meta.db_table == "accounts_invitation"
