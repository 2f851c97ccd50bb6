"""Who may see and change which film in the portal: the one place the object-level rules live.
A film's director sees and changes it; its producer and the panel seats of its cohort whose role
reviews (the cohort decides which) see and review it;
for everybody else it does not exist (404, never 403, so existence does not leak)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from films.models import Film, MilestoneSubmission
from mentors.selectors import reviewing_panel_seats


def _panel_cohorts(user) -> QuerySet:
    """The cohorts whose panel the user reviews for (their role reviews in that cohort)."""
    return reviewing_panel_seats(mentor__user=user).values("cohort_id")


def reviewer_films_q(user) -> Q:
    return Q(producer__user=user) | Q(cohort_id__in=_panel_cohorts(user))


def films_for_user(user) -> QuerySet[Film]:
    if not user.is_authenticated:
        return Film.objects.none()
    return Film.objects.filter(Q(director__user=user) | reviewer_films_q(user))


def films_reviewed_by(user) -> QuerySet[Film]:
    if not user.is_authenticated:
        return Film.objects.none()
    return Film.objects.filter(reviewer_films_q(user))


def films_directed_by(user) -> QuerySet[Film]:
    if not user.is_authenticated:
        return Film.objects.none()
    return Film.objects.filter(director__user=user)


def is_director_of(user, film: Film) -> bool:
    return bool(film.director.user_id) and film.director.user_id == user.pk


def is_reviewer_of(user, film: Film) -> bool:
    return films_reviewed_by(user).filter(pk=film.pk).exists()


def _get_or_404(queryset: QuerySet, pk: int):
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def get_film_for_user(user, film_id: int) -> Film:
    """A film the user may see (director, producer or panel member)."""
    return _get_or_404(
        films_for_user(user).select_related("cohort", "director", "producer"), film_id
    )


def get_film_for_director(user, film_id: int) -> Film:
    """A film the user may change: only its director."""
    return _get_or_404(films_directed_by(user).select_related("cohort", "director"), film_id)


def get_submission_for_user(user, submission_id: int) -> MilestoneSubmission:
    submissions = MilestoneSubmission.objects.filter(film__in=films_for_user(user))
    return _get_or_404(_with_film(submissions), submission_id)


def get_submission_for_reviewer(user, submission_id: int) -> MilestoneSubmission:
    submissions = MilestoneSubmission.objects.filter(film__in=films_reviewed_by(user))
    return _get_or_404(_with_film(submissions), submission_id)


def _with_film(submissions: QuerySet) -> QuerySet:
    return submissions.select_related(
        "film__cohort", "film__director__user", "film__producer__user", "milestone"
    )
