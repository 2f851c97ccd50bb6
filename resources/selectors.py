"""Reads of the resources app that pages share: a film's or a cohort's bookings, the resources
a film may book, the month calendar (rows of resource units, runs of days), the CSV rows for a
partner and the in-kind value of approved bookings. Each runs a fixed number of queries."""

from __future__ import annotations

import calendar
import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet

from films.models import Film
from programs.models import Cohort, Partner
from resources.models import Booking, Resource


def bookings_of_film(film: Film) -> QuerySet[Booking]:
    return film.bookings.select_related("resource__partner").order_by("-start_date", "-pk")


def bookings_of_cohort(cohort: Cohort, status: str = "") -> QuerySet[Booking]:
    bookings = Booking.objects.filter(film__cohort=cohort).select_related(
        "resource__partner", "film__director", "requested_by"
    )
    if status:
        bookings = bookings.filter(status=status)
    return bookings.order_by("start_date", "resource__name_en", "unit", "pk")


def bookable_resources(film: Film) -> QuerySet[Resource]:
    """The active resources of the partners that support the film's cohort."""
    return (
        Resource.objects.filter(is_active=True, partner__partnerships__cohort_id=film.cohort_id)
        .select_related("partner")
        .prefetch_related("periods")
        .distinct()
        .order_by("partner__name_en", "name_en", "pk")
    )


def resources_by_partner() -> QuerySet[Resource]:
    return Resource.objects.select_related("partner").prefetch_related("periods")


# --- The month calendar ---------------------------------------------------------------------


@dataclass
class Run:
    """Consecutive days of one row: a booking, or free days (booking None)."""

    days: int
    booking: Booking | None = None


@dataclass
class CalendarRow:
    resource: Resource
    unit: int
    runs: list[Run] = field(default_factory=list)


@dataclass
class MonthCalendar:
    first: datetime.date
    days: list[datetime.date]
    rows: list[CalendarRow]

    @property
    def previous(self) -> datetime.date:
        return (self.first - datetime.timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> datetime.date:
        return self.first + datetime.timedelta(days=len(self.days))


def month_of(value: str, today: datetime.date) -> datetime.date:
    """The first day of the month named "YYYY-MM", or of today's month if it names none."""
    try:
        year, month = (int(part) for part in value.split("-"))
        return datetime.date(year, month, 1)
    except (ValueError, TypeError):
        return today.replace(day=1)


def month_calendar(
    *, first: datetime.date, resources: QuerySet[Resource], films: QuerySet[Film] | None = None
) -> MonthCalendar:
    """Each resource's units as rows (the first always, the others when booked), their live
    bookings in the month as runs of days (only those of `films` when given). Two queries,
    whatever the number of films."""
    days = [
        first + datetime.timedelta(days=n)
        for n in range(calendar.monthrange(first.year, first.month)[1])
    ]
    last = days[-1]
    resources = list(resources.select_related("partner"))
    bookings = Booking.objects.filter(
        resource__in=[r.pk for r in resources],
        status__in=Booking.LIVE,
        start_date__lte=last,
        end_date__gte=first,
    ).select_related("film")
    if films is not None:
        bookings = bookings.filter(film__in=films)
    by_unit: dict[tuple[int, int], list[Booking]] = defaultdict(list)
    for booking in bookings.order_by("start_date"):
        by_unit[(booking.resource_id, booking.unit)].append(booking)
    # A unit past the first shows only when it is booked this month: twenty music licences
    # must not be twenty empty rows.
    rows = [
        CalendarRow(resource, unit, _runs(by_unit[(resource.pk, unit)], first, last))
        for resource in resources
        for unit in range(1, resource.quantity + 1)
        if unit == 1 or by_unit.get((resource.pk, unit))
    ]
    return MonthCalendar(first=first, days=days, rows=rows)


def _runs(bookings: list[Booking], first: datetime.date, last: datetime.date) -> list[Run]:
    runs, day = [], first
    for booking in bookings:
        start, end = max(booking.start_date, first), min(booking.end_date, last)
        if start > day:
            runs.append(Run((start - day).days))
        runs.append(Run((end - start).days + 1, booking))
        day = end + datetime.timedelta(days=1)
    if day <= last:
        runs.append(Run((last - day).days + 1))
    return runs


# --- The partner's CSV and the in-kind value ------------------------------------------------


def partner_bookings(partner: Partner, cohort: Cohort | None = None) -> QuerySet[Booking]:
    bookings = Booking.objects.filter(resource__partner=partner).select_related(
        "resource", "film__cohort", "film__director"
    )
    if cohort is not None:
        bookings = bookings.filter(film__cohort=cohort)
    return bookings.order_by("start_date", "resource__name_en", "unit")


def in_kind_by_film(cohort: Cohort) -> dict[int, Decimal]:
    """Film id → value of its approved (or confirmed) bookings at the partners' rates."""
    values: dict[int, Decimal] = defaultdict(Decimal)
    for booking in _granted(cohort):
        values[booking.film_id] += booking.value
    return dict(values)


@dataclass
class PartnerSupport:
    partner: Partner
    bookings: int = 0
    days: int = 0
    value: Decimal = Decimal("0")
    films: set = field(default_factory=set)


def in_kind_by_partner(cohort: Cohort) -> list[PartnerSupport]:
    """Per partner: the approved bookings for the cohort's films, their days and value, and how
    many films they served — the "special thanks", measured."""
    support: dict[int, PartnerSupport] = {}
    for booking in _granted(cohort):
        partner = booking.resource.partner
        row = support.setdefault(partner.pk, PartnerSupport(partner))
        row.bookings += 1
        row.days += booking.days
        row.value += booking.value
        row.films.add(booking.film_id)
    return sorted(support.values(), key=lambda row: -row.value)


def _granted(cohort: Cohort) -> QuerySet[Booking]:
    return Booking.objects.filter(film__cohort=cohort, status__in=Booking.GRANTED).select_related(
        "resource__partner"
    )
