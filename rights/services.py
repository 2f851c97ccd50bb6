"""Writes of licences, the check an online exhibition makes, and the warnings to staff."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from core.services import validated_save
from films.models import Film
from outbox.services import message_enqueue
from rights.models import Licence, LicenceWarning, Medium
from rights.selectors import licences_covering, licences_ending, window_days

WARNING_DAYS = 30


@transaction.atomic
def licence_create(*, film: Film, **fields) -> Licence:
    return validated_save(Licence(film=film), **fields)


@transaction.atomic
def licence_update(*, licence: Licence, **fields) -> Licence:
    return validated_save(licence, **fields)


def licence_require(
    *, film: Film, medium: str, starts: datetime.datetime, ends: datetime.datetime
) -> None:
    """Refuse to show a film where no licence covers it: the days of the window, in the
    festival's zone, must lie inside one licence for the medium."""
    first_day, last_day = window_days(starts, ends)
    if not licences_covering([film.pk], medium=medium, first_day=first_day, last_day=last_day):
        raise ValidationError(
            _("No %(medium)s licence for %(film)s covers %(first)s to %(last)s.")
            % {"medium": Medium(medium).label, "film": film, "first": first_day, "last": last_day}
        )


def licence_warnings_send(*, today: datetime.date | None = None) -> int:
    """The daily beat job: every licence ending in WARNING_DAYS days is announced once to the
    active staff, through the outbox (a LicenceWarning row keeps it to once)."""
    today = today or timezone.localdate()
    sent = 0
    for licence in licences_ending(on=today + datetime.timedelta(days=WARNING_DAYS)):
        try:
            with transaction.atomic():
                LicenceWarning.objects.create(licence=licence, ends_on=licence.ends_on)
                _warn_staff(licence)
        except IntegrityError:
            continue  # warned already (the job ran twice, or two beats overlapped)
        sent += 1
    return sent


def _warn_staff(licence: Licence) -> None:
    for person in User.objects.filter(is_staff=True, is_active=True).order_by("pk"):
        with translation.override(person.preferred_language):
            path = reverse("workspace:film", kwargs={"film_id": licence.film_id})
        message_enqueue(
            recipient=person.email,
            language=person.preferred_language,
            template="licence_ending",
            context={"licence": licence, "film": licence.film, "link": settings.SITE_URL + path},
            cause=f"licence:{licence.pk}:{licence.ends_on}",
        )
