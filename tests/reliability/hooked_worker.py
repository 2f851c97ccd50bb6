"""The Celery app of the project with faults a test can switch on through the worker's
environment (`celery -A tests.reliability.hooked_worker worker`). Nothing here is imported by
the project: production workers run `-A config` and have no such switches.

- TEST_THUMBNAILER_CRASH=1: thumbnailing kills its worker process (os._exit), as a poster that
  crashes the image library would.
- TEST_SLOW_THUMBNAIL_MARKER=<path>: the first thumbnailing of all workers writes its pid to
  <path> and then takes a minute, so a test can kill that worker in the middle of it.
- TEST_SENDER_PIDS=<folder>: each sending writes <folder>/<message pk>-<pid> first, so a test
  knows which worker is in the middle of an SMTP conversation the server holds up.
"""

import os
import time
from pathlib import Path

from celery.signals import worker_process_init

from config.celery import app

__all__ = ["app"]


@worker_process_init.connect
def _install_faults(**_kwargs) -> None:
    import films.services.posters
    import outbox.services

    if os.environ.get("TEST_THUMBNAILER_CRASH"):
        films.services.posters.make_thumbnails = _crash
    if marker := os.environ.get("TEST_SLOW_THUMBNAIL_MARKER"):
        films.services.posters.make_thumbnails = _slow_once(
            films.services.posters.make_thumbnails, marker
        )
    if folder := os.environ.get("TEST_SENDER_PIDS"):
        outbox.services._deliver = _recording_sender(outbox.services._deliver, Path(folder))


def _crash(*_args, **_kwargs):
    os._exit(1)


def _slow_once(make_thumbnails, marker: str):
    def slow(*args, **kwargs):
        try:
            fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            return make_thumbnails(*args, **kwargs)
        os.write(fd, str(os.getpid()).encode())
        os.close(fd)
        time.sleep(60)
        return make_thumbnails(*args, **kwargs)

    return slow


def _recording_sender(deliver, folder: Path):
    def recording(message):
        (folder / f"{message.pk}-{os.getpid()}").touch()
        return deliver(message)

    return recording
