import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from accounts.models import SecurityEvent
from accounts.services import security_event_record, user_set_language
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_user_set_language_saves_a_known_language():
    user = UserFactory(preferred_language="en")

    user_set_language(user=user, language="zh-hans")

    user.refresh_from_db()
    assert user.preferred_language == "zh-hans"


def test_user_set_language_refuses_an_unknown_language():
    user = UserFactory(preferred_language="en")

    with pytest.raises(ValidationError):
        user_set_language(user=user, language="fr")

    user.refresh_from_db()
    assert user.preferred_language == "en"


def test_security_event_record_takes_the_actor_and_address_from_the_request():
    person, staff = UserFactory(), UserFactory(is_staff=True)
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.9")
    request.user = staff

    event = security_event_record(
        kind=SecurityEvent.Kind.ROLE_CHANGED,
        user=person,
        details={"is_staff": True},
        request=request,
    )

    event.refresh_from_db()
    assert (event.user, event.email, event.actor, event.actor_email) == (
        person,
        person.email,
        staff,
        staff.email,
    )
    assert (event.ip_address, event.details) == ("203.0.113.9", {"is_staff": True})


def test_security_event_record_outside_a_request_keeps_the_address_given_and_no_actor():
    event = security_event_record(kind=SecurityEvent.Kind.LOGIN_FAILED, email="who@example.org")

    assert (event.user, event.email, event.actor, event.actor_email, event.ip_address) == (
        None,
        "who@example.org",
        None,
        "",
        None,
    )


def test_security_event_record_refuses_an_unknown_kind():
    with pytest.raises(ValidationError):
        security_event_record(kind="coffee_made", email="who@example.org")

    assert not SecurityEvent.objects.exists()


def test_security_event_record_of_people_read_from_the_database_is_one_insert(
    django_assert_num_queries,
):
    dana, staff = UserFactory(email="dana@example.org"), UserFactory(is_staff=True)

    with django_assert_num_queries(1):  # the INSERT: no existence check of either person
        event = security_event_record(kind="api_token_used", user=dana, actor=staff)

    assert SecurityEvent.objects.filter(pk=event.pk, user=dana, actor=staff).exists()


def test_security_event_record_of_saved_people_still_checks_every_other_field():
    dana = UserFactory(email="dana@example.org")

    with pytest.raises(ValidationError):
        security_event_record(kind="coffee_made", user=dana, actor=dana)

    assert not SecurityEvent.objects.exists()
