from celery import shared_task

from films import services
from films.reminders import reminders_send
from films.services import deliverables_purge


# Named as the service it runs (one name per concept: service, task and task name).
@shared_task(name="films.poster_make_thumbnails")
def poster_make_thumbnails(*, film_id: int) -> None:
    services.poster_make_thumbnails(film_id=film_id)


@shared_task(name="films.send_reminders")
def send_reminders() -> int:
    """Daily (CELERY_BEAT_SCHEDULE); safe to run again or twice at once (films.reminders)."""
    return reminders_send()


@shared_task(name="films.purge_deliverables")
def purge_deliverables() -> None:
    deliverables_purge()


@shared_task(name="films.submission_checksum")
def submission_checksum(*, submission_id: int) -> str:
    return services.submission_checksum(submission_id=submission_id)


@shared_task(name="films.submission_inspect")
def submission_inspect(*, submission_id: int) -> str:
    return services.submission_inspect(submission_id=submission_id)


@shared_task(name="films.sweep_uploads")
def sweep_uploads() -> int:
    """Hourly (CELERY_BEAT_SCHEDULE): abandoned uploads and their chunks."""
    return services.deliverable_uploads_sweep()
