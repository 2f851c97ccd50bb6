"""Django's PostgreSQL backend with a health check that asks the connection's socket instead of
the server (settings: ENGINE = "core.postgresql" for every postgres:// DATABASE_URL).

With CONN_HEALTH_CHECKS, Django checks a persistent connection before a request's first query by
sending `SELECT 1`: one more round trip on every request that touches the database, 11% of an
API token request's time in the web worker (py-spy, issue 19). A connection the server has
closed while it sat idle between requests (a restart, an administrator's
pg_terminate_backend, an idle timeout) has its socket readable at once: the server's last
message and the end of the stream are waiting there. Nothing else arrives unasked on an idle
connection but notices and notifications, which libpq keeps for the next query. So the check
here is a zero-timeout `select()`, and only when something is waiting does libpq read it and say
whether the connection still stands. A connection lost silently (a cable, a firewall dropping it
without a word) fails `SELECT 1` too, only after TCP's own timeout, and fails here at the
request's first query the same way.

Everything else is Django's; after an error in a request, `is_usable()` still asks `SELECT 1`
(tests/core/test_postgresql_backend.py)."""

from __future__ import annotations

import select

import psycopg
from django.db.backends.postgresql.base import CursorMixin
from django.db.backends.postgresql.base import DatabaseWrapper as DjangoDatabaseWrapper
from django.utils.asyncio import async_unsafe

# Reads of what waits on an idle connection before it counts as standing: a server that keeps
# sending notifications cannot hold the check in a loop.
_READS = 8


class PreparedCursor(CursorMixin, psycopg.Cursor):
    """A cursor whose statements the server binds and keeps prepared for the connection's life.

    Django binds parameters on the client (its default, kept for the ORM): every statement
    reaches the server as new text and is parsed and planned anew. For the few statements every
    request runs with only the key changing (core.compiled_queries), planning cost more than
    running: 1.1 ms planning against 0.7 ms execution for an API token's read with its use
    (EXPLAIN ANALYZE, issue 19). Here the statement is prepared on its first run, once per
    connection, and each request sends only its parameters. One statement per execute(), as
    the extended protocol allows. A connection pooler that does not keep prepared statements
    (PgBouncer in transaction mode before 1.21) needs `prepare_threshold: None` in the
    database's OPTIONS (`DATABASE_PREPARED_STATEMENTS=false`): these cursors then prepare
    nothing."""

    def execute(self, query, params=None, *, prepare=None, binary=None):
        return super().execute(query, params, prepare=prepare is not False, binary=binary)


# Django turns psycopg's preparing off (prepare_threshold None) unless OPTIONS say otherwise;
# here it stays on for the statements a PreparedCursor asks for, and for no other: Django's own
# cursors bind on the client and are never prepared, whatever their count.
ONLY_WHEN_ASKED = 2**62


class DatabaseWrapper(DjangoDatabaseWrapper):
    def get_connection_params(self):
        params = super().get_connection_params()
        if "prepare_threshold" not in self.settings_dict["OPTIONS"]:
            params["prepare_threshold"] = ONLY_WHEN_ASKED
        return params

    @async_unsafe
    def prepared_cursor(self):
        """A PreparedCursor, wrapped as connection.cursor() wraps Django's own: query counting,
        execute wrappers and the translation of database errors all see its statements."""
        self.close_if_health_check_failed()
        self.ensure_connection()
        with self.wrap_database_errors:
            return self._prepare_cursor(PreparedCursor(self.connection))

    def close_if_health_check_failed(self):
        if (
            self.pool
            or self.connection is None
            or not self.health_check_enabled
            or self.health_check_done
        ):
            return super().close_if_health_check_failed()
        if self._closed_while_idle():
            self.close()
        self.health_check_done = True

    def _closed_while_idle(self) -> bool:
        if self.connection.closed:
            return True
        pgconn = self.connection.pgconn
        try:
            # The server's farewell and the end of the stream may come in two reads: libpq says
            # the connection is lost when a read finds nothing more (it raises then).
            for _ in range(_READS):
                waiting, _, _ = select.select([pgconn.socket], [], [], 0)
                if not waiting:
                    break
                pgconn.consume_input()
        except (OSError, ValueError, psycopg.Error):
            return True
        return pgconn.status != psycopg.pq.ConnStatus.OK
