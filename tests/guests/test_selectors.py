"""Reads of guests.selectors: a registration found by its secret, the waiting order, the staff
counts, a guest's screener passes and who watched, the market agenda and its free slots."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from guests.industry import screener_set, screener_view_record
from guests.market import meeting_accept, meeting_request
from guests.models import Category, IndustryAccreditation, Registration
from guests.selectors import (
    arrivals_count,
    category_counts,
    free_slots,
    industry_passes,
    meetable_films,
    person_meetings,
    registration_by_secret,
    screener_pass_for,
    screener_viewers,
    waiting_position,
)
from tests.factories import FilmFactory, RegistrationFactory, ScreeningFactory, UserFactory
from tests.factories.guests import IndustryAccreditationFactory
from tests.guests.conftest import market_world

pytestmark = pytest.mark.django_db
Status = Registration.Status


def test_a_registration_is_found_by_its_whole_secret_only():
    registration = RegistrationFactory()

    assert registration_by_secret(registration.link_secret) == registration
    assert registration_by_secret(registration.link_secret[:-1]) is None
    assert registration_by_secret("") is None
    assert registration_by_secret("x" * 65) is None


def test_waiting_position_counts_who_waited_longer():
    screening = ScreeningFactory()
    now = timezone.now()
    first, second, third = (
        RegistrationFactory(
            screening=screening,
            status=Status.WAITING,
            waiting_since=now + datetime.timedelta(minutes=m),
        )
        for m in (0, 1, 2)
    )
    RegistrationFactory(screening=ScreeningFactory(), status=Status.WAITING, waiting_since=now)

    assert [waiting_position(r) for r in (first, second, third)] == [1, 2, 3]


def test_category_counts_list_every_category_with_its_statuses_and_arrivals_are_counted():
    screening = ScreeningFactory()
    RegistrationFactory(screening=screening, checked_in_at=timezone.now())
    RegistrationFactory(screening=screening)
    RegistrationFactory(
        screening=screening,
        category=Category.PRESS,
        organisation="Daily",
        status=Status.WAITING,
        waiting_since=timezone.now(),
    )

    counts = category_counts(screening)

    assert counts[Category.PUBLIC] == {Status.CONFIRMED: 2}
    assert counts[Category.PRESS] == {Status.WAITING: 1}
    assert set(counts) == set(Category.values)
    assert arrivals_count(screening) == 1


def test_a_guest_sees_passes_of_active_accreditations_only_and_their_own_codes():
    film = FilmFactory()
    guest, other = UserFactory(), UserFactory()
    accreditation = IndustryAccreditationFactory(cohort=film.cohort, user=guest)
    IndustryAccreditationFactory(cohort=film.cohort, user=other)
    screener_set(film=film, video_url="https://video.example.com/s/1")
    own_pass = accreditation.passes.get()

    assert industry_passes(guest) == [own_pass]
    assert screener_pass_for(guest, own_pass.code) == own_pass
    assert screener_pass_for(other, own_pass.code) is None
    assert industry_passes(AnonymousUser()) == []
    IndustryAccreditation.objects.filter(pk=accreditation.pk).update(is_active=False)
    assert industry_passes(guest) == []


def test_screener_viewers_count_each_guests_views_and_leave_out_who_never_watched():
    film = FilmFactory()
    watcher = IndustryAccreditationFactory(cohort=film.cohort, organisation="Sales Co")
    IndustryAccreditationFactory(cohort=film.cohort, organisation="Idle Co")
    screener_set(film=film, video_url="https://video.example.com/s/2")
    screener_pass = watcher.passes.get()
    screener_view_record(screener_pass=screener_pass)
    screener_view_record(screener_pass=screener_pass)

    viewers = screener_viewers(film)

    assert [(v["accreditation__organisation"], v["view_count"]) for v in viewers] == [
        ("Sales Co", 2)
    ]


def test_free_slots_leave_out_a_persons_held_time_and_the_agenda_puts_live_meetings_first():
    market = market_world()
    meeting = meeting_request(
        accreditation=market.accreditation,
        film=market.film,
        market_day=market.day,
        starts_at=market.slot(1),
    )
    meeting_accept(meeting=meeting, decided_by=market.director)

    guest_slots = free_slots(market.day, [market.guest])
    someone_elses = free_slots(market.day, [UserFactory()])

    assert guest_slots == [market.slot(0), market.slot(2), market.slot(3)]
    assert someone_elses == market.day.slots()
    assert person_meetings(market.guest) == [meeting]
    assert person_meetings(market.director) == [meeting]
    assert person_meetings(UserFactory()) == []


def test_meetable_films_are_of_editions_the_guest_is_accredited_for_with_an_open_market_day():
    market = market_world()
    FilmFactory()  # another edition

    assert meetable_films(market.guest) == [market.film]
    market.day.requests_open = False
    market.day.save()
    assert meetable_films(market.guest) == []
    assert meetable_films(AnonymousUser()) == []
