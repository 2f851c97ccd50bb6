from celery import shared_task

from webhooks.services import delivery_send, webhooks_sweep

# A POST is bounded by WEBHOOK_TIMEOUT_SECONDS; these stay below WEBHOOK_LEASE_SECONDS.
SEND_SOFT_TIME_LIMIT = 60
SEND_TIME_LIMIT = 90


@shared_task(
    name="webhooks.send_delivery", soft_time_limit=SEND_SOFT_TIME_LIMIT, time_limit=SEND_TIME_LIMIT
)
def send_webhook_delivery(*, delivery_id: int) -> None:
    retry_in = delivery_send(delivery_id=delivery_id)
    if retry_in is not None:
        send_webhook_delivery.apply_async(kwargs={"delivery_id": delivery_id}, countdown=retry_in)


@shared_task(name="webhooks.sweep")
def sweep_webhooks() -> dict[str, int]:
    """Periodic (CELERY_BEAT_SCHEDULE): re-enqueue what a broker outage or a dead worker lost."""
    return webhooks_sweep()
