"""Reads of the grants app: a film's money page, the finance list of instalments, the finance
export rows. Fixed query counts."""

from decimal import Decimal

from django.db.models import QuerySet, Sum

from films.models import Film
from grants.models import BudgetLine, Grant, Instalment
from programs.models import Cohort


def instalments_for_finance(cohort: Cohort | None = None, status: str = "") -> QuerySet[Instalment]:
    instalments = Instalment.objects.select_related(
        "film__cohort", "film__director", "milestone", "paid_by"
    )
    if cohort is not None:
        instalments = instalments.filter(film__cohort=cohort)
    if status:
        instalments = instalments.filter(status=status)
    return instalments.order_by("film__cohort__year", "film__title_en", "milestone__order")


def cohorts_with_films() -> QuerySet[Cohort]:
    """The cohorts whose money the finance role follows: those with films, newest first."""
    return Cohort.objects.filter(films__isnull=False).distinct().order_by("-year", "pk")


def film_money(film: Film) -> dict:
    lines = list(BudgetLine.objects.filter(film=film))
    return {
        "lines": lines,
        "budget_total": sum((line.amount_cny for line in lines), Decimal("0")),
        "grant": Grant.objects.filter(film=film).first(),
        "instalments": list(film.instalments.select_related("milestone", "paid_by")),
    }


def paid_total(cohort: Cohort) -> Decimal:
    paid = Instalment.objects.filter(film__cohort=cohort, status=Instalment.Status.PAID)
    return paid.aggregate(total=Sum("amount_cny"))["total"] or Decimal("0")
