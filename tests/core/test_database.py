"""The embedded database takes several writers at once: the web process, Celery workers and a
test's worker processes share one SQLite file (issue 13)."""

import threading
import time

import pytest
from django.db import connection, connections, transaction

from programs.models import Program


@pytest.mark.django_db(transaction=True)
def test_two_writers_that_read_first_both_commit():
    start = threading.Barrier(2, timeout=10)
    errors: list[Exception] = []

    def writer(number: int) -> None:
        try:
            start.wait()
            with transaction.atomic():
                Program.objects.count()
                # Both hold a read lock here under SQLite's default (deferred) transactions,
                # and the second to write fails at once with "database is locked".
                time.sleep(0.3)
                Program.objects.create(slug=f"writer-{number}", name_en=f"Writer {number}")
        except Exception as error:  # the test reports whatever a writer hit
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(number,)) for number in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert Program.objects.filter(slug__startswith="writer-").count() == 2


@pytest.mark.django_db
def test_sqlite_readers_do_not_wait_for_a_writer():
    if connection.vendor != "sqlite":
        assert connection.vendor == "postgresql"
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
