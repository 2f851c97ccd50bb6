import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image, JpegImagePlugin

from films.models import Film
from films.services import film_set_poster, poster_make_thumbnails, posters
from tests.factories import FilmFactory, poster_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def upload(content: bytes, name: str = "poster.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


def stored_files(folder) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


def test_poster_thumbnails_are_written_at_three_widths_in_webp_and_jpeg(settings, committed):
    film = FilmFactory()

    committed(film_set_poster, film=film, upload=upload(poster_bytes(2000, 3000)), alt_en="Poster")

    film.refresh_from_db()
    assert film.poster_status == Film.PosterStatus.READY
    assert sorted((t["width"], t["height"], t["format"]) for t in film.poster_thumbnails) == [
        (320, 480, "jpeg"),
        (320, 480, "webp"),
        (640, 960, "jpeg"),
        (640, 960, "webp"),
        (1280, 1920, "jpeg"),
        (1280, 1920, "webp"),
    ]
    for thumbnail in film.poster_thumbnails:
        assert default_storage.size(thumbnail["name"]) == thumbnail["bytes"]
        with default_storage.open(thumbnail["name"]) as handle, Image.open(handle) as image:
            assert image.format == thumbnail["format"].upper()
            assert image.size == (thumbnail["width"], thumbnail["height"])
    assert (film.poster_width, film.poster_height) == (2000, 3000)


def test_poster_thumbnails_rerun_overwrites_the_same_files(settings, committed):
    film = FilmFactory()
    committed(film_set_poster, film=film, upload=upload(poster_bytes(1400, 2100)), alt_en="Poster")
    film.refresh_from_db()
    first_names = sorted(t["name"] for t in film.poster_thumbnails)
    files_before = stored_files(settings.MEDIA_ROOT)

    Film.objects.filter(pk=film.pk).update(poster_status=Film.PosterStatus.PROCESSING)
    poster_make_thumbnails(film_id=film.pk)

    film.refresh_from_db()
    assert sorted(t["name"] for t in film.poster_thumbnails) == first_names
    assert stored_files(settings.MEDIA_ROOT) == files_before
    assert film.poster_status == Film.PosterStatus.READY


def test_poster_smaller_than_every_width_gets_one_size_at_its_own_width(committed):
    film = FilmFactory()

    committed(film_set_poster, film=film, upload=upload(poster_bytes(200, 300)), alt_en="Small")

    film.refresh_from_db()
    assert {(t["width"], t["format"]) for t in film.poster_thumbnails} == {
        (200, "webp"),
        (200, "jpeg"),
    }


def test_poster_corrupt_file_is_marked_failed_with_a_readable_error():
    film = FilmFactory()
    name = default_storage.save("posters/broken.jpg", ContentFile(b"\xff\xd8\xff" + b"junk" * 100))
    Film.objects.filter(pk=film.pk).update(
        poster=name, poster_alt_en="x", poster_status=Film.PosterStatus.PROCESSING
    )

    poster_make_thumbnails(film_id=film.pk)

    film.refresh_from_db()
    assert film.poster_status == Film.PosterStatus.FAILED
    assert film.poster_error.startswith("The poster")
    assert film.poster_attempts == 1


def test_poster_out_of_attempts_is_failed_without_another_try(settings):
    film = FilmFactory()
    name = default_storage.save("posters/ok.jpg", ContentFile(poster_bytes(400, 600)))
    Film.objects.filter(pk=film.pk).update(
        poster=name,
        poster_alt_en="x",
        poster_status=Film.PosterStatus.PROCESSING,
        poster_attempts=settings.POSTER_MAX_ATTEMPTS,
    )

    poster_make_thumbnails(film_id=film.pk)

    film.refresh_from_db()
    assert film.poster_status == Film.PosterStatus.FAILED
    assert film.poster_error == "Thumbnailing stopped after 3 failed attempts."
    assert film.poster_thumbnails == []


def test_poster_large_jpeg_is_decoded_at_reduced_size(monkeypatch):
    decoded_sizes = []
    original_load = JpegImagePlugin.JpegImageFile.load

    def spy_load(self):
        decoded_sizes.append(self.size)
        return original_load(self)

    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "load", spy_load)
    film = FilmFactory()
    name = default_storage.save("posters/big.jpg", ContentFile(poster_bytes(6000, 4000)))
    Film.objects.filter(pk=film.pk).update(
        poster=name, poster_alt_en="x", poster_status=Film.PosterStatus.PROCESSING
    )
    decoded_sizes.clear()

    poster_make_thumbnails(film_id=film.pk)

    # draft() picks the smallest JPEG scale (1/2, 1/4, 1/8) still at least 1280 px wide.
    assert decoded_sizes and max(decoded_sizes) == (1500, 1000)


def test_poster_task_is_enqueued_only_after_commit(django_capture_on_commit_callbacks):
    film = FilmFactory()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        film_set_poster(film=film, upload=upload(poster_bytes()), alt_en="Poster")
    film.refresh_from_db()
    before_commit = (film.poster_status, film.poster_thumbnails)
    for callback in callbacks:
        callback()
    film.refresh_from_db()

    assert before_commit == (Film.PosterStatus.PROCESSING, [])
    assert film.poster_status == Film.PosterStatus.READY


def test_poster_replaced_removes_the_old_poster_and_its_thumbnails(settings, committed):
    film = FilmFactory()
    committed(film_set_poster, film=film, upload=upload(poster_bytes(700, 1000)), alt_en="First")
    film.refresh_from_db()
    old_files = {film.poster.name, *(t["name"] for t in film.poster_thumbnails)}

    committed(film_set_poster, film=film, upload=upload(poster_bytes(700, 1000)), alt_en="Second")

    assert not any(default_storage.exists(name) for name in old_files)
    film.refresh_from_db()
    assert film.poster_status == Film.PosterStatus.READY


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.7 not an image", "This is not a JPEG, PNG or WebP image."),
        (b"", "The file is empty."),
        (poster_bytes()[:400], "The image file is damaged or incomplete."),
        (
            b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
            "This is not a JPEG, PNG or WebP image.",
        ),
    ],
)
def test_poster_bad_upload_is_refused_and_nothing_is_stored(settings, content, message):
    film = FilmFactory()

    with pytest.raises(ValidationError) as error:
        film_set_poster(film=film, upload=upload(content), alt_en="Poster")

    assert error.value.messages == [message]
    assert stored_files(settings.MEDIA_ROOT) == set() if settings.MEDIA_ROOT.exists() else True
    film.refresh_from_db()
    assert film.poster.name == ""


def test_poster_metadata_is_stripped_on_upload(committed):
    exif = Image.Exif()
    exif[0x010F] = "Secret Camera Co."  # Make
    out = io.BytesIO()
    Image.new("RGB", (400, 600), "red").save(out, format="JPEG", exif=exif)
    film = FilmFactory()

    committed(film_set_poster, film=film, upload=upload(out.getvalue()), alt_en="Poster")

    film.refresh_from_db()
    with film.poster.open() as handle, Image.open(handle) as image:
        assert dict(image.getexif()) == {}


def test_thumbnails_of_a_poster_replaced_meanwhile_do_not_mark_the_new_one_ready(monkeypatch):
    film = FilmFactory()
    film_set_poster(film=film, upload=upload(poster_bytes(700, 1000)), alt_en="First")  # no commit
    real = posters.make_thumbnails

    def replaced_while_resizing(storage, name, widths):
        made = real(storage, name, widths)
        Film.objects.filter(pk=film.pk).update(poster="posters/newer.jpg")  # a new upload
        return made

    monkeypatch.setattr(posters, "make_thumbnails", replaced_while_resizing)

    poster_make_thumbnails(film_id=film.pk)

    film.refresh_from_db()
    assert (film.poster.name, film.poster_status) == ("posters/newer.jpg", "processing")
    assert film.poster_thumbnails == []
