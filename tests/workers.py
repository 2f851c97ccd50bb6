"""Real Celery worker processes for tests about background work. The worker gets the test
database, the test's media folders and the broker through its environment, on a queue of its
own, and is stopped before the test's teardown."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

from config.celery import app as celery_app
from tests.conftest import PROJECT_ROOT


def database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    return f"postgres://{user}{password}@{host}:{db.get('PORT') or 5432}/{db['NAME']}"


def worker_environment(broker_url: str, queue: str, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": broker_url,
        "CELERY_QUEUE": queue,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
        **extra,
    }


class WorkerProcess:
    def __init__(self, broker_url: str, queue: str, log_path: Path, **extra_env: str) -> None:
        self.log_path = log_path
        self._log = log_path.open("wb")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--loglevel=INFO",
                "--concurrency=1",
                "--pool=prefork",
                "-Q",
                queue,
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-n",
                f"test-{uuid.uuid4().hex[:6]}@%h",
            ],
            cwd=PROJECT_ROOT,
            env=worker_environment(broker_url, queue, **extra_env),
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        self._log.close()


@contextmanager
def celery_publishing_to(broker_url: str, queue: str) -> Iterator[None]:
    """Make this test process publish to the real broker instead of running tasks eagerly.
    (Celery reads CELERY_BROKER_URL from the environment before its config: keep them equal.)"""
    saved_env = os.environ.get("CELERY_BROKER_URL")
    os.environ["CELERY_BROKER_URL"] = broker_url
    saved = {
        key: celery_app.conf[key]
        for key in ("broker_url", "task_always_eager", "task_default_queue")
    }
    celery_app.conf.update(broker_url=broker_url, task_always_eager=False, task_default_queue=queue)
    _forget_connections()
    try:
        yield
    finally:
        celery_app.conf.update(saved)
        if saved_env is None:
            os.environ.pop("CELERY_BROKER_URL", None)
        else:
            os.environ["CELERY_BROKER_URL"] = saved_env
        _forget_connections()


def _forget_connections() -> None:
    # The app caches its broker connection pools; new ones are made for the new broker URL.
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@contextmanager
def running_worker(broker_url: str, log_dir: Path, **extra_env: str) -> Iterator[WorkerProcess]:
    queue = f"test-{uuid.uuid4().hex[:10]}"
    worker = WorkerProcess(broker_url, queue, log_dir / f"worker-{queue}.log", **extra_env)
    try:
        with celery_publishing_to(broker_url, queue):
            yield worker
    finally:
        worker.stop()


def wait_for(
    condition: Callable[[], bool], *, timeout: float = 40, worker: WorkerProcess | None = None
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        if worker is not None and worker.process.poll() is not None:
            raise AssertionError(f"the worker exited early:\n{worker.log()}")
        time.sleep(0.2)
    raise AssertionError(
        f"condition not met in {timeout}s" + (f"\n{worker.log()}" if worker else "")
    )
