import datetime

import pytest
from django.utils import timezone

from accounts.models import ApiToken, SecurityEvent
from accounts.selectors import api_tokens_for_staff, security_events_filtered
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def event(kind=SecurityEvent.Kind.LOGIN_SUCCEEDED, *, day=None, **fields) -> SecurityEvent:
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12))) if day else None
    extra = {"recorded_at": moment} if moment else {}
    return SecurityEvent.objects.create(kind=kind, **extra, **fields)


def test_security_events_filtered_without_filters_is_every_event_newest_first():
    old = event(day=datetime.date(2026, 3, 1))
    new = event(day=datetime.date(2026, 3, 2))

    assert list(security_events_filtered()) == [new, old]


def test_security_events_filtered_by_kind_and_by_address():
    wanted = event(SecurityEvent.Kind.LOGIN_FAILED, ip_address="203.0.113.1")
    event(SecurityEvent.Kind.LOGIN_FAILED, ip_address="203.0.113.2")
    event(SecurityEvent.Kind.LOGIN_SUCCEEDED, ip_address="203.0.113.1")

    found = security_events_filtered(kind=SecurityEvent.Kind.LOGIN_FAILED, ip_address="203.0.113.1")

    assert list(found) == [wanted]


def test_security_events_filtered_by_person_matches_the_account_or_the_actor():
    concerned = event(email="dana@example.org")
    acting = event(email="li@example.org", actor_email="DANA@example.org")
    event(email="li@example.org")

    found = security_events_filtered(person="dana@")

    assert set(found) == {concerned, acting}


def test_security_events_filtered_by_days_includes_both_ends():
    event(day=datetime.date(2026, 3, 1))
    inside = [event(day=datetime.date(2026, 3, 2)), event(day=datetime.date(2026, 3, 3))]
    event(day=datetime.date(2026, 3, 4))

    found = security_events_filtered(
        since=datetime.date(2026, 3, 2), until=datetime.date(2026, 3, 3)
    )

    assert list(found) == inside[::-1]


def test_api_tokens_for_staff_lists_usable_tokens_first_then_newest():
    now = timezone.now()
    user = UserFactory()

    def token(name, *, age, revoked=False):
        return ApiToken.objects.create(
            user=user,
            name=name,
            token_hash=name.ljust(64, "0"),
            scopes=[ApiToken.Scope.READ_ENROLLMENTS],
            created_at=now - datetime.timedelta(days=age),
            expires_at=now + datetime.timedelta(days=30),
            revoked_at=now if revoked else None,
        )

    revoked_new = token("a", age=0, revoked=True)
    usable_old = token("b", age=2)
    usable_new = token("c", age=1)

    assert list(api_tokens_for_staff()) == [usable_new, usable_old, revoked_new]


def test_api_tokens_for_staff_reads_owners_in_the_same_query(django_assert_num_queries):
    now = timezone.now()
    for n in range(3):
        ApiToken.objects.create(
            user=UserFactory(),
            created_by=UserFactory(),
            name=f"t{n}",
            token_hash=str(n).ljust(64, "0"),
            scopes=[ApiToken.Scope.READ_ENROLLMENTS],
            expires_at=now + datetime.timedelta(days=1),
        )

    with django_assert_num_queries(1):
        owners = [(t.user.email, t.created_by.email) for t in api_tokens_for_staff()]

    assert len(owners) == 3
