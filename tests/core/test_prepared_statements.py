"""core.postgresql's prepared cursor: the statements every request runs (core.compiled_queries)
are prepared once per connection and run from there, seen by query counting and Django's error
translation like any other; an API token's use commits without waiting for the disk only
outside a transaction."""

import datetime

import pytest
from django.db import ProgrammingError, connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import SecurityEvent, User
from accounts.tokens import api_token_authenticate, api_token_hash, api_token_revoke, use_sql
from core.compiled_queries import SKIP_THE_WAIT_CONDITION, KeyLookup
from core.postgresql.base import DatabaseWrapper
from tests.factories import UserFactory
from tests.factories.api import api_token

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="prepared statements of PostgreSQL"
    ),
]


def prepared(fragment: str) -> list[tuple[str, int]]:
    """The connection's prepared statements containing `fragment`, with how often each ran."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT statement, generic_plans + custom_plans FROM pg_prepared_statements "
            "WHERE statement LIKE %s",
            [f"%{fragment}%"],
        )
        return cursor.fetchall()


def setting() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('synchronous_commit')")
        return cursor.fetchone()[0]


def test_a_key_lookup_is_prepared_once_and_each_request_runs_it_with_its_key():
    person = UserFactory(email="prepared@example.org")
    lookup = KeyLookup(lambda: User.objects.filter(is_active=True), field="email", placeholder="")

    found = [lookup.get("prepared@example.org") for _ in range(3)]
    missing = lookup.get("nobody@example.org")

    assert found == [person] * 3 and missing is None
    [(statement, runs)] = prepared(f'FROM "{User._meta.db_table}" WHERE')
    assert '"email" = $1' in statement and runs == 4


def test_its_statements_are_counted_like_any_other():
    person = UserFactory()
    lookup = KeyLookup(lambda: User.objects.all())

    with CaptureQueriesContext(connection) as queries:
        assert lookup.get(person.pk) == person

    [query] = queries.captured_queries
    assert f'FROM "{User._meta.db_table}"' in query["sql"]


def test_a_failing_statement_raises_djangos_error_and_the_connection_goes_on():
    with pytest.raises(ProgrammingError), transaction.atomic(), connection.prepared_cursor() as c:
        c.execute("SELECT no_such_column FROM accounts_user WHERE id = %s", [1])

    assert KeyLookup(lambda: User.objects.all()).get(UserFactory().pk) is not None


@pytest.mark.django_db(transaction=True)
def test_a_token_use_outside_a_transaction_is_one_prepared_statement_that_skips_the_wait():
    _token, raw = api_token(scopes=["read:enrollments"])

    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            assert api_token_authenticate(raw=raw, method="GET", path="/api/v1/enrollments/")

    # As Django logs a statement the server binds: its SQL quoted, then its parameters.
    statements = [query["sql"] for query in queries.captured_queries]
    assert sum("set_config(" in sql for sql in statements) == 3
    [(statement, runs)] = prepared(SKIP_THE_WAIT_CONDITION)
    assert statement.startswith("WITH writing AS (INSERT") and runs == 3
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.API_TOKEN_USED).count() == 3
    assert setting() == "on"  # the connection's later commits wait again


def test_inside_a_transaction_a_token_use_commits_with_it_and_waits_like_it():
    _token, raw = api_token(scopes=["read:enrollments"])

    with CaptureQueriesContext(connection) as queries:
        assert api_token_authenticate(raw=raw, method="GET", path="/api/v1/enrollments/")

    assert connection.in_atomic_block  # the test's own transaction
    [read_and_use] = [q["sql"] for q in queries.captured_queries if "WITH writing AS" in q["sql"]]
    assert "set_config(" not in read_and_use
    assert setting() == "on"
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.API_TOKEN_USED).count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("usable", [True, False])
def test_the_condition_turns_the_wait_off_for_its_own_transaction_when_it_writes(usable):
    token, raw = api_token(scopes=["read:enrollments"])
    if not usable:
        api_token_revoke(token=token, revoked_by=token.user)
    now = timezone.now()
    assert token.expires_at > now + datetime.timedelta(seconds=1)  # only revoking can refuse it
    params = [now, "api_token_used", "127.0.0.1", "GET", "/api/", api_token_hash(raw), now]
    before = SecurityEvent.objects.filter(kind=SecurityEvent.Kind.API_TOKEN_USED).count()

    with transaction.atomic():
        with connection.prepared_cursor() as cursor:
            cursor.execute(use_sql(connection, skip_the_wait=True), params)
        in_the_transaction = setting()
        written = SecurityEvent.objects.filter(kind=SecurityEvent.Kind.API_TOKEN_USED).count()

    assert (written - before, in_the_transaction) == ((1, "off") if usable else (0, "on"))
    assert setting() == "on"


@pytest.mark.parametrize("options", [{}, {"prepare_threshold": None}])
def test_a_connection_told_to_prepare_nothing_prepares_nothing(options):
    # As DATABASE_PREPARED_STATEMENTS=false sets it, for a pooler that keeps no statements.
    other = connections.create_connection("default")
    other.settings_dict = {**other.settings_dict, "OPTIONS": options}
    assert isinstance(other, DatabaseWrapper)
    try:
        for key in (1, 2):
            with other.prepared_cursor() as cursor:
                cursor.execute("SELECT %s::int + 1", [key])
                assert cursor.fetchone() == (key + 1,)
        with other.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_prepared_statements")
            assert cursor.fetchone() == ((0,) if options else (1,))
    finally:
        other.close()
