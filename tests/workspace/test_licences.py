import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from rights.models import Licence
from tests.factories import FilmFactory, ScreeningFilmFactory
from tests.factories.rights import LicenceFactory, online_exhibition

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def licence_post(film, **fields) -> dict:
    today = timezone.localdate()
    return {
        "film": film.pk,
        "licensor": "Director",
        "licensee": "iQIYI",
        "territory": "Mainland China",
        "starts_on": today.isoformat(),
        "ends_on": (today + 90 * DAY).isoformat(),
        "covers_streaming": "on",
        **fields,
    }


def test_staff_add_a_licence_to_a_film(staff_client):
    film = FilmFactory()

    response = staff_client.post(reverse("workspace:licence_create"), licence_post(film))

    assert response.status_code == 302
    assert film.licences.get().licensee == "iQIYI"


def test_a_licence_ending_before_it_starts_is_refused_and_nothing_saved(staff_client):
    film = FilmFactory()
    today = timezone.localdate()
    data = licence_post(film, ends_on=(today - DAY).isoformat())

    response = staff_client.post(reverse("workspace:licence_create"), data)

    assert response.status_code == 400
    assert "A licence cannot end before it starts." in response.text
    assert Licence.objects.count() == 0


def test_a_licence_covering_nothing_is_refused(staff_client):
    data = licence_post(FilmFactory())
    del data["covers_streaming"]

    response = staff_client.post(reverse("workspace:licence_create"), data)

    assert response.status_code == 400
    assert "A licence covers at least one of streaming, festival, broadcast." in response.text


def test_the_new_licence_form_starts_with_the_film_it_was_opened_from(staff_client):
    film = FilmFactory()

    response = staff_client.get(reverse("workspace:licence_create") + f"?film={film.pk}")

    assert response.context["form"]["film"].value() == film.pk


def test_shortening_a_licence_under_an_exhibition_saves_and_warns(staff_client):
    film = FilmFactory(title_en="Lausanne")
    licence = LicenceFactory(film=film)
    online = online_exhibition(film.cohort, title_en="Online Exhibition")
    ScreeningFilmFactory(screening=online, film=film)
    short = (timezone.localdate() + 3 * DAY).isoformat()
    data = licence_post(film, starts_on=licence.starts_on.isoformat(), ends_on=short)

    response = staff_client.post(
        reverse("workspace:licence_edit", kwargs={"licence_id": licence.pk}), data, follow=True
    )

    licence.refresh_from_db()
    assert licence.ends_on.isoformat() == short
    assert "No licence covers Lausanne in Online Exhibition any more." in response.text


def test_the_list_shows_states_conflicts_endings_and_uncovered_exhibitions(staff_client):
    today = timezone.localdate()
    film = FilmFactory(title_en="The Cage")
    LicenceFactory(film=film, is_exclusive=True, ends_on=today + 20 * DAY)
    LicenceFactory(film=film, licensee="Tencent Video")
    bare = FilmFactory(title_en="Angle", cohort=film.cohort)
    ScreeningFilmFactory(screening=online_exhibition(film.cohort, title_en="On iQIYI"), film=bare)

    response = staff_client.get(reverse("workspace:licences"))

    assert [lic.state for lic in response.context["licences"]] == ["ending", "active"]
    assert len(response.context["conflicts"]) == 1
    assert "The Cage: the licences to iQIYI and to Tencent Video overlap" in response.text
    assert "No streaming licence covers Angle in On iQIYI." in response.text
    assert "Ending within 30 days" in response.text


@pytest.mark.parametrize("size", [1, 3])
def test_the_list_runs_a_fixed_number_of_queries(staff_client, django_assert_num_queries, size):
    for _ in range(size):
        film = FilmFactory()
        LicenceFactory(film=film)
        ScreeningFilmFactory(screening=online_exhibition(film.cohort), film=film)
    staff_client.get(reverse("workspace:licences"))  # the session and the user, once

    # session, user with the nav's director and mentor profiles, licences, online entries,
    # their licences
    with django_assert_num_queries(5):
        response = staff_client.get(reverse("workspace:licences"))

    assert len(response.context["licences"]) == size


def test_the_film_page_lists_its_licences(staff_client):
    licence = LicenceFactory(licensee="iQIYI Pictures")

    response = staff_client.get(reverse("workspace:film", kwargs={"film_id": licence.film_id}))

    assert reverse("workspace:licence_edit", kwargs={"licence_id": licence.pk}) in response.text
    assert "iQIYI Pictures" in response.text
