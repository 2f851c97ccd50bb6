"""The security trail for staff: sign-ins, lockouts, role changes, downloads, exports and
erasures (accounts.SecurityEvent), filtered by event, person, address and day."""

from django.core.paginator import Paginator
from django.shortcuts import render

from accounts.forms import SecurityEventFilterForm
from accounts.selectors import security_events_filtered
from workspace.access import staff_required

EVENTS_PER_PAGE = 50


@staff_required
def security_events(request):
    form = SecurityEventFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = security_events_filtered(**filters).select_related("user", "actor")
    page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render(request, "workspace/security.html", context, status=400 if form.errors else 200)
