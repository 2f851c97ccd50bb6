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
from django.db.backends.postgresql.base import DatabaseWrapper as DjangoDatabaseWrapper

# Reads of what waits on an idle connection before it counts as standing: a server that keeps
# sending notifications cannot hold the check in a loop.
_READS = 8


class DatabaseWrapper(DjangoDatabaseWrapper):
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
