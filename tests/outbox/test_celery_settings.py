"""The Celery configuration the outbox and the thumbnails rely on (issue 6)."""

import importlib
import importlib.util

from django.apps import apps
from django.conf import settings

from config.celery import app
from outbox.tasks import SEND_TIME_LIMIT


def test_a_killed_worker_loses_no_task():
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1


def test_visibility_timeout_outlasts_the_longest_task_and_retry_countdown():
    timeout = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]

    assert timeout > settings.CELERY_TASK_TIME_LIMIT > settings.CELERY_TASK_SOFT_TIME_LIMIT
    assert timeout > settings.OUTBOX_RETRY_MAX_SECONDS


def test_an_outbox_lease_outlasts_the_send_task():
    assert settings.OUTBOX_LEASE_SECONDS > SEND_TIME_LIMIT


def test_publishing_fails_fast_when_the_broker_is_unreachable():
    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS

    assert options["socket_connect_timeout"] <= 1
    assert settings.CELERY_TASK_PUBLISH_RETRY_POLICY["max_retries"] <= 1


def test_messages_are_json():
    assert (app.conf.task_serializer, app.conf.accept_content) == ("json", ["json"])


def _import_task_modules() -> None:
    # What autodiscovery imports, without Celery's worker fixup: import_default_modules()
    # also runs Django's system checks, which query the database.
    for app_config in apps.get_app_configs():
        if importlib.util.find_spec(f"{app_config.name}.tasks") is not None:
            importlib.import_module(f"{app_config.name}.tasks")


def test_every_task_has_an_explicit_name_that_survives_a_move():
    _import_task_modules()
    ours = [task for name, task in app.tasks.items() if not name.startswith("celery.")]

    assert {task.name for task in ours} >= {
        "outbox.message_send",
        "outbox.sweep",
        "films.poster_make_thumbnails",
        "films.send_reminders",
    }
    assert [t.name for t in ours if t.name == f"{t.__module__}.{t.__name__}"] == []


def test_beat_runs_the_sweep_and_the_daily_reminders_in_the_festival_time_zone():
    schedule = settings.CELERY_BEAT_SCHEDULE

    assert schedule["outbox-sweep"]["task"] == "outbox.sweep"
    assert schedule["milestone-reminders"]["task"] == "films.send_reminders"
    assert schedule["milestone-reminders"]["schedule"].hour == {settings.REMINDER_HOUR}
    assert app.conf.timezone == "Asia/Shanghai"
