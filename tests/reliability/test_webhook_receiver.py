"""A real HTTP receiver (a thread with http.server) that answers 503 twice and then accepts,
and a real Celery worker: the film's publication reaches it exactly once more than it failed,
with the same delivery id and a valid signature each time, and staff see all three answers."""

import hashlib
import hmac
import json

import pytest
from django.test import Client
from django.urls import reverse

from films.services import film_publish
from tests.factories import FilmFactory, UserFactory
from tests.reliability.components import logs, running_stack
from tests.webhooks.receiver import http_receiver
from tests.workers import wait_for
from webhooks.models import Event, WebhookDelivery
from webhooks.services import endpoint_create

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


def test_receiver_failing_twice_gets_the_delivery_on_the_third_try(redis_url, tmp_path):
    film = FilmFactory(
        is_published=False, poster="posters/p.jpg", poster_alt_zh="海报", poster_alt_en="Poster"
    )
    with http_receiver(503, 503) as receiver:
        _endpoint, secret = endpoint_create(
            url=receiver.url, events=[Event.FILM_PUBLISHED], created_by=None
        )
        with running_stack(redis_url, tmp_path, WEBHOOK_RETRY_BASE_SECONDS="1") as workers:
            film_publish(film=film)  # commits: the delivery is enqueued after commit
            delivery = WebhookDelivery.objects.get()
            wait_for(
                lambda: WebhookDelivery.objects.get(pk=delivery.pk).status == "delivered",
                timeout=40,
                worker=workers[0],
            )
            log = logs(workers)

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("delivered", 3), log
    assert len(receiver.received) == 3
    for request in receiver.received:
        headers = {name.lower(): value for name, value in request.headers.items()}
        signed = headers["x-talents-timestamp"].encode() + b"." + request.body
        assert headers["x-talents-signature"] == (
            "sha256=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
        )
        assert headers["x-talents-delivery"] == str(delivery.event_id)
        assert json.loads(request.body)["data"]["film"]["id"] == film.pk
    client = Client()
    client.force_login(UserFactory(is_staff=True))
    page = client.get(reverse("workspace:webhook_delivery", kwargs={"delivery_id": delivery.pk}))
    assert [a.status_code for a in page.context["delivery"].attempt_log.all()] == [503, 503, 200]
