"""grants.selectors: the finance list filtered by cohort and status, a film's money in a fixed
number of queries, the total paid for a cohort, the cohorts the finance role follows."""

import datetime
from decimal import Decimal

from grants.models import BudgetLine, Grant, Instalment
from grants.selectors import cohorts_with_films, film_money, instalments_for_finance, paid_total
from tests.factories import CohortFactory, FilmFactory, MilestoneFactory


def instalment(film, milestone, amount, **fields) -> Instalment:
    return Instalment.objects.create(
        film=film, milestone=milestone, amount_cny=Decimal(amount), **fields
    )


def paid() -> dict:
    return {"status": "paid", "paid_on": datetime.date(2026, 11, 1), "payment_reference": "B-1"}


def test_the_finance_list_filters_by_cohort_and_status(world):
    due = instalment(world.film, world.document_milestone, "3000", status="due")
    planned = instalment(world.film, world.video_milestone, "7000")
    other = FilmFactory(cohort=world.other_cohort)
    elsewhere = instalment(other, MilestoneFactory(cohort=world.other_cohort), "1")

    assert set(instalments_for_finance()) == {due, planned, elsewhere}
    assert list(instalments_for_finance(world.cohort, "due")) == [due]
    assert list(instalments_for_finance(world.other_cohort)) == [elsewhere]


def test_a_films_money_adds_up_its_budget_in_three_queries(world, django_assert_num_queries):
    BudgetLine.objects.create(film=world.film, category="crew", amount_cny=Decimal("1000.50"))
    BudgetLine.objects.create(
        film=world.film, category="post_production", amount_cny=Decimal("499.50")
    )
    Grant.objects.create(film=world.film, amount_cny=Decimal("1000"))
    instalment(world.film, world.document_milestone, "1000")

    with django_assert_num_queries(3):
        money = film_money(world.film)

    assert money["budget_total"] == Decimal("1500.00")
    assert money["grant"].amount_cny == Decimal("1000")
    assert len(money["instalments"]) == 1


def test_the_paid_total_counts_only_paid_instalments_of_the_cohort(world):
    instalment(world.film, world.document_milestone, "3000", **paid())
    instalment(world.film, world.video_milestone, "7000", status="due")

    assert paid_total(world.cohort) == Decimal("3000")
    assert paid_total(world.other_cohort) == Decimal("0")


def test_the_cohorts_with_films_come_newest_first_without_empty_ones(world):
    CohortFactory()  # no films

    cohorts = list(cohorts_with_films())

    assert cohorts == sorted({world.cohort, world.other_cohort}, key=lambda c: -c.year)
