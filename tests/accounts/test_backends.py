import pytest
from django.contrib.auth import SESSION_KEY, get_user
from django.test import RequestFactory

from accounts.backends import PROFILES, AccountBackend, person_with_profiles
from accounts.models import User
from tests.factories import MentorFactory, TalentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_get_user_reads_both_profiles_with_the_person(django_assert_num_queries):
    user = UserFactory()
    TalentFactory(user=user)

    with django_assert_num_queries(1):
        found = AccountBackend().get_user(user.pk)
        roles = (found.is_director, found.is_mentor, found.talent_profile.pk)

    assert roles == (True, False, user.talent_profile.pk)


def test_get_user_of_a_mentor_without_a_director_profile(django_assert_num_queries):
    mentor = MentorFactory(user=UserFactory())

    with django_assert_num_queries(1):
        found = AccountBackend().get_user(mentor.user.pk)
        roles = (found.is_director, found.is_mentor)

    assert roles == (False, True)


def test_get_user_refuses_an_inactive_person_and_an_unknown_id():
    inactive = UserFactory(is_active=False)

    assert AccountBackend().get_user(inactive.pk) is None
    assert AccountBackend().get_user(inactive.pk + 1000) is None


def test_a_signed_in_request_finds_the_person_through_this_backend(client):
    user = UserFactory()
    client.force_login(user)

    request = RequestFactory().get("/")
    request.session = client.session

    assert (request.session[SESSION_KEY], get_user(request).pk) == (str(user.pk), user.pk)


def _fields(instance) -> dict:
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.fields}


def test_the_compiled_person_query_answers_what_the_orm_does(django_assert_num_queries):
    # Every column of the person and both profiles, converted as the ORM converts them (dates,
    # JSON, choices), on whichever database the suite runs.
    user = UserFactory(full_name="林鹏 Chen Linpeng", preferred_language="en")
    TalentFactory(user=user)
    MentorFactory(user=user)
    expected = User.objects.select_related(*PROFILES).get(pk=user.pk)

    with django_assert_num_queries(1):
        found = person_with_profiles.get(user.pk)
        profiles = (found.talent_profile, found.mentor_profile)

    assert _fields(found) == _fields(expected)
    assert [_fields(profile) for profile in profiles] == [
        _fields(expected.talent_profile),
        _fields(expected.mentor_profile),
    ]
    assert not found._state.adding and found._state.db == "default"


def test_the_compiled_person_query_takes_each_requests_own_key():
    first, second = UserFactory(), UserFactory()

    assert person_with_profiles.get(first.pk).email == first.email
    assert person_with_profiles.get(str(second.pk)).email == second.email


def test_the_compiled_person_query_refuses_a_key_that_is_not_one():
    assert person_with_profiles.get("not-a-number") is None


def test_a_person_found_by_the_compiled_query_saves_like_any_other():
    user = UserFactory(full_name="Before")
    found = person_with_profiles.get(user.pk)

    found.full_name = "After"
    found.save()

    user.refresh_from_db()
    assert (user.full_name, user.email) == ("After", found.email)
