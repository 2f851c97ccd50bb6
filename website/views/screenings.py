"""Public screening pages and their calendar files."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.public_cache import cached_public_page
from screenings.calendar import screenings_calendar
from screenings.selectors import (
    screening_public_get,
    screenings_for_feed,
    screenings_with_films,
)


@cached_public_page
def screening_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    screenings = list(screenings_with_films())
    context = {
        "upcoming": [s for s in screenings if s.ends_at > now],
        "past": [s for s in reversed(screenings) if s.ends_at <= now],
    }
    return render(request, "website/screening_list.html", context)


@cached_public_page
def screening_detail(request: HttpRequest, cohort: str, slug: str) -> HttpResponse:
    screening = _screening_or_404(cohort, slug)
    return render(request, "website/screening_detail.html", {"screening": screening})


@cached_public_page
def calendar_feed(request: HttpRequest) -> HttpResponse:
    screenings = list(screenings_for_feed(now=timezone.now()))
    return _calendar_response(request, screenings, _("Screenings"), "screenings.ics")


@cached_public_page
def screening_calendar(request: HttpRequest, cohort: str, slug: str) -> HttpResponse:
    screening = _screening_or_404(cohort, slug)
    return _calendar_response(request, [screening], str(screening.title), f"{cohort}-{slug}.ics")


def _screening_or_404(cohort_slug: str, slug: str):
    screening = screening_public_get(cohort_slug=cohort_slug, slug=slug)
    if screening is None:
        raise Http404
    return screening


def _calendar_response(request, screenings, name: str, filename: str) -> HttpResponse:
    body = screenings_calendar(
        screenings,
        absolute_url=request.build_absolute_uri,
        name=name,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
