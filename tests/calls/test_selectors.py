"""Reads of calls.selectors: open calls, what a reviewer may open, the ranking, the dashboard."""

import datetime

import pytest
from django.http import Http404
from django.utils import timezone

from calls.models import Application, Assignment, CoApplicant, Conflict, Review, Reviewer
from calls.selectors import (
    application_for_applicant,
    assignment_for_reviewer,
    call_conflicts,
    call_dashboard,
    calls_open,
    calls_public,
    ranking,
    reviewer_assignments,
    reviewer_calls,
)
from calls.services.review import review_save
from tests.factories import UserFactory
from tests.factories.calls import (
    ApplicationFactory,
    CallFactory,
    ReviewerFactory,
    call_world,
    scoring_round,
)

pytestmark = pytest.mark.django_db


def test_ranking_normalises_each_reviewer_and_shows_ties_and_disagreement():
    call = CallFactory()
    round_ = scoring_round(call)
    apps = [ApplicationFactory(call=call, round=round_) for _ in range(3)]
    harsh, generous = ReviewerFactory(call=call), ReviewerFactory(call=call)
    story, voice = round_.criteria.all()
    given = {harsh: (1, 2, 3), generous: (5, 4, 4)}
    for reviewer, scores in given.items():
        for application, score in zip(apps, scores, strict=True):
            a = Assignment.objects.create(round=round_, application=application, reviewer=reviewer)
            review_save(
                assignment=a, scores={str(story.pk): score, str(voice.pk): score}, submit=True
            )

    rows = ranking(round=round_)

    by_pk = {row.application.pk: row for row in rows}
    assert by_pk[apps[0].pk].spread == 100.0
    assert by_pk[apps[0].pk].disagreement
    assert by_pk[apps[0].pk].tied and by_pk[apps[1].pk].tied
    assert by_pk[apps[0].pk].rank == by_pk[apps[1].pk].rank == 2
    assert by_pk[apps[2].pk].rank == 1
    assert not by_pk[apps[2].pk].tied
    # The harsh reviewer's 0 is their lowest, the generous one's 100 their highest: z cancels.
    assert by_pk[apps[0].pk].z_score == 0.09


def test_ranking_by_one_criterion_orders_by_its_average_and_leaves_unreviewed_unranked():
    call = CallFactory()
    round_ = scoring_round(call)
    strong_story, strong_voice, unreviewed = (
        ApplicationFactory(call=call, round=round_) for _ in range(3)
    )
    reviewer = ReviewerFactory(call=call)
    story, voice = round_.criteria.all()
    for application, (s, v) in ((strong_story, (5, 1)), (strong_voice, (1, 5))):
        a = Assignment.objects.create(round=round_, application=application, reviewer=reviewer)
        review_save(assignment=a, scores={str(story.pk): s, str(voice.pk): v}, submit=True)

    by_voice = ranking(round=round_, criterion=voice)
    by_average = ranking(round=round_)

    assert [row.application.pk for row in by_voice] == [
        strong_voice.pk,
        strong_story.pk,
        unreviewed.pk,
    ]
    assert [row.criterion_average for row in by_voice] == [5.0, 1.0, None]
    assert [row.rank for row in by_voice] == [1, 2, None]
    # Story weighs 2, voice 1: the strong story ranks first on the weighted average.
    assert [row.application.pk for row in by_average][:2] == [strong_story.pk, strong_voice.pk]
    assert by_average[2].reviews == 0
    assert not by_average[2].tied


def test_open_calls_leave_out_closed_and_future_ones_and_public_calls_keep_closed_ones():
    now = timezone.now()
    open_call = CallFactory()
    closed = CallFactory(
        opens_at=now - datetime.timedelta(days=30), closes_at=now - datetime.timedelta(days=1)
    )
    CallFactory(
        opens_at=now + datetime.timedelta(days=1), closes_at=now + datetime.timedelta(days=9)
    )

    assert list(calls_open(now=now)) == [open_call]
    assert set(calls_public(now=now)) == {open_call, closed}


def test_reviewer_calls_are_the_active_seats_only():
    user = UserFactory()
    seat = ReviewerFactory(user=user)
    ReviewerFactory(user=user, is_active=False)

    assert list(reviewer_calls(user=user)) == [seat]


def test_reviewer_assignments_leave_out_withdrawn_applications():
    world = call_world()
    reviewer = Reviewer.objects.get(call=world.call, user=world.reviewer)
    withdrawn, kept = (ApplicationFactory(call=world.call, round=world.scoring) for _ in range(2))
    withdrawn.state = Application.State.WITHDRAWN
    withdrawn.save()
    for application in (withdrawn, kept):
        Assignment.objects.create(round=world.scoring, application=application, reviewer=reviewer)

    shown = [a.application for a in reviewer_assignments(reviewer=reviewer)]

    assert shown == [world.application, kept]


# A conflict of one kind must not hide the reviewer's other applications: the selector once
# excluded NOT IN subqueries holding the other kinds' NULLs, which hid every assignment.
@pytest.mark.parametrize("kind", ["application", "person", "email"])
def test_a_conflict_hides_only_the_application_it_covers(kind):
    world = call_world()
    reviewer = Reviewer.objects.get(call=world.call, user=world.reviewer)
    covered = ApplicationFactory(call=world.call, round=world.scoring)
    Assignment.objects.create(round=world.scoring, application=covered, reviewer=reviewer)
    about = {
        "application": {"application": covered},
        "person": {"person": covered.applicant},
        "email": {"email": covered.applicant.email.lower()},
    }[kind]
    Conflict.objects.create(reviewer=reviewer, **about)

    shown = [a.application for a in reviewer_assignments(reviewer=reviewer)]

    assert shown == [world.application]


def test_assignment_for_reviewer_is_404_for_another_person_a_conflict_or_a_dropped_seat():
    world = call_world()

    assert assignment_for_reviewer(user=world.reviewer, assignment_id=world.assignment.pk) == (
        world.assignment
    )
    for user, assignment in (
        (world.outside_juror, world.assignment),
        (world.conflicted_reviewer, world.conflicted_assignment),
    ):
        with pytest.raises(Http404):
            assignment_for_reviewer(user=user, assignment_id=assignment.pk)
    Reviewer.objects.filter(user=world.reviewer).update(is_active=False)
    with pytest.raises(Http404):
        assignment_for_reviewer(user=world.reviewer, assignment_id=world.assignment.pk)


def test_application_for_applicant_finds_the_own_one_or_an_accepted_co_application():
    world = call_world()
    invited = UserFactory()
    CoApplicant.objects.create(
        application=world.application,
        email=invited.email,
        role="producer",
        token_hash="x" * 64,
        user=invited,
    )

    assert application_for_applicant(user=world.applicant, call=world.call) == world.application
    assert application_for_applicant(user=world.co_applicant, call=world.call) == world.application
    assert application_for_applicant(user=invited, call=world.call) is None


def test_call_conflicts_list_every_reviewers_declarations_in_the_call_only():
    world = call_world()
    elsewhere = ApplicationFactory()
    Conflict.objects.create(reviewer=ReviewerFactory(call=elsewhere.call), application=elsewhere)

    conflicts = list(call_conflicts(call=world.call))

    assert [(c.reviewer.user, c.application) for c in conflicts] == [
        (world.conflicted_reviewer, world.application)
    ]


def test_call_dashboard_counts_states_rounds_reviews_and_days_left():
    world = call_world()
    review_save(
        assignment=world.assignment,
        scores={str(c.pk): 3 for c in world.scoring.criteria.all()},
        submit=True,
    )

    dashboard = call_dashboard(call=world.call)

    assert dashboard.by_state == {"submitted": 1, "draft": 1}
    assert {str(row["round"].kind): row["count"] for row in dashboard.by_round}["scoring"] == 1
    assert {r.user.full_name: (r.assigned, r.done) for r in dashboard.reviewers} == {
        "reviewer": (1, 1),
        "conflicted_reviewer": (1, 0),
        "outside_juror": (1, 0),
    }
    assert sum(n for _day, n in dashboard.per_day) == 1
    assert (
        dashboard.days_left
        == (timezone.localdate(world.call.closes_at) - timezone.localdate()).days
    )


def test_call_dashboard_has_no_days_left_after_closing():
    now = timezone.now()
    call = CallFactory(
        opens_at=now - datetime.timedelta(days=9), closes_at=now - datetime.timedelta(hours=1)
    )

    assert call_dashboard(call=call).days_left is None


def test_averages_equal_to_two_places_rank_together_as_a_tie():
    """Totals are kept to two places, so (0, 0, 20.83) and (0, 4.17, 16.65) average 6.9433 and
    6.94: the page shows 6.94 for both, and they must not be ranked apart."""
    call = CallFactory()
    round_ = scoring_round(call)
    apps = [ApplicationFactory(call=call, round=round_) for _ in range(2)]
    reviewers = [ReviewerFactory(call=call) for _ in range(3)]
    for application, totals in zip(apps, ((0, 0, 20.83), (0, 4.17, 16.65)), strict=True):
        for reviewer, total in zip(reviewers, totals, strict=True):
            a = Assignment.objects.create(round=round_, application=application, reviewer=reviewer)
            Review.objects.create(assignment=a, scores={}, total=total, state="submitted")

    rows = ranking(round=round_)

    assert [row.average for row in rows] == [6.94, 6.94]
    assert [row.rank for row in rows] == [1, 1]
    assert all(row.tied for row in rows)


def test_ranking_breaks_a_tie_by_z_score_and_skips_the_tied_places():
    """Two applications at 80: the one its reviewer rated far above their own habit comes first;
    both are first, and the next line is third, not second."""
    call = CallFactory()
    round_ = scoring_round(call)
    x, y, c, d, e = (ApplicationFactory(call=call, round=round_) for _ in range(5))
    harsh, generous = ReviewerFactory(call=call), ReviewerFactory(call=call)
    given = {harsh: ((x, 80), (c, 20)), generous: ((y, 80), (d, 79), (e, 78))}
    for reviewer, totals in given.items():
        for application, total in totals:
            a = Assignment.objects.create(round=round_, application=application, reviewer=reviewer)
            Review.objects.create(assignment=a, scores={}, total=total, state="submitted")

    rows = ranking(round=round_)

    # harsh: mean 50, spread 30, so x's z is 1.0; generous: mean 79, spread 0.82, y's is 1.22.
    assert [row.application.pk for row in rows] == [y.pk, x.pk, d.pk, e.pk, c.pk]
    assert [row.rank for row in rows] == [1, 1, 3, 4, 5]
    assert [row.tied for row in rows] == [True, True, False, False, False]
    assert [row.z_score for row in rows] == [1.22, 1.0, 0.0, -1.22, -1.0]
