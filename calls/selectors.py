"""Reads of the calls app that pages share: the open calls, what a reviewer may open, the
ranking of a round, the call's dashboard figures."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    QuerySet,
)
from django.db.models.functions import Lower, TruncDate
from django.http import Http404
from django.utils import timezone

from calls.models import Application, Assignment, Call, Conflict, Criterion, Review, Reviewer, Round

# Two reviewers this far apart on the 0–100 scale disagree enough for the committee to look.
DISAGREEMENT_POINTS = 25.0


def calls_open(*, now=None) -> QuerySet[Call]:
    now = now or timezone.now()
    return Call.objects.filter(opens_at__lte=now, closes_at__gt=now).order_by("closes_at")


def calls_public(*, now=None) -> QuerySet[Call]:
    return Call.objects.filter(opens_at__lte=now or timezone.now())


def reviewer_calls(*, user) -> QuerySet[Reviewer]:
    return Reviewer.objects.filter(user=user, is_active=True).select_related("call")


def conflicts_about(application: Application) -> Q:
    """The conflicts that cover this application: with it, with its applicant, or with the
    applicant's email address."""
    return (
        Q(application=application)
        | Q(person_id=application.applicant_id)
        | Q(email=application.applicant.email.lower())
    )


def reviewer_assignments(*, reviewer: Reviewer) -> list[Assignment]:
    """The reviewer's applications, conflicted ones left out (a conflict added after the
    assignment hides it at once)."""
    conflicted = Conflict.objects.filter(reviewer=reviewer)
    by_email = conflicted.filter(email=Lower(OuterRef("application__applicant__email")))
    return list(
        reviewer.assignments.select_related("application", "round", "review")
        # The subqueries leave out the other kinds' empty columns: NOT IN over a list holding a
        # NULL is never true, and one conflict of another kind would hide every assignment.
        .exclude(application__in=conflicted.exclude(application=None).values("application"))
        .exclude(application__applicant__in=conflicted.exclude(person=None).values("person"))
        .exclude(Exists(by_email))
        .exclude(application__state=Application.State.WITHDRAWN)
        .order_by("round__order", "application_id")
    )


def reviewer_conflicts(*, reviewer: Reviewer) -> QuerySet[Conflict]:
    """What the reviewer declared, and what staff recorded for them, in their call."""
    return reviewer.conflicts.select_related("application", "person").order_by("-created_at")


def call_conflicts(*, call: Call) -> QuerySet[Conflict]:
    return (
        Conflict.objects.filter(reviewer__call=call)
        .select_related("reviewer__user", "application", "person")
        .order_by("reviewer__user__full_name", "-created_at")
    )


def assignment_for_reviewer(*, user, assignment_id: int) -> Assignment:
    """The assignment if it is this person's, their reviewer seat active and no conflict with
    the application; otherwise 404, whatever the round."""
    assignment = (
        Assignment.objects.select_related(
            "application__call", "application__applicant", "round", "reviewer"
        )
        .filter(pk=assignment_id, reviewer__user=user, reviewer__is_active=True)
        .exclude(application__state=Application.State.WITHDRAWN)
        .first()
    )
    if assignment is None:
        raise Http404
    application = assignment.application
    if Conflict.objects.filter(conflicts_about(application), reviewer=assignment.reviewer).exists():
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
    """One line of the ranking: the application and the figures the page shows."""

    application: Application | None
    application_id: int
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


class ScoreOf(Func):
    """A review's score for one criterion, read from its scores by the criterion's id. Not KT:
    the key is all digits, which Django's JSON paths take for an array index on SQLite."""

    output_field = FloatField()

    def __init__(self, scores: F, *, criterion_id: int):
        super().__init__(scores)
        self.key = str(criterion_id)

    def as_sql(self, compiler, connection, **extra_context):
        column, params = compiler.compile(self.source_expressions[0])
        return f"CAST(({column} ->> %s) AS double precision)", [*params, self.key]

    def as_sqlite(self, compiler, connection, **extra_context):
        column, params = compiler.compile(self.source_expressions[0])
        return f"CAST(JSON_EXTRACT({column}, %s) AS REAL)", [*params, f'$."{self.key}"']


def _hundredths(value: float | None) -> int | None:
    """A non-negative figure in hundredths, rounded half up as the database's numeric round
    did. The totals are kept to two places, so an average sits at least a thousandth of a
    hundredth from a half unless it is one: the epsilon only undoes binary fractions
    (6.945 is 694.4999… hundredths as a float)."""
    return None if value is None else math.floor(value * 100 + 0.5 + 1e-9)


def _two_places(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


RANKING_COLUMNS = (
    "pk",
    "applicant_id",
    "name_original",
    "name_latin",
    "title_zh",
    "title_en",
    "eligibility",
    "decision",
)


def _ranked_applications(round: Round, eligibility: str) -> QuerySet[Application]:
    applications = Application.objects.filter(round=round, state=Application.State.SUBMITTED)
    return applications.filter(eligibility=eligibility) if eligibility else applications


def ranking_lines(
    *, round: Round, eligibility: str = "", criterion: Criterion | None = None
) -> list[RankedApplication]:
    """The round's submitted applications ordered by the weighted average of their submitted
    reviews (or by one criterion's average), best first, then by the mean of their reviewers'
    z-scores (each review against that reviewer's own mean and spread in the round, so a harsh
    and a generous reviewer count alike), then by age; each with its review count, the spread
    between its reviewers, its rank and whether another line shares its figure (a tie).
    Unreviewed applications come last, unranked. The lines carry no application
    (`with_applications` reads one page's): two queries whatever the number of applications.

    Computed here rather than in SQL: the round's reviews are one narrow read (application,
    reviewer, total), which replaces the reviewers' statistics query, the count and a grouped,
    windowed query with each reviewer's figures written into a CASE; at 5,000 applications and
    15,000 reviews (issue 16's benchmark) the lines are identical to that query's, and the
    criterion ranking took about half its time on a busy machine."""
    application_ids = list(
        _ranked_applications(round, eligibility).order_by("pk").values_list("pk", flat=True)
    )
    columns = ["assignment__application_id", "assignment__reviewer_id", "total"]
    reviews = Review.objects.filter(
        assignment__round=round, state=Review.State.SUBMITTED, total__isnull=False
    ).order_by()
    if criterion is not None:
        reviews = reviews.annotate(score=ScoreOf(F("scores"), criterion_id=criterion.pk))
        columns.append("score")
    rows = list(reviews.values_list(*columns))

    # Each reviewer's mean and (population) spread over all their submitted reviews in the round.
    by_reviewer: dict[int, list[float]] = defaultdict(list)
    for row in rows:
        by_reviewer[row[1]].append(row[2])
    normal = {}
    for reviewer, totals in by_reviewer.items():
        mean = math.fsum(totals) / len(totals)
        spread = math.sqrt(math.fsum((total - mean) ** 2 for total in totals) / len(totals))
        normal[reviewer] = (mean, spread)

    # One pass over the reviews: per application its totals, z-scores and criterion scores.
    own: dict[int, tuple[list, list, list]] = {pk: ([], [], []) for pk in application_ids}
    for application_id, reviewer, total, *score in rows:
        figures = own.get(application_id)
        if figures is None:  # an application filtered out (eligibility, state)
            continue
        mean, spread = normal[reviewer]
        figures[0].append(total)
        figures[1].append((total - mean) / spread if spread else 0.0)
        if score and score[0] is not None:
            figures[2].append(score[0])

    lines, keys = [], {}
    for application_id, (totals, z_scores, scores) in own.items():
        average = _hundredths(math.fsum(totals) / len(totals)) if totals else None
        by_criterion = _hundredths(math.fsum(scores) / len(scores)) if scores else None
        z_score = math.fsum(z_scores) / len(z_scores) if z_scores else None
        line = RankedApplication(
            application=None,
            application_id=application_id,
            reviews=len(totals),
            average=None if average is None else average / 100,
            z_score=z_score,
            spread=_two_places(max(totals) - min(totals)) if totals else None,
            criterion_average=None if by_criterion is None else by_criterion / 100,
        )
        # Ranked and tied on the figure staff see, in whole hundredths: no float compares.
        value = by_criterion if criterion is not None else average
        keys[application_id] = value
        lines.append(((value is None, -(value or 0), z_score is None, -(z_score or 0.0)), line))
    # Best first; no figure last; then the higher z-score (none last); then the older one.
    lines.sort(key=lambda pair: (pair[0], pair[1].application_id))
    lines = [line for _key, line in lines]

    sharing = Counter(keys.values())
    rank, previous = 0, None
    for position, line in enumerate(lines, start=1):
        line.z_score = _two_places(line.z_score)
        value = keys[line.application_id]
        if value is None:
            continue  # unreviewed (or not on this criterion), last: no rank
        if value != previous:
            rank, previous = position, value
        line.rank, line.tied = rank, sharing[value] > 1
    return lines


def with_applications(lines: list[RankedApplication]) -> list[RankedApplication]:
    """The lines given, each with its application's displayed columns: one query."""
    applications = Application.objects.only(*RANKING_COLUMNS).in_bulk(
        [line.application_id for line in lines]
    )
    for line in lines:
        line.application = applications[line.application_id]
    return lines


def ranking(
    *, round: Round, eligibility: str = "", criterion: Criterion | None = None
) -> list[RankedApplication]:
    """The whole ranking with its applications (the CSV export; a page reads one page's)."""
    return with_applications(
        ranking_lines(round=round, eligibility=eligibility, criterion=criterion)
    )


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
