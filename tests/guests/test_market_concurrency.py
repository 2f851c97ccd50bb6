"""Nobody in two places at once and no table twice, enforced by the database: on PostgreSQL the
exclusion constraints refuse an overlap whatever the code does, and concurrent requests and
acceptances, with real threads and transactions, end with exactly what fits. (On SQLite the
service checks under the write lock: test_market covers the same refusals one at a time.)"""

import threading
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, connections, transaction
from django.utils import translation

from guests import market as market_module
from guests.market import meeting_accept, meeting_request
from guests.models import Meeting, MeetingAttendee
from tests.factories import FilmFactory, MentorFactory, UserFactory
from tests.factories.guests import IndustryAccreditationFactory
from tests.guests.conftest import market_world

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the exclusion constraints and concurrent threads need PostgreSQL; CI runs these",
)
Status = Meeting.Status


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def run_at_once(work: list[Callable[[], object]]) -> list[str]:
    """Start every job at the same moment, each on its own connection; "done" or "refused"."""
    barrier = threading.Barrier(len(work))
    outcomes: list[str] = []

    def run(job):
        try:
            barrier.wait()
            job()
            outcomes.append("done")
        except ValidationError:
            outcomes.append("refused")
        except BaseException as error:  # anything else is a failure the assert shows
            outcomes.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(job,)) for job in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


def ask(market, film=None, accreditation=None, n=0) -> Meeting:
    return meeting_request(
        accreditation=accreditation or market.accreditation,
        film=film or market.film,
        market_day=market.day,
        starts_at=market.slot(n),
    )


@postgresql_only
@pytest.mark.django_db
def test_the_database_refuses_one_person_in_two_overlapping_meetings():
    market = market_world()
    meeting = ask(market)
    other = Meeting.objects.create(
        market_day=market.day,
        accreditation=market.accreditation,
        film=FilmFactory(cohort=market.day.cohort),
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
    )

    overlapping = {"starts_at": meeting.starts_at.replace(minute=15), "ends_at": meeting.ends_at}

    with (
        pytest.raises(IntegrityError, match="person_in_one_meeting_at_a_time"),
        transaction.atomic(),
    ):
        MeetingAttendee.objects.create(meeting=other, user=market.guest, **overlapping)


@postgresql_only
@pytest.mark.django_db
def test_the_database_refuses_two_accepted_meetings_at_one_table_and_allows_back_to_back():
    market = market_world()
    meeting = meeting_accept(meeting=ask(market), decided_by=market.director)
    other = market_world(day=market.day)
    second = ask(other, n=1)
    Meeting.objects.filter(pk=second.pk).update(status=Status.ACCEPTED, table=meeting.table)

    with pytest.raises(IntegrityError, match="meeting_table_free"), transaction.atomic():
        Meeting.objects.filter(pk=second.pk).update(
            starts_at=meeting.starts_at, ends_at=meeting.ends_at
        )


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_one_guest_asking_six_teams_for_one_time_at_once_gets_one_meeting():
    market = market_world()
    films = [
        FilmFactory(cohort=market.day.cohort, producer=MentorFactory(user=UserFactory()))
        for _ in range(6)
    ]

    outcomes = run_at_once([lambda f=f: ask(market, film=f) for f in films])

    assert outcomes == ["done"] + ["refused"] * 5
    assert Meeting.objects.filter(status=Status.REQUESTED).count() == 1
    assert MeetingAttendee.objects.filter(user=market.guest).count() == 1


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_team_accepting_six_requests_for_one_time_at_once_is_in_one_meeting():
    market = market_world()
    guests = [IndustryAccreditationFactory(cohort=market.day.cohort) for _ in range(6)]
    requests = [ask(market, accreditation=guest) for guest in guests]

    outcomes = run_at_once(
        [lambda m=m: meeting_accept(meeting=m, decided_by=market.director) for m in requests]
    )

    assert outcomes == ["done"] + ["refused"] * 5
    assert Meeting.objects.filter(status=Status.ACCEPTED).count() == 1
    assert MeetingAttendee.objects.filter(user=market.producer).count() == 1


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_five_acceptances_at_once_for_two_tables_seat_two_at_different_tables():
    first = market_world()
    worlds = [first] + [market_world(day=first.day) for _ in range(4)]
    requests = [ask(world) for world in worlds]

    outcomes = run_at_once(
        [
            lambda m=m, w=w: meeting_accept(meeting=m, decided_by=w.director)
            for m, w in zip(requests, worlds, strict=True)
        ]
    )

    assert outcomes == ["done"] * 2 + ["refused"] * 3
    tables = Meeting.objects.filter(status=Status.ACCEPTED).values_list("table", flat=True)
    assert sorted(tables) == [1, 2]


@postgresql_only
@pytest.mark.django_db
def test_a_request_the_checks_missed_is_refused_by_the_database_with_a_message(monkeypatch):
    market = market_world()
    ask(market)
    # As if the check had not seen the guest's other meeting (a write from elsewhere).
    monkeypatch.setattr(market_module, "_busy", lambda *args: MeetingAttendee.objects.none())
    other = FilmFactory(cohort=market.day.cohort, producer=MentorFactory(user=UserFactory()))

    with pytest.raises(ValidationError) as error:
        ask(market, film=other)

    assert error.value.messages == [
        "Somebody in this meeting was booked at that time a moment ago."
    ]
    assert Meeting.objects.count() == 1
