"""Writes for industry guests: accreditation per edition, a film's screener, the guest's own
passes (access code and expiry) and the record of each view. The pages are in the portal
(portal/guest_views.py) and the workspace."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.services import validated_save
from films.models import Film
from guests.models import IndustryAccreditation, Screener, ScreenerPass, ScreenerView
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
    return validated_save(accreditation, is_active=False)


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
