"""webhooks.selectors: the staff pages' endpoints with their counts and a delivery's attempts."""

from datetime import timedelta

import pytest
from django.utils import timezone

from webhooks.models import Event, WebhookAttempt, WebhookDelivery
from webhooks.selectors import (
    deliveries_for_endpoint,
    delivery_with_attempts,
    endpoints_with_counts,
)
from webhooks.services import endpoint_create

pytestmark = pytest.mark.django_db


def endpoint(url: str):
    made, _secret = endpoint_create(url=url, events=[Event.FILM_PUBLISHED], created_by=None)
    return made


def delivery(endpoint, minutes_ago: int = 0) -> WebhookDelivery:
    return WebhookDelivery.objects.create(
        endpoint=endpoint,
        event=Event.FILM_PUBLISHED,
        body="{}",
        created_at=timezone.now() - timedelta(minutes=minutes_ago),
    )


def test_endpoints_are_listed_by_address_with_their_delivery_counts():
    busy = endpoint("https://b.example.org/h")
    endpoint("https://a.example.org/h")
    delivery(busy)
    delivery(busy)

    listed = [(e.url, e.delivery_count) for e in endpoints_with_counts()]

    assert listed == [("https://a.example.org/h", 0), ("https://b.example.org/h", 2)]


def test_an_endpoints_deliveries_newest_first_and_no_one_elses():
    mine, other = endpoint("https://a.example.org/h"), endpoint("https://b.example.org/h")
    older, newer = delivery(mine, minutes_ago=10), delivery(mine)
    delivery(other)

    assert list(deliveries_for_endpoint(mine)) == [newer, older]


def test_a_delivery_comes_with_its_attempts_in_order_and_an_unknown_id_gives_none(
    django_assert_num_queries,
):
    sent = delivery(endpoint("https://a.example.org/h"))
    now = timezone.now()
    second = WebhookAttempt.objects.create(delivery=sent, attempted_at=now, status_code=200)
    first = WebhookAttempt.objects.create(
        delivery=sent, attempted_at=now - timedelta(minutes=5), error="timed out"
    )

    with django_assert_num_queries(2):
        found = delivery_with_attempts(sent.pk)
        attempts = list(found.attempt_log.all())
        url = found.endpoint.url

    assert attempts == [first, second]
    assert url == "https://a.example.org/h"
    assert delivery_with_attempts(sent.pk + 1000) is None
