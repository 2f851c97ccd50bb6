"""Who may use a film's production pages in the portal: its team — the director and the
producer — requests and cancels bookings; its reviewers (the cohort's panel) may look."""

from django.db.models import Q, QuerySet
from django.http import Http404

from films.access import films_for_user
from films.models import Film


def films_for_team(user) -> QuerySet[Film]:
    if not user.is_authenticated:
        return Film.objects.none()
    return Film.objects.filter(Q(director__user=user) | Q(producer__user=user))


def get_film_for_team(user, film_id: int) -> Film:
    film = films_for_team(user).select_related("cohort", "director").filter(pk=film_id).first()
    if film is None:
        raise Http404
    return film


def get_film_for_viewer(user, film_id: int) -> Film:
    film = films_for_user(user).select_related("cohort", "director").filter(pk=film_id).first()
    if film is None:
        raise Http404
    return film
