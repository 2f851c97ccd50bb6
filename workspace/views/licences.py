"""Licence windows in the workspace: every licence with its state (upcoming, active, ending
within the warning period, ended), the conflicts between licences and the online exhibitions no
licence covers any more; adding and correcting a licence. The rules live in rights."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from films.models import Film
from rights import selectors
from rights.models import Licence
from rights.services import WARNING_DAYS, licence_create, licence_update
from screenings.selectors import online_entries_outside_licence
from workspace.access import staff_required
from workspace.licence_forms import LicenceForm
from workspace.views.editing import saved_or_form


@staff_required
@require_GET
def licence_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    licences = list(selectors.licences_all())
    for licence in licences:
        licence.state = selectors.licence_state(licence, today=today, warning_days=WARNING_DAYS)
    context = {
        "licences": licences,
        "ending": [licence for licence in licences if licence.state == "ending"],
        "conflicts": selectors.licence_conflicts(licences),
        "uncovered": online_entries_outside_licence(now=timezone.now()),
        "warning_days": WARNING_DAYS,
    }
    return render(request, "workspace/licences/list.html", context)


def _saved(request: HttpRequest, licence: Licence) -> str:
    """Back to the list, warning at once when the change leaves an online exhibition of the
    film outside every licence."""
    uncovered = [
        entry
        for entry in online_entries_outside_licence(now=timezone.now())
        if entry.film_id == licence.film_id
    ]
    for entry in uncovered:
        messages.warning(
            request,
            _("No licence covers %(film)s in %(screening)s any more.")
            % {"film": entry.film, "screening": entry.screening.title},
        )
    return reverse("workspace:licences")


@staff_required
def licence_create_view(request: HttpRequest) -> HttpResponse:
    film = Film.objects.filter(pk=_int_or_none(request.GET.get("film"))).first()
    form = LicenceForm(request.POST or None, initial={"film": film})
    return saved_or_form(
        request,
        form,
        lambda data: licence_create(**data),
        success_url=lambda licence: _saved(request, licence),
        message=_("The licence was added."),
        context={"title": _("New licence")},
    )


@staff_required
def licence_edit(request: HttpRequest, licence_id: int) -> HttpResponse:
    licence = get_object_or_404(Licence.objects.select_related("film"), pk=licence_id)
    form = LicenceForm(request.POST or None, instance=licence)
    return saved_or_form(
        request,
        form,
        lambda data: licence_update(licence=licence, **data),
        success_url=lambda saved: _saved(request, saved),
        message=_("The licence was saved."),
        context={"title": str(licence)},
    )


def _int_or_none(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() and len(text) < 10 else None
