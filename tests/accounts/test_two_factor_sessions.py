"""Turning on two-factor sign-in ends the person's other sessions: a password-only session
elsewhere kept workspace and admin access after the account got its second factor."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.test_two_factor import current_code
from tests.factories import UserFactory
from tests.factories.portal import PASSWORD

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    assert (
        client.post(
            reverse("accounts:login"), {"username": user.email, "password": PASSWORD}
        ).status_code
        == 302
    )
    return client


def test_turning_on_two_factor_ends_the_other_sessions_and_keeps_this_one():
    user = UserFactory(is_staff=True, is_superuser=True)
    elsewhere = signed_in(user)
    here = signed_in(user)
    assert elsewhere.get(reverse("workspace:home")).status_code == 200
    here.get(reverse("accounts:two_factor"))
    device = TOTPDevice.objects.get(user=user)

    here.post(reverse("accounts:two_factor"), {"token": current_code(device)})

    assert elsewhere.get(reverse("workspace:home")).status_code == 302
    assert elsewhere.get(reverse("admin:index")).status_code == 302
    assert "_auth_user_id" not in elsewhere.session
    assert here.get(reverse("workspace:home")).status_code == 200
