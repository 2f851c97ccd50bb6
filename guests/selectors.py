"""Reads of the guests app that pages share."""

from django.db.models import Count, QuerySet

from guests.models import Category, Registration, RegistrationPolicy
from screenings.models import Screening


def registration_policy_for(screening: Screening) -> RegistrationPolicy | None:
    return RegistrationPolicy.objects.filter(screening=screening).prefetch_related("quotas").first()


def registration_by_secret(secret: str) -> Registration | None:
    if not secret or len(secret) > 64:
        return None
    return (
        Registration.objects.select_related("screening__venue", "screening__cohort")
        .filter(link_secret=secret)
        .first()
    )


def registrations_for(screening: Screening) -> QuerySet[Registration]:
    return Registration.objects.filter(screening=screening).order_by("status", "created_at", "id")


def waiting_position(registration: Registration) -> int:
    """1 for the next person to be offered a seat."""
    since = registration.waiting_since or registration.created_at
    ahead = Registration.objects.filter(
        screening_id=registration.screening_id,
        status=Registration.Status.WAITING,
        waiting_since__lt=since,
    ).count()
    return ahead + 1


def category_counts(screening: Screening) -> dict[str, dict[str, int]]:
    """Registrations per category and status, for the staff list."""
    rows = (
        Registration.objects.filter(screening=screening)
        .values("category", "status")
        .annotate(n=Count("id"))
    )
    counts: dict[str, dict[str, int]] = {c.value: {} for c in Category}
    for row in rows:
        counts[row["category"]][row["status"]] = row["n"]
    return counts


def arrivals_count(screening: Screening) -> int:
    return Registration.objects.filter(screening=screening, checked_in_at__isnull=False).count()
