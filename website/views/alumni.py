"""The public alumni page of an edition: its graduated directors, their films and the later
career entries they consented to show (approved by staff). Nothing else about a person: the
headshot only with its own consent, no contact data."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from alumni.selectors import alumni_of_cohort
from core.public_cache import cached_public_page
from programs.selectors import cohorts_public


@cached_public_page
def cohort_alumni(request: HttpRequest, slug: str) -> HttpResponse:
    cohort = get_object_or_404(cohorts_public(), slug=slug)
    context = {"cohort": cohort, "alumni": alumni_of_cohort(cohort)}
    return render(request, "website/cohort_alumni.html", context)
