"""Reviews through calls.services.review: scores, totals, seats and conflicts (assignment has
its own suite, tests/calls/test_assignment.py)."""

import pytest
from django.core.exceptions import ValidationError

from calls.models import Assignment, Conflict, Review, Reviewer
from calls.services.review import (
    conflicted_pairs,
    outside_juror_invite,
    review_save,
    review_total,
    reviewer_add,
    reviewer_is_conflicted,
)
from outbox.models import OutboxMessage
from tests.factories import UserFactory
from tests.factories.calls import (
    ApplicationFactory,
    CallFactory,
    ReviewerFactory,
    scoring_round,
)

pytestmark = pytest.mark.django_db


def test_review_scores_outside_the_scale_are_refused_and_submission_is_final():
    call = CallFactory()
    round_ = scoring_round(call)
    application = ApplicationFactory(call=call, round=round_)
    reviewer = ReviewerFactory(call=call)
    assignment = Assignment.objects.create(round=round_, application=application, reviewer=reviewer)
    story, voice = round_.criteria.all()

    with pytest.raises(ValidationError):
        review_save(assignment=assignment, scores={str(story.pk): 9, str(voice.pk): 3}, submit=True)
    review = review_save(
        assignment=assignment, scores={str(story.pk): 5, str(voice.pk): 3}, submit=True
    )
    with pytest.raises(ValidationError, match="already submitted"):
        review_save(assignment=assignment, scores={str(story.pk): 1, str(voice.pk): 1}, submit=True)

    review.refresh_from_db()
    assert review.state == Review.State.SUBMITTED
    # Story 5/5 weighs 2, voice 3/5 weighs 1: (2·1 + 1·0.5) / 3 = 83.33
    assert review.total == 83.33


def test_review_total_places_each_score_on_its_scale_and_weighs_it():
    round_ = scoring_round(CallFactory())
    story, voice = round_.criteria.all()  # weight 2 and 1, both 1 to 5

    lowest = review_total([story, voice], {str(story.pk): 1, str(voice.pk): 1})
    highest = review_total([story, voice], {str(story.pk): 5, str(voice.pk): 5})
    mixed = review_total([story, voice], {str(story.pk): 5, str(voice.pk): 1})

    assert (lowest, highest, mixed) == (0.0, 100.0, 66.67)


def test_a_draft_keeps_partial_scores_and_refuses_a_criterion_of_another_round():
    call = CallFactory()
    round_ = scoring_round(call)
    assignment = Assignment.objects.create(
        round=round_,
        application=ApplicationFactory(call=call, round=round_),
        reviewer=ReviewerFactory(call=call),
    )
    story, voice = round_.criteria.all()
    elsewhere = scoring_round(CallFactory()).criteria.first()

    draft = review_save(assignment=assignment, scores={str(story.pk): 4}, committee_comment="ok")
    with pytest.raises(ValidationError):
        review_save(assignment=assignment, scores={str(elsewhere.pk): 4})
    with pytest.raises(ValidationError) as incomplete:
        review_save(assignment=assignment, scores={str(story.pk): 4}, submit=True)

    draft.refresh_from_db()
    assert (draft.state, draft.scores, draft.total) == (
        Review.State.DRAFT,
        {str(story.pk): 4},
        None,
    )
    assert list(incomplete.value.message_dict) == [f"c{voice.pk}"]


def test_a_dropped_reviewer_cannot_save_a_review():
    call = CallFactory()
    round_ = scoring_round(call)
    reviewer = ReviewerFactory(call=call, is_active=False)
    assignment = Assignment.objects.create(
        round=round_, application=ApplicationFactory(call=call, round=round_), reviewer=reviewer
    )

    with pytest.raises(ValidationError):
        review_save(assignment=assignment, scores={})

    assert not Review.objects.filter(assignment=assignment, state=Review.State.SUBMITTED).exists()


def test_reviewer_add_reactivates_a_seat_replaces_its_languages_and_flags_the_account():
    call = CallFactory()
    user = UserFactory()
    seat = reviewer_add(
        call=call, user=user, kind=Reviewer.Kind.PANEL, languages=["zh", "en", "zh"]
    )
    Reviewer.objects.filter(pk=seat.pk).update(is_active=False)

    again = reviewer_add(call=call, user=user, kind=Reviewer.Kind.PRODUCER, expertise=["fiction"])

    assert again.pk == seat.pk
    assert (again.is_active, again.kind) == (True, Reviewer.Kind.PANEL)
    assert (again.languages, again.expertise) == (["en", "zh"], ["fiction"])
    user.refresh_from_db()
    assert user.reviews_calls


def test_an_outside_juror_gets_an_account_without_password_and_an_email_without_the_link():
    call = CallFactory()

    juror = outside_juror_invite(
        call=call, email="Juror@Example.com", full_name="Jo Juror", language="en"
    )

    assert juror.user.email == "juror@example.com"
    assert not juror.user.has_usable_password()
    message = OutboxMessage.objects.get(cause=f"reviewer:{juror.pk}")
    assert message.secret_link == "account_setup"
    assert "/reset/" not in message.body_text


def test_conflicted_pairs_spread_person_and_email_conflicts_over_that_persons_applications():
    call = CallFactory()
    reviewer, other = ReviewerFactory(call=call), ReviewerFactory(call=call)
    mine, friends, strangers = (ApplicationFactory(call=call) for _ in range(3))
    Conflict.objects.create(reviewer=reviewer, application=mine)
    Conflict.objects.create(reviewer=reviewer, person=friends.applicant)
    Conflict.objects.create(reviewer=other, email=strangers.applicant.email.lower())
    Conflict.objects.create(reviewer=ReviewerFactory(), application=ApplicationFactory())

    pairs = conflicted_pairs(call)

    assert pairs == {(reviewer.pk, mine.pk), (reviewer.pk, friends.pk), (other.pk, strangers.pk)}
    assert reviewer_is_conflicted(reviewer=reviewer, application=friends)
    assert not reviewer_is_conflicted(reviewer=reviewer, application=strangers)
