import pytest

from alumni.models import AlumniEntry, EntryKind
from alumni.selectors import alumni_of_cohort, entries_public_for_talent, outcomes_by_edition
from programs.models import Cohort
from screenings.models import Screening
from tests.factories import CohortFactory, FilmFactory, ScreeningFactory, ScreeningFilmFactory
from tests.factories.alumni import AlumniEntryFactory, graduate
from tests.factories.rights import LicenceFactory, online_exhibition

pytestmark = pytest.mark.django_db


def alumni_films(cohort: Cohort, count: int) -> list:
    films = [FilmFactory(cohort=cohort, is_published=True) for _ in range(count)]
    for film in films:
        graduate(film)
    return films


def test_only_approved_and_consented_entries_are_public():
    film = alumni_films(CohortFactory(status=Cohort.Status.PREMIERED), 1)[0]
    shown = AlumniEntryFactory(film=film)
    AlumniEntryFactory(film=film, status=AlumniEntry.Status.PROPOSED)
    AlumniEntryFactory(film=film, status=AlumniEntry.Status.DECLINED)
    AlumniEntryFactory(film=film, publish=False)

    assert list(entries_public_for_talent(film.director)) == [shown]


@pytest.mark.parametrize("size", [1, 3])
def test_alumni_of_an_edition_in_three_queries(size, django_assert_num_queries):
    cohort = CohortFactory(status=Cohort.Status.PREMIERED)
    for film in alumni_films(cohort, size):
        AlumniEntryFactory(film=film)
        AlumniEntryFactory(film=film, status=AlumniEntry.Status.PROPOSED)
    FilmFactory(cohort=cohort)  # still enrolled, not an alumnus

    with django_assert_num_queries(3):
        alumni = alumni_of_cohort(cohort)

    assert len(alumni) == size
    assert [len(e.talent.public_entries) for e in alumni] == [1] * size
    assert [len(e.talent.public_films) for e in alumni] == [1] * size


def test_outcomes_count_each_edition_apart():
    cohort = CohortFactory()
    films = alumni_films(cohort, 2)
    films[0].stage = films[0].Stage.COMPLETED
    films[0].save()
    premiere = ScreeningFactory(cohort=cohort, kind=Screening.Kind.PREMIERE)
    for film in films:
        ScreeningFilmFactory(screening=premiere, film=film)
    AlumniEntryFactory(film=films[0], online_views=1200, kind=EntryKind.DISTRIBUTION)
    AlumniEntryFactory(film=films[1], online_views=300, kind=EntryKind.DISTRIBUTION)
    AlumniEntryFactory(film=films[1], kind=EntryKind.AWARD, award_en="Best Short")
    AlumniEntryFactory(film=films[1], status=AlumniEntry.Status.PROPOSED)  # not yet counted
    AlumniEntryFactory(film=films[0], publish=False)  # counted: the counts name nobody
    other = CohortFactory()
    alumni_films(other, 1)

    rows = {row.cohort: row for row in outcomes_by_edition()}

    row = rows[cohort]
    assert (row.directors, row.alumni, row.films_completed, row.premiered) == (2, 2, 1, 2)
    assert (row.selections, row.awards, row.releases, row.online_views) == (1, 1, 2, 1500)
    assert (rows[other].premiered, rows[other].selections, rows[other].online_views) == (0, 0, None)


def test_online_exhibitions_count_as_shown_online():
    film = alumni_films(CohortFactory(), 1)[0]
    LicenceFactory(film=film)
    online = online_exhibition(film.cohort)
    ScreeningFilmFactory(screening=online, film=film)

    (row,) = outcomes_by_edition()

    assert (row.shown_online, row.premiered) == (1, 0)


@pytest.mark.parametrize("size", [1, 4])
def test_outcomes_of_every_edition_in_six_queries(size, django_assert_num_queries):
    for _ in range(size):
        AlumniEntryFactory(film=alumni_films(CohortFactory(), 1)[0], online_views=5)

    with django_assert_num_queries(6):
        rows = outcomes_by_edition()

    assert len(rows) == size
