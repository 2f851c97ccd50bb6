from celery import shared_task

from training.services import session_reminders_send


@shared_task(name="training.send_session_reminders")
def send_session_reminders() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): the reminder the day before each session."""
    return session_reminders_send()
