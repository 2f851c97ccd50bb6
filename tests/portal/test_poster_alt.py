"""The poster's alt texts are kept after saving (issue 13 §3): the poster page shows the
descriptions saved with the poster, so saving again does not lose them."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import poster_bytes


def test_the_poster_page_shows_the_saved_alt_texts_after_saving(
    client, world, django_capture_on_commit_callbacks
):
    world.film.is_published = False
    world.film.save()
    client.force_login(world.director)
    url = reverse("portal:film_poster", args=[world.film.pk])
    upload = SimpleUploadedFile("poster.jpg", poster_bytes(), content_type="image/jpeg")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"image": upload, "alt_en": "A girl on a roof", "alt_zh": "屋顶上的女孩"})
    form = client.get(url).context["form"]

    world.film.refresh_from_db()
    assert (world.film.poster_alt_en, world.film.poster_alt_zh) == (
        "A girl on a roof",
        "屋顶上的女孩",
    )
    assert (form["alt_en"].value(), form["alt_zh"].value()) == ("A girl on a roof", "屋顶上的女孩")


def test_the_still_page_starts_empty(client, world):
    client.force_login(world.director)

    form = client.get(reverse("portal:film_still", args=[world.film.pk])).context["form"]

    assert (form["alt_en"].value(), form["alt_zh"].value()) == (None, None)
