import datetime

import pytest
from django.utils import timezone, translation

from films.models import FilmRevision, MilestoneSubmission
from portal.selectors import (
    MilestoneRow,
    milestone_row,
    milestone_state,
    milestone_timeline,
    milestone_versions,
    pending_revisions,
    portal_films,
    review_queue,
)
from tests.factories import (
    CommentFactory,
    FilmFactory,
    MilestoneFactory,
    RevisionFactory,
    SubmissionFactory,
    UserFactory,
    portal_world,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2031, 5, 1)


@pytest.fixture
def world():
    return portal_world()


def test_milestone_state_of_each_case():
    due_later = MilestoneFactory.build(due_date=TODAY + datetime.timedelta(days=1))
    past_due = MilestoneFactory.build(due_date=TODAY - datetime.timedelta(days=1))
    submitted = SubmissionFactory.build(status=MilestoneSubmission.Status.SUBMITTED)
    changes = SubmissionFactory.build(status=MilestoneSubmission.Status.CHANGES_REQUESTED)

    states = [
        milestone_state(due_later, None, TODAY),
        milestone_state(past_due, None, TODAY),
        milestone_state(past_due, submitted, TODAY),
        milestone_state(due_later, changes, TODAY),
        milestone_state(past_due, changes, TODAY),
    ]

    assert states == ["not_started", "overdue", "submitted", "changes_requested", "overdue"]


def test_milestone_row_labels_and_lock():
    milestone = MilestoneFactory.build()

    with translation.override("en"):
        label = str(MilestoneRow(milestone, None, "changes_requested").state_label)

    assert label == "Changes requested"
    assert MilestoneRow(milestone, None, "approved").is_locked
    assert not MilestoneRow(milestone, None, "submitted").is_locked


def test_milestone_timeline_has_each_milestone_in_order_with_its_latest_version(world):
    newer = SubmissionFactory(
        film=world.film, milestone=world.video_milestone, version=2, submitted_by=world.director
    )

    rows = milestone_timeline(world.film)

    assert [row.milestone for row in rows] == [
        world.document_milestone,
        world.image_milestone,
        world.video_milestone,
        world.video_file_milestone,
    ]
    assert [row.latest for row in rows] == [None, None, newer, None]


def test_milestone_timeline_says_why_a_milestone_is_locked_until_its_requirement_is_approved(
    world,
):
    world.image_milestone.requires.set([world.document_milestone])
    locked = milestone_timeline(world.film)[1].locked_reason
    SubmissionFactory(
        film=world.film,
        milestone=world.document_milestone,
        status=MilestoneSubmission.Status.APPROVED,
    )

    rows = milestone_timeline(world.film)

    assert locked != ""
    assert (rows[0].state, rows[1].locked_reason) == ("approved", "")


def test_milestone_row_is_the_latest_version_and_the_lock_of_one_milestone(world):
    world.image_milestone.requires.set([world.document_milestone])
    newer = SubmissionFactory(film=world.film, milestone=world.video_milestone, version=2)

    locked = milestone_row(world.film, world.image_milestone)
    open_row = milestone_row(world.film, world.video_milestone)

    assert (locked.latest, locked.locked_reason != "") == (None, True)
    assert (open_row.latest, open_row.state, open_row.locked_reason) == (newer, "submitted", "")


def test_milestone_versions_are_newest_first_with_their_comments_in_order(
    world, django_assert_num_queries
):
    newer = SubmissionFactory(film=world.film, milestone=world.video_milestone, version=2)
    first = CommentFactory(submission=newer, body="first")
    second = CommentFactory(submission=newer, body="second")

    with django_assert_num_queries(2):
        versions = list(milestone_versions(world.film, world.video_milestone))
        comments = [list(v.comments.all()) for v in versions]

    assert versions == [newer, world.submission]
    assert comments == [[first, second], []]


def test_review_queue_holds_the_latest_waiting_versions_of_films_the_user_reviews(world):
    older = SubmissionFactory(
        film=world.film,
        milestone=world.document_milestone,
        submitted_at=timezone.now() - datetime.timedelta(days=2),
    )
    replaced = SubmissionFactory(film=world.film, milestone=world.image_milestone, version=1)
    latest = SubmissionFactory(film=world.film, milestone=world.image_milestone, version=2)
    SubmissionFactory(film=FilmFactory(), version=1)

    queue = list(review_queue(world.producer))

    assert replaced not in queue
    assert queue == [older, world.submission, latest]
    assert list(review_queue(world.unrelated_mentor)) == []


def test_portal_films_splits_directed_and_reviewed_films(world):
    directed, reviewed = portal_films(world.director)
    producer_directed, producer_reviewed = portal_films(world.producer)

    assert (list(directed), list(reviewed)) == ([world.film], [])
    assert (list(producer_directed), list(producer_reviewed)) == ([], [world.film])
    assert [list(q) for q in portal_films(UserFactory())] == [[], []]


def test_pending_revisions_are_the_undecided_ones_oldest_first(world):
    first = RevisionFactory(film=world.film, proposed_by=world.director)
    RevisionFactory(
        film=world.film, proposed_by=world.director, status=FilmRevision.Status.REJECTED
    )
    second = RevisionFactory(film=world.film, proposed_by=world.director)

    assert list(pending_revisions(world.film)) == [first, second]
