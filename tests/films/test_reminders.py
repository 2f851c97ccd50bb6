"""The daily reminders (films.reminders): who is reminded of what, in their language, and never
twice for the same milestone, recipient and kind."""

import datetime
import threading
from unittest import mock

import pytest
from django.db import connection
from django.utils import timezone

from films.models import ReminderSent
from films.reminders import reminders_send
from films.tasks import send_reminders
from outbox.models import OutboxMessage
from programs.models import Cohort
from tests.factories import CohortFactory, FilmFactory, MilestoneFactory, SubmissionFactory
from tests.factories.portal import director_user, mentor_user

TODAY = datetime.date(2026, 3, 2)


@pytest.fixture
def film(db):
    producer_profile, _producer = mentor_user(full_name="Pat Producer", email="pat@example.org")
    film = FilmFactory(cohort=CohortFactory(), producer=producer_profile, title_en="The Cage")
    director_user(film, full_name="Dana Director", email="dana@example.org")
    return film


def milestone_due(film, days: int, **fields):
    return MilestoneFactory(
        cohort=film.cohort, due_date=TODAY + datetime.timedelta(days=days), **fields
    )


def sent() -> list[tuple[str, str]]:
    return sorted(OutboxMessage.objects.values_list("recipient", "subject"))


def test_director_is_reminded_a_week_ahead_in_their_language(film):
    milestone = milestone_due(film, 7, name_en="Screenplay", name_zh="剧本")
    film.director.user.preferred_language = "zh-hans"
    film.director.user.save()

    count = reminders_send(today=TODAY)

    message = OutboxMessage.objects.get()
    assert count == 1
    assert message.recipient == "dana@example.org"
    assert message.language == "zh-hans"
    assert "剧本" in message.subject
    assert 'lang="zh-Hans"' in message.body_html
    assert "2026-03-09" in message.body_text
    assert f"/portal/films/{film.pk}/milestones/{milestone.pk}/" in message.body_text
    assert message.cause == f"reminder:{ReminderSent.objects.get().pk}"


def test_reminders_a_week_ahead_the_day_before_and_once_overdue(film):
    milestone_due(film, 7, name_en="Screenplay")

    for day in range(12):  # the job runs every day from a week before to four days after
        reminders_send(today=TODAY + datetime.timedelta(days=day))

    assert sent() == [
        ("dana@example.org", "Due in 7 days: Screenplay · The Cage"),
        ("dana@example.org", "Due tomorrow: Screenplay · The Cage"),
        ("dana@example.org", "Overdue: Screenplay · The Cage"),
    ]


def test_running_the_job_again_the_same_day_sends_nothing_more(film):
    milestone_due(film, 1)
    milestone_due(film, -3)

    first = reminders_send(today=TODAY)
    second = reminders_send(today=TODAY)

    assert (first, second) == (2, 0)
    assert OutboxMessage.objects.count() == ReminderSent.objects.count() == 2


def test_a_run_that_lost_the_race_skips_on_the_unique_constraint(film):
    milestone_due(film, 1)
    reminders_send(today=TODAY)

    # As if a second beat had read "nothing sent yet" before the first one wrote its row.
    with mock.patch("films.reminders._already_sent", return_value=set()):
        again = reminders_send(today=TODAY)

    assert again == 0
    assert OutboxMessage.objects.count() == ReminderSent.objects.count() == 1


def test_no_reminder_for_a_delivered_optional_or_distant_milestone(film):
    SubmissionFactory(film=film, milestone=milestone_due(film, 1, deliverable_kind="video_link"))
    milestone_due(film, 1, is_required=False)
    milestone_due(film, 8)

    assert reminders_send(today=TODAY) == 0


def test_no_reminder_outside_training(film):
    milestone_due(film, 1)
    Cohort.objects.filter(pk=film.cohort_id).update(status=Cohort.Status.PREMIERED)

    assert reminders_send(today=TODAY) == 0


def submitted_days_ago(film, days: int, **fields):
    moment = timezone.make_aware(datetime.datetime.combine(TODAY, datetime.time(10)))
    return SubmissionFactory(
        film=film,
        milestone=milestone_due(film, 30, deliverable_kind="video_link", name_en="Rough cut"),
        submitted_at=moment - datetime.timedelta(days=days),
        **fields,
    )


def test_producer_is_reminded_once_of_a_submission_waiting_more_than_five_days(film):
    submitted_days_ago(film, 6)

    first = reminders_send(today=TODAY)
    second = reminders_send(today=TODAY + datetime.timedelta(days=1))

    assert (first, second) == (1, 0)
    assert sent() == [
        ("pat@example.org", "Waiting for your review: The Cage · Rough cut (version 1)")
    ]
    assert "waited 6 days" in OutboxMessage.objects.get().body_text


def test_no_review_reminder_at_five_days_or_once_reviewed(film):
    submitted_days_ago(film, 5)
    submitted_days_ago(film, 9, status="approved")

    assert reminders_send(today=TODAY) == 0


def test_the_daily_task_uses_the_festivals_date(film):
    milestone_due(film, 7, name_en="Screenplay")
    # 17:30 UTC on 1 March is already 2 March in Beijing: the milestone is due in 7 days there.
    evening_utc = datetime.datetime(2026, 3, 1, 17, 30, tzinfo=datetime.UTC)

    with mock.patch("django.utils.timezone.now", return_value=evening_utc):
        send_reminders()

    assert sent() == [("dana@example.org", "Due in 7 days: Screenplay · The Cage")]


@pytest.mark.django_db(transaction=True)
def test_two_jobs_at_once_send_each_reminder_once(film):
    milestone_due(film, 1)
    milestone_due(film, -2)
    start = threading.Barrier(2)
    results = []

    def job():
        start.wait()
        try:
            results.append(reminders_send(today=TODAY))
        finally:
            connection.close()

    with mock.patch("films.reminders._already_sent", return_value=set()):
        threads = [threading.Thread(target=job) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert sum(results) == 2
    assert OutboxMessage.objects.count() == ReminderSent.objects.count() == 2


def test_reminders_read_naturally_in_chinese(film):
    milestone_due(film, -2, name_zh="剧本")
    film.director.user.preferred_language = "zh-hans"
    film.director.user.save()

    reminders_send(today=TODAY)

    message = OutboxMessage.objects.get()
    assert message.subject == f"已逾期：剧本 · {film.title_zh}"
    assert "尚未提交" in message.body_text
    assert "查看里程碑" in message.body_html


def test_no_reminder_to_a_deactivated_director(film):
    milestone_due(film, 7, name_en="Screenplay")
    milestone_due(film, -3, name_en="Treatment")
    film.director.user.is_active = False
    film.director.user.save()

    assert reminders_send(today=TODAY) == 0


def test_no_review_reminder_to_a_deactivated_producer(film):
    submitted_days_ago(film, 6)
    film.producer.user.is_active = False
    film.producer.user.save()

    assert reminders_send(today=TODAY) == 0


def test_a_resubmitted_version_waiting_six_days_is_reminded_of_that_version(film):
    first = submitted_days_ago(film, 12, status="changes_requested")
    moment = timezone.make_aware(datetime.datetime.combine(TODAY, datetime.time(10)))
    SubmissionFactory(
        film=film,
        milestone=first.milestone,
        version=2,
        submitted_at=moment - datetime.timedelta(days=6),
    )

    count = reminders_send(today=TODAY)

    assert count == 1
    assert sent() == [
        ("pat@example.org", "Waiting for your review: The Cage · Rough cut (version 2)")
    ]


def test_the_record_names_each_reminder_and_nothing_new_goes_out_on_the_due_date(film):
    milestone_due(film, 7)
    sent_on = []

    for day in range(9):
        before = set(ReminderSent.objects.values_list("pk", flat=True))
        reminders_send(today=TODAY + datetime.timedelta(days=day))
        new = ReminderSent.objects.exclude(pk__in=before).values_list("kind", flat=True)
        sent_on += [(day, kind) for kind in new]

    assert sent_on == [
        (0, ReminderSent.Kind.DUE_SOON),
        (6, ReminderSent.Kind.DUE_TOMORROW),
        (8, ReminderSent.Kind.OVERDUE),  # the day after the due date, not on it
    ]


def test_a_rerun_the_same_day_does_not_try_to_send_again(film, caplog):
    milestone_due(film, 1)
    submitted_days_ago(film, 6)
    reminders_send(today=TODAY)

    with caplog.at_level("INFO", logger="films.reminders"):
        again = reminders_send(today=TODAY)

    # Already-sent reminders are skipped up front, not left to the unique constraint (which
    # is only for two runs racing each other).
    assert again == 0
    assert "already sent by another run" not in caplog.text


def test_later_versions_of_another_milestone_or_film_do_not_hide_a_waiting_one(film):
    waiting = submitted_days_ago(film, 6)
    # Version 2 of another milestone of the same film, waiting as long.
    other_first = submitted_days_ago(film, 12, status="changes_requested")
    SubmissionFactory(
        film=film,
        milestone=other_first.milestone,
        version=2,
        submitted_at=waiting.submitted_at,
    )
    # Version 2 of the same milestone by another film (reviewed, so not itself reminded).
    other_film = FilmFactory(cohort=film.cohort, producer=film.producer, title_en="Other")
    SubmissionFactory(film=other_film, milestone=waiting.milestone, version=1, status="approved")
    SubmissionFactory(film=other_film, milestone=waiting.milestone, version=2, status="approved")

    assert reminders_send(today=TODAY) == 2
    assert set(ReminderSent.objects.values_list("milestone_id", "version")) == {
        (waiting.milestone_id, 1),
        (other_first.milestone_id, 2),
    }


def test_no_review_reminder_outside_training(film):
    submitted_days_ago(film, 6)
    Cohort.objects.filter(pk=film.cohort_id).update(status=Cohort.Status.PREMIERED)

    assert reminders_send(today=TODAY) == 0
