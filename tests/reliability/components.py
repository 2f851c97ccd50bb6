"""Real components for the fault tests: an SMTP server (aiosmtpd) that records what it accepts
and can refuse or hold up messages, a redis-server of the test's own that it can stop and start,
Celery workers with test-only faults (tests.reliability.hooked_worker), and celery beat."""

from __future__ import annotations

import asyncio
import email
import os
import shutil
import signal
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from aiosmtpd.controller import Controller

from tests.conftest import PROJECT_ROOT, _free_port, _wait_for_port
from tests.workers import WorkerProcess, celery_publishing_to, worker_environment

# For redelivery within a test: a message of a dead worker comes back after 3 s (checked
# every second), a lease runs out after 2 s, and beat sweeps the outbox every second.
FAST_RECOVERY = {
    "CELERY_VISIBILITY_TIMEOUT": "3",
    "CELERY_UNACKED_RESTORE_SECONDS": "1",
    "OUTBOX_LEASE_SECONDS": "2",
    "OUTBOX_SWEEP_SECONDS": "1",
    "OUTBOX_SWEEP_GRACE_SECONDS": "1",
}


class RecordingSMTPHandler:
    """Accepts mail and records (Message-ID, recipient) of every message it accepted.
    `temporary[recipient]`: answers given to DATA before accepting (e.g. two "451 …");
    `permanent[recipient]`: the answer to RCPT, every time; `hold_next()`: the next DATA waits
    (after the whole message arrived) until `release()`, then is accepted."""

    def __init__(self) -> None:
        self.accepted: list[tuple[str, str]] = []
        # The raw bytes of every accepted message, for tests that read what arrived.
        self.contents: list[bytes] = []
        self.refusals: list[tuple[str, str]] = []
        self.temporary: dict[str, list[str]] = {}
        self.permanent: dict[str, str] = {}
        self.holding = threading.Event()
        self.held_message_id = ""
        self._hold = False
        self._release = threading.Event()
        self._lock = threading.Lock()

    def hold_next(self) -> None:
        self._hold = True

    def release(self) -> None:
        self._release.set()

    def message_ids(self) -> list[str]:
        with self._lock:
            return [message_id for message_id, _recipient in self.accepted]

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.permanent:
            return self.permanent[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message_id = email.message_from_bytes(envelope.content)["Message-ID"]
        recipient = envelope.rcpt_tos[0]
        if self._hold:
            self._hold = False
            self.held_message_id = message_id
            self.holding.set()
            await asyncio.get_running_loop().run_in_executor(None, self._release.wait, 60)
        with self._lock:
            answers = self.temporary.get(recipient)
            if answers:
                self.refusals.append((message_id, answers[0]))
                return answers.pop(0)
            self.accepted.append((message_id, recipient))
            self.contents.append(envelope.content)
        return "250 Message accepted for delivery"


@contextmanager
def smtp_server() -> Iterator[tuple[RecordingSMTPHandler, dict[str, str]]]:
    """The handler, and the environment that points a worker's Django at this server."""
    handler = RecordingSMTPHandler()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    environment = {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "EMAIL_TIMEOUT": "10",
    }
    try:
        yield handler, environment
    finally:
        handler.release()
        controller.stop()


class RedisServer:
    """A redis-server of the test's own on a free port, without persistence: stopping it loses
    every queued task, as a crash would."""

    def __init__(self, folder: Path) -> None:
        self.port = _free_port()
        self.folder = folder
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError("the fault tests need redis-server installed")
        arguments = ["--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
        self.process = subprocess.Popen(
            [binary, *arguments, "--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL,
        )
        _wait_for_port("127.0.0.1", self.port)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


class HookedWorker(WorkerProcess):
    """A worker process of tests.reliability.hooked_worker (the project's app plus test faults)."""

    def __init__(self, broker_url: str, queue: str, log_path: Path, **extra_env: str) -> None:
        self.log_path = log_path
        self._log = log_path.open("wb")
        name = f"fault-{uuid.uuid4().hex[:6]}@%h"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "tests.reliability.hooked_worker", "worker",
             "--loglevel=INFO", "--concurrency=1", "--pool=prefork", "-Q", queue,
             "--without-gossip", "--without-mingle", "--without-heartbeat", "-n", name],
            cwd=PROJECT_ROOT,
            env=worker_environment(broker_url, queue, **extra_env),
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip

    def kill(self) -> None:
        """SIGKILL to the whole worker, main process and pool children: nothing is acknowledged
        or cleaned up."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def owns(self, pid: int) -> bool:
        """Whether the (living) process `pid` is this worker or one of its pool processes."""
        try:
            return pid == self.process.pid or os.getpgid(pid) == self.process.pid
        except ProcessLookupError:
            return False


class BeatProcess:
    def __init__(self, broker_url: str, queue: str, folder: Path, **extra_env: str) -> None:
        self.log_path = folder / f"beat-{queue}.log"
        self._log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "beat", "--loglevel=INFO",
             "--schedule", str(folder / f"beat-{queue}.db")],
            cwd=PROJECT_ROOT,
            env=worker_environment(broker_url, queue, **extra_env),
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        self._log.close()


@contextmanager
def running_stack(
    broker_url: str, folder: Path, *, workers: int = 1, beat: bool = False, **env: str
) -> Iterator[list[HookedWorker]]:
    """Workers (and beat) on one queue of their own; this process publishes to it too."""
    queue = f"fault-{uuid.uuid4().hex[:10]}"
    started: list = [
        HookedWorker(broker_url, queue, folder / f"worker-{queue}-{n}.log", **env)
        for n in range(workers)
    ]
    processes = [*started, *([BeatProcess(broker_url, queue, folder, **env)] if beat else [])]
    try:
        with celery_publishing_to(broker_url, queue):
            yield started
    finally:
        for process in processes:
            process.stop()


def logs(workers: list[HookedWorker]) -> str:
    return "\n".join(worker.log() for worker in workers)
