import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import SecurityEvent
from films.services import deliverables_purge
from programs.models import Cohort
from tests.factories import portal_world
from tests.permissions.expectations import file_submission

pytestmark = pytest.mark.django_db


def world_with_a_file(ended_days_ago: int, retention: int):
    world = portal_world(film_published=True)
    end = timezone.localdate() - datetime.timedelta(days=retention + ended_days_ago)
    Cohort.objects.filter(pk=world.cohort.pk).update(
        training_start=end - datetime.timedelta(days=180),
        training_end=end,
        premiere_date=end,
        status=Cohort.Status.PREMIERED,
    )
    return world, file_submission(world)


def test_purge_deletes_deliverables_after_the_retention_time(settings):
    settings.DELIVERABLE_RETENTION_DAYS = 30
    world, submission = world_with_a_file(ended_days_ago=1, retention=30)
    storage, name = submission.file.storage, submission.file.name

    purged = deliverables_purge()

    submission.refresh_from_db()
    assert purged == 1
    assert submission.file.name == ""
    assert submission.purged_at is not None
    assert submission.original_filename == "script.pdf"
    assert SecurityEvent.objects.get(kind="deliverables_purged").details == {
        "cohort": world.cohort.slug,
        "files_deleted": 1,
    }
    assert storage.exists(name)  # deleted only once the transaction commits (next test)


def test_purge_command_removes_the_files_and_keeps_the_public_film_page(
    client, settings, django_capture_on_commit_callbacks
):
    settings.DELIVERABLE_RETENTION_DAYS = 30
    world, submission = world_with_a_file(ended_days_ago=1, retention=30)
    storage, name = submission.file.storage, submission.file.name

    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_deliverables")

    page = client.get(
        reverse("films:detail", kwargs={"cohort": world.cohort.slug, "slug": world.film.slug})
    )
    assert not storage.exists(name)
    assert page.status_code == 200


def test_purge_keeps_deliverables_of_recent_cohorts(settings):
    settings.DELIVERABLE_RETENTION_DAYS = 30
    _world, submission = world_with_a_file(ended_days_ago=-5, retention=30)

    purged = deliverables_purge()

    submission.refresh_from_db()
    assert purged == 0
    assert submission.file.name != ""


def test_purge_twice_deletes_nothing_the_second_time(settings):
    settings.DELIVERABLE_RETENTION_DAYS = 30
    world_with_a_file(ended_days_ago=1, retention=30)

    first, second = deliverables_purge(), deliverables_purge()

    assert (first, second) == (1, 0)


def test_purge_runs_daily_from_beat(settings):
    job = settings.CELERY_BEAT_SCHEDULE["purge-deliverables"]

    assert (job["task"], job["schedule"]) == ("films.purge_deliverables", 86400)


def test_purge_waits_for_the_retention_time_after_the_premiere(settings):
    # Training ended long ago, but the premiere was five days ago: the cohort is still inside
    # its retention time, counted from the later of the two.
    settings.DELIVERABLE_RETENTION_DAYS = 30
    world, submission = world_with_a_file(ended_days_ago=100, retention=30)
    premiere = timezone.localdate() - datetime.timedelta(days=5)
    Cohort.objects.filter(pk=world.cohort.pk).update(premiere_date=premiere)

    purged = deliverables_purge()

    submission.refresh_from_db()
    assert purged == 0
    assert submission.file.name != ""


def test_purging_an_ended_cohort_keeps_every_other_cohorts_files(settings):
    settings.DELIVERABLE_RETENTION_DAYS = 30
    _old, ended = world_with_a_file(ended_days_ago=1, retention=30)
    _new, recent = world_with_a_file(ended_days_ago=-5, retention=30)

    purged = deliverables_purge()

    ended.refresh_from_db()
    recent.refresh_from_db()
    assert purged == 1
    assert (ended.file.name, recent.file.name != "") == ("", True)


def test_a_cohort_without_a_premiere_waits_for_its_training_to_end_long_enough(settings):
    settings.DELIVERABLE_RETENTION_DAYS = 30
    world, submission = world_with_a_file(ended_days_ago=-5, retention=30)
    Cohort.objects.filter(pk=world.cohort.pk).update(premiere_date=None)

    purged = deliverables_purge()

    submission.refresh_from_db()
    assert purged == 0
    assert submission.file.name != ""


def test_an_ended_cohort_with_nothing_left_to_purge_leaves_no_trail_entry(settings):
    settings.DELIVERABLE_RETENTION_DAYS = 30
    world_with_a_file(ended_days_ago=1, retention=30)
    deliverables_purge()  # the files go, one trail entry says so

    later = deliverables_purge()

    assert later == 0
    assert SecurityEvent.objects.filter(kind="deliverables_purged").count() == 1
