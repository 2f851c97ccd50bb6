import pytest
from django.urls import reverse

from screenings.models import Screening, ScreeningFilm
from tests.factories import CohortFactory, ScreeningFilmFactory, VenueFactory

pytestmark = pytest.mark.django_db


def screening_form(**overrides) -> dict:
    data = {
        "slug": "online",
        "kind": "online",
        "title_en": "Online exhibition",
        "starts_at": "2032-09-26T10:00",
        "ends_at": "2032-10-31T23:00",
        "platform_name_en": "iQIYI",
        "platform_url": "https://www.iqiyi.com/",
        "is_published": "on",
    }
    return {**data, **overrides}


def test_screening_create_plans_an_online_exhibition(staff_client):
    cohort = CohortFactory()

    response = staff_client.post(
        reverse("workspace:screening_create", args=[cohort.slug]), screening_form()
    )

    screening = Screening.objects.get(cohort=cohort)
    assert response["Location"] == reverse("workspace:screening", args=[screening.pk])
    assert (screening.kind, screening.platform_url) == ("online", "https://www.iqiyi.com/")


def test_screening_create_premiere_needs_a_venue(staff_client):
    cohort = CohortFactory()

    response = staff_client.post(
        reverse("workspace:screening_create", args=[cohort.slug]),
        screening_form(kind="premiere", platform_url=""),
    )

    assert response.status_code == 400
    assert "An in-person screening needs a venue." in response.content.decode()
    assert not Screening.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"ends_at": "2032-09-01T10:00"}, "A screening must end after it starts."),
        ({"starts_at": "tomorrow"}, "Enter a valid date/time."),
        ({"title_en": ""}, "Give a title in at least one language."),
        ({"platform_url": "not a link"}, "Enter a valid URL."),
    ],
)
def test_screening_create_answers_bad_input(staff_client, overrides, message):
    cohort = CohortFactory()

    response = staff_client.post(
        reverse("workspace:screening_create", args=[cohort.slug]), screening_form(**overrides)
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Screening.objects.exists()


def test_screening_create_refuses_a_slug_taken_in_the_cohort(staff_client):
    entry = ScreeningFilmFactory()
    cohort = entry.screening.cohort

    response = staff_client.post(
        reverse("workspace:screening_create", args=[cohort.slug]),
        screening_form(slug=entry.screening.slug, kind="premiere", venue=VenueFactory().pk),
    )

    assert response.status_code == 400
    assert "This cohort already has a screening with this slug." in response.content.decode()


def test_screening_entry_sets_order_and_online_window(staff_client):
    entry = ScreeningFilmFactory()

    staff_client.post(
        reverse("workspace:screening_entry", args=[entry.pk]),
        {"order": "3", "available_from": "2032-09-26T10:00", "available_until": "2032-10-01T10:00"},
    )

    entry.refresh_from_db()
    assert entry.order == 3
    assert entry.available_until > entry.available_from


def test_screening_entry_refuses_a_window_that_ends_first(staff_client):
    entry = ScreeningFilmFactory()

    response = staff_client.post(
        reverse("workspace:screening_entry", args=[entry.pk]),
        {"order": "1", "available_from": "2032-10-01T10:00", "available_until": "2032-09-01T10:00"},
    )

    entry.refresh_from_db()
    assert response.status_code == 400
    assert entry.available_from is None


def test_screening_entry_remove_takes_the_film_out(staff_client):
    entry = ScreeningFilmFactory()

    staff_client.post(reverse("workspace:screening_entry_remove", args=[entry.pk]))

    assert not ScreeningFilm.objects.exists()


def test_screening_page_lists_the_lineup_in_order(staff_client):
    second = ScreeningFilmFactory(order=2)
    first = ScreeningFilmFactory(
        screening=second.screening, order=1, film__cohort=second.screening.cohort
    )

    response = staff_client.get(reverse("workspace:screening", args=[second.screening.pk]))

    assert response.context["entries"] == [first, second]
