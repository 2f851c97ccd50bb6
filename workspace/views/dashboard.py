"""The workspace's reading pages: the cohort list, a cohort's dashboard and timeline, one
submission with its versions."""

from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from core.private_cache import cached_private_page
from core.public_cache import working_data_version
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
@cached_private_page
def cohort_dashboard(request, slug: str):
    cohort = get_object_or_404(Cohort, slug=slug)
    # Lazy: the template caches the rendered matrix, timeline and attention lists per version of
    # the working data (core.public_cache), so a cached dashboard runs none of these queries.
    dashboard = SimpleLazyObject(
        lambda: selectors.cohort_dashboard(cohort=cohort, today=timezone.localdate())
    )
    context = {
        "cohort": cohort,
        "dashboard": dashboard,
        "timeline": SimpleLazyObject(lambda: timeline_build(dashboard)),
        "working_data_version": working_data_version(),
    }
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
