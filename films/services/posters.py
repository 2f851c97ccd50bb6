"""Posters: storing a new one and making its thumbnails in a worker (films.tasks)."""

import logging

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F

from core.enqueue import enqueue_after_commit
from core.images import ImageUnreadable, make_thumbnails
from core.public_cache import public_content_changed
from core.services import validated_save
from core.uploads import (
    clean_image_upload,
    removed_if_failed,
)
from films.models import Film

logger = logging.getLogger(__name__)


def film_set_poster(
    *, film: Film, upload: UploadedFile, alt_zh: str = "", alt_en: str = ""
) -> Film:
    """Store a new poster (checked and re-encoded) and have its thumbnails made after commit."""
    cleaned = clean_image_upload(upload)
    replaced = [film.poster.name, *(t["name"] for t in film.poster_thumbnails)]
    film.poster.save(cleaned.name, cleaned, save=False)
    with removed_if_failed(film.poster), transaction.atomic():
        _poster_saved(film, alt_zh=alt_zh, alt_en=alt_en, replaced=replaced)
    return film


def _poster_saved(film: Film, *, alt_zh: str, alt_en: str, replaced: list[str]) -> None:
    validated_save(
        film,
        poster_alt_zh=alt_zh or film.poster_alt_zh,
        poster_alt_en=alt_en or film.poster_alt_en,
        poster_status=Film.PosterStatus.PROCESSING,
        poster_error="",
        poster_attempts=0,
        poster_thumbnails=[],
    )
    storage = film.poster.storage
    transaction.on_commit(lambda: _delete_files(storage, replaced))
    poster_enqueue_thumbnails(film_id=film.pk)


def poster_enqueue_thumbnails(*, film_id: int) -> None:
    from films.tasks import poster_make_thumbnails as task

    # A broker that is down leaves the poster "processing"; staff can enqueue it again.
    enqueue_after_commit(task, film_id=film_id)


def poster_make_thumbnails(*, film_id: int) -> None:
    """Make the poster's thumbnails. Idempotent: only a poster still "processing" is worked on,
    and each try is counted first, so a poster that kills its worker is not retried forever.
    Every write is for the poster this run read: a task that outlives its poster (replaced
    meanwhile; the newer upload has its own task) neither counts, fails nor marks the newer one,
    and deletes the thumbnails it wrote, which nothing refers to."""
    film = Film.objects.filter(pk=film_id, poster_status=Film.PosterStatus.PROCESSING).first()
    if film is None:
        return
    this_poster = Film.objects.filter(
        pk=film_id, poster_status=Film.PosterStatus.PROCESSING, poster=film.poster.name
    )
    limit = settings.POSTER_MAX_ATTEMPTS
    claimed = this_poster.filter(poster_attempts__lt=limit).update(
        poster_attempts=F("poster_attempts") + 1
    )
    if not claimed:
        this_poster.update(
            poster_status=Film.PosterStatus.FAILED,
            poster_error=f"Thumbnailing stopped after {limit} failed attempts.",
        )
        return
    try:
        (width, height), thumbnails = make_thumbnails(
            film.poster.storage, film.poster.name, settings.POSTER_THUMBNAIL_WIDTHS
        )
    except ImageUnreadable as error:
        logger.warning("poster of film %s unreadable: %s", film_id, error)
        this_poster.update(poster_status=Film.PosterStatus.FAILED, poster_error=str(error)[:300])
        return
    marked = this_poster.update(
        poster_status=Film.PosterStatus.READY,
        poster_error="",
        poster_width=width,
        poster_height=height,
        poster_thumbnails=[t.as_dict() for t in thumbnails],
    )
    if not marked and not Film.objects.filter(pk=film_id, poster=film.poster.name).exists():
        _delete_files(film.poster.storage, [t.name for t in thumbnails])
        return
    public_content_changed()  # pages that showed "processing" now show the poster


def film_clear_poster(*, film: Film) -> Film:
    """Take the poster away (the admin's "clear"): its file and thumbnails go after commit, and
    nothing still lists them, so no page shows a poster that is gone."""
    replaced = [film.poster.name, *(t["name"] for t in film.poster_thumbnails)]
    with transaction.atomic():
        validated_save(
            film,
            poster="",
            poster_status=Film.PosterStatus.NONE,
            poster_error="",
            poster_attempts=0,
            poster_width=None,
            poster_height=None,
            poster_thumbnails=[],
        )
        storage = film.poster.storage
        transaction.on_commit(lambda: _delete_files(storage, replaced))
    return film


def _delete_files(storage, names: list[str]) -> None:
    for name in names:
        if name and storage.exists(name):
            storage.delete(name)


@transaction.atomic
def poster_retry_thumbnails(*, film: Film) -> None:
    """Staff ask for the thumbnails again (after a fix, or a failure): attempts start over."""
    Film.objects.filter(pk=film.pk).update(
        poster_status=Film.PosterStatus.PROCESSING, poster_attempts=0, poster_error=""
    )
    poster_enqueue_thumbnails(film_id=film.pk)
