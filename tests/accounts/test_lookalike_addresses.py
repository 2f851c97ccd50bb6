"""One account, one spelling: addresses are normalised one way everywhere (sign-in, reset,
invitation, uniqueness), the sign-in lock is keyed on the account once found, and lookalike
spellings (dotless ı, long ſ, accents) are refused at sign-up. PostgreSQL's case-insensitive
match used to sign `vıctım@…` in as `victim@…`, each spelling with ten tries of its own."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from invitations.models import Invitation
from invitations.services import invitation_create
from tests.factories import InvitationFactory, TalentFactory, UserFactory
from tests.factories.portal import PASSWORD

pytestmark = pytest.mark.django_db

WRONG = "wrong-password"


def sign_in(client, email, password=WRONG, address="203.0.113.5"):
    return client.post(
        reverse("accounts:login"), {"username": email, "password": password}, REMOTE_ADDR=address
    )


def test_dotless_i_does_not_sign_in_as_the_real_account(client):
    UserFactory(email="victim@example.org")

    response = sign_in(client, "vıctım@example.org", password=PASSWORD)

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_every_spelling_of_one_account_shares_its_ten_tries(client):
    UserFactory(email="staff@example.org")
    spellings = ["staff@example.org", "STAFF@example.org", "ſtaff@example.org", "Staff@Example.ORG"]
    for attempt in range(10):
        sign_in(client, spellings[attempt % 4], address=f"198.51.100.{attempt}")

    response = sign_in(client, "staff@example.org", password=PASSWORD, address="192.0.2.1")

    assert "Too many failed sign-ins" in response.text


def test_upper_and_lower_case_failures_lock_the_account(client):
    UserFactory(email="dana@example.org")
    for attempt in range(10):
        email = "DANA@EXAMPLE.ORG" if attempt % 2 else "dana@example.org"
        sign_in(client, email, address=f"198.51.100.{attempt}")

    response = sign_in(client, "dana@example.org", password=PASSWORD, address="192.0.2.1")

    assert "Too many failed sign-ins" in response.text


def test_lookalike_spelling_is_refused_for_an_invitation():
    with pytest.raises(ValidationError):
        invitation_create(
            email="vıctım@example.org",
            language="en",
            invited_by=UserFactory(),
            talent=TalentFactory(),
        )

    assert Invitation.objects.count() == 0


def test_an_invitation_to_an_existing_account_in_another_case_links_to_it(client):
    existing = UserFactory(email="dana@example.org")
    InvitationFactory(token="tok-case", email="DANA@example.org")
    client.force_login(existing)

    response = client.get(reverse("accounts:invitation_accept", args=["tok-case"]))

    assert response.status_code == 200
    assert response.templates[0].name == "portal/invitation_link.html"
