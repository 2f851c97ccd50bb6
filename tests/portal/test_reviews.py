from django.core import mail
from django.urls import reverse
from django.utils import timezone

from films.models import MilestoneSubmission, SubmissionComment
from tests.factories import SubmissionFactory


def review(client, submission, **data):
    return client.post(reverse("portal:submission_review", args=[submission.pk]), data)


def test_producer_approves_and_the_director_is_emailed(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.producer)

    with django_capture_on_commit_callbacks(execute=True):
        response = review(client, world.submission, decision="approved", feedback="Lovely.")

    assert response.status_code == 302
    world.submission.refresh_from_db()
    assert (world.submission.status, world.submission.reviewed_by) == ("approved", world.producer)
    assert [message.to for message in mail.outbox] == [[world.director.email]]
    assert mail.outbox[0].subject == f"Approved: {world.video_milestone.name_en}"


def test_panel_member_requests_changes_with_feedback(client, world):
    client.force_login(world.panel_member)

    review(client, world.submission, decision="changes_requested", feedback="Shorter, please.")

    world.submission.refresh_from_db()
    assert (world.submission.status, world.submission.feedback) == (
        "changes_requested",
        "Shorter, please.",
    )


def test_request_changes_without_feedback_is_refused(client, world):
    client.force_login(world.producer)

    response = review(client, world.submission, decision="changes_requested", feedback=" ")

    assert response.status_code == 400
    assert "Say what should change." in response.text
    world.submission.refresh_from_db()
    assert world.submission.status == "submitted"


def test_review_of_a_replaced_version_is_refused(client, world):
    SubmissionFactory(film=world.film, milestone=world.video_milestone, version=2)
    client.force_login(world.producer)

    response = review(client, world.submission, decision="approved")

    assert response.status_code == 400
    assert "already decided or replaced" in response.text


def test_reviewer_reopens_an_approved_milestone_for_resubmission(client, world):
    world.submission.status = MilestoneSubmission.Status.APPROVED
    world.submission.save()
    client.force_login(world.panel_member)
    client.post(
        reverse("portal:submission_reopen", args=[world.submission.pk]), {"reason": "Recut."}
    )
    client.force_login(world.director)

    response = client.post(
        reverse("portal:milestone_submit", args=[world.film.pk, world.video_milestone.pk]),
        {"video_url": "https://pan.example.org/s/recut"},
    )

    assert response.status_code == 302
    assert list(
        world.film.submissions.filter(milestone=world.video_milestone)
        .order_by("version")
        .values_list("status", flat=True)
    ) == ["changes_requested", "submitted"]


def test_milestone_page_keeps_earlier_versions_and_their_feedback(client, world):
    world.submission.status = MilestoneSubmission.Status.CHANGES_REQUESTED
    world.submission.feedback = "Too long by five minutes."
    world.submission.save()
    SubmissionFactory(film=world.film, milestone=world.video_milestone, version=2)
    client.force_login(world.director)

    response = client.get(
        reverse("portal:milestone", args=[world.film.pk, world.video_milestone.pk])
    )

    assert response.status_code == 200
    assert "Version 1" in response.text
    assert "Version 2" in response.text
    assert "Too long by five minutes." in response.text


def test_director_comment_emails_the_reviewers(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.director)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("portal:submission_comment", args=[world.submission.pk]),
            {"body": "Which cut do you prefer?"},
        )

    assert SubmissionComment.objects.get().body == "Which cut do you prefer?"
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.producer.email, world.panel_member.email]
    )
    assert "Which cut do you prefer?" in mail.outbox[0].body


def test_reviewer_comment_emails_the_director(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.panel_member)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("portal:submission_comment", args=[world.submission.pk]),
            {"body": "The second one."},
        )

    assert [m.to for m in mail.outbox] == [[world.director.email]]


def test_empty_comment_is_refused(client, world):
    client.force_login(world.director)

    response = client.post(
        reverse("portal:submission_comment", args=[world.submission.pk]), {"body": ""}
    )

    assert response.status_code == 400
    assert SubmissionComment.objects.count() == 0


def test_review_queue_lists_latest_waiting_versions_oldest_first(client, world):
    older = SubmissionFactory(
        film=world.film,
        milestone=world.document_milestone,
        file="deliverables/x.pdf",
        submitted_at=timezone.now() - timezone.timedelta(days=3),
    )
    client.force_login(world.producer)

    response = client.get(reverse("portal:reviews"))

    assert [s.pk for s in response.context["queue"]] == [older.pk, world.submission.pk]


def test_review_queue_is_empty_for_a_mentor_of_another_cohort(client, world):
    client.force_login(world.unrelated_mentor)

    response = client.get(reverse("portal:reviews"))

    assert list(response.context["queue"]) == []


def test_timeline_shows_each_milestone_state(client, world):
    world.document_milestone.due_date = timezone.localdate() + timezone.timedelta(days=10)
    world.document_milestone.save()
    world.image_milestone.due_date = timezone.localdate() - timezone.timedelta(days=1)
    world.image_milestone.save()
    world.video_file_milestone.due_date = timezone.localdate() + timezone.timedelta(days=30)
    world.video_file_milestone.save()
    client.force_login(world.director)

    response = client.get(reverse("portal:film", args=[world.film.pk]))

    states = {row.milestone.pk: row.state for row in response.context["timeline"]}
    assert states == {
        world.document_milestone.pk: "not_started",
        world.image_milestone.pk: "overdue",
        world.video_milestone.pk: "submitted",
        # Half uploaded is not submitted.
        world.video_file_milestone.pk: "not_started",
    }


def test_review_queue_query_count_does_not_grow_with_submissions(
    client, world, django_assert_max_num_queries
):
    for order in range(5, 10):
        milestone = world.video_milestone.__class__.objects.create(
            cohort=world.cohort, order=order, due_date=timezone.localdate(), name_en=f"M{order}"
        )
        SubmissionFactory(film=world.film, milestone=milestone)
    client.force_login(world.producer)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("portal:reviews"))

    assert len(response.context["queue"]) == 6
