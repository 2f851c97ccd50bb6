"""Industry guests' pages in the portal: the edition's films with their own screener passes,
the screener itself (each opening recorded), and for a director, who watched their film.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from films.access import get_film_for_director
from guests.industry import screener_view_record
from guests.selectors import industry_passes, screener_pass_for, screener_viewers
from guests.selectors import meetable_films as industry_meetable


@login_required
@require_GET
def industry_home(request: HttpRequest) -> HttpResponse:
    passes = industry_passes(request.user)
    if not passes and not request.user.industry_accreditations.filter(is_active=True).exists():
        raise Http404
    context = {"passes": passes, "meetable": industry_meetable(request.user)}
    return render(request, "portal/guests/industry_home.html", context)


@login_required
@require_GET
@never_cache
def screener(request: HttpRequest, code: str) -> HttpResponse:
    screener_pass = screener_pass_for(request.user, code)
    if screener_pass is None:
        raise Http404
    context = {"pass": screener_pass, "film": screener_pass.film}
    try:
        screener_view_record(screener_pass=screener_pass)
    except ValidationError as error:
        context["problem"] = " ".join(error.messages)
        return render(request, "portal/guests/screener.html", context, status=410)
    context["screener"] = screener_pass.film.screener
    return render(request, "portal/guests/screener.html", context)


@login_required
@require_GET
def film_viewers(request: HttpRequest, film_id: int) -> HttpResponse:
    film = get_film_for_director(request.user, film_id)
    context = {"film": film, "viewers": screener_viewers(film)}
    return render(request, "portal/guests/film_viewers.html", context)
