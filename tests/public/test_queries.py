"""Every public page runs the same number of queries with one film or many: a page that grew a
query per film would pass a small test and fall over at festival size."""

import pytest
from django.urls import reverse

from tests.factories.festival import Festival, festival_build

pytestmark = pytest.mark.django_db

SIZES = pytest.mark.parametrize("size", [1, 8], ids=["small", "large"])


def _get(client, django_assert_num_queries, url: str, queries: int):
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
    return response


PAGES = {
    # the edition with films, the edition in training, films, panel, partners, upcoming
    # screenings
    "home": (lambda f: reverse("home"), 7),  # and the open call
    # cohorts for the filter, count, page
    "lineup": (lambda f: reverse("films:lineup"), 3),
    # and the ids of the films the words match (films.selectors.film_search_matches)
    "lineup-search": (
        lambda f: reverse("films:lineup") + f"?q=Film&cohort={f.cohort.slug}&genre=drama",
        4,
    ),
    # film, credits, stills, screening entries, streaming licences of those watchable now
    "film": (lambda f: f.film.get_absolute_url(), 5),
    # talent, enrolments, films, public alumni entries
    "director": (lambda f: f.film.director.get_absolute_url(), 4),
    # mentor, panel seats, produced films
    "mentor": (lambda f: f.film.producer.get_absolute_url(), 3),
    "panel-member": (lambda f: f.panel[0].mentor.get_absolute_url(), 3),
    "cohort-archive": (lambda f: reverse("programs:cohort_list"), 1),
    # cohort, directors, films, panel, partners, screenings
    "cohort": (lambda f: f.cohort.get_absolute_url(), 6),
    # screenings, their films
    "screenings": (lambda f: reverse("screenings:list"), 2),
    "screening": (lambda f: f.screening.get_absolute_url(), 2),
    "calendar": (lambda f: reverse("screenings:calendar"), 2),
    "screening-calendar": (
        lambda f: reverse(
            "screenings:ics", kwargs={"cohort": f.cohort.slug, "slug": f.screening.slug}
        ),
        2,
    ),
    # one per section: cohorts, films, directors, mentors, screenings
    "sitemap": (lambda f: "/sitemap.xml", 5),
}


@SIZES
@pytest.mark.parametrize("page", PAGES)
def test_page_query_count_is_the_same_for_small_and_large_data(
    client, django_assert_num_queries, size, page
):
    festival: Festival = festival_build(size=size)
    url, queries = PAGES[page]

    _get(client, django_assert_num_queries, url(festival), queries)


@SIZES
def test_lineup_shows_every_film_of_a_large_festival_in_its_query_budget(
    client, django_assert_num_queries, size
):
    festival_build(size=size)

    response = _get(client, django_assert_num_queries, reverse("films:lineup"), 3)

    assert len(response.context["page"].object_list) == size
    assert response.text.count('class="film-card"') == size
