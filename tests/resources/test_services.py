"""Booking partner resources: requests refused with a message naming what is in the way, staff
decisions, the partner's confirmation, cancellations."""

import pytest
from django.core.exceptions import ValidationError

from outbox.models import OutboxMessage
from resources.models import Booking
from resources.services import (
    booking_cancel,
    booking_confirm,
    booking_decide,
    booking_for_token,
    booking_request,
)
from tests.factories import FilmFactory
from tests.factories.resources import AvailabilityFactory, BookingFactory, ResourceFactory
from tests.resources.conftest import day


def request(world, start, end, film=None, resource=None) -> Booking:
    return booking_request(
        film=film or world.film,
        resource=resource or world.resource,
        start_date=start,
        end_date=end,
        requested_by=world.director,
    )


def refused(call) -> str:
    with pytest.raises(ValidationError) as error:
        call()
    return " ".join(error.value.messages)


def test_request_takes_a_free_unit(world):
    booking = request(world, day(5), day(6))

    assert (booking.status, booking.unit, booking.days) == ("requested", 1, 2)


def test_an_overlapping_request_is_refused_naming_the_booking_in_the_way(world):
    neighbour = FilmFactory(cohort=world.cohort, title_en="The Cage")
    request(world, day(5), day(7), film=neighbour)

    message = refused(lambda: request(world, day(7), day(8)))

    assert message == (
        f"Grading suite is already booked on these days: The Cage from {day(5)} to {day(7)}."
    )
    assert Booking.objects.count() == 1


def test_a_second_unit_takes_the_overlapping_request(world):
    world.resource.quantity = 2
    world.resource.save()
    request(world, day(5), day(6), film=FilmFactory(cohort=world.cohort))

    booking = request(world, day(5), day(5))

    assert booking.unit == 2


def test_declined_and_cancelled_bookings_free_their_days(world):
    first = request(world, day(5), day(6), film=FilmFactory(cohort=world.cohort))
    booking_cancel(booking=first, cancelled_by=world.staff)

    again = request(world, day(5), day(6))

    assert again.unit == 1


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (-1, 1, "The first day has passed already."),
        (3, 2, "The last day must be on or after the first day."),
        (119, 122, "Grading suite is available only"),
    ],
    ids=["past", "reversed", "out-of-period"],
)
def test_bad_periods_are_refused_and_nothing_saved(world, start, end, expected):
    message = refused(lambda: request(world, day(start), day(end)))

    assert message.startswith(expected)
    assert Booking.objects.count() == 0


def test_the_limit_per_film_counts_the_days_already_booked(world):
    request(world, day(5), day(6))

    message = refused(lambda: request(world, day(10), day(11)))

    assert message == (
        f"Grading suite allows at most 3 days per film; {world.film.title} has 2 booked and asks "
        "for 2 more."
    )


def test_per_unit_limit_counts_bookings(world):
    licence = ResourceFactory(name_en="Music licence", charge="unit", quantity=50, limit_per_film=1)
    AvailabilityFactory(resource=licence)
    request(world, day(1), day(60), resource=licence)

    message = refused(lambda: request(world, day(1), day(60), resource=licence))

    assert "at most 1 bookings per film" in message


def test_approval_emails_the_partner_a_link_that_confirms(
    world, django_capture_on_commit_callbacks
):
    booking = request(world, day(5), day(6))

    with django_capture_on_commit_callbacks(execute=True):
        booking_decide(booking=booking, decided_by=world.staff, decision="approved")

    email = OutboxMessage.objects.get(recipient=world.resource.contact_email)
    assert email.language == "zh-hans"
    assert world.film.title_zh in email.subject
    token = email.body_text.split("/partner/bookings/")[1].split("/")[0]
    assert booking_for_token(token=token) == booking
    assert booking_confirm(token=token).status == "confirmed"
    assert booking_confirm(token=token).status == "confirmed"  # twice changes nothing
    assert token not in Booking.objects.get(pk=booking.pk).confirm_token_hash


def test_declining_needs_a_reason_and_tells_the_requester(world):
    booking = request(world, day(5), day(6))

    message = refused(
        lambda: booking_decide(booking=booking, decided_by=world.staff, decision="declined")
    )
    booking_decide(booking=booking, decided_by=world.staff, decision="declined", note="Full.")

    assert message == "Say why the booking is declined."
    assert OutboxMessage.objects.get(recipient=world.director.email).subject.startswith(
        "Booking declined"
    )


def test_a_decided_booking_cannot_be_decided_again(world):
    booking = BookingFactory(resource=world.resource, film=world.film, status="approved")

    message = refused(
        lambda: booking_decide(booking=booking, decided_by=world.staff, decision="approved")
    )

    assert message == "This booking is Approved already."


def test_an_unknown_token_confirms_nothing(world):
    with pytest.raises(ValidationError):
        booking_confirm(token="not-a-token")
