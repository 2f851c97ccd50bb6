import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import translation

from screenings.models import Screening
from screenings.services import screening_add_film, screening_create
from tests.factories import CohortFactory, FilmFactory, ScreeningFactory, VenueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    # These tests read the messages in English; the default language is Chinese.
    with translation.override("en"):
        yield


START = datetime.datetime(2021, 9, 25, 19, 0, tzinfo=datetime.UTC)


def test_screening_ending_before_it_starts_is_refused():
    cohort = CohortFactory()

    with pytest.raises(ValidationError) as error:
        screening_create(
            cohort=cohort,
            slug="premiere",
            kind=Screening.Kind.PREMIERE,
            starts_at=START,
            ends_at=START - datetime.timedelta(hours=1),
            title_en="Premiere",
            venue=VenueFactory(),
        )

    assert error.value.message_dict["ends_at"] == ["A screening must end after it starts."]


def test_online_screening_without_url_is_refused():
    cohort = CohortFactory()

    with pytest.raises(ValidationError) as error:
        screening_create(
            cohort=cohort,
            slug="online",
            kind=Screening.Kind.ONLINE,
            starts_at=START,
            ends_at=START + datetime.timedelta(days=30),
            title_en="Online",
        )

    assert error.value.message_dict["platform_url"] == [
        "An online screening needs the platform's link."
    ]


def test_in_person_screening_without_venue_is_refused():
    cohort = CohortFactory()

    with pytest.raises(ValidationError) as error:
        screening_create(
            cohort=cohort,
            slug="premiere",
            kind=Screening.Kind.PREMIERE,
            starts_at=START,
            ends_at=START + datetime.timedelta(hours=2),
            title_en="Premiere",
        )

    assert error.value.message_dict["venue"] == ["An in-person screening needs a venue."]


def test_screening_place_rule_holds_in_the_database_too():
    screening = ScreeningFactory()

    with pytest.raises(IntegrityError):
        Screening.objects.filter(pk=screening.pk).update(venue=None)


def test_screening_slug_is_unique_within_its_cohort():
    screening = ScreeningFactory(slug="premiere")

    with pytest.raises(ValidationError):
        screening_create(
            cohort=screening.cohort,
            slug="premiere",
            kind=Screening.Kind.PREMIERE,
            starts_at=START,
            ends_at=START + datetime.timedelta(hours=2),
            title_en="Again",
            venue=VenueFactory(),
        )


def test_screening_takes_only_films_of_its_cohort():
    screening = ScreeningFactory()
    other_film = FilmFactory()

    with pytest.raises(ValidationError) as error:
        screening_add_film(screening=screening, film=other_film)

    assert error.value.message_dict["film"] == ["The film belongs to another cohort."]


def test_screening_films_keep_their_order():
    screening = ScreeningFactory()
    first, second = FilmFactory.create_batch(2, cohort=screening.cohort)

    screening_add_film(screening=screening, film=second)
    screening_add_film(screening=screening, film=first)

    assert list(screening.entries.values_list("film", flat=True)) == [second.pk, first.pk]
