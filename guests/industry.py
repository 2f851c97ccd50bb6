"""Writes for industry guests: accreditation per edition, a film's screener, the guest's own
passes (access code and expiry), the record of each view, and the invitation of a guest who
has no account yet. The pages are in the portal
(portal/guest_views.py) and the workspace."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import SecurityEvent, User, email_refuse_lookalike
from accounts.services import security_event_record
from core.services import validated_save
from films.models import Film
from guests.models import (
    IndustryAccreditation,
    IndustryInvitation,
    Screener,
    ScreenerPass,
    ScreenerView,
)
from outbox.services import message_enqueue
from programs.models import Cohort


def _end_of(day: datetime.date) -> datetime.datetime:
    """The last moment of a day in the festival's zone: a pass valid until the 20th works all
    of the 20th in Beijing."""
    start = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
    return timezone.make_aware(start, timezone.get_default_timezone())


@transaction.atomic
def accreditation_grant(
    *, cohort: Cohort, email: str, kind: str, organisation: str, valid_until: datetime.date
) -> IndustryAccreditation:
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise ValidationError(
            {"email": _("No account has this address: invite the guest to sign up first.")}
        )
    if valid_until < timezone.localdate():
        raise ValidationError({"valid_until": _("The accreditation would already have ended.")})
    accreditation = IndustryAccreditation.objects.filter(cohort=cohort, user=user).first()
    accreditation = accreditation or IndustryAccreditation(cohort=cohort, user=user)
    validated_save(
        accreditation, kind=kind, organisation=organisation, valid_until=valid_until, is_active=True
    )
    for film in Film.objects.filter(cohort=cohort, screener__isnull=False):
        _pass_for(accreditation, film)
    return accreditation


@transaction.atomic
def accreditation_revoke(*, accreditation: IndustryAccreditation) -> IndustryAccreditation:
    """Withdraw the accreditation: the screener passes stop working and the guest's live market
    meetings are called off (the teams are told)."""
    from guests.market import meetings_withdraw

    validated_save(accreditation, is_active=False)
    meetings_withdraw(accreditation=accreditation)
    return accreditation


@transaction.atomic
def screener_set(*, film: Film, video_url: str, video_password: str = "") -> Screener:
    screener = Screener.objects.filter(film=film).first() or Screener(film=film)
    validated_save(screener, video_url=video_url, video_password=video_password)
    for accreditation in IndustryAccreditation.objects.filter(cohort=film.cohort, is_active=True):
        _pass_for(accreditation, film)
    return screener


def _pass_for(accreditation: IndustryAccreditation, film: Film) -> ScreenerPass:
    screener_pass = ScreenerPass.objects.filter(accreditation=accreditation, film=film).first()
    screener_pass = screener_pass or ScreenerPass(accreditation=accreditation, film=film)
    return validated_save(screener_pass, expires_at=_end_of(accreditation.valid_until))


@transaction.atomic
def screener_view_record(*, screener_pass: ScreenerPass) -> ScreenerView:
    """Opening the screener: refused after the pass expired or the accreditation was revoked;
    otherwise recorded, so the director can see who watched."""
    if not screener_pass.accreditation.is_active:
        raise ValidationError(_("This accreditation was withdrawn."))
    if screener_pass.expires_at <= timezone.now():
        when = timezone.localtime(screener_pass.expires_at).strftime("%Y-%m-%d %H:%M")
        raise ValidationError(_("This screener link expired at %(when)s.") % {"when": when})
    if not hasattr(screener_pass.film, "screener"):
        raise ValidationError(_("This film has no screener any more."))
    return ScreenerView.objects.create(screener_pass=screener_pass)


# --- Inviting a guest who has no account yet


def industry_invitation_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def industry_invitation_create(
    *,
    cohort: Cohort,
    email: str,
    full_name: str,
    language: str,
    kind: str,
    organisation: str,
    valid_until: datetime.date,
    invited_by: User,
) -> IndustryInvitation:
    """Invite a guest by email. The link is made when the email is sent (guests.links) and
    exists only in that email: the stored hash is of a token nobody has until then."""
    email_refuse_lookalike(email)
    address = User.objects.normalize_email(email.strip())
    if User.objects.filter(email__iexact=address).exists():
        raise ValidationError(
            {"email": _("This address has an account already: accredit it instead.")}
        )
    if valid_until < timezone.localdate():
        raise ValidationError({"valid_until": _("The accreditation would already have ended.")})
    now = timezone.now()
    with transaction.atomic():
        invitation = validated_save(
            IndustryInvitation(
                cohort=cohort,
                token_hash=industry_invitation_token_hash(secrets.token_urlsafe(32)),
                expires_at=now + datetime.timedelta(days=settings.INVITATION_MAX_AGE_DAYS),
            ),
            email=address,
            full_name=full_name.strip(),
            language=language,
            kind=kind,
            organisation=organisation.strip(),
            valid_until=valid_until,
            invited_by=invited_by,
        )
        message_enqueue(
            recipient=invitation.email,
            language=invitation.language,
            template="industry_invitation",
            context={
                "invitation": invitation,
                "edition": str(cohort),
                "max_age_days": settings.INVITATION_MAX_AGE_DAYS,
            },
            cause=f"industry_invitation:{invitation.pk}",
            secret_link=f"industry_invitation:{invitation.pk}",
        )
    return invitation


def industry_invitation_find(*, token: str) -> IndustryInvitation | None:
    """The usable invitation with this token, or None (unknown, used or expired)."""
    if not token or len(token) > 128:
        return None
    invitation = (
        IndustryInvitation.objects.select_related("cohort")
        .filter(token_hash=industry_invitation_token_hash(token))
        .first()
    )
    return invitation if invitation and invitation.is_usable else None


@transaction.atomic
def industry_invitation_accept(
    *, invitation: IndustryInvitation, full_name: str, password: str
) -> User:
    """Make the account and accredit it for the edition. Locked, so two clicks on one link
    make one account."""
    invitation = IndustryInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable:
        raise ValidationError(_("This invitation link has expired or was already used."))
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError(_("An account with this address exists: sign in first."))
    user = User.objects.create_user(
        invitation.email, password, full_name=full_name, preferred_language=invitation.language
    )
    accreditation_grant(
        cohort=invitation.cohort,
        email=user.email,
        kind=invitation.kind,
        organisation=invitation.organisation,
        valid_until=max(invitation.valid_until, timezone.localdate()),
    )
    validated_save(invitation, accepted_at=timezone.now(), accepted_by=user)
    security_event_record(
        kind=SecurityEvent.Kind.INVITATION_USED,
        user=user,
        actor=user,
        details={"industry_invitation": invitation.pk, "edition": str(invitation.cohort)},
    )
    return user
