"""core.postgresql: a persistent connection the server closed while it sat idle is replaced
before the request's first query, found by reading its socket, with no `SELECT 1` sent to a
healthy one."""

import select
import time

import pytest
from django.db import close_old_connections, connection, connections

from core.postgresql.base import DatabaseWrapper

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the backend for PostgreSQL connections"
    ),
]


def backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def persistent_connection() -> int:
    """The test's connection as a web worker keeps it between requests."""
    pid = backend_pid()
    assert connection.health_check_enabled
    connection.close_at = None  # never too old, whatever the test's CONN_MAX_AGE
    return pid


def terminated_by_the_server(pid: int) -> None:
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        other.close()
    # The server process leaves its table of connections a moment before its socket closes.
    waiting, _, _ = select.select([connection.connection.pgconn.socket], [], [], 5)
    assert waiting, "the server did not end the connection"
    time.sleep(0.05)  # its farewell and the end of the stream


def test_the_settings_use_this_backend():
    assert isinstance(connections["default"], DatabaseWrapper)


def test_a_connection_the_server_closed_between_requests_is_replaced_before_the_next():
    pid = persistent_connection()

    close_old_connections()  # the request ends
    terminated_by_the_server(pid)
    close_old_connections()  # the next begins

    assert backend_pid() != pid


def test_a_healthy_connection_is_not_asked_select_1(monkeypatch):
    pid = persistent_connection()

    def asked(self):
        raise AssertionError("SELECT 1 sent")

    monkeypatch.setattr(DatabaseWrapper, "is_usable", asked)
    close_old_connections()

    assert backend_pid() == pid
    assert connection.health_check_done


def test_a_notice_waiting_on_an_idle_connection_does_not_close_it():
    pid = persistent_connection()
    with connection.cursor() as cursor:
        # LISTEN, then NOTIFY from another connection: a message arrives unasked.
        cursor.execute("LISTEN festival")
    other = connections.create_connection("default")
    with other.cursor() as cursor:
        cursor.execute("NOTIFY festival, 'lineup'")
    other.close()
    time.sleep(0.05)

    close_old_connections()

    assert backend_pid() == pid
