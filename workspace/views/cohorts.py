"""Running a cohort: create it (with a copied schedule), edit it, enrol directors, set the
panel, record its partners, send announcements."""

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentors.models import PanelMembership
from mentors.services import panel_member_add, panel_member_remove
from programs.models import Cohort
from programs.services import cohort_partner_add, cohort_update, milestone_schedule_copy
from talents.models import Enrollment
from talents.services import (
    enrollment_create,
    enrollment_create_with_new_talent,
    enrollment_set_status,
)
from workspace import forms, selectors
from workspace.access import staff_required
from workspace.models import Announcement
from workspace.services import announcement_send, cohort_create_from
from workspace.views.editing import done_or_error, saved_or_form


def _dashboard_url(cohort: Cohort) -> str:
    return reverse("workspace:cohort", kwargs={"slug": cohort.slug})


def _roster_url(cohort: Cohort) -> str:
    return reverse("workspace:roster", kwargs={"slug": cohort.slug})


@staff_required
def cohort_create(request):
    form = forms.CohortCreateForm(request.POST or None)
    return saved_or_form(
        request,
        form,
        lambda data: cohort_create_from(**data),
        success_url=_dashboard_url,
        message=_("The cohort was created."),
        context={"title": _("New cohort")},
    )


@staff_required
def cohort_edit(request, slug: str):
    cohort = get_object_or_404(Cohort, slug=slug)
    form = forms.CohortForm(request.POST or None, instance=cohort)
    return saved_or_form(
        request,
        form,
        lambda data: cohort_update(cohort=cohort, **data),
        success_url=_dashboard_url,
        message=_("The cohort was saved."),
        context={
            "title": _("Edit cohort"),
            "cohort": cohort,
            "history": selectors.object_history(instance=cohort),
        },
    )


@staff_required
def schedule_copy(request, slug: str):
    cohort = get_object_or_404(Cohort, slug=slug)
    form = forms.ScheduleCopyForm(request.POST or None)
    return saved_or_form(
        request,
        form,
        lambda data: milestone_schedule_copy(target=cohort, **data),
        success_url=_dashboard_url(cohort),
        message=_("The milestone schedule was copied."),
        context={"title": _("Copy a milestone schedule"), "cohort": cohort},
    )


@staff_required
def roster(request, slug: str):
    cohort = get_object_or_404(Cohort, slug=slug)
    return _roster_page(request, cohort)


def _roster_page(request, cohort: Cohort, status: int = 200, **bound):
    context = {
        "cohort": cohort,
        "roster": selectors.cohort_roster(cohort=cohort),
        "enrol_form": bound.get("enrol_form") or forms.EnrollmentForm(cohort=cohort),
        "panel_form": bound.get("panel_form") or forms.PanelMemberForm(),
        "film_form": bound.get("film_form") or forms.FilmCreateForm(cohort=cohort),
        "statuses": Enrollment.Status.choices,
    }
    return render(request, "workspace/roster.html", context, status=status)


def _roster_form_post(request, cohort: Cohort, form_name: str, form, save, message: str):
    response = saved_or_form(request, form, save, success_url=_roster_url(cohort), message=message)
    if response.status_code == 302:
        return response
    return _roster_page(request, cohort, status=400, **{form_name: form})


@staff_required
@require_POST
def enrol(request, slug: str):
    cohort = get_object_or_404(Cohort, slug=slug)
    form = forms.EnrollmentForm(request.POST, cohort=cohort)
    return _roster_form_post(
        request,
        cohort,
        "enrol_form",
        form,
        lambda data: _enrol(cohort, form, **data),
        _("The director was enrolled."),
    )


def _enrol(cohort: Cohort, form, *, talent, role: str, status: str, **_new) -> Enrollment:
    new_talent = form.new_talent()
    if new_talent:
        return enrollment_create_with_new_talent(
            cohort=cohort, role=role, status=status, **new_talent
        )
    return enrollment_create(cohort=cohort, talent=talent, role=role, status=status)


@staff_required
@require_POST
def enrollment_status(request, enrollment_id: int):
    enrollment = get_object_or_404(Enrollment.objects.select_related("cohort"), pk=enrollment_id)
    form = forms.EnrollmentStatusForm(request.POST, instance=enrollment)
    if form.is_valid():
        done_or_error(
            request,
            lambda: enrollment_set_status(enrollment=enrollment, **form.cleaned_data),
            message=_("The enrolment was updated."),
        )
    else:
        return _roster_page(request, enrollment.cohort, status=400)
    return redirect(_roster_url(enrollment.cohort))


@staff_required
@require_POST
def panel_add(request, slug: str):
    cohort = get_object_or_404(Cohort, slug=slug)
    form = forms.PanelMemberForm(request.POST, instance=PanelMembership(cohort=cohort))
    return _roster_form_post(
        request,
        cohort,
        "panel_form",
        form,
        lambda data: panel_member_add(cohort=cohort, **data),
        _("The mentor joined the coaching panel."),
    )


@staff_required
@require_POST
def panel_remove(request, membership_id: int):
    membership = get_object_or_404(
        PanelMembership.objects.select_related("cohort"), pk=membership_id
    )
    cohort = membership.cohort
    done_or_error(
        request,
        lambda: panel_member_remove(membership=membership),
        message=_("The mentor left the coaching panel."),
    )
    return redirect(_roster_url(cohort))


@staff_required
def partners(request, slug: str):
    cohort = get_object_or_404(Cohort, slug=slug)
    form = forms.CohortPartnerForm(request.POST or None)
    return saved_or_form(
        request,
        form,
        lambda data: cohort_partner_add(cohort=cohort, **data),
        success_url=reverse("workspace:cohort_partners", kwargs={"slug": cohort.slug}),
        message=_("The partner was added to the cohort."),
        template="workspace/cohort_partners.html",
        context={
            "cohort": cohort,
            "partnerships": cohort.partnerships.select_related("partner").order_by("order"),
        },
    )


@staff_required
def announcements(request, slug: str):
    cohort = get_object_or_404(Cohort, slug=slug)
    form = forms.AnnouncementForm(request.POST or None, instance=Announcement(cohort=cohort))
    return saved_or_form(
        request,
        form,
        lambda data: announcement_send(cohort=cohort, sent_by=request.user, **data),
        success_url=reverse("workspace:announcements", kwargs={"slug": cohort.slug}),
        message=_("The announcement is on its way."),
        template="workspace/announcements.html",
        context={
            "cohort": cohort,
            "sent": cohort.announcements.select_related("sent_by").order_by("-created_at"),
        },
    )
