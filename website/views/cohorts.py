"""The public cohort pages. Views are the web layer and may call the selectors of every app
they show (a cohort page shows its directors, panel, films and screenings)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from core.public_cache import cached_public_page
from films.selectors import films_for_cohort
from mentors.selectors import panel_for_cohort
from programs.selectors import cohorts_public, partnerships_for_cohort
from screenings.selectors import screenings_for_cohort
from talents.models import Enrollment
from talents.selectors import directors_for_cohort


@cached_public_page
def cohort_list(request: HttpRequest) -> HttpResponse:
    return render(request, "website/cohort_list.html", {"cohorts": list(cohorts_public())})


@cached_public_page
def cohort_detail(request: HttpRequest, slug: str) -> HttpResponse:
    cohort = get_object_or_404(cohorts_public(), slug=slug)
    directors = list(directors_for_cohort(cohort))
    context = {
        "cohort": cohort,
        "directors": directors,
        # The alumni page (website.views.alumni) lists the graduates.
        "has_alumni": any(e.status == Enrollment.Status.GRADUATED for e in directors),
        "films": list(films_for_cohort(cohort)),
        "panel": list(panel_for_cohort(cohort)),
        "partnerships": list(partnerships_for_cohort(cohort)),
        "screenings": list(screenings_for_cohort(cohort)),
    }
    return render(request, "website/cohort_detail.html", context)
