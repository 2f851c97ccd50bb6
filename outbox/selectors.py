"""Reads of the outbox for the staff pages (workspace.views.outbox)."""

from django.db.models import Count, Q, QuerySet

from outbox.models import OutboxMessage


def outbox_messages(*, status: str = "", cause: str = "", recipient: str = "") -> QuerySet:
    """Newest first. `cause` matches a whole cause ("submission:12") or its kind ("submission");
    `recipient` is a part of the address."""
    messages = OutboxMessage.objects.defer("body_text", "body_html")
    if status:
        messages = messages.filter(status=status)
    if cause:
        messages = messages.filter(Q(cause=cause) | Q(cause__startswith=f"{cause}:"))
    if recipient:
        messages = messages.filter(recipient__icontains=recipient)
    return messages


def outbox_counts() -> dict[str, int]:
    """How many messages are in each status (every status listed, zero included)."""
    counts = dict.fromkeys(OutboxMessage.Status.values, 0)
    rows = OutboxMessage.objects.values_list("status").annotate(count=Count("pk")).order_by()
    counts.update(dict(rows))
    return counts
