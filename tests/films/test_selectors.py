"""films.selectors: what the public may see of films, and who produced what."""

import pytest

from films.selectors import (
    LineupFilter,
    films_for_director,
    films_for_producer,
    films_public,
    lineup_films,
    mentors_public,
)
from programs.models import Cohort
from talents.models import Enrollment
from tests.factories import CohortFactory, FilmFactory, MentorFactory

pytestmark = pytest.mark.django_db


def test_films_public_leaves_out_unpublished_planning_and_withdrawn():
    public = FilmFactory(cohort=CohortFactory(status=Cohort.Status.PREMIERED))
    FilmFactory(cohort=public.cohort, is_published=False)
    FilmFactory(cohort=CohortFactory(status=Cohort.Status.PLANNING))
    withdrawn = FilmFactory(cohort=public.cohort)
    withdrawn.director.enrollments.update(status=Enrollment.Status.WITHDRAWN)

    assert list(films_public()) == [public]


def test_films_for_director_and_producer_are_their_public_films_only():
    producer = MentorFactory()
    film = FilmFactory(cohort=CohortFactory(status=Cohort.Status.PREMIERED), producer=producer)
    FilmFactory(
        cohort=film.cohort,
        director=film.director,
        producer=producer,
        is_published=False,
        enrolled=False,
    )

    assert list(films_for_director(film.director)) == [film]
    assert list(films_for_producer(producer)) == [film]
    assert list(mentors_public()) == [producer]


def test_lineup_films_finds_a_chinese_title_by_two_characters():
    cohort = CohortFactory(status=Cohort.Status.PREMIERED)
    cage = FilmFactory(cohort=cohort, title_zh="笼中", title_en="The Cage")
    FilmFactory(cohort=cohort, title_zh="洛桑", title_en="Lausanne")

    found = lineup_films(LineupFilter(query="笼中"))

    assert list(found) == [cage]
