"""Background work of the rights app."""

from celery import shared_task

from rights.services import licence_warnings_send


@shared_task(name="rights.warn_licence_endings")
def warn_licence_endings() -> int:
    return licence_warnings_send()
