import pytest
from django.contrib.auth import SESSION_KEY, get_user
from django.test import RequestFactory

from accounts.backends import AccountBackend
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
