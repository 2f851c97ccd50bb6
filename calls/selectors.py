"""Reads of the calls app that pages share: the open calls, what a reviewer may open, the
ranking of a round, the call's dashboard figures."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import (
    Avg,
    Case,
    Count,
    F,
    FloatField,
    Max,
    Min,
    Q,
    QuerySet,
    StdDev,
    Value,
    When,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, TruncDate
from django.http import Http404
from django.utils import timezone

from calls.models import Application, Assignment, Call, Conflict, Criterion, Review, Reviewer, Round


def _two_places(value: float) -> float:
    return round(value, 2)


# Two reviewers this far apart on the 0–100 scale disagree enough for the committee to look.
DISAGREEMENT_POINTS = 25.0


def calls_open(*, now=None) -> QuerySet[Call]:
    now = now or timezone.now()
    return Call.objects.filter(opens_at__lte=now, closes_at__gt=now).order_by("closes_at")


def calls_public(*, now=None) -> QuerySet[Call]:
    return Call.objects.filter(opens_at__lte=now or timezone.now())


def reviewer_calls(*, user) -> QuerySet[Reviewer]:
    return Reviewer.objects.filter(user=user, is_active=True).select_related("call")


def reviewer_assignments(*, reviewer: Reviewer) -> list[Assignment]:
    """The reviewer's applications, conflicted ones left out (a conflict added after the
    assignment hides it at once)."""
    conflicted = Conflict.objects.filter(reviewer=reviewer)
    return list(
        reviewer.assignments.select_related("application", "round", "review")
        .exclude(application__in=conflicted.values("application"))
        .exclude(application__applicant__in=conflicted.values("person"))
        .exclude(application__state=Application.State.WITHDRAWN)
        .order_by("round__order", "application_id")
    )


def assignment_for_reviewer(*, user, assignment_id: int) -> Assignment:
    """The assignment if it is this person's, their reviewer seat active and no conflict with
    the application; otherwise 404, whatever the round."""
    assignment = (
        Assignment.objects.select_related("application__call", "round", "reviewer")
        .filter(pk=assignment_id, reviewer__user=user, reviewer__is_active=True)
        .exclude(application__state=Application.State.WITHDRAWN)
        .first()
    )
    if assignment is None:
        raise Http404
    application = assignment.application
    if Conflict.objects.filter(
        Q(application=application) | Q(person_id=application.applicant_id),
        reviewer=assignment.reviewer,
    ).exists():
        raise Http404
    return assignment


def application_for_applicant(*, user, call: Call) -> Application | None:
    """The person's own application for the call, or the one they joined as co-applicant."""
    own = Application.objects.filter(call=call, applicant=user).first()
    if own:
        return own
    return Application.objects.filter(
        call=call, co_applicants__user=user, co_applicants__accepted_at__isnull=False
    ).first()


@dataclass
class RankedApplication:
    application: dict
    reviews: int = 0
    average: float | None = None
    z_score: float | None = None
    spread: float | None = None
    criterion_average: float | None = None
    rank: int | None = None
    tied: bool = False

    @property
    def disagreement(self) -> bool:
        return self.spread is not None and self.spread >= DISAGREEMENT_POINTS


def _reviewer_stats(round: Round) -> dict[int, tuple[float, float]]:
    """Each reviewer's mean and (population) standard deviation of their totals in the round."""
    rows = (
        Review.objects.filter(assignment__round=round, state=Review.State.SUBMITTED)
        .values_list("assignment__reviewer_id")
        .annotate(mean=Avg("total"), spread=StdDev("total"))
        .order_by()
    )
    return {reviewer: (mean, spread or 0.0) for reviewer, mean, spread in rows}


def _z_score(stats: dict[int, tuple[float, float]]):
    """A review's z-score as an SQL expression: (total − the reviewer's mean) / their spread,
    with each reviewer's two figures written in, so the database averages them per application
    (0 for a reviewer whose scores do not spread)."""
    scale, shift = [], []
    for reviewer_id, (mean, spread) in stats.items():
        if spread:
            scale.append(When(assignment__reviewer_id=reviewer_id, then=Value(1 / spread)))
            shift.append(When(assignment__reviewer_id=reviewer_id, then=Value(mean / spread)))
    if not scale:
        return Value(0.0)
    as_float = {"default": Value(0.0), "output_field": FloatField()}
    return F("total") * Case(*scale, **as_float) - Case(*shift, **as_float)


APPLICATION_COLUMNS = (
    "pk",
    "name_original",
    "name_latin",
    "title_zh",
    "title_en",
    "eligibility",
    "decision",
)


def ranking(
    *, round: Round, eligibility: str = "", criterion: Criterion | None = None
) -> list[RankedApplication]:
    """The round's applications by weighted average of their submitted reviews, each with the
    mean of its reviewers' z-scores (a score against that reviewer's own mean and spread, so a
    harsh and a generous reviewer count alike), the spread between its reviewers, and ties.
    Three queries whatever the number of applications, the figures computed by the database."""
    applications = Application.objects.filter(round=round, state=Application.State.SUBMITTED)
    if eligibility:
        applications = applications.filter(eligibility=eligibility)
    rows = {
        values[0]: RankedApplication(
            application=dict(zip(APPLICATION_COLUMNS, values, strict=True))
        )
        for values in applications.values_list(*APPLICATION_COLUMNS)
    }
    reviews = Review.objects.filter(assignment__round=round, state=Review.State.SUBMITTED)
    figures = {
        "count": Count("pk"),
        "average": Avg("total"),
        "high": Max("total"),
        "low": Min("total"),
        "z": Avg(_z_score(_reviewer_stats(round))),
    }
    if criterion is not None:
        score = Cast(KT(f"scores__{criterion.pk}"), FloatField())
        figures["criterion"] = Avg(score)
    per_application = (
        reviews.values_list("assignment__application_id").annotate(**figures).order_by()
    )
    for application_id, count, average, high, low, z, *by_criterion in per_application:
        row = rows.get(application_id)
        if row is None:
            continue
        row.reviews = count
        row.average = _two_places(average)
        row.z_score = _two_places(z)
        row.spread = _two_places(high - low)
        if by_criterion and by_criterion[0] is not None:
            row.criterion_average = _two_places(by_criterion[0])
    return _ranked(list(rows.values()), by_criterion=criterion is not None)


def _ranked(rows: list[RankedApplication], *, by_criterion: bool) -> list[RankedApplication]:
    def key(row):
        value = row.criterion_average if by_criterion else row.average
        return (value is None, -(value or 0), -(row.z_score or 0), row.application["pk"])

    rows.sort(key=key)
    values = [r.criterion_average if by_criterion else r.average for r in rows]
    counts = Counter(v for v in values if v is not None)
    rank = 0
    for index, (row, value) in enumerate(zip(rows, values, strict=True)):
        if value is None:
            continue
        if index == 0 or value != values[index - 1]:
            rank = index + 1
        row.rank, row.tied = rank, counts[value] > 1
    return rows


@dataclass
class CallDashboard:
    call: Call
    by_round: list[dict]
    by_state: dict[str, int]
    reviewers: list[dict]
    per_day: list[tuple]
    days_left: int | None


def call_dashboard(*, call: Call) -> CallDashboard:
    applications = call.applications.all()
    by_state = dict(applications.values_list("state").annotate(n=Count("pk")).order_by())
    rounds = {
        r["round"]: r["n"]
        for r in applications.filter(state=Application.State.SUBMITTED)
        .values("round")
        .annotate(n=Count("pk"))
        .order_by()
    }
    by_round = [{"round": r, "count": rounds.get(r.pk, 0)} for r in call.rounds.all()]
    reviewers = list(
        call.reviewers.select_related("user")
        .annotate(
            assigned=Count("assignments", distinct=True),
            done=Count(
                "assignments",
                filter=Q(assignments__review__state=Review.State.SUBMITTED),
                distinct=True,
            ),
        )
        .order_by("user__full_name")
    )
    per_day = list(
        applications.exclude(submitted_at=None)
        .annotate(day=TruncDate("submitted_at", tzinfo=timezone.get_current_timezone()))
        .values_list("day")
        .annotate(n=Count("pk"))
        .order_by("day")
    )
    now = timezone.now()
    days_left = (
        (timezone.localdate(call.closes_at) - timezone.localdate(now)).days
        if call.closes_at > now
        else None
    )
    return CallDashboard(call, by_round, by_state, reviewers, per_day, days_left)
