"""Reads of the portal pages: a film's milestone timeline, one milestone's versions with their
threads, the review queue. Kept apart from the public site's selectors; the access rules they
build on live in films.access."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from films.access import films_directed_by, films_reviewed_by
from films.models import (
    DeliverableUpload,
    Film,
    FilmRevision,
    MilestoneSubmission,
    SubmissionComment,
)
from films.pipeline import approved_milestone_ids, lock_reason, missing_requirements
from programs.models import MilestoneDefinition

MILESTONE_STATES = {
    "not_started": _("Not started"),
    "submitted": _("Submitted"),
    "changes_requested": _("Changes requested"),
    "approved": _("Approved"),
    "overdue": _("Overdue"),
}


@dataclass(frozen=True)
class MilestoneRow:
    milestone: MilestoneDefinition
    latest: MilestoneSubmission | None
    state: str
    # Why nothing can be submitted yet (earlier milestones it requires); "" when open.
    locked_reason: str = ""

    @property
    def state_label(self) -> str:
        return MILESTONE_STATES[self.state]

    @property
    def is_locked(self) -> bool:
        return self.state == "approved"


def milestone_state(
    milestone: MilestoneDefinition, latest: MilestoneSubmission | None, today: datetime.date
) -> str:
    if latest is not None and latest.status != MilestoneSubmission.Status.CHANGES_REQUESTED:
        return latest.status
    if milestone.due_date < today:
        return "overdue"
    return latest.status if latest is not None else "not_started"


def _latest_versions(film: Film) -> dict[int, MilestoneSubmission]:
    newest = MilestoneSubmission.objects.filter(
        film=OuterRef("film"), milestone=OuterRef("milestone")
    ).order_by("-version")
    latest = film.submissions.filter(version=Subquery(newest.values("version")[:1]))
    return {submission.milestone_id: submission for submission in latest}


def _locked_reason(milestone: MilestoneDefinition, approved: set[int]) -> str:
    missing = missing_requirements(milestone, approved)
    return lock_reason(missing) if missing else ""


def milestone_timeline(film: Film) -> list[MilestoneRow]:
    today = timezone.localdate()
    latest = _latest_versions(film)
    approved = {pk for pk, s in latest.items() if s.status == MilestoneSubmission.Status.APPROVED}
    rows = []
    for milestone in film.cohort.milestones.prefetch_related("requires").order_by("order"):
        submission = latest.get(milestone.pk)
        state = milestone_state(milestone, submission, today)
        rows.append(MilestoneRow(milestone, submission, state, _locked_reason(milestone, approved)))
    return rows


def milestone_row(film: Film, milestone: MilestoneDefinition) -> MilestoneRow:
    latest = film.submissions.filter(milestone=milestone).order_by("-version").first()
    state = milestone_state(milestone, latest, timezone.localdate())
    reason = _locked_reason(milestone, approved_milestone_ids(film))
    return MilestoneRow(milestone, latest, state, reason)


def milestone_versions(film: Film, milestone: MilestoneDefinition) -> QuerySet:
    comments = SubmissionComment.objects.select_related("author").order_by("created_at", "id")
    return (
        film.submissions.filter(milestone=milestone)
        .select_related("submitted_by", "reviewed_by")
        .prefetch_related(Prefetch("comments", queryset=comments))
        .order_by("-version")
    )


def review_queue(user) -> QuerySet[MilestoneSubmission]:
    """Latest versions waiting for a decision on the films the user reviews, oldest first."""
    newest = MilestoneSubmission.objects.filter(
        film=OuterRef("film"), milestone=OuterRef("milestone")
    ).order_by("-version")
    return (
        MilestoneSubmission.objects.filter(
            film__in=films_reviewed_by(user),
            status=MilestoneSubmission.Status.SUBMITTED,
            version=Subquery(newest.values("version")[:1]),
        )
        .select_related("film__cohort", "film__director", "milestone")
        .order_by("submitted_at", "id")
    )


def portal_films(user) -> tuple[QuerySet[Film], QuerySet[Film]]:
    """(films the user directs, films the user reviews)."""
    related = ("cohort", "director", "producer")
    return (
        films_directed_by(user).select_related(*related).order_by("-cohort__year", "pk"),
        films_reviewed_by(user).select_related(*related).order_by("-cohort__year", "pk"),
    )


def pending_revisions(film: Film) -> QuerySet[FilmRevision]:
    return film.revisions.filter(status=FilmRevision.Status.PENDING).order_by("created_at")


def unfinished_upload(film: Film, milestone: MilestoneDefinition, user):
    """The director's latest upload for this milestone not yet handed in: the page offers to
    continue it (the uploader resumes when the same file is chosen again)."""
    return (
        DeliverableUpload.objects.filter(film=film, milestone=milestone, created_by=user)
        .order_by("-updated_at")
        .first()
    )


def finished_upload(film: Film, milestone: MilestoneDefinition, user, token):
    """The upload the submission form names, if it is this director's for this milestone."""
    if token is None:
        return None
    return DeliverableUpload.objects.filter(
        token=token, film=film, milestone=milestone, created_by=user
    ).first()
