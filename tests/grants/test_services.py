"""Grants paid in instalments: the plan must add up, instalments fall due when their milestone
is approved (finance is emailed), finance marks them paid, every change is in the history."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from films.services import submission_reopen, submission_review
from grants.models import Grant, Instalment
from grants.services import grant_plan, instalment_mark_paid
from outbox.models import OutboxMessage
from tests.factories import MilestoneFactory


def plan(world, *rows, amount="100000.00"):
    return grant_plan(film=world.film, amount_cny=Decimal(amount), instalments=list(rows))


def row(milestone, percent=None, amount=None) -> dict:
    return {
        "milestone": milestone,
        "percent": Decimal(percent) if percent else None,
        "amount_cny": Decimal(amount) if amount else None,
    }


def refused(call) -> str:
    with pytest.raises(ValidationError) as error:
        call()
    return " ".join(error.value.messages)


def test_a_plan_in_percentages_and_amounts_that_adds_up_is_saved(world):
    plan(
        world,
        row(world.document_milestone, percent="30"),
        row(world.image_milestone, amount="40000"),
        row(world.video_milestone, percent="30"),
    )

    amounts = list(Instalment.objects.values_list("amount_cny", flat=True))
    assert amounts == [Decimal("30000.00"), Decimal("40000.00"), Decimal("30000.00")]


def test_a_plan_that_does_not_add_up_is_refused_and_nothing_saved(world):
    message = refused(
        lambda: plan(
            world,
            row(world.document_milestone, percent="30"),
            row(world.image_milestone, percent="60"),
        )
    )

    assert message == "The instalments add up to 90000.00 CNY, not the grant's 100000.00 CNY."
    assert not Grant.objects.exists()
    assert not Instalment.objects.exists()


def test_a_milestone_of_another_cohort_is_refused(world):
    foreign = MilestoneFactory(cohort=world.other_cohort, name_en="Elsewhere")

    message = refused(lambda: plan(world, row(foreign, percent="100")))

    assert message == "“Elsewhere” is a milestone of another cohort."


def test_percent_and_amount_together_are_refused(world):
    message = refused(
        lambda: plan(world, row(world.document_milestone, percent="100", amount="100000"))
    )

    assert message.startswith("Give “")


def test_approval_makes_the_instalment_due_and_tells_finance(world):
    plan(world, row(world.video_milestone, percent="100"))

    submission_review(submission=world.submission, reviewer=world.producer, decision="approved")

    instalment = Instalment.objects.get()
    assert instalment.status == "due"
    email = OutboxMessage.objects.get(recipient=world.finance.email)
    assert email.subject == f"Instalment due: 100000.00 CNY for {world.film.title_en}"


def test_reopening_before_payment_plans_the_instalment_again(world):
    plan(world, row(world.video_milestone, percent="100"))
    submission_review(submission=world.submission, reviewer=world.producer, decision="approved")

    submission_reopen(submission=world.submission, reviewer=world.producer, reason="Recut")

    assert Instalment.objects.get().status == "planned"


def test_a_planned_instalment_or_a_future_date_cannot_be_paid(world):
    plan(world, row(world.video_milestone, percent="100"))
    instalment = Instalment.objects.get()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    planned = refused(
        lambda: instalment_mark_paid(
            instalment=instalment, paid_on=timezone.localdate(), payment_reference="X", paid_by=None
        )
    )
    future = refused(
        lambda: instalment_mark_paid(
            instalment=instalment, paid_on=tomorrow, payment_reference="X", paid_by=None
        )
    )

    assert planned == "Only a due instalment can be paid; this one is Planned."
    assert future == "The payment date cannot be in the future."
