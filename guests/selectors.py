"""Reads of the guests app that pages share."""

from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from films.models import Film
from guests.models import (
    Category,
    IndustryInvitation,
    MarketDay,
    Meeting,
    MeetingAttendee,
    Registration,
    RegistrationPolicy,
    Screener,
    ScreenerPass,
)
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


def industry_passes(user) -> list:
    """The signed-in guest's passes of editions they are accredited for now, with the films."""
    if not user.is_authenticated:
        return []
    return list(
        ScreenerPass.objects.filter(
            accreditation__user=user, accreditation__is_active=True, film__screener__isnull=False
        )
        .select_related("film__director", "film__cohort", "accreditation")
        .order_by("film__cohort__year", "film__title_en", "film__id")
    )


def screener_pass_for(user, code: str):
    if not user.is_authenticated or not code or len(code) > 32:
        return None
    return (
        ScreenerPass.objects.filter(code=code, accreditation__user=user)
        .select_related("film__screener", "film__director", "accreditation")
        .first()
    )


def screener_viewers(film) -> list[dict]:
    """Who watched a film's screener, how often and when last: for its director."""
    return list(
        ScreenerPass.objects.filter(film=film, views__isnull=False)
        .values(
            "accreditation__user__full_name",
            "accreditation__organisation",
            "accreditation__kind",
        )
        .annotate(view_count=Count("views"), last_viewed=Max("views__viewed_at"))
        .order_by("-last_viewed")
    )


def accreditations_for(cohort) -> QuerySet:
    return (
        cohort.industry_accreditations.select_related("user")
        .annotate(view_count=Count("passes__views"))
        .order_by("organisation", "id")
    )


def screeners_for(cohort) -> QuerySet:
    return (
        Screener.objects.filter(film__cohort=cohort)
        .select_related("film__director")
        .annotate(view_count=Count("film__screener_passes__views"))
        .order_by("film__title_en", "film_id")
    )


# --- Market meetings


def _meetings():
    return Meeting.objects.select_related(
        "market_day",
        "film__director__user",
        "film__producer__user",
        "film__cohort",
        "accreditation__user",
    )


def person_meetings(user) -> list[Meeting]:
    """A person's agenda: the meetings they asked for as a guest and those with a film they
    direct or produce, live ones first in time order, then the rest."""
    if not user.is_authenticated:
        return []
    mine = Q(accreditation__user=user) | Q(film__director__user=user) | Q(film__producer__user=user)
    meetings = list(_meetings().filter(mine).order_by("starts_at", "id"))
    return sorted(meetings, key=lambda m: (not m.is_live, m.starts_at, m.pk))


def market_days_open_for(cohort) -> QuerySet[MarketDay]:
    return MarketDay.objects.filter(cohort=cohort, requests_open=True, ends_at__gt=timezone.now())


def free_slots(market_day: MarketDay, people) -> list:
    """The slots still ahead at which none of these people has a meeting."""
    held = list(
        MeetingAttendee.objects.filter(
            user__in=people, starts_at__lt=market_day.ends_at, ends_at__gt=market_day.starts_at
        ).values_list("starts_at", "ends_at")
    )
    now = timezone.now()
    length = market_day.slot_length
    return [
        start
        for start in market_day.slots()
        if start > now and not any(s < start + length and e > start for s, e in held)
    ]


def cohort_meetings(cohort, *, user_id: int | None = None) -> QuerySet[Meeting]:
    """Staff's overview: every meeting of the edition's market days, or one person's."""
    meetings = _meetings().filter(market_day__cohort=cohort)
    if user_id:
        meetings = meetings.filter(
            Q(accreditation__user_id=user_id)
            | Q(film__director__user_id=user_id)
            | Q(film__producer__user_id=user_id)
        )
    return meetings.order_by("market_day__starts_at", "starts_at", "table", "id")


def meeting_status_counts(cohort) -> dict[str, int]:
    rows = (
        Meeting.objects.filter(market_day__cohort=cohort).values("status").annotate(n=Count("id"))
    )
    return {row["status"]: row["n"] for row in rows}


def industry_invitations_for(cohort) -> QuerySet[IndustryInvitation]:
    return cohort.industry_invitations.filter(accepted_at__isnull=True).order_by("-created_at")


def meetable_films(user) -> list:
    """Films a signed-in guest may ask to meet: of the editions they are accredited for now,
    with a market day still open for requests."""
    if not user.is_authenticated:
        return []
    cohorts = user.industry_accreditations.filter(
        is_active=True, valid_until__gte=timezone.localdate()
    ).values("cohort")
    open_days = MarketDay.objects.filter(requests_open=True, ends_at__gt=timezone.now())
    return list(
        Film.objects.filter(cohort__in=cohorts, cohort__market_days__in=open_days)
        .distinct()
        .select_related("director", "cohort")
        .order_by("cohort__year", "title_en", "id")
    )
