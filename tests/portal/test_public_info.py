from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from films.models import Credit, Film, FilmRevision
from films.services import revision_approve
from tests.factories import CreditFactory, image_bytes, poster_bytes

FILM_FIELDS = {
    "title_zh": "新片名",
    "title_en": "New Title",
    "logline_en": "A better logline.",
    "genre": "drama",
}


def test_edit_before_publication_applies_at_once(client, world):
    client.force_login(world.director)

    response = client.post(reverse("portal:film_edit", args=[world.film.pk]), FILM_FIELDS)

    world.film.refresh_from_db()
    assert response.status_code == 302
    assert (world.film.title_en, world.film.logline_en) == ("New Title", "A better logline.")
    assert FilmRevision.objects.count() == 0


def test_edit_after_publication_waits_for_approval(client, world):
    Film.objects.filter(pk=world.film.pk).update(is_published=True)
    old_title = world.film.title_en
    client.force_login(world.director)

    client.post(reverse("portal:film_edit", args=[world.film.pk]), FILM_FIELDS)

    world.film.refresh_from_db()
    revision = FilmRevision.objects.get()
    assert world.film.title_en == old_title
    assert revision.status == FilmRevision.Status.PENDING
    assert revision.proposed["title_en"] == "New Title"
    revision_approve(revision=revision, decided_by=world.staff)
    world.film.refresh_from_db()
    assert world.film.title_en == "New Title"


def test_edit_without_any_title_is_refused(client, world):
    client.force_login(world.director)

    response = client.post(
        reverse("portal:film_edit", args=[world.film.pk]),
        {**FILM_FIELDS, "title_zh": "", "title_en": ""},
    )

    assert response.status_code == 400
    world.film.refresh_from_db()
    assert world.film.title_en != ""


def test_poster_shows_processing_until_thumbnails_exist(client, world):
    client.force_login(world.director)
    upload = SimpleUploadedFile("poster.jpg", poster_bytes(), content_type="image/jpeg")

    client.post(
        reverse("portal:film_poster", args=[world.film.pk]), {"image": upload, "alt_en": "A poster"}
    )
    page = client.get(reverse("portal:film_poster", args=[world.film.pk]))

    world.film.refresh_from_db()
    assert world.film.poster_status == Film.PosterStatus.PROCESSING
    assert "Processing: the poster" in page.text


def test_poster_after_publication_is_a_revision_and_the_public_poster_stays(client, world):
    Film.objects.filter(pk=world.film.pk).update(is_published=True)
    client.force_login(world.director)
    upload = SimpleUploadedFile("poster.png", image_bytes(300, 450), content_type="image/png")

    client.post(
        reverse("portal:film_poster", args=[world.film.pk]), {"image": upload, "alt_en": "A poster"}
    )

    world.film.refresh_from_db()
    revision = FilmRevision.objects.get()
    assert world.film.poster.name == ""
    assert (revision.kind, revision.image.name.startswith("revisions/")) == ("poster", True)


def test_corrupt_poster_is_refused_and_nothing_stored(client, world, settings):
    client.force_login(world.director)
    upload = SimpleUploadedFile("poster.jpg", poster_bytes()[:200], content_type="image/jpeg")

    response = client.post(
        reverse("portal:film_poster", args=[world.film.pk]), {"image": upload, "alt_en": "A poster"}
    )

    assert response.status_code == 400
    assert "damaged or incomplete" in response.text
    assert not (settings.MEDIA_ROOT / "posters").exists() or not any(
        (settings.MEDIA_ROOT / "posters").iterdir()
    )


def test_credits_before_publication_replace_the_list(client, world):
    kept = CreditFactory(film=world.film, name_latin="Kept")
    CreditFactory(film=world.film, name_latin="Removed")
    client.force_login(world.director)
    data = {
        "credits-TOTAL_FORMS": "3",
        "credits-INITIAL_FORMS": "2",
        "credits-0-id": kept.pk,
        "credits-0-role": "editor",
        "credits-0-name_latin": "Kept Renamed",
        "credits-0-order": "1",
        "credits-1-id": world.film.credits.exclude(pk=kept.pk).get().pk,
        "credits-1-role": "cinematographer",
        "credits-1-name_latin": "Removed",
        "credits-1-order": "2",
        "credits-1-DELETE": "on",
        "credits-2-role": "composer",
        "credits-2-name_latin": "New Composer",
        "credits-2-order": "3",
    }

    response = client.post(reverse("portal:film_credits", args=[world.film.pk]), data)

    assert response.status_code == 302
    assert list(Credit.objects.filter(film=world.film).values_list("role", "name_latin")) == [
        ("editor", "Kept Renamed"),
        ("composer", "New Composer"),
    ]


def test_profile_consent_applies_at_once_while_bio_waits_after_publication(client, world):
    Film.objects.filter(pk=world.film.pk).update(is_published=True)
    talent = world.film.director
    client.force_login(world.director)

    client.post(
        reverse("portal:profile"),
        {"bio_en": "A new bio.", "bio_zh": talent.bio_zh, "publish_hometown": "on"},
    )

    talent.refresh_from_db()
    revision = FilmRevision.objects.get()
    assert talent.publish_hometown is True
    assert talent.bio_en == "Makes short films."
    assert revision.proposed == {"bio_en": "A new bio."}


def test_profile_link_that_is_not_a_url_is_refused(client, world):
    client.force_login(world.director)

    response = client.post(reverse("portal:profile"), {"links_text": "Vimeo | not a url"})

    assert response.status_code == 400
    assert "is not “label | https://…”" in response.text


def test_headshot_of_huge_dimensions_is_refused(client, world, settings):
    settings.IMAGE_MAX_PIXELS = 50 * 50
    client.force_login(world.director)
    upload = SimpleUploadedFile("me.png", image_bytes(100, 100), content_type="image/png")

    response = client.post(reverse("portal:profile_headshot"), {"image": upload, "alt_en": "Me"})

    world.film.director.refresh_from_db()
    assert response.status_code == 400
    assert "exceeds the limit" in response.text
    assert world.film.director.headshot.name == ""
