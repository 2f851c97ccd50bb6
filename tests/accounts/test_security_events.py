import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from accounts.models import SecurityEvent
from accounts.services import security_event_record
from tests.factories import InvitationFactory, UserFactory, portal_world
from tests.factories.portal import PASSWORD
from tests.permissions.expectations import file_submission

pytestmark = pytest.mark.django_db


def kinds(**filters) -> list[str]:
    return list(SecurityEvent.objects.filter(**filters).values_list("kind", flat=True))


def test_login_success_and_failure_are_recorded_with_the_address(client):
    user = UserFactory(email="dana@example.org")

    client.post(
        reverse("accounts:login"),
        {"username": user.email, "password": "wrong"},
        REMOTE_ADDR="203.0.113.4",
    )
    client.post(
        reverse("accounts:login"),
        {"username": user.email, "password": PASSWORD},
        REMOTE_ADDR="203.0.113.4",
    )

    events = SecurityEvent.objects.filter(user=user).order_by("id")
    assert [(e.kind, e.ip_address) for e in events] == [
        ("login_failed", "203.0.113.4"),
        ("login_succeeded", "203.0.113.4"),
    ]


def test_role_changes_are_recorded_with_who_made_them(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    person = UserFactory()
    client.force_login(staff)
    url = reverse("admin:accounts_user_change", args=[person.pk])
    group = Group.objects.create(name="Editors")
    form = {
        "email": person.email, "full_name": person.full_name, "preferred_language": "en",
        "is_active": "on", "is_staff": "on", "groups": [group.pk],
        "last_login_0": "", "last_login_1": "", "date_joined_0": "2024-01-01",
        "date_joined_1": "10:00:00",
    }  # fmt: skip

    client.post(url, form)

    events = SecurityEvent.objects.filter(user=person, kind="role_changed").order_by("id")
    assert [e.details["changes"] for e in events] == [
        {"is_staff": [False, True]},
        {"groups": {"add": ["Editors"]}},
    ]
    assert {e.actor for e in events} == {staff}


def test_invitation_use_is_recorded(client):
    invitation = InvitationFactory(token="abc", email="new@example.org")

    client.post(
        reverse("accounts:invitation_accept", kwargs={"token": "abc"}),
        {"full_name": "New", "new_password1": "a-long-pass-99", "new_password2": "a-long-pass-99"},
    )

    event = SecurityEvent.objects.get(kind="invitation_used")
    assert event.email == "new@example.org"
    assert event.details["invitation"] == invitation.pk


def test_confidential_download_is_recorded_with_who_downloaded(client):
    world = portal_world()
    submission = file_submission(world)
    client.force_login(world.producer)

    client.get(reverse("portal:submission_file", kwargs={"submission_id": submission.pk}))

    event = SecurityEvent.objects.get(kind="deliverable_downloaded")
    assert (event.actor, event.details["submission"]) == (world.producer, submission.pk)


def test_refused_download_is_not_recorded(client):
    world = portal_world()
    submission = file_submission(world)
    client.force_login(world.unrelated_mentor)

    response = client.get(
        reverse("portal:submission_file", kwargs={"submission_id": submission.pk})
    )

    assert response.status_code == 404
    assert kinds(kind="deliverable_downloaded") == []


def test_security_page_filters_by_event_and_person(client):
    staff = UserFactory(is_staff=True)
    security_event_record(kind="login_failed", email="dana@example.org")
    security_event_record(kind="login_failed", email="lee@example.org")
    security_event_record(kind="data_exported", email="dana@example.org")
    client.force_login(staff)

    response = client.get(
        reverse("workspace:security_events"), {"kind": "login_failed", "person": "dana"}
    )

    assert [(e.kind, e.email) for e in response.context["page"]] == [
        ("login_failed", "dana@example.org")
    ]


def test_security_page_with_reversed_days_says_so(client):
    client.force_login(UserFactory(is_staff=True))

    with translation.override("en"):
        url = reverse("workspace:security_events")  # /en/…

    response = client.get(url, {"since": "2025-02-01", "until": "2025-01-01"})

    assert response.status_code == 400
    # The message is lazy: read in the language the page was made in.
    with translation.override("en"):
        assert response.context["form"].non_field_errors() == [
            "The first day comes after the last."
        ]
    assert "The first day comes after the last." in response.content.decode()


@pytest.mark.parametrize("count", [1, 30])
def test_security_page_query_count_is_fixed(client, django_assert_max_num_queries, count):
    client.force_login(UserFactory(is_staff=True))
    for _ in range(count):
        security_event_record(kind="login_failed", email="dana@example.org")

    with django_assert_max_num_queries(6):
        response = client.get(reverse("workspace:security_events"), {"kind": "login_failed"})

    assert len(response.context["page"]) == count
