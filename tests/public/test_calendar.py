"""The iCalendar feed and per-screening downloads: RFC 5545 with the festival's time zone."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tests.factories import ScreeningFactory, ScreeningFilmFactory
from tests.factories.festival import festival_build

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _calendar(response) -> Calendar:
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_feed_has_one_event_per_public_screening_with_a_vtimezone(client):
    festival = festival_build(size=2)
    ScreeningFactory(cohort=festival.cohort, is_published=False)

    calendar = _calendar(client.get(reverse("screenings:calendar")))

    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"] == "-//BJIFF TALENTS//Screenings//EN"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    assert len(calendar.walk("VEVENT")) == len(festival.screenings) + 2


def test_screening_download_is_one_event_in_shanghai_time(client):
    screening = festival_build(size=1).screening
    url = reverse(
        "screenings:ics", kwargs={"cohort": screening.cohort.slug, "slug": screening.slug}
    )

    response = client.get(url)

    [event] = _calendar(response).walk("VEVENT")
    assert response["Content-Disposition"] == (
        f'attachment; filename="{screening.cohort.slug}-{screening.slug}.ics"'
    )
    assert event["UID"] == f"screening-{screening.pk}@127.0.0.1"
    assert event.decoded("DTSTART") == screening.starts_at.astimezone(SHANGHAI).replace(
        microsecond=0
    )
    assert event["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert str(event["SUMMARY"]) == screening.title_en
    assert screening.venue.name_en in str(event["LOCATION"])
    assert f"http://testserver{screening.get_absolute_url()}" == str(event["URL"])
    assert isinstance(event.decoded("DTSTAMP"), datetime.datetime)


def test_screening_download_lists_its_films_in_the_description(client):
    festival = festival_build(size=1)
    url = reverse(
        "screenings:ics", kwargs={"cohort": festival.cohort.slug, "slug": festival.screening.slug}
    )

    [event] = _calendar(client.get(url)).walk("VEVENT")

    assert festival.film.title_en in str(event["DESCRIPTION"])


def test_calendar_lines_follow_rfc_5545_folding_and_line_endings(client):
    festival_build(size=3)

    body = client.get(reverse("screenings:calendar")).content

    lines = body.split(b"\r\n")
    assert body.endswith(b"\r\n")
    assert b"\n" not in body.replace(b"\r\n", b"")
    assert max(len(line) for line in lines) <= 75


def test_screening_download_of_unpublished_screening_is_404(client):
    screening = ScreeningFactory(is_published=False)
    url = reverse(
        "screenings:ics", kwargs={"cohort": screening.cohort.slug, "slug": screening.slug}
    )

    response = client.get(url)

    assert response.status_code == 404


def _archived_screenings(festival, count: int, *, days_ago: int = 400) -> None:
    """Screenings of past editions, each with a film, as a program's archive accumulates."""
    for _ in range(count):
        screening = ScreeningFactory(
            cohort=festival.cohort,
            starts_at=timezone.now() - datetime.timedelta(days=days_ago),
        )
        ScreeningFilmFactory(screening=screening, film=festival.film)


def _feed_events(client) -> tuple[int, list]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("screenings:calendar"))
    return len(queries), _calendar(response).walk("VEVENT")


def test_feed_holds_upcoming_and_last_year_screenings_not_the_whole_archive(client):
    festival = festival_build(size=1)
    recent, archived = (
        ScreeningFactory(
            cohort=festival.cohort, starts_at=timezone.now() - datetime.timedelta(days=days)
        )
        for days in (300, 400)
    )

    _queries, events = _feed_events(client)

    uids = {str(event["UID"]).split("@")[0] for event in events}
    assert {f"screening-{s.pk}" for s in [*festival.screenings, recent]} <= uids
    assert f"screening-{archived.pk}" not in uids


def test_feed_costs_the_same_with_a_ten_times_larger_archive(client):
    festival = festival_build(size=1)
    _archived_screenings(festival, 2)
    small_queries, small_events = _feed_events(client)

    _archived_screenings(festival, 20)
    large_queries, large_events = _feed_events(client)

    assert large_queries == small_queries
    assert len(large_events) == len(small_events)
