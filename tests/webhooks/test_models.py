"""webhooks.models: the events an endpoint may subscribe to, and the delivery's invariant."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from webhooks.models import Event, WebhookDelivery, WebhookEndpoint

pytestmark = pytest.mark.django_db


def endpoint(**fields) -> WebhookEndpoint:
    defaults = {"url": "https://partner.example.org/hooks", "secret": "s" * 64}
    return WebhookEndpoint(**(defaults | fields))


@pytest.mark.parametrize("events", [[], "film.published", ["film.published", "film.deleted"]])
def test_an_endpoint_needs_a_list_of_known_events(events):
    with pytest.raises(ValidationError) as refused:
        endpoint(events=events).full_clean()

    assert list(refused.value.message_dict) == ["events"]


def test_an_endpoint_with_known_events_is_valid():
    valid = endpoint(events=[Event.FILM_PUBLISHED, Event.DECISION_SENT])

    valid.full_clean()

    assert str(valid) == "https://partner.example.org/hooks"


def test_a_delivery_keeps_one_event_id_and_cannot_be_delivered_without_a_time():
    saved = endpoint(events=[Event.FILM_PUBLISHED])
    saved.save()
    delivery = WebhookDelivery.objects.create(endpoint=saved, event=Event.FILM_PUBLISHED, body="{}")
    event_id = delivery.event_id

    delivery.refresh_from_db()
    with pytest.raises(IntegrityError), transaction.atomic():
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            status=WebhookDelivery.Status.DELIVERED
        )

    assert delivery.event_id == event_id
    assert (
        WebhookDelivery.objects.create(endpoint=saved, event="film.changed", body="{}").event_id
        != event_id
    )
