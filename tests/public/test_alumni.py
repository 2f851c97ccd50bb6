import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from alumni.models import AlumniEntry
from alumni.services import alumni_entry_consent_set
from programs.models import Cohort
from tests.factories import CohortFactory, FilmFactory
from tests.factories.alumni import AlumniEntryFactory, graduate

pytestmark = pytest.mark.django_db


def alumni_film(cohort=None, **fields):
    cohort = cohort or CohortFactory(status=Cohort.Status.PREMIERED)
    film = FilmFactory(cohort=cohort, is_published=True, **fields)
    graduate(film)
    return film


def test_the_alumni_page_shows_approved_consented_entries_only(client):
    film = alumni_film()
    AlumniEntryFactory(film=film, festival_en="Clermont-Ferrand")
    AlumniEntryFactory(film=film, festival_en="Waiting Fest", status=AlumniEntry.Status.PROPOSED)
    AlumniEntryFactory(film=film, festival_en="Private Fest", publish=False)

    response = client.get(reverse("programs:cohort_alumni", kwargs={"slug": film.cohort.slug}))

    assert "Clermont-Ferrand" in response.text
    assert "Waiting Fest" not in response.text
    assert "Private Fest" not in response.text
    assert film.director.display_name in response.text


def test_the_alumni_page_shows_no_unconsented_personal_data(client):
    film = alumni_film()
    director = film.director
    director.hometown_en, director.email, director.birth_year = "Harbin", "d@example.org", 1995
    director.save()

    response = client.get(reverse("programs:cohort_alumni", kwargs={"slug": film.cohort.slug}))

    assert "Harbin" not in response.text
    assert "d@example.org" not in response.text
    assert "1995" not in response.text


def test_the_alumni_page_speaks_chinese(client):
    film = alumni_film()
    AlumniEntryFactory(film=film, festival_zh="平遥国际电影展")

    with translation.override("zh-hans"):
        url = reverse("programs:cohort_alumni", kwargs={"slug": film.cohort.slug})
    response = client.get(url)

    assert "校友" in response.text
    assert "平遥国际电影展" in response.text
    assert "电影节入选" in response.text


def test_an_edition_in_planning_has_no_public_alumni_page(client):
    cohort = CohortFactory(status=Cohort.Status.PLANNING)

    response = client.get(reverse("programs:cohort_alumni", kwargs={"slug": cohort.slug}))

    assert response.status_code == 404


def test_the_director_page_shows_their_public_entries(client):
    film = alumni_film()
    AlumniEntryFactory(film=film, festival_en="Busan", kind="award", award_en="Sonje Award")
    AlumniEntryFactory(film=film, festival_en="Hidden", publish=False)

    response = client.get(film.director.get_absolute_url())

    assert "Sonje Award" in response.text
    assert "Hidden" not in response.text


def test_the_cohort_page_links_to_its_alumni(client):
    film = alumni_film()

    response = client.get(film.cohort.get_absolute_url())

    assert reverse("programs:cohort_alumni", kwargs={"slug": film.cohort.slug}) in response.text


def test_consenting_to_an_entry_refreshes_the_cached_alumni_page(
    client, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    cache.clear()
    film = alumni_film()
    entry = AlumniEntryFactory(film=film, festival_en="Later Fest", publish=False)
    url = reverse("programs:cohort_alumni", kwargs={"slug": film.cohort.slug})
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        alumni_entry_consent_set(entry=entry, publish=True)

    assert "Later Fest" in client.get(url).text


@pytest.mark.parametrize("size", [1, 4])
def test_the_alumni_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries, size):
    cohort = CohortFactory(status=Cohort.Status.PREMIERED)
    for _ in range(size):
        AlumniEntryFactory(film=alumni_film(cohort))

    # cohort, graduates, their public entries, their public films
    with django_assert_num_queries(4):
        response = client.get(reverse("programs:cohort_alumni", kwargs={"slug": cohort.slug}))

    assert response.text.count('class="alumni-card"') == size
