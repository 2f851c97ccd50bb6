"""CSV downloads of a cohort: roster, milestone matrix, lineup."""

from django.shortcuts import get_object_or_404
from django.utils import timezone

from programs.models import Cohort
from workspace import exports, selectors
from workspace.access import staff_required


@staff_required
def roster_csv(request, slug: str):
    cohort = get_object_or_404(Cohort, slug=slug)
    header, rows = exports.roster_rows(selectors.cohort_roster(cohort=cohort))
    return exports.csv_response(filename=f"{cohort.slug}-roster.csv", header=header, rows=rows)


@staff_required
def matrix_csv(request, slug: str):
    cohort = get_object_or_404(Cohort, slug=slug)
    dashboard = selectors.cohort_dashboard(cohort=cohort, today=timezone.localdate())
    header, rows = exports.matrix_rows(dashboard)
    return exports.csv_response(filename=f"{cohort.slug}-milestones.csv", header=header, rows=rows)


@staff_required
def lineup_csv(request, slug: str):
    cohort = get_object_or_404(Cohort, slug=slug)
    header, rows = exports.lineup_rows(selectors.cohort_lineup(cohort=cohort))
    return exports.csv_response(filename=f"{cohort.slug}-lineup.csv", header=header, rows=rows)
