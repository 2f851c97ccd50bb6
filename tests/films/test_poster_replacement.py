"""A film's poster replaced through any door (the admin, the workspace's revision approval, the
portal) leaves only the new poster and its own thumbnails in storage, and the new poster is only
marked ready with thumbnails made from it (issue 15: "a poster replaced in the admin keeps old
thumbnails", "thumbnails of a replaced poster marking the new poster ready with the old sizes")."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from films.models import Film, FilmRevision
from films.services import film_change_poster, film_set_poster, poster_make_thumbnails, posters
from tests.factories import FilmFactory, UserFactory, poster_bytes
from tests.factories.portal import director_user

pytestmark = pytest.mark.django_db


def poster_upload(width: int = 700, height: int = 1000) -> SimpleUploadedFile:
    return SimpleUploadedFile("poster.jpg", poster_bytes(width, height), content_type="image/jpeg")


def poster_files(root) -> set[str]:
    folder = Path(root) / "posters"
    return {f"posters/{p.relative_to(folder).as_posix()}" for p in folder.rglob("*") if p.is_file()}


def own_files(film: Film) -> set[str]:
    return {film.poster.name, *(t["name"] for t in film.poster_thumbnails)}


def film_with_poster(callbacks, **kwargs) -> Film:
    film = FilmFactory(**kwargs)
    with callbacks(execute=True):
        film_set_poster(film=film, upload=poster_upload(1400, 2100), alt_en="First")
    film.refresh_from_db()
    assert film.poster_status == Film.PosterStatus.READY
    return film


def admin_form(response) -> dict:
    """The admin change page's own form as the browser would post it back unchanged."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        data |= {management.add_prefix(n): management[n].value() for n in management.fields}
        forms += formset.forms
    for form in forms:
        for name, field in form.fields.items():
            if field.disabled:
                continue
            value = form[name].value()
            if value is None or hasattr(value, "url") or hasattr(value, "read"):
                continue
            if isinstance(value, bool):
                if value:
                    data[form.add_prefix(name)] = "on"
                continue
            data[form.add_prefix(name)] = value if isinstance(value, list) else str(value)
    return data


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def admin_post(client, film, callbacks, **changes):
    url = reverse("admin:films_film_change", args=[film.pk])
    data = admin_form(client.get(url)) | changes
    with callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    film.refresh_from_db()


def test_admin_replacing_a_poster_deletes_the_old_poster_and_its_thumbnails(
    settings, admin_client, django_capture_on_commit_callbacks
):
    film = film_with_poster(django_capture_on_commit_callbacks)
    old = own_files(film)

    admin_post(admin_client, film, django_capture_on_commit_callbacks, poster=poster_upload(800))

    assert film.poster_status == Film.PosterStatus.READY
    assert film.poster.name not in old
    assert {t["width"] for t in film.poster_thumbnails} == {320, 640}  # made from the new one
    assert poster_files(settings.MEDIA_ROOT) == own_files(film)


def test_admin_clearing_a_poster_deletes_it_and_its_thumbnails_and_forgets_them(
    settings, admin_client, django_capture_on_commit_callbacks
):
    film = film_with_poster(django_capture_on_commit_callbacks)

    admin_post(admin_client, film, django_capture_on_commit_callbacks, **{"poster-clear": "on"})

    assert (film.poster.name, film.poster_status, film.poster_thumbnails) == ("", "none", [])
    assert poster_files(settings.MEDIA_ROOT) == set()


def test_admin_saving_a_film_without_touching_the_poster_keeps_it(
    settings, admin_client, django_capture_on_commit_callbacks
):
    film = film_with_poster(django_capture_on_commit_callbacks)
    before = own_files(film)

    admin_post(admin_client, film, django_capture_on_commit_callbacks, logline_en="New logline")

    assert own_files(film) == before == poster_files(settings.MEDIA_ROOT)
    assert film.poster_status == Film.PosterStatus.READY


def test_workspace_approving_a_poster_revision_deletes_the_old_poster_and_its_thumbnails(
    settings, client, django_capture_on_commit_callbacks
):
    film = film_with_poster(django_capture_on_commit_callbacks, is_published=True)
    old = own_files(film)
    revision = film_change_poster(
        film=film, proposed_by=director_user(film), upload=poster_upload(800), alt_en="Second"
    )
    client.force_login(UserFactory(is_staff=True))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("workspace:revision", args=[revision.pk]), {"decision": "approved", "note": ""}
        )

    assert response.status_code == 302
    film.refresh_from_db()
    assert FilmRevision.objects.get(pk=revision.pk).status == FilmRevision.Status.APPROVED
    assert (film.poster_status, film.poster_alt_en) == (Film.PosterStatus.READY, "Second")
    assert film.poster.name not in old
    assert {t["width"] for t in film.poster_thumbnails} == {320, 640}
    assert poster_files(settings.MEDIA_ROOT) == own_files(film)


def test_a_poster_replaced_while_its_thumbnails_are_made_leaves_none_of_them_behind(
    settings, monkeypatch, django_capture_on_commit_callbacks
):
    film = FilmFactory()
    film_set_poster(film=film, upload=poster_upload(1400, 2100), alt_en="First")  # task pending
    real = posters.make_thumbnails

    def replaced_while_resizing(storage, name, widths):
        made = real(storage, name, widths)
        monkeypatch.setattr(posters, "make_thumbnails", real)
        with django_capture_on_commit_callbacks(execute=True):
            film_set_poster(film=Film.objects.get(pk=film.pk), upload=poster_upload(800))
        return made

    monkeypatch.setattr(posters, "make_thumbnails", replaced_while_resizing)

    poster_make_thumbnails(film_id=film.pk)  # the first poster's task, late

    film.refresh_from_db()
    assert film.poster_status == Film.PosterStatus.READY
    assert {t["width"] for t in film.poster_thumbnails} == {320, 640}
    assert poster_files(settings.MEDIA_ROOT) == own_files(film)


def test_a_late_task_of_a_replaced_poster_does_not_mark_the_new_one_ready_with_old_sizes(
    settings, monkeypatch
):
    film = FilmFactory()
    film_set_poster(film=film, upload=poster_upload(1400, 2100), alt_en="First")  # task pending
    first = Film.objects.get(pk=film.pk).poster.name
    real = posters.make_thumbnails

    def replaced_while_resizing(storage, name, widths):
        made = real(storage, name, widths)
        # A new upload lands (its own task still waiting): same status, new name.
        film_set_poster(film=Film.objects.get(pk=film.pk), upload=poster_upload(800))
        return made

    monkeypatch.setattr(posters, "make_thumbnails", replaced_while_resizing)

    poster_make_thumbnails(film_id=film.pk)

    film.refresh_from_db()
    assert film.poster.name != first
    assert (film.poster_status, film.poster_thumbnails) == (Film.PosterStatus.PROCESSING, [])
    first_stem = first.removeprefix("posters/").rsplit(".", 1)[0]
    assert [name for name in poster_files(settings.MEDIA_ROOT) if first_stem in name] == [first]


def test_a_task_whose_poster_was_replaced_and_deleted_does_not_fail_the_new_one(monkeypatch):
    film = FilmFactory()
    film_set_poster(film=film, upload=poster_upload(1400, 2100), alt_en="First")  # task pending

    def replaced_then_unreadable(storage, name, widths):
        film_set_poster(film=Film.objects.get(pk=film.pk), upload=poster_upload(800))
        raise posters.ImageUnreadable("The poster file is damaged: gone")  # its file deleted

    monkeypatch.setattr(posters, "make_thumbnails", replaced_then_unreadable)

    poster_make_thumbnails(film_id=film.pk)

    film.refresh_from_db()
    assert (film.poster_status, film.poster_error) == (Film.PosterStatus.PROCESSING, "")
    assert film.poster_attempts == 0  # the newer poster's own task has all its tries
