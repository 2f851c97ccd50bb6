"""grants.models: an instalment once per milestone, on a milestone of the film's own cohort,
and paid only with a date and a reference; money is never negative."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from grants.models import BudgetLine, Instalment
from tests.factories import MilestoneFactory


def messages_of(instance) -> list[str]:
    with pytest.raises(ValidationError) as error:
        instance.full_clean()
    return error.value.messages


def test_an_instalment_on_a_milestone_of_another_cohort_is_refused(world):
    foreign = MilestoneFactory(cohort=world.other_cohort)

    instalment = Instalment(film=world.film, milestone=foreign, amount_cny=Decimal("1000"))

    assert messages_of(instalment) == ["This milestone belongs to another cohort than the film."]


def test_a_milestone_has_one_instalment_per_film(world):
    Instalment.objects.create(
        film=world.film, milestone=world.document_milestone, amount_cny=Decimal("1000")
    )

    second = Instalment(film=world.film, milestone=world.document_milestone, amount_cny=1)

    assert "This milestone has an instalment already." in messages_of(second)


def test_a_paid_instalment_needs_a_date_and_a_reference(world):
    without = Instalment(
        film=world.film, milestone=world.document_milestone, amount_cny=1000, status="paid"
    )
    complete = Instalment(
        film=world.film,
        milestone=world.document_milestone,
        amount_cny=1000,
        status="paid",
        paid_on=datetime.date(2026, 12, 1),
        payment_reference="BANK-1",
    )

    assert "A paid instalment has a date and a reference." in messages_of(without)
    complete.full_clean()


def test_a_negative_budget_line_is_refused(world):
    line = BudgetLine(film=world.film, category="crew", amount_cny=Decimal("-1"))

    assert messages_of(line) != []
