"""The workspace's reading pages: the cohort list, a cohort's dashboard and timeline, one
submission with its versions."""

from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from films.models import MilestoneSubmission
from programs.models import Cohort
from workspace import selectors
from workspace.access import staff_required
from workspace.timeline import timeline_build


@staff_required
def home(request):
    cohorts = selectors.cohorts_for_workspace()
    return render(request, "workspace/home.html", {"cohorts": cohorts})


@staff_required
def cohort_dashboard(request, slug: str):
    cohort = get_object_or_404(Cohort, slug=slug)
    dashboard = selectors.cohort_dashboard(cohort=cohort, today=timezone.localdate())
    context = {"cohort": cohort, "dashboard": dashboard, "timeline": timeline_build(dashboard)}
    return render(request, "workspace/dashboard.html", context)


@staff_required
def cohort_timeline(request, slug: str):
    cohort = get_object_or_404(Cohort, slug=slug)
    dashboard = selectors.cohort_dashboard(cohort=cohort, today=timezone.localdate())
    context = {"cohort": cohort, "dashboard": dashboard, "timeline": timeline_build(dashboard)}
    return render(request, "workspace/timeline.html", context)


@staff_required
def submission_detail(request, submission_id: int):
    submission = get_object_or_404(
        MilestoneSubmission.objects.select_related("film__cohort", "film__director", "milestone"),
        pk=submission_id,
    )
    versions = selectors.submission_versions(submission=submission)
    context = {"submission": submission, "film": submission.film, "versions": versions}
    return render(request, "workspace/submission.html", context)
