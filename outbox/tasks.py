from celery import shared_task

from outbox import services
from outbox.services import outbox_sweep

# One SMTP conversation is bounded by EMAIL_TIMEOUT per step; these limits stay below
# OUTBOX_LEASE_SECONDS so that a lease never runs out while its worker still sends.
SEND_SOFT_TIME_LIMIT = 60
SEND_TIME_LIMIT = 90


# Named as the service it runs (one name per concept: service, task and task name).
@shared_task(
    name="outbox.message_send", soft_time_limit=SEND_SOFT_TIME_LIMIT, time_limit=SEND_TIME_LIMIT
)
def message_send(*, message_id: int) -> None:
    retry_in = services.message_send(message_id=message_id)
    if retry_in is not None:
        message_send.apply_async(kwargs={"message_id": message_id}, countdown=retry_in)


@shared_task(name="outbox.sweep")
def sweep_outbox() -> dict[str, int]:
    """Periodic (CELERY_BEAT_SCHEDULE): re-enqueue what a broker outage or a dead worker lost."""
    return outbox_sweep()


@shared_task(name="outbox.digests_send")
def digests_send() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): one email per person who asked for a digest."""
    return services.digests_send()
