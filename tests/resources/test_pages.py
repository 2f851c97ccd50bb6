"""The booking pages: the portal's request form, the workspace's decisions, calendars and CSV,
the partner's link; each list page with a fixed number of queries for 4 and 40 films."""

import logging

import pytest
from django.urls import reverse

from outbox.models import OutboxMessage
from resources.models import Booking
from resources.services import token_hash
from tests.factories import FilmFactory
from tests.factories.resources import BookingFactory, ResourceFactory
from tests.resources.conftest import day

FILMS = pytest.mark.parametrize("films", [4, 40], ids=["4-films", "40-films"])


def grow(world, films: int) -> None:
    """`films` films in the cohort, each with a booking of its own unit of a big resource."""
    big = ResourceFactory(partner=world.resource.partner, quantity=films, name_en="Camera")
    for n in range(films):
        film = world.film if n == 0 else FilmFactory(cohort=world.cohort)
        BookingFactory(resource=big, film=film, unit=n + 1, start_date=day(2), end_date=day(4))


def test_director_requests_a_booking_from_the_portal(client, world):
    client.force_login(world.director)
    url = reverse("portal:film_bookings", kwargs={"film_id": world.film.pk})
    data = {"resource": world.resource.pk, "start_date": day(3), "end_date": day(4), "note": "DI"}

    response = client.post(url, data)

    assert response.status_code == 302
    booking = Booking.objects.get()
    assert (booking.film, booking.requested_by, booking.note) == (world.film, world.director, "DI")


def test_an_overlapping_request_in_the_portal_shows_the_conflict_and_saves_nothing(client, world):
    BookingFactory(resource=world.resource, start_date=day(3), end_date=day(5))
    client.force_login(world.producer)
    url = reverse("portal:film_bookings", kwargs={"film_id": world.film.pk})

    response = client.post(
        url, {"resource": world.resource.pk, "start_date": day(5), "end_date": day(6)}
    )

    assert response.status_code == 400
    assert "is already booked on these days" in response.content.decode()
    assert Booking.objects.count() == 1


def test_a_resource_of_a_partner_outside_the_cohort_cannot_be_chosen(client, world):
    stranger = ResourceFactory()
    client.force_login(world.director)
    url = reverse("portal:film_bookings", kwargs={"film_id": world.film.pk})

    response = client.post(url, {"resource": stranger.pk, "start_date": day(3), "end_date": day(3)})

    assert response.status_code == 400
    assert not Booking.objects.exists()


def test_staff_approve_from_the_bookings_page_and_the_partner_is_emailed(client, world):
    booking = BookingFactory(resource=world.resource, film=world.film, requested_by=world.director)
    client.force_login(world.staff)

    response = client.post(
        reverse("workspace:booking_decide", kwargs={"booking_id": booking.pk}),
        {"decision": "approved"},
    )

    assert response.status_code == 302
    assert Booking.objects.get(pk=booking.pk).status == "approved"
    assert OutboxMessage.objects.filter(recipient=world.resource.contact_email).count() == 1


def test_the_partner_confirms_through_the_link_and_the_link_is_not_logged(client, world, caplog):
    token = "a-partner-secret-token"
    booking = BookingFactory(
        resource=world.resource,
        film=world.film,
        status="approved",
        confirm_token_hash=token_hash(token),
    )
    url = reverse("partner:booking", kwargs={"token": token})

    with caplog.at_level(logging.INFO):
        page = client.get(url)
        confirmed = client.post(url)
        missing = client.get(reverse("partner:booking", kwargs={"token": token + "x"}))

    assert page.status_code == 200
    assert confirmed.status_code == 200
    assert "Confirmed on" in confirmed.content.decode()
    assert Booking.objects.get(pk=booking.pk).status == "confirmed"
    assert missing.status_code == 404
    logged = " ".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records)
    assert "/partner/bookings/<str:token>/" in logged
    assert token not in logged


def test_the_partner_csv_lists_its_bookings_with_their_value(client, world):
    BookingFactory(resource=world.resource, film=world.film, start_date=day(3), end_date=day(5))
    client.force_login(world.staff)

    response = client.get(
        reverse("workspace:partner_bookings_csv", kwargs={"partner_id": world.resource.partner_id})
    )

    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Resource,Unit,Cohort,Film")
    assert lines[1].endswith(",3,Requested,24000.00")


def test_the_cohort_calendar_shows_each_booking_over_its_days(client, world):
    BookingFactory(resource=world.resource, film=world.film, start_date=day(3), end_date=day(5))
    client.force_login(world.staff)
    month = day(3).strftime("%Y-%m")

    response = client.get(
        reverse("workspace:cohort_calendar", kwargs={"slug": world.cohort.slug}), {"month": month}
    )

    row = next(r for r in response.context["month"].rows if r.resource == world.resource)
    booked = [run for run in row.runs if run.booking]
    expected_days = 3 if day(3).month == day(5).month else (day(5).replace(day=1) - day(3)).days
    assert [run.days for run in booked] == [expected_days]
    assert sum(run.days for run in row.runs) == len(response.context["month"].days)


@FILMS
@pytest.mark.parametrize("url_name", ["workspace:cohort_bookings", "workspace:cohort_calendar"])
def test_cohort_booking_pages_run_a_fixed_number_of_queries(
    client, world, films, url_name, django_assert_num_queries
):
    grow(world, films)
    client.force_login(world.staff)
    url = reverse(url_name, kwargs={"slug": world.cohort.slug})

    with django_assert_num_queries(QUERIES[url_name]):
        response = client.get(url, {"month": day(2).strftime("%Y-%m")})

    assert response.status_code == 200
    assert response.content.decode().count("Film ") >= 1


# Session and user, then: bookings page — cohort, bookings, in-kind bookings; calendar —
# cohort, resources, bookings.
# Each with the workspace bar's two queries.
QUERIES = {"workspace:cohort_bookings": 5, "workspace:cohort_calendar": 5}


@FILMS
def test_the_film_bookings_page_runs_a_fixed_number_of_queries(
    client, world, films, django_assert_num_queries
):
    grow(world, films)
    client.force_login(world.director)

    with django_assert_num_queries(6):  # session, user, film, bookings, resources+periods, …
        response = client.get(reverse("portal:film_bookings", kwargs={"film_id": world.film.pk}))

    assert response.status_code == 200
