"""Background work of the guests app: offers on the waiting list that ran out."""

from celery import shared_task

from guests.services import offers_expire


@shared_task(name="guests.expire_offers")
def expire_offers() -> int:
    return offers_expire()
