"""The alumni record in the workspace: an edition's entries (record one, correct one, decide on
what an alumnus proposed) and the outcomes report of every edition, as a page with a chart and
as CSV."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from alumni import selectors
from alumni.models import AlumniEntry
from alumni.services import alumni_entry_decide, alumni_entry_record, alumni_entry_update
from programs.models import Cohort
from workspace import exports
from workspace.access import staff_required
from workspace.alumni_forms import AlumniDecisionForm, AlumniEntryEditForm, AlumniEntryForm
from workspace.views.editing import done_or_error, saved_or_form


def _cohort_alumni_url(entry: AlumniEntry) -> str:
    return reverse("workspace:cohort_alumni", kwargs={"slug": entry.cohort.slug})


@staff_required
@require_GET
def cohort_alumni(request: HttpRequest, slug: str) -> HttpResponse:
    cohort = get_object_or_404(Cohort, slug=slug)
    context = {
        "cohort": cohort,
        "entries": list(selectors.entries_of_cohort(cohort)),
        "decision_form": AlumniDecisionForm(),
    }
    return render(request, "workspace/alumni/cohort_alumni.html", context)


@staff_required
def alumni_entry_create(request: HttpRequest, slug: str) -> HttpResponse:
    cohort = get_object_or_404(Cohort, slug=slug)
    form = AlumniEntryForm(request.POST or None, instance=AlumniEntry(cohort=cohort))
    return saved_or_form(
        request,
        form,
        lambda data: alumni_entry_record(cohort=cohort, recorded_by=request.user, **data),
        success_url=_cohort_alumni_url,
        message=_("The alumni entry was recorded."),
        context={"title": _("New alumni entry"), "cohort": cohort},
    )


@staff_required
def alumni_entry_edit(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = get_object_or_404(AlumniEntry.objects.select_related("cohort", "talent"), pk=entry_id)
    form = AlumniEntryEditForm(request.POST or None, instance=entry)
    return saved_or_form(
        request,
        form,
        lambda data: alumni_entry_update(entry=entry, **data),
        success_url=_cohort_alumni_url,
        message=_("The alumni entry was saved."),
        context={"title": str(entry), "cohort": entry.cohort},
    )


@staff_required
@require_POST
def alumni_entry_decide_view(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = get_object_or_404(AlumniEntry.objects.select_related("cohort"), pk=entry_id)
    form = AlumniDecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, text)
        return redirect(_cohort_alumni_url(entry))
    approve = form.cleaned_data["decision"] == "approve"
    done_or_error(
        request,
        lambda: alumni_entry_decide(entry=entry, decided_by=request.user, approve=approve),
        message=_("The decision was saved."),
    )
    return redirect(_cohort_alumni_url(entry))


@staff_required
@require_GET
def outcomes(request: HttpRequest) -> HttpResponse:
    rows = selectors.outcomes_by_edition()
    context = {"rows": rows, "chart": outcome_chart(rows), "waiting": selectors.entries_waiting()}
    return render(request, "workspace/alumni/outcomes.html", context)


# The chart's measures, in the order of the bars; each an attribute of alumni.selectors.Outcomes.
CHART_MEASURES = (
    ("films_completed", gettext_lazy("Films completed")),
    ("premiered", gettext_lazy("Premiered")),
    ("shown_online", gettext_lazy("Shown online")),
    ("selections", gettext_lazy("Festival selections")),
    ("awards", gettext_lazy("Awards")),
    ("releases", gettext_lazy("Releases")),
    ("feature_debuts", gettext_lazy("Feature debuts")),
)


def outcome_chart(rows: list) -> list[dict]:
    """Bars for each edition, scaled to the largest count (the template draws them in SVG, whose
    width attributes the Content-Security-Policy allows, unlike inline styles)."""
    largest = max([getattr(row, attr) for row in rows for attr, _label in CHART_MEASURES] or [0])
    return [
        {
            "cohort": row.cohort,
            "bars": [
                {
                    "label": label,
                    "value": getattr(row, attr),
                    "width": round(300 * getattr(row, attr) / largest) if largest else 0,
                    "y": index * 22,
                }
                for index, (attr, label) in enumerate(CHART_MEASURES)
            ],
        }
        for row in rows
    ]


@staff_required
@require_GET
def outcomes_csv(request: HttpRequest) -> HttpResponse:
    header, rows = exports.outcome_rows(selectors.outcomes_by_edition())
    return exports.csv_response(filename="outcomes.csv", header=header, rows=rows)
