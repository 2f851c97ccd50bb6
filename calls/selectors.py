"""Reads of the calls app that pages share: the open calls, what a reviewer may open, the
ranking of a round, the call's dashboard figures."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import (
    Avg,
    Count,
    Exists,
    Expression,
    F,
    FilteredRelation,
    FloatField,
    Func,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    StdDev,
    Value,
    Window,
)
from django.db.models.functions import Lower, Rank, TruncDate
from django.db.models.functions import Round as Rounded
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
    """One line of the ranking: the application (its figures annotated by the database) and
    the figures the page shows."""

    application: Application
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

    @classmethod
    def from_annotated(cls, application: Application) -> RankedApplication:
        value = getattr(application, "sort_value", None)
        return cls(
            application=application,
            reviews=application.review_count,
            average=_two_places(application.average),
            z_score=_two_places(application.z_score),
            spread=_two_places(application.spread),
            criterion_average=_two_places(getattr(application, "criterion_average", None)),
            # The database ranks unreviewed applications too (last); they have no rank.
            rank=application.rank if value is not None else None,
            tied=value is not None and application.tied_with > 1,
        )


def _reviewer_stats(round: Round) -> dict[int, tuple[float, float]]:
    """Each reviewer's mean and (population) standard deviation of their totals in the round."""
    rows = (
        Review.objects.filter(assignment__round=round, state=Review.State.SUBMITTED)
        .values_list("assignment__reviewer_id")
        .annotate(mean=Avg("total"), spread=StdDev("total"))
        .order_by()
    )
    return {reviewer: (mean, spread or 0.0) for reviewer, mean, spread in rows}


class PerReviewer(Expression):
    """`CASE <reviewer> WHEN <id> THEN <figure> … ELSE 0 END`: one figure per reviewer written
    into the query. Django's Case/When resolves a lookup per reviewer, which cost more than the
    whole query (0.2 s for 40 reviewers, three times over); this compiles its column once."""

    output_field = FloatField()

    def __init__(self, reviewer: F, figures: dict[int, float]):
        super().__init__()
        self.reviewer, self.figures = reviewer, figures

    def get_source_expressions(self):
        return [self.reviewer]

    def set_source_expressions(self, exprs):
        (self.reviewer,) = exprs

    def as_sql(self, compiler, connection):
        column, params = compiler.compile(self.reviewer)
        whens = " ".join("WHEN %s THEN %s" for _figure in self.figures)
        values = [value for pair in self.figures.items() for value in pair]
        return f"CASE {column} {whens} ELSE %s END", [*params, *values, 0.0]


class ScoreOf(Func):
    """A review's score for one criterion, read from its scores by the criterion's id. Not KT:
    the key is all digits, which Django's JSON paths take for an array index on SQLite (and KT
    reads its path wrongly through a FilteredRelation)."""

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


def _z_score(stats: dict[int, tuple[float, float]], total: str, reviewer: str):
    """A review's z-score as an SQL expression: (total − the reviewer's mean) / their spread,
    with each reviewer's two figures written in, so the database averages them per application
    (0 for a reviewer whose scores do not spread)."""
    spread = {pk: (mean, spread) for pk, (mean, spread) in stats.items() if spread}
    if not spread:
        return Value(0.0)
    scale = PerReviewer(F(reviewer), {pk: 1 / sd for pk, (_mean, sd) in spread.items()})
    shift = PerReviewer(F(reviewer), {pk: mean / sd for pk, (mean, sd) in spread.items()})
    return F(total) * scale - shift


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


def ranking_count(*, round: Round, eligibility: str = "") -> int:
    """How many lines the ranking has, counted without its joins and figures (a pager's count
    of ranking_queryset would compute them all)."""
    return _ranked_applications(round, eligibility).count()


def ranking_queryset(
    *, round: Round, eligibility: str = "", criterion: Criterion | None = None
) -> QuerySet[Application]:
    """The round's submitted applications ordered by the weighted average of their submitted
    reviews (or by one criterion's average), each annotated by the database with its review
    count, average, spread between its reviewers, the mean of its reviewers' z-scores (a score
    against that reviewer's own mean and spread, so a harsh and a generous reviewer count
    alike), its rank and how many share its figure exactly (ties). Lazy: a page of it costs
    one query (after one for the reviewers' means and spreads) whatever the number of
    applications."""
    # Only this round's assignments are joined, and of their reviews only the submitted count.
    submitted = Q(in_round__review__state=Review.State.SUBMITTED)
    total = "in_round__review__total"
    z = _z_score(_reviewer_stats(round), total=total, reviewer="in_round__reviewer_id")
    figures = {
        "review_count": Count("in_round__review", filter=submitted),
        "average": Avg(total, filter=submitted),
        "spread": Max(total, filter=submitted) - Min(total, filter=submitted),
        "z_score": Avg(z, filter=submitted),
    }
    if criterion is not None:
        score = ScoreOf(F("in_round__review__scores"), criterion_id=criterion.pk)
        figures["criterion_average"] = Avg(score, filter=submitted)
    # Ranked and tied on the figure staff see (two places): the totals are kept to two places,
    # so equal-looking averages differed in the third and were ranked apart with no tie shown.
    sort_value = Rounded(F("criterion_average" if criterion is not None else "average"), 2)
    return (
        # Only what the page shows: the rows are sorted twice for the windows, narrow is fast.
        _ranked_applications(round, eligibility)
        .only(*RANKING_COLUMNS)
        .alias(in_round=FilteredRelation("assignments", condition=Q(assignments__round=round)))
        .annotate(**figures)
        .annotate(
            sort_value=sort_value,
            rank=Window(Rank(), order_by=sort_value.desc(nulls_last=True)),
            tied_with=Window(Count("pk"), partition_by=[sort_value]),
        )
        .order_by(sort_value.desc(nulls_last=True), F("z_score").desc(nulls_last=True), "pk")
    )


def ranking(
    *, round: Round, eligibility: str = "", criterion: Criterion | None = None
) -> list[RankedApplication]:
    """The whole ranking as lines (the CSV export); a page reads a slice of ranking_queryset."""
    applications = ranking_queryset(round=round, eligibility=eligibility, criterion=criterion)
    return [RankedApplication.from_annotated(application) for application in applications]


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
