"""Automatic assignment: N reviewers per application, loads within one of each other,
conflicts respected, pins kept, reassignment on drop-out; checked over generated calls."""

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from calls.models import Application, Assignment, Conflict, Review
from calls.services.review import (
    assignment_auto,
    assignment_pin,
    assignment_swap,
    conflict_declare,
    conflicted_pairs,
    review_save,
    reviewer_drop,
)
from tests.factories.calls import ApplicationFactory, CallFactory, ReviewerFactory, scoring_round

pytestmark = pytest.mark.django_db


def assert_fair(round_, per_application: int) -> None:
    call = round_.call
    pairs = list(
        Assignment.objects.filter(round=round_).values_list("application_id", "reviewer_id")
    )
    per_app = Counter(a for a, _r in pairs)
    active = set(call.reviewers.filter(is_active=True).values_list("pk", flat=True))
    loads = dict.fromkeys(active, 0)
    for _a, r in pairs:
        if r in active:
            loads[r] += 1
    conflicts = conflicted_pairs(call)
    eligible = Application.objects.filter(round=round_, state=Application.State.SUBMITTED)

    assert len(pairs) == len(set(pairs))
    assert all(per_app[a.pk] == per_application for a in eligible)
    assert not set(pairs) & {(a, r) for r, a in conflicts}
    assert max(loads.values()) - min(loads.values()) <= 1


class AssignmentPropertyTest(TestCase):
    @settings(max_examples=30, deadline=None)
    @given(
        applications=st.integers(min_value=1, max_value=30),
        reviewers=st.integers(min_value=4, max_value=9),
        per_application=st.integers(min_value=1, max_value=3),
        conflict_seeds=st.lists(st.tuples(st.integers(0, 99), st.integers(0, 99)), max_size=12),
    )
    def test_assignment_meets_every_constraint(
        self, applications, reviewers, per_application, conflict_seeds
    ):
        call = CallFactory(reviewers_per_application=per_application)
        round_ = scoring_round(call)
        apps = [ApplicationFactory(call=call, round=round_) for _ in range(applications)]
        seats = [ReviewerFactory(call=call) for _ in range(reviewers)]
        # Conflicts leave each application more reviewers than it needs, and each reviewer
        # more applications than their fair share, so a fair assignment exists; the generated
        # calls explore which one is found.
        spare = reviewers - per_application - 1
        share = -(-applications * per_application // reviewers)  # rounded up
        for a, r in sorted(set(conflict_seeds)):
            application, seat = apps[a % applications], seats[r % reviewers]
            if (
                application.conflicts.count() < spare
                and applications - (seat.conflicts.count() + 1) > share
            ):
                Conflict.objects.get_or_create(reviewer=seat, application=application)

        assignment_auto(round=round_)

        assert_fair(round_, per_application)


def test_assignment_keeps_pins_and_runs_twice_without_adding():
    call = CallFactory(reviewers_per_application=2)
    round_ = scoring_round(call)
    apps = [ApplicationFactory(call=call, round=round_) for _ in range(6)]
    seats = [ReviewerFactory(call=call) for _ in range(4)]
    pinned = assignment_pin(round=round_, application=apps[0], reviewer=seats[3])

    made = assignment_auto(round=round_)
    again = assignment_auto(round=round_)

    assert made == 11
    assert again == 0
    assert Assignment.objects.filter(pk=pinned.pk, is_pinned=True).exists()
    assert_fair(round_, 2)


def test_pin_refuses_a_conflicted_reviewer():
    call = CallFactory()
    round_ = scoring_round(call)
    application = ApplicationFactory(call=call, round=round_)
    seat = ReviewerFactory(call=call)
    Conflict.objects.create(reviewer=seat, person=application.applicant)

    with pytest.raises(Exception, match="conflict of interest"):
        assignment_pin(round=round_, application=application, reviewer=seat)

    assert not Assignment.objects.exists()


def test_drop_out_reassigns_open_reviews_and_keeps_submitted_ones():
    call = CallFactory(reviewers_per_application=2)
    round_ = scoring_round(call)
    for _ in range(6):
        ApplicationFactory(call=call, round=round_)
    seats = [ReviewerFactory(call=call) for _ in range(4)]
    assignment_auto(round=round_)
    leaving = seats[0]
    done = leaving.assignments.first()
    criteria = {str(c.pk): 3 for c in round_.criteria.all()}
    review_save(assignment=done, scores=criteria, submit=True)

    moved = reviewer_drop(reviewer=leaving)

    assert moved >= 1
    assert list(leaving.assignments.values_list("pk", flat=True)) == [done.pk]
    for application in Application.objects.filter(call=call):
        active = application.assignments.filter(reviewer__is_active=True).count()
        assert active == (1 if application.pk == done.application_id else 2)


def test_a_declared_conflict_moves_the_assignment_to_someone_else():
    call = CallFactory(reviewers_per_application=1)
    round_ = scoring_round(call)
    application = ApplicationFactory(call=call, round=round_)
    seats = [ReviewerFactory(call=call) for _ in range(2)]
    assignment_auto(round=round_)
    holder = application.assignments.get().reviewer

    conflict_declare(reviewer=holder, application=application, reason="my cousin")

    assert application.assignments.get().reviewer != holder
    assert {s.pk for s in seats} >= {application.assignments.get().reviewer_id}


def test_swap_refuses_a_started_review():
    call = CallFactory(reviewers_per_application=1)
    round_ = scoring_round(call)
    ApplicationFactory(call=call, round=round_)
    seats = [ReviewerFactory(call=call) for _ in range(2)]
    assignment_auto(round=round_)
    assignment = Assignment.objects.get()
    criterion = round_.criteria.first()
    review_save(assignment=assignment, scores={str(criterion.pk): 2})
    other = next(s for s in seats if s != assignment.reviewer)

    with pytest.raises(Exception, match="started"):
        assignment_swap(assignment=assignment, reviewer=other)

    assert Review.objects.get().scores == {str(criterion.pk): 2}


def _weighted_call():
    """Six reviewers, three reading Mandarin documentaries, three English fiction; twelve
    applications, half of each."""
    call = CallFactory(reviewers_per_application=1)
    round_ = scoring_round(call)
    mandarin = [
        ReviewerFactory(call=call, languages=["zh"], expertise=["documentary"]) for _ in range(3)
    ]
    [ReviewerFactory(call=call, languages=["en"], expertise=["fiction"]) for _ in range(3)]
    for lang, genre in [("zh", "documentary"), ("en", "fiction")] * 6:
        ApplicationFactory(call=call, round=round_, languages=[lang], genre=genre)
    return round_, {r.pk for r in mandarin}


def test_weighted_assignment_matches_language_and_expertise_and_stays_fair():
    round_, mandarin = _weighted_call()

    assignment_auto(round=round_, by_language=True, by_expertise=True)

    assert_fair(round_, 1)
    for assignment in Assignment.objects.filter(round=round_).select_related("application"):
        speaks_mandarin = assignment.reviewer_id in mandarin
        assert speaks_mandarin == (assignment.application.languages == ["zh"])


def test_weighting_by_language_alone_ignores_the_genre():
    round_, mandarin = _weighted_call()
    # The Mandarin readers now know fiction, the English readers documentaries.
    round_.call.reviewers.filter(pk__in=mandarin).update(expertise=["fiction"])
    round_.call.reviewers.exclude(pk__in=mandarin).update(expertise=["documentary"])

    assignment_auto(round=round_, by_language=True)

    assert_fair(round_, 1)
    matched = [
        (a.reviewer_id in mandarin) == (a.application.languages == ["zh"])
        for a in Assignment.objects.filter(round=round_).select_related("application")
    ]
    assert all(matched)


def test_weighting_never_breaks_the_balance_when_every_application_wants_the_same_reviewers():
    call = CallFactory(reviewers_per_application=2)
    round_ = scoring_round(call)
    ReviewerFactory(call=call, languages=["yue"])
    for _ in range(3):
        ReviewerFactory(call=call, languages=["en"])
    for _ in range(8):
        ApplicationFactory(call=call, round=round_, languages=["yue"])

    assignment_auto(round=round_, by_language=True)

    assert_fair(round_, 2)
