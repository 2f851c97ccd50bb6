"""Where people land after signing in, and the links every signed-in page gives to each area the
person may enter (issue 13 §3)."""

import pytest
from django.urls import reverse

from tests.factories import InvitationFactory, MentorFactory, TalentFactory, UserFactory
from tests.factories.grants import finance_user
from tests.factories.portal import PASSWORD

pytestmark = pytest.mark.django_db


def _sign_in(client, email: str):
    return client.post(reverse("accounts:login"), {"username": email, "password": PASSWORD})


def test_staff_land_on_the_workspace_after_signing_in(client):
    UserFactory(email="staff@example.org", is_staff=True)

    response = _sign_in(client, "staff@example.org")

    assert response["Location"] == reverse("workspace:home")


def test_a_director_lands_on_the_portal_after_signing_in(client):
    TalentFactory(user=UserFactory(email="dana@example.org"))

    response = _sign_in(client, "dana@example.org")

    assert response["Location"] == reverse("portal:home")


def test_the_finance_role_lands_on_the_payments_after_signing_in(client):
    finance_user(email="fei@example.org")

    response = _sign_in(client, "fei@example.org")

    assert response["Location"] == reverse("workspace:finance")


def test_the_finance_role_is_shown_finance_and_no_empty_portal(client):
    client.force_login(finance_user())

    html = client.get(reverse("accounts:account")).text

    assert f'href="{reverse("workspace:finance")}"' in html
    assert _area_links(html) == {"workspace": False, "portal": False, "account": True}


def test_a_director_is_shown_no_finance_link(client):
    user = UserFactory()
    TalentFactory(user=user)
    client.force_login(user)

    html = client.get(reverse("accounts:account")).text

    assert f'href="{reverse("workspace:finance")}"' not in html


def _area_links(html: str) -> dict[str, bool]:
    return {
        "workspace": f'href="{reverse("workspace:home")}"' in html,
        "portal": f'href="{reverse("portal:home")}"' in html,
        "account": f'href="{reverse("accounts:account")}"' in html,
    }


def test_every_workspace_page_links_to_the_portal_for_staff_who_also_mentor(client):
    user = UserFactory(is_staff=True)
    MentorFactory(user=user)
    client.force_login(user)

    response = client.get(reverse("workspace:talents"))

    assert _area_links(response.text) == {"workspace": True, "portal": True, "account": True}


def test_the_workspace_links_no_portal_for_staff_with_no_profile(client):
    client.force_login(UserFactory(is_staff=True))

    response = client.get(reverse("workspace:home"))

    assert _area_links(response.text) == {"workspace": True, "portal": False, "account": True}


def test_account_pages_link_staff_back_to_the_workspace(client):
    client.force_login(UserFactory(is_staff=True))

    response = client.get(reverse("accounts:account"))

    assert _area_links(response.text) == {"workspace": True, "portal": False, "account": True}


def test_a_director_sees_no_link_to_the_workspace(client):
    user = UserFactory()
    TalentFactory(user=user)
    client.force_login(user)

    response = client.get(reverse("accounts:account"))

    assert _area_links(response.text) == {"workspace": False, "portal": True, "account": True}


def test_accepting_an_invitation_prefills_the_name_staff_entered(client):
    talent = TalentFactory(name_original="陈林鹏", name_latin="Chen Linpeng")
    InvitationFactory(token="tok-1", talent=talent, language="en")

    response = client.get(reverse("accounts:invitation_accept", args=["tok-1"]))

    assert response.context["form"]["full_name"].value() == talent.display_name
