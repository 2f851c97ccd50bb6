import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from films.models import MilestoneSubmission
from screenings.models import Screening, ScreeningFilm, Venue
from screenings.services import (
    screening_add_film,
    screening_create,
    screening_entry_remove,
    screening_entry_update,
    screening_publication_blockers,
    screening_update,
    venue_create,
    venue_update,
)
from tests.factories import (
    CohortFactory,
    FilmFactory,
    MilestoneFactory,
    ScreeningFactory,
    ScreeningFilmFactory,
    SubmissionFactory,
    VenueFactory,
)
from tests.factories.rights import LicenceFactory
from webhooks.models import Event, WebhookDelivery
from webhooks.services import endpoint_create

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    # These tests read the messages in English; the default language is Chinese.
    with translation.override("en"):
        yield


def film_with_unapproved_screening_milestone(**fields):
    film = FilmFactory(**fields)
    MilestoneFactory(cohort=film.cohort, order=3, gates_screening=True, name_en="Final cut")
    return film


def online_screening(**fields) -> Screening:
    return ScreeningFactory(
        kind=Screening.Kind.ONLINE, venue=None, platform_url="https://watch.example", **fields
    )


def screening_fields(**fields) -> dict:
    start = timezone.now() + datetime.timedelta(days=3)
    defaults = {
        "cohort": CohortFactory(),
        "slug": "premiere",
        "kind": Screening.Kind.PREMIERE,
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=2),
        "venue": VenueFactory(),
        "title_en": "Premiere",
    }
    return defaults | fields


def test_venue_create_and_update_save_the_fields():
    venue = venue_create(slug="hall", name_en="Hall", capacity=100)

    venue_update(venue=venue, capacity=120)

    assert Venue.objects.get(slug="hall").capacity == 120


def test_screening_create_saves_a_checked_screening():
    fields = screening_fields()

    screening = screening_create(**fields)

    assert list(Screening.objects.values_list("pk", "slug")) == [(screening.pk, "premiere")]


def test_screening_create_refuses_one_that_ends_before_it_starts():
    fields = screening_fields()
    fields["ends_at"] = fields["starts_at"] - datetime.timedelta(hours=1)

    with pytest.raises(ValidationError):
        screening_create(**fields)

    assert not Screening.objects.exists()


def test_screening_created_published_tells_the_subscribed_webhooks():
    endpoint_create(
        url="https://partner.example/hooks", events=[Event.SCREENING_PUBLISHED], created_by=None
    )

    screening = screening_create(**screening_fields(is_published=True))

    body = json.loads(WebhookDelivery.objects.get().body)
    assert body["data"]["screening"]["id"] == screening.pk
    assert body["data"]["screening"]["slug"] == "premiere"


def test_screening_update_refuses_publishing_while_a_film_is_blocked():
    screening = ScreeningFactory(is_published=False)
    film = film_with_unapproved_screening_milestone(cohort=screening.cohort, title_en="Rain")
    ScreeningFilmFactory(screening=screening, film=film)

    with pytest.raises(ValidationError) as error:
        screening_update(screening=screening, is_published=True)

    assert error.value.message_dict == {
        "is_published": ["Rain — The milestone “3. Final cut” is not approved yet."]
    }
    assert not Screening.objects.filter(is_published=True).exists()


def test_screening_update_publishes_once_the_milestones_are_approved_and_tells_webhooks_once():
    endpoint_create(
        url="https://partner.example/hooks", events=[Event.SCREENING_PUBLISHED], created_by=None
    )
    screening = ScreeningFactory(is_published=False)
    film = film_with_unapproved_screening_milestone(cohort=screening.cohort)
    SubmissionFactory(
        film=film,
        milestone=film.cohort.milestones.get(),
        status=MilestoneSubmission.Status.APPROVED,
    )
    ScreeningFilmFactory(screening=screening, film=film)

    screening_update(screening=screening, is_published=True)
    screening_update(screening=screening, title_en="Renamed")

    assert Screening.objects.get().is_published is True
    assert WebhookDelivery.objects.count() == 1


def test_screening_publication_blockers_lists_each_film_in_lineup_order():
    screening = ScreeningFactory()
    MilestoneFactory(cohort=screening.cohort, order=3, gates_screening=True, name_en="Final cut")
    second = FilmFactory(cohort=screening.cohort, title_en="B")
    first = FilmFactory(cohort=screening.cohort, title_en="A")
    ScreeningFilmFactory(screening=screening, film=second, order=2)
    ScreeningFilmFactory(screening=screening, film=first, order=1)

    blockers = screening_publication_blockers(screening)

    assert blockers == [
        "A — The milestone “3. Final cut” is not approved yet.",
        "B — The milestone “3. Final cut” is not approved yet.",
    ]


def test_screening_add_film_to_a_planned_screening_numbers_it_last():
    screening = ScreeningFactory(is_published=False)
    ScreeningFilmFactory(screening=screening, order=1)
    film = film_with_unapproved_screening_milestone(cohort=screening.cohort)

    entry = screening_add_film(screening=screening, film=film)

    assert (entry.film, entry.order) == (film, 2)


def test_screening_add_film_to_a_published_screening_refuses_a_blocked_film():
    screening = ScreeningFactory(is_published=True)
    film = film_with_unapproved_screening_milestone(cohort=screening.cohort)

    with pytest.raises(ValidationError) as error:
        screening_add_film(screening=screening, film=film)

    assert error.value.messages == ["The milestone “3. Final cut” is not approved yet."]
    assert not ScreeningFilm.objects.exists()


def test_screening_add_film_online_needs_a_streaming_licence_for_the_window():
    screening = online_screening()
    unlicensed = FilmFactory(cohort=screening.cohort)
    licensed = FilmFactory(cohort=screening.cohort)
    LicenceFactory(film=licensed)

    with pytest.raises(ValidationError):
        screening_add_film(screening=screening, film=unlicensed)
    screening_add_film(screening=screening, film=licensed)

    assert list(screening.entries.values_list("film", flat=True)) == [licensed.pk]


def test_screening_entry_update_refuses_an_online_window_past_the_licence():
    screening = online_screening()
    entry = ScreeningFilmFactory(screening=screening)
    licence = LicenceFactory(film=entry.film)
    beyond = timezone.make_aware(
        datetime.datetime.combine(licence.ends_on + datetime.timedelta(days=2), datetime.time(12))
    )

    with pytest.raises(ValidationError):
        screening_entry_update(entry=entry, available_until=beyond)

    entry.refresh_from_db()
    assert entry.available_until is None


def test_screening_entry_update_moves_the_film_in_the_lineup_and_remove_drops_it():
    entry = ScreeningFilmFactory(order=1)

    screening_entry_update(entry=entry, order=4)
    order = ScreeningFilm.objects.get().order
    screening_entry_remove(entry=entry)

    assert (order, ScreeningFilm.objects.count()) == (4, 0)
