from celery import shared_task

from films.reminders import reminders_send
from films.services import deliverables_purge, poster_make_thumbnails


@shared_task(name="films.make_poster_thumbnails")
def make_poster_thumbnails(*, film_id: int) -> None:
    poster_make_thumbnails(film_id=film_id)


@shared_task(name="films.send_reminders")
def send_reminders() -> int:
    """Daily (CELERY_BEAT_SCHEDULE); safe to run again or twice at once (films.reminders)."""
    return reminders_send()


@shared_task(name="films.purge_deliverables")
def purge_deliverables() -> None:
    deliverables_purge()
