import datetime

import pytest
from django.utils import timezone

from rights.selectors import licence_conflicts, licence_state, licences_all
from screenings.selectors import online_entries_outside_licence
from tests.factories import FilmFactory, ScreeningFilmFactory
from tests.factories.rights import LicenceFactory, online_exhibition

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("starts", "ends", "state"),
    [(-10, 40, "active"), (-10, 30, "ending"), (-10, -1, "ended"), (1, 90, "upcoming")],
)
def test_licence_state_on_the_festivals_day(starts, ends, state):
    today = timezone.localdate()
    licence = LicenceFactory(starts_on=today + starts * DAY, ends_on=today + ends * DAY)

    assert licence_state(licence, today=today, warning_days=30) == state


def test_an_exclusive_licence_conflicts_with_an_overlapping_one_to_somebody_else():
    film = FilmFactory()
    exclusive = LicenceFactory(film=film, is_exclusive=True)
    rival = LicenceFactory(film=film, licensee="Tencent Video")
    LicenceFactory(film=film, licensee="Tencent Video", territory="Hong Kong")  # elsewhere
    LicenceFactory(film=film, licensee="CCTV-6", covers_streaming=False, covers_broadcast=True)
    LicenceFactory(film=FilmFactory(), licensee="Tencent Video")  # another film

    assert licence_conflicts(licences_all()) == [(exclusive, rival)]


def test_non_exclusive_or_successive_licences_do_not_conflict():
    film = FilmFactory()
    today = timezone.localdate()
    LicenceFactory(film=film)
    LicenceFactory(film=film, licensee="Tencent Video")  # both non-exclusive
    LicenceFactory(
        film=film,
        licensee="Bilibili",
        is_exclusive=True,
        starts_on=today + 61 * DAY,
        ends_on=today + 120 * DAY,
    )

    assert licence_conflicts(licences_all()) == []


def test_an_online_exhibition_outside_every_licence_is_found():
    covered = FilmFactory()
    online = online_exhibition(covered.cohort)
    LicenceFactory(film=covered)
    ScreeningFilmFactory(screening=online, film=covered)
    entry = ScreeningFilmFactory(screening=online, film=FilmFactory(cohort=covered.cohort), order=2)
    LicenceFactory(film=entry.film, ends_on=timezone.localdate() + 5 * DAY)  # ends too early

    assert online_entries_outside_licence(now=timezone.now()) == [entry]


def test_an_exhibition_that_is_over_is_no_longer_a_problem():
    film = FilmFactory()
    online = online_exhibition(film.cohort, days=-0.5)
    ScreeningFilmFactory(screening=online, film=film)

    assert online_entries_outside_licence(now=timezone.now()) == []
