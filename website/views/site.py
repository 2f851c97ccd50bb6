"""Site-wide pages: the home page (the web layer composing every app's selectors) and
robots.txt and sitemap.xml."""

from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from core.public_cache import cached_public_page
from films.selectors import (
    cohort_with_films_latest,
    films_for_cohort,
    films_public,
    mentors_public,
)
from mentors.selectors import panel_for_cohort
from programs.selectors import (
    cohort_current,
    cohort_in_training,
    cohorts_public,
    partnerships_for_cohort,
)
from screenings.selectors import screenings_public, screenings_upcoming
from talents.selectors import talents_public
from website.sitemaps import ObjectsSitemap, PagesSitemap

HOME_UPCOMING_SCREENINGS = 4


@cached_public_page
def home(request: HttpRequest) -> HttpResponse:
    # Lead with the newest edition that has films to show; the one in training, if another,
    # is announced beside it. Without published films anywhere, the newest edition leads.
    cohort = cohort_with_films_latest() or cohort_current()
    in_training = cohort_in_training()
    context = {
        "cohort": cohort,
        "in_training": in_training if in_training != cohort else None,
        "films": list(films_for_cohort(cohort)) if cohort else [],
        "panel": list(panel_for_cohort(cohort)) if cohort else [],
        "partnerships": list(partnerships_for_cohort(cohort)) if cohort else [],
        "upcoming": screenings_upcoming(now=timezone.now(), limit=HOME_UPCOMING_SCREENINGS),
    }
    return render(request, "website/home.html", context)


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


SITEMAP_SECTIONS = {
    "pages": PagesSitemap(["home", "films:lineup", "programs:cohort_list", "screenings:list"]),
    "cohorts": ObjectsSitemap(cohorts_public),
    "films": ObjectsSitemap(films_public),
    "directors": ObjectsSitemap(talents_public),
    "mentors": ObjectsSitemap(mentors_public),
    "screenings": ObjectsSitemap(screenings_public),
}


@cached_public_page
def sitemap(request: HttpRequest) -> HttpResponse:
    return sitemap_view(request, sitemaps=SITEMAP_SECTIONS)
