"""Reads of the training app that pages share: a cohort's sessions, one session with its
people, a person's sessions and milestone due dates (portal and calendar feed), who may read
which notes, and the mentors' workload. Fixed query counts."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import (
    Count,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from films.access import films_directed_by, films_for_user
from films.models import Film, MilestoneSubmission
from mentors.models import Mentor
from programs.models import Cohort, MilestoneDefinition
from training.models import Attendee, CalendarFeed, Session, SessionNote


def sessions_of_cohort(cohort: Cohort) -> QuerySet[Session]:
    return (
        cohort.sessions.prefetch_related("films", "mentors")
        .annotate(
            invited=Count("attendees", distinct=True),
            attending=Count("attendees", filter=Q(attendees__response="attending"), distinct=True),
        )
        .order_by("starts_at", "pk")
    )


def session_people(session: Session) -> QuerySet[Attendee]:
    return session.attendees.select_related("user", "film").order_by("is_mentor", "film_id", "pk")


def session_for_user(user, session_id: int) -> Session | None:
    """A session the person was invited to (or teaches)."""
    return (
        Session.objects.filter(pk=session_id)
        .filter(Q(attendees__user=user) | Q(mentors__user=user))
        .select_related("cohort")
        .distinct()
        .first()
    )


def notes_visible_to(session: Session, user) -> QuerySet[SessionNote]:
    """Notes on the films the person directs, produces or mentors, and their own; staff all."""
    notes = session.notes.select_related("film", "author").order_by("created_at", "pk")
    if user.is_staff:
        return notes
    return notes.filter(Q(film__in=films_for_user(user)) | Q(author=user))


def user_sessions(user) -> QuerySet[Attendee]:
    return (
        Attendee.objects.filter(user=user)
        .select_related("session__cohort", "film")
        .order_by("session__starts_at")
    )


@dataclass(frozen=True)
class DueDate:
    film: Film
    milestone: MilestoneDefinition


def user_due_dates(user) -> list[DueDate]:
    """The milestone due dates of the films the person directs, from today on."""
    films = films_directed_by(user).select_related("cohort")
    today = timezone.localdate()
    milestones = MilestoneDefinition.objects.filter(
        cohort__films__in=films, due_date__gte=today
    ).order_by("due_date")
    by_cohort = {}
    for film in films:
        by_cohort.setdefault(film.cohort_id, []).append(film)
    return [
        DueDate(film, milestone)
        for milestone in milestones.distinct()
        for film in by_cohort.get(milestone.cohort_id, [])
    ]


def feed_owner(token_hash: str):
    feed = CalendarFeed.objects.filter(token_hash=token_hash).select_related("user").first()
    return feed.user if feed and feed.user.is_active else None


# --- Mentor workload ------------------------------------------------------------------------


class _CountDistinct(Func):
    # COUNT without GROUP BY: the subquery answers one row, the count of what it matched.
    function = "COUNT"
    template = "%(function)s(DISTINCT %(expressions)s)"
    output_field = IntegerField()


def _count(queryset) -> Coalesce:
    counted = queryset.order_by().annotate(n=_CountDistinct(F("pk"))).values("n")
    return Coalesce(Subquery(counted[:1], output_field=IntegerField()), Value(0))


def mentor_workload(cohort: Cohort) -> QuerySet[Mentor]:
    """The cohort's mentors (panel, producers, session mentors) with, each: sessions held,
    reviews done, reviews waiting on the films they review, films they produce. One query."""
    now = timezone.now()
    mentor = OuterRef("pk")
    held = Session.objects.filter(cohort=cohort, mentors=mentor, ends_at__lt=now)
    done = MilestoneSubmission.objects.filter(
        film__cohort=cohort, reviewed_by__mentor_profile=mentor
    )
    newest = MilestoneSubmission.objects.filter(
        film=OuterRef("film"), milestone=OuterRef("milestone")
    ).order_by("-version")
    waiting = MilestoneSubmission.objects.filter(
        Q(film__producer=mentor) | Q(film__cohort__panel__mentor=mentor),
        film__cohort=cohort,
        status=MilestoneSubmission.Status.SUBMITTED,
        version=Subquery(newest.values("version")[:1]),
    )
    produced = Film.objects.filter(cohort=cohort, producer=mentor)
    return (
        Mentor.objects.filter(
            Q(panel_seats__cohort=cohort)
            | Q(produced_films__cohort=cohort)
            | Q(sessions__cohort=cohort)
        )
        .distinct()
        .annotate(
            sessions_held=_count(held),
            reviews_done=_count(done),
            reviews_waiting=_count(waiting),
            films_followed=_count(produced),
        )
        .order_by("name_latin", "name_original")
    )
