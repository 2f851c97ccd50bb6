"""No double-booking, enforced by the database: on PostgreSQL the exclusion constraint refuses
an overlapping live booking of the same unit whatever the code does, and concurrent requests for
one slot end with exactly one booking. (On SQLite the service's check runs inside the inserting
transaction: test_services covers it. These need PostgreSQL's constraint, which CI runs on.)"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from resources import services
from resources.models import Booking
from resources.services import booking_request
from tests.factories import FilmFactory
from tests.factories.resources import BookingFactory
from tests.resources.conftest import day

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the exclusion constraint exists on PostgreSQL only"
)


@postgresql_only
def test_the_database_refuses_an_overlapping_booking_of_the_same_unit(world):
    BookingFactory(resource=world.resource, film=world.film, start_date=day(5), end_date=day(7))

    with pytest.raises(IntegrityError, match="booking_no_overlap"), transaction.atomic():
        BookingFactory(resource=world.resource, start_date=day(7), end_date=day(9))


@postgresql_only
def test_the_database_allows_other_units_days_and_dead_bookings(world):
    BookingFactory(resource=world.resource, film=world.film, start_date=day(5), end_date=day(7))

    BookingFactory(resource=world.resource, unit=2, start_date=day(5), end_date=day(7))
    BookingFactory(resource=world.resource, start_date=day(8), end_date=day(9))
    BookingFactory(resource=world.resource, start_date=day(5), end_date=day(7), status="declined")

    assert Booking.objects.count() == 4


@postgresql_only
def test_a_request_that_loses_the_race_gets_a_message(world, monkeypatch):
    BookingFactory(resource=world.resource, film=world.film, start_date=day(5), end_date=day(7))
    # As if the other request had committed between this one's check and its insert.
    monkeypatch.setattr(services, "_overlapping", lambda *args: Booking.objects.none())

    with pytest.raises(ValidationError) as error:
        booking_request(
            film=FilmFactory(cohort=world.cohort),
            resource=world.resource,
            start_date=day(6),
            end_date=day(6),
            requested_by=world.director,
        )

    assert error.value.messages == [
        "Another request took these days a moment ago. Choose other days."
    ]


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_for_one_slot_make_exactly_one_booking(world):
    films = [FilmFactory(cohort=world.cohort) for _ in range(6)]
    world.resource.limit_per_film = None
    world.resource.save()
    start = threading.Barrier(len(films))
    outcomes: list[str] = []

    def request(film) -> None:
        try:
            start.wait()
            booking_request(
                film=film,
                resource=world.resource,
                start_date=day(5),
                end_date=day(6),
                requested_by=world.director,
            )
            outcomes.append("booked")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=request, args=(film,)) for film in films]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["booked"] + ["refused"] * 5
    assert Booking.objects.filter(resource=world.resource).count() == 1
