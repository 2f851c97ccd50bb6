"""resources.selectors: what a film may book, the month calendar (two queries, further units
only when booked), a month named in the address, the in-kind support per film and partner."""

import datetime
from decimal import Decimal

from resources.models import Resource
from resources.selectors import (
    bookable_resources,
    in_kind_by_film,
    in_kind_by_partner,
    month_calendar,
    month_of,
)
from tests.factories import FilmFactory
from tests.factories.resources import BookingFactory, ResourceFactory
from tests.resources.conftest import day


def test_a_film_may_book_the_active_resources_of_its_cohorts_partners(world):
    ResourceFactory(name_en="Elsewhere")  # a partner outside the cohort
    ResourceFactory(partner=world.resource.partner, is_active=False)

    assert list(bookable_resources(world.film)) == [world.resource]


def test_a_month_named_in_the_address_or_this_month(world):
    today = datetime.date(2026, 12, 2)

    assert month_of("2027-02", today) == datetime.date(2027, 2, 1)
    assert month_of("2027-13", today) == datetime.date(2026, 12, 1)
    assert month_of("", today) == datetime.date(2026, 12, 1)


def test_the_month_calendar_shows_a_further_unit_only_when_booked(world, django_assert_num_queries):
    world.resource.quantity = 3
    world.resource.save()
    first = day(40).replace(day=1)
    BookingFactory(
        resource=world.resource, film=world.film, unit=2, start_date=first, end_date=first
    )

    with django_assert_num_queries(2):
        month = month_calendar(first=first, resources=Resource.objects.all())

    assert [(row.resource, row.unit) for row in month.rows] == [
        (world.resource, 1),
        (world.resource, 2),
    ]
    assert sum(run.days for run in month.rows[1].runs) == len(month.days)
    assert month.rows[1].runs[0].booking is not None


def test_in_kind_support_counts_granted_bookings_at_the_partners_rates(world):
    other = FilmFactory(cohort=world.cohort)
    BookingFactory(
        resource=world.resource,
        film=world.film,
        status="approved",
        start_date=day(10),
        end_date=day(11),
    )
    BookingFactory(
        resource=world.resource,
        film=other,
        status="requested",
        start_date=day(20),
        end_date=day(20),
    )

    by_film = in_kind_by_film(world.cohort)
    [support] = in_kind_by_partner(world.cohort)

    assert by_film == {world.film.pk: world.resource.value_cny * 2}
    assert (support.partner, support.bookings, support.days) == (world.resource.partner, 1, 2)
    assert support.value == Decimal(world.resource.value_cny * 2)
    assert support.films == {world.film.pk}
