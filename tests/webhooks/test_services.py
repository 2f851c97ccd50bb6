"""Webhook deliveries: written in the event's transaction, only for subscribed active endpoints,
signed (HMAC-SHA256 over timestamp and body), retried on 5xx and timeouts with backoff, ended on
other answers, re-sendable; against a real local HTTP receiver (receiver.py)."""

import hashlib
import hmac
import json
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from films.services import film_publish, film_update, submission_review
from screenings.services import screening_update
from tests.factories import FilmFactory, ScreeningFactory, SubmissionFactory, UserFactory
from tests.webhooks.receiver import http_receiver
from webhooks.models import Event, WebhookAttempt, WebhookDelivery
from webhooks.services import (
    delivery_resend,
    delivery_send,
    endpoint_create,
    webhook_event_emit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_eager_sending(monkeypatch):
    """Deliveries are sent by the test's own calls to delivery_send, not by the eager task."""
    monkeypatch.setattr("webhooks.services.delivery_enqueue", lambda *, delivery_id: True)


def endpoint(url="https://partner.example.org/hooks", events=None):
    return endpoint_create(url=url, events=events or list(Event.values), created_by=None)


def publishable_film(**fields):
    return FilmFactory(
        is_published=False,
        poster="posters/p.jpg",
        poster_alt_zh="海报",
        poster_alt_en="Poster",
        **fields,
    )


def test_publishing_a_film_writes_a_delivery_for_each_subscribed_active_endpoint():
    subscribed, _ = endpoint(events=[Event.FILM_PUBLISHED])
    endpoint(events=[Event.SCREENING_PUBLISHED])
    paused, _ = endpoint(events=[Event.FILM_PUBLISHED])
    paused.is_active = False
    paused.save()
    film = publishable_film()

    film_publish(film=film)

    delivery = WebhookDelivery.objects.get()
    body = json.loads(delivery.body)
    assert (delivery.endpoint, delivery.event) == (subscribed, "film.published")
    assert body["data"]["film"] == {
        "id": film.pk,
        "edition": film.cohort.slug,
        "slug": film.slug,
        "title": {"zh": film.title_zh, "en": film.title_en},
    }
    assert body["id"] == str(delivery.event_id)


def test_no_delivery_when_the_event_is_rolled_back():
    endpoint()
    film = publishable_film()

    with pytest.raises(RuntimeError), transaction.atomic():
        film_publish(film=film)
        raise RuntimeError("the request failed after publishing")

    assert not WebhookDelivery.objects.exists()


def test_other_events_are_emitted_by_their_services():
    endpoint()
    film = FilmFactory(is_published=True)
    screening = ScreeningFactory(is_published=False)
    submission = SubmissionFactory(submitted_by=UserFactory())

    film_update(film=film, title_en="New title")
    screening_update(screening=screening, is_published=True)
    submission_review(submission=submission, reviewer=UserFactory(), decision="approved")

    assert sorted(WebhookDelivery.objects.values_list("event", flat=True)) == [
        "film.changed",
        "screening.published",
        "submission.reviewed",
    ]


def test_delivery_is_signed_over_timestamp_and_body():
    with http_receiver() as receiver:
        _target, secret = endpoint(url=receiver.url)
        [delivery_id] = webhook_event_emit(event=Event.FILM_PUBLISHED, data={"film": {"id": 1}})

        delivery_send(delivery_id=delivery_id)

    [request] = receiver.received
    headers = {name.lower(): value for name, value in request.headers.items()}
    signed = headers["x-talents-timestamp"].encode() + b"." + request.body
    expected = "sha256=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    assert headers["x-talents-signature"] == expected
    assert headers["x-talents-event"] == "film.published"
    assert json.loads(request.body)["data"] == {"film": {"id": 1}}
    delivery = WebhookDelivery.objects.get(pk=delivery_id)
    assert (delivery.status, delivery.attempts) == ("delivered", 1)
    assert headers["x-talents-delivery"] == str(delivery.event_id)


def test_5xx_is_retried_later_with_the_answer_recorded(settings):
    settings.WEBHOOK_RETRY_BASE_SECONDS = 30
    with http_receiver(503) as receiver:
        endpoint(url=receiver.url)
        [delivery_id] = webhook_event_emit(event=Event.FILM_PUBLISHED, data={})

        retry_in = delivery_send(delivery_id=delivery_id)

    delivery = WebhookDelivery.objects.get(pk=delivery_id)
    attempt = WebhookAttempt.objects.get(delivery=delivery)
    assert retry_in == 30
    assert delivery.status == "pending"
    assert delivery.next_attempt_at > timezone.now() + timedelta(seconds=20)
    assert (attempt.status_code, attempt.response_excerpt) == (503, "try later (503)")


def test_backoff_doubles_and_gives_up_after_the_last_attempt(settings):
    settings.WEBHOOK_RETRY_BASE_SECONDS = 10
    settings.WEBHOOK_MAX_ATTEMPTS = 3
    with http_receiver(500, 500, 500) as receiver:
        endpoint(url=receiver.url)
        [delivery_id] = webhook_event_emit(event=Event.FILM_PUBLISHED, data={})
        delays = []
        for _ in range(3):
            delays.append(delivery_send(delivery_id=delivery_id))
            WebhookDelivery.objects.filter(pk=delivery_id).update(next_attempt_at=timezone.now())

    assert delays == [10, 20, None]
    assert WebhookDelivery.objects.get(pk=delivery_id).status == "failed"


def test_4xx_fails_at_once(settings):
    with http_receiver(410) as receiver:
        endpoint(url=receiver.url)
        [delivery_id] = webhook_event_emit(event=Event.FILM_PUBLISHED, data={})

        retry_in = delivery_send(delivery_id=delivery_id)

    assert retry_in is None
    assert WebhookDelivery.objects.get(pk=delivery_id).status == "failed"


def test_a_timeout_is_retried(settings):
    settings.WEBHOOK_TIMEOUT_SECONDS = 1
    with http_receiver("sleep") as receiver:
        endpoint(url=receiver.url)
        [delivery_id] = webhook_event_emit(event=Event.FILM_PUBLISHED, data={})

        retry_in = delivery_send(delivery_id=delivery_id)

    attempt = WebhookAttempt.objects.get()
    assert retry_in is not None
    assert attempt.status_code is None
    assert "timed out" in attempt.error


def test_unreachable_receiver_is_retried():
    endpoint(url="http://127.0.0.1:9/hooks")
    [delivery_id] = webhook_event_emit(event=Event.FILM_PUBLISHED, data={})

    retry_in = delivery_send(delivery_id=delivery_id)

    assert retry_in is not None
    assert WebhookAttempt.objects.get().error.startswith("URLError")


def test_resend_keeps_the_delivery_id_and_the_attempt_log():
    with http_receiver(410) as receiver:
        endpoint(url=receiver.url)
        [delivery_id] = webhook_event_emit(event=Event.FILM_PUBLISHED, data={})
        delivery_send(delivery_id=delivery_id)
        before = WebhookDelivery.objects.get(pk=delivery_id)

        again = delivery_resend(delivery=before)
        delivery_send(delivery_id=delivery_id)

    after = WebhookDelivery.objects.get(pk=delivery_id)
    assert again.status == "pending"
    assert (after.status, after.event_id) == ("delivered", before.event_id)
    assert WebhookAttempt.objects.filter(delivery=after).count() == 2
    assert receiver.received[0].body == receiver.received[1].body


def test_a_pending_delivery_cannot_be_resent():
    endpoint()
    [delivery_id] = webhook_event_emit(event=Event.FILM_PUBLISHED, data={})

    with pytest.raises(ValidationError):
        delivery_resend(delivery=WebhookDelivery.objects.get(pk=delivery_id))


# --- What staff see --------------------------------------------------------------------------


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True))
    return client


def test_staff_register_an_endpoint_and_see_its_secret_once(staff_client):
    data = {"url": "https://partner.example.org/hooks", "events": ["film.published"]}

    response = staff_client.post(reverse("workspace:webhook_endpoints"), data)
    again = staff_client.get(reverse("workspace:webhook_endpoints"))

    secret = response.context["created"]["secret"]
    assert secret in response.content.decode()
    assert secret not in again.content.decode()
    assert "https://partner.example.org/hooks" in again.content.decode()


def test_staff_see_each_attempts_answer_and_send_again(staff_client):
    with http_receiver(503, 410) as receiver:
        endpoint(url=receiver.url)
        [delivery_id] = webhook_event_emit(event=Event.FILM_PUBLISHED, data={})
        delivery_send(delivery_id=delivery_id)
        WebhookDelivery.objects.filter(pk=delivery_id).update(next_attempt_at=timezone.now())
        delivery_send(delivery_id=delivery_id)

    page = staff_client.get(
        reverse("workspace:webhook_delivery", kwargs={"delivery_id": delivery_id})
    )
    resend = staff_client.post(
        reverse("workspace:webhook_delivery_resend", kwargs={"delivery_id": delivery_id})
    )

    answers = [attempt.status_code for attempt in page.context["delivery"].attempt_log.all()]
    assert answers == [503, 410]
    assert "try later (503)" in page.content.decode()
    assert resend.status_code == 302
    assert WebhookDelivery.objects.get(pk=delivery_id).status == "pending"


@pytest.mark.parametrize("count", [1, 8])
def test_webhook_pages_query_counts_are_fixed(staff_client, django_assert_num_queries, count):
    target, _ = endpoint()
    for _ in range(count):
        endpoint()
        webhook_event_emit(event=Event.FILM_PUBLISHED, data={})

    # session, user with the workspace bar's two profiles, endpoints with their counts
    with django_assert_num_queries(3):
        staff_client.get(reverse("workspace:webhook_endpoints"))
    # session, user with the workspace bar's two profiles, endpoint, deliveries: count and page
    with django_assert_num_queries(5):
        staff_client.get(reverse("workspace:webhook_endpoint", kwargs={"endpoint_id": target.pk}))
