"""The demo's making-of for the cohort in training: bookings approved and pending at each of
the article's five partners, sessions past and coming with attendance, budgets and instalments
paid and due, stages derived from approvals; a second run creates nothing."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from films.models import Film
from grants.models import BudgetLine, Grant, Instalment
from resources.models import Booking, Resource
from training.models import Attendee, Session, SessionNote

pytestmark = pytest.mark.django_db
PARTNERS = {"cinerent", "soundfirm", "image-forestt", "hao-vision", "universal-production-music"}
MODELS = [Resource, Booking, Grant, BudgetLine, Instalment, Session, Attendee, SessionNote]


def counts() -> dict:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_the_demo_cohort_in_training_has_its_making_of():
    call_command("seed_demo", "--no-posters")

    bookings = set(Booking.objects.values_list("resource__partner__slug", "status"))
    assert {(slug, "approved") for slug in PARTNERS} | {
        (slug, "requested") for slug in PARTNERS
    } == bookings
    sessions = Session.objects.filter(cohort__slug="demo-cohort")
    assert sessions.filter(starts_at__lt=timezone.now()).exists()
    assert sessions.filter(starts_at__gt=timezone.now()).exists()
    assert Attendee.objects.filter(attended=True).exists()
    statuses = set(Instalment.objects.values_list("status", flat=True))
    assert {"paid", "due", "planned"} == statuses
    stages = dict(Film.objects.filter(cohort__slug="demo-cohort").values_list("slug", "stage"))
    # Derived from its approvals (the first three: the third opens pre-production).
    assert stages == {
        "paper-moon": "pre_production",
        "night-bus": "development",
        "salt": "development",
    }


def test_a_second_run_creates_no_more_of_it():
    call_command("seed_demo", "--no-posters")
    first = counts()

    call_command("seed_demo", "--no-posters")

    assert counts() == first
