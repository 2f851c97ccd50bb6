"""Invitations moved from accounts to an app of their own without moving a row: the model's
table keeps its name, and the migrations change only Django's state. Proved on a database with
the demo loaded, migrated back to before the move and forward again."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from invitations.models import Invitation
from tests.factories import InvitationFactory

BEFORE_THE_MOVE = [("invitations", None), ("accounts", "0003_security_events")]


def migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def table_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        # django_migrations is left out: it is the one table migrating back and forth changes.
        tables = set(connection.introspection.table_names(cursor)) - {"django_migrations"}
        for table in sorted(tables):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


@pytest.mark.django_db(transaction=True)
def test_invitation_move_keeps_every_row_of_a_demo_database(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", verbosity=0)
    in_the_demo = Invitation.objects.count()
    invitation = InvitationFactory(email="someone@example.org")
    loaded = table_counts()

    migrate(BEFORE_THE_MOVE)
    before_the_move = table_counts()
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    after = table_counts()

    # Tables that later migrations create (accounts_throttleentry) do not exist before the move.
    assert before_the_move == {t: n for t, n in loaded.items() if t in before_the_move}
    assert after == loaded
    assert loaded["accounts_invitation"] == in_the_demo + 1
    assert Invitation.objects.filter(email=invitation.email).exists()
    assert Invitation._meta.db_table == "accounts_invitation"
