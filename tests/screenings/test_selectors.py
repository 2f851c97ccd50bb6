"""screenings.selectors: published screenings of public cohorts, each with only its public films,
and the online windows open now."""

import datetime

import pytest
from django.utils import timezone

from programs.models import Cohort
from screenings.models import Screening
from screenings.selectors import entries_for_film, screening_public_get, watch_windows
from tests.factories import CohortFactory, FilmFactory, ScreeningFactory, ScreeningFilmFactory
from tests.factories.rights import LicenceFactory

pytestmark = pytest.mark.django_db


def test_screening_public_get_shows_only_its_public_films():
    cohort = CohortFactory(status=Cohort.Status.PREMIERED)
    screening = ScreeningFactory(cohort=cohort)
    shown = ScreeningFilmFactory(screening=screening, film=FilmFactory(cohort=cohort))
    ScreeningFilmFactory(screening=screening, film=FilmFactory(cohort=cohort, is_published=False))

    found = screening_public_get(cohort_slug=cohort.slug, slug=screening.slug)

    assert found.public_entries == [shown]


def test_screening_public_get_is_none_for_an_unpublished_screening():
    screening = ScreeningFactory(
        cohort=CohortFactory(status=Cohort.Status.PREMIERED), is_published=False
    )

    assert screening_public_get(cohort_slug=screening.cohort.slug, slug=screening.slug) is None


def test_watch_windows_only_while_the_online_screening_runs():
    cohort = CohortFactory(status=Cohort.Status.PREMIERED)
    film = FilmFactory(cohort=cohort)
    now = timezone.now()
    online = ScreeningFactory(
        cohort=cohort,
        kind=Screening.Kind.ONLINE,
        venue=None,
        platform_name_en="iQIYI",
        platform_url="https://v.example.org/talents",
        starts_at=now - datetime.timedelta(days=1),
        ends_at=now + datetime.timedelta(days=30),
    )
    ScreeningFilmFactory(screening=online, film=film)
    LicenceFactory(film=film)  # the window follows an active streaming licence (rights)
    entries = list(entries_for_film(film))

    open_now = watch_windows(entries, now=now)
    after = watch_windows(entries, now=now + datetime.timedelta(days=31))

    assert [(w.url, w.until) for w in open_now] == [(online.platform_url, online.ends_at)]
    assert after == []
