"""The portal pages the benchmark loads run a fixed number of queries: a director's or a
mentor's workspace with one film and with many costs the same."""

import pytest
from django.urls import reverse

from tests.factories import FilmFactory, MilestoneFactory, SubmissionFactory
from tests.factories.portal import portal_world

pytestmark = pytest.mark.django_db

SIZES = pytest.mark.parametrize("extra_films", [0, 7], ids=["small", "large"])


def grow(world, extra_films: int) -> None:
    """More films for the producer, more milestones, more versions, comments-free."""
    milestones = [
        MilestoneFactory(cohort=world.cohort, deliverable_kind="video_link") for _ in range(3)
    ]
    films = [world.film] + [
        FilmFactory(cohort=world.cohort, producer=world.film.producer) for _ in range(extra_films)
    ]
    for film in films:
        for milestone in milestones:
            for version in (1, 2):
                SubmissionFactory(film=film, milestone=milestone, version=version)


def get(client, user, url, django_assert_num_queries, queries):
    client.force_login(user)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
    return response


@SIZES
def test_director_workspace_query_count_is_fixed(client, django_assert_num_queries, extra_films):
    world = portal_world()
    grow(world, extra_films)

    # and whether they graduated (the link to their alumni record)
    get(client, world.director, reverse("portal:home"), django_assert_num_queries, 5)


@SIZES
def test_producer_workspace_query_count_is_fixed(client, django_assert_num_queries, extra_films):
    world = portal_world()
    grow(world, extra_films)

    response = get(client, world.producer, reverse("portal:home"), django_assert_num_queries, 5)

    assert len(response.context["reviewed_films"]) == 1 + extra_films


@SIZES
def test_review_queue_query_count_is_fixed(client, django_assert_num_queries, extra_films):
    world = portal_world()
    grow(world, extra_films)

    response = get(client, world.producer, reverse("portal:reviews"), django_assert_num_queries, 3)

    # The latest version of each milestone waits, not every version.
    assert len(response.context["queue"]) == 1 + (1 + extra_films) * 3


@SIZES
def test_film_timeline_query_count_is_fixed(client, django_assert_num_queries, extra_films):
    world = portal_world()
    grow(world, extra_films)

    get(
        client,
        world.director,
        reverse("portal:film", kwargs={"film_id": world.film.pk}),
        django_assert_num_queries,
        7,  # 6, and one for the milestones' requirements (the pipeline's locks)
    )
