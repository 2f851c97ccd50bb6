"""Capacity under concurrent requests, with real threads and real transactions on PostgreSQL
(each thread has its own connection; the policy's row lock serialises the seat count)."""

import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from guests.models import Registration
from guests.services import (
    offers_expire,
    registration_cancel,
    registration_confirm,
    registration_create,
    registration_offer_accept,
)
from tests.factories import RegistrationPolicyFactory

Status = Registration.Status
pytestmark = pytest.mark.django_db(transaction=True)


def run_at_once(work: list[Callable[[], object]]) -> list[BaseException]:
    barrier = threading.Barrier(len(work))
    errors: list[BaseException] = []

    def run(job):
        try:
            barrier.wait()
            job()
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(job,)) for job in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def holding(policy) -> int:
    return Registration.objects.filter(
        screening=policy.screening, status__in=Registration.HOLDING
    ).count()


def register_and_confirm(policy, n: int) -> Callable[[], object]:
    def job():
        registration = registration_create(
            screening=policy.screening, category="public", email=f"g{n}@example.org", name_en="G"
        )
        registration_confirm(registration=registration)

    return job


needs_row_locks = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite's in-memory test database cannot serve concurrent threads; CI runs this",
)


@needs_row_locks
def test_fifty_concurrent_registrations_for_twenty_seats():
    policy = RegistrationPolicyFactory(capacity=20)

    errors = run_at_once([register_and_confirm(policy, n) for n in range(50)])

    assert errors == []
    statuses = list(Registration.objects.values_list("status", flat=True))
    assert statuses.count(Status.CONFIRMED) == 20
    assert statuses.count(Status.WAITING) == 30


@needs_row_locks
def test_cancellations_offers_and_acceptances_racing_never_give_a_seat_twice():
    policy = RegistrationPolicyFactory(capacity=10)
    run_at_once([register_and_confirm(policy, n) for n in range(25)])
    confirmed = list(Registration.objects.filter(status=Status.CONFIRMED)[:6])
    registration_cancel(registration=confirmed[0])
    offered = list(Registration.objects.filter(status=Status.OFFERED))

    cancels = [lambda r=r: registration_cancel(registration=r) for r in confirmed[1:]]
    accepts = [lambda r=r: registration_offer_accept(registration=r) for r in offered]
    expiries = [offers_expire for _ in range(3)]
    errors = run_at_once(cancels + accepts + expiries)

    assert errors == []
    assert holding(policy) == 10
    taken = Registration.objects.filter(status__in=Registration.HOLDING)
    assert taken.values("email").distinct().count() == 10
    assert Registration.objects.filter(status=Status.OFFERED).count() == 5


def test_sqlite_path_counts_under_the_write_lock():
    """Without row locks the service first writes the policy row, so the count that follows is
    made under the database's write lock: one UPDATE before the SELECT of the policy."""
    policy = RegistrationPolicyFactory(capacity=1)
    registration = registration_create(
        screening=policy.screening, category="public", email="a@example.org", name_en="A"
    )
    with CaptureQueriesContext(connection) as queries:
        registration_confirm(registration=registration)

    policy_queries = [q["sql"] for q in queries if "guests_registrationpolicy" in q["sql"]]
    locking = [n for n, sql in enumerate(policy_queries) if "screenings_screening" in sql]
    counting = [n for n, sql in enumerate(queries.captured_queries) if "COUNT(" in sql["sql"]]
    if connection.features.has_select_for_update:
        assert "FOR UPDATE" in policy_queries[locking[0]]
    else:
        assert policy_queries[locking[0] - 1].startswith("UPDATE")
    assert counting
