"""The outbox for staff: every email with its status, filtered by status, cause and recipient;
one message with its last error; a failed message sent again."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from outbox.forms import OutboxFilterForm
from outbox.models import OutboxMessage
from outbox.selectors import outbox_counts, outbox_messages
from outbox.services import message_resend
from outbox.signals import message_viewed
from workspace.access import staff_required
from workspace.views.editing import done_or_error

PAGE_SIZE = 50


@staff_required
def outbox_list(request):
    form = OutboxFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    messages = outbox_messages(
        status=filters.get("status", ""),
        cause=filters.get("cause", "").strip(),
        recipient=filters.get("recipient", "").strip(),
    )
    page = Paginator(messages, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    counts = outbox_counts()
    statuses = [(value, label, counts[value]) for value, label in OutboxMessage.Status.choices]
    context = {"form": form, "page": page, "statuses": statuses, "query": query.urlencode()}
    return render(request, "workspace/outbox.html", context)


@staff_required
def outbox_message(request, message_id: int):
    message = get_object_or_404(OutboxMessage, pk=message_id)
    message_viewed.send(sender=OutboxMessage, message=message, request=request)
    return render(request, "workspace/outbox_message.html", {"message": message})


@staff_required
@require_POST
def outbox_resend(request, message_id: int):
    message = get_object_or_404(OutboxMessage, pk=message_id)
    done_or_error(
        request,
        lambda: message_resend(message=message),
        message=_("The message is queued to be sent again."),
    )
    return redirect("workspace:outbox_message", message_id=message.pk)
