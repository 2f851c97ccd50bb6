"""Industry guests: accreditation, their own screener passes, expiry, views and who watched."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from guests.industry import accreditation_grant, accreditation_revoke, screener_set
from guests.models import ScreenerPass, ScreenerView
from tests.factories import FilmFactory, UserFactory
from tests.factories.guests import IndustryAccreditationFactory
from tests.factories.portal import director_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def accredit(cohort, user, days=10):
    return accreditation_grant(
        cohort=cohort,
        email=user.email,
        kind="platform",
        organisation="iQIYI",
        valid_until=timezone.localdate() + datetime.timedelta(days=days),
    )


def test_each_guest_gets_an_own_pass_per_film_with_a_screener():
    film = FilmFactory()
    FilmFactory(cohort=film.cohort)  # no screener: no pass
    screener_set(film=film, video_url="https://video.example/s/1", video_password="pw")
    guests = [UserFactory(), UserFactory()]

    for guest in guests:
        accredit(film.cohort, guest)

    passes = ScreenerPass.objects.all()
    assert passes.count() == 2
    assert len({p.code for p in passes}) == 2


def test_pass_lasts_until_the_end_of_the_day_in_beijing():
    film = FilmFactory()
    screener_set(film=film, video_url="https://video.example/s/1")

    accreditation = accredit(film.cohort, UserFactory(), days=3)

    expires = timezone.localtime(ScreenerPass.objects.get().expires_at)
    assert expires.date() == accreditation.valid_until + datetime.timedelta(days=1)
    assert (expires.hour, expires.minute) == (0, 0)


def test_accrediting_an_unknown_address_says_what_to_do():
    film = FilmFactory()

    with pytest.raises(ValidationError, match="No account"):
        accreditation_grant(
            cohort=film.cohort,
            email="nobody@example.org",
            kind="sales",
            organisation="X",
            valid_until=timezone.localdate(),
        )


def test_guest_sees_the_screener_and_the_view_is_recorded(client):
    film = FilmFactory()
    screener_set(film=film, video_url="https://video.example/s/1", video_password="sesame")
    guest = UserFactory()
    accredit(film.cohort, guest)
    client.force_login(guest)
    code = ScreenerPass.objects.get().code

    listing = client.get(reverse("guests_portal:industry"))
    page = client.get(reverse("guests_portal:screener", kwargs={"code": code}))

    assert code in listing.content.decode()
    assert "sesame" in page.content.decode()
    assert ScreenerView.objects.count() == 1


def test_expired_link_is_refused_with_its_time_and_not_recorded(client):
    film = FilmFactory()
    screener_set(film=film, video_url="https://video.example/s/1", video_password="sesame")
    guest = UserFactory()
    accredit(film.cohort, guest)
    ScreenerPass.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    client.force_login(guest)

    page = client.get(
        reverse("guests_portal:screener", kwargs={"code": ScreenerPass.objects.get().code})
    )

    assert page.status_code == 410
    assert "sesame" not in page.content.decode()
    assert ScreenerView.objects.count() == 0


def test_withdrawn_accreditation_closes_the_screener(client):
    film = FilmFactory()
    screener_set(film=film, video_url="https://video.example/s/1")
    guest = UserFactory()
    accreditation_revoke(accreditation=accredit(film.cohort, guest))
    client.force_login(guest)

    page = client.get(
        reverse("guests_portal:screener", kwargs={"code": ScreenerPass.objects.get().code})
    )

    assert page.status_code == 410


def test_another_persons_code_is_not_found(client):
    film = FilmFactory()
    screener_set(film=film, video_url="https://video.example/s/1")
    accredit(film.cohort, UserFactory())
    client.force_login(UserFactory())

    page = client.get(
        reverse("guests_portal:screener", kwargs={"code": ScreenerPass.objects.get().code})
    )

    assert page.status_code == 404


def test_director_sees_who_watched(client):
    film = FilmFactory()
    director = director_user(film)
    screener_set(film=film, video_url="https://video.example/s/1")
    guest = UserFactory(full_name="Bea Buyer")
    accredit(film.cohort, guest)
    screener_pass = ScreenerPass.objects.get()
    ScreenerView.objects.create(screener_pass=screener_pass)
    ScreenerView.objects.create(screener_pass=screener_pass)
    client.force_login(director)

    page = client.get(reverse("guests_portal:film_viewers", kwargs={"film_id": film.pk}))

    text = page.content.decode()
    assert "Bea Buyer" in text
    assert "iQIYI" in text


@pytest.mark.parametrize("films", [1, 6])
def test_industry_home_makes_a_fixed_number_of_queries(client, django_assert_num_queries, films):
    accreditation = IndustryAccreditationFactory()
    for _ in range(films):
        screener_set(film=FilmFactory(cohort=accreditation.cohort), video_url="https://v.example/")
    accredit(accreditation.cohort, accreditation.user)
    client.force_login(accreditation.user)

    # session, user (with the portal header's mentor and talent profiles), passes with their
    # films, the films to meet on a market day
    with django_assert_num_queries(4):
        response = client.get(reverse("guests_portal:industry"))

    assert response.content.decode().count("/portal/industry/screeners/") == films
