"""The public lineup and film pages. Views are the web layer: a page may call the selectors of
every app it shows (the film page shows its screenings), while models, services and selectors
keep to the apps' dependency direction."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from core.pagination import HorizonPaginator
from core.public_cache import cached_public_page
from films.selectors import (
    LineupFilter,
    credits_for_film,
    film_public_get,
    lineup_films,
    stills_for_film,
)
from programs.selectors import cohorts_public
from screenings.selectors import entries_for_film, watch_windows
from website.forms import LineupFilterForm

LINEUP_PAGE_SIZE = 24
LINEUP_COUNT_AHEAD = 1000


@cached_public_page
def lineup(request: HttpRequest) -> HttpResponse:
    form = LineupFilterForm(request.GET or None, cohorts=list(cohorts_public()))
    if request.GET and not form.is_valid():
        return render(request, "website/lineup.html", {"form": form, "page": None}, status=400)
    lineup_filter = form.lineup_filter() if request.GET else LineupFilter()
    page_number = (form.cleaned_data.get("page") if request.GET else None) or 1
    # The count looks 1,000 films past the page: at 20,000 films counting all of them cost
    # more than the page (bench/flat_costs.py).
    paginator = HorizonPaginator(
        lineup_films(lineup_filter), LINEUP_PAGE_SIZE, number=page_number, ahead=LINEUP_COUNT_AHEAD
    )
    page = paginator.get_page(page_number)
    context = {
        "form": form,
        "page": page,
        "is_filtered": lineup_filter != LineupFilter(),
        "query_without_page": _query_without_page(request),
    }
    return render(request, "website/lineup.html", context)


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@cached_public_page
def film_detail(request: HttpRequest, cohort: str, slug: str) -> HttpResponse:
    film = film_public_get(cohort_slug=cohort, slug=slug)
    if film is None:
        raise Http404
    entries = list(entries_for_film(film))
    context = {
        "film": film,
        "credits": list(credits_for_film(film)),
        "stills": list(stills_for_film(film)),
        "entries": entries,
        "watch_windows": watch_windows(entries, now=timezone.now()),
    }
    return render(request, "website/film_detail.html", context)
