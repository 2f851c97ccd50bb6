"""resources.models: a resource is named and has units, its value per day or per unit, a
period and a booking end on or after they start, and a booking's days and value."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from resources.models import Availability, Booking, Resource
from tests.factories.resources import BookingFactory, ResourceFactory
from tests.resources.conftest import day


def messages_of(instance) -> list[str]:
    with pytest.raises(ValidationError) as error:
        instance.full_clean()
    return error.value.messages


def test_a_resource_without_a_name_or_units_is_refused(world):
    nameless = ResourceFactory.build(partner=world.resource.partner, name_zh="", name_en="")
    empty = ResourceFactory.build(partner=world.resource.partner, quantity=0)

    assert "Name the resource in at least one language." in messages_of(nameless)
    assert messages_of(empty) == ["Ensure this value is greater than or equal to 1."]


def test_a_resource_is_valued_per_day_or_per_unit(world):
    per_day = ResourceFactory.build(value_cny=Decimal("800"), charge=Resource.Charge.PER_DAY)
    per_unit = ResourceFactory.build(value_cny=Decimal("5000"), charge=Resource.Charge.PER_UNIT)

    assert (per_day.value_of(3), per_unit.value_of(3)) == (Decimal("2400"), Decimal("5000"))


def test_a_period_or_booking_that_ends_before_it_starts_is_refused(world):
    period = Availability(resource=world.resource, start_date=day(5), end_date=day(4))
    booking = Booking(
        resource=world.resource, film=world.film, unit=1, start_date=day(5), end_date=day(4)
    )

    assert "The last day must be on or after the first day." in messages_of(booking)
    assert messages_of(period) != []


def test_a_booking_counts_both_its_days_and_is_worth_them(world):
    booking = BookingFactory(
        resource=world.resource,
        film=world.film,
        start_date=day(10),
        end_date=day(10) + datetime.timedelta(days=2),
    )

    assert booking.days == 3
    assert booking.value == world.resource.value_cny * 3
