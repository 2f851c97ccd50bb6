from celery import shared_task

from outbox.services import message_send


@shared_task(name="outbox.send_message")
def send_outbox_message(*, message_id: int) -> None:
    retry_in = message_send(message_id=message_id)
    if retry_in is not None:
        send_outbox_message.apply_async(kwargs={"message_id": message_id}, countdown=retry_in)
