"""The public mentor page. Views are the web layer and may call the selectors of every app
they show (here the films a mentor produced)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from core.public_cache import cached_public_page
from films.selectors import films_for_producer, mentors_public
from mentors.selectors import panel_seats_public


@cached_public_page
def mentor_detail(request: HttpRequest, slug: str) -> HttpResponse:
    mentor = get_object_or_404(mentors_public(), slug=slug)
    seats = list(panel_seats_public(mentor))
    films = list(films_for_producer(mentor))
    return render(
        request, "website/mentor_detail.html", {"mentor": mentor, "seats": seats, "films": films}
    )
