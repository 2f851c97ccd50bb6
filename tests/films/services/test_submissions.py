import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from films.models import DeliverableUpload, Film, MilestoneSubmission, SubmissionComment
from films.services.submissions import (
    milestone_submit,
    submission_comment_add,
    submission_recipients,
    submission_reopen,
    submission_review,
)
from mentors.models import Mentor
from outbox.models import DigestEntry, OutboxMessage
from programs.models import ProductionStage
from tests.factories import (
    MentorFactory,
    MilestoneFactory,
    PanelMembershipFactory,
    SubmissionFactory,
    portal_world,
)
from tests.factories.portal import pdf_bytes
from webhooks.models import Event, WebhookDelivery
from webhooks.services import endpoint_create

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    # These tests read the messages in English; the default language is Chinese.
    with translation.override("en"):
        yield


@pytest.fixture
def world():
    return portal_world()


def recipients_of(cause_kind: str) -> list[str]:
    return sorted(
        OutboxMessage.objects.filter(cause__startswith=f"{cause_kind}:").values_list(
            "recipient", flat=True
        )
    )


def submit_link(world, **fields) -> MilestoneSubmission:
    return milestone_submit(
        film=world.film,
        milestone=world.video_milestone,
        submitted_by=world.director,
        video_url="https://pan.example.org/s/new",
        **fields,
    )


def test_milestone_submit_saves_the_next_version_and_emails_producer_and_panel(world):
    submission = submit_link(world, access_code="1234")

    assert (submission.version, submission.access_code) == (2, "1234")
    assert recipients_of("submission") == sorted([world.producer.email, world.panel_member.email])


def test_milestone_submit_of_a_document_stores_it_under_a_server_name(world):
    upload = SimpleUploadedFile("../Script Final.pdf", pdf_bytes(), content_type="application/pdf")

    submission = milestone_submit(
        film=world.film,
        milestone=world.document_milestone,
        submitted_by=world.director,
        upload=upload,
    )

    assert submission.original_filename == "Script Final.pdf"
    assert "Script" not in submission.file.name
    assert submission.file.storage.exists(submission.file.name)


def test_milestone_submit_of_an_approved_milestone_is_refused_and_saves_nothing(world):
    world.submission.status = MilestoneSubmission.Status.APPROVED
    world.submission.save()

    with pytest.raises(ValidationError) as error:
        submit_link(world)

    assert error.value.messages == [
        "This milestone is approved and locked; a reviewer can reopen it."
    ]
    assert (MilestoneSubmission.objects.count(), OutboxMessage.objects.count()) == (1, 0)


def test_milestone_submit_before_its_required_milestone_is_approved_is_refused(world):
    later = MilestoneFactory(cohort=world.cohort, order=9, deliverable_kind="video_link")
    later.requires.set([world.document_milestone])

    with pytest.raises(ValidationError):
        milestone_submit(
            film=world.film,
            milestone=later,
            submitted_by=world.director,
            video_url="https://x.example",
        )

    assert not MilestoneSubmission.objects.filter(milestone=later).exists()


def test_milestone_submit_holds_the_email_for_a_mentor_who_wants_a_daily_digest(world):
    Mentor.objects.filter(user=world.panel_member).update(review_emails=Mentor.ReviewEmails.DAILY)

    submission = submit_link(world)

    assert recipients_of("submission") == [world.producer.email]
    assert list(DigestEntry.objects.values_list("recipient", "cause")) == [
        (world.panel_member.email, f"submission:{submission.pk}")
    ]


def test_submission_review_approves_and_emails_the_director(world):
    reviewed = submission_review(
        submission=world.submission, reviewer=world.producer, decision="approved"
    )

    assert (reviewed.status, reviewed.reviewed_by) == ("approved", world.producer)
    assert recipients_of("submission") == [world.director.email]


def test_submission_review_asking_for_changes_needs_feedback(world):
    with pytest.raises(ValidationError) as error:
        submission_review(
            submission=world.submission,
            reviewer=world.producer,
            decision="changes_requested",
            feedback="  ",
        )

    assert error.value.message_dict == {"feedback": ["Say what should change."]}
    world.submission.refresh_from_db()
    assert world.submission.status == MilestoneSubmission.Status.SUBMITTED


def test_submission_review_refuses_an_unknown_decision(world):
    with pytest.raises(ValidationError) as error:
        submission_review(
            submission=world.submission, reviewer=world.producer, decision="submitted"
        )

    assert error.value.messages == ["Choose approve or request changes."]


def test_submission_review_of_a_replaced_or_decided_version_is_refused(world):
    old = world.submission
    submit_link(world)

    with pytest.raises(ValidationError) as error:
        submission_review(submission=old, reviewer=world.producer, decision="approved")

    assert error.value.messages == ["This version was already decided or replaced by a newer one."]


def test_submission_reopen_unlocks_an_approved_milestone_with_the_reason(world):
    submission_review(submission=world.submission, reviewer=world.producer, decision="approved")

    reopened = submission_reopen(
        submission=world.submission, reviewer=world.producer, reason=" Sound mix again "
    )

    assert (reopened.status, reopened.feedback) == ("changes_requested", "Sound mix again")
    assert submit_link(world).version == 2


def test_submission_reopen_needs_a_reason_and_an_approved_version(world):
    with pytest.raises(ValidationError) as no_reason:
        submission_reopen(submission=world.submission, reviewer=world.producer, reason="")
    with pytest.raises(ValidationError) as not_approved:
        submission_reopen(submission=world.submission, reviewer=world.producer, reason="Why")

    assert no_reason.value.message_dict == {"reason": ["Say why the milestone is reopened."]}
    assert not_approved.value.messages == [
        "This version was already decided or replaced by a newer one."
    ]


def test_submission_comment_add_by_the_director_emails_the_reviewers(world):
    comment = submission_comment_add(
        submission=world.submission, author=world.director, body="  New cut uploaded. "
    )

    assert comment.body == "New cut uploaded."
    assert recipients_of("comment") == sorted([world.producer.email, world.panel_member.email])


def test_submission_comment_add_by_a_reviewer_emails_the_director(world):
    submission_comment_add(submission=world.submission, author=world.producer, body="Nice.")

    assert recipients_of("comment") == [world.director.email]


def test_submission_comment_add_refuses_an_empty_comment(world):
    with pytest.raises(ValidationError):
        submission_comment_add(submission=world.submission, author=world.producer, body="   ")

    assert not SubmissionComment.objects.exists()


def test_submission_recipients_are_producer_and_reviewing_panel_with_active_accounts(world):
    found = submission_recipients(world.film)

    assert sorted(u.email for u in found.users) == sorted(
        [world.producer.email, world.panel_member.email]
    )
    assert (found.producer, found.panel) == (True, True)


def test_submission_recipients_leave_out_an_inactive_account(world):
    world.panel_member.is_active = False
    world.panel_member.save()

    found = submission_recipients(world.film)

    assert ([u.email for u in found.users], found.producer, found.panel) == (
        [world.producer.email],
        True,
        False,
    )


def deliverables_stored() -> list[str]:
    storage = MilestoneSubmission._meta.get_field("file").storage
    return storage.listdir("deliverables")[1] if storage.exists("deliverables") else []


def test_milestone_submit_shows_the_file_name_without_direction_or_control_characters(world):
    upload = SimpleUploadedFile("Script\u202efdp.exe\x07.pdf", pdf_bytes())

    submission = milestone_submit(
        film=world.film,
        milestone=world.document_milestone,
        submitted_by=world.director,
        upload=upload,
    )

    assert submission.original_filename == "Scriptfdp.exe.pdf"


def test_milestone_submit_refused_after_the_file_was_stored_leaves_no_file_behind(world):
    SubmissionFactory(
        film=world.film,
        milestone=world.document_milestone,
        video_url="",
        file="deliverables/approved.pdf",
        status=MilestoneSubmission.Status.APPROVED,
    )
    stored_before = deliverables_stored()

    with pytest.raises(ValidationError):
        milestone_submit(
            film=world.film,
            milestone=world.document_milestone,
            submitted_by=world.director,
            upload=SimpleUploadedFile("script.pdf", pdf_bytes()),
        )

    assert deliverables_stored() == stored_before


def test_milestone_submit_of_a_document_leaves_an_unfinished_video_upload_alone(world):
    milestone_submit(
        film=world.film,
        milestone=world.document_milestone,
        submitted_by=world.director,
        upload=SimpleUploadedFile("script.pdf", pdf_bytes()),
        delivered=world.upload,
    )

    assert DeliverableUpload.objects.filter(pk=world.upload.pk).exists()


def test_versions_are_counted_per_film(world):
    neighbour = Film.objects.get(director__user=world.same_cohort_director)
    for version in (1, 2, 3):
        SubmissionFactory(
            film=neighbour,
            milestone=world.video_milestone,
            version=version,
            status=MilestoneSubmission.Status.APPROVED,
        )

    assert submit_link(world).version == 2


def test_a_newer_version_of_another_film_or_milestone_does_not_block_a_review(world):
    neighbour = Film.objects.get(director__user=world.same_cohort_director)
    SubmissionFactory(film=neighbour, milestone=world.video_milestone, version=2)
    SubmissionFactory(film=world.film, milestone=world.image_milestone, version=2)

    reviewed = submission_review(
        submission=world.submission, reviewer=world.producer, decision="approved"
    )

    assert reviewed.status == "approved"


def test_review_and_reopening_move_the_films_stage(world):
    world.video_milestone.opens_stage = ProductionStage.SHOOTING
    world.video_milestone.save()

    submission_review(submission=world.submission, reviewer=world.producer, decision="approved")
    approved_stage = Film.objects.get(pk=world.film.pk).stage
    submission_reopen(submission=world.submission, reviewer=world.producer, reason="Sound")

    assert approved_stage == ProductionStage.SHOOTING
    assert Film.objects.get(pk=world.film.pk).stage == ProductionStage.DEVELOPMENT


def test_reopening_emails_the_director(world):
    submission_review(submission=world.submission, reviewer=world.producer, decision="approved")
    OutboxMessage.objects.all().delete()

    submission_reopen(submission=world.submission, reviewer=world.producer, reason="Sound")

    assert recipients_of("submission") == [world.director.email]


def test_a_review_is_announced_to_the_webhook_endpoints(world, monkeypatch):
    monkeypatch.setattr("webhooks.services.delivery_enqueue", lambda *, delivery_id: True)
    endpoint_create(
        url="https://partner.example.org/hooks",
        events=[Event.SUBMISSION_REVIEWED],
        created_by=None,
    )

    submission_review(submission=world.submission, reviewer=world.producer, decision="approved")

    delivery = WebhookDelivery.objects.get()
    assert delivery.event == Event.SUBMISSION_REVIEWED
    assert json.loads(delivery.body)["data"]["submission"] == {
        "id": world.submission.pk,
        "film": world.film.pk,
        "milestone": world.video_milestone.pk,
        "version": 1,
        "status": "approved",
    }


def test_a_panel_mentor_without_an_account_is_not_a_recipient(world):
    PanelMembershipFactory(cohort=world.cohort, mentor=MentorFactory(user=None))

    found = submission_recipients(world.film)

    assert sorted(u.email for u in found.users) == sorted(
        [world.producer.email, world.panel_member.email]
    )


def test_a_producer_without_an_account_is_not_told(world):
    Mentor.objects.filter(user=world.producer).update(user=None)

    found = submission_recipients(world.film)

    assert (found.users, found.producer, found.panel) == ([world.panel_member], False, True)
