"""Writes of the guests app: the registration policy, registering, confirming, the waiting
list with its expiring offers, cancelling, approval and check-in.

Every write that takes or frees a seat runs under the policy's row lock (`_locked_policy`), so
that two requests never count the same free seat: on PostgreSQL `SELECT … FOR UPDATE` on the
policy row; on SQLite, which has no row locks but one writer at a time, an UPDATE of that row
first, which takes the database's write lock before anything is counted."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.public_cache import working_data_changed
from core.services import validated_save
from guests.models import (
    CategoryQuota,
    Registration,
    RegistrationPolicy,
)
from outbox.services import message_enqueue
from screenings.models import Screening

Status = Registration.Status


# --- Policy


@transaction.atomic
def registration_policy_set(
    *,
    screening: Screening,
    is_open: bool,
    capacity: int | None,
    offer_hours: int,
    quotas: dict[str, tuple[int | None, bool]],
) -> RegistrationPolicy:
    """Open or close registration and set capacity and the categories offered: `quotas` maps a
    category to (its quota or None, whether it needs approval); a category left out is not
    offered. A lower capacity never cancels anybody: it only stops new seats being given."""
    policy = _locked_policy(screening.pk)
    validated_save(policy, is_open=is_open, capacity=capacity, offer_hours=offer_hours)
    if is_open and not quotas:
        raise ValidationError(_("Offer at least one category before opening registration."))
    policy.quotas.exclude(category__in=list(quotas)).delete()
    for category, (quota, needs_approval) in quotas.items():
        row = policy.quotas.filter(category=category).first() or CategoryQuota(
            policy=policy, category=category
        )
        validated_save(row, quota=quota, needs_approval=needs_approval)
    _offer_freed_seats(policy)
    return policy


# --- Registering


@transaction.atomic
def registration_create(
    *,
    screening: Screening,
    category: str,
    email: str,
    name_zh: str = "",
    name_en: str = "",
    organisation: str = "",
    language: str = "zh-hans",
) -> Registration:
    """A visitor's registration: it holds no seat until the address is confirmed (an address
    nobody reads must not take a seat from somebody who came)."""
    policy = RegistrationPolicy.objects.filter(screening=screening).first()
    _check_open(policy, screening)
    if not policy.quotas.filter(category=category).exists():
        raise ValidationError({"category": _("This category is not offered for this screening.")})
    if _live(screening).filter(email__iexact=email.strip()).exists():
        raise ValidationError(
            {"email": _("This email address is already registered for this screening.")}
        )
    registration = validated_save(
        Registration(screening=screening),
        category=category,
        email=email.strip(),
        name_zh=name_zh.strip(),
        name_en=name_en.strip(),
        organisation=organisation.strip(),
        language=language,
    )
    _notify(registration, "guest_confirm_email")
    return registration


def _check_open(policy: RegistrationPolicy | None, screening: Screening) -> None:
    if policy is None or not policy.is_open:
        raise ValidationError(_("Registration for this screening is closed."))
    if screening.starts_at <= timezone.now():
        raise ValidationError(_("This screening has started: registration is closed."))


def _live(screening: Screening):
    return Registration.objects.filter(screening=screening, status__in=Registration.ACTIVE)


@transaction.atomic
def registration_confirm(*, registration: Registration) -> Registration:
    """The guest confirmed the address: a seat if one is free in the category (held for
    approval where the category needs it), else the waiting list."""
    policy = _locked_policy(registration.screening_id)
    registration = Registration.objects.get(pk=registration.pk)
    if registration.status != Status.UNCONFIRMED:
        return registration
    if _seat_free(policy, registration.category):
        _give_seat(policy, registration)
    else:
        validated_save(registration, status=Status.WAITING, waiting_since=timezone.now())
        _notify(registration, "guest_waiting")
    return registration


def registration_offer_accept(*, registration: Registration) -> Registration:
    """Take the offered seat. An offer found expired is expired here and now, committed, and
    its seat passed on, before the guest is told: the refusal must not undo that."""
    with transaction.atomic():
        policy = _locked_policy(registration.screening_id)
        registration = Registration.objects.get(pk=registration.pk)
        if registration.status != Status.OFFERED:
            raise ValidationError(_("There is no open offer on this registration."))
        if registration.offer_expires_at > timezone.now():
            _give_seat(policy, registration)
            return registration
        _expire(registration)
        _offer_freed_seats(policy)
    raise ValidationError(_("This offer expired; the seat went to the next person."))


@transaction.atomic
def registration_cancel(*, registration: Registration) -> Registration:
    """The guest's own cancellation (one link in every email) or staff's: the seat it held goes
    to the next person on the waiting list."""
    policy = _locked_policy(registration.screening_id)
    registration = Registration.objects.get(pk=registration.pk)
    if registration.status not in Registration.ACTIVE:
        return registration
    if registration.checked_in_at is not None:
        raise ValidationError(_("This guest has already checked in."))
    validated_save(
        registration, status=Status.CANCELLED, cancelled_at=timezone.now(), offer_expires_at=None
    )
    _notify(registration, "guest_cancelled")
    _offer_freed_seats(policy)
    return registration


@transaction.atomic
def registration_approve(*, registration: Registration) -> Registration:
    _locked_policy(registration.screening_id)
    registration = Registration.objects.get(pk=registration.pk)
    if registration.status != Status.PENDING_APPROVAL:
        raise ValidationError(_("Only a registration waiting for approval can be approved."))
    validated_save(registration, status=Status.CONFIRMED, confirmed_at=timezone.now())
    _notify(registration, "guest_ticket")
    return registration


@transaction.atomic
def registration_decline(*, registration: Registration) -> Registration:
    policy = _locked_policy(registration.screening_id)
    registration = Registration.objects.get(pk=registration.pk)
    if registration.status not in (Status.PENDING_APPROVAL, Status.WAITING, Status.UNCONFIRMED):
        raise ValidationError(_("Only a registration not yet confirmed can be declined."))
    validated_save(registration, status=Status.DECLINED)
    _notify(registration, "guest_declined")
    _offer_freed_seats(policy)
    return registration


def offers_expire(*, now: datetime | None = None) -> int:
    """The beat job: offers past their time lapse and the seat goes to the next person. One
    screening per transaction, so one busy screening does not hold the others' locks."""
    now = now or timezone.now()
    screening_ids = set(
        Registration.objects.filter(status=Status.OFFERED, offer_expires_at__lte=now).values_list(
            "screening_id", flat=True
        )
    )
    expired = 0
    for screening_id in sorted(screening_ids):
        with transaction.atomic():
            policy = _locked_policy(screening_id)
            due = Registration.objects.filter(
                screening_id=screening_id, status=Status.OFFERED, offer_expires_at__lte=now
            )
            for registration in due:
                _expire(registration)
                expired += 1
            _offer_freed_seats(policy)
    return expired


def _expire(registration: Registration) -> None:
    validated_save(registration, status=Status.EXPIRED)
    _notify(registration, "guest_offer_expired")


# --- Seats (callers hold the policy's lock)


def _locked_policy(screening_id: int) -> RegistrationPolicy:
    # A registration made before its screening had a policy (the admin, an import) still locks.
    RegistrationPolicy.objects.get_or_create(screening_id=screening_id)
    policies = RegistrationPolicy.objects.filter(screening_id=screening_id)
    if not connection.features.has_select_for_update:
        policies.update(updated_at=timezone.now())
    return policies.select_for_update(of=("self",)).select_related("screening__venue").get()


def seats_taken(policy: RegistrationPolicy) -> dict[str, int]:
    """Seats held per category, and in all under "" ."""
    rows = (
        Registration.objects.filter(
            screening_id=policy.screening_id, status__in=Registration.HOLDING
        )
        .values("category")
        .annotate(n=Count("id"))
    )
    taken = {row["category"]: row["n"] for row in rows}
    taken[""] = sum(taken.values())
    return taken


def _seat_free(policy: RegistrationPolicy, category: str, taken: dict | None = None) -> bool:
    taken = taken if taken is not None else seats_taken(policy)
    if taken[""] >= policy.seats:
        return False
    quota = policy.quotas.filter(category=category).first()
    if quota is None:
        return False
    return quota.quota is None or taken.get(category, 0) < quota.quota


def _give_seat(policy: RegistrationPolicy, registration: Registration) -> None:
    quota = policy.quotas.filter(category=registration.category).first()
    now = timezone.now()
    if quota is not None and quota.needs_approval:
        validated_save(registration, status=Status.PENDING_APPROVAL, offer_expires_at=None)
        _notify(registration, "guest_pending")
        return
    validated_save(registration, status=Status.CONFIRMED, confirmed_at=now, offer_expires_at=None)
    _notify(registration, "guest_ticket")


def _offer_freed_seats(policy: RegistrationPolicy) -> None:
    """Offer each free seat to the longest-waiting person whose category still has room; the
    offer holds the seat until it expires."""
    taken = seats_taken(policy)
    waiting = Registration.objects.filter(
        screening_id=policy.screening_id, status=Status.WAITING
    ).order_by("waiting_since", "id")
    expires = timezone.now() + timedelta(hours=policy.offer_hours)
    for registration in waiting:
        if taken[""] >= policy.seats:
            return
        if not _seat_free(policy, registration.category, taken):
            continue
        validated_save(registration, status=Status.OFFERED, offer_expires_at=expires)
        _notify(registration, "guest_offer")
        taken[""] += 1
        taken[registration.category] = taken.get(registration.category, 0) + 1


# --- Check-in


@dataclass(frozen=True)
class CheckIn:
    class Answer:
        VALID = "valid"
        ALREADY = "already"
        CANCELLED = "cancelled"
        NOT_CONFIRMED = "not_confirmed"
        UNKNOWN = "unknown"

    answer: str
    registration: Registration | None = None
    checked_in_at: datetime | None = None


def registration_check_in(*, screening: Screening, code: str) -> CheckIn:
    """One scan or typed code at the door. A conditional UPDATE claims the arrival, so a code
    shown twice (a screenshot passed on) lets in one person only."""
    code = normalise_ticket_code(code)
    registration = (
        Registration.objects.filter(screening=screening, ticket_code=code).first() if code else None
    )
    if registration is None:
        return CheckIn(CheckIn.Answer.UNKNOWN)
    now = timezone.now()
    claimed = Registration.objects.filter(
        pk=registration.pk, status=Status.CONFIRMED, checked_in_at__isnull=True
    ).update(checked_in_at=now)
    working_data_changed()  # an update sends no signal; staff lists show who came
    registration.refresh_from_db()
    if claimed:
        return CheckIn(CheckIn.Answer.VALID, registration, now)
    if registration.checked_in_at is not None:
        return CheckIn(CheckIn.Answer.ALREADY, registration, registration.checked_in_at)
    if registration.status in (Status.CANCELLED, Status.DECLINED, Status.EXPIRED):
        return CheckIn(CheckIn.Answer.CANCELLED, registration)
    return CheckIn(CheckIn.Answer.NOT_CONFIRMED, registration)


def normalise_ticket_code(code: str) -> str:
    """What a scanner or a thumb produces: the QR holds the bare code; a typed one may be lower
    case, with spaces or without its dashes."""
    raw = "".join(ch for ch in code.upper() if ch.isalnum())
    if len(raw) != 12:
        return ""
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


# --- Staff messages


@transaction.atomic
def registrations_email(
    *, screening: Screening, categories: list[str], subject: str, body: str
) -> int:
    """Staff write to the confirmed (and checked-in) guests of some categories; one outbox
    message each, in the guest's language for the frame, staff's words as written."""
    guests = Registration.objects.filter(
        screening=screening, status=Status.CONFIRMED, category__in=categories
    )
    sent = 0
    for registration in guests:
        _notify(registration, "guest_message", subject=subject, body=body, cause="message")
        sent += 1
    if not sent:
        raise ValidationError(_("Nobody confirmed in these categories: no email was sent."))
    return sent


def _notify(registration: Registration, template: str, *, cause: str = "", **extra) -> None:
    with translation.override(registration.language):
        links = {
            name: settings.SITE_URL
            + reverse(f"guests_public:{name}", kwargs={"secret": registration.link_secret})
            for name in ("ticket", "cancel")
        }
    message_enqueue(
        recipient=registration.email,
        language=registration.language,
        template=template,
        context={
            "registration": registration,
            "screening": registration.screening,
            **links,
            **extra,
        },
        cause=f"registration:{registration.pk}:{cause or template}",
    )
