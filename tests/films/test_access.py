"""films/access.py one rule at a time: who sees which film and submission, who may change it,
and 404 (never 403) for everybody else. The permission matrix checks the pages; these check the
rules themselves, including the people the pages never let reach them (an anonymous visitor,
a director without an account)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from films import access
from films.models import Film
from mentors.models import PanelMembership
from tests.factories import FilmFactory, PanelMembershipFactory, portal_world
from tests.factories.portal import mentor_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return portal_world()


def pks(queryset) -> set[int]:
    return set(queryset.values_list("pk", flat=True))


def test_anonymous_visitors_see_and_review_no_film(world):
    anonymous = AnonymousUser()

    assert pks(access.films_for_user(anonymous)) == set()
    assert pks(access.films_reviewed_by(anonymous)) == set()
    assert pks(access.films_directed_by(anonymous)) == set()


def test_a_director_sees_and_changes_only_their_own_film(world):
    assert pks(access.films_for_user(world.director)) == {world.film.pk}
    assert pks(access.films_directed_by(world.director)) == {world.film.pk}
    assert pks(access.films_reviewed_by(world.director)) == set()
    assert access.get_film_for_director(world.director, world.film.pk) == world.film


def test_the_producer_sees_and_reviews_the_film_but_may_not_change_it(world):
    assert pks(access.films_for_user(world.producer)) == {world.film.pk}
    assert pks(access.films_reviewed_by(world.producer)) == {world.film.pk}
    assert pks(access.films_directed_by(world.producer)) == set()
    assert access.is_reviewer_of(world.producer, world.film)
    assert not access.is_director_of(world.producer, world.film)
    with pytest.raises(Http404):
        access.get_film_for_director(world.producer, world.film.pk)


def test_the_producer_does_not_review_the_neighbour_film_of_the_same_cohort(world):
    neighbour = Film.objects.get(director__user=world.same_cohort_director)

    assert not access.is_reviewer_of(world.producer, neighbour)
    assert access.is_reviewer_of(world.panel_member, neighbour)


def test_a_reviewing_panel_seat_sees_every_film_of_its_cohort_and_no_other(world):
    cohort_films = pks(world.film.cohort.films.all())

    assert pks(access.films_for_user(world.panel_member)) == cohort_films
    assert pks(access.films_reviewed_by(world.panel_member)) == cohort_films
    assert len(cohort_films) == 2


def test_a_panel_seat_whose_role_does_not_review_sees_nothing():
    film = FilmFactory()
    film.cohort.panel_curator_reviews = False
    film.cohort.save()
    profile, curator = mentor_user()
    PanelMembershipFactory(cohort=film.cohort, mentor=profile, role=PanelMembership.Role.CURATOR)

    assert pks(access.films_for_user(curator)) == set()
    assert not access.is_reviewer_of(curator, film)


def test_an_unrelated_mentor_gets_404_for_the_film_and_its_submission(world):
    with pytest.raises(Http404):
        access.get_film_for_user(world.unrelated_mentor, world.film.pk)
    with pytest.raises(Http404):
        access.get_submission_for_user(world.unrelated_mentor, world.submission.pk)
    with pytest.raises(Http404):
        access.get_submission_for_reviewer(world.unrelated_mentor, world.submission.pk)


def test_a_director_sees_their_submission_but_does_not_review_it(world):
    found = access.get_submission_for_user(world.director, world.submission.pk)

    assert found == world.submission
    with pytest.raises(Http404):
        access.get_submission_for_reviewer(world.director, world.submission.pk)
    assert access.get_submission_for_reviewer(world.producer, world.submission.pk) == found


def test_a_director_of_another_cohort_sees_neither_the_film_nor_its_submission(world):
    other = world.other_cohort_director

    with pytest.raises(Http404):
        access.get_film_for_user(other, world.film.pk)
    with pytest.raises(Http404):
        access.get_submission_for_user(other, world.submission.pk)


def test_a_film_whose_director_has_no_account_is_directed_by_nobody():
    film = FilmFactory()  # its director has no account
    anonymous = AnonymousUser()  # pk None, as the director's missing account

    assert film.director.user_id is None
    assert not access.is_director_of(anonymous, film)


def test_is_director_of_names_the_director_only(world):
    assert access.is_director_of(world.director, world.film)
    assert not access.is_director_of(world.same_cohort_director, world.film)


def test_lookups_bring_the_film_and_its_people_in_one_query(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        submission = access.get_submission_for_user(world.director, world.submission.pk)
        _ = (submission.film.cohort, submission.film.director.user, submission.milestone)
        _ = submission.film.producer.user
    with django_assert_num_queries(1):
        submission = access.get_submission_for_reviewer(world.producer, world.submission.pk)
        _ = (submission.film.cohort, submission.film.director.user, submission.milestone)
        _ = submission.film.producer.user
    with django_assert_num_queries(1):
        film = access.get_film_for_user(world.producer, world.film.pk)
        _ = (film.cohort, film.director, film.producer)
    with django_assert_num_queries(1):
        film = access.get_film_for_director(world.director, world.film.pk)
        _ = (film.cohort, film.director)
