import datetime
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from core.cache import cache_available
from core.public_cache import recent_pages


def _services_required() -> bool:
    return os.environ.get("REQUIRE_SERVICES") == "1" or os.environ.get("CI") == "true"


_shifted_clock = None


def pytest_configure(config):
    # TEST_CLOCK=2026-12-02T00:30:00+08:00 runs the whole suite as if it started at that moment,
    # the clock ticking from there: CI runs at 23:30 and 00:30 in Beijing, where the festival's
    # date and the UTC date differ or are about to, so a date taken in the wrong zone fails.
    global _shifted_clock
    moment = os.environ.get("TEST_CLOCK")
    if moment:
        _shifted_clock = time_machine.travel(datetime.datetime.fromisoformat(moment), tick=True)
        _shifted_clock.start()
    # Under CI the suite must run on PostgreSQL: a missing service fails the run, never skips.
    if _services_required() and settings.DATABASES["default"]["ENGINE"] != "core.postgresql":
        raise pytest.UsageError("CI must run on PostgreSQL: set DATABASE_URL=postgres://…")


# The exhaustive suites: every URL × every role, every page × both languages, every form fuzzed.
# They hold nothing that depends on the database engine or the clock, and take most of the
# suite's time, so the whole suite runs them and the fast tier (-m "not exhaustive") leaves them.
EXHAUSTIVE_MODULES = {
    "tests/permissions/test_matrix.py",
    "tests/permissions/test_api_token_matrix.py",
    "tests/i18n/test_crawl.py",
    "tests/fuzz/test_forms.py",
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if Path(item.path).relative_to(PROJECT_ROOT).as_posix() in EXHAUSTIVE_MODULES:
            item.add_marker(pytest.mark.exhaustive)


def pytest_unconfigure(config):
    if _shifted_clock is not None:
        _shifted_clock.stop()


def pytest_report_header(config):
    if _shifted_clock is not None:
        return f"TEST_CLOCK: the suite started at {os.environ['TEST_CLOCK']}"
    return None


@pytest.fixture(autouse=True)
def _no_language_left_over():
    """Each test starts in the site's default language (Chinese): the language a request or a
    test activated before stays active in the thread, and a test that passed only after an
    English one would fail when shuffled first."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Every test writes uploads and private files to its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "core.storage.PrivateFileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # A test's rows are never committed, so nothing would invalidate cached public pages:
    # tests/core/test_public_cache.py and test_private_cache.py turn the page caches on and commit
    # on purpose.
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    settings.PRIVATE_PAGE_CACHE_SECONDS = 0
    # Each process's recent public pages: off (the tests' cache is the process's memory
    # already) but where tests/core/test_recent_answers.py turns them on, and never carried over.
    settings.PUBLIC_PAGE_PROCESS_SECONDS = 0
    recent_pages.clear()
    # Module-scoped signed-in clients (the permission matrix, the language crawl) outlive any
    # idle limit on a busy machine, and each test's session writes are rolled back: the staff
    # session limits are tested on their own (tests/accounts/test_session_policy.py).
    settings.STAFF_SESSION_IDLE_SECONDS = 7 * 24 * 3600
    settings.STAFF_SESSION_MAX_SECONDS = 7 * 24 * 3600
    cache.clear()
    # A test that made the broker fail must not leave the outbox's circuit breaker open.
    from outbox import services as outbox_services

    outbox_services._broker_down_until = 0.0
    settings.CELERY_TASK_ALWAYS_EAGER = True


@pytest.fixture
def redis_down(settings):
    """The shared cache as production configures it, on a port nothing listens on: connection
    refused, as when Redis has stopped, so the code takes the path it takes then."""
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.FastRedisCache",
            "LOCATION": f"redis://127.0.0.1:{_free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    assert cache_available()  # not yet known down: the first failure finds out


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """The broker for tests that start real workers: the machine's Redis when CELERY_BROKER_URL
    names one (as CI does), otherwise a redis-server of our own on a free port."""
    configured = os.environ.get("CELERY_BROKER_URL", "")
    if configured.startswith("redis://"):
        _wait_for_port(urlparse(configured).hostname, urlparse(configured).port or 6379)
        yield configured
        return
    binary = shutil.which("redis-server")
    if binary is None:
        if _services_required():
            raise RuntimeError("Redis is required under CI")
        pytest.skip("no Redis: set CELERY_BROKER_URL or install redis-server")
    port = _free_port()
    folder = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", str(folder)],
        stdout=subprocess.DEVNULL,
    )
    _wait_for_port("127.0.0.1", port)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)


def _wait_for_port(host: str, port: int, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((host, port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing answers on {host}:{port}")


PROJECT_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs a function and then what it deferred to the commit (cache invalidation, eager
    tasks, deleting replaced files): a test's own transaction never commits."""

    def run(function, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(**kwargs)

    return run


@pytest.fixture
def private_cache_on(settings):
    """The signed-in page and token list caches, off elsewhere in the suite (see above)."""
    settings.PRIVATE_PAGE_CACHE_SECONDS = 60
    cache.clear()
