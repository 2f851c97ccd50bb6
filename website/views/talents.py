"""The public director page. Views are the web layer and may call the selectors of every app
they show (here the director's films)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from alumni.selectors import entries_public_for_talent
from core.public_cache import cached_public_page
from films.selectors import films_for_director
from talents.selectors import enrollments_for_talent, talents_public


@cached_public_page
def talent_detail(request: HttpRequest, slug: str) -> HttpResponse:
    talent = get_object_or_404(talents_public(), slug=slug)
    context = {
        "talent": talent,
        "enrollments": list(enrollments_for_talent(talent)),
        "films": list(films_for_director(talent)),
        "alumni_entries": list(entries_public_for_talent(talent)),
    }
    return render(request, "website/talent_detail.html", context)
