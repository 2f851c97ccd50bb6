"""Writes of invitations: create one and email its link, find it by token, accept it (an
account created or taken, linked to the talent or mentor profile)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import SecurityEvent, User, email_refuse_lookalike
from accounts.services import security_event_record
from core.services import validated_save
from invitations.models import Invitation
from mentors.models import Mentor
from mentors.services import mentor_link_user
from outbox.services import message_enqueue
from talents.models import Talent
from talents.services import talent_link_user


def invitation_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_create(
    *,
    email: str,
    language: str,
    invited_by: User,
    talent: Talent | None = None,
    mentor: Mentor | None = None,
) -> Invitation:
    """Create an invitation and email its link. The token is made when the email is sent
    (invitations.links) and exists only in that email: until then the stored hash is of a token
    nobody has."""
    profile = talent or mentor
    email_refuse_lookalike(email)
    if profile is not None and profile.user_id:
        raise ValidationError(_("%(name)s already has an account.") % {"name": profile})
    unsent = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        invitation = validated_save(
            Invitation(
                token_hash=invitation_token_hash(unsent),
                created_at=now,
                expires_at=now + timedelta(days=settings.INVITATION_MAX_AGE_DAYS),
            ),
            email=User.objects.normalize_email(email),
            language=language,
            invited_by=invited_by,
            talent=talent,
            mentor=mentor,
        )
        _invitation_email(invitation)
    return invitation


def _invitation_email(invitation: Invitation) -> None:
    message_enqueue(
        recipient=invitation.email,
        language=invitation.language,
        template="invitation",
        context={
            "invitation": invitation,
            "profile_name": str(invitation.profile),
            "max_age_days": settings.INVITATION_MAX_AGE_DAYS,
        },
        cause=f"invitation:{invitation.pk}",
        secret_link=f"invitation:{invitation.pk}",
    )


def invitation_find(*, token: str) -> Invitation | None:
    """The usable invitation with this token, or None (unknown, used or expired)."""
    invitation = (
        Invitation.objects.select_related("talent", "mentor")
        .filter(token_hash=invitation_token_hash(token))
        .first()
    )
    return invitation if invitation and invitation.is_usable else None


@transaction.atomic
def invitation_accept(
    *, invitation: Invitation, full_name: str = "", password: str = "", user: User | None = None
) -> User:
    """Use the invitation: create the account (or take the signed-in `user` whose address it is)
    and link it to the profile. Locked, so two clicks on the same link make one account."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable:
        raise ValidationError(_("This invitation link has expired or was already used."))
    if user is None:
        if User.objects.filter(email=User.objects.normalize_email(invitation.email)).exists():
            raise ValidationError(_("An account with this address exists: sign in first."))
        user = User.objects.create_user(
            invitation.email,
            password,
            full_name=full_name,
            preferred_language=invitation.language,
        )
    elif user.email != User.objects.normalize_email(invitation.email):
        raise ValidationError(_("This invitation was sent to another address."))
    _link_profile(invitation, user)
    validated_save(invitation, accepted_at=timezone.now(), accepted_by=user)
    security_event_record(
        kind=SecurityEvent.Kind.INVITATION_USED,
        user=user,
        actor=user,
        details={"invitation": invitation.pk, "profile": str(invitation.profile)},
    )
    return user


def _link_profile(invitation: Invitation, user: User) -> None:
    profile = invitation.profile
    if profile.user_id and profile.user_id != user.pk:
        raise ValidationError(_("This profile is already linked to another account."))
    if invitation.talent:
        talent_link_user(talent=invitation.talent, user=user)
    else:
        mentor_link_user(mentor=invitation.mentor, user=user)
