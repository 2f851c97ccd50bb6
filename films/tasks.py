from celery import shared_task

from films.services import poster_make_thumbnails


@shared_task(name="films.make_poster_thumbnails")
def make_poster_thumbnails(*, film_id: int) -> None:
    poster_make_thumbnails(film_id=film_id)
