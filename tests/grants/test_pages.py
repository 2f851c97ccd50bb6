"""The money pages: finance marks an instalment paid (and the history records it), the grant
form refuses a plan that does not add up, the finance export, and what the finance role sees."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from films.services import submission_review
from grants.models import Grant, Instalment
from grants.services import grant_plan
from workspace.models import AuditEntry


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


def test_finance_marks_paid_with_date_and_reference_and_history_records_it(client, world):
    plan(world, row(world.video_milestone, percent="100"))
    submission_review(submission=world.submission, reviewer=world.producer, decision="approved")
    instalment = Instalment.objects.get()
    client.force_login(world.finance)
    today = timezone.localdate()

    response = client.post(
        reverse("workspace:instalment_pay", kwargs={"instalment_id": instalment.pk}),
        {"paid_on": today.isoformat(), "payment_reference": "BOC-2026-0042"},
    )

    assert response.status_code == 302
    instalment.refresh_from_db()
    assert (instalment.status, instalment.paid_on, instalment.payment_reference) == (
        "paid",
        today,
        "BOC-2026-0042",
    )
    changes = AuditEntry.objects.filter(model_label="grants.Instalment", action="changed")
    entry = changes.order_by("pk").last()
    assert entry.actor == world.finance
    assert entry.changes["status"] == ["due", "paid"]


def test_the_grant_form_refuses_a_plan_that_does_not_add_up(client, world):
    client.force_login(world.staff)
    data = {
        "amount_cny": "100000",
        "instalments-TOTAL_FORMS": "2",
        "instalments-INITIAL_FORMS": "0",
        "instalments-0-milestone": world.document_milestone.pk,
        "instalments-0-percent": "50",
        "instalments-1-milestone": world.video_milestone.pk,
        "instalments-1-amount_cny": "10000",
    }

    response = client.post(reverse("workspace:grant_plan", kwargs={"film_id": world.film.pk}), data)

    assert response.status_code == 400
    assert "add up to 60000.00 CNY" in response.content.decode()
    assert not Grant.objects.exists()


def test_the_finance_export_lists_instalments(client, world):
    plan(world, row(world.video_milestone, percent="100"))
    client.force_login(world.finance)

    response = client.get(reverse("workspace:finance_export"))

    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Cohort,Film,Director,Milestone,Amount (CNY),Status")
    assert ",100000.00,Planned," in lines[1]


def test_finance_sees_money_and_nothing_confidential(client, world):
    client.force_login(world.finance)

    money = client.get(reverse("workspace:film_money", kwargs={"film_id": world.film.pk}))
    submission = client.get(
        reverse("workspace:submission", kwargs={"submission_id": world.submission.pk})
    )
    portal_film = client.get(reverse("portal:film", kwargs={"film_id": world.film.pk}))

    assert (money.status_code, submission.status_code, portal_film.status_code) == (200, 404, 404)


def test_the_money_history_names_linked_records_instead_of_their_ids(client, world):
    plan(world, row(world.video_milestone, percent="100"))
    submission_review(submission=world.submission, reviewer=world.producer, decision="approved")
    instalment = Instalment.objects.get()
    client.force_login(world.finance)
    client.post(
        reverse("workspace:instalment_pay", kwargs={"instalment_id": instalment.pk}),
        {"paid_on": timezone.localdate().isoformat(), "payment_reference": "BOC-2026-0042"},
    )

    page = client.get(reverse("workspace:film_money", kwargs={"film_id": world.film.pk}))

    history = page.context["history"]
    changes = [change for entry in history for change in entry.readable_changes()]
    paid_by = [after for name, _before, after in changes if str(name).lower() == "paid by"]
    milestone = [after for name, _before, after in changes if str(name).lower() == "milestone"]
    assert paid_by == [str(world.finance)]
    assert milestone and set(milestone) == {str(world.video_milestone)}
    assert f"<ins>{world.video_milestone.pk}</ins>" not in page.content.decode()
