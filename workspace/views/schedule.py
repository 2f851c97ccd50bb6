"""A cohort's milestone schedule: its production pipeline, milestone by milestone."""

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from programs.models import Cohort, CohortPartner, MilestoneDefinition
from programs.services import (
    cohort_partner_remove,
    milestone_add,
    milestone_remove,
    milestone_update,
)
from workspace import forms, selectors
from workspace.access import staff_required
from workspace.views.editing import done_or_error, saved_or_form


def _schedule_url(cohort: Cohort) -> str:
    return reverse("workspace:milestones", kwargs={"slug": cohort.slug})


@staff_required
def milestone_list(request, slug: str):
    cohort = get_object_or_404(Cohort, slug=slug)
    milestones = cohort.milestones.order_by("order")
    return render(
        request, "workspace/milestones.html", {"cohort": cohort, "milestones": milestones}
    )


@staff_required
def milestone_create(request, slug: str):
    cohort = get_object_or_404(Cohort, slug=slug)
    next_order = (
        cohort.milestones.order_by("-order").values_list("order", flat=True).first() or 0
    ) + 1
    form = forms.MilestoneForm(
        request.POST or None,
        instance=MilestoneDefinition(cohort=cohort),
        initial={"order": next_order},
    )
    return saved_or_form(
        request,
        form,
        lambda data: milestone_add(cohort=cohort, **data),
        success_url=_schedule_url(cohort),
        message=_("The milestone was added."),
        context={"title": _("New milestone"), "cohort": cohort},
    )


@staff_required
def milestone_edit(request, milestone_id: int):
    milestone = get_object_or_404(
        MilestoneDefinition.objects.select_related("cohort"), pk=milestone_id
    )
    form = forms.MilestoneForm(request.POST or None, instance=milestone)
    return saved_or_form(
        request,
        form,
        lambda data: milestone_update(milestone=milestone, **data),
        success_url=_schedule_url(milestone.cohort),
        message=_("The milestone was saved."),
        context={
            "title": _("Edit milestone"),
            "cohort": milestone.cohort,
            "history": selectors.object_history(instance=milestone),
        },
    )


@staff_required
@require_POST
def milestone_delete(request, milestone_id: int):
    milestone = get_object_or_404(
        MilestoneDefinition.objects.select_related("cohort"), pk=milestone_id
    )
    cohort = milestone.cohort
    done_or_error(
        request,
        lambda: milestone_remove(milestone=milestone),
        message=_("The milestone was removed."),
    )
    return redirect(_schedule_url(cohort))


@staff_required
@require_POST
def cohort_partner_delete(request, partnership_id: int):
    partnership = get_object_or_404(
        CohortPartner.objects.select_related("cohort"), pk=partnership_id
    )
    cohort = partnership.cohort
    done_or_error(
        request,
        lambda: cohort_partner_remove(partnership=partnership),
        message=_("The partner was removed from this cohort."),
    )
    return redirect(reverse("workspace:cohort_partners", kwargs={"slug": cohort.slug}))
