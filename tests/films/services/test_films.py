import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from films.models import Credit, Film, Still
from films.services.films import (
    credit_add,
    credits_replace,
    film_create,
    film_publish,
    film_unpublish,
    film_update,
    still_add,
)
from tests.factories import CreditFactory, EnrollmentFactory, FilmFactory, TalentFactory
from tests.factories.portal import image_bytes
from webhooks.models import Event, WebhookDelivery
from webhooks.services import endpoint_create

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    # These tests read the messages in English; the default language is Chinese.
    with translation.override("en"):
        yield


def subscribed(*events):
    endpoint_create(url="https://partner.example/hooks", events=list(events), created_by=None)


def events_told() -> list[str]:
    return [json.loads(d.body)["event"] for d in WebhookDelivery.objects.order_by("id")]


def publishable_film(**fields) -> Film:
    return FilmFactory(
        is_published=False,
        poster="posters/p.jpg",
        poster_alt_zh="海报",
        poster_alt_en="Poster",
        **fields,
    )


def test_film_create_saves_the_film_of_an_enrolled_director():
    enrollment = EnrollmentFactory()

    film = film_create(
        cohort=enrollment.cohort, director=enrollment.talent, slug="rain", title_en="Rain"
    )

    assert list(Film.objects.values_list("slug", "director")) == [("rain", enrollment.talent.pk)]
    assert film.producer is None


def test_film_update_of_a_published_film_tells_the_webhooks_and_of_an_unpublished_one_not():
    subscribed(Event.FILM_CHANGED)
    published, draft = FilmFactory(is_published=True), FilmFactory(is_published=False)

    film_update(film=published, logline_en="New.")
    film_update(film=draft, logline_en="New.")

    assert events_told() == ["film.changed"]
    assert Film.objects.filter(logline_en="New.").count() == 2


def test_film_publish_refuses_while_something_is_missing_and_says_what():
    film = FilmFactory(is_published=False, poster="", logline_zh="", logline_en="")

    with pytest.raises(ValidationError) as error:
        film_publish(film=film)

    assert error.value.messages == [
        "Add a logline.",
        "Add a poster.",
        "Describe the poster in Chinese (alt text).",
        "Describe the poster in English (alt text).",
    ]
    assert Film.objects.get().is_published is False


def test_film_publish_stamps_the_first_publication_and_tells_the_webhooks_once():
    subscribed(Event.FILM_PUBLISHED)
    film = publishable_film()

    film_publish(film=film)
    first = Film.objects.get().published_at
    film_publish(film=film)

    film.refresh_from_db()
    assert (film.is_published, film.published_at) == (True, first)
    assert events_told() == ["film.published"]


def test_film_unpublish_takes_the_film_off_the_site():
    film = FilmFactory(is_published=True)

    film_unpublish(film=film)

    assert Film.objects.get().is_published is False


def test_credit_add_saves_a_credit_and_refuses_an_unknown_role():
    film = FilmFactory()

    credit_add(film=film, role=Credit.Role.CINEMATOGRAPHER, name_latin="Lee", order=2)
    with pytest.raises(ValidationError):
        credit_add(film=film, role="caterer", name_latin="Sam")

    assert list(film.credits.values_list("role", "name_latin", "order")) == [
        (Credit.Role.CINEMATOGRAPHER, "Lee", 2)
    ]


def test_credits_replace_keeps_updates_adds_and_removes():
    film = FilmFactory()
    kept = CreditFactory(film=film, name_latin="Kept")
    CreditFactory(film=film, name_latin="Removed")

    credits_replace(
        film=film,
        credits=[
            {"id": kept.pk, "role": Credit.Role.EDITOR, "name_latin": "Kept", "order": 1},
            {"id": None, "role": Credit.Role.CINEMATOGRAPHER, "name_latin": "New", "order": 2},
        ],
    )

    assert list(film.credits.order_by("order").values_list("pk", "name_latin", "role")) == [
        (kept.pk, "Kept", Credit.Role.EDITOR),
        (film.credits.get(name_latin="New").pk, "New", Credit.Role.CINEMATOGRAPHER),
    ]


def test_credits_replace_with_a_bad_credit_changes_nothing():
    film = FilmFactory()
    kept = CreditFactory(film=film, name_latin="Kept")

    with pytest.raises(ValidationError):
        credits_replace(film=film, credits=[{"id": None, "role": "caterer", "name_latin": "X"}])

    assert list(film.credits.all()) == [kept]


def test_still_add_stores_a_re_encoded_image_with_its_alt_text():
    film = FilmFactory()
    upload = SimpleUploadedFile("my-still.png", image_bytes(), content_type="image/png")

    still = still_add(film=film, upload=upload, alt_en="Two people at a table", order=3)

    assert (still.alt_en, still.order) == ("Two people at a table", 3)
    assert "my-still" not in still.image.name
    assert still.image.storage.exists(still.image.name)


def test_still_add_refuses_a_file_that_is_not_an_image():
    film = FilmFactory()
    upload = SimpleUploadedFile("still.png", b"GIF89a but not really", content_type="image/png")

    with pytest.raises(ValidationError):
        still_add(film=film, upload=upload, alt_en="A still")

    assert not Still.objects.exists()


def test_film_create_refuses_a_director_not_enrolled_in_the_cohort():
    enrollment = EnrollmentFactory()

    with pytest.raises(ValidationError):
        film_create(
            cohort=enrollment.cohort, director=TalentFactory(), slug="rain", title_en="Rain"
        )

    assert not Film.objects.exists()
