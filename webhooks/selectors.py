"""Reads of the webhooks app for the staff pages."""

from django.db.models import Count, Prefetch, QuerySet

from webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint


def endpoints_with_counts() -> QuerySet[WebhookEndpoint]:
    return WebhookEndpoint.objects.annotate(delivery_count=Count("deliveries")).order_by("url")


def deliveries_for_endpoint(endpoint: WebhookEndpoint) -> QuerySet[WebhookDelivery]:
    return WebhookDelivery.objects.filter(endpoint=endpoint).order_by("-created_at", "-id")


def delivery_with_attempts(delivery_id: int) -> WebhookDelivery | None:
    attempts = WebhookAttempt.objects.order_by("attempted_at", "id")
    return (
        WebhookDelivery.objects.select_related("endpoint")
        .prefetch_related(Prefetch("attempt_log", queryset=attempts))
        .filter(pk=delivery_id)
        .first()
    )
