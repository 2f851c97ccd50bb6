"""A real Celery worker process, fed through Redis, thumbnails a poster."""

import json

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from core.request_context import current_request_id
from films.models import Film
from films.services import film_set_poster
from tests.factories import FilmFactory, poster_bytes
from tests.workers import running_worker, wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


def test_poster_is_thumbnailed_by_a_real_worker(redis_url, tmp_path):
    film = FilmFactory()
    poster = SimpleUploadedFile("poster.jpg", poster_bytes(1600, 2400), content_type="image/jpeg")

    token = current_request_id.set("poster-request-42")
    with running_worker(redis_url, tmp_path) as worker:
        film_set_poster(film=film, upload=poster, alt_en="Poster")  # commits, then enqueues
        wait_for(
            lambda: Film.objects.get(pk=film.pk).poster_status != Film.PosterStatus.PROCESSING,
            worker=worker,
        )
        log = worker.log()
    current_request_id.reset(token)

    film.refresh_from_db()
    assert film.poster_status == Film.PosterStatus.READY, film.poster_error
    assert len(film.poster_thumbnails) == 6
    assert all(default_storage.exists(t["name"]) for t in film.poster_thumbnails)
    task_lines = [json.loads(line) for line in log.splitlines() if '"talents.tasks"' in line]
    assert [(t["task"], t["state"], t["request_id"]) for t in task_lines] == [
        ("films.poster_make_thumbnails", "SUCCESS", "poster-request-42")
    ]
