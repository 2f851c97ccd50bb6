"""Licence windows seen from the screenings: the online exhibition inside a streaming licence
and the public watch link following an active licence (rights.services' own unit tests are in
tests/rights/test_services.py)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from rights.models import Licence
from screenings.selectors import watch_windows
from screenings.services import screening_add_film, screening_entry_update
from tests.factories import FilmFactory, ScreeningFactory, ScreeningFilmFactory
from tests.factories.rights import LicenceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def online_screening(cohort, days=(1, 10)):
    today = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    return ScreeningFactory(
        cohort=cohort,
        kind="online",
        venue=None,
        platform_url="https://www.iqiyi.com/",
        platform_name_en="iQIYI",
        starts_at=today + datetime.timedelta(days=days[0]),
        ends_at=today + datetime.timedelta(days=days[1]),
    )


def test_film_without_a_streaming_licence_cannot_join_an_online_exhibition():
    film = FilmFactory(is_published=True)
    LicenceFactory(film=film, covers_streaming=False, covers_festival=True)

    with pytest.raises(ValidationError, match="No Streaming licence"):
        screening_add_film(screening=online_screening(film.cohort), film=film)


def test_film_with_a_licence_covering_the_window_joins():
    film = FilmFactory(is_published=True)
    LicenceFactory(film=film)

    entry = screening_add_film(screening=online_screening(film.cohort), film=film)

    assert entry.pk is not None


def test_window_reaching_past_the_licence_is_refused():
    film = FilmFactory(is_published=True)
    LicenceFactory(film=film, ends_on=timezone.localdate() + datetime.timedelta(days=5))
    entry = ScreeningFilmFactory(screening=online_screening(film.cohort, (1, 4)), film=film)

    with pytest.raises(ValidationError, match="No Streaming licence"):
        screening_entry_update(
            entry=entry, available_until=timezone.now() + datetime.timedelta(days=20)
        )


def test_premiere_needs_no_licence():
    film = FilmFactory(is_published=True)

    entry = screening_add_film(screening=ScreeningFactory(cohort=film.cohort), film=film)

    assert entry.pk is not None


def test_watch_link_follows_an_active_licence():
    film = FilmFactory(is_published=True)
    screening = online_screening(film.cohort, (-1, 10))
    entry = ScreeningFilmFactory(screening=screening, film=film)
    licence = LicenceFactory(film=film)

    licensed = watch_windows([entry], now=timezone.now())
    Licence.objects.filter(pk=licence.pk).update(
        ends_on=timezone.localdate() - datetime.timedelta(1)
    )
    lapsed = watch_windows([entry], now=timezone.now())

    assert [w.platform_name for w in licensed] == ["iQIYI"]
    assert lapsed == []
