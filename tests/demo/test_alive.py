"""A demo that is alive (issue 13 §4): the cohort in training is dated from today in festival
time, with work under way in every state, and the home page leads with the edition that has
published films and announces the one in training. Running it twice creates nothing twice."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from films.models import FilmRevision, MilestoneSubmission, SubmissionComment
from films.reminders import reminders_send
from outbox.models import OutboxMessage
from programs.models import Cohort
from workspace.selectors import cohort_dashboard

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", "--no-posters")
    return Cohort.objects.get(slug="demo-cohort")


def _statuses(cohort) -> set[str]:
    return set(
        MilestoneSubmission.objects.filter(film__cohort=cohort).values_list("status", flat=True)
    )


def test_the_cohort_in_training_is_dated_from_todays_festival_date(seeded):
    today = timezone.localdate()

    assert seeded.training_start < today < seeded.training_end
    past = seeded.milestones.filter(due_date__lt=today).count()
    assert 0 < past < seeded.milestones.count()


def test_work_is_under_way_in_every_state(seeded):
    dashboard = cohort_dashboard(cohort=seeded, today=timezone.localdate())

    assert _statuses(seeded) == {"approved", "submitted", "changes_requested"}
    assert dashboard.waiting_for_review
    assert dashboard.overdue
    resubmitted = MilestoneSubmission.objects.filter(film__cohort=seeded, version=2)
    assert resubmitted.exists()
    assert SubmissionComment.objects.filter(submission__film__cohort=seeded).count() >= 2


def test_a_directors_edit_waits_for_staff(seeded):
    pending = FilmRevision.objects.filter(status=FilmRevision.Status.PENDING)

    assert pending.count() == 1
    assert pending.get().film.is_published


def test_reminders_are_due(seeded):
    assert reminders_send(today=timezone.localdate()) > 0


def test_the_outbox_holds_sent_messages_and_one_failed(seeded):
    statuses = list(OutboxMessage.objects.values_list("status", flat=True))

    assert statuses.count(OutboxMessage.Status.FAILED) == 1
    assert statuses.count(OutboxMessage.Status.SENT) > 0


def test_the_home_page_leads_with_the_edition_that_has_published_films(client, seeded):
    with translation.override("en"):
        response = client.get(reverse("home"))

    context = response.context
    assert context["cohort"].slug == "11th-bjiff"
    assert len(context["films"]) == 4
    assert context["in_training"] == seeded
    assert "Demo cohort (fictional)" in response.text


def test_no_home_page_button_leads_to_an_empty_lineup(client, seeded):
    with translation.override("en"):
        home = client.get(reverse("home")).text
        lineup = reverse("films:lineup")
    targets = {
        part.split('"', 1)[0].replace("&amp;", "&")
        for part in home.split(f'href="{lineup}')[1:]
        if part.startswith(("?", '"'))
    }

    assert targets
    for query in targets:
        response = client.get(f"{lineup}{query}")
        assert response.context["page"].object_list, f"{lineup}{query} lists no film"


def test_running_it_twice_creates_nothing_twice(seeded, django_capture_on_commit_callbacks):
    models = [MilestoneSubmission, SubmissionComment, FilmRevision, OutboxMessage]
    before = {model.__name__: model.objects.count() for model in models}

    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", "--no-posters")

    assert {model.__name__: model.objects.count() for model in models} == before


def test_dates_hold_when_beijing_is_a_day_ahead_of_utc():
    # 16:30 UTC on 1 December is 00:30 on 2 December in Beijing: dated by Beijing's day.
    with time_machine.travel(datetime.datetime(2026, 12, 1, 16, 30, tzinfo=datetime.UTC)):
        call_command("seed_demo", "--no-posters")

    cohort = Cohort.objects.get(slug="demo-cohort")
    assert cohort.training_start == datetime.date(2026, 12, 2) - datetime.timedelta(days=65)
