"""Deactivated accounts hear of nothing (a mutation that mailed them passed the suite): not of a
submission, a review or a comment; and a third version is stored like the second."""

from django.core import mail
from django.urls import reverse

from films import services
from films.models import MilestoneSubmission
from tests.factories import pdf_bytes
from tests.portal.test_submissions import post_file


def deactivate(user) -> None:
    user.is_active = False
    user.save()


def test_a_deactivated_producer_hears_of_no_submission(
    client, world, django_capture_on_commit_callbacks
):
    deactivate(world.producer)
    client.force_login(world.director)

    with django_capture_on_commit_callbacks(execute=True):
        post_file(client, world, world.document_milestone, pdf_bytes())

    assert [message.to for message in mail.outbox] == [[world.panel_member.email]]


def test_a_deactivated_director_hears_of_no_review(world, django_capture_on_commit_callbacks):
    deactivate(world.director)

    with django_capture_on_commit_callbacks(execute=True):
        services.submission_review(
            submission=world.submission, reviewer=world.producer, decision="approved"
        )

    assert mail.outbox == []


def test_a_deactivated_director_hears_of_no_comment(
    client, world, django_capture_on_commit_callbacks
):
    deactivate(world.director)
    client.force_login(world.panel_member)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("portal:submission_comment", args=[world.submission.pk]),
            {"body": "The second one."},
        )

    assert response.status_code == 302
    assert mail.outbox == []


def test_a_third_version_is_stored_after_the_second(
    client, world, private_files, django_capture_on_commit_callbacks
):
    client.force_login(world.director)

    with django_capture_on_commit_callbacks(execute=True):
        answers = [
            post_file(client, world, world.document_milestone, pdf_bytes(size)).status_code
            for size in (100, 200, 300)
        ]

    versions = MilestoneSubmission.objects.filter(milestone=world.document_milestone)
    assert answers == [302, 302, 302]
    assert list(versions.order_by("version").values_list("version", flat=True)) == [1, 2, 3]
    assert len(private_files()) == 3
