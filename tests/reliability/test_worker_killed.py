"""A worker killed with SIGKILL in the middle of its work: another worker does it again, and
nothing is lost (Redis hands the unacknowledged task on after the visibility timeout; the
outbox lease runs out; the sweep re-enqueues whatever the dead worker held)."""

import json
import os
from collections import Counter
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from films.models import Film
from films.services import film_set_poster
from outbox.models import OutboxMessage
from outbox.services import message_enqueue
from tests.factories import FilmFactory, poster_bytes
from tests.reliability.components import FAST_RECOVERY, HookedWorker, logs, running_stack
from tests.workers import wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]

MESSAGES = 6


def enqueue(number: int) -> OutboxMessage:
    return message_enqueue(
        recipient=f"person{number}@example.org",
        language="en",
        template="invitation",
        context={"profile_name": "Dana", "link": "https://x.example/i/1", "max_age_days": 7},
        cause=f"invitation:{number}",
    )


def worker_of(pid: int, workers: list[HookedWorker]) -> HookedWorker:
    return next(worker for worker in workers if worker.owns(pid))


def test_worker_killed_in_the_middle_of_sending(own_redis, tmp_path, smtp):
    handler, smtp_env = smtp
    senders = tmp_path / "senders"
    senders.mkdir()
    handler.hold_next()  # the first message to arrive waits in DATA until released
    env = {**FAST_RECOVERY, **smtp_env, "TEST_SENDER_PIDS": str(senders)}

    with running_stack(own_redis.url, tmp_path, workers=2, beat=True, **env) as workers:
        messages = [enqueue(number) for number in range(MESSAGES)]
        assert handler.holding.wait(timeout=30), logs(workers)
        held = OutboxMessage.objects.get(message_id=handler.held_message_id)
        victim_pid = sender_pid(senders, held.pk)
        victim = worker_of(victim_pid, workers)
        victim.kill()
        handler.release()  # the server accepts what it had received: the rare duplicate
        survivor = next(worker for worker in workers if worker is not victim)
        wait_for(lambda: all_sent(messages), timeout=45, worker=survivor)
        log = survivor.log()
        resenders = set(sender_pids(senders, held.pk)) - {victim_pid}
        resent_by_survivor = [survivor.owns(pid) for pid in resenders]

    message_ids = {m.message_id for m in OutboxMessage.objects.all()}
    copies = Counter(handler.message_ids())
    assert len(message_ids) == MESSAGES
    assert set(copies) == message_ids, log
    # Only the message in flight may arrive twice (if the server kept what it had received).
    assert {mid for mid, count in copies.items() if count > 1} <= {held.message_id}
    # Its sending started in the killed worker and was done again by the survivor.
    assert resent_by_survivor == [True]


def sender_pids(folder: Path, message_pk: int) -> list[int]:
    return [int(marker.name.split("-")[1]) for marker in folder.glob(f"{message_pk}-*")]


def sender_pid(folder: Path, message_pk: int) -> int:
    (pid,) = sender_pids(folder, message_pk)
    return pid


def all_sent(messages: list[OutboxMessage]) -> bool:
    statuses = OutboxMessage.objects.filter(pk__in=[m.pk for m in messages]).values_list(
        "status", flat=True
    )
    return set(statuses) == {OutboxMessage.Status.SENT}


def test_worker_killed_in_the_middle_of_thumbnailing(own_redis, tmp_path):
    film = FilmFactory()
    marker = tmp_path / "thumbnailing-pid"
    poster = SimpleUploadedFile("poster.jpg", poster_bytes(1200, 1800), content_type="image/jpeg")
    env = {**FAST_RECOVERY, "TEST_SLOW_THUMBNAIL_MARKER": str(marker)}

    with running_stack(own_redis.url, tmp_path, workers=2, **env) as workers:
        film_set_poster(film=film, upload=poster, alt_en="Poster")
        wait_for(lambda: marker.exists() and marker.read_text() != "", timeout=30)
        victim = worker_of(int(marker.read_text()), workers)
        victim.kill()
        survivor = next(worker for worker in workers if worker is not victim)
        wait_for(lambda: poster_settled(film), timeout=45, worker=survivor)
        log = survivor.log()

    film.refresh_from_db()
    assert film.poster_status == Film.PosterStatus.READY, film.poster_error
    assert film.poster_attempts == 2  # the killed try counts
    assert all(default_storage.exists(t["name"]) for t in film.poster_thumbnails)
    assert ("films.poster_make_thumbnails", "SUCCESS") in task_states(log)
    assert not os.path.exists(f"/proc/{victim.process.pid}")


def poster_settled(film: Film) -> bool:
    status = Film.objects.get(pk=film.pk).poster_status
    return status != Film.PosterStatus.PROCESSING


def task_states(log: str) -> list[tuple[str, str]]:
    lines = [json.loads(line) for line in log.splitlines() if '"talents.tasks"' in line]
    return [(line["task"], line["state"]) for line in lines]
