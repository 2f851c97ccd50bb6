"""Reviews through calls.services.review: scores, totals, seats and conflicts (assignment has
its own suite, tests/calls/test_assignment.py)."""

import pytest
from django.core.exceptions import ValidationError

from calls.models import Assignment, Review
from calls.services.review import review_save
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
