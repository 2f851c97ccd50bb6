import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import SecurityEvent
from accounts.two_factor import totp_device_for_setup, two_factor_enable
from tests.factories import UserFactory
from tests.factories.portal import PASSWORD

pytestmark = pytest.mark.django_db


def current_code(device: TOTPDevice, drift: int = 0) -> str:
    """The app's code now, or `drift` steps ahead (a code is accepted once: the next sign-in in
    the same 30 seconds needs the next one, which the device tolerates)."""
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift)
    return f"{code:0{device.digits}d}"


def with_two_factor(user) -> list[str]:
    device = totp_device_for_setup(user=user)
    return two_factor_enable(device=device, token=current_code(device))


def test_two_factor_setup_shows_the_qr_code_as_an_svg_without_styles(client):
    client.force_login(UserFactory(is_staff=True))

    page = client.get(reverse("accounts:two_factor"))
    image = client.get(reverse("accounts:two_factor_qr"))

    assert reverse("accounts:two_factor_qr") in page.text
    assert image["Content-Type"] == "image/svg+xml"
    assert image.content.startswith(b"<svg")
    assert b"style" not in image.content
    assert b"<script" not in image.content


def test_two_factor_setup_with_the_apps_code_turns_it_on_and_shows_recovery_codes_once(client):
    user = UserFactory(is_staff=True)
    client.force_login(user)
    client.get(reverse("accounts:two_factor"))
    device = TOTPDevice.objects.get(user=user)

    response = client.post(reverse("accounts:two_factor"), {"token": current_code(device)})
    again = client.get(reverse("accounts:two_factor"))

    device.refresh_from_db()
    codes = list(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert device.confirmed is True
    assert len(codes) == 10
    assert all(code in response.text for code in codes)
    assert not any(code in again.text for code in codes)
    assert SecurityEvent.objects.filter(kind="two_factor_enabled", user=user).count() == 1


def test_two_factor_setup_with_a_wrong_code_says_so(client):
    client.force_login(UserFactory())
    client.get(reverse("accounts:two_factor"))

    response = client.post(reverse("accounts:two_factor"), {"token": "000000x"})

    assert response.status_code == 400
    assert "That code is not right" in response.text


def test_login_with_two_factor_asks_for_the_code_before_signing_in(client):
    user = UserFactory(email="staff@example.org", is_staff=True)
    with_two_factor(user)
    device = TOTPDevice.objects.get(user=user)

    password_step = client.post(
        reverse("accounts:login"), {"username": user.email, "password": PASSWORD}
    )
    between = client.get(reverse("portal:home"))
    code_step = client.post(
        reverse("accounts:two_factor_verify"), {"token": current_code(device, drift=1)}
    )

    assert password_step["Location"] == reverse("accounts:two_factor_verify")
    assert between["Location"].startswith(reverse("accounts:login"))
    assert code_step["Location"] == reverse("workspace:home")
    assert client.get(reverse("workspace:home")).status_code == 200


def test_login_with_a_recovery_code_works_once(client):
    user = UserFactory(email="staff@example.org", is_staff=True)
    code = with_two_factor(user)[0]

    def sign_in_with(token):
        fresh = Client()
        fresh.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        fresh.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
        return fresh.post(reverse("accounts:two_factor_verify"), {"token": token})

    first, second = sign_in_with(code), sign_in_with(code)

    assert first.status_code == 302
    assert second.status_code == 400
    assert "That code is not right" in second.text
    assert SecurityEvent.objects.filter(kind="recovery_code_used", user=user).count() == 1


def test_staff_required_to_use_two_factor_are_sent_to_set_it_up(client, settings):
    settings.STAFF_REQUIRE_2FA = True
    client.force_login(UserFactory(is_staff=True))

    workspace = client.get(reverse("workspace:home"))
    admin = client.get(reverse("admin:index"))
    portal = client.get(reverse("accounts:account"))

    assert workspace["Location"] == reverse("accounts:two_factor")
    assert admin["Location"] == reverse("accounts:two_factor")
    assert portal.status_code == 200


def test_staff_with_two_factor_on_pass_it_before_the_workspace_even_when_not_required(client):
    user = UserFactory(is_staff=True)
    with_two_factor(user)
    client.force_login(user)

    response = client.get(reverse("workspace:home"))

    assert response["Location"].startswith(reverse("accounts:two_factor_verify"))


def test_two_factor_turning_off_needs_the_password(client):
    user = UserFactory()
    with_two_factor(user)
    client.force_login(user)

    refused = client.post(reverse("accounts:two_factor_disable"), {"password": "nope"})
    done = client.post(reverse("accounts:two_factor_disable"), {"password": PASSWORD})

    assert refused.status_code == 400
    assert "That is not your password" in refused.text
    assert done["Location"] == reverse("accounts:account")
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert SecurityEvent.objects.filter(kind="two_factor_disabled", user=user).count() == 1


def test_two_factor_cannot_be_turned_off_by_staff_when_required(client, settings):
    settings.STAFF_REQUIRE_2FA = True
    user = UserFactory(is_staff=True)
    with_two_factor(user)
    client.force_login(user)

    client.post(reverse("accounts:two_factor_disable"), {"password": PASSWORD})

    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()
