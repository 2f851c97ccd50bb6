"""Reads of the staff workspace. The cohort dashboard is computed in Python from a fixed handful
of queries (milestones, films, latest submissions, open invitations, pending revisions), so it
costs the same number of queries for 4 films or 40."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from films.models import Film, FilmRevision, MilestoneSubmission
from invitations.models import Invitation
from mentors.models import Mentor, PanelMembership
from programs.models import Cohort, MilestoneDefinition
from screenings.models import Screening, ScreeningFilm
from talents.models import Enrollment, Talent
from workspace.models import AuditEntry, name_linked_records

NOT_STARTED = "not_started"
SUBMITTED = MilestoneSubmission.Status.SUBMITTED.value
CHANGES_REQUESTED = MilestoneSubmission.Status.CHANGES_REQUESTED.value
APPROVED = MilestoneSubmission.Status.APPROVED.value
# Plain strings as keys, so that templates can read `counts.approved`.
STATUS_LABELS = {
    NOT_STARTED: _("Not started"),
    SUBMITTED: _("Submitted"),
    CHANGES_REQUESTED: _("Changes requested"),
    APPROVED: _("Approved"),
}


@dataclass
class MatrixCell:
    film: Film
    milestone: MilestoneDefinition
    submission: MilestoneSubmission | None
    is_overdue: bool

    @property
    def status(self) -> str:
        return self.submission.status if self.submission else NOT_STARTED

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass
class FilmRow:
    film: Film
    cells: list[MatrixCell]

    @property
    def approved_count(self) -> int:
        return sum(cell.status == APPROVED for cell in self.cells)

    @property
    def approved_percent(self) -> int:
        return round(100 * self.approved_count / len(self.cells)) if self.cells else 0

    @property
    def latest_approved(self) -> MilestoneDefinition | None:
        approved = [cell.milestone for cell in self.cells if cell.status == APPROVED]
        return max(approved, key=lambda milestone: milestone.order, default=None)


@dataclass
class MatrixColumn:
    milestone: MilestoneDefinition
    counts: dict[str, int]
    overdue: int


@dataclass
class CohortDashboard:
    cohort: Cohort
    today: datetime.date
    milestones: list[MilestoneDefinition]
    rows: list[FilmRow]
    columns: list[MatrixColumn] = field(default_factory=list)
    pending_invitations: list[Invitation] = field(default_factory=list)
    pending_revisions: list[FilmRevision] = field(default_factory=list)

    @property
    def cells(self) -> list[MatrixCell]:
        return [cell for row in self.rows for cell in row.cells]

    @property
    def waiting_for_review(self) -> list[MatrixCell]:
        waiting = [cell for cell in self.cells if cell.status == SUBMITTED]
        return sorted(waiting, key=lambda cell: cell.submission.submitted_at)

    @property
    def overdue(self) -> list[MatrixCell]:
        late = [cell for cell in self.cells if cell.is_overdue]
        return sorted(late, key=lambda cell: (cell.milestone.due_date, cell.film.pk))

    @property
    def films_without_producer(self) -> list[Film]:
        return [row.film for row in self.rows if row.film.producer_id is None]


def cohort_dashboard(*, cohort: Cohort, today: datetime.date) -> CohortDashboard:
    milestones = list(cohort.milestones.order_by("order"))
    films = list(
        cohort.films.select_related("director", "producer").order_by("title_en", "title_zh")
    )
    latest = latest_submissions(films=films)
    rows = [
        FilmRow(
            film=film,
            cells=[
                _cell(film, milestone, latest.get((film.pk, milestone.pk)), today)
                for milestone in milestones
            ],
        )
        for film in films
    ]
    dashboard = CohortDashboard(cohort=cohort, today=today, milestones=milestones, rows=rows)
    dashboard.columns = [
        _column(index, milestone, rows) for index, milestone in enumerate(milestones)
    ]
    dashboard.pending_invitations = list(pending_invitations(cohort=cohort))
    dashboard.pending_revisions = list(
        FilmRevision.objects.filter(film__cohort=cohort, status=FilmRevision.Status.PENDING)
        .select_related("film")
        .order_by("created_at")
    )
    return dashboard


def latest_submissions(*, films: list[Film]) -> dict[tuple[int, int], MilestoneSubmission]:
    """Each (film, milestone)'s latest version, from one query."""
    submissions = (
        MilestoneSubmission.objects.filter(film__in=[film.pk for film in films])
        .only("id", "film_id", "milestone_id", "version", "status", "submitted_at")
        .order_by("film_id", "milestone_id", "-version")
    )
    latest: dict[tuple[int, int], MilestoneSubmission] = {}
    for submission in submissions:
        latest.setdefault((submission.film_id, submission.milestone_id), submission)
    return latest


def _cell(film, milestone, submission, today) -> MatrixCell:
    approved = submission is not None and submission.status == APPROVED
    overdue = milestone.due_date < today and not approved
    return MatrixCell(film=film, milestone=milestone, submission=submission, is_overdue=overdue)


def _column(index: int, milestone: MilestoneDefinition, rows: list[FilmRow]) -> MatrixColumn:
    cells = [row.cells[index] for row in rows]
    counts = dict.fromkeys(STATUS_LABELS, 0)
    for cell in cells:
        counts[cell.status] += 1
    return MatrixColumn(
        milestone=milestone, counts=counts, overdue=sum(cell.is_overdue for cell in cells)
    )


def pending_invitations(*, cohort: Cohort) -> QuerySet[Invitation]:
    """Invitations to the cohort's directors, producers and panel that nobody accepted yet."""
    people = (
        Q(talent__enrollments__cohort=cohort)
        | Q(mentor__panel_seats__cohort=cohort)
        | Q(mentor__produced_films__cohort=cohort)
    )
    return (
        Invitation.objects.filter(people, accepted_at__isnull=True)
        .select_related("talent", "mentor")
        .distinct()
        .order_by("created_at")
    )


def cohorts_for_workspace() -> QuerySet[Cohort]:
    return Cohort.objects.select_related("program").order_by("-year", "slug")


def cohort_roster(*, cohort: Cohort) -> dict:
    """Who is in the cohort: enrolments, films with their producers, the panel."""
    return {
        "enrollments": list(
            Enrollment.objects.filter(cohort=cohort)
            .select_related("talent__user")
            .order_by("talent__name_latin", "talent__name_original")
        ),
        "films": list(
            cohort.films.select_related("director__user", "producer__user").order_by(
                "title_en", "title_zh"
            )
        ),
        "panel": list(
            PanelMembership.objects.filter(cohort=cohort)
            .select_related("mentor__user")
            .order_by("order", "id")
        ),
    }


def submission_versions(*, submission: MilestoneSubmission) -> list[MilestoneSubmission]:
    return list(
        MilestoneSubmission.objects.filter(
            film_id=submission.film_id, milestone_id=submission.milestone_id
        )
        .select_related("submitted_by", "reviewed_by")
        .order_by("-version")
    )


MONEY_RECORDS = ("grants.BudgetLine", "grants.Grant", "grants.Instalment")


def film_history(*, film: Film, limit: int = 200) -> list[AuditEntry]:
    entries = AuditEntry.objects.filter(film_pk=film.pk).select_related("actor")
    return name_linked_records(list(entries[:limit]))


def object_history(*, instance, limit: int = 100) -> list[AuditEntry]:
    """The recorded changes of one record (a cohort, a person, a venue…), newest first."""
    entries = AuditEntry.objects.filter(
        model_label=instance._meta.label, object_pk=str(instance.pk)
    )
    return name_linked_records(list(entries[:limit]))


def money_history(*, film: Film, limit: int = 50) -> list[AuditEntry]:
    """The recorded changes of a film's budget, grant and instalments, newest first."""
    entries = AuditEntry.objects.filter(film_pk=film.pk, model_label__in=MONEY_RECORDS)
    return name_linked_records(
        list(entries.select_related("actor").order_by("-recorded_at")[:limit])
    )


def screening_lineup(*, screening: Screening) -> list[ScreeningFilm]:
    return list(
        screening.entries.select_related("film__director", "film__producer").order_by("order", "id")
    )


def cohort_lineup(*, cohort: Cohort) -> list[ScreeningFilm]:
    return list(
        ScreeningFilm.objects.filter(screening__cohort=cohort)
        .select_related("screening__venue", "film__director")
        .order_by("screening__starts_at", "order", "id")
    )


def talents_for_workspace(*, query: str = "") -> QuerySet[Talent]:
    """Talents with their cohorts (`enrollments`) and, while they have no account, when their
    latest invitation went out (`invited_at`)."""
    talents = (
        Talent.objects.select_related("user")
        .prefetch_related(
            Prefetch(
                "enrollments", Enrollment.objects.select_related("cohort").order_by("-cohort__year")
            )
        )
        .annotate(invited_at=_open_invitation_sent("talent"))
        .order_by("name_latin", "name_original")
    )
    return _matching(talents, query)


def mentors_for_workspace(*, query: str = "") -> QuerySet[Mentor]:
    """Mentors with their panel seats' cohorts (`panel_seats`) and the cohorts of the films they
    produce (`produced_films`), and `invited_at` as for talents."""
    mentors = (
        Mentor.objects.select_related("user")
        .prefetch_related(
            Prefetch(
                "panel_seats",
                PanelMembership.objects.select_related("cohort").order_by("-cohort__year"),
            ),
            Prefetch(
                "produced_films", Film.objects.select_related("cohort").order_by("-cohort__year")
            ),
        )
        .annotate(invited_at=_open_invitation_sent("mentor"))
        .order_by("name_latin", "name_original")
    )
    return _matching(mentors, query)


def _open_invitation_sent(profile: str) -> Subquery:
    invitations = Invitation.objects.filter(
        **{profile: OuterRef("pk")}, accepted_at__isnull=True
    ).order_by("-created_at")
    return Subquery(invitations.values("created_at")[:1])


def _matching(people: QuerySet, query: str) -> QuerySet:
    if not query:
        return people
    return people.filter(
        Q(name_latin__icontains=query)
        | Q(name_original__icontains=query)
        | Q(email__icontains=query)
    )


def pending_revisions() -> QuerySet[FilmRevision]:
    return (
        FilmRevision.objects.filter(status=FilmRevision.Status.PENDING)
        .select_related("film__cohort", "film__director", "proposed_by")
        .order_by("created_at")
    )
