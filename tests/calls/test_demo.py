"""The demo's open call: next year's cohort, open now, applications in every state and reviews
in progress; loading twice creates nothing twice."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from calls.models import Application, Call, Review

pytestmark = pytest.mark.django_db


def test_demo_has_an_open_call_with_every_state_and_reviews_in_progress(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", "--no-posters")
        call_command("seed_demo", "--no-posters")

    call = Call.objects.get()
    states = set(call.applications.values_list("state", flat=True))
    assert call.is_open()
    assert call.cohort.year == timezone.localdate().year + 1
    assert states == set(Application.State.values)
    assert call.applications.filter(eligibility="ineligible").exists()
    reviews = set(Review.objects.values_list("state", flat=True))
    assert reviews == {Review.State.DRAFT, Review.State.SUBMITTED}
    assert call.applications.count() == 8
