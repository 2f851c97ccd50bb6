"""Reads of the alumni record: who is an alumnus, the public entries, the staff's lists and the
outcomes report of each edition."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from alumni.models import AlumniEntry, EntryKind
from films.models import Film
from films.selectors import films_public
from programs.models import Cohort
from screenings.models import Screening
from talents.models import Enrollment, Talent


def graduated_cohorts(talent: Talent) -> list[Cohort]:
    """The editions a director graduated from, latest first."""
    return list(
        Cohort.objects.filter(
            enrollments__talent=talent, enrollments__status=Enrollment.Status.GRADUATED
        ).order_by("-year", "-training_start")
    )


def entries_public() -> QuerySet[AlumniEntry]:
    return AlumniEntry.objects.filter(status=AlumniEntry.Status.APPROVED, publish=True)


def entries_public_for_talent(talent: Talent) -> QuerySet[AlumniEntry]:
    return entries_public().filter(talent=talent).select_related("film__cohort")


def alumni_of_cohort(cohort: Cohort) -> list[Enrollment]:
    """The edition's graduated directors for its public alumni page, each with
    `public_entries` (approved and consented) and `public_films`; three queries."""
    public_entries = Prefetch(
        "talent__alumni_entries",
        queryset=entries_public().filter(cohort=cohort).select_related("film__cohort"),
        to_attr="public_entries",
    )
    public_films = Prefetch(
        "talent__films",
        queryset=films_public().filter(cohort=cohort).order_by("title_en", "title_zh"),
        to_attr="public_films",
    )
    return list(
        Enrollment.objects.filter(cohort=cohort, status=Enrollment.Status.GRADUATED)
        .select_related("talent")
        .prefetch_related(public_entries, public_films)
        .order_by("talent__name_latin", "talent__name_original")
    )


def entries_of_cohort(cohort: Cohort) -> QuerySet[AlumniEntry]:
    return (
        AlumniEntry.objects.filter(cohort=cohort)
        .select_related("talent", "film", "proposed_by")
        .order_by("talent__name_latin", "talent__name_original", "-year", "id")
    )


def entries_of_talent(talent: Talent) -> QuerySet[AlumniEntry]:
    return AlumniEntry.objects.filter(talent=talent).select_related("film", "cohort")


def entries_waiting() -> QuerySet[AlumniEntry]:
    return AlumniEntry.objects.filter(status=AlumniEntry.Status.PROPOSED).select_related(
        "talent", "cohort"
    )


@dataclass
class Outcomes:
    """One edition's outcomes for funders and partners. Entries count once staff approved them
    (whether or not their alumnus publishes them: the counts name nobody)."""

    cohort: Cohort
    directors: int = 0
    alumni: int = 0
    films_completed: int = 0
    premiered: int = 0
    shown_online: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    online_views: int | None = None

    def count(self, kind: str) -> int:
        return self.by_kind.get(kind, 0)

    @property
    def selections(self) -> int:
        return self.count(EntryKind.SELECTION)

    @property
    def awards(self) -> int:
        return self.count(EntryKind.AWARD)

    @property
    def releases(self) -> int:
        return self.count(EntryKind.DISTRIBUTION)

    @property
    def next_projects(self) -> int:
        return self.count(EntryKind.NEXT_PROJECT)

    @property
    def feature_debuts(self) -> int:
        return self.count(EntryKind.FEATURE_DEBUT)


def outcomes_by_edition(cohorts: QuerySet[Cohort] | None = None) -> list[Outcomes]:
    """Every edition's outcomes, latest first, in a fixed number of queries (six)."""
    cohorts = list(
        (cohorts if cohorts is not None else Cohort.objects.all())
        .annotate(
            directors=Count(
                "enrollments", filter=~Q(enrollments__status=Enrollment.Status.WITHDRAWN)
            ),
            alumni=Count("enrollments", filter=Q(enrollments__status=Enrollment.Status.GRADUATED)),
        )
        .order_by("-year", "-training_start")
    )
    rows = {
        cohort.pk: Outcomes(cohort=cohort, directors=cohort.directors, alumni=cohort.alumni)
        for cohort in cohorts
    }
    _count_films(rows)
    _count_entries(rows)
    return list(rows.values())


def _count_films(rows: dict[int, Outcomes]) -> None:
    completed = (
        Film.objects.filter(cohort__in=rows, stage=Film.Stage.COMPLETED)
        .values("cohort")
        .annotate(n=Count("pk"))
    )
    for row in completed:
        rows[row["cohort"]].films_completed = row["n"]
    for kind, attr in (
        (Screening.Kind.PREMIERE, "premiered"),
        (Screening.Kind.ONLINE, "shown_online"),
    ):
        shown = (
            Film.objects.filter(
                cohort__in=rows,
                screening_entries__screening__kind=kind,
                screening_entries__screening__is_published=True,
            )
            .values("cohort")
            .annotate(n=Count("pk", distinct=True))
        )
        for row in shown:
            setattr(rows[row["cohort"]], attr, row["n"])


def _count_entries(rows: dict[int, Outcomes]) -> None:
    approved = AlumniEntry.objects.filter(cohort__in=rows, status=AlumniEntry.Status.APPROVED)
    for row in approved.values("cohort", "kind").annotate(n=Count("pk")).order_by():
        rows[row["cohort"]].by_kind[row["kind"]] = row["n"]
    views = (
        approved.filter(online_views__isnull=False).values("cohort").annotate(n=Sum("online_views"))
    )
    for row in views.order_by():
        rows[row["cohort"]].online_views = row["n"]
