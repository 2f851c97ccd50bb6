"""Staff keep a cohort's milestone schedule and partners in the workspace, not the admin."""

import datetime

import pytest
from django.urls import reverse

from programs.models import CohortPartner, MilestoneDefinition
from tests.factories import (
    CohortFactory,
    CohortPartnerFactory,
    MilestoneFactory,
    SubmissionFactory,
)

pytestmark = pytest.mark.django_db


def milestone_form(**overrides) -> dict:
    data = {
        "order": "1",
        "name_zh": "剧本初稿",
        "name_en": "Screenplay, first draft",
        "description_zh": "",
        "description_en": "",
        "due_date": "2032-04-01",
        "deliverable_kind": "document",
        "is_required": "on",
        "gates_screening": "on",
    }
    return {**data, **overrides}


def test_milestone_create_adds_to_the_schedule(staff_client):
    cohort = CohortFactory()

    response = staff_client.post(
        reverse("workspace:milestone_create", kwargs={"slug": cohort.slug}), milestone_form()
    )

    assert response.status_code == 302
    milestone = MilestoneDefinition.objects.get(cohort=cohort)
    assert (milestone.name_en, milestone.due_date, milestone.gates_screening) == (
        "Screenplay, first draft",
        datetime.date(2032, 4, 1),
        True,
    )


@pytest.mark.parametrize("requires", [str(2**63), str(-(2**63)), "1" + "0" * 40])
def test_milestone_requiring_an_id_no_column_holds_is_refused_with_a_message(
    staff_client, requires
):
    cohort = CohortFactory()

    response = staff_client.post(
        reverse("workspace:milestone_create", kwargs={"slug": cohort.slug}),
        milestone_form(requires=requires),
    )

    assert response.status_code == 400  # the form again, with its message
    assert response.context["form"].errors["requires"] == [f"“{requires}” is not a valid value."]
    assert not MilestoneDefinition.objects.filter(cohort=cohort).exists()


def test_milestone_create_suggests_the_next_number(staff_client):
    cohort = CohortFactory()
    MilestoneFactory(cohort=cohort, order=4)

    response = staff_client.get(reverse("workspace:milestone_create", kwargs={"slug": cohort.slug}))

    assert response.context["form"].initial["order"] == 5


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name_zh": "", "name_en": ""}, "__all__", "Name the milestone in at least one language."),
        ({"due_date": "not a date"}, "due_date", "Enter a valid date."),
        ({"deliverable_kind": "hologram"}, "deliverable_kind", None),
        ({"order": "-3"}, "order", None),
    ],
)
def test_milestone_create_refuses_bad_input_and_saves_nothing(
    staff_client, overrides, field, message
):
    cohort = CohortFactory()

    response = staff_client.post(
        reverse("workspace:milestone_create", kwargs={"slug": cohort.slug}),
        milestone_form(**overrides),
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors
    if message:
        assert errors[field] == [message]
    assert not MilestoneDefinition.objects.filter(cohort=cohort).exists()


def test_milestone_create_refuses_a_duplicate_number(staff_client):
    existing = MilestoneFactory(order=1)

    response = staff_client.post(
        reverse("workspace:milestone_create", kwargs={"slug": existing.cohort.slug}),
        milestone_form(order="1"),
    )

    assert response.status_code == 400
    assert MilestoneDefinition.objects.filter(cohort=existing.cohort).count() == 1


def test_milestone_edit_moves_the_due_date(staff_client):
    milestone = MilestoneFactory(name_en="Rough cut", deliverable_kind="video_link")

    response = staff_client.post(
        reverse("workspace:milestone_edit", kwargs={"milestone_id": milestone.pk}),
        milestone_form(
            order=str(milestone.order),
            name_en="Rough cut",
            deliverable_kind="video_link",
            due_date="2033-01-15",
        ),
    )

    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.due_date == datetime.date(2033, 1, 15)


def test_milestone_remove_deletes_one_nothing_was_delivered_for(staff_client):
    milestone = MilestoneFactory()

    staff_client.post(reverse("workspace:milestone_delete", kwargs={"milestone_id": milestone.pk}))

    assert not MilestoneDefinition.objects.filter(pk=milestone.pk).exists()


def test_milestone_remove_keeps_one_with_submissions(staff_client):
    submission = SubmissionFactory()

    response = staff_client.post(
        reverse("workspace:milestone_delete", kwargs={"milestone_id": submission.milestone_id}),
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert MilestoneDefinition.objects.filter(pk=submission.milestone_id).exists()
    assert [str(m) for m in response.context["messages"]] == [
        "Films have delivered this milestone already; edit it instead of removing it."
    ]


def test_milestone_list_shows_the_schedule_in_order(staff_client):
    cohort = CohortFactory()
    MilestoneFactory(cohort=cohort, order=2, name_en="Picture lock")
    MilestoneFactory(cohort=cohort, order=1, name_en="Treatment")

    response = staff_client.get(
        reverse("workspace:milestones", kwargs={"slug": cohort.slug}), HTTP_ACCEPT_LANGUAGE="en"
    )

    assert [m.name_en for m in response.context["milestones"]] == ["Treatment", "Picture lock"]


def test_cohort_partner_remove_drops_the_partnership_only(staff_client):
    partnership = CohortPartnerFactory()

    staff_client.post(
        reverse("workspace:cohort_partner_remove", kwargs={"partnership_id": partnership.pk})
    )

    assert not CohortPartner.objects.filter(pk=partnership.pk).exists()
    assert partnership.partner.__class__.objects.filter(pk=partnership.partner_id).exists()
