"""core.pagination.HorizonPaginator: the count stops a fixed distance past the page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.pagination import HorizonPaginator
from films.models import Film
from tests.factories import CohortFactory, FilmFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def films():
    cohort = CohortFactory()
    for number in range(25):
        FilmFactory(cohort=cohort, title_en=f"Film {number:02d}")
    return Film.objects.order_by("title_en")


def test_count_is_exact_within_the_horizon(films):
    paginator = HorizonPaginator(films, 10, number=1, ahead=15)

    assert (paginator.count, paginator.is_capped, paginator.num_pages) == (25, False, 3)


def test_count_stops_at_the_horizon_and_says_so(films):
    paginator = HorizonPaginator(films, 10, number=1, ahead=5)
    page = paginator.get_page(1)

    assert (paginator.count, paginator.is_capped) == (15, True)
    assert page.has_next()
    assert page[0].title_en == "Film 00"


def test_a_deeper_page_looks_further(films):
    paginator = HorizonPaginator(films, 10, number=2, ahead=5)

    assert (paginator.count, paginator.is_capped) == (25, False)
    assert [film.title_en for film in paginator.get_page(2)][-1] == "Film 19"


@pytest.mark.parametrize("number", [None, "x", 0, -3])
def test_a_number_that_is_not_a_page_counts_as_page_one(films, number):
    assert HorizonPaginator(films, 10, number=number, ahead=5).horizon == 15


def test_the_count_reads_no_further_than_the_horizon(films):
    with CaptureQueriesContext(connection) as queries:
        count = HorizonPaginator(films, 10, number=1, ahead=5).count

    assert (count, len(queries)) == (15, 1)
    assert "LIMIT 16" in queries[0]["sql"]
