"""Writes of the resources app: partner resources and their availability, and the bookings
films make of them, from request to the partner's confirmation. Keyword-only, validated,
atomic. Emails go through the outbox in the recipient's language."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import validated_save
from films.models import Film
from outbox.services import message_enqueue
from programs.models import Partner
from resources.models import Availability, Booking, Resource


@transaction.atomic
def resource_create(*, partner: Partner, kind: str, **fields) -> Resource:
    return validated_save(Resource(partner=partner, kind=kind), **fields)


@transaction.atomic
def resource_update(*, resource: Resource, **fields) -> Resource:
    return validated_save(resource, **fields)


@transaction.atomic
def availability_add(
    *, resource: Resource, start_date: datetime.date, end_date: datetime.date
) -> Availability:
    period = Availability(resource=resource, start_date=start_date, end_date=end_date)
    return validated_save(period)


@transaction.atomic
def availability_remove(*, period: Availability) -> None:
    live = period.resource.bookings.filter(
        status__in=Booking.LIVE, start_date__gte=period.start_date, end_date__lte=period.end_date
    )
    if live.exists():
        raise ValidationError(_("Bookings fall in this period; cancel or decline them first."))
    period.delete()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# --- Bookings -------------------------------------------------------------------------------


def booking_request(
    *,
    film: Film,
    resource: Resource,
    start_date: datetime.date,
    end_date: datetime.date,
    requested_by,
    note: str = "",
) -> Booking:
    """Ask for one unit of the resource for these days (both included). Refused, with a message
    naming what is in the way, when the days are past, outside the partner's availability, over
    the resource's limit per film, or taken on every unit."""
    _check_period(resource, start_date, end_date)
    try:
        with transaction.atomic():
            _lock_for_sqlite(resource)
            _check_limit(film, resource, start_date, end_date)
            unit = _free_unit(resource, start_date, end_date)
            booking = Booking(
                resource=resource,
                film=film,
                unit=unit,
                start_date=start_date,
                end_date=end_date,
                note=note.strip(),
                requested_by=requested_by,
            )
            return validated_save(booking)
    except IntegrityError as error:
        # On PostgreSQL two requests for the same free unit may pass the check at once; the
        # exclusion constraint lets only the first commit.
        if "booking_no_overlap" not in str(error):
            raise
        raise ValidationError(
            _("Another request took these days a moment ago. Choose other days.")
        ) from error


def _check_period(resource: Resource, start: datetime.date, end: datetime.date) -> None:
    if end < start:
        raise ValidationError({"end_date": _("The last day must be on or after the first day.")})
    if start < timezone.localdate():
        raise ValidationError({"start_date": _("The first day has passed already.")})
    if not resource.is_active:
        raise ValidationError(_("This resource cannot be booked at the moment."))
    within = resource.periods.filter(start_date__lte=start, end_date__gte=end)
    if not within.exists():
        periods = ", ".join(f"{p.start_date}–{p.end_date}" for p in resource.periods.all())
        raise ValidationError(
            _("%(resource)s is available only %(periods)s.")
            % {"resource": resource.name, "periods": periods or _("on no days yet")}
        )


def _lock_for_sqlite(resource: Resource) -> None:
    """SQLite has no exclusion constraint: take its write lock before checking, so the check and
    the insert see the same bookings (PostgreSQL's constraint needs no lock)."""
    if connection.vendor == "sqlite":
        Resource.objects.filter(pk=resource.pk).update(is_active=resource.is_active)


def _overlapping(resource: Resource, start: datetime.date, end: datetime.date):
    return resource.bookings.filter(
        status__in=Booking.LIVE, start_date__lte=end, end_date__gte=start
    ).select_related("film")


def _free_unit(resource: Resource, start: datetime.date, end: datetime.date) -> int:
    taken = list(_overlapping(resource, start, end).order_by("unit", "start_date"))
    used = {booking.unit for booking in taken}
    free = [unit for unit in range(1, resource.quantity + 1) if unit not in used]
    if free:
        return free[0]
    conflicts = "; ".join(
        _("%(film)s from %(start)s to %(end)s")
        % {"film": b.film.title, "start": b.start_date, "end": b.end_date}
        for b in taken
    )
    raise ValidationError(
        _("%(resource)s is already booked on these days: %(conflicts)s.")
        % {"resource": resource.name, "conflicts": conflicts}
    )


def _check_limit(film: Film, resource: Resource, start: datetime.date, end: datetime.date) -> None:
    limit = resource.limit_per_film
    if limit is None:
        return
    live = list(film.bookings.filter(resource=resource, status__in=Booking.LIVE))
    if resource.charge == Resource.Charge.PER_DAY:
        used, asked = sum(b.days for b in live), (end - start).days + 1
        message = _(
            "%(resource)s allows at most %(limit)s days per film; %(film)s has %(used)s booked "
            "and asks for %(asked)s more."
        )
    else:
        used, asked = len(live), 1
        message = _(
            "%(resource)s allows at most %(limit)s bookings per film; %(film)s has %(used)s."
        )
    if used + asked > limit:
        raise ValidationError(
            message
            % {
                "resource": resource.name,
                "limit": limit,
                "film": film.title,
                "used": used,
                "asked": asked,
            }
        )


def _locked(booking: Booking, *allowed: str) -> Booking:
    locked = (
        Booking.objects.select_for_update().select_related("resource", "film").get(pk=booking.pk)
    )
    if locked.status not in allowed:
        raise ValidationError(
            _("This booking is %(status)s already.") % {"status": locked.get_status_display()}
        )
    return locked


def booking_decide(*, booking: Booking, decided_by, decision: str, note: str = "") -> Booking:
    """Staff approve (the partner's contact is emailed a link to confirm) or decline (the
    requester is told why)."""
    if decision not in (Booking.Status.APPROVED, Booking.Status.DECLINED):
        raise ValidationError(_("Choose approve or decline."))
    if decision == Booking.Status.DECLINED and not note.strip():
        raise ValidationError({"note": _("Say why the booking is declined.")})
    with transaction.atomic():
        booking = _locked(booking, Booking.Status.REQUESTED)
        token = secrets.token_urlsafe(32) if decision == Booking.Status.APPROVED else ""
        validated_save(
            booking,
            status=decision,
            staff_note=note.strip(),
            decided_by=decided_by,
            decided_at=timezone.now(),
            confirm_token_hash=token_hash(token) if token else "",
        )
        if token:
            _email_partner(booking, token)
        _email_requester(booking)
    return booking


def booking_confirm(*, token: str) -> Booking:
    """The partner's contact confirms through their link; confirming twice changes nothing."""
    with transaction.atomic():
        booking = booking_for_token(token=token)
        if booking is None:
            raise ValidationError(_("This link is not valid (any more)."))
        booking = _locked(booking, Booking.Status.APPROVED, Booking.Status.CONFIRMED)
        if booking.status == Booking.Status.APPROVED:
            validated_save(booking, status=Booking.Status.CONFIRMED, confirmed_at=timezone.now())
    return booking


def booking_for_token(*, token: str) -> Booking | None:
    if not token:
        return None
    return (
        Booking.objects.filter(confirm_token_hash=token_hash(token))
        .exclude(Q(confirm_token_hash=""))
        .select_related("resource__partner", "film__cohort")
        .first()
    )


def booking_cancel(*, booking: Booking, cancelled_by) -> Booking:
    """The requester or staff cancel a live booking; its days are free again at once."""
    with transaction.atomic():
        booking = _locked(booking, *Booking.LIVE)
        was_approved = booking.status != Booking.Status.REQUESTED
        validated_save(
            booking,
            status=Booking.Status.CANCELLED,
            cancelled_at=timezone.now(),
            confirm_token_hash="",
        )
        if was_approved:
            _email_partner(booking, "")
    return booking


def _email_partner(booking: Booking, token: str) -> None:
    resource = booking.resource
    if not resource.contact_email:
        return
    link = ""
    if token:
        link = settings.SITE_URL + reverse("partner:booking", kwargs={"token": token})
    message_enqueue(
        recipient=resource.contact_email,
        language=resource.contact_language,
        template="booking_partner",
        context={"booking": booking, "resource": resource, "film": booking.film, "link": link},
        cause=f"booking:{booking.pk}:{booking.status}",
    )


def _email_requester(booking: Booking) -> None:
    user = booking.requested_by
    if user is None or not user.is_active:
        return
    path = reverse("portal:film_bookings", kwargs={"film_id": booking.film_id})
    message_enqueue(
        recipient=user.email,
        language=user.preferred_language,
        template="booking_decided",
        context={"booking": booking, "film": booking.film, "link": settings.SITE_URL + path},
        cause=f"booking:{booking.pk}:{booking.status}:requester",
    )
